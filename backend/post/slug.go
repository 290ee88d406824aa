package post

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen bounds a slug in bytes; it becomes a file or directory name on export.
const MaxSlugLen = 100

// letters that do not decompose into ASCII plus accents.
var foldSpecial = strings.NewReplacer(
	"ß", "ss", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe", "ø", "o", "Ø", "o",
	"ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "ð", "d", "Ð", "d", "þ", "th", "Þ", "th",
	"ı", "i", "&", " and ", "’", "", "'", "",
)

// Slugify makes a slug from a title: lower case, Latin letters folded to
// ASCII ("Crème brûlée" → "creme-brulee"), other scripts kept as they are
// since dropping them would leave nothing, every run of anything else one
// hyphen. A title with nothing usable gives "untitled".
func Slugify(title string) string {
	s := foldSpecial.Replace(title)
	s = foldLatin(norm.NFC.String(s))
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			hyphen = false
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			hyphen = false
		default:
			if b.Len() > 0 && !hyphen {
				b.WriteByte('-')
				hyphen = true
			}
		}
		if b.Len() >= MaxSlugLen {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	for len(out) > MaxSlugLen {
		// cut at a rune boundary
		out = strings.ToValidUTF8(out[:MaxSlugLen], "")
	}
	out = strings.Trim(out, "-")
	if out == "" || isReserved(out) {
		if out == "" {
			return "untitled"
		}
		return out + "-post"
	}
	return out
}

// windowsReserved are device names Windows will not create a file for, with
// or without an extension.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

func isReserved(s string) bool {
	base, _, _ := strings.Cut(strings.ToLower(s), ".")
	return windowsReserved[strings.TrimRight(base, " ")]
}

// ValidateSlug checks that s is safe to use as a single path element on every
// system Quire exports to: a slug is never a path. It is an ErrInvalid.
func ValidateSlug(s string) error {
	bad := func(why string) error { return fmt.Errorf("slug %q %s: %w", s, why, ErrInvalid) }
	switch {
	case s == "":
		return bad("is empty")
	case len(s) > MaxSlugLen:
		return bad(fmt.Sprintf("is longer than %d bytes", MaxSlugLen))
	case strings.Contains(s, "/"):
		return bad("contains a slash")
	case strings.Contains(s, `\`):
		return bad("contains a backslash")
	case strings.Contains(s, ".."):
		return bad(`contains ".."`)
	case strings.ContainsAny(s, `:*?"<>|#%`):
		return bad(`contains one of : * ? " < > | # %`)
	case strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " "):
		return bad("starts or ends with a dot or space")
	case isReserved(s):
		return bad("is a device name on Windows")
	}
	for _, r := range s {
		if r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.IsSpace(r) {
			return bad("contains a space, control character or invalid text")
		}
	}
	return nil
}

// foldLatin replaces each letter that decomposes into an ASCII letter plus
// accents with that letter ("é" → "e"). Other scripts keep their marks: the
// dakuten in "ブ" is part of the letter, not decoration.
func foldLatin(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		d := norm.NFD.String(string(r))
		if d[0] < 0x80 && unicode.IsLetter(rune(d[0])) {
			for _, c := range d {
				if c < 0x80 {
					b.WriteRune(c)
				}
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
