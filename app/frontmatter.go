package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"quire/backend/post"
)

// The post settings panel is a view of the front matter in the editor: it
// reads the fields from the text's front-matter block, and an edit in the
// panel returns the block with that key's lines edited, which the editor
// puts in place of the old one (as one undoable change). Parsing and writing is backend/post's, so
// the panel and a saved file always agree.

// Fields is the front matter as the settings panel shows it.
type Fields struct {
	// Values are the known fields the panel shows (post.KnownFields with a
	// label), by key: text, a status, a list, or a date as
	// "2006-01-02T15:04" for a datetime-local input ("" for none). The
	// frontend's type of it is generated from the same table
	// (frontend/src/api/fields.ts).
	Values   map[string]any `json:"values"`
	Extra    []ExtraField   `json:"extra"`
	Warnings []string       `json:"warnings"`
}

// ExtraField is another front-matter key with its value written as YAML.
type ExtraField struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// FieldEdit changes one field. Field is the key of a known field the panel
// shows (post.KnownFields: Value for text, a date or a status, List for a
// list), extra (set Key to Value, a YAML value; OldKey renames) or
// extra-remove (Key).
type FieldEdit struct {
	Field  string   `json:"field"`
	Value  string   `json:"value"`
	List   []string `json:"list"`
	Key    string   `json:"key"`
	OldKey string   `json:"oldKey"`
	// PostID is the post being edited, so a slug taken by another post is refused.
	PostID int64 `json:"postId"`
	// FollowTitle makes a title edit set the slug from the new title.
	FollowTitle bool `json:"followTitle"`
}

// Fields parses the front-matter block head (the text up to and including
// its closing fence; "" when the post has none) of post postID (0 for none).
func (s *Posts) Fields(head string, postID int64) (Fields, error) {
	p, warnings, err := s.parseHead(head, postID)
	if err != nil {
		return Fields{}, err
	}
	f := Fields{Values: map[string]any{}, Extra: []ExtraField{}, Warnings: []string{}}
	for i := range post.KnownFields {
		kf := &post.KnownFields[i]
		if kf.Label == "" {
			continue
		}
		switch v := kf.Ptr(p).(type) {
		case *time.Time:
			f.Values[kf.Key] = ""
			if !v.IsZero() {
				f.Values[kf.Key] = v.Format("2006-01-02T15:04")
			}
		case *[]string:
			f.Values[kf.Key] = nonNil(*v)
		default:
			f.Values[kf.Key] = kf.Value(p)
		}
	}
	for _, x := range p.Extra {
		b, err := post.EncodeMap(post.Map{x})
		if err != nil {
			return Fields{}, err
		}
		v := strings.TrimSpace(strings.TrimPrefix(string(b), yamlKey(x.Key)+":"))
		f.Extra = append(f.Extra, ExtraField{Key: x.Key, Value: v})
	}
	for _, w := range warnings {
		f.Warnings = append(f.Warnings, w.String())
	}
	return f, nil
}

// parseHead parses the front-matter block of post postID as the store
// reads its text: what Quire derived from the file's place (a draft of
// _drafts/) holds where the text does not say otherwise.
func (s *Posts) parseHead(head string, postID int64) (*post.Post, []post.Warning, error) {
	p, warnings, err := post.ParseFile("", []byte(head))
	if err != nil {
		return nil, nil, err
	}
	// A post without front matter is given a block with an edited key alone.
	p.AddFrontMatter()
	if postID == 0 {
		return p, warnings, nil
	}
	cur, err := s.st.GetPost(s.ctx, postID)
	if errors.Is(err, post.ErrNotFound) {
		return p, warnings, nil
	}
	if err != nil {
		return nil, nil, err
	}
	p.InheritDerived(cur)
	return p, warnings, nil
}

// yamlKey is how EncodeMap writes a key.
func yamlKey(k string) string {
	b, err := post.EncodeMap(post.Map{{Key: k, Value: nil}})
	if err != nil {
		return k
	}
	return strings.TrimSuffix(strings.TrimSpace(string(b)), ":")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// EditField applies one edit to the front-matter block head and returns
// the new block. An invalid value is refused with the reason, and the text
// is left as it was.
func (s *Posts) EditField(head string, e FieldEdit) (string, error) {
	p, _, err := s.parseHead(head, e.PostID)
	if err != nil {
		return "", fmt.Errorf("the front matter has an error to fix first: %w", err)
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s: %w", e.Field, fmt.Sprintf(format, a...), post.ErrInvalid)
	}
	switch e.Field {
	case "extra":
		key := strings.TrimSpace(e.Key)
		switch {
		case key == "":
			return "", bad("the key is empty")
		case post.IsKnownKey(strings.ToLower(key)):
			return "", bad("%q has its own field above", key)
		}
		m, err := post.DecodeMap([]byte(strconv.Quote(key) + ": " + e.Value))
		if err != nil || len(m) != 1 {
			return "", bad("the value of %q is not valid YAML: %v", key, err)
		}
		val := m[0].Value
		if e.OldKey != "" && e.OldKey != key {
			if _, ok := p.Extra.Get(key); ok {
				return "", bad("there is already a key %q", key)
			}
			for i := range p.Extra {
				if p.Extra[i].Key == e.OldKey {
					p.Extra[i] = post.Field{Key: key, Value: val}
				}
			}
		} else {
			p.Extra.Set(key, val)
		}
	case "extra-remove":
		out := p.Extra[:0]
		for _, f := range p.Extra {
			if f.Key != e.Key {
				out = append(out, f)
			}
		}
		p.Extra = out
	default: // a known field the panel shows
		f, alias, ok := post.LookupField(e.Field)
		if !ok || alias != nil || f.Label == "" {
			return "", fmt.Errorf("unknown field %q: %w", e.Field, post.ErrInvalid)
		}
		if err := s.setField(p, f, e, bad); err != nil {
			return "", err
		}
	}
	// The block as written, with the edited key's lines alone changed in
	// its own style (a block without front matter gets YAML afresh).
	b, err := p.MarshalFile()
	if err != nil {
		return "", fmt.Errorf("edit %s: %w", e.Field, err)
	}
	return string(b), nil
}

// setField gives the known field f on p the value of the edit e, or says
// why it cannot take it.
func (s *Posts) setField(p *post.Post, f *post.KnownField, e FieldEdit, bad func(string, ...any) error) error {
	v := strings.TrimSpace(e.Value)
	switch ptr := f.Ptr(p).(type) {
	case *string:
		if f.OneLine && strings.Contains(v, "\n") {
			return bad("a %s is one line", f.Key)
		}
		if f.Key == "slug" {
			if err := post.ValidateSlug(v); err != nil {
				return err
			}
			if other, err := s.st.GetPostBySlug(s.ctx, v); err == nil && other.ID != e.PostID {
				return bad("%q is already the slug of %q", v, other.Title)
			} else if err != nil && !errors.Is(err, post.ErrNotFound) {
				return err
			}
		}
		*ptr = v
		// A slug the text writes follows the title; one it does not (from
		// the file's name, or kept by the store) is not written into it:
		// a save makes a draft's slug follow its title.
		if f.Key == "title" && e.FollowTitle && p.Slug != "" {
			slug, err := s.freeSlug(post.Slugify(v), e.PostID)
			if err != nil {
				return err
			}
			p.Slug = slug
		}
	case *time.Time:
		if v == "" {
			*ptr = time.Time{}
			return nil
		}
		loc := time.Local
		if !ptr.IsZero() {
			loc = ptr.Location()
		}
		t, err := parseLocalDate(v, loc)
		if err != nil {
			return bad("%v", err)
		}
		*ptr = t
	case *post.Status:
		st, err := post.ParseStatus(v)
		if err != nil {
			return err
		}
		*ptr = st
	case *[]string:
		list, err := cleanList(e.List)
		if err != nil {
			return bad("%v", err)
		}
		*ptr = list
	}
	return nil
}

// parseLocalDate reads a datetime-local value ("2006-01-02T15:04", seconds
// optional) or a date in any form front matter accepts.
func parseLocalDate(v string, loc *time.Location) (time.Time, error) {
	for _, l := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(l, v, loc); err == nil {
			return t, nil
		}
	}
	return post.ParseTime(v)
}

func cleanList(in []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if strings.ContainsAny(s, "\n") {
			return nil, fmt.Errorf("%q spans lines", s)
		}
		if k := strings.ToLower(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// freeSlug returns base, or base-2, base-3... whichever no post other than
// self has.
func (s *Posts) freeSlug(base string, self int64) (string, error) {
	for n := 1; n < 1000; n++ {
		slug := base
		if n > 1 {
			suffix := "-" + strconv.Itoa(n)
			slug = strings.TrimRight(base[:min(len(base), post.MaxSlugLen-len(suffix))], "-") + suffix
			slug = strings.ToValidUTF8(slug, "")
		}
		other, err := s.st.GetPostBySlug(s.ctx, slug)
		if errors.Is(err, post.ErrNotFound) || (err == nil && other.ID == self) {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("no free slug for %q: %w", base, post.ErrInvalid)
}
