import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../../src/engine/desired.js'
import { plan } from '../../../src/engine/plan.js'
import { type Desired, type Observed, type ObservedPool } from '../../../src/model/types.js'
import { InputError } from '../../../src/model/errors.js'

const BASE: Record<string, string> = { 'pool-name': 'om', domain: 'om-sso', 'callback-urls': 'https://app.example.com/callback', region: 'eu-central-1' }
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc'
const parse = (extra: Record<string, string>): Desired => parseInputs((n) => ({ ...BASE, ...extra })[n] ?? '', {})
const problemsOf = (extra: Record<string, string>): string[] => {
  try {
    parse(extra)
    return []
  } catch (e) {
    return e instanceof InputError ? e.problems : ['?']
  }
}
const pool = (extra: Partial<ObservedPool> = {}): ObservedPool => ({
  id: 'p',
  arn: 'a',
  name: 'om',
  deletionProtection: true,
  autoVerifiedAttributes: ['email'],
  usernameAttributes: ['email'],
  aliasAttributes: [],
  usernameCaseSensitive: false,
  schema: [{ name: 'email', required: true }],
  domain: 'om-sso',
  managedByAction: true,
  ...extra,
})
const client = {
  id: 'c',
  name: 'om',
  hasSecret: false,
  callbackUrls: ['https://app.example.com/callback'],
  logoutUrls: [],
  oauthFlows: ['code'],
  oauthScopes: ['openid', 'email', 'profile'],
  identityProviders: ['COGNITO'],
  oauthEnabled: true,
}

describe('managed-login', () => {
  it('parses classic and v2, refuses anything else and v2 on lite before any call', () => {
    expect(parse({ 'managed-login': 'V2' }).managedLogin).toBe(2)
    expect(parse({ 'managed-login': 'classic' }).managedLogin).toBe(1)
    expect(parse({}).managedLogin).toBeUndefined()
    expect(problemsOf({ 'managed-login': 'v3' })).toEqual([
      "managed-login: 'v3' is not a managed login version; use classic (the hosted UI) or v2 (managed login)",
    ])
    expect(problemsOf({ 'managed-login': 'v2', 'feature-plan': 'lite' })[0]).toMatch(
      /^managed-login: v2 \(managed login\) needs the essentials feature plan or higher, but feature-plan is lite/,
    )
  })

  it('a new pool: the domain is created with the version and the client gets a branding style', () => {
    const p = plan(parse({ 'managed-login': 'v2' }), { matchingPoolIds: [], matchingClientIds: [] })
    expect(p.steps.find((s) => s.resource === 'domain')?.changes).toEqual([
      { field: 'Domain', before: undefined, after: 'om-sso' },
      { field: 'ManagedLoginVersion', before: undefined, after: 2 },
    ])
    expect(p.steps.find((s) => s.resource === 'branding')?.action).toBe('create')
  })

  it('an existing domain of another version is one update; a client with a style is left alone; without the input nothing is planned', () => {
    const observed: Observed = { matchingPoolIds: ['p'], pool: pool(), matchingClientIds: ['c'], client, domainVersion: 1, clientHasBranding: true }
    const p = plan(parse({ 'managed-login': 'v2' }), observed)
    expect(p.steps.find((s) => s.resource === 'domain')).toEqual({
      resource: 'domain',
      name: 'om-sso',
      action: 'update',
      changes: [{ field: 'ManagedLoginVersion', before: 1, after: 2 }],
    })
    expect(p.steps.find((s) => s.resource === 'branding')?.action).toBe('no-op')
    expect(plan(parse({}), observed).steps.map((s) => [s.resource, s.action])).toEqual([
      ['pool', 'no-op'],
      ['domain', 'no-op'],
      ['client', 'no-op'],
    ])
  })

  it('a client replaced (public → confidential) gets a style of its own in the same run, even when the old one had one (AWSB-115)', () => {
    const observed: Observed = { matchingPoolIds: ['p'], pool: pool(), matchingClientIds: ['c'], client, domainVersion: 2, clientHasBranding: true }
    const p = plan(parse({ 'managed-login': 'v2', 'client-type': 'confidential', 'allow-client-replacement': 'true' }), observed)
    expect(p.problems).toEqual([])
    expect(p.steps.map((s) => [s.resource, s.action])).toEqual([
      ['pool', 'no-op'],
      ['domain', 'no-op'],
      ['client', 'replace'],
      ['branding', 'create'],
    ])
    expect(p.steps.find((s) => s.resource === 'branding')).toEqual({
      resource: 'branding',
      name: 'om-client',
      action: 'create',
      changes: [{ field: 'UseCognitoProvidedValues', before: undefined, after: true }],
    })
    // Without the replacement the style the client has is kept.
    expect(plan(parse({ 'managed-login': 'v2' }), observed).steps.find((s) => s.resource === 'branding')?.action).toBe('no-op')
  })

  it('a custom domain keeps its certificate in the update; a pool on lite is refused', () => {
    const custom = pool({ domain: undefined, customDomain: 'auth.example.com' })
    const observed: Observed = {
      matchingPoolIds: ['p'],
      pool: custom,
      matchingClientIds: [],
      customDomain: { name: 'auth.example.com', certificateArn: CERT },
      domainVersion: 1,
    }
    const p = plan(parse({ domain: 'auth.example.com', 'certificate-arn': CERT, 'managed-login': 'v2' }), observed)
    expect(p.steps.find((s) => s.resource === 'domain')?.changes).toEqual([
      { field: 'CustomDomainConfig', before: { CertificateArn: CERT }, after: { CertificateArn: CERT } },
      { field: 'ManagedLoginVersion', before: 1, after: 2 },
    ])
    const lite = plan(parse({ 'managed-login': 'v2' }), { matchingPoolIds: ['p'], pool: pool({ settings: { 'feature-plan': 'LITE' } }), matchingClientIds: [] })
    expect(lite.problems).toEqual([
      "managed-login: v2 (managed login) needs the essentials feature plan or higher, but user pool 'om' is on lite; set feature-plan: essentials (it changes the bill) or use managed-login: classic",
    ])
  })
})
