// A just-created IAM role for SNS: Cognito refuses it with InvalidSmsRoleTrustRelationshipException or
// InvalidSmsRoleAccessPolicyException until IAM has propagated it (AWSB-002). Terraform retries exactly
// these two codes for its propagation timeout (2 minutes: user_pool.go userPoolErrorRetryable); so does
// this helper, with backoff through the injected sleep, on the calls that carry an SMS configuration
// (UpdateUserPool, SetUserPoolMfaConfig). Any other failure, or the same after the wait, stands.
import { backoff } from '../../util/sleep.js'
import { failedWith, type CreateContext } from './converge.js'

/** The refusals IAM propagation explains; only these are retried. */
export const SMS_ROLE_PROPAGATION = ['InvalidSmsRoleTrustRelationshipException', 'InvalidSmsRoleAccessPolicyException'] as const

/** The waits add up to at most this (Terraform's propagation timeout). */
export const SMS_ROLE_WAIT_MS = 120_000

/** The waits between tries: 2 s doubled each time, at most 20 s each. */
export const SMS_ROLE_BACKOFF = { base: 2_000, max: 20_000 }

/** Runs `call`; while Cognito refuses the SNS role as not yet propagated, waits and tries again, at most SMS_ROLE_WAIT_MS in all. */
export async function whileSmsRolePropagates<T>(ctx: Pick<CreateContext, 'sleep' | 'note'>, what: string, call: () => Promise<T>): Promise<T> {
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      const code = SMS_ROLE_PROPAGATION.find((c) => failedWith(error, c))
      const delay = backoff(attempt, SMS_ROLE_BACKOFF)
      if (!code || waited + delay > SMS_ROLE_WAIT_MS) throw error
      ctx.note(`${what}: Cognito cannot use the SNS role yet (${code}); a new role takes a while to propagate in IAM: trying again in ${delay / 1000} s`)
      await ctx.sleep(delay)
      waited += delay
    }
  }
}
