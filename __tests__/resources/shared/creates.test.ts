// Creates that cannot duplicate: lost answers and concurrent runs, against a small in-memory AWS
// behind aws-sdk-client-mock (the SDK's own retries are tested in api.test.ts with a real client).
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OutcomeUnknownError } from '../../../src/aws/errors.js'
import { createClientWithSecret } from '../../../src/resources/client/calls.js'
import { createDomain } from '../../../src/resources/domain/calls.js'
import { createPool } from '../../../src/resources/pool/create.js'
import { RUN_TAG_KEY } from '../../../src/resources/shared/run-token.js'
import { type CreateContext } from '../../../src/resources/shared/converge.js'
import { AwsCallError } from '../../../src/aws/errors.js'
import { awsError, mockCognito, operations, type Mocked } from '../../support/aws.js'

interface FakePool {
  Id: string
  Name: string
  CreationDate: Date
  UserPoolTags: Record<string, string>
  DeletionProtection: string
  clients: { ClientId: string; ClientName: string; CreationDate: Date; ClientSecret?: string }[]
}

let m: Mocked
let pools: FakePool[]
let domains: Map<string, string>
let clock: number
let seq: number
/** Per operation, the next calls' fate as the SDK client reports it: 'lost' = done, answer lost; 'refused' = a 5xx, nothing done. */
let faults: Record<string, ('lost' | 'refused')[]>

const lost = (): Error => new OutcomeUnknownError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))

function fault(operation: string): 'lost' | 'refused' | undefined {
  return faults[operation]?.shift()
}

beforeEach(() => {
  m = mockCognito()
  pools = []
  domains = new Map()
  clock = Date.parse('2025-01-01T00:00:00Z')
  seq = 0
  faults = {}
  const pool = (id: unknown): FakePool => {
    const p = pools.find((x) => x.Id === id)
    if (!p) throw awsError('ResourceNotFoundException', 'no pool')
    return p
  }
  m.cognito.on(CreateUserPoolCommand).callsFake((input: CreateUserPoolRequest) => {
    const f = fault('CreateUserPool')
    if (f === 'refused') throw new OutcomeUnknownError(awsError('InternalErrorException', 'boom', { $metadata: { httpStatusCode: 500 } }))
    const p: FakePool = {
      Id: `eu-central-1_P${++seq}`,
      Name: input.PoolName ?? '',
      CreationDate: new Date((clock += 1000)),
      UserPoolTags: { ...input.UserPoolTags },
      DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
      clients: [],
    }
    pools.push(p)
    if (f === 'lost') throw lost()
    return { UserPool: { Id: p.Id, Arn: `arn:${p.Id}` } }
  })
  m.cognito.on(ListUserPoolsCommand).callsFake(() => ({ UserPools: pools.map((p) => ({ Id: p.Id, Name: p.Name, CreationDate: p.CreationDate })) }))
  m.cognito.on(DescribeUserPoolCommand).callsFake((input: { UserPoolId: string }) => {
    const p = pool(input.UserPoolId)
    return {
      UserPool: {
        Id: p.Id,
        Arn: `arn:${p.Id}`,
        Name: p.Name,
        CreationDate: p.CreationDate,
        UserPoolTags: p.UserPoolTags,
        DeletionProtection: p.DeletionProtection,
      },
    }
  })
  // UpdateUserPool resets a member it is not given (DeletionProtection to INACTIVE).
  m.cognito.on(UpdateUserPoolCommand).callsFake((input: { UserPoolId: string; DeletionProtection?: string }) => {
    pool(input.UserPoolId).DeletionProtection = input.DeletionProtection ?? 'INACTIVE'
    return {}
  })
  m.cognito.on(DeleteUserPoolCommand).callsFake((input: { UserPoolId: string }) => {
    const p = pool(input.UserPoolId)
    if (p.DeletionProtection === 'ACTIVE') throw awsError('InvalidParameterException', 'protected')
    pools = pools.filter((x) => x !== p)
    return {}
  })
  m.cognito.on(CreateUserPoolClientCommand).callsFake((input: CreateUserPoolClientRequest) => {
    const f = fault('CreateUserPoolClient')
    if (f === 'refused') throw new OutcomeUnknownError(awsError('InternalErrorException', 'boom', { $metadata: { httpStatusCode: 500 } }))
    const n = ++seq
    const c = {
      ClientId: `client${n}`,
      ClientName: input.ClientName ?? '',
      CreationDate: new Date((clock += 1000)),
      ...(input.GenerateSecret ? { ClientSecret: `secret${n}` } : {}),
    }
    pool(input.UserPoolId).clients.push(c)
    if (f === 'lost') throw lost()
    return { UserPoolClient: { ClientId: c.ClientId, ...(c.ClientSecret ? { ClientSecret: c.ClientSecret } : {}) } }
  })
  m.cognito.on(ListUserPoolClientsCommand).callsFake((input: { UserPoolId: string }) => ({
    UserPoolClients: pool(input.UserPoolId).clients.map(({ ClientId, ClientName }) => ({ ClientId, ClientName })),
  }))
  m.cognito.on(DescribeUserPoolClientCommand).callsFake((input: { UserPoolId: string; ClientId: string }) => {
    const c = pool(input.UserPoolId).clients.find((x) => x.ClientId === input.ClientId)
    if (!c) throw awsError('ResourceNotFoundException', 'no client')
    return { UserPoolClient: { ...c, UserPoolId: input.UserPoolId } }
  })
  m.cognito.on(DeleteUserPoolClientCommand).callsFake((input: { UserPoolId: string; ClientId: string }) => {
    const p = pool(input.UserPoolId)
    p.clients = p.clients.filter((c) => c.ClientId !== input.ClientId)
    return {}
  })
  m.cognito.on(CreateUserPoolDomainCommand).callsFake((input: { UserPoolId: string; Domain: string }) => {
    const f = fault('CreateUserPoolDomain')
    if (f === 'refused') throw new OutcomeUnknownError(awsError('InternalErrorException', 'boom', { $metadata: { httpStatusCode: 500 } }))
    if (domains.has(input.Domain)) throw awsError('InvalidParameterException', 'Domain already associated with another user pool.')
    domains.set(input.Domain, input.UserPoolId)
    if (f === 'lost') throw lost()
    return {}
  })
  m.cognito
    .on(DescribeUserPoolDomainCommand)
    .callsFake((input: { Domain: string }) => ({ DomainDescription: domains.has(input.Domain) ? { UserPoolId: domains.get(input.Domain) } : {} }))
})
afterEach(() => {
  m.cognito.restore()
})

/** The ID of the client created (or adopted): createClientWithSecret without the secret. */
const createClientId = async (c: CreateContext, request: Parameters<typeof createClientWithSecret>[1]): Promise<string> =>
  (await createClientWithSecret(c, request)).id

function ctx(token: string, notes: string[] = []): CreateContext {
  return { port: m.api, token, attempts: 3, sleep: async () => {}, note: (n) => notes.push(n) }
}

const REQUEST: CreateUserPoolRequest = { PoolName: 'sso', DeletionProtection: 'ACTIVE', UserPoolTags: { 'managed-by': 'cognito-sso-action' } }
const count = (op: string): number => operations(m.cognito).filter((o) => o === op).length

describe('createPool', () => {
  it('creates with deletion protection as asked, tagged with the run token, and returns the pool without describing it (no race)', async () => {
    const winner = await createPool(ctx('A'), REQUEST)
    expect(pools).toHaveLength(1)
    expect(winner.Id).toBe(pools[0]?.Id)
    expect(pools[0]?.UserPoolTags).toEqual({ 'managed-by': 'cognito-sso-action', [RUN_TAG_KEY]: 'A' })
    expect(pools[0]?.DeletionProtection).toBe('ACTIVE')
    // The look again by name found only the new pool: nothing to describe, nothing to switch on.
    expect(operations(m.cognito)).toEqual(['CreateUserPool', 'ListUserPools'])
  })

  it('a run that lost switches deletion protection off on its own extra (from its description), then deletes it', async () => {
    const a = createPool(ctx('A'), REQUEST)
    const b = createPool(ctx('B'), REQUEST)
    await Promise.all([a, b])
    const updates = m.cognito.commandCalls(UpdateUserPoolCommand).map((c) => c.args[0].input)
    const deletes = m.cognito.commandCalls(DeleteUserPoolCommand).map((c) => c.args[0].input.UserPoolId)
    expect(updates).toEqual([expect.objectContaining({ UserPoolId: deletes[0], PoolName: 'sso', DeletionProtection: 'INACTIVE' })])
    // The tags are carried (UpdateUserPool would otherwise drop them).
    expect(updates[0]?.UserPoolTags).toEqual(expect.objectContaining({ 'managed-by': 'cognito-sso-action' }))
    expect(pools.map((p) => p.DeletionProtection)).toEqual(['ACTIVE'])
  })

  it('asked without deletion protection: created without it, and an extra is deleted without an update', async () => {
    const request = { ...REQUEST, DeletionProtection: 'INACTIVE' as const }
    await Promise.all([createPool(ctx('A'), request), createPool(ctx('B'), request)])
    expect(pools.map((p) => p.DeletionProtection)).toEqual(['INACTIVE'])
    expect(m.cognito.commandCalls(UpdateUserPoolCommand)).toHaveLength(0)
    expect(m.cognito.commandCalls(DeleteUserPoolCommand)).toHaveLength(1)
  })

  it('adopts the pool a lost answer created instead of creating a second one', async () => {
    faults.CreateUserPool = ['lost']
    const notes: string[] = []
    const winner = await createPool(ctx('A', notes), REQUEST)
    expect(count('CreateUserPool')).toBe(1)
    expect(pools.map((p) => p.Id)).toEqual([winner.Id])
    expect(notes.join('\n')).toContain('found the pool this run created')
  })

  it('tries again when the lost answer created nothing, and stops after the attempts', async () => {
    faults.CreateUserPool = ['refused', 'refused']
    await createPool(ctx('A'), REQUEST)
    expect(count('CreateUserPool')).toBe(3)
    expect(pools).toHaveLength(1)

    pools = []
    m.cognito.resetHistory()
    faults.CreateUserPool = ['refused', 'refused', 'refused']
    await expect(createPool(ctx('A'), REQUEST)).rejects.toBeInstanceOf(AwsCallError)
    expect(count('CreateUserPool')).toBe(3)
    expect(pools).toHaveLength(0)
  })

  it('never takes a pool another run created for its own after a lost answer', async () => {
    pools.push({
      Id: 'eu-central-1_Other',
      Name: 'sso',
      CreationDate: new Date(clock - 5000),
      UserPoolTags: { 'managed-by': 'cognito-sso-action', [RUN_TAG_KEY]: 'B' },
      DeletionProtection: 'INACTIVE',
      clients: [],
    })
    faults.CreateUserPool = ['refused']
    const winner = await createPool(ctx('A'), REQUEST)
    // The lost answer created nothing of A's: A tried again, then the older pool of B won and A deleted its own.
    expect(count('CreateUserPool')).toBe(2)
    expect(winner.Id).toBe('eu-central-1_Other')
    expect(pools.map((p) => p.Id)).toEqual(['eu-central-1_Other'])
  })

  it('two racing runs: the oldest pool wins and each run deletes only its own extra', async () => {
    // Both create before either looks again (the adversarial order).
    const a = createPool(ctx('A'), REQUEST)
    const b = createPool(ctx('B'), REQUEST)
    const [wa, wb] = await Promise.all([a, b])
    expect(wa.Id).toBe(wb.Id)
    expect(pools).toHaveLength(1)
    expect(pools[0]?.UserPoolTags[RUN_TAG_KEY]).toBe(wa.UserPoolTags?.[RUN_TAG_KEY])
    const deletes = m.cognito.commandCalls(DeleteUserPoolCommand).map((c) => c.args[0].input.UserPoolId)
    expect(deletes).toHaveLength(1)
    expect(deletes[0]).not.toBe(wa.Id)
  })

  it('ties on creation date are broken by ID, never deleting a pool of another run', async () => {
    const same = new Date(clock)
    pools.push({
      Id: 'eu-central-1_Zzz',
      Name: 'sso',
      CreationDate: same,
      UserPoolTags: { 'managed-by': 'cognito-sso-action', [RUN_TAG_KEY]: 'B' },
      DeletionProtection: 'INACTIVE',
      clients: [],
    })
    m.cognito.on(CreateUserPoolCommand).callsFake(() => {
      pools.push({
        Id: 'eu-central-1_Aaa',
        Name: 'sso',
        CreationDate: same,
        UserPoolTags: { 'managed-by': 'cognito-sso-action', [RUN_TAG_KEY]: 'A' },
        DeletionProtection: 'INACTIVE',
        clients: [],
      })
      return { UserPool: { Id: 'eu-central-1_Aaa' } }
    })
    const winner = await createPool(ctx('A'), REQUEST)
    expect(winner.Id).toBe('eu-central-1_Aaa')
    expect(pools).toHaveLength(2) // B's pool is B's to delete
    expect(m.cognito.commandCalls(DeleteUserPoolCommand)).toHaveLength(0)
  })

  it('ignores pools of the same name that the action does not manage', async () => {
    pools.push({ Id: 'eu-central-1_Old', Name: 'sso', CreationDate: new Date(0), UserPoolTags: {}, DeletionProtection: 'ACTIVE', clients: [] })
    const winner = await createPool(ctx('A'), REQUEST)
    expect(winner.Id).not.toBe('eu-central-1_Old')
    expect(pools).toHaveLength(2)
  })
})

describe('createClient', () => {
  beforeEach(() => {
    pools.push({ Id: 'eu-central-1_P', Name: 'sso', CreationDate: new Date(0), UserPoolTags: {}, DeletionProtection: 'INACTIVE', clients: [] })
  })
  const request: CreateUserPoolClientRequest = { UserPoolId: 'eu-central-1_P', ClientName: 'web' }

  it('adopts the client a lost answer created', async () => {
    faults.CreateUserPoolClient = ['lost']
    const id = await createClientId(ctx('A'), request)
    expect(count('CreateUserPoolClient')).toBe(1)
    expect(pools[0]?.clients.map((c) => c.ClientId)).toEqual([id])
  })

  it('tries again when nothing was created', async () => {
    faults.CreateUserPoolClient = ['refused']
    const id = await createClientId(ctx('A'), request)
    expect(count('CreateUserPoolClient')).toBe(2)
    expect(pools[0]?.clients.map((c) => c.ClientId)).toEqual([id])
  })

  it('two racing runs end with the oldest client; the other run deletes its own', async () => {
    const [a, b] = await Promise.all([createClientId(ctx('A'), request), createClientId(ctx('B'), request)])
    expect(a).toBe(b)
    expect(pools[0]?.clients.map((c) => c.ClientId)).toEqual([a])
    expect(m.cognito.commandCalls(DeleteUserPoolClientCommand)).toHaveLength(1)
  })
})

describe('createClientWithSecret (confidential clients, replacement)', () => {
  beforeEach(() => {
    pools.push({ Id: 'eu-central-1_P', Name: 'sso', CreationDate: new Date(0), UserPoolTags: {}, DeletionProtection: 'INACTIVE', clients: [] })
  })
  const request: CreateUserPoolClientRequest = { UserPoolId: 'eu-central-1_P', ClientName: 'web', GenerateSecret: true }

  it('returns the new client with its secret, and hands the secret over before returning', async () => {
    const heard: string[] = []
    const created = await createClientWithSecret(ctx('A'), request, { secret: (v) => heard.push(v) })
    expect(created).toEqual({ id: 'client1', secret: 'secret1' })
    expect(heard).toContain('secret1')
  })

  it('adopting after a lost answer returns the described secret, heard first', async () => {
    faults.CreateUserPoolClient = ['lost']
    const heard: string[] = []
    const created = await createClientWithSecret(ctx('A'), request, { secret: (v) => heard.push(v) })
    expect(count('CreateUserPoolClient')).toBe(1)
    expect(created).toEqual({ id: 'client1', secret: 'secret1' })
    expect(heard).toEqual(['secret1'])
  })

  it('replacing: the old client of the same name is no candidate, so the new one wins and is kept', async () => {
    pools[0]?.clients.push({ ClientId: 'old', ClientName: 'web', CreationDate: new Date(0) })
    const created = await createClientWithSecret(ctx('A'), request, { exclude: ['old'] })
    expect(created.id).toBe('client1')
    expect(created.secret).toBe('secret1')
    expect(pools[0]?.clients.map((c) => c.ClientId)).toEqual(['old', 'client1'])
    expect(m.cognito.commandCalls(DeleteUserPoolClientCommand)).toHaveLength(0)
  })

  it('without exclude the older client of that name would win (why replacement passes it)', async () => {
    pools[0]?.clients.push({ ClientId: 'old', ClientName: 'web', CreationDate: new Date(0) })
    const created = await createClientWithSecret(ctx('A'), request)
    expect(created.id).toBe('old')
  })

  it('a lost answer while replacing does not mistake the old client for the new one', async () => {
    pools[0]?.clients.push({ ClientId: 'old', ClientName: 'web', CreationDate: new Date(0) })
    faults.CreateUserPoolClient = ['refused']
    const created = await createClientWithSecret(ctx('A'), request, { exclude: ['old'] })
    expect(count('CreateUserPoolClient')).toBe(2)
    expect(created.id).not.toBe('old')
  })
})

describe('createDomain', () => {
  it('a losing create for a prefix our pool already owns is success', async () => {
    domains.set('login', 'eu-central-1_P')
    await createDomain(ctx('A'), 'eu-central-1_P', 'login')
    expect(count('CreateUserPoolDomain')).toBe(1)
  })

  it('a prefix another pool owns is still an error', async () => {
    domains.set('login', 'eu-central-1_X')
    await expect(createDomain(ctx('A'), 'eu-central-1_P', 'login')).rejects.toThrow(/already associated/)
  })

  it('a lost answer that created the domain is success; one that did not is tried again', async () => {
    faults.CreateUserPoolDomain = ['lost']
    await createDomain(ctx('A'), 'eu-central-1_P', 'login')
    expect(domains.get('login')).toBe('eu-central-1_P')
    domains.clear()
    m.cognito.resetHistory()
    faults.CreateUserPoolDomain = ['refused']
    await createDomain(ctx('A'), 'eu-central-1_P', 'login')
    expect(count('CreateUserPoolDomain')).toBe(2)
    expect(domains.get('login')).toBe('eu-central-1_P')
  })
})

describe('oldestOfRace (observe during a race)', () => {
  const tagged = (Id: string, t: number, run?: string) => ({
    Id,
    CreationDate: new Date(t),
    UserPoolTags: { 'managed-by': 'cognito-sso-action', ...(run ? { [RUN_TAG_KEY]: run } : {}) },
  })
  it('picks the oldest when every pool was made by a run of the action', async () => {
    const { oldestOfRace } = await import('../../../src/resources/pool/create.js')
    expect(oldestOfRace([tagged('b', 2, 'B'), tagged('a', 1, 'A'), undefined])).toBe('a')
    expect(oldestOfRace([tagged('b', 1, 'B'), tagged('a', 1, 'A')])).toBe('a')
  })
  it('leaves any other mix to the plan (which refuses two pools of one name)', async () => {
    const { oldestOfRace } = await import('../../../src/resources/pool/create.js')
    expect(oldestOfRace([tagged('b', 2, 'B'), tagged('a', 1)])).toBeUndefined()
    expect(oldestOfRace([tagged('b', 2, 'B'), { Id: 'c', UserPoolTags: {} }])).toBeUndefined()
  })
})
