// @ts-check
// Rules AWS enforces on pool and client settings that the model alone does not express: the
// password-validity conflict, verification-before-update prerequisites, feature-plan gating and
// the token-validity unit defaults.
import { AwsError, invalidParameter } from './errors.js'

const TIERS = ['LITE', 'ESSENTIALS', 'PLUS']

/**
 * Checks a CreateUserPool / UpdateUserPool request.
 * @param {Record<string, any>} req
 * @param {string} tier the pool's feature plan after the request
 */
export function checkPoolRequest(req, tier) {
  if (req.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined && req.AdminCreateUserConfig?.UnusedAccountValidityDays !== undefined) {
    throw invalidParameter('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays')
  }
  const verified = req.AutoVerifiedAttributes ?? []
  for (const a of req.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []) {
    if (!verified.includes(a)) throw invalidParameter(`Attribute ${a} requires verification before update, but it is not in AutoVerifiedAttributes.`)
  }
  if (!TIERS.includes(tier)) throw invalidParameter(`Invalid UserPoolTier: ${tier}`)
  if (tier === 'LITE' && (req.Policies?.PasswordPolicy?.PasswordHistorySize ?? 0) > 0) {
    throw new AwsError('FeatureUnavailableInTierException', 'Password history is not available in the LITE tier.')
  }
}

/**
 * AWS reads a token lifetime sent without its unit in hours (access, ID) or days (refresh); only a
 * client that sends neither keeps the described defaults (60 minutes, 30 days).
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
 * What SetUserPoolMfaConfig refuses: email MFA without SES mail (EmailSendingAccount DEVELOPER) or on
 * the LITE tier, SMS MFA without an SMS configuration (in the request or on the pool).
 * @param {Record<string, any>} req
 * @param {Record<string, any>} settings the pool's settings before the request
 * @param {string} tier the pool's feature plan
 */
export function checkMfaRequest(req, settings, tier) {
  if (req.EmailMfaConfiguration) {
    if (tier === 'LITE') {
      throw new AwsError('FeatureUnavailableInTierException', 'Email MFA is not available in the LITE tier.')
    }
    if (settings.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER') {
      throw invalidParameter('Email MFA requires the user pool to send email with Amazon SES (EmailSendingAccount DEVELOPER).')
    }
  }
  if (req.SmsMfaConfiguration && !req.SmsMfaConfiguration.SmsConfiguration?.SnsCallerArn && !settings.SmsConfiguration?.SnsCallerArn) {
    throw invalidParameter('SMS configuration is required to enable SMS MFA.')
  }
}
