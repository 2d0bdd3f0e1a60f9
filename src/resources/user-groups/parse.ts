// user-groups: a YAML list of groups (name, description, precedence; `remove: true` lists one for
// deletion) → typed desired state, every problem named with its input. Pure.
import { given, isRecord, scalar, yamlBoolean, yamlInteger, yamlList } from '../../inputs/yaml.js'
import type { DesiredGroup } from '../../model/types.js'
import { quote } from '../../util/text.js'

/** AWS's GroupNameType: 1–128 characters of [\p{L}\p{M}\p{S}\p{N}\p{P}] (no spaces, no control characters). */
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u
const GROUP_NAME_MAX = 128
/** AWS's DescriptionType: at most 2048 characters. */
const DESCRIPTION_MAX = 2048
/** AWS's PrecedenceType: a non-negative integer (an Int32 on the wire). */
const PRECEDENCE_MAX = 2 ** 31 - 1
const KEYS = ['name', 'description', 'precedence', 'remove']

export function parseUserGroups(raw: string, problems: string[]): DesiredGroup[] | undefined {
  if (raw.trim() === '') return undefined
  const doc = yamlList('user-groups', raw, problems, "must be a YAML list of groups, each starting with '- name: ...'", "'- name: admins'")
  if (doc === undefined) return undefined
  const before = problems.length
  const groups: DesiredGroup[] = []
  doc.forEach((entry, i) => {
    const at = `user-groups: item ${i + 1}`
    if (!isRecord(entry)) {
      problems.push(`${at} is not a mapping; give name, and description and/or precedence (or remove: true)`)
      return
    }
    const name = scalar(entry.name) ?? ''
    const label = `${at} (${quote(name)})`
    for (const key of Object.keys(entry)) if (!KEYS.includes(key)) problems.push(`${label}: unknown key ${quote(key)}; allowed: ${KEYS.join(', ')}`)
    if (name === '') problems.push(`${at}: name is required, e.g. name: admins`)
    else if (name.length > GROUP_NAME_MAX || !GROUP_NAME.test(name)) {
      problems.push(
        `${label}: name must be 1–${GROUP_NAME_MAX} letters, digits, marks, symbols or punctuation, without spaces or control characters (Cognito's rule for group names)`,
      )
    }
    if (groups.some((g) => g.name === name)) problems.push(`${label}: the name appears more than once; each group must have its own entry`)
    const group: DesiredGroup = { name }
    const remove = yamlBoolean(entry.remove)
    const description = given(entry.description)
    const precedence = given(entry.precedence)
    if (given(entry.remove) !== undefined) {
      if (remove === undefined) problems.push(`${label}: remove must be true or false`)
      else if (remove) {
        if (description !== undefined || precedence !== undefined) {
          problems.push(`${label}: a group listed for removal (remove: true) takes no description or precedence; remove them or remove: true`)
        }
        group.remove = true
      }
    }
    if (description !== undefined) {
      if (typeof description !== 'string') problems.push(`${label}: description must be a string`)
      else if (description.length > DESCRIPTION_MAX)
        problems.push(`${label}: description is ${description.length} characters long; Cognito allows at most ${DESCRIPTION_MAX}`)
      else if (/\p{Cc}/u.test(description.replace(/\n/g, ''))) problems.push(`${label}: description contains control characters; remove them`)
      else group.description = description
    }
    if (precedence !== undefined) {
      const p = yamlInteger(precedence)
      if (p === undefined || p < 0 || p > PRECEDENCE_MAX) {
        problems.push(`${label}: precedence must be a whole number from 0 (highest) to ${PRECEDENCE_MAX}, e.g. precedence: 10`)
      } else group.precedence = p
    }
    groups.push(group)
  })
  return problems.length > before ? undefined : groups
}
