package app

import (
	"fmt"
	"os"
	"strings"

	"quire/backend/post"
)

// Spell checking: the window's web view checks spelling as the writer types
// (WebKitGTK's checker on Linux, turned on in spell_linux.go; the web view's
// own on macOS and Windows). The editor asks for it on prose only.

// Setting keys of spell checking (window settings, so the window can read them).
const (
	keySpellOff   = uiPrefix + "spellcheck-off"  // "1": spell checking is off
	keySpellLangs = uiPrefix + "spell-languages" // e.g. "en_GB, de_DE"; empty: the default
)

// SpellCheck is how spelling is checked.
type SpellCheck struct {
	Enabled bool `json:"enabled"`
	// Languages are dictionary names (en_US, de_DE), as the writer set them;
	// empty means the default: the site's language, else the system's.
	Languages []string `json:"languages"`
	// InUse are the dictionaries asked of the checker.
	InUse []string `json:"inUse"`
}

// SpellCheck returns the spell checking settings.
func (s *Settings) SpellCheck() (SpellCheck, error) {
	off, _, err := s.st.GetSetting(s.ctx, keySpellOff)
	if err != nil {
		return SpellCheck{}, err
	}
	langs, _, err := s.st.GetSetting(s.ctx, keySpellLangs)
	if err != nil {
		return SpellCheck{}, err
	}
	site, _, err := s.st.GetSetting(s.ctx, "site.language")
	if err != nil {
		return SpellCheck{}, err
	}
	c := SpellCheck{Enabled: off != "1", Languages: splitLangs(langs)}
	c.InUse = spellLanguages(c.Languages, site, os.Getenv("LANG"))
	return c, nil
}

// SetSpellCheck stores the spell checking settings and applies them to the
// window at once.
func (s *Settings) SetSpellCheck(enabled bool, languages []string) (SpellCheck, error) {
	for _, l := range languages {
		if strings.TrimSpace(l) == "" || strings.ContainsAny(l, ", \x00\n") || len(l) > 35 {
			return SpellCheck{}, fmt.Errorf("spelling language %q: not a language name like en_US: %w", l, post.ErrInvalid)
		}
	}
	off := ""
	if !enabled {
		off = "1"
	}
	if err := s.st.SetSetting(s.ctx, keySpellOff, off); err != nil {
		return SpellCheck{}, err
	}
	if err := s.st.SetSetting(s.ctx, keySpellLangs, strings.Join(languages, ", ")); err != nil {
		return SpellCheck{}, err
	}
	return s.applySpellCheck()
}

// applySpellCheck hands the stored settings to the web view.
func (s *Settings) applySpellCheck() (SpellCheck, error) {
	c, err := s.SpellCheck()
	if err != nil {
		return c, err
	}
	setSpellChecking(c.Enabled, c.InUse)
	return c, nil
}

func splitLangs(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, f)
	}
	return out
}

// regionOf is the usual dictionary of a language given without a region,
// where it is not the language's own code in capitals (de: de_DE).
var regionOf = map[string]string{"en": "US", "da": "DK", "sv": "SE", "nb": "NO", "nn": "NO", "cs": "CZ",
	"el": "GR", "uk": "UA", "ja": "JP", "ko": "KR", "zh": "CN", "ca": "ES", "et": "EE", "sl": "SI", "he": "IL"}

// spellLanguages are the dictionaries to ask for: those set, else the
// site's language, else the system locale's (LANG=de_CH.UTF-8: de_CH). A
// language without a region gets the locale's region when the locale is
// of the same language (site "en" with LANG=en_GB: en_GB), else its usual
// one (en: en_US); the bare language follows, which some dictionaries use.
func spellLanguages(set []string, site, lang string) []string {
	if len(set) > 0 {
		return set
	}
	loc := lang
	if i := strings.IndexAny(loc, ".@"); i >= 0 {
		loc = loc[:i]
	}
	if loc == "C" || loc == "POSIX" {
		loc = ""
	}
	want := strings.ReplaceAll(strings.TrimSpace(site), "-", "_")
	if want == "" {
		want = loc
	}
	if want == "" {
		want = "en_US"
	}
	base, region, _ := strings.Cut(want, "_")
	base = strings.ToLower(base)
	if region == "" {
		if lb, lr, ok := strings.Cut(loc, "_"); ok && strings.EqualFold(lb, base) {
			region = lr
		} else if r, ok := regionOf[base]; ok {
			region = r
		} else {
			region = strings.ToUpper(base)
		}
	}
	return []string{base + "_" + strings.ToUpper(region), base}
}
