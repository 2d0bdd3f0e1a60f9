// @ts-check
/**
 * User pool domains (CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain):
 * prefix and custom domains, reserved words, one domain of each kind per pool, over the backend's shared pools
 * and domains maps (moved from cognito.js; same pattern as tags-mfa.js: `createDomains(deps)` returns handlers).
 * The backend keeps the activation state (`domainStatus`, `lc.activateDomain`).
 */
import { invalidParameter } from './errors.js'
import { checkCustomDomain } from './custom-domains.js'
import { LOWER_ALNUM, clone, compact, randomString } from './util.js'

const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito']

/** @typedef {import('./cognito.js').DomainRecord} DomainRecord */

/**
 * @param {{ region: string, accountId: string, domains: Map<string, DomainRecord>, getPool: (id: string) => import('./cognito.js').Pool,
 *   domainStatus: (d: DomainRecord) => string }} deps
 */
export function createDomains({ region, accountId, domains, getPool, domainStatus }) {
  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    CreateUserPoolDomain(req) {
      const pool = getPool(req.UserPoolId)
      /** @type {string} */
      const domain = req.Domain
      const custom = req.CustomDomainConfig !== undefined
      if (custom) checkCustomDomain(domain, req.CustomDomainConfig, region)
      if (!custom && domain.includes('.')) throw invalidParameter('A domain with dots is a custom domain: it needs CustomDomainConfig with an ACM certificate.')
      if (!custom) {
        const reserved = RESERVED_DOMAIN_WORDS.find((w) => domain.includes(w))
        if (reserved) throw invalidParameter(`Domain cannot contain reserved word: ${reserved}`)
      }
      const existing = domains.get(domain)
      if (existing && existing.UserPoolId !== pool.Id) throw invalidParameter('Domain already associated with another user pool.')
      if (custom ? pool.CustomDomain : pool.Domain) throw invalidParameter('User pool already has a domain configured.')
      const createdAt = new Date()
      /** @type {DomainRecord} */
      const rec = {
        Domain: domain,
        UserPoolId: pool.Id,
        createdAtMs: createdAt.getTime(),
        ManagedLoginVersion: req.ManagedLoginVersion ?? 1,
        CloudFrontDistribution: `d${randomString(LOWER_ALNUM, 13)}.cloudfront.net`,
        Version: createdAt.toISOString().replace(/\D/g, '').slice(0, 14),
        CustomDomainConfig: clone(req.CustomDomainConfig),
      }
      domains.set(domain, rec)
      if (custom) pool.CustomDomain = domain
      else pool.Domain = domain
      return compact({ ManagedLoginVersion: rec.ManagedLoginVersion, CloudFrontDomain: custom ? rec.CloudFrontDistribution : undefined })
    },

    DescribeUserPoolDomain(req) {
      const d = domains.get(req.Domain)
      if (!d) return { DomainDescription: {} }
      return {
        DomainDescription: compact({
          UserPoolId: d.UserPoolId,
          AWSAccountId: accountId,
          Domain: d.Domain,
          S3Bucket: `aws-cognito-prod-${region.replace(/-\d+$/, '')}-assets`,
          CloudFrontDistribution: d.CloudFrontDistribution,
          Version: d.Version,
          Status: domainStatus(d),
          CustomDomainConfig: d.CustomDomainConfig,
          ManagedLoginVersion: d.ManagedLoginVersion,
        }),
      }
    },

    UpdateUserPoolDomain(req) {
      const pool = getPool(req.UserPoolId)
      const d = domains.get(req.Domain)
      if (!d || d.UserPoolId !== pool.Id) throw invalidParameter('No such domain or user pool exists.')
      if (req.CustomDomainConfig !== undefined && !d.CustomDomainConfig) throw invalidParameter('Cannot convert prefix domain to custom domain')
      if (req.CustomDomainConfig === undefined && d.CustomDomainConfig) throw invalidParameter('Cannot convert custom domain to prefix domain')
      if (req.CustomDomainConfig !== undefined) checkCustomDomain(d.Domain, req.CustomDomainConfig, region)
      if (req.ManagedLoginVersion !== undefined) d.ManagedLoginVersion = req.ManagedLoginVersion
      if (req.CustomDomainConfig !== undefined) d.CustomDomainConfig = clone(req.CustomDomainConfig)
      return compact({ ManagedLoginVersion: d.ManagedLoginVersion, CloudFrontDomain: d.CustomDomainConfig ? d.CloudFrontDistribution : undefined })
    },

    DeleteUserPoolDomain(req) {
      const pool = getPool(req.UserPoolId)
      const d = domains.get(req.Domain)
      if (!d || d.UserPoolId !== pool.Id) throw invalidParameter('No such domain or user pool exists.')
      domains.delete(d.Domain)
      if (pool.Domain === d.Domain) pool.Domain = undefined
      if (pool.CustomDomain === d.Domain) pool.CustomDomain = undefined
      return {}
    },
  }
  return { handlers }
}
