/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON documents read back from the local Cognito */
// Company SSO end to end: federated providers (SAML by metadata URL, OIDC by issuer) served by a fake
// IdP on loopback, resource servers, confidential clients and their replacement, verify's redirects to
// each provider, and every secret kept out of what the run shows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeIdp } from '../../tools/fake-idp.js'
import { FakeGitHub } from '../support/fake-github.js'
import {
  NODES,
  countOf,
  describeClient,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  listClients,
  operations,
  parsePlan,
  poolIdsNamed,
  readmePolicy,
  run,
  useLocalCognito,
  writeOperations,
  type LocalCognito,
} from './helpers.js'

type Idp = Awaited<ReturnType<typeof startFakeIdp>>

const OIDC_SECRET = 'oidc-Client-Secret-7f3a9c1e5b'

function providersYaml(idp: Idp, options: { samlMetadata?: string; samlEmail?: string } = {}): string {
  return [
    '- name: Okta',
    '  type: saml',
    `  metadata-url: ${options.samlMetadata ?? idp.samlMetadataUrl('okta')}`,
    '  attribute-mapping:',
    `    email: ${options.samlEmail ?? 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'}`,
    '- name: Entra',
    '  type: oidc',
    `  issuer: ${idp.oidcIssuer}`,
    '  client-id: entra-app-id',
    `  client-secret: ${OIDC_SECRET}`,
    '  scopes: [openid, email, profile]',
    '  attribute-mapping:',
    '    email: email',
  ].join('\n')
}

async function providers(lc: LocalCognito, poolId: string): Promise<Record<string, any>> {
  const listed = (await lc.invoke('ListIdentityProviders', { UserPoolId: poolId, MaxResults: 60 })).Providers ?? []
  const out: Record<string, any> = {}
  for (const p of listed)
    out[p.ProviderName] = (await lc.invoke('DescribeIdentityProvider', { UserPoolId: poolId, ProviderName: p.ProviderName })).IdentityProvider
  return out
}

describe.each(NODES)('company SSO under %s', (_label, node) => {
  const ctx = useLocalCognito()
  let idp: Idp
  beforeEach(async () => {
    idp = await startFakeIdp()
  })
  afterEach(async () => {
    await idp.close()
  })

  it('creates a pool federated to SAML and OIDC in one run, reruns without writes, updates one provider whole, leaves a hand-made one alone, verifies the redirects', async () => {
    const { lc } = ctx
    const inputs = inputsFor('fed-both', { 'federated-providers': providersYaml(idp), verify: 'true', 'verify-timeout': '30' })
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    const { poolId, clientId } = idsOf(first)
    const made = await providers(lc, poolId)
    expect(Object.keys(made).sort()).toEqual(['Entra', 'Okta'])
    expect(made.Okta.ProviderType).toBe('SAML')
    expect(made.Okta.ProviderDetails.MetadataURL).toBe(idp.samlMetadataUrl('okta'))
    expect(made.Entra.ProviderType).toBe('OIDC')
    expect(made.Entra.ProviderDetails).toMatchObject({ oidc_issuer: idp.oidcIssuer, client_id: 'entra-app-id', authorize_scopes: 'openid email profile' })
    expect((await describeClient(lc, poolId, clientId)).SupportedIdentityProviders.sort()).toEqual(['COGNITO', 'Entra', 'Okta'])
    expect(countOf(lc, 'CreateIdentityProvider')).toBe(2)
    // verify followed /oauth2/authorize?identity_provider=NAME to each provider.
    expect(first.stdout).toContain(`pass: Hosted UI sends 'Okta' sign-in to the provider: redirects to ${idp.url}/saml/okta/sso`)
    expect(first.stdout).toContain(`pass: Hosted UI sends 'Entra' sign-in to the provider: redirects to ${idp.oidcIssuer}/authorize`)
    expect(first.stdout).toContain("pass: Provider 'Entra': discovery document")
    expect(first.stdout).not.toMatch(/^FAIL:/m)
    // Everything the run called is in the README's apply policy.
    const policy = readmePolicy('apply')
    for (const op of new Set(operations(lc))) expect(policy, `README apply policy allows ${op}`).toContain(op)

    // A provider made by hand, not named in the input.
    await lc.invoke('CreateIdentityProvider', {
      UserPoolId: poolId,
      ProviderName: 'Manual',
      ProviderType: 'OIDC',
      ProviderDetails: { oidc_issuer: idp.oidcIssuer, client_id: 'manual', authorize_scopes: 'openid', attributes_request_method: 'GET' },
    })
    const manualBefore = (await providers(lc, poolId)).Manual

    lc.calls.length = 0
    const again = await run(node, lc, { ...inputs, verify: 'false' })
    expectExit(again, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(again.outputs.changed).toBe('false')

    // A new metadata URL and a new attribute mapping: one UpdateIdentityProvider carrying the whole provider.
    lc.calls.length = 0
    const changed = await run(node, lc, {
      ...inputs,
      verify: 'false',
      'federated-providers': providersYaml(idp, { samlMetadata: idp.samlMetadataUrl('okta2'), samlEmail: 'mail' }),
    })
    expectExit(changed, 0)
    expect(writeOperations(lc)).toEqual(['UpdateIdentityProvider'])
    const update = lc.calls.find((c) => c.operation === 'UpdateIdentityProvider')?.request as Record<string, any>
    expect(update).toMatchObject({ UserPoolId: poolId, ProviderName: 'Okta', ProviderDetails: { MetadataURL: idp.samlMetadataUrl('okta2') } })
    expect(update.AttributeMapping).toEqual({ email: 'mail' })
    const after = await providers(lc, poolId)
    expect(after.Okta.ProviderDetails.MetadataURL).toBe(idp.samlMetadataUrl('okta2'))
    expect(after.Okta.AttributeMapping.email).toBe('mail')
    expect(after.Entra.ProviderDetails).toEqual(made.Entra.ProviderDetails)
    expect(after.Manual).toEqual(manualBefore)
    expect((await describeClient(lc, poolId, clientId)).SupportedIdentityProviders).not.toContain('Manual')
    expectNoStackTrace(changed)
  })

  it('refuses an undeclared provider or an undefined scope before any write, in plan and in apply, naming the input', async () => {
    const { lc } = ctx
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'identity-providers': 'COGNITO, Ghost' }, /identity-providers: .*Ghost/],
      [{ 'oauth-scopes': 'openid, email, api/read' }, /oauth-scopes: .*api\/read/],
    ]
    for (const [extra, message] of cases) {
      for (const mode of ['plan', 'apply']) {
        lc.calls.length = 0
        const result = await run(node, lc, inputsFor('fed-refused', { ...extra, mode }))
        expectExit(result, 1)
        expect(result.errors.join('\n')).toMatch(message)
        expect(writeOperations(lc)).toEqual([])
        expectNoStackTrace(result)
      }
    }
    expect(await poolIdsNamed(lc, 'e2e-fed-refused')).toEqual([])
  })

  it('oauth-scopes api/read works with a declared resource server', async () => {
    const { lc } = ctx
    const inputs = inputsFor('fed-api', {
      'oauth-scopes': 'openid, email, api/read',
      'resource-servers': '- identifier: api\n  name: Reports API\n  scopes:\n    - name: read\n      description: Read reports',
    })
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    const { poolId, clientId } = idsOf(first)
    expect((await describeClient(lc, poolId, clientId)).AllowedOAuthScopes).toContain('api/read')
    const server = (await lc.invoke('DescribeResourceServer', { UserPoolId: poolId, Identifier: 'api' })).ResourceServer
    expect(server).toMatchObject({ Identifier: 'api', Name: 'Reports API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read reports' }] })
    lc.calls.length = 0
    expectExit(await run(node, lc, inputs), 0)
    expect(writeOperations(lc)).toEqual([])
  })

  it('public → confidential: refused without allow-client-replacement; with it exactly one client remains, the new one', async () => {
    const { lc } = ctx
    const inputs = inputsFor('fed-replace', { 'mask-outputs': 'false' })
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    const { poolId, clientId: oldId } = idsOf(first)

    lc.calls.length = 0
    const refused = await run(node, lc, { ...inputs, 'client-type': 'confidential' })
    expectExit(refused, 1)
    expect(writeOperations(lc)).toEqual([])
    expect(refused.errors.join('\n')).toContain('allow-client-replacement: true')
    expect(parsePlan(refused).steps.find((s) => s.resource === 'client')?.action).toBe('replace-required')

    lc.calls.length = 0
    const replaced = await run(node, lc, { ...inputs, 'client-type': 'confidential', 'allow-client-replacement': 'true' })
    expectExit(replaced, 0)
    expect(writeOperations(lc)).toEqual(['CreateUserPoolClient', 'DeleteUserPoolClient'])
    const clients = await listClients(lc, poolId)
    expect(clients).toHaveLength(1)
    const newId = clients[0]?.ClientId ?? ''
    expect(newId).not.toBe(oldId)
    expect(replaced.outputs['client-id']).toBe(newId)
    const described = await describeClient(lc, poolId, newId)
    expect(described.ClientSecret).toBeTruthy()
    expect(replaced.masks).toContain(described.ClientSecret)

    // Now confidential and as asked: a rerun writes nothing.
    lc.calls.length = 0
    expectExit(await run(node, lc, { ...inputs, 'client-type': 'confidential', 'allow-client-replacement': 'true' }), 0)
    expect(writeOperations(lc)).toEqual([])
  })

  describe('secrets', () => {
    let github: FakeGitHub
    const TOKEN = 'ghs_e2eFederationToken'
    beforeEach(async () => {
      github = await FakeGitHub.start({ token: TOKEN })
    })
    afterEach(async () => {
      await github.close()
    })

    it('no client secret and no provider secret reaches stdout (outside ::add-mask::), stderr, the summary, the comment, the plan or a debug line', async () => {
      const { lc } = ctx
      const onPr = {
        env: { GITHUB_API_URL: github.url, ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' },
        eventName: 'pull_request',
        event: {
          pull_request: {
            number: 12,
            head: { repo: { full_name: 'acme/webapp' } },
            base: { repo: { full_name: 'acme/webapp', name: 'webapp', owner: { login: 'acme' } } },
          },
        },
        token: TOKEN,
      }
      const inputs = inputsFor('fed-secrets', {
        'federated-providers': providersYaml(idp),
        'client-type': 'confidential',
        verify: 'true',
        'verify-timeout': '30',
      })
      const results = [await run(node, lc, { ...inputs, mode: 'plan' }, onPr)]
      results.push(await run(node, lc, inputs, onPr))
      results.push(await run(node, lc, { ...inputs, mode: 'plan', 'federated-providers': providersYaml(idp, { samlEmail: 'mail' }) }, onPr))
      for (const r of results) expectExit(r, 0)
      const [poolId] = await poolIdsNamed(lc, 'e2e-fed-secrets')
      const [client] = await listClients(lc, poolId ?? '')
      const clientSecret = (await describeClient(lc, poolId ?? '', client?.ClientId ?? '')).ClientSecret as string
      expect(clientSecret).toBeTruthy()
      const comments = github.comments('acme', 'webapp', 12)
      expect(comments.length).toBeGreaterThan(0)
      for (const secret of [clientSecret, OIDC_SECRET]) {
        expect(
          results.some((r) => r.masks.includes(secret)),
          `${secret === OIDC_SECRET ? 'provider' : 'client'} secret is masked`,
        ).toBe(true)
        for (const r of results) {
          const unmasked = r.stdout.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))
          expect(unmasked, 'stdout lines with a secret').toEqual([])
          expect(r.stderr).not.toContain(secret)
          expect(r.summary).not.toContain(secret)
          expect(r.outputs.plan ?? '').not.toContain(secret)
          expect(r.debug.join('\n')).not.toContain(secret)
        }
        for (const c of comments) expect(c.body).not.toContain(secret)
      }
      // The provider secret comes from the inputs: every run masks it before anything else.
      for (const r of results) expect(r.masks).toContain(OIDC_SECRET)
      // The apply run registered the new client's secret (it is the client-secret output, masked).
      expect(results[1]?.masks).toContain(clientSecret)
    })
  })
})
