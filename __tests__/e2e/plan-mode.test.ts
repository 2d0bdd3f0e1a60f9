// Plan mode with a read-only IAM policy: reports, never writes; drift detection; apply needs write access.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  READ_OPERATIONS,
  readmePolicy,
  writeOperations,
  actions,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  parsePlan,
  run,
  useLocalCognito,
  type LocalCognito,
  expectNoIdsInClear,
} from './helpers.js'

const ID_OUTPUTS = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri']

/** Every call was a read, and every call was allowed. */
function expectOnlyAllowedReads(lc: LocalCognito): void {
  expect(lc.writeCalls()).toEqual([])
  for (const call of lc.calls) expect(READ_OPERATIONS, call.operation).toContain(call.operation)
  expect(lc.calls.filter((c) => c.status !== 200).map((c) => `${c.operation}: ${c.error?.code}`)).toEqual([])
}

describe.each(NODES)('plan mode under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('plans from nothing and after an apply with read-only permissions, and writes nothing', async () => {
    const { lc } = ctx
    const inputs = inputsFor('planned')

    lc.allowOperations = [...READ_OPERATIONS]
    const fresh = await run(node, lc, { ...inputs, mode: 'plan' })
    expectExit(fresh, 0)
    expect(fresh.outputs.changed).toBe('true')
    for (const name of ID_OUTPUTS) expect(fresh.outputs, name).not.toHaveProperty(name)
    expect(fresh.outputs.domain).toBe(inputs.domain)
    const plan = parsePlan(fresh)
    expect(plan.steps.map((s) => [s.resource, s.name, s.action])).toEqual([
      ['pool', inputs['pool-name'], 'create'],
      ['domain', inputs.domain, 'create'],
      ['client', `${inputs['pool-name']}-client`, 'create'],
    ])
    expect(lc.calls.length).toBeGreaterThan(0)
    expectOnlyAllowedReads(lc)

    lc.allowOperations = undefined
    const applied = await run(node, lc, inputs)
    expectExit(applied, 0)
    idsOf(applied)

    lc.allowOperations = [...READ_OPERATIONS]
    lc.clearCalls()
    const after = await run(node, lc, { ...inputs, mode: 'plan' })
    expectExit(after, 0)
    await expectNoIdsInClear(after, lc)
    expect(after.outputs.changed).toBe('false')
    expect(actions(after)).toEqual({ pool: 'no-op', domain: 'no-op', client: 'no-op' })
    for (const name of ID_OUTPUTS) expect(after.outputs[name], name).toBe(applied.outputs[name])
    expectOnlyAllowedReads(lc)
  })

  it('fail-on-changes fails on drift, saying what differs, and passes without drift', async () => {
    const { lc } = ctx
    const inputs = inputsFor('drift')
    expectExit(await run(node, lc, inputs), 0)

    lc.allowOperations = [...READ_OPERATIONS]
    lc.clearCalls()
    const drift = await run(node, lc, { ...inputs, mode: 'plan', 'fail-on-changes': 'true', 'callback-urls': 'https://drift.example.com/elsewhere' })
    expectExit(drift, 1)
    expect(drift.outputs.changed).toBe('true')
    expect(drift.errors).toHaveLength(1)
    expect(drift.errors[0]).toContain('fail-on-changes')
    expect(drift.errors[0]).toContain(`app client '${inputs['pool-name']}-client'`)
    expect(drift.errors[0]).not.toContain('user pool')
    const client = parsePlan(drift).steps.find((s) => s.resource === 'client')
    expect(client?.action).toBe('update')
    expect(client?.changes.map((c) => c.field)).toEqual(['CallbackURLs'])
    expectNoStackTrace(drift)
    expectOnlyAllowedReads(lc)

    lc.clearCalls()
    const clean = await run(node, lc, { ...inputs, mode: 'plan', 'fail-on-changes': 'true' })
    expectExit(clean, 0)
    expect(clean.outputs.changed).toBe('false')
    expect(clean.errors).toEqual([])
    expectOnlyAllowedReads(lc)
  })

  it("the README's plan policy is exactly the read operations", () => {
    expect([...READ_OPERATIONS].sort()).toEqual([
      'DescribeIdentityProvider',
      'DescribeManagedLoginBrandingByClient',
      'DescribeUserPool',
      'DescribeUserPoolClient',
      'DescribeUserPoolDomain',
      'GetLogDeliveryConfiguration',
      'GetUserPoolMfaConfig',
      'ListGroups',
      'ListIdentityProviders',
      'ListResourceServers',
      'ListUserPoolClients',
      'ListUserPools',
      'ListUsers',
    ])
  })

  it("apply runs under the README's apply policy: create, update, domain replacement", async () => {
    const { lc } = ctx
    lc.allowOperations = readmePolicy('apply')
    const inputs = inputsFor('policy')
    expectExit(await run(node, lc, inputs), 0)
    const changed = await run(node, lc, { ...inputs, 'callback-urls': 'https://policy.example.com/cb2', 'deletion-protection': 'false' })
    expectExit(changed, 0)
    const moved = await run(node, lc, { ...inputs, domain: `${inputs.domain}-2` })
    expectExit(moved, 0)
    expect(lc.calls.filter((c) => c.error?.code === 'AccessDeniedException')).toEqual([])
    expect(new Set(writeOperations(lc))).toEqual(
      new Set(['CreateUserPool', 'CreateUserPoolDomain', 'CreateUserPoolClient', 'UpdateUserPool', 'UpdateUserPoolClient', 'DeleteUserPoolDomain']),
    )
  })

  it('apply with the read-only policy fails naming the permission it needs', async () => {
    const { lc } = ctx
    lc.allowOperations = [...READ_OPERATIONS]
    const r = await run(node, lc, inputsFor('readonly'))
    expectExit(r, 1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('cognito-idp:CreateUserPool')
    expect(lc.writeCalls().map((c) => [c.operation, c.error?.code])).toEqual([['CreateUserPool', 'AccessDeniedException']])
    expectNoStackTrace(r)
  })
})
