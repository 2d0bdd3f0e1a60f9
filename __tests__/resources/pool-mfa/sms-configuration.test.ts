// The pool's SMS configuration and SMS MFA: turning SMS MFA off while the pool has an SMS configuration
// (AWSB-223) and the SNS role's external ID (sms-external-id, AWSB-224).
import { describe, expect, it } from 'vitest'
import { plan } from '../../../src/engine/plan.js'
import { type Desired, type MfaConfig, type Observed, type ObservedPool } from '../../../src/model/types.js'
import { mfaRequest, toMfaConfig } from '../../../src/resources/pool-mfa/index.js'
import { stepFields } from '../../../src/resources/shared/desired.js'
import { poolUpdateRequest } from '../../../src/resources/pool/requests.js'
import { describedPool } from '../../support/aws.js'
import { inputsParser } from '../../support/state.js'

const BASE: Record<string, string> = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'callback-urls': 'https://app.example.com/callback',
  region: 'eu-central-1',
}
const ROLE = 'arn:aws:iam::123456789012:role/cognito-sms'
const ROLE2 = 'arn:aws:iam::123456789012:role/cognito-sms-2'
const { parse, problemsOf } = inputsParser(BASE)
const pool = (extra: Partial<ObservedPool> = {}): ObservedPool => ({
  id: 'eu-central-1_abc',
  arn: 'arn',
  name: 'openmetadata',
  deletionProtection: true,
  autoVerifiedAttributes: ['email'],
  usernameAttributes: ['email'],
  aliasAttributes: [],
  usernameCaseSensitive: false,
  schema: [{ name: 'email', required: true }],
  domain: 'openmetadata-sso',
  managedByAction: true,
  ...extra,
})
const observed = (p: ObservedPool | undefined): Observed => ({ matchingPoolIds: p ? [p.id] : [], matchingClientIds: [], ...(p ? { pool: p } : {}) })
const planOf = (d: Desired, o: Observed) => {
  const result = plan(d, o)
  return { mfa: result.steps.find((s) => s.resource === 'mfa'), pool: result.steps.find((s) => s.resource === 'pool'), problems: result.problems }
}
const smsOn = (sms: { SnsCallerArn: string; ExternalId?: string }): MfaConfig => ({
  ...toMfaConfig({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
  SmsMfaConfiguration: { SmsConfiguration: sms },
})

describe('turning SMS MFA off while the pool has an SMS configuration (AWSB-223)', () => {
  it('mfa optional with totp only on a pool with SMS MFA and its role: refused before any write, naming both fixes', () => {
    const sms = { SnsCallerArn: ROLE }
    const { problems } = planOf(parse({ mfa: 'optional', 'mfa-methods': 'totp' }), observed(pool({ mfa: smsOn(sms), smsRoleArn: ROLE, smsConfiguration: sms })))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain("mfa-methods: user pool 'openmetadata' has an SMS configuration")
    expect(problems[0]).toContain("Can't turn off SMS_MFA when SMS configuration is set for the user pool")
    expect(problems[0]).toContain('keep sms in mfa-methods, or set mfa: off')
  })

  it('a pool with an SMS configuration but SMS MFA never on (a console pool verifying phones): totp refused all the same', () => {
    const { problems } = planOf(
      parse({ mfa: 'required', 'mfa-methods': 'totp' }),
      observed(pool({ mfa: toMfaConfig(undefined), smsRoleArn: ROLE, smsConfiguration: { SnsCallerArn: ROLE } })),
    )
    expect(problems.join('\n')).toContain('while MFA is required and the pool has one')
  })

  it('mfa off on such a pool is accepted: SetUserPoolMfaConfig OFF alone, what Terraform sends (AWSB-225); keeping sms is accepted', () => {
    const o = observed(pool({ mfa: smsOn({ SnsCallerArn: ROLE }), smsRoleArn: ROLE, smsConfiguration: { SnsCallerArn: ROLE } }))
    const off = planOf(parse({ mfa: 'off' }), o)
    expect(off.problems).toEqual([])
    const request = mfaRequest('eu-central-1_abc', o.pool?.mfa, off.mfa!)
    expect(request).toEqual({ UserPoolId: 'eu-central-1_abc', MfaConfiguration: 'OFF' })
    // A rerun with MFA off compares MfaConfiguration only: nothing to write (AWSB-225).
    const after = { ...toMfaConfig({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } }) }
    expect(planOf(parse({ mfa: 'off' }), observed(pool({ mfa: after, smsRoleArn: ROLE, smsConfiguration: { SnsCallerArn: ROLE } }))).mfa?.action).toBe('no-op')
    expect(planOf(parse({ mfa: 'optional', 'mfa-methods': 'totp, sms' }), o).problems).toEqual([])
  })

  it('a pool without an SMS configuration: totp only is accepted; a rerun that changes nothing raises nothing', () => {
    expect(planOf(parse({ mfa: 'optional', 'mfa-methods': 'totp' }), observed(pool({ mfa: toMfaConfig(undefined) }))).problems).toEqual([])
    const totp = toMfaConfig({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })
    const same = planOf(
      parse({ mfa: 'optional', 'mfa-methods': 'totp' }),
      observed(pool({ mfa: totp, smsRoleArn: ROLE, smsConfiguration: { SnsCallerArn: ROLE } })),
    )
    expect(same.problems).toEqual([])
    expect(same.mfa?.action).toBe('no-op')
  })
})

describe('sms-external-id (AWSB-224)', () => {
  it('parses with sms; refused without mfa, without sms, or with characters STS refuses (the value is not echoed)', () => {
    expect(parse({ mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE, 'sms-external-id': 'ext-123' }).mfa).toEqual({
      mode: 'OPTIONAL',
      methods: ['sms'],
      smsRoleArn: ROLE,
      smsExternalId: 'ext-123',
    })
    expect(problemsOf({ 'sms-external-id': 'ext-123' })).toEqual([
      'sms-external-id: only applies with mfa-methods including sms; set mfa and mfa-methods, or leave sms-external-id empty',
    ])
    expect(problemsOf({ mfa: 'optional', 'mfa-methods': 'totp', 'sms-external-id': 'ext-123' })).toEqual([
      'sms-external-id: only applies with mfa-methods including sms; add sms, or leave sms-external-id empty',
    ])
    const bad = problemsOf({ mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE, 'sms-external-id': 'secret value!' })
    expect(bad).toHaveLength(1)
    expect(bad[0]).toMatch(/^sms-external-id: is not an external ID STS accepts \(13 characters/)
    expect(bad[0]).not.toContain('secret value')
    expect(problemsOf({ mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE, 'sms-external-id': 'x' })).toHaveLength(1)
  })

  it('a new pool: SetUserPoolMfaConfig carries the role and the external ID', () => {
    const { mfa } = planOf(parse({ mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE, 'sms-external-id': 'ext-123' }), observed(undefined))
    const request = mfaRequest('eu-central-1_abc', undefined, mfa!)
    expect(request.SmsMfaConfiguration).toEqual({ SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'ext-123' } })
  })

  it('empty keeps the external ID the pool has for the same role (MFA configuration or the pool’s own); a new role gets none', () => {
    const pooled = { SnsCallerArn: ROLE, ExternalId: 'console-ext', SnsRegion: 'eu-central-1' }
    // SMS MFA off so far, the console's role on the pool: turning SMS on keeps its external ID and SNS Region.
    const on = planOf(
      parse({ mfa: 'optional', 'mfa-methods': 'sms' }),
      observed(pool({ mfa: toMfaConfig(undefined), smsRoleArn: ROLE, smsConfiguration: pooled })),
    )
    expect(on.problems).toEqual([])
    expect(mfaRequest('eu-central-1_abc', toMfaConfig(undefined), on.mfa!).SmsMfaConfiguration).toEqual({ SmsConfiguration: pooled })
    // A rerun with the same: nothing to write.
    const rerun = planOf(
      parse({ mfa: 'optional', 'mfa-methods': 'sms' }),
      observed(
        pool({
          mfa: { ...toMfaConfig({ MfaConfiguration: 'OPTIONAL' }), SmsMfaConfiguration: { SmsConfiguration: pooled } },
          smsRoleArn: ROLE,
          smsConfiguration: pooled,
        }),
      ),
    )
    expect(rerun.mfa?.action).toBe('no-op')
    // Another role: its external ID is not the old role's.
    const moved = planOf(
      parse({ mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE2 }),
      observed(pool({ mfa: smsOn(pooled), smsRoleArn: ROLE, smsConfiguration: pooled })),
    )
    expect(mfaRequest('eu-central-1_abc', smsOn(pooled), moved.mfa!).SmsMfaConfiguration).toEqual({ SmsConfiguration: { SnsCallerArn: ROLE2 } })
  })

  it('a changed external ID: one SetUserPoolMfaConfig; the same one again: no-op', () => {
    const sms = { SnsCallerArn: ROLE, ExternalId: 'old' }
    const o = observed(pool({ mfa: smsOn(sms), smsRoleArn: ROLE, smsConfiguration: sms }))
    const changed = planOf(parse({ mfa: 'optional', 'mfa-methods': 'totp, sms', 'sms-external-id': 'new-ext' }), o)
    expect(changed.mfa?.action).toBe('update')
    expect(changed.pool?.action).toBe('no-op')
    expect(mfaRequest('eu-central-1_abc', o.pool?.mfa, changed.mfa!).SmsMfaConfiguration).toEqual({
      SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'new-ext' },
    })
    const same = planOf(parse({ mfa: 'optional', 'mfa-methods': 'totp, sms', 'sms-external-id': 'old' }), o)
    expect(same.mfa?.action).toBe('no-op')
  })

  it('an update of the pool for another reason sends the same SmsConfiguration as SetUserPoolMfaConfig', () => {
    const sms = { SnsCallerArn: ROLE, ExternalId: 'old', SnsRegion: 'eu-central-1' }
    const described = describedPool({ Id: 'eu-central-1_abc', Name: 'openmetadata', SmsConfiguration: sms })
    const o = observed(pool({ mfa: smsOn(sms), smsRoleArn: ROLE, smsConfiguration: sms, settings: { 'self-sign-up': true } }))
    const { pool: step } = planOf(parse({ mfa: 'optional', 'mfa-methods': 'totp, sms', 'sms-external-id': 'new-ext', 'self-sign-up': 'false' }), o)
    expect(step?.action).toBe('update')
    const request = poolUpdateRequest(described, stepFields(step!))
    expect(request.SmsConfiguration).toEqual({ SnsCallerArn: ROLE, ExternalId: 'new-ext', SnsRegion: 'eu-central-1' })
  })
})
