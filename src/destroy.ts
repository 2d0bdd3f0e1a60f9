// mode: destroy → the destroy plan. Pure: what the action manages for pool-name (or user-pool-id),
// observed, becomes steps in the order they are removed: branding styles, domains, the app client,
// then the pool. Guards (a pool the action did not create, deletion protection without the explicit
// input, two pools of one name) are problems: nothing is deleted.
import { duplicatePoolsProblem } from './plan.js'
import { type Desired, type Plan, type Step, MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from './types.js'

export interface DestroyObserved {
  /** Pools whose name matched (by-name lookup); more than one is ambiguous. */
  matchingPoolIds: string[]
  pool?: {
    id: string
    name: string
    managedByAction: boolean
    deletionProtection: boolean
    /** The pool's prefix and custom domains (DescribeUserPool's Domain and CustomDomain). */
    domains: string[]
  }
  /** The app clients named client-name, with the ID of each one's managed login branding style. */
  clients: { id: string; name: string; brandingId?: string }[]
}

export function planDestroy(desired: Desired, observed: DestroyObserved): Plan {
  const problems: string[] = []
  if (observed.matchingPoolIds.length > 1) {
    problems.push(duplicatePoolsProblem(desired, observed.matchingPoolIds.length, 'destroy'))
    return { steps: [], changed: false, problems }
  }
  const pool = observed.pool
  if (!pool) {
    return { steps: [{ resource: 'pool', name: desired.poolName, action: 'no-op', changes: [] }], changed: false, problems }
  }
  if (!pool.managedByAction) {
    problems.push(
      `pool-name: user pool '${pool.name}' was not created by this action (it has no tag ${MANAGED_TAG_KEY}: ${MANAGED_TAG_VALUE}), ` +
        'and destroy removes only pools this action created: nothing was deleted; delete it by hand if it should go, or check pool-name and user-pool-id',
    )
  }
  if (pool.deletionProtection && desired.deletionProtection) {
    problems.push(
      `deletion-protection: user pool '${pool.name}' has deletion protection on, and this run does not say to turn it off: ` +
        'set deletion-protection: false next to mode: destroy to turn protection off and delete the pool in the same run',
    )
  }
  const steps: Step[] = [
    ...observed.clients.filter((c) => c.brandingId).map((c): Step => ({ resource: 'branding', name: c.name, action: 'delete', changes: [] })),
    ...pool.domains.map((d): Step => ({ resource: 'domain', name: d, action: 'delete', changes: [] })),
    ...observed.clients.map((c): Step => ({ resource: 'client', name: c.name, action: 'delete', changes: [] })),
    {
      resource: 'pool',
      name: pool.name,
      action: 'delete',
      changes: pool.deletionProtection ? [{ field: 'DeletionProtection', before: 'ACTIVE', after: 'INACTIVE' }] : [],
    },
  ]
  return { steps, changed: true, problems }
}
