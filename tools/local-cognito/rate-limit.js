// @ts-check
/**
 * Request-rate quotas of the user pools API, as AWS documents them, enforced with token buckets: a call
 * past the quota is answered TooManyRequestsException ("Rate exceeded") and changes nothing.
 *
 * Source: Amazon Cognito Developer Guide, "Quotas in Amazon Cognito", section "Amazon Cognito user pools
 * API operation categories and request rate quotas"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations):
 * - each operation belongs to one category; the category's "Default quota (RPS)" is shared by every
 *   operation of the category, across all user pools of one account in one Region;
 * - footnote 3: "Any individual operation in this category has a constraint that prevents the operation
 *   from being called at a rate higher than 5 RPS for a single user pool" (UserPoolResourceRead,
 *   UserPoolResourceUpdate, UserPoolClientRead, UserPoolClientUpdate).
 * Only the operations this local Cognito serves are listed; an operation of no category is not limited
 * (a test in __tests__/local-cognito/rate-limit.test.ts keeps every served operation classified).
 *
 * AWS documents rates, not bursts: a bucket here holds one second of requests (burst = rate) unless the
 * test says otherwise. Time comes from `clock` (milliseconds): performance.now() by default, or a
 * `manualClock()` that only the test advances.
 */
import { performance } from 'node:perf_hooks'

/**
 * @typedef {{ rps: number, perPoolPerOperation?: number, operations: string[] }} Category
 * @typedef {{ now: () => number }} Clock
 * @typedef {{ perSecond?: number, burst?: number, scale?: number, perPoolPerOperation?: number | false, clock?: Clock }} RateLimitOptions
 */

/** The per-pool cap of footnote 3 (5 RPS per operation per user pool). */
export const PER_POOL_PER_OPERATION_RPS = 5

/** @type {Record<string, Category>} AWS's categories and default quotas (RPS), for the operations served here. */
export const CATEGORIES = {
  UserCreation: { rps: 50, operations: ['AdminCreateUser', 'SignUp', 'ConfirmSignUp', 'AdminConfirmSignUp'] },
  UserRead: { rps: 120, operations: ['AdminGetUser', 'GetUser', 'AdminGetUserAuthFactors'] },
  UserList: { rps: 30, operations: ['ListUsers', 'ListUsersInGroup'] },
  UserPoolRead: { rps: 15, operations: ['DescribeUserPool', 'ListUserPools'] },
  UserPoolUpdate: { rps: 15, operations: ['CreateUserPool', 'UpdateUserPool', 'DeleteUserPool'] },
  UserPoolResourceRead: {
    rps: 20,
    perPoolPerOperation: PER_POOL_PER_OPERATION_RPS,
    operations: [
      'DescribeIdentityProvider',
      'DescribeResourceServer',
      'DescribeUserPoolDomain',
      'GetUserPoolMfaConfig',
      // a pool's configuration beside the pool itself, as GetUserPoolMfaConfig
      'GetLogDeliveryConfiguration',
      'ListIdentityProviders',
      'ListResourceServers',
      'ListTagsForResource',
      'DescribeManagedLoginBranding',
      'DescribeManagedLoginBrandingByClient',
      // "resources, such as groups or resource servers" (the category's description on the quotas page)
      'GetGroup',
      'ListGroups',
    ],
  },
  UserPoolResourceUpdate: {
    rps: 15,
    perPoolPerOperation: PER_POOL_PER_OPERATION_RPS,
    operations: [
      'CreateIdentityProvider',
      'CreateResourceServer',
      'CreateUserPoolDomain',
      'DeleteIdentityProvider',
      'DeleteResourceServer',
      'DeleteUserPoolDomain',
      'SetUserPoolMfaConfig',
      'UpdateIdentityProvider',
      'UpdateResourceServer',
      'UpdateUserPoolDomain',
      'TagResource',
      'UntagResource',
      'CreateManagedLoginBranding',
      'UpdateManagedLoginBranding',
      'DeleteManagedLoginBranding',
      'CreateGroup',
      'UpdateGroup',
      'DeleteGroup',
    ],
  },
  UserPoolClientRead: { rps: 15, perPoolPerOperation: PER_POOL_PER_OPERATION_RPS, operations: ['DescribeUserPoolClient', 'ListUserPoolClients'] },
  UserPoolClientUpdate: {
    rps: 15,
    perPoolPerOperation: PER_POOL_PER_OPERATION_RPS,
    operations: ['CreateUserPoolClient', 'DeleteUserPoolClient', 'UpdateUserPoolClient'],
  },
}

/** @param {string} operation @returns {string | undefined} the category of an operation */
export function categoryOf(operation) {
  for (const [name, c] of Object.entries(CATEGORIES)) if (c.operations.includes(operation)) return name
  return undefined
}

/** A clock that stands still until the test advances it (milliseconds). */
export function manualClock(start = 0) {
  let t = start
  return {
    now: () => t,
    /** @param {number} ms */
    advance(ms) {
      t += ms
    },
  }
}

/**
 * One token bucket: `capacity` tokens, refilled at `perSecond`; starts full.
 * @param {number} perSecond @param {number} capacity @param {Clock} clock
 */
function bucket(perSecond, capacity, clock) {
  let tokens = capacity
  let at = clock.now()
  const refill = () => {
    const now = clock.now()
    tokens = Math.min(capacity, tokens + ((now - at) / 1000) * perSecond)
    at = now
  }
  return {
    /** Whether a token is there (after refilling). */
    ready() {
      refill()
      return tokens >= 1
    },
    take() {
      tokens -= 1
    },
  }
}

/**
 * The rate limiter of one local Cognito (one account, one Region).
 *
 * - `{}`: AWS's figures (CATEGORIES, and 5 RPS per operation per pool where footnote 3 says so);
 * - `{ perSecond, burst }`: that rate for every category instead (no per-pool cap unless
 *   `perPoolPerOperation` is given);
 * - `scale`: multiplies every rate and burst (AWS's proportions, faster or slower);
 * - `clock`: where time comes from (default performance.now()).
 * @param {RateLimitOptions} [options]
 */
export function createRateLimiter(options = {}) {
  const clock = options.clock ?? { now: () => performance.now() }
  const scale = options.scale ?? 1
  if (!(scale > 0)) throw new Error('rateLimit.scale must be a positive number')
  /** @type {Map<string, ReturnType<typeof bucket>>} */
  const buckets = new Map()
  /** @type {Record<string, number>} */
  const throttled = {}
  /** @param {string} key @param {number} rps @param {number | undefined} burst */
  const get = (key, rps, burst) => {
    let b = buckets.get(key)
    if (!b) buckets.set(key, (b = bucket(rps * scale, Math.max(1, (burst ?? rps) * scale), clock)))
    return b
  }
  /** @param {string} category */
  const accountRate = (category) => options.perSecond ?? CATEGORIES[category]?.rps ?? Infinity
  /** @param {string} category */
  const perPoolRate = (category) => {
    if (options.perPoolPerOperation === false) return undefined
    if (options.perPoolPerOperation !== undefined) return options.perPoolPerOperation
    return options.perSecond === undefined ? CATEGORIES[category]?.perPoolPerOperation : undefined
  }

  return {
    /**
     * Admits a call (taking its tokens) or refuses it (taking none). Returns the category that refused it.
     * @param {string} operation @param {string | undefined} userPoolId
     * @returns {string | undefined}
     */
    admit(operation, userPoolId) {
      const category = categoryOf(operation)
      if (!category) return undefined
      const needed = [get(category, accountRate(category), options.burst)]
      const perPool = perPoolRate(category)
      if (perPool !== undefined && userPoolId) needed.push(get(`${category}/${userPoolId}/${operation}`, perPool, perPool))
      if (!needed.every((b) => b.ready())) {
        throttled[category] = (throttled[category] ?? 0) + 1
        return category
      }
      for (const b of needed) b.take()
      return undefined
    },
    /** Calls refused so far, by category. */
    throttled,
  }
}
