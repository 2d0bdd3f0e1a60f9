// The identity provider's AWS calls, through the port, and its requests (read-merge-write on update).
import type { CreateIdentityProviderRequest, IdentityProviderType, UpdateIdentityProviderRequest } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import type { DesiredProvider } from '../../model/types.js'
import { adoptOrUpdate, converge, failedWith, type ConvergeOutcome, type CreateContext } from '../shared/converge.js'

/** ProviderDetails keys AWS derives (from SAML metadata or OIDC discovery): not sent back on update. */
const DERIVED_DETAILS = ['SSORedirectBindingURI', 'SLORedirectBindingURI', 'ActiveEncryptionCertificate']
const OIDC_DISCOVERED = ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri', 'attributes_url_add_attributes']

/**
 * ProviderDetails AWS takes but never describes back (write-only), by provider type: Sign in with
 * Apple's `private_key` (AWSB-083). A value AWS does not return cannot be compared: it is sent on create
 * and with every update made for another reason (a new `key_id` above all: Apple issues each key with its
 * own key ID, so rotating the key is giving the new key-id and private-key together), never compared.
 */
export const WRITE_ONLY_DETAILS: Readonly<Record<string, readonly string[]>> = { SignInWithApple: ['private_key'] }

/** Whether AWS never describes this detail of a provider of this type back. */
export const writeOnly = (type: string, key: string): boolean => WRITE_ONLY_DETAILS[type]?.includes(key) ?? false

/** The name of every identity provider of the pool, across all pages. */
export async function listProviderNames(port: CognitoPort, userPoolId: string): Promise<string[]> {
  const providers = await port.list('ListIdentityProviders', { UserPoolId: userPoolId }, 'identity providers of the user pool')
  return providers.flatMap((p) => (p.ProviderName ? [p.ProviderName] : []))
}

/** The identity provider, or undefined when the pool has none of that name. */
export async function describeProvider(port: CognitoPort, userPoolId: string, name: string): Promise<IdentityProviderType | undefined> {
  const out = await port.find('DescribeIdentityProvider', { UserPoolId: userPoolId, ProviderName: name }, `identity provider '${name}'`, ['IdentityProvider'])
  return out?.IdentityProvider
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

export async function updateProvider(port: CognitoPort, request: UpdateIdentityProviderRequest): Promise<void> {
  await port.call('UpdateIdentityProvider', request, `identity provider '${request.ProviderName}'`)
}

/** True when the described provider already has every declared detail (write-only ones aside), mapping and identifier. */
export function providerMatches(described: IdentityProviderType, p: DesiredProvider): boolean {
  if ((described.ProviderType ?? '') !== p.type) return false
  const details = described.ProviderDetails ?? {}
  if (Object.entries(p.details).some(([k, v]) => !writeOnly(p.type, k) && details[k] !== v)) return false
  const mapping = described.AttributeMapping ?? {}
  if (Object.entries(p.attributeMapping).some(([k, v]) => mapping[k] !== v)) return false
  if (p.identifiers !== undefined) {
    const have = [...(described.IdpIdentifiers ?? [])].sort()
    const want = [...p.identifiers].sort()
    if (have.length !== want.length || have.some((x, i) => x !== want[i])) return false
  }
  return true
}

/**
 * Creates the declared provider, or converges the one of that name the pool has: a create whose answer
 * was lost, or that finds the name taken (DuplicateProviderException), looks again; what it finds is
 * adopted when it already has the declared configuration, else made so with one update.
 */
export async function createProvider(ctx: CreateContext, poolId: string, provider: DesiredProvider): Promise<ConvergeOutcome> {
  const label = `Identity provider '${provider.name}'`
  const outcome = await converge(ctx, {
    create: () =>
      ctx.port.call('CreateIdentityProvider', providerCreateRequest(poolId, provider), `identity provider '${provider.name}'`, ['IdentityProvider']),
    taken: (error) => failedWith(error, 'DuplicateProviderException'),
    lost: (_error, unknown) => `${label}: ${unknown ? 'the answer to the create was lost' : 'it exists already'}; looking again`,
    look: () => describeProvider(ctx.port, poolId, provider.name),
  })
  return adoptOrUpdate(
    ctx,
    label,
    outcome,
    (found) => providerMatches(found, provider),
    (found) => updateProvider(ctx.port, providerUpdateRequest({ ...found, UserPoolId: poolId }, provider)),
  )
}
