package publish

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"quire/backend/export"
	"quire/backend/hosting"
	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/store"
)

// dryRun runs the real publish against copies: the database is backed up
// to a temporary file (media linked to the real library) where the due
// posts are made published, and the hosting folder is mirrored with hard
// links (their content is never written: the export only renames over and
// removes names) into a temporary folder beside it, where the export runs.
// Comparing the manifests then says exactly what a publish would write,
// remove and commit, by the export's own rules, with the real folder, the
// database and the git work tree left as they were.
func dryRun(ctx context.Context, st *store.Store, pl *plan, rep Report) (Report, error) {
	tmp, err := os.MkdirTemp("", "quire-publish-dry-run-")
	if err != nil {
		return rep, fmt.Errorf("dry run: %w", err)
	}
	defer os.RemoveAll(tmp)
	dbCopy := filepath.Join(tmp, "quire.db")
	if err := st.Backup(ctx, dbCopy); err != nil {
		return rep, fmt.Errorf("dry run: copy the database: %w", err)
	}
	if lib := media.Dir(st); exists(filepath.Dir(lib), filepath.Base(lib)) {
		if err := os.Symlink(lib, filepath.Join(tmp, media.FolderName)); err != nil {
			return rep, fmt.Errorf("dry run: %w", err)
		}
	}
	scratch, err := store.Open(dbCopy)
	if err != nil {
		return rep, fmt.Errorf("dry run: %w", err)
	}
	defer scratch.Close()
	due := make([]*post.Post, len(pl.due))
	for i, p := range pl.due {
		c, err := scratch.GetPost(ctx, p.ID)
		if err != nil {
			return rep, fmt.Errorf("dry run: %w", err)
		}
		due[i] = c
	}
	if err := publishDue(ctx, scratch, due); err != nil {
		return rep, err
	}

	site := filepath.Join(tmp, "site")
	if fi, err := os.Stat(pl.dir); err == nil && fi.IsDir() {
		// Beside the folder, so that hard links work (one file system).
		parent, base := filepath.Split(pl.dir)
		mirror, err := os.MkdirTemp(parent, "."+base+".quire-dry-run-")
		if err != nil {
			return rep, fmt.Errorf("dry run: %w", err)
		}
		defer os.RemoveAll(mirror)
		site = filepath.Join(mirror, "site")
		if err := mirrorTree(pl.dir, site); err != nil {
			return rep, fmt.Errorf("dry run: mirror %s: %w", pl.dir, err)
		}
	}
	before := diskManifest(pl.dir)
	exp, err := export.Export(ctx, scratch, site, pl.exportOptions())
	exp.Dir = pl.dir
	rep.Export = exp
	if err != nil {
		if ctx.Err() != nil {
			return rep, cancelled(pl.dir, "dry run stopped", err)
		}
		return rep, &mirrorErr{msg: strings.ReplaceAll(err.Error(), site, pl.dir), err: err}
	}
	after := diskManifest(site)
	rep.Written, rep.Removed = fileChanges(before, after, site)
	fillPaths(ctx, scratch, pl, rep.Published)
	if pl.repo == nil {
		return rep, nil
	}
	bs := pl.branch
	gr := &GitReport{Branch: bs.branch, Upstream: bs.upstream}
	pages, err := postPages(ctx, scratch, pl.settings)
	if err != nil {
		return rep, err
	}
	gr.Added, gr.Changed, gr.Removed = postChanges(pl.head, after, pages)
	// The files that would differ from HEAD: those of the new manifest
	// whose content HEAD's manifest does not list, those HEAD lists that
	// go, and the manifest itself when it changes.
	for rel, sum := range after {
		if pl.head[rel] != sum {
			gr.Files++
		}
	}
	for rel := range pl.head {
		if _, ok := after[rel]; !ok && !exists(site, rel) {
			gr.Files++
		}
	}
	if gr.Files > 0 || !sameFile(ctx, pl.repo, filepath.Join(site, hosting.ManifestName)) {
		gr.Files++
	}
	if gr.Files > 0 && len(exp.Failed) == 0 {
		gr.Message = pl.opt.Message
		if gr.Message == "" {
			gr.Message = commitMessage(gr)
		}
	}
	n := pl.repo.ahead(ctx, bs)
	if gr.Message != "" {
		n++
	}
	if pl.opt.NoPush {
		gr.Unpushed = n
	} else {
		gr.Pushed = n
	}
	gr.NothingChanged = gr.Message == "" && n == 0
	rep.Git = gr
	return rep, nil
}

// sameFile: HEAD holds the file at name (a path in the mirror) as it is.
func sameFile(ctx context.Context, r *repo, name string) bool {
	b, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	h, ok := r.show(ctx, hosting.ManifestName)
	return ok && string(h) == string(b)
}

// mirrorTree makes dst a copy of src, without .git, by hard links (a copy
// that keeps the modification time where a link cannot be made): the
// export's check that a file is still as Quire left it reads size and time.
func mirrorTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if rel == ".git" {
			// Its place is kept (empty), as the export counts what the
			// folder holds.
			if err := os.MkdirAll(filepath.Join(dst, rel), 0o755); err != nil {
				return err
			}
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		case d.Type().IsRegular():
			if err := os.Link(path, to); err == nil {
				return nil
			}
			return copyFile(path, to)
		}
		return nil // sockets and the like: the export never writes there
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chtimes(to, fi.ModTime(), fi.ModTime())
}

// mirrorErr is an export error of a dry run, told of the real folder.
type mirrorErr struct {
	msg string
	err error
}

func (e *mirrorErr) Error() string { return e.msg }
func (e *mirrorErr) Unwrap() error { return e.err }
