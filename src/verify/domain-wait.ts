// verify's first check for a custom domain: Cognito reports it ACTIVE (creating its CloudFront
// distribution takes minutes at AWS). Polls through an injected describe, clock and sleep.
import type { Check } from '../model/types.js'
import { backoff, sleep as wait } from '../util/sleep.js'

export interface DomainWaitOptions {
  /** The domain's Status (CREATING, ACTIVE, UPDATING, FAILED...), or undefined when it does not exist. */
  status: () => Promise<string | undefined>
  timeoutMs: number
  log?: (message: string) => void
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  /** The hosted UI of the pool's prefix domain, kept while the custom domain is set up: named when the wait fails. */
  meanwhile?: string
}

const POLL_MS = 5_000
const POLL_MAX_MS = 30_000

export async function waitForCustomDomain(domain: string, cloudFrontDomain: string | undefined, options: DomainWaitOptions): Promise<Check> {
  const sleep = options.sleep ?? wait
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  const name = `Custom domain ${domain} is ACTIVE`
  const target = cloudFrontDomain ? ` (CloudFront distribution ${cloudFrontDomain})` : ''
  const deadline = now() + options.timeoutMs
  const meanwhile = options.meanwhile ? `; meanwhile sign-in still works on the prefix domain the pool keeps, ${options.meanwhile}` : ''
  for (let attempt = 1; ; attempt++) {
    const delay = backoff(attempt, { base: POLL_MS, max: POLL_MAX_MS })
    const status = await options.status()
    if (status === 'ACTIVE') return { name, ok: true, detail: `Cognito reports the custom domain ACTIVE${target}` }
    if (status === undefined || status === 'FAILED') {
      return {
        name,
        ok: false,
        detail: `Cognito reports the custom domain ${status ?? 'missing'}; check the certificate (ACM, us-east-1, covering ${domain}) and run apply again${meanwhile}`,
      }
    }
    if (now() + delay > deadline) {
      return {
        name,
        ok: false,
        detail: `still ${status} after ${Math.round(options.timeoutMs / 1000)} s; Cognito takes up to about an hour to set up a custom domain's CloudFront distribution: raise verify-timeout (at most 900) or verify again later${meanwhile}`,
      }
    }
    log(`Waiting for the custom domain ${domain} to become ACTIVE${target}: Cognito reports ${status}; checking again in ${Math.round(delay / 1000)} s`)
    await sleep(delay)
  }
}
