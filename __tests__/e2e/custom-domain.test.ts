// Custom domains end to end (dist/index.js against the local Cognito): created with its certificate,
// cloudfront-domain set, rerun writes nothing, a new certificate is one UpdateUserPoolDomain, prefix →
// custom creates the custom domain and keeps the prefix (AWSB-066), verify waits for ACTIVE (activated
// by the test).
import { describe, expect, it } from 'vitest'
import {
  NODE,
  NODES,
  actions,
  describeDomain,
  describePool,
  expectExit,
  idsOf,
  inputsFor,
  parsePlan,
  run,
  startLc,
  useLocalCognito,
  writeOperations,
} from './helpers.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
const CERT2 = 'arn:aws:acm:us-east-1:123456789012:certificate/ffffffff-4e5f-6789-abcd-ef0123456789'

describe.each(NODES)('custom domain under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('creates it, outputs cloudfront-domain and the DNS record, converges, and updates a new certificate with one call', async () => {
    const { lc } = ctx
    const inputs = inputsFor('custom', { domain: 'auth.custom.example.com', 'certificate-arn': CERT })
    const r = await run(node, lc, inputs)
    expectExit(r, 0)
    const { poolId } = idsOf(r)
    const described = await describeDomain(lc, 'auth.custom.example.com')
    expect(described).toMatchObject({ UserPoolId: poolId, CustomDomainConfig: { CertificateArn: CERT } })
    expect(r.outputs['cloudfront-domain']).toBe(described.CloudFrontDistribution)
    expect(r.outputs.domain).toBe('auth.custom.example.com')
    expect(r.summary).toContain('DNS record for the custom domain')
    expect(r.summary).toContain(described.CloudFrontDistribution)
    expect((await describePool(lc, poolId)).CustomDomain).toBe('auth.custom.example.com')

    lc.clearCalls()
    const again = await run(node, lc, inputs)
    expectExit(again, 0)
    expect(again.outputs.changed).toBe('false')
    expect(writeOperations(lc)).toEqual([])
    expect(again.outputs['cloudfront-domain']).toBe(described.CloudFrontDistribution)

    lc.clearCalls()
    const renewed = await run(node, lc, { ...inputs, 'certificate-arn': CERT2 })
    expectExit(renewed, 0)
    expect(actions(renewed).domain).toBe('update')
    expect(writeOperations(lc)).toEqual(['UpdateUserPoolDomain'])
    expect((await describeDomain(lc, 'auth.custom.example.com')).CustomDomainConfig).toEqual({ CertificateArn: CERT2 })
  })

  it('prefix → custom: planned as a create next to the kept prefix, applied as one create; both serve; destroy removes both', async () => {
    const { lc } = ctx
    const prefix = inputsFor('move', { 'deletion-protection': 'false' })
    expectExit(await run(node, lc, prefix), 0)
    const custom = { ...prefix, domain: 'auth.move.example.com', 'certificate-arn': CERT }
    const planned = await run(node, lc, { ...custom, mode: 'plan', comment: 'false' })
    expectExit(planned, 0)
    expect(
      parsePlan(planned)
        .steps.filter((s) => s.resource === 'domain')
        .map((s) => [s.name, s.action]),
    ).toEqual([
      [prefix.domain, 'no-op'],
      ['auth.move.example.com', 'create'],
    ])
    lc.clearCalls()
    const r = await run(node, lc, custom)
    expectExit(r, 0)
    expect(writeOperations(lc)).toEqual(['CreateUserPoolDomain'])
    const { poolId } = idsOf(r)
    expect((await describeDomain(lc, prefix.domain ?? '')).UserPoolId).toBe(poolId)
    expect((await describeDomain(lc, 'auth.move.example.com')).UserPoolId).toBe(poolId)
    expect(r.outputs.domain).toBe('auth.move.example.com')
    expect(r.logLines.join('\n')).toContain(`also has the prefix domain '${prefix.domain}'`)
    expect(r.logLines.join('\n')).toContain('the action keeps it and never deletes it')

    lc.clearCalls()
    const destroyed = await run(node, lc, { 'pool-name': prefix['pool-name'] ?? '', mode: 'destroy' })
    expectExit(destroyed, 0)
    expect(writeOperations(lc).filter((op) => op === 'DeleteUserPoolDomain')).toHaveLength(2)
    expect((await describeDomain(lc, prefix.domain ?? '')).UserPoolId).toBeUndefined()
    expect((await describeDomain(lc, 'auth.move.example.com')).UserPoolId).toBeUndefined()
  })

  it('a parent domain that does not resolve: the error explains the A record rule', async () => {
    const { lc } = ctx
    const r = await run(node, lc, inputsFor('parent', { domain: 'auth.nowhere.invalid', 'certificate-arn': CERT }))
    expectExit(r, 1)
    expect(r.errors.join('\n')).toContain("Cognito needs the parent domain 'nowhere.invalid' to resolve in DNS")
  })
})

describe('verify waits for a custom domain to become ACTIVE', () => {
  it('says what it waits for, and passes once the test activates the domain', async () => {
    const lc = await startLc({ holdDomains: true })
    try {
      const running = run(NODE, lc, inputsFor('wait', { domain: 'auth.wait.example.com', 'certificate-arn': CERT, verify: 'true', 'verify-timeout': '900' }))
      // Activate once verify has seen the domain CREATING (a poll after the create): no clock involved.
      for (;;) {
        const polls = lc.calls.filter(
          (c) =>
            c.operation === 'DescribeUserPoolDomain' &&
            (c.response as { DomainDescription?: { Status?: string } } | undefined)?.DomainDescription?.Status === 'CREATING',
        )
        const created = lc.calls.some((c) => c.operation === 'CreateUserPoolDomain' && c.status === 200)
        if (created && polls.length > 0) break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      lc.activateDomain('auth.wait.example.com')
      const r = await running
      expectExit(r, 0)
      expect(r.stdout).toContain('Waiting for the custom domain auth.wait.example.com to become ACTIVE')
      expect(r.summary).toContain('Custom domain auth.wait.example.com is ACTIVE')
    } finally {
      await lc.close()
    }
  }, 60_000)
})
