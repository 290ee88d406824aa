// Remote content in the preview. A post imported from elsewhere can point its
// images, videos and styles at any host, a machine on the writer's network
// included, and merely previewing it would tell that host the post was opened.
// So, as mail readers do, the preview loads resources from other hosts only
// after the writer allows it for that post; the app's own files (/media/,
// relative paths, data: images) always load. blockRemote removes what would
// reach another host and reports what it removed, for the bar that offers to
// load it. The preview frame's Content-Security-Policy (preview.ts) is the
// second guard: until the post is allowed it permits no other host at all.
// The export is not affected: the published page loads what the author wrote.

/** What kind of resource a blocked URL was, for the bar's wording. */
export type RemoteKind = 'image' | 'media' | 'style'

export interface RemoteBlocked {
  kind: RemoteKind
  host: string
}

// The base is the same for every URL of a render: parsed once.
let lastBase: { text: string; url: URL | null } = { text: '', url: null }
function parsedBase(base: string): URL | null {
  if (lastBase.text !== base) {
    let url: URL | null = null
    try {
      url = new URL(base)
    } catch {
      url = null
    }
    lastBase = { text: base, url }
  }
  return lastBase.url
}

/**
 * isRemoteURL reports whether url, as the preview document would resolve it
 * against base (the app's address), points anywhere but the app itself.
 * It uses the browser's own URL parser, so the tricks a browser accepts
 * (backslashes, tabs inside the scheme, "http:host" without slashes,
 * protocol-relative "//host") are read as the browser reads them.
 */
export function isRemoteURL(url: string, base: string): boolean {
  const b = parsedBase(base)
  let u: URL
  try {
    u = b ? new URL(url, b) : new URL(url)
  } catch {
    return false // the browser cannot parse it either: nothing is fetched
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return false
  // Not URL.origin: it is "null" for every non-special scheme (wails:, the
  // app's own in the desktop window), which would make all of them equal.
  return !b || u.protocol !== b.protocol || u.host !== b.host
}

/** hostOf names where a remote URL points, for the bar. */
export function hostOf(url: string, base: string): string {
  try {
    const u = new URL(url, base)
    return u.hostname || u.protocol.replace(/:$/, '')
  } catch {
    return url
  }
}

/**
 * remoteInSrcset returns the remote URLs in a srcset value. Candidates are
 * split on commas and whitespace alike: a URL with a comma in it then yields
 * a piece that still carries its scheme and host, so splitting too finely can
 * only find more, never miss one.
 */
export function remoteInSrcset(value: string, base: string): string[] {
  return value.split(/[\s,]+/).filter((t) => t !== '' && isRemoteURL(t, base))
}

// url(...) as CSS writes it: quoted or bare.
const CSS_URL = /url\(\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|([^)"'\s]*))\s*\)/gi
// Any other quoted string: @import "x" and image-set("x" 1x) take URLs as
// plain strings. Strings that are not URLs resolve to the app itself.
const CSS_STRING = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g

/**
 * unescapeCSS decodes CSS escapes (\75 rl, \:), as the browser's tokenizer
 * does, so that the check after rewriting sees what the browser would.
 */
export function unescapeCSS(css: string): string {
  return css.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([^\n0-9a-fA-F])/g, (_, hex: string | undefined, ch: string | undefined) => {
    if (hex === undefined) return ch ?? ''
    const cp = parseInt(hex, 16)
    return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp)
  })
}

/** remoteInCSS lists the remote URLs CSS text refers to, as written. */
function remoteInCSS(css: string, base: string): string[] {
  const found: string[] = []
  for (const m of css.matchAll(CSS_URL)) {
    const url = m[1] ?? m[2] ?? m[3] ?? ''
    if (isRemoteURL(url, base)) found.push(url)
  }
  for (const m of css.replace(CSS_URL, 'none').matchAll(CSS_STRING)) {
    const s = m[1] ?? m[2] ?? ''
    if (isRemoteURL(s, base)) found.push(s)
  }
  return found
}

/**
 * blockCSS removes the remote references from CSS text (a style attribute,
 * a <style> block, an SVG paint like fill="url(...)"): each becomes `none`,
 * which leaves the declaration invalid or empty, and the rest of the CSS
 * stands. When the text still refers to another host once its escapes are
 * decoded (u\72l("http://..."), "http\:\/\/host"), all of it is dropped.
 * It returns the new CSS and the remote URLs it removed.
 */
export function blockCSS(css: string, base: string): { css: string; urls: string[] } {
  const urls = remoteInCSS(css, base)
  if (urls.length === 0 && !css.includes('\\')) return { css, urls }
  let out = css.replace(CSS_URL, (m, q1?: string, q2?: string, bare?: string) =>
    isRemoteURL(q1 ?? q2 ?? bare ?? '', base) ? 'none' : m,
  )
  out = out.replace(CSS_STRING, (m, q1?: string, q2?: string) => (isRemoteURL(q1 ?? q2 ?? '', base) ? 'none' : m))
  const left = remoteInCSS(unescapeCSS(out), base)
  if (left.length > 0) return { css: '', urls: [...urls, ...left] }
  return { css: out, urls }
}

// Attributes whose value is a URL the browser fetches by itself. href and
// xlink:href load on SVG's <image>, <use>, <feImage> and the like; on <a> and
// <area> they are links, which load nothing until clicked.
const RESOURCE_ATTRS = new Set(['src', 'poster', 'background', 'lowsrc', 'dynsrc', 'data', 'href', 'xlink:href'])
const SRCSET_ATTRS = new Set(['srcset', 'imagesrcset'])
const LINK_ELEMENTS = new Set(['a', 'area'])
const MEDIA_ELEMENTS = new Set(['video', 'audio', 'track'])
const SVG_NS = 'http://www.w3.org/2000/svg'

function kindOf(el: Element, attr: string): RemoteKind {
  const tag = el.localName.toLowerCase()
  if (attr === 'poster') return 'image'
  if (MEDIA_ELEMENTS.has(tag)) return 'media'
  if (tag === 'source' && el.parentElement && MEDIA_ELEMENTS.has(el.parentElement.localName.toLowerCase())) return 'media'
  return 'image'
}

/**
 * blockRemote removes every reference to another host from the parsed (and
 * inert) preview content in root, and returns what it removed. An element
 * that lost its source is marked data-quire-remote, so the preview can show
 * where it was.
 */
export function blockRemote(root: DocumentFragment | Element, base: string): RemoteBlocked[] {
  const blocked: RemoteBlocked[] = []
  const note = (kind: RemoteKind, urls: string[]) => {
    for (const u of urls) blocked.push({ kind, host: hostOf(u, base) })
  }
  root.querySelectorAll('*').forEach((el) => {
    const tag = el.localName.toLowerCase()
    if (tag === 'style') {
      const { css, urls } = blockCSS(el.textContent ?? '', base)
      if (urls.length > 0) {
        el.textContent = css
        note('style', urls)
      }
    }
    let marked = false
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase()
      let urls: string[] = []
      if (SRCSET_ATTRS.has(name)) {
        urls = remoteInSrcset(attr.value, base)
        if (urls.length > 0) el.removeAttribute(attr.name)
      } else if (RESOURCE_ATTRS.has(name)) {
        if ((name === 'href' || name === 'xlink:href') && LINK_ELEMENTS.has(tag)) continue
        if (isRemoteURL(attr.value, base)) {
          urls = [attr.value]
          el.removeAttribute(attr.name)
        }
      } else if (name === 'style' || (el.namespaceURI === SVG_NS && /url|\\/i.test(attr.value))) {
        // SVG presentation attributes (fill, filter, mask, clip-path,
        // marker-*, cursor) take url() references as CSS does.
        const res = blockCSS(attr.value, base)
        if (res.urls.length > 0) {
          urls = res.urls
          if (res.css.trim() === '') el.removeAttribute(attr.name)
          else el.setAttribute(attr.name, res.css)
        }
      }
      if (urls.length > 0) {
        const isCSS = name === 'style' || (el.namespaceURI === SVG_NS && !RESOURCE_ATTRS.has(name))
        note(isCSS ? 'style' : kindOf(el, name), urls)
        marked = true
      }
    }
    if (marked) el.setAttribute('data-quire-remote', '')
  })
  return blocked
}

const KIND_WORDS: Record<RemoteKind, [string, string]> = {
  image: ['image', 'images'],
  media: ['audio or video file', 'audio or video files'],
  style: ['style', 'styles'],
}

/**
 * describeBlocked is the bar's message, as mail readers word it:
 * "Remote content blocked: 3 images, 1 style from example.com, cdn.example.org".
 */
export function describeBlocked(blocked: readonly RemoteBlocked[]): string {
  if (blocked.length === 0) return ''
  const counts = new Map<RemoteKind, number>()
  for (const b of blocked) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1)
  const parts = (['image', 'media', 'style'] as RemoteKind[])
    .filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${KIND_WORDS[k][counts.get(k) === 1 ? 0 : 1]}`)
  const hosts = [...new Set(blocked.map((b) => b.host))]
  const shown = hosts.slice(0, 3).join(', ') + (hosts.length > 3 ? ` and ${hosts.length - 3} more` : '')
  return `Remote content blocked: ${parts.join(', ')} from ${shown}`
}
