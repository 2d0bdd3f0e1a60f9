// invite-users: e-mail addresses that must exist in the pool. Missing ones are created with
// AdminCreateUser and Cognito's invitation mail; existing users (and everyone not listed) are never
// changed or deleted. The user name each gets depends on how the pool's users sign in (AWSB-130,
// AWSB-131); users are found by their email attribute whatever their user name. Deleted with the pool.
import { createHash } from 'node:crypto'
import type { AdminCreateUserRequest } from '@aws-sdk/client-cognito-identity-provider'
import { addressProblem, mixedScripts } from '../../inputs/addresses.js'
import { principalProblem } from '../../inputs/openmetadata.js'
import type { Desired, FieldChange, Observed, Step } from '../../model/types.js'
import { splitList } from '../../util/lists.js'
import { quote } from '../../util/text.js'
import type { Resource } from '../resource.js'
import { failedWith } from '../shared/converge.js'
import { DEFAULT_EMAILS_PER_DAY, QUOTAS_PAGE } from '../../model/quotas.js'

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

/** How the pool's users sign in: UsernameAttributes (instead of a user name) and AliasAttributes (besides one). */
export interface SignIn {
  username: string[]
  alias: string[]
}

/** The pool's sign-in attributes, or, for a pool this run creates, what it is created with (sign-in-identifiers; empty: email). */
export function poolSignIn(desired: Pick<Desired, 'settings'>, observed: Pick<Observed, 'pool'>): SignIn {
  if (observed.pool) return { username: observed.pool.usernameAttributes, alias: observed.pool.aliasAttributes }
  return (desired.settings?.['sign-in-identifiers'] as SignIn | undefined) ?? { username: ['email'], alias: [] }
}

/**
 * The user name AdminCreateUser gets for an invited address, or undefined when the pool's users sign in
 * by phone only (the plan refuses it).
 * - email is a username attribute: the address itself (AWS then generates the user name; AWSB-130);
 * - email is an alias: AWS refuses an address as the user name (AWSB-131), so `u-` and the first 32 hex
 *   digits of SHA-256 of the lower-cased address: stable (a create retried after a lost answer meets
 *   UsernameExistsException and is done), opaque like AWS's own generated names; users sign in with
 *   their address, the alias;
 * - a pool of plain user names: the address, which is what the user signs in with.
 */
export function invitedUsername(email: string, signIn: SignIn): string | undefined {
  if (signIn.username.includes('email')) return email
  if (signIn.username.length > 0) return undefined
  if (signIn.alias.includes('email')) return `u-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`
  return email
}

/** The pool's mail account after this run: email-sender when given, else the pool's, else (a new pool) Cognito's default. */
export function mailAccount(desired: Pick<Desired, 'settings'>, observed: Pick<Observed, 'pool'>): string {
  const sender = (desired.settings?.['email-sender'] ?? observed.pool?.settings?.['email-sender']) as { account?: string } | undefined
  return sender?.account ?? 'COGNITO_DEFAULT'
}

/**
 * Cognito's default email sends at most 50 messages a day per AWS account, not adjustable (AWSB-203);
 * every invitation is one (inviteRequest: no MessageAction, DesiredDeliveryMediums EMAIL). More than 50
 * in one run cannot all be sent: refused before the first write rather than half done.
 */
export function dailyMailProblem(desired: Pick<Desired, 'settings' | 'poolName'>, observed: Pick<Observed, 'pool'>, invitations: number): string | undefined {
  const quota = DEFAULT_EMAILS_PER_DAY
  if (invitations <= quota.limit || mailAccount(desired, observed) !== 'COGNITO_DEFAULT') return undefined
  const pool = observed.pool ? `user pool '${observed.pool.name}' sends mail` : `user pool '${desired.poolName}' would send mail`
  return (
    `invite-users: this run would send ${invitations} invitations and ${pool} with Cognito's default email, which sends at most ${quota.limit} messages a day ` +
    `per AWS account, not adjustable (${quota.name}, ${QUOTAS_PAGE}); set email-sender: ses-identity=<SES identity ARN>, from=… to send through Amazon SES, ` +
    `or invite at most ${quota.limit} addresses a day (the rest on later days: invited users are kept, a rerun invites only the missing ones)`
  )
}

/** The `users` step: each listed address the pool does not have yet is invited. */
export function usersStep(desired: Desired, observed: Observed, problems: string[] = []): Step | undefined {
  const wanted = desired.inviteUsers
  if (!wanted) return undefined
  const signIn = poolSignIn(desired, observed)
  if (invitedUsername(wanted[0] ?? '', signIn) === undefined) {
    const pool = observed.pool ? `user pool '${observed.pool.name}'` : `user pool '${desired.poolName}' (as sign-in-identifiers creates it)`
    problems.push(
      `invite-users: users of ${pool} sign in with a phone number only, which an invitation by e-mail cannot give them; ` +
        `add email to sign-in-identifiers (e.g. sign-in-identifiers: email, phone; Cognito sets it only when a pool is created, so an existing pool needs a new pool-name) ` +
        `or create these users another way`,
    )
  }
  const have = new Set((observed.userEmails ?? []).map((e) => e.toLowerCase()))
  const missing = wanted.filter((e) => !have.has(e))
  const mail = dailyMailProblem(desired, observed, missing.length)
  if (mail) problems.push(mail)
  return {
    resource: 'users',
    name: observed.pool?.name ?? desired.poolName,
    action: missing.length ? 'create' : 'no-op',
    changes: missing.map(invitation),
  }
}

/** AdminCreateUser's request for one invited address (Cognito sends the invitation mail). */
export function inviteRequest(userPoolId: string, email: string, username: string = email): AdminCreateUserRequest & { DesiredDeliveryMediums: 'EMAIL'[] } {
  return {
    UserPoolId: userPoolId,
    Username: username,
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
  plan(desired, observed, problems) {
    const step = usersStep(desired, observed, problems)
    return step ? [step] : []
  },
  async apply(step, ctx) {
    // Each address is named in its error (an input, not a value from AWS). Every invitation is sent (the
    // port paces them: AdminCreateUser's quota); the first failure in list order is thrown once all have
    // settled, so a rerun finds every other one done. One that exists already is left as it is.
    // The pool's sign-in decides each user name, as in the plan (a new pool: as it was created).
    const signIn = poolSignIn(ctx.desired, ctx.observed)
    const results = await Promise.allSettled(
      step.changes.map(async (c) => {
        const email = String(c.after)
        try {
          await ctx.port.call('AdminCreateUser', inviteRequest(ctx.ids.userPoolId, email, invitedUsername(email, signIn)), `invited user ${quote(email)}`)
        } catch (error) {
          if (!failedWith(error, 'UsernameExistsException')) throw error
        }
      }),
    )
    const failed = results.find((r) => r.status === 'rejected')
    if (failed) throw failed.reason
  },
}
