// Custom domains (an ACM certificate in us-east-1, a CloudFront target, CREATING → ACTIVE under the test's
// control, no prefix ↔ custom conversion) and managed login branding styles, as AWS serves them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import type { LocalCognito } from './helpers.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'

let lc: LocalCognito
let poolId: string
beforeEach(async () => {
  lc = await startLocalCognito({ holdDomains: true })
  poolId = (await lc.invoke('CreateUserPool', { PoolName: 'p' })).UserPool.Id
})
afterEach(async () => {
  await lc.close()
})

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected a refusal')
}

describe('custom domains', () => {
  it('creates one with a CloudFront target, CREATING until the test activates it, named in DescribeUserPool', async () => {
    const out = await lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } })
    expect(out.CloudFrontDomain).toMatch(/^d[a-z0-9]+\.cloudfront\.net$/)
    const d = (await lc.invoke('DescribeUserPoolDomain', { Domain: 'auth.example.com' })).DomainDescription
    expect(d).toMatchObject({
      UserPoolId: poolId,
      Status: 'CREATING',
      CloudFrontDistribution: out.CloudFrontDomain,
      CustomDomainConfig: { CertificateArn: CERT },
    })
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: poolId })).UserPool.CustomDomain).toBe('auth.example.com')
    lc.activateDomain('auth.example.com')
    expect((await lc.invoke('DescribeUserPoolDomain', { Domain: 'auth.example.com' })).DomainDescription.Status).toBe('ACTIVE')
  })

  it.each([
    ['arn:aws:acm:eu-west-1:123456789012:certificate/0a1b', /must be in us-east-1/],
    ['arn:aws:iam::123456789012:server-certificate/x', /not a valid ACM certificate ARN/],
  ])('refuses the certificate %s', async (arn, message) => {
    const e = await refusal(lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: arn } }))
    expect(e.code).toBe('InvalidParameterException')
    expect(e.message).toMatch(message)
  })

  it('refuses a domain whose parent does not resolve (a .invalid parent), as AWS words it', async () => {
    const e = await refusal(
      lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.nowhere.invalid', CustomDomainConfig: { CertificateArn: CERT } }),
    )
    expect(e.message).toMatch(/resolve a DNS A record for the parent domain/)
  })

  // Issue 16, case 8: values AWS refuses, so that an end-to-end test proves the action refused them first.
  it.each([
    ['10.0.0.1', /resolve a DNS A record for the parent domain/],
    ['auth.example.123', /resolve a DNS A record for the parent domain/],
    [`auth-${'a'.repeat(60)}.example.com`, /at 'domain' failed to satisfy constraint: Member must have length less than or equal to 63/],
  ])('refuses the custom domain %s', async (domain, message) => {
    const e = await refusal(lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: domain, CustomDomainConfig: { CertificateArn: CERT } }))
    expect(e.code).toBe('InvalidParameterException')
    expect(e.message).toMatch(message)
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: poolId })).UserPool.CustomDomain).toBeUndefined()
  })

  it.each([
    [CERT.replace('arn:aws:', 'arn:aws-us-gov:'), /doesn't exist, isn't in us-east-1 region/],
    [CERT.replace('arn:aws:', 'arn:aws-cn:'), /doesn't exist, isn't in us-east-1 region/],
    [
      `arn:aws:acm:us-east-1:123456789012:certificate/${'a'.repeat(3000)}`,
      /at 'customDomainConfig.certificateArn' failed to satisfy constraint: Member must have length less than or equal to 2048/,
    ],
  ])('refuses the certificate of another partition or too long: %s', async (arn, message) => {
    const e = await refusal(lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: arn } }))
    expect(e.code).toBe('InvalidParameterException')
    expect(e.message).toMatch(message)
  })

  it('refuses a dotted name without CustomDomainConfig', async () => {
    const e = await refusal(lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com' }))
    expect(e.code).toBe('InvalidParameterException')
  })

  it('updates the certificate, and refuses prefix ↔ custom conversion in UpdateUserPoolDomain', async () => {
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } })
    const next = CERT.replace('0a1b', 'ffff')
    await lc.invoke('UpdateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: next } })
    expect((await lc.invoke('DescribeUserPoolDomain', { Domain: 'auth.example.com' })).DomainDescription.CustomDomainConfig).toEqual({ CertificateArn: next })
    expect((await refusal(lc.invoke('UpdateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com' }))).message).toBe(
      'Cannot convert custom domain to prefix domain',
    )
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'my-prefix' })
    const e = await refusal(lc.invoke('UpdateUserPoolDomain', { UserPoolId: poolId, Domain: 'my-prefix', CustomDomainConfig: { CertificateArn: CERT } }))
    expect(e.message).toBe('Cannot convert prefix domain to custom domain')
  })

  it('refuses DeleteUserPool while a custom domain remains, and allows it once the domain is deleted', async () => {
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } })
    expect((await refusal(lc.invoke('DeleteUserPool', { UserPoolId: poolId }))).code).toBe('InvalidParameterException')
    await lc.invoke('DeleteUserPoolDomain', { UserPoolId: poolId, Domain: 'auth.example.com' })
    await lc.invoke('DeleteUserPool', { UserPoolId: poolId })
    expect(lc.contractViolations).toEqual([])
  })
})

describe('managed login branding styles', () => {
  it('one style per client: create, describe by client, delete; a deleted client takes its style along', async () => {
    const clientId = (await lc.invoke('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'c' })).UserPoolClient.ClientId
    const made = (await lc.invoke('CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }))
      .ManagedLoginBranding
    expect((await refusal(lc.invoke('CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }))).code).toBe(
      'ManagedLoginBrandingExistsException',
    )
    const byClient = (await lc.invoke('DescribeManagedLoginBrandingByClient', { UserPoolId: poolId, ClientId: clientId })).ManagedLoginBranding
    expect(byClient.ManagedLoginBrandingId).toBe(made.ManagedLoginBrandingId)
    await lc.invoke('DeleteManagedLoginBranding', { UserPoolId: poolId, ManagedLoginBrandingId: made.ManagedLoginBrandingId })
    expect((await refusal(lc.invoke('DescribeManagedLoginBrandingByClient', { UserPoolId: poolId, ClientId: clientId }))).code).toBe(
      'ResourceNotFoundException',
    )
    await lc.invoke('CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true })
    await lc.invoke('DeleteUserPoolClient', { UserPoolId: poolId, ClientId: clientId })
    expect(lc.brandingStyles(poolId)).toEqual([])
    expect(lc.contractViolations).toEqual([])
  })
})
