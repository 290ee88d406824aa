// A line diff for the history panel: what a revision has that the current
// text does not, and the other way round. The diff is @codemirror/merge's,
// of the editor's own family, run on the lines: each distinct line stands
// for one character, so a change is a run of whole lines.
import { diff } from '@codemirror/merge'

export type DiffOp = { op: ' ' | '-' | '+'; line: string }

/** TIMEOUT bounds the detailed diff (ms); past it, the diff is coarser, never wrong. */
const TIMEOUT = 300

/** diffLines returns the edit script turning a into b, line by line. */
export function diffLines(a: string, b: string): DiffOp[] {
  const A = a.split('\n')
  const B = b.split('\n')
  const codes = new Map<string, string>()
  const encode = (lines: string[]): string | null => {
    let out = ''
    for (const line of lines) {
      let c = codes.get(line)
      if (c === undefined) {
        const next = lineCode(codes.size)
        if (next === null) return null
        codes.set(line, next)
        c = next
      }
      out += c
    }
    return out
  }
  const ea = encode(A)
  const eb = encode(B)
  if (ea === null || eb === null) {
    // More distinct lines than characters to stand for them: shown as replaced.
    return [...A.map((line) => ({ op: '-' as const, line })), ...B.map((line) => ({ op: '+' as const, line }))]
  }
  const out: DiffOp[] = []
  let i = 0 // the next line of A not yet in out
  for (const c of diff(ea, eb, { timeout: TIMEOUT })) {
    for (; i < c.fromA; i++) out.push({ op: ' ', line: A[i] })
    for (let k = c.fromA; k < c.toA; k++) out.push({ op: '-', line: A[k] })
    for (let k = c.fromB; k < c.toB; k++) out.push({ op: '+', line: B[k] })
    i = c.toA
  }
  for (; i < A.length; i++) out.push({ op: ' ', line: A[i] })
  return out
}

/**
 * lineCode is the character that stands for the n-th distinct line: one
 * UTF-16 unit, never a surrogate (a pair would be one character to the
 * diff); null past the last.
 */
function lineCode(n: number): string | null {
  let code = 0x100 + n
  if (code >= 0xd800) code += 0x800 // past the surrogates
  return code <= 0xffff ? String.fromCharCode(code) : null
}

/** CONTEXT is how many unchanged lines stay around each change in a diff. */
const CONTEXT = 3

/**
 * foldUnchanged keeps CONTEXT unchanged lines around each change and folds
 * longer unchanged runs into one entry with their count, as diff tools do.
 */
export function foldUnchanged<T extends { op: string }>(ops: T[]): (T | { fold: number })[] {
  const out: (T | { fold: number })[] = []
  let i = 0
  while (i < ops.length) {
    if (ops[i].op !== ' ') {
      out.push(ops[i++])
      continue
    }
    let j = i
    while (j < ops.length && ops[j].op === ' ') j++
    const keepBefore = i === 0 ? 0 : CONTEXT
    const keepAfter = j === ops.length ? 0 : CONTEXT
    if (j - i > keepBefore + keepAfter + 1) {
      out.push(...ops.slice(i, i + keepBefore), { fold: j - i - keepBefore - keepAfter }, ...ops.slice(j - keepAfter, j))
    } else {
      out.push(...ops.slice(i, j))
    }
    i = j
  }
  return out
}
