// axe-core in a page: the accessibility checks of the e2e tests. The rules
// run as axe ships them (none disabled); a check fails on any violation of
// impact serious or critical and prints each with its nodes, so a failure
// says what to fix.
import axe from 'axe-core'

const blocking = new Set(['serious', 'critical'])

/**
 * axeViolations runs axe in page (its top document: the preview is a
 * sandboxed frame that runs no script, checked as the exported page it is)
 * and returns the serious and critical violations, within selector if given.
 */
export async function axeViolations(page, selector) {
  await page.evaluate((src) => {
    if (!window.axe) (0, eval)(src)
  }, axe.source)
  const found = await page.evaluate(async (sel) => {
    const res = await window.axe.run(sel ? { include: [[sel]] } : document, { iframes: false, resultTypes: ['violations'] })
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
    }))
  }, selector ?? null)
  return found.filter((v) => blocking.has(v.impact))
}

/** describeViolations writes violations as a readable assertion message. */
export function describeViolations(what, violations) {
  return `${what}: ${violations.length} serious or critical axe violation(s)\n` +
    violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 8).join('\n    ')}`).join('\n')
}
