package post

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

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
