// invite-users end to end (dist/index.js against the local Cognito, Node 24): each listed address
// is created once with Cognito's invitation mail, a rerun writes nothing, an added address is one
// AdminCreateUser, a removed one is not deleted, and an empty input touches no user.
import { describe, expect, it } from 'vitest'
import { NODES, countOf, expectExit, idsOf, inputsFor, readmePolicy, run, useLocalCognito, writeOperations, type Doc, type LocalCognito } from './helpers.js'

const emailsOf = async (lc: LocalCognito, UserPoolId: string): Promise<string[]> =>
  ((await lc.invoke('ListUsers', { UserPoolId })) as Doc).Users.map((u: Doc) => u.Attributes.find((a: Doc) => a.Name === 'email')?.Value).sort()

describe.each(NODES)('invite-users under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('creates each user once, invites an added one, never deletes or changes one', async () => {
    const { lc } = ctx
    lc.allowOperations = readmePolicy('apply')
    const base = inputsFor('inv')
    const first = await run(node, lc, { ...base, 'invite-users': 'Alice@example.com, bob@example.com' })
    expectExit(first, 0)
    const { poolId } = idsOf(first)
    expect(await emailsOf(lc, poolId)).toEqual(['alice@example.com', 'bob@example.com'])
    const invite = lc.writeCalls().find((c) => c.operation === 'AdminCreateUser')?.request as Doc
    expect(invite).toEqual({
      UserPoolId: poolId,
      Username: expect.stringMatching(/^(alice|bob)@example\.com$/),
      UserAttributes: [
        { Name: 'email', Value: invite.Username },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    })

    lc.clearCalls()
    const again = await run(node, lc, { ...base, 'invite-users': 'alice@example.com\nbob@example.com' })
    expectExit(again, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(countOf(lc, 'ListUsers')).toBe(1)

    lc.clearCalls()
    const plan = await run(node, lc, { ...base, mode: 'plan', 'invite-users': 'alice@example.com, carol@example.com' })
    expectExit(plan, 0)
    expect(plan.stdout).toContain('carol@example.com')
    expect(writeOperations(lc)).toEqual([])

    lc.clearCalls()
    expectExit(await run(node, lc, { ...base, 'invite-users': 'alice@example.com, carol@example.com' }), 0)
    expect(writeOperations(lc)).toEqual(['AdminCreateUser'])
    expect(await emailsOf(lc, poolId)).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com'])

    lc.clearCalls()
    expectExit(await run(node, lc, base), 0)
    expect(writeOperations(lc)).toEqual([])
    expect(countOf(lc, 'ListUsers')).toBe(0)
    expect(lc.contractViolations).toEqual([])
  })

  it('openmetadata-env names the invited users as the authorizer admins and their shared domain', async () => {
    const { lc } = ctx
    const r = await run(node, lc, {
      ...inputsFor('inv-om', { 'callback-urls': '' }),
      'openmetadata-url': 'https://om.example.com',
      'invite-users': 'alice@example.com, bob@example.com',
    })
    expectExit(r, 0)
    const env = (r.outputs['openmetadata-env'] ?? '').split('\n')
    expect(env).toContain('AUTHORIZER_ADMIN_PRINCIPALS=[alice,bob]')
    expect(env).toContain('AUTHORIZER_PRINCIPAL_DOMAIN=example.com')
  })

  it('a bad address fails before any AWS call', async () => {
    const { lc } = ctx
    const r = await run(node, lc, { ...inputsFor('inv-bad'), 'invite-users': 'alice@example.com, not-an-address' })
    expectExit(r, 1)
    expect(r.stdout).toContain("invite-users: 'not-an-address' is not an e-mail address")
    expect(lc.calls).toEqual([])
  })
})
