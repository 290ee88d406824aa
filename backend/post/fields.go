package post

import "time"

//go:generate go run ./cmd/genfields ../../frontend/src/api/fields.ts

// The front-matter fields Quire knows are defined once, in KnownFields:
// parsing (applyFields), writing (FrontMatter, the key-line edits of
// Original), the settings panel (app/frontmatter.go and, through the
// generated frontend/src/api/fields.ts, frontend/src/panel.ts) and the
// store's columns all read this table. Every other key is the writer's own
// and is kept in Extra.

// Kind is how a known field's value reads and writes.
type Kind string

const (
	KindString Kind = "string" // text
	KindDate   Kind = "date"   // a date, with or without a time of day
	KindStatus Kind = "status" // draft, published or scheduled
	KindList   Kind = "list"   // a list of names (a Jekyll string of them is split)
)

// Derivation says where a known field's value comes from when the text
// does not write it.
type Derivation string

const (
	// NotDerived: only the writer sets it.
	NotDerived Derivation = ""
	// Derivable: an import derives it (the slug from the file name, the
	// status from _drafts/, the date from the file name); a derived value is
	// not written back (Original.Derived).
	Derivable Derivation = "derivable"
	// FromStore: the store keeps it (the time of the last save); it is not
	// the writer's and is not edited in the text.
	FromStore Derivation = "store"
)

// Alias is another key that sets a known field, as a bool: Hugo's draft,
// Jekyll's published.
type Alias struct {
	Key string
	// DraftWhen is the alias's value that makes the post a draft.
	DraftWhen bool
}

// KnownField is one front-matter key Quire gives a field of Post.
type KnownField struct {
	Key     string // as written in front matter
	GoField string // the Post field holding it
	Kind    Kind
	Aliases []Alias // other keys that set it
	Derived Derivation
	// OneLine: a value with a line break is refused where the writer sets it.
	OneLine bool
	// Label and Input are the settings panel's label and control (text,
	// datetime-local, select, chips, textarea); no Label: not in the panel.
	// Placeholder is what an empty control of chips says.
	Label       string
	Input       string
	Placeholder string
	// Column is the store's column (backend/store, posts table).
	Column string

	// ptr is the Post field holding the value: a *string, *time.Time,
	// *Status or *[]string by Kind.
	ptr func(*Post) any
	// check refuses a text value the field cannot hold (a slug with a slash).
	check func(string) error
}

// KnownFields are the known fields, in the order a fresh front matter
// writes them and the settings panel shows them.
var KnownFields = []KnownField{
	{Key: "title", GoField: "Title", Kind: KindString, Derived: Derivable, OneLine: true,
		Label: "Title", Input: "text", Column: "title", ptr: func(p *Post) any { return &p.Title }},
	{Key: "slug", GoField: "Slug", Kind: KindString, Derived: Derivable, OneLine: true,
		Label: "Slug", Input: "text", Column: "slug", ptr: func(p *Post) any { return &p.Slug }, check: ValidateSlug},
	{Key: "date", GoField: "Date", Kind: KindDate, Derived: Derivable,
		Label: "Date and time", Input: "datetime-local", Column: "date", ptr: func(p *Post) any { return &p.Date }},
	{Key: "updated", GoField: "Updated", Kind: KindDate, Derived: FromStore,
		Column: "updated_unix", ptr: func(p *Post) any { return &p.Updated }},
	{Key: "status", GoField: "Status", Kind: KindStatus, Derived: Derivable,
		Label: "Status", Input: "select", Column: "status", ptr: func(p *Post) any { return &p.Status },
		Aliases: []Alias{{Key: "draft", DraftWhen: true}, {Key: "published", DraftWhen: false}}},
	{Key: "categories", GoField: "Categories", Kind: KindList,
		Label: "Categories", Input: "chips", Placeholder: "Add a category", Column: "categories", ptr: func(p *Post) any { return &p.Categories }},
	{Key: "tags", GoField: "Tags", Kind: KindList,
		Label: "Tags", Input: "chips", Placeholder: "Add a tag", Column: "tags", ptr: func(p *Post) any { return &p.Tags }},
	{Key: "summary", GoField: "Summary", Kind: KindString,
		Label: "Summary", Input: "textarea", Column: "summary", ptr: func(p *Post) any { return &p.Summary }},
	{Key: "layout", GoField: "Layout", Kind: KindString, OneLine: true,
		Label: "Layout", Input: "text", Column: "layout", ptr: func(p *Post) any { return &p.Layout }},
}

// Statuses are the statuses, in the order the settings panel offers them.
var Statuses = []Status{StatusDraft, StatusPublished, StatusScheduled}

// knownByKey finds a known field by its key or an alias's.
var knownByKey = func() map[string]int {
	m := map[string]int{}
	for i, f := range KnownFields {
		m[f.Key] = i
		for _, a := range f.Aliases {
			m[a.Key] = i
		}
	}
	return m
}()

// LookupField returns the known field written as key (its own key or an
// alias), and the alias when it was one.
func LookupField(key string) (f *KnownField, alias *Alias, ok bool) {
	i, ok := knownByKey[key]
	if !ok {
		return nil, nil, false
	}
	f = &KnownFields[i]
	for j := range f.Aliases {
		if f.Aliases[j].Key == key {
			return f, &f.Aliases[j], true
		}
	}
	return f, nil, true
}

// IsKnownKey tells whether key (or an alias) is a known field's.
func IsKnownKey(key string) bool {
	_, ok := knownByKey[key]
	return ok
}

// Ptr is the Post field holding f's value: a *string, *time.Time, *Status
// or *[]string by Kind.
func (f *KnownField) Ptr(p *Post) any { return f.ptr(p) }

// Value is f's value on p as front matter writes it: a string, a
// time.Time or a list ([]any of strings).
func (f *KnownField) Value(p *Post) any {
	switch v := f.ptr(p).(type) {
	case *string:
		return *v
	case *time.Time:
		return *v
	case *Status:
		return string(*v)
	case *[]string:
		return stringsToAny(*v)
	}
	return nil
}

// IsZero tells whether f is unset on p (and so not written).
func (f *KnownField) IsZero(p *Post) bool {
	switch v := f.ptr(p).(type) {
	case *string:
		return *v == ""
	case *time.Time:
		return v.IsZero()
	case *Status:
		return *v == ""
	case *[]string:
		return len(*v) == 0
	}
	return true
}

// set gives f on p the value v, as Value or front matter gives it; a value
// of the wrong kind is left out.
func (f *KnownField) set(p *Post, v any) {
	switch ptr := f.ptr(p).(type) {
	case *string:
		*ptr, _ = scalarString(v)
	case *time.Time:
		*ptr, _ = toTime(v)
	case *Status:
		s, _ := v.(string)
		if st, err := ParseStatus(s); err == nil {
			*ptr = st
		}
	case *[]string:
		*ptr, _, _ = toList(v)
	}
}

// equal tells whether a and b have the same value of f.
func (f *KnownField) equal(a, b *Post) bool {
	if f.Kind == KindDate {
		return f.ptr(a).(*time.Time).Equal(*f.ptr(b).(*time.Time))
	}
	return valuesEqual(f.Value(a), f.Value(b))
}
