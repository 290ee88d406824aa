//go:build linux

package app

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>
#include <stdlib.h>

extern void quireClipboardImage(guchar *data, gsize len, guint id);

// readClipboardImage runs on GTK's main thread: it asks the clipboard for a
// PNG, else for any image (GdkPixbuf), saved as PNG.
static gboolean readClipboardImage(gpointer p) {
	guint id = GPOINTER_TO_UINT(p);
	GtkClipboard *cb = gtk_clipboard_get(GDK_SELECTION_CLIPBOARD);
	GtkSelectionData *d = gtk_clipboard_wait_for_contents(cb, gdk_atom_intern_static_string("image/png"));
	if (d != NULL) {
		gint len = 0;
		const guchar *b = gtk_selection_data_get_data_with_length(d, &len);
		if (b != NULL && len > 0) {
			quireClipboardImage((guchar *)b, (gsize)len, id);
			gtk_selection_data_free(d);
			return G_SOURCE_REMOVE;
		}
		gtk_selection_data_free(d);
	}
	GdkPixbuf *pb = gtk_clipboard_wait_for_image(cb);
	if (pb != NULL) {
		gchar *buf = NULL;
		gsize n = 0;
		if (gdk_pixbuf_save_to_buffer(pb, &buf, &n, "png", NULL, NULL)) {
			quireClipboardImage((guchar *)buf, n, id);
			g_free(buf);
			g_object_unref(pb);
			return G_SOURCE_REMOVE;
		}
		g_object_unref(pb);
	}
	quireClipboardImage(NULL, 0, id);
	return G_SOURCE_REMOVE;
}

static void scheduleClipboardImage(guint id) {
	g_idle_add(readClipboardImage, GUINT_TO_POINTER(id));
}
*/
import "C"

import (
	"sync"
	"time"
	"unsafe"
)

var clipboardReads = struct {
	sync.Mutex
	next uint
	wait map[uint]chan []byte
}{wait: map[uint]chan []byte{}}

//export quireClipboardImage
func quireClipboardImage(data *C.guchar, n C.gsize, id C.guint) {
	var b []byte
	if data != nil && n > 0 {
		b = C.GoBytes(unsafe.Pointer(data), C.int(n))
	}
	clipboardReads.Lock()
	ch := clipboardReads.wait[uint(id)]
	delete(clipboardReads.wait, uint(id))
	clipboardReads.Unlock()
	if ch != nil {
		ch <- b
	}
}

// clipboardImage reads an image from the system clipboard through GTK (the
// web view gives a paste event no image on Linux): its bytes, or nil when
// the clipboard holds none. It waits for GTK's main loop, which only runs
// while the window is open.
func clipboardImage() []byte {
	clipboardReads.Lock()
	clipboardReads.next++
	id := clipboardReads.next
	ch := make(chan []byte, 1)
	clipboardReads.wait[id] = ch
	clipboardReads.Unlock()
	C.scheduleClipboardImage(C.guint(id))
	select {
	case b := <-ch:
		return b
	case <-time.After(10 * time.Second):
		// No main loop (no window), or a clipboard owner that never
		// answers: give up rather than hang the window's call.
		clipboardReads.Lock()
		delete(clipboardReads.wait, id)
		clipboardReads.Unlock()
		return nil
	}
}
