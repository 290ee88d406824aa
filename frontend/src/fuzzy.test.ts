import { describe, expect, it } from 'vitest'
import { fuzzyFilter, fuzzyScore } from './fuzzy'

describe('fuzzy', () => {
  const titles = ['KubeCon 2017 Austin Summary', 'Kubernetes operators', 'A summer in Austin', 'Welcome to Quire']
  it('matches letters in order anywhere', () => {
    expect(fuzzyScore('kcas', 'KubeCon 2017 Austin Summary')).not.toBeNull()
    expect(fuzzyScore('xyz', 'KubeCon')).toBeNull()
  })
  it('ranks word starts and runs first', () => {
    expect(fuzzyFilter('austin', titles, (t) => t)).toEqual(['A summer in Austin', 'KubeCon 2017 Austin Summary'])
    expect(fuzzyFilter('kube', titles, (t) => t).slice(0, 2).sort()).toEqual(['KubeCon 2017 Austin Summary', 'Kubernetes operators'])
    expect(fuzzyFilter('kcas', titles, (t) => t)).toEqual(['KubeCon 2017 Austin Summary'])
  })
  it('an empty query keeps every title', () => expect(fuzzyFilter('', titles, (t) => t)).toHaveLength(4))
})
