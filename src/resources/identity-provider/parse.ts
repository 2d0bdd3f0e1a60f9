// federated-providers: a YAML list of identity providers → typed desired state, every problem named
// with its input. Pure except for reading a SAML metadata-file from the repository (ctx.readFile).
//
// The document is read with the failsafe schema (inputs/yaml.ts): every value is the text written, so
// client IDs, key IDs and secrets reach AWS exactly. A key with no value (empty, `~`, null: what a
// `${{ secrets.X }}` that does not exist becomes) counts as missing, and a secret given so is refused.
import { FileRefused } from '../../inputs/files.js'
import { providerNameProblem } from '../../inputs/names.js'
import type { ReadFile } from '../../inputs/types.js'
import { quoteUrl, urlProblems } from '../../inputs/urls.js'
import { given, isRecord, scalar, stringList, yamlList } from '../../inputs/yaml.js'
import type { DesiredProvider } from '../../model/types.js'
import { isSamlMetadata } from '../../util/saml.js'
import { codes, quote as q } from '../../util/text.js'

/** A ProviderDetails value is the model's StringType: at most 131,072 characters (MetadataFile included). */
export const PROVIDER_DETAIL_MAX = 131_072
/** Names Cognito keeps for itself or for the social providers (case-insensitive). */
const RESERVED_NAMES = ['cognito']
const SOCIAL: Record<string, { type: string; name: string }> = {
  google: { type: 'Google', name: 'Google' },
  facebook: { type: 'Facebook', name: 'Facebook' },
  apple: { type: 'SignInWithApple', name: 'SignInWithApple' },
  amazon: { type: 'LoginWithAmazon', name: 'LoginWithAmazon' },
}
/** IdpIdentifiersListType: at most 50; each an IdpIdentifierType. */
const MAX_IDENTIFIERS = 50
/** AttributeMappingKeyType: 1–32 characters (a pool attribute's name). */
export const MAPPING_KEY_MAX = 32
/** IdpIdentifierType: 1–40 characters of the Java pattern [\w\s+=.@-]+ (ASCII \w; of \s only the space here, as for names). */
export const IDENTIFIER_MAX = 40
const IDENTIFIER_CHAR = /[A-Za-z0-9_ +=.@-]/

/** Why an IdP identifier breaks IdpIdentifierType, or undefined. */
export function identifierProblem(id: string): string | undefined {
  if (id === '') return 'is empty; Cognito needs 1–40 characters (IdpIdentifierType); remove it or give the e-mail domain, e.g. example.com'
  if (id.length > IDENTIFIER_MAX) {
    return `is ${id.length} characters long; Cognito allows at most ${IDENTIFIER_MAX} (IdpIdentifierType); use the e-mail domain or a short name, e.g. example.com`
  }
  const bad = [...new Set([...id].filter((ch) => !IDENTIFIER_CHAR.test(ch)))]
  if (bad.length === 0) return undefined
  const shown = bad.map((ch) => (/[\x21-\x7e]/.test(ch) ? q(ch) : `${q(ch)} ${codes([ch])}`)).join(', ')
  return `contains characters Cognito does not allow in an identifier (${shown}); use only letters, digits, spaces, _ and + = . @ - (IdpIdentifierType), e.g. example.com`
}

/** A long value cut for a message. */
const shorten = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}…` : value)
const TYPES = ['saml', 'oidc', ...Object.keys(SOCIAL)]
const SECRET_DETAIL_KEYS = ['client_secret', 'private_key']

/** The keys each entry may have, per type, and the ProviderDetails key each becomes. */
const DETAIL_KEYS: Record<string, Record<string, string>> = {
  saml: { 'metadata-url': 'MetadataURL', 'metadata-file': 'MetadataFile', 'sign-out-flow': 'IDPSignout', 'idp-initiated': 'IDPInit' },
  oidc: {
    issuer: 'oidc_issuer',
    'client-id': 'client_id',
    'client-secret': 'client_secret',
    scopes: 'authorize_scopes',
    'attributes-request-method': 'attributes_request_method',
  },
  google: { 'client-id': 'client_id', 'client-secret': 'client_secret', scopes: 'authorize_scopes' },
  facebook: { 'client-id': 'client_id', 'client-secret': 'client_secret', scopes: 'authorize_scopes', 'api-version': 'api_version' },
  amazon: { 'client-id': 'client_id', 'client-secret': 'client_secret', scopes: 'authorize_scopes' },
  apple: { 'client-id': 'client_id', 'team-id': 'team_id', 'key-id': 'key_id', 'private-key': 'private_key', scopes: 'authorize_scopes' },
}
const REQUIRED: Record<string, string[]> = {
  oidc: ['issuer', 'client-id', 'scopes'],
  google: ['client-id', 'client-secret', 'scopes'],
  facebook: ['client-id', 'client-secret', 'scopes'],
  amazon: ['client-id', 'client-secret', 'scopes'],
  apple: ['client-id', 'team-id', 'key-id', 'private-key', 'scopes'],
}
const COMMON_KEYS = ['name', 'type', 'attribute-mapping', 'identifiers']

/** The keys that hold secrets, in the input's words. */
const SECRET_KEYS = ['client-secret', 'private-key']

/** What a secret key should look like in a workflow, for messages. */
const secretExample = (key: string, name: string): string =>
  `${key}: \${{ secrets.${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${key.toUpperCase().replace(/-/g, '_')} }}`

/**
 * `localEndpoints`: the test-only switch (COGNITO_SSO_ISSUER_BASE_URL set) under which an issuer or a
 * metadata URL may be http:// on a loopback host (a fake IdP); never otherwise.
 */
export function parseFederatedProviders(raw: string, readFile: ReadFile, problems: string[], localEndpoints = false): DesiredProvider[] {
  if (raw === '') return []
  const doc = yamlList('federated-providers', raw, problems, "must be a YAML list of providers, each starting with '- name: ...'")
  if (doc === undefined) return []
  const out: DesiredProvider[] = []
  const seen = new Set<string>()
  doc.forEach((entry, i) => {
    const at = `federated-providers: item ${i + 1}`
    if (!isRecord(entry)) {
      problems.push(`${at} is not a mapping; give name, type and the type's details`)
      return
    }
    const typeWord = scalar(given(entry.type))?.toLowerCase() ?? ''
    if (!TYPES.includes(typeWord)) {
      problems.push(`${at}: type ${q(scalar(entry.type) ?? '')} is not one of ${TYPES.join(', ')}`)
      return
    }
    const social = SOCIAL[typeWord]
    const name = scalar(given(entry.name)) ?? social?.name ?? ''
    const label = `${at} (${q(name)})`
    if (social && name !== social.name) {
      problems.push(`${label}: a ${typeWord} provider is always named ${q(social.name)} in Cognito; set name: ${social.name} or leave name out`)
    } else if (!social) {
      const why = name === '' ? undefined : providerNameProblem(name)
      if (name === '') problems.push(`${at}: name is required; give the provider's name, e.g. name: Okta`)
      else if (why !== undefined) problems.push(`${label}: name ${why} (the API model's ProviderNameTypeV2); e.g. name: Okta`)
      else if (RESERVED_NAMES.includes(name.toLowerCase()) || Object.values(SOCIAL).some((s) => s.name.toLowerCase() === name.toLowerCase())) {
        problems.push(`${label}: the name is reserved by Cognito (COGNITO and the social provider names); choose another, e.g. name: ${name}-sso`)
      }
    }
    if (seen.has(name)) problems.push(`${label}: the name appears more than once; each provider must have its own name`)
    seen.add(name)

    const allowed = DETAIL_KEYS[typeWord] ?? {}
    for (const key of Object.keys(entry)) {
      if (!COMMON_KEYS.includes(key) && !(key in allowed)) {
        problems.push(`${label}: unknown key ${q(key)} for type ${typeWord}; allowed: ${[...COMMON_KEYS, ...Object.keys(allowed)].join(', ')}`)
      }
    }
    const details: Record<string, string> = {}
    for (const [key, member] of Object.entries(allowed)) {
      const value = given(entry[key])
      if (value === undefined) {
        if (key in entry && SECRET_KEYS.includes(key)) {
          problems.push(`${label}: ${key} is empty (a secrets.X that does not exist becomes an empty value); set the secret, e.g. ${secretExample(key, name)}`)
        }
        continue
      }
      const text = key === 'scopes' ? stringList(value)?.join(' ') : scalar(value)
      if (text === undefined || text === '') {
        problems.push(`${label}: ${key} must be a non-empty ${key === 'scopes' ? 'list of scopes' : 'string'}`)
        continue
      }
      details[member] = text
    }
    for (const key of REQUIRED[typeWord] ?? []) {
      if (given(entry[key]) === undefined && !(SECRET_KEYS.includes(key) && key in entry)) problems.push(`${label}: ${key} is required for type ${typeWord}`)
    }
    if (typeWord === 'saml') samlDetails(label, details, readFile, problems, localEndpoints)
    if (typeWord === 'oidc') {
      const method = details.attributes_request_method ?? 'GET'
      if (!['GET', 'POST'].includes(method)) problems.push(`${label}: attributes-request-method must be GET or POST`)
      details.attributes_request_method = method
      const issuer = details.oidc_issuer
      if (issuer !== undefined) {
        for (const problem of urlProblems(issuer, { use: 'issuer', localEndpoints })) problems.push(`${label}: issuer ${quoteUrl(issuer)} ${problem}`)
      }
    }

    const attributeMapping: Record<string, string> = {}
    if (given(entry['attribute-mapping']) !== undefined) {
      const m = given(entry['attribute-mapping'])
      if (!isRecord(m)) problems.push(`${label}: attribute-mapping must be a mapping of pool attribute to provider attribute, e.g. email: email`)
      else {
        for (const [k, v] of Object.entries(m)) {
          const text = scalar(v)
          if (k.length > MAPPING_KEY_MAX) {
            problems.push(
              `${label}: attribute-mapping key ${q(shorten(k))} is ${k.length} characters long; Cognito allows pool attribute names of at most ${MAPPING_KEY_MAX} (AttributeMappingKeyType); use the pool attribute's name, e.g. email or custom:department`,
            )
          } else if (!text) problems.push(`${label}: attribute-mapping ${q(k)} must map to a provider attribute name`)
          else if (text.length > PROVIDER_DETAIL_MAX) {
            problems.push(
              `${label}: attribute-mapping ${q(k)} maps to a provider attribute of ${text.length} characters; Cognito allows at most ${PROVIDER_DETAIL_MAX}`,
            )
          } else attributeMapping[k] = text
        }
      }
    }
    let identifiers: string[] | undefined
    if (given(entry.identifiers) !== undefined) {
      identifiers = stringList(entry.identifiers)
      if (identifiers === undefined) problems.push(`${label}: identifiers must be a list of e-mail domains or names, e.g. [example.com]`)
      else {
        if (identifiers.length > MAX_IDENTIFIERS) problems.push(`${label}: identifiers lists ${identifiers.length}; Cognito allows at most ${MAX_IDENTIFIERS}`)
        for (const id of identifiers) {
          const why = identifierProblem(id)
          if (why) problems.push(`${label}: identifier ${q(shorten(id))} ${why}`)
        }
      }
    }
    out.push({
      name,
      type: social?.type ?? (typeWord === 'saml' ? 'SAML' : 'OIDC'),
      details,
      secretKeys: Object.keys(details).filter((k) => SECRET_DETAIL_KEYS.includes(k)),
      attributeMapping,
      ...(identifiers ? { identifiers } : {}),
    })
  })
  return out
}

function samlDetails(label: string, details: Record<string, string>, readFile: ReadFile, problems: string[], localEndpoints: boolean): void {
  const url = details.MetadataURL
  const file = details.MetadataFile
  if ((url === undefined) === (file === undefined)) {
    problems.push(`${label}: give exactly one of metadata-url (the IdP's metadata URL) or metadata-file (a path in the repository)`)
  }
  if (url !== undefined) {
    for (const problem of urlProblems(url, { use: 'metadata', localEndpoints })) problems.push(`${label}: metadata-url ${quoteUrl(url)} ${problem}`)
  }
  if (file !== undefined) {
    delete details.MetadataFile
    try {
      const text = readFile(file, { maxChars: PROVIDER_DETAIL_MAX, limitName: 'a ProviderDetails value' })
      if (!isSamlMetadata(text)) problems.push(`${label}: metadata-file ${q(file)} is not SAML metadata (no EntityDescriptor)`)
      else details.MetadataFile = text
    } catch (error) {
      const why =
        error instanceof FileRefused ? error.message : 'cannot be read; check the path (relative to the repository root) and that actions/checkout ran'
      problems.push(`${label}: metadata-file ${q(file)} ${why}`)
    }
  }
  for (const [member, key] of [
    ['IDPSignout', 'sign-out-flow'],
    ['IDPInit', 'idp-initiated'],
  ] as const) {
    const v = details[member]
    if (v === undefined) continue
    if (!['true', 'false'].includes(v.toLowerCase())) problems.push(`${label}: ${key} must be true or false`)
    details[member] = v.toLowerCase()
  }
}
