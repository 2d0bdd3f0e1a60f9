// The domain's AWS calls, through the port: its finder, create (converging), update and delete.
import type { DomainDescriptionType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
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

/** DeleteUserPoolDomain, unless no pool has the domain any more (AWS refuses a missing one as invalid). */
export async function deleteDomainIfPresent(port: CognitoPort, userPoolId: string, domain: string): Promise<void> {
  if ((await domainOwner(port, domain)) !== userPoolId) return
  await deleteDomain(port, userPoolId, domain)
}
