// federated-providers, resource-servers, client-type and allow-client-replacement: raw input strings →
// typed desired state, every problem named with its input. Pure except for reading a SAML
// metadata-file from the repository, through the injected `readFile`.
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { ClientType, DesiredProvider, DesiredResourceServer } from '../types.js'

export type ReadFile = (path: string) => string

const q = (value: string): string => `'${value}'`

/** AWS: ProviderName 1–32 characters of [^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+ (SAML/OIDC). */
const PROVIDER_NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u
const PROVIDER_NAME_MAX = 32
/** Names Cognito keeps for itself or for the social providers (case-insensitive). */
const RESERVED_NAMES = ['cognito']
const SOCIAL: Record<string, { type: string; name: string }> = {
  google: { type: 'Google', name: 'Google' },
  facebook: { type: 'Facebook', name: 'Facebook' },
  apple: { type: 'SignInWithApple', name: 'SignInWithApple' },
  amazon: { type: 'LoginWithAmazon', name: 'LoginWithAmazon' },
}
const TYPES = ['saml', 'oidc', ...Object.keys(SOCIAL)]
const SECRET_DETAIL_KEYS = ['client_secret', 'private_key']
const RESOURCE_SERVER_ID = /^[\x21\x23-\x5B\x5D-\x7E]+$/
const RESOURCE_SERVER_NAME = /^[\w\s+=,.@-]+$/
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/
const MAX_RESOURCE_SERVER_SCOPES = 100
const MAX_IDENTIFIERS = 50

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

/** Parses one YAML input; the parser's own message quotes the text (and any secret in it), so only its position is kept. */
function yamlOf(input: string, raw: string, problems: string[]): unknown {
  try {
    return parseYaml(raw, { prettyErrors: false, uniqueKeys: true })
  } catch (error) {
    const at = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : ''
    const code = error instanceof YAMLParseError ? ` (${error.code})` : ''
    problems.push(`${input}: is not valid YAML${at}${code}; give a YAML list, e.g. '- name: Okta' on its first line`)
    return undefined
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean)
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x) => x.trim()).filter(Boolean)
  return undefined
}

export function parseFederatedProviders(raw: string, readFile: ReadFile, problems: string[]): DesiredProvider[] {
  if (raw === '') return []
  const doc = yamlOf('federated-providers', raw, problems)
  if (doc === undefined) return []
  if (!Array.isArray(doc)) {
    problems.push("federated-providers: must be a YAML list of providers, each starting with '- name: ...'")
    return []
  }
  const out: DesiredProvider[] = []
  const seen = new Set<string>()
  doc.forEach((entry, i) => {
    const at = `federated-providers: item ${i + 1}`
    if (!isRecord(entry)) {
      problems.push(`${at} is not a mapping; give name, type and the type's details`)
      return
    }
    const typeWord = scalar(entry.type)?.toLowerCase() ?? ''
    if (!TYPES.includes(typeWord)) {
      problems.push(`${at}: type ${q(scalar(entry.type) ?? '')} is not one of ${TYPES.join(', ')}`)
      return
    }
    const social = SOCIAL[typeWord]
    const name = scalar(entry.name) ?? social?.name ?? ''
    const label = `${at} (${q(name)})`
    if (social && name !== social.name) {
      problems.push(`${label}: a ${typeWord} provider is always named ${q(social.name)} in Cognito; set name: ${social.name} or leave name out`)
    } else if (!social) {
      if (name === '') problems.push(`${at}: name is required; give the provider's name, e.g. name: Okta`)
      else if (name.length > PROVIDER_NAME_MAX || !PROVIDER_NAME.test(name)) {
        problems.push(
          `${label}: name must be 3–${PROVIDER_NAME_MAX} characters without spaces or underscores (Cognito's rule for provider names); e.g. name: Okta`,
        )
      } else if (RESERVED_NAMES.includes(name.toLowerCase()) || Object.values(SOCIAL).some((s) => s.name.toLowerCase() === name.toLowerCase())) {
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
      const value = entry[key]
      if (value === undefined || value === null) continue
      const text = key === 'scopes' ? stringList(value)?.join(' ') : scalar(value)
      if (text === undefined || text === '') {
        problems.push(`${label}: ${key} must be a non-empty ${key === 'scopes' ? 'list of scopes' : 'string'}`)
        continue
      }
      details[member] = text
    }
    for (const key of REQUIRED[typeWord] ?? []) {
      if (details[allowed[key] ?? ''] === undefined && entry[key] === undefined) problems.push(`${label}: ${key} is required for type ${typeWord}`)
    }
    if (typeWord === 'saml') samlDetails(label, details, readFile, problems)
    if (typeWord === 'oidc') {
      const method = details.attributes_request_method ?? 'GET'
      if (!['GET', 'POST'].includes(method)) problems.push(`${label}: attributes-request-method must be GET or POST`)
      details.attributes_request_method = method
      const issuer = details.oidc_issuer
      if (issuer !== undefined && !/^https:\/\/[^\s]+$/.test(issuer) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(issuer)) {
        problems.push(`${label}: issuer ${q(issuer)} must be an https URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0`)
      }
    }

    const attributeMapping: Record<string, string> = {}
    if (entry['attribute-mapping'] !== undefined) {
      const m = entry['attribute-mapping']
      if (!isRecord(m)) problems.push(`${label}: attribute-mapping must be a mapping of pool attribute to provider attribute, e.g. email: email`)
      else {
        for (const [k, v] of Object.entries(m)) {
          const text = scalar(v)
          if (!text) problems.push(`${label}: attribute-mapping ${q(k)} must map to a provider attribute name`)
          else attributeMapping[k] = text
        }
      }
    }
    let identifiers: string[] | undefined
    if (entry.identifiers !== undefined) {
      identifiers = stringList(entry.identifiers)
      if (identifiers === undefined) problems.push(`${label}: identifiers must be a list of e-mail domains or names, e.g. [example.com]`)
      else if (identifiers.length > MAX_IDENTIFIERS)
        problems.push(`${label}: identifiers lists ${identifiers.length}; Cognito allows at most ${MAX_IDENTIFIERS}`)
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

function samlDetails(label: string, details: Record<string, string>, readFile: ReadFile, problems: string[]): void {
  const url = details.MetadataURL
  const file = details.MetadataFile
  if ((url === undefined) === (file === undefined)) {
    problems.push(`${label}: give exactly one of metadata-url (the IdP's metadata URL) or metadata-file (a path in the repository)`)
  }
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) problems.push(`${label}: metadata-url ${q(url)} must be an http(s) URL`)
  if (file !== undefined) {
    if (file.startsWith('/') || file.split('/').includes('..')) {
      problems.push(`${label}: metadata-file ${q(file)} must be a path inside the repository (relative, without ..)`)
    } else {
      try {
        const text = readFile(file)
        if (!/<(\w+:)?EntityDescriptor[\s>]/.test(text)) problems.push(`${label}: metadata-file ${q(file)} is not SAML metadata (no EntityDescriptor)`)
        details.MetadataFile = text
      } catch {
        problems.push(`${label}: metadata-file ${q(file)} cannot be read; check the path (relative to the repository root) and that actions/checkout ran`)
      }
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

export function parseResourceServers(raw: string, problems: string[]): DesiredResourceServer[] {
  if (raw === '') return []
  const doc = yamlOf('resource-servers', raw, problems)
  if (doc === undefined) return []
  if (!Array.isArray(doc)) {
    problems.push("resource-servers: must be a YAML list, each entry starting with '- identifier: ...'")
    return []
  }
  const out: DesiredResourceServer[] = []
  doc.forEach((entry, i) => {
    const at = `resource-servers: item ${i + 1}`
    if (!isRecord(entry)) {
      problems.push(`${at} is not a mapping; give identifier, name and scopes`)
      return
    }
    const identifier = scalar(entry.identifier) ?? ''
    const name = scalar(entry.name) ?? identifier
    if (identifier === '' || identifier.length > 256 || !RESOURCE_SERVER_ID.test(identifier)) {
      problems.push(`${at}: identifier ${q(identifier)} must be 1–256 printable characters without spaces, " or \\, e.g. identifier: api`)
    }
    if (out.some((s) => s.identifier === identifier)) problems.push(`${at}: identifier ${q(identifier)} appears more than once`)
    if (name.length > 256 || !RESOURCE_SERVER_NAME.test(name)) problems.push(`${at}: name ${q(name)} must be 1–256 letters, digits, spaces or _ + = , . @ -`)
    const scopes: { name: string; description: string }[] = []
    const rawScopes = entry.scopes ?? []
    if (!Array.isArray(rawScopes)) problems.push(`${at}: scopes must be a list of '- name: read' entries with a description`)
    else {
      rawScopes.forEach((s, j) => {
        const scope = isRecord(s)
          ? { name: scalar(s.name) ?? '', description: scalar(s.description) ?? scalar(s.name) ?? '' }
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

export function parseClientType(raw: string, problems: string[]): ClientType | undefined {
  if (raw === '') return undefined
  if (raw === 'public' || raw === 'confidential') return raw
  problems.push(`client-type: ${q(raw)} is not one of public, confidential (or leave it empty to keep the client as it is)`)
  return undefined
}
