// mfa / mfa-methods / sms-role-arn end to end (dist/index.js against the local Cognito, Node 24):
// create with them, a no-op rerun with zero writes, a change that is one SetUserPoolMfaConfig carrying
// every member (with a recovery email and SMS MFA accept), and empty inputs that leave a hand-set MFA
// untouched (and do not even read it).
import { describe, expect, it } from 'vitest'
import {
  NODES,
  actions,
  countOf,
  describePool,
  expectExit,
  idsOf,
  inputsFor,
  readmePolicy,
  run,
  useLocalCognito,
  writeOperations,
  type Doc,
  type LocalCognito,
} from './helpers.js'

const SES = 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, from=no-reply@example.com'
const ROLE = 'arn:aws:iam::123456789012:role/cognito-sms'
const mfaOf = (lc: LocalCognito, UserPoolId: string): Promise<Doc> => lc.invoke('GetUserPoolMfaConfig', { UserPoolId })

describe.each(NODES)('mfa inputs under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('create, no-op rerun, one update carrying every member, empty leaves a hand-set MFA', async () => {
    const { lc } = ctx
    // Under exactly the README's apply policy.
    lc.allowOperations = readmePolicy('apply')
    const base = inputsFor('mfa', { 'email-sender': SES })
    const first = await run(node, lc, { ...base, mfa: 'optional', 'mfa-methods': 'totp' })
    expectExit(first, 0)
    const { poolId } = idsOf(first)
    expect(await mfaOf(lc, poolId)).toEqual({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })

    lc.clearCalls()
    const again = await run(node, lc, { ...base, mfa: 'optional', 'mfa-methods': 'totp' })
    expectExit(again, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(actions(again).mfa).toBe('no-op')

    // Email and SMS MFA together need a recovery that is neither email alone nor by phone (AWSB-019,
    // AWSB-020): admin-only, written (UpdateUserPool) before the MFA configuration.
    lc.clearCalls()
    const changed = await run(node, lc, { ...base, 'account-recovery': 'admin-only', mfa: 'required', 'mfa-methods': 'totp, sms, email', 'sms-role-arn': ROLE })
    expectExit(changed, 0)
    expect(writeOperations(lc)).toEqual(['UpdateUserPool', 'SetUserPoolMfaConfig'])
    expect((await describePool(lc, poolId)).AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] })
    expect(lc.writeCalls().find((c) => c.operation === 'SetUserPoolMfaConfig')?.request).toEqual({
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } },
      EmailMfaConfiguration: {},
    })
    expect(await mfaOf(lc, poolId)).toEqual(
      expect.objectContaining({ MfaConfiguration: 'ON', EmailMfaConfiguration: {}, SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } } }),
    )

    // Set by hand. SMS MFA stays on: the pool has an SMS configuration now, and Cognito refuses to turn SMS MFA
    // off while MFA is on then (AWSB-223).
    const byHand = {
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } },
    }
    await lc.invoke('SetUserPoolMfaConfig', { UserPoolId: poolId, ...byHand })
    lc.clearCalls()
    const empty = await run(node, lc, base)
    expectExit(empty, 0)
    expect(writeOperations(lc)).toEqual([])
    expect(countOf(lc, 'GetUserPoolMfaConfig')).toBe(0)
    expect(await mfaOf(lc, poolId)).toEqual(byHand)

    // Back to off: one call, nothing else touched.
    lc.clearCalls()
    expectExit(await run(node, lc, { ...base, mfa: 'off' }), 0)
    expect(writeOperations(lc)).toEqual(['SetUserPoolMfaConfig'])
    expect(await mfaOf(lc, poolId)).toEqual({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } })
    expect(lc.contractViolations).toEqual([])
  })

  it('email MFA with feature-plan lite, or sms with no role on a new pool, fails naming the fix', async () => {
    const { lc } = ctx
    const lite = await run(node, lc, { ...inputsFor('mfa-lite'), 'feature-plan': 'lite', 'email-sender': SES, mfa: 'required', 'mfa-methods': 'email' })
    expectExit(lite, 1)
    expect(lite.stdout).toContain('mfa-methods: email MFA needs the essentials feature plan or higher, but feature-plan is lite')
    expect(lc.calls).toEqual([])

    const sms = await run(node, lc, { ...inputsFor('mfa-sms'), mfa: 'optional', 'mfa-methods': 'sms' })
    expectExit(sms, 1)
    expect(sms.stdout).toContain('sms-role-arn: SMS MFA needs an IAM role')
    expect(writeOperations(lc)).toEqual([])
  })
})
