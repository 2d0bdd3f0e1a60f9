// The user pool: pool-name / user-pool-id, deletion-protection and the pool's catalogue settings
// (settings.ts). Located first (locate.ts), created so that it cannot duplicate (create.ts), updated
// by read-merge-write (requests.ts), and deleted last by destroy, only when this action created it.
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { parseBoolean } from '../../inputs/boolean.js'
import { checkArn } from '../../inputs/arns.js'
import { checkName } from '../../inputs/names.js'
import { PoolNotFoundError } from '../../model/errors.js'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE, type Desired, type FieldChange, type ObservedPool, type Step } from '../../model/types.js'
import { quote } from '../../util/text.js'
import type { Resource } from '../resource.js'
import {
  diffSetting,
  desiredValue,
  observedValue,
  sameValue,
  parseSettings,
  settingChanges,
  tierAtLeast,
  tierInputProblems,
  tierName,
  type AnySetting,
  type Tier,
} from '../shared/catalogue.js'
import { created, stepFields } from '../shared/desired.js'
import { whileSmsRolePropagates } from '../shared/propagation.js'
import { desiredSmsConfiguration } from '../shared/sms.js'
import { loweredTo, type TierFeature } from '../shared/tier.js'
import { isManaged, madeBy } from '../shared/run-token.js'
import { deletePool, describePool, exportsUserActivity, updatePool } from './calls.js'
import { createPool } from './create.js'
import { ownerVerdict } from './lookup.js'
import { SES_IDENTITY_RULE, sesRegionProblem, sesRegionWarning, type EmailSender } from './parse-settings.js'
import { poolUpdateRequest } from './requests.js'
import { POOL_SETTINGS, poolCreateRequest, readPoolSettings } from './settings.js'

const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/
const USER_POOL_ID_MAX = 55

/**
 * Several pools share the name. Their IDs are not printed (they are masked, and they are not ours):
 * the user finds them where IDs are shown anyway.
 */
export function duplicatePoolsProblem(desired: Pick<Desired, 'region' | 'poolName'>, count: number, verb: 'manage' | 'destroy'): string {
  return (
    `pool-name: ${count} user pools in ${desired.region} are named '${desired.poolName}'; ` +
    `set user-pool-id to the ID of the one this action should ${verb} (the Cognito console lists each pool's ID and ` +
    `creation date, as does 'aws cognito-idp list-user-pools --max-results 60')`
  )
}

export function toObservedPool(pool: UserPoolType): ObservedPool {
  return {
    id: pool.Id ?? '',
    arn: pool.Arn ?? '',
    name: pool.Name ?? '',
    deletionProtection: pool.DeletionProtection === 'ACTIVE',
    autoVerifiedAttributes: pool.AutoVerifiedAttributes ?? [],
    usernameAttributes: pool.UsernameAttributes ?? [],
    aliasAttributes: pool.AliasAttributes ?? [],
    usernameCaseSensitive: pool.UsernameConfiguration?.CaseSensitive ?? true,
    schema: (pool.SchemaAttributes ?? []).map((a) => ({ name: a.Name ?? '', required: a.Required ?? false })),
    ...(pool.Domain ? { domain: pool.Domain } : {}),
    ...(pool.CustomDomain ? { customDomain: pool.CustomDomain } : {}),
    managedByAction: isManaged(pool),
    ...(pool.MfaConfiguration ? { mfaConfiguration: pool.MfaConfiguration } : {}),
    ...(pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ? { firstAuthFactors: [...pool.Policies.SignInPolicy.AllowedFirstAuthFactors] } : {}),
    ...threatProtectionOf(pool),
    ...(pool.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion ? { preTokenVersion: pool.LambdaConfig.PreTokenGenerationConfig.LambdaVersion } : {}),
    settings: readPoolSettings(pool),
  }
}

function threatProtectionOf(pool: UserPoolType): Pick<ObservedPool, 'threatProtection'> {
  const mode = pool.UserPoolAddOns?.AdvancedSecurityMode
  const customAuthMode = pool.UserPoolAddOns?.AdvancedSecurityAdditionalFlows?.CustomAuthMode
  const on = mode !== undefined && mode !== 'OFF'
  if (!on && customAuthMode === undefined) return {}
  return { threatProtection: { ...(on ? { mode } : {}), ...(customAuthMode !== undefined ? { customAuthMode } : {}) } }
}

/**
 * The pool's features that need a plan above Lite and that UpdateUserPool keeps (AWSB-017): threat
 * protection, access-token customization, passwordless sign-in, user-activity log export (when read), and
 * password history unless password-policy sets it in the same request (that one case is checked by the input).
 */
export function poolFeatures(desired: Desired, pool: ObservedPool | undefined): TierFeature[] {
  if (!pool) return []
  const features: TierFeature[] = []
  const console = 'in the console or the API: the action does not manage it'
  if (pool.threatProtection?.mode) {
    features.push({
      feature: `threat protection (UserPoolAddOns.AdvancedSecurityMode ${pool.threatProtection.mode})`,
      tier: 'PLUS',
      off: `set it to OFF, ${console}`,
    })
  }
  if (pool.threatProtection?.customAuthMode) {
    features.push({
      feature: `threat protection of custom authentication (UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode ${pool.threatProtection.customAuthMode})`,
      tier: 'PLUS',
      off: `remove it, ${console}`,
    })
  }
  if (pool.userActivityLogs) {
    features.push({
      feature: 'user-activity log export (LogDeliveryConfiguration with userAuthEvents)',
      tier: 'PLUS',
      off: `remove that export (SetLogDeliveryConfiguration), ${console}`,
    })
  }
  if (pool.preTokenVersion === 'V2_0' || pool.preTokenVersion === 'V3_0') {
    features.push({
      feature: `access token customization (LambdaConfig.PreTokenGenerationConfig.LambdaVersion ${pool.preTokenVersion})`,
      tier: 'ESSENTIALS',
      off: `use the pre token generation trigger's event version V1_0 or remove the trigger, ${console}`,
    })
  }
  const passwordless = (pool.firstAuthFactors ?? []).filter((f) => f !== 'PASSWORD')
  if (passwordless.length > 0) {
    features.push({
      feature: `passwordless sign-in (Policies.SignInPolicy.AllowedFirstAuthFactors ${passwordless.join(', ')})`,
      tier: 'ESSENTIALS',
      off: `leave PASSWORD alone in the sign-in policy, ${console}`,
    })
  }
  const history = (observedValue(POOL_SETTINGS, pool, 'password-policy') as { history?: number } | undefined)?.history ?? 0
  if (history > 0 && desired.settings?.['password-policy'] === undefined) {
    features.push({
      feature: `password history (Policies.PasswordPolicy.PasswordHistorySize ${history})`,
      tier: 'ESSENTIALS',
      off: 'set password-policy without history in the same run',
    })
  }
  return features
}

function parseUserPoolId(raw: string, problems: string[]): string | undefined {
  if (raw === '') return undefined
  if (raw.length > USER_POOL_ID_MAX || !USER_POOL_ID_PATTERN.test(raw)) {
    problems.push(
      `user-pool-id: ${quote(raw)} is not a user pool ID; use the ID shown by Cognito (region_suffix, at most ${USER_POOL_ID_MAX} characters), e.g. us-east-1_AbC123xyz, or leave it empty to find the pool by name`,
    )
  }
  return raw
}

/** Settings whose value needs a higher feature plan than the pool will have: refused before any write. */
function tierProblems(desired: Desired, settings: readonly AnySetting[], current: Tier | undefined): string[] {
  const tier = (desired.settings?.['feature-plan'] as Tier | undefined) ?? current ?? 'ESSENTIALS'
  const problems: string[] = []
  for (const setting of settings) {
    const asked = desired.settings?.[setting.key]
    const need = asked !== undefined ? setting.needs?.(asked) : undefined
    // A setting the pool keeps (not asked for here) is one of the pool's features (poolFeatures), which a
    // lower plan is checked against once, with every other feature (resources/shared/tier.ts).
    if (need && !tierAtLeast(tier, need.tier)) {
      problems.push(
        `${setting.input ?? setting.key}: ${need.why} needs the ${tierName(need.tier)} feature plan or higher, but the pool ${desired.settings?.['feature-plan'] ? 'is asked to be' : 'is'} on ${tierName(tier)}; ` +
          `set feature-plan: ${tierName(need.tier)} (it changes the bill) or remove it`,
      )
    }
  }
  return problems
}

/** Whether `name` could be given as pool-name (the input's own rules). */
function expressible(name: string): boolean {
  const problems: string[] = []
  checkName('pool-name', name, problems)
  return problems.length === 0
}

const show = (v: unknown): string => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v))

function poolStep(desired: Desired, pool: ObservedPool | undefined, problems: string[]): Step {
  if (!pool) {
    problems.push(...tierProblems(desired, POOL_SETTINGS, undefined))
    return { resource: 'pool', name: desired.poolName, action: 'create', changes: created({ ...poolCreateRequest(desired) }) }
  }
  // user-pool-id names a pool of another name: Cognito cannot rename a pool (UpdateUserPool has no PoolName),
  // and what follows from pool-name (the domain, the client's name) would land in that pool. A line of its own.
  // A pool whose name pool-name cannot hold (AWS's pattern lets line breaks and tabs through, pool-name does
  // not) is managed through user-pool-id with any pool-name, as before.
  if (desired.userPoolId && pool.name !== desired.poolName && expressible(pool.name)) {
    problems.push(
      `pool-name: the pool given by user-pool-id is named ${quote(pool.name)}, not ${quote(desired.poolName)}; Cognito cannot rename a user pool: ` +
        `set pool-name: ${pool.name}, or remove user-pool-id to find or create the pool named ${quote(desired.poolName)}`,
    )
    return { resource: 'pool', name: pool.name, action: 'replace-required', changes: [{ field: 'PoolName', before: pool.name, after: desired.poolName }] }
  }
  // Found by name: the pool as described must carry the name (ListUserPools' answer is not the pool's own; a
  // stale or altered one must not turn this run onto another pool, its domain and its clients).
  if (!desired.userPoolId && pool.name !== desired.poolName) {
    problems.push(
      `pool-name: ListUserPools named a pool ${quote(desired.poolName)}, but that pool describes itself as ${quote(pool.name)}: nothing was changed; ` +
        'run again (a stale or altered answer), or give user-pool-id',
    )
    return { resource: 'pool', name: pool.name, action: 'replace-required', changes: [{ field: 'PoolName', before: pool.name, after: desired.poolName }] }
  }
  problems.push(...tierProblems(desired, POOL_SETTINGS, observedValue(POOL_SETTINGS, pool, 'feature-plan') as Tier | undefined))

  // Settings Cognito fixes when the pool is created: a difference cannot be applied in place.
  const fixed: FieldChange[] = []
  for (const setting of POOL_SETTINGS.filter((s) => s.createOnly)) {
    const current = observedValue([setting], pool, setting.key)
    const want = desiredValue(setting, desired, true, current)
    if (want === undefined) continue
    for (const f of diffSetting(setting, want, current)) {
      fixed.push(f)
      const byInput = setting.input && desired.settings?.[setting.key] !== undefined
      problems.push(
        `${byInput ? setting.input : 'pool-name'}: user pool '${pool.name}' has ${f.field} = ${show(f.before)}, but ${byInput ? `${setting.input} asks for` : 'SSO by email needs'} ${show(f.after)}; ` +
          `Cognito sets this only when a pool is created, so it cannot be changed in place: ` +
          `use a new pool-name (the action creates a pool with it) and migrate users, or point user-pool-id at a pool that has it`,
      )
    }
  }
  if (fixed.length > 0) return { resource: 'pool', name: pool.name, action: 'replace-required', changes: fixed }
  const changes = settingChanges(
    POOL_SETTINGS.filter((s) => !s.createOnly),
    desired,
    pool,
  )
  return { resource: 'pool', name: pool.name, action: changes.length ? 'update' : 'no-op', changes }
}

/**
 * An update carries the pool's SmsConfiguration (read-merge-write): when the run asks another role or
 * external ID of it (sms-role-arn, sms-external-id), the update sends what SetUserPoolMfaConfig will, so
 * that the two calls agree (AWSB-224). Never an update of its own: SetUserPoolMfaConfig writes it then.
 */
function withSmsConfiguration(desired: Desired, pool: ObservedPool | undefined, step: Step): Step {
  const have = pool?.smsConfiguration
  if (step.action !== 'update' || !desired.mfa?.methods.includes('sms') || !have?.SnsCallerArn) return step
  const want = desiredSmsConfiguration(desired.mfa, pool?.mfa?.SmsMfaConfiguration?.SmsConfiguration, have)
  if (sameValue(want, have)) return step
  return { ...step, changes: [...step.changes, { field: 'SmsConfiguration', before: have, after: want }] }
}

/** An SES identity in an alternate Region is written with a warning next to it (AWSB-221). */
function withSesRegionWarning(desired: Desired, step: Step): Step {
  const sender = desired.settings?.['email-sender'] as EmailSender | undefined
  const warning = sender?.account === 'DEVELOPER' ? sesRegionWarning(sender.sourceArn, desired.region ?? '') : undefined
  const at = warning ? step.changes.findIndex((c) => c.field.startsWith('EmailConfiguration')) : -1
  if (!warning || at < 0) return step
  return { ...step, changes: step.changes.map((c, i) => (i === at ? { ...c, warning } : c)) }
}

export const pool: Resource = {
  kind: 'pool',
  dependsOn: [],
  inputs: ['pool-name', 'user-pool-id', 'deletion-protection', ...POOL_SETTINGS.flatMap((s) => (s.input ? [s.input] : []))],

  parse(input, { problems, desired }) {
    const poolName = input('pool-name')
    if (poolName === '') problems.push("pool-name: is required; set it to the user pool's name, e.g. pool-name: openmetadata")
    else checkName('pool-name', poolName, problems)
    const userPoolId = parseUserPoolId(input('user-pool-id'), problems)
    const deletionProtection = parseBoolean('deletion-protection', input('deletion-protection'), true, problems)
    const settings = parseSettings(POOL_SETTINGS, input, problems)
    const sender = settings['email-sender'] as EmailSender | undefined
    // The SES identity must be in the pool's partition (checked here, where the region is known).
    if (sender?.account === 'DEVELOPER' && checkArn(sender.sourceArn, { ...SES_IDENTITY_RULE, region: desired.region ?? '' }, problems)) {
      // The identity's Region must be one the pool's Region may use (AWSB-221).
      const refused = sesRegionProblem(sender.sourceArn, desired.region ?? '')
      if (refused) problems.push(refused)
    }
    tierInputProblems(POOL_SETTINGS, settings, settings['feature-plan'] as Tier | undefined, problems)
    return { poolName, deletionProtection, ...(userPoolId !== undefined ? { userPoolId } : {}), ...(Object.keys(settings).length ? { settings } : {}) }
  },

  async observe({ port, desired, destroying, location, observed, described, found }) {
    if (location.poolId === undefined) return
    // Described while locating (the desired domain's owner): read once.
    const description = location.described ? await location.described : await describePool(port, location.poolId)
    // The domain's owner is not this run's pool: the engine drops these reads and looks by name (locate.ts).
    if (location.described && ownerVerdict(description, desired.poolName) === 'not-ours') throw new Error('the domain belongs to another pool')
    if (!description) {
      // destroy: already gone (by user-pool-id, or between the list and the describe) is what destroy wants.
      if (destroying) {
        observed.matchingPoolIds = []
        return
      }
      if (desired.userPoolId) throw new PoolNotFoundError(desired.userPoolId, desired.region)
      throw new Error(`user pool '${desired.poolName}' disappeared while this run was reading it; run the action again`)
    }
    described.pool = description
    if (description.Arn) found(description.Arn)
    const observedPool = toObservedPool(description)
    // Lowering a Plus pool: user-activity log export needs Plus and is read only then (GetLogDeliveryConfiguration).
    const lowered = loweredTo(desired, observedPool)
    if (lowered !== undefined && !tierAtLeast(lowered, 'PLUS') && observedPool.settings?.['feature-plan'] === 'PLUS') {
      observedPool.userActivityLogs = await exportsUserActivity(port, location.poolId)
    }
    observed.pool = observedPool
  },

  plan: (desired, observed, problems) => [
    withSmsConfiguration(desired, observed.pool, withSesRegionWarning(desired, poolStep(desired, observed.pool, problems))),
  ],

  features: (desired, observed) => poolFeatures(desired, observed.pool),

  async apply(step, ctx) {
    if (step.action === 'create') {
      const fields = stepFields(step) as unknown as Parameters<typeof createPool>[1]
      const winner = await createPool(ctx, fields)
      ctx.ids.userPoolId = winner.Id ?? ''
      ctx.ids.userPoolArn = winner.Arn ?? ''
      ctx.found(ctx.ids.userPoolId)
      ctx.found(ctx.ids.userPoolArn)
      // Created with deletion protection as asked. Another run's pool that won a race is given it too.
      if (!madeBy(winner, ctx.token) && fields.DeletionProtection === 'ACTIVE' && winner.DeletionProtection !== 'ACTIVE') {
        await updatePool(ctx.port, poolUpdateRequest(winner, { DeletionProtection: 'ACTIVE' }), step.name)
      }
    } else if (step.action === 'update') {
      // The update carries the pool's SMS configuration: a role IAM is still propagating is waited for (AWSB-002).
      const request = poolUpdateRequest(required(ctx.described.pool), stepFields(step))
      await whileSmsRolePropagates(ctx, `User pool '${step.name}'`, () => updatePool(ctx.port, request, step.name))
    }
  },

  planDestroy(desired, observed, problems) {
    const pool = observed.pool
    if (!pool) return [{ resource: 'pool', name: desired.poolName, action: 'no-op', changes: [] }]
    // Found by user-pool-id: it must also be the pool pool-name names (a copy-paste slip must not delete prod).
    // Found by name: the pool as described must carry the name too (ListUserPools' answer is not the pool's own).
    if (pool.name !== desired.poolName) {
      problems.push(
        desired.userPoolId
          ? `user-pool-id: the user pool with this ID is named ${quote(pool.name)}, but pool-name is ${quote(desired.poolName)}: nothing is deleted; ` +
              'destroy removes only the pool that both inputs name; correct pool-name or user-pool-id'
          : `pool-name: ListUserPools named a pool ${quote(desired.poolName)}, but that pool describes itself as ${quote(pool.name)}: nothing is deleted; ` +
              'destroy removes only the pool pool-name names; run again (a stale or altered answer), or give user-pool-id',
      )
    }
    if (!pool.managedByAction) {
      problems.push(
        `pool-name: user pool '${pool.name}' was not created by this action (it has no tag ${MANAGED_TAG_KEY}: ${MANAGED_TAG_VALUE}), ` +
          'and destroy removes only pools this action created: nothing was deleted; delete it by hand if it should go, or check pool-name and user-pool-id',
      )
    }
    if (pool.deletionProtection && desired.deletionProtection) {
      problems.push(
        `deletion-protection: user pool '${pool.name}' has deletion protection on, and this run does not say to turn it off: ` +
          'set deletion-protection: false next to mode: destroy to turn protection off and delete the pool in the same run',
      )
    }
    const changes = pool.deletionProtection ? [{ field: 'DeletionProtection', before: 'ACTIVE', after: 'INACTIVE' }] : []
    return [{ resource: 'pool', name: pool.name, action: 'delete', changes }]
  },

  async destroy(step, ctx) {
    const pool = required(ctx.observed.pool)
    if (pool.deletionProtection && ctx.described.pool) {
      await updatePool(ctx.port, poolUpdateRequest(ctx.described.pool, { DeletionProtection: 'INACTIVE' }), pool.name)
    }
    await deletePool(ctx.port, pool.id, pool.name)
  },
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('an update needs the described resource')
  return value
}
