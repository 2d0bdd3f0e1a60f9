// A deleted domain is DELETING for a while (AWSB-062): the next call that needs it gone waits, polling
// DescribeUserPoolDomain with backoff through the injected sleep, bounded, then a clear error.
import { DeleteUserPoolDomainCommand, DescribeUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DOMAIN_DELETE_WAIT_MS, deleteDomainAndWait, waitDomainDeleted } from '../../../src/resources/domain/calls.js'
import { keptDomainLine } from '../../../src/report/lines.js'
import { waitForCustomDomain } from '../../../src/verify/domain-wait.js'
import { mockCognito, POOL_ID, sent, type Mocked } from '../../support/aws.js'

let m: Mocked
let sleeps: number[]
let notes: string[]
const ctx = () => ({ port: m.api, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()), note: (n: string) => void notes.push(n) })
const deleting = { DomainDescription: { UserPoolId: POOL_ID, Domain: 'auth.example.com', Status: 'DELETING' as const } }
beforeEach(() => {
  m = mockCognito()
  sleeps = []
  notes = []
})
afterEach(() => {
  m.cognito.restore()
})

describe('waiting for a deleted domain to be gone', () => {
  it('gone at the first look: no wait', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    await waitDomainDeleted(ctx(), 'auth.example.com')
    expect(sleeps).toEqual([])
  })

  it('still DELETING after five minutes of waits: a clear error that says a rerun waits again', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolves(deleting)
    const error = await waitDomainDeleted(ctx(), 'auth.example.com').catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      "domain 'auth.example.com' is still DELETING 300 s after it was deleted: Cognito has not finished deleting it, and what comes next needs it gone; " +
        'run the action again later (it waits for the deletion again, and deletes nothing twice)',
    )
    expect(sleeps.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 15000])
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(DOMAIN_DELETE_WAIT_MS)
  })

  it('a deletion this run did not make (onlyWhileDeleting): described ACTIVE again, the wait ends; after its own delete, ACTIVE is waited out', async () => {
    const active = { DomainDescription: { ...deleting.DomainDescription, Status: 'ACTIVE' as const } }
    m.cognito.on(DescribeUserPoolDomainCommand).resolvesOnce(deleting).resolves(active)
    await waitDomainDeleted(ctx(), 'auth.example.com', { onlyWhileDeleting: true })
    expect(sleeps).toEqual([1000])
    m.cognito.reset()
    sleeps = []
    m.cognito.on(DescribeUserPoolDomainCommand).resolvesOnce(active).resolves({ DomainDescription: {} })
    await waitDomainDeleted(ctx(), 'auth.example.com')
    expect(sleeps).toEqual([1000])
  })

  it('a domain already DELETING (an earlier run stopped while waiting) is not deleted again, only waited for', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolvesOnce(deleting).resolvesOnce(deleting).resolves({ DomainDescription: {} })
    await deleteDomainAndWait(ctx(), POOL_ID, 'auth.example.com')
    expect(sent(m.cognito).map(([op]) => op)).toEqual(['DescribeUserPoolDomain', 'DescribeUserPoolDomain', 'DescribeUserPoolDomain'])
    expect(m.cognito).not.toHaveReceivedCommand(DeleteUserPoolDomainCommand)
    expect(sleeps).toEqual([1000])
  })

  it("a domain no pool has, or another pool's, is left alone", async () => {
    m.cognito
      .on(DescribeUserPoolDomainCommand)
      .resolvesOnce({ DomainDescription: {} })
      .resolves({ DomainDescription: { UserPoolId: 'eu-central-1_Other', Status: 'ACTIVE' as const } })
    await deleteDomainAndWait(ctx(), POOL_ID, 'auth.example.com')
    await deleteDomainAndWait(ctx(), POOL_ID, 'auth.example.com')
    expect(m.cognito).not.toHaveReceivedCommand(DeleteUserPoolDomainCommand)
  })
})

describe('the prefix kept next to a custom domain, in the log and in verify', () => {
  it('the log names it, where it serves, and that the action never deletes it', () => {
    expect(keptDomainLine('om', 'auth.example.com', 'om-sso', 'https://om-sso.auth.eu-west-1.amazoncognito.com')).toBe(
      "Domain: user pool 'om' also has the prefix domain 'om-sso' (https://om-sso.auth.eu-west-1.amazoncognito.com), which still serves sign-in: " +
        "the action keeps it and never deletes it; once 'auth.example.com' works, delete it by hand if it should go (docs/custom-domains.md)",
    )
  })

  it("verify's wait for the custom domain names the prefix that still serves sign-in when it gives up", async () => {
    let now = 0
    const check = await waitForCustomDomain('auth.example.com', undefined, {
      status: () => Promise.resolve('CREATING'),
      timeoutMs: 10_000,
      sleep: (ms) => ((now += ms), Promise.resolve()),
      now: () => now,
      meanwhile: 'https://om-sso.auth.eu-west-1.amazoncognito.com',
    })
    expect(check.ok).toBe(false)
    expect(check.detail).toMatch(/; meanwhile sign-in still works on the prefix domain the pool keeps, https:\/\/om-sso\.auth\.eu-west-1\.amazoncognito\.com$/)
  })
})
