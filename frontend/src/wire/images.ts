// Images into the post: pasted or dropped files, the clipboard's image, one
// chosen in a file dialog or picked in the media panel. Each is added to the
// media library, its alt text asked for, and its Markdown put in the text.
import type { EditorView } from '@codemirror/view'
import { api } from '../api'
import { fail, notice, showError } from '../banner'
import { ask } from '../dialog'
import { formatSize } from '../dom'
import { defaultAlt, imageMarkdown, insertImages, uploadFile } from '../images'
import type { AppState } from '../state'

export interface Images {
  /** add stores pasted or dropped files in the media library and inserts them at pos. */
  add(files: File[], pos: number): Promise<void>
  /** paste adds the clipboard's image (read by the backend) and inserts it at pos. */
  paste(pos: number): Promise<void>
  /** fromDialog asks for an image file, adds it and inserts it at the cursor. */
  fromDialog(): Promise<void>
  /** fromLibrary inserts an image already in the media library at the cursor. */
  fromLibrary(link: string, original: string): Promise<void>
}

/** askAlt asks for an image's alt text; null when the insertion is cancelled. */
function askAlt(suggest: string, what: string): Promise<string | null> {
  return ask('Describe the image', `Alt text for ${what}: what it shows, for readers who cannot see it`, suggest, null, 'Insert')
}

export function wireImages(state: AppState, view: EditorView): Images {
  /** put inserts image Markdown at pos (clamped to the text as it is now) and gives the editor focus. */
  const put = (pos: number, md: string[]) => {
    if (!md.length) return
    view.dispatch(insertImages(Math.min(pos, view.state.doc.length), md))
    view.focus()
    state.emit('mediaChanged')
  }
  const cursor = () => view.state.selection.main.head

  return {
    async add(files, pos) {
      const md: string[] = []
      for (const f of files) {
        try {
          const big = f.size > 2 * 1024 * 1024
          if (big) notice(`Adding ${f.name || 'the image'} (${formatSize(f.size)})…`)
          const added = await uploadFile(f, api)
          if (big) showError(null)
          const alt = await askAlt(defaultAlt(f.name), f.name || 'the pasted image')
          if (alt !== null) md.push(imageMarkdown(alt, added.link))
        } catch (e) {
          fail(e)
        }
      }
      put(pos, md)
    },
    async paste(pos) {
      try {
        const added = await api.pasteImage()
        if (!added) return
        const alt = await askAlt('', 'the pasted image')
        if (alt !== null) put(pos, [imageMarkdown(alt, added.link)])
      } catch (e) {
        fail(e)
      }
    },
    async fromDialog() {
      try {
        const path = await api.chooseImage()
        if (!path) return
        const added = await api.addImageFile(path)
        const name = path.replace(/^.*[\\/]/, '')
        const alt = await askAlt(defaultAlt(name), name)
        if (alt !== null) put(cursor(), [imageMarkdown(alt, added.link)])
      } catch (e) {
        fail(e)
      }
    },
    async fromLibrary(link, original) {
      const alt = await askAlt(defaultAlt(original), original || 'the image')
      if (alt !== null) put(cursor(), [imageMarkdown(alt, link)])
    },
  }
}
