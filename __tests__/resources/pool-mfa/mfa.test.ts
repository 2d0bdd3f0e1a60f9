import { describe, expect, it } from 'vitest'
import { mfaRequest, passwordlessFactors, toMfaConfig } from '../../../src/resources/pool-mfa/index.js'
import { plan } from '../../../src/engine/plan.js'
import { type Desired, type Observed, type ObservedPool } from '../../../src/model/types.js'
import { inputsParser } from '../../support/state.js'

const BASE: Record<string, string> = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'callback-urls': 'https://app.example.com/callback',
  region: 'eu-central-1',
}
const ROLE = 'arn:aws:iam::123456789012:role/cognito-sms'
const SES = 'ses-identity=arn:aws:ses:eu-central-1:123456789012:identity/example.com, from=no-reply@example.com'
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
const mfaOf = (d: Desired, o: Observed) => {
  const result = plan(d, o)
  return { step: result.steps.find((s) => s.resource === 'mfa'), problems: result.problems }
}

describe('mfa inputs', () => {
  it('parses mode, methods and the SMS role', () => {
    expect(parse({ mfa: 'Required', 'mfa-methods': 'totp, sms', 'sms-role-arn': ROLE }).mfa).toEqual({ mode: 'ON', methods: ['totp', 'sms'], smsRoleArn: ROLE })
    expect(parse({ mfa: 'optional', 'mfa-methods': 'totp' }).mfa).toEqual({ mode: 'OPTIONAL', methods: ['totp'] })
    expect(parse({ mfa: 'off' }).mfa).toEqual({ mode: 'OFF', methods: [] })
    expect(parse({}).mfa).toBeUndefined()
  })

  it('reports every problem at once, naming the input, the rule and the fix', () => {
    expect(problemsOf({ mfa: 'sometimes', 'mfa-methods': 'totp, fax' })).toEqual([
      "mfa: 'sometimes' is not an MFA setting; use off, optional or required",
      "mfa-methods: 'fax' is not an MFA method; use totp, sms and/or email",
    ])
    expect(problemsOf({ mfa: 'required' })).toEqual(['mfa: required needs at least one method; set mfa-methods, e.g. mfa-methods: totp'])
    expect(problemsOf({ 'mfa-methods': 'totp' })[0]).toMatch(/^mfa-methods: only applies with mfa: optional or required/)
    expect(problemsOf({ mfa: 'optional', 'mfa-methods': 'totp', 'sms-role-arn': ROLE })[0]).toMatch(
      /^sms-role-arn: only applies with mfa-methods including sms/,
    )
    expect(problemsOf({ mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': 'role/x' })[0]).toMatch(/^sms-role-arn: 'role\/x' is not an IAM role ARN/)
  })

  it('refuses email MFA on lite or with Cognito mail before any AWS call', () => {
    expect(problemsOf({ mfa: 'optional', 'mfa-methods': 'email', 'feature-plan': 'lite', 'email-sender': SES })).toEqual([
      'mfa-methods: email MFA needs the essentials feature plan or higher, but feature-plan is lite; set feature-plan: essentials (it changes the bill) or remove email',
    ])
    expect(problemsOf({ mfa: 'optional', 'mfa-methods': 'email', 'email-sender': 'cognito' })[0]).toMatch(
      /^mfa-methods: email MFA needs mail sent through SES, but email-sender is cognito/,
    )
  })
})

describe('mfa plan', () => {
  it('has no mfa step, and reads nothing, without the mfa input', () => {
    expect(plan(parse({}), observed(pool())).steps.map((s) => s.resource)).toEqual(['pool', 'domain', 'client'])
  })

  it('a new pool gets SetUserPoolMfaConfig with exactly the asked methods', () => {
    const { step, problems } = mfaOf(parse({ mfa: 'required', 'mfa-methods': 'totp, sms', 'sms-role-arn': ROLE }), observed(undefined))
    expect(problems).toEqual([])
    expect(step?.action).toBe('update')
    expect(mfaRequest('p1', undefined, step!)).toEqual({
      UserPoolId: 'p1',
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } },
    })
  })

  it('is a no-op when the pool already has it, and one full request when it differs (messages and WebAuthn carried)', () => {
    const current = toMfaConfig({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'x' } },
      WebAuthnConfiguration: { RelyingPartyId: 'example.com' },
    })
    const p = pool({ mfa: current })
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'sms, totp' }), observed(p)).step?.action).toBe('no-op')
    const { step, problems } = mfaOf(parse({ mfa: 'required', 'mfa-methods': 'sms' }), observed(p))
    expect(problems).toEqual([])
    expect(step?.changes.map((c) => c.field)).toEqual(['MfaConfiguration', 'SoftwareTokenMfaConfiguration'])
    expect(mfaRequest('p1', current, step!)).toEqual({
      UserPoolId: 'p1',
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: false },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'x' } },
      WebAuthnConfiguration: { RelyingPartyId: 'example.com' },
    })
  })

  it('turning a method off removes its configuration', () => {
    const current = toMfaConfig({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} })
    const { step } = mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'totp' }), observed(pool({ mfa: current, settings: {} })))
    expect(mfaRequest('p1', current, step!)).toEqual({ UserPoolId: 'p1', MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })
  })

  it('sms without a role anywhere, email without SES or on lite: problems before any write', () => {
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'sms' }), observed(pool({ mfa: toMfaConfig(undefined) }))).problems).toEqual([
      "sms-role-arn: SMS MFA needs an IAM role Cognito can assume to send SMS through SNS, and user pool 'openmetadata' has none; set sms-role-arn, or remove sms from mfa-methods",
    ])
    // The pool's own SMS role is used.
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'sms' }), observed(pool({ mfa: toMfaConfig(undefined), smsRoleArn: ROLE }))).problems).toEqual([])
    const lite = pool({ mfa: toMfaConfig(undefined), settings: { 'feature-plan': 'LITE', 'email-sender': { account: 'COGNITO_DEFAULT' } } })
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'email' }), observed(lite)).problems).toEqual([
      "email-sender: email MFA needs mail sent through SES, and user pool 'openmetadata' uses Cognito's default mail; set email-sender: ses-identity=<SES identity ARN>, from=…, or remove email from mfa-methods",
      "mfa-methods: email MFA needs the essentials feature plan or higher, but user pool 'openmetadata' is on lite; set feature-plan: essentials (it changes the bill) or remove email",
    ])
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'email', 'email-sender': SES, 'feature-plan': 'essentials' }), observed(lite)).problems).toEqual([])
  })
})

describe('mfa and account recovery (AWSB-019, AWSB-020)', () => {
  const EMAIL_ONLY = [{ Name: 'verified_email', Priority: 1 }]
  const withRecovery = (recovery: { Name: string; Priority: number }[], extra: Partial<ObservedPool> = {}) =>
    pool({ mfa: toMfaConfig(undefined), settings: { 'account-recovery': recovery, 'email-sender': { account: 'DEVELOPER' } }, ...extra })

  it('email MFA on a new pool with account-recovery empty (email, the default): refused, naming account-recovery and the fix', () => {
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'totp, email', 'email-sender': SES }), observed(undefined)).problems).toEqual([
      "mfa-methods: email MFA needs another account-recovery method than email alone, and user pool 'openmetadata' would be created with account-recovery: email (the default when account-recovery is empty) " +
        "(Cognito does not let users recover by email when email is also their second factor); set account-recovery: 'email, phone' (or admin-only), or remove email from mfa-methods",
    ])
  })

  it('email MFA with account-recovery email, phone or admin-only: accepted; with email alone given or on the pool: refused', () => {
    const email = { mfa: 'optional', 'mfa-methods': 'email', 'email-sender': SES }
    expect(mfaOf(parse({ ...email, 'account-recovery': 'email, phone' }), observed(undefined)).problems).toEqual([])
    expect(mfaOf(parse({ ...email, 'account-recovery': 'admin-only' }), observed(undefined)).problems).toEqual([])
    expect(mfaOf(parse({ ...email, 'account-recovery': 'phone' }), observed(withRecovery(EMAIL_ONLY))).problems).toEqual([])
    expect(mfaOf(parse({ ...email, 'account-recovery': 'email' }), observed(undefined)).problems).toEqual([
      expect.stringMatching(/^mfa-methods: email MFA needs another account-recovery method than email alone, and account-recovery asks for email \(/),
    ])
    expect(mfaOf(parse(email), observed(withRecovery(EMAIL_ONLY))).problems).toEqual([
      expect.stringMatching(
        /^mfa-methods: email MFA needs another account-recovery method than email alone, and user pool 'openmetadata' has account-recovery: email \(/,
      ),
    ])
  })

  it('SMS MFA with recovery by phone: refused; with email, SMS and email MFA together, admin-only is the fix', () => {
    const sms = { mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE }
    expect(mfaOf(parse({ ...sms, 'account-recovery': 'email, phone' }), observed(undefined)).problems).toEqual([
      "mfa-methods: SMS MFA can't be combined with account-recovery by phone, and account-recovery asks for email, phone (Cognito refuses it: the phone would be both the second factor and the way back in); " +
        'set account-recovery: email (or admin-only), or remove sms from mfa-methods',
    ])
    expect(mfaOf(parse(sms), observed(undefined)).problems).toEqual([])
    const both = { mfa: 'optional', 'mfa-methods': 'sms, email', 'sms-role-arn': ROLE, 'email-sender': SES }
    expect(mfaOf(parse({ ...both, 'account-recovery': 'email, phone' }), observed(undefined)).problems).toEqual([expect.stringContaining('SMS MFA can')])
    expect(mfaOf(parse({ ...both, 'account-recovery': 'email' }), observed(undefined)).problems).toEqual([
      expect.stringContaining('set account-recovery: admin-only,'),
    ])
    expect(mfaOf(parse({ ...both, 'account-recovery': 'admin-only' }), observed(undefined)).problems).toEqual([])
  })

  it('mfa empty: a new account-recovery must suit the MFA the pool has (read for it), since it is written before MFA changes', () => {
    const on = toMfaConfig({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} })
    const p = withRecovery([{ Name: 'admin_only', Priority: 1 }], { mfa: on })
    const result = plan(parse({ 'account-recovery': 'email' }), observed(p))
    expect(result.problems).toEqual([
      "account-recovery: user pool 'openmetadata' has email MFA on, which Cognito refuses next to recovery by email alone, and the recovery is written before MFA changes; " +
        "choose 'email, phone' (or admin-only), or turn email MFA off in an earlier run (mfa-methods without email)",
    ])
    // Turning email MFA off in the same run does not help: the recovery is written first.
    expect(mfaOf(parse({ 'account-recovery': 'email', mfa: 'optional', 'mfa-methods': 'totp' }), observed(p)).problems).toEqual([
      expect.stringMatching(/^account-recovery: user pool 'openmetadata' has email MFA on/),
    ])
    // MFA off: the configured methods do not count.
    expect(plan(parse({ 'account-recovery': 'email' }), observed(withRecovery(EMAIL_ONLY, { mfa: { ...on, MfaConfiguration: 'OFF' } }))).problems).toEqual([])
  })
})

describe('mfa: required and passwordless first factors (AWSB-021)', () => {
  const factors = (first: string[], mfa = toMfaConfig(undefined)) => pool({ firstAuthFactors: first, mfa })

  it('EMAIL_OTP, SMS_OTP or a single-factor passkey: mfa required refused, naming the factors and mfa: optional', () => {
    const { problems } = mfaOf(parse({ mfa: 'required', 'mfa-methods': 'totp' }), observed(factors(['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'])))
    expect(problems).toEqual([
      "mfa: required can't be used while user pool 'openmetadata' lets users sign in without a password (Policies.SignInPolicy.AllowedFirstAuthFactors: EMAIL_OTP, WEB_AUTHN); " +
        'Cognito refuses MFA required then; use mfa: optional, or turn those sign-in options off first (in the console: Authentication → Sign-in → Options for choice-based sign-in, leaving Password)',
    ])
    expect(passwordlessFactors(['PASSWORD', 'SMS_OTP'], undefined)).toEqual(['SMS_OTP'])
  })

  it('mfa optional, PASSWORD alone, or passkeys that satisfy MFA: accepted', () => {
    expect(mfaOf(parse({ mfa: 'optional', 'mfa-methods': 'totp' }), observed(factors(['PASSWORD', 'EMAIL_OTP']))).problems).toEqual([])
    expect(mfaOf(parse({ mfa: 'required', 'mfa-methods': 'totp' }), observed(factors(['PASSWORD']))).problems).toEqual([])
    const passkeyMfa = toMfaConfig({ WebAuthnConfiguration: { FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } })
    expect(mfaOf(parse({ mfa: 'required', 'mfa-methods': 'totp' }), observed(factors(['PASSWORD', 'WEB_AUTHN'], passkeyMfa))).problems).toEqual([])
  })
})
