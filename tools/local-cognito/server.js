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
import { AwsError, COMMON_ERRORS } from './errors.js'
import { createBackend } from './cognito.js'
import { checkOutput, modelErrors, validateInput } from './validate.js'
import { createWeb } from './web.js'

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/**
 * @typedef {{ operation: string, request: unknown, status: number, response?: unknown, error?: { code: string, message: string } }} Call
 * @typedef {{ operation: string, kind: 'throttle' | 'server-error' | 'reset', times?: number }} Fault
 * @typedef {{ region?: string, accountId?: string, port?: number, host?: string, domainActivationMs?: number, holdDomains?: boolean, issuerBaseUrl?: string, latencyMs?: number }} Options
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
  const backend = createBackend({ region, accountId, domainActivationMs: options.domainActivationMs ?? 0, holdDomains: options.holdDomains ?? false })
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
   * Barriers: calls to `operation` wait until `count` of them have arrived, then all go on together
   * (races made adversarial on purpose). @type {{ operation: string, count: number, waiting: (() => void)[] }[]}
   */
  const barriers = []

  /**
   * Runs an operation: model validation, handler, output check. Throws AwsError.
   * @param {string} operation @param {unknown} input
   * @returns {Record<string, unknown>}
   */
  function execute(operation, input) {
    const handler = Object.hasOwn(backend.handlers, operation) ? backend.handlers[operation] : undefined
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`)
    try {
      const invalid = validateInput(operation, input)
      if (invalid) throw new AwsError('InvalidParameterException', invalid)
      const out = handler(/** @type {Record<string, any>} */ (input ?? {}))
      const { value, violations } = checkOutput(operation, out)
      contractViolations.push(...violations)
      return JSON.parse(JSON.stringify(value))
    } catch (e) {
      const err = e instanceof AwsError ? e : new AwsError('InternalErrorException', `Internal error: ${/** @type {Error} */ (e).message}`, 500)
      if (!modelErrors(operation).includes(err.code) && !COMMON_ERRORS.includes(err.code)) {
        contractViolations.push(`${operation}: returned error ${err.code}, which the model does not list for this operation`)
      }
      throw err
    }
  }

  /** @param {string} operation */
  function takeFault(operation) {
    const i = faultRules.findIndex((f) => f.operation === operation || f.operation === '*')
    if (i < 0) return undefined
    const rule = /** @type {Fault} */ (faultRules[i])
    rule.times = (rule.times ?? 1) - 1
    if (rule.times <= 0) faultRules.splice(i, 1)
    return rule.kind
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
    const call = { operation, request, status: 0 }
    calls.push(call)
    /** @param {AwsError} err */
    const fail = (err) => {
      call.status = err.status
      call.error = { code: err.code, message: err.message }
      send(res, err.status, { __type: err.code, message: err.message }, err.code)
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) {
      return fail(new AwsError('UnrecognizedClientException', 'Missing Authentication Token: the request must be signed with AWS Signature Version 4.'))
    }
    if (!target.startsWith(TARGET_PREFIX) || !Object.hasOwn(backend.handlers, operation)) {
      return fail(new AwsError('UnknownOperationException', `Unknown operation ${operation || '(no X-Amz-Target)'}`))
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return fail(new AwsError('SerializationException', 'Request body is not a JSON object.'))
    }
    if (api.latencyMs > 0) await sleep(api.latencyMs)
    if (lc.allowOperations && !lc.allowOperations.includes(operation)) {
      const resource = /** @type {any} */ (request).UserPoolId
        ? `arn:aws:cognito-idp:${region}:${accountId}:userpool/${/** @type {any} */ (request).UserPoolId}`
        : (/** @type {any} */ (request).ResourceArn ?? `arn:aws:cognito-idp:${region}:${accountId}:userpool/*`)
      return fail(
        new AwsError(
          'AccessDeniedException',
          `User: arn:aws:sts::${accountId}:assumed-role/local/session is not authorized to perform: cognito-idp:${operation} on resource: ${resource} because no identity-based policy allows the cognito-idp:${operation} action`,
        ),
      )
    }
    const barrier = barriers.find((b) => b.operation === operation)
    if (barrier) {
      await new Promise((resolve) => {
        barrier.waiting.push(() => resolve(undefined))
        if (barrier.waiting.length >= barrier.count) {
          barriers.splice(barriers.indexOf(barrier), 1)
          for (const go of barrier.waiting) go()
        }
      })
    }
    const fault = takeFault(operation)
    if (fault === 'reset') {
      call.error = { code: 'ConnectionReset', message: 'socket destroyed by fault injection' }
      req.socket.destroy()
      return
    }
    if (fault === 'throttle') return fail(new AwsError('TooManyRequestsException', 'Rate exceeded'))
    if (fault === 'server-error') return fail(new AwsError('InternalErrorException', 'Internal server error (injected fault).', 500))
    try {
      const response = execute(operation, request)
      call.status = 200
      call.response = response
      send(res, 200, response)
    } catch (e) {
      fail(/** @type {AwsError} */ (e))
    }
  }
  api.latencyMs = options.latencyMs ?? 0

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
        } else if (!(await web.handle(req, res))) {
          res.writeHead(404, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ message: 'Not Found' }))
        }
      }
      run().catch((e) => {
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
    /** Every AWS API request in arrival order (including denied and faulted ones). */
    calls,
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
     * Holds calls to `operation` until `count` of them have arrived, then lets them all through
     * (each barrier once). @param {{ operation: string, count: number }} barrier
     */
    barrier(barrier) {
      barriers.push({ ...barrier, waiting: [] })
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
     * Calls an operation directly (validated, same semantics; not recorded, no faults, no allow-list).
     * Throws an Error with `.code` (the AWS error code) on AWS errors.
     * @param {string} operation @param {Record<string, unknown>} [input]
     * @returns {Promise<any>}
     */
    async invoke(operation, input = {}) {
      return execute(operation, JSON.parse(JSON.stringify(input)))
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
      pool.CreationDate = seconds
      pool.LastModifiedDate = Math.max(pool.LastModifiedDate, seconds)
    },
    /** Managed login branding styles stored for a pool (all pools without an ID). */
    brandingStyles: backend.brandingStyles,
    /** Public JWKs (without kid) shared by every pool of this server. */
    serverKeys: web.serverKeys,
    /** Makes a domain ACTIVE now; with holdDomains, domains stay CREATING until this is called. @param {string} domain */
    activateDomain(domain) {
      backend.activateDomain(domain)
    },
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
