package app

import (
	"path/filepath"
	"reflect"
	"testing"

	"quire/backend/store"
)

func TestSpellLanguages(t *testing.T) {
	tests := []struct {
		name       string
		set        []string
		site, lang string
		want       []string
	}{
		{"SetWins", []string{"de_DE", "en_GB"}, "fr", "it_IT.UTF-8", []string{"de_DE", "en_GB"}},
		{"SiteUsual", nil, "en", "", []string{"en_US", "en"}},
		{"SiteWithLocaleRegion", nil, "en", "en_GB.UTF-8", []string{"en_GB", "en"}},
		{"SiteOtherThanLocale", nil, "de", "en_GB.UTF-8", []string{"de_DE", "de"}},
		{"SiteWithRegion", nil, "pt-BR", "", []string{"pt_BR", "pt"}},
		{"LocaleWhenNoSite", nil, "", "fr_CA.UTF-8", []string{"fr_CA", "fr"}},
		{"PosixLocale", nil, "", "C.UTF-8", []string{"en_US", "en"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := spellLanguages(tc.set, tc.site, tc.lang); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSpellCheckSetting(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := NewSettings(st)
	t.Setenv("LANG", "en_GB.UTF-8")
	c, err := s.SpellCheck()
	if err != nil || !c.Enabled || len(c.Languages) != 0 || !reflect.DeepEqual(c.InUse, []string{"en_GB", "en"}) {
		t.Fatalf("default: %+v %v", c, err)
	}
	if c, err = s.SetSpellCheck(false, []string{"de_DE", "en_US"}); err != nil || c.Enabled || !reflect.DeepEqual(c.InUse, []string{"de_DE", "en_US"}) {
		t.Fatalf("set: %+v %v", c, err)
	}
	if c, _ = s.SpellCheck(); c.Enabled || !reflect.DeepEqual(c.Languages, []string{"de_DE", "en_US"}) {
		t.Errorf("stored: %+v", c)
	}
	if _, err := s.SetSpellCheck(true, []string{"de DE"}); err == nil {
		t.Error("a language name with a space was taken")
	}
}
