// Memory of a process tree, two ways (Linux):
//
// - pss: the kernel's proportional set size (smaps_rollup): each resident
//   page divided by the number of processes mapping it, anywhere on the
//   machine. Pages of a library that other programs also map (libwebkit2gtk
//   in another WebKit app, or in another container on this shared machine)
//   count only in part, so this figure moves with what else runs.
// - alone: the same sum with each page divided only among the given
//   processes, as if the app ran alone on the machine. It needs the page
//   frame numbers (/proc/PID/pagemap, readable with CAP_SYS_ADMIN); without
//   them it is null.
import fs from 'node:fs'

const PAGE = 4096

function rollup(pid) {
  const o = {}
  for (const l of fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n')) {
    const m = /^(\w+):\s+(\d+) kB/.exec(l)
    if (m) o[m[1]] = Number(m[2])
  }
  return o
}

// frames returns the page frame numbers of pid's resident pages and, for
// each, the index of its mapping in names (null without permission).
function frames(pid) {
  const ranges = []
  const names = []
  let cur = null
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (m) {
      const name = m[3].replace(/ \(deleted\)$/, '') || '[anon]'
      if (!names.includes(name)) names.push(name)
      cur = { start: parseInt(m[1], 16), end: parseInt(m[2], 16), name: names.indexOf(name) }
    } else if (cur && line.startsWith('Rss:') && Number(line.split(/\s+/)[1]) > 0) ranges.push(cur)
  }
  const fd = fs.openSync(`/proc/${pid}/pagemap`, 'r')
  const pfns = []
  const of = []
  try {
    for (const { start, end, name } of ranges) {
      const n = (end - start) / PAGE
      const buf = Buffer.alloc(n * 8)
      fs.readSync(fd, buf, 0, buf.length, (start / PAGE) * 8)
      for (let i = 0; i < n; i++) {
        const v = buf.readBigUInt64LE(i * 8)
        if (!(v >> 63n)) continue // not present (swapped pages are not counted)
        const pfn = Number(v & ((1n << 55n) - 1n))
        if (pfn === 0) return null // PFNs hidden: no permission
        pfns.push(pfn)
        of.push(name)
      }
    }
  } finally {
    fs.closeSync(fd)
  }
  return { pfns, of, names }
}

/**
 * memory returns [{pid, name, pss, alone, top}] in kB for pids (alone null
 * when it cannot be computed); top lists the `top` mappings (file, or
 * [anon], [heap]...) of each process with the most memory as if alone.
 */
export function memory(pids, { top = 0 } = {}) {
  const procs = pids.map((pid) => ({
    pid,
    name: fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(),
    pss: rollup(pid).Pss ?? 0,
    frames: (() => {
      try {
        return frames(pid)
      } catch {
        return null
      }
    })(),
  }))
  const ok = procs.every((p) => p.frames)
  const users = new Map()
  if (ok) for (const p of procs) for (const f of new Set(p.frames.pfns)) users.set(f, (users.get(f) ?? 0) + 1)
  return procs.map((p) => {
    let alone = null
    let byName = []
    if (ok) {
      alone = 0
      const seen = new Set()
      const per = new Map()
      p.frames.pfns.forEach((f, i) => {
        if (seen.has(f)) return
        seen.add(f)
        const share = PAGE / 1024 / users.get(f)
        alone += share
        per.set(p.frames.of[i], (per.get(p.frames.of[i]) ?? 0) + share)
      })
      byName = [...per].sort((a, b) => b[1] - a[1]).slice(0, top).map(([i, kb]) => ({ name: p.frames.names[i], kb }))
    }
    return { pid: p.pid, name: p.name, pss: p.pss, alone, top: byName }
  })
}
