// Edit › Replace in All Posts (Ctrl+Shift+R): find text in every post (match
// case, whole word, regular expression), see each match with its post, line
// and context, untick any, and replace. The backend saves each changed post
// once, so History undoes it; this module only shows and chooses.
import './replaceall.css'
import { replaceApi, type MatchRef, type ReplaceMatch, type ReplaceOptions, type ReplacePlan, type ReplaceResult } from './api/replace'
import { h } from './dom'

/**
 * splitAtMatch cuts a match's line into what comes before the match, the
 * match and what follows. column counts characters (code points) from 1,
 * as the backend does.
 */
export function splitAtMatch(line: string, column: number, text: string): [string, string, string] {
  const chars = Array.from(line)
  const head = chars.slice(0, column - 1).join('')
  const rest = line.slice(head.length)
  if (!rest.startsWith(text)) return [line, '', '']
  return [head, text, rest.slice(text.length)]
}

/** oneLine shows a match across lines on one line. */
const oneLine = (s: string) => s.replace(/\n/g, '⏎')

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`

/** planSummary says how much a search found. */
export function planSummary(plan: ReplacePlan): string {
  if (!plan.total) return 'No matches.'
  return `${plural(plan.total, 'match', 'matches')} in ${plural(plan.posts.length, 'post')}`
}

/** resultMessage says what a replace did. */
export function resultMessage(res: ReplaceResult): string {
  let msg = `Replaced ${plural(res.replaced, 'match', 'matches')} in ${plural(res.changed.length, 'post')}.`
  if (res.changed.length) msg += ' History (Ctrl+Shift+H) undoes each post.'
  if (res.skipped.length) msg += ` Not changed: ${res.skipped.map((s) => `${s.slug} (${s.reason})`).join('; ')}.`
  return msg
}

/** unticked lists the matches of plan whose key is in off. */
export function unticked(plan: ReplacePlan, off: Set<string>): MatchRef[] {
  const out: MatchRef[] = []
  for (const p of plan.posts) for (const m of p.matches) if (off.has(matchKey(m))) out.push({ postId: m.postId, index: m.index })
  return out
}

const matchKey = (m: { postId: number; index: number }) => `${m.postId}:${m.index}`

export interface ReplaceAllDeps {
  /** settle saves the open post, so the search sees what is in the editor. */
  settle: () => Promise<void>
  /** replaced is told what a replace did (to reload the open post, refresh the library). */
  replaced: (res: ReplaceResult) => void
  /** initial is the text to find first (the editor's selection). */
  initial?: string
  /** open shows a match in its post, selected (the dialog closes first). */
  open?: (m: ReplaceMatch) => void
}

/**
 * reopen is the search a match was opened from: the next Replace in All
 * Posts starts from it (find, replacement and options), as a writer going
 * back to the list expects.
 */
let reopen: ReplaceOptions | null = null

/**
 * searchFields makes the dialog's find and replace fields and option boxes,
 * filled from the last search (or the text to find first); changed is
 * called when a box is ticked or unticked.
 */
function searchFields(last: ReplaceOptions | null, initial: string, changed: () => void) {
  const check = (id: string, label: string, on: boolean) => {
    const box = h('input', { type: 'checkbox', id })
    box.checked = on
    box.addEventListener('change', changed)
    return [box, h('label', { class: 'ra-toggle' }, box, label)] as const
  }
  const find = h('input', { type: 'text', id: 'ra-find', value: last?.find ?? initial, autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Find' })
  const replacement = h('input', { type: 'text', id: 'ra-replacement', value: last?.replacement ?? '', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Replace with' })
  const [matchCase, caseLabel] = check('ra-case', 'Match case', last?.case ?? false)
  const [word, wordLabel] = check('ra-word', 'Whole word', last?.word ?? false)
  const [regex, regexLabel] = check('ra-regex', 'Regular expression', last?.regex ?? false)
  const [frontMatter, fmLabel] = check('ra-front-matter', 'Front matter too', last?.frontMatter ?? false)
  return {
    find,
    replacement,
    fields: h('div', { class: 'ra-fields' },
      h('label', { for: 'ra-find' }, 'Find'), find,
      h('label', { for: 'ra-replacement' }, 'Replace with'), replacement),
    toggles: h('div', { class: 'ra-toggles' }, caseLabel, wordLabel, regexLabel, fmLabel),
    options: (): ReplaceOptions => ({
      find: find.value,
      replacement: replacement.value,
      case: matchCase.checked,
      word: word.checked,
      regex: regex.checked,
      frontMatter: frontMatter.checked,
    }),
  }
}

/** matchList is each post of a plan, a heading over the list of its matches (made by row). */
function matchList(p: ReplacePlan, row: (m: ReplaceMatch, slug: string) => HTMLElement): HTMLElement[] {
  return p.posts.map((pm) =>
    h('section', { class: 'ra-post', 'data-post': String(pm.id) },
      h('h3', { id: `ra-post-${pm.id}` }, pm.title || 'Untitled', ' ', h('span', { class: 'muted' }, pm.slug)),
      h('div', { role: 'list', 'aria-labelledby': `ra-post-${pm.id}` }, ...pm.matches.map((m) => row(m, pm.slug)))))
}

/**
 * matchRow is one match in the list: its tick box keeps or drops it
 * (toggled), and the line itself opens the post there (open, when the
 * window can).
 */
function matchRow(m: ReplaceMatch, slug: string, toggled: (on: boolean) => void, open: (() => void) | null): HTMLElement {
  const box = h('input', { type: 'checkbox', checked: true, 'aria-label': `Replace the match on line ${m.line} of ${slug}` })
  box.addEventListener('change', () => toggled(box.checked))
  const [pre, hit, post] = splitAtMatch(m.before, m.column, m.text)
  // after is the line with this match replaced: what lies between pre and post.
  const repl = hit ? m.after.slice(pre.length, m.after.length - post.length) : ''
  const show = h('button', {
    class: 'ra-open', type: 'button', title: `Open ${slug} at line ${m.line}`,
    onclick: () => open?.(),
  },
  h('span', { class: 'ra-line' }, String(m.line)),
  h('span', { class: 'ra-context' }, oneLine(pre), h('del', {}, oneLine(hit)), h('ins', {}, oneLine(repl)), oneLine(post)))
  return h('div', { class: 'ra-match', role: 'listitem', 'data-post': String(m.postId), 'data-index': String(m.index) }, box, show)
}

/** openReplaceAll shows the dialog; it resolves when the dialog closes. */
export async function openReplaceAll(deps: ReplaceAllDeps): Promise<void> {
  if (document.querySelector('.replace-all')) return
  await deps.settle()
  return new Promise((resolve) => {
    const last = reopen
    reopen = null
    const { find, replacement, fields, toggles, options } = searchFields(last, deps.initial ?? '', () => queueSearch(0))
    const error = h('p', { class: 'ra-error', id: 'ra-error', role: 'alert', hidden: true })
    const summary = h('p', { class: 'ra-summary muted', id: 'ra-summary', 'aria-live': 'polite' })
    const list = h('div', { class: 'ra-results', id: 'ra-results', role: 'group', 'aria-label': 'Matches' })
    const replaceBtn = h('button', { class: 'primary', id: 'ra-apply', disabled: true, onclick: () => void apply() }, 'Replace')
    const cancelBtn = h('button', { id: 'ra-cancel', onclick: () => close() }, 'Close')

    let plan: ReplacePlan | null = null
    const off = new Set<string>()
    let gen = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    let busy = false

    const close = () => {
      if (timer) clearTimeout(timer)
      gen++
      overlay.remove()
      document.removeEventListener('keydown', onKey, true)
      resolve()
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        close()
      } else if (e.key === 'Enter' && (e.target === find || e.target === replacement)) {
        e.preventDefault()
        queueSearch(0)
      }
    }

    const showFailure = (e: unknown) => {
      error.textContent = e instanceof Error ? e.message : String(e)
      error.hidden = false
    }
    const paintButton = () => {
      const n = plan ? plan.total - unticked(plan, off).length : 0
      replaceBtn.disabled = busy || n === 0
      replaceBtn.textContent = n ? `Replace ${plural(n, 'match', 'matches')}` : 'Replace'
    }

    function queueSearch(delay = 250): void {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void search(), delay)
    }

    async function search(): Promise<void> {
      const g = ++gen
      plan = null
      off.clear()
      paintButton()
      if (!find.value) {
        error.hidden = true
        summary.textContent = ''
        list.replaceChildren()
        return
      }
      try {
        const p = await replaceApi.search(options())
        if (g !== gen) return
        plan = p
        error.hidden = true
        summary.textContent = planSummary(p)
        paintList(p)
      } catch (e) {
        if (g !== gen) return
        showFailure(e)
        summary.textContent = ''
        list.replaceChildren()
      }
      paintButton()
    }

    const tick = (m: ReplaceMatch, on: boolean) => {
      if (on) off.delete(matchKey(m))
      else off.add(matchKey(m))
      paintButton()
    }
    const openMatch = (m: ReplaceMatch) => {
      reopen = options()
      close()
      deps.open!(m)
    }

    const paintList = (p: ReplacePlan) =>
      list.replaceChildren(...matchList(p, (m, slug) => matchRow(m, slug, (on) => tick(m, on), deps.open ? () => openMatch(m) : null)))

    async function apply(): Promise<void> {
      if (!plan || busy) return
      busy = true
      paintButton()
      try {
        await deps.settle()
        const res = await replaceApi.apply(plan.token, unticked(plan, off))
        deps.replaced(res)
        close()
      } catch (e) {
        showFailure(e)
        busy = false
        plan = null
        paintButton()
      }
    }

    find.addEventListener('input', () => queueSearch())
    replacement.addEventListener('input', () => queueSearch())

    const overlay = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'ra-title' },
      h('div', { class: 'dialog replace-all' },
        h('h2', { id: 'ra-title' }, 'Replace in All Posts'),
        fields, toggles, error, summary, list,
        h('div', { class: 'dialog-buttons' }, cancelBtn, replaceBtn)))
    document.body.append(overlay)
    document.addEventListener('keydown', onKey, true)
    find.focus()
    find.select()
    if (find.value) queueSearch(0)
  })
}
