// @ts-check
/**
 * In-memory Amazon Cognito user pools: the semantics of each implemented operation, as AWS documents them.
 * One backend per server instance (one region, one account).
 */
import { AwsError, invalidParameter, notFound } from './errors.js'
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
 * @typedef {'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING'} DomainState
 * @typedef {{ Domain: string, UserPoolId: string, createdAtMs: number, ManagedLoginVersion: number,
 *   CloudFrontDistribution: string, Version: string, CustomDomainConfig?: any, state: DomainState }} DomainRecord
 * @typedef {<T extends { seq: number }>(items: T[], list: string, max: number, token: string | undefined) =>
 *   { slice: T[], NextToken: string | undefined }} Page
 */

/**
 * @typedef {{ region: string, accountId: string, domainActivationMs: number, holdDomains?: boolean, holdDomainUpdates?: boolean,
 *   holdDomainDeletes?: boolean, discovery?: import('./discovery.js').Discovery }} BackendOptions
 */

/**
 * @param {BackendOptions} options
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
    // source: AWSB-014 (terraform user_pool.go resourceUserPoolDelete)
    if (!pool) throw notFound(`User pool ${id} does not exist.`)
    return pool
  }

  /** @param {Pool} pool @param {string} clientId */
  function getClient(pool, clientId) {
    const client = pool.clients.get(clientId)
    // source: AWSB-055 (terraform user_pool_client.go Delete)
    if (!client) throw notFound(`User pool client ${clientId} does not exist.`)
    return client
  }

  // Domain statuses, under the test's control (no wall clock unless a test asks for domainActivationMs):
  // a new domain is CREATING only with holdDomains (until lc.activateDomain), an updated one UPDATING only
  // with holdDomainUpdates (until lc.activateDomain), a deleted one DELETING only with holdDomainDeletes
  // (until lc.finishDomainDeletion); otherwise each goes straight to its end state.
  /** Names activated before they were created (holdDomains: created ACTIVE). @type {Set<string>} */
  const preActivated = new Set()
  /** @param {DomainRecord} d @returns {DomainState} */
  const domainStatus = (d) => {
    // source: terraform user_pool_domain.go waitUserPoolDomainCreated; AWSB-060 (legacy timed activation)
    if (d.state === 'CREATING' && !options.holdDomains && Date.now() - d.createdAtMs >= options.domainActivationMs) d.state = 'ACTIVE'
    return d.state
  }
  /** The state of a new domain. @param {string} name @returns {DomainState} */
  const createdState = (name) =>
    // source: model DomainStatusType; terraform user_pool_domain.go waitUserPoolDomainCreated; AWSB-060
    (options.holdDomains && !preActivated.has(name)) || (!options.holdDomains && options.domainActivationMs > 0) ? 'CREATING' : 'ACTIVE'
  /** The state of a domain just updated. @returns {DomainState} */
  // source: model DomainStatusType; terraform user_pool_domain.go waitUserPoolDomainUpdated; AWSB-061
  const updatedState = () => (options.holdDomainUpdates ? 'UPDATING' : 'ACTIVE')
  /**
   * Removes a domain from the pool (DeleteUserPoolDomain): DELETING first when deletions are held; until
   * it is gone the pool keeps it (DeleteUserPool and a domain of that kind are refused).
   * @param {DomainRecord} d
   */
  function deleteDomainRecord(d) {
    // source: terraform user_pool_domain.go waitUserPoolDomainDeleted; AWSB-062
    if (options.holdDomainDeletes) d.state = 'DELETING'
    else removeDomainRecord(d)
  }
  /** @param {DomainRecord} d */
  function removeDomainRecord(d) {
    domains.delete(d.Domain)
    const pool = pools.get(d.UserPoolId)
    if (pool?.Domain === d.Domain) pool.Domain = undefined
    if (pool?.CustomDomain === d.Domain) pool.CustomDomain = undefined
  }
  /** The domains of a pool (prefix and custom), for rules that depend on them. @param {Pool} pool */
  const poolDomains = (pool) => [pool.Domain, pool.CustomDomain].map((name) => (name ? domains.get(name) : undefined)).filter((d) => d !== undefined)

  // ---------- test hooks: IAM propagation, log export ----------
  /** Roles that IAM has not propagated yet: the next `calls` requests carrying them are refused. @type {Map<string, { calls: number, code: string }>} */
  const unpropagatedRoles = new Map()
  /** Roles whose trust policy requires an external ID (sts:ExternalId), as the console creates them (test hook lc.smsRoleTrust). @type {Map<string, string>} */
  const roleExternalIds = new Map()
  /**
   * Refuses a request carrying an SNS role that has not propagated yet (test hook lc.smsRoleNotPropagated), or
   * without the external ID its trust policy requires (test hook lc.smsRoleTrust).
   * @param {string | undefined} roleArn @param {string | undefined} [externalId]
   */
  function checkSmsRolePropagated(roleArn, externalId) {
    const required = roleArn ? roleExternalIds.get(roleArn) : undefined
    if (required !== undefined && externalId !== required) {
      // source: model SmsConfigurationType.ExternalId; AWSB-224; test-hook lc.smsRoleTrust
      throw new AwsError('InvalidSmsRoleTrustRelationshipException', 'Role does not have a trust relationship allowing Cognito to assume the role')
    }
    const hold = roleArn ? unpropagatedRoles.get(roleArn) : undefined
    if (!roleArn || !hold || hold.calls <= 0) return
    hold.calls -= 1
    if (hold.code === 'InvalidSmsRoleAccessPolicyException') {
      // source: AWSB-002 (terraform user_pool.go userPoolErrorRetryable); test-hook lc.smsRoleNotPropagated
      throw new AwsError('InvalidSmsRoleAccessPolicyException', 'Role does not have permission to publish with SNS')
    }
    // source: AWSB-002 (terraform user_pool.go userPoolErrorRetryable); test-hook lc.smsRoleNotPropagated
    throw new AwsError('InvalidSmsRoleTrustRelationshipException', 'Role does not have a trust relationship allowing Cognito to assume the role')
  }
  /** Pools that export user-activity logs (test hook lc.setLogExport; GetLogDeliveryConfiguration reads it, SetLogDeliveryConfiguration is not served). @type {Set<string>} */
  const logExporting = new Set()

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
    // source: AWSB-154
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
  /**
   * DescribeUserPool's UserPool: the settings as stored (defaults filled), the schema, the domains.
   * source: model UserPoolType; AWSB-001
   * @param {Pool} p
   */
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
    // source: model ListTagsForResource errors (ResourceNotFoundException)
    if (!pool) throw notFound(`Resource ${arn} does not exist.`)
    return pool
  }

  /**
   * GetUserPoolMfaConfig's answer (DescribeUserPool does not tell the MFA methods).
   * source: model GetUserPoolMfaConfigResponse; AWSB-006
   * @param {Pool} pool
   */
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
  const tagsMfa = createTagsMfa({ getPool, poolByArn, mfaConfig, nowSeconds, poolDomains, checkSmsRolePropagated, logExporting })
  // The default email's day is counted on the test's clock, never the wall clock: frozen at the
  // backend's start until a test sets it (lc.setMailClock).
  let mailClockMs = Date.now()
  const users = createUsers({ getPool, mailNow: () => mailClockMs })
  const groups = createGroups({ getPool, nowSeconds, page })
  const federation = federationHandlers({ getPool, now: nowSeconds, clone, compact, page, discovery: options.discovery })
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
    poolDomains,
    checkSmsRolePropagated,
    logExporting,
  })
  const clients = createClients({ nowSeconds, getPool, getClient, page, federation, branding })
  const userPoolDomains = createDomains({
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
  })
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
    /**
     * Makes a domain ACTIVE now, from CREATING or UPDATING (the test's control over activation); a name not
     * created yet will be created ACTIVE. @param {string} domain
     */
    activateDomain: (domain) => {
      const d = domains.get(domain)
      // source: terraform user_pool_domain.go waitUserPoolDomainCreated; AWSB-060; AWSB-061 (CREATING, UPDATING → ACTIVE)
      if (d && (d.state === 'CREATING' || d.state === 'UPDATING')) d.state = 'ACTIVE'
      if (!d) preActivated.add(domain)
    },
    /** Ends a held deletion (holdDomainDeletes): the DELETING domain is gone. @param {string} domain */
    finishDomainDeletion: (domain) => {
      const d = domains.get(domain)
      // source: terraform user_pool_domain.go waitUserPoolDomainDeleted; AWSB-062 (DELETING → gone)
      if (d && d.state === 'DELETING') removeDomainRecord(d)
    },
    /** @param {string} domain */
    domain: (domain) => {
      const d = domains.get(domain)
      return d ? { ...d, Status: domainStatus(d) } : undefined
    },
    /**
     * The next `calls` requests carrying `roleArn` (CreateUserPool, UpdateUserPool, SetUserPoolMfaConfig) are
     * refused as AWS refuses a role IAM has not propagated yet.
     * @param {string} roleArn @param {number} calls @param {'InvalidSmsRoleTrustRelationshipException' | 'InvalidSmsRoleAccessPolicyException'} [code]
     */
    smsRoleNotPropagated: (roleArn, calls, code = 'InvalidSmsRoleTrustRelationshipException') => {
      unpropagatedRoles.set(roleArn, { calls, code })
    },
    /**
     * The trust policy of `roleArn` requires `externalId` (sts:ExternalId): requests carrying the role
     * (CreateUserPool, UpdateUserPool, SetUserPoolMfaConfig) without it are refused, as AWS refuses them.
     * @param {string} roleArn @param {string} externalId
     */
    smsRoleTrust: (roleArn, externalId) => {
      roleExternalIds.set(roleArn, externalId)
    },
    /** Marks a pool as exporting user-activity logs (SetLogDeliveryConfiguration is not served). @param {string} poolId @param {boolean} [on] */
    setLogExport: (poolId, on = true) => {
      if (on) logExporting.add(poolId)
      else logExporting.delete(poolId)
    },
    /** The type of a pool's provider (for the discovery done before an update). @param {string} poolId @param {string} name */
    providerType: (poolId, name) => pools.get(poolId)?.providers.get(name)?.ProviderType,
    /** Sets the time (ms since the epoch) by which the default email's daily messages are counted. @param {number} ms */
    setMailClock: (ms) => {
      // source: test-hook lc.setMailClock (not an AWS rule: the day, as the test sets it)
      mailClockMs = ms
    },
    /** Messages the default email sent on the mail clock's UTC day. */
    mailsSentToday: () => users.mailsSentOn(mailClockMs),
    /** Managed login branding styles of a pool (or of every pool). @param {string} [userPoolId] */
    brandingStyles: (userPoolId) => branding.list(userPoolId),
  }
}
