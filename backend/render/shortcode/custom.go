package shortcode

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// TemplatesSetting is the store setting that keeps an imported Hugo site's
// own shortcodes (layouts/shortcodes/*.html, Sources encoded): the export
// and the preview render them from the same files the import checked.
// Quire's export theme is a folder chosen per export, not one per library,
// so the library itself keeps them, as it keeps a Jekyll site's _includes.
const TemplatesSetting = "import.hugo-shortcodes"

// Bounds on what an import keeps of layouts/shortcodes, and on what one
// shortcode may do when it runs: a template is the site's code, and a
// loop in it must not hang the preview or fill the memory.
const (
	MaxTemplateSize  = 64 << 10
	MaxTemplates     = 200
	MaxTemplateTotal = 2 << 20
	// maxOutput is the most one shortcode may write.
	maxOutput = 1 << 20
	// maxSteps is how many loop turns one shortcode may take: far more
	// than a loop over its arguments needs, and little time when reached.
	maxSteps = 10000
	// maxPostSteps is how many loop turns the shortcodes of one post may
	// take in all: many uses of a looping shortcode stay a short render.
	maxPostSteps = 50000
	// maxWidth is the widest field printf may pad to.
	maxWidth = 1000
)

// Source is one shortcode template: the file it came from, relative to the
// site ("layouts/shortcodes/note.html", or the theme's), and its text.
type Source struct {
	File string `json:"file"`
	Text string `json:"text"`
}

// Sources are a site's shortcode templates by shortcode name ("note",
// "blog/card" for layouts/shortcodes/blog/card.html).
type Sources map[string]Source

// Encode is s as the TemplatesSetting value.
func (s Sources) Encode() (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("shortcode templates: %w", err)
	}
	return string(b), nil
}

// DecodeSources reads a TemplatesSetting value.
func DecodeSources(v string) (Sources, error) {
	var s Sources
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return nil, fmt.Errorf("shortcode templates: %w", err)
	}
	return s, nil
}

// Template is a site's shortcode, ready to run, or the reason it cannot
// be (Err): a template that does not parse, or uses what Quire does not
// offer (partial, .Site, resources). Such a shortcode stays a placeholder.
type Template struct {
	Name, File string
	Err        error
	t          *template.Template
}

// Templates are compiled Sources by shortcode name.
type Templates map[string]*Template

// Compile parses and checks every template of s.
func (s Sources) Compile() Templates {
	out := make(Templates, len(s))
	for name, src := range s {
		out[name] = compile(name, src)
	}
	return out
}

// Lookup is Config.Template over ts.
func (ts Templates) Lookup(name string) (*Template, bool) {
	t, ok := ts[name]
	return t, ok
}

// Problems are the templates that will not run, one line each, naming the
// file and line, sorted: for the import's report.
func (ts Templates) Problems() []string {
	var out []string
	for _, t := range ts {
		if t.Err != nil {
			out = append(out, fmt.Sprintf("%v: shortcode '%s' will show as a placeholder", t.Err, t.Name))
		}
	}
	sort.Strings(out)
	return out
}

// compile parses src with the functions Quire offers (an unknown one fails
// the parse, with its line), then checks what the parse cannot: fields of
// the shortcode that Quire does not have, and calls of other templates.
func compile(name string, src Source) *Template {
	t := &Template{Name: name, File: src.File}
	tpl, err := template.New(src.File).Option("missingkey=zero").Funcs(funcs).Parse(src.Text)
	if err != nil {
		t.Err = cleanErr(err)
		return t
	}
	if err := check(tpl); err != nil {
		t.Err = err
		return t
	}
	t.t = tpl
	t.Err = escapeErr(t)
	return t
}

// escapeErr runs t once on an empty call, for the errors html/template
// finds only when it first runs: a template that ends inside a tag or an
// attribute, or an action whose context is ambiguous. Errors of the run
// itself depend on the arguments and are left to each use.
func escapeErr(t *Template) error {
	_, err := t.run(&Call{tag: &Tag{Name: t.Name}})
	var e *template.Error
	if !errors.As(err, &e) {
		return nil
	}
	desc, _, _ := strings.Cut(e.Description, ": {") // the escaper's state, which says nothing to an author
	if e.Line > 0 {
		return fmt.Errorf("%s:%d: %s", t.File, e.Line, desc)
	}
	return fmt.Errorf("%s: the template %s", t.File, desc)
}

// cleanErr drops the "template: " prefix of the template package's
// messages, which already begin with the file and line.
func cleanErr(err error) error {
	return cleanedErr{msg: strings.TrimPrefix(err.Error(), "template: "), err: err}
}

type cleanedErr struct {
	msg string
	err error
}

func (e cleanedErr) Error() string { return e.msg }
func (e cleanedErr) Unwrap() error { return e.err }
