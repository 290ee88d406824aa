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
	s.schemeOnce.Do(func() {}) // the desktop says nothing here, whatever this machine's says
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
			if !strings.HasSuffix(body, "})("+tc.want+", \"\")\n") || strings.Count(body, "<") > 0 {
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
	for _, tc := range []struct {
		theme, system string
		dark          bool
	}{
		{"dark", "", true}, {"dark", "light", true}, {"light", "dark", false},
		{"system", "dark", true}, {"system", "light", false}, {"system", "", false},
	} {
		if bg := themeBackground(tc.theme, tc.system); (bg.R < 40) != tc.dark {
			t.Errorf("background for %s with a %q desktop = %+v", tc.theme, tc.system, bg)
		}
	}
}

func TestThemeScriptCarriesTheDesktopsPreference(t *testing.T) {
	if got := string(themeScript("system", "dark")); !strings.HasSuffix(got, `})("system", "dark")`+"\n") {
		t.Errorf("script = %q", got)
	}
}
