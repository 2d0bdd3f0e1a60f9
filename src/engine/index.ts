// The one pipeline for every mode (apply, plan, destroy, plan-destroy): observe → plan → apply or
// destroy. main gives it a port to AWS and listeners, and gets back the plan and the IDs.
import type { CognitoPort } from '../aws/port.js'
import { PlanError } from '../model/errors.js'
import type { Desired, Plan, Step } from '../model/types.js'
import type { Ids } from '../resources/index.js'
import { apply, destroy, observedIds, Stopped, type ApplyListeners } from './apply.js'
import { isDestroying, observe, type ObserveListeners, type State } from './observe.js'
import { plan as makePlan, planDestroy } from './plan.js'

export { loadParsers, parseInputs, RUN_INPUTS, INPUT_ORDER } from './desired.js'
export { Stopped } from './apply.js'
export { isDestroying } from './observe.js'

export interface Listeners extends ApplyListeners, ObserveListeners {
  /** IDs of pools that are not ours (several of the name, a domain's owner): never printed. */
  foreign?: (id: string) => void
  /** The plan, before anything is written (log it, set the outputs, report problems). */
  planned?: (plan: Plan) => Promise<void>
}

export interface Outcome {
  plan: Plan
  state: State
  /** The IDs after the run (as observed, or as applied). */
  ids: Ids
}

/**
 * Observes, plans (pure; every problem before any write), then applies (mode apply) or destroys (mode
 * destroy) what changed. Problems: PlanError after `planned`. A failure part-way: Stopped (what was done).
 */
export async function reconcile(port: CognitoPort, desired: Desired, listeners: Listeners = {}): Promise<Outcome> {
  const state = await observe(port, desired, listeners)
  const { observed } = state
  if (observed.matchingPoolIds.length > 1) for (const id of observed.matchingPoolIds) listeners.foreign?.(id)
  if (observed.desiredDomainOwner?.kind === 'other-pool') listeners.foreign?.(observed.desiredDomainOwner.userPoolId)
  const destroying = isDestroying(desired)
  const plan = destroying ? planDestroy(desired, observed) : makePlan(desired, observed)
  await listeners.planned?.(plan)
  if (plan.problems.length > 0) throw new PlanError(plan.problems)
  let ids = observedIds(desired, plan, state)
  const done: Step[] = []
  const writing = { ...listeners, done: (step: Step) => (done.push(step), listeners.done?.(step)) }
  try {
    if (desired.mode === 'apply' && plan.changed) ids = await apply(port, desired, plan, state, writing)
    if (desired.mode === 'destroy' && plan.changed) await destroy(port, desired, plan, state, writing)
  } catch (error) {
    throw new Stopped(error, done, plan)
  }
  return { plan, state, ids }
}
