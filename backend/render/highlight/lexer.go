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
	simple []*syntax.RegexNode // a simple pattern's nodes, matched without regexp2
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
	if e.seen.Add(int64(n)) <= fastAfter {
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
	e.simple = simpleNodes(tree)
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

// simpleNodes returns the nodes of a pattern that is \G and then a sequence
// of single characters, strings and atomic (or final) loops of a single
// character, case-sensitive and without groups: such a pattern has one way
// to match at a position, found left to right without backtracking, which
// matchSimple does without the cost of a regexp2 run. Most of the rules that
// match often are like this (\s+, \n, [{}();,.], \w+). nil for any other.
func simpleNodes(tree *syntax.RegexTree) []*syntax.RegexNode {
	root := tree.Root
	if root.T != syntax.NtCapture || len(root.Children) != 1 || len(tree.Caplist) > 1 {
		return nil
	}
	cat := root.Children[0]
	if cat.T != syntax.NtConcatenate || len(cat.Children) < 2 || cat.Children[0].T != syntax.NtStart {
		return nil
	}
	nodes := cat.Children[1:]
	for i, n := range nodes {
		if n.Options&(syntax.IgnoreCase|syntax.RightToLeft|syntax.ECMAScript) != 0 {
			return nil
		}
		switch n.T {
		case syntax.NtOne, syntax.NtNotone, syntax.NtSet, syntax.NtMulti,
			syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop:
			// Greedy, and nothing after it to give characters back to.
			if i != len(nodes)-1 {
				return nil
			}
		default:
			return nil
		}
		if (n.T == syntax.NtSet || n.T == syntax.NtSetloop || n.T == syntax.NtSetloopatomic) && n.Set == nil {
			return nil
		}
	}
	return nodes
}

// matchSimple matches simple nodes at pos: the number of characters, or -1.
func matchSimple(nodes []*syntax.RegexNode, text []rune, pos int) int {
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
	return p - pos
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
}

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
		i, rule, n, m := it.match(rules, it.f.firstOf(l.State))
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
		if m == nil {
			whole := string(l.Text[l.Pos : l.Pos+n])
			groups, named["0"] = append(groups, whole), whole
		} else {
			for _, g := range m.Groups() {
				named[g.Name] = g.String()
				groups = append(groups, g.String())
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
// its index, and the match: its length in characters and, from regexp2, its
// groups (nil for a simple rule, whose only group is the whole match).
func (it *iterator) match(rules []*chroma.CompiledRule, first []firstEntry) (int, *chroma.CompiledRule, int, *regexp2.Match) {
	text, pos := it.state.Text, it.state.Pos
	c := text[pos]
	for i, rule := range rules {
		if i < len(first) && first[i].rule == rule {
			e := &first[i]
			if e.fc != nil && !e.fc.has(c) {
				continue
			}
			if e.simple != nil {
				if n := matchSimple(e.simple, text, pos); n >= 0 {
					return i, rule, n, nil
				}
				continue
			}
		}
		m, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
		if m != nil && err == nil && m.RuneIndex == pos {
			return i, rule, m.RuneLength, m
		}
	}
	return 0, nil, 0, nil
}
