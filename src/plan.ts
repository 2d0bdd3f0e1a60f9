// desired × observed → Plan. Pure: no I/O, no SDK, no @actions/core.
//
// Field names in `changes` are the Cognito API's request members and `after` holds the exact value
// to send, so the plan that is shown is the request that apply makes: apply overlays the changes on
// the described resource (updates) or sends them as they are (creates).

import {
  MANAGED_TAG_KEY,
  MANAGED_TAG_VALUE,
  type Desired,
  type FieldChange,
  type Observed,
  type ObservedClient,
  type ObservedPool,
  type Plan,
  type Step,
} from './types.js'
import { clientProviders, federationSteps } from './federation/plan.js'

/** Explicit auth flows a new client gets: refresh tokens and SRP, as the console's web-app default. */
export const NEW_CLIENT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']

export function plan(desired: Desired, observed: Observed): Plan {
  const problems: string[] = []
  if (observed.matchingPoolIds.length > 1) {
    problems.push(
      `pool-name: ${observed.matchingPoolIds.length} user pools in ${desired.region} are named '${desired.poolName}' ` +
        `(${observed.matchingPoolIds.join(', ')}); set user-pool-id to the one this action should manage`,
    )
    return { steps: [], changed: false, problems }
  }

  const steps: Step[] = [poolStep(desired, observed.pool, problems)]
  steps.push(domainStep(desired, observed, problems))
  steps.push(...federationSteps(desired, observed, problems))
  steps.push(clientStep(desired, observed, problems))
  return { steps, changed: steps.some((s) => s.action !== 'no-op'), problems }
}

function poolStep(desired: Desired, pool: ObservedPool | undefined, problems: string[]): Step {
  const deletionProtection = desired.deletionProtection ? 'ACTIVE' : 'INACTIVE'
  if (!pool) {
    return {
      resource: 'pool',
      name: desired.poolName,
      action: 'create',
      changes: created({
        PoolName: desired.poolName,
        DeletionProtection: deletionProtection,
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UserPoolTags: { [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE },
      }),
    }
  }

  // Settings Cognito fixes when the pool is created: a difference cannot be applied in place.
  const fixed: FieldChange[] = []
  const email = pool.schema.find((a) => a.name === 'email')
  if (!email?.required) {
    fixed.push({ field: 'Schema.email.Required', before: email?.required ?? false, after: true })
  }
  if (!pool.usernameAttributes.includes('email') && !pool.aliasAttributes.includes('email')) {
    fixed.push({ field: 'UsernameAttributes', before: pool.usernameAttributes, after: ['email'] })
  }
  if (pool.usernameCaseSensitive) {
    fixed.push({ field: 'UsernameConfiguration.CaseSensitive', before: true, after: false })
  }
  if (fixed.length > 0) {
    for (const f of fixed) {
      problems.push(
        `pool-name: user pool '${pool.name}' has ${f.field} = ${show(f.before)}, but SSO by email needs ${show(f.after)}; ` +
          `Cognito sets this only when a pool is created, so it cannot be changed in place: ` +
          `use a new pool-name (the action creates a pool with it) and migrate users, or point user-pool-id at a pool that has it`,
      )
    }
    return { resource: 'pool', name: pool.name, action: 'replace-required', changes: fixed }
  }

  const changes: FieldChange[] = []
  const before = pool.deletionProtection ? 'ACTIVE' : 'INACTIVE'
  if (before !== deletionProtection) {
    changes.push({ field: 'DeletionProtection', before, after: deletionProtection })
  }
  if (!pool.autoVerifiedAttributes.includes('email')) {
    changes.push(listChange('AutoVerifiedAttributes', pool.autoVerifiedAttributes, [...pool.autoVerifiedAttributes, 'email']))
  }
  return { resource: 'pool', name: pool.name, action: changes.length ? 'update' : 'no-op', changes }
}

function domainStep(desired: Desired, observed: Observed, problems: string[]): Step {
  const name = desired.domain
  const current = observed.pool?.domain
  if (current === desired.domain) return { resource: 'domain', name, action: 'no-op', changes: [] }

  const owner = observed.desiredDomainOwner ?? { kind: 'free' }
  if (owner.kind === 'other-pool') {
    problems.push(
      `domain: the prefix '${desired.domain}' already belongs to another user pool (${owner.userPoolId}); ` +
        `choose another domain prefix, or delete that pool's domain first`,
    )
  }
  if (current !== undefined) {
    return {
      resource: 'domain',
      name,
      action: 'replace',
      replaces: current,
      changes: [{ field: 'Domain', before: current, after: desired.domain }],
    }
  }
  return { resource: 'domain', name, action: 'create', changes: created({ Domain: desired.domain }) }
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
  const wantSecret = desired.clientType === undefined ? (client?.hasSecret ?? false) : desired.clientType === 'confidential'
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
      changes: created({
        ClientName: name,
        GenerateSecret: wantSecret,
        CallbackURLs: desired.callbackUrls,
        ...(desired.logoutUrls.length ? { LogoutURLs: desired.logoutUrls } : {}),
        AllowedOAuthFlows: desired.oauthFlows,
        AllowedOAuthScopes: desired.oauthScopes,
        AllowedOAuthFlowsUserPoolClient: true,
        SupportedIdentityProviders: clientProviders(desired),
        ExplicitAuthFlows: NEW_CLIENT_AUTH_FLOWS,
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
      }).map((c) => (replacing && c.field === 'GenerateSecret' ? { ...c, before: client.hasSecret } : c)),
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
  return { resource: 'client', name, ...clientUpdate(desired, client) }
}

function clientUpdate(desired: Desired, client: ObservedClient): Pick<Step, 'action' | 'changes'> {
  const changes: FieldChange[] = []
  const lists: [string, string[], string[]][] = [
    ['CallbackURLs', client.callbackUrls, desired.callbackUrls],
    ['LogoutURLs', client.logoutUrls, desired.logoutUrls],
    ['AllowedOAuthFlows', client.oauthFlows, desired.oauthFlows],
    ['AllowedOAuthScopes', client.oauthScopes, desired.oauthScopes],
    ['SupportedIdentityProviders', client.identityProviders, clientProviders(desired)],
  ]
  for (const [field, before, after] of lists) {
    if (!sameSet(before, after)) changes.push(listChange(field, before, after))
  }
  if (!client.oauthEnabled) {
    changes.push({ field: 'AllowedOAuthFlowsUserPoolClient', before: false, after: true })
  }
  // Cognito requires the default redirect URI to be one of the callback URLs.
  if (client.defaultRedirectUri !== undefined && !desired.callbackUrls.includes(client.defaultRedirectUri)) {
    changes.push({ field: 'DefaultRedirectURI', before: client.defaultRedirectUri, after: undefined })
  }
  return { action: changes.length ? 'update' : 'no-op', changes }
}

function created(fields: Record<string, unknown>): FieldChange[] {
  return Object.entries(fields).map(([field, after]) => ({ field, before: undefined, after }))
}

function listChange(field: string, before: string[], after: string[]): FieldChange {
  return {
    field,
    before,
    after,
    added: after.filter((x) => !before.includes(x)),
    removed: before.filter((x) => !after.includes(x)),
  }
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}

function show(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v)
}

/** The request members a step sends: its changes' `after` values (undefined = leave out). */
export function stepFields(step: Step): Record<string, unknown> {
  return Object.fromEntries(step.changes.map((c) => [c.field, c.after]))
}
