// @ts-check
// Rules AWS enforces on pool, MFA and client settings that the model alone does not express. Every rule
// names its source (docs/aws-behaviour.md rows, the API model, the Terraform AWS provider); the contract
// test __tests__/local-cognito/sources.test.ts checks that none is left without one.
import { AwsError, invalidParameter } from './errors.js'

// source: model UserPoolTierType
export const TIERS = ['LITE', 'ESSENTIALS', 'PLUS']
const rank = (/** @type {string} */ tier) => TIERS.indexOf(tier)

/**
 * @typedef {{ feature: string, tier: string }} TierFeature
 * @typedef {{ SoftwareTokenMfaConfiguration?: { Enabled: boolean }, SmsEnabled?: boolean, EmailMfaConfiguration?: any, WebAuthnConfiguration?: any }} MfaState
 */

/**
 * The features a pool has (its settings after a request, its MFA, its domains, its log export) that
 * need a plan above LITE, each with the cheapest plan that has it.
 * source: AWSB-017
 * @param {{ settings: Record<string, any>, mfa?: MfaState, domains?: { Domain: string, ManagedLoginVersion: number }[], logExport?: boolean }} state
 * @returns {TierFeature[]}
 */
export function tierFeatures({ settings, mfa, domains = [], logExport = false }) {
  /** @type {TierFeature[]} */
  const out = []
  const addOns = settings.UserPoolAddOns ?? {}
  // source: model UserPoolAddOnsType; AWSB-017
  if (addOns.AdvancedSecurityMode === 'AUDIT' || addOns.AdvancedSecurityMode === 'ENFORCED') {
    out.push({ feature: `threat protection (UserPoolAddOns.AdvancedSecurityMode ${addOns.AdvancedSecurityMode})`, tier: 'PLUS' })
  }
  // source: model AdvancedSecurityAdditionalFlowsType; AWSB-017
  if (addOns.AdvancedSecurityAdditionalFlows?.CustomAuthMode) {
    out.push({ feature: 'threat protection for custom authentication (UserPoolAddOns.AdvancedSecurityAdditionalFlows)', tier: 'PLUS' })
  }
  // source: model LogConfigurationType.S3Configuration; AWSB-157
  if (logExport) out.push({ feature: 'user activity log export (LogDeliveryConfiguration userAuthEvents)', tier: 'PLUS' })
  const version = settings.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion
  // source: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html; AWSB-017
  if (version === 'V2_0' || version === 'V3_0') {
    out.push({ feature: `access token customization (LambdaConfig.PreTokenGenerationConfig.LambdaVersion ${version})`, tier: 'ESSENTIALS' })
  }
  // source: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html; AWSB-017
  if ((settings.Policies?.PasswordPolicy?.PasswordHistorySize ?? 0) > 0) {
    out.push({ feature: 'password history (Policies.PasswordPolicy.PasswordHistorySize)', tier: 'ESSENTIALS' })
  }
  const factors = /** @type {string[]} */ (settings.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'])
  // source: model SignInPolicyType; AWSB-029
  if (factors.some((f) => f !== 'PASSWORD')) {
    out.push({ feature: `passwordless sign-in (Policies.SignInPolicy.AllowedFirstAuthFactors ${factors.join(', ')})`, tier: 'ESSENTIALS' })
  }
  // source: model EmailMfaConfigType; AWSB-017
  if (mfa?.EmailMfaConfiguration) out.push({ feature: 'email MFA (EmailMfaConfiguration)', tier: 'ESSENTIALS' })
  // source: model WebAuthnConfigurationType.FactorConfiguration
  if (mfa?.WebAuthnConfiguration?.FactorConfiguration === 'MULTI_FACTOR_WITH_USER_VERIFICATION') {
    out.push({ feature: 'passkey MFA (WebAuthnConfiguration.FactorConfiguration)', tier: 'ESSENTIALS' })
  }
  for (const d of domains) {
    // source: model CreateUserPoolDomainRequest.ManagedLoginVersion; AWSB-070
    if (d.ManagedLoginVersion === 2) out.push({ feature: `managed login (ManagedLoginVersion 2 on domain ${d.Domain})`, tier: 'ESSENTIALS' })
  }
  return out
}

/**
 * Refuses a pool whose features need a higher plan than `tier`, naming every such feature.
 * @param {TierFeature[]} features @param {string} tier
 */
export function checkTier(features, tier) {
  // source: model UserPoolTierType; AWSB-153
  if (!TIERS.includes(tier)) throw invalidParameter(`Invalid UserPoolTier: ${tier}`)
  const missing = features.filter((f) => rank(f.tier) > rank(tier))
  if (missing.length === 0) return
  // source: AWSB-016 (model UpdateUserPool errors: FeatureUnavailableInTierException)
  throw new AwsError(
    'FeatureUnavailableInTierException',
    `The following features need to be disabled for the ${tier} feature plan: ${missing.map((f) => `${f.feature} needs ${f.tier}`).join('; ')}.`,
  )
}

/**
 * Checks a CreateUserPool / UpdateUserPool request (its own members; the feature plan is checked by
 * the caller with `tierFeatures`, which needs the whole pool).
 * @param {Record<string, any>} req
 */
export function checkPoolRequest(req, region = '') {
  const email = req.EmailConfiguration
  const sesRegion = email?.EmailSendingAccount === 'DEVELOPER' && typeof email.SourceArn === 'string' ? email.SourceArn.split(':')[3] : undefined
  if (region && sesRegion && sesRegion !== region && !LEGACY_SES_REGIONS.includes(sesRegion)) {
    // source: AWSB-221 (model EmailConfigurationType.SourceArn: "must indicate a supported Amazon Web Services Region of your user pool")
    throw invalidParameter(`Invalid SourceArn: Amazon SES identities in ${sesRegion} are not supported for user pools in ${region}.`)
  }
  if (req.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined && req.AdminCreateUserConfig?.UnusedAccountValidityDays !== undefined) {
    // source: AWSB-003 (terraform user_pool.go resourceUserPoolUpdate)
    throw invalidParameter('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays')
  }
  const verified = req.AutoVerifiedAttributes ?? []
  for (const a of req.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []) {
    // source: AWSB-010
    if (!verified.includes(a)) throw invalidParameter(`Attribute ${a} requires verification before update, but it is not in AutoVerifiedAttributes.`)
  }
}

/**
 * AWS reads a token lifetime sent without its unit in hours (access, ID) or days (refresh); only a
 * client that sends neither keeps the described defaults (60 minutes, 30 days).
 * source: AWSB-043
 * @param {Record<string, any>} req
 * @param {Record<string, string>} described the default units
 */
export function tokenValidityUnits(req, described) {
  const units = { ...described, ...(req.TokenValidityUnits ?? {}) }
  /** @type {[string, string, string][]} */
  const members = [
    ['AccessTokenValidity', 'AccessToken', 'hours'],
    ['IdTokenValidity', 'IdToken', 'hours'],
    ['RefreshTokenValidity', 'RefreshToken', 'days'],
  ]
  for (const [member, key, unit] of members) {
    if (req[member] !== undefined && req.TokenValidityUnits?.[key] === undefined) units[key] = unit
  }
  return units
}

/**
 * What SetUserPoolMfaConfig refuses, given the pool before the request: email MFA without SES mail or on
 * LITE, SMS MFA without an SMS configuration, MFA ON while the sign-in policy allows passwordless first
 * factors.
 * @param {Record<string, any>} req
 * @param {Record<string, any>} settings the pool's settings before the request
 * @param {string} tier the pool's feature plan
 * @param {MfaState} mfa the pool's MFA state after the request
 */
export function checkMfaRequest(req, settings, tier, mfa) {
  if (req.EmailMfaConfiguration) {
    if (tier === 'LITE') {
      // source: model EmailMfaConfigType; AWSB-017
      throw new AwsError(
        'FeatureUnavailableInTierException',
        'The following features need to be disabled for the LITE feature plan: email MFA needs ESSENTIALS.',
      )
    }
    if (settings.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER') {
      // source: AWSB-018
      throw invalidParameter('Email MFA requires the user pool to send email with Amazon SES (EmailSendingAccount DEVELOPER).')
    }
  }
  if (req.SmsMfaConfiguration && !req.SmsMfaConfiguration.SmsConfiguration?.SnsCallerArn && !settings.SmsConfiguration?.SnsCallerArn) {
    // source: AWSB-023
    throw invalidParameter('SMS configuration and Auto verification for phone_number are required when MFA is required/optional')
  }
  if (req.MfaConfiguration === 'ON') checkSignInPolicyForMfa(settings, mfa)
}

/** The SES Regions besides its own that a pool may use (AWSB-221). */
export const LEGACY_SES_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1']

/**
 * MFA ON with passwordless first factors: only PASSWORD, and WEB_AUTHN when passkeys satisfy MFA.
 * @param {Record<string, any>} settings @param {MfaState | undefined} mfa
 */
export function checkSignInPolicyForMfa(settings, mfa) {
  const factors = /** @type {string[]} */ (settings.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'])
  const passkeyMfa = mfa?.WebAuthnConfiguration?.FactorConfiguration === 'MULTI_FACTOR_WITH_USER_VERIFICATION'
  const refused = factors.filter((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP' || (f === 'WEB_AUTHN' && !passkeyMfa))
  // source: AWSB-021 (model SignInPolicyType.AllowedFirstAuthFactors, WebAuthnConfigurationType.FactorConfiguration)
  if (refused.length > 0) throw invalidParameter('Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled')
}

/**
 * Account recovery against MFA: email MFA disqualifies email as the only recovery mechanism; SMS MFA
 * and recovery by phone are exclusive.
 * @param {Record<string, any>} settings the pool's settings (AccountRecoverySetting, MfaConfiguration)
 * @param {MfaState} mfa the pool's MFA state
 */
export function checkRecoveryMfa(settings, mfa) {
  if (settings.MfaConfiguration === 'OFF' || settings.MfaConfiguration === undefined) return
  const names = /** @type {{ Name: string }[]} */ (settings.AccountRecoverySetting?.RecoveryMechanisms ?? []).map((m) => m.Name)
  // As GetUserPoolMfaConfig: SMS MFA is on when set so, or (never set) when the pool has an SMS configuration.
  const sms = mfa.SmsEnabled ?? Boolean(settings.SmsConfiguration || settings.SmsAuthenticationMessage)
  if (sms && names.includes('verified_phone_number')) {
    // source: AWSB-020 (model CreateUserPoolRequest.AccountRecoverySetting)
    throw invalidParameter(
      'Invalid account recovery setting parameter. Account Recovery Setting cannot use verified_phone_number as a recovery mechanism when SMS MFA is configured.',
    )
  }
  if (mfa.EmailMfaConfiguration && names.length === 1 && names[0] === 'verified_email') {
    // source: AWSB-019 (model CreateUserPoolRequest.AccountRecoverySetting)
    throw invalidParameter(
      'Invalid account recovery setting parameter. Account Recovery Setting cannot use verified_email as the only recovery mechanism when email MFA is configured.',
    )
  }
}
