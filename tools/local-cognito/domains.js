// @ts-check
/**
 * User pool domains (CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain):
 * prefix and custom domains, reserved words, one domain of each kind per pool (a pool holds a prefix and a
 * custom domain at once), the feature plan of managed login, over the backend's shared pools and domains maps.
 * Statuses (CREATING, UPDATING, DELETING) are the backend's, under the test's control (cognito.js).
 */
import { AwsError, invalidParameter } from './errors.js'
import { checkCustomDomain } from './custom-domains.js'
import { LOWER_ALNUM, clone, compact, randomString } from './util.js'
import { checkTier, tierFeatures } from './rules.js'

/** Custom domains per account ("Quotas in Amazon Cognito", resource quotas; the default). Past it CreateUserPoolDomain answers LimitExceededException. */
export const MAX_CUSTOM_DOMAINS = 4

const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito']

/** @typedef {import('./cognito.js').DomainRecord} DomainRecord */
/** @typedef {import('./cognito.js').DomainState} DomainState */
/** @typedef {import('./cognito.js').Pool} Pool */

/**
 * @param {{ region: string, accountId: string, domains: Map<string, DomainRecord>, getPool: (id: string) => Pool,
 *   domainStatus: (d: DomainRecord) => DomainState, createdState: (name: string) => DomainState, updatedState: () => DomainState,
 *   deleteDomainRecord: (d: DomainRecord) => void, poolDomains: (pool: Pool) => DomainRecord[], logExporting: Set<string> }} deps
 */
export function createDomains({
  region,
  accountId,
  domains,
  getPool,
  domainStatus,
  createdState,
  updatedState,
  deleteDomainRecord,
  poolDomains,
  logExporting,
}) {
  /**
   * Managed login (version 2) needs a plan above LITE: the pool's features with this domain's version.
   * @param {Pool} pool @param {string} domain @param {number} version
   */
  function checkVersionTier(pool, domain, version) {
    const others = poolDomains(pool).filter((d) => d.Domain !== domain)
    const features = tierFeatures({
      settings: pool.settings,
      mfa: pool.mfa,
      domains: [...others, { Domain: domain, ManagedLoginVersion: version }],
      logExport: logExporting.has(pool.Id),
    })
    // source: model CreateUserPoolDomainRequest.ManagedLoginVersion; AWSB-070
    checkTier(features, pool.UserPoolTier)
  }

  /** @param {Pool} pool @param {Record<string, any>} req */
  function domainOf(pool, req) {
    const d = domains.get(req.Domain)
    // source: AWSB-064 (terraform user_pool_domain.go resourceUserPoolDomainDelete: "No such domain")
    if (!d || d.UserPoolId !== pool.Id) throw invalidParameter('No such domain or user pool exists.')
    return d
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    CreateUserPoolDomain(req) {
      const pool = getPool(req.UserPoolId)
      /** @type {string} */
      const domain = req.Domain
      const custom = req.CustomDomainConfig !== undefined
      if (custom) checkCustomDomain(domain, req.CustomDomainConfig, region)
      // source: AWSB-065 (a name with dots is a custom domain, which needs its certificate)
      if (!custom && domain.includes('.')) throw invalidParameter('A domain with dots is a custom domain: it needs CustomDomainConfig with an ACM certificate.')
      if (!custom) {
        const reserved = RESERVED_DOMAIN_WORDS.find((w) => domain.includes(w))
        // source: AWSB-068 (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html)
        if (reserved) throw invalidParameter(`Domain cannot contain reserved word: ${reserved}`)
      }
      const existing = domains.get(domain)
      // source: AWSB-069
      if (existing && existing.UserPoolId !== pool.Id) throw invalidParameter('Domain already associated with another user pool.')
      // A pool holds one prefix domain and one custom domain, at the same time; a DELETING one still counts.
      // source: model UserPoolType.Domain; model UserPoolType.CustomDomain; AWSB-066; AWSB-062
      if (custom ? pool.CustomDomain : pool.Domain) throw invalidParameter('User pool already has a domain configured.')
      if (custom && !existing && [...domains.values()].filter((d) => d.CustomDomainConfig !== undefined).length >= MAX_CUSTOM_DOMAINS) {
        // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (custom domains per account: 4); AWSB-202 (AWS's message is not documented)
        throw new AwsError('LimitExceededException', `The account has reached its limit of ${MAX_CUSTOM_DOMAINS} custom domains.`)
      }
      const version = req.ManagedLoginVersion ?? 1
      checkVersionTier(pool, domain, version)
      const createdAt = new Date()
      /** @type {DomainRecord} */
      const rec = {
        Domain: domain,
        UserPoolId: pool.Id,
        createdAtMs: createdAt.getTime(),
        ManagedLoginVersion: version,
        CloudFrontDistribution: `d${randomString(LOWER_ALNUM, 13)}.cloudfront.net`,
        Version: createdAt.toISOString().replace(/\D/g, '').slice(0, 14),
        CustomDomainConfig: clone(req.CustomDomainConfig),
        // source: AWSB-060 (CREATING until activated, with holdDomains)
        state: createdState(domain),
      }
      domains.set(domain, rec)
      if (custom) pool.CustomDomain = domain
      else pool.Domain = domain
      // source: model CreateUserPoolDomainResponse
      return compact({ ManagedLoginVersion: rec.ManagedLoginVersion, CloudFrontDomain: custom ? rec.CloudFrontDistribution : undefined })
    },

    DescribeUserPoolDomain(req) {
      const d = domains.get(req.Domain)
      // A domain nobody has: 200 with an empty description.
      // source: AWSB-063 (terraform user_pool_domain.go findUserPoolDomain)
      if (!d) return { DomainDescription: {} }
      // source: model DomainDescriptionType; AWSB-060; AWSB-061; AWSB-062 (Status CREATING, UPDATING, DELETING, ACTIVE)
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
      const d = domainOf(pool, req)
      // source: AWSB-065 (terraform user_pool_domain.go CustomizeDiff: prefix <-> custom is a new domain)
      if (req.CustomDomainConfig !== undefined && !d.CustomDomainConfig) throw invalidParameter('Cannot convert prefix domain to custom domain')
      // source: AWSB-065
      if (req.CustomDomainConfig === undefined && d.CustomDomainConfig) throw invalidParameter('Cannot convert custom domain to prefix domain')
      if (req.CustomDomainConfig !== undefined) checkCustomDomain(d.Domain, req.CustomDomainConfig, region)
      if (req.ManagedLoginVersion !== undefined) checkVersionTier(pool, d.Domain, req.ManagedLoginVersion)
      if (req.ManagedLoginVersion !== undefined) d.ManagedLoginVersion = req.ManagedLoginVersion
      if (req.CustomDomainConfig !== undefined) d.CustomDomainConfig = clone(req.CustomDomainConfig)
      // source: AWSB-061 (UPDATING until activated, with holdDomainUpdates)
      if (d.state === 'ACTIVE') d.state = updatedState()
      // source: model UpdateUserPoolDomainResponse
      return compact({ ManagedLoginVersion: d.ManagedLoginVersion, CloudFrontDomain: d.CustomDomainConfig ? d.CloudFrontDistribution : undefined })
    },

    DeleteUserPoolDomain(req) {
      const pool = getPool(req.UserPoolId)
      const d = domainOf(pool, req)
      // A second delete while DELETING is accepted (undocumented; nothing more happens).
      // source: AWSB-062 (DELETING until finished, with holdDomainDeletes)
      if (d.state !== 'DELETING') deleteDomainRecord(d)
      return {}
    },
  }
  return { handlers }
}
