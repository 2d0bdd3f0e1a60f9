// verify: SSO checked from the outside (issuer, JWKS, hosted UI), waiting for a fresh domain.
import { describe, expect, it } from 'vitest'
import {
  NODES,
  editClient,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  run,
  useLocalCognito,
  withLc,
  type RunResult,
  expectNoIdsInClear,
} from './helpers.js'

const CHECKS = (callback: string): string[] => [
  'Issuer discovery document',
  'Signing keys (JWKS)',
  `Hosted UI accepts ${callback}`,
  'Hosted UI refuses an unlisted callback URL',
]

function expectAllChecksPass(r: RunResult, callback: string): void {
  for (const name of CHECKS(callback)) {
    expect(
      r.logLines.some((l) => l.startsWith(`pass: ${name}: `)),
      `log: pass: ${name}`,
    ).toBe(true)
    expect(r.summary, `summary row for ${name}`).toContain(`\n| ${cellOf(name)} | ✅ pass |`)
  }
  expect(r.logLines.filter((l) => l.startsWith('FAIL: '))).toEqual([])
  expect(r.summary).toContain('### SSO checks')
  expect(r.summary).not.toContain('❌')
}

/** The summary shows our check names as they are, and a callback URL in a name as code. */
function cellOf(name: string): string {
  const accepts = 'Hosted UI accepts '
  return name.startsWith(accepts) ? `${accepts}\`${name.slice(accepts.length)}\`` : name
}

describe.each(NODES)('verify under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('after apply, every SSO check passes and is in the summary', async () => {
    const { lc } = ctx
    const inputs = inputsFor('verified', { verify: 'true' })
    const r = await run(node, lc, inputs)
    expectExit(r, 0)
    expectAllChecksPass(r, inputs['callback-urls'] ?? '')
    await expectNoIdsInClear(r, lc)
  })

  it('in plan mode, a callback URL removed by hand fails the hosted UI check', async () => {
    const { lc } = ctx
    const inputs = inputsFor('tampered')
    const applied = await run(node, lc, inputs)
    expectExit(applied, 0)
    const { poolId, clientId } = idsOf(applied)
    await editClient(lc, poolId, clientId, { CallbackURLs: ['https://tampered.example.com/somewhere-else'] })

    lc.clearCalls()
    const r = await run(node, lc, { ...inputs, mode: 'plan', verify: 'true' })
    expectExit(r, 1)
    expect(lc.writeCalls()).toEqual([])
    expect(r.outputs.changed).toBe('true')
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain(`Hosted UI accepts ${inputs['callback-urls']}`)
    expect(r.errors[0]).toContain('redirect_mismatch')
    expect(r.logLines).toContain('pass: Hosted UI refuses an unlisted callback URL: refused, as it should')
    expectNoStackTrace(r)
  })
})

describe('verify and a machine-to-machine client', () => {
  const ctx = useLocalCognito()

  it('checks what a client_credentials client can do: the issuer, its keys and the token endpoint, never sending its secret', async () => {
    const { lc } = ctx
    const inputs = inputsFor('m2m', {
      'client-type': 'confidential',
      'oauth-flows': 'client_credentials',
      'oauth-scopes': 'api/read',
      'resource-servers': '- identifier: api\n  name: Reports API\n  scopes:\n    - name: read\n      description: Read reports',
      'mask-outputs': 'false',
      verify: 'true',
    })
    const r = await run(NODES[0]?.[1] ?? process.execPath, lc, inputs)
    expectExit(r, 0)
    const names = ['Issuer discovery document', 'Signing keys (JWKS)', 'Token endpoint answers (client_credentials)']
    for (const name of names)
      expect(
        r.logLines.some((l) => l.startsWith(`pass: ${name}: `)),
        `pass: ${name}`,
      ).toBe(true)
    expect(r.logLines.filter((l) => l.startsWith('pass: ') || l.startsWith('FAIL: '))).toHaveLength(names.length)
    expect(r.logLines).toContain('Checking SSO from the outside (issuer, signing keys, token endpoint)')
    expect(r.summary).not.toContain('❌')
    const secret = r.outputs['client-secret'] ?? ''
    expect(secret).not.toBe('')
    expect(r.stdout.split(secret).length - 1, 'the secret appears only in its ::add-mask:: and output').toBeLessThanOrEqual(1)
    expect(r.summary).not.toContain(secret)
  })
})

// These mostly wait for the domain, so they run concurrently.
describe.concurrent('verify and a domain that is not active yet', () => {
  it.each(NODES)('waits for a fresh domain to become active, then passes, under %s', async (_label, node) => {
    // The domain stays CREATING until the test activates it, which it does only after the hosted UI
    // has refused a request: the run must have waited, whatever the machine's load.
    await withLc({ holdDomains: true }, async (lc) => {
      const inputs = inputsFor('activating', { verify: 'true', 'verify-timeout': '120' })
      const running = run(node, lc, inputs, { timeoutMs: 150_000 })
      await lc.domainRefused(inputs.domain ?? '')
      lc.activateDomain(inputs.domain ?? '')
      const r = await running
      expectExit(r, 0)
      expect(r.logLines.some((l) => l.startsWith('Waiting for the hosted UI'))).toBe(true)
      expectAllChecksPass(r, inputs['callback-urls'] ?? '')
    })
  })

  it.each(NODES)('fails naming the hosted UI check when the domain does not answer within verify-timeout, under %s', async (_label, node) => {
    await withLc({ holdDomains: true }, async (lc) => {
      const inputs = inputsFor('inactive', { verify: 'true', 'verify-timeout': '1' })
      const started = Date.now()
      const r = await run(node, lc, inputs)
      expectExit(r, 1)
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]).toContain(`Hosted UI accepts ${inputs['callback-urls']}`)
      expect(r.errors[0]).not.toContain('Issuer discovery document')
      expect(r.summary).toMatch(/^\| Hosted UI accepts `.*` \| ❌ fail \|/m)
      expectNoStackTrace(r)
      idsOf(r) // the resources were made; only the check failed
    })
  })
})
