// Runners behind a proxy and regions from the AWS_PROFILE's config file.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startFaultProxy } from '../../tools/fault-proxy.js'
import { NODES, expectExit, inputsFor, poolIdsNamed, run, withLc } from './helpers.js'

describe.each(NODES)('proxy and profile under %s', (_label, node) => {
  it('sends every AWS call through HTTP_PROXY (CONNECT), and none when NO_PROXY names the host', async () => {
    await withLc({}, async (lc) => {
      const proxy = await startFaultProxy()
      try {
        const inputs = inputsFor(`proxied-${_label}`)
        const proxied = await run(node, lc, inputs, { env: { HTTP_PROXY: proxy.url, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined } })
        expectExit(proxied, 0)
        expect(proxy.tunnels.length).toBeGreaterThan(0)
        expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${lc.port}`]))
        expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toHaveLength(1)

        const before = proxy.tunnels.length
        const direct = await run(node, lc, inputs, { env: { http_proxy: proxy.url, HTTP_PROXY: undefined, no_proxy: '127.0.0.1', NO_PROXY: undefined } })
        expectExit(direct, 0)
        expect(proxy.tunnels.length).toBe(before)
      } finally {
        await proxy.close()
      }
    })
  })

  it("verify's probes go through the proxy too", async () => {
    await withLc({}, async (lc) => {
      const proxy = await startFaultProxy()
      try {
        const inputs = inputsFor(`proxied-verify-${_label}`, { verify: 'true' })
        // The AWS calls go to localhost, excluded by NO_PROXY; the probes go to 127.0.0.1, through the proxy.
        const env = {
          AWS_ENDPOINT_URL: `http://localhost:${lc.port}`,
          HTTP_PROXY: proxy.url,
          http_proxy: undefined,
          NO_PROXY: 'localhost',
          no_proxy: undefined,
        }
        const result = await run(node, lc, inputs, { env })
        expectExit(result, 0)
        expect(result.stdout).toMatch(/pass: /)
        expect(proxy.tunnels.length).toBeGreaterThan(0)
        expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${lc.port}`]))
      } finally {
        await proxy.close()
      }
    })
  })

  it("takes the region from the AWS_PROFILE's config file when nothing else names one", async () => {
    await withLc({}, async (lc) => {
      const dir = mkdtempSync(join(tmpdir(), 'aws-config-'))
      const config = join(dir, 'config')
      // With AWS_PROFILE set the SDK takes credentials from the profile too.
      writeFileSync(config, '[profile sso-test]\nregion = us-east-1\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n')
      const inputs = inputsFor(`profile-${_label}`)
      const env = {
        AWS_REGION: undefined,
        AWS_DEFAULT_REGION: undefined,
        AWS_PROFILE: 'sso-test',
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      }
      const result = await run(node, lc, inputs, { env })
      expectExit(result, 0)
      expect(result.outputs.issuer).toContain(lc.url)
      const noRegion = await run(node, lc, inputs, { env: { ...env, AWS_PROFILE: undefined, AWS_CONFIG_FILE: join(dir, 'none') } })
      expectExit(noRegion, 1)
      expect(noRegion.errors.join('\n')).toContain('region: no region given')
    })
  })
})
