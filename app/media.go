package app

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"quire/backend/importer"
	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/render/mediaimg"
	"quire/backend/store"
)

// Media is the media library for the window: adding images (from a file
// chosen in the system's dialog, or the bytes of a paste or a drop),
// listing them with the posts that use them, and deleting unused ones. The
// files reach the preview through handler, never through a bound method.
type Media struct {
	lib *media.Library
	ctx context.Context

	mu      sync.Mutex
	uploads map[string]*upload // BeginUpload ... FinishUpload
	seq     int
}

// NewMedia returns the Media service over st (nil while bindings are
// generated).
func NewMedia(st *store.Store) *Media {
	m := &Media{ctx: context.Background()}
	if st != nil {
		m.lib = media.New(st)
	}
	return m
}

func (m *Media) startup(ctx context.Context) { m.ctx = ctx }

// MediaFile is an image just added: its record and the Markdown that shows
// it, with the alt text left for the window to fill in.
type MediaFile struct {
	store.Media
	Link string `json:"link"` // "media/NAME", what the Markdown refers to
}

func mediaFile(m store.Media) MediaFile { return MediaFile{Media: m, Link: "media/" + m.Name} }

// ChooseImage shows the system's file dialog for images; "" when cancelled.
func (m *Media) ChooseImage() (string, error) {
	return runtime.OpenFileDialog(m.ctx, runtime.OpenDialogOptions{
		Title:   "Insert image",
		Filters: []runtime.FileFilter{{DisplayName: "Images (PNG, JPEG, GIF, WebP, SVG)", Pattern: "*.png;*.jpg;*.jpeg;*.gif;*.webp;*.svg;*.PNG;*.JPG;*.JPEG;*.GIF;*.WEBP;*.SVG"}},
	})
}

// AddFile adds the image at path (chosen with ChooseImage). Anything that
// is not an image by its content, or is larger than 25 MB, is refused with
// the reason.
func (m *Media) AddFile(path string) (MediaFile, error) {
	if path == "" || !filepath.IsAbs(path) {
		return MediaFile{}, fmt.Errorf("add image: %q is not a full path: %w", path, post.ErrInvalid)
	}
	rec, err := m.lib.AddFile(m.ctx, path)
	if err != nil {
		return MediaFile{}, err
	}
	return mediaFile(rec), nil
}

// AddData adds an image pasted or dropped into the editor: data is its
// bytes in base64 (standard, as FileReader's data: URLs carry them; a
// data: URL prefix is allowed), name the file name it had ("" for a paste).
func (m *Media) AddData(data string, name string) (MediaFile, error) {
	if _, rest, ok := strings.Cut(data, ";base64,"); ok && strings.HasPrefix(data, "data:") {
		data = rest
	}
	if n, max := int64(base64.StdEncoding.DecodedLen(len(data))), m.maxBytes(); n > max+2 {
		return MediaFile{}, fmt.Errorf("%s is %s; images can be at most %s: %w", describeUpload(name), media.Size(n), media.Size(max), media.ErrTooLarge)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return MediaFile{}, fmt.Errorf("add image: the data is not base64: %w", post.ErrInvalid)
	}
	rec, err := m.lib.Add(m.ctx, b, name)
	if err != nil {
		return MediaFile{}, err
	}
	return mediaFile(rec), nil
}

// Uploads. The window sends a pasted or dropped file in pieces of 24 KB
// (32 KB of base64; frontend/src/images.ts uploadFile): one IPC message of
// many megabytes is slow to build, and the dev server's WebSocket (which
// the browser tests use) reads one frame per message, while Chromium splits
// messages of more than about 64 KB into several frames.

// maxUploads bounds the uploads under way (each holds its bytes in memory).
const maxUploads = 4

type upload struct {
	name string
	size int64
	buf  []byte
}

// BeginUpload starts sending a file of size bytes named name ("" for a
// paste) and returns its id for UploadChunk and FinishUpload. A file over
// the size limit is refused here, before any of it is sent.
func (m *Media) BeginUpload(name string, size int64) (string, error) {
	if max := m.maxBytes(); size > max {
		return "", fmt.Errorf("%s is %s; images can be at most %s: %w", describeUpload(name), media.Size(size), media.Size(max), media.ErrTooLarge)
	}
	if size < 0 {
		return "", fmt.Errorf("add image: size %d: %w", size, post.ErrInvalid)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.uploads == nil {
		m.uploads = map[string]*upload{}
	}
	if len(m.uploads) >= maxUploads {
		// One was abandoned (its window was reloaded mid-way): the window
		// sends one file at a time.
		for id := range m.uploads {
			delete(m.uploads, id)
			break
		}
	}
	m.seq++
	id := fmt.Sprintf("u%d", m.seq)
	m.uploads[id] = &upload{name: name, size: size, buf: make([]byte, 0, size)}
	return id, nil
}

// UploadChunk adds the next piece (base64) of an upload.
func (m *Media) UploadChunk(id string, data string) error {
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return fmt.Errorf("add image: the data is not base64: %w", post.ErrInvalid)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	u := m.uploads[id]
	if u == nil {
		return fmt.Errorf("add image: upload %q: %w", id, post.ErrNotFound)
	}
	if int64(len(u.buf)+len(b)) > u.size {
		delete(m.uploads, id)
		return fmt.Errorf("add image: more data than the %d bytes announced: %w", u.size, post.ErrInvalid)
	}
	u.buf = append(u.buf, b...)
	return nil
}

// FinishUpload adds the uploaded file to the library (see AddData).
func (m *Media) FinishUpload(id string) (MediaFile, error) {
	m.mu.Lock()
	u := m.uploads[id]
	delete(m.uploads, id)
	m.mu.Unlock()
	if u == nil {
		return MediaFile{}, fmt.Errorf("add image: upload %q: %w", id, post.ErrNotFound)
	}
	if int64(len(u.buf)) != u.size {
		return MediaFile{}, fmt.Errorf("add image: %d of %d bytes arrived: %w", len(u.buf), u.size, post.ErrInvalid)
	}
	rec, err := m.lib.Add(m.ctx, u.buf, u.name)
	if err != nil {
		return MediaFile{}, err
	}
	return mediaFile(rec), nil
}

// CancelUpload drops an upload (the window gave up on it).
func (m *Media) CancelUpload(id string) {
	m.mu.Lock()
	delete(m.uploads, id)
	m.mu.Unlock()
}

func (m *Media) maxBytes() int64 {
	if m.lib != nil && m.lib.MaxBytes > 0 {
		return m.lib.MaxBytes
	}
	return media.DefaultMaxBytes
}

func describeUpload(name string) string {
	if name == "" {
		return "the image"
	}
	return filepath.Base(name)
}

// PasteImage adds the image in the system clipboard, for a paste whose
// event carried none (WebKitGTK gives the page no image data); nil when the
// clipboard holds no image.
func (m *Media) PasteImage() (*MediaFile, error) {
	b := clipboardImage()
	if b == nil {
		return nil, nil
	}
	rec, err := m.lib.Add(m.ctx, b, "")
	if err != nil {
		return nil, err
	}
	f := mediaFile(rec)
	return &f, nil
}

// List returns every image in the library, newest first, with the posts
// that use each (an empty list: unused) and whether its file is missing.
func (m *Media) List() ([]media.Item, error) {
	return m.lib.List(m.ctx)
}

// Delete removes an image no post uses; one in use is refused, naming the
// posts.
func (m *Media) Delete(name string) error {
	return m.lib.Delete(m.ctx, name)
}

// image is what the preview shows for media/NAME: the app's media URL and,
// when the library knows the file, its size.
func (m *Media) image(name string) (mediaimg.Image, bool) {
	im := mediaimg.Image{Src: mediaURLPrefix + name}
	if m == nil || m.lib == nil {
		return im, true
	}
	if rec, err := m.lib.Get(m.ctx, name); err == nil {
		im.Width, im.Height = rec.Width, rec.Height
	}
	return im, true
}

// mediaURLPrefix is where the asset server hands requests to handler.
const mediaURLPrefix = "/media/"

// missingSVG is shown in place of an image the library does not have.
const missingSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">` +
	`<rect x="1" y="1" width="318" height="118" rx="6" fill="#f3f3f3" stroke="#b0b0b0" stroke-dasharray="6 4"/>` +
	`<text x="160" y="66" font-family="sans-serif" font-size="15" fill="#666" text-anchor="middle">Image missing from the media library</text></svg>`

// mediaCSP is sent with every media file: an SVG opened on its own runs no
// script, loads nothing and cannot be framed.
const mediaCSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; frame-ancestors 'self'; sandbox"

// handler is what the asset server hands the requests for files that are
// not in the built frontend (see ServeHTTP). It is not a method of Media
// itself, so that it is never bound to JavaScript.
func (m *Media) handler() http.Handler { return mediaHandler{m} }

type mediaHandler struct{ m *Media }

func (h mediaHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.m.serve(w, r) }

// serve serves the media library to the preview, read-only: GET or HEAD
// of /media/NAME, where NAME is a name the library gives (never a path) and
// the file is one it recorded. A name it does not have, or whose file is
// gone, is a placeholder picture, so the preview shows that something is
// missing instead of a broken image. Every other request is 404.
func (m *Media) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", mediaCSP)
	name, ok := strings.CutPrefix(r.URL.Path, mediaURLPrefix)
	if !ok || !media.ValidName(name) || m.lib == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "read-only", http.StatusMethodNotAllowed)
		return
	}
	f, rec, err := m.lib.Open(r.Context(), name)
	if errors.Is(err, post.ErrNotFound) || errors.Is(err, media.ErrMissing) {
		h.Set("Content-Type", "image/svg+xml")
		h.Set("Cache-Control", "no-store") // it may come back
		h.Set("X-Quire-Media", "missing")
		if r.Method == http.MethodGet {
			w.Write([]byte(missingSVG))
		}
		return
	}
	if err != nil {
		http.Error(w, "media: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	h.Set("Content-Type", rec.MIME)
	// The name is the content's hash: the bytes behind it never change.
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, f)
}

// importImage brings an image an imported post shows into the library
// (importer.Options.AddImage).
func importImage(st *store.Store) importer.AddImageFunc {
	lib := media.New(st)
	return func(ctx context.Context, path string) (string, error) {
		m, err := lib.AddFile(ctx, path)
		if err != nil {
			return "", err
		}
		return "media/" + m.Name, nil
	}
}
