// user-groups end to end (dist/index.js against the local Cognito, Node 20 and 24): groups are created,
// a rerun writes nothing, a changed entry is one UpdateGroup that keeps what it does not give (the role
// too), remove: true deletes one, unlisted groups are never touched, plan mode writes nothing, destroy
// removes them with the pool, and a hostile name is refused before any AWS call.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  countOf,
  expectExit,
  idsOf,
  inputsFor,
  parsePlan,
  readmePolicy,
  run,
  useLocalCognito,
  writeOperations,
  type Doc,
  type LocalCognito,
} from './helpers.js'

const groupsOf = async (lc: LocalCognito, UserPoolId: string): Promise<Doc[]> =>
  (((await lc.invoke('ListGroups', { UserPoolId })) as Doc).Groups as Doc[])
    .map((g) => ({ name: g.GroupName, description: g.Description, precedence: g.Precedence, role: g.RoleArn }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))

const GROUPS = '- name: admins\n  description: Administrators\n  precedence: 0\n- name: readers\n  precedence: 10'
const ROLE = 'arn:aws:iam::123456789012:role/readers'

describe.each(NODES)('user-groups under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('create, a rerun writes nothing, update keeps what is not given, remove deletes, plan writes nothing, destroy removes them with the pool', async () => {
    const { lc } = ctx
    lc.allowOperations = readmePolicy('apply')
    const base = inputsFor('groups', { 'deletion-protection': 'false' })
    const first = await run(node, lc, { ...base, 'user-groups': GROUPS })
    expectExit(first, 0)
    const { poolId } = idsOf(first)
    expect(await groupsOf(lc, poolId)).toEqual([
      { name: 'admins', description: 'Administrators', precedence: 0, role: undefined },
      { name: 'readers', description: undefined, precedence: 10, role: undefined },
    ])
    expect(
      lc
        .writeCalls()
        .filter((c) => c.operation === 'CreateGroup')
        .map((c) => c.request),
    ).toEqual(
      expect.arrayContaining([
        { UserPoolId: poolId, GroupName: 'admins', Description: 'Administrators', Precedence: 0 },
        { UserPoolId: poolId, GroupName: 'readers', Precedence: 10 },
      ]),
    )
    // Made by hand: a role on readers, and a group the input does not list.
    await lc.invoke('UpdateGroup', { UserPoolId: poolId, GroupName: 'readers', Precedence: 10, RoleArn: ROLE })
    await lc.invoke('CreateGroup', { UserPoolId: poolId, GroupName: 'by-hand', Description: 'not listed' })

    lc.clearCalls()
    expectExit(await run(node, lc, { ...base, 'user-groups': GROUPS }), 0)
    expect(writeOperations(lc)).toEqual([])
    expect(countOf(lc, 'ListGroups')).toBe(1)

    const changed =
      '- name: admins\n  description: Administrators\n  precedence: 0\n- name: readers\n  description: Read-only\n- name: by-hand-2\n  remove: true'
    lc.clearCalls()
    lc.allowOperations = readmePolicy('plan')
    const plan = await run(node, lc, { ...base, mode: 'plan', 'user-groups': changed })
    expectExit(plan, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(parsePlan(plan).steps.filter((s: Doc) => s.resource === 'group')).toEqual([
      { resource: 'group', name: 'admins', action: 'no-op', changes: [] },
      { resource: 'group', name: 'readers', action: 'update', changes: [{ field: 'Description', after: 'Read-only' }] },
      { resource: 'group', name: 'by-hand-2', action: 'no-op', changes: [] },
    ])

    lc.clearCalls()
    lc.allowOperations = readmePolicy('apply')
    expectExit(await run(node, lc, { ...base, 'user-groups': changed }), 0)
    expect(lc.writeCalls().map((c) => [c.operation, c.request])).toEqual([
      ['UpdateGroup', { UserPoolId: poolId, GroupName: 'readers', Description: 'Read-only', Precedence: 10, RoleArn: ROLE }],
    ])

    lc.clearCalls()
    expectExit(await run(node, lc, { ...base, 'user-groups': '- name: by-hand\n  remove: true' }), 0)
    expect(lc.writeCalls().map((c) => [c.operation, c.request])).toEqual([['DeleteGroup', { UserPoolId: poolId, GroupName: 'by-hand' }]])
    expect((await groupsOf(lc, poolId)).map((g) => g.name)).toEqual(['admins', 'readers'])

    lc.clearCalls()
    expectExit(await run(node, lc, base), 0)
    expect(writeOperations(lc)).toEqual([])
    expect(countOf(lc, 'ListGroups')).toBe(0)

    lc.clearCalls()
    lc.allowOperations = readmePolicy('destroy')
    const gone = await run(node, lc, { ...base, mode: 'destroy', 'user-groups': changed })
    expectExit(gone, 0)
    expect(parsePlan(gone).steps.map((s: Doc) => s.resource)).not.toContain('group')
    expect(writeOperations(lc)).not.toContain('DeleteGroup')
    await expect(lc.invoke('ListGroups', { UserPoolId: poolId })).rejects.toMatchObject({ code: 'ResourceNotFoundException' })
    expect(lc.contractViolations).toEqual([])
  })

  it('a hostile group name fails before any AWS call', async () => {
    const { lc } = ctx
    const r = await run(node, lc, { ...inputsFor('groups-bad'), 'user-groups': '- name: "::warning::owned\\nx"\n- name: ok' })
    expectExit(r, 1)
    expect(r.stdout).toContain('user-groups: item 1')
    expect(r.stdout).toContain("without spaces or control characters (Cognito's rule for group names)")
    expect(r.stdout).not.toMatch(/^::warning::owned/m)
    expect(lc.calls).toEqual([])
  })
})
