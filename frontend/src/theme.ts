// The window's colour theme (View › Theme): System follows the system's
// prefers-color-scheme, Light and Dark hold whatever it says. The choice is
// the "theme" window setting; the backend serves it as /quire-theme.js,
// which index.html runs before the first paint (app/theme.go), so a dark
// window never flashes light. The page is marked with the theme in effect
// (data-theme="light" or "dark", what style.css reads) and the choice
// (data-theme-choice). System is the desktop's preference when the backend
// knows it (data-system-scheme: WebKitGTK was seen to answer
// prefers-color-scheme light under a dark GTK theme), else the media query.

export type ThemeChoice = 'system' | 'light' | 'dark'
export const THEME_SETTING = 'theme'
const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark']

const darkQuery = '(prefers-color-scheme: dark)'

/** parseTheme reads a stored or served value; anything unknown is System. */
export function parseTheme(v: string | undefined | null): ThemeChoice {
  return v === 'light' || v === 'dark' ? v : 'system'
}

/** effectiveTheme is the theme a choice shows, given whether the system prefers dark. */
export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice
}

/** systemDark: the desktop's preference as the backend read it, else the media query's answer. */
function systemDark(root: HTMLElement, mq: MediaQueryList): boolean {
  const s = root.dataset.systemScheme
  return s === 'dark' || s === 'light' ? s === 'dark' : mq.matches
}

/** nextTheme is the choice after c, in the order the menu lists them. */
export function nextTheme(c: ThemeChoice): ThemeChoice {
  return themeChoices[(themeChoices.indexOf(c) + 1) % themeChoices.length]
}

let choice: ThemeChoice = 'system'
let listening = false

/** currentTheme is the choice in effect. */
export function currentTheme(): ThemeChoice {
  return choice
}

/** applyTheme marks the page with choice and the theme it shows, and follows the system while it is System. */
export function applyTheme(c: ThemeChoice, root: HTMLElement = document.documentElement): void {
  choice = c
  const mq = window.matchMedia(darkQuery)
  root.dataset.themeChoice = c
  root.dataset.theme = effectiveTheme(c, systemDark(root, mq))
  for (const f of frames) paintFrame(f)
  if (!listening) {
    listening = true
    mq.addEventListener('change', () => {
      if (choice === 'system') root.dataset.theme = effectiveTheme('system', systemDark(root, mq))
      for (const f of frames) paintFrame(f)
    })
  }
}

/** initTheme applies what the start-up script served (index.html), before anything else paints. */
export function initTheme(root: HTMLElement = document.documentElement): void {
  applyTheme(parseTheme(root.dataset.themeChoice), root)
}

/**
 * schemeCSS makes a stylesheet written for prefers-color-scheme show theme
 * whatever the system prefers: its dark rules apply always (dark) or never
 * (light). The exported site keeps following its reader's system; the
 * in-app preview follows the window's choice.
 */
export function schemeCSS(css: string, theme: 'light' | 'dark'): string {
  return css.replace(/@media\s*\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/g, (_, s: string) => (s === theme ? '@media all' : '@media not all'))
}

const frames = new Set<HTMLIFrameElement>()
const originals = new WeakMap<HTMLStyleElement, string>()

/** paintFrame gives the frame's theme stylesheet (the first in its head) the theme the window shows. */
function paintFrame(frame: HTMLIFrameElement): void {
  const style = frame.contentDocument?.head?.querySelector('style')
  if (!style) return
  if (!originals.has(style)) originals.set(style, style.textContent ?? '')
  const css = originals.get(style)!
  const want = schemeCSS(css, document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light')
  if (style.textContent !== want) style.textContent = want
}

/**
 * followThemeInFrame keeps the preview's page in the window's theme: its
 * stylesheet asks prefers-color-scheme, which in a frame answers for the
 * web view's idea of the system, not for the theme the window shows.
 */
export function followThemeInFrame(frame: HTMLIFrameElement): void {
  frames.add(frame)
  frame.addEventListener('load', () => paintFrame(frame))
  paintFrame(frame)
}
