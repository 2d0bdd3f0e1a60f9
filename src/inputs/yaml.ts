// YAML inputs (federated-providers, resource-servers, user-groups): parsing without quoting the text,
// and the shapes of the values inside. Pure once the parser is loaded: the yaml package is a chunk of its
// own, loaded (loadYaml) only when a YAML input is set, since most runs have none and it costs start-up.
//
// The failsafe schema (YAML 1.2 §10.1): every scalar is the exact text written, never a number, a boolean
// or null, so that `client-id: 0123`, `key-id: 1234E56789`, `client-secret: 0x1F` or a 17-digit ID reach
// AWS as written (AWS takes them as strings). Where a value is a number or a boolean (a group's precedence,
// `remove: true`), the resource reads it from that text. Tags are refused, except the failsafe schema's
// own (!!str, !!seq, !!map): `!vault X` or `!!binary` would otherwise give something else than the text.
import type * as Yaml from 'yaml'
import { splitList } from '../util/lists.js'

let yaml: typeof Yaml | undefined

/** Loads the YAML parser (engine/desired.ts loadParsers, before parsing a YAML input). */
export async function loadYaml(): Promise<void> {
  yaml ??= await import('yaml')
}

/** What YAML makes of `text` with `schema` (the parser must be loaded: see Resource.needsYaml). */
export function yamlReadsAs(text: string, schema: 'core' | 'yaml-1.1'): unknown {
  if (!yaml) throw new Error('the YAML parser was not loaded before parsing (a bug of the action: the resource must say so in needsYaml)')
  return yaml.parse(text, { schema })
}

/** The tags of the failsafe schema: a tag that says what the text already is. */
const OWN_TAGS = ['tag:yaml.org,2002:str', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:map']
/** Aliases expanded at most this many times (the yaml library's default: a "billion laughs" document is refused). */
const MAX_ALIAS_COUNT = 100

/** Parses one YAML input; the parser's own message quotes the text (and any secret in it), so only its position is kept. */
export function yamlOf(input: string, raw: string, problems: string[], example = "'- name: Okta'"): unknown {
  if (!yaml) throw new Error(`${input}: the YAML parser was not loaded before parsing (a bug of the action: its resource must list it in yamlInputs)`)
  const { isAlias, isNode, LineCounter, parseDocument, visit } = yaml
  const lines = new LineCounter()
  const doc = parseDocument(raw, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false, lineCounter: lines })
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return ''
    const { line, col } = lines.linePos(offset)
    return ` at line ${line}, column ${col}`
  }
  const before = problems.length
  // Warnings are refused like errors; an unknown tag (the warning TAG_RESOLVE_FAILED) is named below.
  for (const issue of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')] as Yaml.YAMLError[]) {
    problems.push(`${input}: is not valid YAML${at(issue.pos[0])} (${issue.code}); give a YAML list, e.g. ${example} on its first line`)
  }
  visit(doc, {
    // An alias as a key repeats the key it names, which uniqueKeys does not see (`*k : b` after `&k name: a`).
    Pair(_key, pair) {
      if (isAlias(pair.key)) {
        problems.push(`${input}: an alias '*...' used as a key${at(pair.key.range?.[0])} is not supported (it can repeat a key); write the key out`)
      }
    },
    Node(_key, node) {
      const tag = isNode(node) && !isAlias(node) ? node.tag : undefined
      if (tag !== undefined && !OWN_TAGS.includes(tag)) {
        const shown = /^[\x21-\x7e]{1,40}$/.test(tag) ? ` '${tag.replace(/^tag:yaml\.org,2002:/, '!!')}'` : ''
        problems.push(
          `${input}: the YAML tag${shown} on the value${at(node.range?.[0])} is not supported; give the value itself (e.g. a secrets expression), not a tag`,
        )
      }
    },
  })
  if (problems.length > before) return undefined
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    // An alias to an anchor not set before it, or too many aliases.
    problems.push(
      `${input}: is not valid YAML (${error instanceof Error ? error.name : 'error'} in an alias '*...'); write the values out instead of using aliases`,
    )
    return undefined
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** YAML's words for no value (the core schema's null), which the failsafe schema leaves as text. */
const NULL_WORDS = ['', '~', 'null', 'Null', 'NULL']

/**
 * The value of a key, or undefined when the key is missing or has no value: empty, `~` or null (what a
 * `${{ secrets.X }}` that does not exist becomes is an empty value).
 */
export function given(v: unknown): unknown {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string' && NULL_WORDS.includes(v.trim())) return undefined
  return v
}

/** A boolean written as the core schema's words (true, True, TRUE, false, False, FALSE); undefined otherwise. */
export function yamlBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (typeof v !== 'string') return undefined
  if (['true', 'True', 'TRUE'].includes(v.trim())) return true
  if (['false', 'False', 'FALSE'].includes(v.trim())) return false
  return undefined
}

/** A whole number written in decimal digits; undefined otherwise. */
export function yamlInteger(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v.trim())) return undefined
  return Number(v.trim())
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
