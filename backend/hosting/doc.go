// Package hosting places a site's files into a hosting folder so that the
// folder always holds one whole site, never a mix, and never loses a file
// its owner put there. The exporter is its one user.
//
// The guarantee. Changed files are written into a stage folder beside the
// hosting folder (".NAME.quire-stage", each file at its path under site/),
// never into it. When every item is staged, the staged data is flushed to
// disk and a journal (".NAME.quire-journal") listing the stale files to
// remove and the staged files to place is written, fsynced and renamed into
// place: that rename is the moment the export happens. The stale files are
// then removed and the staged ones renamed into the folder one by one, or a
// folder the site does not have yet with everything in it at once (each
// rename is atomic, so no file is ever seen half-written), the manifest last.
// If the process dies before the journal exists, the folder was not touched
// and the next export throws the stage away; if it dies after, the next
// export (or Recover) finishes the journal before anything else. So after
// Recover the folder holds exactly the old site or exactly the new one, byte
// for byte; while a placement is under way (renames only, no writing) a web
// server reading the folder may serve some files old and some new. This is
// tested by killing an exporting process with SIGKILL; against power loss
// the data and the journal are flushed before the commit point, but the
// folders are not fsynced after each rename. One export runs per folder at a
// time (a lock on the folder that the kernel drops when the process ends).
//
// Files not listed in the manifest (.quire-manifest.json) are never written,
// moved or removed: a page whose path holds such a file fails with the
// reason. A file Quire wrote that was changed by hand since (its size or
// time differ from the manifest) is not removed when it goes stale; it is
// left as a foreign file.
package hosting
