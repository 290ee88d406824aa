package post

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// JSON: a changed value is replaced where it lies and a new key goes after
// the last one, on a line of its own when the object has its keys on lines,
// so the rest of the text is untouched. A removal writes the object again,
// in its key order and with the indentation of its second line.

func editJSON(inner string, edits []fmEdit) (string, error) {
	if out, ok := editJSONInPlace(inner, edits); ok {
		return out, nil
	}
	return rewriteJSON(inner, edits)
}

// jsonSpan is where a top-level key and its value lie in the text.
type jsonSpan struct{ keyAt, from, to int }

// editJSONInPlace makes edits that set values; ok is false for a removal or
// text it cannot place an edit in.
func editJSONInPlace(inner string, edits []fmEdit) (string, bool) {
	dec := json.NewDecoder(strings.NewReader(inner))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", false
	}
	spans := map[string]jsonSpan{}
	var order []string
	for dec.More() {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		k, ok := tok.(string)
		if err != nil || !ok {
			return "", false
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", false
		}
		end := int(dec.InputOffset())
		keyAt := before + strings.IndexByte(inner[before:], '"')
		spans[k] = jsonSpan{keyAt: keyAt, from: end - len(raw), to: end}
		order = append(order, k)
	}
	if len(order) == 0 {
		return "", false
	}
	type repl struct {
		from, to int
		text     string
	}
	var rs []repl
	var added strings.Builder
	last := spans[order[len(order)-1]]
	sep := ", "
	if ls := strings.LastIndexByte(inner[:last.keyAt], '\n'); ls >= 0 {
		sep = ",\n" + inner[ls+1:last.keyAt]
	}
	for _, e := range edits {
		if e.remove {
			return "", false
		}
		b, err := Map{{Key: "k", Value: e.value}}.MarshalJSON()
		if err != nil {
			return "", false
		}
		v := spacedJSON(b[len(`{"k":`) : len(b)-1])
		if sp, found := spans[e.key]; found {
			rs = append(rs, repl{sp.from, sp.to, v})
			continue
		}
		k, err := json.Marshal(e.key)
		if err != nil {
			return "", false
		}
		added.WriteString(sep + string(k) + ": " + v)
	}
	// New keys first, after the last value; then the changed values from
	// the end, so the offsets before them hold.
	out := inner[:last.to] + added.String() + inner[last.to:]
	sort.Slice(rs, func(i, j int) bool { return rs[i].from > rs[j].from })
	for _, r := range rs {
		out = out[:r.from] + r.text + out[r.to:]
	}
	return out, true
}

// spacedJSON is compact JSON with a space after each comma and colon, as
// people write a value on one line.
func spacedJSON(b []byte) string {
	var out strings.Builder
	in, esc := false, false
	for _, c := range b {
		out.WriteByte(c)
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == ',' || c == ':'):
			out.WriteByte(' ')
		}
	}
	return out.String()
}

// rewriteJSON writes the object again, in its key order and with the
// indentation of its second line.
func rewriteJSON(inner string, edits []fmEdit) (string, error) {
	var c bytes.Buffer
	if err := json.Compact(&c, []byte(inner)); err != nil {
		return "", err
	}
	fields, err := parseYAML(c.Bytes(), 0)
	if err != nil {
		return "", err
	}
	m := make(Map, 0, len(fields)+len(edits))
	for _, f := range fields {
		m = append(m, Field{f.key, f.value})
	}
	for _, e := range edits {
		if e.remove {
			out := m[:0]
			for _, f := range m {
				if f.Key != e.key {
					out = append(out, f)
				}
			}
			m = out
			continue
		}
		m.Set(e.key, e.value)
	}
	b, err := m.MarshalJSON()
	if err != nil {
		return "", err
	}
	indent := ""
	if ls := lines(inner); len(ls) > 1 {
		l := ls[1]
		indent = l[:len(l)-len(strings.TrimLeft(l, " \t"))]
	}
	if indent == "" && !strings.Contains(strings.TrimSpace(inner), "\n") {
		return string(b), nil
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", indent); err != nil {
		return "", err
	}
	return out.String(), nil
}
