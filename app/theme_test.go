package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestThemeScriptFollowsTheSetting(t *testing.T) {
	st := mustOpen(t)
	s := NewSettings(st)
	media := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("next")) })
	h := s.themeHandler(media)
	get := func(path string) (string, http.Header) {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Body.String(), rec.Header()
	}
	for _, tc := range []struct {
		name, stored, want string
	}{
		{"Unset", "", `"system"`},
		{"Dark", "dark", `"dark"`},
		{"Light", "light", `"light"`},
		{"System", "system", `"system"`},
		{"Unknown", "</script><b>", `"system"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.Set("theme", tc.stored); err != nil {
				t.Fatal(err)
			}
			body, hdr := get(themeScriptPath)
			if !strings.HasSuffix(body, "})("+tc.want+")\n") || strings.Count(body, "<") > 0 {
				t.Errorf("script = %q, want the theme %s", body, tc.want)
			}
			if hdr.Get("Cache-Control") != "no-store" || !strings.HasPrefix(hdr.Get("Content-Type"), "text/javascript") {
				t.Errorf("headers = %v", hdr)
			}
		})
	}
	if body, _ := get("/media/x.png"); body != "next" {
		t.Errorf("other paths go to the next handler, got %q", body)
	}
	if bg := themeBackground("dark"); bg.R > 40 {
		t.Errorf("dark background = %+v", bg)
	}
}
