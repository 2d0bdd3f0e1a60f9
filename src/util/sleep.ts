// The one sleep and the one backoff: every wait between tries (lost creates, verify's probes, the
// custom domain's status) uses them. Pure except for the timer.
export type Sleep = (ms: number) => Promise<void>

/** Waits `ms` milliseconds. */
export const sleep: Sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The wait before try `attempt + 1` (attempt counts from 1): `base` doubled each time, at most `max`. */
export function backoff(attempt: number, { base, max }: { base: number; max: number }): number {
  return Math.min(base * 2 ** (attempt - 1), max)
}
