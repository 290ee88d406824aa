package render

import (
	"bytes"
	"fmt"
	"sort"

	"quire/backend/post"
)

// linkScanBudget is how many bytes goldmark may read looking for the ends
// of link destinations in one body. At each "](" it reads on to the end of
// the destination: a line of "[a](" repeated, with no ")" or space, has it
// read the rest of the line every time, which grows with the square of the
// line's length.
const linkScanBudget = 8 << 20

// longLinkScan is the scan beyond which an opening parenthesis is shown as
// text once the budget is spent.
const longLinkScan = 512

// capLinkScans estimates, in one pass, what goldmark reads for each link
// destination ("](dest" and "](<dest"), and when the total is over
// linkScanBudget escapes the "(" of each destination whose scan is longer
// than longLinkScan, so it reads as text; it warns with the first line.
// body is returned as is when the total is within the budget.
func capLinkScans(body []byte, firstLine int) ([]byte, []post.Warning) {
	if linkScanBound(body) <= linkScanBudget {
		return body, nil
	}
	type start struct{ open, pos, depth int }
	var long []int // positions of the "(" to escape
	var total int64
	firstLong := -1
	line := firstLine
	lineStart := 0
	var pending []start // plain destinations not yet ended, depth non-decreasing
	var angles []start  // <destinations not yet ended
	end := func(s start, at int) {
		n := at - s.pos
		total += int64(n)
		if n > longLinkScan {
			long = append(long, s.open)
			if firstLong < 0 {
				firstLong = line
			}
		}
	}
	flush := func(at int) {
		for _, s := range pending {
			end(s, at)
		}
		for _, s := range angles {
			end(s, at)
		}
		pending, angles = pending[:0], angles[:0]
	}
	depth := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\n':
			flush(i)
			line++
			lineStart = i + 1
			depth = 0
			continue
		case c == '\\' && i+1 < len(body) && isPunct(body[i+1]):
			i++ // an escaped character neither opens nor closes
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			for _, s := range pending {
				end(s, i)
			}
			pending = pending[:0]
		case c == '>':
			for _, s := range angles {
				end(s, i)
			}
			angles = angles[:0]
		case c == ')':
			depth--
			for len(pending) > 0 && pending[len(pending)-1].depth > depth {
				end(pending[len(pending)-1], i)
				pending = pending[:len(pending)-1]
			}
		case c == '(':
			if i > lineStart && body[i-1] == ']' {
				p := i + 1
				for p < len(body) && (body[p] == ' ' || body[p] == '\t') {
					p++
				}
				if p < len(body) && body[p] == '<' {
					angles = append(angles, start{i, p, 0})
				} else {
					// The destination ends at the ")" that takes the
					// depth below what it is inside this "(".
					pending = append(pending, start{i, p, depth + 1})
				}
			}
			depth++
		}
	}
	flush(len(body))
	if total <= linkScanBudget || len(long) == 0 {
		return body, nil
	}
	out := make([]byte, 0, len(body)+len(long))
	last := 0
	sort.Ints(long)
	for _, at := range long {
		out = append(out, body[last:at]...)
		out = append(out, '\\')
		last = at
	}
	out = append(out, body[last:]...)
	return out, []post.Warning{{Line: firstLong, Message: fmt.Sprintf(
		"%d link destinations that never end (an opening parenthesis after ] with no closing one) are shown as text from here", len(long))}}
}

// linkScanBound is at least the total capLinkScans would estimate: a
// destination opens at a "](" and its scan ends at the end of its line at
// the latest. It is a few vectorised searches, where the estimate reads
// every byte, so a post within the budget (every real one) costs next to
// nothing.
func linkScanBound(body []byte) int64 {
	var bound int64
	opener := []byte("](")
	for rest := body; len(rest) > 0; {
		i := bytes.Index(rest, opener)
		if i < 0 {
			break
		}
		lineEnd := bytes.IndexByte(rest[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(rest) - i
		}
		line := rest[i : i+lineEnd]
		bound += int64(bytes.Count(line, opener)) * int64(len(line))
		rest = rest[i+lineEnd:]
	}
	return bound
}

// isPunct is ASCII punctuation, which a backslash escapes in Markdown.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
