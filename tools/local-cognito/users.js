// @ts-check
/**
 * Users (AdminCreateUser, AdminGetUser, ListUsers with paging and an exact `attr = "value"` Filter),
 * with AWS's rules: UsernameExistsException, an e-mail username in a pool whose UsernameAttributes
 * include email (the user's Username is then a generated sub), and the email attribute kept.
 */
import { randomUUID } from 'node:crypto'
import { AwsError, invalidParameter } from './errors.js'

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** @param {{ getPool: (id: string) => any }} deps */
export function createUsers({ getPool }) {
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

  /** @type {Record<string, (req: Record<string, any>) => Record<string, unknown>>} */
  const handlers = {
    AdminCreateUser(req) {
      const pool = getPool(req.UserPoolId)
      const users = usersOf(pool.Id)
      const attrs = /** @type {{ Name: string, Value: string }[]} */ (req.UserAttributes ?? [])
      const emailUsername = (pool.UsernameAttributes ?? []).includes('email')
      const email = attrs.find((a) => a.Name === 'email')?.Value ?? (emailUsername ? req.Username : undefined)
      if (emailUsername && !EMAIL.test(req.Username ?? '')) throw invalidParameter('Username should be an email.')
      if (email !== undefined && !EMAIL.test(email)) throw invalidParameter('Invalid email address format.')
      if (req.DesiredDeliveryMediums?.includes('EMAIL') && email === undefined) throw invalidParameter('User has no email to deliver the invitation to.')
      const taken = [...users.values()].some((u) => u.Username === req.Username || (emailUsername && attr(u, 'email')?.toLowerCase() === email?.toLowerCase()))
      if (taken) throw new AwsError('UsernameExistsException', 'User account already exists')
      const sub = randomUUID()
      const now = Date.now() / 1000
      const user = {
        Username: emailUsername ? sub : req.Username,
        Attributes: [
          { Name: 'sub', Value: sub },
          ...attrs.filter((a) => a.Name !== 'sub'),
          ...(emailUsername && !attrs.some((a) => a.Name === 'email') ? [{ Name: 'email', Value: req.Username }] : []),
        ],
        UserCreateDate: now,
        UserLastModifiedDate: now,
        Enabled: true,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      }
      users.set(user.Username, user)
      return { User: view(user) }
    },

    AdminGetUser(req) {
      const pool = getPool(req.UserPoolId)
      const users = usersOf(pool.Id)
      const u = users.get(req.Username) ?? [...users.values()].find((x) => attr(x, 'email')?.toLowerCase() === String(req.Username).toLowerCase())
      if (!u) throw new AwsError('UserNotFoundException', 'User does not exist.')
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
      if (limit < 0 || limit > 60) throw invalidParameter('Limit must be between 0 and 60.')
      let all = [...usersOf(pool.Id).values()]
      if (req.Filter) {
        const m = /^\s*(\w+)\s*=\s*"([^"]*)"\s*$/.exec(req.Filter)
        if (!m) throw invalidParameter(`Invalid filter: ${req.Filter}`)
        const [, name, value] = m
        all = all.filter((u) => (name === 'username' ? u.Username : attr(u, name ?? '')) === value)
      }
      const start = req.PaginationToken ? Number(Buffer.from(req.PaginationToken, 'base64').toString()) : 0
      const page = all.slice(start, start + limit)
      const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64') : undefined
      return { Users: page.map(view), ...(next ? { PaginationToken: next } : {}) }
    },
  }
  return { handlers, dropFor: (/** @type {string} */ id) => byPool.delete(id) }
}
