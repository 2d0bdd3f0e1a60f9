/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON documents read back from the local Cognito */
// The local Cognito answers as AWS answers (docs/aws-behaviour.md): providers described with what AWS
// adds and without what it keeps secret, domains through their statuses under the test's control, and
// the rules of issue 15 (feature plans, MFA against recovery and sign-in policy, SNS role propagation,
// invited user names, loopback callbacks, a taken resource-server identifier).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { startFakeIdp } from '../../tools/fake-idp.js'
import { invokeError, type LocalCognito } from './helpers.js'

const SES = { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' }
const ROLE = 'arn:aws:iam::123456789012:role/sms'
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'

async function pool(lc: LocalCognito, extra: Record<string, unknown> = {}): Promise<string> {
  return (await lc.invoke('CreateUserPool', { PoolName: 'p', ...extra })).UserPool.Id
}

describe('identity providers are described as AWS describes them (AWSB-080 … AWSB-085, AWSB-094)', () => {
  let lc: LocalCognito
  let idp: Awaited<ReturnType<typeof startFakeIdp>>
  beforeAll(async () => {
    lc = await startLocalCognito({ port: 0 })
    idp = await startFakeIdp()
  })
  afterAll(async () => {
    await lc.close()
    await idp.close()
  })
  const describeIdp = async (UserPoolId: string, ProviderName: string): Promise<any> =>
    (await lc.invoke('DescribeIdentityProvider', { UserPoolId, ProviderName })).IdentityProvider

  it('Apple: private_key kept but never described; AWS adds its endpoints and username → sub', async () => {
    const UserPoolId = await pool(lc)
    await lc.invoke('CreateIdentityProvider', {
      UserPoolId,
      ProviderName: 'SignInWithApple',
      ProviderType: 'SignInWithApple',
      ProviderDetails: { client_id: 'com.example', team_id: 'T', key_id: 'K', private_key: 'PRIVATE', authorize_scopes: 'email name' },
    })
    const d = await describeIdp(UserPoolId, 'SignInWithApple')
    expect(d.ProviderDetails).toEqual({
      client_id: 'com.example',
      team_id: 'T',
      key_id: 'K',
      authorize_scopes: 'email name',
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://appleid.apple.com/auth/authorize',
      oidc_issuer: 'https://appleid.apple.com',
      token_request_method: 'POST',
      token_url: 'https://appleid.apple.com/auth/token',
    })
    expect(d.AttributeMapping).toEqual({ username: 'sub' })
    // An update without the key (as a read-merge-write sends it) keeps it.
    await lc.invoke('UpdateIdentityProvider', { UserPoolId, ProviderName: 'SignInWithApple', ProviderDetails: { ...d.ProviderDetails, key_id: 'K2' } })
    expect((await describeIdp(UserPoolId, 'SignInWithApple')).ProviderDetails.key_id).toBe('K2')
    expect(lc.contractViolations).toEqual([])
  })

  it('Google, Facebook, Login with Amazon: the details and user-name mapping AWS adds', async () => {
    const UserPoolId = await pool(lc)
    const social = { client_id: 'id', client_secret: 's', authorize_scopes: 'email' }
    for (const type of ['Google', 'Facebook', 'LoginWithAmazon'])
      await lc.invoke('CreateIdentityProvider', { UserPoolId, ProviderName: type, ProviderType: type, ProviderDetails: social })
    const google = await describeIdp(UserPoolId, 'Google')
    expect(google.ProviderDetails).toMatchObject({ ...social, oidc_issuer: 'https://accounts.google.com', attributes_url_add_attributes: 'true' })
    expect(Object.keys(google.ProviderDetails)).toHaveLength(9)
    expect(google.AttributeMapping).toEqual({ username: 'sub' })
    expect((await describeIdp(UserPoolId, 'Facebook')).AttributeMapping).toEqual({ username: 'id' })
    expect((await describeIdp(UserPoolId, 'LoginWithAmazon')).AttributeMapping).toEqual({ username: 'user_id' })
  })

  it('OIDC: endpoints from the issuer discovery, attributes_url_add_attributes; an issuer that cannot be discovered needs them given', async () => {
    const UserPoolId = await pool(lc)
    const details = { client_id: 'c', client_secret: 's', authorize_scopes: 'openid', attributes_request_method: 'GET', oidc_issuer: idp.oidcIssuer }
    await lc.invoke('CreateIdentityProvider', { UserPoolId, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: details })
    const d = await describeIdp(UserPoolId, 'Corp')
    expect(d.ProviderDetails).toEqual({
      ...details,
      authorize_url: `${idp.oidcIssuer}/authorize`,
      token_url: `${idp.oidcIssuer}/token`,
      attributes_url: `${idp.oidcIssuer}/userinfo`,
      jwks_uri: `${idp.oidcIssuer}/jwks`,
      attributes_url_add_attributes: 'false',
    })
    expect(d.AttributeMapping).toEqual({ username: 'sub' })
    const e = await invokeError(lc, 'CreateIdentityProvider', {
      UserPoolId,
      ProviderName: 'Gone',
      ProviderType: 'OIDC',
      ProviderDetails: { ...details, oidc_issuer: 'http://127.0.0.1:9/nothing' },
    })
    expect(e.code).toBe('InvalidParameterException')
    // The first provider added the identities attribute.
    const schema = (await lc.invoke('DescribeUserPool', { UserPoolId })).UserPool.SchemaAttributes.map((a: any) => a.Name)
    expect(schema).toContain('identities')
  })

  it('SAML: ActiveEncryptionCertificate, SSO and SLO URLs derived from the metadata, no user-name mapping', async () => {
    const UserPoolId = await pool(lc)
    await lc.invoke('CreateIdentityProvider', {
      UserPoolId,
      ProviderName: 'Okta',
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: idp.samlMetadataUrl('okta') },
      AttributeMapping: { email: 'mail' },
    })
    const d = await describeIdp(UserPoolId, 'Okta')
    expect(d.ProviderDetails).toMatchObject({ MetadataURL: idp.samlMetadataUrl('okta'), SSORedirectBindingURI: `${idp.url}/saml/okta/sso` })
    expect(d.ProviderDetails.ActiveEncryptionCertificate).toMatch(/^MII/)
    expect(d.AttributeMapping).toEqual({ email: 'mail' })
  })
})

describe('domains go through their statuses under the test (AWSB-060 … AWSB-062, AWSB-066)', () => {
  let lc: LocalCognito
  beforeEach(async () => {
    lc = await startLocalCognito({ port: 0, holdDomains: true, holdDomainUpdates: true, holdDomainDeletes: true })
  })
  afterEach(async () => {
    await lc.close()
  })
  const status = async (Domain: string): Promise<string | undefined> => (await lc.invoke('DescribeUserPoolDomain', { Domain })).DomainDescription.Status

  it('CREATING → ACTIVE, UPDATING → ACTIVE, DELETING → gone, each when the test says', async () => {
    const UserPoolId = await pool(lc)
    await lc.invoke('CreateUserPoolDomain', { UserPoolId, Domain: 'auth.hold.example.com', CustomDomainConfig: { CertificateArn: CERT } })
    expect(await status('auth.hold.example.com')).toBe('CREATING')
    lc.activateDomain('auth.hold.example.com')
    expect(await status('auth.hold.example.com')).toBe('ACTIVE')
    await lc.invoke('UpdateUserPoolDomain', { UserPoolId, Domain: 'auth.hold.example.com', CustomDomainConfig: { CertificateArn: CERT } })
    expect(await status('auth.hold.example.com')).toBe('UPDATING')
    lc.activateDomain('auth.hold.example.com')
    await lc.invoke('DeleteUserPoolDomain', { UserPoolId, Domain: 'auth.hold.example.com' })
    expect(await status('auth.hold.example.com')).toBe('DELETING')
    // Until it is gone, the pool has it.
    expect((await lc.invoke('DescribeUserPool', { UserPoolId })).UserPool.CustomDomain).toBe('auth.hold.example.com')
    expect((await invokeError(lc, 'DeleteUserPool', { UserPoolId })).message).toContain('domain configured')
    expect(
      (await invokeError(lc, 'CreateUserPoolDomain', { UserPoolId, Domain: 'auth.next.example.com', CustomDomainConfig: { CertificateArn: CERT } })).message,
    ).toContain('already has a domain')
    lc.finishDomainDeletion('auth.hold.example.com')
    expect(await status('auth.hold.example.com')).toBeUndefined()
    await lc.invoke('DeleteUserPool', { UserPoolId })
  })

  it('a pool holds a prefix and a custom domain at once', async () => {
    const UserPoolId = await pool(lc)
    await lc.invoke('CreateUserPoolDomain', { UserPoolId, Domain: 'both-prefix' })
    await lc.invoke('CreateUserPoolDomain', { UserPoolId, Domain: 'auth.both.example.com', CustomDomainConfig: { CertificateArn: CERT } })
    const p = (await lc.invoke('DescribeUserPool', { UserPoolId })).UserPool
    expect([p.Domain, p.CustomDomain]).toEqual(['both-prefix', 'auth.both.example.com'])
  })
})

describe('rules of issue 15', () => {
  let lc: LocalCognito
  beforeAll(async () => {
    lc = await startLocalCognito({ port: 0 })
  })
  afterAll(async () => {
    await lc.close()
  })

  it('lowering the plan lists every higher-plan feature (AWSB-016, AWSB-017)', async () => {
    const UserPoolId = await pool(lc, { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })
    const down = await invokeError(lc, 'UpdateUserPool', { UserPoolId, UserPoolTier: 'ESSENTIALS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })
    expect(down.code).toBe('FeatureUnavailableInTierException')
    expect(down.message).toContain('threat protection')
    const ess = await pool(lc, {
      EmailConfiguration: SES,
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:t', LambdaVersion: 'V2_0' } },
    })
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: ess, Domain: 'tier-v2', ManagedLoginVersion: 2 })
    const lite = await invokeError(lc, 'UpdateUserPool', {
      UserPoolId: ess,
      UserPoolTier: 'LITE',
      EmailConfiguration: SES,
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:t', LambdaVersion: 'V2_0' } },
    })
    expect(lite.code).toBe('FeatureUnavailableInTierException')
    expect(lite.message).toMatch(/access token customization.*managed login/)
  })

  it('email MFA with email-only recovery, SMS MFA with phone recovery (AWSB-019, AWSB-020)', async () => {
    const email = await pool(lc, { EmailConfiguration: SES, AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] } })
    expect((await invokeError(lc, 'SetUserPoolMfaConfig', { UserPoolId: email, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })).message).toContain(
      'verified_email',
    )
    const two = await pool(lc, {
      EmailConfiguration: SES,
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: 'verified_email', Priority: 1 },
          { Name: 'verified_phone_number', Priority: 2 },
        ],
      },
    })
    await lc.invoke('SetUserPoolMfaConfig', { UserPoolId: two, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })
    const sms = await invokeError(lc, 'SetUserPoolMfaConfig', {
      UserPoolId: two,
      MfaConfiguration: 'OPTIONAL',
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } },
    })
    expect(sms.message).toContain('cannot use verified_phone_number as a recovery mechanism when SMS MFA is configured')
  })

  it('MFA ON with passwordless first factors; OPTIONAL accepted (AWSB-021)', async () => {
    const UserPoolId = await pool(lc, { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } })
    const on = await invokeError(lc, 'SetUserPoolMfaConfig', { UserPoolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } })
    expect(on.message).toBe('Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled')
    await lc.invoke('SetUserPoolMfaConfig', { UserPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })
  })

  it('an SNS role not propagated yet is refused for the calls the test says (AWSB-002)', async () => {
    const UserPoolId = await pool(lc)
    lc.smsRoleNotPropagated(ROLE, 2)
    const req = { UserPoolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } } }
    expect((await invokeError(lc, 'SetUserPoolMfaConfig', req)).code).toBe('InvalidSmsRoleTrustRelationshipException')
    expect((await invokeError(lc, 'SetUserPoolMfaConfig', req)).code).toBe('InvalidSmsRoleTrustRelationshipException')
    await lc.invoke('SetUserPoolMfaConfig', req)
  })

  it('AdminCreateUser: no address as user name with an email alias, a phone number in a phone pool (AWSB-131)', async () => {
    const alias = await pool(lc, { AliasAttributes: ['email'] })
    const attrs = [{ Name: 'email', Value: 'ann@example.com' }]
    expect((await invokeError(lc, 'AdminCreateUser', { UserPoolId: alias, Username: 'ann@example.com', UserAttributes: attrs })).message).toBe(
      'Username cannot be of email format, since user pool is configured for email alias.',
    )
    await lc.invoke('AdminCreateUser', { UserPoolId: alias, Username: 'u-ann', UserAttributes: attrs })
    const phone = await pool(lc, { UsernameAttributes: ['phone_number'] })
    expect((await invokeError(lc, 'AdminCreateUser', { UserPoolId: phone, Username: 'ann@example.com', UserAttributes: attrs })).message).toBe(
      'Username should be a phone number.',
    )
    const made = await lc.invoke('AdminCreateUser', { UserPoolId: phone, Username: '+15555550100' })
    expect(made.User.Attributes).toContainEqual({ Name: 'phone_number', Value: '+15555550100' })
  })

  it('a taken resource-server identifier: InvalidParameterException, and AWS does not say "already exists" (AWSB-100)', async () => {
    const UserPoolId = await pool(lc)
    await lc.invoke('CreateResourceServer', { UserPoolId, Identifier: 'api', Name: 'API' })
    const e = await invokeError(lc, 'CreateResourceServer', { UserPoolId, Identifier: 'api', Name: 'API' })
    expect(e.code).toBe('InvalidParameterException')
    expect(e.message).not.toMatch(/already exists/i)
  })
})
