// Creates of identity providers and resource servers that cannot duplicate and converge. Both are
// unique in the pool (provider name, resource-server identifier), so one pattern serves both: a create
// whose answer was lost (5xx, reset, timeout, empty 200) or that finds the name taken (another run, or
// the lost answer created it) looks again; what it finds is adopted when it already has the declared
// configuration, else made so with one update (read-merge-write); when nothing is found, the create is
// tried again (at most `attempts` tries in all).
import type { IdentityProviderType, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider'
import type { DesiredProvider, DesiredResourceServer } from '../types.js'
import type { CognitoApi } from './api.js'
import { outcomeUnknown } from './creates.js'
import { AwsCallError } from './errors.js'
import { providerCreateRequest, providerUpdateRequest, resourceServerRequest } from './federation.js'

export interface ConvergeContext {
  api: CognitoApi
  /** How many times a create whose outcome is unknown is tried in all. */
  attempts: number
  /** Waits between tries (injected so that tests control time). */
  sleep: (ms: number) => Promise<void>
  /** Says what was found and done along the way. */
  note: (message: string) => void
}

export type ConvergeOutcome = 'created' | 'adopted' | 'updated'

const backoff = (attempt: number): number => Math.min(200 * 2 ** (attempt - 1), 2000)

/** The create found the name taken. */
const isDuplicateProvider = (error: unknown): boolean => error instanceof AwsCallError && error.code === 'DuplicateProviderException'
const isExistingServer = (error: unknown): boolean =>
  error instanceof AwsCallError && error.code === 'InvalidParameterException' && /already exists/i.test(error.message)

/** One create-or-converge loop: `create`, and on a lost answer or a taken name, `look` then `converge`. */
async function converge<T>(
  ctx: ConvergeContext,
  label: string,
  taken: (error: unknown) => boolean,
  create: () => Promise<unknown>,
  look: () => Promise<T | undefined>,
  settle: (found: T) => Promise<'adopted' | 'updated'>,
): Promise<ConvergeOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create()
      return 'created'
    } catch (error) {
      const unknown = outcomeUnknown(error)
      if (!unknown && !taken(error)) throw error
      ctx.note(`${label}: ${unknown ? 'the answer to the create was lost' : 'it exists already'}; looking again`)
      const found = await look()
      if (found !== undefined) {
        const outcome = await settle(found)
        ctx.note(`${label}: ${outcome === 'adopted' ? 'found it as declared; continuing with it' : 'found it; updated it to the declared configuration'}`)
        return outcome
      }
      // Taken but not found (a provider identifier another provider has): the create's error stands.
      if (!unknown || attempt >= ctx.attempts) throw error
      await ctx.sleep(backoff(attempt))
    }
  }
}

/** True when the described provider already has every declared detail, mapping and identifier. */
export function providerMatches(described: IdentityProviderType, p: DesiredProvider): boolean {
  if ((described.ProviderType ?? '') !== p.type) return false
  const details = described.ProviderDetails ?? {}
  if (Object.entries(p.details).some(([k, v]) => details[k] !== v)) return false
  const mapping = described.AttributeMapping ?? {}
  if (Object.entries(p.attributeMapping).some(([k, v]) => mapping[k] !== v)) return false
  if (p.identifiers !== undefined) {
    const have = [...(described.IdpIdentifiers ?? [])].sort()
    const want = [...p.identifiers].sort()
    if (have.length !== want.length || have.some((x, i) => x !== want[i])) return false
  }
  return true
}

/** True when the described resource server has the declared name and exactly the declared scopes. */
export function resourceServerMatches(described: ResourceServerType, s: DesiredResourceServer): boolean {
  if ((described.Name ?? '') !== s.name) return false
  const key = (name: string, description: string): string => JSON.stringify([name, description])
  const have = (described.Scopes ?? []).map((x) => key(x.ScopeName ?? '', x.ScopeDescription ?? '')).sort()
  const want = s.scopes.map((x) => key(x.name, x.description)).sort()
  return have.length === want.length && have.every((x, i) => x === want[i])
}

/** Creates the declared provider, or converges the one of that name the pool has (adopt, or one update). */
export async function createProvider(ctx: ConvergeContext, poolId: string, provider: DesiredProvider): Promise<ConvergeOutcome> {
  return converge(
    ctx,
    `Identity provider '${provider.name}'`,
    isDuplicateProvider,
    () => ctx.api.createProvider(providerCreateRequest(poolId, provider)),
    () => ctx.api.describeProvider(poolId, provider.name),
    async (found) => {
      if (providerMatches(found, provider)) return 'adopted'
      await ctx.api.updateProvider(providerUpdateRequest({ ...found, UserPoolId: poolId }, provider))
      return 'updated'
    },
  )
}

/** Creates the declared resource server, or converges the one with that identifier (adopt, or one update). */
export async function createResourceServer(ctx: ConvergeContext, poolId: string, server: DesiredResourceServer): Promise<ConvergeOutcome> {
  const request = resourceServerRequest(poolId, server)
  return converge(
    ctx,
    `Resource server '${server.identifier}'`,
    isExistingServer,
    () => ctx.api.createResourceServer(request),
    () => ctx.api.describeResourceServer(poolId, server.identifier),
    async (found) => {
      if (resourceServerMatches(found, server)) return 'adopted'
      await ctx.api.updateResourceServer(request)
      return 'updated'
    },
  )
}
