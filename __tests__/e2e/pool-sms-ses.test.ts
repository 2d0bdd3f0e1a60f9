// Pool, MFA, SES and token rules found by the verification of 2026-12-06 (V1-REPORT findings 5, 6, 7, 9, 10),
// end to end: dist/index.js run as the runner runs it against the local Cognito, writes counted.
import { describe, expect, it } from 'vitest'
import { NODES, describePool, expectExit, expectNoStackTrace, idsOf, inputsFor, run, useLocalCognito, writeOperations, type RunResult } from './helpers.js'

const ROLE = 'arn:aws:iam::123456789012:role/cognito-sms'
const SES = (region: string) => `ses-identity=arn:aws:ses:${region}:123456789012:identity/example.com, from=no-reply@example.com`
const said = (r: RunResult): string => [r.stdout, ...r.errors].join('\n')

describe.each(NODES)('under %s', (_label, node) => {
  const ctx = useLocalCognito()

  describe('email-sender configuration-set (AWSB-220)', () => {
    it('a name with a dot: refused before any AWS call on a new pool, and before any write on an existing one', async () => {
      const { lc } = ctx
      const bad = { 'email-sender': `${SES('us-east-1')}, configuration-set=my.set` }
      const first = await run(node, lc, inputsFor('fc-cs', bad))
      expectExit(first, 1)
      expectNoStackTrace(first)
      expect(said(first)).toContain("email-sender: configuration-set 'my.set' is not an SES configuration set name")
      expect(lc.calls).toHaveLength(0)
      expectExit(await run(node, lc, inputsFor('fc-cs', { 'email-sender': SES('us-east-1') })), 0)
      const writes = writeOperations(lc).length
      const again = await run(node, lc, inputsFor('fc-cs', { 'email-sender': `${SES('us-east-1')}, configuration-set=${'a'.repeat(65)}` }))
      expectExit(again, 1)
      expect(writeOperations(lc)).toHaveLength(writes)
      const ok = await run(node, lc, inputsFor('fc-cs', { 'email-sender': `${SES('us-east-1')}, configuration-set=cognito_mail-1` }))
      expectExit(ok, 0)
      expect((await describePool(lc, idsOf(ok).poolId)).EmailConfiguration.ConfigurationSet).toBe('cognito_mail-1')
    })
  })

  describe('email-sender ses-identity Region (AWSB-221)', () => {
    it('another Region that is no alternate: refused before any call; an alternate one: applied with a warning; the local Cognito refuses the first too', async () => {
      const { lc } = ctx
      const refused = await run(node, lc, inputsFor('fc-ses', { 'email-sender': SES('eu-central-1') }))
      expectExit(refused, 1)
      expect(said(refused)).toContain('email-sender: ses-identity is in eu-central-1, but the user pool is in us-east-1')
      expect(lc.calls).toHaveLength(0)
      const warned = await run(node, lc, inputsFor('fc-ses', { 'email-sender': SES('us-west-2') }))
      expectExit(warned, 0)
      expect(warned.warnings.join('\n')).toContain("email-sender: ses-identity is in us-west-2, not in the pool's Region us-east-1")
      const { poolId } = idsOf(warned)
      const pool = await describePool(lc, poolId)
      await expect(
        lc.invoke('UpdateUserPool', {
          UserPoolId: poolId,
          EmailConfiguration: { ...pool.EmailConfiguration, SourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/example.com' },
        }),
      ).rejects.toThrow(/SourceArn/)
    })
  })

  describe('token-validity order (AWSB-222)', () => {
    it('access and ID tokens longer than the refresh token: refused before any call; the local Cognito refuses it too', async () => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('fc-tok', { 'token-validity': 'access=1d, id=1d, refresh=60m' }))
      expectExit(r, 1)
      expect(said(r)).toContain('token-validity: access=1d and id=1d are longer than refresh=1h')
      expect(writeOperations(lc)).toHaveLength(0)
      const ok = await run(node, lc, inputsFor('fc-tok', { 'token-validity': 'access=1h, id=1h, refresh=1h' }))
      expectExit(ok, 0)
      const { poolId } = idsOf(ok)
      await expect(
        lc.invoke('CreateUserPoolClient', {
          UserPoolId: poolId,
          ClientName: 'raw',
          AccessTokenValidity: 1,
          RefreshTokenValidity: 60,
          TokenValidityUnits: { AccessToken: 'days', RefreshToken: 'minutes' },
        }),
      ).rejects.toThrow(/less than or equal to refresh token expiration/)
    })
  })

  describe('SMS MFA off while the pool has an SMS configuration (AWSB-223)', () => {
    it('totp and sms, then totp alone: refused before any write with the fixes; mfa off is applied; the local Cognito refuses the request itself', async () => {
      const { lc } = ctx
      const first = await run(node, lc, inputsFor('fc-sms', { mfa: 'optional', 'mfa-methods': 'totp, sms', 'sms-role-arn': ROLE }))
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      await expect(
        lc.invoke('SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
      ).rejects.toThrow(/Can't turn off SMS_MFA when SMS configuration is set for the user pool/)
      const writes = writeOperations(lc).length
      const off = await run(node, lc, inputsFor('fc-sms', { mfa: 'optional', 'mfa-methods': 'totp' }))
      expectExit(off, 1)
      expectNoStackTrace(off)
      expect(said(off)).toContain("mfa-methods: user pool 'e2e-fc-sms' has an SMS configuration")
      expect(said(off)).toContain('keep sms in mfa-methods, or set mfa: off')
      expect(writeOperations(lc)).toHaveLength(writes)
      const allOff = await run(node, lc, inputsFor('fc-sms', { mfa: 'off' }))
      expectExit(allOff, 0)
      expect((await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: poolId })).MfaConfiguration).toBe('OFF')
    })
  })

  describe('sms-external-id (AWSB-224)', () => {
    it('a role whose trust policy requires an external ID: applied with it, a rerun writes nothing, a later run without it keeps it', async () => {
      const { lc } = ctx
      lc.smsRoleTrust(ROLE, 'cognito-ext-1')
      const inputs = inputsFor('fc-ext', { mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE, 'sms-external-id': 'cognito-ext-1' })
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      expect((await describePool(lc, poolId)).SmsConfiguration).toEqual({ SnsCallerArn: ROLE, ExternalId: 'cognito-ext-1' })
      const writes = writeOperations(lc).length
      expectExit(await run(node, lc, inputs), 0)
      expect(writeOperations(lc)).toHaveLength(writes)
      // Empty: the external ID the pool has for the role is carried (the trust policy would refuse the role without it).
      const later = await run(node, lc, inputsFor('fc-ext', { mfa: 'optional', 'mfa-methods': 'totp, sms', 'self-sign-up': 'true' }))
      expectExit(later, 0)
      expect(writeOperations(lc).slice(writes).sort()).toEqual(['SetUserPoolMfaConfig', 'UpdateUserPool'])
      expect((await describePool(lc, poolId)).SmsConfiguration).toEqual({ SnsCallerArn: ROLE, ExternalId: 'cognito-ext-1' })
      const mfa = await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: poolId })
      expect(mfa.SmsMfaConfiguration?.SmsConfiguration?.ExternalId).toBe('cognito-ext-1')
    })
  })
})
