// The app client's own inputs: names, URLs, scopes, flows, providers, client type. Pure.
import { parseList, parseScopeList } from '../../inputs/lists.js'
import { NAME_MAX, checkName } from '../../inputs/names.js'
import type { ClientType, OAuthFlow } from '../../model/types.js'
import { quote } from '../../util/text.js'

const STANDARD_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'] as const
const SCOPES_NEEDING_OPENID = ['email', 'phone', 'profile'] as const
const CUSTOM_SCOPE_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/
const CUSTOM_SCOPE_MAX = 256
const SCOPES_MAX = 50
const OAUTH_FLOWS: readonly OAuthFlow[] = ['code', 'implicit']
const PROVIDER_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u
const PROVIDER_MAX = 32
const DEFAULT_SCOPES = ['openid', 'email', 'profile']
const DEFAULT_FLOWS: OAuthFlow[] = ['code']
const DEFAULT_PROVIDERS = ['COGNITO']

/** `${poolName}-client`, with the pool name cut short when needed so the whole stays within 128 chars. */
function defaultClientName(poolName: string): string {
  const suffix = '-client'
  return `${poolName.slice(0, NAME_MAX - suffix.length)}${suffix}`
}

export function parseClientName(raw: string, poolName: string, problems: string[]): string {
  if (raw === '') return defaultClientName(poolName)
  checkName('client-name', raw, problems)
  return raw
}

function checkCustomScope(scope: string): boolean {
  if (scope.length > CUSTOM_SCOPE_MAX || !CUSTOM_SCOPE_CHARS.test(scope)) return false
  const slash = scope.lastIndexOf('/')
  return slash > 0 && slash < scope.length - 1
}

export function parseScopes(raw: string, problems: string[]): string[] {
  if (raw === '') return [...DEFAULT_SCOPES]
  const scopes = parseScopeList(raw)
  if (scopes.length === 0) {
    problems.push(`oauth-scopes: ${quote(raw)} lists no scope; give at least one, e.g. oauth-scopes: openid email profile`)
    return scopes
  }
  scopes.forEach((scope, i) => {
    if ((STANDARD_SCOPES as readonly string[]).includes(scope)) return
    if (checkCustomScope(scope)) return
    problems.push(
      `oauth-scopes: item ${i + 1} ${quote(scope)} is neither a standard scope (${STANDARD_SCOPES.join(', ')}) ` +
        `nor a custom scope '<resource-server-id>/<scope>' (printable ASCII without " or \\, at most ${CUSTOM_SCOPE_MAX} characters); fix or remove it`,
    )
  })
  if (scopes.length > SCOPES_MAX) {
    problems.push(`oauth-scopes: ${scopes.length} scopes given, Cognito allows at most ${SCOPES_MAX} per app client; remove ${scopes.length - SCOPES_MAX}`)
  }
  if (!scopes.includes('openid')) {
    const needing = SCOPES_NEEDING_OPENID.filter((s) => scopes.includes(s))
    if (needing.length > 0) {
      problems.push(`oauth-scopes: ${needing.join(', ')} ${needing.length === 1 ? 'requires' : 'require'} openid (Cognito rule); add openid`)
    }
  }
  return scopes
}

export function parseFlows(raw: string, clientType: ClientType | undefined, scopes: string[], problems: string[]): OAuthFlow[] {
  if (raw === '') return [...DEFAULT_FLOWS]
  const items = parseList(raw)
  if (items.length === 0) {
    problems.push(`oauth-flows: ${quote(raw)} lists no flow; give at least one, e.g. oauth-flows: code`)
  }
  const flows: OAuthFlow[] = []
  items.forEach((item, i) => {
    if ((OAUTH_FLOWS as readonly string[]).includes(item)) {
      flows.push(item as OAuthFlow)
    } else if (item === 'client_credentials') {
      if (clientType === 'public') {
        problems.push(
          `oauth-flows: item ${i + 1} 'client_credentials' needs a client secret, but client-type is public; set client-type: confidential, or use code`,
        )
      } else if (items.includes('code') || items.includes('implicit')) {
        problems.push(
          `oauth-flows: 'client_credentials' cannot be combined with code or implicit (Cognito rule); use a separate client-name for machine-to-machine`,
        )
      } else if (scopes.some((s) => (STANDARD_SCOPES as readonly string[]).includes(s))) {
        problems.push(
          `oauth-scopes: with oauth-flows client_credentials only resource-server scopes are allowed (e.g. api/read), not ${scopes.filter((s) => (STANDARD_SCOPES as readonly string[]).includes(s)).join(', ')}`,
        )
      }
      flows.push('client_credentials')
    } else {
      problems.push(`oauth-flows: item ${i + 1} ${quote(item)} is not one of ${OAUTH_FLOWS.join(', ')}`)
    }
  })
  return flows
}

export function parseProviders(raw: string, problems: string[]): string[] {
  if (raw === '') return [...DEFAULT_PROVIDERS]
  const providers = parseList(raw)
  if (providers.length === 0) {
    problems.push(`identity-providers: ${quote(raw)} lists no provider; give at least one, e.g. identity-providers: COGNITO`)
  }
  providers.forEach((provider, i) => {
    if (provider.length > PROVIDER_MAX || !PROVIDER_PATTERN.test(provider)) {
      problems.push(
        `identity-providers: item ${i + 1} ${quote(provider)} is not a provider name (1–${PROVIDER_MAX} characters, ` +
          'no spaces or control characters); use the name as configured in the pool, e.g. COGNITO',
      )
    } else if (provider.startsWith('_')) {
      // ProviderNameTypeV2 (CreateIdentityProvider) starts with neither '_' nor a space: no provider has such a name.
      const plain = provider.replace(/^_+/, '')
      problems.push(
        `identity-providers: item ${i + 1} ${quote(provider)} can never be a provider's name (provider names cannot start with '_')` +
          (plain !== '' ? `; did you mean ${quote(plain)}?` : '; use the name as configured in the pool, e.g. COGNITO'),
      )
    }
  })
  return providers
}

export function parseClientType(raw: string, problems: string[]): ClientType | undefined {
  if (raw === '') return undefined
  if (raw === 'public' || raw === 'confidential') return raw
  problems.push(`client-type: ${quote(raw)} is not one of public, confidential (or leave it empty to keep the client as it is)`)
  return undefined
}
