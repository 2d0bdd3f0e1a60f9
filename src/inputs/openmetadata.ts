// The openmetadata-url input (OpenMetadata's base URL, whose /callback is the client's callback URL) and
// what the OpenMetadata hand-off (the openmetadata-env output, the Helm values) can carry safely. Pure.
//
// The hand-off is one text used in four ways (docs/openmetadata.md): appended to $GITHUB_ENV (read
// literally), a docker compose env file (`$` is interpolated, quotes are removed, ` #` starts a comment),
// `export NAME=value` lines in sh (expansions, quote removal, command syntax), and the YAML OpenMetadata
// parses after substituting the variables into conf/openmetadata.yaml (AUTHENTICATION_PUBLIC_KEYS and
// AUTHORIZER_ADMIN_PRINCIPALS are YAML flow lists). GITHUB_ENV keeps quotes as they are, so no quoting
// serves all of them: a value with a character any of them changes is refused, with the reason.
import { yamlReadsAs } from './yaml.js'
import { quoteUrl, urlProblems } from './urls.js'
import { quote } from '../util/text.js'

export const callbackUrlFor = (openmetadataUrl: string): string => `${openmetadataUrl}/callback`

/** Characters some consumer of the hand-off changes, and why (ASCII only; whitespace and backslashes are URL problems). */
const HAZARDS: [RegExp, string][] = [
  [/\$/, 'is expanded by docker compose and sh when openmetadata-env is used as an env file'],
  [/`/, 'starts a command substitution in sh'],
  [/['"]/, 'is a quote, which docker compose and sh remove'],
  [/[;&|<>()]/, 'ends or redirects the command in sh'],
  [/[*?]/, 'is a wildcard in sh'],
  [/[[\]{},]/, 'breaks a YAML flow list (OpenMetadata reads AUTHENTICATION_PUBLIC_KEYS and AUTHORIZER_ADMIN_PRINCIPALS as YAML lists)'],
  [/[:#!%@^=~/\\]/, 'has a meaning in YAML or in sh'],
]

/** The first hazard of `ch` for the hand-off, if any. */
function hazard(ch: string, allowed: RegExp): string | undefined {
  if (allowed.test(ch)) return undefined
  return HAZARDS.find(([re]) => re.test(ch))?.[1] ?? 'is not safe in every format the hand-off is used with'
}

const percent = (ch: string): string => [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')

/** Characters of a URL that every consumer of the hand-off reads back as written (letters, digits, - . _ ~ : / % and @ + = !). */
const URL_SAFE = /[\p{L}\p{M}\p{N}\-._~:/%@+=!]/u

/** Checks and normalises the openmetadata-url input: a base URL whose /callback Cognito accepts, and that the hand-off can carry. */
export function parseOpenMetadataUrl(raw: string, problems: string[]): string | undefined {
  if (raw === '') return undefined
  const fix = "give OpenMetadata's base URL, e.g. openmetadata-url: https://openmetadata.example.com"
  const own = urlProblems(raw, { use: 'base' })
  if (own.length > 0) {
    for (const problem of own) problems.push(`openmetadata-url: ${quoteUrl(raw)} ${problem}${problem.includes('; ') ? '' : `; ${fix}`}`)
    return undefined
  }
  const base = raw.replace(/\/+$/, '')
  const callback = callbackUrlFor(base)
  const before = problems.length
  for (const problem of urlProblems(callback, { use: 'redirect' })) {
    problems.push(`openmetadata-url: ${quoteUrl(raw)} gives the callback ${quoteUrl(callback)}, which ${problem}`)
  }
  for (const ch of new Set(base)) {
    const why = hazard(ch, URL_SAFE)
    if (why) problems.push(`openmetadata-url: ${quote(ch)} ${why}; percent-encode it as ${percent(ch)}`)
  }
  return problems.length > before ? undefined : base
}

/** Characters of a principal (the part of an address before '@') that every consumer reads back as written. */
const PRINCIPAL_SAFE = /[\p{L}\p{M}\p{N}._+-]/u

/**
 * Why the principal of an invited address (the part before '@') cannot be written into
 * AUTHORIZER_ADMIN_PRINCIPALS safely, or undefined when it can: a character some consumer changes, or a
 * word that YAML reads as something other than this text (a number, a boolean, null).
 */
export function principalProblem(address: string): string | undefined {
  const principal = address.slice(0, address.lastIndexOf('@'))
  for (const ch of new Set(principal)) {
    const why = hazard(ch, PRINCIPAL_SAFE)
    if (why) return `${quote(ch)} ${why}`
  }
  for (const schema of ['core', 'yaml-1.1'] as const) {
    let read: unknown
    try {
      read = yamlReadsAs(`[${principal}]`, schema)
    } catch {
      read = undefined
    }
    if (!Array.isArray(read) || read.length !== 1 || read[0] !== principal) {
      return `YAML reads ${quote(principal)} as ${Array.isArray(read) && read.length === 1 ? `the ${read[0] === null ? 'null value' : typeof read[0]} ${String(read[0])}` : 'something else'}, not as this text`
    }
  }
  return undefined
}
