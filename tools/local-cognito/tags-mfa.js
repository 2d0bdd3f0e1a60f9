// @ts-check
/**
 * Tags (TagResource, UntagResource, ListTagsForResource) and MFA configuration (SetUserPoolMfaConfig,
 * GetUserPoolMfaConfig) of a user pool, over the backend's shared pool state (moved from cognito.js).
 */
import { invalidParameter } from './errors.js'
import { checkMfaRequest } from './rules.js'
import { clone } from './util.js'

export const MAX_TAGS = 50

/**
 * @param {{ getPool: (id: string) => any, poolByArn: (arn: string) => any, mfaConfig: (pool: any) => Record<string, unknown>, nowSeconds: () => number }} deps
 */
export function createTagsMfa({ getPool, poolByArn, mfaConfig, nowSeconds }) {
  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    TagResource(req) {
      const pool = poolByArn(req.ResourceArn)
      const tags = { ...pool.settings.UserPoolTags, ...req.Tags }
      if (Object.keys(tags).length > MAX_TAGS) throw invalidParameter(`A user pool can have at most ${MAX_TAGS} tags.`)
      pool.settings.UserPoolTags = tags
      return {}
    },

    UntagResource(req) {
      const pool = poolByArn(req.ResourceArn)
      const tags = { ...pool.settings.UserPoolTags }
      for (const k of req.TagKeys) delete tags[k]
      pool.settings.UserPoolTags = tags
      return {}
    },

    ListTagsForResource(req) {
      return { Tags: clone(poolByArn(req.ResourceArn).settings.UserPoolTags) }
    },

    SetUserPoolMfaConfig(req) {
      const pool = getPool(req.UserPoolId)
      const settings = { ...pool.settings }
      checkMfaRequest(req, pool.settings, pool.UserPoolTier)
      const mfa = { ...pool.mfa }
      if (req.SoftwareTokenMfaConfiguration) mfa.SoftwareTokenMfaConfiguration = { Enabled: req.SoftwareTokenMfaConfiguration.Enabled ?? false }
      // Like AWS: SMS and email MFA are on exactly when the request carries their configuration.
      mfa.SmsEnabled = Boolean(req.SmsMfaConfiguration)
      mfa.EmailMfaConfiguration = req.EmailMfaConfiguration ? clone(req.EmailMfaConfiguration) : undefined
      if (req.WebAuthnConfiguration) mfa.WebAuthnConfiguration = clone(req.WebAuthnConfiguration)
      if (req.SmsMfaConfiguration) {
        if (req.SmsMfaConfiguration.SmsConfiguration) settings.SmsConfiguration = clone(req.SmsMfaConfiguration.SmsConfiguration)
        if (req.SmsMfaConfiguration.SmsAuthenticationMessage) settings.SmsAuthenticationMessage = req.SmsMfaConfiguration.SmsAuthenticationMessage
      }
      if (req.MfaConfiguration !== undefined) settings.MfaConfiguration = req.MfaConfiguration
      if (settings.MfaConfiguration === 'OFF' && req.SoftwareTokenMfaConfiguration?.Enabled) {
        throw invalidParameter("Invalid MFA configuration given, can't turn off MFA and enable Software Token MFA or SMS Text Message MFA")
      }
      if (settings.MfaConfiguration !== 'OFF' && !mfa.SoftwareTokenMfaConfiguration.Enabled && !mfa.SmsEnabled && !mfa.EmailMfaConfiguration) {
        throw invalidParameter('At least one MFA factor (SMS, software token or email) must be enabled when MFA is ON or OPTIONAL.')
      }
      pool.settings = settings
      pool.mfa = mfa
      pool.LastModifiedDate = Math.max(nowSeconds(), pool.LastModifiedDate + 0.001)
      return mfaConfig(pool)
    },

    GetUserPoolMfaConfig(req) {
      return mfaConfig(getPool(req.UserPoolId))
    },
  }
  return { handlers }
}
