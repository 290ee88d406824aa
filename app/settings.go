package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"quire/backend/post"
	"quire/backend/store"
)

// Settings keeps the window's state (layout, last open post) in the
// database, so it follows the database rather than the machine.
type Settings struct {
	st  *store.Store
	ctx context.Context
	// Welcome makes the first start with an empty database create the
	// welcome post (on unless QUIRE_WELCOME=off, which tests use to start
	// with a blank editor).
	Welcome bool
	// The desktop's colour preference, read once (theme.go).
	schemeOnce sync.Once
	scheme     string
}

// NewSettings returns the Settings service over st.
func NewSettings(st *store.Store) *Settings {
	return &Settings{st: st, ctx: context.Background(), Welcome: true}
}

// UI settings live under this prefix; the window cannot touch other keys.
const uiPrefix = "ui:"

// Setting keys the backend reads itself.
const (
	keyLastPost = uiPrefix + "last-post"
	keyWelcomed = "welcomed"
)

func uiKey(key string) (string, error) {
	if key == "" || len(key) > 100 || strings.ContainsAny(key, "\x00\n") {
		return "", fmt.Errorf("setting %q: not a valid name: %w", key, post.ErrInvalid)
	}
	return uiPrefix + key, nil
}

// Get returns the window setting key, "" when it is not set.
func (s *Settings) Get(key string) (string, error) {
	k, err := uiKey(key)
	if err != nil {
		return "", err
	}
	v, _, err := s.st.GetSetting(s.ctx, k)
	return v, err
}

// Set stores the window setting key.
func (s *Settings) Set(key, value string) error {
	k, err := uiKey(key)
	if err != nil {
		return err
	}
	if len(value) > 1<<20 {
		return fmt.Errorf("setting %q: value too large: %w", key, post.ErrInvalid)
	}
	return s.st.SetSetting(s.ctx, k, value)
}

// StartState is what the window needs to show itself as it was left.
type StartState struct {
	// Post is the post to open: the last one open, else the newest, else
	// the welcome post made on the very first start.
	Post int64 `json:"post"`
	// Layout is the saved layout (JSON written by the window), "" for the default.
	Layout string `json:"layout"`
}

// Start returns the state to start the window with. On the first start with
// an empty database it creates the welcome post.
func (s *Settings) Start() (StartState, error) {
	var st StartState
	var err error
	if st.Layout, _, err = s.st.GetSetting(s.ctx, uiPrefix+"layout"); err != nil {
		return st, err
	}
	if v, ok, err := s.st.GetSetting(s.ctx, keyLastPost); err != nil {
		return st, err
	} else if ok {
		id, _ := strconv.ParseInt(v, 10, 64)
		if p, err := s.st.GetPost(s.ctx, id); err == nil && p != nil {
			if trash, err := s.st.ListTrash(s.ctx, store.ListOptions{Limit: maxPage}); err == nil && !inList(trash.Posts, id) {
				st.Post = id
				return st, nil
			}
		} else if err != nil && !errors.Is(err, post.ErrNotFound) {
			return st, err
		}
	}
	list, err := s.st.ListPosts(s.ctx, store.ListOptions{Sort: store.SortUpdated, Limit: 1})
	if err != nil {
		return st, err
	}
	if len(list.Posts) > 0 {
		st.Post = list.Posts[0].ID
		return st, nil
	}
	if _, welcomed, err := s.st.GetSetting(s.ctx, keyWelcomed); err != nil || welcomed || !s.Welcome {
		return st, err
	}
	p, _, err := post.ParseFile("welcome", []byte(welcomePost))
	if err != nil {
		return st, err
	}
	if err := s.st.CreatePost(s.ctx, p); err != nil {
		return st, err
	}
	if err := s.st.SetSetting(s.ctx, keyWelcomed, "1"); err != nil {
		return st, err
	}
	st.Post = p.ID
	return st, nil
}

func inList(l []store.Summary, id int64) bool {
	for _, s := range l {
		if s.ID == id {
			return true
		}
	}
	return false
}

const welcomePost = `---
title: Welcome to Quire
slug: welcome-to-quire
status: draft
categories: [Notes]
tags: [quire, markdown]
summary: What a post looks like, and where things are.
---
This is a post. The block between the two ` + "`---`" + ` lines at the top is its
**front matter**: the title, status, categories and tags. Change them here or
in the post settings panel (the Post button); both stay in step.

Below it is the post, written in *Markdown*:

## Headings start with hashes

- lists start with a dash,
- **bold** is Ctrl+B, *italic* is Ctrl+I, a [link](https://example.com) is Ctrl+K,
- press Enter at the end of a list item to start the next one.

` + "```go" + `
// Code in fences is highlighted by its language.
fmt.Println("hello, Quire")
` + "```" + `

> Everything you type is saved as you go, and every version is kept:
> Ctrl+S marks a revision you can return to from the history.

Ctrl+N starts a new post, Ctrl+P finds one by title, Ctrl+\ shows or hides
the preview. Delete this post when you no longer need it: it goes to the
trash, from where it can come back.
`
