// The preview pane shows the backend's HTML inside an iframe that can run no
// script at all: the sandbox leaves out allow-scripts (so no author script,
// inline handler or javascript: URL runs, and nothing in the frame can reach
// window.go, window.runtime or WebKit's message handlers), and the frame's
// Content-Security-Policy forbids scripts, plugins, frames, forms and <base>
// a second time. allow-same-origin is kept so that this module can update the
// frame's DOM in place (no flicker, scroll position kept) and read data-line
// positions for scroll sync; without allow-scripts that grants the frame
// nothing, because the frame itself never executes code.

const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  // 'self' (and wails:, the app's scheme in the desktop window): the app's own
  // media files (/media/NAME, served read-only by app/media.go).
  "img-src 'self' wails: data: blob: https: http:",
  'media-src https: http:',
  'font-src data:',
  "frame-src 'none'",
  "object-src 'none'",
  "script-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

// Elements and attributes that could run code or navigate: the backend's
// preview renderer already removes them; removing them here as well means a
// renderer bug alone cannot make the preview unsafe.
const BLOCKED_ELEMENTS = 'script, meta, base, object, embed, form, iframe, frame, frameset, link, portal'
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster']

export function previewDocument(themeCSS: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<style>${themeCSS.replace(/<\/style/gi, '<\\/style')}</style>
<style>html,body{margin:0}body{padding:1.5rem 2rem 40vh}</style>
</head><body><article class="post"><header class="post-header"><h1 class="post-title" id="quire-title"></h1></header><div class="post-content" id="quire-content"></div></article></body></html>`
}

/** isSafeURL reports whether a URL may stay on a link or image in the preview. */
export function isSafeURL(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside schemes.
  const u = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase()
  const m = /^([a-z][a-z0-9+.-]*):/.exec(u)
  if (!m) return true // relative URL or fragment
  const scheme = m[1]
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') return true
  return scheme === 'data' && /^data:image\/(png|gif|jpeg|webp);/.test(u)
}

/** sanitizeInto parses html inertly and moves the safe part into target. */
export function sanitizeInto(target: Element, html: string): void {
  const doc = target.ownerDocument
  // A <template>'s content is inert: nothing in it loads or runs while we clean it.
  const tpl = doc.createElement('template')
  tpl.innerHTML = html
  const frag = tpl.content
  frag.querySelectorAll(BLOCKED_ELEMENTS).forEach((el) => el.remove())
  frag.querySelectorAll('*').forEach((el) => {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase()
      if (name.startsWith('on') || name === 'target' || name === 'srcdoc') {
        el.removeAttribute(attr.name)
      } else if (URL_ATTRS.includes(name) && !isSafeURL(attr.value)) {
        el.removeAttribute(attr.name)
      }
    }
  })
  patchChildren(target, frag)
}

/**
 * changedRange compares two lists and returns the run that differs: items
 * before start and from the ends (old.length - endOld = next.length - endNew
 * items) are equal by eq.
 */
export function changedRange<T>(old: readonly T[], next: readonly T[], eq: (a: T, b: T) => boolean): { start: number; endOld: number; endNew: number } {
  let start = 0
  while (start < old.length && start < next.length && eq(old[start], next[start])) start++
  let endOld = old.length
  let endNew = next.length
  while (endOld > start && endNew > start && eq(old[endOld - 1], next[endNew - 1])) {
    endOld--
    endNew--
  }
  return { start, endOld, endNew }
}

/**
 * patchChildren makes target's children equal to frag's, replacing only the
 * top-level nodes that differ: a keystroke changes one block of a long post,
 * so the preview styles, lays out and paints that block, not the whole page.
 */
function patchChildren(target: Element, frag: DocumentFragment): void {
  const doc = target.ownerDocument
  const old = Array.from(target.childNodes)
  const next = Array.from(frag.childNodes)
  const { start, endOld, endNew } = changedRange(old, next, (a, b) => a.isEqualNode(b))
  const after = old[endOld] ?? null
  for (let i = start; i < endOld; i++) old[i].remove()
  const ins = doc.createDocumentFragment()
  for (let i = start; i < endNew; i++) ins.append(doc.importNode(next[i], true))
  target.insertBefore(ins, after)
}

export interface PreviewContent {
  title: string
  html: string
}

export class Preview {
  private ready: Promise<Document>
  private onLink: (href: string) => void = () => {}
  private updated: Array<() => void> = []

  constructor(frame: HTMLIFrameElement, themeCSS: string) {
    frame.setAttribute('sandbox', 'allow-same-origin')
    frame.setAttribute('referrerpolicy', 'no-referrer')
    this.ready = new Promise((resolve) => {
      frame.addEventListener(
        'load',
        () => {
          const doc = frame.contentDocument!
          // The frame can't run script, so the app handles its link clicks:
          // in-page anchors scroll, others go to the system browser.
          doc.addEventListener('click', (ev) => this.handleClick(ev, doc))
          doc.addEventListener('submit', (ev) => ev.preventDefault(), true)
          resolve(doc)
        },
        { once: true },
      )
    })
    frame.srcdoc = previewDocument(themeCSS)
  }

  /** linksTo sets what happens when an external link in the preview is clicked. */
  linksTo(fn: (href: string) => void): void {
    this.onLink = fn
  }

  async show(content: PreviewContent): Promise<void> {
    const doc = await this.ready
    doc.getElementById('quire-title')!.textContent = content.title
    sanitizeInto(doc.getElementById('quire-content')!, content.html)
    for (const fn of this.updated) fn()
  }

  /** onUpdate calls fn after each new content is shown (scroll sync re-aligns). */
  onUpdate(fn: () => void): void {
    this.updated.push(fn)
  }

  /** document resolves to the frame's document once it has loaded (tests, scroll sync). */
  document(): Promise<Document> {
    return this.ready
  }

  private handleClick(ev: MouseEvent, doc: Document): void {
    const a = (ev.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null
    if (!a) return
    ev.preventDefault()
    const href = a.getAttribute('href') ?? ''
    if (href.startsWith('#')) {
      doc.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView()
      return
    }
    if (/^(https?|mailto):/i.test(href)) this.onLink(href)
  }
}
