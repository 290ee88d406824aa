import { describe, expect, it } from 'vitest'
import { formatStats, stats } from './stats'

describe('stats', () => {
  it('counts words and characters of the body', () => {
    expect(stats("Hello, world! It's 2017.\n")).toEqual({ words: 4, chars: 24, minutes: 1 })
    expect(stats('')).toEqual({ words: 0, chars: 0, minutes: 1 })
  })
  it('reads at 230 words a minute', () => expect(stats('word '.repeat(690)).minutes).toBe(3))
  it('formats for the status bar', () => expect(formatStats({ words: 1, chars: 1200, minutes: 1 })).toBe('1 word  ·  1,200 chars  ·  1 min read'))
})
