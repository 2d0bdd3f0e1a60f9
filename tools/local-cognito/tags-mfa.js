// @ts-check
/**
 * Tags (TagResource, UntagResource, ListTagsForResource) and MFA configuration (SetUserPoolMfaConfig,
 * GetUserPoolMfaConfig) of a user pool, over the backend's shared pool state (moved from cognito.js).
 */
import { invalidParameter } from './errors.js'
import { checkMfaRequest, checkRecoveryMfa, checkTier, tierFeatures } from './rules.js'
import { clone } from './util.js'

export const MAX_TAGS = 50

/**
 * @param {{ getPool: (id: string) => any, poolByArn: (arn: string) => any, mfaConfig: (pool: any) => Record<string, unknown>, nowSeconds: () => number,
 *   poolDomains: (pool: any) => any[], checkSmsRolePropagated: (roleArn: string | undefined, externalId?: string) => void, logExporting: Set<string> }} deps
 */
export function createTagsMfa({ getPool, poolByArn, mfaConfig, nowSeconds, poolDomains, checkSmsRolePropagated, logExporting }) {
  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    TagResource(req) {
      const pool = poolByArn(req.ResourceArn)
      const tags = { ...pool.settings.UserPoolTags, ...req.Tags }
      // source: AWSB-028
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

    // source: model ListTagsForResourceResponse
    ListTagsForResource(req) {
      return { Tags: clone(poolByArn(req.ResourceArn).settings.UserPoolTags) }
    },

    SetUserPoolMfaConfig(req) {
      const pool = getPool(req.UserPoolId)
      const settings = { ...pool.settings }
      const mfa = { ...pool.mfa }
      if (req.SoftwareTokenMfaConfiguration) mfa.SoftwareTokenMfaConfiguration = { Enabled: req.SoftwareTokenMfaConfiguration.Enabled ?? false }
      // Like AWS: SMS and email MFA are on exactly when the request carries their configuration.
      // source: AWSB-025 (SetUserPoolMfaConfig resets what it is not given)
      mfa.SmsEnabled = Boolean(req.SmsMfaConfiguration)
      mfa.EmailMfaConfiguration = req.EmailMfaConfiguration ? clone(req.EmailMfaConfiguration) : undefined
      if (req.WebAuthnConfiguration) mfa.WebAuthnConfiguration = clone(req.WebAuthnConfiguration)
      checkMfaRequest(req, pool.settings, pool.UserPoolTier, mfa)
      if (req.SmsMfaConfiguration) {
        if (req.SmsMfaConfiguration.SmsConfiguration) settings.SmsConfiguration = clone(req.SmsMfaConfiguration.SmsConfiguration)
        if (req.SmsMfaConfiguration.SmsAuthenticationMessage) settings.SmsAuthenticationMessage = req.SmsMfaConfiguration.SmsAuthenticationMessage
      }
      if (req.MfaConfiguration !== undefined) settings.MfaConfiguration = req.MfaConfiguration
      if (settings.MfaConfiguration === 'OFF' && !req.SoftwareTokenMfaConfiguration) {
        // source: AWSB-225 (terraform user_pool_test.go TestAccCognitoIDPUserPool_MFA_softwareTokenMFA: after OFF, no software token configuration)
        mfa.SoftwareTokenMfaConfiguration = { Enabled: false }
      }
      if (settings.MfaConfiguration === 'OFF' && req.SoftwareTokenMfaConfiguration?.Enabled) {
        // source: AWSB-004 (terraform user_pool.go resourceUserPoolUpdate)
        throw invalidParameter("Invalid MFA configuration given, can't turn off MFA and enable Software Token MFA or SMS Text Message MFA")
      }
      if (settings.MfaConfiguration !== 'OFF' && !mfa.SoftwareTokenMfaConfiguration.Enabled && !mfa.SmsEnabled && !mfa.EmailMfaConfiguration) {
        // source: AWSB-022
        throw invalidParameter("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.")
      }
      if (settings.MfaConfiguration !== 'OFF' && !req.SmsMfaConfiguration && pool.settings.SmsConfiguration?.SnsCallerArn) {
        // source: AWSB-223 (AWS's answer quoted in aws-amplify/amplify-backend#1481)
        throw invalidParameter("Can't turn off SMS_MFA when SMS configuration is set for the user pool")
      }
      checkRecoveryMfa(settings, mfa)
      // source: AWSB-016 (passkey MFA and email MFA count towards the plan)
      checkTier(tierFeatures({ settings, mfa, domains: poolDomains(pool), logExport: logExporting.has(pool.Id) }), pool.UserPoolTier)
      checkSmsRolePropagated(req.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn, req.SmsMfaConfiguration?.SmsConfiguration?.ExternalId)
      pool.settings = settings
      pool.mfa = mfa
      pool.LastModifiedDate = Math.max(nowSeconds(), pool.LastModifiedDate + 0.001)
      // source: model SetUserPoolMfaConfigResponse
      return mfaConfig(pool)
    },

    // source: model GetUserPoolMfaConfigResponse; AWSB-006
    GetUserPoolMfaConfig(req) {
      return mfaConfig(getPool(req.UserPoolId))
    },
  }
  return { handlers }
}
