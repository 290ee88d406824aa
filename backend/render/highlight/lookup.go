package highlight

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Finding a lexer by name is a map look-up in chroma, but a name chroma does
// not know (a fence's "example", "{note}", "mjs") sends lexers.Get through
// every lexer's file-name globs, which costs far more than highlighting the
// block would. So a name is resolved once per process, hits and misses alike,
// and never by glob: by chroma's names and aliases, then by the file
// extensions and file names its lexers declare, read once into a map.

// aliases are names real posts use for languages chroma knows under another
// name.
var aliases = map[string]string{
	"mjs":           "javascript",
	"cjs":           "javascript",
	"console":       "bash-session",
	"shell-session": "bash-session",
}

// plainNames mark a block as not code to highlight: output, prose, a
// transcript.
var plainNames = map[string]bool{"text": true, "plain": true, "none": true, "output": true}

// maxMemo bounds the memo: past it, names are still resolved (by maps, so
// quickly), just not remembered.
const maxMemo = 4096

var (
	memo     sync.Map // string -> lexerEntry
	memoSize atomic.Int64
)

// lexerEntry is a memo entry; a nil lexer is a remembered miss.
type lexerEntry struct{ l chroma.Lexer }

// Lexer returns chroma's lexer for a fence's language, or nil when the block
// is not to be highlighted.
func Lexer(lang string) chroma.Lexer {
	if v, ok := memo.Load(lang); ok {
		return v.(lexerEntry).l
	}
	l := resolve(lang)
	if memoSize.Load() < maxMemo {
		if _, loaded := memo.LoadOrStore(lang, lexerEntry{l}); !loaded {
			memoSize.Add(1)
		}
	}
	return l
}

func resolve(lang string) chroma.Lexer {
	if lang == "" || strings.HasPrefix(lang, "{") {
		// "{note}", "{code-block}": a MyST or Sphinx directive, not a language.
		return nil
	}
	lower := strings.ToLower(lang)
	if plainNames[lower] {
		return nil
	}
	if a, ok := aliases[lower]; ok {
		lower = a
	}
	idx := index()
	if idx.names[lower] {
		// A name or alias: lexers.Get finds it in its maps.
		return lexers.Get(lower)
	}
	// As lexers.Get does after its maps, with "filename."+lang and lang
	// as a file name, but from the index rather than by glob.
	var candidates chroma.PrioritisedLexers
	if l := idx.files["filename."+lang]; l != nil {
		candidates = append(candidates, l)
	}
	if l := idx.files[lang]; l != nil {
		candidates = append(candidates, l)
	}
	if len(candidates) == 0 {
		return nil
	}
	sort.Stable(candidates)
	return candidates[0]
}

type lexerIndex struct {
	// names holds chroma's lexer names and aliases, lower case.
	names map[string]bool
	// files maps "filename.ext" and literal file names (Dockerfile) to
	// the lexer chroma's Match would pick for them.
	files map[string]chroma.Lexer
}

var index = sync.OnceValue(func() lexerIndex {
	idx := lexerIndex{names: map[string]bool{}, files: map[string]chroma.Lexer{}}
	for _, name := range lexers.GlobalLexerRegistry.Names(true) {
		idx.names[strings.ToLower(name)] = true
	}
	// Match tries the primary file names first, and the alias file names
	// only when none matched.
	primary := map[string]chroma.PrioritisedLexers{}
	secondary := map[string]chroma.PrioritisedLexers{}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		cfg := l.Config()
		for _, glob := range cfg.Filenames {
			if key, ok := fileKey(glob); ok {
				primary[key] = append(primary[key], l)
			}
		}
		for _, glob := range cfg.AliasFilenames {
			if key, ok := fileKey(glob); ok {
				secondary[key] = append(secondary[key], l)
			}
		}
	}
	for _, m := range []map[string]chroma.PrioritisedLexers{secondary, primary} {
		for key, ls := range m {
			sort.Stable(ls)
			idx.files[key] = ls[0]
		}
	}
	return idx
})

// fileKey turns a file-name glob into the key it matches: "*.ts" into
// "filename.ts", "Dockerfile" into itself. Other globs ("*.[ch]") are
// left out: a fence names its language, rarely such a pattern.
func fileKey(glob string) (string, bool) {
	rest, ext := strings.CutPrefix(glob, "*.")
	if strings.ContainsAny(rest, `*?[\`) {
		return "", false
	}
	if ext {
		return "filename." + rest, true
	}
	return rest, true
}
