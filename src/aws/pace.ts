// Pacing: the one place where calls wait for AWS's request-rate quotas. Every call through the port
// (src/aws/cognito.ts) passes here, so bulk work of any resource (300 identity providers, 1,000
// invitations, their reads on a rerun) paces itself without the resource knowing:
//
// - a rate per operation (a token bucket whose burst is one second's worth): the quotas AWS documents
//   for the operation's category (operations.ts PACE), so that a run does not ask faster than AWS answers;
// - at most `inFlight` calls of one operation at a time, the rest queued in order;
// - a call refused for throttling (TooManyRequestsException, after the SDK's own retries) is sent again
//   after an exponential backoff with full jitter, for as long as `budgetMs` allows: the SDK's retries
//   stop when its retry quota (500 tokens, 5 a throttled retry) is spent, and a bulk create must not end
//   half done because the account's quota is shared with other callers. LimitExceededException is a
//   count limit, not throttling: thrown at once (AWSB-200).
//
// An operation without a row is sent at once, as before: a no-op run makes the same calls in the same
// waves. Time comes from `now` and `sleep`, so tests control it.
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { COUNT_LIMIT_CODES } from './errors.js'

export interface Pace {
  /** Calls started per second (and the burst: one second's worth). */
  perSecond: number
  /** Calls of the operation in flight at once. */
  inFlight: number
}

export interface PacerOptions {
  /** How each operation is paced; undefined: sent at once, never queued. */
  paceOf: (operation: string) => Pace | undefined
  /** How long a throttled call is tried again, from its first refusal (ms). */
  budgetMs?: number
  now?: () => number
  sleep?: Sleep
  /** In [0, 1): the jitter (tests fix it). */
  random?: () => number
}

/** A throttled call is tried again for up to five minutes (a 300-provider run needs one at AWS's rates). */
export const THROTTLE_BUDGET_MS = 5 * 60_000
const BACKOFF_BASE_MS = 200
const BACKOFF_MAX_MS = 5_000

/** The SDK's throttling error: AWS's code, or the SDK's own classification of it; never a count limit (AWSB-200). */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: unknown; $retryable?: { throttling?: unknown } } | undefined
  if (typeof e?.name === 'string' && COUNT_LIMIT_CODES.has(e.name)) return false
  return e?.name === 'TooManyRequestsException' || e?.$retryable?.throttling === true
}

/** One operation's lane: a GCRA token bucket (the theoretical arrival time) and a queue of callers. */
class Lane {
  private tat = -Infinity
  private active = 0
  private readonly waiting: (() => void)[] = []
  private readonly interval: number

  constructor(private readonly pace: Pace) {
    this.interval = 1000 / pace.perSecond
  }

  /** Waits for a place among the calls in flight. */
  async enter(): Promise<void> {
    if (this.active < this.pace.inFlight) {
      this.active++
      return
    }
    // The leaving call hands its place over (active stays the same).
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  leave(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.active--
  }

  /** Reserves the next start at `now`; how long to wait before it (0: at once, within the burst). */
  reserve(now: number): number {
    const tat = Math.max(this.tat, now)
    const wait = Math.max(0, tat - (this.pace.perSecond - 1) * this.interval - now)
    this.tat = tat + this.interval
    return wait
  }
}

export class Pacer {
  private readonly lanes = new Map<string, Lane>()
  private readonly now: () => number
  private readonly sleep: Sleep
  private readonly random: () => number
  private readonly budgetMs: number

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? realSleep
    this.random = options.random ?? Math.random
    this.budgetMs = options.budgetMs ?? THROTTLE_BUDGET_MS
  }

  private lane(operation: string): Lane | undefined {
    const known = this.lanes.get(operation)
    if (known) return known
    const pace = this.options.paceOf(operation)
    if (!pace) return undefined
    const lane = new Lane(pace)
    this.lanes.set(operation, lane)
    return lane
  }

  /** Sends `send` when the operation's pace allows; throttling is tried again within the budget. */
  async run<T>(operation: string, send: () => Promise<T>): Promise<T> {
    const lane = this.lane(operation)
    if (!lane) return send()
    await lane.enter()
    try {
      let throttledSince: number | undefined
      for (let attempt = 1; ; attempt++) {
        const wait = lane.reserve(this.now())
        if (wait > 0) await this.sleep(wait)
        try {
          return await send()
        } catch (error) {
          if (!isThrottling(error)) throw error
          throttledSince ??= this.now()
          const backoff = this.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt)
          if (this.now() + backoff - throttledSince > this.budgetMs) throw error
          await this.sleep(backoff)
        }
      }
    } finally {
      lane.leave()
    }
  }
}
