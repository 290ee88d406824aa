// Images in posts: pasting or dropping image files into the editor, and the
// Markdown that shows one (![alt](media/NAME)). The files themselves go to
// the media library in the backend, which checks them by their content.
import { EditorSelection, type TransactionSpec } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import type { Extension } from '@codemirror/state'

/** The largest image the library takes (backend/media DefaultMaxBytes). */
const maxImageBytes = 25 * 1024 * 1024

/** escapeAlt makes text safe inside ![…]: brackets and backslashes escaped, lines joined. */
export function escapeAlt(alt: string): string {
  return alt.replace(/\s+/g, ' ').trim().replace(/([\\[\]])/g, '\\$1')
}

/** imageMarkdown is the Markdown that shows the image at link with alt text. */
export function imageMarkdown(alt: string, link: string): string {
  return `![${escapeAlt(alt)}](${link})`
}

/** defaultAlt suggests alt text from a file name: "my-cat_photo.png" → "my cat photo". */
export function defaultAlt(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')
  if (!base || /^(image|clipboard|screenshot|img)[-_ ]?\d*$/i.test(base)) return ''
  return base.replace(/[-_]+/g, ' ').trim()
}

/**
 * insertImages puts the Markdown of images at pos (the cursor, or where a
 * file was dropped), each on its own when several, as one undoable change,
 * and leaves the cursor after them.
 */
export function insertImages(pos: number, markdown: string[]): TransactionSpec {
  const text = markdown.join('\n\n')
  return {
    changes: { from: pos, to: pos, insert: text },
    selection: EditorSelection.cursor(pos + text.length),
    scrollIntoView: true,
    userEvent: 'input.image',
  }
}

/** imageFiles picks the files out of a paste or a drop (a paste of text has none). */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return []
  const out: File[] = []
  if (data.files && data.files.length) {
    for (const f of Array.from(data.files)) out.push(f)
    return out
  }
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file') {
      const f = item.getAsFile()
      if (f) out.push(f)
    }
  }
  return out
}

/**
 * imageInput calls onFiles with the files pasted or dropped into the
 * editor and the position they go to, and onBarePaste for a paste with no
 * data at all (see below). Text pastes and drops are left to CodeMirror. Whether a file is an image is for the backend to say (by
 * content), so every dropped file is handed on.
 */
export function imageInput(onFiles: (files: File[], pos: number) => void, onBarePaste?: (pos: number) => void): Extension {
  return EditorView.domEventHandlers({
    paste(ev, view) {
      const files = imageFiles(ev.clipboardData)
      if (!files.length && onBarePaste && ev.clipboardData && ev.clipboardData.types.length === 0) {
        // A paste that carries nothing the page can read: WebKitGTK gives
        // no image data to pages, so the backend reads the clipboard.
        ev.preventDefault()
        onBarePaste(view.state.selection.main.head)
        return true
      }
      if (!files.length) return false
      ev.preventDefault()
      onFiles(files, view.state.selection.main.head)
      return true
    },
    drop(ev, view) {
      const files = imageFiles(ev.dataTransfer)
      if (!files.length) return false
      ev.preventDefault()
      const pos = view.posAtCoords({ x: ev.clientX, y: ev.clientY }) ?? view.state.selection.main.head
      onFiles(files, pos)
      return true
    },
    dragover(ev) {
      // Without this the web view may open a dropped file as a page.
      if (ev.dataTransfer && Array.from(ev.dataTransfer.types).includes('Files')) {
        ev.preventDefault()
        return true
      }
      return false
    },
  })
}

/** readAsBase64 reads a file's bytes as base64 (a data: URL, which the backend accepts). */
function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result))
    r.onerror = () => reject(r.error ?? new Error('could not read the file'))
    r.readAsDataURL(file)
  })
}

/** base64Of reads a blob's bytes as plain base64. */
export async function base64Of(blob: Blob): Promise<string> {
  const url = await readAsBase64(blob)
  return url.slice(url.indexOf(',') + 1)
}

/** uploadChunkBytes is what one piece of an upload carries (32 KB of base64; see app/media.go), a multiple of 3 so each piece is whole base64. */
const uploadChunkBytes = 24 * 1024

export interface Uploader<T> {
  beginUpload(name: string, size: number): Promise<string>
  uploadChunk(id: string, base64: string): Promise<void>
  finishUpload(id: string): Promise<T>
  cancelUpload(id: string): Promise<void>
}

/**
 * uploadFile sends a file to the backend in pieces: one message of many
 * megabytes is slow to build and the dev server's WebSocket cannot carry it.
 * A file over the limit is refused before anything is sent.
 */
export async function uploadFile<T>(file: Blob & { name?: string }, up: Uploader<T>, read = base64Of): Promise<T> {
  if (file.size > maxImageBytes) throw new Error(tooLargeMessage(file.name ?? '', file.size))
  const id = await up.beginUpload(file.name ?? '', file.size)
  try {
    for (let off = 0; off < file.size; off += uploadChunkBytes) {
      await up.uploadChunk(id, await read(file.slice(off, off + uploadChunkBytes)))
    }
    return await up.finishUpload(id)
  } catch (e) {
    void up.cancelUpload(id).catch(() => {})
    throw e
  }
}

/** tooLargeMessage is the backend's refusal of a file over the limit, said before reading it. */
export function tooLargeMessage(name: string, size: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${name || 'the image'} is ${mb(size)}; images can be at most ${mb(maxImageBytes)}`
}
