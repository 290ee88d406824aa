import { describe, expect, it } from 'vitest'
import { defaultLayout, parseLayout, togglePreview } from './layout'

describe('parseLayout', () => {
  it('reads a saved layout', () => {
    expect(parseLayout('{"mode":"editor","library":false,"libraryWidth":250,"split":0.6,"panel":"history","focus":true}')).toEqual({
      mode: 'editor', library: false, libraryWidth: 250, split: 0.6, panel: 'history', focus: false,
    })
  })
  it('falls back for nothing, junk and odd values', () => {
    expect(parseLayout('')).toEqual(defaultLayout)
    expect(parseLayout('not json')).toEqual(defaultLayout)
    expect(parseLayout('{"mode":"sideways","split":7,"libraryWidth":-3}')).toEqual({ ...defaultLayout, split: 0.8, libraryWidth: 180 })
  })
})

describe('togglePreview', () => {
  it('goes between split and editor only', () => {
    expect(togglePreview({ ...defaultLayout, mode: 'split' }).mode).toBe('editor')
    expect(togglePreview({ ...defaultLayout, mode: 'editor' }).mode).toBe('split')
    expect(togglePreview({ ...defaultLayout, mode: 'preview' }).mode).toBe('split')
  })
})
