// @ts-check
/**
 * What AWS fetches when a provider is created or updated: the OIDC issuer's discovery document (for the
 * endpoints not given) and a SAML provider's metadata by URL (for its SSO and SLO URLs). The handlers are
 * synchronous, so the server fetches first (`prefetch`) and the handlers read the results here.
 * source: AWSB-085; AWSB-082
 */

/** The OIDC endpoints AWS reads from discovery when they are not given. */
export const OIDC_ENDPOINTS = /** @type {const} */ ({
  authorize_url: 'authorization_endpoint',
  token_url: 'token_endpoint',
  attributes_url: 'userinfo_endpoint',
  jwks_uri: 'jwks_uri',
})

/** @param {string} url */
async function fetchText(url) {
  const response = await fetch(url, { signal: globalThis.AbortSignal.timeout(3000) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return response.text()
}

/**
 * @typedef {{ prefetch: (operation: string, request: Record<string, any>, existingType: (poolId: string, name: string) => string | undefined) => Promise<void>,
 *   oidc: (issuer: string) => Record<string, string> | undefined, samlMetadata: (url: string) => string | undefined }} Discovery
 */

/** @returns {Discovery} */
export function createDiscovery() {
  /** Issuer → the endpoints its discovery document gave (undefined: not fetched or failed). @type {Map<string, Record<string, string> | undefined>} */
  const oidc = new Map()
  /** Metadata URL → the document. @type {Map<string, string | undefined>} */
  const saml = new Map()

  /** @param {string} issuer */
  async function discover(issuer) {
    try {
      const doc = JSON.parse(await fetchText(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`))
      /** @type {Record<string, string>} */
      const endpoints = {}
      for (const [key, member] of Object.entries(OIDC_ENDPOINTS)) if (typeof doc[member] === 'string') endpoints[key] = doc[member]
      oidc.set(issuer, endpoints)
    } catch {
      oidc.set(issuer, undefined)
    }
  }

  /** @param {string} url */
  async function metadata(url) {
    try {
      saml.set(url, await fetchText(url))
    } catch {
      saml.set(url, undefined)
    }
  }

  return {
    async prefetch(operation, request, existingType) {
      if (operation !== 'CreateIdentityProvider' && operation !== 'UpdateIdentityProvider') return
      const type = operation === 'CreateIdentityProvider' ? request.ProviderType : existingType(request.UserPoolId, request.ProviderName)
      const details = /** @type {Record<string, string>} */ (request.ProviderDetails ?? {})
      if (type === 'OIDC' && details.oidc_issuer && Object.keys(OIDC_ENDPOINTS).some((k) => !details[k])) await discover(details.oidc_issuer)
      if (type === 'SAML' && details.MetadataURL) await metadata(details.MetadataURL)
    },
    oidc: (issuer) => oidc.get(issuer),
    samlMetadata: (url) => saml.get(url),
  }
}
