// Custom domains: a fully-qualified name (`auth.example.com`) served by CloudFront with an ACM
// certificate in us-east-1. Input rules and the DNS record to create. Pure.
import { ACM_CERTIFICATE_RESOURCE, checkArn } from '../../inputs/arns.js'
import { quote as q } from '../../util/text.js'

/** A domain input with a dot is a custom domain's name; without, a prefix of amazoncognito.com. */
export function isCustomDomain(domain: string): boolean {
  return domain.includes('.')
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
/** CreateUserPoolDomain's `Domain` member (the model's DomainType) takes at most 63 characters, custom names too. */
const NAME_MAX = 63
/** CloudFront, which serves custom domains, takes certificates from us-east-1 only. */
export const CERTIFICATE_REGION = 'us-east-1'

/** Problems of a custom domain name (the caller knows it has a dot). */
export function checkCustomDomainName(raw: string, problems: string[]): void {
  if (/\.amazoncognito\.com$/i.test(raw)) {
    const prefix = (raw.split('.')[0] ?? '').toLowerCase()
    problems.push(`domain: ${q(raw)} looks like a full domain name; give only the prefix, e.g. domain: ${prefix}`)
    return
  }
  const lower = raw.toLowerCase()
  const labels = raw.split('.')
  if (!labels.every((l) => LABEL.test(l)) || labels.length < 3) {
    const hint = lower !== raw && lower.split('.').every((l) => LABEL.test(l)) ? `, e.g. domain: ${lower}` : ''
    problems.push(
      `domain: ${q(raw)} is neither a prefix nor a custom domain name: a custom domain is a subdomain such as auth.example.com ` +
        `(at least three labels of lowercase letters, digits and hyphens, at most ${NAME_MAX} characters; its parent must already resolve in DNS)${hint}`,
    )
    return
  }
  // A top-level label is never all digits (RFC 1123 §2.1, RFC 3696 §2): such a name is an IP address or resolves nowhere.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    problems.push(
      labels.length === 4 && labels.every((l) => /^\d{1,3}$/.test(l))
        ? `domain: ${q(raw)} is an IP address, not a domain name; a custom domain is a name such as auth.example.com`
        : `domain: ${q(raw)} ends in the all-numeric label ${q(labels[labels.length - 1] ?? '')}, which no top-level domain is (RFC 3696 §2); give a name such as auth.example.com`,
    )
    return
  }
  if (raw.length > NAME_MAX) {
    problems.push(
      `domain: ${q(raw)} is ${raw.length} characters; Cognito takes at most ${NAME_MAX} for a domain (CreateUserPoolDomain's Domain, custom domains included); choose a shorter name`,
    )
  }
}

/** Problems of certificate-arn, given whether domain is a custom domain and the pool's region (for the partition). */
export function checkCertificateArn(raw: string, custom: boolean, domain: string, region: string, problems: string[]): void {
  if (!custom) {
    if (raw !== '') {
      problems.push(
        `certificate-arn: only a custom domain (a name such as auth.example.com) uses a certificate, and domain ${q(domain)} is a prefix; remove certificate-arn or give the custom domain's name`,
      )
    }
    return
  }
  if (raw === '') {
    problems.push(
      `certificate-arn: is required for the custom domain ${q(domain)}; give the ARN of an ACM certificate in ${CERTIFICATE_REGION} that covers it, ` +
        `e.g. certificate-arn: arn:aws:acm:${CERTIFICATE_REGION}:123456789012:certificate/<id>`,
    )
    return
  }
  const arn = checkArn(
    raw,
    {
      input: 'certificate-arn',
      what: 'an ACM certificate ARN',
      example: `arn:aws:acm:${CERTIFICATE_REGION}:<account>:certificate/<id>`,
      service: 'acm',
      resource: ACM_CERTIFICATE_RESOURCE,
      region,
    },
    problems,
  )
  if (arn && arn.region !== CERTIFICATE_REGION) {
    problems.push(
      `certificate-arn: the certificate is in ${arn.region}, but Cognito serves custom domains through CloudFront, which uses certificates in ${CERTIFICATE_REGION} only; ` +
        `request or import the certificate in ${CERTIFICATE_REGION} (whatever the pool's region) and give that ARN`,
    )
  }
}

/** The DNS record the user creates: the custom name as an alias (or CNAME) of the CloudFront distribution. */
export function dnsRecord(domain: string, cloudFrontDomain: string): string {
  return `${domain} → ${cloudFrontDomain} (Route 53: an alias A record to the CloudFront distribution; elsewhere: a CNAME)`
}
