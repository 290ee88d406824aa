// Fuzzy matching for quick open: the query's letters in order, anywhere in
// the title; consecutive letters and word starts score higher.

export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (q === '') return 0
  const t = text.toLowerCase()
  let score = 0
  let ti = 0
  let prev = -2
  for (const ch of q) {
    const i = t.indexOf(ch, ti)
    if (i < 0) return null
    score += 1
    if (i === prev + 1) score += 3
    if (i === 0 || /[\s\-_/.:]/.test(t[i - 1])) score += 2
    prev = i
    ti = i + 1
  }
  // The query as one piece of the title beats letters scattered over it,
  // the more so at a word start and early in the title.
  const at = t.indexOf(q)
  if (at >= 0) return 1000 + (at === 0 || /[\s\-_/.:]/.test(t[at - 1]) ? 100 : 0) - at - t.length / 1000
  return score - t.length / 1000
}

export function fuzzyFilter<T>(query: string, items: T[], key: (t: T) => string, limit = 50): T[] {
  const scored: { item: T; score: number }[] = []
  for (const item of items) {
    const s = fuzzyScore(query, key(item))
    if (s !== null) scored.push({ item, score: s })
  }
  scored.sort((a, b) => b.score - a.score)
  return scored.slice(0, limit).map((s) => s.item)
}
