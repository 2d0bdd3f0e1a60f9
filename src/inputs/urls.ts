// Every URL input, parsed with the URL parser and checked on its parts: the callback and logout URLs
// (redirects), OpenMetadata's base URL and its callback, an OIDC issuer and a SAML metadata URL (both
// fetched by Cognito from the internet). One implementation for all of them. Pure.
//
// Sources: CallbackURLs / LogoutURLs (API Reference, CreateUserPoolClient: "Be an absolute URI", "Not
// include a fragment component", HTTPS except http://localhost, and http://127.0.0.1 and http://[::1]:
// docs/aws-behaviour.md AWSB-044); the model's RedirectUrlType (1–1,024 characters of
// [\p{L}\p{M}\p{S}\p{N}\p{P}]); an OIDC issuer is "a URL using the https scheme with no query or fragment
// component" (OpenID Connect Discovery 1.0 §4, which Cognito fetches: AWSB-086).
import { parseList } from './lists.js'
import { codes, quote } from '../util/text.js'

export const URL_MAX = 1024
/** The model's pattern for redirect URLs: no spaces, control, format or invisible characters. */
const URL_CHAR = /[\p{L}\p{M}\p{S}\p{N}\p{P}]/u
const WHITESPACE = /[\p{Z}\t\n\r\v\f\u0085]/u
const URL_LIST_MAX = 100
/** Loopback hosts as the URL parser gives them (an IPv6 literal keeps its brackets). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']

/**
 * How a URL is used, which decides its rules:
 * - `redirect`: a callback or sign-out URL (https; http only on a loopback host, as AWS allows; query
 *   allowed, no fragment, at most 1,024 characters);
 * - `issuer`: an OIDC issuer, whose discovery document Cognito fetches (https; no query, no fragment);
 * - `metadata`: a SAML metadata URL, which Cognito fetches (https; a query is allowed, no fragment);
 * - `base`: OpenMetadata's base URL (its callback is a redirect: the same schemes; no query, no fragment).
 */
export type UrlUse = 'redirect' | 'issuer' | 'metadata' | 'base'

export interface UrlRule {
  use: UrlUse
  /**
   * The test-only switch that points the action at local endpoints (COGNITO_SSO_ISSUER_BASE_URL set):
   * then, and only then, an issuer or metadata URL may be http:// on a loopback host.
   */
  localEndpoints?: boolean
}

/** Whether the environment sets the test-only switch for local endpoints (a local Cognito and a fake IdP). */
export const localEndpoints = (env: Record<string, string | undefined>): boolean => Boolean(env.COGNITO_SSO_ISSUER_BASE_URL)

/** The URL with any user information ('user:pass@') removed, for messages: never shown. */
export function withoutUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:[/\\]*)[^/\\?#]*@/i, '$1')
}

/** A URL quoted for a message: without its user information, invisible characters as escapes. */
export const quoteUrl = (url: string): string => quote(withoutUserInfo(url))

const isLoopback = (url: URL): boolean => LOOPBACK_HOSTS.includes(url.hostname)

const EXAMPLE: Record<UrlUse, string> = {
  redirect: 'https://app.example.com/callback',
  issuer: 'https://login.example.com/oauth2/default',
  metadata: 'https://idp.example.com/app/sso/saml/metadata',
  base: 'https://openmetadata.example.com',
}

/** What Cognito does with the URL, for messages about the scheme. */
const WHY_HTTPS: Record<UrlUse, string> = {
  redirect: 'http is allowed only for localhost, 127.0.0.1 and [::1]',
  base: 'its /callback is a redirect URL, and http is allowed only for localhost, 127.0.0.1 and [::1]',
  issuer: 'Cognito fetches its discovery document from the internet',
  metadata: "Cognito fetches the IdP's signing certificate from it",
}

/**
 * The problems of one URL, each the text after the URL's label ("is not an absolute URL; ..."), or []
 * when it is fine. The URL is never changed; messages never show its user information.
 */
export function urlProblems(url: string, rule: UrlRule): string[] {
  const problems: string[] = []
  const { use } = rule
  if (use === 'redirect' && url.length > URL_MAX) problems.push(`is ${url.length} characters long; Cognito allows at most ${URL_MAX}; shorten it`)
  if (WHITESPACE.test(url)) return [...problems, 'contains whitespace; remove it or percent-encode it (a space is %20)']
  const invisible = [...new Set([...url].filter((ch) => !URL_CHAR.test(ch)))]
  if (invisible.length > 0) {
    return [
      ...problems,
      `contains control, format or invisible characters (${codes(invisible)}), which Cognito does not allow in a URL; ` +
        'remove them (retype the URL rather than pasting it)',
    ]
  }
  if (url.includes('\\')) return [...problems, "contains a backslash, which browsers read as '/'; use '/' (or %5C inside a query)"]
  // The raw text, not URL.hash: 'https://x/#' has an empty hash but a fragment all the same.
  const hashAt = url.indexOf('#')
  if (hashAt >= 0) problems.push(`has a fragment ('#...'), which Cognito does not allow; remove it, e.g. ${quoteUrl(url.slice(0, hashAt))}`)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return [...problems, `is not an absolute URL; give the full URL with scheme and host, e.g. '${EXAMPLE[use]}'`]
  }
  const scheme = parsed.protocol.slice(0, -1)
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
    // The WHATWG parser repairs 'https:host/cb' and 'https:///host'; Cognito and browsers may not agree.
    if (!/^https?:\/\/[^/?#]/i.test(url) || parsed.hostname === '') {
      return [...problems, `must start with '${scheme}://' followed by the host, e.g. '${EXAMPLE[use]}'`]
    }
    if (parsed.username !== '' || parsed.password !== '') {
      const fixed = new URL(parsed.href)
      fixed.username = ''
      fixed.password = ''
      return [
        ...problems,
        `has a user name or password before '@' (the host is ${quote(parsed.host)}), which must not be in a URL; remove it, e.g. ${quote(fixed.href)}`,
      ]
    }
  }
  if ((use === 'issuer' || use === 'base') && parsed.search !== '')
    problems.push(`has a query ('?...'); remove it, e.g. ${quoteUrl(url.slice(0, url.indexOf('?')))}`)
  if (parsed.protocol === 'https:') {
    if ((use === 'issuer' || use === 'metadata') && isLoopback(parsed) && !rule.localEndpoints) {
      problems.push(`is on a loopback host (${parsed.hostname}), which Cognito cannot reach: ${WHY_HTTPS[use]}; give the IdP's public URL`)
    }
    return problems
  }
  if (parsed.protocol === 'http:') {
    const fetched = use === 'issuer' || use === 'metadata'
    if (isLoopback(parsed) && (!fetched || rule.localEndpoints)) return problems
    const fix = isLoopback(parsed) ? `give the IdP's public https URL, e.g. '${EXAMPLE[use]}'` : `use ${quoteUrl(url.replace(/^http:/i, 'https:'))}`
    problems.push(`must use https (${WHY_HTTPS[use]}); ${fix}`)
    return problems
  }
  problems.push(
    `uses the scheme ${quote(scheme)}; this action sets up web SSO, so only https URLs ` +
      `${use === 'redirect' || use === 'base' ? '(or http on localhost, 127.0.0.1 or [::1]) ' : ''}are supported${use === 'redirect' ? ', not custom app schemes' : ''}; use an https URL`,
  )
  return problems
}

/** Problems of one callback or logout URL (item `index` of input `name`); the string is kept exactly as given. */
export function checkUrl(name: string, index: number, url: string, problems: string[]): void {
  const item = `${name}: item ${index + 1} ${quoteUrl(url)}`
  for (const problem of urlProblems(url, { use: 'redirect' })) problems.push(`${item} ${problem}`)
}

export function parseUrls(name: string, raw: string, required: boolean, problems: string[]): string[] {
  const example = name === 'callback-urls' ? 'https://app.example.com/callback' : 'https://app.example.com/'
  if (raw === '') {
    if (required) {
      problems.push(`${name}: is required; set it to the app's sign-in callback URL(s), e.g. ${name}: ${example}`)
    }
    return []
  }
  const urls = parseList(raw)
  if (urls.length === 0 && required) {
    problems.push(`${name}: ${quote(raw)} lists no URL; give at least one, e.g. ${name}: ${example}`)
  }
  if (urls.length > URL_LIST_MAX) {
    problems.push(`${name}: lists ${urls.length} URLs (after removing duplicates); Cognito allows at most ${URL_LIST_MAX}; remove some`)
  }
  urls.forEach((url, i) => checkUrl(name, i, url, problems))
  return urls
}
