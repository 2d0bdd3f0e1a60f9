// Observe: read what exists into plain data for the plan, keeping the raw descriptions that
// read-merge-write updates start from. Reads only what the plan needs, independent reads in parallel.
import type { UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { isCustomDomain } from '../custom-domain.js'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE, type Desired, type DomainOwner, type Observed, type ObservedClient, type ObservedPool } from '../types.js'
import { readClientSettings } from '../settings/client.js'
import { readPoolSettings } from '../settings/pool.js'
import type { CognitoApi } from './api.js'
import { PoolNotFoundError } from './errors.js'
import { oldestOfRace } from './creates.js'
import { observeFederation, type FederationRaw } from './federation.js'
import type { MfaConfig } from '../mfa.js'

/** The described resources, as the SDK returned them; only the AWS layer looks inside. */
export interface RawState {
  pool?: UserPoolType
  client?: UserPoolClientType
  /** Described identity providers (federated-providers). */
  federation?: FederationRaw
  /** GetUserPoolMfaConfig's answer (only with the `mfa` input). */
  mfa?: MfaConfig
}

/**
 * `found` hears each ID of our pool and client as soon as it is known, before any later call whose
 * error could name it (main registers them as secrets there).
 */
export async function observe(
  api: CognitoApi,
  desired: Desired,
  found: (id: string) => void = () => {},
  secret: (value: string) => void = () => {},
): Promise<{ observed: Observed; raw: RawState }> {
  let poolIds = desired.userPoolId ? [desired.userPoolId] : await api.findPoolIds(desired.poolName)
  if (poolIds.length > 1) poolIds = await settlingRace(api, poolIds)
  let domainOwner: string | undefined
  if (poolIds.length === 0) {
    domainOwner = await api.domainOwner(desired.domain)
    // A concurrent run of this action may have created the pool (and its domain) after our ListUserPools:
    // a pool of this name with the managed tag that owns the domain is that pool, not someone else's.
    if (domainOwner !== undefined && (await isTwinOfThisRun(api, domainOwner, desired.poolName))) poolIds = [domainOwner]
  }
  const observed: Observed = { matchingPoolIds: poolIds, matchingClientIds: [] }
  const raw: RawState = {}
  const poolId = poolIds.length === 1 ? poolIds[0] : undefined

  if (poolIds.length > 1) return { observed, raw }
  if (poolId === undefined) {
    observed.desiredDomainOwner = toOwner(domainOwner, undefined)
    return { observed, raw }
  }

  found(poolId)
  const [pool, clientIds] = await Promise.all([api.describePool(poolId), api.findClientIds(poolId, desired.clientName)])
  if (!pool) {
    if (desired.userPoolId) throw new PoolNotFoundError(desired.userPoolId, desired.region)
    throw new Error(`user pool '${desired.poolName}' disappeared while this run was reading it; run the action again`)
  }
  raw.pool = pool
  if (pool.Arn) found(pool.Arn)
  observed.pool = toObservedPool(pool)
  observed.matchingClientIds = clientIds

  const clientId = clientIds.length === 1 ? clientIds[0] : undefined
  if (clientId !== undefined) found(clientId)
  const has = isCustomDomain(desired.domain) ? observed.pool.customDomain : observed.pool.domain
  const needOwner = has !== desired.domain
  // The custom domain's certificate and CloudFront target matter only when the action manages a custom domain.
  // With managed-login set, the domain's version is read too (a prefix domain's only then).
  const customDomain = isCustomDomain(desired.domain)
    ? observed.pool.customDomain
    : desired.managedLogin !== undefined && has === desired.domain
      ? has
      : undefined
  const [client, owner, custom, federation, mfa, branding, userEmails] = await Promise.all([
    clientId === undefined ? undefined : api.describeClient(poolId, clientId, desired.clientName),
    needOwner ? api.domainOwner(desired.domain) : undefined,
    customDomain === undefined ? undefined : api.describeDomain(customDomain),
    observeFederation(api, desired, poolId, secret),
    // DescribeUserPool does not tell TOTP or email MFA: read them only when MFA is managed.
    desired.mfa ? api.getMfaConfig(poolId) : undefined,
    desired.managedLogin === 2 && clientId !== undefined ? api.brandingIdForClient(poolId, clientId, desired.clientName) : undefined,
    desired.inviteUsers ? api.listUserEmails(poolId) : undefined,
  ])
  if (userEmails) observed.userEmails = userEmails
  if (desired.managedLogin !== undefined && custom) observed.domainVersion = custom.ManagedLoginVersion ?? 1
  if (desired.managedLogin === 2 && clientId !== undefined) observed.clientHasBranding = branding !== undefined
  if (mfa) {
    raw.mfa = mfa
    observed.pool.mfa = mfa
    if (pool.SmsConfiguration?.SnsCallerArn) observed.pool.smsRoleArn = pool.SmsConfiguration.SnsCallerArn
  }
  if (customDomain !== undefined && isCustomDomain(desired.domain)) {
    observed.customDomain = {
      name: customDomain,
      ...(custom?.CustomDomainConfig?.CertificateArn ? { certificateArn: custom.CustomDomainConfig.CertificateArn } : {}),
      ...(custom?.CloudFrontDistribution ? { cloudFrontDomain: custom.CloudFrontDistribution } : {}),
      ...(custom?.Status ? { status: custom.Status } : {}),
    }
  }
  raw.federation = federation.raw
  if (federation.providerNames) observed.providerNames = federation.providerNames
  if (federation.providers) observed.providers = federation.providers
  if (federation.resourceServers) observed.resourceServers = federation.resourceServers
  if (client) {
    if (client.ClientSecret) secret(client.ClientSecret)
    raw.client = client
    observed.client = toObservedClient(client)
  } else if (clientId !== undefined) {
    observed.matchingClientIds = []
  }
  if (needOwner) observed.desiredDomainOwner = toOwner(owner, poolId)
  return { observed, raw }
}

function toOwner(ownerId: string | undefined, poolId: string | undefined): DomainOwner {
  if (ownerId === undefined) return { kind: 'free' }
  if (ownerId === poolId) return { kind: 'this-pool' }
  return { kind: 'other-pool', userPoolId: ownerId }
}

export function toObservedPool(pool: UserPoolType): ObservedPool {
  return {
    id: pool.Id ?? '',
    arn: pool.Arn ?? '',
    name: pool.Name ?? '',
    deletionProtection: pool.DeletionProtection === 'ACTIVE',
    autoVerifiedAttributes: pool.AutoVerifiedAttributes ?? [],
    usernameAttributes: pool.UsernameAttributes ?? [],
    aliasAttributes: pool.AliasAttributes ?? [],
    usernameCaseSensitive: pool.UsernameConfiguration?.CaseSensitive ?? true,
    schema: (pool.SchemaAttributes ?? []).map((a) => ({ name: a.Name ?? '', required: a.Required ?? false })),
    ...(pool.Domain ? { domain: pool.Domain } : {}),
    ...(pool.CustomDomain ? { customDomain: pool.CustomDomain } : {}),
    managedByAction: pool.UserPoolTags?.[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE,
    settings: readPoolSettings(pool),
  }
}

export function toObservedClient(client: UserPoolClientType): ObservedClient {
  return {
    id: client.ClientId ?? '',
    name: client.ClientName ?? '',
    hasSecret: Boolean(client.ClientSecret),
    callbackUrls: client.CallbackURLs ?? [],
    logoutUrls: client.LogoutURLs ?? [],
    ...(client.DefaultRedirectURI ? { defaultRedirectUri: client.DefaultRedirectURI } : {}),
    oauthFlows: client.AllowedOAuthFlows ?? [],
    oauthScopes: client.AllowedOAuthScopes ?? [],
    identityProviders: client.SupportedIdentityProviders ?? [],
    oauthEnabled: client.AllowedOAuthFlowsUserPoolClient ?? false,
    settings: readClientSettings(client),
  }
}

/**
 * Several pools of that name, all made by this action in runs that raced (each carries a run token):
 * the oldest wins and the runs that made the others are deleting them, so only the oldest is seen.
 * Any other mix stays a problem for the plan to report.
 */
async function settlingRace(api: CognitoApi, poolIds: string[]): Promise<string[]> {
  const pools = await Promise.all(poolIds.map((id) => api.describePool(id)))
  const winner = oldestOfRace(pools)
  return winner ? [winner] : poolIds
}

/** Whether the pool that owns the domain is this action's pool of this name (made by a concurrent run). */
async function isTwinOfThisRun(api: CognitoApi, poolId: string, poolName: string): Promise<boolean> {
  // Not readable (another account's rules, a race with its deletion): then it is someone else's, as before.
  // Its ID is not ours, so an error that would name it is not passed on.
  const pool = await api.describePool(poolId).catch(() => undefined)
  return pool?.Name === poolName && pool.UserPoolTags?.[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE
}
