// The one create whose outcome can be unknown. AWS does not deduplicate creates, an answer can be lost
// after AWS acted (5xx, reset, timeout, an empty 200), and two runs can create at the same moment. So a
// create that failed that way, or that found its name taken, is never repeated before looking again:
// what is found is the resource's to adopt or converge (one update); when nothing is found the create is
// tried again, with backoff, at most `attempts` times in all. What to do with a winner or with extras
// this run made (delete only what this run made) is the resource's own step after this helper.
import type { AwsFailure, CognitoPort } from '../../aws/port.js'
import { backoff, type Sleep } from '../../util/sleep.js'

/** What every create gets: the port, this run's token, how often to try, how to wait, what to say. */
export interface CreateContext {
  port: CognitoPort
  /** This run's token (random per run), tagged on the pool it creates. */
  token: string
  /** How many times a create whose outcome is unknown is tried in all. */
  attempts: number
  /** Waits between tries (injected so that tests control time). */
  sleep: Sleep
  /** Says what was found and done along the way. */
  note: (message: string) => void
}

/** The error is the port's, with AWS's (or the port's) code `code`. */
export function failedWith(error: unknown, code: string): error is AwsFailure {
  return error instanceof Error && error.name === 'AwsCallError' && (error as AwsFailure).code === code
}

/** True when the failure is a create whose request may have reached AWS. */
export const outcomeUnknown = (error: unknown): error is AwsFailure => failedWith(error, 'OutcomeUnknownError')

/** Any failure of a call through the port (not a bug of ours). */
export const isAwsFailure = (error: unknown): error is AwsFailure => error instanceof Error && error.name === 'AwsCallError'

export interface CreateSpec<C, F> {
  /** Sends the create. */
  create: () => Promise<C>
  /** Failures other than an unknown outcome that mean "look again" (the name is taken). */
  taken?: (error: unknown) => boolean
  /** Said before looking again (nothing said when it returns undefined). */
  lost?: (error: AwsFailure, unknown: boolean) => string | undefined
  /** Looks again: what is found, undefined when nothing is, null when it is someone else's (the create's error stands). */
  look: () => Promise<F | undefined | null>
}

export type Converged<C, F> = { created: C } | { found: F }

export async function converge<C, F>(ctx: CreateContext, spec: CreateSpec<C, F>): Promise<Converged<C, F>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { created: await spec.create() }
    } catch (error) {
      const unknown = outcomeUnknown(error)
      if (!unknown && !spec.taken?.(error)) throw error
      const said = spec.lost?.(error as AwsFailure, unknown)
      if (said) ctx.note(said)
      const found = await spec.look()
      if (found !== undefined && found !== null) return { found }
      if (!unknown || found === null || attempt >= ctx.attempts) throw error
      await ctx.sleep(backoff(attempt, { base: 200, max: 2000 }))
    }
  }
}

export type ConvergeOutcome = 'created' | 'adopted' | 'updated'

/**
 * After a converging create: what was found is adopted when it already is as declared, else made so
 * with one update (read-merge-write by the caller's `update`).
 */
export async function adoptOrUpdate<F>(
  ctx: CreateContext,
  label: string,
  outcome: Converged<unknown, F>,
  matches: (found: F) => boolean,
  update: (found: F) => Promise<void>,
): Promise<ConvergeOutcome> {
  if ('created' in outcome) return 'created'
  if (matches(outcome.found)) {
    ctx.note(`${label}: found it as declared; continuing with it`)
    return 'adopted'
  }
  await update(outcome.found)
  ctx.note(`${label}: found it; updated it to the declared configuration`)
  return 'updated'
}
