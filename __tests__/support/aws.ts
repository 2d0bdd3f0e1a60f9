// Shared fixtures for the AWS layer tests: realistic DescribeUserPool / DescribeUserPoolClient
// responses, a Desired builder, and the aws-sdk-client-mock plumbing.
import { CognitoIdentityProviderClient, type UserPoolClientType, type UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock'
import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest'
import { expect } from 'vitest'
import { Cognito as CognitoApi } from '../../src/aws/cognito.js'

expect.extend(allCustomMatcher)

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends BaseMatcher<T> {}
}

export const REGION = 'eu-central-1'
export const POOL_ID = 'eu-central-1_AbCdEfGhI'
export const POOL_ARN = `arn:aws:cognito-idp:eu-central-1:123456789012:userpool/${POOL_ID}`
export const CLIENT_ID = '4example5client6id7abcdefgh'

// The Desired builder lives in __tests__/support/state.ts (shared with plan, main and settings tests).
export { desired } from '../support/state.js'

/** A DescribeUserPool response for a pool that already matches `desired()`, with everything set. */
export function describedPool(overrides: Partial<UserPoolType> = {}): UserPoolType {
  return {
    Id: POOL_ID,
    Name: 'openmetadata',
    Arn: POOL_ARN,
    Status: 'Enabled',
    CreationDate: new Date('2024-01-02T03:04:05Z'),
    LastModifiedDate: new Date('2024-06-07T08:09:10Z'),
    EstimatedNumberOfUsers: 42,
    Domain: 'openmetadata-sso',
    CustomDomain: 'auth.example.com',
    DeletionProtection: 'ACTIVE',
    Policies: {
      PasswordPolicy: {
        MinimumLength: 12,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: false,
        PasswordHistorySize: 5,
        TemporaryPasswordValidityDays: 3,
      },
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
    },
    LambdaConfig: {
      PreSignUp: 'arn:aws:lambda:eu-central-1:123456789012:function:pre-sign-up',
      PostConfirmation: 'arn:aws:lambda:eu-central-1:123456789012:function:post-confirmation',
      PreTokenGenerationConfig: {
        LambdaArn: 'arn:aws:lambda:eu-central-1:123456789012:function:pre-token',
        LambdaVersion: 'V2_0',
      },
    },
    SchemaAttributes: [
      { Name: 'sub', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: false, Required: true },
      { Name: 'email', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: true },
      { Name: 'custom:team', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false },
    ],
    AutoVerifiedAttributes: ['email'],
    UsernameAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    SmsVerificationMessage: 'Your code is {####}',
    EmailVerificationMessage: 'Your verification code is {####}',
    EmailVerificationSubject: 'Verify your email',
    VerificationMessageTemplate: {
      SmsMessage: 'Your code is {####}',
      EmailMessage: 'Your verification code is {####}',
      EmailSubject: 'Verify your email',
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
    },
    SmsAuthenticationMessage: 'Your sign-in code is {####}',
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    MfaConfiguration: 'ON',
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    EmailConfiguration: {
      EmailSendingAccount: 'DEVELOPER',
      SourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/example.com',
      From: 'Example <no-reply@example.com>',
      ReplyToEmailAddress: 'support@example.com',
    },
    SmsConfiguration: {
      SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms',
      ExternalId: 'external-id',
      SnsRegion: 'eu-central-1',
    },
    SmsConfigurationFailure: 'SNS sandbox',
    EmailConfigurationFailure: 'SES sandbox',
    UserPoolTags: { 'managed-by': 'cognito-sso-action', team: 'platform' },
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: true,
      UnusedAccountValidityDays: 7,
      InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'User {username}, password {####}' },
    },
    UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    UserPoolTier: 'ESSENTIALS',
    ...overrides,
  }
}

/** A DescribeUserPoolClient response for a public client that already matches `desired()`. */
export function describedClient(overrides: Partial<UserPoolClientType> = {}): UserPoolClientType {
  return {
    UserPoolId: POOL_ID,
    ClientId: CLIENT_ID,
    ClientName: 'openmetadata-web',
    CreationDate: new Date('2024-01-02T03:04:05Z'),
    LastModifiedDate: new Date('2024-06-07T08:09:10Z'),
    RefreshTokenValidity: 30,
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    ReadAttributes: ['email', 'email_verified', 'custom:team'],
    WriteAttributes: ['email', 'custom:team'],
    ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
    SupportedIdentityProviders: ['COGNITO'],
    CallbackURLs: ['https://app.example.com/callback'],
    LogoutURLs: ['https://app.example.com/logout'],
    DefaultRedirectURI: 'https://app.example.com/callback',
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    AllowedOAuthFlowsUserPoolClient: true,
    AnalyticsConfiguration: {
      ApplicationId: 'pinpoint-app-id',
      RoleArn: 'arn:aws:iam::123456789012:role/cognito-pinpoint',
      UserDataShared: false,
    },
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
    RefreshTokenRotation: { Feature: 'DISABLED' },
    ...overrides,
  }
}

/** An error shaped like the SDK's service exceptions (name, $fault, $metadata). */
export function awsError(name: string, message = `${name} message`, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
    ...extra,
  })
}

export interface Mocked {
  cognito: AwsClientStub<CognitoIdentityProviderClient>
  api: CognitoApi
}

/** A fresh mock of every CognitoIdentityProviderClient, and an api over a client it covers. */
export function mockCognito(): Mocked {
  const cognito = mockClient(CognitoIdentityProviderClient)
  const api = new CognitoApi(new CognitoIdentityProviderClient({ region: REGION }))
  return { cognito, api }
}

/** The commands the mock received, in order, as `[CommandName, input]`. */
export function sent(cognito: AwsClientStub<CognitoIdentityProviderClient>): [string, unknown][] {
  return cognito.calls().map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: unknown }
    return [command.constructor.name.replace(/Command$/, ''), command.input]
  })
}

/** Just the operation names, in order. */
export function operations(cognito: AwsClientStub<CognitoIdentityProviderClient>): string[] {
  return sent(cognito).map(([name]) => name)
}
