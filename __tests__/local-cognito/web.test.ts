import { createPublicKey } from 'node:crypto'
import { request } from 'node:http'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import type { LocalCognito } from './helpers.js'

let lc: LocalCognito
let poolId: string
let clientId: string
const callback = 'https://app.example.com/callback'

beforeAll(async () => {
  lc = await startLocalCognito({ port: 0 })
  poolId = (await lc.invoke('CreateUserPool', { PoolName: 'web' })).UserPool.Id
  await lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'web-login' })
  clientId = (
    await lc.invoke('CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'spa',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [callback],
    })
  ).UserPoolClient.ClientId
})
afterAll(async () => {
  await lc.close()
})

const get = (url: string) => fetch(url, { redirect: 'manual' })

describe('OIDC issuer', () => {
  it('serves the discovery document', async () => {
    const res = await get(`${lc.url}/${poolId}/.well-known/openid-configuration`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as Record<string, unknown>
    const issuer = `${lc.url}/${poolId}`
    expect(doc).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${lc.url}/_domain/web-login/oauth2/authorize`,
      token_endpoint: `${lc.url}/_domain/web-login/oauth2/token`,
      userinfo_endpoint: `${lc.url}/_domain/web-login/oauth2/userInfo`,
      response_types_supported: ['code', 'token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
    })
  })

  it('serves two importable RSA public keys per pool, with per-pool key ids', async () => {
    const { keys } = (await (await get(`${lc.url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: Record<string, string>[] }
    expect(keys).toHaveLength(2)
    for (const k of keys) {
      expect(k).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB' })
      expect(k).not.toHaveProperty('d')
      const key = createPublicKey({ key: k as never, format: 'jwk' })
      expect(key.asymmetricKeyType).toBe('rsa')
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048)
    }
    expect(new Set(keys.map((k) => k.kid)).size).toBe(2)
    const other = (await lc.invoke('CreateUserPool', { PoolName: 'other' })).UserPool.Id
    const otherKeys = (await (await get(`${lc.url}/${other}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }
    expect(otherKeys.keys.map((k) => k.kid)).not.toEqual(keys.map((k) => k.kid))
  })

  it('answers 404 for an unknown pool', async () => {
    const res = await get(`${lc.url}/us-east-1_nothere00/.well-known/openid-configuration`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ message: 'User pool us-east-1_nothere00 does not exist.' })
    expect((await get(`${lc.url}/us-east-1_nothere00/.well-known/jwks.json`)).status).toBe(404)
  })

  it('uses issuerBaseUrl when given', async () => {
    const other = await startLocalCognito({ port: 0, issuerBaseUrl: 'https://cognito-idp.us-east-1.amazonaws.com' })
    try {
      const id = (await other.invoke('CreateUserPool', { PoolName: 'iss' })).UserPool.Id
      const doc = (await (await get(`${other.url}/${id}/.well-known/openid-configuration`)).json()) as Record<string, unknown>
      expect(doc.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${id}`)
      expect(doc.authorization_endpoint).toBeUndefined() // no domain
    } finally {
      await other.close()
    }
  })
})

describe('hosted UI', () => {
  const authorize = (q: Record<string, string>) => get(`${lc.url}/_domain/web-login/oauth2/authorize?${new URLSearchParams(q).toString()}`)

  it('redirects a valid authorize request to the login page', async () => {
    const res = await authorize({ client_id: clientId, redirect_uri: callback, response_type: 'code', scope: 'openid email' })
    expect(res.status).toBe(302)
    const loc = new URL(res.headers.get('location')!)
    expect(`${loc.origin}${loc.pathname}`).toBe(`${lc.url}/_domain/web-login/login`)
    expect(loc.searchParams.get('client_id')).toBe(clientId)
    expect(loc.searchParams.get('redirect_uri')).toBe(callback)
    expect(loc.searchParams.get('response_type')).toBe('code')
    const login = await get(loc.toString())
    expect(login.status).toBe(200)
    expect(login.headers.get('content-type')).toContain('text/html')
  })

  it('redirects to the error page on redirect_uri mismatch or a flow the client does not allow', async () => {
    for (const q of [
      { client_id: clientId, redirect_uri: 'https://evil.example.com/cb', response_type: 'code' },
      { client_id: clientId, redirect_uri: `${callback}/`, response_type: 'code' },
      { client_id: clientId, redirect_uri: callback, response_type: 'token' },
    ]) {
      const res = await authorize(q)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe(`${lc.url}/_domain/web-login/error?error=redirect_mismatch&client_id=${clientId}`)
    }
    const page = await get(`${lc.url}/_domain/web-login/error?error=redirect_mismatch&client_id=${clientId}`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('redirect_mismatch')
  })

  it('answers 400 for an unknown client and 404 for an unknown domain', async () => {
    const res = await authorize({ client_id: 'nope', redirect_uri: callback, response_type: 'code' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('invalid_request')
    expect((await get(`${lc.url}/_domain/no-such-domain/oauth2/authorize?client_id=x`)).status).toBe(404)
  })

  it('is addressable by Host header <prefix>.auth.<region>.amazoncognito.com', async () => {
    const port = new URL(lc.url).port
    const host = 'web-login.auth.us-east-1.amazoncognito.com'
    const res = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(callback)}&response_type=code`,
          headers: { Host: host },
        },
        (r) => {
          r.resume()
          resolve({ status: r.statusCode!, location: r.headers.location })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(res.status).toBe(302)
    expect(res.location).toMatch(new RegExp(`^http://${host.replace(/\./g, '\\.')}/login\\?`))
  })

  it('answers 503 while the domain is still being created', async () => {
    const slow = await startLocalCognito({ port: 0, holdDomains: true })
    try {
      const id = (await slow.invoke('CreateUserPool', { PoolName: 'slow' })).UserPool.Id
      await slow.invoke('CreateUserPoolDomain', { UserPoolId: id, Domain: 'slow-login' })
      const c = await slow.invoke('CreateUserPoolClient', {
        UserPoolId: id,
        ClientName: 'c',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid'],
        CallbackURLs: [callback],
      })
      const url = `${slow.url}/_domain/slow-login/oauth2/authorize?${new URLSearchParams({ client_id: c.UserPoolClient.ClientId, redirect_uri: callback, response_type: 'code' }).toString()}`
      expect((await get(url)).status).toBe(503)
      await slow.domainRefused('slow-login') // resolved by the 503 above
      slow.activateDomain('slow-login')
      expect((await get(url)).status).toBe(302)
    } finally {
      await slow.close()
    }
  })

  it('web routes are not API calls', () => {
    expect(lc.calls).toEqual([])
    expect(lc.contractViolations).toEqual([])
  })
})

describe('cli', () => {
  it('prints the URL and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../tools/local-cognito/cli.js', import.meta.url))
    const child = spawn(process.execPath, [cli, '--port', '0', '--region', 'eu-central-1'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('\n')) resolve(out.trim())
      })
      child.on('error', reject)
    })
    expect(line).toMatch(/^local-cognito listening on http:\/\/127\.0\.0\.1:\d+$/)
    const url = line.split(' ').at(-1)!
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.CreateUserPool',
        Authorization: 'AWS4-HMAC-SHA256 x',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: '{"PoolName":"cli"}',
    })
    const body = (await res.json()) as { UserPool: { Id: string } }
    expect(body.UserPool.Id).toMatch(/^eu-central-1_/)
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve)
      child.kill('SIGTERM')
    })
    expect(code).toBe(0)
  })
})

describe('token endpoint (its refusals; it issues no tokens)', () => {
  const post = (body: Record<string, string>, authorization?: string) =>
    fetch(`${lc.url}/_domain/web-login/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(body).toString(),
    })
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

  it('answers 400 invalid_client without the secret, with a wrong one, or for a client that does not exist', async () => {
    await lc.invoke('CreateResourceServer', { UserPoolId: poolId, Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] })
    const m2m = (
      await lc.invoke('CreateUserPoolClient', {
        UserPoolId: poolId,
        ClientName: 'm2m',
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['api/read'],
      })
    ).UserPoolClient as { ClientId: string; ClientSecret: string }
    for (const res of [
      await post({ grant_type: 'client_credentials', client_id: m2m.ClientId }),
      await post({ grant_type: 'client_credentials', client_id: m2m.ClientId, client_secret: 'wrong' }),
      await post({ grant_type: 'client_credentials' }, basic(m2m.ClientId, 'wrong')),
      await post({ grant_type: 'client_credentials', client_id: 'nosuchclient' }),
    ]) {
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ error: 'invalid_client' })
    }
    // authenticated: a grant it may not use, a grant that does not exist
    const spa = await post({ grant_type: 'client_credentials', client_id: clientId })
    expect([spa.status, await spa.json()]).toEqual([400, { error: 'unauthorized_client' }])
    const odd = await post({ grant_type: 'password' }, basic(m2m.ClientId, m2m.ClientSecret))
    expect([odd.status, await odd.json()]).toEqual([400, { error: 'unsupported_grant_type' }])
  })
})
