// Custom domains in the plan (create next to a kept prefix, certificate update, replace within a kind),
// apply's requests (the wait for a deleted domain to be gone), the wait for ACTIVE, and the outputs.
import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apply } from '../../../src/engine/apply.js'
import { AwsCallError } from '../../../src/aws/errors.js'
import { toObservedPool } from '../../../src/resources/pool/index.js'
import { checkCertificateArn, checkCustomDomainName, dnsRecord } from '../../../src/resources/domain/custom-domain.js'
import { keptDomain } from '../../../src/resources/domain/index.js'
import { parentDomainAdvice } from '../../../src/aws/errors.js'
import { waitForCustomDomain } from '../../../src/verify/domain-wait.js'
import { endpointsFor, outputValues } from '../../../src/report/outputs.js'
import { plan } from '../../../src/engine/plan.js'
import { type Observed, type Step } from '../../../src/model/types.js'
import { describedPool, desired, mockCognito, POOL_ID, sent, type Mocked } from '../../support/aws.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
const CERT2 = 'arn:aws:acm:us-east-1:123456789012:certificate/ffffffff-4e5f-6789-abcd-ef0123456789'
const custom = (over = {}) => desired({ domain: 'auth.example.com', certificateArn: CERT, ...over })

function observedWith(domains: { Domain?: string; CustomDomain?: string }, certificateArn?: string): Observed {
  const pool = toObservedPool(describedPool({ Domain: undefined, CustomDomain: undefined, ...domains }))
  return {
    matchingPoolIds: [POOL_ID],
    pool,
    matchingClientIds: [],
    desiredDomainOwner: { kind: 'free' },
    ...(domains.CustomDomain
      ? {
          customDomain: {
            name: domains.CustomDomain,
            ...(certificateArn ? { certificateArn } : {}),
            cloudFrontDomain: 'd111.cloudfront.net',
            status: 'ACTIVE',
          },
        }
      : {}),
  }
}
const domainStep = (observed: Observed, want = custom()): Step => plan(want, observed).steps.find((s) => s.resource === 'domain') as Step

describe('plan: custom domain', () => {
  it('creates it with the certificate', () => {
    expect(domainStep(observedWith({}))).toEqual({
      resource: 'domain',
      name: 'auth.example.com',
      action: 'create',
      changes: [
        { field: 'Domain', before: undefined, after: 'auth.example.com' },
        { field: 'CustomDomainConfig', before: undefined, after: { CertificateArn: CERT } },
      ],
    })
  })

  it('is a no-op with the same name and certificate', () => {
    expect(domainStep(observedWith({ CustomDomain: 'auth.example.com' }, CERT)).action).toBe('no-op')
  })

  it('a new certificate is an update of CustomDomainConfig', () => {
    expect(domainStep(observedWith({ CustomDomain: 'auth.example.com' }, CERT), custom({ certificateArn: CERT2 }))).toEqual({
      resource: 'domain',
      name: 'auth.example.com',
      action: 'update',
      changes: [{ field: 'CustomDomainConfig', before: { CertificateArn: CERT }, after: { CertificateArn: CERT2 } }],
    })
  })

  it('prefix → custom creates the custom domain and keeps the prefix, shown as a step of its own (AWSB-066)', () => {
    const steps = plan(custom(), observedWith({ Domain: 'acme-sso' })).steps.filter((s) => s.resource === 'domain')
    expect(steps).toEqual([
      { resource: 'domain', name: 'acme-sso', action: 'no-op', changes: [] },
      {
        resource: 'domain',
        name: 'auth.example.com',
        action: 'create',
        changes: [
          { field: 'Domain', before: undefined, after: 'auth.example.com' },
          { field: 'CustomDomainConfig', before: undefined, after: { CertificateArn: CERT } },
        ],
      },
    ])
    expect(keptDomain(custom(), observedWith({ Domain: 'acme-sso' }))).toBe('acme-sso')
  })

  it('custom → prefix creates the prefix and keeps the custom domain; back to a prefix the pool kept is a no-op', () => {
    const steps = plan(desired({ domain: 'acme-sso' }), observedWith({ CustomDomain: 'auth.example.com' }, CERT)).steps.filter((s) => s.resource === 'domain')
    expect(steps.map((s) => [s.name, s.action])).toEqual([
      ['auth.example.com', 'no-op'],
      ['acme-sso', 'create'],
    ])
    const both = plan(desired({ domain: 'acme-sso' }), observedWith({ Domain: 'acme-sso', CustomDomain: 'auth.example.com' }, CERT))
    expect(both.steps.filter((s) => s.resource === 'domain').map((s) => [s.name, s.action])).toEqual([
      ['auth.example.com', 'no-op'],
      ['acme-sso', 'no-op'],
    ])
  })

  it('one custom name to another is a replace (one custom domain per pool); the prefix is kept', () => {
    const steps = plan(custom(), observedWith({ Domain: 'acme-sso', CustomDomain: 'login.example.com' }, CERT)).steps.filter((s) => s.resource === 'domain')
    expect(steps[0]).toEqual({ resource: 'domain', name: 'acme-sso', action: 'no-op', changes: [] })
    expect(steps[1]).toMatchObject({ action: 'replace', replaces: 'login.example.com', name: 'auth.example.com' })
    expect(steps[1]?.changes[0]).toEqual({ field: 'Domain', before: 'login.example.com', after: 'auth.example.com' })
  })

  it('a custom name owned by another pool is a problem', () => {
    const observed = { ...observedWith({}), desiredDomainOwner: { kind: 'other-pool' as const, userPoolId: 'eu-central-1_Other' } }
    expect(plan(custom(), observed).problems).toEqual([
      "domain: the custom domain 'auth.example.com' already belongs to another user pool in this account; choose another domain, or delete that pool's domain first ('aws cognito-idp describe-user-pool-domain --domain auth.example.com' names the pool)",
    ])
  })
})

describe('apply: custom domain requests', () => {
  let m: Mocked
  beforeEach(() => {
    m = mockCognito()
  })
  afterEach(() => {
    m.cognito.restore()
  })
  const raw = { pool: describedPool({ Domain: 'acme-sso', CustomDomain: undefined }) }

  it('prefix → custom: only CreateUserPoolDomain with the certificate (the prefix is never deleted); returns the CloudFront target', async () => {
    m.cognito.on(CreateUserPoolDomainCommand).resolves({ CloudFrontDomain: 'd222.cloudfront.net' })
    const observed = { ...observedWith({ Domain: 'acme-sso' }), matchingClientIds: [] }
    const p = plan(custom(), observed)
    const result = await apply(
      m.api,
      custom(),
      { ...p, steps: p.steps.filter((s) => s.resource !== 'client').concat({ resource: 'client', name: 'c', action: 'no-op', changes: [] }) },
      { observed, described: raw },
    )
    expect(sent(m.cognito)).toEqual([
      ['CreateUserPoolDomain', { UserPoolId: POOL_ID, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } }],
    ])
    expect(result.cloudFrontDomain).toBe('d222.cloudfront.net')
  })

  it('one custom name to another: the old one deleted, waited for until gone (DELETING polled), then the new one created', async () => {
    const sleeps: number[] = []
    const notes: string[] = []
    const old = { UserPoolId: POOL_ID, Domain: 'login.example.com', CustomDomainConfig: { CertificateArn: CERT } }
    m.cognito
      .on(DescribeUserPoolDomainCommand)
      .resolvesOnce({ DomainDescription: { ...old, Status: 'ACTIVE' } })
      .resolvesOnce({ DomainDescription: { ...old, Status: 'DELETING' } })
      .resolvesOnce({ DomainDescription: { ...old, Status: 'DELETING' } })
      .resolves({ DomainDescription: {} })
    m.cognito.on(DeleteUserPoolDomainCommand).resolves({})
    m.cognito.on(CreateUserPoolDomainCommand).resolves({ CloudFrontDomain: 'd333.cloudfront.net' })
    const observed = { ...observedWith({ CustomDomain: 'login.example.com' }, CERT), matchingClientIds: [] }
    const p = plan(custom(), observed)
    await apply(
      m.api,
      custom(),
      { ...p, steps: p.steps.filter((s) => s.resource !== 'client').concat({ resource: 'client', name: 'c', action: 'no-op', changes: [] }) },
      { observed, described: { pool: describedPool({ Domain: undefined, CustomDomain: 'login.example.com' }) } },
      { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), note: (n) => void notes.push(n) },
    )
    expect(sent(m.cognito)).toEqual([
      ['DescribeUserPoolDomain', { Domain: 'login.example.com' }],
      ['DeleteUserPoolDomain', { UserPoolId: POOL_ID, Domain: 'login.example.com' }],
      ['DescribeUserPoolDomain', { Domain: 'login.example.com' }],
      ['DescribeUserPoolDomain', { Domain: 'login.example.com' }],
      ['DescribeUserPoolDomain', { Domain: 'login.example.com' }],
      ['CreateUserPoolDomain', { UserPoolId: POOL_ID, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } }],
    ])
    expect(sleeps).toEqual([1000, 2000])
    expect(notes[0]).toBe("Domain 'login.example.com': waiting for Cognito to finish deleting it (DELETING); checking again in 1 s")
  })

  it('a new certificate: exactly one UpdateUserPoolDomain', async () => {
    m.cognito.on(UpdateUserPoolDomainCommand).resolves({ CloudFrontDomain: 'd111.cloudfront.net' })
    const observed = observedWith({ CustomDomain: 'auth.example.com' }, CERT)
    const p = plan(custom({ certificateArn: CERT2 }), observed)
    const noClient = { ...p, steps: p.steps.map((s) => (s.resource === 'client' ? { ...s, action: 'no-op' as const, changes: [] } : s)) }
    await apply(m.api, custom({ certificateArn: CERT2 }), noClient, { observed, described: { pool: describedPool({ CustomDomain: 'auth.example.com' }) } })
    expect(sent(m.cognito).filter(([op]) => op.includes('Domain'))).toEqual([
      ['UpdateUserPoolDomain', { UserPoolId: POOL_ID, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT2 } }],
    ])
  })

  it("explains AWS's parent-domain rule when CreateUserPoolDomain is refused for it", () => {
    const refusal = Object.assign(
      new Error('Custom domain is not a valid subdomain: Was not able to resolve a DNS A record for the parent domain or domain parent is a top-level domain.'),
      { name: 'InvalidParameterException' },
    )
    const error = new AwsCallError('CreateUserPoolDomain', "domain 'auth.example.com'", refusal)
    expect(error.message).toContain(parentDomainAdvice('auth.example.com'))
    expect(error.message).toContain("the parent domain 'example.com' to resolve in DNS")
  })
})

describe('waitForCustomDomain', () => {
  function clock(statuses: (string | undefined)[]) {
    let t = 0
    const logs: string[] = []
    const options = {
      status: () => Promise.resolve(statuses.shift()),
      now: () => t,
      sleep: (ms: number) => {
        t += ms
        return Promise.resolve()
      },
      log: (msg: string) => logs.push(msg),
    }
    return { options, logs, elapsed: () => t }
  }

  it('waits while CREATING, saying what for, and passes once ACTIVE', async () => {
    const c = clock(['CREATING', 'CREATING', 'ACTIVE'])
    const check = await waitForCustomDomain('auth.example.com', 'd111.cloudfront.net', { ...c.options, timeoutMs: 120_000 })
    expect(check.ok).toBe(true)
    expect(c.logs).toEqual([
      'Waiting for the custom domain auth.example.com to become ACTIVE (CloudFront distribution d111.cloudfront.net): Cognito reports CREATING; checking again in 5 s',
      'Waiting for the custom domain auth.example.com to become ACTIVE (CloudFront distribution d111.cloudfront.net): Cognito reports CREATING; checking again in 10 s',
    ])
  })

  it('fails at the deadline, without sleeping past it', async () => {
    const c = clock(Array(50).fill('CREATING'))
    const check = await waitForCustomDomain('auth.example.com', undefined, { ...c.options, timeoutMs: 20_000 })
    expect(check.ok).toBe(false)
    expect(check.detail).toMatch(/^still CREATING after 20 s/)
    expect(c.elapsed()).toBeLessThanOrEqual(20_000)
  })

  it('fails at once when the domain is missing', async () => {
    const c = clock([undefined])
    expect((await waitForCustomDomain('auth.example.com', undefined, { ...c.options, timeoutMs: 60_000 })).ok).toBe(false)
    expect(c.elapsed()).toBe(0)
  })
})

describe('outputs of a custom domain', () => {
  it('hosted-ui-url is https://<name>, cloudfront-domain the target; a prefix has an empty cloudfront-domain', () => {
    const endpoints = endpointsFor('eu-central-1')
    expect(outputValues(endpoints, 'auth.example.com', { cloudFrontDomain: 'd111.cloudfront.net' })).toEqual({
      domain: 'auth.example.com',
      'hosted-ui-url': 'https://auth.example.com',
      'cloudfront-domain': 'd111.cloudfront.net',
    })
    expect(outputValues(endpoints, 'acme-sso', {})['cloudfront-domain']).toBe('')
  })

  it('the DNS record names both ends', () => {
    expect(dnsRecord('auth.example.com', 'd111.cloudfront.net')).toMatch(/^auth\.example\.com → d111\.cloudfront\.net /)
  })
})

// Issue 16, case 8: names and certificates AWS refuses, refused when parsing.
describe('custom domain names and certificates refused before any call', () => {
  const nameProblems = (raw: string): string[] => {
    const problems: string[] = []
    checkCustomDomainName(raw, problems)
    return problems
  }
  const certProblems = (raw: string, region = 'us-east-1'): string[] => {
    const problems: string[] = []
    checkCertificateArn(raw, true, 'auth.example.com', region, problems)
    return problems
  }

  it.each([
    ['10.0.0.1', "domain: '10.0.0.1' is an IP address, not a domain name; a custom domain is a name such as auth.example.com"],
    [
      'auth.example.123',
      "domain: 'auth.example.123' ends in the all-numeric label '123', which no top-level domain is (RFC 3696 §2); give a name such as auth.example.com",
    ],
    [
      `auth-${'a'.repeat(50)}.example.com`,
      `domain: 'auth-${'a'.repeat(50)}.example.com' is 67 characters; Cognito takes at most 63 for a domain (CreateUserPoolDomain's Domain, custom domains included); choose a shorter name`,
    ],
  ])('%s', (raw, problem) => expect(nameProblems(raw)).toEqual([problem]))

  it('a name of 63 characters, and a numeric label that is not the last, are fine', () => {
    const name = `${'a'.repeat(51)}.example.com`
    expect(name).toHaveLength(63)
    expect(nameProblems(name)).toEqual([])
    expect(nameProblems('auth.123.example.com')).toEqual([])
  })

  it.each([
    [CERT.replace('arn:aws:', 'arn:aws-us-gov:'), /partition 'aws-us-gov', but the pool's region us-east-1 is in 'aws'/],
    [CERT.replace('arn:aws:', 'arn:aws-cn:'), /partition 'aws-cn'/],
    [`arn:aws:acm:us-east-1:123456789012:certificate/${'a'.repeat(3000)}`, /an ARN has at most 2048/],
    [CERT.replace('us-east-1', 'eu-west-1'), /the certificate is in eu-west-1, but Cognito serves custom domains through CloudFront/],
  ])('certificate %#', (arn, rule) => expect(certProblems(arn).join('\n')).toMatch(rule))

  it('the pool’s own partition, whatever its region', () => {
    expect(certProblems(CERT, 'eu-central-1')).toEqual([])
  })
})
