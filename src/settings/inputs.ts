// The catalogue's inputs: raw strings → Desired.settings, with every problem at once, and the
// feature-plan check that refuses, before any AWS call, an input the chosen plan does not include.
import { tierAtLeast, tierName, type SettingValues, type Tier } from './catalogue.js'
import { CLIENT_SETTINGS } from './client.js'
import { POOL_SETTINGS } from './pool.js'

/** Every input the catalogue reads, in the order problems are reported. */
export const SETTING_INPUTS: readonly string[] = [...POOL_SETTINGS, ...CLIENT_SETTINGS].flatMap((s) => (s.input ? [s.input] : []))

export function parseSettingInputs(input: (name: string) => string, problems: string[]): SettingValues {
  const values: SettingValues = {}
  for (const setting of [...POOL_SETTINGS, ...CLIENT_SETTINGS]) {
    if (!setting.input || !setting.parse) continue
    const raw = input(setting.input)
    if (raw === '') continue
    const value = setting.parse(raw, problems)
    if (value !== undefined) values[setting.key] = value
  }
  const tier = values['feature-plan'] as Tier | undefined
  if (tier !== undefined) {
    for (const setting of [...POOL_SETTINGS, ...CLIENT_SETTINGS]) {
      const value = values[setting.key]
      const need = value === undefined ? undefined : setting.needs?.(value)
      if (need && !tierAtLeast(tier, need.tier)) {
        problems.push(
          `${setting.input ?? setting.key}: ${need.why} needs the ${tierName(need.tier)} feature plan or higher, but feature-plan is ${tierName(tier)}; ` +
            `set feature-plan: ${tierName(need.tier)} (it changes the bill) or remove it`,
        )
      }
    }
  }
  return values
}
