// @ts-check
/**
 * App clients (CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient, DeleteUserPoolClient,
 * ListUserPoolClients): the settings with their defaults and AWS's checks on URLs, OAuth flows and scopes,
 * identity providers, attributes and token validity, over the backend's shared pool state (moved from
 * cognito.js; same pattern as tags-mfa.js: `createClients(deps)` returns handlers).
 */
import { AwsError, invalidParameter } from './errors.js'
import { tokenValidityUnits } from './rules.js'
import { CLIENT_DEFAULTS, STANDARD_SCOPES } from './defaults.js'
import { LOWER_ALNUM, clone, compact, isEmptyList, randomString } from './util.js'

/** App clients per user pool ("Quotas in Amazon Cognito", resource quotas; the default). Past it CreateUserPoolClient answers LimitExceededException. */
export const MAX_APP_CLIENTS = 1000

/** @typedef {import('./cognito.js').Pool} Pool */
/** @typedef {import('./cognito.js').Client} Client */

/**
 * @param {{ nowSeconds: () => number, getPool: (id: string) => Pool, getClient: (pool: Pool, clientId: string) => Client,
 *   page: import('./cognito.js').Page,
 *   federation: { definesScope: (pool: Pool, scope: string) => boolean },
 *   branding: { dropFor: (userPoolId: string, clientId?: string) => void } }} deps
 */
export function createClients({ nowSeconds, getPool, getClient, page, federation, branding }) {
  /** Hosts that may be reached over http (for testing), whatever the port. */
  // source: model UserPoolClientType.CallbackURLs; AWSB-044
  const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']

  /**
   * AWS's rules for a redirect URL beyond the model's RedirectUrlType (1–1,024 characters of L, M, S, N, P):
   * API Reference, CreateUserPoolClient `CallbackURLs`: "A redirect URI must: Be an absolute URI. [...] Not
   * include a fragment component", and "Amazon Cognito requires HTTPS over HTTP except for http://localhost"
   * (and the loopback addresses http://127.0.0.1 and http://[::1]: AWSB-044).
   * @param {string} url @param {string} what
   */
  function checkUrl(url, what) {
    /** @type {URL} */
    let u
    try {
      u = new URL(url)
    } catch {
      // source: model UserPoolClientType.CallbackURLs ("Be an absolute URI"); AWSB-046
      throw invalidParameter(`Invalid URL provided for ${what}: ${url} is not an absolute URL.`)
    }
    // source: model UserPoolClientType.CallbackURLs ("Not include a fragment component"); AWSB-046
    if (url.includes('#')) throw invalidParameter(`Invalid URL provided for ${what}: ${url} must not contain a fragment.`)
    if (u.protocol === 'http:' && !LOOPBACK_HOSTS.includes(u.hostname)) {
      // source: model UserPoolClientType.CallbackURLs; AWSB-044; AWSB-045 (sign-out URLs: assumed the same)
      throw invalidParameter(
        `Invalid URL provided for ${what}: ${url}. HTTPS is required over HTTP except for http://localhost, http://127.0.0.1 and http://[::1].`,
      )
    }
  }

  /**
   * Validates the OAuth and URL settings of an app client (CreateUserPoolClient and UpdateUserPoolClient).
   * @param {Pool} pool @param {Record<string, any>} s @param {boolean} hasSecret
   */
  function checkClientSettings(pool, s, hasSecret) {
    for (const u of s.CallbackURLs ?? []) checkUrl(u, 'CallbackURLs')
    for (const u of s.LogoutURLs ?? []) checkUrl(u, 'LogoutURLs')
    if (s.DefaultRedirectURI !== undefined) {
      checkUrl(s.DefaultRedirectURI, 'DefaultRedirectURI')
      if (!(s.CallbackURLs ?? []).includes(s.DefaultRedirectURI)) {
        // source: model CreateUserPoolClientRequest.DefaultRedirectURI; AWSB-047
        throw invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.')
      }
    }
    const scopes = /** @type {string[]} */ (s.AllowedOAuthScopes ?? [])
    for (const scope of scopes) {
      if (!STANDARD_SCOPES.includes(scope) && !federation.definesScope(pool, scope))
        // source: model ScopeDoesNotExistException; AWSB-051
        throw new AwsError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`)
    }
    if (scopes.some((x) => ['email', 'phone', 'profile'].includes(x)) && !scopes.includes('openid')) {
      // source: AWSB-051
      throw invalidParameter('Scopes email, phone and profile require the openid scope.')
    }
    const flows = /** @type {string[]} */ (s.AllowedOAuthFlows ?? [])
    if (flows.includes('client_credentials')) {
      if (flows.includes('code') || flows.includes('implicit')) {
        // source: model InvalidOAuthFlowException; AWSB-050
        throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected with either implicit or code.')
      }
      // source: model InvalidOAuthFlowException; AWSB-050
      if (!hasSecret) throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.')
    }
    if (s.AllowedOAuthFlowsUserPoolClient) {
      if (!flows.length || !scopes.length) {
        // source: model InvalidOAuthFlowException; AWSB-050
        throw new AwsError(
          'InvalidOAuthFlowException',
          'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
        )
      }
      if ((flows.includes('code') || flows.includes('implicit')) && !(s.CallbackURLs ?? []).length) {
        // source: model InvalidOAuthFlowException; AWSB-050
        throw new AwsError('InvalidOAuthFlowException', 'CallbackUrls can not be empty when code flow or implicit flow is selected.')
      }
    }
    for (const p of s.SupportedIdentityProviders ?? []) {
      // source: model CreateUserPoolClientRequest.SupportedIdentityProviders; AWSB-052
      if (p !== 'COGNITO' && !pool.providers.has(p)) throw invalidParameter(`The provider ${p} does not exist for User Pool ${pool.Id}`)
    }
    const legacy = ['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']
    const eaf = /** @type {string[]} */ (s.ExplicitAuthFlows ?? [])
    if (eaf.some((f) => legacy.includes(f)) && eaf.some((f) => f.startsWith('ALLOW_'))) {
      // source: model ExplicitAuthFlowsType; AWSB-053
      throw invalidParameter('ExplicitAuthFlows cannot combine legacy values with ALLOW_ values.')
    }
    const known = new Set(pool.SchemaAttributes.map((a) => a.Name))
    // source: model CreateUserPoolClientRequest.ReadAttributes; AWSB-054
    for (const a of s.ReadAttributes ?? []) if (!known.has(a)) throw invalidParameter('Invalid read attributes specified while creating a client')
    for (const a of s.WriteAttributes ?? []) {
      const attr = pool.SchemaAttributes.find((x) => x.Name === a)
      // source: model CreateUserPoolClientRequest.WriteAttributes; AWSB-054
      if (!attr || !attr.Mutable) throw invalidParameter('Invalid write attributes specified while creating a client')
    }
    // Token validity ranges (documented): access/ID tokens 5 minutes..1 day, refresh tokens 60 minutes..10 years.
    const units = s.TokenValidityUnits ?? {}
    /** @param {number} v @param {string} unit */
    const seconds = (v, unit) => v * ({ seconds: 1, minutes: 60, hours: 3600, days: 86400 }[unit] ?? 1)
    const ranges = /** @type {const} */ ([
      ['AccessTokenValidity', 'AccessToken', 300, 86400],
      ['IdTokenValidity', 'IdToken', 300, 86400],
      ['RefreshTokenValidity', 'RefreshToken', 3600, 315360000],
    ])
    for (const [member, unitKey, min, max] of ranges) {
      const v = s[member]
      if (v === undefined) continue
      const sec = seconds(v, units[unitKey] ?? (unitKey === 'RefreshToken' ? 'days' : 'hours'))
      // source: AWSB-042 (terraform user_pool_client.go ConfigValidators)
      if (sec < min || sec > max) throw invalidParameter(`Invalid range for token validity: ${member}.`)
    }
    const lifetime = (/** @type {string} */ member, /** @type {string} */ unitKey, /** @type {string} */ dflt) =>
      s[member] === undefined ? undefined : seconds(s[member], units[unitKey] ?? dflt)
    const refresh = lifetime('RefreshTokenValidity', 'RefreshToken', 'days') ?? 30 * 86400
    const access = lifetime('AccessTokenValidity', 'AccessToken', 'hours') ?? 3600
    const id = lifetime('IdTokenValidity', 'IdToken', 'hours') ?? 3600
    if (access > refresh || id > refresh) {
      // source: AWSB-222
      throw invalidParameter('Access and Id Token expiration times must be less than or equal to refresh token expiration times.')
    }
  }

  /** @param {Record<string, any>} req */
  function clientSettings(req) {
    /** @type {Record<string, any>} */
    const s = {}
    for (const [k, def] of Object.entries(CLIENT_DEFAULTS)) {
      const v = req[k]
      s[k] = v === undefined || (isEmptyList(v) && def() === undefined) ? def() : clone(v)
    }
    if (req.TokenValidityUnits || req.AccessTokenValidity !== undefined || req.IdTokenValidity !== undefined || req.RefreshTokenValidity !== undefined) {
      s.TokenValidityUnits = tokenValidityUnits(req, /** @type {any} */ (CLIENT_DEFAULTS.TokenValidityUnits?.()))
    }
    return s
  }

  /**
   * DescribeUserPoolClient's UserPoolClient (the secret included).
   * source: model UserPoolClientType; AWSB-049
   * @param {Client} c
   */
  function describeClient(c) {
    return compact({
      UserPoolId: c.UserPoolId,
      ClientName: c.ClientName,
      ClientId: c.ClientId,
      ClientSecret: c.ClientSecret,
      LastModifiedDate: c.LastModifiedDate,
      CreationDate: c.CreationDate,
      ...c.settings,
    })
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    CreateUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      const settings = clientSettings(req)
      const secret = req.ClientSecret ?? (req.GenerateSecret ? randomString(LOWER_ALNUM, 51) : undefined)
      checkClientSettings(pool, settings, secret !== undefined)
      if (pool.clients.size >= MAX_APP_CLIENTS) {
        // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (app clients per user pool: 1,000); AWSB-201 (AWS's message is not documented)
        throw new AwsError('LimitExceededException', `The user pool has reached its limit of ${MAX_APP_CLIENTS} app clients.`)
      }
      let id
      do id = randomString(LOWER_ALNUM, 26)
      while (pool.clients.has(id))
      const now = nowSeconds()
      /** @type {Client} */
      const client = {
        seq: pool.nextClientSeq++,
        ClientId: id,
        UserPoolId: pool.Id,
        ClientName: req.ClientName,
        ClientSecret: secret,
        CreationDate: now,
        LastModifiedDate: now,
        settings,
      }
      pool.clients.set(id, client)
      // source: model CreateUserPoolClientResponse
      return { UserPoolClient: describeClient(client) }
    },

    DescribeUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      // source: model DescribeUserPoolClientResponse; AWSB-049
      return { UserPoolClient: describeClient(getClient(pool, req.ClientId)) }
    },

    UpdateUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      const client = getClient(pool, req.ClientId)
      const settings = clientSettings(req)
      checkClientSettings(pool, settings, client.ClientSecret !== undefined)
      client.settings = settings
      if (req.ClientName !== undefined) client.ClientName = req.ClientName
      client.LastModifiedDate = Math.max(nowSeconds(), client.LastModifiedDate + 0.001)
      // source: model UpdateUserPoolClientResponse
      return { UserPoolClient: describeClient(client) }
    },

    DeleteUserPoolClient(req) {
      const pool = getPool(req.UserPoolId)
      getClient(pool, req.ClientId)
      pool.clients.delete(req.ClientId)
      // A client's branding style goes with it; a new client has none.
      // source: AWSB-115
      branding.dropFor(pool.Id, req.ClientId)
      return {}
    },

    // source: model ListUserPoolClientsResponse
    ListUserPoolClients(req) {
      const pool = getPool(req.UserPoolId)
      const { slice, NextToken } = page([...pool.clients.values()], `clients:${pool.Id}`, req.MaxResults ?? 60, req.NextToken)
      return compact({
        UserPoolClients: slice.map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })),
        NextToken,
      })
    },
  }
  return { handlers }
}
