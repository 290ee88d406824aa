package shortcode

import (
	"bytes"
	"strings"
)

// Syntax is which of the template languages a tag is written in.
type Syntax int

const (
	// Hugo is {{< name args >}}: the shortcode's output is HTML.
	Hugo Syntax = iota
	// HugoMarkdown is {{% name args %}}: the output is Markdown in Hugo.
	HugoMarkdown
	// Liquid is Jekyll's {% tag args %}.
	Liquid
	// Output is Liquid's {{ expression }}.
	Output
)

// Arg is one argument: Key is "" for a positional one.
type Arg struct{ Key, Val string }

// Tag is one lexed shortcode or Liquid tag.
type Tag struct {
	Syntax Syntax
	// Name is the shortcode or tag name; for Output, the expression.
	Name string
	// Close marks {{< /name >}}; for Liquid, a name "endX" closes X.
	Close bool
	// SelfClose marks {{< name />}}.
	SelfClose bool
	// Comment marks Hugo's escape {{</* name */>}}, which prints the
	// shortcode as text; Name then holds that text.
	Comment bool
	Args    []Arg
	// Len is how many bytes of the source the tag takes.
	Len int
}

// Positional returns the i-th positional argument, or "".
func (t *Tag) Positional(i int) string {
	for _, a := range t.Args {
		if a.Key == "" {
			if i == 0 {
				return a.Val
			}
			i--
		}
	}
	return ""
}

// Get returns the argument named key, else the i-th positional one when
// i >= 0 (Hugo's shortcodes take either).
func (t *Tag) Get(key string, i int) string {
	for _, a := range t.Args {
		if a.Key == key {
			return a.Val
		}
	}
	if i >= 0 {
		return t.Positional(i)
	}
	return ""
}

// Has reports whether a bare word or a key is among the arguments.
func (t *Tag) Has(word string) bool {
	for _, a := range t.Args {
		if a.Key == word || (a.Key == "" && a.Val == word) {
			return true
		}
	}
	return false
}

// closes reports whether t closes a tag opened by open.
func (t *Tag) closes(open *Tag) bool {
	switch open.Syntax {
	case Hugo, HugoMarkdown:
		return (t.Syntax == Hugo || t.Syntax == HugoMarkdown) && t.Close && t.Name == open.Name
	case Liquid:
		return t.Syntax == Liquid && t.Name == "end"+open.Name
	}
	return false
}

// opensSame reports whether t opens another tag of open's kind (nesting).
func (t *Tag) opensSame(open *Tag) bool {
	if t.Close || t.Comment || t.SelfClose || t.Syntax == Output {
		return false
	}
	if open.Syntax == Liquid {
		return t.Syntax == Liquid && t.Name == open.Name
	}
	return (t.Syntax == Hugo || t.Syntax == HugoMarkdown) && t.Name == open.Name
}

// lexTag reads a tag at the start of s (which starts with '{'), on one line.
func lexTag(s []byte) (Tag, bool) {
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) < 4 || s[0] != '{' {
		return Tag{}, false
	}
	switch {
	case s[1] == '{' && (s[2] == '<' || s[2] == '%'):
		return lexHugo(s)
	case s[1] == '%':
		return lexLiquid(s)
	case s[1] == '{':
		return lexOutput(s)
	}
	return Tag{}, false
}

func lexHugo(s []byte) (Tag, bool) {
	t := Tag{Syntax: Hugo}
	end := ">}}"
	if s[2] == '%' {
		t.Syntax, end = HugoMarkdown, "%}}"
	}
	rest := string(s[3:])
	body := strings.TrimLeft(rest, " \t")
	if strings.HasPrefix(body, "/*") {
		// {{</* name */>}}: Hugo's way to show a shortcode as text.
		j := strings.Index(body[2:], "*/")
		if j < 0 {
			return Tag{}, false
		}
		j += 2
		after := strings.TrimLeft(body[j+2:], " \t")
		if !strings.HasPrefix(after, end) {
			return Tag{}, false
		}
		t.Comment = true
		t.Name = string(s[:3]) + body[2:j] + end[:1] + "}}"
		t.Len = len(s) - len(after) + len(end)
		return t, true
	}
	if strings.HasPrefix(body, "/") {
		t.Close = true
		body = strings.TrimLeft(body[1:], " \t")
	}
	n := nameLen(body)
	if n == 0 {
		return Tag{}, false
	}
	t.Name = body[:n]
	args, used, ok := lexArgs(body[n:], end)
	if !ok {
		return Tag{}, false
	}
	if k := len(args); k > 0 && args[k-1].Key == "" && args[k-1].Val == "/" {
		t.SelfClose = true
		args = args[:k-1]
	}
	t.Args = args
	t.Len = len(s) - len(body) + n + used
	return t, true
}

func lexLiquid(s []byte) (Tag, bool) {
	t := Tag{Syntax: Liquid}
	body := string(s[2:])
	body = strings.TrimPrefix(body, "-")
	body = strings.TrimLeft(body, " \t")
	n := nameLen(body)
	if n == 0 {
		return Tag{}, false
	}
	t.Name = body[:n]
	args, used, ok := lexArgs(body[n:], "%}")
	if !ok {
		return Tag{}, false
	}
	if k := len(args); k > 0 && args[k-1].Key == "" && args[k-1].Val == "-" {
		args = args[:k-1] // {% tag -%}
	}
	t.Args = args
	t.Len = len(s) - len(body) + n + used
	return t, true
}

// lexOutput reads {{ expression }}. Only expressions that start like
// Liquid's (a name or a quoted string) count: {{ .Title }} in a post about
// Go templates, or an empty {{}}, stay text.
func lexOutput(s []byte) (Tag, bool) {
	str := string(s)
	j := strings.Index(str, "}}")
	if j < 0 {
		return Tag{}, false
	}
	expr := strings.TrimSpace(strings.Trim(strings.TrimSpace(str[2:j]), "-"))
	if expr == "" || strings.Contains(expr, "{") {
		return Tag{}, false
	}
	c := expr[0]
	if !(c == '"' || c == '\'' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return Tag{}, false
	}
	return Tag{Syntax: Output, Name: expr, Len: j + 2}, true
}

// nameLen is the length of the shortcode or tag name at the start of s.
func nameLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c == '-' || c == '.' || c == '/' && i > 0 ||
			c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		return i
	}
	return len(s)
}

// lexArgs reads arguments up to end, which it consumes: bare words,
// "quoted", `raw` and key=value. used is the bytes read.
func lexArgs(s, end string) (args []Arg, used int, ok bool) {
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if strings.HasPrefix(s[i:], end) {
			return args, i + len(end), true
		}
		if i >= len(s) {
			return nil, 0, false
		}
		// A key, if the word is followed by '=' or ':' (Liquid's key: value).
		key := ""
		k := i
		for k < len(s) && isWordByte(s[k]) {
			k++
		}
		if k > i && k < len(s) && (s[k] == '=' || s[k] == ':' && k+1 < len(s) && s[k+1] == ' ') {
			key = s[i:k]
			i = k + 1
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
		}
		val, n, vok := lexValue(s[i:], end)
		if !vok {
			return nil, 0, false
		}
		if n == 0 {
			if key == "" {
				return nil, 0, false
			}
		}
		args = append(args, Arg{Key: key, Val: val})
		i += n
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// lexValue reads one value: quoted with " (backslash escapes) or ` or ',
// else up to a space or the end marker.
func lexValue(s, end string) (string, int, bool) {
	if s == "" {
		return "", 0, true
	}
	switch q := s[0]; q {
	case '"', '`', '\'':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			c := s[i]
			if c == '\\' && q == '"' && i+1 < len(s) {
				i++
				b.WriteByte(s[i])
				continue
			}
			if c == q {
				return b.String(), i + 1, true
			}
			b.WriteByte(c)
		}
		return "", 0, false
	}
	i := 0
	for i < len(s) && s[i] != ' ' && s[i] != '\t' && !strings.HasPrefix(s[i:], end) {
		i++
	}
	if strings.Contains(s[:i], "{{") || strings.Contains(s[:i], "{%") {
		// A tag in an argument, which neither Hugo nor Jekyll runs: the
		// whole is malformed, not a tag whose argument is "{{<".
		return "", 0, false
	}
	return s[:i], i, true
}
