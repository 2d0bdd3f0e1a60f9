// Throttling, a failure between steps and a dropped connection: retried, or converged on the next run.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  countOf,
  describeClient,
  describePool,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  listClients,
  poolIdsNamed,
  run,
  useLocalCognito,
  withLc,
  writeOperations,
  type LocalCognito,
} from './helpers.js'

const statuses = (lc: LocalCognito, operation: string): number[] => lc.calls.filter((c) => c.operation === operation).map((c) => c.status)

// Throttling is slow to retry under the SDK's adaptive mode (its client-side rate limiter drops to
// about one request every 2 s), so the two Node versions run this one concurrently.
describe.concurrent('throttling', () => {
  it.each(NODES)('retries throttling on every write under %s', async (_label, node) => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('throttled')
      for (const operation of ['CreateUserPool', 'CreateUserPoolDomain', 'CreateUserPoolClient']) {
        lc.faults.add({ operation, kind: 'throttle', times: 2 })
      }
      const created = await run(node, lc, inputs)
      expectExit(created, 0)
      for (const operation of ['CreateUserPool', 'CreateUserPoolDomain', 'CreateUserPoolClient']) {
        expect(statuses(lc, operation), operation).toEqual([400, 400, 200])
      }
      const { poolId, clientId } = idsOf(created)
      expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toEqual([poolId])
      expect((await listClients(lc, poolId)).map((c) => c.ClientId)).toEqual([clientId])

      lc.clearCalls()
      lc.faults.add({ operation: 'UpdateUserPoolClient', kind: 'throttle', times: 2 })
      const updated = await run(node, lc, { ...inputs, 'callback-urls': 'https://throttled.example.com/new-callback' })
      expectExit(updated, 0)
      expect(statuses(lc, 'UpdateUserPoolClient')).toEqual([400, 400, 200])
      expect((await describeClient(lc, poolId, clientId)).CallbackURLs).toEqual(['https://throttled.example.com/new-callback'])
      expect(lc.faults.pending).toEqual([])
    })
  })
})

describe.each(NODES)('failures between steps under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('a run that fails between steps is finished by the next run, without duplicates', async () => {
    const { lc } = ctx
    const inputs = inputsFor('halfway')
    const name = inputs['pool-name'] ?? ''
    lc.faults.add({ operation: 'CreateUserPoolClient', kind: 'server-error', times: 10 })

    const failed = await run(node, lc, inputs)
    expectExit(failed, 1)
    expect(countOf(lc, 'CreateUserPool')).toBe(1)
    expect(statuses(lc, 'CreateUserPoolDomain')).toEqual([200])
    // A 500 to a create is an unknown outcome: never retried by the SDK; the run looks for the client by
    // name, finds none, and tries again (3 tries in all).
    expect(statuses(lc, 'CreateUserPoolClient')).toEqual([500, 500, 500])
    expect(r1Error(failed.errors)).toContain('CreateUserPoolClient')
    expectNoStackTrace(failed)
    const [poolId = ''] = await poolIdsNamed(lc, name)
    expect((await describePool(lc, poolId)).Domain).toBe(inputs.domain)
    expect(await listClients(lc, poolId)).toEqual([])
    // The pool was created in a run that failed: its ID must still not appear in the log.
    for (const line of failed.logLines) expect(line).not.toContain(poolId)
    expect(failed.summary).toContain('Done before that:')

    lc.faults.clear()
    lc.clearCalls()
    lc.faults.add({ operation: 'DescribeUserPool', kind: 'reset', times: 1 })
    const finished = await run(node, lc, inputs)
    expectExit(finished, 0)
    expect(countOf(lc, 'DescribeUserPool')).toBe(2) // the reset one, then the retry
    expect(writeOperations(lc)).toEqual(['CreateUserPoolClient'])
    expect(finished.outputs['user-pool-id']).toBe(poolId)
    expect(await poolIdsNamed(lc, name)).toEqual([poolId])
    const clients = await listClients(lc, poolId)
    expect(clients.map((c) => c.ClientId)).toEqual([finished.outputs['client-id']])

    // And it has converged.
    lc.clearCalls()
    const settled = await run(node, lc, inputs)
    expectExit(settled, 0)
    expect(settled.outputs.changed).toBe('false')
    expect(writeOperations(lc)).toEqual([])
  })

  it('the error of a failed call reads as sentences, without a doubled period', async () => {
    const { lc } = ctx
    lc.faults.add({ operation: 'ListUserPools', kind: 'server-error', times: 10 })
    const r = await run(node, lc, inputsFor('sentences'))
    expectExit(r, 1)
    expect(r.errors[0]).toContain('ListUserPools')
    expect(r.errors[0]).not.toContain('..')
  })
})

function r1Error(errors: string[]): string {
  expect(errors).toHaveLength(1)
  return errors[0] ?? ''
}
