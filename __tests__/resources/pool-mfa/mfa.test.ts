import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../../src/engine/desired.js'
import { mfaRequest, toMfaConfig } from '../../../src/resources/pool-mfa/index.js'
import { plan } from '../../../src/engine/plan.js'
import { type Desired, type Observed, type ObservedPool } from '../../../src/model/types.js'
import { InputError } from '../../../src/model/errors.js'

const BASE: Record<string, string> = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'callback-urls': 'https://app.example.com/callback',
  region: 'eu-central-1',
}
const ROLE = 'arn:aws:iam::123456789012:role/cognito-sms'
const SES = 'ses-identity=arn:aws:ses:eu-central-1:123456789012:identity/example.com, from=no-reply@example.com'
const parse = (extra: Record<string, string>): Desired => parseInputs((n) => ({ ...BASE, ...extra })[n] ?? '', {})
const problemsOf = (extra: Record<string, string>): string[] => {
  try {
    parse(extra)
    return []
  } catch (e) {
    if (e instanceof InputError) return e.problems
    throw e
  }
}

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
