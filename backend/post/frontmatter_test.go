package post_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		fm       string
		format   post.Format
		body     string
		bodyLine int
		errLine  int // 0: no error
	}{
		{"None", "# Hi\n", "", post.FormatNone, "# Hi\n", 1, 0},
		{"Empty", "", "", post.FormatNone, "", 1, 0},
		{"YAML", "---\ntitle: x\n---\nbody\n", "title: x\n", post.FormatYAML, "body\n", 4, 0},
		{"TOML", "+++\ntitle = 'x'\n+++\nbody", "title = 'x'\n", post.FormatTOML, "body", 4, 0},
		{"CRLF", "---\r\ntitle: x\r\n---\r\nbody\r\n", "title: x\r\n", post.FormatYAML, "body\r\n", 4, 0},
		{"BOM", "\ufeff---\na: 1\n---\nb", "a: 1\n", post.FormatYAML, "b", 4, 0},
		{"DotsClose", "---\na: 1\n...\nb", "a: 1\n", post.FormatYAML, "b", 4, 0},
		{"TrailingSpaces", "---  \na: 1\n---\t\nb", "a: 1\n", post.FormatYAML, "b", 4, 0},
		{"EmptyBlock", "---\n---\nb", "", post.FormatYAML, "b", 3, 0},
		{"NoBodyNoNewline", "---\na: 1\n---", "a: 1\n", post.FormatYAML, "", 4, 0},
		{"NotAFence", "----\na\n", "", post.FormatNone, "----\na\n", 1, 0},
		{"TOMLNotClosedByYAML", "+++\na = 1\n---\nb", "", post.FormatNone, "", 0, 1},
		{"Unclosed", "---\ntitle: x\nbody\n", "", post.FormatNone, "", 0, 1},
		{"FenceOnly", "---", "", post.FormatNone, "", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, format, body, line, err := post.SplitFrontMatter([]byte(tt.src))
			if tt.errLine != 0 {
				var pe *post.ParseError
				if !errors.As(err, &pe) || pe.Line != tt.errLine || !errors.Is(err, post.ErrInvalid) {
					t.Fatalf("err = %v, want a ParseError at line %d", err, tt.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(fm) != tt.fm || format != tt.format || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got (%q, %v, %q, %d), want (%q, %v, %q, %d)", fm, format, body, line, tt.fm, tt.format, tt.body, tt.bodyLine)
			}
		})
	}
}

// TestParseFileGolden parses each testdata/parse/*.md and compares what Quire
// makes of it (fields, warnings and the file it writes back) with a golden file.
func TestParseFileGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			p, warnings, err := post.ParseFile(filepath.Base(in), src)
			if err != nil {
				t.Fatal(err)
			}
			out, err := p.MarshalFile()
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			fmt.Fprintf(&b, "title: %q\nslug: %q\ndate: %s\nstatus: %s\ncategories: %q\ntags: %q\n", p.Title, p.Slug, p.Date.Format(time.RFC3339), p.Status, p.Categories, p.Tags)
			for _, w := range warnings {
				fmt.Fprintf(&b, "warning: %s\n", w)
			}
			b.WriteString("=== file written back\n")
			b.Write(out)
			golden := strings.TrimSuffix(in, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("mismatch with %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", golden, b.Bytes(), want)
			}

			// What Quire writes, it reads back the same.
			again, _, err := post.ParseFile("written", out)
			if err != nil {
				t.Fatalf("written file does not parse: %v", err)
			}
			if !reflect.DeepEqual(normal(again), normal(p)) {
				t.Errorf("round trip changed the post:\n%#v\n%#v", again, p)
			}
		})
	}
}

// normal makes times comparable with DeepEqual.
func normal(p *post.Post) *post.Post {
	c := p.Clone()
	c.Date = c.Date.UTC()
	c.Updated = c.Updated.UTC()
	c.Original = nil // the text itself is compared by the golden file
	for i, f := range c.Extra {
		if tm, ok := f.Value.(time.Time); ok {
			c.Extra[i].Value = tm.UTC()
		}
	}
	return c
}

func TestParseFileKubeCon(t *testing.T) {
	src, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	p, warnings, err := post.ParseFile("kubecon.md", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"kubernetes", "k8s", "kubecon", "containers", "docker"}
	if !reflect.DeepEqual(p.Categories, want) {
		t.Errorf("categories = %q, want %q", p.Categories, want)
	}
	if len(warnings) != 1 || warnings[0].Line != 5 || !strings.Contains(warnings[0].Message, "categories") {
		t.Errorf("warnings = %v, want one about categories on line 5", warnings)
	}
	if p.Layout != "post" || p.Date != time.Date(2018, 1, 5, 0, 0, 0, 0, time.UTC) || p.Status != post.StatusPublished {
		t.Errorf("got layout %q date %v status %q", p.Layout, p.Date, p.Status)
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"Unclosed", "---\ntitle: x\n", 1, "never closed"},
		{"BadYAML", "---\ntitle: x\n  bad: [\n---\n", 3, "invalid YAML"},
		{"BadYAMLIndent", "---\ntitle: x\n bad: y\n---\n", 3, "invalid YAML"},
		{"NotADate", "---\ntitle: x\ndate: next tuesday\n---\n", 3, "not a date"},
		{"DateList", "---\ndate: [1]\n---\n", 2, "not a date"},
		{"SlugList", "---\ntitle: x\nslug: [a, b]\n---\n", 3, "slug must be a single value"},
		{"SlugPath", "---\nslug: ../etc/passwd\n---\n", 2, "slash"},
		{"SlugReserved", "---\nslug: CON\n---\n", 2, "device name"},
		{"TitleMap", "---\ntitle: {a: 1}\n---\n", 2, "title must be a single value"},
		{"BadStatus", "---\nstatus: gone\n---\n", 2, "not one of"},
		{"DraftNotBool", "---\ndraft: maybe\n---\n", 2, "true or false"},
		{"TagsMap", "---\ntags: {a: 1}\n---\n", 2, "must be a list"},
		{"TagsNested", "---\ntags: [[a]]\n---\n", 2, "single values"},
		{"DuplicateKey", "---\ntitle: a\ntitle: b\n---\n", 3, "more than once"},
		{"NotAMapping", "---\n- a\n- b\n---\n", 2, "keys with values"},
		{"BadTOML", "+++\ntitle = \n+++\n", 2, "invalid TOML"},
		{"TOMLBadDate", "+++\ndate = \"soon\"\n+++\n", 2, "not a date"},
		{"InvalidUTF8", "---\ntitle: x\n---\nok\nbad \xff here\n", 5, "UTF-8"},
		{"UnknownAlias", "---\na: *nope\n---\n", 2, "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := post.ParseFile("bad.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("parsed into %+v, want an error", p)
			}
			if !errors.Is(err, post.ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
			var pe *post.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			if pe.Name != "bad.md" || pe.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q: want bad.md line %d containing %q", err, tt.line, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("bad.md:%d: ", tt.line)) {
				t.Errorf("error %q does not start with the file and line", err)
			}
		})
	}
}

// An alias bomb ("billion laughs") must be refused quickly, not expanded.
func TestParseFileAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = name
	}
	b.WriteString("---\nbody\n")
	_, _, err := post.ParseFile("bomb.md", []byte(b.String()))
	if !errors.Is(err, post.ErrInvalid) || !strings.Contains(err.Error(), "alias") {
		t.Fatalf("err = %v, want a refusal naming aliases", err)
	}
}

func TestParseFileStatus(t *testing.T) {
	tests := []struct {
		name string
		fm   string
		want post.Status
	}{
		{"DatedIsPublished", "date: 2020-01-01", post.StatusPublished},
		{"UndatedIsDraft", "title: x", post.StatusDraft},
		{"HugoDraft", "date: 2020-01-01\ndraft: true", post.StatusDraft},
		{"HugoNotDraft", "draft: false", post.StatusDraft},
		{"JekyllUnpublished", "date: 2020-01-01\npublished: false", post.StatusDraft},
		{"Explicit", "status: Published", post.StatusPublished},
		{"Scheduled", "status: scheduled", post.StatusScheduled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := post.ParseFile("s.md", []byte("---\n"+tt.fm+"\n---\n"))
			if err != nil {
				t.Fatal(err)
			}
			if p.Status != tt.want {
				t.Errorf("status = %q, want %q", p.Status, tt.want)
			}
		})
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &post.Post{Status: post.StatusPublished, Date: now.Add(time.Hour)}
	if got := p.EffectiveStatus(now); got != post.StatusScheduled {
		t.Errorf("future published post is %q, want scheduled", got)
	}
}

func TestListSplitting(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
		warn  bool
	}{
		{"Commas", `"kubernetes, k8s, kubecon"`, []string{"kubernetes", "k8s", "kubecon"}, true},
		{"Spaces", `go sqlite fts`, []string{"go", "sqlite", "fts"}, true},
		{"CommasWin", `"static sites, go"`, []string{"static sites", "go"}, true},
		{"One", `go`, []string{"go"}, false},
		{"List", `[a, " b "]`, []string{"a", "b"}, false},
		{"Number", `2024`, []string{"2024"}, false},
		{"Empty", `""`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, w, err := post.ParseFile("l.md", []byte("---\ntags: "+tt.value+"\n---\n"))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Tags, tt.want) {
				t.Errorf("tags = %q, want %q", p.Tags, tt.want)
			}
			if (len(w) > 0) != tt.warn {
				t.Errorf("warnings = %v, want warning: %v", w, tt.warn)
			}
		})
	}
}

func TestLargeBody(t *testing.T) {
	body := strings.Repeat("All work and no play makes Jack a dull boy. ñ\n", 12<<20/47)
	p, _, err := post.ParseFile("big.md", []byte("---\ntitle: big\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Body) != len(body) {
		t.Errorf("body is %d bytes, want %d", len(p.Body), len(body))
	}
}

func TestEncodeDecodeMap(t *testing.T) {
	m := post.Map{
		{Key: "z", Value: "1"}, {Key: "a", Value: int64(2)}, {Key: "when", Value: time.Date(2020, 2, 3, 4, 5, 6, 0, time.UTC)},
		{Key: "nested", Value: post.Map{{Key: "y", Value: true}, {Key: "b", Value: nil}}}, {Key: "list", Value: []any{"x", 1.5}},
		{Key: "yes", Value: "yes"}, {Key: "num", Value: "007"},
	}
	b, err := post.EncodeMap(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := post.DecodeMap(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("round trip:\n%s\ngot  %#v\nwant %#v", b, got, m)
	}
	j, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"z":"1","a":2,"when":"2020-02-03T04:05:06Z","nested":{"y":true,"b":null},"list":["x",1.5],"yes":"yes","num":"007"}`; string(j) != want {
		t.Errorf("JSON = %s, want %s", j, want)
	}
}
