package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
)

// want is what a post must look like after an import.
type want struct {
	slug, title, date string      // date as 2006-01-02, "" for none
	status            post.Status // as readers see it now (EffectiveStatus)
	tags              []string
	extraKeys         []string // Extra's keys in order
	body              string   // "" means do not check
}

func checkPosts(t *testing.T, st *store.Store, rep *importer.Report, wants []want) {
	t.Helper()
	ctx := context.Background()
	bySlug := map[string]importer.Result{}
	for _, r := range rep.Results {
		if r.Slug != "" {
			bySlug[r.Slug] = r
		}
	}
	for _, w := range wants {
		p, err := st.GetPostBySlug(ctx, w.slug)
		if err != nil {
			t.Errorf("%s: %v (results %+v)", w.slug, err, rep.Results)
			continue
		}
		if p.Title != w.title {
			t.Errorf("%s: title %q, want %q", w.slug, p.Title, w.title)
		}
		got := ""
		if !p.Date.IsZero() {
			got = p.Date.Format("2006-01-02")
		}
		if got != w.date {
			t.Errorf("%s: date %q, want %q", w.slug, got, w.date)
		}
		if s := p.EffectiveStatus(time.Now()); s != w.status {
			t.Errorf("%s: status %s, want %s", w.slug, s, w.status)
		}
		if w.tags != nil && !reflect.DeepEqual(p.Tags, w.tags) {
			t.Errorf("%s: tags %q, want %q", w.slug, p.Tags, w.tags)
		}
		var keys []string
		for _, f := range p.Extra {
			keys = append(keys, f.Key)
		}
		if !reflect.DeepEqual(keys, w.extraKeys) {
			t.Errorf("%s: extra keys %q, want %q", w.slug, keys, w.extraKeys)
		}
		if w.body != "" && p.Body != w.body {
			t.Errorf("%s: body %q, want %q", w.slug, p.Body, w.body)
		}
	}
	res, err := st.ListPosts(ctx, store.ListOptions{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != len(wants) {
		var slugs []string
		for _, s := range res.Posts {
			slugs = append(slugs, s.Slug)
		}
		t.Errorf("%d posts %q, want %d", res.Total, slugs, len(wants))
	}
}

func result(t *testing.T, rep *importer.Report, name string) importer.Result {
	t.Helper()
	for _, r := range rep.Results {
		if strings.HasSuffix(filepath.ToSlash(r.Path), name) {
			return r
		}
	}
	t.Fatalf("no result for %s in %+v", name, rep.Results)
	return importer.Result{}
}

func TestJekyllSite(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "_config.yml"), "title: My Jekyll Blog\ndescription: Notes\nurl: https://example.org\nbaseurl: /blog\npermalink: pretty\nlang: de\npaginate: 5\nauthor:\n  name: Ada\n")
	write(t, filepath.Join(dir, "_posts", "2018-01-05-kubecon-2017-austin-summary.md"), string(sampleFile(t)))
	write(t, filepath.Join(dir, "_posts", "2019-02-03-no-front-matter.markdown"), "# A Heading Title\n\nText.\n")
	write(t, filepath.Join(dir, "_posts", "2019-04-01-mismatch.md"), "---\ntitle: Mismatch\ndate: 2019-04-02 10:00:00 +0100\n---\nx\n")
	write(t, filepath.Join(dir, "_posts", "2999-12-31-future.md"), "---\ntitle: Future\nz: 1\na: 2\n---\nlater\n")
	write(t, filepath.Join(dir, "_posts", "2019-05-05-hidden.md"), "---\ntitle: Unpublished\npublished: false\n---\n")
	write(t, filepath.Join(dir, "travel", "_posts", "2017-06-07-lisbon.md"), "---\ntitle: Lisbon\ncustom_slug: no\n---\n")
	write(t, filepath.Join(dir, "_drafts", "idea.md"), "---\ntitle: An idea\ntags: [x]\n---\nmaybe\n")
	write(t, filepath.Join(dir, "about.md"), "---\ntitle: About\nlayout: page\n---\n")
	write(t, filepath.Join(dir, "_site", "2019", "index.md"), "generated")
	write(t, filepath.Join(dir, "_layouts", "x.md"), "layout")

	rep, err := importer.Import(ctx, st, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sites) != 1 || rep.Sites[0].Kind != importer.KindJekyll {
		t.Fatalf("sites: %+v", rep.Sites)
	}
	if r := result(t, rep, "about.md"); r.Outcome != importer.Skipped || !strings.Contains(r.Reason, "page") {
		t.Errorf("about.md: %+v", r)
	}
	if r := result(t, rep, "2019-04-01-mismatch.md"); len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].Message, "2019-04-01") {
		t.Errorf("mismatch not reported: %+v", r.Warnings)
	}
	if rep.Count(importer.Failed) != 0 || rep.Count(importer.Imported) != 7 || rep.Count(importer.Skipped) != 1 {
		t.Errorf("report: %s %+v", rep.Summary(), rep.Results)
	}
	checkPosts(t, st, rep, []want{
		{slug: "kubecon-2017-austin-summary", title: "KubeCon 2017 Austin Summary", date: "2018-01-05", status: post.StatusPublished},
		{slug: "no-front-matter", title: "A Heading Title", date: "2019-02-03", status: post.StatusPublished, body: "# A Heading Title\n\nText.\n"},
		{slug: "mismatch", title: "Mismatch", date: "2019-04-02", status: post.StatusPublished},
		{slug: "future", title: "Future", date: "2999-12-31", status: post.StatusScheduled, extraKeys: []string{"z", "a"}},
		{slug: "hidden", title: "Unpublished", date: "2019-05-05", status: post.StatusDraft},
		{slug: "lisbon", title: "Lisbon", date: "2017-06-07", status: post.StatusPublished, extraKeys: []string{"custom_slug"}},
		{slug: "idea", title: "An idea", date: time.Now().Format("2006-01-02"), status: post.StatusDraft, tags: []string{"x"}},
	})
	settings := map[string]string{
		"site.title": "My Jekyll Blog", "site.description": "Notes", "site.base-url": "https://example.org/blog/",
		"site.permalink": "/:categories/:year/:month/:day/:title/", "site.language": "de", "site.posts-per-page": "5", "site.author": "Ada",
	}
	for k, v := range settings {
		if got, _, _ := st.GetSetting(ctx, k); got != v {
			t.Errorf("setting %s = %q, want %q", k, got, v)
		}
	}

	// Again: nothing changes and nothing is added.
	rep, err = importer.Import(ctx, st, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(importer.Unchanged) != 7 || rep.Count(importer.Imported) != 0 {
		t.Errorf("re-import: %s", rep.Summary())
	}
	// A site setting changed in Quire is kept.
	if err := st.SetSetting(ctx, "site.title", "Renamed"); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "_posts", "2999-12-31-future.md"), "---\ntitle: Future\nz: 1\na: 2\n---\nlater, edited\n")
	rep, _ = importer.Import(ctx, st, []string{dir})
	if rep.Count(importer.Updated) != 1 || rep.Count(importer.Unchanged) != 6 {
		t.Errorf("after an edit: %s", rep.Summary())
	}
	if got, _, _ := st.GetSetting(ctx, "site.title"); got != "Renamed" || len(rep.Sites[0].Warnings) == 0 {
		t.Errorf("site title %q, warnings %q", got, rep.Sites[0].Warnings)
	}
}

func TestHugoSite(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "hugo.toml"), "baseURL = 'https://hugo.example/'\nlanguageCode = 'en-gb'\ntitle = 'Hugo Site'\n[params]\ndescription = 'From params'\n[permalinks]\nposts = '/:year/:month/:slug/'\n")
	write(t, filepath.Join(dir, "content", "_index.md"), "---\ntitle: Home\n---\n")
	write(t, filepath.Join(dir, "content", "posts", "_index.md"), "+++\ntitle = 'Posts'\n+++\n")
	write(t, filepath.Join(dir, "content", "posts", "toml-post.md"), "+++\ntitle = 'TOML post'\ndate = 2021-03-04T05:06:07Z\ntags = ['a', 'b']\nweight = 3\n[extra]\nkey = 'v'\n+++\nBody in TOML.\n")
	write(t, filepath.Join(dir, "content", "posts", "draft.md"), "+++\ntitle = 'Drafted'\ndate = 2021-01-01\ndraft = true\n+++\n")
	write(t, filepath.Join(dir, "content", "posts", "my-trip", "index.md"), "---\ntitle: My trip\ndate: 2020-08-09\n---\n![beach](beach.jpg)\n")
	write(t, filepath.Join(dir, "content", "posts", "my-trip", "beach.jpg"), "\xff\xd8jpeg")
	write(t, filepath.Join(dir, "content", "posts", "my-trip", "notes", "map.pdf"), "%PDF")
	write(t, filepath.Join(dir, "content", "posts", "json.md"), "{\n\t\"title\": \"JSON post\",\n\t\"date\": \"2022-02-02\",\n\t\"slug\": \"from-json\",\n\t\"zebra\": 1,\n\t\"apple\": [1, 2]\n}\nJSON body.\n")
	write(t, filepath.Join(dir, "content", "posts", "no-date.md"), "Just text, no heading.\n")
	write(t, filepath.Join(dir, "themes", "x", "README.md"), "theme")

	var progress [][2]int
	rep, err := importer.ImportWith(ctx, st, []string{dir}, importer.Options{Progress: func(done, total int) {
		progress = append(progress, [2]int{done, total})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sites) != 1 || rep.Sites[0].Kind != importer.KindHugo {
		t.Fatalf("sites: %+v", rep.Sites)
	}
	if rep.Count(importer.Failed) != 0 || rep.Count(importer.Skipped) != 2 || rep.Count(importer.Imported) != 5 {
		t.Errorf("report: %s %+v", rep.Summary(), rep.Results)
	}
	if last := progress[len(progress)-1]; last != [2]int{7, 7} {
		t.Errorf("progress %v", progress)
	}
	if r := result(t, rep, "my-trip/index.md"); len(r.Assets) != 2 {
		t.Errorf("bundle assets: %q", r.Assets)
	}
	fi, err := os.Stat(filepath.Join(dir, "content", "posts", "no-date.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkPosts(t, st, rep, []want{
		{slug: "toml-post", title: "TOML post", date: "2021-03-04", status: post.StatusPublished, tags: []string{"a", "b"}, extraKeys: []string{"weight", "extra"}, body: "Body in TOML.\n"},
		{slug: "draft", title: "Drafted", date: "2021-01-01", status: post.StatusDraft},
		{slug: "my-trip", title: "My trip", date: "2020-08-09", status: post.StatusPublished, body: "![beach](beach.jpg)\n"},
		{slug: "from-json", title: "JSON post", date: "2022-02-02", status: post.StatusPublished, extraKeys: []string{"zebra", "apple"}, body: "JSON body.\n"},
		{slug: "no-date", title: "no date", date: fi.ModTime().Format("2006-01-02"), status: post.StatusPublished},
	})
	for k, v := range map[string]string{"site.title": "Hugo Site", "site.base-url": "https://hugo.example/", "site.language": "en-gb",
		"site.description": "From params", "site.permalink": "/:year/:month/:slug/"} {
		if got, _, _ := st.GetSetting(ctx, k); got != v {
			t.Errorf("setting %s = %q, want %q", k, got, v)
		}
	}
}

func TestLooseFolder(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "notes", "first.md"), "---\ntitle: First\ndate: 2020-01-01\nstatus: draft\n---\nOne.\n")
	write(t, filepath.Join(dir, "notes", "sub", "Second Note.markdown"), "Intro\n\nSetext Title\n===\n")
	write(t, filepath.Join(dir, "notes", "2016-02-03-dated.md"), "no heading")
	write(t, filepath.Join(dir, "notes", "_drafts", "later.md"), "# Later\n")
	write(t, filepath.Join(dir, "notes", "image.png"), "png")
	rep, err := importer.Import(ctx, st, []string{filepath.Join(dir, "notes")})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(importer.Imported) != 4 || len(rep.Results) != 4 {
		t.Errorf("report: %s %+v", rep.Summary(), rep.Results)
	}
	today := time.Now().Format("2006-01-02")
	checkPosts(t, st, rep, []want{
		{slug: "first", title: "First", date: "2020-01-01", status: post.StatusDraft},
		{slug: "second-note", title: "Setext Title", date: today, status: post.StatusPublished},
		{slug: "dated", title: "dated", date: "2016-02-03", status: post.StatusPublished, body: "no heading"},
		{slug: "later", title: "Later", date: today, status: post.StatusDraft},
	})
}

func sampleFile(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
