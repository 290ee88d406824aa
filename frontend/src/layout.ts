// The window's layout: library | editor | preview (| settings or history),
// resizable and collapsible, the three view modes and focus mode. The state
// is plain data, saved in the database by main.ts.

export type Mode = 'editor' | 'split' | 'preview'
export type Panel = '' | 'settings' | 'history' | 'media'

export interface LayoutState {
  mode: Mode
  library: boolean
  libraryWidth: number
  /** split is the editor's share of the editor + preview width (0.2 to 0.8). */
  split: number
  panel: Panel
  focus: boolean
}

export const defaultLayout: LayoutState = { mode: 'split', library: true, libraryWidth: 300, split: 0.5, panel: '', focus: false }

/** parseLayout reads a saved layout, falling back to the default for anything missing or odd. */
export function parseLayout(json: string): LayoutState {
  let v: Partial<LayoutState> = {}
  try {
    v = JSON.parse(json) ?? {}
  } catch {
    v = {}
  }
  const clamp = (n: unknown, lo: number, hi: number, d: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : d)
  return {
    mode: v.mode === 'editor' || v.mode === 'preview' || v.mode === 'split' ? v.mode : defaultLayout.mode,
    library: typeof v.library === 'boolean' ? v.library : defaultLayout.library,
    libraryWidth: clamp(v.libraryWidth, 180, 600, defaultLayout.libraryWidth),
    split: clamp(v.split, 0.2, 0.8, defaultLayout.split),
    panel: v.panel === 'settings' || v.panel === 'history' || v.panel === 'media' ? v.panel : '',
    focus: false, // focus mode is for now, not for the next start
  }
}

/** togglePreview: split ↔ editor only (preview only goes back to split). */
export function togglePreview(s: LayoutState): LayoutState {
  return { ...s, mode: s.mode === 'split' ? 'editor' : 'split' }
}

/** Below this width the library leaves the grid: hidden, or shown over the editor. */
export const narrowQuery = '(max-width: 960px)'

export class Layout {
  state: LayoutState
  /** In a narrow window the library is an overlay, shown on demand for now (not saved). */
  private narrow = false
  private narrowShown = false

  constructor(
    private readonly app: HTMLElement,
    initial: LayoutState,
    private readonly changed: (s: LayoutState) => void,
  ) {
    this.state = initial
    const mq = window.matchMedia?.(narrowQuery)
    if (mq) {
      this.narrow = mq.matches
      // A window made narrow hides the library first; made wide again, the saved choice is back.
      mq.addEventListener('change', (e) => {
        this.narrow = e.matches
        this.narrowShown = false
        this.apply()
      })
    }
    this.apply()
  }

  /** libraryShown: in a narrow window only when asked for now, else as saved. */
  get libraryShown(): boolean {
    return this.narrow ? this.narrowShown : this.state.library
  }

  /** toggleLibrary shows or hides the library; in a narrow window without changing the saved choice. */
  toggleLibrary(show = !this.libraryShown): void {
    if (this.narrow) {
      this.narrowShown = show
      this.apply()
    } else {
      this.set({ library: show })
    }
  }

  set(patch: Partial<LayoutState>): void {
    this.state = { ...this.state, ...patch }
    this.apply()
    this.changed(this.state)
  }

  apply(): void {
    const s = this.state
    const a = this.app
    a.dataset.mode = s.mode
    a.classList.toggle('no-library', !this.libraryShown)
    a.classList.toggle('focus', s.focus)
    a.dataset.panel = s.panel
    a.style.setProperty('--library-width', `${s.libraryWidth}px`)
    a.style.setProperty('--editor-fr', `${s.split}fr`)
    a.style.setProperty('--preview-fr', `${1 - s.split}fr`)
    for (const b of a.querySelectorAll<HTMLElement>('[data-mode-button]')) b.setAttribute('aria-pressed', String(b.dataset.modeButton === s.mode))
  }

  /** dragResizer makes a divider resize what is on its left. */
  dragResizer(handle: HTMLElement, which: 'library' | 'split', container: HTMLElement): void {
    handle.addEventListener('pointerdown', (down) => {
      down.preventDefault()
      handle.setPointerCapture(down.pointerId)
      const rect = container.getBoundingClientRect()
      const move = (e: PointerEvent) => {
        if (which === 'library') {
          this.state.libraryWidth = Math.min(600, Math.max(180, e.clientX - rect.left))
        } else {
          const ed = container.querySelector<HTMLElement>('.editor-pane')!.getBoundingClientRect()
          const pv = container.querySelector<HTMLElement>('.preview-pane')!.getBoundingClientRect()
          const total = ed.width + pv.width
          this.state.split = Math.min(0.8, Math.max(0.2, (e.clientX - ed.left) / total))
        }
        this.apply()
      }
      const up = () => {
        handle.removeEventListener('pointermove', move)
        handle.removeEventListener('pointerup', up)
        this.changed(this.state)
      }
      handle.addEventListener('pointermove', move)
      handle.addEventListener('pointerup', up)
    })
  }
}
