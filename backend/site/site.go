// Package site holds the site settings the export uses (title, base URL,
// permalink pattern...). They are kept in the database's settings table under
// "site.*" keys, so the app and `quire site` edit the same values.
package site

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"quire/backend/post"
)

// Permalink patterns offered by name. Any pattern made of these tokens and
// literal path segments is accepted: :year :month :day :slug :title
// (the slug, as in Jekyll) :categories (the categories joined by "/").
// A pattern ending in "/" gives DIR/index.html; one ending in ".html" a file.
const (
	PermalinkDate   = "/:year/:month/:day/:slug/"
	PermalinkJekyll = "/:categories/:year/:month/:day/:title.html"
	PermalinkPosts  = "/posts/:slug/"
)

// Settings are the site-wide settings of the export.
type Settings struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Author      string `json:"author"`
	// BaseURL is where the site is served, with or without a path:
	// "https://example.org/" or "https://example.org/blog/". Empty means
	// links are rooted at "/" and absolute URLs (canonical, feeds,
	// sitemap) are left out or written relative.
	BaseURL      string `json:"baseURL"`
	Language     string `json:"language"`
	PostsPerPage int    `json:"postsPerPage"`
	Permalink    string `json:"permalink"`
	Drafts       bool   `json:"drafts"` // include drafts
	Future       bool   `json:"future"` // include posts dated in the future
}

// Default is the settings of a new database.
func Default() Settings {
	return Settings{Title: "My blog", Language: "en", PostsPerPage: 10, Permalink: PermalinkDate}
}

// Keys are the setting names, in the order `quire site` lists them.
var Keys = []string{"title", "description", "author", "base-url", "language", "posts-per-page", "permalink", "drafts", "future"}

const prefix = "site."

// Store is the part of the store the settings need.
type Store interface {
	GetSetting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Load reads the settings, the defaults filling what was never set or is not valid.
func Load(ctx context.Context, st Store) (Settings, error) {
	s := Default()
	for _, k := range Keys {
		v, ok, err := st.GetSetting(ctx, prefix+k)
		if err != nil {
			return s, err
		}
		if !ok {
			continue
		}
		// A stored value that is not valid (written by an older version or
		// by hand) leaves the default in place rather than stopping every
		// export; `quire site` shows what is in use.
		_ = s.Set(k, v)
	}
	return s, nil
}

// Save validates and stores every setting.
func Save(ctx context.Context, st Store, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	for _, k := range Keys {
		v, _ := s.Get(k)
		if err := st.SetSetting(ctx, prefix+k, v); err != nil {
			return err
		}
	}
	return nil
}

// Get returns a setting as text.
func (s Settings) Get(key string) (string, error) {
	switch key {
	case "title":
		return s.Title, nil
	case "description":
		return s.Description, nil
	case "author":
		return s.Author, nil
	case "base-url":
		return s.BaseURL, nil
	case "language":
		return s.Language, nil
	case "posts-per-page":
		return strconv.Itoa(s.PostsPerPage), nil
	case "permalink":
		return s.Permalink, nil
	case "drafts":
		return strconv.FormatBool(s.Drafts), nil
	case "future":
		return strconv.FormatBool(s.Future), nil
	}
	return "", unknown(key)
}

func unknown(key string) error {
	k := append([]string(nil), Keys...)
	sort.Strings(k)
	return fmt.Errorf("unknown site setting %q (one of %s): %w", key, strings.Join(k, ", "), post.ErrInvalid)
}

// Set changes one setting from text, checking it.
func (s *Settings) Set(key, value string) error {
	bad := func(why string) error {
		return fmt.Errorf("site setting %s=%q: %s: %w", key, value, why, post.ErrInvalid)
	}
	value = strings.TrimSpace(value)
	switch key {
	case "title":
		s.Title = value
	case "description":
		s.Description = value
	case "author":
		s.Author = value
	case "base-url":
		if _, err := NormalizeBaseURL(value); err != nil {
			return bad(err.Error())
		}
		s.BaseURL, _ = NormalizeBaseURL(value)
	case "language":
		s.Language = value
	case "posts-per-page":
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > 1000 {
			return bad("not a number from 1 to 1000")
		}
		s.PostsPerPage = n
	case "permalink":
		switch value {
		case "date", "":
			value = PermalinkDate
		case "jekyll":
			value = PermalinkJekyll
		case "posts":
			value = PermalinkPosts
		}
		if err := CheckPermalink(value); err != nil {
			return bad(err.Error())
		}
		s.Permalink = value
	case "drafts", "future":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return bad("not true or false")
		}
		if key == "drafts" {
			s.Drafts = b
		} else {
			s.Future = b
		}
	default:
		return unknown(key)
	}
	return nil
}

// Validate checks every setting.
func (s Settings) Validate() error {
	c := s
	for _, k := range Keys {
		v, _ := s.Get(k)
		if err := c.Set(k, v); err != nil {
			return err
		}
	}
	return nil
}

// NormalizeBaseURL checks a base URL and gives it a trailing slash. Only
// http and https URLs without query or fragment are accepted; "" is kept.
func NormalizeBaseURL(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("not an http(s) URL with a host")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("has a query, fragment or user")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u.String(), nil
}

// BasePath is the path part of the base URL ("/blog/"), "/" without one.
func (s Settings) BasePath() string {
	if s.BaseURL == "" {
		return "/"
	}
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// CheckPermalink checks a permalink pattern.
func CheckPermalink(p string) error {
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("does not start with /")
	}
	if !strings.Contains(p, ":slug") && !strings.Contains(p, ":title") {
		return fmt.Errorf("has neither :slug nor :title, so posts would share a page")
	}
	if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
		return fmt.Errorf("ends neither in / nor in .html")
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") || strings.ContainsAny(seg, "\\?#%*|<>\"") {
			return fmt.Errorf("has an empty, dot or unsafe segment %q", seg)
		}
		rest := seg
		for _, tok := range []string{":categories", ":year", ":month", ":day", ":slug", ":title"} {
			rest = strings.ReplaceAll(rest, tok, "")
		}
		if strings.Contains(rest, ":") {
			return fmt.Errorf("unknown token in %q (known: :year :month :day :slug :title :categories)", seg)
		}
	}
	return nil
}
