// Apply: each resource's steps as soon as what it depends on is done; independent resources in
// parallel. A failure stops its dependents and lets the others finish; the first failure in dependency
// order is thrown (listeners.done has heard every step that was done). Destroy: the delete steps one at a time, in the plan's
// (reversed dependency) order. Steps that are no-ops make no call: an unchanged plan writes nothing.
import { randomUUID } from 'node:crypto'
import type { CognitoPort } from '../aws/port.js'
import type { Desired, Plan, ResourceKind, Step } from '../model/types.js'
import { RESOURCES, type ApplyContext, type Ids, type Resource } from '../resources/index.js'
import { sleep, type Sleep } from '../util/sleep.js'
import type { State } from './observe.js'

export interface ApplyListeners {
  /** Each step as it completes, so the log says what was done even if a later step fails. */
  done?: (step: Step) => void
  /** Each new ID or ARN as soon as AWS returns it, before a later call's error could name it. */
  found?: (id: string) => void
  /** A secret AWS returned (a new client's secret): registered before anything else happens. */
  secret?: (value: string) => void
  /** What recovery from a lost answer or a concurrent run found and did. */
  note?: (message: string) => void
  /** This run's token, tagged on the pool it creates (random when not given). */
  token?: string
  /** Tries of a create whose outcome is unknown (default 3). */
  attempts?: number
  /** Waits between those tries (tests inject their own). */
  sleep?: Sleep
}

/** Apply or destroy stopped part-way: `cause` is the failure, `done` what was done before it. */
export class Stopped extends Error {
  constructor(
    override readonly cause: unknown,
    readonly done: Step[],
    readonly plan: Plan,
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'Stopped'
  }
}

/** The IDs the outputs need, as observed (apply and destroy update them as they go). */
export function observedIds(desired: Desired, plan: Plan, state: State): Ids {
  const { observed, described } = state
  const ids: Ids = { userPoolId: observed.pool?.id ?? '', userPoolArn: observed.pool?.arn ?? '', clientId: observed.client?.id ?? '' }
  const cloudFront = observed.customDomain?.name === desired.domain ? observed.customDomain.cloudFrontDomain : undefined
  if (cloudFront) ids.cloudFrontDomain = cloudFront
  const clientAction = plan.steps.find((s) => s.resource === 'client')?.action
  if (described.client?.ClientSecret && clientAction !== 'replace') ids.clientSecret = described.client.ClientSecret
  return ids
}

function context(port: CognitoPort, desired: Desired, plan: Plan, state: State, ids: Ids, listeners: ApplyListeners): ApplyContext {
  return {
    port,
    desired,
    plan,
    observed: state.observed,
    described: state.described,
    ids,
    token: listeners.token ?? randomUUID(),
    attempts: listeners.attempts ?? 3,
    sleep: listeners.sleep ?? sleep,
    note: listeners.note ?? (() => {}),
    found: listeners.found ?? (() => {}),
    secret: listeners.secret ?? (() => {}),
  }
}

/** Waits for every promise; then throws the first rejection (in the order given), if any. */
async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work)
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}

export async function apply(port: CognitoPort, desired: Desired, plan: Plan, state: State, listeners: ApplyListeners = {}): Promise<Ids> {
  if (plan.problems.length > 0) throw new Error('refusing to apply a plan that has problems')
  const ids = observedIds(desired, plan, state)
  const ctx = context(port, desired, plan, state, ids, listeners)
  const finish = (step: Step): void => listeners.done?.(step)
  const running = new Map<ResourceKind, Promise<void>>()
  const start = (resource: Resource): Promise<void> => {
    const known = running.get(resource.kind)
    if (known) return known
    const work = (async () => {
      await Promise.all(resource.dependsOn.map((kind) => RESOURCES.find((r) => r.kind === kind)).flatMap((r) => (r ? [start(r)] : [])))
      const steps = plan.steps.filter((s) => s.resource === resource.kind)
      await settleAll(
        steps.map(async (step) => {
          if (step.action !== 'no-op') await resource.apply?.(step, ctx)
          finish(step)
        }),
      )
    })()
    running.set(resource.kind, work)
    return work
  }
  await settleAll(RESOURCES.map(start))
  return ids
}

export async function destroy(port: CognitoPort, desired: Desired, plan: Plan, state: State, listeners: ApplyListeners = {}): Promise<void> {
  if (plan.problems.length > 0) throw new Error('refusing to destroy with a plan that has problems')
  if (!state.observed.pool || !plan.changed) return
  const ctx = context(port, desired, plan, state, observedIds(desired, plan, state), listeners)
  for (const step of plan.steps) {
    if (step.action !== 'delete') continue
    await RESOURCES.find((r) => r.kind === step.resource)?.destroy?.(step, ctx)
    listeners.done?.(step)
  }
}
