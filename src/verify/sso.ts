// Check SSO from the outside, as a browser and the app will use it: the issuer's discovery
// document and keys; for a client that signs users in (code or implicit), the hosted UI's authorize
// endpoint for each callback URL; for a machine-to-machine client (client_credentials), the token
// endpoint, without its secret. A fresh domain can take a while to answer, so transient answers are
// retried with backoff up to a deadline.
import type { Check, OAuthFlow } from '../model/types.js'
import { logSafe } from '../util/log-safety.js'
import { backoff, sleep as wait } from '../util/sleep.js'

export interface VerifyTarget {
  issuer: string
  hostedUiUrl: string
  clientId: string
  callbackUrls: string[]
  oauthFlows: OAuthFlow[]
  oauthScopes: string[]
}

export interface VerifyOptions {
  timeoutMs: number
  log?: (message: string) => void
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** A redirect URI no client should allow: the hosted UI must refuse it. */
export const UNLISTED_REDIRECT = 'https://unlisted-redirect.invalid/callback'

const REQUEST_TIMEOUT_MS = 10_000
const MAX_BACKOFF_MS = 15_000

class Retryable extends Error {}

const SHOWN_MAX = 300

/** A value from an endpoint (issuer, jwks_uri, Location, a body) for a message: inert and short. */
function shown(value: unknown): string {
  const text = logSafe(typeof value === 'string' ? value : String(value))
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}…` : text
}

/**
 * Whether `uri` lies under `issuer`: the same origin, and a path that is the issuer's path or below it.
 * A discovery document that names keys elsewhere could make the app trust keys from any host.
 */
export function underIssuer(uri: string, issuer: string): boolean {
  let u: URL
  let i: URL
  try {
    u = new URL(uri)
    i = new URL(issuer)
  } catch {
    return false
  }
  if (u.origin !== i.origin || u.username || u.password) return false
  const base = i.pathname.replace(/\/+$/, '')
  return u.pathname === base || u.pathname.startsWith(`${base}/`)
}

export async function verify(target: VerifyTarget, options: VerifyOptions): Promise<Check[]> {
  const doFetch = options.fetch ?? fetch
  const sleep = options.sleep ?? wait
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  const deadline = now() + options.timeoutMs

  /** Runs `attempt` until it returns, or throws a non-retryable error, or the deadline passes. */
  async function waitFor<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      const delay = backoff(tries, { base: 1000, max: MAX_BACKOFF_MS })
      try {
        return await attempt()
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        if (!(error instanceof Retryable) || now() + delay > deadline) throw new Error(reason, { cause: error })
        log(`Waiting for ${what}: ${reason}; retrying in ${Math.round(delay / 1000)} s`)
        await sleep(delay)
      }
    }
  }

  async function get(url: string, init: RequestInit = {}): Promise<Response> {
    let response: Response
    try {
      response = await doFetch(url, { redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init })
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code
      throw new Retryable(`${url} did not answer (${cause ?? (error instanceof Error ? error.message : String(error))})`)
    }
    if (response.status >= 500 || response.status === 404 || response.status === 429) {
      throw new Retryable(`${url} answered ${response.status}`)
    }
    return response
  }

  const checks: Check[] = []
  async function check(name: string, body: () => Promise<string>): Promise<void> {
    try {
      checks.push({ name, ok: true, detail: await body() })
    } catch (error) {
      checks.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) })
    }
  }

  let jwksUri: string | undefined = `${target.issuer}/.well-known/jwks.json`
  await check('Issuer discovery document', () =>
    waitFor('the issuer', async () => {
      const url = `${target.issuer}/.well-known/openid-configuration`
      const response = await get(url)
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}; expected 200`)
      const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown }
      if (doc.issuer !== target.issuer) throw new Error(`${url} names issuer ${shown(doc.issuer)}; expected ${target.issuer}`)
      if (typeof doc.jwks_uri === 'string') {
        if (!underIssuer(doc.jwks_uri, target.issuer)) {
          jwksUri = undefined
          throw new Error(
            `${url} names jwks_uri ${shown(doc.jwks_uri)}, which is outside the issuer ${target.issuer}; the keys must be served under the issuer, so it was not followed`,
          )
        }
        jwksUri = doc.jwks_uri
      }
      return `${url} names this issuer`
    }),
  )
  await check('Signing keys (JWKS)', () =>
    waitFor('the signing keys', async () => {
      if (jwksUri === undefined) throw new Error('not checked: the discovery document names a jwks_uri outside the issuer')
      const response = await get(jwksUri)
      if (response.status !== 200) throw new Error(`${jwksUri} answered ${response.status}; expected 200`)
      const keys = ((await response.json()) as { keys?: unknown }).keys
      if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${jwksUri} has no keys`)
      return `${jwksUri} has ${keys.length} key${keys.length === 1 ? '' : 's'}`
    }),
  )

  const hostedUi = `the hosted UI at ${target.hostedUiUrl}`
  if (target.oauthFlows.includes('client_credentials')) {
    // Without the secret: a token request costs money (Cognito bills machine-to-machine tokens) and would
    // send the secret to whatever the domain's DNS names. AWS answers a request that does not authenticate
    // the client with invalid_client, status 400 (developer guide, "The token issuer endpoint"; RFC 6749
    // section 5.2 also allows 401).
    const url = `${target.hostedUiUrl}/oauth2/token`
    await check('Token endpoint answers (client_credentials)', () =>
      waitFor(hostedUi, async () => {
        const response = await get(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: target.clientId }).toString(),
        })
        const text = await response.text()
        let error: unknown
        try {
          error = (JSON.parse(text) as { error?: unknown }).error
        } catch {
          error = undefined
        }
        if ((response.status === 400 || response.status === 401) && error === 'invalid_client')
          return `${url} asks this client to authenticate (${response.status} invalid_client without its secret); the secret itself is not tried`
        // Only the error code is shown: a body may hold a token (an endpoint that asked for no authentication).
        const code = typeof error === 'string' ? ` ${shown(error)}` : ''
        throw new Error(`${url} answered ${response.status}${code}; expected 400 invalid_client to a request without the client secret`)
      }),
    )
  }
  // The authorize checks are for a client that signs users in; a client_credentials client has no such flow.
  if (!target.oauthFlows.includes('code') && !target.oauthFlows.includes('implicit')) return checks

  const responseType = target.oauthFlows.includes('code') ? 'code' : 'token'
  const authorize = (redirectUri: string): string => {
    const query = new URLSearchParams({
      client_id: target.clientId,
      response_type: responseType,
      scope: target.oauthScopes.join(' '),
      redirect_uri: redirectUri,
    })
    return `${target.hostedUiUrl}/oauth2/authorize?${query.toString()}`
  }
  for (const callback of target.callbackUrls) {
    await check(`Hosted UI accepts ${callback}`, () =>
      waitFor(hostedUi, async () => {
        const response = await get(authorize(callback))
        const location = response.headers.get('location') ?? ''
        const redirected = response.status >= 300 && response.status < 400
        if (redirected && new URL(location, target.hostedUiUrl).pathname.endsWith('/login')) {
          // The redirect alone proves little: a managed login (v2) domain redirects, then serves
          // "Login pages unavailable" to a client without a branding style.
          const loginUrl = new URL(location, target.hostedUiUrl).toString()
          const page = await get(loginUrl)
          const body = page.status === 200 ? await page.text() : ''
          if (page.status === 200 && /<form[\s>]/i.test(body)) return 'serves the sign-in page'
          throw new Error(
            `the sign-in page answered ${page.status}${/Login pages unavailable/i.test(body) ? ' (Login pages unavailable)' : ' without a sign-in form'}; with managed-login: v2 the app client needs a branding style`,
          )
        }
        const why = location.includes('redirect_mismatch')
          ? 'redirect_mismatch: the client does not allow this callback URL'
          : `answered ${response.status} ${shown(location)}`.trim()
        throw new Error(
          `the hosted UI refused it (${why}); check callback-urls and that the client allows the ${responseType === 'code' ? 'code' : 'implicit'} flow`,
        )
      }),
    )
  }
  await check('Hosted UI refuses an unlisted callback URL', () =>
    waitFor(hostedUi, async () => {
      const response = await get(authorize(UNLISTED_REDIRECT))
      const location = response.headers.get('location') ?? ''
      if (response.status === 400 || location.includes('redirect_mismatch') || location.includes('/error')) return 'refused, as it should'
      throw new Error(
        `the hosted UI accepted ${UNLISTED_REDIRECT} (answered ${response.status} ${shown(location)}); the client must allow only its callback URLs`,
      )
    }),
  )
  return checks
}
