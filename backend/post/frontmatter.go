package post

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
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

// YAML in.

var (
	yamlLineRE      = regexp.MustCompile(`^yaml: line (\d+): `)
	unknownAnchorRE = regexp.MustCompile(`unknown anchor '([^']*)'`)
)

// lineContaining is the 1-based line of the first occurrence of s, or 0;
// the YAML parser names no line for some errors.
func lineContaining(b []byte, s string) int {
	i := bytes.Index(b, []byte(s))
	if i < 0 {
		return 0
	}
	return bytes.Count(b[:i], []byte("\n")) + 1
}

func parseYAML(fm []byte, lineOffset int) (fields []field, err error) {
	defer func() {
		// The YAML parser is third-party code fed with arbitrary files; a
		// panic in it must become a rejected file, not a crashed app.
		if r := recover(); r != nil {
			fields, err = nil, &ParseError{Line: lineOffset, Msg: fmt.Sprintf("invalid YAML front matter: %v", r)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			line += lineOffset
			msg = msg[len(m[0]):]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
			if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
				line = lineContaining(fm, "*"+m[1]) + lineOffset
			}
		}
		return nil, &ParseError{Line: line, Msg: "invalid YAML front matter: " + msg}
	}
	if len(doc.Content) == 0 {
		return nil, nil // empty block
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &ParseError{Line: root.Line + lineOffset, Msg: "front matter must be keys with values (key: value), not a single value or a list"}
	}
	c := &yamlConv{budget: maxFrontMatterNodes, lineOffset: lineOffset}
	m, err := c.mapping(root, 0)
	if err != nil {
		return nil, err
	}
	fields = make([]field, len(m))
	for i, f := range m {
		fields[i] = field{key: f.Key, value: f.Value, line: root.Content[2*i].Line + lineOffset}
	}
	return fields, nil
}

type yamlConv struct {
	budget     int
	lineOffset int
}

func (c *yamlConv) errorf(n *yaml.Node, format string, a ...any) error {
	return &ParseError{Line: n.Line + c.lineOffset, Msg: fmt.Sprintf(format, a...)}
}

func (c *yamlConv) value(n *yaml.Node, depth int) (any, error) {
	c.budget--
	if c.budget < 0 {
		return nil, c.errorf(n, "front matter is too large or expands too many aliases")
	}
	if depth > maxFrontMatterDepth {
		return nil, c.errorf(n, "front matter is nested too deeply")
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, c.errorf(n, "unknown alias *%s", n.Value)
		}
		return c.value(n.Alias, depth+1)
	case yaml.MappingNode:
		return c.mapping(n, depth+1)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], depth+1)
	}
	return nil, c.errorf(n, "unsupported YAML node")
}

func (c *yamlConv) scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return n.Value, nil
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return n.Value, nil // too big for int64: keep the digits as text
		}
		return i, nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return n.Value, nil
		}
		return f, nil
	case "!!timestamp":
		if t, err := ParseTime(n.Value); err == nil {
			return t, nil
		}
		var t time.Time
		if err := n.Decode(&t); err == nil {
			return t, nil
		}
		return n.Value, nil
	}
	return n.Value, nil
}

func (c *yamlConv) mapping(n *yaml.Node, depth int) (Map, error) {
	m := make(Map, 0, len(n.Content)/2)
	seen := make(map[string]int, len(n.Content)/2)
	merged := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, vn := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			return nil, c.errorf(k, "a key must be a single value")
		}
		v, err := c.value(vn, depth)
		if err != nil {
			return nil, err
		}
		if k.ShortTag() == "!!merge" {
			// <<: *defaults merges the keys the mapping does not set itself.
			var srcs []Map
			switch v := v.(type) {
			case Map:
				srcs = []Map{v}
			case []any:
				for _, e := range v {
					if mm, ok := e.(Map); ok {
						srcs = append(srcs, mm)
					}
				}
			}
			if srcs == nil {
				return nil, c.errorf(k, "<< must merge a mapping")
			}
			for _, src := range srcs {
				for _, f := range src {
					if _, dup := seen[f.Key]; !dup {
						seen[f.Key] = len(m)
						merged[f.Key] = true
						m = append(m, f)
					}
				}
			}
			continue
		}
		if i, dup := seen[k.Value]; dup {
			// A key set next to a merge overrides the merged value; two
			// explicit ones are a mistake the author should hear about.
			if !merged[k.Value] {
				return nil, c.errorf(k, "key %q appears more than once", k.Value)
			}
			delete(merged, k.Value)
			m[i].Value = v
			continue
		}
		seen[k.Value] = len(m)
		m = append(m, Field{k.Value, v})
	}
	return m, nil
}

// TOML in.

func parseTOML(fm []byte, lineOffset int) (fields []field, err error) {
	defer func() {
		if r := recover(); r != nil {
			fields, err = nil, &ParseError{Line: lineOffset, Msg: fmt.Sprintf("invalid TOML front matter: %v", r)}
		}
	}()
	var raw map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(fm)).Decode(&raw)
	if err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return nil, &ParseError{Line: pe.Position.Line + lineOffset, Msg: "invalid TOML front matter: " + pe.Message}
		}
		return nil, &ParseError{Line: lineOffset, Msg: "invalid TOML front matter: " + err.Error()}
	}
	keys := md.Keys()
	m, err := tomlTable(raw, keys, nil, 0)
	if err != nil {
		return nil, &ParseError{Line: lineOffset, Msg: err.Error()}
	}
	lines := strings.Split(string(fm), "\n")
	fields = make([]field, len(m))
	for i, f := range m {
		fields[i] = field{key: f.Key, value: f.Value, line: tomlKeyLine(lines, f.Key) + lineOffset}
	}
	return fields, nil
}

// tomlKeyLine finds the line a top-level key is set on, for messages; the TOML
// decoder does not report key positions.
func tomlKeyLine(lines []string, key string) int {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		for _, k := range []string{key, strconv.Quote(key), "'" + key + "'"} {
			if rest, ok := strings.CutPrefix(l, k); ok {
				if r := strings.TrimSpace(rest); strings.HasPrefix(r, "=") || strings.HasPrefix(r, ".") {
					return i + 1
				}
			}
			if l == "["+k+"]" || l == "[["+k+"]]" {
				return i + 1
			}
		}
	}
	return 0
}

// tomlTable orders a decoded table by the order its keys were defined in.
func tomlTable(t map[string]any, keys []toml.Key, prefix toml.Key, depth int) (Map, error) {
	if depth > maxFrontMatterDepth {
		return nil, fmt.Errorf("front matter is nested too deeply")
	}
	var order []string
	seen := map[string]bool{}
	for _, k := range keys {
		if len(k) == len(prefix)+1 && hasPrefix(k, prefix) && !seen[k[len(prefix)]] {
			seen[k[len(prefix)]] = true
			order = append(order, k[len(prefix)])
		}
	}
	// keys the metadata did not list (inside arrays of tables) come sorted
	var rest []string
	for k := range t {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	order = append(order, rest...)
	m := make(Map, 0, len(order))
	for _, k := range order {
		v, ok := t[k]
		if !ok {
			continue
		}
		cv, err := tomlValue(v, keys, append(append(toml.Key(nil), prefix...), k), depth+1)
		if err != nil {
			return nil, err
		}
		m = append(m, Field{k, cv})
	}
	return m, nil
}

func hasPrefix(k, prefix toml.Key) bool {
	for i := range prefix {
		if k[i] != prefix[i] {
			return false
		}
	}
	return true
}

func tomlValue(v any, keys []toml.Key, path toml.Key, depth int) (any, error) {
	if depth > maxFrontMatterDepth {
		return nil, fmt.Errorf("front matter is nested too deeply")
	}
	switch v := v.(type) {
	case map[string]any:
		return tomlTable(v, keys, path, depth)
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			m, err := tomlTable(e, nil, nil, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = m
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			c, err := tomlValue(e, nil, nil, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case time.Time:
		// TOML local dates and times carry a placeholder zone; Quire reads
		// zone-less times as UTC, as it does for YAML.
		switch v.Location().String() {
		case "date-local", "datetime-local", "time-local":
			return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC), nil
		}
		return v, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return strconv.FormatFloat(v, 'g', -1, 64), nil
		}
		return v, nil
	case string, bool, int64:
		return v, nil
	}
	return fmt.Sprint(v), nil
}

// YAML out.

// MarshalEditable is the post as the writer edits it in the window:
// MarshalFile without the updated time, which the store keeps and which would
// otherwise change the text on every save. Line numbers reported to the
// writer (export warnings, say) count lines of this text.
func (p *Post) MarshalEditable() ([]byte, error) {
	c := p.Clone()
	c.Updated = time.Time{}
	return c.MarshalFile()
}

// MarshalFile writes the post as a Markdown file. A post that keeps the front
// matter its file was written with (Original) gets that text back, byte for
// byte, with only the keys whose values changed edited in place; any other
// post gets YAML front matter with the known fields first, then the extra
// keys in their order; then the body.
func (p *Post) MarshalFile() ([]byte, error) {
	if p.Original != nil {
		if head, ok := p.Original.write(p); ok {
			return []byte(head + p.Body), nil
		}
	}
	return p.marshalFresh()
}

func (p *Post) marshalFresh() ([]byte, error) {
	m := p.FrontMatter()
	fm, err := EncodeMap(m)
	if err != nil {
		return nil, fmt.Errorf("write front matter of %q: %w", p.Slug, err)
	}
	var b bytes.Buffer
	b.Grow(len(fm) + len(p.Body) + 8)
	b.WriteString("---\n")
	b.Write(fm)
	b.WriteString("---\n")
	b.WriteString(p.Body)
	return b.Bytes(), nil
}

// FrontMatter returns the post's front matter as an ordered map: the known
// fields that are set (KnownFields, in its order), then Extra.
func (p *Post) FrontMatter() Map {
	var m Map
	for i := range KnownFields {
		f := &KnownFields[i]
		if f.IsZero(p) {
			continue
		}
		v := f.Value(p)
		if t, ok := v.(time.Time); ok && f.Derived == FromStore {
			// to the second: the store keeps nanoseconds, an author needs none
			v = t.Truncate(time.Second)
		}
		m = append(m, Field{f.Key, v})
	}
	return append(m, p.Extra...)
}

func stringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// EncodeMap writes an ordered map as a YAML mapping (nothing for an empty map).
func EncodeMap(m Map) ([]byte, error) {
	if len(m) == 0 {
		return nil, nil
	}
	n, err := toNode(m, 0)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DecodeMap reads a YAML mapping written by EncodeMap.
func DecodeMap(b []byte) (Map, error) {
	fields, err := parseYAML(b, 0)
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, nil
	}
	m := make(Map, len(fields))
	for i, f := range fields {
		m[i] = Field{f.key, f.value}
	}
	return m, nil
}

func toNode(v any, depth int) (*yaml.Node, error) {
	if depth > maxFrontMatterDepth {
		return nil, fmt.Errorf("front matter is nested too deeply")
	}
	scalar := func(tag, value string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
	}
	switch v := v.(type) {
	case nil:
		return scalar("!!null", ""), nil
	case string:
		n := scalar("!!str", v)
		if strings.Contains(v, "\n") {
			n.Style = yaml.LiteralStyle
		}
		return n, nil
	case bool:
		return scalar("!!bool", strconv.FormatBool(v)), nil
	case int64:
		return scalar("!!int", strconv.FormatInt(v, 10)), nil
	case int:
		return scalar("!!int", strconv.Itoa(v)), nil
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0" // keep it a float when read back
		}
		return scalar("!!float", s), nil
	case time.Time:
		return scalar("!!timestamp", formatTime(v)), nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		flow := true
		for _, e := range v {
			c, err := toNode(e, depth+1)
			if err != nil {
				return nil, err
			}
			if c.Kind != yaml.ScalarNode || c.Style == yaml.LiteralStyle {
				flow = false
			}
			if c.Tag == "!!null" {
				c.Value = "null" // an empty null in a list comes out as '', a string
			}
			n.Content = append(n.Content, c)
		}
		if flow && len(v) > 0 {
			n.Style = yaml.FlowStyle // categories: [go, sqlite] reads as authors write it
		}
		return n, nil
	case []string:
		return toNode(stringsToAny(v), depth)
	case Map:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, f := range v {
			val, err := toNode(f.Value, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, scalar("!!str", f.Key), val)
		}
		return n, nil
	}
	return nil, fmt.Errorf("cannot write a %T in front matter", v)
}
