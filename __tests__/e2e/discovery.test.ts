// Finding the pool: across pages, ambiguous names, user-pool-id, a domain prefix taken by another
// pool; and inputs refused before any AWS call.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  countOf,
  describeDomain,
  describePool,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  listClients,
  listPools,
  poolIdsNamed,
  run,
  seedSsoPool,
  useLocalCognito,
  writeOperations,
} from './helpers.js'

describe.each(NODES)('finding the pool under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('finds its pool on the third page of ListUserPools and never duplicates it', async () => {
    const { lc } = ctx
    for (let i = 0; i < 130; i++) await lc.invoke('CreateUserPool', { PoolName: `unrelated-pool-${i}` })
    const inputs = inputsFor('paged')

    // 130 other pools: all three pages must be read before concluding the pool does not exist.
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    expect(countOf(lc, 'ListUserPools')).toBe(6) // 3 pages to observe, 3 again to look by name after creating
    expect(countOf(lc, 'CreateUserPool')).toBe(1)
    const { poolId } = idsOf(first)
    const all = await listPools(lc)
    expect(all).toHaveLength(131)
    // The pool is on the last page (pages of 60): a reader that stops early would not see it.
    expect(all.findIndex((p) => p.Id === poolId)).toBeGreaterThanOrEqual(120)

    // A second run finds it through its domain, without listing the account.
    lc.clearCalls()
    const again = await run(node, lc, inputs)
    expectExit(again, 0)
    expect(again.outputs.changed).toBe('false')
    expect(countOf(lc, 'ListUserPools')).toBe(0)
    expect(writeOperations(lc)).toEqual([])
    expect(again.outputs['user-pool-id']).toBe(poolId)

    // A domain no pool has yet (a new domain input): found by name again, on the last page.
    lc.clearCalls()
    const moved = await run(node, lc, { ...inputs, domain: 'e2e-paged-moved', mode: 'plan' })
    expectExit(moved, 0)
    expect(countOf(lc, 'ListUserPools')).toBe(3)
    expect(moved.outputs['user-pool-id']).toBe(poolId)
    expect(moved.outputs.changed).toBe('true')
    expect(writeOperations(lc)).toEqual([])
    expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toEqual([poolId])
    expect(await listPools(lc)).toHaveLength(131)
  })

  it('a custom domain finds its pool the same way; its description (certificate, CloudFront target) is read once', async () => {
    const { lc } = ctx
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
    const inputs = inputsFor('custom-lookup', { domain: 'auth.lookup.example.com', 'certificate-arn': cert })
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    lc.clearCalls()
    const again = await run(node, lc, inputs)
    expectExit(again, 0)
    expect(again.outputs.changed).toBe('false')
    expect(again.outputs['user-pool-id']).toBe(first.outputs['user-pool-id'])
    expect(again.outputs['cloudfront-domain']).toBe(first.outputs['cloudfront-domain'])
    expect(lc.calls.map((c) => c.operation).sort()).toEqual(['DescribeUserPool', 'DescribeUserPoolClient', 'DescribeUserPoolDomain', 'ListUserPoolClients'])
  })

  it('adopts a pool made in the console that owns the domain only while no other pool has its name', async () => {
    const { lc } = ctx
    const inputs = inputsFor('console')
    const name = inputs['pool-name'] ?? ''
    const made = await seedSsoPool(lc, name)
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: made, Domain: inputs.domain })

    const adopted = await run(node, lc, inputs)
    expectExit(adopted, 0)
    expect(adopted.outputs['user-pool-id']).toBe(made)
    // The action does not tag what it did not create: the next run checks the name again (one page here).
    expect((await describePool(lc, made)).UserPoolTags ?? {}).not.toHaveProperty('managed-by')
    lc.clearCalls()
    const again = await run(node, lc, inputs)
    expectExit(again, 0)
    expect(again.outputs.changed).toBe('false')
    expect(countOf(lc, 'ListUserPools')).toBe(1)
    expect(writeOperations(lc)).toEqual([])

    // Someone makes a second pool of that name: the domain's owner is no longer adopted without asking.
    const copy = await seedSsoPool(lc, name)
    lc.clearCalls()
    const twins = await run(node, lc, inputs)
    expectExit(twins, 1)
    expect(twins.errors[0]).toContain('2 user pools')
    expect(twins.masks).toEqual(expect.arrayContaining([made, copy]))
    expect(writeOperations(lc)).toEqual([])
  })

  it('refuses two pools with the same name, then manages exactly the one user-pool-id names', async () => {
    const { lc } = ctx
    const inputs = inputsFor('twins')
    const name = inputs['pool-name'] ?? ''
    const one = await seedSsoPool(lc, name)
    const two = await seedSsoPool(lc, name)

    const r = await run(node, lc, inputs)
    expectExit(r, 1)
    expect(r.errors).toHaveLength(1)
    // The IDs are not printed in clear anywhere: the message says where to find them.
    expect(r.errors[0]).toContain('2 user pools')
    expect(r.errors[0]).toContain('user-pool-id')
    for (const text of [r.logLines.join('\n'), ...r.errors, r.summary, JSON.stringify(r.outputs)]) {
      expect(text).not.toContain(one)
      expect(text).not.toContain(two)
    }
    // The IDs are never printed (masked, and left out of the message); the message says where to find them.
    expect(r.errors[0]).not.toContain(one)
    expect(r.errors[0]).not.toContain(two)
    expect(r.masks).toEqual(expect.arrayContaining([one, two]))
    expect(r.errors[0]).toContain('user-pool-id')
    expect(r.errors[0]).toContain('list-user-pools')
    expect(writeOperations(lc)).toEqual([])
    expectNoStackTrace(r)

    lc.clearCalls()
    const twoBefore = await describePool(lc, two)
    const chosen = await run(node, lc, { ...inputs, 'user-pool-id': one })
    expectExit(chosen, 0)
    expect(chosen.outputs['user-pool-id']).toBe(one)
    expect(countOf(lc, 'ListUserPools')).toBe(0)
    expect(countOf(lc, 'CreateUserPool')).toBe(0)
    for (const call of lc.writeCalls()) expect((call.request as { UserPoolId?: string }).UserPoolId, call.operation).toBe(one)
    expect((await describePool(lc, one)).Domain).toBe(inputs.domain)
    expect((await listClients(lc, one)).map((c) => c.ClientId)).toEqual([chosen.outputs['client-id']])
    // The other pool is untouched.
    expect(await describePool(lc, two)).toEqual(twoBefore)
    expect(await listClients(lc, two)).toEqual([])
    expect((await poolIdsNamed(lc, name)).sort()).toEqual([one, two].sort())
  })

  it('refuses a domain prefix that belongs to another pool before creating anything', async () => {
    const { lc } = ctx
    const owner = await seedSsoPool(lc, 'someone-elses-pool')
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: owner, Domain: 'e2e-taken-login' })
    const inputs = inputsFor('newcomer', { domain: 'e2e-taken-login' })

    const r = await run(node, lc, inputs)
    expectExit(r, 1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('e2e-taken-login')
    expect(r.errors[0]).toContain('another user pool in this account')
    // That pool's ID is never printed in clear.
    for (const text of [r.logLines.join('\n'), ...r.errors, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain(owner)
    expect(r.errors[0]).not.toContain(owner)
    expect(r.errors[0]).toContain('another user pool in this account')
    expect(r.masks).toContain(owner)
    expect(writeOperations(lc)).toEqual([])
    expect(countOf(lc, 'CreateUserPool')).toBe(0)
    expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toEqual([])
    expect((await describeDomain(lc, 'e2e-taken-login')).UserPoolId).toBe(owner)
    expectNoStackTrace(r)
  })
})

describe.each(NODES)('bad inputs under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('lists every problem in one error and calls nothing', async () => {
    const { lc } = ctx
    const r = await run(node, lc, {
      'pool-name': 'e2e-bad-inputs',
      domain: 'My_Login.aws',
      'callback-urls': 'http://app.example.com/callback',
      mode: 'deploy',
    })
    expect(r.exitCode).not.toBe(0)
    expect(r.errors).toHaveLength(1)
    const error = r.errors[0] ?? ''
    expect(error).toMatch(/domain: 'My_Login\.aws'/)
    expect(error).toMatch(/callback-urls: item 1 'http:\/\/app\.example\.com\/callback' must use https/)
    expect(error).toMatch(/mode: 'deploy' is not one of apply, plan, destroy, plan-destroy/)
    expect(lc.calls).toEqual([])
    expect(r.outputs).toEqual({})
    expectNoStackTrace(r)
    expect(r.debug.join('\n')).not.toMatch(/^\s+at\s/m)
  })
})
