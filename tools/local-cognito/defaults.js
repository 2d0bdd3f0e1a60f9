// @ts-check
/** AWS's defaults for user pools and app clients (as DescribeUserPool / DescribeUserPoolClient return them). */

/** @param {string} name @param {string} min @param {string} max */
const str = (name, min = '0', max = '2048') => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
})
/** @param {string} name */
const bool = (name) => ({ Name: name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false })

/**
 * @typedef {{ Name: string, AttributeDataType: string, DeveloperOnlyAttribute: boolean, Mutable: boolean, Required: boolean,
 *   StringAttributeConstraints?: { MinLength?: string, MaxLength?: string }, NumberAttributeConstraints?: { MinValue?: string, MaxValue?: string } }} SchemaAttribute
 */

/**
 * The standard attributes, in the order AWS lists them.
 * source: AWSB-007 (terraform user_pool.go userPoolSchemaAttributeMatchesStandardAttribute)
 * @returns {SchemaAttribute[]}
 */
export function standardSchema() {
  return [
    { ...str('sub', '1', '2048'), Mutable: false, Required: true },
    str('name'),
    str('given_name'),
    str('family_name'),
    str('middle_name'),
    str('nickname'),
    str('preferred_username'),
    str('profile'),
    str('picture'),
    str('website'),
    str('email'),
    bool('email_verified'),
    str('gender'),
    str('birthdate', '10', '10'),
    str('zoneinfo'),
    str('locale'),
    str('phone_number'),
    bool('phone_number_verified'),
    str('address'),
    {
      Name: 'updated_at',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: '0' },
    },
    // `identities` comes with the first identity provider (federation.js; AWSB-094).
  ]
}

export const STANDARD_ATTRIBUTE_NAMES = standardSchema().map((a) => a.Name)

export const defaultPasswordPolicy = () => ({
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
})

export const defaultPolicies = () => ({
  PasswordPolicy: defaultPasswordPolicy(),
  SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
})

/**
 * Settable members of a user pool with their defaults (undefined = not returned when unset).
 * These are what UpdateUserPool resets when a member is omitted.
 * @type {Record<string, () => unknown>}
 */
export const POOL_DEFAULTS = {
  Policies: defaultPolicies,
  DeletionProtection: () => 'INACTIVE',
  LambdaConfig: () => ({}),
  AutoVerifiedAttributes: () => undefined,
  SmsVerificationMessage: () => undefined,
  EmailVerificationMessage: () => undefined,
  EmailVerificationSubject: () => undefined,
  VerificationMessageTemplate: () => ({ DefaultEmailOption: 'CONFIRM_WITH_CODE' }),
  SmsAuthenticationMessage: () => undefined,
  UserAttributeUpdateSettings: () => ({ AttributesRequireVerificationBeforeUpdate: [] }),
  MfaConfiguration: () => 'OFF',
  DeviceConfiguration: () => undefined,
  EmailConfiguration: () => ({ EmailSendingAccount: 'COGNITO_DEFAULT' }),
  SmsConfiguration: () => undefined,
  UserPoolTags: () => ({}),
  AdminCreateUserConfig: () => ({ AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 }),
  UserPoolAddOns: () => undefined,
  AccountRecoverySetting: () => undefined,
  KeyConfiguration: () => undefined,
  IssuerConfiguration: () => undefined,
  AcrConfiguration: () => undefined,
  DcrConfiguration: () => undefined,
}

export const DEFAULT_EXPLICIT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']

/**
 * Settable members of an app client with their defaults (undefined = not returned when unset).
 * These are what UpdateUserPoolClient resets when a member is omitted.
 * @type {Record<string, () => unknown>}
 */
export const CLIENT_DEFAULTS = {
  RefreshTokenValidity: () => 30,
  AccessTokenValidity: () => 60,
  IdTokenValidity: () => 60,
  TokenValidityUnits: () => ({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' }),
  ReadAttributes: () => undefined, // not returned: the client can read every attribute
  WriteAttributes: () => undefined, // not returned: the client can write every mutable attribute
  ExplicitAuthFlows: () => [...DEFAULT_EXPLICIT_AUTH_FLOWS],
  SupportedIdentityProviders: () => undefined,
  CallbackURLs: () => undefined,
  LogoutURLs: () => undefined,
  DefaultRedirectURI: () => undefined,
  AllowedOAuthFlows: () => undefined,
  AllowedOAuthScopes: () => undefined,
  AllowedOAuthFlowsUserPoolClient: () => false,
  AnalyticsConfiguration: () => undefined,
  PreventUserExistenceErrors: () => 'LEGACY',
  EnableTokenRevocation: () => true,
  EnablePropagateAdditionalUserContextData: () => false,
  AuthSessionValidity: () => 3,
  RefreshTokenRotation: () => undefined,
}

export const STANDARD_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']
