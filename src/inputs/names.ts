// AWS's name model for pools and clients: 1–128 characters of [\w\s+=,.@-]. Pure.
import { codes, quote } from '../util/text.js'

export const NAME_MAX = 128
// AWS's name pattern is the Java regex [\w\s+=,.@-]+, where \w and \s are ASCII only; of \s only the
// space is allowed here (stricter than AWS): CR, LF, TAB, VT and FF in a name break every log line.
const NAME_CHARS = /^[A-Za-z0-9_ +=,.@-]+$/
const NAME_CHAR = /[A-Za-z0-9_ +=,.@-]/

function badNameChars(value: string): string {
  const bad = new Set<string>()
  for (const ch of value) if (!NAME_CHAR.test(ch)) bad.add(ch)
  return [...bad].map((ch) => (/[\x21-\x7e]/.test(ch) ? quote(ch) : `${quote(ch)} ${codes([ch])}`)).join(', ')
}

/** Pushes the problems of a pool or client name given as input `name`. */
export function checkName(name: string, value: string, problems: string[]): void {
  if (value.length > NAME_MAX) {
    problems.push(`${name}: ${quote(value)} is ${value.length} characters long; Cognito allows at most ${NAME_MAX}; shorten it`)
  }
  if (!NAME_CHARS.test(value)) {
    problems.push(
      `${name}: ${quote(value)} contains characters Cognito does not allow in a name (${badNameChars(value)}); ` +
        'use only letters, digits, spaces, _ and + = , . @ -' +
        (/[^\x20-\x7e]/.test(value) ? ' (ASCII only: no line breaks, tabs, other control characters or non-ASCII letters and spaces)' : ''),
    )
  }
}

/**
 * A provider's name (the model's ProviderNameTypeV2, which AWS matches whole): at most 32 characters of
 * the pattern `[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+`, so at least 3: the first neither '_'
 * nor a space, the second a letter, mark, symbol, digit or punctuation ('_' included), the rest neither '_'
 * nor a space. JavaScript's `\p{…}` with the u flag are the same Unicode categories as Java's. Social
 * providers are named after their type (Google, Facebook, SignInWithApple, LoginWithAmazon).
 */
export const PROVIDER_NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u
export const PROVIDER_NAME_MIN = 3
export const PROVIDER_NAME_MAX = 32

/** Why a provider name breaks ProviderNameTypeV2 (the first rule it breaks), or undefined when it is valid. */
export function providerNameProblem(name: string): string | undefined {
  if (name.length < PROVIDER_NAME_MIN || name.length > PROVIDER_NAME_MAX) {
    return `is ${name.length} characters long; Cognito allows ${PROVIDER_NAME_MIN}–${PROVIDER_NAME_MAX}`
  }
  if (PROVIDER_NAME.test(name)) return undefined
  const chars = [...name]
  if (/^[_\p{Z}]/u.test(name)) return "starts with '_' or a space; Cognito allows neither as the first character"
  if (!/[\p{L}\p{M}\p{S}\p{N}\p{P}]/u.test(chars[1] ?? '')) {
    return `has ${quote(chars[1] ?? '')} ${codes([chars[1] ?? ''])} as its second character; Cognito allows only a letter, mark, symbol, digit or punctuation there`
  }
  return "has '_' or a space after its second character; Cognito allows '_' only as the second character, and no space anywhere"
}
