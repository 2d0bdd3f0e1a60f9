// The region: the input, then AWS_REGION, AWS_DEFAULT_REGION, then the SDK's own chain. Pure.
import { quote } from '../util/text.js'

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/

export function parseRegion(raw: string, env: Record<string, string | undefined>, problems: string[], sdkRegion = ''): string {
  const sources: [string, string][] = [
    ['', raw],
    ['AWS_REGION', (env.AWS_REGION ?? '').trim()],
    ['AWS_DEFAULT_REGION', (env.AWS_DEFAULT_REGION ?? '').trim()],
    ["the AWS SDK's region chain (AWS_PROFILE's config file)", sdkRegion.trim()],
  ]
  const found = sources.find(([, value]) => value !== '')
  if (found === undefined) {
    problems.push("region: no region given; set the 'region' input or AWS_REGION (aws-actions/configure-aws-credentials sets it)")
    return ''
  }
  const [source, region] = found
  if (!REGION_PATTERN.test(region)) {
    const from = source === '' ? '' : ` (from ${source})`
    problems.push(`region: ${quote(region)}${from} is not an AWS region name; use one like us-east-1 or eu-central-1`)
  }
  return region
}
