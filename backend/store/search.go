package store

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// queryTerm is one word of a search: its tokens (letter and digit runs, as
// FTS5's unicode61 tokenizer cuts them) and whether the last is a prefix.
type queryTerm struct {
	raw      string
	tokens   []string // folded
	prefix   bool
	implicit bool // a prefix only because it is the last word
}

// parseQuery reads what a user typed. Words are ANDed; a word ending in * is
// a prefix, and so is the last word, so results appear while the user is
// still typing it (but see shortPrefix). Words without letters or digits
// are dropped.
func parseQuery(q string) []queryTerm {
	fields := strings.Fields(q)
	var terms []queryTerm
	for i, f := range fields {
		explicit := strings.HasSuffix(f, "*")
		f = strings.TrimRight(f, "*")
		prefix := explicit || i == len(fields)-1
		toks := tokens(f)
		if len(toks) == 0 {
			continue
		}
		terms = append(terms, queryTerm{raw: f, tokens: toks, prefix: prefix, implicit: prefix && !explicit})
	}
	return terms
}

// MatchQuery turns what a user typed into an FTS5 query that cannot be a
// syntax error: every word is a quoted string (quotes inside doubled), so
// AND, OR, NEAR, column filters, parentheses and stray quotes are just text.
// It returns "" when there is nothing to search for.
func MatchQuery(q string) string { return matchQuery(parseQuery(q)) }

func matchQuery(terms []queryTerm) string {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		p := `"` + strings.ReplaceAll(t.raw, `"`, `""`) + `"`
		if t.prefix {
			p += "*"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// shortPrefix tells a last word too short to be searched as a prefix in a
// large library: one whose last token (the part the prefix applies to, "c"
// of "c++") is one or two Latin letters or digits. They begin a large part
// of a language's words, so their prefix search merges the posting lists of
// thousands of words, which takes seconds at 100,000 posts and finds nearly
// every post. A word with other letters is never short: the index does not
// cut Chinese or Japanese into words, so their first characters are a
// prefix of a long token.
func shortPrefix(t queryTerm) bool {
	if !t.implicit {
		return false
	}
	for i := 0; i < len(t.raw); i++ {
		if t.raw[i] >= utf8.RuneSelf {
			return false
		}
	}
	return len(t.tokens[len(t.tokens)-1]) < 3
}

func isTokenRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isTokenRune(r) }) {
		out = append(out, fold(w))
	}
	return out
}

// fold lower-cases a word and strips accents from Latin letters, as the
// index does (remove_diacritics), so "Crème" is marked for "creme".
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func (t queryTerm) matches(tok string, last bool) bool {
	for i, q := range t.tokens {
		if t.prefix && i == len(t.tokens)-1 && last {
			if strings.HasPrefix(tok, q) {
				return true
			}
			continue
		}
		if tok == q {
			return true
		}
	}
	return false
}

func anyMatch(terms []queryTerm, word string) bool {
	f := fold(word)
	for _, t := range terms {
		if t.matches(f, true) {
			return true
		}
	}
	return false
}

// snippetWindow is about how much of a body bodySnippet makes plain text
// of: from the start of a line a third of it before the first match to the
// end of the line this far after it. A snippet is 32 words.
const snippetWindow = 1 << 10

// bodySnippet is matchSnippet of the body as plain text. A body of more
// than a few kilobytes is made plain only around its first match:
// plainText's cost grows with the body, and a page has up to 50 results,
// some of them long posts. When the window does not
// give the snippet the whole body would (the match was in markup plain
// text leaves out, say, or markup took the words around it), the whole
// body is used.
func bodySnippet(body string, terms []queryTerm) string {
	if len(body) > 3*snippetWindow {
		if snip, ok := windowSnippet(body, terms); ok {
			return snip
		}
	}
	return matchSnippet(plainText(body), terms)
}

// windowSnippet is bodySnippet from the window, and whether it is the one
// the whole body gives.
func windowSnippet(body string, terms []queryTerm) (string, bool) {
	at := firstMatch(body, terms)
	found := at >= 0
	if !found { // matched in the title, tags or categories: the start
		at = 0
	}
	start := max(at-snippetWindow/3, 0)
	if i := strings.LastIndexByte(body[:start], '\n'); i >= 0 {
		start = i + 1
	} else {
		start = 0
	}
	end := min(at+snippetWindow, len(body))
	if i := strings.IndexByte(body[end:], '\n'); i >= 0 {
		end += i
	} else {
		end = len(body)
	}
	snip := matchSnippet(plainText(body[start:end]), terms)
	return snip, (!found || strings.Contains(snip, "<mark>")) &&
		(start == 0 || strings.HasPrefix(snip, "…")) && (end == len(body) || strings.HasSuffix(snip, "…"))
}

// firstMatch is where the first word of s that matches a term starts, -1
// for none.
func firstMatch(s string, terms []queryTerm) int {
	start := -1
	for i, r := range s {
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && anyMatch(terms, s[start:i]) {
			return start
		}
		start = -1
	}
	if start >= 0 && anyMatch(terms, s[start:]) {
		return start
	}
	return -1
}

// Snippet size, in words around the first match.
const (
	snippetBefore = 8
	snippetWords  = 32
)

// matchSnippet cuts the body around its first match and returns it as HTML:
// escaped text with the matching words in <mark>…</mark>. A post that
// matched only in its title or tags gets the start of its body.
func matchSnippet(body string, terms []queryTerm) string {
	type span struct{ start, end int }
	var words []span // a sliding window of recent words
	first := -1
	inWord, start := false, 0
	flush := func(end int) bool {
		words = append(words, span{start, end})
		if first < 0 && anyMatch(terms, body[start:end]) {
			first = len(words) - 1
		}
		if first < 0 && len(words) > snippetBefore {
			words = words[1:]
		}
		return first >= 0 && len(words)-first >= snippetWords-snippetBefore
	}
	done := false
	for i, r := range body {
		if isTokenRune(r) {
			if !inWord {
				inWord, start = true, i
			}
			continue
		}
		if inWord {
			inWord = false
			if done = flush(i); done {
				break
			}
		}
	}
	if inWord && !done {
		flush(len(body))
	}
	if len(words) == 0 {
		return ""
	}
	if first < 0 { // no match in the body: its beginning
		words = words[:0]
		inWord = false
		for i, r := range body {
			if isTokenRune(r) != inWord {
				if inWord {
					words = append(words, span{start, i})
					if len(words) == snippetWords {
						break
					}
				}
				inWord, start = !inWord, i
			}
		}
		if inWord && len(words) < snippetWords {
			words = append(words, span{start, len(body)})
		}
	}
	var b strings.Builder
	from := words[0].start
	if strings.IndexFunc(body[:from], isTokenRune) >= 0 { // words left out, not just a blank line
		b.WriteString("…")
	}
	for _, w := range words {
		b.WriteString(html.EscapeString(squash(body[from:w.start])))
		word := body[w.start:w.end]
		if first >= 0 && anyMatch(terms, word) {
			b.WriteString("<mark>" + html.EscapeString(word) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(word))
		}
		from = w.end
	}
	if rest := body[words[len(words)-1].end:]; strings.IndexFunc(rest, isTokenRune) >= 0 {
		b.WriteString("…")
	} else {
		b.WriteString(html.EscapeString(squash(rest))) // the closing punctuation
	}
	return strings.TrimSpace(b.String())
}

// squash turns the text between two words into one line: each run of
// white space becomes one space.
func squash(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
