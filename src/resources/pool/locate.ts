// Locating the pool, before any other read: by user-pool-id, or by pool-name. Two runs can race: pools
// of this name that were all made by this action in runs of their own settle on the oldest, and a pool
// created by a concurrent run after our ListUserPools is found through the domain it already owns.
import type { CognitoPort } from '../../aws/port.js'
import type { Desired } from '../../model/types.js'
import type { Location } from '../resource.js'
import { isManaged } from '../shared/run-token.js'
import { describePool, findPoolIds } from './calls.js'
import { oldestOfRace } from './create.js'

/** The ID of the pool that owns the domain, or undefined when no pool has it (AWS's empty DomainDescription). */
export async function domainOwner(port: CognitoPort, domain: string): Promise<string | undefined> {
  const out = await port.call('DescribeUserPoolDomain', { Domain: domain }, `domain '${domain}'`, ['DomainDescription'])
  return out.DomainDescription.UserPoolId || undefined
}

/**
 * Where the pool is. destroy / plan-destroy look only by ID or name: several pools of the name stay a
 * problem, and a pool that is not there is nothing to remove.
 */
export async function locate(port: CognitoPort, desired: Desired, destroying: boolean): Promise<Location> {
  let poolIds = desired.userPoolId ? [desired.userPoolId] : await findPoolIds(port, desired.poolName)
  if (destroying) return withId({ poolIds })
  if (poolIds.length > 1) poolIds = await settlingRace(port, poolIds)
  if (poolIds.length > 0) return withId({ poolIds })
  const owner = await domainOwner(port, desired.domain)
  // A concurrent run of this action may have created the pool (and its domain) after our ListUserPools:
  // a pool of this name with the managed tag that owns the domain is that pool, not someone else's.
  if (owner !== undefined && (await isTwinOfThisRun(port, owner, desired.poolName))) return withId({ poolIds: [owner] })
  return { poolIds, ...(owner !== undefined ? { domainOwner: owner } : {}) }
}

function withId(location: Location): Location {
  return location.poolIds.length === 1 ? { ...location, poolId: location.poolIds[0] } : location
}

/**
 * Several pools of that name, all made by this action in runs that raced (each carries a run token):
 * the oldest wins and the runs that made the others are deleting them, so only the oldest is seen.
 * Any other mix stays a problem for the plan to report.
 */
async function settlingRace(port: CognitoPort, poolIds: string[]): Promise<string[]> {
  const pools = await Promise.all(poolIds.map((id) => describePool(port, id)))
  const winner = oldestOfRace(pools)
  return winner ? [winner] : poolIds
}

/** Whether the pool that owns the domain is this action's pool of this name (made by a concurrent run). */
async function isTwinOfThisRun(port: CognitoPort, poolId: string, poolName: string): Promise<boolean> {
  // Not readable (another account's rules, a race with its deletion): then it is someone else's, as before.
  // Its ID is not ours, so an error that would name it is not passed on.
  const pool = await describePool(port, poolId).catch(() => undefined)
  return pool?.Name === poolName && pool !== undefined && isManaged(pool)
}
