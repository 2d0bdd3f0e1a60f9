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
