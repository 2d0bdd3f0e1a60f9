// ARN inputs (src/inputs/arns.ts): parsed into their parts, each checked; the pool's partition.
import { describe, expect, it } from 'vitest'
import { ACM_CERTIFICATE_RESOURCE, checkArn, parseArn, partitionOf } from '../../src/inputs/arns.js'

const RULE = {
  input: 'certificate-arn',
  what: 'an ACM certificate ARN',
  example: 'arn:aws:acm:us-east-1:<account>:certificate/<id>',
  service: 'acm',
  resource: ACM_CERTIFICATE_RESOURCE,
}
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
const check = (raw: string, region?: string): string[] => {
  const problems: string[] = []
  checkArn(raw, { ...RULE, ...(region ? { region } : {}) }, problems)
  return problems
}

describe('ARNs', () => {
  it('parses the parts', () => {
    expect(parseArn(CERT)).toEqual({
      partition: 'aws',
      service: 'acm',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    })
    expect(parseArn('arn:aws:iam::123456789012:role/a/b')?.region).toBe('')
    expect(parseArn('arn:aws:acm')).toBeUndefined()
  })

  it.each([
    ['us-east-1', 'aws'],
    ['eu-central-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('the partition of %s is %s', (region, partition) => expect(partitionOf(region)).toBe(partition))

  it('accepts a certificate of the pool’s partition', () => expect(check(CERT, 'eu-west-1')).toEqual([]))

  it.each([
    [CERT.replace('arn:aws:', 'arn:aws-us-gov:'), "the ARN is in partition 'aws-us-gov', but the pool's region us-east-1 is in 'aws'"],
    [CERT.replace('arn:aws:', 'arn:aws-cn:'), "in partition 'aws-cn'"],
  ])('refuses %s in us-east-1', (arn, message) => expect(check(arn, 'us-east-1').join('\n')).toContain(message))

  it('refuses an ARN over 2,048 characters, quoting only its start', () => {
    const long = `arn:aws:acm:us-east-1:123456789012:certificate/${'a'.repeat(3000)}`
    const [problem = ''] = check(long)
    expect(problem).toMatch(/is 3047 characters long; an ARN has at most 2048 \(ArnType\)/)
    expect(problem.length).toBeLessThan(400)
  })

  it('refuses invisible characters and another service, naming them', () => {
    expect(check(`${CERT}\u200b`)[0]).toMatch(/U\+200B/)
    expect(check('arn:aws:iam::123456789012:role/x')[0]).toMatch(/is not an ACM certificate ARN/)
  })
})
