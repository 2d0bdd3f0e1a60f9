// The domain's AWS calls, through the port: its finder, create (converging), update and delete.
import type { DomainDescriptionType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import { backoff } from '../../util/sleep.js'
import { converge, isAwsFailure, type CreateContext } from '../shared/converge.js'

/** The domain's description (certificate, CloudFront target, status), or undefined when no pool has it. */
export async function describeDomain(port: CognitoPort, domain: string): Promise<DomainDescriptionType | undefined> {
  const out = await port.call('DescribeUserPoolDomain', { Domain: domain }, `domain '${domain}'`, ['DomainDescription'])
  // AWS describes a free name as an empty DomainDescription; a missing one is no answer.
  return out.DomainDescription.UserPoolId ? out.DomainDescription : undefined
}

/** The ID of the pool that owns the domain, or undefined when it is free. */
export async function domainOwner(port: CognitoPort, domain: string): Promise<string | undefined> {
  return (await describeDomain(port, domain))?.UserPoolId
}

/** The domain's status (CREATING, ACTIVE, ...), or undefined when no pool has it: verify's wait. */
export async function domainStatus(port: CognitoPort, domain: string): Promise<string | undefined> {
  return (await describeDomain(port, domain))?.Status
}

const config = (certificateArn: string | undefined, version: number | undefined) => ({
  ...(certificateArn === undefined ? {} : { CustomDomainConfig: { CertificateArn: certificateArn } }),
  ...(version === undefined ? {} : { ManagedLoginVersion: version }),
})

/** Creates a prefix domain, or a custom domain with `certificateArn`; returns a custom domain's CloudFront target. */
export async function createDomainCall(
  port: CognitoPort,
  userPoolId: string,
  domain: string,
  certificateArn?: string,
  version?: number,
): Promise<string | undefined> {
  const out = await port.call('CreateUserPoolDomain', { UserPoolId: userPoolId, Domain: domain, ...config(certificateArn, version) }, `domain '${domain}'`)
  return out?.CloudFrontDomain || undefined
}

/**
 * Creates the domain. The name is unique at AWS: when the create fails or its answer is lost but the
 * name now belongs to this pool (another run, or the lost answer, created it), that is success.
 */
export async function createDomain(
  ctx: CreateContext,
  userPoolId: string,
  domain: string,
  certificateArn?: string,
  version?: number,
): Promise<string | undefined> {
  const outcome = await converge(ctx, {
    create: () => createDomainCall(ctx.port, userPoolId, domain, certificateArn, version),
    taken: isAwsFailure,
    look: async () => {
      const described = await describeDomain(ctx.port, domain)
      if (described?.UserPoolId === userPoolId) return described
      return described === undefined ? undefined : null
    },
  })
  if ('created' in outcome) return outcome.created
  ctx.note(`Domain '${domain}': already belongs to this pool (another run or a lost answer created it)`)
  return outcome.found.CloudFrontDistribution || undefined
}

/** A domain's new managed login version and/or a custom domain's certificate; returns a custom domain's CloudFront target. */
export async function updateDomain(port: CognitoPort, userPoolId: string, domain: string, certificateArn: string | undefined, version: number | undefined) {
  const out = await port.call('UpdateUserPoolDomain', { UserPoolId: userPoolId, Domain: domain, ...config(certificateArn, version) }, `domain '${domain}'`)
  return out?.CloudFrontDomain || undefined
}

export async function deleteDomain(port: CognitoPort, userPoolId: string, domain: string): Promise<void> {
  await port.call('DeleteUserPoolDomain', { UserPoolId: userPoolId, Domain: domain }, `domain '${domain}'`)
}

/**
 * How long a deleted domain is waited for, in all (the waits' sum: time is the injected sleep's). Terraform
 * waits a minute (user_pool_domain.go waitUserPoolDomainDeleted); a custom domain's CloudFront
 * distribution can take longer, and a bounded wait of a few minutes costs little.
 */
export const DOMAIN_DELETE_WAIT_MS = 300_000
/** Polls of DescribeUserPoolDomain while it is DELETING: 1 s doubled each time, at most 15 s apart. */
export const DOMAIN_DELETE_BACKOFF = { base: 1_000, max: 15_000 }

/**
 * Waits until no pool has the domain (DescribeUserPoolDomain answers an empty description, AWSB-063):
 * DeleteUserPoolDomain returns while it is still DELETING (AWSB-062), and until it is gone the pool keeps it
 * (DeleteUserPool and another domain of its kind are refused). Bounded; then a clear error (a rerun waits again).
 */
export async function waitDomainDeleted(
  ctx: Pick<CreateContext, 'port' | 'sleep' | 'note'>,
  domain: string,
  options: { onlyWhileDeleting?: boolean } = {},
): Promise<void> {
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    const described = await describeDomain(ctx.port, domain)
    if (described === undefined) return
    // A deletion this run did not make (found DELETING): once AWS describes it otherwise, it is not coming.
    if (options.onlyWhileDeleting && described.Status !== 'DELETING') return
    const delay = backoff(attempt, DOMAIN_DELETE_BACKOFF)
    if (waited + delay > DOMAIN_DELETE_WAIT_MS) {
      throw new Error(
        `domain '${domain}' is still ${described.Status ?? 'there'} ${Math.round(waited / 1000)} s after it was deleted: Cognito has not finished deleting it, ` +
          'and what comes next needs it gone; run the action again later (it waits for the deletion again, and deletes nothing twice)',
      )
    }
    ctx.note(`Domain '${domain}': waiting for Cognito to finish deleting it (${described.Status ?? 'still described'}); checking again in ${delay / 1000} s`)
    await ctx.sleep(delay)
    waited += delay
  }
}

/**
 * Deletes the pool's domain and waits until it is gone. A domain no pool has (AWS refuses deleting a
 * missing one as invalid, AWSB-064) or another pool's is left alone; one already DELETING (an earlier run
 * stopped while waiting) is only waited for.
 */
export async function deleteDomainAndWait(ctx: Pick<CreateContext, 'port' | 'sleep' | 'note'>, userPoolId: string, domain: string): Promise<void> {
  const described = await describeDomain(ctx.port, domain)
  if (described?.UserPoolId !== userPoolId) return
  if (described.Status !== 'DELETING') await deleteDomain(ctx.port, userPoolId, domain)
  await waitDomainDeleted(ctx, domain)
}
