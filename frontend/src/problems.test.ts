import { describe, expect, it } from 'vitest'
import { label, sameProblems, summary } from './problems'

describe('problems', () => {
  it('counts them for the heading', () => {
    expect(summary([])).toBe('')
    expect(summary([{ line: 3, message: 'x' }])).toBe('1 problem')
    expect(summary([{ line: 3, message: 'x' }, { line: 0, message: 'y' }])).toBe('2 problems')
  })
  it('names the line', () => {
    expect(label({ line: 12, message: "unknown shortcode 'mysterious'" })).toBe("Line 12: unknown shortcode 'mysterious'")
    expect(label({ line: 0, message: 'front matter' })).toBe('front matter')
  })
  it('sees when a render changed the list', () => {
    const a = [{ line: 1, message: 'x' }]
    expect(sameProblems(a, [{ line: 1, message: 'x' }])).toBe(true)
    expect(sameProblems(a, [{ line: 2, message: 'x' }])).toBe(false)
    expect(sameProblems(a, [])).toBe(false)
  })
})
