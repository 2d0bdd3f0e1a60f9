import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolDomainCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apply } from '../../src/engine/apply.js'
import { AwsCallError } from '../../src/aws/errors.js'
import { toObservedClient } from '../../src/resources/client/index.js'
import { toObservedPool } from '../../src/resources/pool/index.js'
import { type Described as RawState } from '../../src/resources/resource.js'
import { plan } from '../../src/engine/plan.js'
import { type Desired, type DomainOwner, type Observed, type Step } from '../../src/model/types.js'
import { awsError, CLIENT_ID, describedClient, describedPool, desired, mockCognito, operations, POOL_ARN, POOL_ID, sent, type Mocked } from '../support/aws.js'

let m: Mocked
beforeEach(() => {
  m = mockCognito()
})
afterEach(() => {
  m.cognito.restore()
})

/** What observe would return for these described resources. */
function observedOf(pool?: UserPoolType, client?: UserPoolClientType, owner?: DomainOwner): { observed: Observed; described: RawState } {
  const observed: Observed = {
    matchingPoolIds: pool?.Id ? [pool.Id] : [],
    matchingClientIds: client?.ClientId ? [client.ClientId] : [],
    ...(pool ? { pool: toObservedPool(pool) } : {}),
    ...(client ? { client: toObservedClient(client) } : {}),
    ...(owner ? { desiredDomainOwner: owner } : {}),
  }
  return { observed, described: { ...(pool ? { pool } : {}), ...(client ? { client } : {}) } }
}

async function run(
  want: Desired,
  state: { observed: Observed; described: RawState },
): Promise<{ result: Awaited<ReturnType<typeof apply>>; done: Step[]; found: string[] }> {
  const p = plan(want, state.observed)
  expect(p.problems).toEqual([])
  const done: Step[] = []
  const found: string[] = []
  const result = await apply(m.api, want, p, state, { done: (s) => done.push(s), found: (id) => found.push(id), token: TOKEN, sleep: async () => {} })
  return { result, done, found }
}

const later = <T>(value: T, ms = 30): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms))

const TOKEN = 'run-token-1'

/** Domains DeleteUserPoolDomain has removed: DescribeUserPoolDomain then answers an empty description. */
let deleted: Set<string>
function domainsGoneWhenDeleted(events: string[]): void {
  deleted = new Set()
  m.cognito.on(DescribeUserPoolDomainCommand).callsFake((input: { Domain: string }) => {
    const gone = deleted.has(input.Domain)
    events.push(gone ? 'describe:gone' : 'describe:ACTIVE')
    return { DomainDescription: gone ? {} : { UserPoolId: POOL_ID, Domain: input.Domain, Status: 'ACTIVE' } }
  })
}

/** AWS after this run's CreateUserPool and CreateUserPoolClient: the run looks again by name and finds them. */
function afterCreates(): void {
  const created = new Date('2025-01-01T00:00:00Z')
  m.cognito.on(CreateUserPoolCommand).resolves({ UserPool: { Id: 'eu-central-1_New', Arn: 'arn:new-pool' } })
  m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-central-1_New', Name: 'openmetadata', CreationDate: created }] })
  m.cognito.on(DescribeUserPoolCommand).resolves({
    UserPool: {
      Id: 'eu-central-1_New',
      Arn: 'arn:new-pool',
      Name: 'openmetadata',
      CreationDate: created,
      DeletionProtection: 'INACTIVE',
      UserPoolTags: { 'managed-by': 'cognito-sso-action', 'cognito-sso-action:run': TOKEN },
    },
  })
  m.cognito.on(UpdateUserPoolCommand).resolves({})
  m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'new-client-id', ClientName: 'openmetadata-web' }] })
  m.cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'new-client-id', ClientName: 'openmetadata-web', CreationDate: created } })
}

const writes = (calls: [string, unknown][]): [string, unknown][] => calls.filter(([op]) => !/^(List|Describe)/.test(op))

describe('apply: create everything', () => {
  it('creates the pool, then the domain and a public client in the new pool', async () => {
    afterCreates()
    m.cognito.on(CreateUserPoolDomainCommand).resolves({})
    m.cognito.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'new-client-id', ClientSecret: undefined } })
    const { result, done, found } = await run(desired(), observedOf(undefined, undefined, { kind: 'free' }))
    expect(found).toEqual(['eu-central-1_New', 'arn:new-pool', 'new-client-id'])

    const calls = writes(sent(m.cognito))
    expect(calls[0]).toEqual([
      'CreateUserPool',
      {
        PoolName: 'openmetadata',
        // Created with deletion protection as asked: only a run that lost switches it off on its extra.
        DeletionProtection: 'ACTIVE',
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UserPoolTags: { 'managed-by': 'cognito-sso-action', 'cognito-sso-action:run': TOKEN },
      },
    ])
    // No race: the look again by name finds only the new pool and the new client, so nothing is described
    // and no UpdateUserPool follows the create.
    expect(operations(m.cognito).filter((op) => /^(List|Describe)/.test(op))).toEqual(['ListUserPools', 'ListUserPoolClients'])
    expect(calls.slice(1)).toHaveLength(2)
    expect(calls.slice(1)).toEqual(
      expect.arrayContaining([
        ['CreateUserPoolDomain', { UserPoolId: 'eu-central-1_New', Domain: 'openmetadata-sso' }],
        [
          'CreateUserPoolClient',
          {
            UserPoolId: 'eu-central-1_New',
            ClientName: 'openmetadata-web',
            GenerateSecret: false,
            CallbackURLs: ['https://app.example.com/callback'],
            LogoutURLs: ['https://app.example.com/logout'],
            AllowedOAuthFlows: ['code'],
            AllowedOAuthScopes: ['openid', 'email', 'profile'],
            AllowedOAuthFlowsUserPoolClient: true,
            SupportedIdentityProviders: ['COGNITO'],
            ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
            PreventUserExistenceErrors: 'ENABLED',
            EnableTokenRevocation: true,
          },
        ],
      ]),
    )
    const clientInput = m.cognito.commandCalls(CreateUserPoolClientCommand)[0]?.args[0].input
    expect(Object.keys(clientInput ?? {})).not.toContain('ClientSecret')
    expect(result).toEqual({ userPoolId: 'eu-central-1_New', userPoolArn: 'arn:new-pool', clientId: 'new-client-id' })
    expect(done[0]?.resource).toBe('pool')
    expect(done.map((s) => s.resource).sort()).toEqual(['client', 'domain', 'pool'])
  })

  it('leaves LogoutURLs out of a new client when there are none', async () => {
    afterCreates()
    m.cognito.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'new-client-id' } })
    await run(desired({ logoutUrls: [] }), observedOf(undefined, undefined, { kind: 'free' }))
    const input = m.cognito.commandCalls(CreateUserPoolClientCommand)[0]?.args[0].input
    expect(Object.keys(input ?? {})).not.toContain('LogoutURLs')
  })

  it('creates nothing else when CreateUserPool fails', async () => {
    m.cognito.on(CreateUserPoolCommand).rejects(awsError('LimitExceededException', 'too many pools'))
    await expect(run(desired(), observedOf(undefined, undefined, { kind: 'free' }))).rejects.toBeInstanceOf(AwsCallError)
    expect(operations(m.cognito)).toEqual(['CreateUserPool'])
  })
})

describe('apply: existing resources', () => {
  it('makes no call at all for a no-op plan and returns the existing IDs', async () => {
    const state = observedOf(describedPool(), describedClient())
    expect(plan(desired(), state.observed).changed).toBe(false)
    const { result, done } = await run(desired(), state)
    expect(m.cognito.calls()).toHaveLength(0)
    expect(result).toEqual({ userPoolId: POOL_ID, userPoolArn: POOL_ARN, clientId: CLIENT_ID })
    // The pool's custom domain is kept next to the prefix `domain` names: a step of its own, a no-op.
    expect(done.map((s) => `${s.resource}:${s.name}:${s.action}`)).toEqual([
      'pool:openmetadata:no-op',
      'domain:auth.example.com:no-op',
      'domain:openmetadata-sso:no-op',
      'client:openmetadata-web:no-op',
    ])
  })

  it('updates the client with one UpdateUserPoolClient carrying the full described config plus the changes', async () => {
    m.cognito.on(UpdateUserPoolClientCommand).resolves({})
    const want = desired({ callbackUrls: ['https://new.example.com/callback'], oauthScopes: ['openid', 'email'] })
    const { result } = await run(want, observedOf(describedPool(), describedClient({ ClientSecret: undefined })))
    expect(operations(m.cognito)).toEqual(['UpdateUserPoolClient'])
    expect(m.cognito.commandCalls(UpdateUserPoolClientCommand)[0]?.args[0].input).toStrictEqual({
      UserPoolId: POOL_ID,
      ClientId: CLIENT_ID,
      ClientName: 'openmetadata-web',
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: ['email', 'email_verified', 'custom:team'],
      WriteAttributes: ['email', 'custom:team'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://new.example.com/callback'],
      LogoutURLs: ['https://app.example.com/logout'],
      // DefaultRedirectURI is no longer a callback URL: left out
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
      AnalyticsConfiguration: {
        ApplicationId: 'pinpoint-app-id',
        RoleArn: 'arn:aws:iam::123456789012:role/cognito-pinpoint',
        UserDataShared: false,
      },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
      RefreshTokenRotation: { Feature: 'DISABLED' },
    })
    expect(result.clientId).toBe(CLIENT_ID)
  })

  it('updates the pool with one UpdateUserPool that keeps what was described', async () => {
    m.cognito.on(UpdateUserPoolCommand).resolves({})
    await run(desired({ deletionProtection: false }), observedOf(describedPool(), describedClient()))
    expect(operations(m.cognito)).toEqual(['UpdateUserPool'])
    const input = m.cognito.commandCalls(UpdateUserPoolCommand)[0]?.args[0].input
    expect(input).toEqual(
      expect.objectContaining({
        UserPoolId: POOL_ID,
        PoolName: 'openmetadata',
        DeletionProtection: 'INACTIVE',
        MfaConfiguration: 'ON',
        LambdaConfig: describedPool().LambdaConfig,
        EmailConfiguration: describedPool().EmailConfiguration,
        UserPoolTags: { 'managed-by': 'cognito-sso-action', team: 'platform' },
        AutoVerifiedAttributes: ['email'],
      }),
    )
    for (const readOnly of [
      'Id',
      'Name',
      'Arn',
      'Domain',
      'CustomDomain',
      'SchemaAttributes',
      'CreationDate',
      'EstimatedNumberOfUsers',
      'UsernameAttributes',
      'UsernameConfiguration',
    ]) {
      expect(input).not.toHaveProperty(readOnly)
    }
    expect(input?.AdminCreateUserConfig).not.toHaveProperty('UnusedAccountValidityDays')
  })

  it('replaces the domain: DeleteUserPoolDomain(old) and the wait until it is gone finish before CreateUserPoolDomain(new)', async () => {
    const events: string[] = []
    domainsGoneWhenDeleted(events)
    m.cognito.on(DeleteUserPoolDomainCommand).callsFake(async (input: { Domain: string }) => {
      events.push('delete:start')
      await later(undefined)
      deleted.add(input.Domain)
      events.push('delete:end')
      return {}
    })
    m.cognito.on(CreateUserPoolDomainCommand).callsFake(() => {
      events.push('create:start')
      return {}
    })
    await run(desired(), observedOf(describedPool({ Domain: 'old-prefix', CustomDomain: undefined }), describedClient(), { kind: 'free' }))
    expect(sent(m.cognito)).toEqual([
      ['DescribeUserPoolDomain', { Domain: 'old-prefix' }],
      ['DeleteUserPoolDomain', { UserPoolId: POOL_ID, Domain: 'old-prefix' }],
      ['DescribeUserPoolDomain', { Domain: 'old-prefix' }],
      ['CreateUserPoolDomain', { UserPoolId: POOL_ID, Domain: 'openmetadata-sso' }],
    ])
    expect(events).toEqual(['describe:ACTIVE', 'delete:start', 'delete:end', 'describe:gone', 'create:start'])
  })

  it('when the client call fails, the domain still completes and the client error is thrown', async () => {
    domainsGoneWhenDeleted([])
    m.cognito.on(DeleteUserPoolDomainCommand).callsFake((input: { Domain: string }) => (deleted.add(input.Domain), later({})))
    m.cognito.on(CreateUserPoolDomainCommand).callsFake(() => later({}))
    m.cognito.on(UpdateUserPoolClientCommand).rejects(awsError('AccessDeniedException', 'not authorized'))
    const state = observedOf(describedPool({ Domain: 'old-prefix' }), describedClient({ CallbackURLs: ['https://old.example.com/cb'] }), { kind: 'free' })
    const p = plan(desired(), state.observed)
    const done: Step[] = []
    const error = await apply(m.api, desired(), p, state, { done: (s) => done.push(s) }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).operation).toBe('UpdateUserPoolClient')
    expect((error as AwsCallError).message).toContain('cognito-idp:UpdateUserPoolClient')
    expect(m.cognito).toHaveReceivedCommandTimes(DeleteUserPoolDomainCommand, 1)
    expect(m.cognito).toHaveReceivedCommandWith(CreateUserPoolDomainCommand, { UserPoolId: POOL_ID, Domain: 'openmetadata-sso' })
    expect(done.map((s) => `${s.resource}:${s.action}`)).toEqual(['pool:no-op', 'domain:no-op', 'domain:replace'])
  })
})

describe('apply: plans with problems', () => {
  it('refuses a plan with ambiguous pools and makes no call', async () => {
    const p = plan(desired(), { matchingPoolIds: ['eu-central-1_One', 'eu-central-1_Two'], matchingClientIds: [] })
    expect(p.problems).toHaveLength(1)
    await expect(apply(m.api, desired(), p, { observed: { matchingPoolIds: [], matchingClientIds: [] }, described: {} })).rejects.toThrow(
      'refusing to apply a plan that has problems',
    )
    expect(m.cognito.calls()).toHaveLength(0)
  })

  it('refuses a plan whose domain belongs to another pool, even with other changes, and makes no call', async () => {
    const state = observedOf(describedPool({ Domain: undefined, DeletionProtection: 'INACTIVE' }), describedClient(), {
      kind: 'other-pool',
      userPoolId: 'eu-central-1_Other',
    })
    const p = plan(desired(), state.observed)
    expect(p.changed).toBe(true)
    expect(p.problems).toHaveLength(1)
    await expect(apply(m.api, desired(), p, state)).rejects.toThrow('refusing to apply a plan that has problems')
    expect(m.cognito.calls()).toHaveLength(0)
  })
})
