// The pool's MFA configuration: the `mfa`, `mfa-methods` and `sms-role-arn` inputs, which only
// SetUserPoolMfaConfig writes and GetUserPoolMfaConfig reads (DescribeUserPool does not tell TOTP or
// email MFA). Read and written only when `mfa` is set; deleted with the pool.
import { IAM_ROLE_RESOURCE, checkArn } from '../../inputs/arns.js'
import type { Desired, DesiredMfa, FieldChange, MfaConfig, MfaMethod, MfaMode, ObservedPool, Step } from '../../model/types.js'
import { splitList } from '../../util/lists.js'
import type { Resource } from '../resource.js'
import { sameValue, setPaths, tierAtLeast, tierName, type Tier } from '../shared/catalogue.js'

/** The inputs this resource reads. */
export const MFA_INPUTS = ['mfa', 'mfa-methods', 'sms-role-arn'] as const

const MODES: Record<string, MfaMode> = { off: 'OFF', optional: 'OPTIONAL', required: 'ON' }
const METHODS: readonly MfaMethod[] = ['totp', 'sms', 'email']

/** The pool's mail sender, as the pool's catalogue values it ('email-sender'): only its account matters here. */
type Sender = { account: string } | undefined

/** Parses the MFA inputs (every problem at once); undefined when `mfa` is empty: MFA is left alone. */
export function parseMfaInputs(input: (name: string) => string, settings: Record<string, unknown>, problems: string[], region = ''): DesiredMfa | undefined {
  const [rawMode = '', rawMethods = '', role = ''] = MFA_INPUTS.map((name) => input(name))
  if (rawMode === '') {
    if (rawMethods !== '') problems.push('mfa-methods: only applies with mfa: optional or required; set mfa, or leave mfa-methods empty')
    if (role !== '') problems.push('sms-role-arn: only applies with mfa-methods including sms; set mfa and mfa-methods, or leave sms-role-arn empty')
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
  return { mode, methods: mode === 'OFF' ? [] : methods, ...(role !== '' ? { smsRoleArn: role } : {}) }
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

/** The configuration asked for, keeping what the pool already has for the methods it keeps (messages, role). */
export function desiredMfaConfig(mfa: DesiredMfa, current: MfaConfig, poolSmsRole: string | undefined): MfaConfig {
  const sms = mfa.methods.includes('sms')
  const email = mfa.methods.includes('email')
  const role = mfa.smsRoleArn ?? current.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn ?? poolSmsRole
  const currentSms = current.SmsMfaConfiguration?.SmsConfiguration
  return {
    MfaConfiguration: mfa.mode,
    SoftwareTokenMfaConfiguration: { Enabled: mfa.methods.includes('totp') },
    ...(sms
      ? {
          SmsMfaConfiguration: {
            ...current.SmsMfaConfiguration,
            SmsConfiguration: { ...(currentSms?.SnsCallerArn === role ? currentSms : {}), SnsCallerArn: role },
          },
        }
      : {}),
    ...(email ? { EmailMfaConfiguration: current.EmailMfaConfiguration ?? {} } : {}),
  }
}

const MEMBERS = ['MfaConfiguration', 'SoftwareTokenMfaConfiguration', 'SmsMfaConfiguration', 'EmailMfaConfiguration'] as const

/** The plan's `mfa` step (only when `mfa` is set); pushes the prerequisites AWS would refuse. */
export function mfaStep(desired: Desired, pool: ObservedPool | undefined, problems: string[]): Step | undefined {
  const mfa = desired.mfa
  if (!mfa) return undefined
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
  const want = desiredMfaConfig(mfa, current, poolSmsRole)
  const changes: FieldChange[] = MEMBERS.filter((m) => !sameValue(want[m], pool ? current[m] : undefined)).map((m) => ({
    field: m,
    before: pool ? current[m] : undefined,
    after: want[m],
  }))
  // A new pool starts with MFA off: nothing to send when that is what is asked.
  const nothing = !pool && mfa.mode === 'OFF'
  return { resource: 'mfa', name, action: changes.length && !nothing ? 'update' : 'no-op', changes: nothing ? [] : changes }
}

/** The SetUserPoolMfaConfig request of an `mfa` step: the current configuration with the step's changes. */
export function mfaRequest(userPoolId: string, current: MfaConfig | undefined, step: Step): MfaConfig & { UserPoolId: string } {
  const overlay = Object.fromEntries(step.changes.map((c) => [c.field, c.after]))
  const merged = setPaths({ ...(current ?? toMfaConfig(undefined)) }, overlay) as unknown as MfaConfig
  return { UserPoolId: userPoolId, ...merged }
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
    // DescribeUserPool does not tell TOTP or email MFA: read them only when MFA is managed.
    if (!desired.mfa || location.poolId === undefined) return
    const [got] = await Promise.all([
      port.call('GetUserPoolMfaConfig', { UserPoolId: location.poolId }, 'the MFA configuration of the user pool'),
      after('pool'),
    ])
    const mfa = toMfaConfig(got as Partial<MfaConfig>)
    described.mfa = mfa
    if (!observed.pool) return
    observed.pool.mfa = mfa
    const role = described.pool?.SmsConfiguration?.SnsCallerArn
    if (role) observed.pool.smsRoleArn = role
  },
  plan(desired, observed, problems) {
    const step = mfaStep(desired, observed.pool, problems)
    return step ? [step] : []
  },
  async apply(step, ctx) {
    await ctx.port.call('SetUserPoolMfaConfig', mfaRequest(ctx.ids.userPoolId, ctx.described.mfa, step), `MFA of user pool '${step.name}'`)
  },
}
