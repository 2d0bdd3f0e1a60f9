import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigCommand,
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

const SES = { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' }
const ROLE = 'arn:aws:iam::123456789012:role/sms'

describe('local Cognito: SetUserPoolMfaConfig refuses what AWS refuses', () => {
  it('email MFA: FeatureUnavailableInTierException on LITE, InvalidParameterException without SES mail', async () => {
    const lite = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'lite', UserPoolTier: 'LITE', EmailConfiguration: SES }))
    const e = await failure(
      sdk(lc).send(new SetUserPoolMfaConfigCommand({ UserPoolId: lite.UserPool?.Id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })),
    )
    expect(e.name).toBe('FeatureUnavailableInTierException')
    const cognitoMail = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'mail' }))
    const m = await failure(
      sdk(lc).send(new SetUserPoolMfaConfigCommand({ UserPoolId: cognitoMail.UserPool?.Id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })),
    )
    expect(m.name).toBe('InvalidParameterException')
    const ses = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'ses', EmailConfiguration: SES }))
    await sdk(lc).send(new SetUserPoolMfaConfigCommand({ UserPoolId: ses.UserPool?.Id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} }))
    const got = await sdk(lc).send(new GetUserPoolMfaConfigCommand({ UserPoolId: ses.UserPool?.Id }))
    expect([got.MfaConfiguration, got.EmailMfaConfiguration]).toEqual(['OPTIONAL', {}])
  })

  it('SMS MFA needs an SMS configuration; once the pool has one, SMS MFA is turned off only with MFA (AWSB-223)', async () => {
    const made = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'sms' }))
    const UserPoolId = made.UserPool?.Id
    const e = await failure(sdk(lc).send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: {} })))
    expect(e.name).toBe('InvalidParameterException')
    await sdk(lc).send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId,
        MfaConfiguration: 'ON',
        SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } },
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    )
    expect((await sdk(lc).send(new GetUserPoolMfaConfigCommand({ UserPoolId }))).SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn).toBe(ROLE)
    // Left out while MFA stays on: refused, since the pool has an SMS configuration (AWSB-223).
    const refused = await failure(
      sdk(lc).send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } })),
    )
    expect(refused.name).toBe('InvalidParameterException')
    expect(refused.message).toBe("Can't turn off SMS_MFA when SMS configuration is set for the user pool")
    // MFA off (no method, as Terraform sends it): SMS MFA is off, the SMS configuration stays on the pool (AWSB-005).
    await sdk(lc).send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OFF' }))
    const got = await sdk(lc).send(new GetUserPoolMfaConfigCommand({ UserPoolId }))
    expect(got.SmsMfaConfiguration).toBeUndefined()
    expect(got.MfaConfiguration).toBe('OFF')
    expect((await sdk(lc).send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.SmsConfiguration?.SnsCallerArn).toBe(ROLE)
  })
})
