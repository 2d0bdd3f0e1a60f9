// @ts-check
/**
 * The hosted UI's redirect to a federated provider: /oauth2/authorize?identity_provider=NAME sends the
 * browser to the SAML provider's SSO URL (from its metadata, inline or fetched) or to the OIDC
 * provider's authorization endpoint (given, or from the issuer's discovery document).
 */
import { randomBytes } from 'node:crypto'
import { samlSsoUrl } from './federation.js'

/** @param {string} url */
async function fetchText(url) {
  const response = await fetch(url, { signal: globalThis.AbortSignal.timeout(5000) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return response.text()
}

/**
 * @param {any} pool @param {Record<string, any>} clientSettings @param {string} name @param {string} base
 * @returns {Promise<{ location: string } | { error: string }>}
 */
export async function providerRedirect(pool, clientSettings, name, base) {
  const idp = pool.providers.get(name)
  if (!idp || !(clientSettings.SupportedIdentityProviders ?? []).includes(name)) return { error: 'unauthorized_client' }
  const details = /** @type {Record<string, string>} */ (idp.ProviderDetails ?? {})
  const state = randomBytes(8).toString('hex')
  try {
    if (idp.ProviderType === 'SAML') {
      const sso = details.SSORedirectBindingURI ?? samlSsoUrl(details.MetadataURL ? await fetchText(details.MetadataURL) : '')
      if (!sso) return { error: 'invalid_saml_metadata' }
      const url = new URL(sso)
      url.searchParams.set('SAMLRequest', Buffer.from(`<samlp:AuthnRequest ID="_${state}"/>`).toString('base64'))
      url.searchParams.set('RelayState', state)
      return { location: url.toString() }
    }
    if (idp.ProviderType === 'OIDC') {
      let endpoint = details.authorize_url
      if (!endpoint) {
        const doc = JSON.parse(await fetchText(`${String(details.oidc_issuer).replace(/\/$/, '')}/.well-known/openid-configuration`))
        endpoint = doc.authorization_endpoint
      }
      if (!endpoint) return { error: 'invalid_oidc_issuer' }
      const url = new URL(endpoint)
      url.searchParams.set('client_id', details.client_id ?? '')
      url.searchParams.set('response_type', 'code')
      url.searchParams.set('scope', details.authorize_scopes ?? 'openid')
      url.searchParams.set('redirect_uri', `${base}/oauth2/idpresponse`)
      url.searchParams.set('state', state)
      return { location: url.toString() }
    }
  } catch {
    return { error: 'identity_provider_unreachable' }
  }
  return { error: 'unsupported_identity_provider' }
}
