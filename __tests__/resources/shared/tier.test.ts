// Lowering the feature plan (AWSB-016, AWSB-017): every feature of the pool a lower plan lacks, from every
// resource, in one problem before any write; the reads it needs happen only when a lower plan is asked.
import {
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { observe } from '../../../src/engine/observe.js'
import { plan } from '../../../src/engine/plan.js'
import { toMfaConfig } from '../../../src/resources/pool-mfa/index.js'
import { loweredTo, lowerPlanProblems } from '../../../src/resources/shared/tier.js'
import type { Observed } from '../../../src/model/types.js'
import { describedPool, desired, mockCognito, POOL_ID, type Mocked } from '../../support/aws.js'
import { observedPool, observedState, planDesired } from '../../support/state.js'

const on = (tier: string, extra = {}) => observedPool({ settings: { 'feature-plan': tier }, ...extra })
const lower = (tier: string) => planDesired({ settings: { 'feature-plan': tier } })

describe('a lower feature plan against what the pool uses', () => {
  it('is only a lower plan than the pool has', () => {
    expect(loweredTo(lower('LITE'), on('ESSENTIALS'))).toBe('LITE')
    expect(loweredTo(lower('ESSENTIALS'), on('PLUS'))).toBe('ESSENTIALS')
    expect(loweredTo(lower('PLUS'), on('ESSENTIALS'))).toBeUndefined()
    expect(loweredTo(lower('ESSENTIALS'), on('ESSENTIALS'))).toBeUndefined()
    expect(loweredTo(planDesired(), on('PLUS'))).toBeUndefined()
    expect(loweredTo(lower('LITE'), undefined)).toBeUndefined()
    // A pool without UserPoolTier is on essentials.
    expect(loweredTo(lower('LITE'), observedPool())).toBe('LITE')
  })

  it('plus → essentials: threat protection and user-activity log export named, with plus to keep; essentials features are not', () => {
    const pool = on('PLUS', { threatProtection: { mode: 'ENFORCED', customAuthMode: 'AUDIT' }, userActivityLogs: true, preTokenVersion: 'V2_0' })
    expect(plan(lower('ESSENTIALS'), observedState({ pool })).problems).toEqual([
      "feature-plan: essentials is lower than what user pool 'openmetadata' uses, and Cognito refuses to lower the plan while these are on: " +
        'threat protection (UserPoolAddOns.AdvancedSecurityMode ENFORCED), which needs plus (set it to OFF, in the console or the API: the action does not manage it); ' +
        'threat protection of custom authentication (UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode AUDIT), which needs plus (remove it, in the console or the API: the action does not manage it); ' +
        'user-activity log export (LogDeliveryConfiguration with userAuthEvents), which needs plus (remove that export (SetLogDeliveryConfiguration), in the console or the API: the action does not manage it); ' +
        'turn them off first, or keep feature-plan: plus',
    ])
  })

  it('essentials → lite: access-token customization, passwordless sign-in, email and passkey MFA, managed login on each domain', () => {
    const mfa = toMfaConfig({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: {},
      WebAuthnConfiguration: { FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' },
    })
    const pool = on('ESSENTIALS', { preTokenVersion: 'V3_0', firstAuthFactors: ['PASSWORD', 'EMAIL_OTP'], mfa, customDomain: 'auth.example.com' })
    const observed: Observed = observedState({ pool, domainVersions: { 'acme-sso': 2, 'auth.example.com': 2 } })
    const [problem] = plan(lower('LITE'), observed).problems
    expect(problem).toMatch(/^feature-plan: lite is lower than what user pool 'openmetadata' uses/)
    for (const part of [
      'access token customization (LambdaConfig.PreTokenGenerationConfig.LambdaVersion V3_0), which needs essentials',
      'passwordless sign-in (Policies.SignInPolicy.AllowedFirstAuthFactors EMAIL_OTP), which needs essentials',
      'email MFA (EmailMfaConfiguration), which needs essentials (mfa-methods without email, in a run before this one)',
      'passkey MFA (WebAuthnConfiguration.FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION), which needs essentials',
      "managed login (ManagedLoginVersion 2 on domain 'acme-sso'), which needs essentials (managed-login: classic, in a run before this one)",
      "managed login (ManagedLoginVersion 2 on domain 'auth.example.com'), which needs essentials (version 1 (classic) on that domain",
    ]) {
      expect(problem).toContain(part)
    }
    expect(problem).toMatch(/; turn them off first, or keep feature-plan: essentials$/)
  })

  it('nothing above the lower plan, or no lower plan: no problem', () => {
    expect(lowerPlanProblems(lower('LITE'), on('ESSENTIALS'), [])).toEqual([])
    expect(plan(lower('ESSENTIALS'), observedState({ pool: on('PLUS', { preTokenVersion: 'V2_0' }) })).problems).toEqual([])
    expect(plan(lower('PLUS'), observedState({ pool: on('ESSENTIALS', { threatProtection: { mode: 'AUDIT' } }) })).problems).toEqual([])
  })
})

describe('the reads a lower plan needs, and only then', () => {
  let m: Mocked
  beforeEach(() => {
    m = mockCognito()
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [] })
    m.cognito.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })
    m.cognito.on(GetLogDeliveryConfigurationCommand).resolves({
      LogDeliveryConfiguration: { UserPoolId: POOL_ID, LogConfigurations: [{ LogLevel: 'INFO', EventSource: 'userAuthEvents' }] },
    })
    m.cognito.on(DescribeUserPoolDomainCommand).callsFake((input: { Domain: string }) => ({
      DomainDescription: { UserPoolId: POOL_ID, Domain: input.Domain, Status: 'ACTIVE', ManagedLoginVersion: 2 },
    }))
  })
  afterEach(() => {
    m.cognito.restore()
  })
  const read = (tier: string | undefined, pool = describedPool({ UserPoolTier: 'PLUS' })) => {
    m.cognito.on(DescribeUserPoolCommand).resolves({ UserPool: pool })
    return observe(m.api, desired({ userPoolId: POOL_ID, ...(tier ? { settings: { 'feature-plan': tier } } : {}) }))
  }

  it('plus → lite: the log export, the MFA configuration and both domains are read', async () => {
    const { observed } = await read('LITE')
    expect(observed.pool?.userActivityLogs).toBe(true)
    expect(observed.pool?.mfa?.EmailMfaConfiguration).toEqual({})
    expect(observed.domainVersions).toEqual({ 'openmetadata-sso': 2, 'auth.example.com': 2 })
  })

  it('plus → essentials: only the log export (MFA and managed login need essentials only)', async () => {
    const { observed } = await read('ESSENTIALS')
    expect(observed.pool?.userActivityLogs).toBe(true)
    expect(m.cognito).not.toHaveReceivedCommand(GetUserPoolMfaConfigCommand)
    expect(m.cognito).not.toHaveReceivedCommand(DescribeUserPoolDomainCommand)
  })

  it('the same plan, a higher one, or none: none of them', async () => {
    for (const tier of ['PLUS', undefined]) {
      m.cognito.resetHistory()
      await read(tier)
      expect(m.cognito).not.toHaveReceivedCommand(GetLogDeliveryConfigurationCommand)
      expect(m.cognito).not.toHaveReceivedCommand(GetUserPoolMfaConfigCommand)
      expect(m.cognito).not.toHaveReceivedCommand(DescribeUserPoolDomainCommand)
    }
  })

  it('essentials → lite with MFA off: the MFA configuration is not read', async () => {
    await read('LITE', describedPool({ UserPoolTier: 'ESSENTIALS', MfaConfiguration: 'OFF' }))
    expect(m.cognito).not.toHaveReceivedCommand(GetUserPoolMfaConfigCommand)
    expect(m.cognito).not.toHaveReceivedCommand(GetLogDeliveryConfigurationCommand)
    expect(m.cognito).toHaveReceivedCommandTimes(DescribeUserPoolDomainCommand, 2)
  })
})
