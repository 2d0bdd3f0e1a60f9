// @ts-check
/**
 * AWS's checks on a custom domain (CreateUserPoolDomain / UpdateUserPoolDomain with CustomDomainConfig):
 * an ACM certificate in us-east-1 of the pool's partition (CloudFront serves the domain), and a parent
 * domain that resolves.
 * The local Cognito cannot resolve DNS: a parent under `.invalid` (RFC 2606: never resolves) stands for
 * one that does not.
 */
import { invalidParameter } from './errors.js'

const ACM_ARN = /^arn:(aws[a-z-]*):acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]+$/

/**
 * CloudFront's refusal of a certificate it cannot use, as Cognito passes it on (CreateUserPoolDomain →
 * InvalidParameterException; quoted in aws-amplify/amplify-hosting#2278).
 */
const CERTIFICATE_UNUSABLE =
  "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain."

/**
 * The partition of a Region (IAM User Guide, "Identify AWS resources with Amazon Resource Names (ARNs)":
 * aws, aws-cn for China, aws-us-gov for GovCloud (US); a resource in one partition is not visible from another).
 * @param {string} region
 */
export function partitionOf(region) {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/** @param {string} domain @param {{ CertificateArn?: string }} config @param {string} region the pool's Region */
export function checkCustomDomain(domain, config, region) {
  const arn = config.CertificateArn ?? ''
  const m = ACM_ARN.exec(arn)
  // source: AWSB-067 (terraform cognito_user_pool_domain.html.markdown certificate_arn)
  if (!m) throw invalidParameter(`The certificate ${arn} is not a valid ACM certificate ARN.`)
  // A certificate of another partition does not exist for this partition's CloudFront.
  // source: model CustomDomainConfigType.CertificateArn (an ARN of the pool's partition); AWSB-067
  if (m[1] !== partitionOf(region)) throw invalidParameter(CERTIFICATE_UNUSABLE)
  if (m[2] !== 'us-east-1') {
    // source: AWSB-067 (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html)
    throw invalidParameter(
      `The certificate ${arn} must be in us-east-1: Amazon CloudFront, which serves custom domains, uses certificates from us-east-1 only.`,
    )
  }
  const labels = domain.split('.')
  // source: AWSB-067
  if (labels.length < 2 || labels.some((l) => l === '')) throw invalidParameter(`Invalid custom domain: ${domain}`)
  const parent = labels.slice(1).join('.')
  // AWS resolves the parent's A record (Cognito Developer Guide, "Using your own domain for managed login":
  // the parent domain needs a valid DNS A record). A parent under `.invalid` never resolves (RFC 2606), nor
  // one whose top-level label is all digits, such as 10.0.0.1's '0.0.1' or auth.example.123's 'example.123'
  // (RFC 3696 section 2: top-level domain names are not all-numeric; RFC 1123 section 2.1 keeps a
  // dotted-decimal name for an IP address).
  const numericTld = /^\d+$/.test(labels[labels.length - 1] ?? '')
  if (labels.length < 3 || parent === 'invalid' || parent.endsWith('.invalid') || numericTld) {
    // source: AWSB-067 (the parent domain must resolve: an A record)
    throw invalidParameter(
      'Custom domain is not a valid subdomain: Was not able to resolve a DNS A record for the parent domain or domain parent is a top-level domain.',
    )
  }
}
