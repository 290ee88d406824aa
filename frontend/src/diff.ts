// A line diff (Myers' algorithm) for the history panel: what a revision has
// that the current text does not, and the other way round.

export type DiffOp = { op: ' ' | '-' | '+'; line: string }

/** diffLines returns the edit script turning a into b, line by line. */
export function diffLines(a: string, b: string, maxEdits = 4000): DiffOp[] {
  const A = a.split('\n')
  const B = b.split('\n')
  // Common prefix and suffix first: most revisions differ in a few lines.
  let pre = 0
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++
  let suf = 0
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++
  const a2 = A.slice(pre, A.length - suf)
  const b2 = B.slice(pre, B.length - suf)
  const mid = myers(a2, b2, maxEdits)
  return [
    ...A.slice(0, pre).map((line) => ({ op: ' ' as const, line })),
    ...mid,
    ...A.slice(A.length - suf).map((line) => ({ op: ' ' as const, line })),
  ]
}

function myers(a: string[], b: string[], maxEdits: number): DiffOp[] {
  const n = a.length
  const m = b.length
  const max = n + m
  const v = new Map<number, number>([[1, 0]])
  const trace: Map<number, number>[] = []
  for (let d = 0; d <= max; d++) {
    if (d > maxEdits) {
      // Too different to be worth aligning: show it as replaced.
      return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))]
    }
    trace.push(new Map(v))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v.set(k, x)
      if (x >= n && y >= m) return backtrack(trace, a, b, d)
    }
  }
  return []
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[], dEnd: number): DiffOp[] {
  const out: DiffOp[] = []
  let x = a.length
  let y = b.length
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]
    const k = x - y
    const prevK = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? k + 1 : k - 1
    const prevX = v.get(prevK) ?? 0
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      x--
      y--
      out.push({ op: ' ', line: a[x] })
    }
    if (x === prevX) {
      y--
      out.push({ op: '+', line: b[y] })
    } else {
      x--
      out.push({ op: '-', line: a[x] })
    }
  }
  while (x > 0 && y > 0) {
    x--
    y--
    out.push({ op: ' ', line: a[x] })
  }
  return out.reverse()
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
