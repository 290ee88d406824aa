import { blockRemote, describeBlocked, type RemoteBlocked } from './remote'

// The preview pane shows the backend's HTML inside an iframe that can run no
// script at all: the sandbox leaves out allow-scripts (so no author script,
// inline handler or javascript: URL runs, and nothing in the frame can reach
// window.go, window.runtime or WebKit's message handlers), and the frame's
// Content-Security-Policy forbids scripts, plugins, frames, forms and <base>
// a second time. allow-same-origin is kept so that this module can update the
// frame's DOM in place (no flicker, scroll position kept) and read data-line
// positions for scroll sync; without allow-scripts that grants the frame
// nothing, because the frame itself never executes code.

// Hosts other than the app's own are allowed only once the writer has allowed
// remote content for the post (remote.ts): until then this policy, not only
// the rewrite, keeps the preview from reaching them.
export function previewCSP(allowRemote: boolean): string {
  // 'self' (and wails:, the app's scheme in the desktop window): the app's own
  // media files (/media/NAME, served read-only by app/media.go).
  const local = "'self' wails: data: blob:"
  const remote = allowRemote ? ' https: http:' : ''
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src ${local}${remote}`,
    `media-src ${local}${remote}`,
    'font-src data:',
    "frame-src 'none'",
    "object-src 'none'",
    "script-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

// Elements and attributes that could run code or navigate: the backend's
// preview renderer already removes them; removing them here as well means a
// renderer bug alone cannot make the preview unsafe.
const BLOCKED_ELEMENTS = 'script, meta, base, object, embed, form, iframe, frame, frameset, link, portal'
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster']
const DROP_ATTRS = ['target', 'srcdoc', 'ping']

export function previewDocument(themeCSS: string, allowRemote = false): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${previewCSP(allowRemote)}">
<style>${themeCSS.replace(/<\/style/gi, '<\\/style')}</style>
<style>html,body{margin:0}body{padding:1.5rem 2rem 40vh}
#quire-meta{display:contents}
[data-quire-remote]{outline:1px dashed #9a9a9a;outline-offset:-1px;min-width:1.5em;min-height:1.5em}img[data-quire-remote]{display:inline-block}</style>
</head><body><main><article class="post"><header class="post-header"><h1 class="post-title" id="quire-title"></h1><div id="quire-meta"></div></header><div class="post-content" id="quire-content"></div></article></main></body></html>`
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

/**
 * sanitizeInto parses html inertly and moves the safe part into target. Unless
 * allowRemote, references to other hosts than base (the app) are removed too;
 * it returns what was removed.
 */
function sanitizeInto(target: Element, html: string, allowRemote = false, base = target.baseURI): RemoteBlocked[] {
  const doc = target.ownerDocument
  // A <template>'s content is inert: nothing in it loads or runs while we clean it.
  const tpl = doc.createElement('template')
  tpl.innerHTML = html
  const frag = tpl.content
  frag.querySelectorAll(BLOCKED_ELEMENTS).forEach((el) => el.remove())
  frag.querySelectorAll('*').forEach((el) => {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase()
      if (name.startsWith('on') || DROP_ATTRS.includes(name)) {
        el.removeAttribute(attr.name)
      } else if (URL_ATTRS.includes(name) && !isSafeURL(attr.value)) {
        el.removeAttribute(attr.name)
      }
    }
  })
  const blocked = allowRemote ? [] : blockRemote(frag, base)
  patchChildren(target, frag)
  return blocked
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
  /** meta is the theme's part of the page under the title: date, reading time, categories, tags (HTML). */
  meta?: string
}

export class Preview {
  private ready!: Promise<Document>
  private resolveReady: (doc: Document) => void = () => {}
  private onLink: (href: string) => void = () => {}
  private onAllow: () => void = () => {}
  private updated: Array<() => void> = []
  private loaded: Array<(doc: Document) => void> = []
  private doc: Document | null = null
  private last: PreviewContent | null = null
  private allowRemote = false
  private readonly bar: HTMLElement
  private readonly barText: HTMLElement

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly themeCSS: string,
  ) {
    frame.setAttribute('sandbox', 'allow-same-origin')
    frame.setAttribute('referrerpolicy', 'no-referrer')
    // The bar lives in the app's own document, outside the frame: the frame
    // runs no script, and its theme must not restyle the app's controls.
    const d = frame.ownerDocument
    this.bar = d.createElement('div')
    this.bar.className = 'remote-bar'
    this.bar.setAttribute('role', 'status')
    this.bar.hidden = true
    this.barText = d.createElement('span')
    const load = d.createElement('button')
    load.type = 'button'
    load.textContent = 'Load'
    load.title = 'Load remote content for this post, now and when it is opened again'
    load.addEventListener('click', () => this.onAllow())
    this.bar.append(this.barText, ' ', load)
    frame.before(this.bar)
    frame.addEventListener('load', () => this.frameLoaded())
    this.load()
  }

  /** load (re)builds the frame's document, with the policy for the current post. */
  private load(): void {
    this.doc = null
    this.ready = new Promise((resolve) => (this.resolveReady = resolve))
    this.frame.srcdoc = previewDocument(this.themeCSS, this.allowRemote)
  }

  /** frameLoaded takes the frame's document once it is the one load last asked for. */
  private frameLoaded(): void {
    const doc = this.frame.contentDocument
    // A document built for the other policy is on its way out: a rebuild
    // asked for meanwhile is still loading.
    const csp = doc?.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')
    if (!doc || doc === this.doc || csp !== previewCSP(this.allowRemote)) return
    this.doc = doc
    // The frame can't run script, so the app handles its link clicks:
    // in-page anchors scroll, others go to the system browser.
    doc.addEventListener('click', (ev) => this.handleClick(ev, doc))
    doc.addEventListener('submit', (ev) => ev.preventDefault(), true)
    for (const fn of this.loaded) fn(doc)
    this.resolveReady(doc)
  }

  /** linksTo sets what happens when an external link in the preview is clicked. */
  linksTo(fn: (href: string) => void): void {
    this.onLink = fn
  }

  /** onAllowRemote sets what the bar's Load button does (remember, then setRemoteAllowed). */
  onAllowRemote(fn: () => void): void {
    this.onAllow = fn
  }

  /**
   * newPost says that what is shown next belongs to another post, and whether
   * that one may load remote content. Content shown before is never shown
   * again under the new post's policy.
   */
  newPost(allowRemote: boolean): void {
    this.last = null
    this.bar.hidden = true
    this.setRemoteAllowed(allowRemote)
  }

  /**
   * setRemoteAllowed says whether the post shown may load remote content. A
   * change rebuilds the frame's document: a Content-Security-Policy can be
   * tightened in place but never relaxed.
   */
  setRemoteAllowed(allowed: boolean): void {
    if (allowed === this.allowRemote) return
    this.allowRemote = allowed
    this.load()
    if (this.last) void this.show(this.last)
  }

  /** remoteAllowed reports whether the preview now loads remote content. */
  remoteAllowed(): boolean {
    return this.allowRemote
  }

  async show(content: PreviewContent): Promise<void> {
    this.last = content
    const ready = this.ready
    const doc = await ready
    // The document was rebuilt meanwhile; the show after the rebuild wins.
    if (ready !== this.ready || content !== this.last) return
    doc.getElementById('quire-title')!.textContent = content.title
    sanitizeInto(doc.getElementById('quire-meta')!, content.meta ?? '', false)
    const blocked = sanitizeInto(doc.getElementById('quire-content')!, content.html, this.allowRemote)
    this.barText.textContent = this.barText.title = describeBlocked(blocked)
    this.bar.hidden = blocked.length === 0
    for (const fn of this.updated) fn()
  }

  /** onUpdate calls fn after each new content is shown (scroll sync re-aligns). */
  onUpdate(fn: () => void): void {
    this.updated.push(fn)
  }

  /** onDocument calls fn with the frame's document now (once loaded) and each time it is rebuilt. */
  onDocument(fn: (doc: Document) => void): void {
    this.loaded.push(fn)
    if (this.doc) fn(this.doc)
  }

  /** document resolves to the frame's current document once it has loaded (tests, scroll sync). */
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
