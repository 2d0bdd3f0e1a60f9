// mode: destroy: the pure destroy plan (order, guards) and the AWS layer's removal (exact requests,
// "already gone" tolerated).
import {
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { destroy } from '../../src/engine/apply.js'
import { observe } from '../../src/engine/observe.js'
import { planDestroy } from '../../src/engine/plan.js'
import type { Observed } from '../../src/model/types.js'
import { destroyView, fromDestroyView, type DestroyObserved } from '../support/state.js'
import { renderJson } from '../../src/report/render.js'
import { awsError, CLIENT_ID, describedPool, desired, mockCognito, POOL_ID, sent, type Mocked } from '../support/aws.js'

const destroying = (over = {}) => desired({ mode: 'destroy', ...over })
const managed = (
  over: Partial<NonNullable<DestroyObserved['pool']>> = {},
  clients: DestroyObserved['clients'] = [{ id: CLIENT_ID, name: 'openmetadata-web', brandingId: 'b-1' }],
): Observed =>
  fromDestroyView({
    matchingPoolIds: [POOL_ID],
    pool: { id: POOL_ID, name: 'openmetadata', managedByAction: true, deletionProtection: false, domains: ['openmetadata-sso', 'auth.example.com'], ...over },
    clients,
  })

describe('planDestroy', () => {
  it('removes branding styles, domains, the client, then the pool', () => {
    const p = planDestroy(destroying(), managed())
    expect(p.problems).toEqual([])
    expect(p.changed).toBe(true)
    expect(p.steps.map((s) => [s.resource, s.name, s.action])).toEqual([
      ['branding', 'openmetadata-web', 'delete'],
      ['domain', 'openmetadata-sso', 'delete'],
      ['domain', 'auth.example.com', 'delete'],
      ['client', 'openmetadata-web', 'delete'],
      ['pool', 'openmetadata', 'delete'],
    ])
  })

  it('nothing there: one no-op step, changed=false', () => {
    const p = planDestroy(destroying(), fromDestroyView({ matchingPoolIds: [], clients: [] }))
    expect(p).toEqual({ steps: [{ resource: 'pool', name: 'openmetadata', action: 'no-op', changes: [] }], changed: false, problems: [] })
  })

  it('a pool without the managed-by tag is refused, named', () => {
    expect(planDestroy(destroying(), managed({ managedByAction: false })).problems).toEqual([
      "pool-name: user pool 'openmetadata' was not created by this action (it has no tag managed-by: cognito-sso-action), and destroy removes only pools this action created: nothing was deleted; delete it by hand if it should go, or check pool-name and user-pool-id",
    ])
  })

  it('deletion protection: refused unless deletion-protection is false; then turned off as part of the pool step', () => {
    expect(planDestroy(destroying(), managed({ deletionProtection: true })).problems[0]).toMatch(
      /^deletion-protection: user pool 'openmetadata' has deletion protection on/,
    )
    const p = planDestroy(destroying({ deletionProtection: false }), managed({ deletionProtection: true }))
    expect(p.problems).toEqual([])
    expect(p.steps.at(-1)).toEqual({
      resource: 'pool',
      name: 'openmetadata',
      action: 'delete',
      changes: [{ field: 'DeletionProtection', before: 'ACTIVE', after: 'INACTIVE' }],
    })
  })

  it('two pools of the name are ambiguous: no steps', () => {
    const p = planDestroy(destroying(), fromDestroyView({ matchingPoolIds: ['a_1', 'b_2'], clients: [] }))
    expect(p.steps).toEqual([])
    expect(p.problems[0]).toMatch(
      /^pool-name: 2 user pools in eu-central-1 are named 'openmetadata'; set user-pool-id to the ID of the one this action should destroy/,
    )
    // The IDs are not ours to print.
    expect(p.problems[0]).not.toContain('a_1')
    expect(p.problems[0]).not.toContain('b_2')
  })

  // Issue 16, case 1: destroy removes only the pool the inputs name.
  it('a user-pool-id whose pool has another name: no steps at all, a problem naming both names', () => {
    const p = planDestroy(destroying({ userPoolId: POOL_ID, poolName: 'app-pr-5' }), managed())
    expect(p.steps).toEqual([])
    expect(p.changed).toBe(false)
    expect(p.problems).toEqual([
      "user-pool-id: the user pool with this ID is named 'openmetadata', but pool-name is 'app-pr-5': nothing is deleted; destroy removes only the pool that both inputs name; correct pool-name or user-pool-id",
    ])
  })

  it('found by name, a pool that describes itself by another name (a stale or altered ListUserPools): no steps, nothing deleted', () => {
    const p = planDestroy(destroying({ poolName: 'app-pr-5' }), managed())
    expect(p.steps).toEqual([])
    expect(p.problems).toEqual([
      "pool-name: ListUserPools named a pool 'app-pr-5', but that pool describes itself as 'openmetadata': nothing is deleted; destroy removes only the pool pool-name names; run again (a stale or altered answer), or give user-pool-id",
    ])
  })

  it('the same user-pool-id with the pool’s own name is destroyed as before', () => {
    expect(planDestroy(destroying({ userPoolId: POOL_ID }), managed()).steps.at(-1)?.action).toBe('delete')
  })

  it('a domain given that is not the pool’s: no steps, a problem naming both', () => {
    const p = planDestroy(destroying({ domain: 'app-pr-5-sso' }), managed({ domains: ['openmetadata-sso'] }))
    expect(p.steps).toEqual([])
    expect(p.problems).toEqual([
      "domain: user pool 'openmetadata' has the domain 'openmetadata-sso', not 'app-pr-5-sso': nothing is deleted; destroy removes only the domains of the pool the inputs name; correct domain, or leave it empty to remove the pool's own domains with it",
    ])
    expect(planDestroy(destroying({ domain: 'x-sso' }), managed({ domains: [] })).problems[0]).toMatch(
      /^domain: user pool 'openmetadata' has no domain, not 'x-sso'/,
    )
  })

  it('a pool with a prefix and a custom domain: either named (or none) removes both, as the pool cannot go with a domain left', () => {
    for (const domain of ['openmetadata-sso', 'auth.example.com', '']) {
      const p = planDestroy(destroying({ domain }), managed())
      expect(p.problems, domain).toEqual([])
      expect(p.steps.filter((s) => s.resource === 'domain').map((s) => s.name)).toEqual(['openmetadata-sso', 'auth.example.com'])
    }
  })

  it('the plan output names resources, never IDs', () => {
    const json = renderJson(planDestroy(destroying(), managed()))
    expect(json).not.toContain(POOL_ID)
    expect(json).not.toContain(CLIENT_ID)
    expect(json).not.toContain('b-1')
  })
})

describe('observe and destroy in destroy mode (through the AWS port)', () => {
  let m: Mocked
  beforeEach(() => {
    m = mockCognito()
  })
  afterEach(() => {
    m.cognito.restore()
  })

  function existing(pool = describedPool()): void {
    m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: POOL_ID, Name: 'openmetadata' }] })
    m.cognito.on(DescribeUserPoolCommand).resolves({ UserPool: pool })
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: CLIENT_ID, ClientName: 'openmetadata-web', UserPoolId: POOL_ID }] })
    m.cognito.on(DescribeManagedLoginBrandingByClientCommand).resolves({ ManagedLoginBranding: { ManagedLoginBrandingId: 'b-1' } })
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { UserPoolId: POOL_ID } })
  }

  it('sends the deletions in order, turning protection off by read-merge-write first', async () => {
    existing()
    const state = await observe(m.api, destroying({ deletionProtection: false }))
    expect(destroyView(state.observed).pool).toMatchObject({
      managedByAction: true,
      deletionProtection: true,
      domains: ['openmetadata-sso', 'auth.example.com'],
    })
    const p = planDestroy(destroying({ deletionProtection: false }), state.observed)
    m.cognito.resetHistory()
    // A deleted domain is DELETING for one more look, then gone: each is waited for before the next deletion.
    const looks = new Map<string, number>()
    m.cognito.on(DeleteUserPoolDomainCommand).callsFake((input: { Domain: string }) => (looks.set(input.Domain, 0), {}))
    m.cognito.on(DescribeUserPoolDomainCommand).callsFake((input: { Domain: string }) => {
      const seen = looks.get(input.Domain)
      if (seen === undefined) return { DomainDescription: { UserPoolId: POOL_ID, Domain: input.Domain, Status: 'ACTIVE' } }
      looks.set(input.Domain, seen + 1)
      return { DomainDescription: seen === 0 ? { UserPoolId: POOL_ID, Domain: input.Domain, Status: 'DELETING' } : {} }
    })
    const sleeps: number[] = []
    await destroy(m.api, destroying(), p, state, { sleep: (ms) => (sleeps.push(ms), Promise.resolve()) })
    expect(sleeps).toEqual([1000, 1000])
    const domainCalls = sent(m.cognito).filter(([op]) => op.includes('Domain') || op === 'DeleteUserPool')
    expect(domainCalls.map(([op, input]) => `${op} ${(input as { Domain?: string }).Domain ?? ''}`.trim())).toEqual([
      'DescribeUserPoolDomain openmetadata-sso',
      'DeleteUserPoolDomain openmetadata-sso',
      'DescribeUserPoolDomain openmetadata-sso',
      'DescribeUserPoolDomain openmetadata-sso',
      'DescribeUserPoolDomain auth.example.com',
      'DeleteUserPoolDomain auth.example.com',
      'DescribeUserPoolDomain auth.example.com',
      'DescribeUserPoolDomain auth.example.com',
      'DeleteUserPool',
    ])
    const writes = sent(m.cognito).filter(([op]) => !/^(Describe|List)/.test(op))
    expect(writes.map(([op]) => op)).toEqual([
      'DeleteManagedLoginBranding',
      'DeleteUserPoolDomain',
      'DeleteUserPoolDomain',
      'DeleteUserPoolClient',
      'UpdateUserPool',
      'DeleteUserPool',
    ])
    expect(m.cognito).toHaveReceivedCommandWith(DeleteManagedLoginBrandingCommand, { UserPoolId: POOL_ID, ManagedLoginBrandingId: 'b-1' })
    expect(m.cognito).toHaveReceivedCommandWith(DeleteUserPoolDomainCommand, { UserPoolId: POOL_ID, Domain: 'auth.example.com' })
    expect(m.cognito).toHaveReceivedCommandWith(DeleteUserPoolClientCommand, { UserPoolId: POOL_ID, ClientId: CLIENT_ID })
    const update = writes.find(([op]) => op === 'UpdateUserPool')?.[1] as Record<string, unknown>
    expect(update).toMatchObject({
      UserPoolId: POOL_ID,
      DeletionProtection: 'INACTIVE',
      LambdaConfig: describedPool().LambdaConfig,
      UserPoolTags: describedPool().UserPoolTags,
    })
    expect(m.cognito).toHaveReceivedCommandWith(DeleteUserPoolCommand, { UserPoolId: POOL_ID })
    expect(m.cognito).not.toHaveReceivedCommand(DescribeUserPoolClientCommand)
  })

  it('a client without a branding style, and things already gone, are not errors', async () => {
    existing(describedPool({ DeletionProtection: 'INACTIVE', CustomDomain: undefined }))
    m.cognito.on(DescribeManagedLoginBrandingByClientCommand).rejects(awsError('ResourceNotFoundException'))
    const state = await observe(m.api, destroying())
    expect(destroyView(state.observed).clients).toEqual([{ id: CLIENT_ID, name: 'openmetadata-web' }])
    const p = planDestroy(destroying(), state.observed)
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    m.cognito.on(DeleteUserPoolClientCommand).rejects(awsError('ResourceNotFoundException'))
    m.cognito.on(DeleteUserPoolCommand).resolves({})
    await destroy(m.api, destroying(), p, state)
    expect(m.cognito).not.toHaveReceivedCommand(DeleteUserPoolDomainCommand)
    expect(m.cognito).not.toHaveReceivedCommand(UpdateUserPoolCommand)
    expect(m.cognito).toHaveReceivedCommandTimes(DeleteUserPoolCommand, 1)
  })

  it('a user-pool-id that no longer exists is nothing to destroy (a rerun succeeds)', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException'))
    m.cognito.on(ListUserPoolClientsCommand).rejects(awsError('ResourceNotFoundException'))
    const state = await observe(m.api, destroying({ userPoolId: POOL_ID }))
    expect(planDestroy(destroying(), state.observed).changed).toBe(false)
    expect(m.cognito).not.toHaveReceivedCommand(ListUserPoolsCommand)
  })

  it('refuses a plan with problems, writing nothing', async () => {
    existing()
    const state = await observe(m.api, destroying())
    await expect(destroy(m.api, destroying(), planDestroy(destroying(), state.observed), state)).rejects.toThrow(/problems/)
    expect(sent(m.cognito).filter(([op]) => !/^(Describe|List)/.test(op))).toEqual([])
  })
})
