import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLIENT_MEMBERS, CLIENT_UPDATE_MEMBERS, clientUpdateRequest } from '../../../src/resources/client/requests.js'
import { POOL_MEMBERS, POOL_UPDATE_MEMBERS, poolUpdateRequest } from '../../../src/resources/pool/requests.js'
import { CLIENT_ID, describedClient, describedPool, POOL_ID } from '../../support/aws.js'

describe('poolUpdateRequest', () => {
  it('carries every updatable member of the described pool, drops read-only ones and overlays the changes', () => {
    const described = describedPool({ DeletionProtection: 'INACTIVE', AutoVerifiedAttributes: ['phone_number'] })
    const request = poolUpdateRequest(described, {
      DeletionProtection: 'ACTIVE',
      AutoVerifiedAttributes: ['phone_number', 'email'],
    })
    expect(request).toStrictEqual({
      UserPoolId: POOL_ID,
      PoolName: 'openmetadata',
      // overlaid
      DeletionProtection: 'ACTIVE',
      AutoVerifiedAttributes: ['phone_number', 'email'],
      // kept as described
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
      UserPoolTags: { 'managed-by': 'cognito-sso-action', team: 'platform' },
      // UnusedAccountValidityDays dropped: the password policy's TemporaryPasswordValidityDays wins
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: true,
        InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'User {username}, password {####}' },
      },
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'ESSENTIALS',
    })
  })

  it('keeps UnusedAccountValidityDays when the password policy has no TemporaryPasswordValidityDays', () => {
    const described = describedPool({ Policies: { PasswordPolicy: { MinimumLength: 8 } } })
    const request = poolUpdateRequest(described, {})
    expect(request.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: true,
      UnusedAccountValidityDays: 7,
      InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'User {username}, password {####}' },
    })
    expect(request.Policies).toEqual({ PasswordPolicy: { MinimumLength: 8 } })
  })

  it('does not modify the described pool', () => {
    const described = describedPool()
    const copy = structuredClone(described)
    poolUpdateRequest(described, { DeletionProtection: 'INACTIVE', MfaConfiguration: undefined })
    expect(described).toEqual(copy)
  })

  it('leaves out members the pool does not describe instead of sending undefined', () => {
    const request = poolUpdateRequest({ Id: POOL_ID, Name: 'p', DeletionProtection: 'ACTIVE' }, {})
    expect(request).toStrictEqual({ UserPoolId: POOL_ID, PoolName: 'p', DeletionProtection: 'ACTIVE' })
  })
})

describe('clientUpdateRequest', () => {
  it('carries every updatable member of the described client, drops read-only ones and overlays the changes', () => {
    const described = describedClient({ ClientSecret: 'must-never-be-sent' })
    const request = clientUpdateRequest(described, {
      CallbackURLs: ['https://new.example.com/callback'],
      AllowedOAuthScopes: ['openid', 'email'],
      DefaultRedirectURI: undefined,
    })
    expect(request).toStrictEqual({
      UserPoolId: POOL_ID,
      ClientId: CLIENT_ID,
      ClientName: 'openmetadata-web',
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: ['email', 'email_verified', 'custom:team'],
      WriteAttributes: ['email', 'custom:team'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://new.example.com/callback'],
      LogoutURLs: ['https://app.example.com/logout'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
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
    })
    // toStrictEqual above already rules out a DefaultRedirectURI key holding undefined.
    expect(Object.keys(request)).not.toContain('DefaultRedirectURI')
  })

  it('keeps DefaultRedirectURI when the overlay does not touch it', () => {
    const request = clientUpdateRequest(describedClient(), { LogoutURLs: [] })
    expect(request.DefaultRedirectURI).toBe('https://app.example.com/callback')
    expect(request.LogoutURLs).toEqual([])
  })
})

describe('update member lists match AWS model', () => {
  // Source: the bundled SDK's own schemas (node_modules/@aws-sdk/client-cognito-identity-provider/
  // dist-es/schemas/schemas_0.js), which are newer than the botocore snapshot the local Cognito uses.
  const schemas = readFileSync(new URL('../../../node_modules/@aws-sdk/client-cognito-identity-provider/dist-es/schemas/schemas_0.js', import.meta.url), 'utf8')
  const names = new Map([...schemas.matchAll(/^const (_\w+) = "(\w+)";$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']))
  const members = (shape: string): string[] => {
    const found = new RegExp(`^export var ${shape}\\$ = \\[3, \\w+, \\w+,\\s*\\d+,\\s*\\[([^\\]]*)\\]`, 'm').exec(schemas)
    if (!found) throw new Error(`the SDK's schemas have no shape ${shape}`)
    return (found[1] ?? '').split(',').map((c) => {
      const name = names.get(c.trim())
      if (!name) throw new Error(`unknown schema constant ${c.trim()}`)
      return name
    })
  }

  it('reads the SDK schemas (AcrConfiguration is in UpdateUserPoolRequest there)', () => {
    expect(members('UpdateUserPoolRequest')).toEqual(expect.arrayContaining(['UserPoolId', 'PoolName', 'AcrConfiguration']))
    expect(members('UpdateUserPoolClientRequest')).toEqual(expect.arrayContaining(['UserPoolId', 'ClientId', 'CallbackURLs']))
  })

  it('every member is classified, both ways (POOL_MEMBERS, CLIENT_MEMBERS)', () => {
    expect(Object.keys(POOL_MEMBERS).sort()).toEqual(members('UpdateUserPoolRequest').sort())
    expect(Object.keys(CLIENT_MEMBERS).sort()).toEqual(members('UpdateUserPoolClientRequest').sort())
  })

  it('POOL_UPDATE_MEMBERS is UpdateUserPoolRequest minus UserPoolId and PoolName', () => {
    const expected = members('UpdateUserPoolRequest').filter((m) => m !== 'UserPoolId' && m !== 'PoolName')
    expect([...POOL_UPDATE_MEMBERS].sort()).toEqual(expected.sort())
  })

  it('every POOL_UPDATE_MEMBERS entry is described by UserPoolType under the same name', () => {
    const described = members('UserPoolType')
    expect(POOL_UPDATE_MEMBERS.filter((m) => !described.includes(m))).toEqual([])
    // PoolName is described as Name, the ID as Id: poolUpdateRequest maps those two itself.
    expect(described).toEqual(expect.arrayContaining(['Id', 'Name']))
  })

  it('CLIENT_UPDATE_MEMBERS is UpdateUserPoolClientRequest minus UserPoolId and ClientId', () => {
    const expected = members('UpdateUserPoolClientRequest').filter((m) => m !== 'UserPoolId' && m !== 'ClientId')
    expect([...CLIENT_UPDATE_MEMBERS].sort()).toEqual(expected.sort())
  })

  it('every CLIENT_UPDATE_MEMBERS entry is described by UserPoolClientType under the same name', () => {
    const described = members('UserPoolClientType')
    expect(CLIENT_UPDATE_MEMBERS.filter((m) => !described.includes(m))).toEqual([])
  })

  it('the lists have no duplicates', () => {
    expect(new Set(POOL_UPDATE_MEMBERS).size).toBe(POOL_UPDATE_MEMBERS.length)
    expect(new Set(CLIENT_UPDATE_MEMBERS).size).toBe(CLIENT_UPDATE_MEMBERS.length)
  })
})
