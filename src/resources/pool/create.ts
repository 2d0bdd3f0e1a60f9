// Creating the pool so that it cannot duplicate: CreateUserPool is never repeated before looking again
// by this run's token tag; after creating, the run looks again by name and the oldest managed pool wins
// (creation date, then ID); a run deletes only the extra pools it made itself.
import type { CreateUserPoolRequest, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../../model/types.js'
import { converge, type CreateContext } from '../shared/converge.js'
import { byAge, isManaged, madeBy, millis, RUN_TAG_KEY } from '../shared/run-token.js'
import { createPoolCall, deletePool, describePool, listPoolsNamed } from './calls.js'

/** The managed pools named `name`, described, oldest first. Pools that vanished meanwhile are left out. */
async function managedPools(port: CognitoPort, name: string): Promise<UserPoolType[]> {
  const listed = await listPoolsNamed(port, name)
  const described = await Promise.all(listed.map((p) => describePool(port, p.id)))
  return described
    .filter((p): p is UserPoolType => p !== undefined && isManaged(p))
    .sort(
      byAge(
        (p) => millis(p.CreationDate),
        (p) => p.Id ?? '',
      ),
    )
}

/**
 * Creates the pool (without deletion protection, tagged with the run token) and returns the pool this
 * run goes on with: the oldest managed pool of that name, whoever made it. Extras this run made are
 * deleted. Deletion protection, when asked for, is switched on by the caller on the winner.
 */
export async function createPool(ctx: CreateContext, request: CreateUserPoolRequest): Promise<UserPoolType> {
  const name = request.PoolName ?? ''
  const tagged: CreateUserPoolRequest = {
    ...request,
    DeletionProtection: 'INACTIVE',
    UserPoolTags: { ...request.UserPoolTags, [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE, [RUN_TAG_KEY]: ctx.token },
  }
  const outcome = await converge(ctx, {
    create: () => createPoolCall(ctx.port, tagged),
    lost: (error) => `CreateUserPool: ${error.message.split('. ')[0]}; looking for a pool this run created before trying again`,
    look: async () => {
      const mine = (await managedPools(ctx.port, name)).filter((p) => madeBy(p, ctx.token))
      return mine.length > 0 ? mine : undefined
    },
  })
  if ('found' in outcome) ctx.note(`User pool '${name}': found the pool this run created; continuing with it`)
  return settlePool(ctx, name)
}

/** Looks again by name: the oldest managed pool wins; this run deletes the other pools it created. */
async function settlePool(ctx: CreateContext, name: string): Promise<UserPoolType> {
  const pools = await managedPools(ctx.port, name)
  const winner = pools[0]
  if (!winner?.Id) throw new Error(`user pool '${name}' was created but is not listed by ListUserPools; run the action again`)
  const extras = pools.slice(1).filter((p) => madeBy(p, ctx.token))
  for (const extra of extras) {
    await deletePool(ctx.port, extra.Id ?? '', name)
  }
  if (extras.length > 0) {
    ctx.note(
      `User pool '${name}': deleted ${extras.length} extra pool${extras.length > 1 ? 's' : ''} this run had created (a lost answer or another run at the same time); kept the oldest`,
    )
  }
  if (!madeBy(winner, ctx.token)) {
    ctx.note(`User pool '${name}': another run created it first; continuing with that pool`)
  }
  return winner
}

/** The oldest pool's ID when every pool given was made by this action in a run of its own; else undefined. */
export function oldestOfRace(pools: (UserPoolType | undefined)[]): string | undefined {
  const present = pools.filter((p): p is UserPoolType => p !== undefined)
  if (present.length === 0 || !present.every((p) => isManaged(p) && p.UserPoolTags?.[RUN_TAG_KEY])) return undefined
  return [...present].sort(
    byAge(
      (p) => millis(p.CreationDate),
      (p) => p.Id ?? '',
    ),
  )[0]?.Id
}
