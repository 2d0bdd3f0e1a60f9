// invite-users: e-mail addresses that must exist in the pool. Missing ones are created with
// AdminCreateUser and Cognito's invitation mail; existing users (and everyone not listed) are never
// changed or deleted. Deleted with the pool.
import type { AdminCreateUserRequest } from '@aws-sdk/client-cognito-identity-provider'
import { addressProblem, mixedScripts } from '../../inputs/addresses.js'
import { principalProblem } from '../../inputs/openmetadata.js'
import type { Desired, FieldChange, Observed, Step } from '../../model/types.js'
import { splitList } from '../../util/lists.js'
import { quote } from '../../util/text.js'
import type { Resource } from '../resource.js'
import { failedWith } from '../shared/converge.js'

export const INVITE_INPUTS = ['invite-users'] as const

/**
 * Addresses separated by new lines or commas, lower-cased and deduplicated; every bad one reported by
 * itself (shown with its invisible characters as escapes and their codes). With openmetadata-url the
 * addresses are also OpenMetadata's admin principals (the part before '@'), which must read back exactly
 * in every format of the hand-off.
 */
export function parseInviteUsers(raw: string, problems: string[], openmetadata = false): string[] | undefined {
  if (raw.trim() === '') return undefined
  const items = splitList(raw, { lower: true })
  const before = problems.length
  for (const address of items) {
    const problem = addressProblem(address)
    if (problem) {
      problems.push(`invite-users: ${problem}`)
      continue
    }
    const why = openmetadata ? principalProblem(address) : undefined
    if (why) {
      problems.push(
        `invite-users: ${quote(address)} cannot be an OpenMetadata admin principal: ${why}; invite it without openmetadata-url, or add the principal by hand`,
      )
    }
  }
  return problems.length > before ? undefined : items
}

/** The invitation of one address; a warning when its letters mix scripts (the address is still invited). */
function invitation(email: string): FieldChange {
  const mixed = mixedScripts(email)
  return { field: 'invite', before: undefined, after: email, ...(mixed ? { warning: `invite-users: ${quote(email)} ${mixed}` } : {}) }
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
    changes: missing.map(invitation),
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
  // With openmetadata-url, each principal is checked the way YAML reads it (AUTHORIZER_ADMIN_PRINCIPALS).
  needsYaml: (input) => input('invite-users').trim() !== '' && input('openmetadata-url').trim() !== '',
  parse(input, { problems, desired }) {
    const inviteUsers = parseInviteUsers(input('invite-users'), problems, desired.openmetadataUrl !== undefined)
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
    // Each address is named in its error (an input, not a value from AWS). Every invitation is sent (the
    // port paces them: AdminCreateUser's quota); the first failure in list order is thrown once all have
    // settled, so a rerun finds every other one done. One that exists already is left as it is.
    const results = await Promise.allSettled(
      step.changes.map(async (c) => {
        const email = String(c.after)
        try {
          await ctx.port.call('AdminCreateUser', inviteRequest(ctx.ids.userPoolId, email), `invited user ${quote(email)}`)
        } catch (error) {
          if (!failedWith(error, 'UsernameExistsException')) throw error
        }
      }),
    )
    const failed = results.find((r) => r.status === 'rejected')
    if (failed) throw failed.reason
  },
}
