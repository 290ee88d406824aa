//go:build linux && webkit2_41

package app

/*
#cgo pkg-config: webkit2gtk-4.1
#include <webkit2/webkit2.h>
#include <stdlib.h>

typedef struct {
	gboolean on;
	gchar **langs;
} quireSpell;

// quireApplySpell runs on GTK's main thread. Wails v2 makes its web view
// on the default web context, so the checker is turned on there.
static gboolean quireApplySpell(gpointer p) {
	quireSpell *s = p;
	WebKitWebContext *ctx = webkit_web_context_get_default();
	webkit_web_context_set_spell_checking_enabled(ctx, s->on);
	if (s->on && s->langs != NULL && s->langs[0] != NULL) {
		webkit_web_context_set_spell_checking_languages(ctx, (const gchar * const *)s->langs);
	}
	if (g_getenv("QUIRE_TRACE_SPELL") != NULL) {
		// What WebKit took: the dictionaries it found, none when missing.
		const gchar * const *in_use = webkit_web_context_get_spell_checking_languages(ctx);
		gchar *joined = in_use ? g_strjoinv(",", (gchar **)in_use) : g_strdup("");
		g_printerr("quire: spell checking %s, languages [%s]\n",
			webkit_web_context_get_spell_checking_enabled(ctx) ? "on" : "off", joined);
		g_free(joined);
	}
	g_strfreev(s->langs);
	g_free(s);
	return G_SOURCE_REMOVE;
}

static gchar **quireNewStrv(int n) { return g_new0(gchar *, n + 1); }
static void quireSetStrv(gchar **v, int i, const char *s) { v[i] = g_strdup(s); }

static void quireScheduleSpell(gboolean on, gchar **langs) {
	quireSpell *s = g_new0(quireSpell, 1);
	s->on = on;
	s->langs = langs;
	g_idle_add(quireApplySpell, s);
}
*/
import "C"

import "unsafe"

// setSpellChecking turns WebKitGTK's spell checker on or off for the
// window, with these dictionaries (hunspell's, through Enchant; a missing
// one is left out by WebKit). GTK calls are made on its main loop, where
// this schedules them; safe to call before the window exists.
func setSpellChecking(enabled bool, languages []string) {
	v := C.quireNewStrv(C.int(len(languages)))
	for i, l := range languages {
		cs := C.CString(l)
		C.quireSetStrv(v, C.int(i), cs)
		C.free(unsafe.Pointer(cs))
	}
	on := C.gboolean(0)
	if enabled {
		on = 1
	}
	C.quireScheduleSpell(on, v)
}
