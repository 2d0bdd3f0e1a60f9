// Observe: locate the pool first, then start every resource's reads at once; each awaits only what it
// needs (the pool's ID, another resource's fields), so the reads go out in as few sequential waves as
// the dependencies allow. A pool found through its domain is read while it is checked (observe below).
// destroy / plan-destroy read only what destroy removes.
import type { CognitoPort } from '../aws/port.js'
import type { Desired, Observed, ResourceKind } from '../model/types.js'
import { locate, RESOURCES, type Described, type Location, type ObserveContext } from '../resources/index.js'

export interface State {
  observed: Observed
  /** The raw descriptions read-merge-write starts from (only the AWS layer's types look inside). */
  described: Described
}

export interface ObserveListeners {
  /** Each ID of ours as soon as it is known (main registers it as a secret). */
  found?: (id: string) => void
  /** Every secret AWS returns (a client secret, a provider's). */
  secret?: (value: string) => void
  /** HTTP reads outside AWS a resource makes before planning (what AWS will fetch); none without it. */
  fetch?: typeof fetch
}

export const isDestroying = (desired: Pick<Desired, 'mode'>): boolean => desired.mode === 'destroy' || desired.mode === 'plan-destroy'

interface Deferred {
  promise: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
}

function deferred(): Deferred {
  let resolve = (): void => {}
  let reject = (_: unknown): void => {}
  const promise = new Promise<void>((yes, no) => {
    resolve = yes
    reject = no
  })
  promise.catch(() => {}) // a failure is reported by the resource that failed, not by its waiters
  return { promise, resolve, reject }
}

export async function observe(port: CognitoPort, desired: Desired, listeners: ObserveListeners = {}): Promise<State> {
  const destroying = isDestroying(desired)
  const located = await locate(port, desired, destroying)
  if ('location' in located) return readAll(port, desired, destroying, located.location, listeners)
  // The desired domain's owner may be this action's pool: every read starts now, beside the check that it is
  // (its name and tag). IDs and secrets are held until it is confirmed; when it is not, the reads are
  // dropped, errors and all, and start again where the look by name found the pool.
  const held = holding(listeners)
  const reads = readAll(port, desired, destroying, located.candidate, held.listeners).then(
    (state) => ({ state }),
    (error: unknown) => ({ error }),
  )
  const location = await located.confirmed
  if (location !== located.candidate) return readAll(port, desired, destroying, location, listeners)
  held.release()
  const outcome = await reads
  if ('error' in outcome) throw outcome.error
  return outcome.state
}

/** Listeners that keep what they hear until `release()` passes it on (and everything after it). */
function holding(listeners: ObserveListeners): { listeners: ObserveListeners; release: () => void } {
  let released = false
  const kept: (() => void)[] = []
  const relay =
    (to: ((value: string) => void) | undefined) =>
    (value: string): void => {
      if (released) to?.(value)
      else kept.push(() => to?.(value))
    }
  return {
    listeners: { found: relay(listeners.found), secret: relay(listeners.secret), ...(listeners.fetch ? { fetch: listeners.fetch } : {}) },
    release: () => {
      released = true
      for (const pass of kept.splice(0)) pass()
    },
  }
}

/** Every resource's reads at a location. */
async function readAll(port: CognitoPort, desired: Desired, destroying: boolean, location: Location, listeners: ObserveListeners): Promise<State> {
  const found = listeners.found ?? (() => {})
  const secret = listeners.secret ?? (() => {})
  const observed: Observed = { matchingPoolIds: location.poolIds, matchingClientIds: [] }
  const described: Described = {}
  // Several pools of the name: nothing else is read; the plan reports the ambiguity.
  if (location.poolIds.length > 1) return { observed, described }
  if (location.poolId !== undefined) found(location.poolId)
  else if (destroying) return { observed, described }

  const readers = RESOURCES.filter((r) => r.observe && (!destroying || r.planDestroy))
  const ready = new Map<ResourceKind, Deferred>(readers.map((r) => [r.kind, deferred()]))
  const after = (kind: ResourceKind): Promise<void> => ready.get(kind)?.promise ?? Promise.resolve()
  const results = await Promise.allSettled(
    readers.map(async (resource) => {
      const signal = ready.get(resource.kind) as Deferred
      const ctx: ObserveContext = {
        port,
        desired,
        destroying,
        location: location,
        observed,
        described,
        after,
        ready: signal.resolve,
        found,
        secret,
        ...(listeners.fetch ? { fetch: listeners.fetch } : {}),
      }
      try {
        await resource.observe?.(ctx)
        signal.resolve()
      } catch (error) {
        signal.reject(error)
        throw error
      }
    }),
  )
  // The first failure in dependency order: a pool that is not there explains the reads that failed with it.
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
  return { observed, described }
}
