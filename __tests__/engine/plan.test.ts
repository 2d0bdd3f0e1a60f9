import { describe, expect, it } from 'vitest'
import { plan, stepFields } from '../../src/engine/plan.js'
import { type Desired, type Observed, type ObservedPool, type Step } from '../../src/model/types.js'
import { planDesired as desired, observedClient as client, observedState as existing, observedPool as pool } from '../support/state.js'

const step = (steps: Step[], resource: Step['resource']): Step => {
  const found = steps.find((s) => s.resource === resource)
  if (!found) throw new Error(`no ${resource} step`)
  return found
}

describe('plan: nothing exists', () => {
  const result = plan(desired(), { matchingPoolIds: [], matchingClientIds: [], desiredDomainOwner: { kind: 'free' } })

  it('creates pool, domain and client, in that order', () => {
    expect(result.steps.map((s) => [s.resource, s.action])).toEqual([
      ['pool', 'create'],
      ['domain', 'create'],
      ['client', 'create'],
    ])
    expect(result.changed).toBe(true)
    expect(result.problems).toEqual([])
  })

  it('creates the pool with email required, as the sign-in name, auto-verified, and the managed tag', () => {
    expect(stepFields(step(result.steps, 'pool'))).toEqual({
      PoolName: 'openmetadata',
      DeletionProtection: 'ACTIVE',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTags: { 'managed-by': 'cognito-sso-action' },
    })
  })

  it('creates a public client with OAuth enabled and the desired URLs, flows, scopes and providers', () => {
    const fields = stepFields(step(result.steps, 'client'))
    expect(fields).toEqual({
      ClientName: 'openmetadata-client',
      GenerateSecret: false,
      CallbackURLs: ['https://om.example.com/callback'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    })
  })

  it('sends logout URLs only when there are some, and INACTIVE deletion protection when asked', () => {
    const r = plan(desired({ logoutUrls: ['https://om.example.com/logout'], deletionProtection: false }), {
      matchingPoolIds: [],
      matchingClientIds: [],
    })
    expect(stepFields(step(r.steps, 'client')).LogoutURLs).toEqual(['https://om.example.com/logout'])
    expect(stepFields(step(r.steps, 'pool')).DeletionProtection).toBe('INACTIVE')
  })

  it('names the domain prefix in the domain step', () => {
    expect(step(result.steps, 'domain')).toMatchObject({ name: 'acme-sso', changes: [{ field: 'Domain', after: 'acme-sso' }] })
  })
})

describe('plan: everything matches', () => {
  it('is all no-ops and unchanged', () => {
    const r = plan(desired(), existing())
    expect(r.steps.map((s) => s.action)).toEqual(['no-op', 'no-op', 'no-op'])
    expect(r.steps.flatMap((s) => s.changes)).toEqual([])
    expect(r.changed).toBe(false)
  })

  it('ignores the order of list items', () => {
    const r = plan(
      desired({ oauthScopes: ['profile', 'openid', 'email'], callbackUrls: ['https://b.example/cb', 'https://a.example/cb'] }),
      existing({ client: client({ callbackUrls: ['https://a.example/cb', 'https://b.example/cb'] }) }),
    )
    expect(r.changed).toBe(false)
  })

  it('leaves settings it does not manage alone (extra auto-verified attributes, alias sign-in)', () => {
    const r = plan(
      desired(),
      existing({ pool: pool({ autoVerifiedAttributes: ['email', 'phone_number'], usernameAttributes: [], aliasAttributes: ['email'] }) }),
    )
    expect(r.changed).toBe(false)
  })
})

describe('plan: updates', () => {
  const cases: { name: string; desired?: Partial<Desired>; observed: Observed; resource: Step['resource']; changes: unknown[] }[] = [
    {
      name: 'deletion protection turned on',
      observed: existing({ pool: pool({ deletionProtection: false }) }),
      resource: 'pool',
      changes: [{ field: 'DeletionProtection', before: 'INACTIVE', after: 'ACTIVE' }],
    },
    {
      name: 'deletion protection turned off',
      desired: { deletionProtection: false },
      observed: existing(),
      resource: 'pool',
      changes: [{ field: 'DeletionProtection', before: 'ACTIVE', after: 'INACTIVE' }],
    },
    {
      name: 'email no longer auto-verified',
      observed: existing({ pool: pool({ autoVerifiedAttributes: ['phone_number'] }) }),
      resource: 'pool',
      changes: [{ field: 'AutoVerifiedAttributes', before: ['phone_number'], after: ['phone_number', 'email'], added: ['email'], removed: [] }],
    },
    {
      name: 'a callback URL changed',
      desired: { callbackUrls: ['https://new.example.com/callback'] },
      observed: existing(),
      resource: 'client',
      changes: [
        {
          field: 'CallbackURLs',
          before: ['https://om.example.com/callback'],
          after: ['https://new.example.com/callback'],
          added: ['https://new.example.com/callback'],
          removed: ['https://om.example.com/callback'],
        },
      ],
    },
    {
      name: 'logout URLs added',
      desired: { logoutUrls: ['https://om.example.com/logout'] },
      observed: existing(),
      resource: 'client',
      changes: [{ field: 'LogoutURLs', before: [], after: ['https://om.example.com/logout'], added: ['https://om.example.com/logout'], removed: [] }],
    },
    {
      name: 'scopes, flows and providers changed',
      desired: { oauthScopes: ['openid'], oauthFlows: ['code', 'implicit'], identityProviders: ['COGNITO', 'Okta'] },
      observed: existing({ providerNames: ['Okta'] }),
      resource: 'client',
      changes: [
        { field: 'AllowedOAuthFlows', before: ['code'], after: ['code', 'implicit'], added: ['implicit'], removed: [] },
        { field: 'AllowedOAuthScopes', before: ['openid', 'email', 'profile'], after: ['openid'], added: [], removed: ['email', 'profile'] },
        { field: 'SupportedIdentityProviders', before: ['COGNITO'], after: ['COGNITO', 'Okta'], added: ['Okta'], removed: [] },
      ],
    },
    {
      name: 'OAuth turned off by hand',
      observed: existing({ client: client({ oauthEnabled: false }) }),
      resource: 'client',
      changes: [{ field: 'AllowedOAuthFlowsUserPoolClient', before: false, after: true }],
    },
    {
      name: 'the default redirect URI is no longer a callback URL',
      desired: { callbackUrls: ['https://new.example.com/callback'] },
      observed: existing({ client: client({ defaultRedirectUri: 'https://om.example.com/callback' }) }),
      resource: 'client',
      changes: [
        expect.objectContaining({ field: 'CallbackURLs' }),
        { field: 'DefaultRedirectURI', before: 'https://om.example.com/callback', after: undefined },
      ],
    },
  ]

  it.each(cases)('$name', ({ desired: over, observed, resource, changes }) => {
    const r = plan(desired(over), observed)
    expect(r.problems).toEqual([])
    expect(r.changed).toBe(true)
    for (const s of r.steps) {
      if (s.resource === resource) {
        expect(s.action).toBe('update')
        expect(s.changes).toEqual(changes)
      } else {
        expect(s.action).toBe('no-op')
      }
    }
  })

  it('keeps a default redirect URI that is still a callback URL', () => {
    const r = plan(desired(), existing({ client: client({ defaultRedirectUri: 'https://om.example.com/callback' }) }))
    expect(r.changed).toBe(false)
  })

  it('creates the client when the pool exists without it', () => {
    const r = plan(desired(), existing({ matchingClientIds: [], client: undefined }))
    expect(r.steps.map((s) => s.action)).toEqual(['no-op', 'no-op', 'create'])
  })
})

describe('plan: a client replacement stopped half-way', () => {
  it('the client of the type asked for is kept; the one the replacement left is a delete step of its own', () => {
    const r = plan(
      desired({ clientType: 'confidential', allowClientReplacement: true }),
      existing({ client: client({ hasSecret: true }), replacedClientId: 'leftover0000000000000000000' }),
    )
    expect(r.steps.filter((s) => s.resource === 'client')).toEqual([
      { resource: 'client', name: expect.any(String), action: 'no-op', changes: [] },
      { resource: 'client', name: expect.any(String), action: 'delete', changes: [{ field: 'GenerateSecret', before: false, after: undefined }] },
    ])
    expect(r.problems).toEqual([])
    expect(r.changed).toBe(true)
    expect(JSON.stringify(r)).not.toContain('leftover0000')
  })

  it('the domain after a DELETING one: a create (apply waits for the deletion), never a no-op', () => {
    const r = plan(desired(), existing({ pool: pool({ domain: 'acme-sso' }), domainDeleting: 'acme-sso' }))
    expect(step(r.steps, 'domain')).toEqual({
      resource: 'domain',
      name: 'acme-sso',
      action: 'create',
      changes: [
        { field: 'Status', before: 'DELETING', after: undefined },
        { field: 'Domain', before: undefined, after: 'acme-sso' },
      ],
    })
  })
})

describe('plan: domain', () => {
  it('creates the domain when the pool has none and the prefix is free', () => {
    const r = plan(desired(), existing({ pool: pool({ domain: undefined }), desiredDomainOwner: { kind: 'free' } }))
    expect(step(r.steps, 'domain').action).toBe('create')
  })

  it('replaces a different prefix domain, naming the one removed', () => {
    const r = plan(desired(), existing({ pool: pool({ domain: 'old-prefix' }), desiredDomainOwner: { kind: 'free' } }))
    expect(step(r.steps, 'domain')).toEqual({
      resource: 'domain',
      name: 'acme-sso',
      action: 'replace',
      replaces: 'old-prefix',
      changes: [{ field: 'Domain', before: 'old-prefix', after: 'acme-sso' }],
    })
    expect(r.problems).toEqual([])
  })

  it("refuses a prefix owned by another pool, without that pool's ID", () => {
    const r = plan(desired(), existing({ pool: pool({ domain: undefined }), desiredDomainOwner: { kind: 'other-pool', userPoolId: 'eu-west-1_Other0001' } }))
    expect(r.problems).toEqual([
      "domain: the prefix 'acme-sso' already belongs to another user pool in this account; choose another domain prefix, or delete that pool's domain first ('aws cognito-idp describe-user-pool-domain --domain acme-sso' names the pool)",
    ])
    expect(JSON.stringify(r)).not.toContain('Other0001')
  })

  it('refuses a prefix owned by another pool before creating the pool', () => {
    const r = plan(desired(), { matchingPoolIds: [], matchingClientIds: [], desiredDomainOwner: { kind: 'other-pool', userPoolId: 'x_1' } })
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toContain("prefix 'acme-sso' already belongs to another user pool in this account")
    expect(JSON.stringify(r)).not.toContain('x_1')
  })
})

describe('plan: problems that need a decision', () => {
  it('two pools with the same name: points at user-pool-id and where to find the IDs, never prints them, plans nothing', () => {
    const r = plan(desired(), { matchingPoolIds: ['eu-west-1_A1', 'eu-west-1_B2'], matchingClientIds: [] })
    expect(r.steps).toEqual([])
    expect(r.problems).toEqual([
      "pool-name: 2 user pools in eu-west-1 are named 'openmetadata'; set user-pool-id to the ID of the one this action should manage " +
        "(the Cognito console lists each pool's ID and creation date, as does 'aws cognito-idp list-user-pools --max-results 60')",
    ])
    expect(JSON.stringify(r)).not.toMatch(/_A1|_B2/)
  })

  it('found by name, a pool that describes itself by another name: replace-required, nothing planned on its domain or clients', () => {
    const r = plan(desired({ poolName: 'app-pr-5' }), existing())
    expect(step(r.steps, 'pool')).toEqual({
      resource: 'pool',
      name: 'openmetadata',
      action: 'replace-required',
      changes: [{ field: 'PoolName', before: 'openmetadata', after: 'app-pr-5' }],
    })
    expect(r.problems).toContain(
      "pool-name: ListUserPools named a pool 'app-pr-5', but that pool describes itself as 'openmetadata': nothing was changed; run again (a stale or altered answer), or give user-pool-id",
    )
  })

  // Issue 16, case 1: a pool cannot be renamed; user-pool-id of a pool of another name is a line of its own.
  it('user-pool-id of a pool named otherwise: the PoolName change on the pool step, replace-required, and the fix', () => {
    const r = plan(desired({ userPoolId: 'eu-west-1_A1', poolName: 'app-pr-5' }), existing())
    expect(step(r.steps, 'pool')).toEqual({
      resource: 'pool',
      name: 'openmetadata',
      action: 'replace-required',
      changes: [{ field: 'PoolName', before: 'openmetadata', after: 'app-pr-5' }],
    })
    expect(r.problems).toContain(
      "pool-name: the pool given by user-pool-id is named 'openmetadata', not 'app-pr-5'; Cognito cannot rename a user pool: set pool-name: openmetadata, or remove user-pool-id to find or create the pool named 'app-pr-5'",
    )
    // Found by name, the names agree by construction: nothing to say.
    expect(plan(desired({ poolName: 'openmetadata' }), existing()).problems).toEqual([])
    // A pool whose name pool-name cannot hold (a line break: AWS allows it) is managed through user-pool-id as before.
    const odd = existing({ pool: pool({ name: 'odd\nname' }) })
    expect(plan(desired({ userPoolId: 'eu-west-1_A1', poolName: 'app-pr-5' }), odd).problems).toEqual([])
  })

  it('two clients with the same name', () => {
    const r = plan(desired(), existing({ matchingClientIds: ['a', 'b'], client: undefined }))
    expect(r.problems).toEqual([
      "client-name: 2 app clients in the pool are named 'openmetadata-client'; delete or rename all but one, or choose another client-name",
    ])
  })

  it('a client with a secret cannot become public in place', () => {
    const r = plan(desired({ clientType: 'public' }), existing({ client: client({ hasSecret: true }) }))
    expect(step(r.steps, 'client').action).toBe('replace-required')
    expect(r.problems[0]).toMatch(
      /^client-type: app client 'openmetadata-client' is confidential \(has a secret\); Cognito decides this only when a client is created.*allow-client-replacement: true/,
    )
  })

  it('an existing confidential client stays as it is when client-type is empty', () => {
    const r = plan(desired(), existing({ client: client({ hasSecret: true }) }))
    expect(step(r.steps, 'client').action).toBe('no-op')
    expect(r.problems).toEqual([])
  })

  const fixed: { name: string; pool: Partial<ObservedPool>; field: string }[] = [
    { name: 'email not required', pool: { schema: [{ name: 'email', required: false }] }, field: 'Schema.email.Required' },
    { name: 'no email attribute at all', pool: { schema: [] }, field: 'Schema.email.Required' },
    { name: 'email is not a sign-in name', pool: { usernameAttributes: ['phone_number'], aliasAttributes: [] }, field: 'UsernameAttributes' },
    { name: 'usernames are case sensitive', pool: { usernameCaseSensitive: true }, field: 'UsernameConfiguration.CaseSensitive' },
  ]
  it.each(fixed)('create-only setting differs ($name): replace-required, naming the setting', ({ pool: over, field }) => {
    const r = plan(desired(), existing({ pool: pool(over) }))
    const s = step(r.steps, 'pool')
    expect(s.action).toBe('replace-required')
    expect(s.changes.map((c) => c.field)).toEqual([field])
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toContain(field)
    expect(r.problems[0]).toContain('only when a pool is created')
  })

  it('reports every create-only difference at once', () => {
    const r = plan(desired(), existing({ pool: pool({ schema: [], usernameAttributes: [], usernameCaseSensitive: true }) }))
    expect(r.problems).toHaveLength(3)
  })
})

describe('plan: what the client depends on (federation)', () => {
  it('refuses, naming the input, a provider neither declared nor in a new pool', () => {
    const r = plan(desired({ identityProviders: ['COGNITO', 'Okta'] }), { matchingPoolIds: [], matchingClientIds: [] })
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^identity-providers: 'Okta' is neither declared in federated-providers nor an existing provider \(the user pool does not exist yet/,
      ),
    ])
  })

  it('refuses a custom scope no resource server defines, and accepts a declared one', () => {
    const bad = plan(desired({ oauthScopes: ['openid', 'api/read'] }), existing({ resourceServers: [] }))
    expect(bad.problems).toEqual([expect.stringMatching(/^oauth-scopes: 'api\/read' is not defined \(no resource server 'api'/)])
    const ok = plan(
      desired({ oauthScopes: ['openid', 'api/read'], resourceServers: [{ identifier: 'api', name: 'API', scopes: [{ name: 'read', description: 'Read' }] }] }),
      existing({ resourceServers: [] }),
    )
    expect(ok.problems).toEqual([])
    expect(ok.steps.map((s) => [s.resource, s.action])).toContainEqual(['resource-server', 'create'])
  })

  it('shows a changed provider secret without its value', () => {
    const provider = {
      name: 'Entra',
      type: 'OIDC',
      details: { client_id: 'c', client_secret: 'NEW-SECRET-VALUE' },
      secretKeys: ['client_secret'],
      attributeMapping: {},
    }
    const r = plan(
      desired({ federatedProviders: [provider] }),
      existing({
        providerNames: ['Entra'],
        providers: [{ name: 'Entra', type: 'OIDC', details: { client_id: 'c', client_secret: 'OLD-SECRET-VALUE' }, attributeMapping: {}, identifiers: [] }],
      }),
    )
    const s = r.steps.find((x) => x.resource === 'provider')
    expect(s?.changes).toEqual([{ field: 'ProviderDetails.client_secret', before: '(secret)', after: '(secret changed)' }])
    expect(JSON.stringify(r)).not.toMatch(/SECRET-VALUE/)
  })
})
