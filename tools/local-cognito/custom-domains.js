// @ts-check
/**
 * AWS's checks on a custom domain (CreateUserPoolDomain / UpdateUserPoolDomain with CustomDomainConfig):
 * an ACM certificate in us-east-1 (CloudFront serves the domain), and a parent domain that resolves.
 * The local Cognito cannot resolve DNS: a parent under `.invalid` (RFC 2606: never resolves) stands for
 * one that does not.
 */
import { invalidParameter } from './errors.js'

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]+$/

/** @param {string} domain @param {{ CertificateArn?: string }} config @param {string} _region */
export function checkCustomDomain(domain, config, _region) {
  const arn = config.CertificateArn ?? ''
  const m = ACM_ARN.exec(arn)
  // source: AWSB-067 (terraform cognito_user_pool_domain.html.markdown certificate_arn)
  if (!m) throw invalidParameter(`The certificate ${arn} is not a valid ACM certificate ARN.`)
  if (m[1] !== 'us-east-1') {
    // source: AWSB-067 (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html)
    throw invalidParameter(
      `The certificate ${arn} must be in us-east-1: Amazon CloudFront, which serves custom domains, uses certificates from us-east-1 only.`,
    )
  }
  const labels = domain.split('.')
  // source: AWSB-067
  if (labels.length < 2 || labels.some((l) => l === '')) throw invalidParameter(`Invalid custom domain: ${domain}`)
  const parent = labels.slice(1).join('.')
  if (labels.length < 3 || parent === 'invalid' || parent.endsWith('.invalid')) {
    // source: AWSB-067 (the parent domain must resolve: an A record)
    throw invalidParameter(
      'Custom domain is not a valid subdomain: Was not able to resolve a DNS A record for the parent domain or domain parent is a top-level domain.',
    )
  }
}
