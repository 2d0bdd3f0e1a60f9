// @ts-check
/**
 * Users (AdminCreateUser, AdminGetUser, ListUsers with paging and an exact `attr = "value"` Filter),
 * with AWS's rules: UsernameExistsException, an e-mail username in a pool whose UsernameAttributes
 * include email (the user's Username is then a generated sub), and the email attribute kept.
 */
import { randomUUID } from 'node:crypto'
import { AwsError, invalidParameter } from './errors.js'

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
/** E.164, as Cognito takes phone numbers. source: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html */
const PHONE = /^\+[1-9]\d{1,14}$/

/**
 * Email messages Cognito's default email (EmailSendingAccount COGNITO_DEFAULT) sends a day per AWS account,
 * not adjustable ("Quotas in Amazon Cognito", resource quotas: "Email messages sent daily per AWS account").
 */
export const DEFAULT_EMAILS_PER_DAY = 50

/**
 * AWS's answer past it, quoted from a real AdminCreateUser refusal in rahulpsd18/cognito-backup-restore#46.
 */
export const DAILY_EMAIL_LIMIT_MESSAGE =
  'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.'

/**
 * @param {{ getPool: (id: string) => any, mailNow: () => number }} deps mailNow: the time in ms by which
 *   the default email's day is counted (the test's clock: lc.setMailClock)
 */
export function createUsers({ getPool, mailNow }) {
  /** Messages sent with Cognito's default email this account, by UTC day (YYYY-MM-DD). @type {Map<string, number>} */
  const mailSent = new Map()
  /** @param {any} pool @param {Record<string, any>} req */
  function countInvitationMail(pool, req) {
    // source: model AdminCreateUserRequest.MessageAction (SUPPRESS: no message); model AdminCreateUserRequest.DesiredDeliveryMediums (default SMS, EMAIL mails)
    const mails = req.MessageAction !== 'SUPPRESS' && (req.DesiredDeliveryMediums ?? ['SMS']).includes('EMAIL')
    // source: model EmailConfigurationType.EmailSendingAccount (DEVELOPER: Amazon SES, outside Cognito's daily limit)
    if (!mails || pool.settings.EmailConfiguration?.EmailSendingAccount === 'DEVELOPER') return
    const day = new Date(mailNow()).toISOString().slice(0, 10)
    const sent = mailSent.get(day) ?? 0
    // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (email messages sent daily per AWS account: 50, not adjustable); AWSB-203 (message: rahulpsd18/cognito-backup-restore#46)
    if (sent >= DEFAULT_EMAILS_PER_DAY) throw new AwsError('LimitExceededException', DAILY_EMAIL_LIMIT_MESSAGE)
    mailSent.set(day, sent + 1)
  }
  /** @type {Map<string, Map<string, any>>} pool ID → Username → user */
  const byPool = new Map()
  /** @param {string} id */
  const usersOf = (id) => {
    let m = byPool.get(id)
    if (!m) byPool.set(id, (m = new Map()))
    return m
  }
  /** @param {any} u @param {string} name */
  const attr = (u, name) => u.Attributes.find((/** @type {any} */ a) => a.Name === name)?.Value
  /** @param {any} u */
  const view = (u) => JSON.parse(JSON.stringify(u))

  /**
   * The user name a request may give in this pool. Username attributes (email, phone_number): the name must
   * be one of them (AWS then generates the user name); an email alias: the name must not look like an address.
   * @param {any} pool @param {string} username
   */
  function checkUsername(pool, username) {
    const attrs = /** @type {string[]} */ (pool.UsernameAttributes ?? [])
    if (attrs.length > 0) {
      const email = attrs.includes('email') && EMAIL.test(username)
      const phone = attrs.includes('phone_number') && PHONE.test(username)
      if (email || phone) return
      // source: model AdminCreateUserRequest.Username; AWSB-130; AWSB-131
      if (attrs.length > 1) throw invalidParameter('Username should be either an email or a phone number.')
      // source: model AdminCreateUserRequest.Username; AWSB-130
      if (attrs.includes('email')) throw invalidParameter('Username should be an email.')
      // source: model AdminCreateUserRequest.Username; AWSB-131
      throw invalidParameter('Username should be a phone number.')
    }
    if ((pool.AliasAttributes ?? []).includes('email') && EMAIL.test(username)) {
      // source: AWSB-131
      throw invalidParameter('Username cannot be of email format, since user pool is configured for email alias.')
    }
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, unknown>>} */
  const handlers = {
    AdminCreateUser(req) {
      const pool = getPool(req.UserPoolId)
      const users = usersOf(pool.Id)
      const attrs = /** @type {{ Name: string, Value: string }[]} */ (req.UserAttributes ?? [])
      const usernameAttrs = /** @type {string[]} */ (pool.UsernameAttributes ?? [])
      checkUsername(pool, req.Username ?? '')
      // In a username-attribute pool the name given is the address or the phone number.
      const byEmail = usernameAttrs.includes('email') && EMAIL.test(req.Username ?? '')
      const byPhone = !byEmail && usernameAttrs.includes('phone_number') && PHONE.test(req.Username ?? '')
      const email = attrs.find((a) => a.Name === 'email')?.Value ?? (byEmail ? req.Username : undefined)
      const phone = attrs.find((a) => a.Name === 'phone_number')?.Value ?? (byPhone ? req.Username : undefined)
      // source: AWSB-153 (the email attribute's format)
      if (email !== undefined && !EMAIL.test(email)) throw invalidParameter('Invalid email address format.')
      // source: model AdminCreateUserRequest.DesiredDeliveryMediums
      if (req.DesiredDeliveryMediums?.includes('EMAIL') && email === undefined) throw invalidParameter('User has no email to deliver the invitation to.')
      const taken = [...users.values()].some(
        (u) =>
          u.Username === req.Username ||
          (byEmail && attr(u, 'email')?.toLowerCase() === email?.toLowerCase()) ||
          (byPhone && attr(u, 'phone_number') === phone),
      )
      // source: model UsernameExistsException; AWSB-132
      if (taken) throw new AwsError('UsernameExistsException', 'User account already exists')
      countInvitationMail(pool, req)
      const sub = randomUUID()
      const now = Date.now() / 1000
      const generated = usernameAttrs.length > 0
      const user = {
        // source: model AdminCreateUserRequest.Username (generated in a username-attribute pool); AWSB-130
        Username: generated ? sub : req.Username,
        Attributes: [
          // source: AWSB-133
          { Name: 'sub', Value: sub },
          ...attrs.filter((a) => a.Name !== 'sub'),
          ...(byEmail && !attrs.some((a) => a.Name === 'email') ? [{ Name: 'email', Value: req.Username }] : []),
          ...(byPhone && !attrs.some((a) => a.Name === 'phone_number') ? [{ Name: 'phone_number', Value: req.Username }] : []),
        ],
        UserCreateDate: now,
        UserLastModifiedDate: now,
        Enabled: true,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      }
      users.set(user.Username, user)
      // source: model AdminCreateUserResponse
      return { User: view(user) }
    },

    AdminGetUser(req) {
      const pool = getPool(req.UserPoolId)
      const users = usersOf(pool.Id)
      const u = users.get(req.Username) ?? [...users.values()].find((x) => attr(x, 'email')?.toLowerCase() === String(req.Username).toLowerCase())
      // source: model UserNotFoundException; AWSB-135
      if (!u) throw new AwsError('UserNotFoundException', 'User does not exist.')
      // source: model AdminGetUserResponse
      return {
        Username: u.Username,
        UserAttributes: view(u.Attributes),
        UserCreateDate: u.UserCreateDate,
        UserLastModifiedDate: u.UserLastModifiedDate,
        Enabled: u.Enabled,
        UserStatus: u.UserStatus,
      }
    },

    ListUsers(req) {
      const pool = getPool(req.UserPoolId)
      const limit = req.Limit ?? 60
      // source: model ListUsersRequest.Limit; AWSB-136
      if (limit < 0 || limit > 60) throw invalidParameter('Limit must be between 0 and 60.')
      let all = [...usersOf(pool.Id).values()]
      if (req.Filter) {
        const m = /^\s*(\w+)\s*=\s*"([^"]*)"\s*$/.exec(req.Filter)
        // source: model ListUsersRequest.Filter; AWSB-136
        if (!m) throw invalidParameter(`Invalid filter: ${req.Filter}`)
        const [, name, value] = m
        all = all.filter((u) => (name === 'username' ? u.Username : attr(u, name ?? '')) === value)
      }
      const start = req.PaginationToken ? Number(Buffer.from(req.PaginationToken, 'base64').toString()) : 0
      const page = all.slice(start, start + limit)
      const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64') : undefined
      // source: model ListUsersResponse
      return { Users: page.map(view), ...(next ? { PaginationToken: next } : {}) }
    },
  }
  return {
    handlers,
    dropFor: (/** @type {string} */ id) => byPool.delete(id),
    /** Messages the default email sent on the UTC day of `ms` (the test's view of the counter). @param {number} ms */
    mailsSentOn: (ms) => mailSent.get(new Date(ms).toISOString().slice(0, 10)) ?? 0,
  }
}
