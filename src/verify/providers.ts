// verify, for each identity provider the client lists: the hosted UI's
// /oauth2/authorize?identity_provider=NAME sends the browser to that provider (its SAML SSO URL or its
// OIDC authorization endpoint), and an OIDC provider's discovery document is reachable.
import type { Check, DesiredProvider } from '../model/types.js'
import { samlSsoUrl } from '../util/saml.js'

export { samlSsoUrl }

export interface ProviderVerifyTarget {
  hostedUiUrl: string
  clientId: string
  callbackUrl: string
  scopes: string[]
  /** Every provider the client lists, except COGNITO; details known for the declared ones. */
  providers: { name: string; declared?: DesiredProvider }[]
}

const TIMEOUT_MS = 10_000

export async function verifyProviders(target: ProviderVerifyTarget, doFetch: typeof fetch = fetch): Promise<Check[]> {
  const get = (url: string): Promise<Response> => doFetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) })
  const checks: Check[] = []
  const check = async (name: string, body: () => Promise<string>): Promise<void> => {
    try {
      checks.push({ name, ok: true, detail: await body() })
    } catch (error) {
      checks.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) })
    }
  }

  for (const { name, declared } of target.providers) {
    let expected: string | undefined
    if (declared?.type === 'OIDC') {
      await check(`Provider '${name}': discovery document`, async () => {
        const issuer = (declared.details.oidc_issuer ?? '').replace(/\/+$/, '')
        const url = `${issuer}/.well-known/openid-configuration`
        const response = await get(url).catch((e: unknown) => {
          throw new Error(`${url} did not answer (${e instanceof Error ? e.message : String(e)})`)
        })
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}; expected 200`)
        const doc = (await response.json()) as { authorization_endpoint?: unknown }
        if (typeof doc.authorization_endpoint !== 'string') throw new Error(`${url} names no authorization_endpoint`)
        expected = declared.details.authorize_url ?? doc.authorization_endpoint
        return `${url} names the authorization endpoint ${expected}`
      })
    } else if (declared?.type === 'SAML') {
      const file = declared.details.MetadataFile
      const metadataUrl = declared.details.MetadataURL
      if (file !== undefined) expected = samlSsoUrl(file)
      else if (metadataUrl !== undefined) {
        expected = await get(metadataUrl)
          .then(async (r) => (r.ok ? samlSsoUrl(await r.text()) : undefined))
          .catch(() => undefined)
      }
    }
    await check(`Hosted UI sends '${name}' sign-in to the provider`, async () => {
      const query = new URLSearchParams({
        identity_provider: name,
        client_id: target.clientId,
        response_type: 'code',
        scope: target.scopes.join(' '),
        redirect_uri: target.callbackUrl,
      })
      const url = `${target.hostedUiUrl}/oauth2/authorize?${query.toString()}`
      const response = await get(url)
      const location = response.headers.get('location') ?? ''
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(
          `the hosted UI answered ${response.status} instead of redirecting to the provider; check that the client lists '${name}' and the provider's settings`,
        )
      }
      const to = new URL(location, target.hostedUiUrl)
      const where = `${to.origin}${to.pathname}`
      if (expected !== undefined) {
        const want = new URL(expected)
        if (to.origin !== want.origin || to.pathname !== want.pathname) {
          throw new Error(
            `redirects to ${where}, not to the provider's ${declared?.type === 'SAML' ? 'SSO URL' : 'authorization endpoint'} ${want.origin}${want.pathname}`,
          )
        }
        return `redirects to ${where}`
      }
      if (/\/(login|error)$/.test(to.pathname)) {
        throw new Error(`stays on the hosted UI (${where}) instead of going to the provider`)
      }
      return `redirects to ${where}`
    })
  }
  return checks
}
