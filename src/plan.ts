// desired × observed → Plan. Pure: no I/O, no SDK, no @actions/core.
//
// Field names in `changes` are the Cognito API's request members and `after` holds the exact value
// to send, so the plan that is shown is the request that apply makes: apply overlays the changes on
// the described resource (updates) or sends them as they are (creates).

import { isCustomDomain } from './custom-domain.js'
import { mfaStep } from './mfa.js'
import { usersStep } from './invite-users.js'
import { brandingStep, managedLoginProblems, versionChange } from './managed-login.js'
import { diffSetting, tierAtLeast, tierName, type AnySetting, type Tier } from './settings/catalogue.js'
import { CLIENT_SETTINGS, clientCreateRequest, NEW_CLIENT_AUTH_FLOWS, wantsSecret } from './settings/client.js'
import { desiredValue, POOL_SETTINGS, poolCreateRequest } from './settings/pool.js'
import { type Desired, type FieldChange, type Observed, type ObservedClient, type ObservedPool, type Plan, type Step } from './types.js'
import { federationSteps } from './federation/plan.js'

export { NEW_CLIENT_AUTH_FLOWS }

/**
 * Several pools share the name. Their IDs are not printed (they are masked, and they are not ours):
 * the user finds them where IDs are shown anyway.
 */
export function duplicatePoolsProblem(desired: Pick<Desired, 'region' | 'poolName'>, count: number, verb: 'manage' | 'destroy'): string {
  return (
    `pool-name: ${count} user pools in ${desired.region} are named '${desired.poolName}'; ` +
    `set user-pool-id to the ID of the one this action should ${verb} (the Cognito console lists each pool's ID and ` +
    `creation date, as does 'aws cognito-idp list-user-pools --max-results 60')`
  )
}

export function plan(desired: Desired, observed: Observed): Plan {
  const problems: string[] = []
  if (observed.matchingPoolIds.length > 1) {
    problems.push(duplicatePoolsProblem(desired, observed.matchingPoolIds.length, 'manage'))
    return { steps: [], changed: false, problems }
  }

  const steps: Step[] = [poolStep(desired, observed.pool, problems)]
  const mfa = mfaStep(desired, observed.pool, problems)
  if (mfa) steps.push(mfa)
  steps.push(domainStep(desired, observed, problems))
  steps.push(...federationSteps(desired, observed, problems))
  steps.push(clientStep(desired, observed, problems))
  problems.push(...managedLoginProblems(desired, observed))
  const branding = brandingStep(desired, observed)
  if (branding) steps.push(branding)
  const users = usersStep(desired, observed)
  if (users) steps.push(users)
  return { steps, changed: steps.some((s) => s.action !== 'no-op'), problems }
}

function poolStep(desired: Desired, pool: ObservedPool | undefined, problems: string[]): Step {
  if (!pool) {
    problems.push(...tierProblems(desired, POOL_SETTINGS, undefined))
    return { resource: 'pool', name: desired.poolName, action: 'create', changes: created({ ...poolCreateRequest(desired) }) }
  }
  problems.push(...tierProblems(desired, POOL_SETTINGS, observedValue(POOL_SETTINGS, pool, 'feature-plan') as Tier | undefined, pool))

  // Settings Cognito fixes when the pool is created: a difference cannot be applied in place.
  const fixed: FieldChange[] = []
  for (const setting of POOL_SETTINGS.filter((s) => s.createOnly)) {
    const current = observedValue([setting], pool, setting.key)
    const want = desiredValue(setting, desired, true, current)
    if (want === undefined) continue
    for (const f of diffSetting(setting, want, current)) {
      fixed.push(f)
      const asked = setting.input && desired.settings?.[setting.key] !== undefined ? `${setting.input} asks for` : 'SSO by email needs'
      problems.push(
        `${setting.input && desired.settings?.[setting.key] !== undefined ? setting.input : 'pool-name'}: user pool '${pool.name}' has ${f.field} = ${show(f.before)}, but ${asked} ${show(f.after)}; ` +
          `Cognito sets this only when a pool is created, so it cannot be changed in place: ` +
          `use a new pool-name (the action creates a pool with it) and migrate users, or point user-pool-id at a pool that has it`,
      )
    }
  }
  if (fixed.length > 0) return { resource: 'pool', name: pool.name, action: 'replace-required', changes: fixed }

  const changes = settingChanges(
    POOL_SETTINGS.filter((s) => !s.createOnly),
    desired,
    pool,
  )
  return { resource: 'pool', name: pool.name, action: changes.length ? 'update' : 'no-op', changes }
}

/** The changes that bring the observed resource's settings to the desired ones, setting by setting. */
function settingChanges(settings: readonly AnySetting[], desired: Desired, observed: ObservedPool | ObservedClient): FieldChange[] {
  return settings.flatMap((setting) => {
    const current = observedValue([setting], observed, setting.key)
    const want = desiredValue(setting, desired, true, current)
    return want === undefined ? [] : diffSetting(setting, want, current)
  })
}

function observedValue(settings: readonly AnySetting[], observed: ObservedPool | ObservedClient, key: string): unknown {
  const setting = settings.find((s) => s.key === key)
  if (observed.settings && key in observed.settings) return observed.settings[key]
  return setting?.fromObserved?.(observed)
}

/** Settings whose value needs a higher feature plan than the pool will have: refused before any write. */
function tierProblems(desired: Desired, settings: readonly AnySetting[], current: Tier | undefined, pool?: ObservedPool): string[] {
  const tier = (desired.settings?.['feature-plan'] as Tier | undefined) ?? current ?? 'ESSENTIALS'
  const problems: string[] = []
  for (const setting of settings) {
    const asked = desired.settings?.[setting.key]
    const need = asked !== undefined ? setting.needs?.(asked) : undefined
    // A lower plan asked for must not strand a setting the pool already has (the update would carry it).
    const kept = asked === undefined && pool ? observedValue([setting], pool, setting.key) : undefined
    const keptNeed = kept !== undefined ? setting.needs?.(kept) : undefined
    if (!need && keptNeed && !tierAtLeast(tier, keptNeed.tier)) {
      problems.push(
        `feature-plan: the pool has ${keptNeed.why}, which needs the ${tierName(keptNeed.tier)} feature plan or higher; ` +
          `set feature-plan: ${tierName(keptNeed.tier)}, or turn it off first (e.g. ${setting.input ?? setting.key} without it)`,
      )
    }
    if (need && !tierAtLeast(tier, need.tier)) {
      problems.push(
        `${setting.input ?? setting.key}: ${need.why} needs the ${tierName(need.tier)} feature plan or higher, but the pool ${desired.settings?.['feature-plan'] ? 'is asked to be' : 'is'} on ${tierName(tier)}; ` +
          `set feature-plan: ${tierName(need.tier)} (it changes the bill) or remove it`,
      )
    }
  }
  return problems
}

function domainStep(desired: Desired, observed: Observed, problems: string[]): Step {
  const name = desired.domain
  const custom = isCustomDomain(name)
  // A pool has at most one prefix and one custom domain; the action manages one of them. Moving
  // between prefix and custom (or one custom name to another) is a replace: delete, then create.
  const current = custom ? observed.pool?.customDomain : observed.pool?.domain
  const otherKind = custom ? observed.pool?.domain : observed.pool?.customDomain
  const config = {
    ...(custom ? { CustomDomainConfig: { CertificateArn: desired.certificateArn } } : {}),
    ...(desired.managedLogin !== undefined ? { ManagedLoginVersion: desired.managedLogin } : {}),
  }
  if (current === desired.domain) {
    const certificate = observed.customDomain?.name === name ? observed.customDomain.certificateArn : undefined
    const version = versionChange(desired, observed.domainVersion)
    const changes = [
      ...(custom && (certificate !== desired.certificateArn || version)
        ? [{ field: 'CustomDomainConfig', before: certificate === undefined ? undefined : { CertificateArn: certificate }, after: config.CustomDomainConfig }]
        : []),
      ...(version ? [version] : []),
    ]
    // A new certificate or version is an UpdateUserPoolDomain of the same name.
    return { resource: 'domain', name, action: changes.length ? 'update' : 'no-op', changes }
  }

  const owner = observed.desiredDomainOwner ?? { kind: 'free' }
  if (owner.kind === 'other-pool') {
    const what = custom ? `custom domain '${desired.domain}'` : `prefix '${desired.domain}'`
    problems.push(
      // That pool is not ours: its ID is never printed (main registers it as a secret).
      `domain: the ${what} already belongs to another user pool in this account; ` +
        `choose another domain${custom ? '' : ' prefix'}, or delete that pool's domain first ('aws cognito-idp describe-user-pool-domain --domain ${desired.domain}' names the pool)`,
    )
  }
  const replaced = current ?? otherKind
  if (replaced !== undefined) {
    return {
      resource: 'domain',
      name,
      action: 'replace',
      replaces: replaced,
      changes: [{ field: 'Domain', before: replaced, after: desired.domain }, ...created(config)],
    }
  }
  return { resource: 'domain', name, action: 'create', changes: created({ Domain: desired.domain, ...config }) }
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
  return { resource: 'client', name, ...clientUpdate(desired, client) }
}

function clientUpdate(desired: Desired, client: ObservedClient): Pick<Step, 'action' | 'changes'> {
  const changes = settingChanges(CLIENT_SETTINGS, desired, client)
  // Cognito requires the default redirect URI to be one of the callback URLs.
  if (client.defaultRedirectUri !== undefined && !desired.callbackUrls.includes(client.defaultRedirectUri)) {
    changes.push({ field: 'DefaultRedirectURI', before: client.defaultRedirectUri, after: undefined })
  }
  return { action: changes.length ? 'update' : 'no-op', changes }
}

function created(fields: Record<string, unknown>): FieldChange[] {
  return Object.entries(fields).map(([field, after]) => ({ field, before: undefined, after }))
}

function show(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v)
}

/** The request members a step sends: its changes' `after` values (undefined = leave out). */
export function stepFields(step: Step): Record<string, unknown> {
  return Object.fromEntries(step.changes.map((c) => [c.field, c.after]))
}
