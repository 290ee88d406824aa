// Package post holds the domain types every part of Quire shares: a Post, its
// front matter and the error kinds the UI acts on. It does no I/O.
package post

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Error kinds, checked with errors.Is. Errors returned by Quire wrap one of
// these with the name of the object involved.
var (
	// ErrNotFound: the post, revision or setting does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a save was based on a revision that is no longer current.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the input (front matter, slug, body...) is not acceptable.
	ErrInvalid = errors.New("invalid")
)

// Status is where a post is in its life. A published post whose Date is in
// the future is scheduled; see EffectiveStatus.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusScheduled Status = "scheduled"
)

// ParseStatus accepts the status names, case-insensitively.
func ParseStatus(s string) (Status, error) {
	switch Status(strings.ToLower(strings.TrimSpace(s))) {
	case StatusDraft:
		return StatusDraft, nil
	case StatusPublished:
		return StatusPublished, nil
	case StatusScheduled:
		return StatusScheduled, nil
	}
	return "", fmt.Errorf("status %q is not one of draft, published, scheduled: %w", s, ErrInvalid)
}

// Post is one blog post.
type Post struct {
	ID         int64     `json:"id"`
	Slug       string    `json:"slug"`
	Title      string    `json:"title"`
	Date       time.Time `json:"date"`
	Updated    time.Time `json:"updated"`
	Status     Status    `json:"status"`
	Categories []string  `json:"categories"`
	Tags       []string  `json:"tags"`
	Summary    string    `json:"summary,omitempty"`
	Layout     string    `json:"layout,omitempty"`
	// Extra holds every other front-matter key, in the order the author wrote
	// them, so that nothing they wrote is dropped on the way through Quire.
	Extra Map    `json:"extra,omitempty"`
	Body  string `json:"body"`
	// Revision is the revision this copy is based on; a save of a copy whose
	// Revision is no longer the post's latest is refused with ErrConflict.
	Revision int64 `json:"revision"`
	// Source is the file the post was imported from, if any; importing the
	// same file again updates this post instead of adding another.
	Source string `json:"source,omitempty"`
	// Original is the front matter as the file wrote it, when the post came
	// from a file or the editor's text; writing the post back keeps it and
	// edits only the keys whose values changed (see MarshalFile). It stays
	// out of the JSON the window gets: the editor is sent the text itself.
	Original *Original `json:"-"`
}

// EffectiveStatus is the status as readers see it at now: a published post
// dated in the future is scheduled.
func (p *Post) EffectiveStatus(now time.Time) Status {
	if p.Status == StatusPublished && p.Date.After(now) {
		return StatusScheduled
	}
	return p.Status
}

// Clone returns a deep copy, so callers can keep a post while a store updates another.
func (p *Post) Clone() *Post {
	c := *p
	c.Categories = append([]string(nil), p.Categories...)
	c.Tags = append([]string(nil), p.Tags...)
	c.Extra = p.Extra.clone()
	if p.Original != nil {
		o := *p.Original
		o.Derived = o.Derived.clone()
		c.Original = &o
	}
	return &c
}

// Warning is something the author should know about a file that was still
// accepted, such as a categories string that was split into a list.
type Warning struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, w.Message)
	}
	return w.Message
}

// ParseError is a problem in a file's front matter or body at a line. It is
// an ErrInvalid.
type ParseError struct {
	Name string // file or post name; may be empty
	Line int    // 1-based; 0 when unknown
	Msg  string
}

func (e *ParseError) Error() string {
	switch {
	case e.Name != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
	case e.Name != "":
		return fmt.Sprintf("%s: %s", e.Name, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

func (e *ParseError) Unwrap() error { return ErrInvalid }
