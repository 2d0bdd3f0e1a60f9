// An SNS role IAM has not propagated yet (AWSB-002): the two codes that say so are retried with backoff
// for at most Terraform's two minutes (time is the test's: an injected sleep); anything else stands.
import { describe, expect, it } from 'vitest'
import { AwsCallError } from '../../../src/aws/errors.js'
import { SMS_ROLE_WAIT_MS, whileSmsRolePropagates } from '../../../src/resources/shared/propagation.js'
import { awsError } from '../../support/aws.js'

const refused = (code: string): AwsCallError =>
  new AwsCallError(
    'SetUserPoolMfaConfig',
    "MFA of user pool 'om'",
    awsError(code, 'Role does not have a trust relationship allowing Cognito to assume the role'),
  )

function harness(failures: AwsCallError[]) {
  const sleeps: number[] = []
  const notes: string[] = []
  let calls = 0
  const ctx = { sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()), note: (m: string) => void notes.push(m) }
  const call = (): Promise<string> => {
    const failure = failures[calls++]
    return failure ? Promise.reject(failure) : Promise.resolve('done')
  }
  return { ctx, call, sleeps, notes, calls: () => calls }
}

describe('whileSmsRolePropagates', () => {
  it('refused twice as not propagated, then accepted: waits 2 s and 4 s, says why, returns the answer', async () => {
    const h = harness([refused('InvalidSmsRoleTrustRelationshipException'), refused('InvalidSmsRoleAccessPolicyException')])
    await expect(whileSmsRolePropagates(h.ctx, "MFA of user pool 'om'", h.call)).resolves.toBe('done')
    expect(h.calls()).toBe(3)
    expect(h.sleeps).toEqual([2000, 4000])
    expect(h.notes).toEqual([
      "MFA of user pool 'om': Cognito cannot use the SNS role yet (InvalidSmsRoleTrustRelationshipException); a new role takes a while to propagate in IAM: trying again in 2 s",
      "MFA of user pool 'om': Cognito cannot use the SNS role yet (InvalidSmsRoleAccessPolicyException); a new role takes a while to propagate in IAM: trying again in 4 s",
    ])
  })

  it('never accepted: gives up when the next wait would pass two minutes, with the refusal and its advice', async () => {
    const h = harness(Array.from({ length: 50 }, () => refused('InvalidSmsRoleTrustRelationshipException')))
    const error = await whileSmsRolePropagates(h.ctx, 'x', h.call).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect(h.sleeps).toEqual([2000, 4000, 8000, 16000, 20000, 20000, 20000, 20000])
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SMS_ROLE_WAIT_MS)
    expect(h.calls()).toBe(9)
    expect((error as AwsCallError).message).toContain('its trust policy must let cognito-idp.amazonaws.com call sts:AssumeRole')
    expect((error as AwsCallError).message).toContain('sns:Publish')
    expect((error as AwsCallError).rerunHelps).toBe(true)
  })

  it('any other refusal stands at once', async () => {
    const h = harness([refused('InvalidParameterException')])
    await expect(whileSmsRolePropagates(h.ctx, 'x', h.call)).rejects.toThrow('InvalidParameterException')
    expect(h.sleeps).toEqual([])
    expect(h.calls()).toBe(1)
  })
})
