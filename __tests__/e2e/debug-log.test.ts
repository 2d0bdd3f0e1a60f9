// Debug logging: with ACTIONS_STEP_DEBUG, one ::debug:: line per AWS call, per plan step and per verify
// probe, and none of them holds a pool ID, client ID or ARN in clear (checked before the runner's masks).
import { describe, expect, it } from 'vitest'
import { NODES, expectExit, inputsFor, listClients, listPools, REGION, ACCOUNT_ID, run, useLocalCognito } from './helpers.js'

describe.each(NODES)('debug logging under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('a no-op run prints one ::debug:: line per AWS call, per plan step and per probe, with no IDs', async () => {
    const { lc } = ctx
    const inputs = inputsFor('debuglog', { verify: 'true' })
    const quiet = await run(node, lc, inputs)
    expectExit(quiet, 0)
    // Without the step debug log, no debug line at all.
    expect(quiet.stdout.split('\n').filter((l) => l.startsWith('::debug::'))).toEqual([])
    lc.clearCalls()

    const r = await run(node, lc, inputs, { env: { ACTIONS_STEP_DEBUG: 'true' } })
    expectExit(r, 0)
    expect(r.outputs.changed).toBe('false')
    const debug = r.stdout.split('\n').filter((l) => l.startsWith('::debug::'))

    const awsLines = debug.filter((l) => l.startsWith('::debug::aws: '))
    expect(lc.calls.length).toBeGreaterThan(0)
    expect(awsLines.length, debug.join('\n')).toBe(lc.calls.length)
    // Same operations, in the same order as the local Cognito received them.
    expect(awsLines.map((l) => /^::debug::aws: (\w+) /.exec(l)?.[1])).toEqual(lc.calls.map((c) => c.operation))
    for (const line of awsLines) expect(line).toMatch(/^::debug::aws: \w+ ok in \d+ ms, 1 attempt \(0 retries, 0 ms retry delay\)$/)

    const planLines = debug.filter((l) => l.startsWith('::debug::plan: '))
    expect(planLines).toEqual([
      "::debug::plan: user pool 'e2e-debuglog': no-op",
      "::debug::plan: domain 'e2e-debuglog-login': no-op",
      "::debug::plan: app client 'e2e-debuglog-client': no-op",
    ])

    const probeLines = debug.filter((l) => l.startsWith('::debug::verify: '))
    expect(probeLines.length).toBeGreaterThan(0)
    for (const line of probeLines) expect(line).toMatch(/^::debug::verify: (GET|POST|HEAD) \S+ → \d{3} in \d+ ms$/)
    expect(probeLines.join('\n')).toContain('<user-pool-id>/.well-known/openid-configuration')

    // Before masking: the raw stdout lines, not what the runner would show.
    const ids: string[] = []
    for (const pool of await listPools(lc)) {
      ids.push(pool.Id, `arn:aws:cognito-idp:${REGION}:${ACCOUNT_ID}:userpool/${pool.Id}`)
      for (const client of await listClients(lc, pool.Id)) ids.push(client.ClientId)
    }
    expect(ids.length).toBeGreaterThanOrEqual(3)
    for (const line of debug) for (const id of ids) expect(line, `debug line shows ${id}`).not.toContain(id)
  })
})
