import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { failure, sdk, type LocalCognito } from './helpers.js'

let lc: LocalCognito
beforeAll(async () => {
  lc = await startLocalCognito({ port: 0 })
})
afterAll(async () => {
  await lc.close()
})

describe('local Cognito: rules AWS enforces on settings', () => {
  it('refuses TemporaryPasswordValidityDays together with UnusedAccountValidityDays', async () => {
    const e = await failure(
      sdk(lc).send(
        new CreateUserPoolCommand({
          PoolName: 'p',
          Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } },
          AdminCreateUserConfig: { UnusedAccountValidityDays: 3 },
        }),
      ),
    )
    expect([e.name, e.message]).toEqual([
      'InvalidParameterException',
      'Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays',
    ])
  })

  it('refuses verification-before-update of an attribute that is not auto-verified', async () => {
    const e = await failure(
      sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'p', UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } })),
    )
    expect(e.name).toBe('InvalidParameterException')
    await expect(
      sdk(lc).send(
        new CreateUserPoolCommand({
          PoolName: 'p',
          AutoVerifiedAttributes: ['email'],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        }),
      ),
    ).resolves.toBeDefined()
  })

  it('gates password history by feature plan (FeatureUnavailableInTierException), on create and update', async () => {
    const e = await failure(
      sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'p', UserPoolTier: 'LITE', Policies: { PasswordPolicy: { PasswordHistorySize: 3 } } })),
    )
    expect(e.name).toBe('FeatureUnavailableInTierException')
    const made = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'p', UserPoolTier: 'LITE' }))
    const u = await failure(
      sdk(lc).send(new UpdateUserPoolCommand({ UserPoolId: made.UserPool?.Id, Policies: { PasswordPolicy: { PasswordHistorySize: 3 } } })),
    )
    expect(u.name).toBe('FeatureUnavailableInTierException')
    await expect(
      sdk(lc).send(
        new UpdateUserPoolCommand({ UserPoolId: made.UserPool?.Id, UserPoolTier: 'ESSENTIALS', Policies: { PasswordPolicy: { PasswordHistorySize: 3 } } }),
      ),
    ).resolves.toBeDefined()
  })

  it('reads token lifetimes sent without units in hours (access, ID) and days (refresh)', async () => {
    const pool = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'tokens' }))
    const UserPoolId = pool.UserPool?.Id
    const c = await sdk(lc).send(
      new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'c', AccessTokenValidity: 2, IdTokenValidity: 3, RefreshTokenValidity: 7 }),
    )
    const d = await sdk(lc).send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: c.UserPoolClient?.ClientId }))
    expect(d.UserPoolClient?.TokenValidityUnits).toEqual({ AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' })
    const plain = await sdk(lc).send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'd' }))
    expect(plain.UserPoolClient?.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' })
  })
})
