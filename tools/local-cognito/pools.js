// @ts-check
/**
 * User pools (CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool, ListUserPools): the schema,
 * the settings with their defaults and the MFA prerequisite, over the backend's shared pool state (moved from
 * cognito.js; same pattern as tags-mfa.js: `createPools(deps)` returns handlers).
 */
import { invalidParameter } from './errors.js'
import { MAX_TAGS } from './tags-mfa.js'
import { checkPoolRequest, checkRecoveryMfa, checkSignInPolicyForMfa, checkTier, tierFeatures } from './rules.js'
import { POOL_DEFAULTS, defaultPasswordPolicy, defaultPolicies, standardSchema } from './defaults.js'
import { ALNUM, clone, compact, isEmptyList, randomString } from './util.js'

/** @typedef {import('./cognito.js').Pool} Pool */

/**
 * @param {{ region: string, accountId: string, pools: Map<string, Pool>, nextPoolSeq: () => number, nowSeconds: () => number,
 *   getPool: (id: string) => Pool, describePool: (p: Pool) => Record<string, any>, page: import('./cognito.js').Page,
 *   branding: { dropFor: (userPoolId: string) => void },
 *   poolDomains: (pool: Pool) => import('./cognito.js').DomainRecord[], checkSmsRolePropagated: (roleArn: string | undefined, externalId?: string) => void,
 *   logExporting: Set<string> }} deps
 */
export function createPools({
  region,
  accountId,
  pools,
  nextPoolSeq,
  nowSeconds,
  getPool,
  describePool,
  page,
  branding,
  poolDomains,
  checkSmsRolePropagated,
  logExporting,
}) {
  /** @param {Record<string, any>} req */
  function buildSchema(req) {
    const schema = standardSchema()
    const seen = new Set()
    for (const attr of req.Schema ?? []) {
      const name = attr.Name
      // source: AWSB-153 (model SchemaAttributesListType)
      if (seen.has(name)) throw invalidParameter(`Duplicate attribute names are not allowed: ${name}`)
      seen.add(name)
      const std = schema.find((a) => a.Name === name)
      if (std) {
        // source: AWSB-007 (the sub attribute is fixed)
        if (name === 'sub') throw invalidParameter('The sub attribute cannot be modified.')
        if (attr.AttributeDataType && attr.AttributeDataType !== std.AttributeDataType) {
          // source: AWSB-007 (a standard attribute keeps its type)
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
      // source: AWSB-008 (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html)
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
    if (req.AdminCreateUserConfig)
      s.AdminCreateUserConfig = { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, ...clone(req.AdminCreateUserConfig) }
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
    // source: AWSB-028
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
    // source: AWSB-023
    throw invalidParameter('SMS configuration and Auto verification for phone_number are required when MFA is required/optional')
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    CreateUserPool(req) {
      if (req.UsernameAttributes?.length && req.AliasAttributes?.length) {
        // source: AWSB-009 (terraform user_pool.go schema: alias_attributes ConflictsWith username_attributes)
        throw invalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.')
      }
      checkPoolRequest(req, region)
      const settings = poolSettings(req)
      // source: AWSB-015 (UserPoolTier defaults to ESSENTIALS); AWSB-016
      checkTier(tierFeatures({ settings }), req.UserPoolTier ?? 'ESSENTIALS')
      checkMfa(settings, undefined)
      checkSmsRolePropagated(req.SmsConfiguration?.SnsCallerArn, req.SmsConfiguration?.ExternalId)
      const schema = buildSchema(req)
      let id
      do id = `${region}_${randomString(ALNUM, 9)}`
      while (pools.has(id))
      const now = nowSeconds()
      /** @type {Pool} */
      const pool = {
        seq: nextPoolSeq(),
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
        // source: AWSB-015
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
      // source: model DescribeUserPoolResponse; AWSB-001
      return { UserPool: describePool(getPool(req.UserPoolId)) }
    },

    UpdateUserPool(req) {
      const pool = getPool(req.UserPoolId)
      checkPoolRequest(req, region)
      const settings = poolSettings(req)
      const mfa =
        settings.MfaConfiguration === 'OFF'
          ? { ...pool.mfa, SoftwareTokenMfaConfiguration: { Enabled: false }, SmsEnabled: false, EmailMfaConfiguration: undefined }
          : pool.mfa
      // Tier: not reset when omitted (changing the feature plan is a billing decision; AWS keeps it).
      // source: AWSB-015
      const tier = req.UserPoolTier ?? pool.UserPoolTier
      // source: AWSB-016 (lowering the plan while features of the higher one are on)
      checkTier(tierFeatures({ settings, mfa, domains: poolDomains(pool), logExport: logExporting.has(pool.Id) }), tier)
      checkMfa(settings, mfa)
      // Turning MFA on here is the same as with SetUserPoolMfaConfig.
      if (settings.MfaConfiguration === 'ON' && pool.settings.MfaConfiguration !== 'ON') checkSignInPolicyForMfa(settings, mfa)
      checkRecoveryMfa(settings, mfa)
      checkSmsRolePropagated(req.SmsConfiguration?.SnsCallerArn, req.SmsConfiguration?.ExternalId)
      pool.settings = settings
      pool.mfa = mfa
      if (req.PoolName !== undefined) pool.Name = req.PoolName
      pool.UserPoolTier = tier
      pool.LastModifiedDate = Math.max(nowSeconds(), pool.LastModifiedDate + 0.001)
      return {}
    },

    DeleteUserPool(req) {
      const pool = getPool(req.UserPoolId)
      // source: AWSB-012
      if (pool.settings.DeletionProtection === 'ACTIVE') {
        // source: AWSB-012
        throw invalidParameter('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.')
      }
      // A domain still DELETING counts: the pool has it until it is gone.
      if (pool.Domain || pool.CustomDomain) {
        // source: AWSB-013; AWSB-062
        throw invalidParameter('User pool cannot be deleted. It has a domain configured that should be deleted first.')
      }
      pools.delete(pool.Id)
      branding.dropFor(pool.Id)
      return {}
    },

    // The pool's log export, as far as the tests mark it (lc.setLogExport): user-activity logs (userAuthEvents).
    // A pool without a configuration answers without LogDeliveryConfiguration (optional in the model; AWS's
    // answer for it is not documented, and the action reads both the same way).
    // source: model GetLogDeliveryConfigurationResponse, model LogConfigurationType.EventSource; AWSB-157
    GetLogDeliveryConfiguration(req) {
      const pool = getPool(req.UserPoolId)
      if (!logExporting.has(pool.Id)) return {}
      return {
        LogDeliveryConfiguration: {
          UserPoolId: pool.Id,
          LogConfigurations: [{ LogLevel: 'INFO', EventSource: 'userAuthEvents', S3Configuration: { BucketArn: `arn:aws:s3:::cognito-logs-${accountId}` } }],
        },
      }
    },

    // source: model ListUserPoolsResponse (UserPoolDescriptionType)
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
  }
  return { handlers }
}
