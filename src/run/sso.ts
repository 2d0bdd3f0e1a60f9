// verify: the SSO checks (a chunk of their own, loaded only when verify runs), through the proxied fetch.
import { proxiedFetch } from '../aws/proxy.js'
import type { Cognito } from '../aws/cognito.js'
import type { Desired } from '../model/types.js'
import { debugFetch } from '../report/debug.js'
import { domainStatus } from '../resources/domain/calls.js'
import { clientProviders } from '../resources/shared/desired.js'

export type Checks = Awaited<ReturnType<typeof import('../verify/index.js').checkSso>>

export async function sso(
  desired: Desired,
  outputs: Record<string, string>,
  domainExists: boolean,
  port: Cognito,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  trace: ((line: string) => void) | undefined,
  /** The hosted UI of the prefix domain the pool keeps next to a custom `domain`, if any. */
  keptHostedUi: string | undefined,
): Promise<Checks> {
  const { checkSso } = await import('../verify/index.js')
  const probe = proxiedFetch(env)
  return checkSso(desired, outputs, domainExists, {
    domainStatus: (domain) => domainStatus(port, domain),
    fetch: trace ? debugFetch(probe, trace, { 'user-pool-id': outputs['user-pool-id'], 'client-id': outputs['client-id'] }) : probe,
    providerFetch: probe,
    log,
    providers: clientProviders(desired),
    ...(keptHostedUi !== undefined ? { keptHostedUi } : {}),
  })
}
