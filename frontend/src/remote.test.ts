import { describe, expect, it } from 'vitest'
import { blockCSS, describeBlocked, hostOf, isRemoteURL, remoteInSrcset, unescapeCSS } from './remote'
import { previewCSP, previewDocument } from './preview'

// The app's address in the desktop window and under the dev server.
const bases = ['wails://wails/', 'http://127.0.0.1:34115/']

describe('isRemoteURL', () => {
  const cases: Array<[string, boolean]> = [
    ['/media/3f2a9c1d5e6b7a80.png', false],
    ['media/3f2a9c1d5e6b7a80.png', false],
    ['../images/diagram.svg', false],
    ['#fig-1', false],
    ['', false],
    ['data:image/png;base64,iVBORw0KGgo=', false],
    ['blob:wails://wails/0b0e', false],
    ['https://example.com/kubecon/keynote.jpg', true],
    ['http://192.168.1.1/cgi-bin/status.png', true],
    ['//cdn.example.org/a.png', true],
    ['HTTPS://EXAMPLE.COM/A.PNG', true],
    ['  https://example.com/padded.png  ', true],
    ['ht\ttps://example.com/tab.png', true],
    ['ftp://files.example.com/x.png', true],
    ['http://localhost:8080/admin.png', true],
    ['wails://elsewhere/x.png', true],
  ]
  for (const base of bases) {
    for (const [url, want] of cases) {
      it(`${JSON.stringify(url)} against ${base} -> ${want}`, () => expect(isRemoteURL(url, base)).toBe(want))
    }
  }
  it('the app itself by full address is local', () => {
    expect(isRemoteURL('wails://wails/media/a.png', 'wails://wails/')).toBe(false)
    expect(isRemoteURL('http://127.0.0.1:34115/media/a.png', 'http://127.0.0.1:34115/')).toBe(false)
    // Another port on the same machine is another host.
    expect(isRemoteURL('http://127.0.0.1:9/a.png', 'http://127.0.0.1:34115/')).toBe(true)
  })
  it('backslashes are slashes in http addresses, as the browser reads them', () => {
    expect(isRemoteURL('\\\\example.com\\share.png', 'http://127.0.0.1:34115/')).toBe(true)
    expect(isRemoteURL('/\\example.com/x.png', 'http://127.0.0.1:34115/')).toBe(true)
    // The desktop window's wails: scheme is not special: a path there.
    expect(isRemoteURL('/\\example.com/x.png', 'wails://wails/')).toBe(false)
  })
  it('"http:host" without slashes is remote from the desktop window', () => {
    expect(isRemoteURL('http:example.com/x.png', 'wails://wails/')).toBe(true)
  })
})

describe('hostOf', () => {
  it('names the host', () => {
    expect(hostOf('//cdn.example.org/a.png', 'wails://wails/')).toBe('cdn.example.org')
    expect(hostOf('http://192.168.1.1:8080/x', 'wails://wails/')).toBe('192.168.1.1')
  })
})

describe('remoteInSrcset', () => {
  const base = 'wails://wails/'
  const cases: Array<[string, string, string[]]> = [
    ['local only', '/media/a-480.png 480w, /media/a-800.png 800w', []],
    ['density descriptors', 'media/a.png 1x, media/a@2x.png 2x', []],
    ['one remote candidate', '/media/a.png 1x, https://cdn.example.com/a@2x.png 2x', ['https://cdn.example.com/a@2x.png']],
    ['no space after the comma', '/media/a.png 1x,https://cdn.example.com/b.png 2x', ['https://cdn.example.com/b.png']],
    ['comma inside a remote URL', 'https://img.example.com/w_400,h_300/a.jpg 400w', ['https://img.example.com/w_400']],
    ['protocol-relative', '//cdn.example.com/a.png', ['//cdn.example.com/a.png']],
  ]
  for (const [name, value, want] of cases) {
    it(name, () => expect(remoteInSrcset(value, base)).toEqual(want))
  }
})

describe('blockCSS', () => {
  const base = 'wails://wails/'
  const cases: Array<[string, string, string, number]> = [
    ['local background stays', 'background: url(/media/bg.png) no-repeat', 'background: url(/media/bg.png) no-repeat', 0],
    ['plain styles stay', 'color: #333; font-family: "Helvetica Neue", sans-serif', 'color: #333; font-family: "Helvetica Neue", sans-serif', 0],
    ['remote background, bare', 'background: url(http://tracker.example.com/p.gif) no-repeat; color: red', 'background: none no-repeat; color: red', 1],
    ['remote background, quoted', "background-image:url( 'https://example.com/bg.jpg' )", 'background-image:none', 1],
    ['upper-case URL(', 'background:URL("//cdn.example.com/x.png")', 'background:none', 1],
    ['image-set takes strings', 'background-image: image-set("https://example.com/a.png" 1x, "/media/a.png" 2x)', 'background-image: image-set(none 1x, "/media/a.png" 2x)', 1],
    ['@import of a string', '@import "https://fonts.example.com/css?family=Lato"; p { margin: 0 }', '@import none; p { margin: 0 }', 1],
    [
      'a <style> block with font and cursor',
      '@font-face { font-family: X; src: url(https://fonts.example.com/x.woff2) format("woff2") }\n.post a { cursor: url(http://10.0.0.5/c.cur), auto }',
      '@font-face { font-family: X; src: none format("woff2") }\n.post a { cursor: none, auto }',
      2,
    ],
    ['escaped function name: dropped whole', 'color: red; background: u\\72l(http://example.com/x.png)', '', 1],
    ['escaped URL in a string: dropped whole', 'background: url("http\\3a //example.com/x.png")', '', 1],
    ['escape in a local style stays', 'content: "\\2014"', 'content: "\\2014"', 0],
  ]
  for (const [name, css, want, n] of cases) {
    it(name, () => {
      const got = blockCSS(css, base)
      expect(got.css).toBe(want)
      expect(got.urls.length).toBe(n)
      // Whatever is left refers to no other host, escapes decoded.
      expect(blockCSS(unescapeCSS(got.css), base).urls).toEqual([])
    })
  }
})

describe('unescapeCSS', () => {
  it('decodes hex and character escapes as the tokenizer does', () => {
    expect(unescapeCSS('u\\72 l(a)')).toBe('url(a)')
    expect(unescapeCSS('http\\:\\/\\/x')).toBe('http://x')
    expect(unescapeCSS('\\0')).toBe('\ufffd')
  })
})

describe('describeBlocked', () => {
  it('counts by kind and names the hosts', () => {
    expect(
      describeBlocked([
        { kind: 'image', host: 'example.com' },
        { kind: 'image', host: 'example.com' },
        { kind: 'image', host: 'cdn.example.org' },
        { kind: 'media', host: 'example.com' },
      ]),
    ).toBe('Remote content blocked: 3 images, 1 audio or video file from example.com, cdn.example.org')
  })
  it('shortens a long list of hosts', () => {
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example']
    expect(describeBlocked(hosts.map((host) => ({ kind: 'style', host })))).toBe(
      'Remote content blocked: 5 styles from a.example, b.example, c.example and 2 more',
    )
  })
  it('is empty when nothing was blocked', () => expect(describeBlocked([])).toBe(''))
})

describe('previewCSP', () => {
  it('allows no other host until remote content is allowed', () => {
    const blocked = previewCSP(false)
    expect(blocked).not.toMatch(/https?:/)
    expect(blocked).toContain("img-src 'self' wails: data: blob:")
    expect(blocked).toContain("media-src 'self' wails: data: blob:")
    expect(previewCSP(true)).toContain("img-src 'self' wails: data: blob: https: http:")
    expect(previewDocument('', false)).toContain(blocked)
  })
})
