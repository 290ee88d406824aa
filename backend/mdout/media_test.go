package mdout_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/importer"
	"quire/backend/mdout"
	"quire/backend/media"
	"quire/backend/post"
)

// The images posts show go out with them, and a new Quire importing the
// folder gets the same posts and the same media names back.
func TestMediaRoundTrip(t *testing.T) {
	ctx := context.Background()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 9, 4))); err != nil {
		t.Fatal(err)
	}
	for _, layout := range []string{mdout.LayoutJekyll, mdout.LayoutHugo} {
		t.Run(layout, func(t *testing.T) {
			st := mustOpen(t)
			m, err := media.New(st).Add(ctx, b.Bytes(), "grey.png")
			if err != nil {
				t.Fatal(err)
			}
			body := "![grey](media/" + m.Name + ")\n\nNot a link: /x/media/" + m.Name + "\n"
			if err := st.CreatePost(ctx, &post.Post{Slug: "pic", Title: "Pic", Status: post.StatusPublished, Body: body}); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			rep, err := mdout.Write(ctx, st, dir, mdout.Options{Layout: layout})
			if err != nil || rep.Failed > 0 {
				t.Fatalf("Write = %v, %v", rep, err)
			}
			folder, link := "assets/media/", "/assets/media/"
			if layout == mdout.LayoutHugo {
				folder, link = "static/media/", "/media/"
			}
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(folder), m.Name))
			if err != nil || !bytes.Equal(got, b.Bytes()) {
				t.Fatalf("image not written to %s: %v", folder, err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
			files2, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.md"))
			files = append(files, files2...)
			if len(files) != 1 {
				t.Fatalf("markdown files: %v", files)
			}
			md, _ := os.ReadFile(files[0])
			if !strings.Contains(string(md), "![grey]("+link+m.Name+")") || !strings.Contains(string(md), "/x/media/"+m.Name) {
				t.Errorf("links not rewritten for %s:\n%s", layout, md)
			}
			if layout == mdout.LayoutJekyll {
				os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: x\n"), 0o644)
			} else {
				os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte("title = 'x'\n"), 0o644)
			}

			// Into a new Quire.
			st2 := mustOpen(t)
			lib2 := media.New(st2)
			if _, err := importer.ImportWith(ctx, st2, []string{dir}, importer.Options{AddImage: func(ctx context.Context, p string) (string, error) {
				m, err := lib2.AddFile(ctx, p)
				return "media/" + m.Name, err
			}}); err != nil {
				t.Fatal(err)
			}
			p, err := st2.GetPostBySlug(ctx, "pic")
			if err != nil {
				t.Fatal(err)
			}
			if p.Body != body {
				t.Errorf("round trip body:\n%q\nwant\n%q", p.Body, body)
			}
		})
	}
}
