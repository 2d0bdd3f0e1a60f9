// Identity providers refused before any write (V1 review findings 2, 3, 8 and 11): identifiers and
// attribute-mapping keys by the API model (parse), mapping keys the pool does not have (plan), the
// provider name's pattern (parse), and what AWS will fetch read first (preflight, over a local server).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plan } from '../../../src/engine/plan.js'
import type { DesiredProvider, Observed, ObservedProvider, ProviderEndpointCheck } from '../../../src/model/types.js'
import { closest, mappingProblems } from '../../../src/resources/identity-provider/attributes.js'
import { parseFederatedProviders } from '../../../src/resources/identity-provider/parse.js'
import { needsPreflight, preflight } from '../../../src/resources/identity-provider/preflight.js'
import { observedPool, observedState, planDesired } from '../../support/state.js'

const noFiles = (): string => {
  throw new Error('no files')
}
const parse = (lines: string[]): { providers: DesiredProvider[]; problems: string[] } => {
  const problems: string[] = []
  const providers = parseFederatedProviders(lines.join('\n'), noFiles, problems)
  return { providers, problems }
}
const oidcEntry = (extra: string[] = [], name = 'Corp'): string[] => [
  `- name: ${name}`,
  '  type: oidc',
  '  issuer: https://idp.example.com',
  '  client-id: corp-app',
  '  client-secret: s3cret-x',
  '  scopes: [openid]',
  ...extra,
]

describe('identifiers and attribute-mapping keys by the API model (finding 2)', () => {
  it('an identifier with a character IdpIdentifierType does not allow is refused, naming it, the rule and the fix', () => {
    const { problems } = parse(oidcEntry(['  identifiers: [example.com/sso]']))
    expect(problems).toEqual([
      "federated-providers: item 1 ('Corp'): identifier 'example.com/sso' contains characters Cognito does not allow in an identifier ('/'); use only letters, digits, spaces, _ and + = . @ - (IdpIdentifierType), e.g. example.com",
    ])
  })

  it('an identifier of 41 characters is refused; 40 are accepted', () => {
    const long = 'a'.repeat(41)
    expect(parse(oidcEntry([`  identifiers: [${long}]`])).problems).toEqual([
      `federated-providers: item 1 ('Corp'): identifier '${long}' is 41 characters long; Cognito allows at most 40 (IdpIdentifierType); use the e-mail domain or a short name, e.g. example.com`,
    ])
    expect(parse(oidcEntry([`  identifiers: [${'a'.repeat(40)}]`])).problems).toEqual([])
  })

  it('every character of the pattern [\\w\\s+=.@-] is accepted; a tab and a non-ASCII letter are not (ASCII \\w, of \\s the space only)', () => {
    expect(parse(oidcEntry(['  identifiers: ["a_B 9+c=d.e@f-g"]'])).problems).toEqual([])
    const { problems } = parse(oidcEntry(['  identifiers: ["caf\u00e9.example", "a\\tb"]']))
    expect(problems).toHaveLength(2)
    expect(problems[0]).toContain("identifier 'café.example' contains characters Cognito does not allow in an identifier ('é' U+00E9)")
    expect(problems[1]).toContain('U+0009')
  })

  it('more than 50 identifiers are refused', () => {
    const list = Array.from({ length: 51 }, (_, i) => `d${i}.example`).join(', ')
    expect(parse(oidcEntry([`  identifiers: [${list}]`])).problems).toEqual([
      "federated-providers: item 1 ('Corp'): identifiers lists 51; Cognito allows at most 50",
    ])
  })

  it('an attribute-mapping key of 33 characters is refused (AttributeMappingKeyType); 32 are accepted', () => {
    const key = `custom:${'k'.repeat(26)}`
    expect(key).toHaveLength(33)
    expect(parse(oidcEntry(['  attribute-mapping:', `    ${key}: dept`])).problems).toEqual([
      `federated-providers: item 1 ('Corp'): attribute-mapping key '${key}' is 33 characters long; Cognito allows pool attribute names of at most 32 (AttributeMappingKeyType); use the pool attribute's name, e.g. email or custom:department`,
    ])
    expect(parse(oidcEntry(['  attribute-mapping:', `    ${key.slice(1)}: dept`])).problems).toEqual([])
  })
})

describe("the provider name is ProviderNameTypeV2's pattern, 3–32 characters (finding 11)", () => {
  it.each([
    ['Ok', "name is 2 characters long; Cognito allows 3–32 (the API model's ProviderNameTypeV2); e.g. name: Okta"],
    ['O'.repeat(33), "name is 33 characters long; Cognito allows 3–32 (the API model's ProviderNameTypeV2); e.g. name: Okta"],
    ['_Okta', "name starts with '_' or a space; Cognito allows neither as the first character (the API model's ProviderNameTypeV2); e.g. name: Okta"],
    [
      'Ok_ta',
      "name has '_' or a space after its second character; Cognito allows '_' only as the second character, and no space anywhere (the API model's ProviderNameTypeV2); e.g. name: Okta",
    ],
  ])('%s is refused with the rule it breaks', (name, why) => {
    expect(parse(oidcEntry([], name)).problems).toEqual([`federated-providers: item 1 ('${name}'): ${why}`])
  })

  it.each(['O_kta', 'Okt', 'Azure-AD.corp', 'Ünïcode'])('%s matches the pattern and is accepted', (name) => {
    expect(parse(oidcEntry([], name)).problems).toEqual([])
  })
})

const OIDC: DesiredProvider = {
  name: 'Corp',
  type: 'OIDC',
  details: { oidc_issuer: 'https://idp.example.com', client_id: 'corp-app', client_secret: 's', authorize_scopes: 'openid', attributes_request_method: 'GET' },
  secretKeys: ['client_secret'],
  attributeMapping: {},
}
const withMapping = (attributeMapping: Record<string, string>): DesiredProvider => ({ ...OIDC, attributeMapping })
const existing = (over: Partial<ObservedProvider> = {}): ObservedProvider => ({
  name: 'Corp',
  type: 'OIDC',
  details: { ...OIDC.details, authorize_url: 'https://idp.example.com/authorize' },
  attributeMapping: { username: 'sub' },
  identifiers: [],
  ...over,
})
const newPool: Observed = { matchingPoolIds: [], matchingClientIds: [] }

describe('attribute-mapping keys must be attributes of the pool (finding 3)', () => {
  it('on a pool this run creates: a custom attribute is refused (the action creates none), a typo gets a did-you-mean; username and the standard attributes pass', () => {
    const provider = withMapping({ username: 'sub', email: 'email', email_verified: 'email_verified', emial: 'mail', 'custom:dept': 'department' })
    const result = plan(planDesired({ federatedProviders: [provider] }), newPool)
    expect(result.problems).toEqual([
      "federated-providers: provider 'Corp': attribute-mapping 'emial' is not an attribute of the pool; Cognito maps only to attributes the pool has (\"AttributeMapping contains invalid mapping\"). Did you mean 'email'? Map to a standard attribute (username, address, birthdate, email, email_verified, family_name, gender, given_name, locale, middle_name, name, nickname, phone_number, phone_number_verified, picture, preferred_username, profile, updated_at, website, zoneinfo) or to custom:<name> of a custom attribute the pool has",
      "federated-providers: provider 'Corp': attribute-mapping 'custom:dept': the pool this run creates has no custom attributes (the action does not create them); Cognito maps only to attributes the pool has (\"AttributeMapping contains invalid mapping\"). Add the custom attribute to the pool first (console, or aws cognito-idp add-custom-attributes --user-pool-id … --custom-attributes Name=dept,AttributeDataType=String), then run again; or remove the mapping",
    ])
  })

  it('on an existing pool: a custom attribute its schema has passes; one it does not have is refused with a did-you-mean to the one it has', () => {
    const pool = observedPool({ schema: [...observedPool().schema, { name: 'custom:department', required: false }] })
    const ok = plan(planDesired({ federatedProviders: [withMapping({ 'custom:department': 'dept' })] }), observedState({ pool, providerNames: [] }))
    expect(ok.problems).toEqual([])
    const typo = mappingProblems('p', { 'custom:departmant': 'dept' }, pool)
    expect(typo).toHaveLength(1)
    expect(typo[0]).toContain("'custom:departmant': the pool has no such custom attribute")
    expect(typo[0]).toContain("Did you mean 'custom:department'?")
    expect(typo[0]).toContain('Add the custom attribute to the pool first')
  })

  it('a key the provider already maps is not checked again (AWS took it); sub and identities are not mappable', () => {
    const state = observedState({ providerNames: ['Corp'], providers: [existing({ attributeMapping: { username: 'sub', 'custom:legacy': 'x' } })] })
    expect(plan(planDesired({ federatedProviders: [withMapping({ 'custom:legacy': 'y' })] }), state).problems).toEqual([])
    expect(mappingProblems('p', { sub: 'sub', identities: 'x' }, undefined)).toHaveLength(2)
  })

  it('did-you-mean only for a near miss', () => {
    expect(closest('given_nmae', ['given_name', 'name'])).toBe('given_name')
    expect(closest('department', ['email', 'name'])).toBeUndefined()
  })
})

describe('what AWS will fetch, read before the plan (finding 8)', () => {
  let server: Server
  let base = ''
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/'
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(typeof body === 'string' ? body : JSON.stringify(body))
      }
      const discovery = (issuer: string) => ({ issuer, authorization_endpoint: `${issuer}/a`, token_endpoint: `${issuer}/t`, jwks_uri: `${issuer}/k` })
      if (path === '/good/.well-known/openid-configuration') return json(200, discovery(`${base}/good`))
      if (path === '/other/.well-known/openid-configuration') return json(200, discovery('https://login.example.com/tenant/v2.0'))
      if (path === '/html/.well-known/openid-configuration') return json(200, '<html>sign in</html>')
      if (path === '/bare/.well-known/openid-configuration') return json(200, { issuer: `${base}/bare` })
      if (path === '/saml/metadata') {
        res.writeHead(200, { 'content-type': 'application/xml' })
        return res.end(
          '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><md:IDPSSODescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>',
        )
      }
      if (path === '/blocked/.well-known/openid-configuration') return json(403, { error: 'forbidden' })
      if (path === '/endless/.well-known/openid-configuration') {
        // An endless body: the read stops at the limit instead of reading (and keeping) it all.
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        const more = (): void => {
          while (res.write(chunk));
          res.once('drain', more)
        }
        res.on('close', () => res.removeAllListeners('drain'))
        return more()
      }
      if (path === '/saml/page') {
        res.writeHead(200, { 'content-type': 'text/html' })
        return res.end('<html>login</html>')
      }
      return json(404, { error: 'not found' })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const oidcAt = (issuer: string): DesiredProvider => ({ ...OIDC, details: { ...OIDC.details, oidc_issuer: issuer } })
  const samlAt = (url: string): DesiredProvider => ({ name: 'Okta', type: 'SAML', details: { MetadataURL: url }, secretKeys: [], attributeMapping: {} })

  it('an issuer whose discovery document names it, with its endpoints: ok', async () => {
    expect(await preflight(oidcAt(`${base}/good`), fetch)).toEqual({
      provider: 'Corp',
      member: 'oidc_issuer',
      url: `${base}/good/.well-known/openid-configuration`,
      outcome: 'ok',
    })
  })

  it.each([
    ['/missing', 'answered HTTP 404, not 200'],
    ['/html', 'answered a document that is not JSON'],
    ['/other', "names the issuer 'https://login.example.com/tenant/v2.0', not '<base>/other'"],
    ['/bare', 'names no authorization_endpoint, token_endpoint, jwks_uri'],
  ])('issuer %s: refused (%s)', async (path, detail) => {
    const check = await preflight(oidcAt(`${base}${path}`), fetch)
    expect(check).toMatchObject({ outcome: 'refused', detail: detail.replace('<base>', base) })
  })

  it('SAML metadata by URL: a metadata document is ok, a page or a 404 is refused', async () => {
    expect(await preflight(samlAt(`${base}/saml/metadata`), fetch)).toMatchObject({ member: 'MetadataURL', outcome: 'ok' })
    expect(await preflight(samlAt(`${base}/saml/page`), fetch)).toMatchObject({
      outcome: 'refused',
      detail: 'answered a document that is not SAML metadata (no EntityDescriptor)',
    })
    expect(await preflight(samlAt(`${base}/saml/gone`), fetch)).toMatchObject({ outcome: 'refused', detail: 'answered HTTP 404, not 200' })
  })

  it('a 403 (a WAF, a block of this runner) is this runner’s view: unreachable (a warning), not a problem; a 404 is refused', async () => {
    expect(await preflight(oidcAt(`${base}/blocked`), fetch)).toMatchObject({ outcome: 'unreachable', detail: 'answered HTTP 403 to this runner' })
    expect(await preflight(oidcAt(`${base}/missing`), fetch)).toMatchObject({ outcome: 'refused', detail: 'answered HTTP 404, not 200' })
  })

  it('an endless body is read only up to the limit (131,072 bytes), then judged: not JSON', async () => {
    expect(await preflight(oidcAt(`${base}/endless`), fetch)).toMatchObject({ outcome: 'refused', detail: 'answered a document that is not JSON' })
  })

  it('a refused connection is this runner not reaching it: unreachable (a warning), naming the cause', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    expect(await preflight(oidcAt(`http://127.0.0.1:${port}`), fetch)).toMatchObject({
      outcome: 'unreachable',
      detail: 'could not be read from this runner (ECONNREFUSED)',
    })
  })

  it('read only for a provider created or re-pointed: never for a no-op, nor for an update that keeps the URL', () => {
    expect(needsPreflight(OIDC, undefined)).toBe(true)
    expect(needsPreflight(OIDC, existing())).toBe(false)
    expect(needsPreflight({ ...OIDC, details: { ...OIDC.details, client_id: 'other' } }, existing())).toBe(false)
    expect(needsPreflight(oidcAt('https://new.example.com'), existing())).toBe(true)
    expect(needsPreflight(oidcAt('https://new.example.com'), existing({ type: 'SAML' }))).toBe(false)
    expect(needsPreflight({ ...OIDC, type: 'Google', details: { client_id: 'x' } }, undefined)).toBe(false)
  })

  const checked = (check: ProviderEndpointCheck): Observed => ({ ...newPool, providerEndpoints: [check] })

  it('the plan: a refused document is a problem naming the input, the URL, what was found and the fix; nothing else of the provider changes', () => {
    const result = plan(
      planDesired({ federatedProviders: [OIDC] }),
      checked({
        provider: 'Corp',
        member: 'oidc_issuer',
        url: 'https://idp.example.com/.well-known/openid-configuration',
        outcome: 'refused',
        detail: 'answered HTTP 404, not 200',
      }),
    )
    expect(result.problems).toEqual([
      "federated-providers: provider 'Corp': issuer 'https://idp.example.com': its discovery document 'https://idp.example.com/.well-known/openid-configuration' answered HTTP 404, not 200; Cognito reads it when it creates or updates the provider and refuses a provider whose discovery fails (AWSB-085). Fix the issuer: it is the IdP's issuer exactly as its discovery document names it (without /.well-known/openid-configuration), e.g. https://login.microsoftonline.com/<tenant-id>/v2.0",
    ])
  })

  it('the plan: an unreachable document is a warning on the issuer, not a problem', () => {
    const result = plan(
      planDesired({ federatedProviders: [OIDC] }),
      checked({
        provider: 'Corp',
        member: 'oidc_issuer',
        url: 'https://idp.example.com/.well-known/openid-configuration',
        outcome: 'unreachable',
        detail: 'could not be read from this runner (ENOTFOUND)',
      }),
    )
    expect(result.problems).toEqual([])
    const step = result.steps.find((s) => s.resource === 'provider')
    const issuer = step?.changes.find((c) => c.field === 'ProviderDetails.oidc_issuer')
    expect(issuer?.warning).toBe(
      'https://idp.example.com/.well-known/openid-configuration could not be read from this runner (ENOTFOUND); AWS fetches it from the internet when it writes the provider and refuses the provider if it cannot: check the URL if this runner should reach it',
    )
    expect(step?.changes.filter((c) => c.warning !== undefined)).toHaveLength(1)
  })
})
