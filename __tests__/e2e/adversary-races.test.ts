// Phase 3, the adversary: runs at once on the paths issue 17 added (the create found through the domain
// lookup) and destroy racing apply. Each run ends clearly (exit 0, or 1 with an error naming the call;
// never a stack), and one apply afterwards converges: one pool, its domain, one client.
import { describe, expect, it } from 'vitest'
import {
  NODE,
  describeDomain,
  expectExit,
  expectNoStackTrace,
  inputsFor,
  listClients,
  poolIdsNamed,
  run,
  withLc,
  type LocalCognito,
  type RunResult,
} from './helpers.js'

async function expectConverged(lc: LocalCognito, inputs: Record<string, string>): Promise<void> {
  const after = await run(NODE, lc, inputs)
  expectExit(after, 0)
  const ids = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
  expect(ids).toHaveLength(1)
  expect((await describeDomain(lc, inputs.domain ?? '')).UserPoolId).toBe(ids[0])
  expect(await listClients(lc, ids[0] ?? '')).toHaveLength(1)
}

function expectClear(r: RunResult): void {
  expectNoStackTrace(r)
  expect([0, 1], r.stdout).toContain(r.exitCode)
  if (r.exitCode === 1) expect(r.errors.join('\n'), r.stdout).toMatch(/\w+ on .* failed|Cannot apply|nothing was deleted|nothing was changed/)
}

describe.concurrent('runs at once on the new paths', () => {
  it('two applies send CreateUserPoolDomain for one pool at once (both held until both arrived): one domain, both succeed', async () => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('race-domain')
      lc.barrier({ operation: 'CreateUserPool', count: 2 })
      lc.barrier({ operation: 'CreateUserPoolDomain', count: 2 })
      const results = await Promise.all([run(NODE, lc, inputs), run(NODE, lc, inputs)])
      expect(lc.pendingBarriers, 'both creates met').toBe(0)
      for (const r of results) expectClear(r)
      expect(results.some((r) => r.exitCode === 0)).toBe(true)
      await expectConverged(lc, inputs)
    })
  })

  it('an apply that finds the pool through its domain while another run deletes the pool under it: a clear end, and the next apply converges', async () => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('race-destroy', { 'deletion-protection': 'false' })
      expectExit(await run(NODE, lc, inputs), 0)
      // The apply changes the client while destroy removes it: each's write held until the other's arrived.
      lc.barrier({ operations: ['UpdateUserPoolClient', 'DeleteUserPoolClient'] })
      const [apply, destroy] = await Promise.all([
        run(NODE, lc, { ...inputs, 'callback-urls': 'https://race-destroy.example.com/other' }),
        run(NODE, lc, { 'pool-name': inputs['pool-name'] ?? '', mode: 'destroy', 'deletion-protection': 'false' }),
      ])
      expect(lc.pendingBarriers, 'both writes met').toBe(0)
      expectClear(apply)
      expectClear(destroy)
      await expectConverged(lc, inputs)
    })
  })

  it('destroy and a first apply at once, five times: never a stack, and the next apply converges', async () => {
    for (let t = 0; t < 5; t++) {
      await withLc({}, async (lc) => {
        const inputs = inputsFor(`race-first-${t}`, { 'deletion-protection': 'false' })
        const results = await Promise.all([
          run(NODE, lc, inputs),
          run(NODE, lc, { 'pool-name': inputs['pool-name'] ?? '', mode: 'destroy', 'deletion-protection': 'false' }),
        ])
        for (const r of results) expectClear(r)
        await expectConverged(lc, inputs)
      })
    }
  })
})
