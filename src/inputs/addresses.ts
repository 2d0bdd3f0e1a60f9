// Invited e-mail addresses (invite-users): what Cognito takes as a user name, and what a person should
// look at twice (letters of several scripts, the usual homoglyph attack). Pure.
import { namedCodes, quote } from '../util/text.js'

/** The model's UsernameType: 1–128 characters of letters, marks, symbols, digits and punctuation (AWS matches it whole). */
const USERNAME_CHAR = /[\p{L}\p{M}\p{S}\p{N}\p{P}]/u
export const USERNAME_MAX = 128
/** An address: a local part without separators or quotes, and a domain of ASCII labels (the pool's email attribute is sent as given). */
const EMAIL = /^[^@\s,;<>"'`]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

/** At most this many characters of a bad entry are quoted in a message. */
const SHOWN_MAX = 80
const shown = (value: string): string => (value.length > SHOWN_MAX ? `${quote(value.slice(0, SHOWN_MAX))}… (${value.length} characters)` : quote(value))

/** Why Cognito would refuse `address` as an invited user's name, or undefined (the text after the input's name). */
export function addressProblem(address: string): string | undefined {
  const bad = [...new Set([...address].filter((ch) => !USERNAME_CHAR.test(ch)))]
  if (bad.length > 0) {
    return `${shown(address)} contains ${namedCodes(bad)}, which Cognito does not allow in a user name (no spaces, control, format or invisible characters); retype the address`
  }
  if (address.length > USERNAME_MAX) {
    return `${shown(address)} is ${address.length} characters long; Cognito takes a user name of at most ${USERNAME_MAX} characters (UsernameType), and the address is the user name`
  }
  if (!EMAIL.test(address))
    return `${shown(address)} is not an e-mail address; list addresses separated by commas or new lines, e.g. invite-users: alice@example.com, bob@example.com`
  return undefined
}

/** Scripts whose letters look like Latin ones, or that people mix by accident (Unicode Script property). */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Cherokee',
  'Georgian',
  'Coptic',
  'Hebrew',
  'Arabic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
]
const SCRIPT_OF = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const)

function scriptOf(letter: string): string {
  return SCRIPT_OF.find(([, re]) => re.test(letter))?.[0] ?? 'another script'
}

/**
 * When the letters of `address` come from more than one script (Cyrillic 'а' among Latin letters), what
 * to look at: the letters outside the script most of them share, with their codes. Undefined otherwise.
 */
export function mixedScripts(address: string): string | undefined {
  const letters = [...address].filter((ch) => /\p{L}/u.test(ch))
  const count = new Map<string, number>()
  for (const ch of letters) count.set(scriptOf(ch), (count.get(scriptOf(ch)) ?? 0) + 1)
  if (count.size < 2) return undefined
  const main = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] === 'Latin' ? -1 : 1))[0]?.[0] ?? 'Latin'
  const odd = [...new Set(letters.filter((ch) => scriptOf(ch) !== main))]
  return `mixes scripts: ${odd.map((ch) => `${namedCodes([ch])} (${scriptOf(ch)})`).join(', ')} among ${main} letters; check that this is the address you mean`
}
