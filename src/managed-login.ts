// managed-login: classic (hosted UI, ManagedLoginVersion 1) or v2 (managed login, version 2, which
// serves pages only to clients with a branding style). Pure: parsing, the domain's version change and
// the branding step; no SDK, no I/O.
import { tierAtLeast, tierName, type Tier } from './settings/catalogue.js'
import type { Desired, FieldChange, Observed, Step } from './types.js'

export const MANAGED_LOGIN_INPUTS = ['managed-login'] as const

export function parseManagedLogin(input: (name: string) => string, settings: Record<string, unknown>, problems: string[]): 1 | 2 | undefined {
  const [raw = ''] = MANAGED_LOGIN_INPUTS.map((name) => input(name))
  if (raw === '') return undefined
  const v = raw.trim().toLowerCase()
  const version = v === 'classic' ? 1 : v === 'v2' ? 2 : undefined
  if (version === undefined) {
    problems.push(`managed-login: '${raw}' is not a managed login version; use classic (the hosted UI) or v2 (managed login)`)
    return undefined
  }
  const tier = settings['feature-plan'] as Tier | undefined
  if (version === 2 && tier !== undefined && !tierAtLeast(tier, 'ESSENTIALS')) {
    problems.push(
      `managed-login: v2 (managed login) needs the essentials feature plan or higher, but feature-plan is ${tierName(tier)}; set feature-plan: essentials (it changes the bill) or use managed-login: classic`,
    )
  }
  return version
}

/** The pool's plan falls short of managed login v2 (feature-plan empty): refused before any write. */
export function managedLoginProblems(desired: Desired, observed: Observed): string[] {
  if (desired.managedLogin !== 2 || desired.settings?.['feature-plan'] !== undefined) return []
  const tier = (observed.pool?.settings?.['feature-plan'] ?? 'ESSENTIALS') as Tier
  if (tierAtLeast(tier, 'ESSENTIALS')) return []
  return [
    `managed-login: v2 (managed login) needs the essentials feature plan or higher, but user pool '${observed.pool?.name ?? desired.poolName}' is on ${tierName(tier)}; set feature-plan: essentials (it changes the bill) or use managed-login: classic`,
  ]
}

/** The ManagedLoginVersion change of an existing domain, if the input asks for another version. */
export function versionChange(desired: Desired, current: number | undefined): FieldChange | undefined {
  if (desired.managedLogin === undefined || current === undefined || current === desired.managedLogin) return undefined
  return { field: 'ManagedLoginVersion', before: current, after: desired.managedLogin }
}

/** With v2, a client without a branding style gets one with Cognito's provided values; a style made by hand is left alone. */
export function brandingStep(desired: Desired, observed: Observed): Step | undefined {
  if (desired.managedLogin !== 2) return undefined
  const has = observed.client !== undefined && observed.clientHasBranding === true
  return {
    resource: 'branding',
    name: desired.clientName,
    action: has ? 'no-op' : 'create',
    changes: has ? [] : [{ field: 'UseCognitoProvidedValues', before: undefined, after: true }],
  }
}
