package post

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML: the text's node tree gives each key's lines; an edited key is
// written again from a node that keeps the old one's style (quoting, flow
// or block list, line comment), so the rest of the text is untouched.

func editYAML(inner string, edits []fmEdit) (string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(inner), &doc); err != nil {
		return "", err
	}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
		switch {
		case root.Kind == yaml.MappingNode && root.Style&yaml.FlowStyle == 0:
		case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
			root = nil
		default:
			return "", fmt.Errorf("front matter is not a block mapping")
		}
	}
	ls := lines(inner)
	spans := map[string]span{}
	if root != nil {
		for i := 0; i+1 < len(root.Content); i += 2 {
			k := root.Content[i]
			from, to := k.Line-1, len(ls)
			if i+2 < len(root.Content) {
				to = root.Content[i+2].Line - 1
			}
			// Blank lines and comments before the next key are not this one's.
			for to > from+1 && yamlNoise(ls[to-1]) {
				to--
			}
			if from < 0 || to <= from {
				return "", fmt.Errorf("key %q: no lines of its own", k.Value)
			}
			spans[k.Value] = span{from: from, to: to, key: k, val: root.Content[i+1]}
		}
	}
	return splice(ls, spans, len(ls), edits, func(e fmEdit, old span, found bool) (string, error) {
		t, err := yamlPair(e.key, e.value, old.key, old.val)
		if err != nil || !found {
			return t, err
		}
		t = keepCommentGap(t, ls[old.from:old.to])
		if strings.HasSuffix(ls[old.from], "\r\n") {
			t = strings.ReplaceAll(t, "\n", "\r\n")
		}
		return t, nil
	})
}

// keepCommentGap gives a one-line key's new line the spaces the old line
// had before its comment (the encoder writes one).
func keepCommentGap(t string, old []string) string {
	if len(old) != 1 || strings.Count(t, "\n") != 1 {
		return t
	}
	body := strings.TrimRight(old[0], "\r\n")
	i := strings.LastIndex(body, " #")
	if i < 0 {
		return t
	}
	comment := body[i+1:]
	gapStart := len(strings.TrimRight(body[:i+1], " \t"))
	j := strings.LastIndex(t, " "+comment+"\n")
	if j < 0 {
		return t
	}
	return t[:j] + body[gapStart:i+1] + comment + t[j+1+len(comment):]
}

func yamlNoise(l string) bool {
	t := strings.TrimRight(l, "\r\n")
	return strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#")
}

// yamlPair writes key: v as YAML lines in the style of the old key and value.
func yamlPair(key string, v any, oldK, oldV *yaml.Node) (string, error) {
	n, err := toNode(v, 0)
	if err != nil {
		return "", err
	}
	kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	if oldK != nil {
		kn.Style, kn.LineComment = oldK.Style, oldK.LineComment
	}
	if oldV != nil {
		keepStyle(n, oldV)
		n.LineComment = oldV.LineComment
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{kn, n}}); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

const quoted = yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle

// keepStyle gives the new value node the old one's quoting, block style or
// list style.
func keepStyle(n, old *yaml.Node) {
	switch {
	case n.Kind == yaml.ScalarNode && old.Kind == yaml.ScalarNode:
		switch {
		case old.Style&quoted != 0 && (n.Tag == "!!str" || n.Tag == "!!timestamp"):
			n.Tag, n.Style = "!!str", old.Style&quoted
		case old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && n.Tag == "!!str" && strings.Contains(n.Value, "\n"):
			n.Style = old.Style & (yaml.LiteralStyle | yaml.FoldedStyle)
		}
	case n.Kind == yaml.SequenceNode && old.Kind == yaml.SequenceNode:
		if old.Style&yaml.FlowStyle == 0 {
			n.Style &^= yaml.FlowStyle
		}
		if len(old.Content) > 0 && old.Content[0].Kind == yaml.ScalarNode {
			for _, e := range n.Content {
				keepStyle(e, old.Content[0])
			}
		}
	}
}
