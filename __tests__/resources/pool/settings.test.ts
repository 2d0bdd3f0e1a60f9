import { describe, expect, it } from 'vitest'
import { poolUpdateRequest } from '../../../src/resources/pool/requests.js'
import { plan, stepFields } from '../../../src/engine/plan.js'
import { type Observed } from '../../../src/model/types.js'
import { readPoolSettings } from '../../../src/resources/pool/settings.js'
import { readClientSettings } from '../../../src/resources/client/settings.js'
import { describedClient, describedPool } from '../../support/aws.js'
import { toObservedClient } from '../../../src/resources/client/index.js'
import { toObservedPool } from '../../../src/resources/pool/index.js'
import { inputsParser } from '../../support/state.js'

const BASE: Record<string, string> = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'callback-urls': 'https://app.example.com/callback',
  'logout-urls': 'https://app.example.com/logout',
  'client-name': 'openmetadata-web',
  region: 'eu-central-1',
}
const { parse, problemsOf } = inputsParser(BASE)

describe('settings inputs: parsed values', () => {
  const cases: [string, string, string, unknown][] = [
    ['sign-in-identifiers', 'Email', 'sign-in-identifiers', { username: ['email'], alias: [] }],
    ['sign-in-identifiers', 'email, phone', 'sign-in-identifiers', { username: ['email', 'phone_number'], alias: [] }],
    ['sign-in-identifiers', 'username, email', 'sign-in-identifiers', { username: [], alias: ['email'] }],
    ['required-attributes', 'email, name, family_name', 'required-attributes', ['email', 'name', 'family_name']],
    [
      'password-policy',
      'min-length=12, uppercase, numbers, temporary-password-days=3',
      'password-policy',
      { minLength: 12, uppercase: true, lowercase: false, numbers: true, symbols: false, temporaryDays: 3 },
    ],
    [
      'account-recovery',
      'phone, email',
      'account-recovery',
      [
        { Name: 'verified_phone_number', Priority: 1 },
        { Name: 'verified_email', Priority: 2 },
      ],
    ],
    ['account-recovery', 'admin-only', 'account-recovery', [{ Name: 'admin_only', Priority: 1 }]],
    ['self-sign-up', 'true', 'self-sign-up', true],
    ['email-sender', 'cognito', 'email-sender', { account: 'COGNITO_DEFAULT' }],
    [
      'email-sender',
      'ses-identity=arn:aws:ses:eu-central-1:123456789012:identity/example.com, from=no-reply@example.com',
      'email-sender',
      { account: 'DEVELOPER', sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/example.com', from: 'no-reply@example.com' },
    ],
    ['feature-plan', 'Plus', 'feature-plan', 'PLUS'],
    ['token-validity', 'access=30m, refresh=7d', 'token-validity', { access: 1800, refresh: 7 * 86400 }],
  ]
  it.each(cases)('%s: %s', (input, raw, key, value) => {
    expect(parse({ [input]: raw }).settings?.[key]).toEqual(value)
  })

  it('an empty input leaves the setting out of the desired state', () => {
    expect(parse({}).settings).toBeUndefined()
  })
})

describe('settings inputs: every problem at once, naming the input', () => {
  it.each([
    ['reply-to=support', "email-sender: reply-to 'support' is not an e-mail address"],
    ['reply-to=sup port@example.com', "email-sender: reply-to 'sup port@example.com' is not an e-mail address"],
    ['configuration-set=my.set', "email-sender: configuration-set 'my.set' is not an SES configuration set name: 1 to 64 letters, digits, _ or -"],
    [`configuration-set=${'c'.repeat(65)}`, 'is not an SES configuration set name: 1 to 64 letters, digits, _ or -'],
  ])('email-sender %s is refused as AWS would (EmailAddressType, SESConfigurationSet)', (extra, problem) => {
    const problems = problemsOf({ 'email-sender': `ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, ${extra}` })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(problem)
  })

  it('email-sender with a reply-to address and a configuration set of 64 is taken', () => {
    expect(
      problemsOf({
        'email-sender': `ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, reply-to=support@example.com, configuration-set=${'c'.repeat(64)}`,
      }),
    ).toEqual([])
  })

  it('reports all bad settings together', () => {
    const problems = problemsOf({
      'sign-in-identifiers': 'email, fax',
      'required-attributes': 'email, shoe_size',
      'password-policy': 'min-length=5, emoji',
      'account-recovery': 'admin-only, email',
      'self-sign-up': 'maybe',
      'email-sender': 'ses-identity=not-an-arn',
      'feature-plan': 'gold',
      'token-validity': 'access=2d, refresh=10m',
    })
    for (const input of ['sign-in-identifiers', 'required-attributes', 'account-recovery', 'self-sign-up', 'email-sender', 'feature-plan']) {
      expect(
        problems.filter((p) => p.startsWith(`${input}:`)),
        input,
      ).toHaveLength(1)
    }
    expect(problems.filter((p) => p.startsWith('password-policy:'))).toHaveLength(2)
    expect(problems.filter((p) => p.startsWith('token-validity:'))).toHaveLength(2)
  })

  it('lite with an input that needs a higher plan is refused up front, naming the plan', () => {
    expect(problemsOf({ 'feature-plan': 'lite', 'password-policy': 'min-length=10, history=3' })).toEqual([
      expect.stringMatching(
        /^password-policy: history=3 \(password history\) needs the essentials feature plan or higher, but feature-plan is lite; set feature-plan: essentials/,
      ),
    ])
    expect(problemsOf({ 'feature-plan': 'essentials', 'password-policy': 'history=3' })).toEqual([])
  })
})

describe('settings in the plan', () => {
  const observed = (): Observed => ({
    matchingPoolIds: ['eu-central-1_Example'],
    pool: toObservedPool(describedPool()),
    matchingClientIds: ['c'],
    client: toObservedClient(describedClient()),
  })

  it('settings that match what is described are a no-op', () => {
    const d = parse({
      'password-policy': 'min-length=12, uppercase, lowercase, numbers, temporary-password-days=3',
      'account-recovery': 'email',
      'self-sign-up': 'false',
      'token-validity': 'access=60m, id=1h, refresh=30d',
    })
    const r = plan(d, observed())
    expect(r.problems).toEqual([])
    // The described pool also has a custom domain, kept next to the prefix: a step of its own.
    expect(r.steps.map((s) => `${s.resource}:${s.action}`)).toEqual(['pool:no-op', 'domain:no-op', 'domain:no-op', 'client:no-op'])
  })

  it('a change is field by field, and the update carries every described member', () => {
    const d = parse({ 'password-policy': 'min-length=14, uppercase, lowercase, numbers, symbols', 'feature-plan': 'plus', 'self-sign-up': 'true' })
    const r = plan(d, observed())
    const pool = r.steps[0]
    expect(pool?.action).toBe('update')
    expect(pool?.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['UserPoolTier', 'ESSENTIALS', 'PLUS'],
      ['Policies.PasswordPolicy.MinimumLength', 12, 14],
      ['Policies.PasswordPolicy.RequireSymbols', false, true],
      ['Policies.PasswordPolicy.TemporaryPasswordValidityDays', 3, 7],
      ['AdminCreateUserConfig.AllowAdminCreateUserOnly', true, false],
    ])
    const request = poolUpdateRequest(describedPool(), stepFields(pool!))
    expect(request.Policies?.PasswordPolicy).toEqual({
      MinimumLength: 14,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      PasswordHistorySize: 5,
      TemporaryPasswordValidityDays: 7,
    })
    expect(request.Policies?.SignInPolicy).toEqual(describedPool().Policies?.SignInPolicy)
    expect(request.UserPoolTier).toBe('PLUS')
    expect(request.AdminCreateUserConfig?.AllowAdminCreateUserOnly).toBe(false)
    expect(request.AdminCreateUserConfig?.UnusedAccountValidityDays).toBeUndefined()
    expect(request.EmailConfiguration).toEqual(describedPool().EmailConfiguration)
  })

  it('create-only settings that differ are replace-required with a problem naming the input', () => {
    const r = plan(parse({ 'sign-in-identifiers': 'username, email' }), observed())
    expect(r.steps[0]?.action).toBe('replace-required')
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^sign-in-identifiers: user pool 'openmetadata' has UsernameAttributes = \[email\], but sign-in-identifiers asks for \[\]; Cognito sets this only when a pool is created/,
      ),
      expect.stringMatching(/^sign-in-identifiers: user pool 'openmetadata' has AliasAttributes = \[\], but sign-in-identifiers asks for \[email\]/),
    ])
  })

  it('an existing Lite pool with a higher-plan input is a problem, nothing is written', () => {
    const o = observed()
    o.pool!.settings = { ...readPoolSettings({ ...describedPool(), UserPoolTier: 'LITE' }) }
    const r = plan(parse({ 'password-policy': 'history=2' }), o)
    expect(r.problems).toEqual([expect.stringContaining('needs the essentials feature plan or higher, but the pool is on lite')])
  })

  it('lowering the plan under a setting the pool already has is a problem, nothing is written', () => {
    // describedPool() has password history 5 (Essentials or higher); threat protection and a V2 trigger off here.
    const o = observed()
    o.pool = toObservedPool(describedPool({ UserPoolAddOns: { AdvancedSecurityMode: 'OFF' }, LambdaConfig: {} }))
    const r = plan(parse({ 'feature-plan': 'lite' }), o)
    expect(r.problems).toEqual([
      "feature-plan: lite is lower than what user pool 'openmetadata' uses, and Cognito refuses to lower the plan while these are on: " +
        'password history (Policies.PasswordPolicy.PasswordHistorySize 5), which needs essentials (set password-policy without history in the same run); ' +
        'turn them off first, or keep feature-plan: essentials',
    ])
    // Turned off in the same request (one UpdateUserPool): accepted.
    expect(plan(parse({ 'feature-plan': 'lite', 'password-policy': 'min-length=12, history=0' }), o).problems).toEqual([])
  })

  it('a new pool and client are created with the inputs and the documented defaults', () => {
    const r = plan(parse({ 'required-attributes': 'email, name', 'token-validity': 'access=2h', 'email-sender': 'cognito' }), {
      matchingPoolIds: [],
      matchingClientIds: [],
    })
    const pool = stepFields(r.steps[0]!)
    expect(pool.Schema).toEqual([
      { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
    ])
    expect(pool.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' })
    expect(pool.UserPoolTier).toBeUndefined()
    const client = stepFields(r.steps[2]!)
    expect(client.AccessTokenValidity).toBe(2)
    expect(client.TokenValidityUnits).toEqual({ AccessToken: 'hours' })
    expect(
      readClientSettings({ ...describedClient(), AccessTokenValidity: 120, TokenValidityUnits: { AccessToken: 'minutes' } })['token-validity'],
    ).toMatchObject({ access: 7200 })
  })
})
