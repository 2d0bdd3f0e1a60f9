// @ts-check
/**
 * fault-proxy: a loopback-only HTTP proxy for tests. In front of the local Cognito it forwards each AWS
 * call and then, when a rule matches the call's operation (X-Amz-Target), throws the real answer away
 * and answers 500 or 503, resets the connection, hangs, or answers 200 with an empty body: the call
 * WAS processed, only its answer is lost. It also serves HTTP CONNECT (to loopback targets only), so it
 * doubles as the HTTPS_PROXY of proxy tests.
 *
 *   const proxy = await startFaultProxy({ upstream: lc.url })
 *   proxy.add({ operation: 'CreateUserPool', kind: 'reset' })
 */
import { createServer, request } from 'node:http'
import { connect } from 'node:net'

/**
 * @typedef {'500' | '503' | 'reset' | 'hang' | 'empty' | 'rewrite'} FaultKind
 * @typedef {{ status: number, body: any, request: any }} Answer
 * @typedef {{ operation: string, kind: FaultKind, times?: number, rewrite?: (answer: Answer) => { status?: number, body: any } }} Rule
 */

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** @param {{ upstream?: string }} options */
export async function startFaultProxy(options = {}) {
  const upstream = options.upstream ? new URL(options.upstream) : undefined
  /** @type {Rule[]} */
  const rules = []
  /** Operations forwarded, in order, with the fault applied to each (if any). @type {{ operation: string, fault?: FaultKind }[]} */
  const seen = []
  /** CONNECT targets tunnelled. @type {string[]} */
  const tunnels = []
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()

  /** @param {string} operation @returns {Rule | undefined} */
  function take(operation) {
    const i = rules.findIndex((r) => r.operation === operation || r.operation === '*')
    if (i < 0) return undefined
    const rule = /** @type {Rule} */ (rules[i])
    rule.times = (rule.times ?? 1) - 1
    if (rule.times <= 0) rules.splice(i, 1)
    return rule
  }

  const server = createServer((req, res) => {
    if (!upstream) {
      res.writeHead(502)
      res.end()
      return
    }
    const target = String(req.headers['x-amz-target'] ?? '')
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
    const rule = operation ? take(operation) : undefined
    const fault = rule?.kind
    seen.push({ operation, ...(fault ? { fault } : {}) })
    /** @type {Buffer[]} */
    const sent = []
    req.on('data', (c) => sent.push(c))
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      /** @type {Buffer[]} */
      const chunks = []
      answer.on('data', (c) => chunks.push(c))
      answer.on('end', () => {
        if (fault === 'reset') return req.socket.destroy()
        if (fault === 'hang') return // the socket stays open; the client's timeout must end it
        if (fault === '500' || fault === '503') {
          const body = JSON.stringify({ __type: fault === '500' ? 'InternalErrorException' : 'ServiceUnavailable', message: 'injected after processing' })
          res.writeHead(Number(fault), { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(body) })
          return res.end(body)
        }
        if (fault === 'rewrite' && rule?.rewrite) {
          // A hostile or odd answer: the real one (AWS acted) turned into another by the test.
          const text = Buffer.concat(chunks).toString('utf8')
          const changed = rule.rewrite({
            status: answer.statusCode ?? 200,
            body: text ? JSON.parse(text) : {},
            request: JSON.parse(Buffer.concat(sent).toString('utf8') || '{}'),
          })
          const body = typeof changed.body === 'string' ? changed.body : JSON.stringify(changed.body)
          const status = changed.status ?? 200
          const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(body) }
          res.writeHead(status, status >= 400 && changed.body?.__type ? { ...headers, 'x-amzn-ErrorType': changed.body.__type } : headers)
          return res.end(body)
        }
        if (fault === 'empty') {
          res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': 0 })
          return res.end()
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        res.end(Buffer.concat(chunks))
      })
    })
    out.on('error', () => req.socket.destroy())
    req.pipe(out)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (req, socket, head) => {
    const [host = '', port = ''] = String(req.url)
      .replace(/^\[(.*)\]/, '$1')
      .split(/:(?=\d+$)/)
    if (!LOOPBACK.has(host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    tunnels.push(`${host}:${port}`)
    const to = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) to.write(head)
      to.pipe(socket)
      socket.pipe(to)
    })
    to.on('error', () => socket.destroy())
    socket.on('error', () => to.destroy())
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** @param {Rule} rule */
    add(rule) {
      rules.push({ ...rule, times: rule.times ?? 1 })
    },
    get pending() {
      return rules.map((r) => ({ ...r }))
    },
    /** Drops every rule not yet used up. */
    clear() {
      rules.length = 0
    },
    seen,
    tunnels,
    /** @returns {Promise<void>} */
    close() {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
