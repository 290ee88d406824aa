package app

import "quire/backend/export"

// ExportReport is export.Report as the window receives it. The window's
// bindings name TypeScript namespaces after Go packages, and "export" is a
// reserved word there, so no type of package export may cross the bridge.
type ExportReport struct {
	Dir       string          `json:"dir"`
	Posts     int             `json:"posts"`
	Written   int             `json:"written"`
	Unchanged int             `json:"unchanged"`
	Removed   int             `json:"removed"`
	Failed    []ExportFailure `json:"failed"`
	Warnings  []ExportWarning `json:"warnings"`
}

// ExportFailure is a page or post the export could not write.
type ExportFailure struct {
	Path   string `json:"path,omitempty"`
	Source string `json:"source,omitempty"`
	Error  string `json:"error"`
}

// ExportWarning is a problem in a post worth fixing before publishing, such
// as a link to a post that does not exist.
type ExportWarning struct {
	Post    string `json:"post"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func newExportReport(r export.Report) ExportReport {
	out := ExportReport{
		Dir: r.Dir, Posts: r.Posts, Written: r.Written, Unchanged: r.Unchanged, Removed: r.Removed,
		Failed: make([]ExportFailure, 0, len(r.Failed)), Warnings: make([]ExportWarning, 0, len(r.Warnings)),
	}
	for _, f := range r.Failed {
		out.Failed = append(out.Failed, ExportFailure{Path: f.Path, Source: f.Source, Error: f.Err})
	}
	for _, w := range r.Warnings {
		out.Warnings = append(out.Warnings, ExportWarning{Post: w.Post, Line: w.Line, Message: w.Message})
	}
	return out
}
