/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON documents read back from the local Cognito */
// Shared plumbing of the end-to-end suite: the built action (dist/index.js) run as the GitHub runner
// runs it, against a local Cognito over real HTTP, under Node 24 (NODES).
import { appendFileSync } from 'node:fs'
import { afterEach, beforeEach, expect } from 'vitest'
import { operationsOf, policiesOf } from '../../scripts/iam-templates.js'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { maskLine, node24Package, node24Path, runAction } from '../../tools/run-action.js'
import { localCognitoEnv } from '../../tools/local-env.js'
import type { RateLimitOptions } from '../../tools/local-cognito/rate-limit.js'

export type LocalCognito = Awaited<ReturnType<typeof startLocalCognito>>
export type RunResult = Awaited<ReturnType<typeof runAction>>
export type Env = Record<string, string | undefined>
/** An AWS JSON document (a described pool, client...). */
export type Doc = Record<string, any>

export const REGION = 'us-east-1'
export const ACCOUNT_ID = '123456789012'

/**
 * The Node binaries every test runs under: Node 24 only, the runtime action.yml declares. A workflow
 * step of a `runs.using: node24` action always runs under the runner's Node 24, on every supported
 * runner, so a Node 20 pass would test a runtime no user has. Node 24 is tools/node24's binary (the
 * version its lockfile pins), else this Node when it is 24; on a platform where npm has no Node 24
 * package (macOS arm64), this Node, named by its version, so the suite still runs there.
 */
function resolveNodes(): [string, string][] {
  const major = Number(process.versions.node.split('.')[0])
  const node24 = node24Path()
  if (node24) return [['node24', node24]]
  if (major === 24) return [['node24', process.execPath]]
  if (process.env.E2E_NODE24 === 'skip' || !node24Package()) return [[`node${major}`, process.execPath]]
  throw new Error(
    `The Node 24 binary (the runtime action.yml declares) is missing: run \`npm ci\` (its postinstall installs tools/node24, ${node24Package()}), ` +
      'or set E2E_NODE24=skip to run the end-to-end tests under this Node only.',
  )
}

export const NODES: [string, string][] = resolveNodes()

/** The binary of tests that run once, not once per NODES entry: the first of NODES (Node 24). */
export const NODE: string = NODES[0]?.[1] ?? process.execPath

/**
 * The cognito-idp operations of an IAM policy of docs/iam.md (the one source of the policies, which
 * scripts/iam-templates.js writes into examples/iam/), so that the tests run under exactly what the
 * documentation tells users to allow.
 */
export function iamPolicy(which: 'apply' | 'plan' | 'destroy'): string[] {
  const policy = policiesOf()[which]
  if (!policy) throw new Error(`docs/iam.md has no ${which} policy`)
  return operationsOf(policy)
}

/** The former name of iamPolicy (the policies were the README's), kept for the tests that use it. */
export const readmePolicy = iamPolicy

/** The read operations, i.e. what the plan (read-only) policy of docs/iam.md allows. */
export const READ_OPERATIONS = iamPolicy('plan')

/**
 * holdDomains: every domain stays CREATING until the test calls lc.activateDomain (no wall clock).
 * rateLimit: AWS's request-rate quotas (tools/local-cognito/rate-limit.js); off when left out.
 */
export interface LcOptions {
  domainActivationMs?: number
  holdDomains?: boolean
  rateLimit?: RateLimitOptions
}

export async function startLc(options: LcOptions = {}): Promise<LocalCognito> {
  return startLocalCognito({
    region: REGION,
    accountId: ACCOUNT_ID,
    port: 0,
    domainActivationMs: options.domainActivationMs ?? 0,
    holdDomains: options.holdDomains ?? false,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  })
}

/** A fresh local Cognito for each test of the enclosing describe: `ctx.lc`. */
export function useLocalCognito(options: LcOptions = {}): { lc: LocalCognito } {
  const ctx = {} as { lc: LocalCognito }
  beforeEach(async () => {
    ctx.lc = await startLc(options)
  })
  afterEach(async () => {
    await ctx.lc.close()
  })
  return ctx
}

/** Runs `fn` with a local Cognito started with `options`, closing it afterwards. */
export async function withLc<T>(options: LcOptions, fn: (lc: LocalCognito) => Promise<T>): Promise<T> {
  const lc = await startLc(options)
  try {
    return await fn(lc)
  } finally {
    await lc.close()
  }
}

/** The environment every run needs, plus `extra` (undefined deletes a variable). */
export function env(lc: LocalCognito, extra: Env = {}): Env {
  return localCognitoEnv(lc, { AWS_REGION: REGION, AWS_MAX_ATTEMPTS: '4', ...extra })
}

/** What a job without AWS credentials has (a fork's pull request, a missing configure-aws-credentials step). */
export const NO_CREDENTIALS: Env = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_ROLE_ARN: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
  AWS_CONFIG_FILE: '/nonexistent/aws/config',
}

export interface RunOptions {
  env?: Env
  eventName?: string
  event?: unknown
  token?: string
  timeoutMs?: number
  /** A command that runs node (e.g. prlimit with a memory cap). */
  wrap?: string[]
}

/** The docs/iam.md policy a run of `mode` needs: plan-destroy needs only the destroy policy's Read statement; a mode the action refuses, nothing. */
export function policyOfMode(mode: string): string[] {
  if (mode === 'plan-destroy') {
    const read = policiesOf().destroy?.Statement.find((s) => s.Sid === 'Read')
    if (!read) throw new Error("docs/iam.md's destroy policy has no Read statement")
    return operationsOf({ Statement: [read] })
  }
  if (mode === 'apply' || mode === 'plan' || mode === 'destroy') return iamPolicy(mode)
  return [] // a mode the action refuses: the run must call nothing
}

/** The modes of the runs in flight against each local Cognito (calls cannot be told apart between runs). */
const inFlight = new WeakMap<LocalCognito, { mode: string; overlapped: boolean }[]>()

/**
 * Every run of the suite, whatever it tests, makes only calls that docs/iam.md's policy of its mode allows
 * (the IAM promise, checked on what the built action really calls). When runs of different modes overlap
 * on one local Cognito, their calls cannot be attributed, and the check is left to the tests that do so.
 * With E2E_IAM_LOG=<file>, each run's mode and operations are appended to that file (JSON lines), the
 * measurement docs/iam.md's policies were compared with.
 */
function checkCallsAgainstPolicy(lc: LocalCognito, mode: string, from: number, overlapped: boolean): void {
  const made = lc.calls.slice(from).map((c) => c.operation)
  if (process.env.E2E_IAM_LOG && !overlapped)
    appendFileSync(process.env.E2E_IAM_LOG, JSON.stringify({ mode, test: expect.getState().currentTestName, operations: [...new Set(made)] }) + '\n')
  if (overlapped) return
  const policy = policyOfMode(mode)
  const outside = [...new Set(made.filter((op) => !policy.includes(op)))]
  expect(outside, `calls of a ${mode} run that docs/iam.md's ${mode} policy does not allow`).toEqual([])
}

/** Runs dist/index.js under `node` with `inputs` against `lc`. */
export async function run(node: string, lc: LocalCognito, inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  const mode = inputs.mode || 'apply'
  const runs = inFlight.get(lc) ?? []
  inFlight.set(lc, runs)
  const me = { mode, overlapped: false }
  for (const other of runs) if (other.mode !== mode) other.overlapped = me.overlapped = true
  runs.push(me)
  const from = lc.calls.length
  const result = await runAction({
    inputs,
    env: env(lc, options.env),
    node,
    ...(options.eventName ? { eventName: options.eventName } : {}),
    ...(options.event !== undefined ? { event: options.event } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.wrap ? { wrap: options.wrap } : {}),
    timeoutMs: options.timeoutMs ?? 60_000,
  }).finally(() => runs.splice(runs.indexOf(me), 1))
  checkCallsAgainstPolicy(lc, mode, from, me.overlapped)
  // Every run of the suite, whatever it tests: no pool ID, client ID or ARN in clear in anything it printed
  // (a run with mask-outputs: false shows its own IDs on purpose).
  if (inputs['mask-outputs'] !== 'false') await expectNoIdsInClear(result, lc)
  return result
}

/** Inputs for one SSO setup, unique per `tag` so a test never meets another test's names. */
export function inputsFor(tag: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'pool-name': `e2e-${tag}`,
    domain: `e2e-${tag}-login`,
    'callback-urls': `https://${tag}.example.com/callback`,
    ...extra,
  }
}

/** Fails with everything the run printed, so a failure explains itself. */
export function expectExit(result: RunResult, code: number): void {
  expect(result.exitCode, `exit code; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code)
}

/** A JavaScript stack trace line ("    at fn (file:1:2)"). */
const STACK_LINE = /^\s+at\s.*(:\d+:\d+\)?|<anonymous>\)?)$/m

export function expectNoStackTrace(result: RunResult): void {
  expect(result.stdout).not.toMatch(STACK_LINE)
  expect(result.stderr).not.toMatch(STACK_LINE)
}

export function parsePlan(result: RunResult): {
  changed: boolean
  steps: { resource: string; name: string; action: string; changes: { field: string; before?: unknown; after?: unknown }[] }[]
  problems: string[]
} {
  const plan = result.outputs.plan
  expect(plan, 'plan output').toBeDefined()
  return JSON.parse(plan ?? '{}')
}

export function actions(result: RunResult): Record<string, string> {
  return Object.fromEntries(parsePlan(result).steps.map((s) => [s.resource, s.action]))
}

// ---------- calls ----------

export const operations = (lc: LocalCognito): string[] => lc.calls.map((c) => c.operation)
export const writeOperations = (lc: LocalCognito): string[] => lc.writeCalls().map((c) => c.operation)
export const countOf = (lc: LocalCognito, operation: string): number => lc.calls.filter((c) => c.operation === operation).length

// ---------- state, read back directly ----------

/** Every pool (id and name) across all pages. */
export async function listPools(lc: LocalCognito): Promise<{ Id: string; Name: string }[]> {
  const pools: { Id: string; Name: string }[] = []
  let token: string | undefined
  do {
    const page = await lc.invoke('ListUserPools', { MaxResults: 60, ...(token ? { NextToken: token } : {}) })
    pools.push(...(page.UserPools ?? []))
    token = page.NextToken
  } while (token)
  return pools
}

export async function poolIdsNamed(lc: LocalCognito, name: string): Promise<string[]> {
  return (await listPools(lc)).filter((p) => p.Name === name).map((p) => p.Id)
}

export async function describePool(lc: LocalCognito, userPoolId: string): Promise<Doc> {
  return (await lc.invoke('DescribeUserPool', { UserPoolId: userPoolId })).UserPool
}

export async function listClients(lc: LocalCognito, userPoolId: string): Promise<{ ClientId: string; ClientName: string }[]> {
  return (await lc.invoke('ListUserPoolClients', { UserPoolId: userPoolId, MaxResults: 60 })).UserPoolClients ?? []
}

export async function describeClient(lc: LocalCognito, userPoolId: string, clientId: string): Promise<Doc> {
  return (await lc.invoke('DescribeUserPoolClient', { UserPoolId: userPoolId, ClientId: clientId })).UserPoolClient
}

export async function describeDomain(lc: LocalCognito, domain: string): Promise<Doc> {
  return (await lc.invoke('DescribeUserPoolDomain', { Domain: domain })).DomainDescription
}

/** Members of DescribeUserPool's answer that UpdateUserPool accepts (this suite's own list, not the action's). */
const POOL_SETTABLE = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserPoolTier',
]

/** Members of DescribeUserPoolClient's answer that UpdateUserPoolClient accepts. */
const CLIENT_SETTABLE = [
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
]

function pick(source: Record<string, any>, keys: string[]): Record<string, any> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]))
}

/** A hand edit of the pool as the console makes it: describe, merge, UpdateUserPool (which resets what is left out). */
export async function editPool(lc: LocalCognito, userPoolId: string, changes: Record<string, unknown>): Promise<void> {
  const pool = await describePool(lc, userPoolId)
  const request: Record<string, any> = { UserPoolId: userPoolId, ...pick(pool, POOL_SETTABLE), ...changes }
  // Cognito refuses the deprecated UnusedAccountValidityDays next to TemporaryPasswordValidityDays.
  if (request.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined && request.AdminCreateUserConfig) {
    const { UnusedAccountValidityDays: _dropped, ...rest } = request.AdminCreateUserConfig
    request.AdminCreateUserConfig = rest
  }
  await lc.invoke('UpdateUserPool', request)
}

/** A hand edit of the app client: describe, merge, UpdateUserPoolClient. */
export async function editClient(lc: LocalCognito, userPoolId: string, clientId: string, changes: Record<string, unknown>): Promise<void> {
  const client = await describeClient(lc, userPoolId, clientId)
  await lc.invoke('UpdateUserPoolClient', { UserPoolId: userPoolId, ClientId: clientId, ...pick(client, CLIENT_SETTABLE), ...changes })
}

/** A copy of `o` without `keys`. */
export function omit(o: Record<string, any>, ...keys: string[]): Record<string, any> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)))
}

/** A pool like the action creates (email as username, email required), made directly. */
export async function seedSsoPool(lc: LocalCognito, name: string): Promise<string> {
  const out = await lc.invoke('CreateUserPool', {
    PoolName: name,
    UsernameAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    AutoVerifiedAttributes: ['email'],
    Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
  })
  return out.UserPool.Id
}

/** The three IDs a run outputs. */
export function idsOf(result: RunResult): { poolId: string; poolArn: string; clientId: string } {
  const poolId = result.outputs['user-pool-id'] ?? ''
  const poolArn = result.outputs['user-pool-arn'] ?? ''
  const clientId = result.outputs['client-id'] ?? ''
  expect(poolId, 'user-pool-id output').toMatch(/^us-east-1_[0-9A-Za-z]+$/)
  expect(clientId, 'client-id output').toMatch(/^[0-9a-z]+$/)
  return { poolId, poolArn, clientId }
}

/** Outputs that carry an ID and are masked (with mask-outputs, the default). */
const ID_OUTPUTS = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri', 'openmetadata-env']

/**
 * No pool ID, client ID or ARN of any pool in `lc` in clear in what a run printed: stdout and stderr
 * as the runner shows them (masked), the job summary, `extra` texts (e.g. the PR comment), and every
 * output except the masked ID outputs, whose values must be masked. Only for runs with mask-outputs on.
 */
export async function expectNoIdsInClear(result: RunResult, lc: LocalCognito, extra: string[] = []): Promise<void> {
  const ids: string[] = []
  for (const pool of await listPools(lc)) {
    ids.push(pool.Id, `arn:aws:cognito-idp:${REGION}:${ACCOUNT_ID}:userpool/${pool.Id}`)
    for (const client of await listClients(lc, pool.Id)) ids.push(client.ClientId)
  }
  const shown: [string, string][] = [
    ['stdout', maskText(result.stdout, result.masks)],
    ['stderr', maskText(result.stderr, result.masks)],
    ['summary', result.summary],
    ...extra.map((text, i): [string, string] => [`extra ${i + 1}`, text]),
    ...Object.entries(result.outputs)
      .filter(([name]) => !ID_OUTPUTS.includes(name))
      .map(([name, value]): [string, string] => [`output ${name}`, value]),
  ]
  for (const [where, text] of shown) for (const id of ids) expect(text, `${where} shows ${id} in clear`).not.toContain(id)
  for (const name of ID_OUTPUTS) {
    const value = result.outputs[name]
    if (value && !['issuer', 'jwks-uri', 'openmetadata-env'].includes(name)) expect(result.masks, `output ${name} is masked`).toContain(value)
  }
}

/** The text as the runner shows it (maskLine: each mask, and each line of a multi-line one). */
function maskText(text: string, masks: string[]): string {
  return maskLine(text, masks)
}
