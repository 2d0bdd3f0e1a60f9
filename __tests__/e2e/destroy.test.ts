// mode: destroy end to end (dist/index.js against the local Cognito): removes branding, domain, client
// and pool in order; a second run finds nothing; guards refuse with zero writes; a half-done destroy is
// finished by the next run; the README's destroy policy is enough.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  describeDomain,
  listPools,
  expectExit,
  idsOf,
  inputsFor,
  listClients,
  parsePlan,
  poolIdsNamed,
  readmePolicy,
  run,
  seedSsoPool,
  useLocalCognito,
  writeOperations,
  type LocalCognito,
} from './helpers.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'

async function applyWithBranding(node: string, lc: LocalCognito, tag: string): Promise<{ poolId: string; clientId: string }> {
  const r = await run(node, lc, inputsFor(tag, { 'deletion-protection': 'false' }))
  expectExit(r, 0)
  const { poolId, clientId } = idsOf(r)
  await lc.invoke('CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true })
  return { poolId, clientId }
}

const poolExists = async (lc: LocalCognito, id: string): Promise<boolean> => (await listPools(lc)).some((p) => p.Id === id)

const destroyInputs = (tag: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'pool-name': `e2e-${tag}`,
  mode: 'destroy',
  'deletion-protection': 'true',
  ...extra,
})

describe.each(NODES)('destroy under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('removes branding, domain, client and pool in that order; a second destroy writes nothing (changed=false)', async () => {
    const { lc } = ctx
    const { poolId } = await applyWithBranding(node, lc, 'gone')
    lc.allowOperations = readmePolicy('destroy')
    lc.clearCalls()
    const r = await run(node, lc, destroyInputs('gone'))
    expectExit(r, 0)
    expect(r.outputs.changed).toBe('true')
    expect(writeOperations(lc)).toEqual(['DeleteManagedLoginBranding', 'DeleteUserPoolDomain', 'DeleteUserPoolClient', 'DeleteUserPool'])
    expect(await poolIdsNamed(lc, 'e2e-gone')).toEqual([])
    expect(lc.brandingStyles(poolId)).toEqual([])
    expect(await poolExists(lc, poolId)).toBe(false)
    expect((await describeDomain(lc, inputsFor('gone').domain ?? '')).UserPoolId).toBeUndefined()
    expect(r.outputs.plan).not.toContain(poolId)

    lc.clearCalls()
    const again = await run(node, lc, destroyInputs('gone'))
    expectExit(again, 0)
    expect(again.outputs.changed).toBe('false')
    expect(writeOperations(lc)).toEqual([])
  })

  it('a custom-domain pool with deletion protection: refused without deletion-protection: false (zero writes), removed with it', async () => {
    const { lc } = ctx
    const r = await run(node, lc, inputsFor('guarded', { domain: 'auth.guarded.example.com', 'certificate-arn': CERT }))
    expectExit(r, 0)
    const { poolId } = idsOf(r)
    lc.clearCalls()
    const refused = await run(node, lc, destroyInputs('guarded'))
    expectExit(refused, 1)
    expect(refused.errors.join('\n')).toContain("deletion-protection: user pool 'e2e-guarded' has deletion protection on")
    expect(writeOperations(lc)).toEqual([])

    // apply's custom domain, without its certificate-arn: destroy does not ask for it
    const done = await run(node, lc, destroyInputs('guarded', { 'deletion-protection': 'false', domain: 'auth.guarded.example.com' }))
    expectExit(done, 0)
    expect(writeOperations(lc)).toEqual(['DeleteUserPoolDomain', 'DeleteUserPoolClient', 'UpdateUserPool', 'DeleteUserPool'])
    expect(await poolExists(lc, poolId)).toBe(false)
    expect((await describeDomain(lc, 'auth.guarded.example.com')).UserPoolId).toBeUndefined()
  })

  it('refuses a hand-made pool of the same name (no managed-by tag), naming it, with zero writes', async () => {
    const { lc } = ctx
    const poolId = await seedSsoPool(lc, 'e2e-handmade')
    lc.clearCalls()
    const r = await run(node, lc, destroyInputs('handmade', { 'deletion-protection': 'false' }))
    expectExit(r, 1)
    expect(r.errors.join('\n')).toContain("user pool 'e2e-handmade' was not created by this action")
    expect(writeOperations(lc)).toEqual([])
    expect(await poolExists(lc, poolId)).toBe(true)
  })

  it('two pools of the name: an error, nothing deleted', async () => {
    const { lc } = ctx
    await run(node, lc, inputsFor('twice', { 'deletion-protection': 'false' }))
    await lc.invoke('CreateUserPool', { PoolName: 'e2e-twice', UserPoolTags: { 'managed-by': 'cognito-sso-action' } })
    lc.clearCalls()
    const r = await run(node, lc, destroyInputs('twice', { 'deletion-protection': 'false' }))
    expectExit(r, 1)
    expect(writeOperations(lc)).toEqual([])
    expect(await poolIdsNamed(lc, 'e2e-twice')).toHaveLength(2)
  })

  it('a destroy that fails half-way (DeleteUserPoolClient keeps failing) is finished by the next run', async () => {
    const { lc } = ctx
    const { poolId } = await applyWithBranding(node, lc, 'half')
    lc.faults.add({ operation: 'DeleteUserPoolClient', kind: 'server-error', times: 10 })
    const failed = await run(node, lc, destroyInputs('half'))
    expectExit(failed, 1)
    expect(lc.brandingStyles(poolId)).toEqual([])
    expect(await poolExists(lc, poolId)).toBe(true)
    expect(await listClients(lc, poolId)).toHaveLength(1)
    lc.faults.clear()
    lc.clearCalls()
    const finished = await run(node, lc, destroyInputs('half'))
    expectExit(finished, 0)
    expect(writeOperations(lc)).toEqual(['DeleteUserPoolClient', 'DeleteUserPool'])
    expect(await poolExists(lc, poolId)).toBe(false)
  })

  it('plan-destroy reads only and shows the steps', async () => {
    const { lc } = ctx
    await applyWithBranding(node, lc, 'preview')
    lc.allowOperations = readmePolicy('destroy').filter((op) => /^(Describe|List)/.test(op))
    lc.clearCalls()
    const r = await run(node, lc, { ...destroyInputs('preview'), mode: 'plan-destroy', 'deletion-protection': 'false' })
    expectExit(r, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(parsePlan(r).steps.map((s) => `${s.resource}:${s.action}`)).toEqual(['branding:delete', 'domain:delete', 'client:delete', 'pool:delete'])
    expect(r.outputs.changed).toBe('true')
  })

  it('domain is optional in action.yml, needed by apply and plan only: without it they fail naming it, before any AWS call', async () => {
    const { lc } = ctx
    for (const mode of ['apply', 'plan']) {
      lc.clearCalls()
      const r = await run(node, lc, { 'pool-name': 'e2e-nodomain', 'callback-urls': 'https://nodomain.example.com/callback', mode })
      expectExit(r, 1)
      expect(r.errors.join('\n'), mode).toContain(
        "domain: is required; set it to the hosted UI domain prefix (the 'my-app' of my-app.auth.<region>.amazoncognito.com), e.g. domain: my-app",
      )
      expect(r.errors.join('\n'), mode).toContain('nothing was changed in AWS')
      expect(lc.calls, mode).toEqual([])
    }
    // destroy and plan-destroy read neither domain nor callback-urls
    lc.clearCalls()
    const r = await run(node, lc, { 'pool-name': 'e2e-nodomain', mode: 'plan-destroy' })
    expectExit(r, 0)
    expect(r.outputs.changed).toBe('false')
  })
})
