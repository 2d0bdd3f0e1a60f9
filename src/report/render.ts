// Plan → text for the log and JSON for the `plan` output. Pure.
import { logSafe } from '../util/log-safety.js'
import { RESOURCE_LABEL, type Action, type FieldChange, type Plan, type Step } from '../model/types.js'

export { RESOURCE_LABEL }

export const ACTION_WORDS: Record<Action, string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  'replace-required': 'cannot change in place',
  'no-op': 'no change',
  delete: 'delete',
}

/** The step for the log: its name goes through logSafe. */
export function stepTitle(step: Step): string {
  return `${RESOURCE_LABEL[step.resource]} '${logSafe(step.name)}'`
}

/** A value as one short line: lists comma-separated, objects as compact JSON, absent as (none). */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)'
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.join(', ') : '(empty)'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** What the plan asks people to look at twice (an invited address whose letters mix scripts), once each. */
export function planWarnings(plan: Plan): string[] {
  return [...new Set(plan.steps.flatMap((s) => s.changes.flatMap((c) => (c.warning ? [c.warning] : []))))]
}

/** One field change for the log; every value goes through logSafe. */
export function describeChange(change: FieldChange): string {
  const { warning, ...rest } = change
  if (warning) return `${describeChange(rest)}  ⚠ ${logSafe(warning)}`
  const field = logSafe(change.field)
  if (change.added || change.removed) {
    const parts = [...(change.added ?? []).map((x) => `+ ${logSafe(x)}`), ...(change.removed ?? []).map((x) => `- ${logSafe(x)}`)]
    return `${field}: ${parts.join('; ')}`
  }
  if (change.before === undefined) return `${field} = ${logSafe(showValue(change.after))}`
  return `${field}: ${logSafe(showValue(change.before))} → ${logSafe(showValue(change.after))}`
}

/** The plan for the log, one line per step and one indented line per field. */
export function renderText(plan: Plan): string {
  const lines: string[] = []
  for (const step of plan.steps) {
    const replaces = step.replaces ? ` (removes '${logSafe(step.replaces)}' first)` : ''
    lines.push(`${stepTitle(step)}: ${ACTION_WORDS[step.action]}${replaces}`)
    for (const change of step.changes) lines.push(`    ${describeChange(change)}`)
  }
  for (const problem of plan.problems) lines.push(`problem: ${logSafe(problem)}`)
  return lines.join('\n')
}

/**
 * The `plan` output: the steps as JSON. Steps and problems name resources, never their IDs, so the
 * output can leave the job.
 */
export function renderJson(plan: Plan): string {
  return JSON.stringify({
    changed: plan.changed,
    steps: plan.steps.map((s) => ({
      resource: s.resource,
      name: s.name,
      action: s.action,
      ...(s.replaces ? { replaces: s.replaces } : {}),
      changes: s.changes,
    })),
    problems: plan.problems,
  })
}
