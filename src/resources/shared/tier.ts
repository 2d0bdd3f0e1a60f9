// Lowering the feature plan (UserPoolTier): AWS refuses UpdateUserPool to a lower plan while features of
// the higher one are on ("FeatureUnavailableInTierException: The following features need to be disabled",
// AWSB-016). Each resource names the features of the pool it knows of that need a plan above Lite
// (AWSB-017) and that are still on when the plan changes (UpdateUserPool comes before every other write
// of a run); the plan refuses a lower plan than any of them, before the first write, listing them all. Pure.
import type { Desired, ObservedPool } from '../../model/types.js'
import { tierAtLeast, tierName, TIERS, type Tier } from './catalogue.js'

/** A feature the pool has that needs a plan above Lite. */
export interface TierFeature {
  /** What it is and where it is set, e.g. `threat protection (UserPoolAddOns.AdvancedSecurityMode ENFORCED)`. */
  feature: string
  /** The cheapest plan that has it. */
  tier: Tier
  /** How to turn it off. */
  off: string
}

/** The plan `feature-plan` asks for when it is lower than the pool's; undefined otherwise (no input, a new pool, the same or higher). */
export function loweredTo(desired: Pick<Desired, 'settings'>, pool: Pick<ObservedPool, 'settings'> | undefined): Tier | undefined {
  const asked = desired.settings?.['feature-plan'] as Tier | undefined
  if (asked === undefined || pool === undefined) return undefined
  // A pool created without UserPoolTier is on Essentials (AWS's default since November 2024).
  const current = (pool.settings?.['feature-plan'] as Tier | undefined) ?? 'ESSENTIALS'
  return tierAtLeast(asked, current) ? undefined : asked
}

/** One problem naming every feature the lower plan lacks, with the plan each needs and how to turn it off. */
export function lowerPlanProblems(desired: Pick<Desired, 'settings'>, pool: ObservedPool | undefined, features: readonly TierFeature[]): string[] {
  const asked = loweredTo(desired, pool)
  if (asked === undefined || pool === undefined) return []
  const above = features.filter((f) => !tierAtLeast(asked, f.tier))
  if (above.length === 0) return []
  const keep = TIERS.filter((t) => above.some((f) => f.tier === t)).at(-1) ?? 'ESSENTIALS'
  return [
    `feature-plan: ${tierName(asked)} is lower than what user pool '${pool.name}' uses, and Cognito refuses to lower the plan while these are on: ` +
      above.map((f) => `${f.feature}, which needs ${tierName(f.tier)} (${f.off})`).join('; ') +
      `; turn them off first, or keep feature-plan: ${tierName(keep)}`,
  ]
}
