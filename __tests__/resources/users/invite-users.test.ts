import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../../src/engine/desired.js'
import { inviteRequest, usersStep } from '../../../src/resources/users/index.js'
import { type Desired } from '../../../src/model/types.js'
import { InputError } from '../../../src/model/errors.js'

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
      const ctx = { port: m.api, ids: { userPoolId: POOL_ID, userPoolArn: '', clientId: '' } } as unknown as Parameters<NonNullable<typeof users.apply>>[1]
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
