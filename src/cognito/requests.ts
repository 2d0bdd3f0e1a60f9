// Read-merge-write: UpdateUserPool and UpdateUserPoolClient reset every parameter left out of the
// request to its default. An update therefore starts from the described resource, keeps every
// member the update request accepts, and overlays the planned changes. Pure functions.
import type {
  UpdateUserPoolClientRequest,
  UpdateUserPoolRequest,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider'
import { setPaths } from '../settings/catalogue.js'

/**
 * Members of UpdateUserPoolRequest that DescribeUserPool returns under the same name (PoolName is
 * described as Name). A test checks this list against AWS's model of both shapes.
 */
export const POOL_UPDATE_MEMBERS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserPoolTier',
  'KeyConfiguration',
  'IssuerConfiguration',
] as const

/** Members of UpdateUserPoolClientRequest that DescribeUserPoolClient returns under the same name. */
export const CLIENT_UPDATE_MEMBERS = [
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const

// The bundled SDK must know every member on both sides (described and sent), or it would drop it
// silently and the update would reset it: these fail to compile otherwise.
const POOL_MEMBERS_SENT: readonly (keyof UpdateUserPoolRequest & keyof UserPoolType)[] = POOL_UPDATE_MEMBERS
const CLIENT_MEMBERS_SENT: readonly (keyof UpdateUserPoolClientRequest & keyof UserPoolClientType)[] = CLIENT_UPDATE_MEMBERS

/** `overlay` values of undefined remove the member. */
export function poolUpdateRequest(described: UserPoolType, overlay: Record<string, unknown>): UpdateUserPoolRequest {
  const request: Record<string, unknown> = { UserPoolId: described.Id, PoolName: described.Name }
  for (const key of POOL_MEMBERS_SENT) {
    if (described[key] !== undefined) request[key] = described[key]
  }
  const merged = applyOverlay(request, overlay) as unknown as UpdateUserPoolRequest
  // Cognito refuses the deprecated UnusedAccountValidityDays next to the password policy's
  // TemporaryPasswordValidityDays, yet describes both: send only the one that wins.
  const admin = merged.AdminCreateUserConfig
  if (admin?.UnusedAccountValidityDays !== undefined && merged.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
    const { UnusedAccountValidityDays: _dropped, ...rest } = admin
    merged.AdminCreateUserConfig = rest
  }
  return merged
}

export function clientUpdateRequest(described: UserPoolClientType, overlay: Record<string, unknown>): UpdateUserPoolClientRequest {
  const request: Record<string, unknown> = { UserPoolId: described.UserPoolId, ClientId: described.ClientId }
  for (const key of CLIENT_MEMBERS_SENT) {
    if (described[key] !== undefined) request[key] = described[key]
  }
  return applyOverlay(request, overlay) as unknown as UpdateUserPoolClientRequest
}

/** Overlay keys are member paths ('Policies.PasswordPolicy.MinimumLength'); undefined removes the member. */
function applyOverlay(request: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  return setPaths(request, overlay)
}
