package export

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"quire/backend/hosting"
	"quire/backend/media"
	"quire/backend/render/mediaimg"
	"quire/backend/store"
)

// mediaDir is the site folder the media files go to.
const mediaDir = "media/"

// imageSizes is the sizes attribute of a resized image: the width of the
// default theme's text column (--measure), or the screen when narrower.
const imageSizes = "(max-width: 42rem) 100vw, 42rem"

// mediaSet is what one export knows of the media library: the records,
// which files are really there, and which exported post uses which file.
// Only files that exported posts use go into the site, under /media/.
type mediaSet struct {
	lib     *media.Library
	si      siteInfo
	recs    map[string]store.Media
	present map[string]bool
	byPost  map[int64][]string // post ID -> media names it uses, sorted
}

// loadMedia reads the media library of st for the posts in jobs.
func loadMedia(ctx context.Context, st *store.Store, si siteInfo, jobs []*postJob) (*mediaSet, error) {
	m := &mediaSet{lib: media.New(st), si: si, recs: map[string]store.Media{}, present: map[string]bool{}, byPost: map[int64][]string{}}
	recs, err := st.ListMedia(ctx)
	if err != nil || len(recs) == 0 {
		// An empty library (most sites, and the benchmarks) costs nothing:
		// the posts' text is not read a second time.
		return m, err
	}
	for _, r := range recs {
		m.recs[r.Name] = r
		m.present[r.Name] = m.lib.Exists(r.Name)
	}
	uses, err := st.MediaUsage(ctx)
	if err != nil {
		return nil, err
	}
	exported := make(map[int64]bool, len(jobs))
	for _, j := range jobs {
		exported[j.sum.ID] = true
	}
	for name, us := range uses {
		for _, u := range us {
			if exported[u.PostID] {
				m.byPost[u.PostID] = append(m.byPost[u.PostID], name)
			}
		}
	}
	for _, names := range m.byPost {
		sort.Strings(names)
	}
	return m, nil
}

// items is how many files publish sends: each used file and its copies.
func (m *mediaSet) items() int {
	if m == nil {
		return 0
	}
	used := map[string]bool{}
	for _, names := range m.byPost {
		for _, n := range names {
			used[n] = true
		}
	}
	n := 0
	for name := range used {
		if r, ok := m.recs[name]; ok {
			n += 1 + len(media.Variants(r))
		}
	}
	return n
}

// image is what an <img src="media/NAME"> of a post becomes in the site.
func (m *mediaSet) image(name string) (mediaimg.Image, bool) {
	im := mediaimg.Image{Src: m.si.link(mediaDir + name), Lazy: true}
	r, ok := m.recs[name]
	if !ok || !m.present[name] {
		return im, true // reported by publish
	}
	im.Width, im.Height = r.Width, r.Height
	if ws := media.Variants(r); len(ws) > 0 {
		var set []string
		for _, w := range ws {
			set = append(set, m.si.link(mediaDir+media.VariantName(name, w))+" "+strconv.Itoa(w)+"w")
		}
		set = append(set, im.Src+" "+strconv.Itoa(r.Width)+"w")
		im.Srcset, im.Sizes = strings.Join(set, ", "), imageSizes
	}
	return im, true
}

// rewrite points a post's media images, and links to them (a picture
// that opens the full-size file), at the site's /media/ folder.
func (m *mediaSet) rewrite(h string) string {
	if m == nil || !strings.Contains(h, "media/") {
		return h
	}
	h = mediaimg.Rewrite(h, m.image)
	return replaceURLAttrs(h, func(match, attr, val string) string {
		if name, ok := mediaimg.Name(html.UnescapeString(val)); ok && attr == "href" {
			return attr + `="` + html.EscapeString(m.si.link(mediaDir+name)) + `"`
		}
		return match
	})
}

// key is what a post's page depends on in the library: the files it uses
// and whether each is there, so a page is made again when one appears.
func (m *mediaSet) key(id int64) string {
	if m == nil || len(m.byPost[id]) == 0 {
		return ""
	}
	var b strings.Builder
	for _, n := range m.byPost[id] {
		_, rec := m.recs[n]
		fmt.Fprintf(&b, "\x00%s:%v:%v", n, rec, m.present[n])
	}
	return b.String()
}

// mediaKey identifies a file in the site made from a media file: its hash,
// and for a resized copy the width and how it was made.
func mediaKey(r store.Media, w int) string {
	if w == 0 && r.MIME == svgMIME {
		return r.Hash + "-noscript" // cleaned by media.CleanSVG
	}
	if w == 0 {
		return r.Hash
	}
	return r.Hash + "-" + strconv.Itoa(w) + "w-lanczos-q85-upright"
}

// publish sends the media files the exported posts use (and their resized
// copies) to the publisher, and warns about those that are not in the
// library, with the post and line.
func (m *mediaSet) publish(ctx context.Context, st *store.Store, jobs []*postJob, pub *hosting.Publisher, send func(hosting.Item), rep *Report) {
	if m == nil || len(m.byPost) == 0 {
		return
	}
	used := map[string]bool{}
	var missing []Warning
	for _, j := range jobs {
		for _, name := range m.byPost[j.sum.ID] {
			used[name] = true
			if _, ok := m.recs[name]; ok && m.present[name] {
				continue
			}
			msg := "image media/" + name + " is not in the media library"
			if _, ok := m.recs[name]; ok {
				msg = "image media/" + name + ": the file is missing from the media folder " + m.lib.Folder()
			}
			missing = append(missing, Warning{Post: j.sum.Slug, Line: mediaLine(ctx, st, j.sum.ID, name), Message: msg})
		}
	}
	rep.Warnings = append(rep.Warnings, missing...)
	var resize []resizeJob
	names := make([]string, 0, len(used))
	for n := range used {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		if ctx.Err() != nil {
			return
		}
		r, ok := m.recs[name]
		if !ok {
			continue
		}
		rel := mediaDir + name
		source := "media " + name
		if pub.Fresh(rel, mediaKey(r, 0)) {
			// Unchanged in the site; kept even when the library lost it.
			send(hosting.Item{TargetPath: rel, Source: source, Key: mediaKey(r, 0), Keep: true})
		} else if m.present[name] {
			data, err := readMedia(m.lib, name)
			if err == nil && r.MIME == svgMIME {
				data, err = cleanSVG(data, source, rep)
			}
			if err != nil {
				rep.Warnings = append(rep.Warnings, Warning{Post: source, Message: err.Error()})
				continue
			}
			send(hosting.Item{TargetPath: rel, Content: data, Source: source, Key: mediaKey(r, 0)})
		}
		if !m.present[name] {
			continue
		}
		var need []int
		for _, w := range media.Variants(r) {
			vrel := mediaDir + media.VariantName(name, w)
			if key := mediaKey(r, w); pub.Fresh(vrel, key) {
				send(hosting.Item{TargetPath: vrel, Source: source, Key: key, Keep: true})
			} else {
				need = append(need, w)
			}
		}
		if len(need) > 0 {
			resize = append(resize, resizeJob{r, need})
		}
	}
	m.resize(ctx, resize, send, rep)
}

const svgMIME = "image/svg+xml"

// cleanSVG takes script out of an SVG (media.CleanSVG): opened on its own,
// the file would run it in the site's origin. What was taken out is
// reported; an SVG that does not parse is not published.
func cleanSVG(data []byte, source string, rep *Report) ([]byte, error) {
	out, n, err := media.CleanSVG(data)
	if err != nil {
		return nil, fmt.Errorf("not published: %w", err)
	}
	if n > 0 {
		rep.Warnings = append(rep.Warnings, Warning{Post: source, Message: fmt.Sprintf("took %d scripts, event handlers or script links out of the SVG", n)})
	}
	return out, nil
}

// resizeJob is the copies of one image an export still has to make.
type resizeJob struct {
	r      store.Media
	widths []int
}

// resize makes the copies on a few cores at once, each image decoded once;
// no more than four at a time, and no more than the media package's memory
// budget allows (an image too large for it is published without copies).
func (m *mediaSet) resize(ctx context.Context, jobs []resizeJob, send func(hosting.Item), rep *Report) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	ch := make(chan resizeJob)
	for i := 0; i < min(runtime.GOMAXPROCS(0), 4, len(jobs)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				if ctx.Err() != nil {
					continue
				}
				source := "media " + j.r.Name
				out, err := m.lib.ResizeAll(j.r.Name, j.widths)
				if err != nil {
					mu.Lock()
					msg := fmt.Sprintf("could not make the smaller copies: %v", err)
					if errors.Is(err, media.ErrDecodeTooLarge) {
						msg = fmt.Sprintf("published as it is, without smaller copies: %v", err)
					}
					rep.Warnings = append(rep.Warnings, Warning{Post: source, Message: msg})
					mu.Unlock()
					continue
				}
				for k, w := range j.widths {
					send(hosting.Item{TargetPath: mediaDir + media.VariantName(j.r.Name, w), Content: out[k], Source: source, Key: mediaKey(j.r, w)})
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}

func readMedia(lib *media.Library, name string) ([]byte, error) {
	p, err := lib.Path(name)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("image media/%s: %w", name, media.ErrMissing)
	}
	return b, err
}

// mediaLine is the line of the post's file (front matter included, as the
// editor shows it) where media/NAME first appears; 0 when it cannot tell.
func mediaLine(ctx context.Context, st *store.Store, id int64, name string) int {
	p, err := st.GetPost(ctx, id)
	if err != nil {
		return 0
	}
	file, err := p.MarshalEditable()
	if err != nil {
		return 0
	}
	i := strings.Index(string(file), "media/"+name)
	if i < 0 {
		return 0
	}
	return 1 + strings.Count(string(file[:i]), "\n")
}
