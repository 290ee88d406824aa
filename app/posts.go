package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"quire/backend/post"
	"quire/backend/store"
)

// Posts opens, saves and manages single posts for the editor. The editor
// holds a post as one file (YAML front matter and body); saving sends that
// text back and it is parsed here with backend/post.
type Posts struct {
	st  *store.Store
	ctx context.Context
	now func() time.Time
	// afterSave is told of each post saved, so a linked file follows.
	afterSave func(id int64)
}

// NewPosts returns the Posts service over st.
func NewPosts(st *store.Store) *Posts {
	return &Posts{st: st, ctx: context.Background(), now: time.Now}
}

// OpenPost is a post as the editor shows it.
type OpenPost struct {
	ID       int64       `json:"id"`
	Revision int64       `json:"revision"`
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	Status   post.Status `json:"status"`
	Updated  time.Time   `json:"updated"`
	// Text is the whole file: front matter and body.
	Text string `json:"text"`
	// Recovery is text typed into this post that was never saved (the app
	// crashed or the text did not parse); the editor offers it back.
	Recovery string `json:"recovery,omitempty"`
}

// SaveRequest is the editor's text of post ID, based on revision Revision.
type SaveRequest struct {
	ID       int64  `json:"id"`
	Revision int64  `json:"revision"`
	Text     string `json:"text"`
	// Explicit marks a save the writer asked for (Ctrl+S): it makes a
	// revision of its own instead of extending the running autosave.
	Explicit bool `json:"explicit"`
}

// SaveResult is what a save did.
type SaveResult struct {
	Revision int64       `json:"revision"`
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	Status   post.Status `json:"status"`
	Updated  time.Time   `json:"updated"`
	Warnings []string    `json:"warnings"`
	// Conflict is set when the post changed since Revision: nothing was
	// overwritten and the editor's text was kept as revision Conflict.Saved.
	Conflict *Conflict `json:"conflict,omitempty"`
}

// Conflict describes a refused save; both versions are kept.
type Conflict struct {
	Current int64  `json:"current"` // the post's revision now
	Saved   int64  `json:"saved"`   // the revision holding the editor's text
	Message string `json:"message"`
}

// fileText is the post as the editor shows it: the updated time is left out
// (the store keeps it; it would change on every save).
func fileText(p *post.Post) (string, error) {
	b, err := p.MarshalEditable()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func (s *Posts) opened(p *post.Post) (OpenPost, error) {
	text, err := fileText(p)
	if err != nil {
		return OpenPost{}, fmt.Errorf("open post %q: %w", p.Slug, err)
	}
	o := OpenPost{ID: p.ID, Revision: p.Revision, Slug: p.Slug, Title: p.Title, Status: p.EffectiveStatus(s.now()),
		Updated: p.Updated, Text: text}
	if rec, ok, err := s.st.Recovery(s.ctx, p.ID); err != nil {
		return OpenPost{}, err
	} else if ok && rec != text {
		o.Recovery = rec
	}
	return o, nil
}

// Open returns post id for the editor.
func (s *Posts) Open(id int64) (OpenPost, error) {
	p, err := s.st.GetPost(s.ctx, id)
	if err != nil {
		return OpenPost{}, err
	}
	return s.opened(p)
}

// Create adds a new draft titled title ("Untitled" when empty) and returns it.
func (s *Posts) Create(title string) (OpenPost, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		title = "Untitled"
	}
	p := &post.Post{Title: title, Status: post.StatusDraft, Body: "\n"}
	if err := s.st.CreatePost(s.ctx, p); err != nil {
		return OpenPost{}, err
	}
	return s.opened(p)
}

// Duplicate copies post id into a new draft titled "… (copy)".
func (s *Posts) Duplicate(id int64) (OpenPost, error) {
	p, err := s.st.GetPost(s.ctx, id)
	if err != nil {
		return OpenPost{}, err
	}
	c := p.Clone()
	c.ID, c.Slug, c.Source, c.Revision = 0, "", "", 0
	c.Title = strings.TrimSpace(p.Title + " (copy)")
	c.Status = post.StatusDraft
	if err := s.st.CreatePost(s.ctx, c); err != nil {
		return OpenPost{}, err
	}
	return s.opened(c)
}

// Save parses the editor's text and stores it as the post's new content.
// Text that does not parse is refused with the reason (file line and
// message) and kept as the post's recovery text, so it is not lost; the
// previous saved version stays current.
func (s *Posts) Save(req SaveRequest) (SaveResult, error) {
	if req.ID <= 0 {
		return SaveResult{}, fmt.Errorf("save: no post given: %w", post.ErrInvalid)
	}
	if len(req.Text) > store.MaxBodySize {
		return SaveResult{}, fmt.Errorf("save: the post is %d MB; the limit is %d MB: %w", len(req.Text)>>20, store.MaxBodySize>>20, post.ErrInvalid)
	}
	cur, err := s.st.GetPost(s.ctx, req.ID)
	if err != nil {
		return SaveResult{}, err
	}
	p, warnings, err := post.ParseFile("", []byte(req.Text))
	if err != nil {
		s.keep(req.ID, req.Text)
		return SaveResult{}, err
	}
	p.ID, p.Revision, p.Source = req.ID, req.Revision, cur.Source
	// The editor shows the file's text, which does not say what Quire
	// derived from the file's place (a draft of _drafts/): keep that.
	p.InheritDerived(cur)
	if p.Slug == "" {
		p.Slug = cur.Slug
		// A draft's slug follows its title until it is set by hand.
		if cur.Status == post.StatusDraft && p.Title != cur.Title && followsTitle(cur.Slug, cur.Title) {
			if p.Slug, err = s.freeSlug(post.Slugify(p.Title), p.ID); err != nil {
				return SaveResult{}, err
			}
		}
	}
	kind := store.KindAutosave
	if req.Explicit {
		kind = store.KindSave
	}
	err = s.st.SavePost(s.ctx, p, kind)
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		s.clearRecovery(req.ID)
		return SaveResult{Revision: req.Revision, Slug: cur.Slug, Title: cur.Title, Status: cur.EffectiveStatus(s.now()), Updated: cur.Updated,
			Conflict: &Conflict{Current: ce.Current, Saved: ce.Saved, Message: ce.Error()}}, nil
	}
	if err != nil {
		s.keep(req.ID, req.Text)
		return SaveResult{}, err
	}
	s.clearRecovery(req.ID)
	if s.afterSave != nil {
		s.afterSave(p.ID)
	}
	res := SaveResult{Revision: p.Revision, Slug: p.Slug, Title: p.Title, Status: p.EffectiveStatus(s.now()), Updated: p.Updated, Warnings: []string{}}
	for _, w := range warnings {
		res.Warnings = append(res.Warnings, w.String())
	}
	return res, nil
}

func (s *Posts) keep(id int64, text string) {
	_ = s.st.KeepRecovery(s.ctx, id, text)
}

func (s *Posts) clearRecovery(id int64) {
	_ = s.st.ClearRecovery(s.ctx, id)
}

// KeepRecovery stores unsaved text of post id, so a crash before the next
// save loses nothing; the next good save clears it.
func (s *Posts) KeepRecovery(id int64, text string) error {
	if id <= 0 {
		return fmt.Errorf("keep unsaved text: no post given: %w", post.ErrInvalid)
	}
	if !utf8.ValidString(text) {
		return fmt.Errorf("keep unsaved text: not valid UTF-8: %w", post.ErrInvalid)
	}
	return s.st.KeepRecovery(s.ctx, id, text)
}

// DiscardRecovery forgets the unsaved text of post id.
func (s *Posts) DiscardRecovery(id int64) error {
	return s.st.ClearRecovery(s.ctx, id)
}

// Trash moves post id to the trash.
func (s *Posts) Trash(id int64) error { return s.st.TrashPost(s.ctx, id) }

// Restore takes post id out of the trash.
func (s *Posts) Restore(id int64) error { return s.st.RestorePost(s.ctx, id) }

// Revisions lists the kept revisions of post id, newest first.
func (s *Posts) Revisions(id int64) ([]store.Revision, error) {
	revs, err := s.st.Revisions(s.ctx, id)
	if revs == nil {
		revs = []store.Revision{}
	}
	return revs, err
}

// RevisionText returns revision rev of post id as the editor would show it.
func (s *Posts) RevisionText(id, rev int64) (string, error) {
	r, err := s.st.Revision(s.ctx, id, rev)
	if err != nil {
		return "", err
	}
	return fileText(r.Post)
}

// RestoreRevision makes revision rev the current content of post id (as a
// new revision, so nothing is lost) and returns the post.
func (s *Posts) RestoreRevision(id, rev int64) (OpenPost, error) {
	if _, err := s.st.RestoreRevision(s.ctx, id, rev); err != nil {
		return OpenPost{}, err
	}
	s.clearRecovery(id)
	return s.Open(id)
}

// followsTitle reports whether slug is the one made from title, perhaps
// with a -2, -3 suffix added to make it unique.
func followsTitle(slug, title string) bool {
	base := post.Slugify(title)
	if slug == base {
		return true
	}
	n, ok := strings.CutPrefix(slug, base+"-")
	if !ok || n == "" {
		return false
	}
	_, err := strconv.Atoi(n)
	return err == nil
}

// EmptyTrash deletes every post in the trash for good and says how many.
func (s *Posts) EmptyTrash() (int, error) { return s.st.EmptyTrash(s.ctx) }

// Purge deletes post id, which must be in the trash, for good.
func (s *Posts) Purge(id int64) error { return s.st.PurgePost(s.ctx, id) }
