// verify's waiting logic with a scripted fetch and a fake clock; the checks against a real HTTP
// server (the local Cognito) are in e2e/.
import { describe, expect, it } from 'vitest'
import { UNLISTED_REDIRECT, verify, type VerifyTarget } from '../../src/verify/sso.js'

const target: VerifyTarget = {
  issuer: 'https://idp.test/pool_1',
  hostedUiUrl: 'https://acme.auth.test',
  clientId: 'client1',
  callbackUrls: ['https://app.test/callback'],
  oauthFlows: ['code'],
  oauthScopes: ['openid', 'email'],
}

type Answer = Response | Error

/** A fetch that answers by URL prefix from queues (the last answer repeats), recording every URL and request. */
function scripted(routes: Record<string, Answer[]>) {
  const urls: string[] = []
  const requests: { url: string; init: RequestInit | undefined }[] = []
  const fetchFn = ((input: string | URL, init?: RequestInit) => {
    const url = input.toString()
    urls.push(url)
    requests.push({ url, init })
    const key = Object.keys(routes).find((k) => url.startsWith(k))
    const queue = key ? routes[key] : undefined
    if (!queue?.length) return Promise.resolve(new Response('not found', { status: 404 }))
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!
    if (answer instanceof Error) return Promise.reject(answer)
    return Promise.resolve(answer.clone())
  }) as typeof fetch
  return { fetchFn, urls, requests }
}

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const redirect = (location: string) => new Response(null, { status: 302, headers: { location } })
const offline = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })

function clock() {
  let t = 0
  const slept: number[] = []
  return { now: () => t, sleep: (ms: number) => (slept.push(ms), (t += ms), Promise.resolve()), slept }
}

const healthy = (): Record<string, Answer[]> => ({
  'https://idp.test/pool_1/.well-known/openid-configuration': [json({ issuer: target.issuer, jwks_uri: 'https://idp.test/pool_1/.well-known/jwks.json' })],
  'https://idp.test/pool_1/.well-known/jwks.json': [json({ keys: [{ kid: 'a' }] })],
  [`https://acme.auth.test/oauth2/authorize?client_id=client1&response_type=code&scope=openid+email&redirect_uri=${encodeURIComponent('https://app.test/callback')}`]:
    [redirect('https://acme.auth.test/login?client_id=client1')],
  [`https://acme.auth.test/oauth2/authorize?client_id=client1&response_type=code&scope=openid+email&redirect_uri=${encodeURIComponent(UNLISTED_REDIRECT)}`]: [
    redirect('https://acme.auth.test/error?error=redirect_mismatch&client_id=client1'),
  ],
  'https://acme.auth.test/login': [new Response('<h1>Sign in</h1><form method="post"><input name="username"></form>', { status: 200 })],
})

describe('verify', () => {
  it('fails when the sign-in page is not served (managed login v2 without a branding style), not only on the redirect', async () => {
    const { fetchFn } = scripted({ ...healthy(), 'https://acme.auth.test/login': [new Response('<h1>Login pages unavailable</h1>', { status: 200 })] })
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, ...clock() })
    const hosted = checks.find((x) => x.name === 'Hosted UI accepts https://app.test/callback')
    expect(hosted?.ok).toBe(false)
    expect(hosted?.detail).toContain('(Login pages unavailable); with managed-login: v2 the app client needs a branding style')
  })

  it('passes every check against a healthy pool, without waiting', async () => {
    const { fetchFn } = scripted(healthy())
    const c = clock()
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, ...c })
    expect(checks.map((x) => [x.name, x.ok])).toEqual([
      ['Issuer discovery document', true],
      ['Signing keys (JWKS)', true],
      ['Hosted UI accepts https://app.test/callback', true],
      ['Hosted UI refuses an unlisted callback URL', true],
    ])
    expect(c.slept).toEqual([])
  })

  it('waits with growing delays for a domain that does not answer yet, saying so', async () => {
    const routes = healthy()
    const key = Object.keys(routes).find((k) => k.includes(encodeURIComponent('https://app.test/callback')))!
    routes[key] = [offline(), new Response('', { status: 503 }), new Response('', { status: 404 }), redirect('/login')]
    const { fetchFn } = scripted(routes)
    const c = clock()
    const log: string[] = []
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, log: (m) => log.push(m), ...c })
    expect(checks.every((x) => x.ok)).toBe(true)
    expect(c.slept).toEqual([1000, 2000, 4000])
    expect(log[0]).toMatch(/^Waiting for the hosted UI at https:\/\/acme\.auth\.test: .*did not answer \(ENOTFOUND\); retrying in 1 s$/)
  })

  it('gives up at the deadline with the last reason', async () => {
    const routes = healthy()
    routes['https://idp.test/pool_1/.well-known/openid-configuration'] = [new Response('', { status: 503 })]
    const { fetchFn } = scripted(routes)
    const c = clock()
    const checks = await verify(target, { timeoutMs: 10_000, fetch: fetchFn, ...c })
    expect(checks[0]).toEqual({ name: 'Issuer discovery document', ok: false, detail: 'https://idp.test/pool_1/.well-known/openid-configuration answered 503' })
    expect(c.now()).toBeLessThanOrEqual(10_000)
  })

  it('fails, without waiting, when the issuer names another issuer or there are no keys', async () => {
    const routes = healthy()
    routes['https://idp.test/pool_1/.well-known/openid-configuration'] = [json({ issuer: 'https://elsewhere.test/x' })]
    routes['https://idp.test/pool_1/.well-known/jwks.json'] = [json({ keys: [] })]
    const { fetchFn } = scripted(routes)
    const c = clock()
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, ...c })
    expect(checks[0]?.ok).toBe(false)
    expect(checks[0]?.detail).toContain('names issuer https://elsewhere.test/x; expected https://idp.test/pool_1')
    expect(checks[1]).toMatchObject({ ok: false, detail: 'https://idp.test/pool_1/.well-known/jwks.json has no keys' })
    expect(c.slept).toEqual([])
  })

  it('fails the callback check on redirect_mismatch and the negative check when anything is accepted', async () => {
    const routes = healthy()
    for (const key of Object.keys(routes).filter((k) => k.includes('/oauth2/authorize'))) {
      routes[key] = key.includes(encodeURIComponent(UNLISTED_REDIRECT)) ? [redirect('/login')] : [redirect('/error?error=redirect_mismatch')]
    }
    const { fetchFn } = scripted(routes)
    const checks = await verify(target, { timeoutMs: 0, fetch: fetchFn, ...clock() })
    expect(checks[2]).toMatchObject({ ok: false })
    expect(checks[2]?.detail).toContain('redirect_mismatch: the client does not allow this callback URL')
    expect(checks[3]).toMatchObject({ ok: false })
    expect(checks[3]?.detail).toContain(`accepted ${UNLISTED_REDIRECT}`)
  })

  it('asks for the implicit flow when the client allows only that', async () => {
    const { fetchFn, urls } = scripted(healthy())
    await verify({ ...target, oauthFlows: ['implicit'] }, { timeoutMs: 0, fetch: fetchFn, ...clock() })
    expect(urls.filter((u) => u.includes('/oauth2/authorize')).every((u) => u.includes('response_type=token'))).toBe(true)
  })
})

describe('verify and a discovery document that points elsewhere', () => {
  it.each([
    ['another host', 'https://evil.test/pool_1/.well-known/jwks.json'],
    ['the same host, another pool', 'https://idp.test/pool_2/.well-known/jwks.json'],
    ['a path prefix that is not a path segment', 'https://idp.test/pool_10/.well-known/jwks.json'],
    ['another scheme', 'http://idp.test/pool_1/.well-known/jwks.json'],
    ['another port', 'https://idp.test:8443/pool_1/.well-known/jwks.json'],
    ['userinfo', 'https://user@idp.test/pool_1/.well-known/jwks.json'],
    ['not a URL', 'jwks.json'],
  ])('refuses a jwks_uri on %s, says so, and never fetches it', async (_what, jwksUri) => {
    const routes = { ...healthy(), 'https://idp.test/pool_1/.well-known/openid-configuration': [json({ issuer: target.issuer, jwks_uri: jwksUri })] }
    const { fetchFn, urls } = scripted(routes)
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, ...clock() })
    const discovery = checks.find((x) => x.name === 'Issuer discovery document')
    expect(discovery?.ok).toBe(false)
    expect(discovery?.detail).toContain('outside the issuer https://idp.test/pool_1')
    expect(discovery?.detail).toContain('not followed')
    const keys = checks.find((x) => x.name === 'Signing keys (JWKS)')
    expect(keys?.ok).toBe(false)
    expect(urls.filter((u) => u.includes('jwks'))).toEqual([])
  })

  it('follows a jwks_uri under the issuer', async () => {
    const routes = {
      ...healthy(),
      'https://idp.test/pool_1/.well-known/openid-configuration': [json({ issuer: target.issuer, jwks_uri: 'https://idp.test/pool_1/keys/v2' })],
      'https://idp.test/pool_1/keys/v2': [json({ keys: [{ kid: 'b' }] })],
    }
    const { fetchFn, urls } = scripted(routes)
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, ...clock() })
    expect(checks.every((x) => x.ok)).toBe(true)
    expect(urls).toContain('https://idp.test/pool_1/keys/v2')
  })

  it('shows values from the endpoint inert: an issuer with a line break and a workflow command', async () => {
    const hostile = 'https://idp.test/x\n::warning::pwned\r##[error]boom'
    const routes = { ...healthy(), 'https://idp.test/pool_1/.well-known/openid-configuration': [json({ issuer: hostile, jwks_uri: `${hostile}\n::error::x` })] }
    const { fetchFn } = scripted(routes)
    const checks = await verify(target, { timeoutMs: 60_000, fetch: fetchFn, ...clock() })
    const detail = checks.find((x) => x.name === 'Issuer discovery document')?.detail ?? ''
    expect(detail).not.toMatch(/[\r\n]/)
    expect(detail).not.toContain('::')
    expect(detail).not.toContain('##[')
    expect(detail).toContain('\\n')
  })
})

describe('verify and a machine-to-machine client (client_credentials only)', () => {
  const m2m: VerifyTarget = { ...target, oauthFlows: ['client_credentials'], oauthScopes: ['api/read'] }
  const TOKEN = 'https://acme.auth.test/oauth2/token'
  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

  it('checks the issuer, its keys and the token endpoint (asked without the secret), never the authorize endpoint', async () => {
    const { fetchFn, urls, requests } = scripted({ ...healthy(), [TOKEN]: [answer(400, { error: 'invalid_client' })] })
    const checks = await verify(m2m, { timeoutMs: 60_000, fetch: fetchFn, ...clock() })
    expect(checks.map((x) => [x.name, x.ok])).toEqual([
      ['Issuer discovery document', true],
      ['Signing keys (JWKS)', true],
      ['Token endpoint answers (client_credentials)', true],
    ])
    expect(checks[2]?.detail).toBe(`${TOKEN} asks this client to authenticate (400 invalid_client without its secret); the secret itself is not tried`)
    expect(urls.filter((u) => u.includes('/oauth2/authorize'))).toEqual([])
    const token = requests.find((r) => r.url === TOKEN)
    expect(token?.init?.method).toBe('POST')
    expect(token?.init?.body).toBe('grant_type=client_credentials&client_id=client1')
    expect(JSON.stringify(token?.init?.headers ?? {}).toLowerCase()).not.toContain('authorization')
  })

  it.each([
    ['a token (no authentication asked), never shown', answer(200, { access_token: 'eyJ.secret-token.x' }), '200;'],
    ['another error', answer(400, { error: 'unauthorized_client' }), '400 unauthorized_client;'],
    ['a page that is not the token endpoint', new Response('<h1>hi</h1>', { status: 403 }), '403;'],
  ])('fails on %s', async (_what, response, shown) => {
    const { fetchFn } = scripted({ ...healthy(), [TOKEN]: [response] })
    const checks = await verify(m2m, { timeoutMs: 0, fetch: fetchFn, ...clock() })
    expect(checks[2]).toMatchObject({ name: 'Token endpoint answers (client_credentials)', ok: false })
    expect(checks[2]?.detail).toBe(`${TOKEN} answered ${shown} expected 400 invalid_client to a request without the client secret`)
    expect(checks[2]?.detail).not.toContain('secret-token')
  })

  it('waits for a token endpoint that does not answer yet, as for the hosted UI', async () => {
    const { fetchFn } = scripted({ ...healthy(), [TOKEN]: [new Response('', { status: 503 }), answer(401, { error: 'invalid_client' })] })
    const c = clock()
    const checks = await verify(m2m, { timeoutMs: 60_000, fetch: fetchFn, ...c })
    expect(checks[2]).toMatchObject({ ok: true })
    expect(c.slept).toEqual([1000])
  })
})
