// HTTPS_PROXY / HTTP_PROXY / NO_PROXY for the AWS SDK and for verify's probes. One decision (proxyFor:
// which proxy, if any, a URL goes through) and two well-kept libraries for the tunnel itself, both HTTP
// CONNECT: hpagent's agents under the SDK's Node HTTP handler, undici's ProxyAgent under fetch. undici is
// a chunk of its own, loaded by the first probe that goes through a proxy (start-up does without it).
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent, type AgentOptions } from 'node:https'
import type { Duplex } from 'node:stream'
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent'
import type { Dispatcher } from 'undici'

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

interface ConnectOptions {
  host?: string
  port?: number | string
}
type Callback = (error: Error | null, socket: Duplex) => void
type Connects = { createConnection(options: ConnectOptions, callback: Callback): Duplex | undefined }

/** The URL an agent's connection goes to, for proxyFor. */
const targetOf = (protocol: 'http:' | 'https:', options: ConnectOptions): URL => {
  const host = options.host ?? 'localhost'
  return new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}:${Number(options.port) || (protocol === 'https:' ? 443 : 80)}`)
}

/** One tunnelling agent per proxy URL, made on first use. */
function tunnels<A>(make: (proxy: URL) => A): (proxy: URL) => A {
  const made = new Map<string, A>()
  return (proxy) => {
    const known = made.get(proxy.href)
    if (known) return known
    const agent = make(proxy)
    made.set(proxy.href, agent)
    return agent
  }
}

/**
 * The SDK's http and https agents: each connection goes through the proxy proxyFor names for its host
 * (a CONNECT tunnel, TLS to the target inside it), or directly. Keep-alive pooling stays with these agents.
 */
export function proxyAgents(env: NodeJS.ProcessEnv, options: AgentOptions = {}): { httpAgent: HttpAgent; httpsAgent: HttpsAgent } {
  const httpTunnel = tunnels((proxy) => new HttpProxyAgent({ ...options, proxy }) as unknown as Connects)
  const httpsTunnel = tunnels((proxy) => new HttpsProxyAgent({ ...options, proxy }) as unknown as Connects)
  class EnvHttpAgent extends HttpAgent {
    override createConnection(connect: ConnectOptions, callback?: Callback): Duplex | undefined {
      const proxy = proxyFor(targetOf('http:', connect), env)
      if (!proxy) return (super.createConnection as unknown as Connects['createConnection'])(connect, callback ?? (() => {}))
      return httpTunnel(proxy).createConnection(connect, callback ?? (() => {}))
    }
  }
  class EnvHttpsAgent extends HttpsAgent {
    override createConnection(connect: ConnectOptions, callback?: Callback): Duplex | undefined {
      const proxy = proxyFor(targetOf('https:', connect), env)
      if (!proxy) return (super.createConnection as unknown as Connects['createConnection'])(connect, callback ?? (() => {}))
      return httpsTunnel(proxy).createConnection(connect, callback ?? (() => {}))
    }
  }
  return { httpAgent: new EnvHttpAgent(options), httpsAgent: new EnvHttpsAgent(options) }
}

const loadUndici = () => import('undici')

/**
 * verify's fetch: through the proxy proxyFor names for each URL (undici's ProxyAgent, loaded then), or the
 * global fetch. `tls` adds trusted certificates for the target (tests with a self-signed one).
 */
export function proxiedFetch(env: NodeJS.ProcessEnv, tls: { ca?: string } = {}): typeof fetch {
  let undici: ReturnType<typeof loadUndici> | undefined
  let dispatcher: ((proxy: URL) => Dispatcher) | undefined
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const proxy = proxyFor(url, env)
    if (!proxy) return fetch(input, init)
    const { fetch: undiciFetch, ProxyAgent } = await (undici ??= loadUndici())
    dispatcher ??= tunnels((p) => new ProxyAgent({ uri: p.href, ...(tls.ca ? { requestTls: { ca: tls.ca } } : {}) }))
    return undiciFetch(url, { ...(init as object), dispatcher: dispatcher(proxy) })
  }
}
