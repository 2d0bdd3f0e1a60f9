// @ts-check
/**
 * local-cognito: a local Amazon Cognito user pools server (AWS JSON 1.1 protocol) that enforces AWS's
 * published contract (model/service-2.json) and documented semantics, with hooks for tests.
 *
 *   const lc = await startLocalCognito({ port: 0 })
 *   new CognitoIdentityProviderClient({ endpoint: lc.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } })
 */
import { createServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { performance } from 'node:perf_hooks'
import { AwsError, COMMON_ERRORS, UNMODELED_ERRORS } from './errors.js'
import { createBackend } from './cognito.js'
import { checkOutput, modelErrors, validateInput } from './validate.js'
import { createWeb } from './web.js'
import { seedPools } from './seed.js'
import { createDiscovery } from './discovery.js'
import { createRateLimiter } from './rate-limit.js'

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/**
 * A recorded API request. `started` is when the request (fully read) reached the API handler, `ended` when its
 * answer was sent or its connection destroyed, both `performance.now()` of this process in milliseconds (after
 * any added latency, barrier or fault): what scripts/bench.js counts sequential waves from.
 * @typedef {{ operation: string, request: unknown, status: number, response?: unknown, error?: { code: string, message: string }, started: number, ended?: number }} Call
 * @typedef {{ operation: string, kind: 'throttle' | 'server-error' | 'reset' | 'invalid-parameter' | 'refuse-quoting', times?: number,
 *   match?: (request: any) => boolean, message?: string, member?: string, line?: number }} Fault
 *   `match`: only requests it returns true for take the fault. 'invalid-parameter': InvalidParameterException
 *   with `message`. 'refuse-quoting': InvalidParameterException whose message quotes line `line` (0-based) of
 *   the request member `member` (a dotted path such as 'ProviderDetails.private_key'), the way AWS's answer
 *   to a malformed Sign in with Apple key quoted one line of it (issue 16, case 4).
 * @typedef {{ region?: string, accountId?: string, port?: number, host?: string, domainActivationMs?: number, holdDomains?: boolean,
 *   holdDomainUpdates?: boolean, holdDomainDeletes?: boolean, issuerBaseUrl?: string, latencyMs?: number,
 *   rateLimit?: import('./rate-limit.js').RateLimitOptions }} Options
 *   rateLimit: enforce AWS's request-rate quotas (rate-limit.js); off when left out.
 *
 * Domains go through their statuses under the test's control: with `holdDomains` a new domain stays
 * CREATING until `lc.activateDomain(name)`; with `holdDomainUpdates` an updated one stays UPDATING until
 * `lc.activateDomain(name)`; with `holdDomainDeletes` a deleted one stays DELETING (the pool keeps it)
 * until `lc.finishDomainDeletion(name)`. Without them each goes straight to its end state.
 */

/** @param {string} operation */
const isReadOperation = (operation) => /^(Describe|List|Get)/.test(operation)

/**
 * Starts a local Cognito server on 127.0.0.1.
 * @param {Options} [options]
 */
export async function startLocalCognito(options = {}) {
  const region = options.region ?? 'us-east-1'
  const accountId = options.accountId ?? '123456789012'
  const host = options.host ?? '127.0.0.1'
  const discovery = createDiscovery()
  const backend = createBackend({
    region,
    accountId,
    domainActivationMs: options.domainActivationMs ?? 0,
    holdDomains: options.holdDomains ?? false,
    holdDomainUpdates: options.holdDomainUpdates ?? false,
    holdDomainDeletes: options.holdDomainDeletes ?? false,
    discovery,
  })
  /** Domains whose hosted UI answered 503 (not active yet), and who waits for that. */
  const refusedDomains = new Set()
  /** @type {Map<string, (() => void)[]>} */
  const refusedWaiters = new Map()
  /** @param {string} domain */
  const onInactiveDomain = (domain) => {
    refusedDomains.add(domain)
    for (const wake of refusedWaiters.get(domain) ?? []) wake()
    refusedWaiters.delete(domain)
  }

  /** @type {Fault[]} */
  const faultRules = []
  /** @type {Call[]} */
  const calls = []
  /** @type {string[]} */
  const contractViolations = []
  /**
   * Barriers: calls to one of `operations` wait until `count` of them have arrived (without a count: one
   * of each operation), then all go on together (races made adversarial on purpose; calls the bench must
   * see in one wave). @type {{ operations: string[], count?: number, waiting: { operation: string, go: () => void }[] }[]}
   */
  const barriers = []

  /**
   * Runs an operation: model validation, handler, output check. Throws AwsError.
   * @param {string} operation @param {unknown} input
   * @returns {Record<string, unknown>}
   */
  function execute(operation, input) {
    const handler = Object.hasOwn(backend.handlers, operation) ? backend.handlers[operation] : undefined
    // source: AWSB-151
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`)
    try {
      const invalid = validateInput(operation, input)
      // source: AWSB-153 (model: every input shape)
      if (invalid) throw new AwsError('InvalidParameterException', invalid)
      const out = handler(/** @type {Record<string, any>} */ (input ?? {}))
      const { value, violations } = checkOutput(operation, out)
      contractViolations.push(...violations)
      return JSON.parse(JSON.stringify(value))
    } catch (e) {
      // A bug of the local Cognito itself shows as AWS's internal error.
      // source: model InternalErrorException
      const err = e instanceof AwsError ? e : new AwsError('InternalErrorException', `Internal error: ${/** @type {Error} */ (e).message}`, 500)
      if (!modelErrors(operation).includes(err.code) && !COMMON_ERRORS.includes(err.code) && !UNMODELED_ERRORS[operation]?.includes(err.code)) {
        contractViolations.push(`${operation}: returned error ${err.code}, which the model does not list for this operation`)
      }
      throw err
    }
  }

  /** @param {string} operation @param {unknown} request @returns {Fault | undefined} */
  function takeFault(operation, request) {
    const i = faultRules.findIndex((f) => (f.operation === operation || f.operation === '*') && (!f.match || f.match(request)))
    if (i < 0) return undefined
    const rule = /** @type {Fault} */ (faultRules[i])
    rule.times = (rule.times ?? 1) - 1
    if (rule.times <= 0) faultRules.splice(i, 1)
    return rule
  }

  const rateLimiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined

  /**
   * The message of a 'refuse-quoting' fault: one line of a request member, quoted.
   * @param {Fault} fault @param {unknown} request
   */
  function quotingMessage(fault, request) {
    /** @type {any} */
    let value = request
    for (const part of (fault.member ?? '').split('.')) value = value?.[part]
    const line = String(value ?? '').split(/\r?\n/)[fault.line ?? 0] ?? ''
    const name = (fault.member ?? 'value').split('.').pop()
    return `Invalid ${name}: unable to parse the key near '${line}'.`
  }

  /**
   * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body @param {string} [errorType]
   */
  function send(res, status, body, errorType) {
    const text = JSON.stringify(body)
    /** @type {Record<string, string | number>} */
    const headers = {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': Buffer.byteLength(text),
      'x-amzn-RequestId': randomUUID(),
    }
    if (errorType) headers['x-amzn-ErrorType'] = errorType
    res.writeHead(status, headers)
    res.end(text)
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} rawBody
   */
  async function api(req, res, rawBody) {
    const target = String(req.headers['x-amz-target'] ?? '')
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target
    /** @type {unknown} */
    let request
    try {
      request = rawBody.trim() ? JSON.parse(rawBody) : {}
    } catch {
      request = rawBody
    }
    /** @type {Call} */
    const call = { operation, request, status: 0, started: performance.now() }
    calls.push(call)
    res.once('finish', () => (call.ended = performance.now()))
    res.once('close', () => (call.ended ??= performance.now()))
    /** @param {AwsError} err */
    const fail = (err) => {
      call.status = err.status
      call.error = { code: err.code, message: err.message }
      send(res, err.status, { __type: err.code, message: err.message }, err.code)
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) {
      // source: AWSB-150
      return fail(new AwsError('UnrecognizedClientException', 'Missing Authentication Token: the request must be signed with AWS Signature Version 4.'))
    }
    if (!target.startsWith(TARGET_PREFIX) || !Object.hasOwn(backend.handlers, operation)) {
      // source: AWSB-151
      return fail(new AwsError('UnknownOperationException', `Unknown operation ${operation || '(no X-Amz-Target)'}`))
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      // source: AWSB-152
      return fail(new AwsError('SerializationException', 'Request body is not a JSON object.'))
    }
    if (api.latencyMs > 0) await sleep(api.latencyMs)
    if (lc.allowOperations && !lc.allowOperations.includes(operation)) {
      const resource = /** @type {any} */ (request).UserPoolId
        ? `arn:aws:cognito-idp:${region}:${accountId}:userpool/${/** @type {any} */ (request).UserPoolId}`
        : (/** @type {any} */ (request).ResourceArn ?? `arn:aws:cognito-idp:${region}:${accountId}:userpool/*`)
      // source: AWSB-156; test-hook lc.allowOperations
      return fail(
        new AwsError(
          'AccessDeniedException',
          `User: arn:aws:sts::${accountId}:assumed-role/local/session is not authorized to perform: cognito-idp:${operation} on resource: ${resource} because no identity-based policy allows the cognito-idp:${operation} action`,
        ),
      )
    }
    const barrier = barriers.find((b) => b.operations.includes(operation))
    if (barrier) {
      await new Promise((resolve) => {
        barrier.waiting.push({ operation, go: () => resolve(undefined) })
        const arrived =
          barrier.count === undefined
            ? barrier.operations.every((op) => barrier.waiting.some((w) => w.operation === op))
            : barrier.waiting.length >= barrier.count
        if (arrived) {
          barriers.splice(barriers.indexOf(barrier), 1)
          for (const w of barrier.waiting) w.go()
        }
      })
    }
    const limitedBy = rateLimiter?.admit(operation, /** @type {any} */ (request).UserPoolId)
    // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (request rate quotas: rate-limit.js)
    if (limitedBy) return fail(new AwsError('TooManyRequestsException', 'Rate exceeded'))
    const rule = takeFault(operation, request)
    const fault = rule?.kind
    // source: test-hook lc.faults (not an AWS rule: fault injection for the tests)
    if (fault === 'invalid-parameter') return fail(new AwsError('InvalidParameterException', rule?.message ?? 'Invalid parameter (injected fault).'))
    // source: test-hook lc.faults (not an AWS rule: an answer that quotes one line of a member, issue 16 case 4)
    if (fault === 'refuse-quoting' && rule) return fail(new AwsError('InvalidParameterException', quotingMessage(rule, request)))
    if (fault === 'reset') {
      call.error = { code: 'ConnectionReset', message: 'socket destroyed by fault injection' }
      req.socket.destroy()
      return
    }
    // source: test-hook lc.faults (model TooManyRequestsException)
    if (fault === 'throttle') return fail(new AwsError('TooManyRequestsException', 'Rate exceeded'))
    // source: test-hook lc.faults (model InternalErrorException)
    if (fault === 'server-error') return fail(new AwsError('InternalErrorException', 'Internal server error (injected fault).', 500))
    try {
      await discovery.prefetch(operation, /** @type {Record<string, any>} */ (request), backend.providerType)
      const response = execute(operation, request)
      call.status = 200
      call.response = response
      send(res, 200, response)
    } catch (e) {
      fail(/** @type {AwsError} */ (e))
    }
  }
  api.latencyMs = options.latencyMs ?? 0

  /** How many pools seedPools has made (the next one's index). */
  let seeded = 0
  /** @type {string} */
  let url = ''
  const web = createWeb({ backend, region, baseUrl: () => url, issuerBaseUrl: () => options.issuerBaseUrl ?? url, onInactiveDomain })

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const run = async () => {
        if (req.method === 'POST' && (req.url === '/' || req.url?.startsWith('/?'))) {
          await api(req, res, body)
        } else if (!(await web.handle(req, res, body))) {
          res.writeHead(404, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ message: 'Not Found' }))
        }
      }
      run().catch((e) => {
        // source: model InternalErrorException
        if (!res.headersSent) send(res, 500, { __type: 'InternalErrorException', message: String(e) }, 'InternalErrorException')
      })
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve(undefined))
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  url = `http://${host}:${address.port}`

  const lc = {
    url,
    port: address.port,
    region,
    accountId,
    /** Every AWS API request in arrival order (including denied, throttled and faulted ones). */
    calls,
    /** With options.rateLimit: calls refused with TooManyRequestsException so far, by quota category. */
    get throttled() {
      return { ...(rateLimiter?.throttled ?? {}) }
    },
    /** Problems found in responses (members the model does not define, error codes it does not list...). */
    contractViolations,
    /** When set, only these operations are allowed; others → AccessDeniedException. @type {string[] | undefined} */
    allowOperations: /** @type {string[] | undefined} */ (undefined),
    get latencyMs() {
      return api.latencyMs
    },
    set latencyMs(v) {
      api.latencyMs = v
    },
    /**
     * Holds calls to `operation` until `count` of them have arrived, or calls to any of `operations` until
     * one of each has arrived, then lets them all through (each barrier once).
     * @param {{ operation: string, count: number } | { operations: string[] }} barrier
     */
    barrier(barrier) {
      barriers.push(
        'operations' in barrier ? { operations: barrier.operations, waiting: [] } : { operations: [barrier.operation], count: barrier.count, waiting: [] },
      )
    },
    /** Barriers set and not yet let through. */
    get pendingBarriers() {
      return barriers.length
    },
    faults: {
      /** @param {Fault} fault */
      add(fault) {
        faultRules.push({ ...fault, times: fault.times ?? 1 })
      },
      clear() {
        faultRules.length = 0
      },
      /** Pending fault rules. */
      get pending() {
        return faultRules.map((f) => ({ ...f }))
      },
    },
    /** The calls to operations that are not Describe*, List* or Get*. */
    writeCalls() {
      return calls.filter((c) => !isReadOperation(c.operation))
    },
    clearCalls() {
      calls.length = 0
    },
    /**
     * Test hook: adds `count` pools of other teams and other previews, as real pools (ListUserPools,
     * DescribeUserPool, DescribeUserPoolDomain and ListTagsForResource see them), without HTTP and not
     * recorded. See seed.js for what they look like. @param {number} count @param {import('./seed.js').SeedOptions} [options]
     * @returns {string[]} their IDs, in creation order
     */
    seedPools(count, options = {}) {
      const ids = seedPools((operation, input) => execute(operation, input), count, { first: seeded, ...options })
      seeded += count
      return ids
    },
    /**
     * Calls an operation directly (validated, same semantics; not recorded, no faults, no allow-list, no rate limit).
     * Throws an Error with `.code` (the AWS error code) on AWS errors.
     * @param {string} operation @param {Record<string, unknown>} [input]
     * @returns {Promise<any>}
     */
    async invoke(operation, input = {}) {
      const request = JSON.parse(JSON.stringify(input))
      await discovery.prefetch(operation, request, backend.providerType)
      return execute(operation, request)
    },
    /**
     * Test hook: gives a pool the CreationDate `seconds` (epoch seconds, as ListUserPools and
     * DescribeUserPool answer it), as if it had been created then, so that a test controls a pool's age
     * without a wall clock. LastModifiedDate is kept at or after it.
     * @param {string} userPoolId @param {number} seconds
     */
    setPoolCreationDate(userPoolId, seconds) {
      const pool = backend.pool(userPoolId)
      if (!pool) throw new Error(`setPoolCreationDate: no pool ${userPoolId}`)
      // source: test-hook lc.setPoolCreationDate (not an AWS rule: a pool's age, as the test sets it)
      Object.assign(pool, { CreationDate: seconds, LastModifiedDate: Math.max(pool.LastModifiedDate, seconds) })
    },
    /** Managed login branding styles stored for a pool (all pools without an ID). */
    brandingStyles: backend.brandingStyles,
    /** Public JWKs (without kid) shared by every pool of this server. */
    serverKeys: web.serverKeys,
    /**
     * Makes a domain ACTIVE now: with holdDomains a new domain stays CREATING until this is called, with
     * holdDomainUpdates an updated one stays UPDATING. @param {string} domain
     */
    activateDomain(domain) {
      backend.activateDomain(domain)
    },
    /** With holdDomainDeletes a deleted domain stays DELETING (the pool keeps it) until this is called. @param {string} domain */
    finishDomainDeletion(domain) {
      backend.finishDomainDeletion(domain)
    },
    /** The state of a domain, for tests: its record with Status (CREATING, ACTIVE, UPDATING, DELETING), or undefined. */
    domain: backend.domain,
    /**
     * IAM has not propagated `roleArn` yet: the next `calls` requests carrying it (CreateUserPool,
     * UpdateUserPool, SetUserPoolMfaConfig) are refused with `code`, as AWS refuses them (AWSB-002).
     */
    smsRoleNotPropagated: backend.smsRoleNotPropagated,
    /** The trust policy of an SNS role requires this external ID: requests carrying the role without it are refused (AWSB-224). */
    smsRoleTrust: backend.smsRoleTrust,
    /** Marks a pool as exporting user-activity logs (AWSB-157; SetLogDeliveryConfiguration is not implemented). */
    setLogExport: backend.setLogExport,
    /**
     * The clock (ms since the epoch) by which Cognito's default email counts its 50 messages a UTC day per
     * account (AWSB-203): frozen at the server's start until the test sets it; never the wall clock.
     */
    setMailClock: backend.setMailClock,
    /** Messages Cognito's default email sent on the mail clock's UTC day (AWSB-203). */
    mailsSentToday: backend.mailsSentToday,
    /**
     * Resolves once the hosted UI of `domain` has answered 503 because the domain is not active yet
     * (at once if it already has): the test then knows a client is waiting for it.
     * @param {string} domain @returns {Promise<void>}
     */
    domainRefused(domain) {
      if (refusedDomains.has(domain)) return Promise.resolve()
      return new Promise((resolve) => {
        refusedWaiters.set(domain, [...(refusedWaiters.get(domain) ?? []), () => resolve()])
      })
    },
    /** @returns {Promise<void>} */
    close() {
      return new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()))
        server.closeAllConnections()
      })
    },
  }
  return lc
}

/** @typedef {Awaited<ReturnType<typeof startLocalCognito>>} LocalCognito */
