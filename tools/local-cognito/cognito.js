// @ts-check
/**
 * In-memory Amazon Cognito user pools: the semantics of each implemented operation, as AWS documents them.
 * One backend per server instance (one region, one account).
 */
import { randomInt } from 'node:crypto'
import { AwsError, invalidParameter, notFound } from './errors.js'
import { createBranding } from './branding.js'
import { MAX_TAGS, createTagsMfa } from './tags-mfa.js'
import { createUsers } from './users.js'
import { checkCustomDomain } from './custom-domains.js'
import { checkPoolRequest, tokenValidityUnits } from './rules.js'
import {
  CLIENT_DEFAULTS,
  POOL_DEFAULTS,
  STANDARD_SCOPES,
  defaultPasswordPolicy,
  defaultPolicies,
  standardSchema,
} from './defaults.js'
import { federationHandlers } from './federation.js'

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito']

/** @param {string} alphabet @param {number} n */
function randomString(alphabet, n) {
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)]
  return s
}

/** @template T @param {T} v @returns {T} */
const clone = (v) => (v === undefined ? v : structuredClone(v))

/** @param {Record<string, unknown>} o */
function compact(o) {
  /** @type {Record<string, any>} */
  const out = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = clone(v)
  return out
}

/** @param {unknown} v */
const isEmptyList = (v) => Array.isArray(v) && v.length === 0

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

  // ---------- user pools ----------
  /** @param {Record<string, any>} req */
  function buildSchema(req) {
    const schema = standardSchema()
    const seen = new Set()
    for (const attr of req.Schema ?? []) {
      const name = attr.Name
      if (seen.has(name)) throw invalidParameter(`Duplicate attribute names are not allowed: ${name}`)
      seen.add(name)
      const std = schema.find((a) => a.Name === name)
      if (std) {
        if (name === 'sub') throw invalidParameter('The sub attribute cannot be modified.')
        if (attr.AttributeDataType && attr.AttributeDataType !== std.AttributeDataType) {
          throw invalidParameter(`Invalid AttributeDataType input, consider using the provided AttributeDataType enum.`)
        }
        if (attr.Required !== undefined) std.Required = attr.Required
        if (attr.Mutable !== undefined) std.Mutable = attr.Mutable
        if (attr.DeveloperOnlyAttribute !== undefined) std.DeveloperOnlyAttribute = attr.DeveloperOnlyAttribute
        if (attr.StringAttributeConstraints && std.StringAttributeConstraints) {
          Object.assign(std.StringAttributeConstraints, attr.StringAttributeConstraints)
        }
        continue
      }
      if (attr.Required) throw invalidParameter('Required custom attributes are not supported currently.')
      const type = attr.AttributeDataType ?? 'String'
      /** @type {Record<string, any>} */
      const custom = {
        Name: `custom:${name}`,
        AttributeDataType: type,
        DeveloperOnlyAttribute: attr.DeveloperOnlyAttribute ?? false,
        Mutable: attr.Mutable ?? true,
        Required: false,
      }
      if (type === 'String') custom.StringAttributeConstraints = clone(attr.StringAttributeConstraints ?? {})
      if (type === 'Number') custom.NumberAttributeConstraints = clone(attr.NumberAttributeConstraints ?? {})
      schema.push(/** @type {import('./defaults.js').SchemaAttribute} */ (custom))
    }
    return schema
  }

  /**
   * Computes the settable settings from a Create/UpdateUserPool request: omitted members take their default.
   * @param {Record<string, any>} req
   */
  function poolSettings(req) {
    /** @type {Record<string, any>} */
    const s = {}
    for (const [k, def] of Object.entries(POOL_DEFAULTS)) {
      const v = req[k]
      s[k] = v === undefined || (isEmptyList(v) && def() === undefined) ? def() : clone(v)
    }
    if (req.Policies) {
      const p = req.Policies
      s.Policies = {
        PasswordPolicy: p.PasswordPolicy
          ? {
              MinimumLength: 8,
              RequireUppercase: false,
              RequireLowercase: false,
              RequireNumbers: false,
              RequireSymbols: false,
              TemporaryPasswordValidityDays: 7,
              ...clone(p.PasswordPolicy),
            }
          : defaultPasswordPolicy(),
        SignInPolicy: clone(p.SignInPolicy) ?? defaultPolicies().SignInPolicy,
      }
    }
    if (req.AdminCreateUserConfig) s.AdminCreateUserConfig = { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, ...clone(req.AdminCreateUserConfig) }
    if (req.EmailConfiguration) s.EmailConfiguration = { EmailSendingAccount: 'COGNITO_DEFAULT', ...clone(req.EmailConfiguration) }
    // AWS mirrors the legacy message members into VerificationMessageTemplate and back.
    const t = { DefaultEmailOption: 'CONFIRM_WITH_CODE', ...(clone(req.VerificationMessageTemplate) ?? {}) }
    if (s.EmailVerificationMessage !== undefined && t.EmailMessage === undefined) t.EmailMessage = s.EmailVerificationMessage
    if (s.EmailVerificationSubject !== undefined && t.EmailSubject === undefined) t.EmailSubject = s.EmailVerificationSubject
    if (s.SmsVerificationMessage !== undefined && t.SmsMessage === undefined) t.SmsMessage = s.SmsVerificationMessage
    if (t.EmailMessage !== undefined && s.EmailVerificationMessage === undefined) s.EmailVerificationMessage = t.EmailMessage
    if (t.EmailSubject !== undefined && s.EmailVerificationSubject === undefined) s.EmailVerificationSubject = t.EmailSubject
    if (t.SmsMessage !== undefined && s.SmsVerificationMessage === undefined) s.SmsVerificationMessage = t.SmsMessage
    s.VerificationMessageTemplate = t
    if (Object.keys(s.UserPoolTags).length > MAX_TAGS) throw invalidParameter(`A user pool can have at most ${MAX_TAGS} tags.`)
    return s
  }

  /**
   * @param {Record<string, any>} settings
   * @param {{ SoftwareTokenMfaConfiguration: { Enabled: boolean }, EmailMfaConfiguration?: any } | undefined} mfa
   */
  function checkMfa(settings, mfa) {
    if (settings.MfaConfiguration === 'OFF') return
    if (settings.SmsConfiguration || mfa?.SoftwareTokenMfaConfiguration.Enabled || mfa?.EmailMfaConfiguration) return
    throw invalidParameter('SMS configuration and Auto verification for phone_number are required when MFA is required/optional')
  }

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

  // ---------- app clients ----------
  /** @param {string} url @param {string} what */
  function checkUrl(url, what) {
    /** @type {URL} */
    let u
    try {
      u = new URL(url)
    } catch {
      throw invalidParameter(`Invalid URL provided for ${what}: ${url} is not an absolute URL.`)
    }
    if (url.includes('#')) throw invalidParameter(`Invalid URL provided for ${what}: ${url} must not contain a fragment.`)
    if (u.protocol === 'http:' && u.hostname !== 'localhost') {
      throw invalidParameter(`Invalid URL provided for ${what}: ${url}. HTTPS is required over HTTP except for http://localhost.`)
    }
  }

  /**
   * Validates the OAuth and URL settings of an app client (CreateUserPoolClient and UpdateUserPoolClient).
   * @param {Pool} pool @param {Record<string, any>} s @param {boolean} hasSecret
   */
  function checkClientSettings(pool, s, hasSecret) {
    for (const u of s.CallbackURLs ?? []) checkUrl(u, 'CallbackURLs')
    for (const u of s.LogoutURLs ?? []) checkUrl(u, 'LogoutURLs')
    if (s.DefaultRedirectURI !== undefined) {
      checkUrl(s.DefaultRedirectURI, 'DefaultRedirectURI')
      if (!(s.CallbackURLs ?? []).includes(s.DefaultRedirectURI)) {
        throw invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.')
      }
    }
    const scopes = /** @type {string[]} */ (s.AllowedOAuthScopes ?? [])
    for (const scope of scopes) {
      if (!STANDARD_SCOPES.includes(scope) && !federation.definesScope(pool, scope)) throw new AwsError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`)
    }
    if (scopes.some((x) => ['email', 'phone', 'profile'].includes(x)) && !scopes.includes('openid')) {
      throw invalidParameter('Scopes email, phone and profile require the openid scope.')
    }
    const flows = /** @type {string[]} */ (s.AllowedOAuthFlows ?? [])
    if (flows.includes('client_credentials')) {
      if (flows.includes('code') || flows.includes('implicit')) {
        throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected with either implicit or code.')
      }
      if (!hasSecret) throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.')
    }
    if (s.AllowedOAuthFlowsUserPoolClient) {
      if (!flows.length || !scopes.length) {
        throw new AwsError('InvalidOAuthFlowException', 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.')
      }
      if ((flows.includes('code') || flows.includes('implicit')) && !(s.CallbackURLs ?? []).length) {
        throw new AwsError('InvalidOAuthFlowException', 'CallbackUrls can not be empty when code flow or implicit flow is selected.')
      }
    }
    for (const p of s.SupportedIdentityProviders ?? []) {
      if (p !== 'COGNITO' && !pool.providers.has(p)) throw invalidParameter(`The provider ${p} does not exist for User Pool ${pool.Id}`)
    }
    const legacy = ['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']
    const eaf = /** @type {string[]} */ (s.ExplicitAuthFlows ?? [])
    if (eaf.some((f) => legacy.includes(f)) && eaf.some((f) => f.startsWith('ALLOW_'))) {
      throw invalidParameter('ExplicitAuthFlows cannot combine legacy values with ALLOW_ values.')
    }
    const known = new Set(pool.SchemaAttributes.map((a) => a.Name))
    for (const a of s.ReadAttributes ?? []) if (!known.has(a)) throw invalidParameter('Invalid read attributes specified while creating a client')
    for (const a of s.WriteAttributes ?? []) {
      const attr = pool.SchemaAttributes.find((x) => x.Name === a)
      if (!attr || !attr.Mutable) throw invalidParameter('Invalid write attributes specified while creating a client')
    }
    // Token validity ranges (documented): access/ID tokens 5 minutes..1 day, refresh tokens 60 minutes..10 years.
    const units = s.TokenValidityUnits ?? {}
    /** @param {number} v @param {string} unit */
    const seconds = (v, unit) => v * ({ seconds: 1, minutes: 60, hours: 3600, days: 86400 }[unit] ?? 1)
    const ranges = /** @type {const} */ ([
      ['AccessTokenValidity', 'AccessToken', 300, 86400],
      ['IdTokenValidity', 'IdToken', 300, 86400],
      ['RefreshTokenValidity', 'RefreshToken', 3600, 315360000],
    ])
    for (const [member, unitKey, min, max] of ranges) {
      const v = s[member]
      if (v === undefined) continue
      const sec = seconds(v, units[unitKey] ?? (unitKey === 'RefreshToken' ? 'days' : 'hours'))
      if (sec < min || sec > max) throw invalidParameter(`Invalid range for token validity: ${member}.`)
    }
  }

  /** @param {Record<string, any>} req */
  function clientSettings(req) {
    /** @type {Record<string, any>} */
    const s = {}
    for (const [k, def] of Object.entries(CLIENT_DEFAULTS)) {
      const v = req[k]
      s[k] = v === undefined || (isEmptyList(v) && def() === undefined) ? def() : clone(v)
    }
    if (req.TokenValidityUnits || req.AccessTokenValidity !== undefined || req.IdTokenValidity !== undefined || req.RefreshTokenValidity !== undefined) {
      s.TokenValidityUnits = tokenValidityUnits(req, /** @type {any} */ (CLIENT_DEFAULTS.TokenValidityUnits?.()))
    }
    return s
  }

  /** @param {Client} c */
  function describeClient(c) {
    return compact({
      UserPoolId: c.UserPoolId,
      ClientName: c.ClientName,
      ClientId: c.ClientId,
      ClientSecret: c.ClientSecret,
      LastModifiedDate: c.LastModifiedDate,
      CreationDate: c.CreationDate,
      ...c.settings,
    })
  }

  /** @param {Pool} pool */
  function mfaConfig(pool) {
    return compact({
      SmsMfaConfiguration: (pool.mfa.SmsEnabled ?? Boolean(pool.settings.SmsConfiguration || pool.settings.SmsAuthenticationMessage))
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
  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    ...branding.handlers,
    ...tagsMfa.handlers,
    ...users.handlers,

    CreateUserPool(req) {
      if (req.UsernameAttributes?.length && req.AliasAttributes?.length) {
        throw invalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.')
      }
      checkPoolRequest(req, req.UserPoolTier ?? 'ESSENTIALS')
      const settings = poolSettings(req)
      checkMfa(settings, undefined)
      const schema = buildSchema(req)
      let id
      do id = `${region}_${randomString(ALNUM, 9)}`
      while (pools.has(id))
      const now = nowSeconds()
      /** @type {Pool} */
      const pool = {
        seq: poolSeq++,
        Id: id,
        Name: req.PoolName,
        Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${id}`,
        CreationDate: now,
        LastModifiedDate: now,
        settings,
        SchemaAttributes: schema,
        AliasAttributes: req.AliasAttributes?.length ? clone(req.AliasAttributes) : undefined,
        UsernameAttributes: req.UsernameAttributes?.length ? clone(req.UsernameAttributes) : undefined,
        UsernameConfiguration: clone(req.UsernameConfiguration),
        UserPoolTier: req.UserPoolTier ?? 'ESSENTIALS',
        mfa: { SoftwareTokenMfaConfiguration: { Enabled: false } },
        clients: new Map(),
        providers: new Map(),
        nextClientSeq: 0,
      }
      pools.set(id, pool)
      return { UserPool: describePool(pool) }
    },

    DescribeUserPool(req) {
      return { UserPool: describePool(getPool(req.UserPoolId)) }
    },

    UpdateUserPool(req) {
      const pool = getPool(req.UserPoolId)
      checkPoolRequest(req, req.UserPoolTier ?? pool.UserPoolTier)
      const settings = poolSettings(req)
      const mfa = settings.MfaConfiguration === 'OFF' ? { ...pool.mfa, SoftwareTokenMfaConfiguration: { Enabled: false }, SmsEnabled: false, EmailMfaConfiguration: undefined } : pool.mfa
      checkMfa(settings, mfa)
      pool.settings = settings
      pool.mfa = mfa
      if (req.PoolName !== undefined) pool.Name = req.PoolName
      // Tier: not reset when omitted (changing the feature plan is a billing decision; AWS keeps it).
      if (req.UserPoolTier !== undefined) pool.UserPoolTier = req.UserPoolTier
      pool.LastModifiedDate = Math.max(nowSeconds(), pool.LastModifiedDate + 0.001)
      return {}
    },

    DeleteUserPool(req) {
      const pool = getPool(req.UserPoolId)
      if (pool.settings.DeletionProtection === 'ACTIVE') {
        throw invalidParameter('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.')
      }
      if (pool.Domain || pool.CustomDomain) {
        throw invalidParameter('User pool cannot be deleted. It has a domain configured that should be deleted first.')
      }
      pools.delete(pool.Id)
      branding.dropFor(pool.Id)
      return {}
    },

    ListUserPools(req) {
      const { slice, NextToken } = page([...pools.values()], 'pools', req.MaxResults, req.NextToken)
      return compact({
        UserPools: slice.map((p) => ({
          Id: p.Id,
          Name: p.Name,
          LambdaConfig: clone(p.settings.LambdaConfig),
          LastModifiedDate: p.LastModifiedDate,
          CreationDate: p.CreationDate,
        })),
        NextToken,
      })
    },

    CreateUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      const settings = clientSettings(req)
      const secret = req.ClientSecret ?? (req.GenerateSecret ? randomString(LOWER_ALNUM, 51) : undefined)
      checkClientSettings(pool, settings, secret !== undefined)
      let id
      do id = randomString(LOWER_ALNUM, 26)
      while (pool.clients.has(id))
      const now = nowSeconds()
      /** @type {Client} */
      const client = {
        seq: pool.nextClientSeq++,
        ClientId: id,
        UserPoolId: pool.Id,
        ClientName: req.ClientName,
        ClientSecret: secret,
        CreationDate: now,
        LastModifiedDate: now,
        settings,
      }
      pool.clients.set(id, client)
      return { UserPoolClient: describeClient(client) }
    },

    DescribeUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      return { UserPoolClient: describeClient(getClient(pool, req.ClientId)) }
    },

    UpdateUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      const client = getClient(pool, req.ClientId)
      const settings = clientSettings(req)
      checkClientSettings(pool, settings, client.ClientSecret !== undefined)
      client.settings = settings
      if (req.ClientName !== undefined) client.ClientName = req.ClientName
      client.LastModifiedDate = Math.max(nowSeconds(), client.LastModifiedDate + 0.001)
      return { UserPoolClient: describeClient(client) }
    },

    DeleteUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      getClient(pool, req.ClientId)
      pool.clients.delete(req.ClientId)
      branding.dropFor(pool.Id, req.ClientId)
      return {}
    },

    ListUserPoolClients(req) {
      const pool = getPool(req.UserPoolId)
      const { slice, NextToken } = page([...pool.clients.values()], `clients:${pool.Id}`, req.MaxResults ?? 60, req.NextToken)
      return compact({
        UserPoolClients: slice.map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })),
        NextToken,
      })
    },

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

  const federation = federationHandlers({ getPool, now: nowSeconds, clone, compact, page })
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
