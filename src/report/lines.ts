// The run's own log lines and notices, by mode. Pure.
import type { Action, Desired, Mode, Step } from '../model/types.js'
import { logSafe } from '../util/log-safety.js'
import { stepTitle } from './render.js'

const DONE: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  'replace-required': 'not changed',
  'no-op': 'unchanged',
  delete: 'deleted',
}

const destroying = (mode: Mode): boolean => mode === 'destroy' || mode === 'plan-destroy'

/** What the run reads, said before it reads it. */
export function readingLine(d: Desired): string {
  return destroying(d.mode)
    ? `Reading what the action manages for user pool '${logSafe(d.poolName)}' (app client '${logSafe(d.clientName)}') in ${logSafe(d.region)}`
    : `Reading user pool '${logSafe(d.poolName)}', domain '${logSafe(d.domain)}' and app client '${logSafe(d.clientName)}' in ${logSafe(d.region)}`
}

/** One step done. */
export const doneLine = (step: Step): string => `${stepTitle(step)}: ${DONE[step.action]}`

/** Said when applying or destroying changes nothing. */
export function nothingLine(d: Desired): string | undefined {
  if (d.mode === 'apply') return 'Nothing to change: every resource already matches the inputs.'
  if (d.mode === 'destroy') return `Nothing to destroy: no user pool named '${logSafe(d.poolName)}' in ${logSafe(d.region)}.`
  return undefined
}

/** Apply or destroy stopped part-way: what failed, what was done, whether running again helps. */
export function stoppedNotice(mode: Mode, message: string, done: Step[], rerunHelps: boolean): string {
  const what = mode === 'destroy' ? 'Destroy' : 'Apply'
  const rerun =
    mode === 'destroy'
      ? 'Running the destroy again continues from there.'
      : rerunHelps
        ? 'Running the action again continues from there.'
        : 'Fix the cause above first: running again unchanged stops at the same step.'
  return `${what} stopped: ${message}\nDone before that: ${done.map((step) => `${stepTitle(step)} ${DONE[step.action]}`).join('; ') || 'nothing'}.\n${rerun}`
}

/** A plan from a fork's pull request, which gets no AWS credentials. */
export function forkNotice(mode: Mode): string {
  const why = 'No plan: this pull request comes from a fork, and GitHub gives fork pull requests no access to the AWS credentials.'
  return mode === 'plan' ? `${why} A maintainer can run the plan from a branch of this repository.` : why
}

/**
 * The pool keeps a domain of the other kind than `domain` (its prefix next to a custom domain): said after
 * apply, with where it serves sign-in and how it goes (the action never deletes it: docs/custom-domains.md).
 */
export function keptDomainLine(poolName: string, domain: string, kept: string, hostedUiUrl: string): string {
  const kind = kept.includes('.') ? 'custom domain' : 'prefix domain'
  return (
    `Domain: user pool '${logSafe(poolName)}' also has the ${kind} '${logSafe(kept)}' (${logSafe(hostedUiUrl)}), which still serves sign-in: ` +
    `the action keeps it and never deletes it; once '${logSafe(domain)}' works, delete it by hand if it should go (docs/custom-domains.md)`
  )
}
