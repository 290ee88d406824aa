package importer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"quire/backend/post"
	"quire/backend/store"
)

// AddImageFunc adds the image file at path to the media library and returns
// the link a post uses for it ("media/NAME"). See Options.AddImage.
type AddImageFunc func(ctx context.Context, path string) (link string, err error)

// Images a post shows: Markdown ![alt](url "title") and HTML <img src="url">.
var (
	mdImage   = regexp.MustCompile(`!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|\{\{[^}\n]*\}\}[^\s()]*|[^\s()]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)`)
	htmlImage = regexp.MustCompile(`(?i)<img\b[^>]*?\ssrc\s*=\s*("\{\{[^}\n]*\}\}[^"]*"|'\{\{[^}\n]*\}\}[^']*'|"[^"]*"|'[^']*')`)
	// liquidBase is Jekyll's {{ site.baseurl }} (or site.url) before a path.
	liquidBase = regexp.MustCompile(`^\{\{\s*site\.(?:baseurl|url)\s*\}\}`)
	// liquidFilter is {{ "/assets/x.png" | relative_url }} and the like.
	liquidFilter = regexp.MustCompile(`^\{\{\s*["']([^"']+)["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*\}\}$`)
)

// imageRef is where a post refers to an image: the bytes [start, end) of
// the body hold the URL as written.
type imageRef struct {
	start, end int
	url        string
}

// imageRefs finds the images of a Markdown body outside fenced code.
func imageRefs(body string) []imageRef {
	if !strings.Contains(body, "![") && !strings.Contains(strings.ToLower(body), "<img") {
		return nil
	}
	code := fencedRanges(body)
	inCode := func(i int) bool {
		for _, r := range code {
			if i >= r[0] && i < r[1] {
				return true
			}
		}
		return false
	}
	var out []imageRef
	for _, m := range mdImage.FindAllStringSubmatchIndex(body, -1) {
		s, e := m[2], m[3]
		if strings.HasPrefix(body[s:e], "<") {
			s, e = s+1, e-1
		}
		if !inCode(m[0]) {
			out = append(out, imageRef{s, e, body[s:e]})
		}
	}
	for _, m := range htmlImage.FindAllStringSubmatchIndex(body, -1) {
		s, e := m[2]+1, m[3]-1
		if !inCode(m[0]) {
			out = append(out, imageRef{s, e, body[s:e]})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// fencedRanges are the byte ranges of ``` and ~~~ code blocks.
func fencedRanges(body string) [][2]int {
	var out [][2]int
	open, fence := -1, ""
	pos := 0
	for _, line := range strings.SplitAfter(body, "\n") {
		t := strings.TrimLeft(line, " ")
		switch {
		case open < 0 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			open, fence = pos, t[:3]
		case open >= 0 && strings.HasPrefix(t, fence):
			out = append(out, [2]int{open, pos + len(line)})
			open = -1
		}
		pos += len(line)
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(body)})
	}
	return out
}

// localImagePaths are the files an image URL may name, most likely first,
// by the generator's rules: a site-absolute /assets/x.png is under the
// site's root (Jekyll) or its static/ folder (Hugo); a relative one is next
// to the post (a Hugo page bundle, a folder of notes), else under the root.
// URLs with a scheme, protocol-relative ones and our own media/ links are
// not local files.
func localImagePaths(raw string, kind Kind, root, postDir string) []string {
	u := strings.TrimSpace(raw)
	if m := liquidFilter.FindStringSubmatch(u); m != nil {
		u = m[1]
	}
	u = liquidBase.ReplaceAllString(u, "")
	if u == "" || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "{{") {
		return nil
	}
	if i := strings.IndexAny(u, ":/?#"); i >= 0 && u[i] == ':' {
		return nil // https:, data:, ...
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	if strings.HasPrefix(u, "media/") || strings.Contains(u, "\x00") {
		return nil
	}
	rel := filepath.FromSlash(u)
	if strings.HasPrefix(u, "/") {
		var out []string
		if kind == KindHugo {
			out = append(out, filepath.Join(root, "static", rel), filepath.Join(root, "assets", rel))
		}
		return append(out, filepath.Join(root, rel))
	}
	return []string{filepath.Join(postDir, rel), filepath.Join(root, rel)}
}

// within reports whether path, with links resolved, is inside root.
func within(root, path string) bool {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(r, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// bringImages adds the local images p refers to into the media library
// with add and points the links at them. Only files inside the imported
// site's root are read; an image that cannot be found or is refused keeps
// its link and is a warning with its line. deps are the files it looked
// for, as they were: the post would change if one of them did.
func bringImages(ctx context.Context, p *post.Post, path, root string, kind Kind, bodyLine int, add AddImageFunc) (warns []post.Warning, deps []store.FileStamp) {
	refs := imageRefs(p.Body)
	if len(refs) == 0 || root == "" {
		return nil, nil
	}
	postDir := filepath.Dir(path)
	if bodyLine < 1 {
		bodyLine = 1
	}
	var b strings.Builder
	last := 0
	done := map[string]string{}
	for _, r := range refs {
		cands := localImagePaths(r.url, kind, root, postDir)
		if len(cands) == 0 {
			continue
		}
		line := bodyLine + strings.Count(p.Body[:r.start], "\n")
		link, found := "", false
		var lastErr error
		for _, c := range cands {
			fi, err := os.Stat(c)
			if err != nil || !fi.Mode().IsRegular() {
				deps = append(deps, store.FileStamp{Path: c, Size: -1})
				continue
			}
			deps = append(deps, store.FileStamp{Path: c, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()})
			found = true
			if !within(root, c) {
				lastErr = fmt.Errorf("it is outside the imported folder %s", root)
				continue
			}
			if l, ok := done[c]; ok {
				link = l
				break
			}
			l, err := add(ctx, c)
			if err != nil {
				lastErr = err
				if errors.Is(err, ctx.Err()) && ctx.Err() != nil {
					return warns, deps
				}
				continue
			}
			done[c], link = l, l
			break
		}
		switch {
		case link != "":
			b.WriteString(p.Body[last:r.start])
			b.WriteString(link)
			last = r.end
		case lastErr != nil:
			warns = append(warns, post.Warning{Line: line, Message: fmt.Sprintf("image %s was not brought in: %v", r.url, lastErr)})
		case !found:
			warns = append(warns, post.Warning{Line: line, Message: fmt.Sprintf("image %s was not found in the imported folder; the link is kept", r.url)})
		}
	}
	if last > 0 {
		b.WriteString(p.Body[last:])
		p.Body = b.String()
	}
	return warns, deps
}
