// HTTPS_PROXY / HTTP_PROXY / NO_PROXY for the AWS SDK's Node HTTP handler: agents that open a
// CONNECT tunnel through the proxy when the target host is not excluded, and connect directly otherwise.
import { Agent as HttpAgent, request as httpRequest, type AgentOptions } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { connect as netConnect, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls'

/** The proxy URL for `target` by the usual environment variables (lower case first), or undefined. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const pick = (...names: string[]): string => names.map((n) => env[n]?.trim() ?? '').find((v) => v !== '') ?? ''
  const raw = target.protocol === 'https:' ? pick('https_proxy', 'HTTPS_PROXY') : pick('http_proxy', 'HTTP_PROXY')
  if (!raw || bypassed(target, pick('no_proxy', 'NO_PROXY'))) return undefined
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`)
  } catch {
    return undefined
  }
}

/** NO_PROXY: comma or space separated hosts, `.suffix` / `*.suffix` domains, `host:port`, or `*`. */
export function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase()
    if (!entry) continue
    if (entry === '*') return true
    const [name = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':')
    if (entryPort && entryPort !== port) continue
    const bare = name.replace(/^\*?\./, '')
    if (host === bare || host.endsWith(`.${bare}`)) return true
  }
  return false
}

type Callback = (error: Error | null, socket: Duplex) => void

/** Opens a CONNECT tunnel to host:port through `proxy`. */
function tunnel(proxy: URL, host: string, port: number, timeoutMs: number, callback: (error: Error | null, socket?: Socket) => void): void {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const headers: Record<string, string> = { host: authority }
  if (proxy.username) {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
  }
  const req = httpRequest({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: Number(proxy.port) || 80,
    method: 'CONNECT',
    path: authority,
    headers,
    timeout: timeoutMs,
  })
  req.once('connect', (res, socket) => {
    if (res.statusCode === 200) return callback(null, socket)
    socket.destroy()
    callback(new Error(`the proxy ${proxy.host} refused to connect to ${authority}: HTTP ${res.statusCode}`))
  })
  req.once('timeout', () => req.destroy(Object.assign(new Error(`the proxy ${proxy.host} did not answer in time`), { code: 'ETIMEDOUT' })))
  req.once('error', (e) => callback(e))
  req.end()
}

interface ConnectOptions extends ConnectionOptions {
  host?: string
  port?: number
  servername?: string
}

/** An http.Agent that tunnels through the proxy the environment names for each target. */
export class ProxyHttpAgent extends HttpAgent {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
    options: AgentOptions = {},
  ) {
    super(options)
  }

  override createConnection(options: ConnectOptions, callback?: Callback): Duplex | undefined {
    const host = options.host ?? 'localhost'
    const port = Number(options.port) || 80
    const proxy = proxyFor(new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`), this.env)
    if (!proxy) return netConnect({ host, port })
    tunnel(proxy, host, port, this.timeoutMs, (error: Error | null, socket?: Socket) => callback?.(error, socket as Duplex))
    return undefined
  }
}

/** The https.Agent counterpart: TLS to the target inside the tunnel. */
export class ProxyHttpsAgent extends HttpsAgent {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
    options: AgentOptions = {},
  ) {
    super(options)
  }

  override createConnection(options: ConnectOptions, callback?: Callback): Duplex | undefined {
    const host = options.host ?? 'localhost'
    const port = Number(options.port) || 443
    const proxy = proxyFor(new URL(`https://${host.includes(':') ? `[${host}]` : host}:${port}`), this.env)
    if (!proxy) return tlsConnect({ ...options, host, port, servername: options.servername ?? host })
    tunnel(proxy, host, port, this.timeoutMs, (error, socket) => {
      if (error || !socket) return callback?.(error ?? new Error('no tunnel'), undefined as unknown as Duplex)
      const tls = tlsConnect({ ...options, socket, servername: options.servername ?? host })
      tls.once('secureConnect', () => callback?.(null, tls))
      tls.once('error', (e: Error) => callback?.(e, tls))
    })
    return undefined
  }
}
