// verify: SSO checked from the outside after apply (or, in plan mode, for what already exists): the
// custom domain ACTIVE first, then the issuer, its keys and the hosted UI for each callback URL (the
// token endpoint for a client_credentials client), then each identity provider the client lists. Talks HTTP only (fetch); AWS only through `domainStatus`.
import type { Check, Desired, DesiredProvider } from '../model/types.js'
import { logSafe } from '../util/log-safety.js'
import { waitForCustomDomain } from './domain-wait.js'
import { verifyProviders } from './providers.js'
import { verify } from './sso.js'

export interface SsoCheckDeps {
  /** The custom domain's status as Cognito reports it (DescribeUserPoolDomain). */
  domainStatus: (domain: string) => Promise<string | undefined>
  /** The fetch for the probes (through the proxy the environment names). */
  fetch: typeof fetch
  /** The fetch for the provider probes (no debug lines). */
  providerFetch: typeof fetch
  log: (message: string) => void
  /** The identity providers the client lists (identity-providers and every declared one). */
  providers: string[]
  /** The hosted UI of the prefix domain the pool keeps next to a custom `domain`, if any (named while the custom one is not ready). */
  keptHostedUi?: string
}

export async function checkSso(desired: Desired, outputs: Record<string, string>, domainExists: boolean, deps: SsoCheckDeps): Promise<Check[]> {
  const { log } = deps
  const [issuer, hostedUiUrl, clientId] = [outputs.issuer, outputs['hosted-ui-url'], outputs['client-id']]
  if (!issuer || !hostedUiUrl || !clientId || !domainExists) {
    log('verify: skipped, the pool, domain and client do not all exist yet (plan mode)')
    return []
  }
  const started = Date.now()
  const domainChecks: Check[] = []
  if (desired.domain.includes('.')) {
    // The custom domain's CloudFront distribution comes first; the hosted UI answers only after it.
    log(`verify: waiting (at most ${desired.verifyTimeoutSeconds} s) for Cognito to report the custom domain ${logSafe(desired.domain)} ACTIVE`)
    const check = await waitForCustomDomain(desired.domain, outputs['cloudfront-domain'], {
      status: () => deps.domainStatus(desired.domain),
      timeoutMs: desired.verifyTimeoutSeconds * 1000,
      log,
      ...(deps.keptHostedUi ? { meanwhile: deps.keptHostedUi } : {}),
    })
    domainChecks.push(check)
    if (!check.ok) {
      log(`FAIL: ${logSafe(check.name)}: ${logSafe(check.detail)}`)
      return domainChecks
    }
  }
  const m2m = desired.oauthFlows.includes('client_credentials')
  log(`Checking SSO from the outside (issuer, signing keys, ${m2m ? 'token endpoint' : 'hosted UI'})`)
  const { callbackUrls, oauthFlows, oauthScopes } = desired
  const remainingMs = Math.max(0, desired.verifyTimeoutSeconds * 1000 - (Date.now() - started))
  const checks = domainChecks.concat(
    await verify({ issuer, hostedUiUrl, clientId, callbackUrls, oauthFlows, oauthScopes }, { timeoutMs: remainingMs, log, fetch: deps.fetch }),
  )
  const listed = deps.providers.filter((p) => p !== 'COGNITO')
  if (listed.length > 0 && callbackUrls[0] && oauthFlows.includes('code')) {
    const providers = listed.map((name) => ({ name, ...optional(desired.federatedProviders.find((p) => p.name === name)) }))
    checks.push(...(await verifyProviders({ hostedUiUrl, clientId, callbackUrl: callbackUrls[0], scopes: oauthScopes, providers }, deps.providerFetch)))
  }
  for (const c of checks) log(`${c.ok ? 'pass' : 'FAIL'}: ${logSafe(c.name)}: ${logSafe(c.detail)}`)
  return checks
}

function optional(declared: DesiredProvider | undefined): { declared?: DesiredProvider } {
  return declared ? { declared } : {}
}
