import { describe, expect, it } from 'vitest'
import { effectiveTheme, nextTheme, parseTheme, schemeCSS } from './theme'

describe('theme', () => {
  it('reads stored values, anything unknown as System', () => {
    expect(parseTheme('dark')).toBe('dark')
    expect(parseTheme('light')).toBe('light')
    expect(parseTheme('system')).toBe('system')
    expect(parseTheme('')).toBe('system')
    expect(parseTheme(undefined)).toBe('system')
    expect(parseTheme('Dark')).toBe('system')
  })
  it('System follows the system; Light and Dark do not', () => {
    expect(effectiveTheme('system', true)).toBe('dark')
    expect(effectiveTheme('system', false)).toBe('light')
    expect(effectiveTheme('light', true)).toBe('light')
    expect(effectiveTheme('dark', false)).toBe('dark')
  })
  it('cycles in the menu order', () => {
    expect(nextTheme('system')).toBe('light')
    expect(nextTheme('light')).toBe('dark')
    expect(nextTheme('dark')).toBe('system')
  })
})

describe('schemeCSS', () => {
  const css = ':root{--bg:#fff}\n@media (prefers-color-scheme: dark) {\n  :root{--bg:#000}\n}\n@media print{a{b:c}}'
  it('Dark applies the dark rules always', () => {
    expect(schemeCSS(css, 'dark')).toContain('@media all {\n  :root{--bg:#000}')
  })
  it('Light never', () => {
    expect(schemeCSS(css, 'light')).toContain('@media not all {\n  :root{--bg:#000}')
  })
  it('leaves other media alone', () => {
    expect(schemeCSS(css, 'dark')).toContain('@media print{a{b:c}}')
  })
})
