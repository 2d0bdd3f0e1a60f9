// Callback and logout URLs: AWS's rules plus the ones web SSO needs (https, no fragment, no user info). Pure.
import { parseList } from './lists.js'
import { codes, quote } from '../util/text.js'

const URL_MAX = 1024
/** The model's pattern for callback and logout URLs: no spaces, control, format or invisible characters. */
const URL_CHAR = /[\p{L}\p{M}\p{S}\p{N}\p{P}]/u
const URL_LIST_MAX = 100

/** Problems of one callback or logout URL; the string itself is kept exactly as given. */
export function checkUrl(name: string, index: number, url: string, problems: string[]): void {
  const item = `${name}: item ${index + 1} ${quote(url)}`
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
    problems.push(`${item} has a fragment ('#...'), which Cognito does not allow; remove it, e.g. ${quote(url.slice(0, hashAt))}`)
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
      problems.push(`${item} contains a user name or password ('user:pass@'), which must not be in a redirect URL; remove it, e.g. ${quote(fixed.href)}`)
      return
    }
  }
  if (parsed.protocol === 'https:') return
  if (parsed.protocol === 'http:') {
    if (parsed.hostname === 'localhost') return
    problems.push(`${item} must use https (http is allowed only for localhost); use ${quote(url.replace(/^http:/i, 'https:'))}`)
    return
  }
  problems.push(
    `${item} uses the scheme ${quote(parsed.protocol.slice(0, -1))}; this action sets up web SSO, so only https URLs ` +
      '(or http://localhost) are supported, not custom app schemes; use an https URL',
  )
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
