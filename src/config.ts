// Raw action inputs → validated, typed `Desired`. Pure: no @actions/core, no process.env.

import { checkCertificateArn, checkCustomDomainName, isCustomDomain } from './custom-domain.js'
import { callbackUrlFor, parseOpenMetadataUrl } from './openmetadata.js'
import { parseSettingInputs } from './settings/inputs.js'
import { showInvisible } from './sanitize.js'
import { InputError } from './errors.js'
import { parseClientType, parseFederatedProviders, parseResourceServers, type ReadFile } from './federation/config.js'
import { parseMfaInputs } from './mfa.js'
import { parseManagedLogin } from './managed-login.js'
import { parseInviteUsers } from './invite-users.js'
import type { ClientType, Desired, Mode, OAuthFlow } from './types.js'

/** Returns '' for an absent input (like @actions/core getInput with trim). */
export type InputGetter = (name: string) => string

const NAME_MAX = 128
// AWS's name pattern is the Java regex [\w\s+=,.@-]+, where \w and \s are ASCII only; of \s only the
// space is allowed here (stricter than AWS): CR, LF, TAB, VT and FF in a name break every log line.
const NAME_CHARS = /^[A-Za-z0-9_ +=,.@-]+$/
const NAME_CHAR = /[A-Za-z0-9_ +=,.@-]/
const DOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const DOMAIN_MAX = 63
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'] as const
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/
const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/
const USER_POOL_ID_MAX = 55
const URL_MAX = 1024
/** The model's pattern for callback and logout URLs: no spaces, control, format or invisible characters. */
const URL_CHAR = /[\p{L}\p{M}\p{S}\p{N}\p{P}]/u
const URL_LIST_MAX = 100
const STANDARD_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'] as const
const SCOPES_NEEDING_OPENID = ['email', 'phone', 'profile'] as const
const CUSTOM_SCOPE_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/
const CUSTOM_SCOPE_MAX = 256
const SCOPES_MAX = 50
const OAUTH_FLOWS: readonly OAuthFlow[] = ['code', 'implicit']
const MODES: readonly Mode[] = ['apply', 'plan', 'destroy', 'plan-destroy']
/** Modes that remove resources (or show what would be removed): domain and callback-urls are not needed. */
const DESTROY_MODES: readonly string[] = ['destroy', 'plan-destroy']
const PROVIDER_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u
const PROVIDER_MAX = 32
const VERIFY_TIMEOUT_MAX = 900
const AWS_TIMEOUT_MAX = 300
const DEFAULT_AWS_TIMEOUT = 30

const DEFAULT_SCOPES = ['openid', 'email', 'profile']
const DEFAULT_FLOWS: OAuthFlow[] = ['code']
const DEFAULT_PROVIDERS = ['COGNITO']
const DEFAULT_VERIFY_TIMEOUT = 120

const TRUE_WORDS = ['true', 'True', 'TRUE']
const FALSE_WORDS = ['false', 'False', 'FALSE']

/** A value quoted in a message; line breaks and invisible characters shown as escapes. */
const q = (value: string): string => `'${showInvisible(value)}'`

/** Characters as U+XXXX codes, e.g. for invisible ones. */
const codes = (chars: string[]): string => chars.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ')

function splitItems(raw: string, separator: RegExp): string[] {
  const seen = new Set<string>()
  const items: string[] = []
  for (const part of raw.split(separator)) {
    const item = part.trim()
    if (item === '' || seen.has(item)) continue
    seen.add(item)
    items.push(item)
  }
  return items
}

/** One item per line and/or comma-separated; trimmed, empties dropped, duplicates removed (first kept). */
export function parseList(raw: string): string[] {
  return splitItems(raw, /[\n,]/)
}

/** Like parseList, but also splits on whitespace (OAuth scopes are conventionally space separated). */
function parseScopeList(raw: string): string[] {
  return splitItems(raw, /[\s,]+/)
}

/**
 * A boolean input the way @actions/core getBooleanInput reads it (YAML 1.2 core schema words).
 * '' gives the default; anything else pushes a problem and returns the default.
 */
export function parseBoolean(name: string, raw: string, dflt: boolean, problems: string[]): boolean {
  const value = raw.trim()
  if (value === '') return dflt
  if (TRUE_WORDS.includes(value)) return true
  if (FALSE_WORDS.includes(value)) return false
  problems.push(`${name}: ${q(value)} is not a boolean; use true or false (also accepted: True, TRUE, False, FALSE)`)
  return dflt
}

function badNameChars(value: string): string {
  const bad = new Set<string>()
  for (const ch of value) if (!NAME_CHAR.test(ch)) bad.add(ch)
  return [...bad].map((ch) => (/[\x21-\x7e]/.test(ch) ? q(ch) : `${q(ch)} ${codes([ch])}`)).join(', ')
}

/** Pool and client names share AWS's name model: 1–128 chars of [\w\s+=,.@-]. */
function checkName(name: string, value: string, problems: string[]): void {
  if (value.length > NAME_MAX) {
    problems.push(`${name}: ${q(value)} is ${value.length} characters long; Cognito allows at most ${NAME_MAX}; shorten it`)
  }
  if (!NAME_CHARS.test(value)) {
    problems.push(
      `${name}: ${q(value)} contains characters Cognito does not allow in a name (${badNameChars(value)}); ` +
        'use only letters, digits, spaces, _ and + = , . @ -' +
        (/[^\x20-\x7e]/.test(value) ? ' (ASCII only: no line breaks, tabs, other control characters or non-ASCII letters and spaces)' : ''),
    )
  }
}

function parsePoolName(raw: string, problems: string[]): string {
  if (raw === '') {
    problems.push("pool-name: is required; set it to the user pool's name, e.g. pool-name: openmetadata")
    return ''
  }
  checkName('pool-name', raw, problems)
  return raw
}

/** `${poolName}-client`, with the pool name cut short when needed so the whole stays within 128 chars. */
function defaultClientName(poolName: string): string {
  const suffix = '-client'
  return `${poolName.slice(0, NAME_MAX - suffix.length)}${suffix}`
}

function parseClientName(raw: string, poolName: string, problems: string[]): string {
  if (raw === '') return defaultClientName(poolName)
  checkName('client-name', raw, problems)
  return raw
}

function parseDomain(raw: string, problems: string[], required = true): string {
  if (raw === '' && !required) return ''
  if (raw === '') {
    problems.push("domain: is required; set it to the hosted UI domain prefix (the 'my-app' of my-app.auth.<region>.amazoncognito.com), e.g. domain: my-app")
    return ''
  }
  if (isCustomDomain(raw)) {
    checkCustomDomainName(raw, problems)
    return raw
  } else if (raw.length > DOMAIN_MAX) {
    problems.push(`domain: ${q(raw)} is ${raw.length} characters long; a domain prefix allows at most ${DOMAIN_MAX}; shorten it`)
  } else if (!DOMAIN_PATTERN.test(raw)) {
    const lower = raw.toLowerCase()
    const hint = lower !== raw && DOMAIN_PATTERN.test(lower) ? `, e.g. domain: ${lower}` : ''
    problems.push(`domain: ${q(raw)} must be lowercase letters, digits and hyphens, not starting or ending with a hyphen${hint}`)
  }
  // For a full domain name, only its first label is the prefix (the rest always says amazoncognito).
  const prefix = (raw.split('.')[0] ?? '').toLowerCase()
  for (const word of RESERVED_DOMAIN_WORDS) {
    if (prefix.includes(word)) {
      problems.push(
        `domain: ${q(raw)} contains the reserved word ${q(word)}, which Cognito refuses in a domain prefix; ` +
          'choose a prefix without aws, amazon or cognito',
      )
    }
  }
  return raw
}

/** Problems of one callback or logout URL; the string itself is kept exactly as given. */
function checkUrl(name: string, index: number, url: string, problems: string[]): void {
  const item = `${name}: item ${index + 1} ${q(url)}`
  if (url.length > URL_MAX) {
    problems.push(`${item} is ${url.length} characters long; Cognito allows at most ${URL_MAX}; shorten it`)
  }
  if (/[\p{Z}\t\n\r\v\f\u0085]/u.test(url)) {
    problems.push(`${item} contains whitespace; remove it or percent-encode it (a space is %20)`)
    return
  }
  const invisible = [...new Set([...url].filter((ch) => !URL_CHAR.test(ch)))]
  if (invisible.length > 0) {
    problems.push(
      `${item} contains control, format or invisible characters (${codes(invisible)}), which Cognito does not allow in a URL; ` +
        'remove them (retype the URL rather than pasting it)',
    )
    return
  }
  if (url.includes('\\')) {
    problems.push(`${item} contains a backslash, which browsers read as '/'; use '/' (or %5C inside a query)`)
    return
  }
  const hashAt = url.indexOf('#')
  if (hashAt >= 0) {
    problems.push(`${item} has a fragment ('#...'), which Cognito does not allow; remove it, e.g. ${q(url.slice(0, hashAt))}`)
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    problems.push(`${item} is not an absolute URL; give the full URL with scheme and host, e.g. 'https://app.example.com/callback'`)
    return
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
    const scheme = parsed.protocol.slice(0, -1)
    // The WHATWG parser repairs 'https:host/cb' and 'https:///host'; Cognito and browsers may not agree.
    if (!/^https?:\/\/[^/?#]/i.test(url) || parsed.hostname === '') {
      problems.push(`${item} must start with '${scheme}://' followed by the host, e.g. 'https://app.example.com/callback'`)
      return
    }
    if (parsed.username !== '' || parsed.password !== '') {
      const fixed = new URL(parsed.href)
      fixed.username = ''
      fixed.password = ''
      problems.push(`${item} contains a user name or password ('user:pass@'), which must not be in a redirect URL; remove it, e.g. ${q(fixed.href)}`)
      return
    }
  }
  if (parsed.protocol === 'https:') return
  if (parsed.protocol === 'http:') {
    if (parsed.hostname === 'localhost') return
    problems.push(`${item} must use https (http is allowed only for localhost); use ${q(url.replace(/^http:/i, 'https:'))}`)
    return
  }
  problems.push(
    `${item} uses the scheme ${q(parsed.protocol.slice(0, -1))}; this action sets up web SSO, so only https URLs ` +
      '(or http://localhost) are supported, not custom app schemes; use an https URL',
  )
}

function parseUrls(name: string, raw: string, required: boolean, problems: string[]): string[] {
  const example = name === 'callback-urls' ? 'https://app.example.com/callback' : 'https://app.example.com/'
  if (raw === '') {
    if (required) {
      problems.push(`${name}: is required; set it to the app's sign-in callback URL(s), e.g. ${name}: ${example}`)
    }
    return []
  }
  const urls = parseList(raw)
  if (urls.length === 0 && required) {
    problems.push(`${name}: ${q(raw)} lists no URL; give at least one, e.g. ${name}: ${example}`)
  }
  if (urls.length > URL_LIST_MAX) {
    problems.push(`${name}: lists ${urls.length} URLs (after removing duplicates); Cognito allows at most ${URL_LIST_MAX}; remove some`)
  }
  urls.forEach((url, i) => checkUrl(name, i, url, problems))
  return urls
}

function parseRegion(raw: string, env: Record<string, string | undefined>, problems: string[], sdkRegion = ''): string {
  const sources: [string, string][] = [
    ['', raw],
    ['AWS_REGION', (env.AWS_REGION ?? '').trim()],
    ['AWS_DEFAULT_REGION', (env.AWS_DEFAULT_REGION ?? '').trim()],
    ["the AWS SDK's region chain (AWS_PROFILE's config file)", sdkRegion.trim()],
  ]
  const found = sources.find(([, value]) => value !== '')
  if (found === undefined) {
    problems.push("region: no region given; set the 'region' input or AWS_REGION (aws-actions/configure-aws-credentials sets it)")
    return ''
  }
  const [source, region] = found
  if (!REGION_PATTERN.test(region)) {
    const from = source === '' ? '' : ` (from ${source})`
    problems.push(`region: ${q(region)}${from} is not an AWS region name; use one like us-east-1 or eu-central-1`)
  }
  return region
}

function parseUserPoolId(raw: string, problems: string[]): string | undefined {
  if (raw === '') return undefined
  if (raw.length > USER_POOL_ID_MAX || !USER_POOL_ID_PATTERN.test(raw)) {
    problems.push(
      `user-pool-id: ${q(raw)} is not a user pool ID; use the ID shown by Cognito (region_suffix, at most ${USER_POOL_ID_MAX} characters), e.g. us-east-1_AbC123xyz, or leave it empty to find the pool by name`,
    )
  }
  return raw
}

function checkCustomScope(scope: string): boolean {
  if (scope.length > CUSTOM_SCOPE_MAX || !CUSTOM_SCOPE_CHARS.test(scope)) return false
  const slash = scope.lastIndexOf('/')
  return slash > 0 && slash < scope.length - 1
}

function parseScopes(raw: string, problems: string[]): string[] {
  if (raw === '') return [...DEFAULT_SCOPES]
  const scopes = parseScopeList(raw)
  if (scopes.length === 0) {
    problems.push(`oauth-scopes: ${q(raw)} lists no scope; give at least one, e.g. oauth-scopes: openid email profile`)
    return scopes
  }
  scopes.forEach((scope, i) => {
    if ((STANDARD_SCOPES as readonly string[]).includes(scope)) return
    if (checkCustomScope(scope)) return
    problems.push(
      `oauth-scopes: item ${i + 1} ${q(scope)} is neither a standard scope (${STANDARD_SCOPES.join(', ')}) ` +
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

function parseFlows(raw: string, clientType: ClientType | undefined, scopes: string[], problems: string[]): OAuthFlow[] {
  if (raw === '') return [...DEFAULT_FLOWS]
  const items = parseList(raw)
  if (items.length === 0) {
    problems.push(`oauth-flows: ${q(raw)} lists no flow; give at least one, e.g. oauth-flows: code`)
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
      problems.push(`oauth-flows: item ${i + 1} ${q(item)} is not one of ${OAUTH_FLOWS.join(', ')}`)
    }
  })
  return flows
}

function parseProviders(raw: string, problems: string[]): string[] {
  if (raw === '') return [...DEFAULT_PROVIDERS]
  const providers = parseList(raw)
  if (providers.length === 0) {
    problems.push(`identity-providers: ${q(raw)} lists no provider; give at least one, e.g. identity-providers: COGNITO`)
  }
  providers.forEach((provider, i) => {
    if (provider.length > PROVIDER_MAX || !PROVIDER_PATTERN.test(provider)) {
      problems.push(
        `identity-providers: item ${i + 1} ${q(provider)} is not a provider name (1–${PROVIDER_MAX} characters, ` +
          'no spaces or control characters); use the name as configured in the pool, e.g. COGNITO',
      )
    }
  })
  return providers
}

function parseMode(raw: string, problems: string[]): Mode | undefined {
  if (raw === '') return 'apply'
  if ((MODES as readonly string[]).includes(raw)) return raw as Mode
  problems.push(`mode: ${q(raw)} is not one of ${MODES.join(', ')}`)
  return undefined
}

function parseVerifyTimeout(raw: string, problems: string[]): number {
  if (raw === '') return DEFAULT_VERIFY_TIMEOUT
  const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (Number.isNaN(seconds) || seconds > VERIFY_TIMEOUT_MAX) {
    problems.push(`verify-timeout: ${q(raw)} is not a whole number of seconds from 0 to ${VERIFY_TIMEOUT_MAX}; e.g. verify-timeout: ${DEFAULT_VERIFY_TIMEOUT}`)
    return DEFAULT_VERIFY_TIMEOUT
  }
  return seconds
}

function parseAwsTimeout(raw: string, problems: string[]): number | undefined {
  if (raw === '') return undefined
  const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (Number.isNaN(seconds) || seconds < 1 || seconds > AWS_TIMEOUT_MAX) {
    problems.push(`aws-timeout: ${q(raw)} is not a whole number of seconds from 1 to ${AWS_TIMEOUT_MAX}; e.g. aws-timeout: ${DEFAULT_AWS_TIMEOUT}`)
    return DEFAULT_AWS_TIMEOUT
  }
  return seconds
}

/**
 * Validates every input and returns the desired state; throws InputError listing every problem found.
 * `sdk.region` is what the AWS SDK's own region chain gives (the AWS_PROFILE's config file included),
 * used when neither the input nor AWS_REGION / AWS_DEFAULT_REGION names a region.
 */
export function parseInputs(
  getInput: InputGetter,
  env: Record<string, string | undefined>,
  sdk: { region?: string } = {},
  readFile: ReadFile = () => {
    throw new Error('no repository files')
  },
): Desired {
  const input = (name: string): string => getInput(name).trim()
  const problems: string[] = []

  const poolName = parsePoolName(input('pool-name'), problems)
  const destroying = DESTROY_MODES.includes(input('mode'))
  const domain = parseDomain(input('domain'), problems, !destroying)
  const certificateArn = input('certificate-arn')
  // A *.amazoncognito.com name is a prefix given in full: parseDomain asks for the prefix alone.
  if ((!destroying || domain !== '') && !/\.amazoncognito\.com$/i.test(domain)) checkCertificateArn(certificateArn, isCustomDomain(domain), domain, problems)
  const openmetadataUrl = parseOpenMetadataUrl(input('openmetadata-url'), problems)
  // With openmetadata-url, an empty callback-urls means OpenMetadata's own callback.
  const omCallback = openmetadataUrl === undefined ? undefined : callbackUrlFor(openmetadataUrl)
  const callbackUrls =
    omCallback !== undefined && input('callback-urls') === ''
      ? [omCallback]
      : parseUrls('callback-urls', input('callback-urls'), !destroying && input('openmetadata-url') === '', problems)
  if (omCallback !== undefined && !callbackUrls.includes(omCallback)) {
    problems.push(
      `callback-urls: OpenMetadata signs in through '${omCallback}', which is not among the callback URLs; add it, or leave callback-urls empty to use it alone`,
    )
  }
  const logoutUrls = parseUrls('logout-urls', input('logout-urls'), false, problems)
  const clientName = parseClientName(input('client-name'), poolName, problems)
  const region = parseRegion(input('region'), env, problems, sdk.region)
  const userPoolId = parseUserPoolId(input('user-pool-id'), problems)
  const oauthScopes = parseScopes(input('oauth-scopes'), problems)
  const clientType = parseClientType(input('client-type'), problems)
  const oauthFlows = parseFlows(input('oauth-flows'), clientType, oauthScopes, problems)
  const federatedProviders = parseFederatedProviders(getInput('federated-providers'), readFile, problems)
  const resourceServers = parseResourceServers(getInput('resource-servers'), problems)
  const allowClientReplacement = parseBoolean('allow-client-replacement', input('allow-client-replacement'), false, problems)
  const identityProviders = parseProviders(input('identity-providers'), problems)
  const deletionProtection = parseBoolean('deletion-protection', input('deletion-protection'), true, problems)
  const maskOutputs = parseBoolean('mask-outputs', input('mask-outputs'), true, problems)
  const mode = parseMode(input('mode'), problems)
  const failOnChanges = parseBoolean('fail-on-changes', input('fail-on-changes'), false, problems)
  if ((mode === 'apply' || mode === 'destroy') && failOnChanges) {
    problems.push('fail-on-changes: only applies with mode: plan')
  }
  const comment = parseBoolean('comment', input('comment'), true, problems)
  const verify = parseBoolean('verify', input('verify'), false, problems)
  const verifyTimeoutSeconds = parseVerifyTimeout(input('verify-timeout'), problems)
  const settings = parseSettingInputs(input, problems)
  const awsTimeoutSeconds = parseAwsTimeout(input('aws-timeout'), problems)
  const mfa = parseMfaInputs(input, settings, problems)
  const managedLogin = parseManagedLogin(input, settings, problems)
  const inviteUsers = parseInviteUsers(input, problems)

  if (problems.length > 0 || mode === undefined) throw new InputError(problems)

  const desired: Desired = {
    mode,
    region,
    poolName,
    domain,
    clientName,
    callbackUrls,
    logoutUrls,
    oauthScopes,
    oauthFlows,
    identityProviders,
    deletionProtection,
    maskOutputs,
    failOnChanges,
    comment,
    verify,
    verifyTimeoutSeconds,
    federatedProviders,
    resourceServers,
    allowClientReplacement,
  }
  if (awsTimeoutSeconds !== undefined) desired.awsTimeoutSeconds = awsTimeoutSeconds
  if (clientType !== undefined) desired.clientType = clientType
  if (userPoolId !== undefined) desired.userPoolId = userPoolId
  if (certificateArn !== '' && isCustomDomain(domain)) desired.certificateArn = certificateArn
  if (Object.keys(settings).length > 0) desired.settings = settings
  if (openmetadataUrl !== undefined) desired.openmetadataUrl = openmetadataUrl
  if (mfa !== undefined) desired.mfa = mfa
  if (managedLogin !== undefined) desired.managedLogin = managedLogin
  if (inviteUsers !== undefined) desired.inviteUsers = inviteUsers
  return desired
}

/** What the run reads from the runner besides the inputs: the event, the summary file, the endpoints. */
export interface Runtime {
  eventName?: string
  eventPath?: string
  stepSummary?: string
  githubToken: string
  apiUrl: string
  /** COGNITO_SSO_ISSUER_BASE_URL / COGNITO_SSO_HOSTED_UI_URL: endpoints elsewhere (a local Cognito). */
  issuerBase?: string
  hostedUiTemplate?: string
  /** ACTIONS_STEP_DEBUG / RUNNER_DEBUG: debug lines are shown. */
  debug: boolean
}

/** The runtime context from the input getter and the environment. Pure. */
export function parseRuntime(getInput: InputGetter, env: Record<string, string | undefined>): Runtime {
  const set = (value: string | undefined): string | undefined => (value ? value : undefined)
  return {
    eventName: set(env.GITHUB_EVENT_NAME),
    eventPath: set(env.GITHUB_EVENT_PATH),
    stepSummary: set(env.GITHUB_STEP_SUMMARY),
    githubToken: getInput('github-token').trim(),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    issuerBase: set(env.COGNITO_SSO_ISSUER_BASE_URL),
    hostedUiTemplate: set(env.COGNITO_SSO_HOSTED_UI_URL),
    debug: env.ACTIONS_STEP_DEBUG === 'true' || env.RUNNER_DEBUG === '1',
  }
}
