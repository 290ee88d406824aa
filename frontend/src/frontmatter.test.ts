import { describe, expect, it } from 'vitest'
import { splitHead } from './frontmatter'

describe('splitHead', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['YAML', '---\ntitle: A\n---\nBody\n', '---\ntitle: A\n---\n', undefined],
    ['YAML closed with ...', '---\ntitle: A\n...\nBody', '---\ntitle: A\n...\n', undefined],
    ['TOML', '+++\ntitle = "A"\n+++\nBody', '+++\ntitle = "A"\n+++\n', undefined],
    ['CRLF and trailing spaces', '---  \r\ntitle: A\r\n--- \r\nBody', '---  \r\ntitle: A\r\n--- \r\n', undefined],
    ['closing fence at the end of the file', '---\ntitle: A\n---', '---\ntitle: A\n---', undefined],
    ['no front matter', '# Just a post\n', '', undefined],
    ['a rule later is not front matter', 'Text\n---\nMore', '', undefined],
    ['never closed', '---\ntitle: A\nBody', '', 'front matter opened with --- is never closed'],
    ['empty', '', '', undefined],
    ['JSON', '{\n  "title": "A {b}",\n  "tags": ["x"]\n}\n\nBody', '{\n  "title": "A {b}",\n  "tags": ["x"]\n}\n', undefined],
    ['JSON with an escaped quote', '{"title": "a \\" }"}\nBody', '{"title": "a \\" }"}\n', undefined],
    ['a shortcode is not JSON', '{{< figure src="a.png" >}}\nText', '', undefined],
    ['JSON never closed', '{"title": "A"\nBody', '', 'JSON front matter is never closed'],
  ]
  for (const [name, text, head, error] of cases) {
    it(name, () => {
      const got = splitHead(text)
      expect(got.head).toBe(head)
      expect(got.end).toBe(head.length)
      expect(got.error).toBe(error)
    })
  }
})
