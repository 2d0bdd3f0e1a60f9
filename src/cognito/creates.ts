// Creates that cannot duplicate. AWS does not deduplicate CreateUserPool / CreateUserPoolClient, and
// two runs can create at the same moment. So: a create whose answer was lost is never repeated before
// looking again (a pool by this run's token tag, a client by name); after creating, the run looks
// again by name and the oldest managed resource wins (creation date, then ID); a run deletes only the
// extras it made itself.
import type { CreateUserPoolClientRequest, CreateUserPoolRequest, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../types.js'
import type { CognitoApi } from './api.js'
import { AwsCallError } from './errors.js'

/** The tag whose value is the token of the run that created the pool. */
export const RUN_TAG_KEY = 'cognito-sso-action:run'

export interface CreateContext {
  api: CognitoApi
  /** This run's token (random per run). */
  token: string
  /** How many times a create whose outcome is unknown is tried in all. */
  attempts: number
  /** Waits between tries (injected so that tests control time). */
  sleep: (ms: number) => Promise<void>
  /** Says what was found and done along the way. */
  note: (message: string) => void
}

/** True when the failure is a create whose request may have reached AWS. */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof AwsCallError && error.code === 'OutcomeUnknownError'
}

const backoff = (attempt: number): number => Math.min(200 * 2 ** (attempt - 1), 2000)

const isManaged = (pool: UserPoolType): boolean => pool.UserPoolTags?.[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE
const millis = (date: Date | undefined): number => (date instanceof Date ? date.getTime() : 0)

/** Oldest first: creation date, then ID. */
function byAge<T>(created: (x: T) => number, id: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => created(a) - created(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)
}

/** The managed pools named `name`, described, oldest first. Pools that vanished meanwhile are left out. */
async function managedPools(api: CognitoApi, name: string): Promise<UserPoolType[]> {
  const listed = await api.listPoolsNamed(name)
  const described = await Promise.all(listed.map((p) => api.describePool(p.id)))
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
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.api.createPool(tagged)
      break
    } catch (error) {
      if (!outcomeUnknown(error)) throw error
      ctx.note(`CreateUserPool: ${(error as AwsCallError).message.split('. ')[0]}; looking for a pool this run created before trying again`)
      const mine = (await managedPools(ctx.api, name)).filter((p) => p.UserPoolTags?.[RUN_TAG_KEY] === ctx.token)
      if (mine.length > 0) {
        ctx.note(`User pool '${name}': found the pool this run created; continuing with it`)
        break
      }
      if (attempt >= ctx.attempts) throw error
      await ctx.sleep(backoff(attempt))
    }
  }
  return settlePool(ctx, name)
}

/** Looks again by name: the oldest managed pool wins; this run deletes the other pools it created. */
async function settlePool(ctx: CreateContext, name: string): Promise<UserPoolType> {
  const pools = await managedPools(ctx.api, name)
  const winner = pools[0]
  if (!winner?.Id) throw new Error(`user pool '${name}' was created but is not listed by ListUserPools; run the action again`)
  const extras = pools.slice(1).filter((p) => p.UserPoolTags?.[RUN_TAG_KEY] === ctx.token)
  for (const extra of extras) {
    await ctx.api.deletePool(extra.Id ?? '', name)
  }
  if (extras.length > 0) {
    ctx.note(
      `User pool '${name}': deleted ${extras.length} extra pool${extras.length > 1 ? 's' : ''} this run had created (a lost answer or another run at the same time); kept the oldest`,
    )
  }
  if (winner.UserPoolTags?.[RUN_TAG_KEY] !== ctx.token) {
    ctx.note(`User pool '${name}': another run created it first; continuing with that pool`)
  }
  return winner
}

/**
 * Creates the app client and returns the client this run goes on with: the oldest client of that name
 * in the pool. An answer lost on create is followed by a look by name before trying again; a client
 * this run created that lost to an older one is deleted.
 */
export async function createClient(ctx: CreateContext, request: CreateUserPoolClientRequest): Promise<string> {
  return (await createClientWithSecret(ctx, request)).id
}

export interface ClientCreateOptions {
  /** Clients of that name that are not candidates (the client being replaced). */
  exclude?: string[]
  /** Hears a confidential client's secret as soon as it is known, before anything can print it. */
  secret?: (value: string) => void
}

/**
 * Creates the app client and returns the one this run goes on with (the oldest of that name, less
 * `exclude`), with its secret when it has one: from the create's answer, or described when adopted.
 */
export async function createClientWithSecret(
  ctx: CreateContext,
  request: CreateUserPoolClientRequest,
  options: ClientCreateOptions = {},
): Promise<{ id: string; secret?: string }> {
  const poolId = request.UserPoolId ?? ''
  const name = request.ClientName ?? ''
  const exclude = options.exclude ?? []
  const candidates = async (): Promise<string[]> => (await ctx.api.findClientIds(poolId, name)).filter((id) => !exclude.includes(id))
  let mine: { id: string; secret?: string } | undefined
  for (let attempt = 1; ; attempt++) {
    try {
      mine = await ctx.api.createClientWithSecret(request)
      if (mine.secret) options.secret?.(mine.secret)
      break
    } catch (error) {
      if (!outcomeUnknown(error)) throw error
      ctx.note(`CreateUserPoolClient: ${(error as AwsCallError).message.split('. ')[0]}; looking for the app client by name before trying again`)
      if ((await candidates()).length > 0) {
        ctx.note(`App client '${name}': found it; continuing with it`)
        break
      }
      if (attempt >= ctx.attempts) throw error
      await ctx.sleep(backoff(attempt))
    }
  }
  const ids = await candidates()
  const described = (await Promise.all(ids.map((id) => ctx.api.describeClient(poolId, id, name)))).filter((c): c is UserPoolClientType => c !== undefined)
  for (const c of described) if (c.ClientSecret) options.secret?.(c.ClientSecret)
  described.sort(
    byAge(
      (c) => millis(c.CreationDate),
      (c) => c.ClientId ?? '',
    ),
  )
  const oldest = described[0]
  const winner = oldest?.ClientId ?? mine?.id
  if (!winner) throw new Error(`app client '${name}' was created but is not listed by ListUserPoolClients; run the action again`)
  if (mine && mine.id !== winner && described.some((c) => c.ClientId === mine?.id)) {
    await ctx.api.deleteClient(poolId, mine.id, name)
    ctx.note(`App client '${name}': deleted the extra client this run had created (another run created one first); kept the oldest`)
  }
  const secret = winner === mine?.id ? mine.secret : oldest?.ClientSecret
  return { id: winner, ...(secret ? { secret } : {}) }
}

/**
 * Creates the prefix domain. The prefix is unique at AWS: when the create fails or its answer is lost
 * but the prefix now belongs to this pool (another run, or the lost answer, created it), that is success.
 */
export async function createDomain(
  ctx: CreateContext,
  userPoolId: string,
  domain: string,
  certificateArn?: string,
  version?: number,
): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.api.createDomain(userPoolId, domain, certificateArn, version)
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error
      const described = await ctx.api.describeDomain(domain)
      const owner = described?.UserPoolId
      if (owner === userPoolId) {
        ctx.note(`Domain '${domain}': already belongs to this pool (another run or a lost answer created it)`)
        return described?.CloudFrontDistribution || undefined
      }
      if (!outcomeUnknown(error) || owner !== undefined || attempt >= ctx.attempts) throw error
      await ctx.sleep(backoff(attempt))
    }
  }
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
