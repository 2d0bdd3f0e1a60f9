// Which pool a run manages, decided from what was read (pure): the owner of the desired domain, the pools
// of the name, and after creating, the pools of the name again. The reads are in locate.ts and create.ts.
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { isManaged } from '../shared/run-token.js'

/**
 * What the owner of the desired domain is to a run by pool-name:
 * - `ours`: named pool-name and tagged managed-by: cognito-sso-action: the pool, found without listing the account;
 * - `adopt`: named pool-name without the tag (made in the console or by hand): the pool, but only once a look
 *   by name shows that no other pool has the name (adopting is where two pools of one name matter);
 * - `not-ours`: another name, or not readable (another account's, a policy that denies it, gone): never taken;
 *   the pool is looked for by name, as if the domain were free.
 */
export type OwnerVerdict = 'ours' | 'adopt' | 'not-ours'

export function ownerVerdict(owner: Pick<UserPoolType, 'Name' | 'UserPoolTags'> | undefined, poolName: string): OwnerVerdict {
  if (owner === undefined || owner.Name !== poolName) return 'not-ours'
  return isManaged(owner) ? 'ours' : 'adopt'
}

/** The domain's owner to adopt is the pool only when the look by name found it and no other pool of the name. */
export const adoptable = (ownerId: string, byName: readonly string[]): boolean => byName.length === 1 && byName[0] === ownerId

/**
 * After CreateUserPool, the look by name: when the only pool of the name is the one this run just created,
 * it won, and nothing needs describing; otherwise every pool of the name is described and the oldest
 * managed one wins (create.ts).
 */
export const wonAlone = (createdId: string | undefined, byName: readonly string[]): boolean =>
  createdId !== undefined && byName.length === 1 && byName[0] === createdId
