package highlight

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// A chroma RegexLexer finds each token by trying the rules of its current
// state in order, running the regular expression of each at the position
// until one matches. Most fail, and each try costs a regexp2 run (a pooled
// runner, a match object, a timeout clock) of a few hundred nanoseconds: a
// Go block of 900 bytes takes some 6,000 tries for 400 tokens. Most of those
// tries fail on the first character, which regexp2 can tell before running:
// its compiler works out the set of characters a match can start with (what
// it uses itself to skip ahead in an unanchored search).
//
// fastLexer runs the same compiled rules, in the same order, with the same
// emitters and mutators, but skips a rule when the next character is not in
// its first-character set; a token that is a plain token type is returned
// directly rather than through an iterator. The tokens are the same as
// chroma's (a test compares them over every lexer the corpus uses); about
// nine tries in ten are skipped, and a block highlights two to three times
// as fast. A lexer that is not a RegexLexer, or whose rules cannot be read,
// is used as it is.
type fastLexer struct {
	*chroma.RegexLexer // a copy of the lexer's rules, compiled once more

	rules chroma.CompiledRules
	// first holds, per state, the first-character set of each rule (nil:
	// any), beside the rule it was worked out for: a mutator that swaps a
	// rule at run time (raku's does) leaves the new one unfiltered. A
	// state's sets are worked out when it is first entered: working them
	// out costs about what compiling the rules does, and a block in a
	// language visits a few of its states.
	first map[string]*stateFirst
}

type stateFirst struct {
	once    sync.Once
	entries []firstEntry
}

func (f *fastLexer) firstOf(state string) []firstEntry {
	sf := f.first[state]
	if sf == nil {
		return nil
	}
	sf.once.Do(func() {
		rs := f.rules[state]
		sf.entries = make([]firstEntry, len(rs))
		for i, r := range rs {
			sf.entries[i] = entryOf(r)
		}
	})
	return sf.entries
}

type firstEntry struct {
	rule   *chroma.CompiledRule
	fc     *firstChars
	simple *simple // the pattern, when simple, matched without regexp2
	// anchor is the pattern's ^ (a line start, chroma's lexers being
	// multi-line) or \A, which fails wherever fc cannot tell: a rule for
	// the start of a line is tried at every position of every line, and
	// regexp2 takes 200 ns to say no (JavaScript's and Python's lexers have
	// such rules in their root state).
	anchor syntax.NodeType
}

// anchored reports whether e's anchor lets it match at pos.
func (e *firstEntry) anchored(text []rune, pos int) bool {
	switch e.anchor {
	case syntax.NtBol:
		return pos == 0 || text[pos-1] == '\n'
	case syntax.NtBeginning:
		return pos == 0
	}
	return true
}

// firstChars is the set of characters a rule's match can start with.
type firstChars struct {
	ascii [2]uint64 // for c < 128, whether c (lowered if fold) is in set
	set   syntax.CharSet
	fold  bool // case-insensitive: the set holds lower case
}

func (f *firstChars) has(c rune) bool {
	if c < utf8.RuneSelf {
		return f.ascii[c>>6]&(1<<(c&63)) != 0
	}
	if f.fold {
		c = unicode.ToLower(c)
	}
	return f.set.CharIn(c)
}

var fastLexers sync.Map // chroma.Lexer -> *fastEntry

type fastEntry struct {
	seen atomic.Int64 // bytes of code lexed in the language so far
	once sync.Once
	l    chroma.Lexer // a *fastLexer, or the lexer itself
}

// loops are chroma lexers that never finish on some input; they get the
// fast form from the first block, which stops such a loop (see maxStuck).
var loops = map[string]bool{"JSONata": true, "Jungle": true}

// fastAfter is how much code in a language is lexed by chroma itself before
// the fast form is built: building it (a second compile of the rules) costs
// about what chroma's lexer loses on 4 KB, so a short post's few blocks,
// rendered once by the command line, are not slowed down.
const fastAfter = 4 << 10

// fast returns the lexer to use for n more bytes of code in l's language:
// l itself at first, its fast form once the language has seen fastAfter
// bytes (built once, even when several blocks are highlighted at the same
// time). Both give the same tokens.
func fast(l chroma.Lexer, n int) chroma.Lexer {
	v, ok := fastLexers.Load(l)
	if !ok {
		v, _ = fastLexers.LoadOrStore(l, &fastEntry{})
	}
	e := v.(*fastEntry)
	if e.seen.Add(int64(n)) <= fastAfter && !loops[l.Config().Name] {
		return l
	}
	e.once.Do(func() {
		e.l = l
		if rl, ok := l.(*chroma.RegexLexer); ok {
			if fl := newFastLexer(rl); fl != nil {
				e.l = fl
			}
		}
	})
	return e.l
}

// captureRules is a rule whose mutator hands over the lexer's compiled
// rules when chroma compiles them (the LexerMutator hook, which is how
// chroma's own include works), and takes itself out of them.
type captureRules struct{ rules chroma.CompiledRules }

func (c *captureRules) Mutate(*chroma.LexerState) error { return nil }

func (c *captureRules) MutateLexer(rules chroma.CompiledRules, state string, i int) error {
	c.rules = rules
	rules[state] = append(rules[state][:i:i], rules[state][i+1:]...)
	return nil
}

func newFastLexer(orig *chroma.RegexLexer) *fastLexer {
	raw, err := orig.Rules()
	if err != nil {
		return nil
	}
	capture := &captureRules{}
	rules := make(chroma.Rules, len(raw))
	for state, rs := range raw {
		rules[state] = rs
	}
	root := rules["root"]
	rules["root"] = append(root[:len(root):len(root)], chroma.Rule{Pattern: "$", Mutator: capture})
	cp, err := chroma.NewLexer(orig.Config(), func() chroma.Rules { return rules })
	if err != nil {
		return nil
	}
	cp.SetRegistry(lexers.GlobalLexerRegistry)
	if _, err := cp.Rules(); err != nil || capture.rules == nil {
		return nil
	}
	f := &fastLexer{RegexLexer: cp, rules: capture.rules, first: map[string]*stateFirst{}}
	for state := range f.rules {
		f.first[state] = &stateFirst{}
	}
	return f
}

// entryOf works out a rule's first-character set (regexp2's, or nil when
// a match may start with anything or be empty) and whether it is simple.
func entryOf(r *chroma.CompiledRule) firstEntry {
	e := firstEntry{rule: r}
	tree, err := syntax.Parse(r.Regexp.String(), syntax.ParseOptions{})
	if err != nil {
		return e
	}
	e.simple = simpleOf(tree)
	if root := tree.Root; root.T == syntax.NtCapture && len(root.Children) == 1 {
		if cat := root.Children[0]; cat.T == syntax.NtConcatenate && len(cat.Children) > 1 && cat.Children[0].T == syntax.NtStart {
			if t := cat.Children[1].T; t == syntax.NtBol || t == syntax.NtBeginning {
				e.anchor = t
			}
		}
	}
	code, err := syntax.Write(tree)
	if err != nil || code.FcPrefix == nil || code.RightToLeft {
		return e
	}
	fc := &firstChars{set: code.FcPrefix.PrefixSet, fold: code.FcPrefix.CaseInsensitive}
	for c := rune(0); c < utf8.RuneSelf; c++ {
		lc := c
		if fc.fold {
			lc = unicode.ToLower(c)
		}
		if fc.set.CharIn(lc) {
			fc.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	e.fc = fc
	return e
}

// simple is a pattern that has one way to match at a position, found left
// to right without backtracking, which simple.match finds without the cost of
// a regexp2 run: \G, then single characters, strings, atomic loops of one
// character and word boundaries, with at most one alternation of fixed
// sequences (a keyword list: (break|case|go)\b, or (?i) ones, which regexp2
// spells as sequences of sets), in group 1 or in none; a greedy loop only at
// the end, where it has nothing to give back to. Most of the rules that match
// often are like this (\s+, \n, [{}();,.], \w+, keywords).
type simple struct {
	pre, post []*syntax.RegexNode   // before and after the alternation (all of it without one)
	alts      [][]*syntax.RegexNode // the alternation's sequences, in order; nil: none
	capture   bool                  // the alternation is group 1
	// byFirst lists, for each ASCII character, the sequences (their
	// indexes, in order) that can start with it: SQL's keyword rule is an
	// alternation of 800 words, of which a word's first letter leaves a
	// few dozen to try. Built for alternations of more than indexAlts.
	byFirst *[utf8.RuneSelf][]int32
}

// indexAlts is the size from which an alternation gets a first-character
// index: below it, trying each sequence costs about what the lookup does.
const indexAlts = 16

// maxAlts bounds the sequences an alternation expands to, maxRepeat the
// characters a fixed repeat in one expands to.
const (
	maxAlts   = 4096
	maxRepeat = 16
)

// simpleOf returns the simple form of a parsed pattern, or nil.
func simpleOf(tree *syntax.RegexTree) *simple {
	root := tree.Root
	// Groups 0 and at most 1, numbered as written.
	if root.T != syntax.NtCapture || len(root.Children) != 1 || tree.Captop > 2 || len(tree.Capnames) > 0 {
		return nil
	}
	cat := root.Children[0]
	if cat.T != syntax.NtConcatenate || len(cat.Children) < 2 || cat.Children[0].T != syntax.NtStart {
		return nil
	}
	sp := &simple{}
	nodes := cat.Children[1:]
	for i, n := range nodes {
		if n.Options&(syntax.IgnoreCase|syntax.RightToLeft|syntax.ECMAScript) != 0 {
			return nil
		}
		last := i == len(nodes)-1
		switch {
		case fixed(n) || n.T == syntax.NtBoundary || n.T == syntax.NtNonboundary:
		case n.T == syntax.NtOneloopatomic || n.T == syntax.NtNotoneloopatomic || n.T == syntax.NtSetloopatomic:
		case (n.T == syntax.NtOneloop || n.T == syntax.NtNotoneloop || n.T == syntax.NtSetloop) && last:
		case sp.alts == nil && (n.T == syntax.NtAlternate || n.T == syntax.NtCapture):
			alt := n
			if n.T == syntax.NtCapture {
				if n.M != 1 || len(n.Children) != 1 || tree.Captop != 2 {
					return nil
				}
				alt, sp.capture = n.Children[0], true
			}
			seqs, ok := sequences(alt)
			if !ok || len(seqs) == 0 {
				return nil
			}
			sp.alts = seqs
			continue
		default:
			return nil
		}
		if (n.T == syntax.NtSet || n.T == syntax.NtSetloop || n.T == syntax.NtSetloopatomic) && n.Set == nil {
			return nil
		}
		if sp.alts == nil {
			sp.pre = append(sp.pre, n)
		} else {
			sp.post = append(sp.post, n)
		}
	}
	if tree.Captop == 2 && !sp.capture {
		return nil
	}
	if len(sp.alts) > indexAlts {
		sp.byFirst = new([utf8.RuneSelf][]int32)
		for i, seq := range sp.alts {
			for c := rune(0); c < utf8.RuneSelf; c++ {
				if canStart(seq, c) {
					sp.byFirst[c] = append(sp.byFirst[c], int32(i))
				}
			}
		}
	}
	return sp
}

// fixed: a node that matches exactly one character or one string.
func fixed(n *syntax.RegexNode) bool {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtMulti:
		return n.Options&(syntax.IgnoreCase|syntax.RightToLeft) == 0
	case syntax.NtSet:
		return n.Options&(syntax.IgnoreCase|syntax.RightToLeft) == 0 && n.Set != nil
	}
	return false
}

// sequences expands an alternation of fixed sequences into the sequences
// it can match, in the order a backtracking matcher tries them.
func sequences(n *syntax.RegexNode) ([][]*syntax.RegexNode, bool) {
	if n.Options&(syntax.IgnoreCase|syntax.RightToLeft|syntax.ECMAScript) != 0 {
		return nil, false
	}
	switch {
	case fixed(n):
		return [][]*syntax.RegexNode{{n}}, true
	case n.T == syntax.NtEmpty:
		return [][]*syntax.RegexNode{{}}, true
	case n.M == n.N && n.M > 0 && n.M <= maxRepeat && (n.IsOneFamily() || n.IsNotoneFamily() || n.IsSetFamily()) &&
		n.T != syntax.NtOnelazy && n.T != syntax.NtNotonelazy && n.T != syntax.NtSetlazy:
		// A character repeated a fixed number of times (regexp2 makes the
		// LL of SMALLINT [Ll]{2}): that many single characters.
		one := &syntax.RegexNode{T: syntax.NtOne, Options: n.Options, Ch: n.Ch, Set: n.Set}
		switch {
		case n.IsNotoneFamily():
			one.T = syntax.NtNotone
		case n.IsSetFamily():
			one.T = syntax.NtSet
		}
		if !fixed(one) {
			return nil, false
		}
		seq := make([]*syntax.RegexNode, n.M)
		for i := range seq {
			seq[i] = one
		}
		return [][]*syntax.RegexNode{seq}, true
	case n.T == syntax.NtAlternate:
		var out [][]*syntax.RegexNode
		for _, c := range n.Children {
			seqs, ok := sequences(c)
			if !ok || len(out)+len(seqs) > maxAlts {
				return nil, false
			}
			out = append(out, seqs...)
		}
		return out, true
	case n.T == syntax.NtConcatenate:
		out := [][]*syntax.RegexNode{{}}
		for _, c := range n.Children {
			seqs, ok := sequences(c)
			if !ok || len(out)*len(seqs) > maxAlts {
				return nil, false
			}
			var next [][]*syntax.RegexNode
			for _, a := range out {
				for _, b := range seqs {
					next = append(next, append(a[:len(a):len(a)], b...))
				}
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// match matches the pattern at pos: the length of the match and the span of
// group 1, or -1.
func (sp *simple) match(text []rune, pos int) (n, capStart, capEnd int) {
	p := matchNodes(sp.pre, text, pos)
	if p < 0 {
		return -1, 0, 0
	}
	if sp.alts == nil {
		return p - pos, 0, 0
	}
	if sp.byFirst != nil && p < len(text) && text[p] < utf8.RuneSelf {
		for _, i := range sp.byFirst[text[p]] {
			if end, q := sp.try(sp.alts[i], text, p); end >= 0 {
				return end - pos, p, q
			}
		}
		return -1, 0, 0
	}
	for _, seq := range sp.alts {
		if end, q := sp.try(seq, text, p); end >= 0 {
			return end - pos, p, q
		}
	}
	return -1, 0, 0
}

// canStart: whether seq can match text starting with c.
func canStart(seq []*syntax.RegexNode, c rune) bool {
	if len(seq) == 0 {
		return true
	}
	switch n := seq[0]; n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return matchNodes(seq[:1], []rune{c}, 0) == 1
	case syntax.NtMulti:
		return len(n.Str) > 0 && n.Str[0] == c
	}
	return true // a word boundary: it depends on more than c
}

// try matches one sequence of the alternation at p, then what follows it:
// the end of the match and of the sequence, or -1.
func (sp *simple) try(seq []*syntax.RegexNode, text []rune, p int) (end, q int) {
	if q = matchNodes(seq, text, p); q < 0 {
		return -1, 0
	}
	return matchNodes(sp.post, text, q), q
}

// matchNodes matches deterministic nodes at pos: the position after them,
// or -1.
func matchNodes(nodes []*syntax.RegexNode, text []rune, pos int) int {
	p := pos
	for _, n := range nodes {
		switch n.T {
		case syntax.NtOne:
			if p >= len(text) || text[p] != n.Ch {
				return -1
			}
			p++
		case syntax.NtNotone:
			if p >= len(text) || text[p] == n.Ch {
				return -1
			}
			p++
		case syntax.NtSet:
			if p >= len(text) || !n.Set.CharIn(text[p]) {
				return -1
			}
			p++
		case syntax.NtMulti:
			if len(text)-p < len(n.Str) {
				return -1
			}
			for i, c := range n.Str {
				if text[p+i] != c {
					return -1
				}
			}
			p += len(n.Str)
		case syntax.NtBoundary, syntax.NtNonboundary:
			// regexp2's IsBoundary, the text being the whole block.
			b := (p > 0 && syntax.IsWordChar(text[p-1])) != (p < len(text) && syntax.IsWordChar(text[p]))
			if b != (n.T == syntax.NtBoundary) {
				return -1
			}
		default: // a loop
			k := 0
			for k < n.N && p+k < len(text) {
				c := text[p+k]
				var in bool
				switch n.T {
				case syntax.NtOneloop, syntax.NtOneloopatomic:
					in = c == n.Ch
				case syntax.NtNotoneloop, syntax.NtNotoneloopatomic:
					in = c != n.Ch
				default:
					in = n.Set.CharIn(c)
				}
				if !in {
					break
				}
				k++
			}
			if k < n.M {
				return -1
			}
			p += k
		}
	}
	return p
}

var defaultOptions = &chroma.TokeniseOptions{State: "root", EnsureLF: true}

// Tokenise is chroma's RegexLexer.Tokenise with the faster iterator.
func (f *fastLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options == nil {
		options = defaultOptions
	}
	if options.EnsureLF {
		text = ensureLF(text)
	}
	newlineAdded := false
	if !options.Nested && f.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	it := &iterator{f: f, initial: options.State, state: &chroma.LexerState{
		Lexer:          f.RegexLexer,
		Registry:       lexers.GlobalLexerRegistry,
		Text:           []rune(text),
		Stack:          []string{options.State},
		Rules:          f.rules,
		MutatorContext: map[any]any{},
	}}
	it.end = len(it.state.Text)
	if newlineAdded {
		it.end--
	}
	return it.next, nil
}

// ensureLF is chroma's: \r\n and \r become \n.
func ensureLF(text string) string {
	if !strings.Contains(text, "\r") {
		return text
	}
	buf := make([]byte, len(text))
	var j int
	for i := range len(text) {
		c := text[i]
		if c == '\r' {
			if i < len(text)-1 && text[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		buf[j] = c
		j++
	}
	return string(buf[:j])
}

type iterator struct {
	f       *fastLexer
	state   *chroma.LexerState
	stack   []chroma.Iterator // emitters' iterators, innermost last
	initial string            // the state an unmatched newline returns to
	end     int
	stuck   int // matches in a row that did not move on
	lastPos int
}

// maxStuck is how many matches in a row may leave the position where it is
// (empty matches that push or pop states) before the lexer is taken to be in
// a loop: chroma's JSONata and Jungle lexers loop for ever on some input, and
// a render must end. The panic is recovered by format, and the block is left
// unhighlighted.
const maxStuck = 10000

// next is chroma's LexerState.Iterator (v2.27.0) with the rule matching
// below.
func (it *iterator) next() chroma.Token {
	l := it.state
	for l.Pos < it.end && len(l.Stack) > 0 {
		if t, ok := it.drain(); ok {
			return t
		}
		l.State = l.Stack[len(l.Stack)-1]
		rules, ok := l.Rules[l.State]
		if !ok {
			panic("unknown state " + l.State)
		}
		i, rule, n, m, g1 := it.match(rules, it.f.firstOf(l.State))
		if l.Pos != it.lastPos {
			it.lastPos, it.stuck = l.Pos, 0
		} else if it.stuck++; it.stuck > maxStuck {
			panic("highlight: " + it.f.Config().Name + " lexer makes no progress")
		}
		if rule == nil {
			// As chroma (after Pygments): a newline that matches nothing
			// empties the stack, so an unclosed string ends at the line.
			if l.Text[l.Pos] == '\n' && l.State != it.initial {
				l.Stack = []string{it.initial}
				continue
			}
			l.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos-1 : l.Pos])}
		}
		l.Rule = i
		if tt, plain := rule.Type.(chroma.TokenType); plain && rule.Mutator == nil {
			// Nothing reads the groups: emit the token itself.
			value := string(l.Text[l.Pos : l.Pos+n])
			l.Pos += n
			if tt == chroma.Ignore {
				continue
			}
			return chroma.Token{Type: tt, Value: value}
		}
		groups := []string{}
		named := make(map[string]string)
		if m != nil {
			for _, g := range m.Groups() {
				named[g.Name] = g.String()
				groups = append(groups, g.String())
			}
		} else {
			// A simple rule's groups, as regexp2 would give them.
			whole := string(l.Text[l.Pos : l.Pos+n])
			groups, named["0"] = append(groups, whole), whole
			if g1 != nil {
				v := string(l.Text[g1[0]:g1[1]])
				groups, named["1"] = append(groups, v), v
			}
		}
		l.Groups, l.NamedGroups = groups, named
		l.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(l); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			it.stack = append(it.stack, rule.Type.Emit(l.Groups, l))
		}
	}
	if t, ok := it.drain(); ok {
		return t
	}
	if l.Pos != len(l.Text) && len(l.Stack) == 0 {
		value := string(l.Text[l.Pos:])
		l.Pos = len(l.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	return chroma.EOF
}

// drain returns the next token from the emitters' iterators, if any.
func (it *iterator) drain() (chroma.Token, bool) {
	for len(it.stack) > 0 {
		n := len(it.stack) - 1
		t := it.stack[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			it.stack = it.stack[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// match is chroma's matchRules, skipping the rules that cannot start with
// the next character and matching simple ones itself. It returns the rule,
// its index and the match: its length in characters, and regexp2's match or,
// for a simple rule, the span of group 1 (when it has one).
func (it *iterator) match(rules []*chroma.CompiledRule, first []firstEntry) (i int, rule *chroma.CompiledRule, n int, m *regexp2.Match, g1 *[2]int) {
	text, pos := it.state.Text, it.state.Pos
	c := text[pos]
	for i, rule := range rules {
		if i < len(first) && first[i].rule == rule {
			e := &first[i]
			if e.fc != nil && !e.fc.has(c) || !e.anchored(text, pos) {
				continue
			}
			if sp := e.simple; sp != nil {
				n, cs, ce := sp.match(text, pos)
				if n < 0 {
					continue
				}
				if sp.capture {
					g1 = &[2]int{cs, ce}
				}
				return i, rule, n, nil, g1
			}
		}
		m, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
		if m != nil && err == nil && m.RuneIndex == pos {
			return i, rule, m.RuneLength, m, nil
		}
	}
	return 0, nil, 0, nil, nil
}
