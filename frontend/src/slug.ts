// A preview of the slug the backend makes from a title (backend/post.Slugify),
// shown while the title is typed; the backend makes the one that is saved.

const special: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ı: 'i', '&': ' and ', '’': '', "'": '',
}
const reserved = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/

export function slugify(title: string): string {
  let s = ''
  for (const ch of title.normalize('NFC')) {
    if (ch in special) {
      s += special[ch]
      continue
    }
    const d = ch.normalize('NFD')
    // A Latin letter with accents folds to the letter; other scripts keep their marks.
    s += d.charCodeAt(0) < 0x80 && /[A-Za-z]/.test(d[0]) ? d.replace(/[^\x00-\x7f]/g, '') : ch
  }
  let out = ''
  let hyphen = false
  for (const ch of s) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      out += ch.toLowerCase()
      hyphen = false
    } else if (out.length > 0 && !hyphen) {
      out += '-'
      hyphen = true
    }
    if (new TextEncoder().encode(out).length >= 100) break
  }
  out = out.replace(/^-+|-+$/g, '')
  while (new TextEncoder().encode(out).length > 100) out = Array.from(out).slice(0, -1).join('')
  out = out.replace(/^-+|-+$/g, '')
  if (out === '') return 'untitled'
  if (reserved.test(out.split('.')[0])) return out + '-post'
  return out
}

/**
 * followsTitle reports whether a slug is still the one made from the title
 * (perhaps with a -2, -3 suffix for uniqueness): then editing the title
 * updates the slug. A slug edited by hand is left alone.
 */
export function followsTitle(slug: string, title: string): boolean {
  if (slug === '') return true
  const base = slugify(title)
  return slug === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`).test(slug)
}
