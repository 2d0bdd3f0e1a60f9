// @ts-check
/**
 * In-memory Amazon Cognito user pools: the semantics of each implemented operation, as AWS documents them.
 * One backend per server instance (one region, one account).
 */
import { invalidParameter, notFound } from './errors.js'
import { createBranding } from './branding.js'
import { createTagsMfa } from './tags-mfa.js'
import { createUsers } from './users.js'
import { createGroups } from './groups.js'
import { createPools } from './pools.js'
import { createClients } from './clients.js'
import { createDomains } from './domains.js'
import { federationHandlers } from './federation.js'
import { clone, compact } from './util.js'

/**
 * @typedef {{ seq: number, Id: string, Name: string, Arn: string, CreationDate: number, LastModifiedDate: number,
 *   settings: Record<string, any>, SchemaAttributes: any[], AliasAttributes?: string[], UsernameAttributes?: string[],
 *   UsernameConfiguration?: any, UserPoolTier: string, Domain?: string, CustomDomain?: string,
 *   mfa: { SoftwareTokenMfaConfiguration: { Enabled: boolean }, SmsEnabled?: boolean, EmailMfaConfiguration?: any, WebAuthnConfiguration?: any },
 *   clients: Map<string, Client>, providers: Map<string, any>, nextClientSeq: number }} Pool
 * @typedef {{ seq: number, ClientId: string, UserPoolId: string, ClientName: string, ClientSecret?: string,
 *   CreationDate: number, LastModifiedDate: number, settings: Record<string, any> }} Client
 * @typedef {{ Domain: string, UserPoolId: string, createdAtMs: number, ManagedLoginVersion: number,
 *   CloudFrontDistribution: string, Version: string, CustomDomainConfig?: any, active?: boolean }} DomainRecord
 * @typedef {<T extends { seq: number }>(items: T[], list: string, max: number, token: string | undefined) =>
 *   { slice: T[], NextToken: string | undefined }} Page
 */

/**
 * @param {{ region: string, accountId: string, domainActivationMs: number, holdDomains?: boolean }} options
 */
export function createBackend(options) {
  const { region, accountId } = options
  /** @type {Map<string, Pool>} */
  const pools = new Map()
  /** @type {Map<string, DomainRecord>} */
  const domains = new Map()
  let poolSeq = 0
  let lastNow = 0
  // Strictly increasing (AWS's creation dates have millisecond precision; two creates never tie here,
  // so "the oldest wins" is well defined for concurrent runs).
  const nowSeconds = () => (lastNow = Math.max(Date.now(), Math.round(lastNow * 1000) + 1) / 1000)

  /** @param {string} id */
  function getPool(id) {
    const pool = pools.get(id)
    if (!pool) throw notFound(`User pool ${id} does not exist.`)
    return pool
  }

  /** @param {Pool} pool @param {string} clientId */
  function getClient(pool, clientId) {
    const client = pool.clients.get(clientId)
    if (!client) throw notFound(`User pool client ${clientId} does not exist.`)
    return client
  }

  /** @param {DomainRecord} d */
  const domainStatus = (d) => {
    if (activated.has(d.Domain)) return 'ACTIVE'
    if (options.holdDomains) return 'CREATING'
    return Date.now() - d.createdAtMs >= options.domainActivationMs ? 'ACTIVE' : 'CREATING'
  }
  /** Domains activated by the test (holdDomains keeps every other one CREATING). @type {Set<string>} */
  const activated = new Set()

  // ---------- paging ----------
  /** @param {string} list @param {number} seq */
  const encodeToken = (list, seq) => Buffer.from(JSON.stringify({ l: list, s: seq })).toString('base64url')
  /** @param {string} list @param {string} token @returns {number} */
  function decodeToken(list, token) {
    try {
      const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
      if (t && t.l === list && Number.isInteger(t.s)) return t.s
    } catch {
      // fall through
    }
    throw invalidParameter('Invalid pagination token.')
  }
  /**
   * @template {{seq: number}} T
   * @param {T[]} items @param {string} list @param {number} max @param {string | undefined} token
   */
  function page(items, list, max, token) {
    const after = token === undefined ? -1 : decodeToken(list, token)
    const rest = items.filter((i) => i.seq > after).sort((a, b) => a.seq - b.seq)
    const slice = rest.slice(0, max)
    const last = slice[slice.length - 1]
    return { slice, NextToken: rest.length > max && last ? encodeToken(list, last.seq) : undefined }
  }

  // ---------- shared views (user pools: pools.js, app clients: clients.js, domains: domains.js) ----------
  /** @param {Pool} p */
  function describePool(p) {
    return compact({
      Id: p.Id,
      Name: p.Name,
      Policies: p.settings.Policies,
      DeletionProtection: p.settings.DeletionProtection,
      LambdaConfig: p.settings.LambdaConfig,
      LastModifiedDate: p.LastModifiedDate,
      CreationDate: p.CreationDate,
      SchemaAttributes: p.SchemaAttributes,
      AutoVerifiedAttributes: p.settings.AutoVerifiedAttributes,
      AliasAttributes: p.AliasAttributes,
      UsernameAttributes: p.UsernameAttributes,
      SmsVerificationMessage: p.settings.SmsVerificationMessage,
      EmailVerificationMessage: p.settings.EmailVerificationMessage,
      EmailVerificationSubject: p.settings.EmailVerificationSubject,
      VerificationMessageTemplate: p.settings.VerificationMessageTemplate,
      SmsAuthenticationMessage: p.settings.SmsAuthenticationMessage,
      UserAttributeUpdateSettings: p.settings.UserAttributeUpdateSettings,
      MfaConfiguration: p.settings.MfaConfiguration,
      DeviceConfiguration: p.settings.DeviceConfiguration,
      EstimatedNumberOfUsers: 0,
      EmailConfiguration: p.settings.EmailConfiguration,
      SmsConfiguration: p.settings.SmsConfiguration,
      UserPoolTags: p.settings.UserPoolTags,
      Domain: p.Domain,
      CustomDomain: p.CustomDomain,
      AdminCreateUserConfig: p.settings.AdminCreateUserConfig,
      UserPoolAddOns: p.settings.UserPoolAddOns,
      UsernameConfiguration: p.UsernameConfiguration,
      Arn: p.Arn,
      AccountRecoverySetting: p.settings.AccountRecoverySetting,
      UserPoolTier: p.UserPoolTier,
      KeyConfiguration: p.settings.KeyConfiguration,
      IssuerConfiguration: p.settings.IssuerConfiguration,
      AcrConfiguration: p.settings.AcrConfiguration,
      DcrConfiguration: p.settings.DcrConfiguration,
    })
  }

  /** @param {string} arn */
  function poolByArn(arn) {
    const m = /^arn:aws:cognito-idp:([^:]+):(\d+):userpool\/(.+)$/.exec(arn)
    const pool = m && m[1] === region && m[2] === accountId ? pools.get(m[3] ?? '') : undefined
    if (!pool) throw notFound(`Resource ${arn} does not exist.`)
    return pool
  }

  /** @param {Pool} pool */
  function mfaConfig(pool) {
    return compact({
      SmsMfaConfiguration:
        (pool.mfa.SmsEnabled ?? Boolean(pool.settings.SmsConfiguration || pool.settings.SmsAuthenticationMessage))
          ? compact({ SmsAuthenticationMessage: pool.settings.SmsAuthenticationMessage, SmsConfiguration: pool.settings.SmsConfiguration })
          : undefined,
      SoftwareTokenMfaConfiguration: pool.mfa.SoftwareTokenMfaConfiguration,
      EmailMfaConfiguration: pool.mfa.EmailMfaConfiguration,
      MfaConfiguration: pool.settings.MfaConfiguration,
      WebAuthnConfiguration: pool.mfa.WebAuthnConfiguration,
    })
  }

  const branding = createBranding({ getPool, getClient })
  const tagsMfa = createTagsMfa({ getPool, poolByArn, mfaConfig, nowSeconds })
  const users = createUsers({ getPool })
  const groups = createGroups({ getPool, nowSeconds, page })
  const federation = federationHandlers({ getPool, now: nowSeconds, clone, compact, page })
  const userPools = createPools({
    region,
    accountId,
    pools,
    nextPoolSeq: () => poolSeq++,
    nowSeconds,
    getPool,
    describePool,
    page,
    branding,
  })
  const clients = createClients({ nowSeconds, getPool, getClient, page, federation, branding })
  const userPoolDomains = createDomains({ region, accountId, domains, getPool, domainStatus })
  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    ...branding.handlers,
    ...tagsMfa.handlers,
    ...users.handlers,
    ...groups.handlers,
    ...userPools.handlers,
    ...clients.handlers,
    ...userPoolDomains.handlers,
  }
  Object.assign(handlers, federation.handlers)

  return {
    handlers,
    /** @param {string} id */
    pool: (id) => pools.get(id),
    /** Makes a domain ACTIVE now (the test's control over activation). @param {string} domain */
    activateDomain: (domain) => {
      activated.add(domain)
    },
    /** @param {string} domain */
    domain: (domain) => {
      const d = domains.get(domain)
      return d ? { ...d, Status: domainStatus(d) } : undefined
    },
    /** Managed login branding styles of a pool (or of every pool). @param {string} [userPoolId] */
    brandingStyles: (userPoolId) => branding.list(userPoolId),
  }
}
