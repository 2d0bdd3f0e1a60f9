// desired × observed → Plan. Pure: every resource's plan in dependency order (destroy: the reversed
// graph), all problems at once before any write.
//
// Field names in `changes` are the Cognito API's request members and `after` holds the exact value to
// send, so the plan that is shown is the request that apply makes: apply overlays the changes on the
// described resource (updates) or sends them as they are (creates).
import type { Desired, Observed, Plan, Step } from '../model/types.js'
import { duplicatePoolsProblem, RESOURCES, type Resource } from '../resources/index.js'
import { lowerPlanProblems } from '../resources/shared/tier.js'

export { stepFields } from '../resources/shared/desired.js'

export function plan(desired: Desired, observed: Observed): Plan {
  const problems: string[] = []
  if (observed.matchingPoolIds.length > 1) {
    problems.push(duplicatePoolsProblem(desired, observed.matchingPoolIds.length, 'manage'))
    return { steps: [], changed: false, problems }
  }
  const steps: Step[] = []
  for (const resource of RESOURCES) steps.push(...resource.plan(desired, observed, problems, steps))
  // A lower feature plan: every feature of the pool that needs a higher one, named in one problem (AWSB-016).
  problems.push(
    ...lowerPlanProblems(
      desired,
      observed.pool,
      RESOURCES.flatMap((r) => r.features?.(desired, observed) ?? []),
    ),
  )
  return { steps, changed: steps.some((s) => s.action !== 'no-op'), problems }
}

/**
 * The resources in destroy order: each after every resource that depends on it (the dependency graph
 * reversed); among those free to go, registry order. Branding styles, then domains, clients, the pool.
 */
export function destroyOrder(resources: readonly Resource[] = RESOURCES): Resource[] {
  const order: Resource[] = []
  const left = [...resources]
  while (left.length > 0) {
    const next = left.find((r) => !left.some((other) => other.dependsOn.includes(r.kind)))
    if (!next) throw new Error('the resources depend on each other in a cycle')
    order.push(next)
    left.splice(left.indexOf(next), 1)
  }
  return order
}

/**
 * mode: destroy → what the action manages for pool-name (or user-pool-id), in the order it is removed.
 * Guards (a pool the action did not create, a user-pool-id or a domain that is not the one pool-name
 * names, deletion protection without the explicit input, two pools of one name) are problems: nothing is
 * deleted, and no step is listed (a plan with problems deletes nothing, so it shows nothing to delete).
 */
export function planDestroy(desired: Desired, observed: Observed): Plan {
  const problems: string[] = []
  if (observed.matchingPoolIds.length > 1) {
    problems.push(duplicatePoolsProblem(desired, observed.matchingPoolIds.length, 'destroy'))
    return { steps: [], changed: false, problems }
  }
  const steps = destroyOrder().flatMap((r) => r.planDestroy?.(desired, observed, problems) ?? [])
  if (problems.length > 0) return { steps: [], changed: false, problems }
  return { steps, changed: steps.some((s) => s.action !== 'no-op'), problems }
}
