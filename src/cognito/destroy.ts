// mode: destroy through the AWS layer: observe what the action manages for pool-name, then remove it
// in order (branding styles, domains, app clients, pool). Each removal tolerates "already gone", so a
// run after a failure finishes the job, and a run against nothing writes nothing.
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import type { DestroyObserved } from '../destroy.js'
import { type Desired, type Plan, type Step, MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../types.js'
import type { CognitoApi } from './api.js'
import { poolUpdateRequest } from './requests.js'

export interface DestroyState {
  observed: DestroyObserved
  /** The described pool, for the read-merge-write that turns deletion protection off. */
  rawPool?: UserPoolType
}

export async function observeDestroy(api: CognitoApi, desired: Desired, found: (id: string) => void = () => {}): Promise<DestroyState> {
  const poolIds = desired.userPoolId ? [desired.userPoolId] : await api.findPoolIds(desired.poolName)
  const observed: DestroyObserved = { matchingPoolIds: poolIds, clients: [] }
  const poolId = poolIds.length === 1 ? poolIds[0] : undefined
  if (poolId === undefined) return { observed }
  found(poolId)
  const [pool, clientIds] = await Promise.all([api.describePool(poolId), api.findClientIds(poolId, desired.clientName)])
  if (!pool) {
    // Already gone (by user-pool-id, or between the list and the describe): what destroy wants, so a
    // rerun after a successful destroy also succeeds, with changed=false.
    return { observed: { matchingPoolIds: [], clients: [] } }
  }
  if (pool.Arn) found(pool.Arn)
  observed.pool = {
    id: poolId,
    name: pool.Name ?? desired.poolName,
    managedByAction: pool.UserPoolTags?.[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE,
    deletionProtection: pool.DeletionProtection === 'ACTIVE',
    domains: [pool.Domain, pool.CustomDomain].filter((d): d is string => Boolean(d)),
  }
  for (const id of clientIds) found(id)
  observed.clients = await Promise.all(
    clientIds.map(async (id) => {
      const brandingId = await api.brandingIdForClient(poolId, id, desired.clientName)
      return { id, name: desired.clientName, ...(brandingId ? { brandingId } : {}) }
    }),
  )
  return { observed, ...(pool ? { rawPool: pool } : {}) }
}

/** Removes what the plan lists, in its order; `done` hears each step as it completes. */
export async function applyDestroy(api: CognitoApi, plan: Plan, state: DestroyState, done: (step: Step) => void = () => {}): Promise<void> {
  if (plan.problems.length > 0) throw new Error('refusing to destroy with a plan that has problems')
  const pool = state.observed.pool
  if (!pool || !plan.changed) return
  const clients = [...state.observed.clients]
  for (const step of plan.steps) {
    if (step.action !== 'delete') continue
    switch (step.resource) {
      case 'branding': {
        const client = clients.find((c) => c.brandingId && c.name === step.name)
        if (client?.brandingId) await api.deleteBranding(pool.id, client.brandingId, step.name)
        if (client) delete client.brandingId
        break
      }
      case 'domain':
        await api.deleteDomainIfPresent(pool.id, step.name)
        break
      case 'client': {
        const i = clients.findIndex((c) => c.name === step.name)
        const client = clients.splice(i, 1)[0]
        if (client) await api.deleteClient(pool.id, client.id, step.name)
        break
      }
      case 'pool':
        if (pool.deletionProtection && state.rawPool) {
          await api.updatePool(poolUpdateRequest(state.rawPool, { DeletionProtection: 'INACTIVE' }), pool.name)
        }
        await api.deletePool(pool.id, pool.name)
        break
    }
    done(step)
  }
}
