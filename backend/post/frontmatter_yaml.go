package post

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

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
