//go:build linux

package app

import "os"

// webkitEnv is the environment the app sets for itself and the WebKit
// processes it starts (they inherit it), before GTK and WebKit start. The
// window draws with the CPU (WebviewGpuPolicyNever), yet GTK and WebKit
// each open an OpenGL/EGL display, and Mesa's driver for it links LLVM:
// about 26 MB more in every process that loads it (its code, and 8 MB of
// its data relocated per process). These keep it out of the app's own
// process; the web process still needs an EGL display (WebKit stops without
// one) and loads it there. Each was measured on its own with 10,000 posts
// (see e2e/bench/memory.mjs); together they save 15 to 20 MB and nothing
// drawn changes.
//
// A value already in the environment is kept, so a user can still turn
// any of them back (GDK_GL=, WEBKIT_DISABLE_DMABUF_RENDERER=0 and so on).
var webkitEnv = [][2]string{
	// GTK opens GLX at start to pick GL visuals for widgets that draw with
	// GL; Wails has none. This is where the app process loaded Mesa.
	{"GDK_GL", "disable"},
	// The DMA-BUF renderer hands GPU buffers from the web process to the
	// window; with the GPU off WebKit paints into shared memory instead,
	// and the window process needs no EGL display to show it.
	{"WEBKIT_DISABLE_DMABUF_RENDERER", "1"},
	// Without it the window process opens an EGL display only to ask it for
	// the GPU's render node, to hand to the web process, which has no use
	// for it while painting with the CPU. /dev/null is no GPU: the web
	// process falls back to its software EGL display, as it does on a
	// machine without one.
	{"WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null"},
}

// setLowMemoryEnv applies webkitEnv. It must run before wails.Run, which
// starts GTK; WebKit reads these when it starts its processes.
func setLowMemoryEnv() {
	for _, kv := range webkitEnv {
		if _, set := os.LookupEnv(kv[0]); !set {
			_ = os.Setenv(kv[0], kv[1])
		}
	}
}
