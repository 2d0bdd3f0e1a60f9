// The app client: callback and logout URLs, OAuth scopes and flows, identity providers, client type,
// token validity (settings.ts), and openmetadata-url's callback. Public ↔ confidential is a replace
// (create the new one, then delete the old); an update is read-merge-write (requests.ts).
import { parseBoolean } from '../../inputs/boolean.js'
import { callbackUrlFor, parseOpenMetadataUrl } from '../../inputs/openmetadata.js'
import { parseUrls } from '../../inputs/urls.js'
import type { Desired, Observed, ObservedClient, Step } from '../../model/types.js'
import type { Resource } from '../resource.js'
import { parseSettings, settingChanges } from '../shared/catalogue.js'
import { created, customScopes, stepFields } from '../shared/desired.js'
import { createClientWithSecret, deleteClient, describeClient, findClients, updateClient } from './calls.js'
import { countProblem } from '../shared/quotas.js'
import { APP_CLIENTS_PER_POOL } from '../../model/quotas.js'
import { parseClientName, parseClientType, parseFlows, parseProviders, parseScopes } from './parse.js'
import { clientUpdateRequest } from './requests.js'
import { CLIENT_SETTINGS, clientCreateRequest, readClientSettings, tokenOrderProblems, wantsSecret, type TokenValidity } from './settings.js'
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'

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
 * Every provider the client lists must exist in the pool or be declared; every custom scope must be
 * defined by an existing or declared resource server. A new pool has neither yet.
 */
function checkDependencies(desired: Desired, observed: Observed, problems: string[]): void {
  const declared = desired.federatedProviders.map((p) => p.name)
  const existing = observed.providerNames ?? []
  for (const name of desired.identityProviders) {
    if (name === 'COGNITO' || declared.includes(name) || existing.includes(name)) continue
    const where = observed.pool ? 'the user pool has no identity provider by that name' : 'the user pool does not exist yet, so it has no identity providers'
    problems.push(
      `identity-providers: '${name}' is neither declared in federated-providers nor an existing provider (${where}); ` +
        `declare it in federated-providers (name, type and details), or remove it from identity-providers`,
    )
  }
  const servers = [...(observed.resourceServers ?? []), ...desired.resourceServers]
  for (const scope of customScopes(desired)) {
    const defined = servers.some((s) => s.scopes.some((x) => `${s.identifier}/${x.name}` === scope))
    if (defined) continue
    const slash = scope.lastIndexOf('/')
    const id = scope.slice(0, slash)
    const server = servers.find((s) => s.identifier === id)
    const why = server
      ? `resource server '${id}' defines no scope '${scope.slice(slash + 1)}'`
      : observed.pool
        ? `no resource server '${id}' exists in the pool or is declared`
        : `the user pool does not exist yet, and resource-servers declares no '${id}'`
    problems.push(`oauth-scopes: '${scope}' is not defined (${why}); declare it in resource-servers, or remove it from oauth-scopes`)
  }
}

function clientStep(desired: Desired, observed: Observed, problems: string[]): Step {
  const name = desired.clientName
  if (observed.matchingClientIds.length > 1) {
    problems.push(
      `client-name: ${observed.matchingClientIds.length} app clients in the pool are named '${name}'; ` +
        `delete or rename all but one, or choose another client-name`,
    )
    return { resource: 'client', name, action: 'no-op', changes: [] }
  }
  const client = observed.client
  const wantSecret = wantsSecret(desired, client?.hasSecret)
  if (desired.oauthFlows.includes('client_credentials') && !wantSecret) {
    problems.push(
      `oauth-flows: client_credentials needs a confidential client (with a secret), and app client '${name}' ${client ? 'is public' : 'would be created public'}; set client-type: confidential` +
        (client ? ' and allow-client-replacement: true' : ''),
    )
  }
  if (!client || (wantSecret !== client.hasSecret && desired.allowClientReplacement)) {
    const replacing = client !== undefined
    return {
      resource: 'client',
      name,
      action: replacing ? 'replace' : 'create',
      changes: created({ ...clientCreateRequest(desired), GenerateSecret: wantSecret }).map((c) =>
        replacing && c.field === 'GenerateSecret' ? { ...c, before: client.hasSecret } : c,
      ),
    }
  }
  if (wantSecret !== client.hasSecret) {
    const [from, to] = client.hasSecret ? ['confidential (has a secret)', 'public'] : ['public (no secret)', 'confidential']
    problems.push(
      `client-type: app client '${name}' is ${from}; Cognito decides this only when a client is created, so it cannot become ${to} in place: ` +
        `set allow-client-replacement: true to create a new ${to} client (a new client ID; the old client is deleted after it exists), ` +
        `or choose another client-name`,
    )
    return { resource: 'client', name, action: 'replace-required', changes: [{ field: 'GenerateSecret', before: client.hasSecret, after: wantSecret }] }
  }
  const changes = settingChanges(CLIENT_SETTINGS, desired, client)
  // Cognito requires the default redirect URI to be one of the callback URLs.
  if (client.defaultRedirectUri !== undefined && !desired.callbackUrls.includes(client.defaultRedirectUri)) {
    changes.push({ field: 'DefaultRedirectURI', before: client.defaultRedirectUri, after: undefined })
  }
  return { resource: 'client', name, action: changes.length ? 'update' : 'no-op', changes }
}

export const client: Resource = {
  kind: 'client',
  dependsOn: ['pool', 'resource-server', 'provider'],
  inputs: [
    'client-name',
    'callback-urls',
    'logout-urls',
    'oauth-scopes',
    'oauth-flows',
    'identity-providers',
    'client-type',
    'allow-client-replacement',
    'openmetadata-url',
    ...CLIENT_SETTINGS.flatMap((s) => (s.input ? [s.input] : [])),
  ],

  parse(input, { problems, desired }) {
    const destroying = desired.mode === 'destroy' || desired.mode === 'plan-destroy'
    const openmetadataUrl = parseOpenMetadataUrl(input('openmetadata-url'), problems)
    // With openmetadata-url, an empty callback-urls means OpenMetadata's own callback.
    const omCallback = openmetadataUrl === undefined ? undefined : callbackUrlFor(openmetadataUrl)
    const callbackUrls =
      omCallback !== undefined && input('callback-urls') === ''
        ? [omCallback]
        : parseUrls('callback-urls', input('callback-urls'), !destroying && input('openmetadata-url') === '', problems)
    if (omCallback !== undefined && !callbackUrls.includes(omCallback)) {
      problems.push(
        `callback-urls: OpenMetadata signs in through '${omCallback}', which is not among the callback URLs; add it, or leave callback-urls empty to use it alone`,
      )
    }
    const logoutUrls = parseUrls('logout-urls', input('logout-urls'), false, problems)
    const clientName = parseClientName(input('client-name'), desired.poolName ?? '', problems)
    const oauthScopes = parseScopes(input('oauth-scopes'), problems)
    const clientType = parseClientType(input('client-type'), problems)
    const oauthFlows = parseFlows(input('oauth-flows'), clientType, oauthScopes, problems)
    const allowClientReplacement = parseBoolean('allow-client-replacement', input('allow-client-replacement'), false, problems)
    const identityProviders = parseProviders(input('identity-providers'), problems)
    const settings = parseSettings(CLIENT_SETTINGS, input, problems)
    return {
      clientName,
      callbackUrls,
      logoutUrls,
      oauthScopes,
      oauthFlows,
      identityProviders,
      allowClientReplacement,
      ...(clientType !== undefined ? { clientType } : {}),
      ...(openmetadataUrl !== undefined ? { openmetadataUrl } : {}),
      ...(Object.keys(settings).length ? { settings } : {}),
    }
  },

  async observe({ port, desired, destroying, location, observed, described, after, ready, found, secret }) {
    const poolId = location.poolId
    if (poolId === undefined) return
    const { ids, total } = await findClients(port, poolId, desired.clientName)
    observed.clientCount = total
    if (destroying) {
      // Destroy removes every client of the name, once the pool is confirmed (a pool already gone has none).
      await after('pool')
      if (!observed.pool) return
      for (const id of ids) found(id)
      observed.matchingClientIds = ids
      return
    }
    observed.matchingClientIds = ids
    // Two clients of the name, one public and one confidential, with allow-client-replacement: a replacement
    // stopped between the create and the delete (the delete failed or the run was cancelled). The client of
    // the type asked for is the one; the other is deleted, which is what the replacement was doing.
    if (ids.length === 2 && desired.allowClientReplacement && desired.clientType !== undefined) {
      await after('pool')
      const pair = (await Promise.all(ids.map((id) => describeClient(port, poolId, id, desired.clientName)))).filter((c) => c !== undefined)
      for (const c of pair) if (c.ClientSecret) secret(c.ClientSecret)
      const wanted = desired.clientType === 'confidential'
      const kept = pair.find((c) => Boolean(c.ClientSecret) === wanted)
      const left = pair.find((c) => Boolean(c.ClientSecret) !== wanted)
      if (pair.length === 2 && kept?.ClientId && left?.ClientId) {
        found(kept.ClientId)
        found(left.ClientId)
        observed.matchingClientIds = [kept.ClientId]
        observed.replacedClientId = left.ClientId
        described.client = kept
        observed.client = toObservedClient(kept)
      }
      return
    }
    // The branding style's read needs only the client's ID: it goes out with the describe.
    ready()
    const clientId = ids.length === 1 ? ids[0] : undefined
    if (clientId === undefined) return
    // Its secret is read only from a pool known to be ours (the domain's owner is checked while the list runs).
    await after('pool')
    found(clientId)
    const description = await describeClient(port, poolId, clientId, desired.clientName)
    if (!description) {
      observed.matchingClientIds = []
      return
    }
    if (description.ClientSecret) secret(description.ClientSecret)
    described.client = description
    observed.client = toObservedClient(description)
  },

  plan(desired, observed, problems) {
    checkDependencies(desired, observed, problems)
    // Access and ID tokens may not outlive the refresh token (AWSB-222).
    const asked = desired.settings?.['token-validity'] as TokenValidity | undefined
    const current = observed.client?.settings?.['token-validity'] as TokenValidity | undefined
    problems.push(...tokenOrderProblems(asked, current, desired.clientName))
    const step = clientStep(desired, observed, problems)
    // A replacement is created before the old client is deleted: both count (AWSB-201).
    if (step.action === 'create' || step.action === 'replace') {
      const pool = `user pool '${observed.pool?.name ?? desired.poolName}'`
      const fix = 'delete app clients the pool no longer uses, or use an existing client-name'
      const problem = countProblem('client-name', pool, APP_CLIENTS_PER_POOL, observed.clientCount ?? 0, 1, fix)
      if (problem) problems.push(problem)
    }
    if (observed.replacedClientId === undefined) return [step]
    // The client the stopped replacement left: of the other type, deleted once the kept one is as asked.
    const leftHasSecret = desired.clientType !== 'confidential'
    return [
      step,
      { resource: 'client', name: desired.clientName, action: 'delete', changes: [{ field: 'GenerateSecret', before: leftHasSecret, after: undefined }] },
    ]
  },

  async apply(step, ctx) {
    const poolId = ctx.ids.userPoolId
    if (step.action === 'create' || step.action === 'replace') {
      const fields = { ...stepFields(step), UserPoolId: poolId } as unknown as Parameters<typeof createClientWithSecret>[1]
      const old = ctx.described.client?.ClientId
      const made = await createClientWithSecret(ctx, fields, { ...(step.action === 'replace' && old ? { exclude: [old] } : {}), secret: ctx.secret })
      ctx.found(made.id)
      // Replacing: the old client goes only once the new one exists.
      if (step.action === 'replace' && old) await deleteClient(ctx.port, poolId, old, step.name)
      ctx.ids.clientId = made.id
      if (made.secret) ctx.ids.clientSecret = made.secret
      else delete ctx.ids.clientSecret
      return
    }
    if (step.action === 'delete') {
      // The client a stopped replacement left behind (observe found it beside the one asked for).
      const left = ctx.observed.replacedClientId
      if (left !== undefined) await deleteClient(ctx.port, poolId, left, step.name)
      return
    }
    const current = ctx.described.client
    if (!current) throw new Error('an update needs the described resource')
    await updateClient(ctx.port, clientUpdateRequest(current, stepFields(step)), step.name)
  },

  planDestroy(desired, observed) {
    if (!observed.pool) return []
    return observed.matchingClientIds.map((): Step => ({ resource: 'client', name: desired.clientName, action: 'delete', changes: [] }))
  },

  async destroy(step, ctx) {
    // One step per client of the name, in the order they were listed.
    const id = ctx.observed.matchingClientIds.shift()
    if (id !== undefined) await deleteClient(ctx.port, ctx.ids.userPoolId, id, step.name)
  },
}
