package importer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"quire/backend/post"
	"quire/backend/render"
	"quire/backend/store"
)

// datePrefix is Jekyll's YYYY-MM-DD- at the start of a post's file name.
var datePrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-`)

// statusKey finds a top-level key that sets the status in YAML, TOML or
// JSON front matter: status, draft or published.
var statusKey = regexp.MustCompile(`(?m)^(?:\s*"(status|draft|published)"\s*:|(status|draft|published)\s*[:=])`)

// parseFile reads one file and makes the post, by the generators' rules:
//
//   - Status: in Jekyll's _drafts, a draft. Otherwise front matter that says
//     (status:, draft: true, published: false) decides; without it the post
//     is published, and a published post dated in the future is scheduled
//     (post.EffectiveStatus).
//   - Title: front matter, else the first heading, else the file name.
//   - Date: front matter, else a YYYY-MM-DD- file name, else the file's
//     modification time (not when the front matter has status:, as the files
//     Quire writes do, so an undated draft stays undated). A file name date
//     that disagrees with date: is a warning.
//   - Slug: slug:, else the file name (a page bundle's folder name) without
//     its date. In a plain folder an undated file with a title gets its slug
//     from the title, as before. A post imported before keeps its slug
//     unless the file names one (see store.ImportPosts).
//
// abs is the file's absolute path ("": found here). prev is what the last
// import recorded of the file (nil for none): when that still stands
// (reusable) and the file has the same size and time, or the same bytes,
// the file is not parsed and parsed.same is prev.
//
// parseFile reads and checks the file; the steps after Parse (statusSaid,
// nameParts, deriveDate, deriveTitleSlug) apply the rules above.
func parseFile(c candidate, abs string, prev *store.ImportedFile, ctxKey string) parsed {
	res := Result{Path: c.path, Outcome: Failed, Assets: c.assets}
	fail := func(err error) parsed {
		res.Err = err
		return parsed{res: res}
	}
	switch {
	case c.err != nil:
		return fail(c.err)
	case c.skip != "":
		res.Outcome, res.Reason = Skipped, c.skip
		return parsed{res: res}
	}
	path := c.path
	if abs == "" {
		var err error
		if abs, err = filepath.Abs(path); err != nil {
			return fail(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fail(describeErr(path, err))
	}
	if !fi.Mode().IsRegular() {
		return fail(fmt.Errorf("%s: not a regular file", path))
	}
	if fi.Size() > maxFileSize {
		return fail(fmt.Errorf("%s: %d MB is too large for a post: %w", path, fi.Size()>>20, post.ErrInvalid))
	}
	reuse := reusable(prev, ctxKey)
	if reuse && fi.Size() == prev.Size && fi.ModTime().UnixNano() == prev.ModTime {
		return parsed{res: res, same: prev}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fail(describeErr(path, err))
	}
	file := &store.ImportedFile{Path: abs, Size: int64(len(src)), ModTime: fi.ModTime().UnixNano(), Hash: hashBytes(src), Context: ctxKey}
	if reuse && file.Hash == prev.Hash && !prev.DateFromTime {
		// Touched, not changed: only the time is new.
		again := *prev
		again.Size, again.ModTime = file.Size, file.ModTime
		return parsed{res: res, same: &again, touched: true}
	}
	if i := bytes.IndexByte(src[:min(len(src), 8000)], 0); i >= 0 {
		return fail(fmt.Errorf("%s: a binary file, not Markdown text: %w", path, post.ErrInvalid))
	}
	p, warnings, err := Parse(path, src)
	res.Warnings = warnings
	if err != nil {
		return fail(err)
	}
	p.Source = abs

	saysStatus, hasStatusKey, bodyLine := statusSaid(src)
	stem, nameDate := nameParts(c)
	res.Warnings = deriveDate(p, nameDate, hasStatusKey, fi.ModTime(), file, res.Warnings)
	switch {
	case c.draft:
		p.Status = post.StatusDraft
	case saysStatus:
		// as the front matter says (ParseFile)
	default:
		p.Status = post.StatusPublished
	}
	slug := deriveTitleSlug(c, p, stem, nameDate)
	// What came from the file's name, folder or time is noted as derived:
	// writing the post back leaves it out of the text.
	p.NoteDerived()
	return parsed{res: res, post: p, defaultSlug: slug, root: c.root, kind: c.kind, bodyLine: bodyLine, file: file}
}

// statusSaid reports whether the front matter sets the status at all
// (status:, draft: or published:) and whether by a status: key, which the
// files Quire writes have. ParseFile does not tell a default from a value
// it read, and the date and status rules depend on which it was. bodyLine
// is the line the body starts on, for the shortcode check.
func statusSaid(src []byte) (saysStatus, hasStatusKey bool, bodyLine int) {
	fm, _, _, bodyLine, _ := post.SplitFrontMatter(src)
	if len(fm) == 0 && bytes.HasPrefix(bytes.TrimPrefix(src, bom), []byte("{")) {
		fm = src // JSON front matter
	}
	for _, m := range statusKey.FindAllSubmatch(fm, -1) {
		saysStatus = true
		if string(m[1]) == "status" || string(m[2]) == "status" {
			hasStatusKey = true
		}
	}
	return saysStatus, hasStatusKey, bodyLine
}

// nameParts splits the file's name (a page bundle's folder name) into its
// stem and Jekyll's date prefix, if any: both are the post's URL in a
// generator's site, so they give the date and slug when the front matter
// does not.
func nameParts(c candidate) (stem string, nameDate time.Time) {
	name := filepath.Base(c.path)
	stem = strings.TrimSuffix(name, filepath.Ext(name))
	if c.bundle {
		stem = filepath.Base(filepath.Dir(c.path))
	}
	if m := datePrefix.FindStringSubmatch(stem); m != nil {
		if d, err := time.Parse("2006-01-02", m[1]); err == nil {
			nameDate = d
			stem = stem[len(m[0]):]
		}
	}
	return stem, nameDate
}

// deriveDate dates a post whose front matter does not, by its file name or
// else its modification time (noted in file, so a later import knows the
// date was not the author's), and warns when the file name and date:
// disagree. It returns warnings with any new one appended.
func deriveDate(p *post.Post, nameDate time.Time, hasStatusKey bool, modTime time.Time, file *store.ImportedFile, warnings []post.Warning) []post.Warning {
	switch {
	case !p.Date.IsZero() && !nameDate.IsZero():
		if got := p.Date.Format("2006-01-02"); got != nameDate.Format("2006-01-02") {
			warnings = append(warnings, post.Warning{Message: fmt.Sprintf(
				"the file name says %s but date: says %s; the post is dated %s", nameDate.Format("2006-01-02"), got, got)})
		}
	case !nameDate.IsZero():
		p.Date = nameDate
	case p.Date.IsZero() && !hasStatusKey:
		p.Date = modTime.Truncate(time.Second)
		file.DateFromTime = true
	}
	return warnings
}

// deriveTitleSlug gives an untitled post a title (its first heading, else
// its file name) and returns the slug the file name gives, "" for the
// store's default.
//
// In a Jekyll or Hugo site, and for any dated file name, the file name
// is the post's URL: it gives the slug. A loose file's slug comes from
// its title (the store's default), as Quire always did.
func deriveTitleSlug(c candidate, p *post.Post, stem string, nameDate time.Time) string {
	titled := p.Title != ""
	if p.Title == "" {
		if h := firstHeading(p.Body); h != "" {
			p.Title = h
		} else {
			p.Title = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(stem))
		}
	}
	slug := ""
	if c.kind != KindFolder || !nameDate.IsZero() || !titled {
		slug = post.Slugify(stem)
		if slug == "untitled" {
			slug = ""
		}
	}
	return slug
}

// shortcodeChecker parses posts for their shortcodes' problems; it writes
// no HTML, so code highlighting is off.
var shortcodeChecker = render.New(render.Settings{NoHighlight: true, Once: true})

// checkShortcodes says which shortcodes and Liquid tags of the post will
// not render (an unknown one, an unclosed highlight), with their lines,
// now rather than first on the published page.
func (p *parsed) checkShortcodes(checker *render.Renderer) {
	if checker == nil {
		checker = shortcodeChecker
	}
	if p.post != nil {
		p.res.Warnings = append(p.res.Warnings, checker.ShortcodeProblems(p.post, []byte(p.post.Body), p.bodyLine)...)
	}
}

var bom = []byte("\xef\xbb\xbf")

// Parse parses a Markdown file with post.ParseFile, which also reads
// Hugo's JSON front matter (a JSON object at the start of the file).
func Parse(name string, src []byte) (*post.Post, []post.Warning, error) {
	return post.ParseFile(name, src)
}

// firstHeading returns the text of the body's first heading (ATX "# Title"
// or setext "Title\n====="), outside fenced code.
func firstHeading(body string) string {
	fence := ""
	prev := ""
	for len(body) > 0 {
		line, rest, _ := strings.Cut(body, "\n")
		body = rest
		line = strings.TrimRight(line, "\r")
		t := strings.TrimLeft(line, " ")
		indent := len(line) - len(t)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			prev = ""
			continue
		}
		if indent < 4 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")) {
			fence = t[:3]
			prev = ""
			continue
		}
		if indent < 4 && strings.HasPrefix(t, "#") {
			n := len(t) - len(strings.TrimLeft(t, "#"))
			if n <= 6 && (len(t) == n || t[n] == ' ' || t[n] == '\t') {
				h := strings.TrimSpace(t[n:])
				h = strings.TrimSpace(strings.TrimRight(h, "#"))
				if h != "" {
					return h
				}
			}
		}
		if indent < 4 && prev != "" && len(t) > 0 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "") && strings.TrimSpace(t) != "" {
			return prev
		}
		prev = strings.TrimSpace(line)
	}
	return ""
}
