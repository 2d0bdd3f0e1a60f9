import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../../src/engine/desired.js'
import { invitedUsername, inviteRequest, usersStep } from '../../../src/resources/users/index.js'
import { plan } from '../../../src/engine/plan.js'
import { type Desired } from '../../../src/model/types.js'
import { InputError } from '../../../src/model/errors.js'
import { observedPool, observedState } from '../../support/state.js'

const BASE: Record<string, string> = { 'pool-name': 'om', domain: 'om-sso', 'callback-urls': 'https://app.example.com/callback', region: 'eu-central-1' }
const parse = (extra: Record<string, string>): Desired => parseInputs((n) => ({ ...BASE, ...extra })[n] ?? '', {})

describe('invite-users', () => {
  it('parses addresses (lower case, deduplicated) and refuses a bad one, naming it inert', () => {
    expect(parse({ 'invite-users': 'Alice@Example.com,\n bob@example.com, alice@example.com' }).inviteUsers).toEqual(['alice@example.com', 'bob@example.com'])
    expect(parse({}).inviteUsers).toBeUndefined()
    expect(() => parse({ 'invite-users': 'alice@example.com, ::error::x' })).toThrow(InputError)
    try {
      parse({ 'invite-users': 'alice@example.com, ::error::x' })
    } catch (e) {
      // Named as a quoted value; the log makes '::' inert (util/log-safety.ts), so no workflow command gets through.
      expect((e as InputError).problems).toEqual([
        "invite-users: '::error::x' is not an e-mail address; list addresses separated by commas or new lines, e.g. invite-users: alice@example.com, bob@example.com",
      ])
    }
  })

  it('plans only the missing addresses, case-insensitively; nothing without the input', () => {
    const d = parse({ 'invite-users': 'alice@example.com, bob@example.com' })
    expect(usersStep(d, { matchingPoolIds: [], matchingClientIds: [], userEmails: ['ALICE@example.com', 'zed@example.com'] })).toEqual({
      resource: 'users',
      name: 'om',
      action: 'create',
      changes: [{ field: 'invite', before: undefined, after: 'bob@example.com' }],
    })
    expect(usersStep(d, { matchingPoolIds: [], matchingClientIds: [], userEmails: ['alice@example.com', 'bob@example.com'] })?.action).toBe('no-op')
    expect(usersStep(parse({}), { matchingPoolIds: [], matchingClientIds: [] })).toBeUndefined()
  })

  it("AdminCreateUser with Cognito's invitation mail, email set and verified", () => {
    expect(inviteRequest('p1', 'bob@example.com')).toEqual({
      UserPoolId: 'p1',
      Username: 'bob@example.com',
      UserAttributes: [
        { Name: 'email', Value: 'bob@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    })
  })
})

// The first 32 hex digits of SHA-256 of 'ann@example.com'.
const ANN = 'u-' + '71d4f55f72fa128dfb468a1a3901507c'

describe('invite-users: the user name by how the pool signs in (AWSB-130, AWSB-131)', () => {
  it('email a username attribute: the address; email an alias: u- and 32 hex digits of SHA-256 of the lower-cased address; phone only: none', () => {
    expect(invitedUsername('ann@example.com', { username: ['email'], alias: [] })).toBe('ann@example.com')
    expect(invitedUsername('ann@example.com', { username: ['email', 'phone_number'], alias: [] })).toBe('ann@example.com')
    expect(invitedUsername('ann@example.com', { username: [], alias: ['email'] })).toMatch(/^u-[0-9a-f]{32}$/)
    expect(invitedUsername('ann@example.com', { username: [], alias: ['email', 'phone_number'] })).toBe(ANN)
    expect(invitedUsername('Ann@Example.com', { username: [], alias: ['email'] })).toBe(ANN)
    expect(invitedUsername('bob@example.com', { username: [], alias: ['email'] })).not.toBe(ANN)
    expect(invitedUsername('ann@example.com', { username: ['phone_number'], alias: [] })).toBeUndefined()
    expect(invitedUsername('ann@example.com', { username: [], alias: [] })).toBe('ann@example.com')
  })

  it('AdminCreateUser in an alias pool: the derived user name, the address as the email attribute', () => {
    expect(inviteRequest('p1', 'ann@example.com', ANN)).toEqual({
      UserPoolId: 'p1',
      Username: ANN,
      UserAttributes: [
        { Name: 'email', Value: 'ann@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    })
  })

  it('a new pool whose users sign in by phone only: refused in the plan, naming invite-users and sign-in-identifiers', () => {
    const d = parse({ 'sign-in-identifiers': 'phone', 'invite-users': 'ann@example.com' })
    const result = plan(d, { matchingPoolIds: [], matchingClientIds: [] })
    expect(result.problems).toEqual([
      "invite-users: users of user pool 'om' (as sign-in-identifiers creates it) sign in with a phone number only, which an invitation by e-mail cannot give them; " +
        'add email to sign-in-identifiers (e.g. sign-in-identifiers: email, phone; Cognito sets it only when a pool is created, so an existing pool needs a new pool-name) ' +
        'or create these users another way',
    ])
  })

  it('an existing phone-only pool is refused; an alias pool and an email pool are not', () => {
    const d = parse({ 'invite-users': 'ann@example.com' })
    const phone = plan(
      parse({ 'sign-in-identifiers': 'phone', 'invite-users': 'ann@example.com' }),
      observedState({ pool: observedPool({ name: 'om', usernameAttributes: ['phone_number'] }), userEmails: [] }),
    )
    expect(phone.problems).toEqual([expect.stringMatching(/^invite-users: users of user pool 'om' sign in with a phone number only/)])
    const alias = plan(d, observedState({ pool: observedPool({ usernameAttributes: [], aliasAttributes: ['email'] }), userEmails: [] }))
    expect(alias.problems.filter((p) => p.startsWith('invite-users'))).toEqual([])
    expect(alias.steps.find((s) => s.resource === 'users')?.changes).toEqual([{ field: 'invite', before: undefined, after: 'ann@example.com' }])
  })
})

describe('invite-users apply in an alias pool (exact requests)', () => {
  it('AdminCreateUser with the derived user name; a user that exists already (a lost answer retried, another run) is done', async () => {
    const { AdminCreateUserCommand } = await import('@aws-sdk/client-cognito-identity-provider')
    const { apply } = await import('../../../src/engine/apply.js')
    const { awsError, mockCognito, sent } = await import('../../support/aws.js')
    const m = mockCognito()
    try {
      m.cognito
        .on(AdminCreateUserCommand, { Username: ANN })
        .rejects(awsError('UsernameExistsException', 'User account already exists'))
        .on(AdminCreateUserCommand)
        .resolves({ User: {} })
      const d = parse({ 'invite-users': 'ann@example.com, bob@example.com' })
      const observed = observedState({ pool: observedPool({ name: 'om', usernameAttributes: [], aliasAttributes: ['email'] }), userEmails: [] })
      const p = plan(d, observed)
      const usersOnly = { ...p, steps: p.steps.filter((s) => s.resource === 'users') }
      await apply(m.api, d, usersOnly, { observed, described: {} })
      const bob = invitedUsername('bob@example.com', { username: [], alias: ['email'] })
      expect(sent(m.cognito)).toEqual([
        ['AdminCreateUser', inviteRequest('eu-west-1_AbCdEfGhI', 'ann@example.com', ANN)],
        ['AdminCreateUser', inviteRequest('eu-west-1_AbCdEfGhI', 'bob@example.com', bob)],
      ])
    } finally {
      m.cognito.restore()
    }
  })
})

describe('invite-users in openmetadata-env', () => {
  it('names the initial admins (before @) and the principal domain when all share one', async () => {
    const { openMetadataEnv } = await import('../../../src/report/openmetadata.js')
    const v = { issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/p', clientId: 'c', openmetadataUrl: 'https://om.example.com' }
    const lines = (admins?: string[]) =>
      openMetadataEnv({ ...v, ...(admins ? { admins } : {}) })
        .split('\n')
        .filter((l) => l.startsWith('AUTHORIZER_'))
    expect(lines(['alice@example.com', 'bob@example.com'])).toEqual(['AUTHORIZER_ADMIN_PRINCIPALS=[alice,bob]', 'AUTHORIZER_PRINCIPAL_DOMAIN=example.com'])
    expect(lines(['alice@example.com', 'bob@other.org'])).toEqual(['AUTHORIZER_ADMIN_PRINCIPALS=[alice,bob]'])
    expect(lines()).toEqual([])
  })
})

// Issue 16, cases 8, 9 and 10.
describe('invite-users: what Cognito and the hand-off refuse, and what to look at twice', () => {
  const problemsOf = (extra: Record<string, string>): string[] => {
    try {
      parse(extra)
      return []
    } catch (e) {
      return (e as InputError).problems
    }
  }

  it('names each address Cognito would refuse, with the character, and not the good ones', () => {
    const problems = problemsOf({ 'invite-users': 'al\u200bice@zwsp.example.com, dave@fine.example.com, ca\u0085rol@nel.example.com' })
    expect(problems).toEqual([
      "invite-users: 'al\\u200bice@zwsp.example.com' contains U+200B (ZERO WIDTH SPACE), which Cognito does not allow in a user name (no spaces, control, format or invisible characters); retype the address",
      "invite-users: 'ca\\u0085rol@nel.example.com' contains U+0085 (NEXT LINE), which Cognito does not allow in a user name (no spaces, control, format or invisible characters); retype the address",
    ])
  })

  it('with openmetadata-url, each address is an admin principal that must read back exactly', () => {
    const om = { 'openmetadata-url': 'https://om.example.com', 'callback-urls': '' }
    expect(problemsOf({ ...om, 'invite-users': 'a]@example.com, bob@example.com' })).toEqual([
      "invite-users: 'a]@example.com' cannot be an OpenMetadata admin principal: ']' breaks a YAML flow list (OpenMetadata reads AUTHENTICATION_PUBLIC_KEYS and AUTHORIZER_ADMIN_PRINCIPALS as YAML lists); invite it without openmetadata-url, or add the principal by hand",
    ])
    // Without openmetadata-url the address is only a user: fine.
    expect(problemsOf({ 'invite-users': 'a]@example.com' })).toEqual([])
  })

  it('an address whose letters mix scripts is invited, with a warning on its change', () => {
    const d = parse({ 'invite-users': '\u0430lice@homoglyph.example.com, bob@homoglyph.example.com' })
    const step = usersStep(d, { matchingPoolIds: [], matchingClientIds: [], userEmails: [] })
    expect(step?.changes).toEqual([
      {
        field: 'invite',
        before: undefined,
        after: '\u0430lice@homoglyph.example.com',
        warning:
          "invite-users: '\u0430lice@homoglyph.example.com' mixes scripts: U+0430 (Cyrillic) among Latin letters; check that this is the address you mean",
      },
      { field: 'invite', before: undefined, after: 'bob@homoglyph.example.com' },
    ])
  })
})

describe('invite-users apply: every address sent, each named in its failure', () => {
  it('a refused invitation names its address; the others are all sent; an existing user is no error', async () => {
    const { AdminCreateUserCommand } = await import('@aws-sdk/client-cognito-identity-provider')
    const { awsError, mockCognito, POOL_ID } = await import('../../support/aws.js')
    const { users } = await import('../../../src/resources/users/index.js')
    const m = mockCognito()
    try {
      m.cognito.on(AdminCreateUserCommand).resolves({ User: {} })
      m.cognito.on(AdminCreateUserCommand, { Username: 'b@example.com' }).rejects(awsError('InvalidParameterException', 'Invalid email address format.'))
      m.cognito.on(AdminCreateUserCommand, { Username: 'c@example.com' }).rejects(awsError('UsernameExistsException'))
      const step = {
        resource: 'users' as const,
        name: 'om',
        action: 'create' as const,
        changes: ['a', 'b', 'c', 'd'].map((x) => ({ field: 'invite', before: undefined, after: `${x}@example.com` })),
      }
      // A new pool that signs in by email (the default): each user name is the address (AWSB-130).
      const ctx = {
        port: m.api,
        ids: { userPoolId: POOL_ID, userPoolArn: '', clientId: '' },
        desired: parse({ 'invite-users': 'a@example.com' }),
        observed: { matchingPoolIds: [], matchingClientIds: [] },
      } as unknown as Parameters<NonNullable<typeof users.apply>>[1]
      await expect(users.apply?.(step, ctx)).rejects.toThrow(
        "AdminCreateUser on invited user 'b@example.com' failed: InvalidParameterException: Invalid email address format",
      )
      expect(m.cognito.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input.Username)).toEqual([
        'a@example.com',
        'b@example.com',
        'c@example.com',
        'd@example.com',
      ])
    } finally {
      m.cognito.restore()
    }
  })
})
