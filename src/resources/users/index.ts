// invite-users: e-mail addresses that must exist in the pool. Missing ones are created with
// AdminCreateUser and Cognito's invitation mail; existing users (and everyone not listed) are never
// changed or deleted. Deleted with the pool.
import type { AdminCreateUserRequest } from '@aws-sdk/client-cognito-identity-provider'
import type { Desired, Observed, Step } from '../../model/types.js'
import { splitList } from '../../util/lists.js'
import type { Resource } from '../resource.js'
import { failedWith } from '../shared/converge.js'

export const INVITE_INPUTS = ['invite-users'] as const

const EMAIL = /^[^@\s,;<>"'`]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

/** Addresses separated by new lines or commas, lower-cased and deduplicated; every bad one reported. */
export function parseInviteUsers(raw: string, problems: string[]): string[] | undefined {
  if (raw.trim() === '') return undefined
  const items = splitList(raw, { lower: true })
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
export function inviteRequest(userPoolId: string, email: string): AdminCreateUserRequest & { DesiredDeliveryMediums: 'EMAIL'[] } {
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

export const users: Resource = {
  kind: 'users',
  dependsOn: ['pool'],
  inputs: INVITE_INPUTS,
  parse(input, { problems }) {
    const inviteUsers = parseInviteUsers(input('invite-users'), problems)
    return inviteUsers !== undefined ? { inviteUsers } : {}
  },
  async observe({ port, desired, location, observed }) {
    if (!desired.inviteUsers || location.poolId === undefined) return
    // One paged read, only the email attribute.
    const listed = await port.list('ListUsers', { UserPoolId: location.poolId, AttributesToGet: ['email'] }, 'the users of the user pool')
    observed.userEmails = listed.flatMap((user) => {
      const email = (user.Attributes ?? []).find((a) => a.Name === 'email')?.Value
      return email ? [email] : []
    })
  },
  plan(desired, observed) {
    const step = usersStep(desired, observed)
    return step ? [step] : []
  },
  async apply(step, ctx) {
    // Never a user ID or anything else from AWS in an error: only 'an invited user'. One that exists already is left as it is.
    await Promise.all(
      step.changes.map((c) =>
        ctx.port.call('AdminCreateUser', inviteRequest(ctx.ids.userPoolId, String(c.after)), 'an invited user').catch((error: unknown) => {
          if (!failedWith(error, 'UsernameExistsException')) throw error
        }),
      ),
    )
  },
}
