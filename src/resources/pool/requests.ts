// Read-merge-write: UpdateUserPool resets every parameter left out of the request to its default. An
// update therefore starts from the described pool, keeps every member the update request accepts, and
// overlays the planned changes. Pure.
import type { UpdateUserPoolRequest, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { carried, setPaths, type Classification } from '../shared/catalogue.js'

/**
 * Every member of UpdateUserPoolRequest in the bundled SDK, each either carried from DescribeUserPool
 * (under the same name) into the update, or excluded with the reason. A member the SDK adds fails the
 * build here until it is classified. A test checks this against the SDK's own schemas.
 */
export const POOL_MEMBERS: Record<keyof UpdateUserPoolRequest, Classification> = {
  UserPoolId: { excluded: 'the key; poolUpdateRequest sets it from Id' },
  PoolName: { excluded: 'described as Name; poolUpdateRequest sets it from Name' },
  Policies: 'carried',
  DeletionProtection: 'carried',
  LambdaConfig: 'carried',
  AutoVerifiedAttributes: 'carried',
  SmsVerificationMessage: 'carried',
  EmailVerificationMessage: 'carried',
  EmailVerificationSubject: 'carried',
  VerificationMessageTemplate: 'carried',
  SmsAuthenticationMessage: 'carried',
  UserAttributeUpdateSettings: 'carried',
  MfaConfiguration: 'carried',
  DeviceConfiguration: 'carried',
  EmailConfiguration: 'carried',
  SmsConfiguration: 'carried',
  UserPoolTags: 'carried',
  AdminCreateUserConfig: 'carried',
  UserPoolAddOns: 'carried',
  DcrConfiguration: 'carried',
  AccountRecoverySetting: 'carried',
  UserPoolTier: 'carried',
  KeyConfiguration: 'carried',
  IssuerConfiguration: 'carried',
  AcrConfiguration: 'carried',
}

/**
 * Members of UpdateUserPoolRequest that DescribeUserPool returns under the same name (PoolName is
 * described as Name).
 */
export const POOL_UPDATE_MEMBERS: readonly (keyof UpdateUserPoolRequest)[] = carried(POOL_MEMBERS)

// The bundled SDK must describe every carried member under the same name, or an update would reset it:
// a carried member that the described type lacks fails to compile here.
const POOL_MEMBERS_SENT = POOL_UPDATE_MEMBERS as readonly (keyof UpdateUserPoolRequest & keyof UserPoolType)[]
const _poolDescribed: Exclude<keyof UpdateUserPoolRequest, 'UserPoolId' | 'PoolName'> extends keyof UserPoolType ? true : never = true

/** `overlay` values of undefined remove the member. */
export function poolUpdateRequest(described: UserPoolType, overlay: Record<string, unknown>): UpdateUserPoolRequest {
  const request: Record<string, unknown> = { UserPoolId: described.Id, PoolName: described.Name }
  for (const key of POOL_MEMBERS_SENT) {
    if (described[key] !== undefined) request[key] = described[key]
  }
  const merged = setPaths(request, overlay) as unknown as UpdateUserPoolRequest
  // Cognito refuses the deprecated UnusedAccountValidityDays next to the password policy's
  // TemporaryPasswordValidityDays, yet describes both: send only the one that wins.
  const admin = merged.AdminCreateUserConfig
  if (admin?.UnusedAccountValidityDays !== undefined && merged.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
    const { UnusedAccountValidityDays: _dropped, ...rest } = admin
    merged.AdminCreateUserConfig = rest
  }
  return merged
}
