// The AWS layer of federation: identity providers, resource servers and the client a
// confidential/public change replaces. Observe reads only what the client depends on; apply writes
// providers and resource servers before the client that names them, each update carrying the whole
// provider or resource server (read-merge-write).
import type {
  CreateIdentityProviderRequest,
  IdentityProviderType,
  UpdateIdentityProviderRequest,
  UpdateResourceServerRequest,
} from '@aws-sdk/client-cognito-identity-provider'
import type { Desired, DesiredProvider, DesiredResourceServer, ObservedProvider, ObservedResourceServer, Plan, Step } from '../types.js'
import { clientProviders, customScopes } from '../federation/plan.js'
import type { CognitoApi } from './api.js'
import { createProvider, createResourceServer, type ConvergeContext } from './federation-creates.js'

/** ProviderDetails keys AWS derives (from SAML metadata or OIDC discovery): not sent back on update. */
const DERIVED_DETAILS = ['SSORedirectBindingURI', 'SLORedirectBindingURI', 'ActiveEncryptionCertificate']
const OIDC_DISCOVERED = ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri', 'attributes_url_add_attributes']

export interface FederationRaw {
  providers: Map<string, IdentityProviderType>
}

export function needsProviders(desired: Desired): boolean {
  return desired.federatedProviders.length > 0 || clientProviders(desired).some((p) => p !== 'COGNITO')
}

export function needsResourceServers(desired: Desired): boolean {
  return desired.resourceServers.length > 0 || customScopes(desired).length > 0
}

/**
 * Reads what the client depends on in an existing pool: the pool's provider names, the declared
 * providers described, and its resource servers. `secret` hears every secret AWS returns.
 */
export async function observeFederation(
  api: CognitoApi,
  desired: Desired,
  poolId: string,
  secret: (value: string) => void,
): Promise<{ providerNames?: string[]; providers?: ObservedProvider[]; resourceServers?: ObservedResourceServer[]; raw: FederationRaw }> {
  const raw: FederationRaw = { providers: new Map() }
  const [names, servers] = await Promise.all([
    needsProviders(desired) ? api.listProviderNames(poolId) : undefined,
    needsResourceServers(desired) ? api.listResourceServers(poolId) : undefined,
  ])
  const result: { providerNames?: string[]; providers?: ObservedProvider[]; resourceServers?: ObservedResourceServer[]; raw: FederationRaw } = { raw }
  if (names) {
    result.providerNames = names
    const declared = desired.federatedProviders.filter((p) => names.includes(p.name))
    // Listed a moment ago: one gone meanwhile is undefined (the plan then creates it).
    const described = await Promise.all(declared.map((p) => api.describeProvider(poolId, p.name)))
    result.providers = []
    for (const idp of described) {
      if (!idp?.ProviderName) continue
      // AWS returns provider secrets in clear: registered before anything can print them.
      for (const key of ['client_secret', 'private_key']) {
        const value = idp.ProviderDetails?.[key]
        if (value) secret(value)
      }
      raw.providers.set(idp.ProviderName, idp)
      result.providers.push({
        name: idp.ProviderName,
        type: idp.ProviderType ?? '',
        details: { ...(idp.ProviderDetails ?? {}) },
        attributeMapping: { ...(idp.AttributeMapping ?? {}) },
        identifiers: idp.IdpIdentifiers ?? [],
      })
    }
  }
  if (servers) {
    result.resourceServers = servers.map((s) => ({
      identifier: s.Identifier ?? '',
      name: s.Name ?? '',
      scopes: (s.Scopes ?? []).map((x) => ({ name: x.ScopeName ?? '', description: x.ScopeDescription ?? '' })),
    }))
  }
  return result
}

export function providerCreateRequest(poolId: string, p: DesiredProvider): CreateIdentityProviderRequest {
  return {
    UserPoolId: poolId,
    ProviderName: p.name,
    ProviderType: p.type as CreateIdentityProviderRequest['ProviderType'],
    ProviderDetails: { ...p.details },
    ...(Object.keys(p.attributeMapping).length ? { AttributeMapping: { ...p.attributeMapping } } : {}),
    ...(p.identifiers?.length ? { IdpIdentifiers: [...p.identifiers] } : {}),
  } satisfies CreateIdentityProviderRequest
}

/** The whole provider: the described one with derived details dropped, the declared values overlaid. */
export function providerUpdateRequest(described: IdentityProviderType, p: DesiredProvider): UpdateIdentityProviderRequest {
  const details: Record<string, string> = { ...(described.ProviderDetails ?? {}) }
  for (const key of DERIVED_DETAILS) delete details[key]
  if (p.type === 'SAML') {
    // One metadata source: the declared one.
    if (p.details.MetadataURL !== undefined) delete details.MetadataFile
    if (p.details.MetadataFile !== undefined) delete details.MetadataURL
  }
  if (p.type === 'OIDC' && p.details.oidc_issuer !== details.oidc_issuer) {
    for (const key of OIDC_DISCOVERED) if (p.details[key] === undefined) delete details[key]
  }
  Object.assign(details, p.details)
  return {
    UserPoolId: described.UserPoolId,
    ProviderName: p.name,
    ProviderDetails: details,
    AttributeMapping: { ...(described.AttributeMapping ?? {}), ...p.attributeMapping },
    IdpIdentifiers: p.identifiers ?? described.IdpIdentifiers ?? [],
  } satisfies UpdateIdentityProviderRequest
}

export function resourceServerRequest(poolId: string, s: DesiredResourceServer): UpdateResourceServerRequest {
  return {
    UserPoolId: poolId,
    Identifier: s.identifier,
    Name: s.name,
    Scopes: s.scopes.map((x) => ({ ScopeName: x.name, ScopeDescription: x.description })),
  } satisfies UpdateResourceServerRequest
}

/** Waits `ms` milliseconds (the default between tries of a create whose answer was lost). */
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Writes the provider and resource-server steps of the plan; called after the pool exists and before
 * the client. A create whose answer was lost or whose name is taken converges (federation-creates.ts).
 */
export async function applyFederation(
  api: CognitoApi,
  plan: Plan,
  desired: Desired,
  raw: FederationRaw,
  poolId: string,
  done: (step: Step) => void,
  retry: Partial<Omit<ConvergeContext, 'api'>> = {},
): Promise<void> {
  const ctx: ConvergeContext = { api, attempts: retry.attempts ?? 3, sleep: retry.sleep ?? wait, note: retry.note ?? (() => {}) }
  const work: Promise<void>[] = []
  for (const step of plan.steps) {
    if (step.resource === 'resource-server') {
      const server = desired.resourceServers.find((s) => s.identifier === step.name)
      if (!server || step.action === 'no-op') continue
      work.push(
        (async () => {
          if (step.action === 'create') await createResourceServer(ctx, poolId, server)
          else await api.updateResourceServer(resourceServerRequest(poolId, server))
          done(step)
        })(),
      )
    }
    if (step.resource === 'provider') {
      const provider = desired.federatedProviders.find((p) => p.name === step.name)
      if (!provider || step.action === 'no-op') continue
      work.push(
        (async () => {
          if (step.action === 'create') {
            await createProvider(ctx, poolId, provider)
          } else {
            const described = raw.providers.get(provider.name)
            if (!described) throw new Error(`identity provider '${provider.name}' was not described before its update`)
            await api.updateProvider(providerUpdateRequest(described, provider))
          }
          done(step)
        })(),
      )
    }
  }
  const results = await Promise.allSettled(work)
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}
