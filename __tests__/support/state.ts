// One place for the desired and observed state the unit tests start from (moved from
// __tests__/cognito/fixtures.ts and __tests__/plan.test.ts).
import { parseInputs } from '../../src/engine/desired.js'
import { InputError } from '../../src/model/errors.js'
import type { Desired, Observed, ObservedClient, ObservedPool } from '../../src/model/types.js'

/** Desired state matching the described pool and client of __tests__/cognito/fixtures.ts (eu-central-1). */
export function desired(overrides: Partial<Desired> = {}): Desired {
  return {
    mode: 'apply',
    region: 'eu-central-1',
    poolName: 'openmetadata',
    domain: 'openmetadata-sso',
    clientName: 'openmetadata-web',
    callbackUrls: ['https://app.example.com/callback'],
    logoutUrls: ['https://app.example.com/logout'],
    oauthScopes: ['openid', 'email', 'profile'],
    oauthFlows: ['code'],
    identityProviders: ['COGNITO'],
    deletionProtection: true,
    maskOutputs: true,
    failOnChanges: false,
    comment: false,
    verify: false,
    verifyTimeoutSeconds: 120,
    federatedProviders: [],
    resourceServers: [],
    allowClientReplacement: false,
    ...overrides,
  }
}

/** The plan tests' desired state: eu-west-1, domain acme-sso, comment on. */
export const planDesired = (over: Partial<Desired> = {}): Desired => ({
  mode: 'apply',
  region: 'eu-west-1',
  poolName: 'openmetadata',
  domain: 'acme-sso',
  clientName: 'openmetadata-client',
  callbackUrls: ['https://om.example.com/callback'],
  logoutUrls: [],
  oauthScopes: ['openid', 'email', 'profile'],
  oauthFlows: ['code'],
  identityProviders: ['COGNITO'],
  deletionProtection: true,
  maskOutputs: true,
  failOnChanges: false,
  comment: true,
  verify: false,
  verifyTimeoutSeconds: 120,
  federatedProviders: [],
  resourceServers: [],
  allowClientReplacement: false,
  ...over,
})

/** An observed pool that matches planDesired(). */
export const observedPool = (over: Partial<ObservedPool> = {}): ObservedPool => ({
  id: 'eu-west-1_AbCdEfGhI',
  arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI',
  name: 'openmetadata',
  deletionProtection: true,
  autoVerifiedAttributes: ['email'],
  usernameAttributes: ['email'],
  aliasAttributes: [],
  usernameCaseSensitive: false,
  schema: [
    { name: 'sub', required: true },
    { name: 'email', required: true },
  ],
  domain: 'acme-sso',
  ...over,
})

/** An observed app client that matches planDesired(). */
export const observedClient = (over: Partial<ObservedClient> = {}): ObservedClient => ({
  id: '1example23456789abcdefghij',
  name: 'openmetadata-client',
  hasSecret: false,
  callbackUrls: ['https://om.example.com/callback'],
  logoutUrls: [],
  oauthFlows: ['code'],
  oauthScopes: ['openid', 'email', 'profile'],
  identityProviders: ['COGNITO'],
  oauthEnabled: true,
  ...over,
})

/** Observed state with the pool and client of planDesired() (the domain on the pool). */
export const observedState = (over: Partial<Observed> = {}): Observed => ({
  matchingPoolIds: ['eu-west-1_AbCdEfGhI'],
  pool: observedPool(),
  matchingClientIds: ['1example23456789abcdefghij'],
  client: observedClient(),
  ...over,
})

/** The destroy tests' view of what destroy observes: the pool's guards and domains, the clients and their branding styles. */
export interface DestroyObserved {
  matchingPoolIds: string[]
  pool?: { id: string; name: string; managedByAction: boolean; deletionProtection: boolean; domains: string[] }
  clients: { id: string; name: string; brandingId?: string }[]
}

/** Observed state (what the engine observes in destroy modes) from the destroy tests' view; clients are named client-name. */
export function fromDestroyView(view: DestroyObserved): Observed {
  const pool = view.pool
  const styles = view.clients.filter((c) => c.brandingId).map((c) => [c.id, c.brandingId ?? ''] as const)
  return {
    matchingPoolIds: view.matchingPoolIds,
    matchingClientIds: view.clients.map((c) => c.id),
    ...(pool
      ? {
          pool: {
            ...observedPool({ id: pool.id, name: pool.name, deletionProtection: pool.deletionProtection, managedByAction: pool.managedByAction }),
            domain: pool.domains.find((d) => !d.includes('.')),
            customDomain: pool.domains.find((d) => d.includes('.')),
          },
        }
      : {}),
    ...(styles.length ? { clientBrandingIds: Object.fromEntries(styles) } : {}),
  }
}

/** The destroy tests' view of observed state (clients named `clientName`). */
export function destroyView(observed: Observed, clientName = 'openmetadata-web'): DestroyObserved {
  const pool = observed.pool
  return {
    matchingPoolIds: observed.matchingPoolIds,
    ...(pool
      ? {
          pool: {
            id: pool.id,
            name: pool.name,
            managedByAction: pool.managedByAction ?? false,
            deletionProtection: pool.deletionProtection,
            domains: [pool.domain, pool.customDomain].filter((d): d is string => Boolean(d)),
          },
        }
      : {}),
    clients: observed.matchingClientIds.map((id) => {
      const brandingId = observed.clientBrandingIds?.[id]
      return { id, name: clientName, ...(brandingId ? { brandingId } : {}) }
    }),
  }
}

/** The action's input parsing over `base` overlaid with a test's inputs (no environment): the Desired, or the problems it refuses. */
export function inputsParser(base: Record<string, string>): {
  parse: (extra?: Record<string, string>) => Desired
  problemsOf: (extra?: Record<string, string>) => string[]
} {
  const parse = (extra: Record<string, string> = {}): Desired => parseInputs((n) => ({ ...base, ...extra })[n] ?? '', {})
  const problemsOf = (extra: Record<string, string> = {}): string[] => {
    try {
      parse(extra)
      return []
    } catch (e) {
      if (e instanceof InputError) return e.problems
      throw e
    }
  }
  return { parse, problemsOf }
}
