package app

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/store"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMediaAddListDelete(t *testing.T) {
	st := mustOpen(t)
	s := NewServices(st, time.Now())
	m := s.Media
	img := pngBytes(t, 12, 8)

	f, err := m.AddData(base64.StdEncoding.EncodeToString(img), "shot.png")
	if err != nil {
		t.Fatal(err)
	}
	if f.Link != "media/"+f.Name || f.Width != 12 || f.Height != 8 || f.MIME != "image/png" {
		t.Errorf("AddData = %+v", f)
	}
	// A data: URL as FileReader gives it is the same image.
	if again, err := m.AddData("data:image/png;base64,"+base64.StdEncoding.EncodeToString(img), ""); err != nil || again.Name != f.Name {
		t.Errorf("AddData of a data: URL = %+v, %v", again, err)
	}

	for _, tt := range []struct {
		name, data, file, inMsg string
	}{
		{"ErrNotImage", base64.StdEncoding.EncodeToString([]byte("<html><script>alert(1)</script></html>")), "evil.png", "evil.png was not added: it is an HTML document"},
		{"ErrNotBase64", "!!!", "", "not base64"},
		{"ErrTooLarge", strings.Repeat("A", 40<<20), "huge.png", "huge.png is 30.0 MB; images can be at most 25.0 MB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.AddData(tt.data, tt.file)
			if !errors.Is(err, post.ErrInvalid) || !strings.Contains(err.Error(), tt.inMsg) {
				t.Errorf("AddData = %v, want ErrInvalid saying %q", err, tt.inMsg)
			}
		})
	}

	path := filepath.Join(t.TempDir(), "notes.png")
	os.WriteFile(path, []byte("plain text"), 0o644)
	if _, err := m.AddFile(path); !errors.Is(err, media.ErrNotImage) {
		t.Errorf("AddFile of text = %v", err)
	}
	if _, err := m.AddFile("relative.png"); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("AddFile of a relative path = %v", err)
	}

	p := &post.Post{Title: "Shots", Body: "![a shot](" + f.Link + ")\n"}
	if err := st.CreatePost(s.Media.ctx, p); err != nil {
		t.Fatal(err)
	}
	list, err := m.List()
	if err != nil || len(list) != 1 || len(list[0].Uses) != 1 || list[0].Uses[0].Title != "Shots" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if err := m.Delete(f.Name); !errors.Is(err, store.ErrMediaInUse) {
		t.Errorf("Delete of a used image = %v", err)
	}
	p.Body = "no image"
	if err := st.SavePost(s.Media.ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	if err := m.Delete(f.Name); err != nil {
		t.Errorf("Delete of an unused image = %v", err)
	}
}

func TestMediaServe(t *testing.T) {
	st := mustOpen(t)
	s := NewServices(st, time.Now())
	img := pngBytes(t, 5, 5)
	f, err := s.Media.AddData(base64.StdEncoding.EncodeToString(img), "")
	if err != nil {
		t.Fatal(err)
	}
	svg, err := s.Media.AddData(base64.StdEncoding.EncodeToString([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script></svg>`)), "x.svg")
	if err != nil {
		t.Fatal(err)
	}
	// A file that goes missing from the folder.
	gone, _ := s.Media.AddData(base64.StdEncoding.EncodeToString(pngBytes(t, 6, 6)), "")
	os.Remove(filepath.Join(media.Dir(st), gone.Name))
	secret := filepath.Join(filepath.Dir(st.Path()), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o600)

	for _, tt := range []struct {
		name, method, path string
		status             int
		ctype, body        string
	}{
		{"PNG", "GET", "/media/" + f.Name, 200, "image/png", string(img)},
		{"HEAD", "HEAD", "/media/" + f.Name, 200, "image/png", ""},
		{"SVGAsImage", "GET", "/media/" + svg.Name, 200, "image/svg+xml", ""},
		{"MissingFile", "GET", "/media/" + gone.Name, 200, "image/svg+xml", missingSVG},
		{"UnknownName", "GET", "/media/ffffffffffffffff.png", 200, "image/svg+xml", missingSVG},
		{"ErrTraversal", "GET", "/media/../secret.txt", 404, "", ""},
		{"ErrTraversalEncoded", "GET", "/media/..%2Fsecret.txt", 404, "", ""},
		{"ErrDatabase", "GET", "/media/../quire.db", 404, "", ""},
		{"ErrNotMedia", "GET", "/secret.txt", 404, "", ""},
		{"ErrReadOnly", "PUT", "/media/" + f.Name, 405, "", ""},
		{"ErrDelete", "DELETE", "/media/" + f.Name, 405, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, "http://wails.localhost"+tt.path, nil)
			s.Media.handler().ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'none'") {
				t.Errorf("headers %v lack nosniff and a CSP without script", res.Header)
			}
			if tt.ctype != "" && res.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.ctype)
			}
			if tt.body != "" && rec.Body.String() != tt.body {
				t.Errorf("body differs (%d bytes)", rec.Body.Len())
			}
			if strings.Contains(rec.Body.String(), "secret") {
				t.Error("served a file outside the library")
			}
		})
	}
}

func TestMediaUpload(t *testing.T) {
	st := mustOpen(t)
	m := NewServices(st, time.Now()).Media
	img := pngBytes(t, 300, 200)
	send := func(data []byte, name string, size int64, chunk int) (MediaFile, error) {
		id, err := m.BeginUpload(name, size)
		if err != nil {
			return MediaFile{}, err
		}
		for i := 0; i < len(data); i += chunk {
			if err := m.UploadChunk(id, base64.StdEncoding.EncodeToString(data[i:min(i+chunk, len(data))])); err != nil {
				return MediaFile{}, err
			}
		}
		return m.FinishUpload(id)
	}
	f, err := send(img, "shot.png", int64(len(img)), 99) // pieces of 99 bytes: 33 base64 blocks
	if err != nil || f.Width != 300 || f.Original != "shot.png" {
		t.Fatalf("upload = %+v, %v", f, err)
	}
	for _, tt := range []struct {
		name  string
		data  []byte
		size  int64
		inMsg string
	}{
		{"ErrTooLarge", img, 40 << 20, "big.png is 40.0 MB; images can be at most 25.0 MB"},
		{"ErrMoreThanAnnounced", img, 10, "more data than the 10 bytes announced"},
		{"ErrLessThanAnnounced", img[:100], int64(len(img)), "100 of "},
		{"ErrNotImage", []byte("hello, this is text"), 19, "big.png was not added: it is text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := send(tt.data, "big.png", tt.size, 4096); !errors.Is(err, post.ErrInvalid) || !strings.Contains(err.Error(), tt.inMsg) {
				t.Errorf("upload = %v, want ErrInvalid saying %q", err, tt.inMsg)
			}
		})
	}
	if err := m.UploadChunk("u999", "AAAA"); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("chunk of an unknown upload = %v", err)
	}
	id, _ := m.BeginUpload("", 3)
	m.CancelUpload(id)
	if _, err := m.FinishUpload(id); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("finish after cancel = %v", err)
	}
	if len(m.uploads) != 0 {
		t.Errorf("%d uploads left in memory", len(m.uploads))
	}
}

// A media folder that is gone altogether (moved, not synced, deleted) makes
// nothing hang or fail: the list says each file is missing and the preview
// gets the placeholder.
func TestMediaFolderGone(t *testing.T) {
	st := mustOpen(t)
	s := NewServices(st, time.Now())
	f, err := s.Media.AddData(base64.StdEncoding.EncodeToString(pngBytes(t, 3, 3)), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(media.Dir(st)); err != nil {
		t.Fatal(err)
	}
	list, err := s.Media.List()
	if err != nil || len(list) != 1 || !list[0].Missing {
		t.Fatalf("List = %+v, %v; want the file marked missing", list, err)
	}
	rec := httptest.NewRecorder()
	s.Media.handler().ServeHTTP(rec, httptest.NewRequest("GET", "/media/"+f.Name, nil))
	if rec.Code != 200 || rec.Header().Get("X-Quire-Media") != "missing" || rec.Body.String() != missingSVG {
		t.Errorf("served %d %v", rec.Code, rec.Header())
	}
	// Adding the picture again brings the folder and the file back.
	if _, err := s.Media.AddData(base64.StdEncoding.EncodeToString(pngBytes(t, 3, 3)), ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Media.List(); list[0].Missing {
		t.Error("still missing after adding it again")
	}
}

func TestPreviewShowsMediaWithSize(t *testing.T) {
	st := mustOpen(t)
	s := NewServices(st, time.Now())
	f, err := s.Media.AddData(base64.StdEncoding.EncodeToString(pngBytes(t, 30, 20)), "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Preview.Render("---\ntitle: Pics\n---\n![A pic](media/" + f.Name + ")\n\n![gone](media/ffffffffffffffff.png)\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<img src="/media/` + f.Name + `" alt="A pic" width="30" height="20">`,
		`<img src="/media/ffffffffffffffff.png" alt="gone">`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("preview lacks %s:\n%s", want, res.HTML)
		}
	}
}
