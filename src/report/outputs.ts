// Where a pool's SSO endpoints live, the action's output names and values. Pure.
import type { Runtime } from '../inputs/runtime.js'
import type { Desired } from '../model/types.js'
import { openMetadataEnv } from './openmetadata.js'

/** Every output of the action, once (action.yml declares the same list; a metadata test checks it). */
export const OUTPUT_NAMES = [
  'user-pool-id',
  'user-pool-arn',
  'client-id',
  'client-secret',
  'domain',
  'hosted-ui-url',
  'cloudfront-domain',
  'issuer',
  'jwks-uri',
  'changed',
  'plan',
  'openmetadata-env',
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

/** Outputs that carry the pool or client ID, and so are masked with mask-outputs. */
export const SECRET_OUTPUTS: readonly OutputName[] = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri', 'openmetadata-env']

export interface Endpoints {
  /** `https://cognito-idp.<region>.amazonaws.com`: the issuer is this plus `/<pool-id>`. */
  issuerBase: string
  /** The hosted UI's base URL for a domain prefix. */
  hostedUi: (domain: string) => string
}

/**
 * AWS's endpoints for a region. `overrides` point them elsewhere (a local Cognito in tests):
 * COGNITO_SSO_ISSUER_BASE_URL, and COGNITO_SSO_HOSTED_UI_URL with `{domain}` where the prefix goes.
 */
export function endpointsFor(region: string, overrides: { issuerBase?: string; hostedUiTemplate?: string } = {}): Endpoints {
  const suffix = region.startsWith('cn-') ? '.cn' : ''
  const issuerBase = trimSlash(overrides.issuerBase || `https://cognito-idp.${region}.amazonaws.com${suffix}`)
  const template = overrides.hostedUiTemplate || `https://{domain}.auth.${region}.amazoncognito.com${suffix}`
  // A custom domain (a name with a dot) is its own host, unless the override points elsewhere.
  const hostedUi = (domain: string): string =>
    domain.includes('.') && !overrides.hostedUiTemplate ? `https://${domain}` : trimSlash(template.replaceAll('{domain}', domain))
  return { issuerBase, hostedUi }
}

export interface OutputIds {
  userPoolId?: string
  userPoolArn?: string
  clientId?: string
  /** A custom domain's CloudFront target: the `cloudfront-domain` output. */
  cloudFrontDomain?: string
}

/** The action's outputs; an ID that does not exist (plan mode, before creation) is left out. */
export function outputValues(endpoints: Endpoints, domain: string, ids: OutputIds): Record<string, string> {
  const out: Record<string, string> = {}
  if (ids.userPoolId) {
    const issuer = `${endpoints.issuerBase}/${ids.userPoolId}`
    out['user-pool-id'] = ids.userPoolId
    out.issuer = issuer
    out['jwks-uri'] = `${issuer}/.well-known/jwks.json`
  }
  if (ids.userPoolArn) out['user-pool-arn'] = ids.userPoolArn
  if (ids.clientId) out['client-id'] = ids.clientId
  out.domain = domain
  out['hosted-ui-url'] = endpoints.hostedUi(domain)
  // Empty for a prefix domain (and for a custom domain in plan mode before it exists).
  out['cloudfront-domain'] = ids.cloudFrontDomain ?? ''
  return out
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/** Every output of a run (openmetadata-env with openmetadata-url); the client secret is set apart. */
export function runOutputs(
  desired: Pick<Desired, 'region' | 'domain' | 'openmetadataUrl' | 'inviteUsers'>,
  runtime: Pick<Runtime, 'issuerBase' | 'hostedUiTemplate'>,
  ids: OutputIds,
): Record<string, string> {
  const endpoints = endpointsFor(desired.region, { issuerBase: runtime.issuerBase, hostedUiTemplate: runtime.hostedUiTemplate })
  const outputs = outputValues(endpoints, desired.domain, ids)
  if (desired.openmetadataUrl && outputs.issuer && outputs['client-id']) {
    outputs['openmetadata-env'] = openMetadataEnv({
      issuer: outputs.issuer,
      clientId: outputs['client-id'],
      openmetadataUrl: desired.openmetadataUrl,
      ...(desired.inviteUsers ? { admins: desired.inviteUsers } : {}),
    })
  }
  return outputs
}
