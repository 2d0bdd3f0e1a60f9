/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON documents read back from the local Cognito */
// Identity providers refused before the first write, through dist/index.js against the local Cognito (V1
// review findings 2, 3, 8 and 11): an identifier or a mapping key the API model refuses, a mapping to an
// attribute the pool does not have, an issuer whose discovery document is wrong, a provider name outside
// ProviderNameTypeV2. Each on an existing pool, where a later refusal would come after other writes
// (UpdateUserPool, an invitation's e-mail), and each run writes nothing.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeIdp } from '../../tools/fake-idp.js'
import {
  NODES,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  operations,
  parsePlan,
  run,
  useLocalCognito,
  writeOperations,
  type LocalCognito,
} from './helpers.js'

type Idp = Awaited<ReturnType<typeof startFakeIdp>>

const oidc = (issuer: string, extra: string[] = [], name = 'Entra'): string =>
  [
    `- name: ${name}`,
    '  type: oidc',
    `  issuer: ${issuer}`,
    '  client-id: entra-app-id',
    '  client-secret: entra-Secret-5q6w',
    '  scopes: [openid, email]',
    ...extra,
  ].join('\n')

/** A pool made by a first run; then the calls are forgotten, so what the next run writes is all there is. */
async function existingPool(node: string, lc: LocalCognito, tag: string): Promise<string> {
  const first = await run(node, lc, inputsFor(tag))
  expectExit(first, 0)
  lc.clearCalls()
  return idsOf(first).poolId
}

/** The second run changes the pool and invites a user too: a refusal only at CreateIdentityProvider would come after both. */
const alongside = { 'self-sign-up': 'true', 'invite-users': 'new.user@example.com' }

describe.each(NODES)('identity providers refused before the first write under %s', (_label, node) => {
  const ctx = useLocalCognito()
  let idp: Idp
  let odd: Server
  let oddBase = ''
  beforeEach(async () => {
    idp = await startFakeIdp()
    // An IdP whose discovery document names another issuer than the one it is fetched from.
    odd = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const issuer = 'https://login.example.com/tenant/v2.0'
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/a`, token_endpoint: `${issuer}/t`, jwks_uri: `${issuer}/k`, path: req.url }))
    })
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve))
    oddBase = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`
  })
  afterEach(async () => {
    await idp.close()
    await new Promise<void>((resolve) => odd.close(() => resolve()))
  })

  it('finding 2: an identifier with a slash and a mapping key of 33 characters: refused before any AWS call, on an existing pool too', async () => {
    const { lc } = ctx
    await existingPool(node, lc, 'idp-f2')
    const providers = oidc(idp.oidcIssuer, ['  identifiers: [example.com/sso]', '  attribute-mapping:', `    custom:${'k'.repeat(26)}: dept`])
    const r = await run(node, lc, inputsFor('idp-f2', { ...alongside, 'federated-providers': providers }))
    expectExit(r, 1)
    expectNoStackTrace(r)
    expect(operations(lc)).toEqual([])
    expect(r.errors.join('\n')).toContain(
      "federated-providers: item 1 ('Entra'): identifier 'example.com/sso' contains characters Cognito does not allow in an identifier ('/')",
    )
    expect(r.errors.join('\n')).toContain('is 33 characters long; Cognito allows pool attribute names of at most 32 (AttributeMappingKeyType)')
  })

  it('finding 11: a provider name of 2 characters and one with _ after its second character: refused before any AWS call; O_kta is accepted', async () => {
    const { lc } = ctx
    const bad = [oidc(idp.oidcIssuer, [], 'Ok'), oidc(idp.oidcIssuer, [], 'Ok_ta')].join('\n')
    const r = await run(node, lc, inputsFor('idp-f11', { 'federated-providers': bad }))
    expectExit(r, 1)
    expect(operations(lc)).toEqual([])
    expect(r.errors.join('\n')).toContain("federated-providers: item 1 ('Ok'): name is 2 characters long; Cognito allows 3–32")
    expect(r.errors.join('\n')).toContain("federated-providers: item 2 ('Ok_ta'): name has '_' or a space after its second character")
    const good = await run(node, lc, inputsFor('idp-f11', { 'federated-providers': oidc(idp.oidcIssuer, [], 'O_kta'), 'identity-providers': 'COGNITO, O_kta' }))
    expectExit(good, 0)
    const listed = (await lc.invoke('ListIdentityProviders', { UserPoolId: idsOf(good).poolId, MaxResults: 60 })).Providers as any[]
    expect(listed.map((p) => p.ProviderName)).toEqual(['O_kta'])
  })

  it('finding 3: a mapping to a custom attribute the pool does not have, and a typo: refused in the plan with the fix, nothing written; the local Cognito refuses it too', async () => {
    const { lc } = ctx
    const poolId = await existingPool(node, lc, 'idp-f3')
    const providers = oidc(idp.oidcIssuer, ['  attribute-mapping:', '    emial: email', '    custom:dept: department'])
    const r = await run(node, lc, inputsFor('idp-f3', { ...alongside, 'federated-providers': providers }))
    expectExit(r, 1)
    expectNoStackTrace(r)
    expect(writeOperations(lc)).toEqual([])
    const errors = r.errors.join('\n')
    expect(errors).toContain("federated-providers: provider 'Entra': attribute-mapping 'emial' is not an attribute of the pool")
    expect(errors).toContain("Did you mean 'email'?")
    expect(errors).toContain("attribute-mapping 'custom:dept': the pool has no such custom attribute")
    expect(errors).toContain('Add the custom attribute to the pool first')
    // The local Cognito answers as AWS does (aws/aws-cli#9729), and accepts a custom attribute the pool has.
    const google = { ProviderType: 'Google', ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'email' } }
    await expect(
      lc.invoke('CreateIdentityProvider', { UserPoolId: poolId, ProviderName: 'Google', ...google, AttributeMapping: { 'custom:dept': 'hd' } }),
    ).rejects.toMatchObject({ code: 'InvalidParameterException', message: 'AttributeMapping contains invalid mapping: [custom:dept]' })
    const withDept = (
      await lc.invoke('CreateUserPool', { PoolName: 'e2e-idp-f3-dept', Schema: [{ Name: 'dept', AttributeDataType: 'String', Mutable: true }] })
    ).UserPool
    const made = await lc.invoke('CreateIdentityProvider', {
      UserPoolId: withDept.Id,
      ProviderName: 'Google',
      ...google,
      AttributeMapping: { 'custom:dept': 'hd' },
    })
    expect(made.IdentityProvider.AttributeMapping).toMatchObject({ 'custom:dept': 'hd' })
    await expect(
      lc.invoke('UpdateIdentityProvider', { UserPoolId: withDept.Id, ProviderName: 'Google', AttributeMapping: { 'custom:dept': 'hd', emial: 'email' } }),
    ).rejects.toMatchObject({ code: 'InvalidParameterException', message: 'AttributeMapping contains invalid mapping: [emial]' })
  })

  it('finding 8: an issuer whose discovery document is missing, or names another issuer: refused before any write, on a new pool and an existing one', async () => {
    const { lc } = ctx
    const fresh = await run(node, lc, inputsFor('idp-f8-new', { 'federated-providers': oidc(`${idp.url}/nowhere`) }))
    expectExit(fresh, 1)
    expectNoStackTrace(fresh)
    expect(writeOperations(lc)).toEqual([])
    expect(fresh.errors.join('\n')).toContain(
      `federated-providers: provider 'Entra': issuer '${idp.url}/nowhere': its discovery document '${idp.url}/nowhere/.well-known/openid-configuration' answered HTTP 404, not 200; Cognito reads it when it creates or updates the provider`,
    )
    await existingPool(node, lc, 'idp-f8')
    const r = await run(node, lc, inputsFor('idp-f8', { ...alongside, 'federated-providers': oidc(oddBase) }))
    expectExit(r, 1)
    expect(writeOperations(lc)).toEqual([])
    expect(r.errors.join('\n')).toContain(`names the issuer 'https://login.example.com/tenant/v2.0', not '${oddBase}'`)
  })

  it('finding 8: a SAML metadata URL that answers no metadata is refused before any write', async () => {
    const { lc } = ctx
    const saml = ['- name: Okta', '  type: saml', `  metadata-url: ${idp.url}/oidc/authorize`].join('\n')
    const r = await run(node, lc, inputsFor('idp-f8-saml', { 'federated-providers': saml }))
    expectExit(r, 1)
    expect(writeOperations(lc)).toEqual([])
    expect(r.errors.join('\n')).toContain(
      `federated-providers: provider 'Okta': metadata-url '${idp.url}/oidc/authorize' answered a document that is not SAML metadata (no EntityDescriptor)`,
    )
  })

  it('finding 8: an issuer this runner cannot reach is a warning, not a problem (plan mode); the discovery is read once on create and never on a rerun that changes nothing', async () => {
    const { lc } = ctx
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadPort = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const plan = await run(node, lc, inputsFor('idp-f8-warn', { mode: 'plan', 'federated-providers': oidc(`http://127.0.0.1:${deadPort}`) }))
    expectExit(plan, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(plan.warnings.join('\n')).toContain(
      `http://127.0.0.1:${deadPort}/.well-known/openid-configuration could not be read from this runner (ECONNREFUSED)`,
    )
    expect(parsePlan(plan).problems).toEqual([])

    const discoveries = (): number => idp.requests.filter((q) => q.path === '/oidc/.well-known/openid-configuration').length
    const inputs = inputsFor('idp-f8-once', { 'federated-providers': oidc(idp.oidcIssuer) })
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    const afterFirst = discoveries()
    expect(afterFirst).toBeGreaterThanOrEqual(2) // the action's pre-flight read, then the local Cognito's at CreateIdentityProvider
    lc.clearCalls()
    const again = await run(node, lc, inputs)
    expectExit(again, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(discoveries()).toBe(afterFirst)
  })
})
