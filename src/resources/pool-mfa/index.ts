// The pool's MFA configuration: the `mfa`, `mfa-methods`, `sms-role-arn` and `sms-external-id` inputs, which only
// SetUserPoolMfaConfig writes and GetUserPoolMfaConfig reads (DescribeUserPool does not tell TOTP or
// email MFA). Read and written only when `mfa` is set; deleted with the pool.
import { IAM_ROLE_RESOURCE, checkArn } from '../../inputs/arns.js'
import type { Desired, DesiredMfa, FieldChange, MfaConfig, MfaMethod, MfaMode, ObservedPool, SmsConfig, Step } from '../../model/types.js'
import { splitList } from '../../util/lists.js'
import type { Resource } from '../resource.js'
import { sameValue, setPaths, tierAtLeast, tierName, type Tier } from '../shared/catalogue.js'
import { whileSmsRolePropagates } from '../shared/propagation.js'
import { desiredSmsConfiguration } from '../shared/sms.js'
import { loweredTo, type TierFeature } from '../shared/tier.js'

/** The inputs this resource reads. */
export const MFA_INPUTS = ['mfa', 'mfa-methods', 'sms-role-arn', 'sms-external-id'] as const

/** STS AssumeRole's ExternalId (API reference): 2 to 1,224 characters of letters, digits and _+=,.@:/- (AWSB-224). */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/

const MODES: Record<string, MfaMode> = { off: 'OFF', optional: 'OPTIONAL', required: 'ON' }
const METHODS: readonly MfaMethod[] = ['totp', 'sms', 'email']

/** The pool's mail sender, as the pool's catalogue values it ('email-sender'): only its account matters here. */
type Sender = { account: string } | undefined

/** Parses the MFA inputs (every problem at once); undefined when `mfa` is empty: MFA is left alone. */
export function parseMfaInputs(input: (name: string) => string, settings: Record<string, unknown>, problems: string[], region = ''): DesiredMfa | undefined {
  const [rawMode = '', rawMethods = '', role = '', externalId = ''] = MFA_INPUTS.map((name) => input(name))
  if (rawMode === '') {
    if (rawMethods !== '') problems.push('mfa-methods: only applies with mfa: optional or required; set mfa, or leave mfa-methods empty')
    if (role !== '') problems.push('sms-role-arn: only applies with mfa-methods including sms; set mfa and mfa-methods, or leave sms-role-arn empty')
    if (externalId !== '')
      problems.push('sms-external-id: only applies with mfa-methods including sms; set mfa and mfa-methods, or leave sms-external-id empty')
    return undefined
  }
  const mode = MODES[rawMode.trim().toLowerCase()]
  if (mode === undefined) problems.push(`mfa: '${rawMode}' is not an MFA setting; use off, optional or required`)
  const words = splitList(rawMethods, { lower: true })
  const bad = words.filter((w) => !(METHODS as readonly string[]).includes(w))
  if (bad.length > 0)
    problems.push(`mfa-methods: ${bad.map((b) => `'${b}'`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an MFA method; use totp, sms and/or email`)
  const methods = words.filter((w): w is MfaMethod => (METHODS as readonly string[]).includes(w))
  if (mode === 'OFF' && methods.length > 0)
    problems.push('mfa-methods: MFA is off, so no method applies; leave mfa-methods empty or set mfa: optional or required')
  if (mode !== undefined && mode !== 'OFF' && words.length === 0)
    problems.push(`mfa: ${rawMode.trim()} needs at least one method; set mfa-methods, e.g. mfa-methods: totp`)
  if (role !== '' && !methods.includes('sms')) problems.push('sms-role-arn: only applies with mfa-methods including sms; add sms, or leave sms-role-arn empty')
  if (externalId !== '' && !methods.includes('sms'))
    problems.push('sms-external-id: only applies with mfa-methods including sms; add sms, or leave sms-external-id empty')
  if (externalId !== '' && !EXTERNAL_ID.test(externalId)) {
    // The value is not shown: it names a trust relationship, and a mistyped one may be close to the real one.
    problems.push(
      `sms-external-id: is not an external ID STS accepts (${externalId.length} characters; it must be 2 to 1,224 letters, digits or _+=,.@:/-); ` +
        "copy the sts:ExternalId of the SNS role's trust policy (IAM console → the role → Trust relationships)",
    )
  }
  if (role !== '') {
    const rule = {
      input: 'sms-role-arn',
      what: 'an IAM role ARN',
      example: 'arn:aws:iam::<account>:role/<name>, a role Cognito may assume to publish to SNS',
      service: 'iam',
      resource: IAM_ROLE_RESOURCE,
      region,
    }
    checkArn(role, rule, problems)
  }
  if (methods.includes('email')) {
    const tier = settings['feature-plan'] as Tier | undefined
    if (tier !== undefined && !tierAtLeast(tier, 'ESSENTIALS')) {
      problems.push(
        `mfa-methods: email MFA needs the essentials feature plan or higher, but feature-plan is ${tierName(tier)}; set feature-plan: essentials (it changes the bill) or remove email`,
      )
    }
    const sender = settings['email-sender'] as Sender
    if (sender !== undefined && sender.account !== 'DEVELOPER') {
      problems.push(
        'mfa-methods: email MFA needs mail sent through SES, but email-sender is cognito; set email-sender: ses-identity=<SES identity ARN>, from=…, or remove email',
      )
    }
  }
  if (mode === undefined) return undefined
  return {
    mode,
    methods: mode === 'OFF' ? [] : methods,
    ...(role !== '' ? { smsRoleArn: role } : {}),
    ...(externalId !== '' ? { smsExternalId: externalId } : {}),
  }
}

/** GetUserPoolMfaConfig's answer → plain MfaConfig (what a fresh pool has when there is none). */
export function toMfaConfig(got: Partial<MfaConfig> | undefined): MfaConfig {
  return {
    MfaConfiguration: got?.MfaConfiguration ?? 'OFF',
    SoftwareTokenMfaConfiguration: { Enabled: got?.SoftwareTokenMfaConfiguration?.Enabled ?? false },
    ...(got?.SmsMfaConfiguration ? { SmsMfaConfiguration: got.SmsMfaConfiguration } : {}),
    ...(got?.EmailMfaConfiguration ? { EmailMfaConfiguration: got.EmailMfaConfiguration } : {}),
    ...(got?.WebAuthnConfiguration ? { WebAuthnConfiguration: got.WebAuthnConfiguration } : {}),
  }
}

/**
 * The configuration asked for, keeping what the pool already has for the methods it keeps (messages, and
 * the SMS configuration of the same role: its external ID; the pool's own when MFA has none, AWSB-224).
 */
export function desiredMfaConfig(mfa: DesiredMfa, current: MfaConfig, poolSms: SmsConfig | string | undefined): MfaConfig {
  const sms = mfa.methods.includes('sms')
  const email = mfa.methods.includes('email')
  const pool = typeof poolSms === 'string' ? { SnsCallerArn: poolSms } : poolSms
  return {
    MfaConfiguration: mfa.mode,
    SoftwareTokenMfaConfiguration: { Enabled: mfa.methods.includes('totp') },
    ...(sms
      ? {
          SmsMfaConfiguration: {
            ...current.SmsMfaConfiguration,
            SmsConfiguration: desiredSmsConfiguration(mfa, current.SmsMfaConfiguration?.SmsConfiguration, pool),
          },
        }
      : {}),
    ...(email ? { EmailMfaConfiguration: current.EmailMfaConfiguration ?? {} } : {}),
  }
}

const MEMBERS = ['MfaConfiguration', 'SoftwareTokenMfaConfiguration', 'SmsMfaConfiguration', 'EmailMfaConfiguration'] as const

/** A new pool's account recovery when account-recovery is empty (the pool's create default, resources/pool/settings.ts). */
const NEW_POOL_RECOVERY = ['verified_email']
const RECOVERY_WORDS: Record<string, string> = { verified_email: 'email', verified_phone_number: 'phone', admin_only: 'admin-only' }
const recoveryText = (names: string[]): string => names.map((n) => RECOVERY_WORDS[n] ?? n).join(', ')

/** Where the recovery the pool will have comes from, for the messages. */
type RecoverySource = 'input' | 'default' | 'pool'

/** The recovery mechanisms (RecoveryOptionType names) the pool will have after this run; undefined when not known. */
export function recoveryAfter(desired: Pick<Desired, 'settings'>, pool: ObservedPool | undefined): { names: string[]; source: RecoverySource } | undefined {
  const asked = desired.settings?.['account-recovery'] as { Name?: string }[] | undefined
  if (asked) return { names: asked.map((o) => o.Name ?? ''), source: 'input' }
  if (!pool) return { names: NEW_POOL_RECOVERY, source: 'default' }
  const have = pool.settings?.['account-recovery'] as { Name?: string }[] | undefined
  return have ? { names: have.map((o) => o.Name ?? ''), source: 'pool' } : undefined
}

/** The methods of a configuration that are on (a method configured under MFA OFF is not). */
export function methodsOn(config: MfaConfig | undefined): MfaMethod[] {
  if (!config || config.MfaConfiguration === 'OFF') return []
  return [
    ...(config.SoftwareTokenMfaConfiguration.Enabled ? (['totp'] as const) : []),
    ...(config.SmsMfaConfiguration ? (['sms'] as const) : []),
    ...(config.EmailMfaConfiguration ? (['email'] as const) : []),
  ]
}

/**
 * The MFA methods Cognito refuses next to these recovery mechanisms: email MFA while email is the only
 * recovery (AWSB-019), SMS MFA with recovery by phone at all (AWSB-020).
 */
export function recoveryConflicts(methods: readonly MfaMethod[], recovery: readonly string[]): ('email' | 'sms')[] {
  return [
    ...(methods.includes('email') && recovery.length === 1 && recovery[0] === 'verified_email' ? (['email'] as const) : []),
    ...(methods.includes('sms') && recovery.includes('verified_phone_number') ? (['sms'] as const) : []),
  ]
}

/** The recovery that works with these methods, as the account-recovery input says it. */
const recoveryFix = (conflict: 'email' | 'sms', methods: readonly MfaMethod[]): string =>
  methods.includes('email') && methods.includes('sms') ? 'admin-only' : conflict === 'email' ? "'email, phone' (or admin-only)" : 'email (or admin-only)'

/** MFA methods against account recovery, before any write (AWSB-019, AWSB-020). */
function recoveryProblems(desired: Desired, pool: ObservedPool | undefined, want: MfaConfig | undefined, name: string): string[] {
  const recovery = recoveryAfter(desired, pool)
  if (!recovery) return []
  const has =
    recovery.source === 'input'
      ? `account-recovery asks for ${recoveryText(recovery.names)}`
      : recovery.source === 'default'
        ? `user pool '${name}' would be created with account-recovery: email (the default when account-recovery is empty)`
        : `user pool '${name}' has account-recovery: ${recoveryText(recovery.names)}`
  const problems: string[] = []
  const wanted = methodsOn(want)
  const asked = recoveryConflicts(wanted, recovery.names)
  for (const conflict of asked) {
    problems.push(
      conflict === 'email'
        ? `mfa-methods: email MFA needs another account-recovery method than email alone, and ${has} (Cognito does not let users recover by email when email is also their second factor); ` +
            `set account-recovery: ${recoveryFix('email', wanted)}, or remove email from mfa-methods`
        : `mfa-methods: SMS MFA can't be combined with account-recovery by phone, and ${has} (Cognito refuses it: the phone would be both the second factor and the way back in); ` +
            `set account-recovery: ${recoveryFix('sms', wanted)}, or remove sms from mfa-methods`,
    )
  }
  // A new recovery is written (UpdateUserPool) before MFA changes: it must also suit the MFA the pool has now.
  if (recovery.source === 'input' && pool?.mfa) {
    const now = methodsOn(pool.mfa)
    for (const conflict of recoveryConflicts(now, recovery.names).filter((c) => !asked.includes(c))) {
      const method = conflict === 'email' ? 'email MFA' : 'SMS MFA'
      problems.push(
        `account-recovery: user pool '${name}' has ${method} on, which Cognito refuses next to ${conflict === 'email' ? 'recovery by email alone' : 'recovery by phone'}, ` +
          `and the recovery is written before MFA changes; choose ${recoveryFix(conflict, now)}, or turn ${method} off in an earlier run (mfa-methods without ${conflict})`,
      )
    }
  }
  return problems
}

/** First factors Cognito refuses next to MFA required (AWSB-021): EMAIL_OTP, SMS_OTP, and WEB_AUTHN unless a passkey satisfies MFA. */
export function passwordlessFactors(factors: readonly string[], current: MfaConfig | undefined): string[] {
  const passkeyMfa = current?.WebAuthnConfiguration?.FactorConfiguration === 'MULTI_FACTOR_WITH_USER_VERIFICATION'
  return factors.filter((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP' || (f === 'WEB_AUTHN' && !passkeyMfa))
}

/** The plan's `mfa` step (only when `mfa` is set); pushes the prerequisites AWS would refuse. */
export function mfaStep(desired: Desired, pool: ObservedPool | undefined, problems: string[]): Step | undefined {
  const mfa = desired.mfa
  if (!mfa) {
    // MFA is not managed, but a new account recovery must suit the MFA the pool has (read for it).
    if (pool?.mfa) problems.push(...recoveryProblems(desired, pool, undefined, pool.name))
    return undefined
  }
  const name = pool?.name ?? desired.poolName
  const current = pool?.mfa ?? toMfaConfig(undefined)
  const poolSmsRole = pool?.smsRoleArn
  if (mfa.methods.includes('sms') && !mfa.smsRoleArn && !current.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn && !poolSmsRole) {
    problems.push(
      `sms-role-arn: SMS MFA needs an IAM role Cognito can assume to send SMS through SNS, and user pool '${name}' has none; set sms-role-arn, or remove sms from mfa-methods`,
    )
  }
  if (mfa.methods.includes('email')) {
    const sender = (desired.settings?.['email-sender'] ?? pool?.settings?.['email-sender']) as Sender
    if (sender?.account !== 'DEVELOPER' && desired.settings?.['email-sender'] === undefined) {
      problems.push(
        `email-sender: email MFA needs mail sent through SES, and user pool '${name}' ${pool ? 'uses' : 'would use'} Cognito's default mail; set email-sender: ses-identity=<SES identity ARN>, from=…, or remove email from mfa-methods`,
      )
    }
    const tier = (desired.settings?.['feature-plan'] ?? pool?.settings?.['feature-plan'] ?? 'ESSENTIALS') as Tier
    if (!tierAtLeast(tier, 'ESSENTIALS') && desired.settings?.['feature-plan'] === undefined) {
      problems.push(
        `mfa-methods: email MFA needs the essentials feature plan or higher, but user pool '${name}' is on ${tierName(tier)}; set feature-plan: essentials (it changes the bill) or remove email`,
      )
    }
  }
  const want = desiredMfaConfig(mfa, current, pool?.smsConfiguration ?? poolSmsRole)
  problems.push(...recoveryProblems(desired, pool, want, name))
  const passwordless = mfa.mode === 'ON' ? passwordlessFactors(pool?.firstAuthFactors ?? [], pool?.mfa) : []
  if (passwordless.length > 0) {
    problems.push(
      `mfa: required can't be used while user pool '${name}' lets users sign in without a password (Policies.SignInPolicy.AllowedFirstAuthFactors: ${passwordless.join(', ')}); ` +
        'Cognito refuses MFA required then; use mfa: optional, or turn those sign-in options off first (in the console: Authentication → Sign-in → Options for choice-based sign-in, leaving Password)',
    )
  }
  // MFA off: only MfaConfiguration is compared and sent (a method block next to OFF is refused, AWSB-225).
  const members = mfa.mode === 'OFF' ? (['MfaConfiguration'] as const) : MEMBERS
  const changes: FieldChange[] = members
    .filter((m) => !sameValue(want[m], pool ? current[m] : undefined))
    .map((m) => ({
      field: m,
      before: pool ? current[m] : undefined,
      after: want[m],
    }))
  // A new pool starts with MFA off: nothing to send when that is what is asked.
  const nothing = !pool && mfa.mode === 'OFF'
  // SMS MFA cannot be turned off while MFA is on and the pool has an SMS configuration, which no request
  // removes (AWSB-223, AWSB-005): refused here rather than by SetUserPoolMfaConfig after the other writes.
  const smsRole = pool?.smsConfiguration?.SnsCallerArn ?? poolSmsRole ?? current.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn
  if (pool && changes.length > 0 && mfa.mode !== 'OFF' && !mfa.methods.includes('sms') && smsRole) {
    problems.push(
      `mfa-methods: user pool '${name}' has an SMS configuration (SmsConfiguration, SNS role ${smsRole}), and Cognito refuses to turn SMS MFA off ` +
        `while MFA is ${mfa.mode === 'ON' ? 'required' : 'optional'} and the pool has one ("Can't turn off SMS_MFA when SMS configuration is set for the user pool"); ` +
        'an SMS configuration cannot be removed from a pool: keep sms in mfa-methods, or set mfa: off (turns every MFA method off)',
    )
  }
  return { resource: 'mfa', name, action: changes.length && !nothing ? 'update' : 'no-op', changes: nothing ? [] : changes }
}

/** The SetUserPoolMfaConfig request of an `mfa` step: the current configuration with the step's changes. */
export function mfaRequest(userPoolId: string, current: MfaConfig | undefined, step: Step): MfaConfig & { UserPoolId: string } {
  const overlay = Object.fromEntries(step.changes.map((c) => [c.field, c.after]))
  const merged = setPaths({ ...(current ?? toMfaConfig(undefined)) }, overlay) as unknown as MfaConfig
  if (merged.MfaConfiguration === 'OFF') {
    // What Terraform sends and AWS accepts to turn MFA off: OFF alone, passkeys carried (AWSB-225).
    const { SoftwareTokenMfaConfiguration: _t, SmsMfaConfiguration: _s, EmailMfaConfiguration: _e, ...off } = merged
    return { UserPoolId: userPoolId, ...off } as MfaConfig & { UserPoolId: string }
  }
  return { UserPoolId: userPoolId, ...merged }
}

/**
 * Without the `mfa` input, whether an input asks for a change that depends on the pool's MFA methods: a
 * new account-recovery, or feature-plan lite on a higher pool (email and passkey MFA need essentials).
 */
export function mfaMatters(desired: Pick<Desired, 'settings'>, pool: ObservedPool): boolean {
  if (desired.settings?.['account-recovery'] !== undefined) return true
  const lowered = loweredTo(desired, pool)
  return lowered !== undefined && !tierAtLeast(lowered, 'ESSENTIALS')
}

/**
 * The MFA features that need a plan above Lite (AWSB-017), as the pool has them now: SetUserPoolMfaConfig
 * comes after the plan changes, so turning one off in the same run does not help.
 */
export function mfaFeatures(pool: ObservedPool | undefined): TierFeature[] {
  const config = pool?.mfa
  if (!config) return []
  const features: TierFeature[] = []
  if (methodsOn(config).includes('email')) {
    features.push({ feature: 'email MFA (EmailMfaConfiguration)', tier: 'ESSENTIALS', off: 'mfa-methods without email, in a run before this one' })
  }
  if (config.WebAuthnConfiguration?.FactorConfiguration === 'MULTI_FACTOR_WITH_USER_VERIFICATION') {
    features.push({
      feature: 'passkey MFA (WebAuthnConfiguration.FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION)',
      tier: 'ESSENTIALS',
      off: 'passkeys as a single factor, in the console or the API: the action does not manage it',
    })
  }
  return features
}

export const poolMfa: Resource = {
  kind: 'mfa',
  dependsOn: ['pool'],
  inputs: MFA_INPUTS,
  parse(input, { problems, desired }) {
    const mfa = parseMfaInputs(input, desired.settings ?? {}, problems, desired.region)
    return mfa !== undefined ? { mfa } : {}
  },
  async observe({ port, desired, location, observed, described, after }) {
    const poolId = location.poolId
    if (poolId === undefined) return
    const read = () => port.call('GetUserPoolMfaConfig', { UserPoolId: poolId }, 'the MFA configuration of the user pool')
    let got: unknown
    if (desired.mfa) {
      // DescribeUserPool does not tell TOTP or email MFA: read beside it when MFA is managed.
      ;[got] = await Promise.all([read(), after('pool')])
    } else {
      // Not managed: read only when another input's change must suit the MFA the pool has, and MFA is on.
      if (desired.settings?.['account-recovery'] === undefined && desired.settings?.['feature-plan'] === undefined) return
      await after('pool')
      if (!observed.pool || !mfaMatters(desired, observed.pool) || (observed.pool.mfaConfiguration ?? 'OFF') === 'OFF') return
      got = await read()
    }
    const mfa = toMfaConfig(got as Partial<MfaConfig>)
    described.mfa = mfa
    if (!observed.pool) return
    observed.pool.mfa = mfa
    const sms = described.pool?.SmsConfiguration
    if (sms?.SnsCallerArn) observed.pool.smsRoleArn = sms.SnsCallerArn
    if (sms) {
      observed.pool.smsConfiguration = {
        ...(sms.SnsCallerArn ? { SnsCallerArn: sms.SnsCallerArn } : {}),
        ...(sms.ExternalId ? { ExternalId: sms.ExternalId } : {}),
        ...(sms.SnsRegion ? { SnsRegion: sms.SnsRegion } : {}),
      }
    }
  },
  plan(desired, observed, problems) {
    const step = mfaStep(desired, observed.pool, problems)
    return step ? [step] : []
  },
  features: (_desired, observed) => mfaFeatures(observed.pool),
  async apply(step, ctx) {
    const request = mfaRequest(ctx.ids.userPoolId, ctx.described.mfa, step)
    // A new SNS role (sms-role-arn) may still be propagating in IAM: waited for, bounded (AWSB-002).
    await whileSmsRolePropagates(ctx, `MFA of user pool '${step.name}'`, () =>
      ctx.port.call('SetUserPoolMfaConfig', request, `MFA of user pool '${step.name}'`),
    )
  },
}
