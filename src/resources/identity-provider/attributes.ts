// Which pool attributes an identity provider's attribute-mapping may name (the keys): AWS refuses a
// mapping to an attribute the pool does not have ("AttributeMapping contains invalid mapping: [custom:x]",
// InvalidParameterException at CreateIdentityProvider / UpdateIdentityProvider: aws/aws-cli#9729). Pure.
import type { ObservedPool } from '../../model/types.js'
import { quote as q } from '../../util/text.js'

/**
 * The standard attributes a provider may map to: every standard attribute of a pool's schema except `sub`
 * (Cognito's own, immutable: "The mapped user pool attributes must be mutable") and `identities` (Cognito
 * writes the linked providers there), plus `username`, which Cognito fills from the provider's subject
 * (AWSB-084) and which a mapping may name. Sources: the AWS page "Specifying identity provider attribute
 * mappings for your user pool" (cognito-user-pools-specifying-attribute-mapping.html), the standard
 * attributes of "Working with user attributes", and the CDK's `AttributeMapping` (the same list:
 * address … website, email_verified).
 */
export const MAPPABLE_STANDARD = [
  'username',
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
] as const

const isCustom = (key: string): boolean => key.startsWith('custom:') || key.startsWith('dev:')

/** The mapping keys this pool accepts: the standard ones and the custom (custom:, dev:) attributes of its schema. */
export function mappableKeys(pool: Pick<ObservedPool, 'schema'> | undefined): string[] {
  return [...MAPPABLE_STANDARD, ...(pool?.schema ?? []).map((a) => a.name).filter(isCustom)]
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    row = next
  }
  return row[b.length] ?? 0
}

/** The closest accepted key, when it is close enough to be a typo. */
export function closest(key: string, accepted: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of accepted) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined
}

/**
 * The problems of one provider's declared mapping keys against the pool (`pool` undefined: the pool this
 * run creates, which has the standard attributes only). `kept`: keys the provider already maps (AWS
 * accepted them), not checked again.
 */
export function mappingProblems(
  label: string,
  mapping: Record<string, string>,
  pool: Pick<ObservedPool, 'schema'> | undefined,
  kept: Record<string, string> = {},
): string[] {
  const accepted = mappableKeys(pool)
  const problems: string[] = []
  for (const key of Object.keys(mapping)) {
    if (accepted.includes(key) || key in kept) continue
    const near = closest(key, accepted)
    const rule = `Cognito maps only to attributes the pool has ("AttributeMapping contains invalid mapping")`
    if (isCustom(key)) {
      const where =
        pool === undefined ? 'the pool this run creates has no custom attributes (the action does not create them)' : 'the pool has no such custom attribute'
      problems.push(
        `${label}: attribute-mapping ${q(key)}: ${where}; ${rule}. ` +
          (near !== undefined && near !== key ? `Did you mean ${q(near)}? ` : '') +
          `Add the custom attribute to the pool first (console, or aws cognito-idp add-custom-attributes --user-pool-id … --custom-attributes Name=${key.replace(/^(dev:)?custom:/, '')},AttributeDataType=String), then run again; or remove the mapping`,
      )
    } else {
      problems.push(
        `${label}: attribute-mapping ${q(key)} is not an attribute of the pool; ${rule}. ` +
          (near !== undefined ? `Did you mean ${q(near)}? ` : '') +
          `Map to a standard attribute (${MAPPABLE_STANDARD.join(', ')}) or to custom:<name> of a custom attribute the pool has`,
      )
    }
  }
  return problems
}
