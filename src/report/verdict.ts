// The end of a run: whether it fails, and the message. Pure.
import { logSafe } from '../util/log-safety.js'
import { stepTitle } from './render.js'
import type { Check, Mode, Plan } from '../model/types.js'

export interface VerdictInput {
  mode: Mode
  failOnChanges: boolean
  plan: Plan
  checks: Check[]
}

/**
 * The failure message for the run, or undefined when it passes. Plan problems fail first (nothing was
 * written), then failed SSO checks, then fail-on-changes for a plan that would change AWS.
 */
export function verdict({ mode, failOnChanges, plan, checks }: VerdictInput): string | undefined {
  if (plan.problems.length > 0) return `Cannot apply (nothing was changed in AWS):\n${plan.problems.map((p) => `- ${p}`).join('\n')}`
  const failed = checks.filter((c) => !c.ok)
  if (failed.length) {
    return `verify: ${failed.length} SSO check${failed.length > 1 ? 's' : ''} failed:\n${failed.map((c) => `- ${logSafe(c.name)}: ${logSafe(c.detail)}`).join('\n')}`
  }
  if (mode === 'plan' && failOnChanges && plan.changed) {
    const changing = plan.steps.filter((s) => s.action !== 'no-op').map(stepTitle)
    return `fail-on-changes: AWS differs from the inputs (${changing.join(', ')}); run the action in apply mode to converge`
  }
  return undefined
}
