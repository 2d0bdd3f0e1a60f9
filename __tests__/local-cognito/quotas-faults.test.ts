// Request-rate quotas (AWS's categories, 5 RPS per operation per pool where AWS says so) on a clock the
// test advances; resource quotas per pool; injected faults that match one request, refuse it, or quote a line of it.
import { afterEach, describe, expect, it } from 'vitest'
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider'
import { createBackend } from '../../tools/local-cognito/cognito.js'
import { CATEGORIES, categoryOf, createRateLimiter, manualClock } from '../../tools/local-cognito/rate-limit.js'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { failure, raw, sdk, type LocalCognito } from './helpers.js'

const OIDC = (name: string): Record<string, unknown> => ({
  ProviderName: name,
  ProviderType: 'OIDC',
  ProviderDetails: {
    client_id: 'c',
    authorize_scopes: 'openid',
    attributes_request_method: 'GET',
    oidc_issuer: 'https://idp.example.com',
    // The endpoints given: AWS then fetches no discovery document (AWSB-085).
    authorize_url: 'https://idp.example.com/authorize',
    token_url: 'https://idp.example.com/token',
    attributes_url: 'https://idp.example.com/userinfo',
    jwks_uri: 'https://idp.example.com/jwks',
  },
})

describe('rate limiter (pure, manual clock)', () => {
  it('classifies every operation this local Cognito serves in one of AWS categories', () => {
    const served = Object.keys(createBackend({ region: 'us-east-1', accountId: '123456789012', domainActivationMs: 0 }).handlers)
    expect(served.filter((op) => categoryOf(op) === undefined)).toEqual([])
    const listed = Object.values(CATEGORIES).flatMap((c) => c.operations)
    expect(new Set(listed).size, 'an operation is in one category only').toBe(listed.length)
  })

  it("UserCreation: AWS's 50 RPS, a full second of burst, then one call per 20 ms", () => {
    const clock = manualClock()
    const limiter = createRateLimiter({ clock })
    for (let i = 0; i < 50; i++) expect(limiter.admit('AdminCreateUser', 'us-east-1_a')).toBeUndefined()
    expect(limiter.admit('AdminCreateUser', 'us-east-1_a')).toBe('UserCreation')
    clock.advance(19)
    expect(limiter.admit('AdminCreateUser', 'us-east-1_a')).toBe('UserCreation')
    clock.advance(1)
    expect(limiter.admit('AdminCreateUser', 'us-east-1_a')).toBeUndefined()
    expect(limiter.admit('AdminCreateUser', 'us-east-1_a')).toBe('UserCreation')
    expect(limiter.throttled).toEqual({ UserCreation: 3 })
    // Other categories have their own buckets.
    expect(limiter.admit('ListUsers', 'us-east-1_a')).toBeUndefined()
  })

  it('UserPoolResourceUpdate: 5 RPS per operation per pool, 15 RPS for the account', () => {
    const clock = manualClock()
    const limiter = createRateLimiter({ clock })
    for (let i = 0; i < 5; i++) expect(limiter.admit('CreateIdentityProvider', 'us-east-1_a')).toBeUndefined()
    expect(limiter.admit('CreateIdentityProvider', 'us-east-1_a')).toBe('UserPoolResourceUpdate')
    // Another operation of the category in the same pool, and the same operation in other pools, still pass...
    for (let i = 0; i < 5; i++) expect(limiter.admit('CreateResourceServer', 'us-east-1_a')).toBeUndefined()
    for (let i = 0; i < 5; i++) expect(limiter.admit('CreateIdentityProvider', 'us-east-1_b')).toBeUndefined()
    // ... until the account's 15 are used.
    expect(limiter.admit('CreateIdentityProvider', 'us-east-1_c')).toBe('UserPoolResourceUpdate')
    clock.advance(200)
    expect(limiter.admit('CreateIdentityProvider', 'us-east-1_a')).toBeUndefined()
    expect(limiter.admit('CreateIdentityProvider', 'us-east-1_a')).toBe('UserPoolResourceUpdate')
  })

  it('{ perSecond, burst } sets one rate for every category (no per-pool cap); scale multiplies', () => {
    const clock = manualClock()
    const uniform = createRateLimiter({ perSecond: 10, burst: 3, clock })
    for (let i = 0; i < 3; i++) expect(uniform.admit('CreateIdentityProvider', 'us-east-1_a')).toBeUndefined()
    expect(uniform.admit('CreateIdentityProvider', 'us-east-1_a')).toBe('UserPoolResourceUpdate')
    clock.advance(100)
    expect(uniform.admit('CreateIdentityProvider', 'us-east-1_a')).toBeUndefined()

    const doubled = createRateLimiter({ scale: 2, clock: manualClock() })
    for (let i = 0; i < 10; i++) expect(doubled.admit('CreateIdentityProvider', 'us-east-1_a')).toBeUndefined()
    expect(doubled.admit('CreateIdentityProvider', 'us-east-1_a')).toBe('UserPoolResourceUpdate')
    expect(() => createRateLimiter({ scale: 0 })).toThrow(/scale/)
  })
})

describe('rate limit over HTTP', () => {
  let lc: LocalCognito
  afterEach(async () => {
    await lc.close()
  })

  it('answers TooManyRequestsException past the quota, records the call, changes nothing; the SDK sees TooManyRequestsException', async () => {
    const clock = manualClock()
    lc = await startLocalCognito({ rateLimit: { clock } })
    const pool = (await lc.invoke('CreateUserPool', { PoolName: 'rl' })).UserPool.Id
    for (let i = 0; i < 5; i++) expect((await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC(`idp${i}`) })).status).toBe(200)
    const refused = await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC('idp5') })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' })
    expect(refused.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException')
    expect(lc.calls.at(-1)).toMatchObject({ operation: 'CreateIdentityProvider', status: 400, error: { code: 'TooManyRequestsException' } })
    expect((await lc.invoke('ListIdentityProviders', { UserPoolId: pool, MaxResults: 60 })).Providers).toHaveLength(5)
    expect(lc.throttled).toEqual({ UserPoolResourceUpdate: 1 })
    clock.advance(200)
    expect((await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC('idp5') })).status).toBe(200)

    // UserPoolUpdate: 15 per second, whatever the pool.
    const client = sdk(lc)
    for (let i = 0; i < 15; i++) await client.send(new CreateUserPoolCommand({ PoolName: `rl-${i}` }))
    const error = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'rl-15' })))
    expect(error.name).toBe('TooManyRequestsException')
    expect(error.$metadata.httpStatusCode).toBe(400)
    client.destroy()
  })

  it('is off unless asked for', async () => {
    lc = await startLocalCognito()
    const pool = (await lc.invoke('CreateUserPool', { PoolName: 'free' })).UserPool.Id
    for (let i = 0; i < 40; i++) expect((await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC(`idp${i}`) })).status).toBe(200)
    expect(lc.throttled).toEqual({})
  })
})

describe('faults aimed at one request', () => {
  let lc: LocalCognito
  afterEach(async () => {
    await lc.close()
  })

  it('match picks the request; invalid-parameter refuses it; refuse-quoting quotes one line of a member', async () => {
    lc = await startLocalCognito()
    const pool = (await lc.invoke('CreateUserPool', { PoolName: 'f' })).UserPool.Id
    lc.faults.add({
      operation: 'CreateIdentityProvider',
      kind: 'invalid-parameter',
      message: 'No.',
      match: (r: { ProviderName?: string }) => r.ProviderName === 'idp2',
    })
    expect((await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC('idp1') })).status).toBe(200)
    const refused = await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC('idp2') })
    expect(refused.body).toEqual({ __type: 'InvalidParameterException', message: 'No.' })
    expect(lc.faults.pending).toEqual([])

    const key = [
      '-----BEGIN PRIVATE KEY-----',
      'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg',
      'c2Vjb25kLWxpbmUtb2YtdGhlLWtleQ==',
      '-----END PRIVATE KEY-----',
    ].join('\n')
    lc.faults.add({ operation: 'CreateIdentityProvider', kind: 'refuse-quoting', member: 'ProviderDetails.private_key', line: 1 })
    const quoted = await raw(lc, 'CreateIdentityProvider', {
      UserPoolId: pool,
      ProviderName: 'SignInWithApple',
      ProviderType: 'SignInWithApple',
      ProviderDetails: { client_id: 'c', team_id: 't', key_id: 'k', private_key: key, authorize_scopes: 'email' },
    })
    expect(quoted.body.__type).toBe('InvalidParameterException')
    expect(quoted.body.message).toBe("Invalid private_key: unable to parse the key near 'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg'.")
    expect(
      (await lc.invoke('ListIdentityProviders', { UserPoolId: pool, MaxResults: 60 })).Providers.map((p: { ProviderName: string }) => p.ProviderName),
    ).toEqual(['idp1'])
  })
})

describe('resource quotas per user pool', () => {
  let lc: LocalCognito
  afterEach(async () => {
    await lc.close()
  })

  it('300 identity providers and 25 resource servers, then LimitExceededException', async () => {
    lc = await startLocalCognito()
    const pool = (await lc.invoke('CreateUserPool', { PoolName: 'q' })).UserPool.Id
    for (let i = 0; i < 300; i++) await lc.invoke('CreateIdentityProvider', { UserPoolId: pool, ...OIDC(`idp${i}`) })
    const refused = await raw(lc, 'CreateIdentityProvider', { UserPoolId: pool, ...OIDC('idp300') })
    expect(refused.body.__type).toBe('LimitExceededException')
    for (let i = 0; i < 25; i++) await lc.invoke('CreateResourceServer', { UserPoolId: pool, Identifier: `api${i}`, Name: `api${i}` })
    expect((await raw(lc, 'CreateResourceServer', { UserPoolId: pool, Identifier: 'api25', Name: 'api25' })).body.__type).toBe('LimitExceededException')
    expect(lc.contractViolations).toEqual([])
  })

  it('1,000 app clients and 10,000 groups per pool, 4 custom domains per account, then LimitExceededException (AWSB-201, AWSB-202)', async () => {
    lc = await startLocalCognito()
    const pool = (await lc.invoke('CreateUserPool', { PoolName: 'q' })).UserPool.Id
    for (let i = 0; i < 1000; i++) await lc.invoke('CreateUserPoolClient', { UserPoolId: pool, ClientName: `c${i}` })
    const client = await raw(lc, 'CreateUserPoolClient', { UserPoolId: pool, ClientName: 'c1000' })
    expect(client.body).toEqual({ __type: 'LimitExceededException', message: 'The user pool has reached its limit of 1000 app clients.' })
    // Another pool has its own 1,000.
    const other = (await lc.invoke('CreateUserPool', { PoolName: 'q2' })).UserPool.Id
    await lc.invoke('CreateUserPoolClient', { UserPoolId: other, ClientName: 'c0' })
    for (let i = 0; i < 10_000; i++) await lc.invoke('CreateGroup', { UserPoolId: pool, GroupName: `g${i}` })
    expect((await raw(lc, 'CreateGroup', { UserPoolId: pool, GroupName: 'g10000' })).body.__type).toBe('LimitExceededException')
    await lc.invoke('DeleteGroup', { UserPoolId: pool, GroupName: 'g0' })
    await lc.invoke('CreateGroup', { UserPoolId: pool, GroupName: 'g10000' })
    const cert = { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789' }
    for (let i = 0; i < 4; i++) {
      const p = (await lc.invoke('CreateUserPool', { PoolName: `d${i}` })).UserPool.Id
      await lc.invoke('CreateUserPoolDomain', { UserPoolId: p, Domain: `auth.d${i}.example.com`, CustomDomainConfig: cert })
    }
    const fifth = await raw(lc, 'CreateUserPoolDomain', { UserPoolId: other, Domain: 'auth.d4.example.com', CustomDomainConfig: cert })
    expect(fifth.body.__type).toBe('LimitExceededException')
    // A prefix domain is not a custom domain.
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: other, Domain: 'q2-prefix' })
    expect(lc.contractViolations).toEqual([])
  }, 60_000)

  it("Cognito's default email: 50 invitation mails per account per UTC day of the test's clock, then AWS's LimitExceededException (AWSB-203)", async () => {
    lc = await startLocalCognito()
    lc.setMailClock(Date.UTC(2026, 11, 6, 0, 0))
    const a = (await lc.invoke('CreateUserPool', { PoolName: 'a' })).UserPool.Id
    const b = (await lc.invoke('CreateUserPool', { PoolName: 'b' })).UserPool.Id
    const invite = (pool: string, name: string, extra: Record<string, unknown> = {}) =>
      raw(lc, 'AdminCreateUser', {
        UserPoolId: pool,
        Username: name,
        UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }],
        DesiredDeliveryMediums: ['EMAIL'],
        ...extra,
      })
    for (let i = 0; i < 30; i++) expect((await invite(a, `a${i}`)).status).toBe(200)
    // No mail: SUPPRESS, or the default medium (SMS).
    expect((await invite(a, 'quiet', { MessageAction: 'SUPPRESS' })).status).toBe(200)
    expect((await invite(a, 'sms', { DesiredDeliveryMediums: undefined })).status).toBe(200)
    // The account's count, not the pool's.
    for (let i = 0; i < 20; i++) expect((await invite(b, `b${i}`)).status).toBe(200)
    expect(lc.mailsSentToday()).toBe(50)
    const refused = await invite(b, 'b20')
    expect(refused.body).toEqual({
      __type: 'LimitExceededException',
      message:
        'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.',
    })
    // The user was not created: the same request goes through the next UTC day.
    lc.setMailClock(Date.UTC(2026, 11, 6, 23, 59, 59))
    expect((await invite(b, 'b20')).body.__type).toBe('LimitExceededException')
    lc.setMailClock(Date.UTC(2026, 11, 7, 0, 0))
    expect((await invite(b, 'b20')).status).toBe(200)
    // A pool that sends through SES is not limited.
    const ses = (
      await lc.invoke('CreateUserPool', {
        PoolName: 'ses',
        EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' },
      })
    ).UserPool.Id
    for (let i = 0; i < 60; i++) expect((await invite(ses, `s${i}`)).status).toBe(200)
    expect(lc.mailsSentToday()).toBe(1)
    expect(lc.contractViolations).toEqual([])
  })
})
