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
 * A provider's name (the model's ProviderNameTypeV2, which AWS matches whole): 1–32 characters, the first
 * neither '_' nor a space, no space and no '_' after the second, letters, marks, symbols, digits and
 * punctuation only. Social providers are named after their type (Google, Facebook, SignInWithApple, LoginWithAmazon).
 */
export const PROVIDER_NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u
export const PROVIDER_NAME_MAX = 32
