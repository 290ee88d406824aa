package shortcode

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
)

// funcs are the functions a site's shortcode may call besides the
// template language's own: Hugo's safeHTML and markdownify, and a few
// string helpers as common in shortcodes and as harmless. quireStep is the
// loop counter check puts in range bodies.
var funcs = template.FuncMap{
	"safeHTML":    func(v any) template.HTML { return template.HTML(textOf(v)) },
	"markdownify": markdownify,
	"default": func(def, v any) any {
		if v == nil || v == "" || v == false || v == 0 {
			return def
		}
		return v
	},
	"lower":     func(v any) string { return strings.ToLower(textOf(v)) },
	"upper":     func(v any) string { return strings.ToUpper(textOf(v)) },
	"quireStep": func(c *Call) (string, error) { return "", c.step() },
	// The template language's printf, without the widths that would make
	// a string of a gigabyte before the output bound could stop it.
	"printf": func(format string, args ...any) (string, error) {
		if err := checkWidths(format); err != nil {
			return "", err
		}
		return fmt.Sprintf(format, args...), nil
	},
}

// checkWidths refuses a printf format with a width or precision past
// maxWidth, or one taken from the arguments (*).
func checkWidths(format string) error {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0[]123456789.*", format[i]) >= 0 {
			if format[i] == '*' {
				return fmt.Errorf("printf: a width from the arguments (*) is not allowed")
			}
			n := 0
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				n = min(n*10+int(format[i]-'0'), maxWidth+1)
				i++
			}
			if n > maxWidth {
				return fmt.Errorf("printf: a width past %d is not allowed", maxWidth)
			}
			if n == 0 {
				i++
			}
		}
	}
	return nil
}

func textOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case template.HTML:
		return string(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// markdownify renders Markdown with the renderer of the page (Hugo's
// markdownify: one paragraph loses its <p>). check gives each call of it
// the shortcode's call ($) first, which holds the renderer.
func markdownify(c *Call, v any) template.HTML {
	if c == nil {
		return template.HTML(template.HTMLEscapeString(textOf(v)))
	}
	return c.markdown(textOf(v), true)
}

// markdown renders s; inline drops the <p> around a single paragraph.
func (c *Call) markdown(s string, inline bool) template.HTML {
	if c.md == nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	out := strings.TrimSpace(c.md(s))
	if inline && strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = strings.TrimSuffix(strings.TrimPrefix(out, "<p>"), "</p>")
	}
	return template.HTML(out)
}

// Call is the dot of a site's shortcode template: Hugo's shortcode
// context, as far as Quire offers it.
type Call struct {
	tag   *Tag
	inner string
	// rendered: the inner is Markdown rendered ({{% %}} form).
	rendered bool
	page     Page
	md       func(string) string
	steps    int
	// total counts the loop turns of all the post's shortcodes.
	total *int
}

// Get is Hugo's .Get: a positional argument by index, a named one by name.
func (c *Call) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k < 0 {
			return ""
		}
		return c.tag.Positional(k)
	case string:
		for _, a := range c.tag.Args {
			if a.Key == k {
				return a.Val
			}
		}
	}
	return ""
}

// Inner is the text between the opening and closing shortcode: as written
// for {{< >}} (Hugo hands it over unescaped), rendered for {{% %}}.
func (c *Call) Inner() template.HTML {
	if c.rendered {
		return c.markdown(c.inner, false)
	}
	return template.HTML(c.inner)
}

// IsNamedParams reports whether the shortcode was given key=value arguments.
func (c *Call) IsNamedParams() bool {
	for _, a := range c.tag.Args {
		if a.Key != "" {
			return true
		}
	}
	return false
}

// Params are the arguments: a map when named, else a list.
func (c *Call) Params() any {
	if c.IsNamedParams() {
		m := map[string]string{}
		for _, a := range c.tag.Args {
			if a.Key != "" {
				m[a.Key] = a.Val
			}
		}
		return m
	}
	out := []string{}
	for _, a := range c.tag.Args {
		out = append(out, a.Val)
	}
	return out
}

// Name is the shortcode's name.
func (c *Call) Name() string { return c.tag.Name }

// CallPage is .Page: the post's title.
type CallPage struct{ Title string }

// Page is the post the shortcode is on.
func (c *Call) Page() CallPage { return CallPage{Title: c.page.Title} }

var (
	errTooManySteps = fmt.Errorf("it loops more than %d times", maxSteps)
	errPostSteps    = fmt.Errorf("the post's shortcodes loop more than %d times in all", maxPostSteps)
)

func (c *Call) step() error {
	c.steps++
	if c.steps > maxSteps {
		return errTooManySteps
	}
	if c.total != nil {
		*c.total++
		if *c.total > maxPostSteps {
			return errPostSteps
		}
	}
	return nil
}

// errTooLarge: a shortcode wrote more than maxOutput bytes.
var errTooLarge = fmt.Errorf("it writes more than %d KB", maxOutput>>10)

type capWriter struct {
	b strings.Builder
	n int
}

func (w *capWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.n {
		return 0, errTooLarge
	}
	return w.b.Write(p)
}

// run executes the template for one use of the shortcode. An error (a
// field of a value that has none, too many loop turns, too much output)
// leaves the output unused: the caller shows the placeholder.
func (t *Template) run(c *Call) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %v", t.File, r)
		}
	}()
	if t.t == nil {
		return "", t.Err
	}
	w := &capWriter{n: maxOutput}
	if err := t.t.Execute(w, c); err != nil {
		for _, e := range []error{errTooLarge, errTooManySteps, errPostSteps} {
			if errors.Is(err, e) {
				return "", fmt.Errorf("%s: %w", t.File, e)
			}
		}
		return "", cleanErr(err)
	}
	return w.b.String(), nil
}
