// The ::debug:: lines for plan decisions and verify probes. Pure: names and field names only, never
// values (a field may hold a secret or an ID); the caller still passes each line through logText.
import { logSafe } from '../util/log-safety.js'
import { stepTitle } from './render.js'
import type { Plan } from '../model/types.js'

/** One line per plan step: its action and the fields that differ (no values). */
export function planDebugLines(plan: Plan): string[] {
  return plan.steps.map((step) => {
    const fields = step.changes.map((c) => logSafe(c.field))
    return `plan: ${logSafe(stepTitle(step))}: ${step.action}${fields.length ? ` (differs: ${fields.join(', ')})` : ''}`
  })
}

/**
 * A probe's URL for the log: no query (it may carry a client ID or state), no credentials, and each
 * given ID replaced by its label (`<user-pool-id>`), so the issuer's path names no pool.
 */
export function probeUrl(url: string, ids: Record<string, string | undefined>): string {
  let shown: string
  try {
    const u = new URL(url)
    shown = `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`
  } catch {
    shown = '(not a URL)'
  }
  for (const [label, id] of Object.entries(ids)) if (id) shown = shown.split(id).join(`<${label}>`)
  return logSafe(shown)
}

/** A fetch that reports each request (method, URL without IDs or query, status, duration) to `debug`. */
export function debugFetch(
  inner: typeof fetch,
  debug: (line: string) => void,
  ids: Record<string, string | undefined>,
  now: () => number = Date.now,
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')
    const started = now()
    try {
      const response = await inner(input, init)
      debug(`verify: ${method} ${probeUrl(url, ids)} → ${response.status} in ${Math.round(now() - started)} ms`)
      return response
    } catch (error) {
      const name = error instanceof Error && /^[A-Za-z]+$/.test(error.name) ? error.name : 'Error'
      debug(`verify: ${method} ${probeUrl(url, ids)} → ${name} in ${Math.round(now() - started)} ms`)
      throw error
    }
  }
}
