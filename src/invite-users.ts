// invite-users: e-mail addresses that must exist in the pool. Missing ones are created with
// AdminCreateUser and Cognito's invitation mail; existing users (and everyone not listed) are never
// changed or deleted. Pure: parsing and the plan's `users` step; no SDK, no I/O.
import type { Desired, Observed, Step } from './types.js'

export const INVITE_INPUTS = ['invite-users'] as const

const EMAIL = /^[^@\s,;<>"'`]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

/** Addresses separated by new lines or commas, lower-cased and deduplicated; every bad one reported. */
export function parseInviteUsers(input: (name: string) => string, problems: string[]): string[] | undefined {
  const [raw = ''] = INVITE_INPUTS.map((name) => input(name))
  if (raw.trim() === '') return undefined
  const items = [
    ...new Set(
      raw
        .split(/[\n,]/)
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== ''),
    ),
  ]
  const bad = items.filter((e) => !EMAIL.test(e) || e.length > 254)
  if (bad.length > 0) {
    problems.push(
      `invite-users: ${bad.length} ${bad.length === 1 ? 'entry is' : 'entries are'} not an e-mail address; list addresses separated by commas or new lines, e.g. invite-users: alice@example.com, bob@example.com`,
    )
    return undefined
  }
  return items
}

/** The `users` step: each listed address the pool does not have yet is invited. */
export function usersStep(desired: Desired, observed: Observed): Step | undefined {
  const wanted = desired.inviteUsers
  if (!wanted) return undefined
  const have = new Set((observed.userEmails ?? []).map((e) => e.toLowerCase()))
  const missing = wanted.filter((e) => !have.has(e))
  return {
    resource: 'users',
    name: observed.pool?.name ?? desired.poolName,
    action: missing.length ? 'create' : 'no-op',
    changes: missing.map((email) => ({ field: 'invite', before: undefined, after: email })),
  }
}

/** AdminCreateUser's request for one invited address (Cognito sends the invitation mail). */
export function inviteRequest(userPoolId: string, email: string) {
  return {
    UserPoolId: userPoolId,
    Username: email,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
    DesiredDeliveryMediums: ['EMAIL' as const],
  }
}
