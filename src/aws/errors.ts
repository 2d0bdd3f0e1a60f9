// AWS failures → one sentence that says which call on which resource failed and what to do.
import { textOf, UserError } from '../model/errors.js'
import {
  APP_CLIENTS_PER_POOL,
  CUSTOM_DOMAINS_PER_ACCOUNT,
  DEFAULT_EMAILS_PER_DAY,
  GROUPS_PER_POOL,
  IDENTITY_PROVIDERS_PER_POOL,
  QUOTAS_PAGE,
  RESOURCE_SERVERS_PER_POOL,
  type CountQuota,
} from '../model/quotas.js'

/**
 * Error codes the SDK classifies as throttling that are Cognito's count limits: LimitExceededException
 * is in @smithy/core's THROTTLING_ERROR_CODES (retry/service-error-classification/constants.js, so the
 * SDK retries it and its adaptive mode slows the client down), but Cognito answers it when a count limit
 * is reached (resource servers, providers, clients, groups per pool; custom domains per account; the
 * default email's daily messages: "Quotas in Amazon Cognito"), which no retry gets past. Terraform does
 * not retry it either (internal/service/cognitoidp/service_package.go withExtraOptions). AWSB-200.
 */
export const COUNT_LIMIT_CODES: ReadonlySet<string> = new Set(['LimitExceededException'])

/** A failed Cognito call; `message` is ready to show the user. Resources see it as the port's AwsFailure. */
export class AwsCallError extends UserError {
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
      return "Cognito's request quota for this account and region is exhausted even after retries; run again later, or ask AWS for a higher quota."
    case 'LimitExceededException':
      return countLimitAdvice(operation, original instanceof Error ? original.message : '')
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
    case 'InvalidSmsRoleTrustRelationshipException':
    case 'InvalidSmsRoleAccessPolicyException':
      return (
        'Running the action again helps only if IAM was still propagating a new role (the action already waited about two minutes for it): ' +
        'otherwise fix the SNS role (sms-role-arn, or the one in the pool): its trust policy must let cognito-idp.amazonaws.com call sts:AssumeRole, ' +
        'and when it requires an external ID (sts:ExternalId, as the roles the Cognito console creates do), set sms-external-id to that value; ' +
        'its policy must allow sns:Publish.'
      )
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

/** The count limit each create meets, and how to stay under it (AWSB-200). */
const COUNT_LIMITS: Record<string, { quota: CountQuota; fix: string }> = {
  CreateResourceServer: {
    quota: RESOURCE_SERVERS_PER_POOL,
    fix: 'declare fewer resource servers in resource-servers (one server can define up to 100 scopes)',
  },
  CreateIdentityProvider: {
    quota: IDENTITY_PROVIDERS_PER_POOL,
    fix: 'declare fewer providers in federated-providers, or delete providers the pool no longer uses',
  },
  CreateUserPoolClient: { quota: APP_CLIENTS_PER_POOL, fix: 'delete app clients the pool no longer uses, or use an existing client-name' },
  CreateGroup: { quota: GROUPS_PER_POOL, fix: 'declare fewer groups in user-groups, or remove groups the pool no longer uses (remove: true)' },
  CreateUserPoolDomain: {
    quota: CUSTOM_DOMAINS_PER_ACCOUNT,
    fix: 'delete a custom domain the account no longer uses (every user pool of the account and region counts), use a prefix domain, or ask AWS Support for a higher limit',
  },
}

/**
 * LimitExceededException is a count limit, never throttling: no retry and no rerun gets past it
 * (Terraform's cognitoidp service_package.go withExtraOptions does not retry it either; AWSB-200).
 * Which limit depends on the operation: each create has one; AdminCreateUser's is the daily email limit
 * of Cognito's default email (AWSB-203).
 */
function countLimitAdvice(operation: string, message: string): string {
  const running = 'running again unchanged fails the same way'
  if (operation === 'AdminCreateUser' || /daily email limit/i.test(message)) {
    const q = DEFAULT_EMAILS_PER_DAY
    return (
      `Cognito's default email sends at most ${q.limit} messages a day per AWS account, not adjustable (${q.name}, ${QUOTAS_PAGE}): ` +
      `set email-sender: ses-identity=<SES identity ARN>, from=… to send through Amazon SES, or invite the rest after 00:00 UTC.`
    )
  }
  const known = COUNT_LIMITS[operation]
  if (known) {
    const { quota, fix } = known
    return `This is Cognito's limit of ${quota.limit.toLocaleString('en-US')} ${quota.what} (${quota.name}, ${QUOTAS_PAGE}), not throttling: ${fix}; ${running}.`
  }
  return `This is one of Cognito's count limits (${QUOTAS_PAGE}), not throttling: the message above names it; ${running} until fewer are used or AWS raises the limit.`
}

/** A 200 answer without the member the operation promises: never read as "nothing exists". */
export class ShapeError extends Error {
  constructor(operation: string, member: string) {
    super(`AWS answered ${operation} without ${member}`)
    this.name = 'ShapeError'
  }
}

/** A create whose request may have reached AWS and whose answer was lost. */
export class OutcomeUnknownError extends Error {
  // Not `cause`: the SDK's retry classification follows `cause` and would retry the create anyway.
  constructor(readonly original: unknown) {
    const detail = original instanceof Error ? `${original.name}: ${original.message}` : String(original)
    super(`the answer was lost (${detail}); it may or may not have been done`)
    this.name = 'OutcomeUnknownError'
  }
}

/** Advice for AWS's refusal of a custom domain whose parent does not resolve. */
export function parentDomainAdvice(domain: string): string {
  const parent = domain.split('.').slice(1).join('.')
  return (
    `Cognito needs the parent domain '${parent}' to resolve in DNS (an A record) before it accepts '${domain}' as a custom domain: ` +
    `create an A record for '${parent}' (any address, e.g. the website's), wait for it to propagate, and run again.`
  )
}
