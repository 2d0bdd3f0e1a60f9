// Plan → text for the log and JSON for the `plan` output. Pure.
import type { Action, FieldChange, Plan, Step } from './types.js'

export const ACTION_WORDS: Record<Action, string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  'replace-required': 'cannot change in place',
  'no-op': 'no change',
  delete: 'delete',
}

/** How each resource is named to people, in the log, the summary and the comment. */
export const RESOURCE_LABEL = { pool: 'user pool', mfa: 'MFA of user pool', domain: 'domain', client: 'app client', branding: 'branding style', users: 'users of user pool' } as const

export function stepTitle(step: Step): string {
  return `${RESOURCE_LABEL[step.resource]} '${step.name}'`
}

/** A value as one short line: lists comma-separated, objects as compact JSON, absent as (none). */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)'
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.join(', ') : '(empty)'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

export function describeChange(change: FieldChange): string {
  if (change.added || change.removed) {
    const parts = [...(change.added ?? []).map((x) => `+ ${x}`), ...(change.removed ?? []).map((x) => `- ${x}`)]
    return `${change.field}: ${parts.join('; ')}`
  }
  if (change.before === undefined) return `${change.field} = ${showValue(change.after)}`
  return `${change.field}: ${showValue(change.before)} → ${showValue(change.after)}`
}

/** The plan for the log, one line per step and one indented line per field. */
export function renderText(plan: Plan): string {
  const lines: string[] = []
  for (const step of plan.steps) {
    const replaces = step.replaces ? ` (removes '${step.replaces}' first)` : ''
    lines.push(`${stepTitle(step)}: ${ACTION_WORDS[step.action]}${replaces}`)
    for (const change of step.changes) lines.push(`    ${describeChange(change)}`)
  }
  for (const problem of plan.problems) lines.push(`problem: ${problem}`)
  return lines.join('\n')
}

/**
 * The `plan` output: the steps as JSON. Steps name resources, never their IDs, so the output can
 * leave the job; only a problem about two pools sharing a name lists their IDs, for the user to choose.
 */
export function renderJson(plan: Plan): string {
  return JSON.stringify({
    changed: plan.changed,
    steps: plan.steps.map((s) => ({ resource: s.resource, name: s.name, action: s.action, ...(s.replaces ? { replaces: s.replaces } : {}), changes: s.changes })),
    problems: plan.problems,
  })
}
