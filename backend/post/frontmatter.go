package post

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Format is the syntax of a front-matter block.
type Format int

const (
	FormatNone Format = iota // no front matter
	FormatYAML               // between --- fences
	FormatTOML               // between +++ fences
	FormatJSON               // a JSON object at the start of the file (Hugo)
)

func (f Format) String() string {
	switch f {
	case FormatYAML:
		return "YAML"
	case FormatTOML:
		return "TOML"
	case FormatJSON:
		return "JSON"
	}
	return "none"
}

// Limits that keep a hostile file from exhausting memory or the stack. They are
// far above anything an author writes by hand.
const (
	maxFrontMatterNodes = 100_000 // values visited, counting alias expansions
	maxFrontMatterDepth = 100     // nesting of lists and mappings
)

// SplitFrontMatter separates a leading front-matter block from the body
// without parsing it. bodyLine is the 1-based line number in src where the
// body starts (1 when there is no front matter). An opening fence without a
// closing one is an error naming the line.
//
// A block opens with a first line of exactly "---" (YAML) or "+++" (TOML),
// trailing spaces and a UTF-8 byte order mark allowed, and closes with the
// same fence on a line of its own (YAML may also close with "...").
func SplitFrontMatter(src []byte) (fm []byte, format Format, body []byte, bodyLine int, err error) {
	rest := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, after, ok := cutLine(rest)
	if !ok && len(first) == 0 {
		return nil, FormatNone, src, 1, nil
	}
	var fence string
	switch string(bytes.TrimRight(first, " \t")) {
	case "---":
		format, fence = FormatYAML, "---"
	case "+++":
		format, fence = FormatTOML, "+++"
	default:
		return nil, FormatNone, src, 1, nil
	}
	if !ok { // the fence is the whole file
		return nil, FormatNone, nil, 0, &ParseError{Line: 1, Msg: fmt.Sprintf("front matter opened with %s is never closed", fence)}
	}
	start := after
	line := 2
	for pos := 0; ; line++ {
		l, next, more := cutLine(start[pos:])
		t := string(bytes.TrimRight(l, " \t"))
		if t == fence || (format == FormatYAML && t == "...") {
			if !more {
				return start[:pos], format, nil, line + 1, nil
			}
			return start[:pos], format, next, line + 1, nil
		}
		if !more {
			return nil, FormatNone, nil, 0, &ParseError{Line: 1, Msg: fmt.Sprintf("front matter opened with %s is never closed", fence)}
		}
		pos = len(start) - len(next)
	}
}

// cutLine returns the first line of b without its line ending, the rest after
// the line ending, and whether there was a line ending.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	line = b[:i]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, b[i+1:], true
}

// field is a front-matter key as parsed, with the line it is on in the file.
type field struct {
	key   string
	value any
	line  int
}

// ParseFile parses a Markdown file with front matter into a Post; name is used
// in error messages. Keys Quire knows (KnownFields: title, slug, date,
// status and its aliases draft and published...) fill the Post's fields;
// every other key is kept in Extra, in order.
//
// Without a status key, a post with a date is published and one without is a
// draft (Jekyll keeps undated drafts in _drafts). `draft: true` (Hugo) and
// `published: false` (Jekyll) make a draft.
func ParseFile(name string, src []byte) (p *Post, warnings []Warning, err error) {
	defer func() {
		var pe *ParseError
		if errors.As(err, &pe) && pe.Name == "" {
			pe.Name = name
		}
	}()
	if !utf8.Valid(src) {
		return nil, nil, &ParseError{Line: invalidUTF8Line(src), Msg: "not valid UTF-8 text (is it saved in another encoding?)"}
	}
	if rest := bytes.TrimPrefix(src, bom); jsonStart.Match(rest) {
		return parseJSONFile(src, len(src)-len(rest))
	}
	fm, format, body, _, err := SplitFrontMatter(src)
	if err != nil {
		return nil, nil, err
	}
	var fields []field
	switch format {
	case FormatYAML:
		fields, err = parseYAML(fm, 1)
	case FormatTOML:
		fields, err = parseTOML(fm, 1)
	}
	if err != nil {
		return nil, nil, err
	}
	p = &Post{Body: string(body)}
	if format != FormatNone {
		p.Original = &Original{Format: format, Head: string(src[:len(src)-len(body)])}
	} else {
		p.AddFrontMatter() // the body alone, as written (nofrontmatter.go)
	}
	warnings, err = p.applyFields(fields)
	if err != nil {
		return nil, nil, err
	}
	return p, warnings, nil
}

var bom = []byte("\xef\xbb\xbf")

// jsonStart is the start of a JSON object (its first key, or its end):
// Hugo's JSON front matter, and not a body that opens with a shortcode
// ({{< figure >}}).
var jsonStart = regexp.MustCompile(`^\{\s*["}]`)

// StartsWithJSON reports whether src opens with JSON front matter, which
// SplitFrontMatter (fences only) does not see: ParseFile reads it.
func StartsWithJSON(src []byte) bool { return jsonStart.Match(bytes.TrimPrefix(src, bom)) }

// parseJSONFile reads Hugo's JSON front matter: a JSON object at the start
// of the file (after a byte order mark of bomLen bytes), the body on the
// line after its closing brace.
func parseJSONFile(src []byte, bomLen int) (*Post, []Warning, error) {
	rest := src[bomLen:]
	dec := json.NewDecoder(bytes.NewReader(rest))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, nil, &ParseError{Line: 1, Msg: fmt.Sprintf("JSON front matter: %v", err)}
	}
	body := rest[dec.InputOffset():]
	if i := bytes.IndexByte(body, '\n'); i >= 0 && len(bytes.TrimSpace(body[:i])) == 0 {
		body = body[i+1:]
	} else if len(bytes.TrimSpace(body)) == 0 {
		body = body[len(body):]
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, nil, &ParseError{Line: 1, Msg: fmt.Sprintf("JSON front matter: %v", err)}
	}
	// JSON is YAML, and the YAML reader keeps the keys' order.
	fields, err := parseYAML(compact.Bytes(), 0)
	if err != nil {
		return nil, nil, err
	}
	p := &Post{Body: string(body)}
	p.Original = &Original{Format: FormatJSON, Head: string(src[:len(src)-len(body)])}
	warnings, err := p.applyFields(fields)
	if err != nil {
		return nil, nil, err
	}
	return p, warnings, nil
}

func invalidUTF8Line(src []byte) int {
	line := 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}

func (p *Post) applyFields(fields []field) ([]Warning, error) {
	var warnings []Warning
	seenStatus := false
	draft := false
	for _, f := range fields {
		bad := func(format string, a ...any) error {
			return &ParseError{Line: f.line, Msg: fmt.Sprintf(format, a...)}
		}
		kf, alias, ok := LookupField(f.key)
		switch {
		case !ok:
			p.Extra = append(p.Extra, Field{f.key, f.value})
		case alias != nil:
			b, ok := f.value.(bool)
			if !ok {
				return nil, bad("%s must be true or false, not %s", f.key, describe(f.value))
			}
			if b == alias.DraftWhen {
				draft = true
			}
		case kf.Kind == KindString:
			s, ok := scalarString(f.value)
			if !ok {
				return nil, bad("%s must be a single value, not %s", f.key, describe(f.value))
			}
			if kf.check != nil && s != "" {
				if err := kf.check(s); err != nil {
					return nil, bad("%v", err)
				}
			}
			*kf.ptr(p).(*string) = s
		case kf.Kind == KindDate:
			t, err := toTime(f.value)
			if err != nil {
				return nil, bad("%s: %v", f.key, err)
			}
			*kf.ptr(p).(*time.Time) = t
		case kf.Kind == KindStatus:
			s, ok := f.value.(string)
			if !ok {
				return nil, bad("status must be draft, published or scheduled, not %s", describe(f.value))
			}
			st, err := ParseStatus(s)
			if err != nil {
				return nil, bad("status %q is not one of draft, published, scheduled", s)
			}
			*kf.ptr(p).(*Status), seenStatus = st, true
		case kf.Kind == KindList:
			list, split, err := toList(f.value)
			if err != nil {
				return nil, bad("%s: %v", f.key, err)
			}
			if split {
				warnings = append(warnings, Warning{Line: f.line, Message: fmt.Sprintf("%s was a single string; read it as the list %s", f.key, quoteList(list))})
			}
			*kf.ptr(p).(*[]string) = list
		}
	}
	switch {
	case draft:
		p.Status = StatusDraft
	case seenStatus:
	case !p.Date.IsZero():
		p.Status = StatusPublished
	default:
		p.Status = StatusDraft
	}
	return warnings, nil
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case []any:
		return "a list"
	case Map:
		return "a mapping"
	}
	return fmt.Sprintf("%v", v)
}

// scalarString renders a single value as text; lists and mappings are not scalars.
func scalarString(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case time.Time:
		return formatTime(v), true
	case bool, int64, float64:
		return fmt.Sprint(v), true
	}
	return "", false
}

// toList reads categories or tags. A single string is split the way Jekyll
// does: on commas when it has any, else on spaces; split reports that it was.
func toList(v any) (list []string, split bool, err error) {
	switch v := v.(type) {
	case nil:
		return nil, false, nil
	case string:
		var parts []string
		if strings.Contains(v, ",") {
			parts = strings.Split(v, ",")
		} else {
			parts = strings.Fields(v)
		}
		for _, s := range parts {
			if s = strings.TrimSpace(s); s != "" {
				list = append(list, s)
			}
		}
		return list, len(list) > 1, nil
	case []any:
		for _, e := range v {
			s, ok := scalarString(e)
			if !ok {
				return nil, false, fmt.Errorf("entries must be single values, not %s", describe(e))
			}
			if s = strings.TrimSpace(s); s != "" {
				list = append(list, s)
			}
		}
		return list, false, nil
	case Map:
		return nil, false, fmt.Errorf("must be a list, not a mapping")
	}
	s, _ := scalarString(v)
	return []string{s}, false, nil
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02 15:04:05 -0700", // Jekyll's own format
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02 15:04 -0700",
}

// ParseTime reads a date as authors write it in front matter. A time without
// a zone is taken as UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (write it as 2006-01-02 or 2006-01-02T15:04:05Z)", s)
}

func toTime(v any) (time.Time, error) {
	switch v := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return v, nil
	case string:
		if v == "" {
			return time.Time{}, nil
		}
		return ParseTime(v)
	}
	return time.Time{}, fmt.Errorf("%s is not a date", describe(v))
}

// formatTime writes a date the way an author would: a plain date when there is
// no time of day, RFC 3339 otherwise.
func formatTime(t time.Time) string {
	// Any zone at offset zero counts as UTC: time.Parse gives "+00:00" the
	// Local zone when Local is UTC, and the file must not change between
	// writes because of that.
	if _, off := t.Zone(); off == 0 {
		t = t.UTC()
		if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
			return t.Format("2006-01-02")
		}
	}
	return t.Format(time.RFC3339Nano)
}
