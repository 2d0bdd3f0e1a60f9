// @ts-check
/**
 * A small fake identity provider for the end-to-end tests, on loopback:
 * - OIDC: /oidc/.well-known/openid-configuration (discovery) and /oidc/authorize (the sign-in page);
 * - SAML: metadata XML served by URL at /saml/<name>/metadata, whose HTTP-Redirect SSO URL is
 *   /saml/<name>/sso (any <name>, so that a test can switch a provider to another metadata URL).
 * It records every request, so a test can see that the hosted UI sent the browser here.
 */
import { createServer } from 'node:http'

/** @typedef {{ method: string, path: string, query: Record<string, string> }} IdpRequest */

/**
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, oidcIssuer: string, samlMetadataUrl: (name?: string) => string, requests: IdpRequest[], close: () => Promise<void> }>}
 */
export async function startFakeIdp(options = {}) {
  /** @type {IdpRequest[]} */
  const requests = []
  let base = ''
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base)
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) })
    const send = (/** @type {number} */ status, /** @type {string} */ type, /** @type {string} */ body) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
      res.end(body)
    }
    if (url.pathname === '/oidc/.well-known/openid-configuration') {
      const issuer = `${base}/oidc`
      return send(
        200,
        'application/json',
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      )
    }
    if (url.pathname === '/oidc/authorize') return send(200, 'text/html', '<!doctype html><title>Fake IdP</title><p>Sign in (OIDC)</p>')
    if (url.pathname === '/oidc/jwks') return send(200, 'application/json', '{"keys":[]}')
    const saml = /^\/saml\/([\w-]+)\/(metadata|sso)$/.exec(url.pathname)
    if (saml) {
      const [, name, what] = saml
      if (what === 'sso') return send(200, 'text/html', '<!doctype html><title>Fake IdP</title><p>Sign in (SAML)</p>')
      const entity = `${base}/saml/${name}`
      return send(
        200,
        'application/samlmetadata+xml',
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entity}">`,
          '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
          `    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entity}/sso"/>`,
          `    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${entity}/sso-post"/>`,
          '  </md:IDPSSODescriptor>',
          '</md:EntityDescriptor>',
        ].join('\n'),
      )
    }
    return send(404, 'text/plain', 'not found')
  })
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('fake IdP: no port')
  base = `http://127.0.0.1:${address.port}`
  return {
    url: base,
    oidcIssuer: `${base}/oidc`,
    samlMetadataUrl: (name = 'okta') => `${base}/saml/${name}/metadata`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  }
}
