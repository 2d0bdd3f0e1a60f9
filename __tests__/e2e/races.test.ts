// Runs started together for one pool-name converge: one pool, one domain, one client. The interleaving
// is made adversarial on purpose: the local Cognito holds every CreateUserPool (and CreateUserPoolClient)
// until all three runs have sent theirs, so each run creates its own before any looks again.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { runAction } from '../../tools/run-action.js'
import { NODE, describeDomain, describePool, env, expectNoStackTrace, inputsFor, listClients, poolIdsNamed, withLc, type LocalCognito } from './helpers.js'

const TRIALS = 10
const RUNS = 3

async function trial(lc: LocalCognito, tag: string, staggerMs: number): Promise<void> {
  const inputs = inputsFor(tag)
  const results = await Promise.all(
    Array.from({ length: RUNS }, async (_, i) => {
      if (staggerMs) await sleep(i * staggerMs)
      return runAction({ inputs, env: env(lc), node: NODE, timeoutMs: 60_000 })
    }),
  )
  for (const r of results) {
    expectNoStackTrace(r)
    // A run that started while another run's extra client still existed stops before writing anything.
    if (r.exitCode !== 0)
      expect(r.errors.join('\n'), r.stdout).toMatch(/Cannot apply \(nothing was changed in AWS\):\n- client-name: 2 app clients in the pool are named/)
  }
  expect(results.some((r) => r.exitCode === 0)).toBe(true)
  const ids = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
  expect(ids, results.map((r) => r.stdout).join('\n----\n')).toHaveLength(1)
  const poolId = ids[0] ?? ''
  expect((await describeDomain(lc, inputs.domain ?? '')).UserPoolId).toBe(poolId)
  expect(await listClients(lc, poolId)).toHaveLength(1)
  expect((await describePool(lc, poolId)).DeletionProtection).toBe('ACTIVE')
}

// Each test is 10 trials of 3 action runs, one after another (30 runs): about 26 s on this 2-core machine at a
// load of 8 and 39 s at a load of 14, with main's dist/ as with any other (measured 2026-12-06), so the suite's
// 30 s default is a budget for one run, not for thirty. Nothing asserted depends on time.
describe.concurrent('three runs at once', { timeout: 120_000 }, () => {
  it(`started together, every create held until all three arrived: ${TRIALS} trials of ${TRIALS}`, async () => {
    for (let t = 0; t < TRIALS; t++) {
      await withLc({}, async (lc) => {
        lc.barrier({ operation: 'CreateUserPool', count: RUNS })
        lc.barrier({ operation: 'CreateUserPoolClient', count: RUNS })
        await trial(lc, `race-${t}`, 0)
        expect(lc.calls.filter((c) => c.operation === 'CreateUserPool' && c.status === 200)).toHaveLength(RUNS)
        expect(lc.calls.filter((c) => c.operation === 'DeleteUserPool' && c.status === 200)).toHaveLength(RUNS - 1)
      })
    }
  })

  it(`started 50 ms apart: ${TRIALS} trials of ${TRIALS}`, async () => {
    for (let t = 0; t < TRIALS; t++) {
      await withLc({}, async (lc) => {
        await trial(lc, `stagger-${t}`, 50)
      })
    }
  })
})
