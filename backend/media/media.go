// Package media is Quire's media library: the images of posts, kept as
// files in a folder beside the database and recorded in it (backend/store).
//
//   - A file is taken by its content, never its name: a PNG, JPEG, GIF or
//     WebP whose header decodes, or an SVG (XML with an <svg> root), at most
//     MaxBytes (25 MB by default).
//   - It is named by its content: the start of its SHA-256 and the extension
//     of its type ("3f2a9c0b1d4e5f60.png"), so the same picture added twice
//     is one file, and a name can never be a path.
//   - It is written atomically (a temporary file, fsync, rename), then
//     recorded; a crash in between leaves at most an unrecorded file, which
//     the next Add of the same bytes adopts.
//   - Posts refer to it as media/NAME. Which posts use a file is read from
//     their text (store.MediaUsage); a file in use cannot be deleted.
package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"quire/backend/atomicfile"
	"quire/backend/post"
	"quire/backend/store"
)

// DefaultMaxBytes is the largest file the library takes unless told otherwise.
const DefaultMaxBytes = 25 << 20

// FolderName is the media folder's name beside the database.
const FolderName = "media"

// ErrTooLarge: the file is larger than the library takes. It wraps post.ErrInvalid.
var ErrTooLarge = fmt.Errorf("too large: %w", post.ErrInvalid)

// Library is the media folder and its records.
type Library struct {
	st  *store.Store
	dir string
	// MaxBytes is the largest file Add takes; 0 is DefaultMaxBytes.
	MaxBytes int64
	// MaxDecode is the most memory one resize may take (decodeCost); 0
	// is MaxDecodeBytes.
	MaxDecode int64
}

// Dir is the media folder of the database st: media/ beside the database
// file, so a database given with --db keeps its media with it.
func Dir(st *store.Store) string {
	return filepath.Join(filepath.Dir(st.Path()), FolderName)
}

// New opens the media library of st (the folder is made on the first Add).
func New(st *store.Store) *Library { return NewAt(st, Dir(st)) }

// NewAt opens a media library in dir.
func NewAt(st *store.Store, dir string) *Library { return &Library{st: st, dir: dir} }

// Folder is the folder the files are in.
func (l *Library) Folder() string { return l.dir }

func (l *Library) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return DefaultMaxBytes
}

// nameRE is what Add names files: hex and one of the extensions Sniff gives.
var nameRE = regexp.MustCompile(`^[0-9a-f]{16,64}\.(?:png|jpg|gif|webp|svg)$`)

// ValidName reports whether name is a media file name the library could
// have given (and so never a path).
func ValidName(name string) bool { return nameRE.MatchString(name) }

// Path is where the file named name is; the name is checked first.
func (l *Library) Path(name string) (string, error) {
	if !ValidName(name) {
		return "", fmt.Errorf("media %q: not a media file name: %w", name, post.ErrInvalid)
	}
	return filepath.Join(l.dir, name), nil
}

// describe names a file for messages: its original name, else "the image".
func describe(original string) string {
	if original == "" {
		return "the image"
	}
	return filepath.Base(original)
}

// Add stores data (original is the name it had, for people; "" for a
// paste) and returns its record. The same bytes added again return the
// first record (and put the file back if it went missing).
func (l *Library) Add(ctx context.Context, data []byte, original string) (store.Media, error) {
	original = filepath.Base(strings.ReplaceAll(original, "\\", "/"))
	if original == "." || original == "/" {
		original = ""
	}
	if n := int64(len(data)); n > l.maxBytes() {
		return store.Media{}, fmt.Errorf("%s is %s; images can be at most %s: %w", describe(original), Size(n), Size(l.maxBytes()), ErrTooLarge)
	}
	info, err := Sniff(data)
	if err != nil {
		return store.Media{}, fmt.Errorf("%s was not added: %w", describe(original), err)
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	// The shortest name not taken by another file (16 hex digits are
	// enough for any one person's pictures; the longer ones are for luck).
	name := ""
	for _, n := range []int{16, 32, 64} {
		cand := hash[:n] + info.Ext
		existing, err := l.st.GetMedia(ctx, cand)
		if err == nil && existing.Hash != hash {
			continue
		}
		if err != nil && !errors.Is(err, post.ErrNotFound) {
			return store.Media{}, err
		}
		name = cand
		break
	}
	if name == "" {
		return store.Media{}, fmt.Errorf("%s: no free name for hash %s", describe(original), hash)
	}
	// The file first, then the record: a record never names a file that
	// was not written.
	if err := l.writeFile(name, data, hash); err != nil {
		return store.Media{}, err
	}
	rec, _, err := l.st.AddMedia(ctx, store.Media{Name: name, Hash: hash, MIME: info.MIME, Bytes: int64(len(data)),
		Width: info.Width, Height: info.Height, Original: original})
	if err != nil {
		return store.Media{}, err
	}
	if rec.Name != name {
		// The same bytes are recorded under another name: keep that one.
		os.Remove(filepath.Join(l.dir, name))
		if err := l.writeFile(rec.Name, data, hash); err != nil {
			return store.Media{}, err
		}
	}
	return rec, nil
}

// AddFile adds the file at path (see Add); its size is checked before it
// is read.
func (l *Library) AddFile(ctx context.Context, path string) (store.Media, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Media{}, fmt.Errorf("add image: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return store.Media{}, fmt.Errorf("add image: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return store.Media{}, fmt.Errorf("add image %s: not a regular file: %w", path, post.ErrInvalid)
	}
	if fi.Size() > l.maxBytes() {
		return store.Media{}, fmt.Errorf("%s is %s; images can be at most %s: %w", filepath.Base(path), Size(fi.Size()), Size(l.maxBytes()), ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, l.maxBytes()+1))
	if err != nil {
		return store.Media{}, fmt.Errorf("add image %s: %w", path, err)
	}
	return l.Add(ctx, data, path)
}

// writeFile puts data in the folder as name, atomically, unless a file
// with the same content is there already.
func (l *Library) writeFile(name string, data []byte, hash string) error {
	dst := filepath.Join(l.dir, name)
	if old, err := os.ReadFile(dst); err == nil {
		s := sha256.Sum256(old)
		if hex.EncodeToString(s[:]) == hash {
			return nil
		}
	}
	if err := os.MkdirAll(l.dir, 0o700); err != nil {
		return fmt.Errorf("media folder %s: %w", l.dir, err)
	}
	if err := atomicfile.Write(dst, data, 0o644); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	return nil
}

// Get returns the record of the file named name.
func (l *Library) Get(ctx context.Context, name string) (store.Media, error) {
	if !ValidName(name) {
		return store.Media{}, fmt.Errorf("media %q: not a media file name: %w", name, post.ErrNotFound)
	}
	return l.st.GetMedia(ctx, name)
}

// ErrMissing: the library has a record of the file but the file is gone
// from the media folder. It wraps fs.ErrNotExist.
var ErrMissing = fmt.Errorf("the file is missing from the media folder: %w", fs.ErrNotExist)

// Open opens a recorded media file for reading. A name the library does
// not know is post.ErrNotFound; a known one whose file is gone, ErrMissing.
func (l *Library) Open(ctx context.Context, name string) (*os.File, store.Media, error) {
	m, err := l.Get(ctx, name)
	if err != nil {
		return nil, store.Media{}, err
	}
	f, err := os.Open(filepath.Join(l.dir, m.Name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, m, fmt.Errorf("media %s: %w", name, ErrMissing)
	}
	if err != nil {
		return nil, m, fmt.Errorf("media %s: %w", name, err)
	}
	return f, m, nil
}

// Exists reports whether the file named name is in the media folder.
func (l *Library) Exists(name string) bool {
	if !ValidName(name) {
		return false
	}
	fi, err := os.Stat(filepath.Join(l.dir, name))
	return err == nil && fi.Mode().IsRegular()
}

// Item is a media file as the media panel lists it.
type Item struct {
	store.Media
	// Uses are the posts that refer to it (trashed ones included).
	Uses []store.MediaUse `json:"uses"`
	// Missing: recorded, but the file is gone from the media folder.
	Missing bool `json:"missing"`
}

// List returns every file in the library, newest first, with the posts
// that use it.
func (l *Library) List(ctx context.Context) ([]Item, error) {
	all, err := l.st.ListMedia(ctx)
	if err != nil {
		return nil, err
	}
	uses, err := l.st.MediaUsage(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Item, len(all))
	for i, m := range all {
		u := uses[m.Name]
		if u == nil {
			u = []store.MediaUse{}
		}
		out[i] = Item{Media: m, Uses: u, Missing: !l.Exists(m.Name)}
	}
	return out, nil
}

// Delete removes a file that no post uses (store.ErrMediaInUse otherwise,
// naming the posts).
func (l *Library) Delete(ctx context.Context, name string) error {
	if !ValidName(name) {
		return fmt.Errorf("media %q: %w", name, post.ErrNotFound)
	}
	if err := l.st.DeleteMedia(ctx, name); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(l.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete media %s: %w", name, err)
	}
	return nil
}

// Size writes a byte count for people: "812 B", "14.2 KB", "3.1 MB".
func Size(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}
