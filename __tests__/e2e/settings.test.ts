// Each settings input end to end (dist/index.js against the local Cognito, Node 24): create
// with it, a no-op rerun with zero writes, a change that is one update carrying the described
// fields, and an empty input that leaves a hand-set value untouched.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  actions,
  describeClient,
  describePool,
  editClient,
  editPool,
  expectExit,
  idsOf,
  inputsFor,
  omit,
  run,
  useLocalCognito,
  writeOperations,
  type Doc,
} from './helpers.js'

interface Case {
  input: string
  resource: 'pool' | 'client'
  create: string
  created: (d: Doc) => unknown
  createdValue: unknown
  change: string
  changedValue: unknown
  /** A value set by hand (member → value) that an empty input must leave alone. */
  hand: Record<string, unknown>
  handValue: unknown
}

const CASES: Case[] = [
  {
    input: 'password-policy',
    resource: 'pool',
    create: 'min-length=12, uppercase, numbers',
    created: (d) => d.Policies.PasswordPolicy,
    createdValue: expect.objectContaining({
      MinimumLength: 12,
      RequireUppercase: true,
      RequireLowercase: false,
      RequireNumbers: true,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 7,
    }),
    change: 'min-length=16, uppercase, numbers, symbols, history=4',
    changedValue: expect.objectContaining({ MinimumLength: 16, RequireSymbols: true, PasswordHistorySize: 4 }),
    hand: { Policies: { PasswordPolicy: { MinimumLength: 20, TemporaryPasswordValidityDays: 2 } } },
    handValue: expect.objectContaining({ MinimumLength: 20 }),
  },
  {
    input: 'account-recovery',
    resource: 'pool',
    create: 'email, phone',
    created: (d) => d.AccountRecoverySetting.RecoveryMechanisms,
    createdValue: [
      { Name: 'verified_email', Priority: 1 },
      { Name: 'verified_phone_number', Priority: 2 },
    ],
    change: 'admin-only',
    changedValue: [{ Name: 'admin_only', Priority: 1 }],
    hand: { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 1 }] } },
    handValue: [{ Name: 'verified_phone_number', Priority: 1 }],
  },
  {
    input: 'self-sign-up',
    resource: 'pool',
    create: 'true',
    created: (d) => d.AdminCreateUserConfig.AllowAdminCreateUserOnly,
    createdValue: false,
    change: 'false',
    changedValue: true,
    hand: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } },
    handValue: false,
  },
  {
    input: 'feature-plan',
    resource: 'pool',
    create: 'lite',
    created: (d) => d.UserPoolTier,
    createdValue: 'LITE',
    change: 'plus',
    changedValue: 'PLUS',
    hand: { UserPoolTier: 'PLUS' },
    handValue: 'PLUS',
  },
  {
    input: 'email-sender',
    resource: 'pool',
    create: 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, from=no-reply@example.com',
    created: (d) => d.EmailConfiguration,
    createdValue: expect.objectContaining({
      EmailSendingAccount: 'DEVELOPER',
      SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      From: 'no-reply@example.com',
    }),
    change: 'cognito',
    changedValue: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    hand: { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/hand.example.com' } },
    handValue: expect.objectContaining({ SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/hand.example.com' }),
  },
  {
    input: 'token-validity',
    resource: 'client',
    create: 'access=30m, id=2h, refresh=7d',
    created: (d) => [d.AccessTokenValidity, d.IdTokenValidity, d.RefreshTokenValidity, d.TokenValidityUnits],
    createdValue: [30, 2, 7, { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' }],
    change: 'access=1d, id=2h, refresh=30d',
    changedValue: [1, 2, 30, { AccessToken: 'days', IdToken: 'hours', RefreshToken: 'days' }],
    hand: { AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' } },
    handValue: expect.arrayContaining([5]),
  },
]

describe.each(NODES)('settings inputs under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it.each(CASES)('$input: create, no-op rerun, one update, empty leaves a hand-set value', async (c) => {
    const { lc } = ctx
    const base = inputsFor(`s-${c.input}`)
    const read = async (poolId: string, clientId: string): Promise<Doc> =>
      c.resource === 'pool' ? describePool(lc, poolId) : describeClient(lc, poolId, clientId)

    const first = await run(node, lc, { ...base, [c.input]: c.create })
    expectExit(first, 0)
    const { poolId, clientId } = idsOf(first)
    expect(c.created(await read(poolId, clientId))).toEqual(c.createdValue)

    lc.clearCalls()
    const again = await run(node, lc, { ...base, [c.input]: c.create })
    expectExit(again, 0)
    expect(writeOperations(lc)).toEqual([])

    const before = await read(poolId, clientId)
    lc.clearCalls()
    const changed = await run(node, lc, { ...base, [c.input]: c.change })
    expectExit(changed, 0)
    expect(writeOperations(lc)).toEqual([c.resource === 'pool' ? 'UpdateUserPool' : 'UpdateUserPoolClient'])
    expect(actions(changed)[c.resource]).toBe('update')
    const after = await read(poolId, clientId)
    expect(c.created(after)).toEqual(c.changedValue)
    // Everything else the resource had is carried by the update.
    const untouched = [
      'LastModifiedDate',
      'Policies',
      'AccountRecoverySetting',
      'AdminCreateUserConfig',
      'UserPoolTier',
      'EmailConfiguration',
      'AccessTokenValidity',
      'IdTokenValidity',
      'RefreshTokenValidity',
      'TokenValidityUnits',
    ]
    expect(omit(after, ...untouched)).toEqual(omit(before, ...untouched))

    if (c.resource === 'pool') await editPool(lc, poolId, c.hand)
    else await editClient(lc, poolId, clientId, c.hand)
    lc.clearCalls()
    const empty = await run(node, lc, base)
    expectExit(empty, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(c.created(await read(poolId, clientId))).toEqual(c.handValue)
    expect(lc.contractViolations).toEqual([])
  })

  it('feature-plan lite with a higher-plan input fails with zero AWS calls, naming the plan', async () => {
    const { lc } = ctx
    const r = await run(node, lc, { ...inputsFor('lite'), 'feature-plan': 'lite', 'password-policy': 'history=3' })
    expectExit(r, 1)
    expect(r.stdout).toContain('password-policy: history=3 (password history) needs the essentials feature plan or higher, but feature-plan is lite')
    expect(lc.calls).toEqual([])
  })

  it('a create-only input that differs is replace-required and writes nothing', async () => {
    const { lc } = ctx
    const base = inputsFor('signin')
    expectExit(await run(node, lc, { ...base, 'sign-in-identifiers': 'email', 'required-attributes': 'email, name' }), 0)
    lc.clearCalls()
    const r = await run(node, lc, { ...base, 'sign-in-identifiers': 'username, email' })
    expectExit(r, 1)
    expect(actions(r).pool).toBe('replace-required')
    expect(writeOperations(lc)).toEqual([])
  })
})
