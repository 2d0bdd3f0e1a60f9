// managed-login end to end (dist/index.js against the local Cognito, Node 24): v2 on a fresh
// pool ends with a served sign-in page (verify follows the redirect to /login), a no-op rerun writes
// nothing, classic is one UpdateUserPoolDomain, an empty input leaves a hand-set version, a hand-made
// branding style survives, and lite + v2 fails with zero AWS calls.
import { describe, expect, it } from 'vitest'
import { NODES, expectExit, idsOf, inputsFor, readmePolicy, run, useLocalCognito, writeOperations, type Doc, type LocalCognito } from './helpers.js'

const versionOf = async (lc: LocalCognito, domain: string): Promise<unknown> =>
  ((await lc.invoke('DescribeUserPoolDomain', { Domain: domain })) as Doc).DomainDescription.ManagedLoginVersion

describe.each(NODES)('managed-login under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('v2 serves the sign-in page; rerun no-op; classic is one update; empty leaves a hand-set version; a hand-made style survives', async () => {
    const { lc } = ctx
    lc.allowOperations = readmePolicy('apply')
    const base = inputsFor('ml', { verify: 'true', 'verify-timeout': '30' })
    const domain = base.domain ?? ''
    const first = await run(node, lc, { ...base, 'managed-login': 'v2' })
    expectExit(first, 0)
    const { poolId, clientId } = idsOf(first)
    expect(await versionOf(lc, domain)).toBe(2)
    expect(lc.brandingStyles(poolId).map((s: Doc) => [s.ClientId, s.UseCognitoProvidedValues])).toEqual([[clientId, true]])
    expect(first.logLines.some((l) => l.includes('serves the sign-in page'))).toBe(true)

    lc.clearCalls()
    expectExit(await run(node, lc, { ...base, 'managed-login': 'v2' }), 0)
    expect(writeOperations(lc)).toEqual([])

    lc.clearCalls()
    const classic = await run(node, lc, { ...base, 'managed-login': 'classic' })
    expectExit(classic, 0)
    expect(lc.writeCalls().map((c) => [c.operation, c.request])).toEqual([
      ['UpdateUserPoolDomain', { UserPoolId: poolId, Domain: domain, ManagedLoginVersion: 1 }],
    ])
    expect(await versionOf(lc, domain)).toBe(1)

    // Set by hand: an empty input leaves it.
    lc.allowOperations = undefined
    await lc.invoke('UpdateUserPoolDomain', { UserPoolId: poolId, Domain: domain, ManagedLoginVersion: 2 })
    lc.allowOperations = readmePolicy('apply')
    lc.clearCalls()
    expectExit(await run(node, lc, base), 0)
    expect(writeOperations(lc)).toEqual([])
    expect(await versionOf(lc, domain)).toBe(2)

    // A hand-made style is left alone.
    lc.allowOperations = undefined
    const [style] = lc.brandingStyles(poolId) as Doc[]
    await lc.invoke('DeleteManagedLoginBranding', { UserPoolId: poolId, ManagedLoginBrandingId: style?.ManagedLoginBrandingId })
    // Without a style, the v2 domain serves no page: verify says so.
    const unavailable = await run(node, lc, base)
    expectExit(unavailable, 1)
    expect(unavailable.errors.join('\n')).toContain('Login pages unavailable')
    await lc.invoke('CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, Settings: { hand: true } })
    lc.allowOperations = readmePolicy('apply')
    lc.clearCalls()
    expectExit(await run(node, lc, { ...base, 'managed-login': 'v2' }), 0)
    expect(writeOperations(lc)).toEqual([])
    expect(lc.brandingStyles(poolId).map((s: Doc) => s.UseCognitoProvidedValues)).toEqual([false])
    expect(lc.contractViolations).toEqual([])
  })

  it('feature-plan lite with managed-login v2 fails with zero AWS calls, naming the plan', async () => {
    const { lc } = ctx
    const r = await run(node, lc, { ...inputsFor('ml-lite'), 'feature-plan': 'lite', 'managed-login': 'v2' })
    expectExit(r, 1)
    expect(r.stdout).toContain('managed-login: v2 (managed login) needs the essentials feature plan or higher, but feature-plan is lite')
    expect(lc.calls).toEqual([])
  })
})
