// Counts for the status bar.

export interface TextStats {
  words: number
  chars: number
  minutes: number
}

/** stats counts the body's words and characters; reading time at 230 words a minute, at least 1. */
export function stats(body: string): TextStats {
  const words = body.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0
  let chars = 0
  for (const ch of body) if (ch !== '\n' && ch !== '\r') chars++
  return { words, chars, minutes: Math.max(1, Math.round(words / 230)) }
}

export function formatStats(s: TextStats): string {
  const n = (x: number) => x.toLocaleString('en')
  return `${n(s.words)} ${s.words === 1 ? 'word' : 'words'}  ·  ${n(s.chars)} chars  ·  ${s.minutes} min read`
}
