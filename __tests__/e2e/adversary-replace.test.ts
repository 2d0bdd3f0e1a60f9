// Phase 3, the adversary: a client replacement (public → confidential with allow-client-replacement, and
// its managed login branding) stopped half-way: the new client made, the old one not yet deleted. The
// next run must finish the replacement (the brief: converge after any failure by running again), never
// stop on "2 app clients in the pool are named ...", and never delete a client this run did not replace.
import { describe, expect, it } from 'vitest'
import { NODE, expectExit, idsOf, inputsFor, listClients, parsePlan, run, withLc } from './helpers.js'

describe.concurrent('a client replacement stopped between the create and the delete', () => {
  it.each([
    ['DeleteUserPoolClient refused (500, every retry)', 'server-error'],
    ['DeleteUserPoolClient throttled past every retry', 'throttle'],
  ] as const)('%s: the rerun ends with one client, the confidential one', async (_label, kind) => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('replace-half', { 'managed-login': 'v2', 'feature-plan': 'essentials' })
      const first = await run(NODE, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      const replace = { ...inputs, 'client-type': 'confidential', 'allow-client-replacement': 'true' }
      lc.faults.add({ operation: 'DeleteUserPoolClient', kind, times: 50 })
      const stopped = await run(NODE, lc, replace)
      expectExit(stopped, 1)
      expect(await listClients(lc, poolId)).toHaveLength(2)
      lc.faults.clear()
      // Plan mode names the leftover's deletion and writes nothing.
      lc.clearCalls()
      const plan = await run(NODE, lc, { ...replace, mode: 'plan' })
      expectExit(plan, 0)
      expect(
        parsePlan(plan)
          .steps.filter((s) => s.resource === 'client')
          .map((s) => s.action),
      ).toEqual(['no-op', 'delete'])
      expect(lc.writeCalls()).toEqual([])
      const rerun = await run(NODE, lc, replace)
      expectExit(rerun, 0)
      const clients = await listClients(lc, poolId)
      expect(clients).toHaveLength(1)
      expect(rerun.outputs['client-id']).toBe(clients[0]?.ClientId)
      lc.clearCalls()
      expectExit(await run(NODE, lc, replace), 0)
      expect(lc.writeCalls()).toEqual([])
      const described = (await lc.invoke('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clients[0]?.ClientId })).UserPoolClient
      expect(described.ClientSecret).toBeTruthy()
      // Its branding style follows it (issue 15): the remaining client has one.
      expect(lc.brandingStyles(poolId).map((b: { ClientId?: string }) => b.ClientId)).toContain(clients[0]?.ClientId)
    })
  })
})

describe.concurrent('two clients of the name that no replacement explains', () => {
  it('both public (runs at once), or allow-client-replacement off: still refused, nothing deleted', async () => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('two-public')
      const first = await run(NODE, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      await lc.invoke('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'e2e-two-public-client' })
      const extras: Record<string, string>[] = [{ 'client-type': 'public', 'allow-client-replacement': 'true' }, { 'client-type': 'confidential' }]
      for (const extra of extras) {
        lc.clearCalls()
        const r = await run(NODE, lc, { ...inputs, ...extra })
        expectExit(r, 1)
        expect(r.errors.join('\n')).toContain("2 app clients in the pool are named 'e2e-two-public-client'")
        expect(lc.writeCalls()).toEqual([])
      }
      expect(await listClients(lc, poolId)).toHaveLength(2)
    })
  })
})
