// AWS failures → one sentence that says which call on which resource failed and what to do.
import { parentDomainAdvice } from '../custom-domain.js'

/** A failed Cognito call; `message` is ready to show the user. */
export class AwsCallError extends Error {
  readonly code: string
  /** Whether running the action again, unchanged, can get further (a transient failure). */
  readonly rerunHelps: boolean
  constructor(
    readonly operation: string,
    readonly resource: string,
    readonly original: unknown,
  ) {
    const code = original instanceof Error ? original.name : 'Error'
    const detail = original instanceof Error ? original.message : textOf(original)
    const hint = advice(operation, code, original, resource)
    super(`${operation} on ${resource} failed: ${code}: ${detail.replace(/[.\s]+$/, '')}. ${hint}`.trim())
    this.name = 'AwsCallError'
    this.code = code
    this.rerunHelps = hint.startsWith('Running the action again') || hint.startsWith('The Cognito endpoint') || code === 'TooManyRequestsException'
  }
}

function advice(operation: string, code: string, original: unknown, resource: string): string {
  switch (code) {
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `Allow cognito-idp:${operation} in the IAM policy of the role this step runs as (docs/iam.md in cognito-sso-action's repository lists the policy of each mode).`
    case 'CredentialsProviderError':
      return 'No AWS credentials were found: run aws-actions/configure-aws-credentials before this step (with id-token: write for OIDC).'
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'NotAuthorizedException':
      return 'The AWS credentials were refused: check that the role can be assumed and the session has not expired.'
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return "Cognito's request quota for this account and region is exhausted even after retries; run again later, or ask AWS for a higher quota."
    case 'InvalidParameterException':
      if (operation === 'CreateUserPoolDomain' && /parent domain/i.test(original instanceof Error ? original.message : '')) {
        return parentDomainAdvice(/'([^']+)'/.exec(resource)?.[1] ?? '')
      }
      return 'Cognito refused the request; the message above says which setting.'
    case 'ResourceNotFoundException':
      return 'It does not exist in this account and region: check region and user-pool-id.'
    case 'ScopeDoesNotExistException':
      return 'oauth-scopes names a scope no resource server of the pool defines: declare it in resource-servers or remove it; running again unchanged fails the same way.'
    case 'UnsupportedIdentityProviderException':
      return 'identity-providers names a provider the pool does not have: declare it in federated-providers or remove it; running again unchanged fails the same way.'
    case 'DuplicateProviderException':
      return 'A provider with this name already exists in the pool (or shares one of its identifiers): rename it in federated-providers.'
    case 'InvalidOAuthFlowException':
      return 'The OAuth settings do not fit together (oauth-flows, oauth-scopes, callback-urls, client-type): fix the inputs; running again unchanged fails the same way.'
    case 'InternalErrorException':
    case 'ConcurrentModificationException':
      return 'Running the action again continues from where this run stopped.'
    default:
      break
  }
  const errno = (original as { code?: unknown } | undefined)?.code
  if (typeof errno === 'string' && /^E[A-Z_]+$/.test(errno)) {
    return 'The Cognito endpoint could not be reached: check the region and, if set, AWS_ENDPOINT_URL.'
  }
  const status = (original as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return 'Cognito refused the request itself: running again with the same inputs fails the same way; fix what the message above names first.'
  }
  return 'Running the action again continues from where this run stopped.'
}

/** user-pool-id names a pool that does not exist. */
export class PoolNotFoundError extends Error {
  constructor(userPoolId: string, region: string) {
    super(
      `user-pool-id: no user pool '${userPoolId}' in ${region}; check the ID and the region, ` +
        'or leave user-pool-id empty to find or create the pool by pool-name',
    )
    this.name = 'PoolNotFoundError'
  }
}

/** Any thrown value as text: an Error's message, a string as it is, anything else as JSON. */
export function textOf(value: unknown): string {
  if (value instanceof Error) return value.message || value.name
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
