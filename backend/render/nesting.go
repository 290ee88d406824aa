package render

import (
	"bytes"
	"fmt"

	"quire/backend/post"
)

// MaxNesting is the deepest nesting of lists and block quotes rendered as
// such. goldmark's time grows with the square of the containers opened on
// one line ("- - - - … x", ">>>>…"), so a small post could hold the preview
// for seconds; no real post nests this deep.
const MaxNesting = 32

// maxNestingWarnings is how many lines too deep are named one by one.
const maxNestingWarnings = 10

// guardInput rewrites the few inputs goldmark takes quadratic time on
// (capNesting, capLinkScans) before it parses them, with warnings.
func guardInput(body []byte, firstLine int) ([]byte, []post.Warning) {
	body, warns := capNesting(body, firstLine)
	body, more := capLinkScans(body, firstLine)
	return body, append(warns, more...)
}

// capNesting finds lines that open more than MaxNesting lists and quotes
// and escapes the marker that would open one more, so the rest of the line
// is text in the deepest container allowed: the post renders flat from
// there, every character still shown. firstLine is the line of the file
// body starts on, for the warnings. body is returned as is, without a copy,
// when no line nests too deep.
func capNesting(body []byte, firstLine int) ([]byte, []post.Warning) {
	var out []byte
	var warns []post.Warning
	more := 0 // lines too deep beyond the ones warned about
	last := 0 // end of what is copied into out
	line := firstLine
	for start := 0; start < len(body); line++ {
		end := len(body)
		if i := bytes.IndexByte(body[start:], '\n'); i >= 0 {
			end = start + i
		}
		if at := tooDeep(body[start:end]); at >= 0 {
			if out == nil {
				out = make([]byte, 0, len(body)+64)
			}
			out = append(out, body[last:start+at]...)
			out = append(out, '\\')
			last = start + at
			if len(warns) < maxNestingWarnings {
				warns = append(warns, post.Warning{Line: line,
					Message: fmt.Sprintf("lists and quotes nested deeper than %d levels are shown flat from here", MaxNesting)})
			} else {
				more++
			}
		}
		start = end + 1
	}
	if out == nil {
		return body, nil
	}
	if more > 0 {
		warns[len(warns)-1].Message += fmt.Sprintf(" (and on %d more lines)", more)
	}
	return append(out, body[last:]...), warns
}

// tooDeep returns the offset in the line of the character to escape so it
// does not open container MaxNesting+1 (a '>' or a list marker's '-', '*',
// '+', '.' or ')'), or -1 when the line opens no more than MaxNesting. It
// reads container markers as CommonMark does at the start of a line, only
// more loosely (any run of spaces and tabs between them), so it never counts
// fewer than goldmark opens.
func tooDeep(l []byte) int {
	depth := 0
	i := 0
	for {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		if i >= len(l) {
			return -1
		}
		mark := i
		switch c := l[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
				return -1
			}
			if c != '+' && thematicBreak(l[i:], c) {
				return -1
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j >= len(l) || (l[j] != '.' && l[j] != ')') || (j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t') {
				return -1
			}
			mark, i = j, j+1
		default:
			return -1
		}
		if depth++; depth > MaxNesting {
			return mark
		}
	}
}

// thematicBreak: the rest of the line is a thematic break of c ("- - -"),
// which CommonMark reads before a list item.
func thematicBreak(rest []byte, c byte) bool {
	n := 0
	for _, b := range rest {
		switch b {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}
