// ARN inputs (certificate-arn, sms-role-arn, email-sender's ses-identity), parsed into their parts and
// checked on each: the model's ArnType (at most 2,048 characters), the service and resource the input
// needs, and the partition of the pool's region (partitions do not see each other: IAM User Guide, "IAM
// identifiers", ARNs). One implementation for every ARN input. Pure.
import { codes, quote } from '../util/text.js'

/** The model's ArnType: 20–2,048 characters. */
export const ARN_MAX = 2048

export interface Arn {
  partition: string
  service: string
  region: string
  account: string
  resource: string
}

/** The partition a Region belongs to (AWS General Reference, "Regions and endpoints"; the SDK's partitions.json). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  if (region.startsWith('us-isob-')) return 'aws-iso-b'
  if (region.startsWith('us-isof-')) return 'aws-iso-f'
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e'
  if (region.startsWith('us-iso-')) return 'aws-iso'
  return 'aws'
}

/** arn:<partition>:<service>:<region>:<account>:<resource>, or undefined when the text has not that shape. */
export function parseArn(raw: string): Arn | undefined {
  const m = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(raw)
  if (!m) return undefined
  const [, partition = '', service = '', region = '', account = '', resource = ''] = m
  return { partition, service, region, account, resource }
}

export interface ArnRule {
  /** The input, for messages. */
  input: string
  /** What it must be, for messages ("an ACM certificate ARN"). */
  what: string
  /** An example of the right shape. */
  example: string
  service: string
  /** The resource part: `certificate/<id>`, `role/<path/name>`, `identity/<name>`. */
  resource: RegExp
  /** The pool's Region: the ARN must be in its partition. */
  region?: string
}

/** Problems of one ARN input (each naming the input, the rule and the fix); the parsed ARN when there are none. */
export function checkArn(raw: string, rule: ArnRule, problems: string[]): Arn | undefined {
  const before = problems.length
  const shown = raw.length > 120 ? `${quote(raw.slice(0, 100))}… (${raw.length} characters)` : quote(raw)
  if (raw.length > ARN_MAX) {
    problems.push(`${rule.input}: ${shown} is ${raw.length} characters long; an ARN has at most ${ARN_MAX} (ArnType); copy the ARN again`)
  }
  const bad = [...new Set([...raw].filter((ch) => !/[\x21-\x7e]/.test(ch)))]
  if (bad.length > 0) {
    problems.push(`${rule.input}: ${shown} contains spaces, control, invisible or non-ASCII characters (${codes(bad)}), which no ARN has; copy the ARN again`)
    return undefined
  }
  const arn = parseArn(raw)
  if (!arn || arn.service !== rule.service || !rule.resource.test(arn.resource) || arn.account === '') {
    problems.push(`${rule.input}: ${shown} is not ${rule.what} (${rule.example}); copy it from the console`)
    return undefined
  }
  if (rule.region !== undefined && rule.region !== '' && arn.partition !== partitionOf(rule.region)) {
    problems.push(
      `${rule.input}: the ARN is in partition ${quote(arn.partition)}, but the pool's region ${rule.region} is in ${quote(partitionOf(rule.region))}, ` +
        `and partitions do not see each other; give the ARN of one in partition ${partitionOf(rule.region)}`,
    )
  }
  return problems.length > before ? undefined : arn
}

/** An IAM role's resource part: role/<path and name>. */
export const IAM_ROLE_RESOURCE = /^role\/[\w+=,.@/-]{1,512}$/
/** An ACM certificate's resource part: certificate/<id>. */
export const ACM_CERTIFICATE_RESOURCE = /^certificate\/[0-9a-f-]+$/
/** An SES identity's resource part: identity/<name>. */
export const SES_IDENTITY_RESOURCE = /^identity\/\S+$/
