// @ts-check
/**
 * What a browser and an application see: the OIDC issuer (discovery document, JWKS) and the hosted UI
 * (managed login) of a prefix domain.
 */
import { createHash, generateKeyPair } from 'node:crypto'
import { promisify } from 'node:util'
import { providerRedirect } from './federation-web.js'

const generateKeyPairAsync = promisify(generateKeyPair)

/** @typedef {import('node:http').IncomingMessage} Req */
/** @typedef {import('node:http').ServerResponse} Res */
/** @typedef {ReturnType<typeof import('./cognito.js').createBackend>} Backend */

/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * @param {Res} res @param {number} status @param {string} title @param {string} body
 */
function html(res, status, title, body) {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page) })
  res.end(page)
}

/** @param {Res} res @param {number} status @param {unknown} body */
function json(res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/**
 * @param {{ backend: Backend, region: string, baseUrl: () => string, issuerBaseUrl: () => string, onInactiveDomain?: (domain: string) => void }} ctx
 */
export function createWeb(ctx) {
  /** @type {Promise<import('node:crypto').JsonWebKey[]> | undefined} */
  let keys
  /** Two RSA key pairs per server, generated lazily once; each pool gets its own key ids. */
  function serverKeys() {
    keys ??= Promise.all(
      [0, 1].map(async () => {
        const { publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 })
        return publicKey.export({ format: 'jwk' })
      }),
    )
    return keys
  }

  /** @param {string} poolId @param {Res} res */
  async function jwks(poolId, res) {
    const base = await serverKeys()
    json(res, 200, {
      keys: base.map((k, i) => ({
        alg: 'RS256',
        e: k.e,
        kid: createHash('sha256').update(`${poolId}/${i}`).digest('base64'),
        kty: 'RSA',
        n: k.n,
        use: 'sig',
      })),
    })
  }

  /** @param {string} domain */
  const hostedUiBase = (domain) => `${ctx.baseUrl()}/_domain/${domain}`

  /** @param {string} poolId @param {Res} res */
  function discovery(poolId, res) {
    const pool = /** @type {NonNullable<ReturnType<Backend['pool']>>} */ (ctx.backend.pool(poolId))
    const issuer = `${ctx.issuerBaseUrl()}/${poolId}`
    const ui = pool.Domain ? hostedUiBase(pool.Domain) : undefined
    json(res, 200, {
      authorization_endpoint: ui && `${ui}/oauth2/authorize`,
      end_session_endpoint: ui && `${ui}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      revocation_endpoint: ui && `${ui}/oauth2/revoke`,
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: ui && `${ui}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: ui && `${ui}/oauth2/userInfo`,
    })
  }

  /**
   * The hosted UI of one domain. `base` is the externally visible base URL of that domain.
   * @param {string} domain @param {string} base @param {string} path @param {URLSearchParams} q @param {Res} res
   * @param {{ method: string, authorization: string, body: string }} request
   */
  async function hostedUi(domain, base, path, q, res, request) {
    const d = ctx.backend.domain(domain)
    if (!d) return html(res, 404, 'Not Found', '<h1>404 Not Found</h1>')
    // Served once ACTIVE (and while an update is UPDATING it); not while CREATING or DELETING.
    // source: AWSB-071; AWSB-060 (terraform user_pool_domain.go waitUserPoolDomainCreated)
    const serving = d.Status === 'ACTIVE' || d.Status === 'UPDATING'
    if (!serving) ctx.onInactiveDomain?.(domain)
    if (!serving) return html(res, 503, 'Service Unavailable', '<h1>503 Service Unavailable</h1><p>The domain is not available yet.</p>')
    const pool = ctx.backend.pool(d.UserPoolId)
    if (path === '/login') {
      // AWS: a version-2 (managed login) domain serves no page to a client without a branding style.
      // source: model CreateUserPoolDomainRequest.ManagedLoginVersion; AWSB-070; AWSB-115
      const clientId = q.get('client_id') ?? ''
      if (d.ManagedLoginVersion === 2 && !ctx.backend.brandingStyles(d.UserPoolId).some((st) => st.ClientId === clientId)) {
        return html(res, 200, 'Login pages unavailable', '<h1>Login pages unavailable</h1><p>Please contact an administrator.</p>')
      }
      return html(
        res,
        200,
        'Signin',
        `<h1>Sign in</h1><form method="post"><input name="username" autocomplete="username"><input name="password" type="password"><button type="submit">Sign in</button></form><p>client_id=${escapeHtml(q.get('client_id') ?? '')}</p>`,
      )
    }
    if (path === '/oauth2/token' && request.method === 'POST') return token(pool, request, res)
    if (path === '/error') {
      const error = q.get('error') ?? 'unknown_error'
      return html(res, 400, 'Error', `<h1>An error was encountered with the requested page.</h1><p id="error">${escapeHtml(error)}</p>`)
    }
    if (path === '/oauth2/authorize') {
      const clientId = q.get('client_id') ?? ''
      const client = pool?.clients.get(clientId)
      if (!client) return html(res, 400, 'Error', '<h1>An error was encountered with the requested page.</h1><p id="error">invalid_request</p>')
      const s = client.settings
      const redirectUri = q.get('redirect_uri') ?? ''
      const responseType = q.get('response_type') ?? ''
      const flow = { code: 'code', token: 'implicit' }[responseType]
      const ok =
        s.AllowedOAuthFlowsUserPoolClient === true &&
        (s.CallbackURLs ?? []).includes(redirectUri) &&
        flow !== undefined &&
        (s.AllowedOAuthFlows ?? []).includes(flow)
      /** @type {string} */
      let location
      const provider = q.get('identity_provider')
      if (ok && provider && pool) {
        // Straight to the named provider (SAML SSO URL or OIDC authorization endpoint).
        const target = await providerRedirect(pool, s, provider, base)
        if ('error' in target)
          return html(res, 400, 'Error', `<h1>An error was encountered with the requested page.</h1><p id="error">${escapeHtml(target.error)}</p>`)
        res.writeHead(302, { Location: target.location, 'Content-Length': 0 })
        return res.end()
      }
      if (ok) {
        const p = new URLSearchParams()
        for (const [k, v] of q) p.set(k, v)
        location = `${base}/login?${p.toString()}`
      } else {
        location = `${base}/error?${new URLSearchParams({ error: 'redirect_mismatch', client_id: clientId }).toString()}`
      }
      res.writeHead(302, { Location: location, 'Content-Length': 0 })
      return res.end()
    }
    return html(res, 404, 'Not Found', '<h1>404 Not Found</h1>')
  }

  /**
   * The token endpoint's refusals; it issues no tokens (no test needs one).
   * source: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html (error answers: 400 and
   * {"error": …}; invalid_client when client authentication fails, unauthorized_client when the client may not use
   * the grant, unsupported_grant_type)
   * @param {ReturnType<Backend['pool']>} pool @param {{ authorization: string, body: string }} request @param {Res} res
   */
  function token(pool, request, res) {
    const form = new URLSearchParams(request.body)
    const basic = /^Basic\s+(\S+)$/i.exec(request.authorization)
    const [id = '', secret] = basic
      ? Buffer.from(basic[1] ?? '', 'base64')
          .toString('utf8')
          .split(':')
      : [form.get('client_id') ?? '', form.get('client_secret') ?? undefined]
    const client = pool?.clients.get(id)
    // source: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html (invalid_client)
    if (!client || (client.ClientSecret !== undefined && secret !== client.ClientSecret)) return json(res, 400, { error: 'invalid_client' })
    const grant = form.get('grant_type') ?? ''
    // source: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html (unsupported_grant_type)
    if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grant)) return json(res, 400, { error: 'unsupported_grant_type' })
    // source: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html (unauthorized_client)
    if (grant === 'client_credentials' && !(client.settings.AllowedOAuthFlows ?? []).includes('client_credentials'))
      return json(res, 400, { error: 'unauthorized_client' })
    // source: test-hook tokens (not an AWS answer: the local Cognito issues no tokens)
    return json(res, 501, { error: 'not_implemented', error_description: 'the local Cognito issues no tokens' })
  }

  /**
   * Handles a non-API request. Returns false when the route is not ours.
   * @param {Req} req @param {Res} res @param {string} [body]
   */
  async function handle(req, res, body = '') {
    const request = { method: req.method ?? 'GET', authorization: String(req.headers.authorization ?? ''), body }
    const url = new URL(req.url ?? '/', 'http://localhost')
    const host = (req.headers.host ?? '').toLowerCase()
    const hostMatch = /^([a-z0-9-]+)\.auth\.([a-z0-9-]+)\.amazoncognito\.com(?::\d+)?$/.exec(host)
    if (hostMatch && hostMatch[1]) {
      await hostedUi(hostMatch[1], `http://${host}`, url.pathname, url.searchParams, res, request)
      return true
    }
    const domainMatch = /^\/_domain\/([^/]+)(\/.*)?$/.exec(url.pathname)
    if (domainMatch && domainMatch[1]) {
      await hostedUi(
        domainMatch[1],
        `http://${req.headers.host ?? '127.0.0.1'}/_domain/${domainMatch[1]}`,
        domainMatch[2] ?? '/',
        url.searchParams,
        res,
        request,
      )
      return true
    }
    const wellKnown = /^\/([^/]+)\/\.well-known\/(openid-configuration|jwks\.json)$/.exec(url.pathname)
    if (wellKnown && wellKnown[1]) {
      const poolId = decodeURIComponent(wellKnown[1])
      if (!ctx.backend.pool(poolId)) {
        json(res, 404, { message: `User pool ${poolId} does not exist.` })
        return true
      }
      if (wellKnown[2] === 'jwks.json') await jwks(poolId, res)
      else discovery(poolId, res)
      return true
    }
    return false
  }

  return { handle, serverKeys }
}
