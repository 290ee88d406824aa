import { describe, expect, it } from 'vitest'
import { lineToOffset, normalize, offsetToLine, type Anchor } from './scrollsync'

// A post whose line 10 is a tall image: by proportion, the middle of the
// source would land far from the same text in the preview.
const anchors = normalize(
  [
    { line: 5, top: 100 },
    { line: 10, top: 200 }, // an image 800px tall
    { line: 12, top: 1000 },
    { line: 20, top: 1160 },
  ],
  30,
  1400,
)

describe('normalize', () => {
  it('brackets with the document start and end', () => {
    expect(anchors[0]).toEqual({ line: 1, top: 0 })
    expect(anchors[anchors.length - 1]).toEqual({ line: 31, top: 1400 })
  })
  it('drops duplicates and anchors that go back up the page', () => {
    const got = normalize(
      [
        { line: 3, top: 50 },
        { line: 3, top: 70 },
        { line: 4, top: 40 },
        { line: 6, top: 90 },
      ],
      6,
      200,
    )
    expect(got).toEqual<Anchor[]>([
      { line: 1, top: 0 },
      { line: 3, top: 50 },
      { line: 6, top: 90 },
      { line: 7, top: 200 },
    ])
  })
})

describe('lineToOffset and offsetToLine', () => {
  const cases: Array<[string, number, number]> = [
    ['StartOfFile', 1, 0],
    ['OnAnchor', 5, 100],
    ['InsideImageBlock', 11, 600],
    ['AfterImage', 12, 1000],
    ['BetweenAnchors', 16, 1080],
    ['PastLastAnchor', 31, 1400],
  ]
  for (const [name, line, top] of cases) {
    it(name, () => {
      expect(lineToOffset(anchors, line)).toBeCloseTo(top)
      expect(offsetToLine(anchors, top)).toBeCloseTo(line)
    })
  }
  it('clamps beyond the ends', () => {
    expect(lineToOffset(anchors, 500)).toBe(1400)
    expect(offsetToLine(anchors, -20)).toBe(1)
  })
})
