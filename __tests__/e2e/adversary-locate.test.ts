// Phase 3, the adversary: the pool found through DescribeUserPoolDomain (issue 17) attacked with hostile
// and odd AWS answers (tools/fault-proxy.js `rewrite`: AWS acted, the test changes what the action reads):
// a domain naming a pool that is not ours or does not exist, answers of the wrong shape, a pool gone
// between the lookup and its read, a domain DELETING. Every case: no write the inputs do not ask for,
// plan mode writes nothing, no foreign ID in clear anywhere, and a rerun converges.
import { describe, expect, it } from 'vitest'
import { startFaultProxy } from '../../tools/fault-proxy.js'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { runAction } from '../../tools/run-action.js'
import { printed } from './hostile-helpers.js'
import {
  ACCOUNT_ID,
  actions,
  NODE,
  REGION,
  describeDomain,
  env,
  expectExit,
  expectNoIdsInClear,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  listClients,
  poolIdsNamed,
  type LocalCognito,
} from './helpers.js'

type Proxy = Awaited<ReturnType<typeof startFaultProxy>>

async function withProxy<T>(fn: (lc: LocalCognito, proxy: Proxy) => Promise<T>, lcOptions: Parameters<typeof startLocalCognito>[0] = {}): Promise<T> {
  const lc = await startLocalCognito({ region: REGION, accountId: ACCOUNT_ID, port: 0, domainActivationMs: 0, ...lcOptions })
  const proxy = await startFaultProxy({ upstream: lc.url })
  try {
    return await fn(lc, proxy)
  } finally {
    await proxy.close()
    await lc.close()
  }
}

async function runVia(lc: LocalCognito, proxy: Proxy, inputs: Record<string, string>) {
  const r = await runAction({ inputs, env: env(lc, { AWS_ENDPOINT_URL: proxy.url, COGNITO_SSO_AWS_TIMEOUT: '5' }), node: NODE, timeoutMs: 60_000 })
  expectNoStackTrace(r)
  await expectNoIdsInClear(r, lc)
  return r
}

const FOREIGN = 'us-east-1_F0reignPo0l'

/** What a run shows: everything printed except the runner's own masking commands (which carry what they mask). */
const shown = (r: Awaited<ReturnType<typeof runAction>>): string =>
  printed({
    ...r,
    stdout: r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
  })

describe.concurrent('the domain lookup answered with an ID that is not ours', () => {
  it.each(['apply', 'plan'])('a domain that names a pool which does not exist (%s): nothing written, the ID never shown', async (mode) => {
    await withProxy(async (lc, proxy) => {
      const inputs = inputsFor(`foreign-absent-${mode}`, { mode })
      proxy.add({
        operation: 'DescribeUserPoolDomain',
        kind: 'rewrite',
        times: 10,
        rewrite: ({ body }) => ({ body: { DomainDescription: { ...body.DomainDescription, Domain: inputs.domain, UserPoolId: FOREIGN, Status: 'ACTIVE' } } }),
      })
      const r = await runVia(lc, proxy, inputs)
      expect(lc.writeCalls().map((c) => c.operation)).toEqual([])
      expect(shown(r)).not.toContain('F0reignPo0l')
      if (mode === 'apply') {
        expectExit(r, 1)
        expect(r.errors.join('\n')).toMatch(/domain: .*already belongs to another user pool/)
      }
    })
  })

  it('a domain that names another real pool of another name: nothing written in that pool or ours', async () => {
    await withProxy(async (lc, proxy) => {
      const other = (await lc.invoke('CreateUserPool', { PoolName: 'prod-sso' })).UserPool.Id
      const inputs = inputsFor('foreign-real')
      await lc.invoke('CreateUserPoolDomain', { UserPoolId: other, Domain: inputs.domain })
      const r = await runVia(lc, proxy, inputs)
      expectExit(r, 1)
      expect(lc.writeCalls().map((c) => c.operation)).toEqual([])
      expect(await listClients(lc, other)).toEqual([])
    })
  })
})

describe.concurrent('answers of the wrong shape to the domain lookup', () => {
  const shapes: [string, unknown][] = [
    ['DomainDescription a string', { DomainDescription: 'us-east-1_X' }],
    ['UserPoolId a number', { DomainDescription: { UserPoolId: 42, Domain: 'x' } }],
    ['UserPoolId an object', { DomainDescription: { UserPoolId: { Id: 'us-east-1_X' } } }],
    ['UserPoolId with a line break', { DomainDescription: { UserPoolId: 'us-east-1_X\n::error::forged', Domain: 'x' } }],
    ['UserPoolId of 100,000 characters', { DomainDescription: { UserPoolId: `us-east-1_${'A'.repeat(100_000)}` } }],
    ['a JSON array', [1, 2, 3]],
  ]
  it.each(shapes)('%s: a clear failure or a run that writes only its own pool, never a stack', async (label, answer) => {
    await withProxy(async (lc, proxy) => {
      const inputs = inputsFor(`shape-${label.replace(/\W+/g, '-').toLowerCase()}`)
      proxy.add({ operation: 'DescribeUserPoolDomain', kind: 'rewrite', times: 10, rewrite: () => ({ body: answer }) })
      const r = await runVia(lc, proxy, inputs)
      expect([0, 1]).toContain(r.exitCode)
      expect(r.stdout).not.toMatch(/^::error::forged/m)
      if (r.exitCode === 1)
        expect(
          lc.writeCalls().map((c) => c.operation),
          r.stdout,
        ).toEqual([])
      proxy.clear()
      // Whatever happened, the rerun with honest answers converges: one pool, its domain, one client.
      const rerun = await runVia(lc, proxy, inputs)
      expectExit(rerun, 0)
      const ids = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
      expect(ids).toHaveLength(1)
      expect((await describeDomain(lc, inputs.domain ?? '')).UserPoolId).toBe(ids[0])
      expect(await listClients(lc, ids[0] ?? '')).toHaveLength(1)
    })
  })
})

describe.concurrent('the pool gone between the lookup and its read', () => {
  it('the domain names our pool, whose DescribeUserPool then answers ResourceNotFoundException: no second pool', async () => {
    await withProxy(async (lc, proxy) => {
      const inputs = inputsFor('gone-between')
      const first = await runVia(lc, proxy, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      proxy.add({
        operation: 'DescribeUserPool',
        kind: 'rewrite',
        rewrite: () => ({ status: 400, body: { __type: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.` } }),
      })
      lc.clearCalls()
      const r = await runVia(lc, proxy, inputs)
      expect([0, 1]).toContain(r.exitCode)
      expect(
        lc.writeCalls().map((c) => c.operation),
        r.stdout,
      ).not.toContain('CreateUserPool')
      expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toEqual([poolId])
    })
  })
})

describe.concurrent('a domain DELETING', () => {
  it("our pool's domain deleted by hand and still DELETING: the run does not call it a no-op; it ends with the domain", async () => {
    await withProxy(
      async (lc, proxy) => {
        const inputs = inputsFor('deleting', { 'deletion-protection': 'false' })
        const first = await runVia(lc, proxy, inputs)
        expectExit(first, 0)
        const { poolId } = idsOf(first)
        await lc.invoke('DeleteUserPoolDomain', { UserPoolId: poolId, Domain: inputs.domain })
        expect((await describeDomain(lc, inputs.domain ?? '')).Status).toBe('DELETING')
        lc.clearCalls()
        // Plan mode says what apply will do, and writes nothing.
        const plan = await runVia(lc, proxy, { ...inputs, mode: 'plan' })
        expectExit(plan, 0)
        expect(actions(plan).domain).toBe('create')
        expect(lc.writeCalls()).toEqual([])
        lc.clearCalls()
        // The deletion ends once the action has looked at the domain twice more (no wall clock).
        const finish = setInterval(() => {
          if (lc.calls.filter((c) => c.operation === 'DescribeUserPoolDomain').length >= 2) {
            lc.finishDomainDeletion(inputs.domain ?? '')
          }
        }, 20)
        try {
          const r = await runVia(lc, proxy, inputs)
          expectExit(r, 0)
        } finally {
          clearInterval(finish)
        }
        const d = await describeDomain(lc, inputs.domain ?? '')
        expect(d.UserPoolId, 'the domain after the run').toBe(poolId)
        expect(d.Status).not.toBe('DELETING')
      },
      { holdDomainDeletes: true },
    )
  })
})

describe.concurrent('paging answers that never end', () => {
  it.each(['ListUserPools', 'ListUserPoolClients'])(
    '%s answering the same NextToken forever: the run stops with a clear error, no write',
    async (operation) => {
      await withProxy(async (lc, proxy) => {
        const inputs = inputsFor(`paging-${operation.toLowerCase()}`)
        if (operation === 'ListUserPoolClients') expectExit(await runVia(lc, proxy, inputs), 0)
        lc.clearCalls()
        proxy.add({
          operation,
          kind: 'rewrite',
          times: 1_000_000,
          rewrite: () => ({ status: 200, body: { [operation === 'ListUserPools' ? 'UserPools' : 'UserPoolClients']: [], NextToken: 'the-same-token' } }),
        })
        const r = await runAction({ inputs, env: env(lc, { AWS_ENDPOINT_URL: proxy.url, COGNITO_SSO_AWS_TIMEOUT: '5' }), node: NODE, timeoutMs: 30_000 })
        expectNoStackTrace(r)
        expectExit(r, 1)
        expect(r.errors.join('\n')).toMatch(new RegExp(`${operation} on .* failed: .*NextToken`))
        expect(lc.writeCalls().map((c) => c.operation)).toEqual([])
        expect(lc.calls.filter((c) => c.operation === operation).length).toBeLessThan(10)
      })
    },
  )
})

describe.concurrent('destroy by pool-name against an answer that names another pool', () => {
  it.each(['destroy', 'plan-destroy'])('ListUserPools lists preview pr-6 under the name of pr-5 (%s): pr-6 is not touched', async (mode) => {
    await withProxy(async (lc, proxy) => {
      const five = inputsFor(`stale-pr-5-${mode}`, { 'deletion-protection': 'false' })
      const six = inputsFor(`stale-pr-6-${mode}`, { 'deletion-protection': 'false' })
      expectExit(await runVia(lc, proxy, five), 0)
      const sixRun = await runVia(lc, proxy, six)
      expectExit(sixRun, 0)
      const { poolId: sixId } = idsOf(sixRun)
      proxy.add({
        operation: 'ListUserPools',
        kind: 'rewrite',
        times: 100,
        rewrite: ({ body }) => ({
          body: {
            ...body,
            UserPools: (body.UserPools ?? [])
              .map((p: { Name: string }) => (p.Name === five['pool-name'] ? { ...p, Id: sixId } : p.Name === six['pool-name'] ? null : p))
              .filter(Boolean),
          },
        }),
      })
      lc.clearCalls()
      const r = await runVia(lc, proxy, { 'pool-name': five['pool-name'] ?? '', mode, 'deletion-protection': 'false' })
      expect(lc.writeCalls().map((c) => c.operation)).toEqual([])
      expectExit(r, 1)
      expect(r.errors.join('\n')).toMatch(/nothing (is|was) deleted/)
      expect(await poolIdsNamed(lc, six['pool-name'] ?? '')).toEqual([sixId])
    })
  })
})

describe.concurrent('apply by pool-name against an answer that names another pool', () => {
  it.each(['apply', 'plan'])('ListUserPools lists preview pr-6 under the name of a new pr-5 (%s): pr-6 is not touched', async (mode) => {
    await withProxy(async (lc, proxy) => {
      const five = inputsFor(`stale-apply-pr-5-${mode}`)
      const six = inputsFor(`stale-apply-pr-6-${mode}`)
      const sixRun = await runVia(lc, proxy, six)
      expectExit(sixRun, 0)
      const { poolId: sixId } = idsOf(sixRun)
      proxy.add({
        operation: 'ListUserPools',
        kind: 'rewrite',
        times: 100,
        rewrite: ({ body }) => ({
          body: {
            ...body,
            UserPools: (body.UserPools ?? []).map((p: { Name: string }) => (p.Name === six['pool-name'] ? { ...p, Name: five['pool-name'] } : p)),
          },
        }),
      })
      lc.clearCalls()
      const r = await runVia(lc, proxy, { ...five, mode })
      expect(lc.writeCalls().map((c) => c.operation)).toEqual([])
      expectExit(r, 1)
      expect((await describeDomain(lc, six.domain ?? '')).UserPoolId).toBe(sixId)
      expect(await listClients(lc, sixId)).toHaveLength(1)
    })
  })
})

describe.concurrent('a domain that flips status', () => {
  it('DELETING when the run looks, ACTIVE (ours) again while it waits: the run does not wait for a deletion that is not coming', async () => {
    await withProxy(
      async (lc, proxy) => {
        const inputs = inputsFor('flip', { 'deletion-protection': 'false' })
        const first = await runVia(lc, proxy, inputs)
        expectExit(first, 0)
        const { poolId } = idsOf(first)
        await lc.invoke('DeleteUserPoolDomain', { UserPoolId: poolId, Domain: inputs.domain })
        // The first describe tells the truth (DELETING); every later one says ACTIVE, ours.
        proxy.add({ operation: 'DescribeUserPoolDomain', kind: 'rewrite', rewrite: ({ body }) => ({ body }) })
        proxy.add({
          operation: 'DescribeUserPoolDomain',
          kind: 'rewrite',
          times: 1000,
          rewrite: ({ body }) => ({ body: { DomainDescription: { ...body.DomainDescription, Status: 'ACTIVE' } } }),
        })
        const r = await runAction({ inputs, env: env(lc, { AWS_ENDPOINT_URL: proxy.url, COGNITO_SSO_AWS_TIMEOUT: '5' }), node: NODE, timeoutMs: 45_000 })
        expectNoStackTrace(r)
        expectExit(r, 0)
        expect(lc.calls.filter((c) => c.operation === 'DescribeUserPoolDomain').length).toBeLessThan(6)
      },
      { holdDomainDeletes: true },
    )
  })
})
