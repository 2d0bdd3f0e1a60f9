// The catalogue's machinery: one entry per managed pool or client setting says how its input parses,
// how Describe* reads it, which request members it writes (as a typed fragment of the SDK's create
// request), how it compares and prints, whether it is create-only and which feature plan it needs.
// The pool and client resources walk their catalogues (resources/pool/settings.ts,
// resources/client/settings.ts) to parse, plan and build requests. Pure; the SDK is imported for types only.
import type { CreateUserPoolClientRequest, CreateUserPoolRequest, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import type { Desired, FieldChange, ObservedClient, ObservedPool } from '../../model/types.js'
import { splitList } from '../../util/lists.js'

/** Cognito's feature plans (UserPoolTier), cheapest first. */
export type Tier = 'LITE' | 'ESSENTIALS' | 'PLUS'
export const TIERS: readonly Tier[] = ['LITE', 'ESSENTIALS', 'PLUS']
export const tierName = (tier: Tier): string => tier.toLowerCase()
export const tierAtLeast = (have: Tier, need: Tier): boolean => TIERS.indexOf(have) >= TIERS.indexOf(need)

interface Shapes {
  pool: { described: UserPoolType; create: CreateUserPoolRequest; observed: ObservedPool }
  client: { described: UserPoolClientType; create: CreateUserPoolClientRequest; observed: ObservedClient }
}
export type SettingResource = keyof Shapes

/** A fragment of the create request; on update the same members are overlaid on the described resource. */
export type Fragment<R extends SettingResource> = { [K in keyof Shapes[R]['create']]?: Shapes[R]['create'][K] }

export interface Setting<V, R extends SettingResource> {
  /** Key in Desired.settings and ObservedPool/ObservedClient.settings. */
  key: string
  resource: R
  /** The action input that sets it; entries without one are fixed by the action or by older inputs. */
  input?: string
  /** Cognito fixes it at creation: a difference is `replace-required`, nothing is written. */
  createOnly?: boolean
  /** Parses a non-empty input (pushing every problem, each naming the input, the rule and the fix). */
  parse?: (raw: string, problems: string[]) => V | undefined
  /** For settings that older inputs carry: the value from Desired. */
  fromDesired?: (desired: Desired) => V
  /** The input is empty and the resource is new: the value it is created with (none: AWS's default). */
  createDefault?: V
  /** The input is empty and the resource exists: what it must have (undefined: leave it as it is). */
  ensure?: (current: V) => V | undefined
  /** How Describe* reads it. */
  describe: (described: Shapes[R]['described']) => V
  /** For plain observed data made without `settings` (tests of the plan): read the legacy fields. */
  fromObserved?: (observed: Shapes[R]['observed']) => V
  /** The request members that carry it. A member set to undefined is removed on update. */
  write: (value: V) => Fragment<R>
  /** Own comparison, for settings that are not compared member by member (create-only ones). */
  diff?: (desired: V, current: V) => FieldChange[]
  /** The cheapest feature plan the value needs, if any, and why. */
  needs?: (value: V) => { tier: Tier; why: string } | undefined
}

/** A catalogue entry with its value type erased, so that entries of every type share one list. */
export type AnySetting = Setting<unknown, SettingResource>
export const entry = <V, R extends SettingResource>(setting: Setting<V, R>): AnySetting => setting as unknown as AnySetting

/** Values of the catalogue's settings by key; a missing key leaves the setting alone. */
export type SettingValues = Record<string, unknown>

/**
 * Dotted member paths → values. Plain objects are walked, everything else (arrays included) is a
 * leaf. Leaves that are undefined are kept: they remove the member on update.
 */
export function flatten(value: object, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (isPlainObject(v)) Object.assign(out, flatten(v, path))
    else out[path] = v
  }
  return out
}

/** Sets dotted paths on a copy of `target`; undefined deletes. Used to overlay an update on a description. */
export function setPaths(target: Record<string, unknown>, paths: Record<string, unknown>): Record<string, unknown> {
  const result = structuredClone(target)
  for (const [path, value] of Object.entries(paths)) {
    const parts = path.split('.')
    let node: Record<string, unknown> = result
    for (const part of parts.slice(0, -1)) {
      const next = node[part]
      if (!isPlainObject(next)) node[part] = {}
      node = node[part] as Record<string, unknown>
    }
    const last = parts[parts.length - 1] ?? path
    if (value === undefined) delete node[last]
    else node[last] = value
  }
  return result
}

/** Deep merge of fragments (later wins); undefined leaves are dropped, as a create sends nothing for them. */
export function mergeFragments<T extends object>(fragments: T[]): T {
  const merged = setPaths({}, Object.fromEntries(fragments.flatMap((f) => Object.entries(flatten(f)))))
  return merged as T
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Order-free comparison: arrays are sets (every list Cognito keeps here is one), object keys unordered. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(',')}]`
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'undefined'
}

/** A field change; string lists also say what is added and removed. */
export function change(field: string, before: unknown, after: unknown): FieldChange {
  const c: FieldChange = { field, before, after }
  if (isStringList(before ?? []) && isStringList(after ?? [])) {
    const b = (before ?? []) as string[]
    const a = (after ?? []) as string[]
    c.added = a.filter((x) => !b.includes(x))
    c.removed = b.filter((x) => !a.includes(x))
  }
  return c
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string')
}

/** Member-by-member comparison of the desired value's members with the current ones. */
export function diffSetting(setting: AnySetting, desired: unknown, current: unknown): FieldChange[] {
  if (setting.diff) return setting.diff(desired, current)
  const want = flatten(setting.write(desired))
  const have = current === undefined ? {} : flatten(setting.write(current))
  return Object.entries(want)
    .filter(([path, value]) => !sameValue(value, have[path]))
    .map(([path, value]) => change(path, have[path], value))
}

/** The desired value of a setting (undefined: leave it alone); `exists` false means the resource is new. */
export function desiredValue(setting: AnySetting, desired: Desired, exists: boolean, current: unknown): unknown {
  if (setting.fromDesired) return setting.fromDesired(desired)
  const given = desired.settings?.[setting.key]
  if (given !== undefined) return given
  if (!exists) return setting.createDefault
  return current === undefined ? undefined : setting.ensure?.(current)
}

/** The observed value of a setting: from the described settings, else (plain test state) the legacy fields. */
export function observedValue(settings: readonly AnySetting[], observed: ObservedPool | ObservedClient, key: string): unknown {
  const setting = settings.find((s) => s.key === key)
  if (observed.settings && key in observed.settings) return observed.settings[key]
  return setting?.fromObserved?.(observed)
}

/** The changes that bring the observed resource's settings to the desired ones, setting by setting. */
export function settingChanges(settings: readonly AnySetting[], desired: Desired, observed: ObservedPool | ObservedClient): FieldChange[] {
  return settings.flatMap((setting) => {
    const current = observedValue([setting], observed, setting.key)
    const want = desiredValue(setting, desired, true, current)
    return want === undefined ? [] : diffSetting(setting, want, current)
  })
}

/** Parses the catalogue's non-empty inputs into `values` (every problem at once). */
export function parseSettings(settings: readonly AnySetting[], input: (name: string) => string, problems: string[]): SettingValues {
  const values: SettingValues = {}
  for (const setting of settings) {
    if (!setting.input || !setting.parse) continue
    const raw = input(setting.input)
    if (raw === '') continue
    const value = setting.parse(raw, problems)
    if (value !== undefined) values[setting.key] = value
  }
  return values
}

/** Settings whose value needs a higher feature plan than `tier` (the feature-plan input): refused before any AWS call. */
export function tierInputProblems(settings: readonly AnySetting[], values: SettingValues, tier: Tier | undefined, problems: string[]): void {
  if (tier === undefined) return
  for (const setting of settings) {
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

/** `key=value` or a bare `key` per item (items separated by new lines or commas); keys lower-cased. */
export function pairs(raw: string): [string, string | undefined][] {
  return splitList(raw).map((item) => {
    const at = item.indexOf('=')
    return at < 0 ? [item.toLowerCase(), undefined] : [item.slice(0, at).trim().toLowerCase(), item.slice(at + 1).trim()]
  })
}

/** How an Update* request member is treated by read-merge-write: carried from the description, or excluded (why). */
export type Classification = 'carried' | { excluded: string }

/** The members classified as carried. */
export const carried = <K extends string>(members: Record<K, Classification>): K[] => (Object.keys(members) as K[]).filter((k) => members[k] === 'carried')
