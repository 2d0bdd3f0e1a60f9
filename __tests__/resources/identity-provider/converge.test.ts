// Federation calls through CognitoApi: response shapes, AwsCallError, and creates that converge
// (lost answers, taken names) with exact request payloads (aws-sdk-client-mock).
import {
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  type IdentityProviderType,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OutcomeUnknownError } from '../../../src/aws/errors.js'
import { AwsCallError } from '../../../src/aws/errors.js'
import { applyFederation, observeFederation } from '../../support/federation.js'
import { type DesiredProvider, type DesiredResourceServer, type Plan, type Step } from '../../../src/model/types.js'
import { awsError, desired, mockCognito, operations, POOL_ID, sent, type Mocked } from '../../support/aws.js'

const OIDC: DesiredProvider = {
  name: 'Corp',
  type: 'OIDC',
  details: { client_id: 'corp-client', client_secret: 'corp-secret', oidc_issuer: 'https://idp.example.com', authorize_scopes: 'openid email' },
  secretKeys: ['client_secret'],
  attributeMapping: { email: 'email' },
}
const API: DesiredResourceServer = { identifier: 'https://api.example.com', name: 'api', scopes: [{ name: 'read', description: 'Read' }] }
const SERVER_REQUEST = { UserPoolId: POOL_ID, Identifier: API.identifier, Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }
const PROVIDER_REQUEST = {
  UserPoolId: POOL_ID,
  ProviderName: 'Corp',
  ProviderType: 'OIDC',
  ProviderDetails: OIDC.details,
  AttributeMapping: { email: 'email' },
}
const providerStep: Step = { resource: 'provider', name: 'Corp', action: 'create', changes: [] }
const serverStep: Step = { resource: 'resource-server', name: API.identifier, action: 'create', changes: [] }
const planOf = (steps: Step[]): Plan => ({ steps, changed: true, problems: [] })
const lost = (): Error => new OutcomeUnknownError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
const asDeclared: IdentityProviderType & { ProviderDetails: Record<string, string> } = {
  UserPoolId: POOL_ID,
  ProviderName: 'Corp',
  ProviderType: 'OIDC',
  ProviderDetails: { ...OIDC.details, jwks_uri: 'https://idp.example.com/jwks' },
  AttributeMapping: { email: 'email', username: 'sub' },
}

let m: Mocked
let sleeps: number[]
let notes: string[]
beforeEach(() => {
  m = mockCognito()
  sleeps = []
  notes = []
})
afterEach(() => {
  m.cognito.restore()
})

const retry = () => ({
  attempts: 3,
  sleep: (ms: number) => {
    sleeps.push(ms)
    return Promise.resolve()
  },
  note: (n: string) => void notes.push(n),
})
const apply = (steps: Step[], done: string[] = []) =>
  applyFederation(
    m.api,
    planOf(steps),
    desired({ federatedProviders: [OIDC], resourceServers: [API] }),
    { providers: new Map() },
    POOL_ID,
    (s) => done.push(s.name),
    retry(),
  )
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  )

describe('observeFederation: response shapes', () => {
  const observe = () => observeFederation(m.api, desired({ federatedProviders: [OIDC], resourceServers: [API] }), POOL_ID, () => {})

  it('reads providers and resource servers through the API layer', async () => {
    m.cognito.on(ListIdentityProvidersCommand).resolves({ Providers: [{ ProviderName: 'Corp' }] })
    m.cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: asDeclared })
    m.cognito
      .on(ListResourceServersCommand)
      .resolves({ ResourceServers: [{ Identifier: API.identifier, Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }] })
    const out = await observe()
    expect(out.providerNames).toEqual(['Corp'])
    expect(out.providers?.map((p) => p.name)).toEqual(['Corp'])
    expect(out.resourceServers).toEqual([{ identifier: API.identifier, name: 'api', scopes: [{ name: 'read', description: 'Read' }] }])
    expect(sent(m.cognito).filter(([op]) => op.startsWith('List'))).toEqual(
      expect.arrayContaining([
        ['ListIdentityProviders', { UserPoolId: POOL_ID, MaxResults: 60 }],
        ['ListResourceServers', { UserPoolId: POOL_ID, MaxResults: 50 }],
      ]),
    )
  })

  it.each([
    ['ListIdentityProviders', 'Providers'],
    ['ListResourceServers', 'ResourceServers'],
    ['DescribeIdentityProvider', 'IdentityProvider'],
  ])('an answer to %s without %s is an error, never "nothing"', async (operation, memberName) => {
    m.cognito.on(ListIdentityProvidersCommand).resolves(operation === 'ListIdentityProviders' ? {} : { Providers: [{ ProviderName: 'Corp' }] })
    m.cognito.on(ListResourceServersCommand).resolves(operation === 'ListResourceServers' ? {} : { ResourceServers: [] })
    m.cognito.on(DescribeIdentityProviderCommand).resolves(operation === 'DescribeIdentityProvider' ? {} : { IdentityProvider: asDeclared })
    const error = await failure(observe())
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).operation).toBe(operation)
    expect((error as AwsCallError).message).toContain(`without ${memberName}`)
  })

  it('AccessDenied on ListResourceServers names the IAM action', async () => {
    m.cognito.on(ListIdentityProvidersCommand).resolves({ Providers: [] })
    m.cognito.on(ListResourceServersCommand).rejects(awsError('AccessDeniedException'))
    const error = (await failure(observe())) as AwsCallError
    expect(error.message).toContain('Allow cognito-idp:ListResourceServers')
  })

  it('a provider deleted between list and describe is left out (the plan creates it)', async () => {
    m.cognito.on(ListIdentityProvidersCommand).resolves({ Providers: [{ ProviderName: 'Corp' }] })
    m.cognito.on(DescribeIdentityProviderCommand).rejects(awsError('ResourceNotFoundException'))
    m.cognito.on(ListResourceServersCommand).resolves({ ResourceServers: [] })
    expect((await observe()).providers).toEqual([])
  })
})

describe('CreateIdentityProvider converges', () => {
  it('a lost answer, then the provider found as declared: adopted, no second create, no update', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(lost())
    m.cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: asDeclared })
    const done: string[] = []
    await apply([providerStep], done)
    expect(sent(m.cognito)).toEqual([
      ['CreateIdentityProvider', PROVIDER_REQUEST],
      ['DescribeIdentityProvider', { UserPoolId: POOL_ID, ProviderName: 'Corp' }],
    ])
    expect(done).toEqual(['Corp'])
    expect(notes.join('\n')).toMatch(/answer to the create was lost.*\n.*found it as declared/)
  })

  it('an empty 200 is a lost answer too', async () => {
    m.cognito.on(CreateIdentityProviderCommand).resolves({})
    m.cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: asDeclared })
    await apply([providerStep])
    expect(operations(m.cognito)).toEqual(['CreateIdentityProvider', 'DescribeIdentityProvider'])
  })

  it('a lost answer, then a provider that differs: one update with the whole provider', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(lost())
    m.cognito
      .on(DescribeIdentityProviderCommand)
      .resolves({ IdentityProvider: { ...asDeclared, ProviderDetails: { ...asDeclared.ProviderDetails, client_id: 'old' } } })
    m.cognito.on(UpdateIdentityProviderCommand).resolves({})
    await apply([providerStep])
    expect(sent(m.cognito)[2]).toEqual([
      'UpdateIdentityProvider',
      {
        UserPoolId: POOL_ID,
        ProviderName: 'Corp',
        ProviderDetails: asDeclared.ProviderDetails,
        AttributeMapping: { email: 'email', username: 'sub' },
        IdpIdentifiers: [],
      },
    ])
    expect(operations(m.cognito)).toEqual(['CreateIdentityProvider', 'DescribeIdentityProvider', 'UpdateIdentityProvider'])
  })

  it('a lost answer and nothing found: tried again after a backoff, created once', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejectsOnce(lost()).resolves({ IdentityProvider: asDeclared })
    m.cognito.on(DescribeIdentityProviderCommand).rejects(awsError('ResourceNotFoundException'))
    await apply([providerStep])
    expect(operations(m.cognito)).toEqual(['CreateIdentityProvider', 'DescribeIdentityProvider', 'CreateIdentityProvider'])
    expect(sleeps).toEqual([200])
  })

  it('lost on every try: fails clearly after `attempts` creates', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(lost())
    m.cognito.on(DescribeIdentityProviderCommand).rejects(awsError('ResourceNotFoundException'))
    const error = (await failure(apply([providerStep]))) as AwsCallError
    expect(error).toBeInstanceOf(AwsCallError)
    expect(error.code).toBe('OutcomeUnknownError')
    expect(error.message).toMatch(/^CreateIdentityProvider on identity provider 'Corp' failed/)
    expect(m.cognito.commandCalls(CreateIdentityProviderCommand)).toHaveLength(3)
    expect(sleeps).toEqual([200, 400])
  })

  it('DuplicateProviderException with the provider as declared: adopted without an update', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(awsError('DuplicateProviderException'))
    m.cognito.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: asDeclared })
    await apply([providerStep])
    expect(operations(m.cognito)).toEqual(['CreateIdentityProvider', 'DescribeIdentityProvider'])
  })

  it('DuplicateProviderException but no provider of that name (an identifier clash): the error stands, no retry', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(awsError('DuplicateProviderException'))
    m.cognito.on(DescribeIdentityProviderCommand).rejects(awsError('ResourceNotFoundException'))
    const error = (await failure(apply([providerStep]))) as AwsCallError
    expect(error.code).toBe('DuplicateProviderException')
    expect(operations(m.cognito)).toEqual(['CreateIdentityProvider', 'DescribeIdentityProvider'])
    expect(sleeps).toEqual([])
  })

  it('a failed look again is reported as that call', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(lost())
    m.cognito.on(DescribeIdentityProviderCommand).rejects(awsError('AccessDeniedException'))
    const error = (await failure(apply([providerStep]))) as AwsCallError
    expect(error.message).toContain('Allow cognito-idp:DescribeIdentityProvider')
  })
})

describe('CreateResourceServer converges', () => {
  it('creates with the exact request', async () => {
    m.cognito.on(CreateResourceServerCommand).resolves({ ResourceServer: { Identifier: API.identifier } })
    const done: string[] = []
    await apply([serverStep], done)
    expect(sent(m.cognito)).toEqual([['CreateResourceServer', SERVER_REQUEST]])
    expect(done).toEqual([API.identifier])
  })

  it('a lost answer, then found as declared: adopted', async () => {
    m.cognito.on(CreateResourceServerCommand).rejects(lost())
    m.cognito
      .on(DescribeResourceServerCommand)
      .resolves({ ResourceServer: { UserPoolId: POOL_ID, Identifier: API.identifier, Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] } })
    await apply([serverStep])
    expect(sent(m.cognito)).toEqual([
      ['CreateResourceServer', SERVER_REQUEST],
      ['DescribeResourceServer', { UserPoolId: POOL_ID, Identifier: API.identifier }],
    ])
  })

  it('an empty 200, then found with other scopes: one update with the declared server', async () => {
    m.cognito.on(CreateResourceServerCommand).resolves({})
    m.cognito
      .on(DescribeResourceServerCommand)
      .resolves({ ResourceServer: { Identifier: API.identifier, Name: 'api', Scopes: [{ ScopeName: 'write', ScopeDescription: 'Write' }] } })
    m.cognito.on(UpdateResourceServerCommand).resolves({})
    await apply([serverStep])
    expect(sent(m.cognito)).toEqual([
      ['CreateResourceServer', SERVER_REQUEST],
      ['DescribeResourceServer', { UserPoolId: POOL_ID, Identifier: API.identifier }],
      ['UpdateResourceServer', SERVER_REQUEST],
    ])
  })

  it('an existing identifier (another run), whatever the message: described, then one update', async () => {
    m.cognito.on(CreateResourceServerCommand).rejects(awsError('InvalidParameterException', `Resource server ${API.identifier} exists in this user pool.`))
    m.cognito.on(DescribeResourceServerCommand).resolves({ ResourceServer: { Identifier: API.identifier, Name: 'old', Scopes: [] } })
    m.cognito.on(UpdateResourceServerCommand).resolves({})
    await apply([serverStep])
    expect(operations(m.cognito)).toEqual(['CreateResourceServer', 'DescribeResourceServer', 'UpdateResourceServer'])
  })

  it('a lost answer and nothing found: created on the next try', async () => {
    m.cognito
      .on(CreateResourceServerCommand)
      .rejectsOnce(lost())
      .resolves({ ResourceServer: { Identifier: API.identifier } })
    m.cognito.on(DescribeResourceServerCommand).rejects(awsError('ResourceNotFoundException'))
    await apply([serverStep])
    expect(operations(m.cognito)).toEqual(['CreateResourceServer', 'DescribeResourceServer', 'CreateResourceServer'])
    expect(sleeps).toEqual([200])
  })

  it('an InvalidParameterException with no server of that identifier: the refusal stands after one look', async () => {
    m.cognito.on(CreateResourceServerCommand).rejects(awsError('InvalidParameterException', 'bad scope name'))
    m.cognito.on(DescribeResourceServerCommand).rejects(awsError('ResourceNotFoundException'))
    const error = (await failure(apply([serverStep]))) as AwsCallError
    expect(error.code).toBe('InvalidParameterException')
    expect(error.message).toContain('bad scope name')
    expect(operations(m.cognito)).toEqual(['CreateResourceServer', 'DescribeResourceServer'])
    expect(sleeps).toEqual([])
  })

  it('any other refusal is reported as it is, without looking again', async () => {
    m.cognito.on(CreateResourceServerCommand).rejects(awsError('LimitExceededException', 'too many resource servers'))
    const error = (await failure(apply([serverStep]))) as AwsCallError
    expect(error.code).toBe('LimitExceededException')
    expect(operations(m.cognito)).toEqual(['CreateResourceServer'])
  })
})
