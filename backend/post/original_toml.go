package post

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TOML: a key's lines are found by the text (the decoder gives no
// positions); an edited value is written on the key's line, keeping the
// key as written. Nested tables are not edited in place: an edit of one
// fails and the front matter is written afresh.

func editTOML(inner string, edits []fmEdit) (string, error) {
	ls := lines(inner)
	top := len(ls) // the top-level keys end at the first table header
	for i, l := range ls {
		if strings.HasPrefix(strings.TrimSpace(l), "[") {
			top = i
			break
		}
	}
	spans := map[string]span{}
	for _, e := range edits {
		at := tomlKeyLine(ls[:top], e.key) - 1
		if at < 0 {
			continue
		}
		l := ls[at]
		eq := strings.IndexByte(l, '=')
		if eq < 0 {
			return "", fmt.Errorf("key %q: not set with =", e.key)
		}
		raw := strings.TrimSpace(l[eq+1:])
		to := at + 1
		switch {
		case strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''"):
			q := raw[:3]
			if strings.Count(raw, q) < 2 {
				for to < top && !strings.Contains(ls[to], q) {
					to++
				}
				to++
			}
		case strings.HasPrefix(raw, "["):
			depth := strings.Count(raw, "[") - strings.Count(raw, "]")
			for depth > 0 && to < top {
				depth += strings.Count(ls[to], "[") - strings.Count(ls[to], "]")
				to++
			}
		case strings.HasPrefix(raw, "{"):
			return "", fmt.Errorf("key %q: an inline table", e.key)
		}
		if to > top {
			return "", fmt.Errorf("key %q: value does not end", e.key)
		}
		spans[e.key] = span{from: at, to: to, raw: raw}
	}
	addAt := top
	for addAt > 0 && strings.TrimSpace(ls[addAt-1]) == "" {
		addAt--
	}
	return splice(ls, spans, addAt, edits, func(e fmEdit, old span, found bool) (string, error) {
		v, err := tomlText(e.value, old.raw)
		if err != nil {
			return "", fmt.Errorf("key %q: %w", e.key, err)
		}
		if found {
			l := ls[old.from]
			return l[:strings.IndexByte(l, '=')+1] + " " + v + "\n", nil
		}
		k := e.key
		for _, r := range k {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
				k = strconv.Quote(k)
				break
			}
		}
		return k + " = " + v + "\n", nil
	})
}

// tomlText writes a value as TOML, in the style of old (the value as the
// text had it): a literal string stays one, a quoted date stays quoted.
func tomlText(v any, old string) (string, error) {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(old, "'") && !strings.HasPrefix(old, "'''") && !strings.ContainsAny(v, "'\n\r") {
			return "'" + v + "'", nil
		}
		return tomlQuote(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s, nil
	case time.Time:
		if strings.HasPrefix(old, `"`) || strings.HasPrefix(old, "'") {
			return tomlText(formatTime(v), old)
		}
		return formatTime(v), nil
	case []any:
		var elemOld string
		if i := strings.IndexAny(old, `"'`); i >= 0 {
			elemOld = old[i:]
		}
		parts := make([]string, len(v))
		for i, e := range v {
			s, err := tomlText(e, elemOld)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	}
	return "", fmt.Errorf("cannot write a %T in place", v)
}

func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
