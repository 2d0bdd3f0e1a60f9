// Count limits in the plan. AWS refuses the create that would pass one of Cognito's count limits with
// LimitExceededException, which no retry and no rerun cures (AWSB-200); a run that would pass one is
// refused here, before the first write, naming the number and the limit (AWSB-201, AWSB-202). The
// limits themselves: model/quotas.ts ("Quotas in Amazon Cognito"). Pure.
import { QUOTAS_PAGE, type CountQuota } from '../../model/quotas.js'

const n = (x: number): string => x.toLocaleString('en-US')

/**
 * The problem when the pool would hold more than the quota allows after this run: `kept` already in the
 * pool and not removed by this run, `created` by this run; undefined within the limit or when nothing is created.
 */
export function countProblem(input: string, pool: string, quota: CountQuota, kept: number, created: number, fix: string): string | undefined {
  if (created === 0 || kept + created <= quota.limit) return undefined
  return (
    `${input}: ${pool} has ${n(kept)} ${quota.what} and this run would create ${n(created)}: ${n(kept + created)}, ` +
    `over Cognito's limit of ${n(quota.limit)} (${quota.name}, ${QUOTAS_PAGE}); ${fix}`
  )
}
