// The app client's catalogue: one entry per managed client setting, in the order the plan lists them.
import type { CreateUserPoolClientRequest, ExplicitAuthFlowsType, TimeUnitsType, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import type { Desired } from '../../model/types.js'
import { quote as q } from '../../util/text.js'
import { desiredValue, entry, mergeFragments, pairs, type AnySetting, type SettingValues } from '../shared/catalogue.js'
import { clientProviders } from '../shared/desired.js'

/** Explicit auth flows a new client gets: refresh tokens and SRP, as the console's web-app default. */
export const NEW_CLIENT_AUTH_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']

type ListMember = 'CallbackURLs' | 'LogoutURLs' | 'AllowedOAuthFlows' | 'AllowedOAuthScopes' | 'SupportedIdentityProviders'
type ListField = 'callbackUrls' | 'logoutUrls' | 'oauthFlows' | 'oauthScopes' | 'identityProviders'

const list = (key: string, member: ListMember, field: ListField, fromDesired: (d: Desired) => string[] = (d) => d[field]): AnySetting =>
  entry<string[], 'client'>({
    key,
    resource: 'client',
    fromDesired,
    describe: (c) => c[member] ?? [],
    fromObserved: (c) => c[field],
    write: (v) => ({ [member]: v }),
  })

/** Token lifetimes in seconds; an omitted one is left as it is. */
export interface TokenValidity {
  access?: number
  id?: number
  refresh?: number
}

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86400 }
/** AWS's ranges: access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 10 years. */
export const TOKEN_RANGES: Record<keyof TokenValidity, [number, number]> = {
  access: [300, 86400],
  id: [300, 86400],
  refresh: [3600, 3650 * 86400],
}

export function parseTokenValidity(raw: string, problems: string[]): TokenValidity | undefined {
  const before = problems.length
  const out: TokenValidity = {}
  for (const [key, value] of pairs(raw)) {
    if (key !== 'access' && key !== 'id' && key !== 'refresh') {
      problems.push(`token-validity: ${q(key)} is not access, id or refresh; e.g. token-validity: access=1h, id=1h, refresh=30d`)
      continue
    }
    const m = /^(\d+)([mhd])$/.exec(value ?? '')
    const seconds = m ? Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 0) : NaN
    const [min, max] = TOKEN_RANGES[key]
    if (Number.isNaN(seconds) || seconds < min || seconds > max) {
      problems.push(
        `token-validity: ${key}=${value ?? ''} must be a number with a unit m, h or d, from ${key === 'refresh' ? '60m to 3650d' : '5m to 1d'} (AWS's range), e.g. ${key}=${key === 'refresh' ? '30d' : '1h'}`,
      )
      continue
    }
    out[key] = seconds
  }
  return problems.length > before ? undefined : out
}

const SECONDS: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 }

/** The largest unit that divides the lifetime exactly, so that equal lifetimes are written alike. */
function inUnits(seconds: number): [number, TimeUnitsType] {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds % SECONDS[unit] === 0) return [seconds / SECONDS[unit], unit]
  }
  return [seconds, 'seconds']
}

/** Whether the client should have a secret: client-type, else as it is (public on create). */
export function wantsSecret(desired: Desired, hasSecret: boolean | undefined): boolean {
  return desired.clientType === undefined ? (hasSecret ?? false) : desired.clientType === 'confidential'
}

/** Cognito's defaults when a client has none: 60 minutes for access and ID tokens, 30 days for refresh. */
function lifetime(value: number | undefined, unit: TimeUnitsType | undefined, dfltUnit: TimeUnitsType, dflt: number): number {
  return value === undefined ? dflt : value * SECONDS[unit ?? dfltUnit]
}

export const CLIENT_SETTINGS: readonly AnySetting[] = [
  list('callback-urls', 'CallbackURLs', 'callbackUrls'),
  list('logout-urls', 'LogoutURLs', 'logoutUrls'),
  list('oauth-flows', 'AllowedOAuthFlows', 'oauthFlows'),
  list('oauth-scopes', 'AllowedOAuthScopes', 'oauthScopes'),
  list('identity-providers', 'SupportedIdentityProviders', 'identityProviders', clientProviders),
  entry<boolean, 'client'>({
    key: 'oauth-enabled',
    resource: 'client',
    createDefault: true,
    ensure: () => true,
    describe: (c) => c.AllowedOAuthFlowsUserPoolClient ?? false,
    fromObserved: (c) => c.oauthEnabled,
    write: (v) => ({ AllowedOAuthFlowsUserPoolClient: v }),
  }),
  entry<TokenValidity, 'client'>({
    key: 'token-validity',
    resource: 'client',
    input: 'token-validity',
    parse: parseTokenValidity,
    // Units default to hours for access and ID tokens and days for refresh tokens (AWS).
    describe: (c) => ({
      access: lifetime(c.AccessTokenValidity, c.TokenValidityUnits?.AccessToken, 'hours', 3600),
      id: lifetime(c.IdTokenValidity, c.TokenValidityUnits?.IdToken, 'hours', 3600),
      refresh: lifetime(c.RefreshTokenValidity, c.TokenValidityUnits?.RefreshToken, 'days', 30 * 86400),
    }),
    write: (v) => {
      const out: Partial<CreateUserPoolClientRequest> = {}
      const units: TokenValidityUnitsFragment = {}
      if (v.access !== undefined) [out.AccessTokenValidity, units.AccessToken] = inUnits(v.access)
      if (v.id !== undefined) [out.IdTokenValidity, units.IdToken] = inUnits(v.id)
      if (v.refresh !== undefined) [out.RefreshTokenValidity, units.RefreshToken] = inUnits(v.refresh)
      if (Object.keys(units).length) out.TokenValidityUnits = units
      return out
    },
  }),
]

type TokenValidityUnitsFragment = NonNullable<CreateUserPoolClientRequest['TokenValidityUnits']>

/** Every client setting as Describe* shows it, by key. */
export function readClientSettings(client: UserPoolClientType): SettingValues {
  return Object.fromEntries(CLIENT_SETTINGS.map((s) => [s.key, s.describe(client)]))
}

/** The CreateUserPoolClient request for the desired state (without the pool ID, which apply adds). */
export function clientCreateRequest(desired: Desired): Omit<CreateUserPoolClientRequest, 'UserPoolId'> {
  const fragments: Partial<CreateUserPoolClientRequest>[] = CLIENT_SETTINGS.map((s) => {
    const value = desiredValue(s, desired, false, undefined)
    return value === undefined ? {} : s.write(value)
  })
  const merged = mergeFragments(fragments)
  // A new client without sign-out URLs is sent none rather than an empty list.
  if (merged.LogoutURLs?.length === 0) delete merged.LogoutURLs
  return {
    ClientName: desired.clientName,
    GenerateSecret: wantsSecret(desired, undefined),
    ...merged,
    ExplicitAuthFlows: NEW_CLIENT_AUTH_FLOWS,
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  } satisfies Omit<CreateUserPoolClientRequest, 'UserPoolId'>
}

/** Cognito's lifetimes for a client that sets none: 60 minutes for access and ID tokens, 30 days for refresh tokens. */
export const DEFAULT_TOKEN_VALIDITY: Required<TokenValidity> = { access: 3600, id: 3600, refresh: 30 * 86400 }

/** A lifetime as token-validity writes it: the largest of d, h, m that divides it. */
function shown(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds % size === 0) return `${seconds / size}${unit}`
  return `${seconds}s`
}

/**
 * Access and ID tokens may not outlive the refresh token (AWSB-222): the lifetimes the client will have
 * (the asked ones over what it has, or Cognito's defaults on create), compared in seconds. Only when
 * token-validity is set: an empty input changes nothing.
 */
export function tokenOrderProblems(asked: TokenValidity | undefined, current: TokenValidity | undefined, name: string): string[] {
  if (!asked) return []
  const after = { ...DEFAULT_TOKEN_VALIDITY, ...current, ...asked }
  const longer = (['access', 'id'] as const).filter((k) => after[k] > after.refresh)
  if (longer.length === 0) return []
  const from = (k: keyof TokenValidity): string => (asked[k] !== undefined ? '' : current ? ` (app client '${name}' has it)` : " (Cognito's default)")
  return [
    `token-validity: ${longer.map((k) => `${k}=${shown(after[k])}${from(k)}`).join(' and ')} ${longer.length === 1 ? 'is' : 'are'} longer than refresh=${shown(after.refresh)}${from('refresh')}; ` +
      `Cognito refuses access and ID tokens that outlive the refresh token; shorten ${longer.join(' and ')} or set refresh=${shown(Math.max(...longer.map((k) => after[k]), 3600))} or longer`,
  ]
}
