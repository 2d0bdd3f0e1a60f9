// The one proxy decision (proxyFor) and both tunnels through it: the SDK's agents (hpagent) and verify's
// fetch (undici), to an http target and to a TLS target with a self-signed certificate, through the
// CONNECT proxy of tools/fault-proxy.js; NO_PROXY goes direct.
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, request as httpRequest, type Agent as HttpAgent, type Server } from 'node:http'
import { createServer as createHttpsServer, request as httpsRequest, type Agent as HttpsAgent } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bypassed, proxiedFetch, proxyAgents, proxyFor } from '../../src/aws/proxy.js'
import { startFaultProxy } from '../../tools/fault-proxy.js'

const tls = {
  key: readFileSync(new URL('../support/tls/localhost.key', import.meta.url), 'utf8'),
  cert: readFileSync(new URL('../support/tls/localhost.crt', import.meta.url), 'utf8'),
}

describe('proxyFor: which proxy a URL goes through', () => {
  it.each([
    ['https://cognito-idp.eu-west-1.amazonaws.com/', { HTTPS_PROXY: 'http://p:1' }, 'http://p:1/'],
    ['https://x.example/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' }, 'http://lower:1/'],
    ['http://x.example/', { HTTP_PROXY: 'p:3128' }, 'http://p:3128/'],
    ['http://x.example/', { HTTPS_PROXY: 'http://p:1' }, undefined],
    ['https://x.example/', { HTTP_PROXY: 'http://p:1' }, undefined],
    ['https://a.x.example/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.x.example' }, undefined],
    ['https://x.example:8443/', { HTTPS_PROXY: 'http://p:1', no_proxy: 'x.example:443' }, 'http://p:1/'],
    ['https://x.example/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, undefined],
  ])('%s with %o → %s', (url, env, expected) => {
    expect(proxyFor(new URL(url), env)?.href).toBe(expected)
  })

  it('NO_PROXY: hosts, suffixes, *.suffixes, host:port and IPv6', () => {
    expect(bypassed(new URL('http://localhost:9/'), 'localhost')).toBe(true)
    expect(bypassed(new URL('https://api.example.com/'), '*.example.com')).toBe(true)
    expect(bypassed(new URL('https://example.com.evil/'), 'example.com')).toBe(false)
    expect(bypassed(new URL('http://[::1]:80/'), '[::1]:80')).toBe(true)
  })
})

describe('the tunnels', () => {
  let http: Server
  let https: Server
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>
  const port = (s: Server): number => (s.address() as AddressInfo).port

  beforeAll(async () => {
    http = createHttpServer((_req, res) => res.end('plain hello'))
    https = createHttpsServer(tls, (_req, res) => res.end('tls hello'))
    await Promise.all([http, https].map((s) => new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(undefined)))))
    proxy = await startFaultProxy()
  })
  afterAll(async () => {
    await proxy.close()
    for (const s of [http, https]) s.closeAllConnections()
    await Promise.all([http, https].map((s) => new Promise((resolve) => s.close(resolve))))
  })

  const get = (agent: HttpAgent | HttpsAgent, url: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const request = url.startsWith('https:') ? httpsRequest : httpRequest
      const req = request(url, { agent: agent, ca: tls.cert }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve(body))
      })
      req.on('error', reject)
      req.end()
    })

  it("the SDK's https agent reaches a TLS target through the proxy (CONNECT, then TLS inside), and its http agent an http one", async () => {
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }
    const { httpAgent, httpsAgent } = proxyAgents(env, { ca: tls.cert })
    const before = proxy.tunnels.length
    await expect(get(httpsAgent, `https://127.0.0.1:${port(https)}/`)).resolves.toBe('tls hello')
    await expect(get(httpAgent, `http://127.0.0.1:${port(http)}/`)).resolves.toBe('plain hello')
    expect(proxy.tunnels.slice(before)).toEqual([`127.0.0.1:${port(https)}`, `127.0.0.1:${port(http)}`])
    httpAgent.destroy()
    httpsAgent.destroy()
  })

  it("verify's fetch reaches a TLS target through the proxy, and an http one", async () => {
    const doFetch = proxiedFetch({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }, { ca: tls.cert })
    const before = proxy.tunnels.length
    expect(await (await doFetch(`https://127.0.0.1:${port(https)}/`)).text()).toBe('tls hello')
    expect(await (await doFetch(`http://127.0.0.1:${port(http)}/`)).text()).toBe('plain hello')
    expect(proxy.tunnels.slice(before)).toEqual([`127.0.0.1:${port(https)}`, `127.0.0.1:${port(http)}`])
  })

  it('NO_PROXY sends both directly (no tunnel)', async () => {
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    const { httpAgent } = proxyAgents(env)
    const before = proxy.tunnels.length
    await expect(get(httpAgent, `http://127.0.0.1:${port(http)}/`)).resolves.toBe('plain hello')
    expect(await (await proxiedFetch(env)(`http://127.0.0.1:${port(http)}/`)).text()).toBe('plain hello')
    expect(proxy.tunnels.length).toBe(before)
    httpAgent.destroy()
  })

  it('a proxy that refuses the tunnel fails the request', async () => {
    // fault-proxy refuses CONNECT to anything but loopback.
    const { httpsAgent } = proxyAgents({ HTTPS_PROXY: proxy.url })
    await expect(get(httpsAgent, 'https://example.invalid/')).rejects.toThrow()
    httpsAgent.destroy()
  })
})
