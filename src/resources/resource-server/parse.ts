// resource-servers: a YAML list of resource servers (identifier, name, scopes) → typed desired state,
// every problem named with its input. Pure.
import { given, isRecord, scalar, yamlList } from '../../inputs/yaml.js'
import type { DesiredResourceServer } from '../../model/types.js'
import { namedCodes, quote as q } from '../../util/text.js'

const RESOURCE_SERVER_ID = /^[\x21\x23-\x5B\x5D-\x7E]+$/
// AWS's ResourceServerNameType [\w\s+=,.@-]+ is a Java pattern: \w and \s are ASCII (JS's \s also takes U+00A0, U+2028...).
const RESOURCE_SERVER_NAME = /^[A-Za-z0-9_ \t\n\v\f\r+=,.@-]+$/
const KEYS = ['identifier', 'name', 'scopes']
const SCOPE_KEYS = ['name', 'description']
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/
const MAX_RESOURCE_SERVER_SCOPES = 100

export function parseResourceServers(raw: string, problems: string[]): DesiredResourceServer[] {
  if (raw === '') return []
  const doc = yamlList('resource-servers', raw, problems, "must be a YAML list, each entry starting with '- identifier: ...'")
  if (doc === undefined) return []
  const out: DesiredResourceServer[] = []
  doc.forEach((entry, i) => {
    const at = `resource-servers: item ${i + 1}`
    if (!isRecord(entry)) {
      problems.push(`${at} is not a mapping; give identifier, name and scopes`)
      return
    }
    // A key the input does not know (a typo such as scope:, or YAML's merge key <<) is refused, never ignored.
    for (const key of Object.keys(entry)) if (!KEYS.includes(key)) problems.push(`${at}: unknown key ${q(key)}; allowed: ${KEYS.join(', ')}`)
    const identifier = scalar(given(entry.identifier)) ?? ''
    const name = scalar(given(entry.name)) ?? identifier
    if (identifier === '' || identifier.length > 256 || !RESOURCE_SERVER_ID.test(identifier)) {
      problems.push(`${at}: identifier ${q(identifier)} must be 1–256 printable characters without spaces, " or \\, e.g. identifier: api`)
    }
    if (out.some((s) => s.identifier === identifier)) problems.push(`${at}: identifier ${q(identifier)} appears more than once`)
    if (name.length > 256 || !RESOURCE_SERVER_NAME.test(name)) {
      const bad = [...new Set([...name].filter((ch) => !RESOURCE_SERVER_NAME.test(ch)))]
      const which = bad.length > 0 ? ` (not ${namedCodes(bad)})` : ''
      problems.push(`${at}: name ${q(name)} must be 1–256 letters, digits, spaces or _ + = , . @ -${which}`)
    }
    const scopes: { name: string; description: string }[] = []
    const rawScopes = given(entry.scopes) ?? []
    if (!Array.isArray(rawScopes)) problems.push(`${at}: scopes must be a list of '- name: read' entries with a description`)
    else {
      rawScopes.forEach((s, j) => {
        if (isRecord(s))
          for (const key of Object.keys(s))
            if (!SCOPE_KEYS.includes(key)) problems.push(`${at}: scope ${j + 1}: unknown key ${q(key)}; allowed: ${SCOPE_KEYS.join(', ')}`)
        const scope = isRecord(s)
          ? { name: scalar(given(s.name)) ?? '', description: scalar(given(s.description)) ?? scalar(given(s.name)) ?? '' }
          : { name: scalar(s) ?? '', description: scalar(s) ?? '' }
        if (scope.name === '' || scope.name.length > 256 || !SCOPE_NAME.test(scope.name)) {
          problems.push(`${at}: scope ${j + 1} ${q(scope.name)} must be 1–256 printable characters without spaces, /, " or \\`)
        }
        if (scope.description.length > 256) problems.push(`${at}: scope ${q(scope.name)} has a description over 256 characters`)
        scopes.push(scope)
      })
      if (scopes.length > MAX_RESOURCE_SERVER_SCOPES) problems.push(`${at}: ${scopes.length} scopes; Cognito allows at most ${MAX_RESOURCE_SERVER_SCOPES}`)
    }
    out.push({ identifier, name, scopes })
  })
  return out
}
