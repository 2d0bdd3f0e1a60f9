// Boolean inputs, read the way @actions/core getBooleanInput reads them (YAML 1.2 core schema words). Pure.
import { quote } from '../util/text.js'

const TRUE_WORDS = ['true', 'True', 'TRUE']
const FALSE_WORDS = ['false', 'False', 'FALSE']

/** '' gives the default; anything else that is not a boolean word pushes a problem and returns the default. */
export function parseBoolean(name: string, raw: string, dflt: boolean, problems: string[]): boolean {
  const value = raw.trim()
  if (value === '') return dflt
  if (TRUE_WORDS.includes(value)) return true
  if (FALSE_WORDS.includes(value)) return false
  problems.push(`${name}: ${quote(value)} is not a boolean; use true or false (also accepted: True, TRUE, False, FALSE)`)
  return dflt
}

/** A non-empty boolean input without a default (the settings catalogue's); undefined after a problem. */
export function parseBool(name: string, raw: string, problems: string[]): boolean | undefined {
  if (TRUE_WORDS.includes(raw)) return true
  if (FALSE_WORDS.includes(raw)) return false
  problems.push(`${name}: ${quote(raw)} is not a boolean; use true or false`)
  return undefined
}
