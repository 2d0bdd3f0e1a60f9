import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsCallError } from '../../src/aws/errors.js'
import { PoolNotFoundError } from '../../src/model/errors.js'
import { observe } from '../../src/engine/observe.js'
import { plan } from '../../src/engine/plan.js'
import { awsError, CLIENT_ID, describedClient, describedPool, desired, mockCognito, operations, POOL_ARN, POOL_ID, sent, type Mocked } from '../support/aws.js'

let m: Mocked
beforeEach(() => {
  m = mockCognito()
})
afterEach(() => {
  m.cognito.restore()
})

/**
 * The usual answers for an existing pool named `openmetadata` (managed by the action) with one client
 * `openmetadata-web`, which owns the desired domain when it has it.
 */
function existing(pool = describedPool(), client = describedClient()): void {
  m.cognito
    .on(DescribeUserPoolDomainCommand)
    .resolves({ DomainDescription: pool.Domain === 'openmetadata-sso' ? { Domain: 'openmetadata-sso', UserPoolId: POOL_ID } : {} })
  m.cognito.on(ListUserPoolsCommand).resolves({
    UserPools: [
      { Id: POOL_ID, Name: 'openmetadata' },
      { Id: 'eu-central-1_Other', Name: 'other' },
    ],
  })
  m.cognito.on(DescribeUserPoolCommand, { UserPoolId: POOL_ID }).resolves({ UserPool: pool })
  m.cognito.on(ListUserPoolClientsCommand, { UserPoolId: POOL_ID }).resolves({
    UserPoolClients: [
      { ClientId: CLIENT_ID, ClientName: 'openmetadata-web', UserPoolId: POOL_ID },
      { ClientId: 'another', ClientName: 'openmetadata-cli', UserPoolId: POOL_ID },
    ],
  })
  m.cognito.on(DescribeUserPoolClientCommand, { UserPoolId: POOL_ID, ClientId: CLIENT_ID }).resolves({ UserPoolClient: client })
}

/** Resolves after `ms`, rejecting with `message` — a guard so a missing parallel call fails fast instead of hanging. */
function within<T>(promise: Promise<T>, message: string, ms = 1000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(message)), ms))])
}

function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = (): void => {}
  const promise = new Promise<void>((resolve) => {
    fire = resolve
  })
  return { promise, fire }
}

describe('observe: new pool', () => {
  it('asks who owns the desired domain, then (free) lists pools by name; nothing else', async () => {
    m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-central-1_Other', Name: 'openmetadata-dev' }] })
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    const { observed, described: raw } = await observe(m.api, desired())
    expect(sent(m.cognito)).toEqual([
      ['DescribeUserPoolDomain', { Domain: 'openmetadata-sso' }],
      ['ListUserPools', { MaxResults: 60 }],
    ])
    expect(observed).toStrictEqual({ matchingPoolIds: [], matchingClientIds: [], desiredDomainOwner: { kind: 'free' } })
    expect(raw).toStrictEqual({})
  })

  it('reports a domain already owned by a pool of another name, never taking that pool for ours', async () => {
    m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: [] })
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'openmetadata-sso', UserPoolId: 'eu-central-1_Other' } })
    m.cognito.on(DescribeUserPoolCommand, { UserPoolId: 'eu-central-1_Other' }).resolves({
      UserPool: { Id: 'eu-central-1_Other', Name: 'someone-else', UserPoolTags: { 'managed-by': 'cognito-sso-action' } },
    })
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'theirs', ClientName: 'openmetadata-web' }] })
    const found: string[] = []
    const { observed } = await observe(m.api, desired(), { found: (id) => found.push(id) })
    expect(observed.desiredDomainOwner).toEqual({ kind: 'other-pool', userPoolId: 'eu-central-1_Other' })
    expect(observed.pool).toBeUndefined()
    expect(found).toEqual([])
    // Its client is never described (its secret would be read): the describe waits for the pool's check.
    expect(m.cognito).not.toHaveReceivedCommand(DescribeUserPoolClientCommand)
  })

  it('a pool of this name without the managed tag that owns the domain, while ListUserPools lists none of that name, is not adopted', async () => {
    m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: [] })
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'openmetadata-sso', UserPoolId: 'eu-central-1_Other' } })
    m.cognito.on(DescribeUserPoolCommand, { UserPoolId: 'eu-central-1_Other' }).resolves({ UserPool: { Id: 'eu-central-1_Other', Name: 'openmetadata' } })
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [] })
    const { observed } = await observe(m.api, desired())
    expect(observed.desiredDomainOwner).toEqual({ kind: 'other-pool', userPoolId: 'eu-central-1_Other' })
    expect(observed.pool).toBeUndefined()
  })

  it('an owner that cannot be described (another account, a policy that denies it) is looked past: the pool is looked for by name, with no error', async () => {
    m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: [] })
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'openmetadata-sso', UserPoolId: 'eu-central-1_Far' } })
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('AccessDeniedException', 'not authorized on eu-central-1_Far'))
    m.cognito.on(ListUserPoolClientsCommand).rejects(awsError('AccessDeniedException', 'not authorized on eu-central-1_Far'))
    const found: string[] = []
    const { observed } = await observe(m.api, desired(), { found: (id) => found.push(id) })
    expect(operations(m.cognito)).toContain('ListUserPools')
    expect(observed.desiredDomainOwner).toEqual({ kind: 'other-pool', userPoolId: 'eu-central-1_Far' })
    expect(found).toEqual([])
  })
})

describe('observe: found through its domain', () => {
  const unmanaged = (id: string) => describedPool({ Id: id, UserPoolTags: { team: 'platform' } })

  it('the managed pool of this name that owns the domain is the pool: no ListUserPools, whatever the size of the account', async () => {
    existing()
    const found: string[] = []
    const { observed } = await observe(m.api, desired(), { found: (id) => found.push(id) })
    expect(m.cognito).not.toHaveReceivedCommand(ListUserPoolsCommand)
    expect(observed.matchingPoolIds).toEqual([POOL_ID])
    expect(observed.pool?.id).toBe(POOL_ID)
    expect(observed.desiredDomainOwner).toBeUndefined()
    expect(found).toEqual(expect.arrayContaining([POOL_ID, POOL_ARN, CLIENT_ID]))
    expect(m.cognito).toHaveReceivedCommandTimes(DescribeUserPoolCommand, 1)
  })

  it('a pool of this name without the managed tag (made in the console) is adopted when no other pool has the name: its reads are not repeated', async () => {
    existing(unmanaged(POOL_ID))
    const { observed } = await observe(m.api, desired())
    expect(m.cognito).toHaveReceivedCommandTimes(ListUserPoolsCommand, 1)
    expect(observed.matchingPoolIds).toEqual([POOL_ID])
    expect(observed.pool?.managedByAction).toBe(false)
    expect(observed.client?.id).toBe(CLIENT_ID)
    expect(m.cognito).toHaveReceivedCommandTimes(DescribeUserPoolCommand, 1)
    expect(m.cognito).toHaveReceivedCommandTimes(ListUserPoolClientsCommand, 1)
  })

  it('... and when another pool has the name too, both are reported (the plan refuses to choose)', async () => {
    existing(unmanaged(POOL_ID))
    m.cognito.on(ListUserPoolsCommand).resolves({
      UserPools: [
        { Id: POOL_ID, Name: 'openmetadata' },
        { Id: 'eu-central-1_Copy', Name: 'openmetadata' },
      ],
    })
    m.cognito.on(DescribeUserPoolCommand, { UserPoolId: 'eu-central-1_Copy' }).resolves({ UserPool: unmanaged('eu-central-1_Copy') })
    const found: string[] = []
    const { observed } = await observe(m.api, desired(), { found: (id) => found.push(id) })
    expect(observed.matchingPoolIds).toEqual([POOL_ID, 'eu-central-1_Copy'])
    expect(observed.pool).toBeUndefined()
    expect(found).toEqual([])
    expect(plan(desired(), observed).problems.join('\n')).toContain("2 user pools in eu-central-1 are named 'openmetadata'")
  })

  it('IDs and secrets read while the owner is checked are held until it is confirmed', async () => {
    existing(describedPool(), describedClient({ ClientSecret: 'client-Secret-1' }))
    const heard: string[] = []
    let described = false
    m.cognito.on(DescribeUserPoolCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      // Nothing was passed on before the owner's description arrived.
      expect(heard).toEqual([])
      described = true
      return { UserPool: describedPool() }
    })
    await observe(m.api, desired(), { found: (id) => heard.push(id), secret: (v) => heard.push(v) })
    expect(described).toBe(true)
    expect(heard).toEqual(expect.arrayContaining([POOL_ID, CLIENT_ID, 'client-Secret-1']))
  })

  it('a failed read of our pool found through its domain is reported as it is', async () => {
    existing()
    m.cognito.on(ListUserPoolClientsCommand).rejects(awsError('AccessDeniedException', 'denied'))
    await expect(observe(m.api, desired())).rejects.toThrow(/ListUserPoolClients/)
  })
})

describe('observe: existing pool', () => {
  it('reads an unchanged pool with exactly four calls: its domain, then the pool and its clients, then the client', async () => {
    existing()
    const { observed, described: raw } = await observe(m.api, desired())
    expect(operations(m.cognito)).toEqual(['DescribeUserPoolDomain', 'DescribeUserPool', 'ListUserPoolClients', 'DescribeUserPoolClient'])
    expect(m.cognito).not.toHaveReceivedCommand(ListUserPoolsCommand)
    expect(m.cognito).toHaveReceivedCommandWith(DescribeUserPoolClientCommand, { UserPoolId: POOL_ID, ClientId: CLIENT_ID })
    expect(observed).toStrictEqual({
      matchingPoolIds: [POOL_ID],
      matchingClientIds: [CLIENT_ID],
      // Every client the pool has (the one named and another), for the plan's count against 1,000 (AWSB-201).
      clientCount: 2,
      pool: {
        id: POOL_ID,
        arn: POOL_ARN,
        name: 'openmetadata',
        deletionProtection: true,
        autoVerifiedAttributes: ['email'],
        usernameAttributes: ['email'],
        aliasAttributes: [],
        usernameCaseSensitive: false,
        schema: [
          { name: 'sub', required: true },
          { name: 'email', required: true },
          { name: 'custom:team', required: false },
        ],
        domain: 'openmetadata-sso',
        customDomain: 'auth.example.com',
        managedByAction: true,
        // What MFA and feature-plan checks read from the description (no read of their own).
        mfaConfiguration: 'ON',
        firstAuthFactors: ['PASSWORD'],
        threatProtection: { mode: 'AUDIT' },
        preTokenVersion: 'V2_0',
        // The catalogue's settings as DescribeUserPool shows them (src/settings/pool.ts).
        settings: {
          'required-attributes': ['sub', 'email'],
          'sign-in-identifiers': { username: ['email'], alias: [] },
          'username-case-sensitive': false,
          'deletion-protection': true,
          'auto-verified-attributes': ['email'],
          'feature-plan': 'ESSENTIALS',
          'password-policy': { minLength: 12, uppercase: true, lowercase: true, numbers: true, symbols: false, temporaryDays: 3, history: 5 },
          'account-recovery': [{ Name: 'verified_email', Priority: 1 }],
          'self-sign-up': false,
          'email-sender': {
            account: 'DEVELOPER',
            sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/example.com',
            from: 'Example <no-reply@example.com>',
            replyTo: 'support@example.com',
          },
        },
      },
      client: {
        id: CLIENT_ID,
        name: 'openmetadata-web',
        hasSecret: false,
        callbackUrls: ['https://app.example.com/callback'],
        logoutUrls: ['https://app.example.com/logout'],
        defaultRedirectUri: 'https://app.example.com/callback',
        oauthFlows: ['code'],
        oauthScopes: ['openid', 'email', 'profile'],
        identityProviders: ['COGNITO'],
        oauthEnabled: true,
        settings: {
          'callback-urls': ['https://app.example.com/callback'],
          'logout-urls': ['https://app.example.com/logout'],
          'oauth-flows': ['code'],
          'oauth-scopes': ['openid', 'email', 'profile'],
          'identity-providers': ['COGNITO'],
          'oauth-enabled': true,
          'token-validity': { access: 3600, id: 3600, refresh: 30 * 86400 },
        },
      },
    })
    expect(raw.pool).toEqual(describedPool())
    expect(raw.client).toEqual(describedClient())
    // The fixtures describe the desired state, so the plan over what was observed changes nothing.
    expect(plan(desired(), observed)).toEqual(expect.objectContaining({ changed: false, problems: [] }))
  })

  it.each([
    ['free', {}, { kind: 'free' }],
    ['this pool', { Domain: 'openmetadata-sso', UserPoolId: POOL_ID }, { kind: 'this-pool' }],
    ['another pool', { Domain: 'openmetadata-sso', UserPoolId: 'eu-central-1_Other' }, { kind: 'other-pool', userPoolId: 'eu-central-1_Other' }],
  ])('looks up the owner of the desired domain when the pool has another one (%s)', async (_label, description, owner) => {
    existing(describedPool({ Domain: 'old-prefix' }))
    m.cognito.on(DescribeUserPoolDomainCommand, { Domain: 'openmetadata-sso' }).resolves({ DomainDescription: description })
    const { observed } = await observe(m.api, desired())
    expect(m.cognito).toHaveReceivedCommandExactlyOnceWith(DescribeUserPoolDomainCommand, { Domain: 'openmetadata-sso' })
    expect(observed.pool?.domain).toBe('old-prefix')
    expect(observed.desiredDomainOwner).toEqual(owner)
  })

  it('looks up the owner of the desired domain when the pool has no domain', async () => {
    existing(describedPool({ Domain: undefined }))
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    const { observed } = await observe(m.api, desired())
    expect(m.cognito).toHaveReceivedCommandTimes(DescribeUserPoolDomainCommand, 1)
    expect(observed.pool).not.toHaveProperty('domain')
    expect(observed.desiredDomainOwner).toEqual({ kind: 'free' })
  })

  it('with no client of that name, does not describe a client', async () => {
    existing()
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'another', ClientName: 'Openmetadata-Web', UserPoolId: POOL_ID }] })
    const { observed, described: raw } = await observe(m.api, desired())
    expect(m.cognito).not.toHaveReceivedCommand(DescribeUserPoolClientCommand)
    expect(observed.matchingClientIds).toEqual([])
    expect(observed.client).toBeUndefined()
    expect(raw.client).toBeUndefined()
  })

  it('treats a client that disappears between list and describe as absent', async () => {
    existing()
    m.cognito.on(DescribeUserPoolClientCommand).rejects(awsError('ResourceNotFoundException', 'User pool client does not exist.'))
    const { observed, described: raw } = await observe(m.api, desired())
    expect(observed.matchingClientIds).toEqual([])
    expect(observed.client).toBeUndefined()
    expect(raw.client).toBeUndefined()
  })
})

describe('observe: user-pool-id', () => {
  it('describes that pool without listing pools', async () => {
    existing()
    const { observed } = await observe(m.api, desired({ userPoolId: POOL_ID, poolName: 'a-different-name' }))
    expect(m.cognito).not.toHaveReceivedCommand(ListUserPoolsCommand)
    expect(m.cognito).toHaveReceivedCommandExactlyOnceWith(DescribeUserPoolCommand, { UserPoolId: POOL_ID })
    expect(observed.matchingPoolIds).toEqual([POOL_ID])
    expect(observed.pool?.id).toBe(POOL_ID)
  })

  it('a pool that does not exist is a PoolNotFoundError naming user-pool-id', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException', 'User pool eu-central-1_Missing does not exist.'))
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [] })
    const result = observe(m.api, desired({ userPoolId: 'eu-central-1_Missing' }))
    await expect(result).rejects.toBeInstanceOf(PoolNotFoundError)
    await expect(result).rejects.toThrow("user-pool-id: no user pool 'eu-central-1_Missing' in eu-central-1")
    expect(m.cognito).not.toHaveReceivedCommand(ListUserPoolsCommand)
  })

  // AWS fails ListUserPoolClients with ResourceNotFoundException for a missing pool, too.
  it('a missing pool is a PoolNotFoundError even though ListUserPoolClients fails as AWS does', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException', 'User pool eu-central-1_Missing does not exist.'))
    m.cognito.on(ListUserPoolClientsCommand).rejects(awsError('ResourceNotFoundException', 'User pool eu-central-1_Missing does not exist.'))
    await expect(observe(m.api, desired({ userPoolId: 'eu-central-1_Missing' }))).rejects.toBeInstanceOf(PoolNotFoundError)
  })

  it('other failures of DescribeUserPool stay AwsCallError', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('AccessDeniedException', 'denied'))
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [] })
    await expect(observe(m.api, desired({ userPoolId: POOL_ID }))).rejects.toBeInstanceOf(AwsCallError)
  })
})

describe('observe: ambiguity', () => {
  it('stops after listing (and describing them) when two pools have the name', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    m.cognito.on(ListUserPoolsCommand).resolves({
      UserPools: [
        { Id: 'eu-central-1_One', Name: 'openmetadata' },
        { Id: 'eu-central-1_Two', Name: 'openmetadata' },
      ],
    })
    // Not both made by racing runs of the action (no run token on them): a problem for the plan.
    m.cognito.on(DescribeUserPoolCommand).callsFake((input: { UserPoolId: string }) => ({
      UserPool: { Id: input.UserPoolId, Name: 'openmetadata', UserPoolTags: { 'managed-by': 'cognito-sso-action' } },
    }))
    const { observed, described: raw } = await observe(m.api, desired())
    expect(operations(m.cognito)).toEqual(['DescribeUserPoolDomain', 'ListUserPools', 'DescribeUserPool', 'DescribeUserPool'])
    expect(observed).toStrictEqual({ matchingPoolIds: ['eu-central-1_One', 'eu-central-1_Two'], matchingClientIds: [] })
    expect(raw).toStrictEqual({})
  })

  it('reports both clients with the same name and describes neither', async () => {
    existing()
    m.cognito.on(ListUserPoolClientsCommand).resolves({
      UserPoolClients: [
        { ClientId: 'c1', ClientName: 'openmetadata-web', UserPoolId: POOL_ID },
        { ClientId: 'c2', ClientName: 'openmetadata-web', UserPoolId: POOL_ID },
      ],
    })
    const { observed, described: raw } = await observe(m.api, desired())
    expect(observed.matchingClientIds).toEqual(['c1', 'c2'])
    expect(observed.client).toBeUndefined()
    expect(raw.client).toBeUndefined()
    expect(m.cognito).not.toHaveReceivedCommand(DescribeUserPoolClientCommand)
    expect(observed.pool?.id).toBe(POOL_ID)
  })
})

describe('observe: parallel reads', () => {
  it('runs DescribeUserPool and ListUserPoolClients at the same time', async () => {
    existing()
    const describeStarted = signal()
    const listStarted = signal()
    // Each call answers only once the other has started: sequential reads would time out.
    m.cognito.on(DescribeUserPoolCommand).callsFake(async () => {
      describeStarted.fire()
      await within(listStarted.promise, 'ListUserPoolClients did not start while DescribeUserPool was running')
      return { UserPool: describedPool() }
    })
    m.cognito.on(ListUserPoolClientsCommand).callsFake(async () => {
      listStarted.fire()
      await within(describeStarted.promise, 'DescribeUserPool did not start while ListUserPoolClients was running')
      return { UserPoolClients: [{ ClientId: CLIENT_ID, ClientName: 'openmetadata-web', UserPoolId: POOL_ID }] }
    })
    const { observed } = await observe(m.api, desired())
    expect(observed.client?.id).toBe(CLIENT_ID)
  })

  it('by user-pool-id, runs DescribeUserPoolClient and DescribeUserPoolDomain at the same time', async () => {
    existing(describedPool({ Domain: 'old-prefix' }))
    const clientStarted = signal()
    const domainStarted = signal()
    m.cognito.on(DescribeUserPoolClientCommand).callsFake(async () => {
      clientStarted.fire()
      await within(domainStarted.promise, 'DescribeUserPoolDomain did not start while DescribeUserPoolClient was running')
      return { UserPoolClient: describedClient() }
    })
    m.cognito.on(DescribeUserPoolDomainCommand).callsFake(async () => {
      domainStarted.fire()
      await within(clientStarted.promise, 'DescribeUserPoolClient did not start while DescribeUserPoolDomain was running')
      return { DomainDescription: {} }
    })
    const { observed } = await observe(m.api, desired({ userPoolId: POOL_ID }))
    expect(observed.client?.id).toBe(CLIENT_ID)
    expect(observed.desiredDomainOwner).toEqual({ kind: 'free' })
  })
})
