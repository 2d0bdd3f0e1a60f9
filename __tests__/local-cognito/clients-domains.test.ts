import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { failure, invokeError, sdk, type LocalCognito } from './helpers.js'

let lc: LocalCognito
let client: CognitoIdentityProviderClient
let poolId: string

const oauth = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code' as const],
  AllowedOAuthScopes: ['openid', 'email'],
  CallbackURLs: ['https://app.example.com/callback', 'http://localhost:3000/callback'],
  LogoutURLs: ['https://app.example.com/'],
  SupportedIdentityProviders: ['COGNITO'],
}

beforeAll(async () => {
  lc = await startLocalCognito({ port: 0 })
  client = sdk(lc)
  poolId = (await lc.invoke('CreateUserPool', { PoolName: 'clients' })).UserPool.Id
})
afterAll(async () => {
  client.destroy()
  await lc.close()
})

describe('app clients', () => {
  it('creates a public client with AWS defaults', async () => {
    const { UserPoolClient: c } = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }))
    expect(c!.ClientId).toMatch(/^[a-z0-9]{26}$/)
    expect(c!.ClientSecret).toBeUndefined()
    expect(c).toMatchObject({
      UserPoolId: poolId,
      ClientName: 'web',
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
    })
    const secret = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'server', GenerateSecret: true }))
    expect(secret.UserPoolClient!.ClientSecret).toMatch(/^[a-z0-9]{51}$/)
  })

  it('UpdateUserPoolClient resets every omitted setting and keeps the name', async () => {
    const { UserPoolClient: c } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'to-reset',
        ...oauth,
        DefaultRedirectURI: 'https://app.example.com/callback',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 2,
        IdTokenValidity: 2,
        RefreshTokenValidity: 7,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
        ReadAttributes: ['email'],
        WriteAttributes: ['email'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: false,
        AuthSessionValidity: 10,
      }),
    )
    expect(c).toMatchObject({ ...oauth, DefaultRedirectURI: 'https://app.example.com/callback', ReadAttributes: ['email'] })
    await client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }))
    const { UserPoolClient: d } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }))
    expect(d).toMatchObject({
      ClientName: 'to-reset',
      AllowedOAuthFlowsUserPoolClient: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
    })
    for (const k of ['CallbackURLs', 'LogoutURLs', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'SupportedIdentityProviders'] as const)
      expect(d![k] ?? []).toEqual([])
    expect(d!.DefaultRedirectURI).toBeUndefined()
    expect(d!.ReadAttributes).toBeUndefined() // all attributes
    expect(d!.WriteAttributes).toBeUndefined()
    expect(d!.LastModifiedDate!.getTime()).toBeGreaterThan(d!.CreationDate!.getTime())
    const renamed = await client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId, ClientName: 'renamed', ...oauth }))
    expect(renamed.UserPoolClient).toMatchObject({ ClientName: 'renamed', ...oauth })
  })

  const rejects: [string, Partial<CreateUserPoolClientCommandInput>, string, RegExp][] = [
    ['http callback other than localhost', { ...oauth, CallbackURLs: ['http://app.example.com/cb'] }, 'InvalidParameterException', /Invalid URL/],
    ['http callback to another private address', { ...oauth, CallbackURLs: ['http://10.0.0.1:3000/cb'] }, 'InvalidParameterException', /Invalid URL/],
    ['relative callback', { ...oauth, CallbackURLs: ['/cb'] }, 'InvalidParameterException', /Invalid URL/],
    ['callback with a fragment', { ...oauth, CallbackURLs: ['https://app.example.com/#cb'] }, 'InvalidParameterException', /Invalid URL/],
    ['bad logout URL', { LogoutURLs: ['http://example.com/'] }, 'InvalidParameterException', /Invalid URL/],
    ['DefaultRedirectURI not a callback', { ...oauth, DefaultRedirectURI: 'https://other.example.com/' }, 'InvalidParameterException', /DefaultRedirectURI/],
    ['OAuth on without flows', { ...oauth, AllowedOAuthFlows: [] }, 'InvalidOAuthFlowException', /AllowedOAuthFlows/],
    ['OAuth on without scopes', { ...oauth, AllowedOAuthScopes: [] }, 'InvalidOAuthFlowException', /AllowedOAuthScopes/],
    ['code flow without callbacks', { ...oauth, CallbackURLs: [] }, 'InvalidOAuthFlowException', /CallbackUrls can not be empty/],
    ['client_credentials without secret', { ...oauth, AllowedOAuthFlows: ['client_credentials'] }, 'InvalidOAuthFlowException', /client secret/],
    [
      'client_credentials with code',
      { ...oauth, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials', 'code'] },
      'InvalidOAuthFlowException',
      /implicit or code/,
    ],
    ['email scope without openid', { ...oauth, AllowedOAuthScopes: ['email'] }, 'InvalidParameterException', /openid/],
    ['unknown scope', { ...oauth, AllowedOAuthScopes: ['openid', 'api/read'] }, 'ScopeDoesNotExistException', /^Invalid scope requested: api\/read$/],
    [
      'unknown identity provider',
      { ...oauth, SupportedIdentityProviders: ['COGNITO', 'Google'] },
      'InvalidParameterException',
      /The provider Google does not exist for User Pool/,
    ],
  ]
  it.each(rejects)('rejects %s', async (_name, input, code, message) => {
    const e = await failure(client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bad', ...input })))
    expect(e.name).toBe(code)
    expect(e.message).toMatch(message)
  })

  it('applies the same rules on update', async () => {
    const { UserPoolClient: c } = await lc.invoke('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'upd' })
    const e = await failure(
      client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId, ...oauth, CallbackURLs: ['http://app.example.com/cb'] })),
    )
    expect(e.name).toBe('InvalidParameterException')
  })

  // AWSB-044: https except http://localhost, http://127.0.0.1 and http://[::1], any port (model UserPoolClientType.CallbackURLs).
  it('accepts the three loopback http forms, with or without a port, on create and update', async () => {
    const loopback = ['http://localhost/cb', 'http://127.0.0.1:3000/cb', 'http://[::1]:8080/cb', 'http://[::1]/cb']
    const made = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'loop', ...oauth, CallbackURLs: loopback }))
    expect(made.UserPoolClient?.CallbackURLs).toEqual(loopback)
    const updated = await client.send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: made.UserPoolClient?.ClientId, ...oauth, CallbackURLs: loopback.slice(1) }),
    )
    expect(updated.UserPoolClient?.CallbackURLs).toEqual(loopback.slice(1))
  })

  it('accepts http://localhost, app schemes and a pool identity provider', async () => {
    // Endpoints given: AWS takes them when it cannot discover them (this issuer does not resolve).
    await lc.invoke('CreateIdentityProvider', {
      UserPoolId: poolId,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: {
        client_id: 'x',
        authorize_scopes: 'openid',
        attributes_request_method: 'GET',
        oidc_issuer: 'https://idp.example.com',
        authorize_url: 'https://idp.example.com/authorize',
        token_url: 'https://idp.example.com/token',
        attributes_url: 'https://idp.example.com/userinfo',
        jwks_uri: 'https://idp.example.com/jwks',
      },
    })
    const out = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'ok',
        ...oauth,
        CallbackURLs: ['http://localhost/cb', 'myapp://callback'],
        SupportedIdentityProviders: ['COGNITO', 'Corp'],
        AllowedOAuthScopes: ['openid', 'profile', 'phone', 'aws.cognito.signin.user.admin'],
      }),
    )
    expect(out.UserPoolClient!.SupportedIdentityProviders).toEqual(['COGNITO', 'Corp'])
  })

  it('unknown pool or client → ResourceNotFoundException', async () => {
    expect((await failure(client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nope' })))).name).toBe('ResourceNotFoundException')
    expect((await failure(client.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-east-1_nope', ClientName: 'c' })))).name).toBe(
      'ResourceNotFoundException',
    )
    expect((await failure(client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nope' })))).name).toBe('ResourceNotFoundException')
  })

  it('lists 61 clients in pages (default MaxResults 60) and deletes', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', { PoolName: 'many-clients' })
    const ids: string[] = []
    for (let i = 0; i < 61; i++) ids.push((await lc.invoke('CreateUserPoolClient', { UserPoolId: p.Id, ClientName: `c${i}` })).UserPoolClient.ClientId)
    const first = await client.send(new ListUserPoolClientsCommand({ UserPoolId: p.Id }))
    expect(first.UserPoolClients).toHaveLength(60)
    expect(first.UserPoolClients![0]).toEqual({ ClientId: ids[0], UserPoolId: p.Id, ClientName: 'c0' })
    const second = await client.send(new ListUserPoolClientsCommand({ UserPoolId: p.Id, NextToken: first.NextToken }))
    expect(second.UserPoolClients!.map((c) => c.ClientId)).toEqual([ids[60]])
    expect(second.NextToken).toBeUndefined()
    const small: string[] = []
    let token: string | undefined
    do {
      const out = await client.send(new ListUserPoolClientsCommand({ UserPoolId: p.Id, MaxResults: 25, NextToken: token }))
      small.push(...out.UserPoolClients!.map((c) => c.ClientId!))
      token = out.NextToken
    } while (token)
    expect(small).toEqual(ids)
    // a token of another list is invalid
    const other = await lc.invoke('ListUserPools', { MaxResults: 1 })
    const tokenOfPoolsList = other.NextToken as string
    const e = await failure(client.send(new ListUserPoolClientsCommand({ UserPoolId: p.Id, NextToken: tokenOfPoolsList })))
    expect(e.name).toBe('InvalidParameterException')
    await client.send(new DeleteUserPoolClientCommand({ UserPoolId: p.Id, ClientId: ids[0]! }))
    expect((await invokeError(lc, 'DescribeUserPoolClient', { UserPoolId: p.Id, ClientId: ids[0]! })).code).toBe('ResourceNotFoundException')
  })
})

describe('user pool domains', () => {
  it('creates, describes, and shows the domain on the pool', async () => {
    const out = await client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app-login' }))
    expect(out.ManagedLoginVersion).toBe(1)
    const { DomainDescription: d } = await client.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app-login' }))
    expect(d).toMatchObject({ UserPoolId: poolId, AWSAccountId: '123456789012', Domain: 'my-app-login', Status: 'ACTIVE', ManagedLoginVersion: 1 })
    expect(d!.CloudFrontDistribution).toMatch(/^d[a-z0-9]+\.cloudfront\.net$/)
    expect(d!.S3Bucket).toBeTruthy()
    expect(d!.Version).toBeTruthy()
    expect((await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.Domain).toBe('my-app-login')
  })

  it('an unknown domain describes as an empty DomainDescription', async () => {
    const out = await client.send(new DescribeUserPoolDomainCommand({ Domain: 'nobody-has-this' }))
    expect(out.DomainDescription).toEqual({})
  })

  it('one prefix domain per pool; unique across pools; reserved words refused', async () => {
    const e1 = await failure(client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'second-one' })))
    expect(e1.message).toBe('User pool already has a domain configured.')
    const { UserPool: other } = await lc.invoke('CreateUserPool', { PoolName: 'other' })
    const e2 = await failure(client.send(new CreateUserPoolDomainCommand({ UserPoolId: other.Id, Domain: 'my-app-login' })))
    expect(e2.name).toBe('InvalidParameterException')
    expect(e2.message).toBe('Domain already associated with another user pool.')
    for (const word of ['aws', 'amazon', 'cognito']) {
      const e = await failure(client.send(new CreateUserPoolDomainCommand({ UserPoolId: other.Id, Domain: `my-${word}-login` })))
      expect(e.message).toBe(`Domain cannot contain reserved word: ${word}`)
    }
    const e3 = await failure(client.send(new CreateUserPoolDomainCommand({ UserPoolId: other.Id, Domain: 'Upper-Case' })))
    expect(e3.message).toContain("at 'domain' failed to satisfy constraint")
    const e4 = await failure(client.send(new CreateUserPoolDomainCommand({ UserPoolId: 'us-east-1_nope', Domain: 'fine-name' })))
    expect(e4.name).toBe('ResourceNotFoundException')
  })

  it('update and delete require the owning pool', async () => {
    const { UserPool: other } = await lc.invoke('CreateUserPool', { PoolName: 'not-owner' })
    const e = await failure(client.send(new DeleteUserPoolDomainCommand({ UserPoolId: other.Id, Domain: 'my-app-login' })))
    expect(e.name).toBe('InvalidParameterException')
    const up = await client.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app-login', ManagedLoginVersion: 2 }))
    expect(up.ManagedLoginVersion).toBe(2)
    await client.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app-login' }))
    expect((await lc.invoke('DescribeUserPoolDomain', { Domain: 'my-app-login' })).DomainDescription).toEqual({})
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: poolId })).UserPool.Domain).toBeUndefined()
    // free again: another pool may take it
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: other.Id, Domain: 'my-app-login' })
  })

  it('is CREATING until the test activates it (holdDomains)', async () => {
    const slow = await startLocalCognito({ port: 0, holdDomains: true })
    try {
      const { UserPool: p } = await slow.invoke('CreateUserPool', { PoolName: 'slow' })
      await slow.invoke('CreateUserPoolDomain', { UserPoolId: p.Id, Domain: 'slow-domain' })
      expect((await slow.invoke('DescribeUserPoolDomain', { Domain: 'slow-domain' })).DomainDescription.Status).toBe('CREATING')
      slow.activateDomain('slow-domain')
      expect((await slow.invoke('DescribeUserPoolDomain', { Domain: 'slow-domain' })).DomainDescription.Status).toBe('ACTIVE')
    } finally {
      await slow.close()
    }
  })
})

describe('contract', () => {
  it('has no contract violations', () => {
    expect(lc.contractViolations).toEqual([])
  })
})
