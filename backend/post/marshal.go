package post

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

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
