package importer_test

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/backend/importer"
	"quire/backend/store"
)

// TestReimportSkipsUnchangedFiles: importing a folder again leaves the
// files unchanged since the last import unread, and reads those whose
// size, time, post or images changed.
func TestReimportSkipsUnchangedFiles(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	dir := t.TempDir()
	same, touched, edited := filepath.Join(dir, "same.md"), filepath.Join(dir, "touched.md"), filepath.Join(dir, "edited.md")
	undated, pictured := filepath.Join(dir, "undated.md"), filepath.Join(dir, "pictured.md")
	write(t, same, "---\ntitle: Same\ndate: 2020-01-01\n---\nSame text.\n")
	write(t, touched, "---\ntitle: Touched\ndate: 2020-01-02\n---\nTouched text.\n")
	write(t, edited, "---\ntitle: Edited\ndate: 2020-01-03\n---\nFirst text.\n")
	write(t, undated, "---\ntitle: Undated\n---\nDated by the file's time.\n")
	write(t, pictured, "---\ntitle: Pictured\ndate: 2020-01-04\n---\n![A dot](dot.png)\n")
	first := importWithMedia(t, s, dir)
	if first.Count(importer.Imported) != 5 {
		t.Fatalf("first import: %v", outcomes(first))
	}
	warned := result(t, first, "pictured.md")
	if len(warned.Warnings) != 1 || !strings.Contains(warned.Warnings[0].Message, "dot.png was not found") {
		t.Fatalf("first import, pictured.md warnings: %v", warned.Warnings)
	}

	// Unchanged: each file unchanged, its post, and what was said about it.
	again := importWithMedia(t, s, dir)
	if again.Count(importer.Unchanged) != 5 {
		t.Fatalf("import again: %v", outcomes(again))
	}
	for _, r := range first.Results {
		r2 := result(t, again, filepath.Base(r.Path))
		if r2.PostID != r.PostID || r2.Slug != r.Slug || r2.Revision != r.Revision || len(r2.Warnings) != len(r.Warnings) {
			t.Errorf("%s again: %+v, first %+v", filepath.Base(r.Path), r2, r)
		}
	}

	// A file with other bytes but the same size and time is not read: the
	// size and time are what tell a file unchanged without reading it.
	fi, err := os.Stat(same)
	if err != nil {
		t.Fatal(err)
	}
	write(t, same, "---\ntitle: Same\ndate: 2020-01-01\n---\nSAME TEXT.\n")
	if err := os.Chtimes(same, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}

	later := time.Now().Add(time.Hour)
	// Touched: the bytes are read and found the same.
	if err := os.Chtimes(touched, later, later); err != nil {
		t.Fatal(err)
	}
	// Edited: updated.
	write(t, edited, "---\ntitle: Edited\ndate: 2020-01-03\n---\nSecond text.\n")
	// Undated and touched: its date is its time, so the post changes.
	if err := os.Chtimes(undated, later, later); err != nil {
		t.Fatal(err)
	}
	// The image appears: the post's link becomes the library's.
	pngFile(t, filepath.Join(dir, "dot.png"), 2, 2, color.NRGBA{0, 0, 0, 255})

	rep := importWithMedia(t, s, dir)
	want := map[string]string{"same.md": "unchanged", "touched.md": "unchanged", "edited.md": "updated",
		"undated.md": "updated", "pictured.md": "updated"}
	if got := outcomes(rep); len(got) != len(want) {
		t.Errorf("after changes: %v, want %v", got, want)
	} else {
		for k, v := range want {
			if got[k] != v {
				t.Errorf("after changes, %s: %s, want %s", k, got[k], v)
			}
		}
	}
	if p, err := s.GetPostBySlug(ctx, "same"); err != nil || p.Body != "Same text.\n" {
		t.Errorf("same.md's post was read again: %v %+v", err, p)
	}
	if p, err := s.GetPostBySlug(ctx, "undated"); err != nil || !p.Date.Equal(later.Truncate(time.Second)) {
		t.Errorf("undated.md's post: %v %+v", err, p)
	}
	if p, err := s.GetPostBySlug(ctx, "pictured"); err != nil || !mediaLink.MatchString(p.Body) {
		t.Errorf("pictured.md's post: %v %+v", err, p)
	} else if r := result(t, rep, "pictured.md"); len(r.Warnings) != 0 {
		t.Errorf("pictured.md still warned: %v", r.Warnings)
	}

	// A post edited in Quire since: importing its unchanged file brings the
	// file's text back, as it always did.
	p, err := s.GetPostBySlug(ctx, "touched")
	if err != nil {
		t.Fatal(err)
	}
	p.Body = "Written in Quire.\n"
	if err := s.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	rep = importWithMedia(t, s, dir)
	if r := result(t, rep, "touched.md"); r.Outcome != importer.Updated || rep.Count(importer.Unchanged) != 4 {
		t.Errorf("after an edit in Quire: %v", outcomes(rep))
	}
	if p, err := s.GetPostBySlug(ctx, "touched"); err != nil || p.Body != "Touched text.\n" {
		t.Errorf("touched.md's post after an edit in Quire: %v %+v", err, p)
	}

	// A post deleted for good is made again from its file.
	p, err = s.GetPostBySlug(ctx, "edited")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.TrashPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	rep = importWithMedia(t, s, dir)
	if r := result(t, rep, "edited.md"); r.Outcome != importer.Imported || r.PostID == p.ID {
		t.Errorf("after the post was deleted: %+v", r)
	}

	// Without images brought in, the rules differ: every file is read again.
	rep, err = importer.Import(ctx, s, []string{dir})
	if err != nil || result(t, rep, "same.md").Outcome != importer.Updated || rep.Count(importer.Unchanged) != 3 {
		t.Errorf("import without images: %v %v", err, outcomes(rep))
	}
	if p, err := s.GetPostBySlug(ctx, "same"); err != nil || p.Body != "SAME TEXT.\n" {
		t.Errorf("same.md, read under other rules: %v %+v", err, p)
	}
}
