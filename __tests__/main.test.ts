// run(): inputs → observe → plan → apply → outputs, with @actions/core automocked and Cognito mocked
// by aws-sdk-client-mock (every CognitoIdentityProviderClient instance).
import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider'
import type { AwsClientStub } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { parse } from 'yaml'
import { run } from '../src/main.js'
import { awsError, CLIENT_ID, describedClient, describedPool, mockCognito, operations, POOL_ARN, POOL_ID, REGION } from './support/aws.js'

vi.mock('@actions/core')

// ---------------------------------------------------------------------------------------------
// Inputs: action.yml's defaults (as the runner applies them), then the test's inputs.

interface ActionYml {
  inputs: Record<string, { required?: boolean; default?: unknown }>
  outputs: Record<string, unknown>
}
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as ActionYml
const FAKE_TOKEN = 'ghs_fakeTokenForTests'
const DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(action.inputs)
    .filter(([, spec]) => spec.default !== undefined)
    .map(([name, spec]) => [name, String(spec.default).replaceAll('${{ github.token }}', FAKE_TOKEN)]),
)
/** A public client has no secret: client-secret is set only for confidential clients. */
const OUTPUT_NAMES = Object.keys(action.outputs)
  .filter((name) => name !== 'client-secret')
  .sort()

/** Inputs that match describedPool() / describedClient() from the fixtures. */
const BASE: Record<string, string> = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'client-name': 'openmetadata-web',
  'callback-urls': 'https://app.example.com/callback',
  'logout-urls': 'https://app.example.com/logout',
}

// main reads the inputs as the runner gives them, INPUT_<NAME> (inputs/action-input.ts, identical to core.getInput).
const INPUT_NAMES = Object.keys(action.inputs)
function setInputs(overrides: Record<string, string> = {}): void {
  const inputs: Record<string, string> = { ...DEFAULTS, ...BASE, ...overrides }
  for (const name of new Set([...INPUT_NAMES, ...Object.keys(inputs)])) vi.stubEnv(`INPUT_${name.toUpperCase()}`, inputs[name])
}

const ENV: NodeJS.ProcessEnv = { AWS_REGION: REGION }

// ---------------------------------------------------------------------------------------------
// Cognito worlds.

const NEW_REGION = 'us-east-1'
const NEW_POOL_ID = 'us-east-1_NeWpOoL42'
const NEW_POOL_ARN = `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${NEW_POOL_ID}`
const NEW_CLIENT_ID = '7new8client9id0abcdefghijk'

let cognito: AwsClientStub<CognitoIdentityProviderClient>

/** No pool by that name, the domain prefix is free; creates answer with new IDs. */
function nothingExists(): void {
  // After each create, apply looks again by name: the lists show what was created.
  let pool: { Id: string; Arn: string; Name: string; CreationDate: Date; UserPoolTags: Record<string, string> } | undefined
  let client = false
  cognito.on(ListUserPoolsCommand).callsFake(() => ({ UserPools: pool ? [{ Id: pool.Id, Name: pool.Name, CreationDate: pool.CreationDate }] : [] }))
  cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
  cognito.on(CreateUserPoolCommand).callsFake((input: { UserPoolTags: Record<string, string> }) => {
    pool = { Id: NEW_POOL_ID, Arn: NEW_POOL_ARN, Name: 'openmetadata', CreationDate: new Date(0), UserPoolTags: input.UserPoolTags }
    return { UserPool: { Id: NEW_POOL_ID, Arn: NEW_POOL_ARN, Name: 'openmetadata' } }
  })
  cognito.on(DescribeUserPoolCommand).callsFake(() => ({ UserPool: pool }))
  cognito.on(UpdateUserPoolCommand).resolves({})
  cognito.on(CreateUserPoolDomainCommand).resolves({})
  cognito.on(CreateUserPoolClientCommand).callsFake(() => {
    client = true
    return { UserPoolClient: { ClientId: NEW_CLIENT_ID, ClientName: 'openmetadata-web' } }
  })
  cognito.on(ListUserPoolClientsCommand).callsFake(() => ({ UserPoolClients: client ? [{ ClientId: NEW_CLIENT_ID, ClientName: 'openmetadata-web' }] : [] }))
  cognito
    .on(DescribeUserPoolClientCommand)
    .callsFake(() => ({ UserPoolClient: { ClientId: NEW_CLIENT_ID, ClientName: 'openmetadata-web', CreationDate: new Date(0) } }))
}

/** The fixtures' pool (with its domain) and client exist. */
function poolExists(client: UserPoolClientType = describedClient()): void {
  cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: POOL_ID, Name: 'openmetadata' }] })
  cognito.on(DescribeUserPoolCommand).resolves({ UserPool: describedPool() })
  cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: CLIENT_ID, ClientName: 'openmetadata-web', UserPoolId: POOL_ID }] })
  cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: client })
  // The pool has the desired domain: it is found through it.
  cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'openmetadata-sso', UserPoolId: POOL_ID } })
  cognito.on(UpdateUserPoolClientCommand).resolves({})
}

/** A client whose callback URLs differ from the inputs (drift). */
const driftedClient = (): UserPoolClientType => describedClient({ CallbackURLs: ['https://old.example.com/callback'], DefaultRedirectURI: undefined })

const writes = (): string[] => operations(cognito).filter((op) => /^(Create|Update|Delete)/.test(op))

// ---------------------------------------------------------------------------------------------
// Reading what run() did through @actions/core.

const text = (args: unknown[]): string => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')

function outputs(): Record<string, string> {
  return Object.fromEntries(vi.mocked(core.setOutput).mock.calls.map(([name, value]) => [name, String(value)]))
}

const infos = (): string[] => vi.mocked(core.info).mock.calls.map(([m]) => m)

function failure(): string {
  expect(core.setFailed).toHaveBeenCalledTimes(1)
  const [message] = vi.mocked(core.setFailed).mock.calls[0] ?? []
  expect(typeof message).toBe('string')
  return String(message)
}

/** invocationCallOrder of the setSecret call that registered `value`. */
function secretOrder(value: string): number {
  const mock = vi.mocked(core.setSecret).mock
  const i = mock.calls.findIndex(([v]) => v === value)
  expect(i, `setSecret(${value}) was not called`).toBeGreaterThanOrEqual(0)
  return mock.invocationCallOrder[i] ?? Number.NaN
}

/** The invocationCallOrder of the first log/output call whose arguments contain `value`. */
function firstMention(value: string): number | undefined {
  const fns = [core.setOutput, core.info, core.notice, core.warning, core.error, core.debug, core.setFailed] as unknown as Mock[]
  const orders = fns.flatMap((fn) => fn.mock.calls.flatMap((args, i) => (text(args).includes(value) ? [fn.mock.invocationCallOrder[i] ?? 0] : [])))
  return orders.length ? Math.min(...orders) : undefined
}

function planLogOrder(): number {
  const mock = vi.mocked(core.info).mock
  const i = mock.calls.findIndex(([m]) => m.startsWith('Plan ('))
  expect(i, 'the plan was not logged').toBeGreaterThanOrEqual(0)
  return mock.invocationCallOrder[i] ?? Number.NaN
}

beforeEach(() => {
  vi.resetAllMocks()
  setInputs()
  // No network: verify must not run in these tests.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new Error('fetch must not be called'))),
  )
  cognito = mockCognito().cognito
  // Unless a world says otherwise, no pool has the desired domain: the pool is looked for by name.
  cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
})

afterEach(() => {
  cognito.restore()
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
})

// ---------------------------------------------------------------------------------------------

describe('inputs', () => {
  it('gives the action.yml defaults like the runner does', () => {
    expect(DEFAULTS['mode']).toBe('apply')
    expect(DEFAULTS['mask-outputs']).toBe('true')
    expect(DEFAULTS['github-token']).toBe(FAKE_TOKEN)
    expect(DEFAULTS).not.toHaveProperty('pool-name')
  })
})

describe('outputs', () => {
  it('a create run sets exactly the outputs action.yml declares', async () => {
    nothingExists()
    // openmetadata-url turns on the one output that is otherwise not set (openmetadata-env).
    setInputs({ 'callback-urls': '', 'openmetadata-url': 'https://app.example.com' })
    await run({ AWS_REGION: NEW_REGION })

    expect(core.setFailed).not.toHaveBeenCalled()
    const names = vi.mocked(core.setOutput).mock.calls.map(([name]) => name)
    expect([...names].sort()).toEqual(OUTPUT_NAMES)

    const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${NEW_POOL_ID}`
    const out = outputs()
    expect(out).toMatchObject({
      'user-pool-id': NEW_POOL_ID,
      'user-pool-arn': NEW_POOL_ARN,
      'client-id': NEW_CLIENT_ID,
      domain: 'openmetadata-sso',
      'hosted-ui-url': 'https://openmetadata-sso.auth.us-east-1.amazoncognito.com',
      issuer,
      'jwks-uri': `${issuer}/.well-known/jwks.json`,
      changed: 'true',
    })
    const plan = JSON.parse(out['plan'] ?? '') as { changed: boolean; steps: { resource: string; name: string; action: string }[]; problems: string[] }
    expect(plan.changed).toBe(true)
    expect(plan.problems).toEqual([])
    expect(plan.steps.map((s) => [s.resource, s.name, s.action])).toEqual([
      ['pool', 'openmetadata', 'create'],
      ['domain', 'openmetadata-sso', 'create'],
      ['client', 'openmetadata-web', 'create'],
    ])
    expect(operations(cognito)).toEqual(expect.arrayContaining(['CreateUserPool', 'CreateUserPoolDomain', 'CreateUserPoolClient']))
  })

  it('the plan output names resources, never IDs', async () => {
    poolExists(driftedClient())
    setInputs({ mode: 'plan' })
    await run(ENV)
    const plan = outputs()['plan'] ?? ''
    expect(plan).not.toBe('')
    for (const id of [POOL_ID, POOL_ARN, CLIENT_ID]) expect(plan).not.toContain(id)
  })
})

describe('masking', () => {
  it('registers pool ID, ARN and client ID as secrets before any output or log contains them (create)', async () => {
    nothingExists()
    await run({ AWS_REGION: NEW_REGION })

    expect(core.setFailed).not.toHaveBeenCalled()
    for (const value of [NEW_POOL_ID, NEW_POOL_ARN, NEW_CLIENT_ID]) {
      const mention = firstMention(value)
      expect(mention, `${value} is never output`).toBeDefined()
      expect(secretOrder(value)).toBeLessThan(mention ?? 0)
    }
  })

  it('registers the existing IDs before the plan is logged', async () => {
    poolExists()
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    const planned = planLogOrder()
    for (const value of [POOL_ID, POOL_ARN, CLIENT_ID]) {
      expect(secretOrder(value)).toBeLessThan(planned)
      const mention = firstMention(value)
      expect(mention).toBeDefined()
      expect(secretOrder(value)).toBeLessThan(mention ?? 0)
    }
  })

  it('registers nothing with mask-outputs: false', async () => {
    nothingExists()
    setInputs({ 'mask-outputs': 'false' })
    await run({ AWS_REGION: NEW_REGION })

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(outputs()['user-pool-id']).toBe(NEW_POOL_ID)
    for (const value of [NEW_POOL_ID, NEW_POOL_ARN, NEW_CLIENT_ID]) expect(core.setSecret).not.toHaveBeenCalledWith(value)
  })

  it('registers nothing with mask-outputs: false, also for an existing pool and a user-pool-id input', async () => {
    poolExists()
    setInputs({ 'mask-outputs': 'false', 'user-pool-id': POOL_ID })
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(outputs()['client-id']).toBe(CLIENT_ID)
    expect(core.setSecret).not.toHaveBeenCalled()
  })

  it('masks the user-pool-id input first of all', async () => {
    poolExists()
    setInputs({ 'user-pool-id': POOL_ID })
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    // user-pool-id skips the lookup by name.
    expect(operations(cognito)).not.toContain('ListUserPools')
    const first = secretOrder(POOL_ID)
    const others = Object.entries(core)
      .filter(([name, fn]) => name !== 'getInput' && vi.isMockFunction(fn))
      .flatMap(([, fn]) => (fn as Mock).mock.invocationCallOrder)
      .filter((order) => order !== first)
    expect(others.length).toBeGreaterThan(0)
    expect(first).toBeLessThan(Math.min(...others))
  })

  // An error that names the pool ID must not print it in clear: the ID is registered when found.
  it('registers a pool ID found by name before a later read failure names it', async () => {
    poolExists()
    cognito.on(DescribeUserPoolCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: cognito-idp:DescribeUserPool'))
    await run(ENV)

    const message = failure()
    expect(message).toContain(POOL_ID)
    expect(secretOrder(POOL_ID)).toBeLessThan(firstMention(POOL_ID) ?? 0)
  })

  it('the failure message of a denied DescribeUserPool names the pool it read', async () => {
    poolExists()
    cognito.on(DescribeUserPoolCommand).rejects(awsError('AccessDeniedException'))
    await run(ENV)
    const message = failure()
    expect(message).toContain(`DescribeUserPool on user pool ${POOL_ID}`)
    expect(message).toContain('cognito-idp:DescribeUserPool')
    // points to where the policies are (they moved from the README to docs/iam.md)
    expect(message).toContain('docs/iam.md')
  })

  it('keeps masked IDs out of the job summary (the runner does not mask it)', async () => {
    vi.mocked(core.summary.addRaw).mockReturnValue(core.summary)
    vi.mocked(core.summary.write).mockResolvedValue(core.summary)
    poolExists()
    await run({ ...ENV, GITHUB_STEP_SUMMARY: '/tmp/summary.md' })

    expect(core.summary.addRaw).toHaveBeenCalledTimes(1)
    expect(core.summary.write).toHaveBeenCalledTimes(1)
    const markdown = String(vi.mocked(core.summary.addRaw).mock.calls[0]?.[0])
    expect(markdown).toContain('openmetadata')
    for (const id of [POOL_ID, POOL_ARN, CLIENT_ID]) expect(markdown).not.toContain(id)
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('shows the IDs in the job summary with mask-outputs: false', async () => {
    vi.mocked(core.summary.addRaw).mockReturnValue(core.summary)
    vi.mocked(core.summary.write).mockResolvedValue(core.summary)
    poolExists()
    setInputs({ 'mask-outputs': 'false' })
    await run({ ...ENV, GITHUB_STEP_SUMMARY: '/tmp/summary.md' })

    const markdown = String(vi.mocked(core.summary.addRaw).mock.calls[0]?.[0])
    expect(markdown).toContain(POOL_ID)
    expect(markdown).toContain(CLIENT_ID)
  })
})

describe('a failed apply', () => {
  it('says in the summary what was done before the failure, without IDs, and fails', async () => {
    vi.mocked(core.summary.addRaw).mockReturnValue(core.summary)
    vi.mocked(core.summary.write).mockResolvedValue(core.summary)
    nothingExists()
    cognito.on(CreateUserPoolClientCommand).rejects(awsError('InternalErrorException', `boom for ${NEW_POOL_ID}`))
    await run({ ...ENV, AWS_REGION: NEW_REGION, AWS_MAX_ATTEMPTS: '1', GITHUB_STEP_SUMMARY: '/tmp/summary.md' })

    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(failure()).toContain('CreateUserPoolClient')
    const markdown = String(vi.mocked(core.summary.addRaw).mock.calls[0]?.[0])
    expect(markdown).toContain("Done before that: user pool 'openmetadata' created; domain")
    expect(markdown).toContain('Running the action again continues from there.')
    expect(markdown).not.toContain(NEW_POOL_ID)
  })
})

describe('idempotence', () => {
  it('writes nothing when pool, domain and client already match', async () => {
    poolExists()
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(operations(cognito).length).toBeGreaterThan(0)
    expect(writes()).toEqual([])
    expect(outputs()).toMatchObject({ changed: 'false', 'user-pool-id': POOL_ID, 'user-pool-arn': POOL_ARN, 'client-id': CLIENT_ID })
    expect(JSON.parse(outputs()['plan'] ?? '')).toMatchObject({ changed: false })
    expect(infos()).toContain('Nothing to change: every resource already matches the inputs.')
  })
})

describe('plan mode', () => {
  it('never writes, even with drift, and reports changed', async () => {
    poolExists(driftedClient())
    setInputs({ mode: 'plan' })
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(operations(cognito)).toContain('DescribeUserPoolClient')
    expect(writes()).toEqual([])
    expect(outputs()['changed']).toBe('true')
    const plan = JSON.parse(outputs()['plan'] ?? '') as { steps: { resource: string; action: string }[] }
    expect(plan.steps.find((s) => s.resource === 'client')?.action).toBe('update')
  })

  it('never writes when nothing exists yet', async () => {
    nothingExists()
    setInputs({ mode: 'plan' })
    await run({ AWS_REGION: NEW_REGION })

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(writes()).toEqual([])
    expect(outputs()['changed']).toBe('true')
    expect(outputs()).not.toHaveProperty('user-pool-id')
  })

  it('fails with fail-on-changes when applying would change something', async () => {
    poolExists(driftedClient())
    setInputs({ mode: 'plan', 'fail-on-changes': 'true' })
    await run(ENV)

    expect(writes()).toEqual([])
    const message = failure()
    expect(message.startsWith('fail-on-changes:')).toBe(true)
    expect(message).toContain("app client 'openmetadata-web'")
  })

  it('does not fail with fail-on-changes when nothing would change', async () => {
    poolExists()
    setInputs({ mode: 'plan', 'fail-on-changes': 'true' })
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(outputs()['changed']).toBe('false')
  })

  it('says verify was skipped for a pool that does not exist', async () => {
    nothingExists()
    setInputs({ mode: 'plan', verify: 'true' })
    await run({ AWS_REGION: NEW_REGION })

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(infos().some((m) => m.startsWith('verify: skipped'))).toBe(true)
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('apply', () => {
  it('logs each step as it completes (created)', async () => {
    nothingExists()
    let logBeforeDomain: string[] = []
    cognito.on(CreateUserPoolDomainCommand).callsFake(() => {
      logBeforeDomain = infos()
      return Promise.resolve({})
    })
    await run({ AWS_REGION: NEW_REGION })

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(logBeforeDomain).toContain("user pool 'openmetadata': created")
    expect(logBeforeDomain).not.toContain("domain 'openmetadata-sso': created")
    expect(infos()).toEqual(
      expect.arrayContaining(["user pool 'openmetadata': created", "domain 'openmetadata-sso': created", "app client 'openmetadata-web': created"]),
    )
    // Each step is logged once.
    expect(infos().filter((m) => m.endsWith(': created'))).toHaveLength(3)
  })

  it('logs updated and unchanged steps', async () => {
    poolExists(driftedClient())
    await run(ENV)

    expect(core.setFailed).not.toHaveBeenCalled()
    expect(writes()).toEqual(['UpdateUserPoolClient'])
    expect(infos()).toEqual(
      expect.arrayContaining(["user pool 'openmetadata': unchanged", "domain 'openmetadata-sso': unchanged", "app client 'openmetadata-web': updated"]),
    )
    expect(outputs()['changed']).toBe('true')
  })

  it('logs the steps that were done when a later step fails', async () => {
    nothingExists()
    cognito.on(CreateUserPoolClientCommand).rejects(awsError('LimitExceededException'))
    await run({ AWS_REGION: NEW_REGION })

    expect(infos()).toEqual(expect.arrayContaining(["user pool 'openmetadata': created", "domain 'openmetadata-sso': created"]))
    expect(infos()).not.toContain("app client 'openmetadata-web': created")
    expect(failure()).toContain("CreateUserPoolClient on app client 'openmetadata-web' failed")
  })
})

describe('failures', () => {
  it('reports every invalid input in one setFailed call, before any AWS call', async () => {
    setInputs({ 'pool-name': '', domain: 'My.Cognito.com', 'callback-urls': 'http://app.example.com/cb', mode: 'dry-run' })
    await run(ENV)

    const message = failure()
    expect(message.startsWith('Invalid input (nothing was changed in AWS):')).toBe(true)
    for (const name of ['pool-name', 'domain', 'callback-urls', 'mode']) expect(message).toContain(`\n- ${name}:`)
    expect(cognito.calls()).toHaveLength(0)
    expect(core.setOutput).not.toHaveBeenCalled()
    expect(core.debug).not.toHaveBeenCalled()
  })

  it('refuses two pools with the same name, pointing at user-pool-id; their IDs are masked and never printed', async () => {
    const ids = ['eu-central-1_FirstPool1', 'eu-central-1_SecondPool2']
    cognito.on(ListUserPoolsCommand).resolves({ UserPools: ids.map((Id) => ({ Id, Name: 'openmetadata' })) })
    setInputs({ 'mask-outputs': 'false' })
    // Not pools of racing runs of the action (no run token): the plan refuses them.
    cognito.on(DescribeUserPoolCommand).callsFake((input: { UserPoolId: string }) => ({ UserPool: { Id: input.UserPoolId, Name: 'openmetadata' } }))
    await run(ENV)

    const message = failure()
    expect(message.startsWith('Cannot apply (nothing was changed in AWS):')).toBe(true)
    for (const id of ids) expect(message).not.toContain(id)
    // Registered as secrets whatever mask-outputs says, before the plan is logged.
    for (const id of ids) expect(core.setSecret).toHaveBeenCalledWith(id)
    const printed = [core.info, core.warning, core.setOutput].flatMap((f) => vi.mocked(f).mock.calls.map((c) => text(c)))
    for (const id of ids) expect(printed.join('\n')).not.toContain(id)
    expect(message).toContain('user-pool-id')
    expect(writes()).toEqual([])
    // Refused: this run changed nothing in AWS, whatever the refused plan would have done.
    expect(outputs()['changed']).toBe('false')
    expect(core.debug).not.toHaveBeenCalled()
  })

  it('names the missing permission when CreateUserPool is denied', async () => {
    nothingExists()
    cognito.on(CreateUserPoolCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: cognito-idp:CreateUserPool'))
    await run({ AWS_REGION: NEW_REGION })

    const message = failure()
    expect(message).toContain('CreateUserPool')
    expect(message).toContain('Allow cognito-idp:CreateUserPool')
    expect(writes()).toEqual(['CreateUserPool'])
    // The first write was refused: nothing changed.
    expect(outputs()['changed']).toBe('false')
    expect(core.debug).not.toHaveBeenCalled()
  })

  it('reports a non-Error rejection (a string) with its text', async () => {
    cognito.on(ListUserPoolsCommand).callsFake(() => Promise.reject('socket hang up')) // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    await run(ENV)

    const message = failure()
    expect(message).toContain('ListUserPools')
    expect(message).toContain('socket hang up')
  })

  it('reports a non-Error rejection (an object) with text', async () => {
    cognito.on(ListUserPoolsCommand).callsFake(() => Promise.reject({ reason: 'weird' })) // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    await run(ENV)

    const message = failure()
    expect(message).toContain('ListUserPools')
    expect(message.length).toBeGreaterThan(0)
  })

  it("reports a non-Error rejection (an object) with the object's content", async () => {
    cognito.on(ListUserPoolsCommand).callsFake(() => Promise.reject({ reason: 'weird' })) // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    await run(ENV)

    const message = failure()
    expect(message).toContain('weird')
    expect(message).not.toContain('[object Object]')
  })

  it('reports a non-Error thrown outside the AWS layer', async () => {
    poolExists()
    vi.mocked(core.setOutput).mockImplementation(() => {
      throw { reason: 'odd' } // eslint-disable-line @typescript-eslint/only-throw-error
    })
    await run(ENV)

    expect(failure()).toBe('unexpected failure: {"reason":"odd"}')
    expect(core.debug).not.toHaveBeenCalled()
  })

  it('logs a stack with debug for an unexpected error', async () => {
    poolExists()
    cognito.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException'))
    await run(ENV)

    expect(failure()).toContain('disappeared')
    expect(core.debug).toHaveBeenCalledTimes(1)
    const [stack] = vi.mocked(core.debug).mock.calls[0] ?? []
    expect(stack).toContain('disappeared')
    expect(stack).toMatch(/\n\s+at /)
  })

  it('names a user-pool-id that does not exist, without a stack', async () => {
    poolExists()
    cognito.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException'))
    setInputs({ 'user-pool-id': 'eu-central-1_Missing1' })
    await run(ENV)

    expect(failure()).toContain("user-pool-id: no user pool 'eu-central-1_Missing1'")
    expect(core.debug).not.toHaveBeenCalled()
    expect(writes()).toEqual([])
  })
})
