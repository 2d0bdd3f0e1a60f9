import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type UserPoolDescriptionType,
} from '@aws-sdk/client-cognito-identity-provider'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { failure, invokeError, raw, sdk, type LocalCognito } from './helpers.js'

let lc: LocalCognito
let client: CognitoIdentityProviderClient

beforeAll(async () => {
  lc = await startLocalCognito({ port: 0, region: 'eu-west-3', accountId: '210987654321' })
  client = sdk(lc)
})
afterAll(async () => {
  client.destroy()
  await lc.close()
})

describe('CreateUserPool / DescribeUserPool', () => {
  it('creates a pool with AWS ids, ARN and defaults', async () => {
    const { UserPool: p } = await client.send(new CreateUserPoolCommand({ PoolName: 'defaults' }))
    expect(p!.Id).toMatch(/^eu-west-3_[0-9A-Za-z]{9}$/)
    expect(p!.Arn).toBe(`arn:aws:cognito-idp:eu-west-3:210987654321:userpool/${p!.Id}`)
    expect(p!.CreationDate).toBeInstanceOf(Date)
    const { UserPool: d } = await client.send(new DescribeUserPoolCommand({ UserPoolId: p!.Id }))
    expect(d).toMatchObject({
      Id: p!.Id,
      Name: 'defaults',
      Arn: p!.Arn,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 7,
        },
      },
      DeletionProtection: 'INACTIVE',
      LambdaConfig: {},
      MfaConfiguration: 'OFF',
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      UserPoolTags: {},
      UserPoolTier: 'ESSENTIALS',
      EstimatedNumberOfUsers: 0,
    })
    expect(d!.UsernameConfiguration).toBeUndefined() // absent: case sensitive
    expect(d!.Domain).toBeUndefined()
    const names = d!.SchemaAttributes!.map((a) => a.Name)
    expect(names).toEqual([
      'sub',
      'name',
      'given_name',
      'family_name',
      'middle_name',
      'nickname',
      'preferred_username',
      'profile',
      'picture',
      'website',
      'email',
      'email_verified',
      'gender',
      'birthdate',
      'zoneinfo',
      'locale',
      'phone_number',
      'phone_number_verified',
      'address',
      'updated_at',
    ])
    expect(d!.SchemaAttributes![0]).toEqual({
      Name: 'sub',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: true,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
    })
    expect(d!.SchemaAttributes!.find((a) => a.Name === 'email')).toMatchObject({ Mutable: true, Required: false })
  })

  it('merges the request Schema: standard attributes may be required/immutable, custom ones get custom:', async () => {
    const { UserPool: p } = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'schema',
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'tenant', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
        ],
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email'],
        UserPoolTags: { team: 'sso' },
        DeletionProtection: 'ACTIVE',
      }),
    )
    expect(p!.SchemaAttributes!.find((a) => a.Name === 'email')).toMatchObject({ Required: true })
    expect(p!.SchemaAttributes!.at(-1)).toEqual({
      Name: 'custom:tenant',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: false,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
    })
    expect(p).toMatchObject({
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      UserPoolTags: { team: 'sso' },
      DeletionProtection: 'ACTIVE',
    })
  })

  it('UsernameAttributes and AliasAttributes are mutually exclusive', async () => {
    const e = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'x', UsernameAttributes: ['email'], AliasAttributes: ['preferred_username'] })))
    expect(e.name).toBe('InvalidParameterException')
  })

  it('MFA ON needs an SMS configuration', async () => {
    const e = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'x', MfaConfiguration: 'ON' })))
    expect(e.name).toBe('InvalidParameterException')
    await client.send(
      new CreateUserPoolCommand({
        PoolName: 'x',
        MfaConfiguration: 'OPTIONAL',
        SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::210987654321:role/sns', ExternalId: 'e' },
      }),
    )
  })

  it('unknown pool → ResourceNotFoundException', async () => {
    const e = await failure(client.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-3_000000000' })))
    expect(e.name).toBe('ResourceNotFoundException')
    expect(e.message).toBe('User pool eu-west-3_000000000 does not exist.')
  })
})

describe('UpdateUserPool', () => {
  it('resets every omitted setting to its default, keeps the name, changes LastModifiedDate', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', {
      PoolName: 'to-reset',
      DeletionProtection: 'ACTIVE',
      LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-3:210987654321:function:f' },
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
      AutoVerifiedAttributes: ['email'],
      UserPoolTags: { a: '1', b: '2' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT', ReplyToEmailAddress: 'r@example.com' },
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
      UserPoolTier: 'PLUS',
    })
    expect(p.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireSymbols: false })
    await new Promise((r) => setTimeout(r, 5))
    await client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, UserPoolTags: { a: '1' } }))
    const { UserPool: d } = await client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))
    expect(d).toMatchObject({
      Name: 'to-reset',
      DeletionProtection: 'INACTIVE',
      LambdaConfig: {},
      MfaConfiguration: 'OFF',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 7,
        },
      },
      UserPoolTags: { a: '1' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      UserPoolTier: 'PLUS',
    })
    expect(d!.AutoVerifiedAttributes ?? []).toEqual([])
    expect(d!.AccountRecoverySetting).toBeUndefined()
    expect(d!.DeviceConfiguration).toBeUndefined()
    expect(d!.LastModifiedDate!.getTime()).toBeGreaterThan(d!.CreationDate!.getTime())
    // tags omitted are removed
    await client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, PoolName: 'renamed' }))
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: p.Arn }))
    expect(Tags).toEqual({})
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: p.Id })).UserPool.Name).toBe('renamed')
  })

  it('rejects create-only settings as unknown members', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', { PoolName: 'create-only' })
    for (const [member, value] of Object.entries({
      Schema: [{ Name: 'x', AttributeDataType: 'String' }],
      UsernameAttributes: ['email'],
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
    })) {
      const res = await raw(lc, 'UpdateUserPool', { UserPoolId: p.Id, [member]: value })
      expect(res.status).toBe(400)
      expect(res.body.__type).toBe('InvalidParameterException')
      expect(res.body.message).toContain(`'${member.charAt(0).toLowerCase()}${member.slice(1)}'`)
      expect((await invokeError(lc, 'UpdateUserPool', { UserPoolId: p.Id, [member]: value })).code).toBe('InvalidParameterException')
    }
  })

  it('MFA ON/OPTIONAL without SMS or software token MFA is rejected; with software token it is accepted', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', { PoolName: 'mfa' })
    const e = await failure(client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, MfaConfiguration: 'OPTIONAL' })))
    expect(e.name).toBe('InvalidParameterException')
    const set = await client.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    )
    expect(set).toMatchObject({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } })
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: p.Id })).UserPool.MfaConfiguration).toBe('ON')
    expect(await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }))).toMatchObject({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    })
    await client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, MfaConfiguration: 'OPTIONAL' }))
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: p.Id })).UserPool.MfaConfiguration).toBe('OPTIONAL')
    // omitted → OFF
    await client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id }))
    expect((await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: p.Id })).MfaConfiguration).toBe('OFF')
    const off = await failure(
      client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } })),
    )
    expect(off.name).toBe('InvalidParameterException')
  })
})

describe('DeleteUserPool', () => {
  it('refuses while deletion protection is active, then deletes (and its clients)', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', { PoolName: 'protected', DeletionProtection: 'ACTIVE' })
    await lc.invoke('CreateUserPoolClient', { UserPoolId: p.Id, ClientName: 'c' })
    const e = await failure(client.send(new DeleteUserPoolCommand({ UserPoolId: p.Id })))
    expect(e.name).toBe('InvalidParameterException')
    expect(e.message).toBe('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.')
    await client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id })) // resets DeletionProtection to INACTIVE
    await client.send(new DeleteUserPoolCommand({ UserPoolId: p.Id }))
    expect((await invokeError(lc, 'DescribeUserPool', { UserPoolId: p.Id })).code).toBe('ResourceNotFoundException')
    expect((await invokeError(lc, 'ListUserPoolClients', { UserPoolId: p.Id })).code).toBe('ResourceNotFoundException')
  })

  it('refuses while the pool has a domain', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', { PoolName: 'with-domain' })
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: p.Id, Domain: 'delete-me-first' })
    const e = await failure(client.send(new DeleteUserPoolCommand({ UserPoolId: p.Id })))
    expect(e.message).toBe('User pool cannot be deleted. It has a domain configured that should be deleted first.')
    await lc.invoke('DeleteUserPoolDomain', { UserPoolId: p.Id, Domain: 'delete-me-first' })
    await client.send(new DeleteUserPoolCommand({ UserPoolId: p.Id }))
  })
})

describe('ListUserPools', () => {
  it('pages through 130 pools in a stable order with an opaque NextToken', async () => {
    const local = await startLocalCognito({ port: 0 })
    const c = sdk(local)
    try {
      const created: string[] = []
      for (let i = 0; i < 130; i++) created.push((await local.invoke('CreateUserPool', { PoolName: `pool-${i}` })).UserPool.Id)
      const seen: UserPoolDescriptionType[] = []
      let token: string | undefined
      let pages = 0
      do {
        const out = await c.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }))
        seen.push(...out.UserPools!)
        token = out.NextToken
        pages++
      } while (token)
      expect(pages).toBe(3)
      expect(seen.map((p) => p.Id)).toEqual(created)
      expect(seen[0]).toEqual({ Id: created[0], Name: 'pool-0', LambdaConfig: {}, CreationDate: expect.any(Date), LastModifiedDate: expect.any(Date) })
      const e = await failure(c.send(new ListUserPoolsCommand({ MaxResults: 61 })))
      expect(e.name).toBe('InvalidParameterException')
      const bad = await failure(c.send(new ListUserPoolsCommand({ MaxResults: 10, NextToken: 'garbage' })))
      expect(bad.name).toBe('InvalidParameterException')
      const missing = await raw(local, 'ListUserPools', {})
      expect(missing.body.message).toContain("Value null at 'maxResults'")
      expect(local.contractViolations).toEqual([])
    } finally {
      c.destroy()
      await local.close()
    }
  })
})

describe('tags', () => {
  it('TagResource / UntagResource / ListTagsForResource share UserPoolTags', async () => {
    const { UserPool: p } = await lc.invoke('CreateUserPool', { PoolName: 'tags', UserPoolTags: { a: '1' } })
    await client.send(new TagResourceCommand({ ResourceArn: p.Arn, Tags: { b: '2', a: '9' } }))
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: p.Arn }))).Tags).toEqual({ a: '9', b: '2' })
    await client.send(new UntagResourceCommand({ ResourceArn: p.Arn, TagKeys: ['a'] }))
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: p.Id })).UserPool.UserPoolTags).toEqual({ b: '2' })
    const e = await failure(client.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:cognito-idp:eu-west-3:210987654321:userpool/eu-west-3_nope' })))
    expect(e.name).toBe('ResourceNotFoundException')
  })
})

describe('contract', () => {
  it('has no contract violations', () => {
    expect(lc.contractViolations).toEqual([])
  })
})

describe('GetLogDeliveryConfiguration (AWSB-157)', () => {
  it('a pool without a log export answers none; one the test marks exports userAuthEvents (Plus); a missing pool is not found', async () => {
    const { UserPool: p } = await client.send(new CreateUserPoolCommand({ PoolName: 'logs', UserPoolTier: 'PLUS' }))
    const none = await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: p!.Id }))
    expect(none.LogDeliveryConfiguration).toBeUndefined()
    lc.setLogExport(p!.Id!)
    const some = await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: p!.Id }))
    expect(some.LogDeliveryConfiguration?.LogConfigurations?.map((c) => [c.EventSource, c.LogLevel])).toEqual([['userAuthEvents', 'INFO']])
    expect((await failure(client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: 'eu-west-3_Missing1' })))).name).toBe('ResourceNotFoundException')
    expect(lc.contractViolations).toEqual([])
  })
})
