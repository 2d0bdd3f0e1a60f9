// Fault injection: a proxy in front of the local Cognito (tools/fault-proxy.js) forwards one call and
// then loses its answer (500, 503, reset, hang, 200 with an empty body). Every run either succeeds or
// fails clearly, never hangs past its timeouts, and one rerun ends with exactly one pool, one domain and
// one client, the unmanaged pool next to them untouched.
import { describe, expect, it } from 'vitest'
import { startFakeIdp } from '../../tools/fake-idp.js'
import { startFaultProxy } from '../../tools/fault-proxy.js'
import { runAction } from '../../tools/run-action.js'
import {
  NODE,
  describeClient,
  describeDomain,
  describePool,
  env,
  expectNoStackTrace,
  inputsFor,
  listClients,
  poolIdsNamed,
  startLc,
  type LocalCognito,
} from './helpers.js'

type Kind = '500' | '503' | 'reset' | 'hang' | 'empty'
const TIMEOUT_S = 2

interface Setup {
  lc: LocalCognito
  proxy: Awaited<ReturnType<typeof startFaultProxy>>
  unmanagedId: string
  unmanagedModified: unknown
}

async function setup(): Promise<Setup> {
  const lc = await startLc()
  const proxy = await startFaultProxy({ upstream: lc.url })
  const unmanaged = (await lc.invoke('CreateUserPool', { PoolName: 'someone-else' })).UserPool
  return { lc, proxy, unmanagedId: unmanaged.Id, unmanagedModified: unmanaged.LastModifiedDate }
}

async function runVia(s: Setup, node: string, inputs: Record<string, string>) {
  const started = Date.now()
  const result = await runAction({
    inputs,
    env: env(s.lc, { AWS_ENDPOINT_URL: s.proxy.url, COGNITO_SSO_AWS_TIMEOUT: String(TIMEOUT_S), AWS_RETRY_MODE: 'standard' }),
    node,
    timeoutMs: 60_000,
  })
  return { result, seconds: (Date.now() - started) / 1000 }
}

/** Exactly one pool, its domain, one client; the unmanaged pool untouched. */
async function expectConverged(s: Setup, inputs: Record<string, string>, callback: string, protection = 'ACTIVE'): Promise<void> {
  const ids = await poolIdsNamed(s.lc, inputs['pool-name'] ?? '')
  expect(ids).toHaveLength(1)
  const poolId = ids[0] ?? ''
  expect((await describeDomain(s.lc, inputs.domain ?? '')).UserPoolId).toBe(poolId)
  const clients = await listClients(s.lc, poolId)
  expect(clients).toHaveLength(1)
  expect((await describeClient(s.lc, poolId, clients[0]?.ClientId ?? '')).CallbackURLs).toEqual([callback])
  expect((await describePool(s.lc, poolId)).DeletionProtection).toBe(protection)
  expect((await describePool(s.lc, s.unmanagedId)).LastModifiedDate).toEqual(s.unmanagedModified)
}

/** A run hit by a fault: success, or a clear failure (one error line naming the call, no stack). */
function expectClear(r: Awaited<ReturnType<typeof runVia>>, budget: number): void {
  expect([0, 1], `${r.result.stdout}\n${r.result.stderr}`).toContain(r.result.exitCode)
  expect(r.seconds).toBeLessThan(budget)
  expectNoStackTrace(r.result)
  if (r.result.exitCode === 1) expect(r.result.errors.join('\n')).toMatch(/(List|Describe|Create|Update|Delete)\w+ on .* failed/)
}

// The calls of each path (issue 17: the pool is found through its domain; a create with no race
// describes nothing after the look again by name and needs no UpdateUserPool).
const CREATE_PATH = ['DescribeUserPoolDomain', 'ListUserPools', 'CreateUserPool', 'CreateUserPoolDomain', 'CreateUserPoolClient', 'ListUserPoolClients']
const UPDATE_PATH = ['DescribeUserPoolDomain', 'DescribeUserPool', 'ListUserPoolClients', 'DescribeUserPoolClient', 'UpdateUserPool', 'UpdateUserPoolClient']
const KINDS: Kind[] = ['500', 'reset', 'empty']
const HANGS = ['DescribeUserPoolDomain', 'ListUserPools', 'CreateUserPool', 'CreateUserPoolClient', 'UpdateUserPool', 'UpdateUserPoolClient']

const cases = (ops: string[]): [string, Kind, string][] => [
  ...ops.flatMap((op) => KINDS.map((kind): [string, Kind, string] => [op, kind, NODE])),
  ...ops.filter((op) => HANGS.includes(op)).map((op): [string, Kind, string] => [op, 'hang', NODE]),
  ...op503(ops),
]
// 503: a couple of cases only, to stay fast.
function op503(ops: string[]): [string, Kind, string][] {
  return [
    [ops.includes('CreateUserPool') ? 'CreateUserPool' : 'UpdateUserPoolClient', '503', NODE],
    [ops.includes('CreateUserPoolClient') ? 'CreateUserPoolClient' : 'DescribeUserPool', 'reset', NODE],
  ]
}

describe.concurrent('faults on the create path', () => {
  it.each(cases(CREATE_PATH))('%s answered %s', async (operation, kind, node) => {
    const local = await setup()
    try {
      const inputs = inputsFor(`f-${operation.toLowerCase()}-${kind}`)
      local.proxy.add({ operation, kind })
      const first = await runVia(local, node, inputs)
      expect(
        local.proxy.seen.some((c) => c.operation === operation && c.fault === kind),
        `the fault was applied to ${operation}`,
      ).toBe(true)
      expectClear(first, 4 * TIMEOUT_S * 3 + 20)
      const rerun = await runVia(local, node, inputs)
      expect(rerun.result.exitCode, rerun.result.stdout).toBe(0)
      await expectConverged(local, inputs, inputs['callback-urls'] ?? '')
    } finally {
      await local.proxy.close()
      await local.lc.close()
    }
  })
})

describe.concurrent('faults on the update and no-op paths', () => {
  it.each(cases(UPDATE_PATH))('%s answered %s', async (operation, kind, node) => {
    const local = await setup()
    try {
      const inputs = inputsFor(`u-${operation.toLowerCase()}-${kind}`)
      expect((await runVia(local, node, inputs)).result.exitCode).toBe(0)
      // The no-op path: nothing to change, reads only.
      if (!operation.startsWith('Update')) {
        local.proxy.add({ operation, kind })
        expectClear(await runVia(local, node, inputs), 4 * TIMEOUT_S * 3 + 20)
      }
      // Both updates: the client's callback URL and the pool's deletion protection.
      const changed = { ...inputs, 'callback-urls': `https://${operation.toLowerCase()}.example.com/new`, 'deletion-protection': 'false' }
      local.proxy.add({ operation, kind })
      expectClear(await runVia(local, node, changed), 4 * TIMEOUT_S * 3 + 20)
      expect(local.proxy.pending).toEqual([])
      const rerun = await runVia(local, node, changed)
      expect(rerun.result.exitCode, rerun.result.stdout).toBe(0)
      await expectConverged(local, changed, changed['callback-urls'] ?? '', 'INACTIVE')
    } finally {
      await local.proxy.close()
      await local.lc.close()
    }
  })
})

// Federation: a declared OIDC provider (served by the fake IdP) and a resource server. A create whose
// answer is lost looks again and adopts or updates; a read answered without its member fails clearly.
const FED_CREATE_PATH = ['CreateIdentityProvider', 'CreateResourceServer']
const FED_NOOP_PATH = ['ListIdentityProviders', 'DescribeIdentityProvider', 'ListResourceServers']
const fedCases = (ops: string[]): [string, Kind][] => ops.flatMap((op) => KINDS.map((kind): [string, Kind] => [op, kind]))

function fedInputs(tag: string, issuer: string): Record<string, string> {
  return inputsFor(tag, {
    'federated-providers': [
      '- name: Corp',
      '  type: oidc',
      `  issuer: ${issuer}`,
      '  client-id: corp-app',
      '  client-secret: corp-Secret-1b2c3d',
      '  scopes: [openid, email]',
    ].join('\n'),
    'resource-servers': '- identifier: api\n  name: Reports API\n  scopes:\n    - name: read\n      description: Read reports',
    'oauth-scopes': 'openid, email, api/read',
  })
}

/** Exactly one provider, one resource server and one client (naming both), in exactly one pool. */
async function expectFederationConverged(s: Setup, inputs: Record<string, string>): Promise<void> {
  const ids = await poolIdsNamed(s.lc, inputs['pool-name'] ?? '')
  expect(ids).toHaveLength(1)
  const poolId = ids[0] ?? ''
  const providers = (await s.lc.invoke('ListIdentityProviders', { UserPoolId: poolId, MaxResults: 60 })).Providers ?? []
  expect(providers.map((p: { ProviderName: string }) => p.ProviderName)).toEqual(['Corp'])
  const servers = (await s.lc.invoke('ListResourceServers', { UserPoolId: poolId, MaxResults: 50 })).ResourceServers ?? []
  expect(servers.map((x: { Identifier: string; Name: string }) => [x.Identifier, x.Name])).toEqual([['api', 'Reports API']])
  const clients = await listClients(s.lc, poolId)
  expect(clients).toHaveLength(1)
  const client = await describeClient(s.lc, poolId, clients[0]?.ClientId ?? '')
  expect(client.SupportedIdentityProviders).toContain('Corp')
  expect(client.AllowedOAuthScopes).toContain('api/read')
  expect((await describePool(s.lc, s.unmanagedId)).LastModifiedDate).toEqual(s.unmanagedModified)
}

describe.concurrent('faults on the federation calls', () => {
  it.each(fedCases(FED_CREATE_PATH))('create path: %s answered %s', async (operation, kind) => {
    const local = await setup()
    const idp = await startFakeIdp()
    try {
      const inputs = fedInputs(`ff-${operation.toLowerCase()}-${kind}`, idp.oidcIssuer)
      local.proxy.add({ operation, kind })
      const first = await runVia(local, NODE, inputs)
      expect(
        local.proxy.seen.some((c) => c.operation === operation && c.fault === kind),
        `the fault was applied to ${operation}`,
      ).toBe(true)
      expectClear(first, 4 * TIMEOUT_S * 3 + 20)
      // A lost create answer is looked for and adopted: the faulted run itself succeeds, created once.
      expect(first.result.exitCode, `${first.result.stdout}\n${first.result.stderr}`).toBe(0)
      expect(local.proxy.seen.filter((c) => c.operation === operation)).toHaveLength(1)
      await expectFederationConverged(local, inputs)
      const rerun = await runVia(local, NODE, inputs)
      expect(rerun.result.exitCode, rerun.result.stdout).toBe(0)
      await expectFederationConverged(local, inputs)
    } finally {
      await idp.close()
      await local.proxy.close()
      await local.lc.close()
    }
  })

  it.each(fedCases(FED_NOOP_PATH))('no-op path: %s answered %s', async (operation, kind) => {
    const local = await setup()
    const idp = await startFakeIdp()
    try {
      const inputs = fedInputs(`fn-${operation.toLowerCase()}-${kind}`, idp.oidcIssuer)
      expect((await runVia(local, NODE, inputs)).result.exitCode).toBe(0)
      local.proxy.add({ operation, kind })
      const faulted = await runVia(local, NODE, inputs)
      expectClear(faulted, 4 * TIMEOUT_S * 3 + 20)
      // A read answered without its member is an error naming the call, never "nothing exists"; a 5xx or reset is retried.
      if (kind === 'empty') expect(faulted.result.errors.join('\n')).toMatch(new RegExp(`${operation} on .* failed`))
      else expect(faulted.result.exitCode, faulted.result.stdout).toBe(0)
      expect(
        local.proxy.seen.some((c) => c.operation === operation && c.fault === kind),
        `the fault was applied to ${operation}`,
      ).toBe(true)
      const rerun = await runVia(local, NODE, inputs)
      expect(rerun.result.exitCode, rerun.result.stdout).toBe(0)
      await expectFederationConverged(local, inputs)
    } finally {
      await idp.close()
      await local.proxy.close()
      await local.lc.close()
    }
  })
})
