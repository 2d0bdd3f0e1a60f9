// Creating the pool so that it cannot duplicate: CreateUserPool is never repeated before looking again
// by this run's token tag; after creating, the run looks again by name and the oldest managed pool wins
// (creation date, then ID); a run deletes only the extra pools it made itself. The pool is created with
// deletion protection as asked: only a run that lost (or made an extra after a lost answer) switches it off
// on its own extra, to delete it. With no race, the look again by name finds only the new pool, and
// nothing is described.
import type { CreateUserPoolRequest, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../../model/types.js'
import { converge, type CreateContext } from '../shared/converge.js'
import { byAge, isManaged, madeBy, millis, RUN_TAG_KEY } from '../shared/run-token.js'
import { createPoolCall, deletePool, describePool, findPoolIds, updatePool } from './calls.js'
import { wonAlone } from './lookup.js'
import { poolUpdateRequest } from './requests.js'

/** The pools given, described, managed ones only, oldest first. Pools that vanished meanwhile are left out. */
async function managedPools(port: CognitoPort, ids: readonly string[]): Promise<UserPoolType[]> {
  const described = await Promise.all(ids.map((id) => describePool(port, id)))
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
 * Creates the pool (deletion protection as asked, tagged with the run token) and returns the pool this
 * run goes on with: the oldest managed pool of that name, whoever made it. Extras this run made are deleted.
 */
export async function createPool(ctx: CreateContext, request: CreateUserPoolRequest): Promise<UserPoolType> {
  const name = request.PoolName ?? ''
  const tagged: CreateUserPoolRequest = {
    ...request,
    UserPoolTags: { ...request.UserPoolTags, [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE, [RUN_TAG_KEY]: ctx.token },
  }
  const outcome = await converge(ctx, {
    create: () => createPoolCall(ctx.port, tagged),
    lost: (error) => `CreateUserPool: ${error.message.split('. ')[0]}; looking for a pool this run created before trying again`,
    look: async () => {
      const mine = (await managedPools(ctx.port, await findPoolIds(ctx.port, name))).filter((p) => madeBy(p, ctx.token))
      return mine.length > 0 ? mine : undefined
    },
  })
  if ('found' in outcome) ctx.note(`User pool '${name}': found the pool this run created; continuing with it`)
  // The pool as created: CreateUserPool's answer describes it, over what was sent.
  const created =
    'created' in outcome ? { Name: name, DeletionProtection: tagged.DeletionProtection, UserPoolTags: tagged.UserPoolTags, ...outcome.created } : undefined
  return settlePool(ctx, name, created)
}

/** Looks again by name: the oldest managed pool wins; this run deletes the other pools it created. */
async function settlePool(ctx: CreateContext, name: string, created: UserPoolType | undefined): Promise<UserPoolType> {
  const ids = await findPoolIds(ctx.port, name)
  if (created && wonAlone(created.Id, ids)) return created
  const pools = await managedPools(ctx.port, ids)
  const winner = pools[0]
  if (!winner?.Id) throw new Error(`user pool '${name}' was created but is not listed by ListUserPools; run the action again`)
  const extras = pools.slice(1).filter((p) => madeBy(p, ctx.token))
  for (const extra of extras) {
    // Created with deletion protection as asked: off first, from its description, so that it can go.
    if (extra.DeletionProtection === 'ACTIVE') await updatePool(ctx.port, poolUpdateRequest(extra, { DeletionProtection: 'INACTIVE' }), name)
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
