// The OpenMetadata / Collate hand-off: the dotenv lines OpenMetadata's server reads
// (conf/openmetadata.yaml's AUTHENTICATION_* / AUTHORIZER_* variables) and the same as Helm values
// (openmetadata.config.authentication). Pure.
import { callbackUrlFor } from '../inputs/openmetadata.js'

export interface OpenMetadataValues {
  /** https://cognito-idp.<region>.amazonaws.com/<pool-id> */
  issuer: string
  clientId: string
  /** OpenMetadata's base URL, without a trailing slash. */
  openmetadataUrl: string
  /** invite-users: they become the authorizer's initial admins (AUTHORIZER_ADMIN_PRINCIPALS). */
  admins?: string[]
}

/**
 * The authorizer's lines from invite-users: AUTHORIZER_ADMIN_PRINCIPALS as openmetadata.yaml reads it
 * (a YAML flow list of principals, the part of each address before @), and AUTHORIZER_PRINCIPAL_DOMAIN,
 * the domain after @, only when every address shares one.
 */
export function authorizerLines(admins: string[] | undefined): [string, string][] {
  if (!admins?.length) return []
  const names = admins.map((a) => a.slice(0, a.lastIndexOf('@')))
  const domains = [...new Set(admins.map((a) => a.slice(a.lastIndexOf('@') + 1)))]
  return [
    ['AUTHORIZER_ADMIN_PRINCIPALS', `[${names.join(',')}]`],
    ...(domains.length === 1 ? [['AUTHORIZER_PRINCIPAL_DOMAIN', domains[0] ?? ''] as [string, string]] : []),
  ]
}

/** OpenMetadata's public keys: Cognito's JWKS, then OpenMetadata's own (bot tokens). */
export function publicKeys(v: OpenMetadataValues): string[] {
  return [`${v.issuer}/.well-known/jwks.json`, `${v.openmetadataUrl}/api/v1/system/config/jwks`]
}

/**
 * dotenv lines, as docker compose's env_file and OpenMetadata read them. AUTHENTICATION_PUBLIC_KEYS is
 * a JSON array (also a YAML flow sequence, which is how openmetadata.yaml substitutes it).
 */
export function openMetadataEnv(v: OpenMetadataValues): string {
  const lines: [string, string][] = [
    ['AUTHENTICATION_PROVIDER', 'aws-cognito'],
    ['AUTHENTICATION_PUBLIC_KEYS', JSON.stringify(publicKeys(v))],
    ['AUTHENTICATION_AUTHORITY', v.issuer],
    ['AUTHENTICATION_CLIENT_ID', v.clientId],
    ['AUTHENTICATION_CALLBACK_URL', callbackUrlFor(v.openmetadataUrl)],
    ...authorizerLines(v.admins),
  ]
  return lines.map(([k, value]) => `${k}=${value}`).join('\n')
}

/**
 * The same as Helm values for the openmetadata chart. `show` gives the text for a value by the output
 * that carries it, so that masked values appear as their output's name.
 */
export function openMetadataHelm(v: OpenMetadataValues, show: (output: 'issuer' | 'client-id' | 'jwks-uri', value: string) => string): string {
  const [jwks, own] = publicKeys(v)
  return [
    'openmetadata:',
    '  config:',
    '    authentication:',
    '      provider: aws-cognito',
    '      publicKeys:',
    `        - ${JSON.stringify(show('jwks-uri', jwks ?? ''))}`,
    `        - ${JSON.stringify(own ?? '')}`,
    `      authority: ${JSON.stringify(show('issuer', v.issuer))}`,
    `      clientId: ${JSON.stringify(show('client-id', v.clientId))}`,
    `      callbackUrl: ${JSON.stringify(callbackUrlFor(v.openmetadataUrl))}`,
  ].join('\n')
}
