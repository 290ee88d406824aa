package post

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Original is a post's front matter as its file (or the editor's text) wrote
// it. The file is the writer's: Quire writes Head back as it is, and when a
// value changed (a status on publish, a field of the settings panel) it edits
// that key's lines alone, in the file's own syntax and style.
type Original struct {
	Format Format
	// Head is the file up to its body, byte for byte: the byte order mark,
	// the fences and the front matter with its comments and blank lines.
	Head string
	// Derived holds the known fields Quire gave values the front matter does
	// not write (the slug from the file name, the status from _drafts/, a
	// date from the file name); they are not written back unless they change.
	Derived Map
	// StatusAs, when "draft", writes a status the text does not say as
	// Hugo's draft: true|false instead of a status key (an export to Hugo).
	StatusAs string
}

// derivableKeys are the known fields an import or the store may fill in
// when the front matter does not say them.
var derivableKeys = func() []string {
	var keys []string
	for _, f := range KnownFields {
		if f.Derived == Derivable {
			keys = append(keys, f.Key)
		}
	}
	return keys
}()

// NoteDerived records, in the post's Original, the values of the known
// fields the front matter does not write and that differ from what the text
// alone gives: values Quire derived (from the file name, the folder, the
// title), which writing the post back leaves out. It is for the moment a
// post is made from a file; afterwards a change of those fields is the
// writer's, written into the text, but for the slug (NoteDerivedKeys).
func (p *Post) NoteDerived() { p.NoteDerivedKeys(derivableKeys...) }

// NoteDerivedKeys is NoteDerived for some of the derivable keys: the store
// notes the slug it keeps, which a text that names none leaves to it.
func (p *Post) NoteDerivedKeys(keys ...string) {
	if p.Original == nil {
		return
	}
	base, present, err := p.Original.base()
	if err != nil {
		return
	}
	for _, k := range keys {
		f, _, ok := LookupField(k)
		if !ok || keyPresent(present, k) || f.equal(p, base) {
			continue
		}
		p.Original.Derived.Set(k, f.Value(p))
	}
}

// InheritDerived gives p, just parsed from text (the editor's, a
// revision's), the values from keeps as derived for the fields p's text
// does not write: a draft of _drafts/ with a date stays a draft when its
// text is saved, though the text alone would make it published. The slug is
// left alone: the store keeps a post's slug when the text names none.
func (p *Post) InheritDerived(from *Post) {
	if p.Original == nil || from == nil || from.Original == nil {
		return
	}
	_, present, err := p.Original.base()
	if err != nil {
		return
	}
	for _, f := range from.Original.Derived {
		if f.Key == "slug" || keyPresent(present, f.Key) {
			continue
		}
		setKnown(p, f.Key, f.Value)
		p.Original.Derived.Set(f.Key, f.Value)
	}
}

// WriteDerived makes writing p say the derived values of keys: for a
// target that cannot derive them again (a Hugo file name has no date).
func (p *Post) WriteDerived(keys ...string) {
	if p.Original == nil {
		return
	}
	out := p.Original.Derived[:0:0]
	for _, f := range p.Original.Derived {
		if !slices.Contains(keys, f.Key) {
			out = append(out, f)
		}
	}
	p.Original.Derived = out
}

// keyPresent tells whether the front matter writes the known field k, by
// its key or an alias (the status as draft or published).
func keyPresent(present map[string]bool, k string) bool {
	if present[k] {
		return true
	}
	if f, _, ok := LookupField(k); ok {
		for _, a := range f.Aliases {
			if present[a.Key] {
				return true
			}
		}
	}
	return false
}

// setKnown gives the known field k on p the value v.
func setKnown(p *Post, k string, v any) {
	if f, _, ok := LookupField(k); ok && f.Key == k {
		f.set(p, v)
	}
}

// originalJSON is how the store keeps an Original.
type originalJSON struct {
	Format  Format `json:"format"`
	Head    string `json:"head"`
	Derived string `json:"derived,omitempty"` // YAML, as EncodeMap writes it
}

// EncodeOriginal is o as the store keeps it ("" for nil).
func EncodeOriginal(o *Original) (string, error) {
	if o == nil {
		return "", nil
	}
	// In one order, so the same values store as the same text.
	derived := slices.Clone(o.Derived)
	slices.SortStableFunc(derived, func(a, b Field) int {
		return derivedRank(a.Key) - derivedRank(b.Key)
	})
	d, err := EncodeMap(derived)
	if err != nil {
		return "", fmt.Errorf("derived front matter: %w", err)
	}
	b, err := json.Marshal(originalJSON{Format: o.Format, Head: o.Head, Derived: string(d)})
	return string(b), err
}

func derivedRank(k string) int {
	if i := slices.Index(derivableKeys, k); i >= 0 {
		return i
	}
	return len(derivableKeys)
}

// DecodeOriginal reads what EncodeOriginal wrote.
func DecodeOriginal(s string) (*Original, error) {
	if s == "" {
		return nil, nil
	}
	var j originalJSON
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		return nil, fmt.Errorf("original front matter: %w", err)
	}
	d, err := DecodeMap([]byte(j.Derived))
	if err != nil {
		return nil, fmt.Errorf("derived front matter: %w", err)
	}
	return &Original{Format: j.Format, Head: j.Head, Derived: d}, nil
}

// split cuts Head into what comes before the front matter (BOM, fence),
// the front matter itself, and what follows it (the closing fence).
func (o *Original) split() (pre, inner, post string, err error) {
	if o.Format == FormatJSON {
		rest := strings.TrimPrefix(o.Head, "\xef\xbb\xbf")
		pre = o.Head[:len(o.Head)-len(rest)]
		dec := json.NewDecoder(strings.NewReader(rest))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", "", "", &ParseError{Line: 1, Msg: fmt.Sprintf("JSON front matter: %v", err)}
		}
		off := int(dec.InputOffset())
		return pre, rest[:off], rest[off:], nil
	}
	b := []byte(o.Head)
	b = b[:len(b):len(b)]
	fm, _, _, _, err := SplitFrontMatter(b)
	if err != nil {
		return "", "", "", err
	}
	// fm lies inside b: its capacity runs to b's end.
	start := len(b) - cap(fm)
	return o.Head[:start], string(fm), o.Head[start+len(fm):], nil
}

// fields parses the front matter.
func (o *Original) fields() ([]field, error) {
	return headFields.get(o.Format, o.Head, o.parseFields)
}

// parseFields reads the front matter of Head, as fields does without the memo.
func (o *Original) parseFields() ([]field, error) {
	_, inner, _, err := o.split()
	if err != nil {
		return nil, err
	}
	switch o.Format {
	case FormatYAML:
		return parseYAML([]byte(inner), 1)
	case FormatTOML:
		return parseTOML([]byte(inner), 1)
	case FormatJSON:
		var c bytes.Buffer
		if err := json.Compact(&c, []byte(inner)); err != nil {
			return nil, &ParseError{Line: 1, Msg: fmt.Sprintf("JSON front matter: %v", err)}
		}
		// JSON is YAML, and the YAML reader keeps the keys' order.
		return parseYAML(c.Bytes(), 0)
	}
	return nil, nil
}

// base is the post as the text alone gives it, with the derived values for
// the fields the text does not write, and the keys the text writes.
func (o *Original) base() (*Post, map[string]bool, error) {
	fields, err := o.fields()
	if err != nil {
		return nil, nil, err
	}
	b := &Post{}
	if _, err := b.applyFields(fields); err != nil {
		return nil, nil, err
	}
	present := make(map[string]bool, len(fields))
	for _, f := range fields {
		present[f.key] = true
	}
	for _, f := range o.Derived {
		if !keyPresent(present, f.Key) {
			setKnown(b, f.Key, f.Value)
		}
	}
	return b, present, nil
}

// valuesEqual compares front-matter values; times by the instant and zone
// offset they name.
func valuesEqual(a, b any) bool {
	switch a := a.(type) {
	case time.Time:
		bt, ok := b.(time.Time)
		return ok && a.Equal(bt)
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !valuesEqual(a[i], bl[i]) {
				return false
			}
		}
		return true
	case Map:
		bm, ok := b.(Map)
		if !ok || len(a) != len(bm) {
			return false
		}
		for i := range a {
			if a[i].Key != bm[i].Key || !valuesEqual(a[i].Value, bm[i].Value) {
				return false
			}
		}
		return true
	}
	return a == b
}

// listAsString writes list as the text writes key, when the text has it as
// one string (Jekyll's "categories: a, b" or "a b"): the same separator,
// if the string reads back as the list.
func (o *Original) listAsString(key string, list []any) (string, bool) {
	if len(list) == 0 {
		return "", false
	}
	fields, err := o.fields()
	if err != nil {
		return "", false
	}
	for _, f := range fields {
		old, ok := f.value.(string)
		if f.key != key || !ok {
			continue
		}
		sep := " "
		if strings.Contains(old, ",") {
			sep = ", "
		}
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i], _ = e.(string)
		}
		str := strings.Join(parts, sep)
		back, _, err := toList(str)
		if err != nil || len(back) != len(parts) {
			return "", false
		}
		for i := range back {
			if back[i] != parts[i] {
				return "", false
			}
		}
		return str, true
	}
	return "", false
}

// fmEdit is one key to set (or remove) in front matter.
type fmEdit struct {
	key    string
	value  any
	remove bool
}

// edits lists what must change in the text for it to say p: the keys whose
// values differ from base (the text's own, plus derived values).
func (o *Original) edits(p, base *Post, present map[string]bool) []fmEdit {
	var out []fmEdit
	set := func(k string, v any, zero bool) {
		if zero {
			if present[k] {
				out = append(out, fmEdit{key: k, remove: true})
			}
			return
		}
		out = append(out, fmEdit{key: k, value: v})
	}
	var status *KnownField
	for i := range KnownFields {
		f := &KnownFields[i]
		switch {
		case f.Kind == KindStatus:
			status = f // last: a date edit may change what the text implies
			continue
		case f.Derived == FromStore || f.equal(p, base):
			continue
		}
		v := f.Value(p)
		if l, ok := v.([]any); ok {
			if str, ok := o.listAsString(f.Key, l); ok {
				set(f.Key, str, false)
				continue
			}
		}
		set(f.Key, v, f.IsZero(p))
	}
	if status != nil && !status.equal(p, base) && !status.IsZero(p) {
		out = append(out, o.statusEdits(status, p.Status, present)...)
	}
	for _, f := range p.Extra {
		if v, ok := base.Extra.Get(f.Key); !ok || !valuesEqual(v, f.Value) {
			out = append(out, fmEdit{key: f.Key, value: f.Value})
		}
	}
	for _, f := range base.Extra {
		if _, ok := p.Extra.Get(f.Key); !ok {
			out = append(out, fmEdit{key: f.Key, remove: true})
		}
	}
	return out
}

// statusEdits write the status as the text does: by its aliases (Hugo's
// draft, Jekyll's published) when it has them, else by the status key.
func (o *Original) statusEdits(f *KnownField, st Status, present map[string]bool) []fmEdit {
	draft := st == StatusDraft
	var out []fmEdit
	for _, a := range f.Aliases {
		if present[a.Key] {
			out = append(out, fmEdit{key: a.Key, value: draft == a.DraftWhen})
		}
	}
	if len(out) > 0 {
		return out
	}
	if !present[f.Key] && o.StatusAs != "" {
		if _, a, ok := LookupField(o.StatusAs); ok && a != nil {
			return []fmEdit{{key: a.Key, value: draft == a.DraftWhen}}
		}
	}
	return []fmEdit{{key: f.Key, value: string(st)}}
}

// write is the post's head: Original.Head, with the keys that changed
// edited. ok is false when the text cannot say the post by edits (it does
// not parse, or an edit would not read back as written); the caller then
// writes the front matter afresh.
func (o *Original) write(p *Post) (string, bool) {
	cur := o
	if o.Head == "" { // no block yet (AddFrontMatter): start from an empty one
		cur = &Original{Format: FormatYAML, Head: emptyYAML, Derived: o.Derived, StatusAs: o.StatusAs}
	}
	for range 3 {
		base, present, err := cur.base()
		if err != nil {
			return "", false
		}
		edits := cur.edits(p, base, present)
		if len(edits) == 0 {
			if o.Head == "" && cur.Head == emptyYAML {
				return "", true
			}
			return cur.Head, true
		}
		head, err := cur.apply(edits)
		if err != nil {
			return "", false
		}
		// An edit can change what the text implies (a date given to an
		// undated draft makes it published): read it back and go on.
		next := *cur
		next.Head = head
		cur = &next
	}
	return "", false
}

// apply makes the edits to the text, in the text's format.
func (o *Original) apply(edits []fmEdit) (string, error) {
	pre, inner, post, err := o.split()
	if err != nil {
		return "", err
	}
	switch o.Format {
	case FormatYAML:
		inner, err = editYAML(inner, edits)
	case FormatTOML:
		inner, err = editTOML(inner, edits)
	case FormatJSON:
		inner, err = editJSON(inner, edits)
	default:
		err = fmt.Errorf("no front matter to edit")
	}
	if err != nil {
		return "", err
	}
	return pre + inner + post, nil
}

// lines splits text after each newline; the last line may lack one.
func lines(s string) []string {
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}

// span is the lines [from, to) that set a top-level key.
type span struct {
	from, to int
	key, val *yaml.Node
	raw      string // TOML: the text after "key ="
}

// splice replaces the spans of the edited keys and appends new keys at
// addAt; enc writes one key and its value as whole lines.
func splice(ls []string, spans map[string]span, addAt int, edits []fmEdit, enc func(e fmEdit, old span, found bool) (string, error)) (string, error) {
	type repl struct {
		from, to int
		text     string
	}
	var rs []repl
	var added strings.Builder
	for _, e := range edits {
		sp, found := spans[e.key]
		if e.remove {
			if found {
				rs = append(rs, repl{sp.from, sp.to, ""})
			}
			continue
		}
		t, err := enc(e, sp, found)
		if err != nil {
			return "", err
		}
		if found {
			rs = append(rs, repl{sp.from, sp.to, t})
		} else {
			added.WriteString(t)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].from > rs[j].from })
	out := append([]string(nil), ls...)
	if added.Len() > 0 {
		if addAt > 0 && !strings.HasSuffix(out[addAt-1], "\n") {
			out[addAt-1] += "\n"
		}
		out = append(out[:addAt], append([]string{added.String()}, out[addAt:]...)...)
	}
	for _, r := range rs {
		out = append(out[:r.from], append([]string{r.text}, out[r.to:]...)...)
	}
	return strings.Join(out, ""), nil
}
