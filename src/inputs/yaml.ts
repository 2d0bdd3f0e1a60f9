// YAML inputs (federated-providers, resource-servers, user-groups): parsing without quoting the text,
// and the shapes of the values inside. Pure once the parser is loaded: the yaml package is a chunk of its
// own, loaded (loadYaml) only when a YAML input is set, since most runs have none and it costs start-up.
import type * as Yaml from 'yaml'
import { splitList } from '../util/lists.js'

let yaml: typeof Yaml | undefined

/** Loads the YAML parser (engine/desired.ts loadParsers, before parsing a YAML input). */
export async function loadYaml(): Promise<void> {
  yaml ??= await import('yaml')
}

/** Parses one YAML input; the parser's own message quotes the text (and any secret in it), so only its position is kept. */
export function yamlOf(input: string, raw: string, problems: string[], example = "'- name: Okta'"): unknown {
  if (!yaml) throw new Error(`${input}: the YAML parser was not loaded before parsing (a bug of the action: its resource must list it in yamlInputs)`)
  const { parse: parseYaml, YAMLParseError } = yaml
  try {
    return parseYaml(raw, { prettyErrors: false, uniqueKeys: true })
  } catch (error) {
    const at = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : ''
    const code = error instanceof YAMLParseError ? ` (${error.code})` : ''
    problems.push(`${input}: is not valid YAML${at}${code}; give a YAML list, e.g. ${example} on its first line`)
    return undefined
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A string, number or boolean as trimmed text; anything else undefined. */
export function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/** A YAML list of strings, or one string of items separated by spaces or commas (duplicates kept). */
export function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return splitList(v, { separator: /[\s,]+/, duplicates: true })
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x) => x.trim()).filter(Boolean)
  return undefined
}

/**
 * A YAML list input: its items, or undefined (a problem pushed) when it is not valid YAML or not a list.
 * `notAList` is the problem's text after the input's name.
 */
export function yamlList(input: string, raw: string, problems: string[], notAList: string, example?: string): unknown[] | undefined {
  const doc = yamlOf(input, raw, problems, example)
  if (doc === undefined) return undefined
  if (!Array.isArray(doc)) {
    problems.push(`${input}: ${notAList}`)
    return undefined
  }
  return doc as unknown[]
}
