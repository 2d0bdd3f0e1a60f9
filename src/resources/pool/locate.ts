// Locating the pool, before any other read. By user-pool-id: that pool. By pool-name (apply and plan):
// the desired domain first (DescribeUserPoolDomain names the pool that owns it, whatever the size of the
// account); its owner is the pool when it is named pool-name and carries the managed tag; a pool of that
// name without the tag (made in the console) is adopted only when no other pool has the name; anything
// else, or a free domain, is looked for by name across every page of ListUserPools. There, pools of this
// name that were all made by this action in runs of their own settle on the oldest. destroy and
// plan-destroy look only by ID or by name (they must see two pools of one name).
import type { DomainDescriptionType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import type { Desired } from '../../model/types.js'
import type { Located, Location } from '../resource.js'
import { describePool, findPoolIds } from './calls.js'
import { oldestOfRace } from './create.js'
import { adoptable, ownerVerdict } from './lookup.js'

/** The domain's description; AWS's empty DomainDescription (no UserPoolId) when no pool has it. */
export async function describeDesiredDomain(port: CognitoPort, domain: string): Promise<DomainDescriptionType> {
  const out = await port.call('DescribeUserPoolDomain', { Domain: domain }, `domain '${domain}'`, ['DomainDescription'])
  return out.DomainDescription
}

export async function locate(port: CognitoPort, desired: Desired, destroying: boolean): Promise<Located> {
  if (desired.userPoolId) return { location: withId({ poolIds: [desired.userPoolId] }) }
  if (destroying) return { location: withId({ poolIds: await findPoolIds(port, desired.poolName) }) }
  const desiredDomain = await describeDesiredDomain(port, desired.domain)
  const owner = desiredDomain.UserPoolId || undefined
  if (owner === undefined) return { location: await byName(port, desired.poolName, desiredDomain) }
  // Its ID is not ours until its name and tag say so: no error of this describe names it, none is passed on.
  const described = describePool(port, owner)
  described.catch(() => {})
  const candidate = { poolIds: [owner], poolId: owner, desiredDomain, described }
  return { candidate, confirmed: confirm(port, desired.poolName, candidate) }
}

/** The candidate itself when it is this run's pool; else where the look by name finds it. */
async function confirm(port: CognitoPort, poolName: string, candidate: Location & { poolId: string }): Promise<Location> {
  const verdict = ownerVerdict(await candidate.described?.catch(() => undefined), poolName)
  if (verdict === 'ours') return candidate
  const found = await byName(port, poolName, candidate.desiredDomain)
  return verdict === 'adopt' && adoptable(candidate.poolId, found.poolIds) ? candidate : found
}

/** Every page of ListUserPools: the pools of that name (several that all came from racing runs settle on the oldest). */
async function byName(port: CognitoPort, poolName: string, desiredDomain: DomainDescriptionType | undefined): Promise<Location> {
  let poolIds = await findPoolIds(port, poolName)
  if (poolIds.length > 1) poolIds = await settlingRace(port, poolIds)
  return withId({ poolIds, ...(desiredDomain ? { desiredDomain } : {}) })
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
