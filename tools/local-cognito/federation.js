// @ts-check
/**
 * Identity providers and resource servers of a user pool, with AWS's documented rules: provider names
 * (pattern checked by the model; COGNITO reserved; social providers named after their type), the
 * ProviderDetails each type requires, one SAML metadata source, DuplicateProviderException, and
 * resource servers whose scopes app clients may then allow. Describe answers are shaped as AWS's: the
 * details AWS adds per type (AWSB-080), the SAML details it derives (AWSB-082), no Apple private key
 * (AWSB-083), the user-name mapping (AWSB-084), the OIDC endpoints from discovery (AWSB-085).
 */
import { randomBytes } from 'node:crypto'
import { AwsError, invalidParameter, notFound } from './errors.js'
import { OIDC_ENDPOINTS } from './discovery.js'

/**
 * Resource quotas per user pool (Cognito Developer Guide, "Quotas in Amazon Cognito", user pools resource
 * quotas: identity providers per user pool 300, resource servers per user pool 25; both adjustable on request,
 * these are the defaults). Past them Create* answers LimitExceededException.
 */
export const MAX_IDENTITY_PROVIDERS = 300
export const MAX_RESOURCE_SERVERS = 25

const SOCIAL_NAMES = { Google: 'Google', Facebook: 'Facebook', SignInWithApple: 'SignInWithApple', LoginWithAmazon: 'LoginWithAmazon' }
/** @type {Record<string, string[]>} */
const REQUIRED_DETAILS = {
  OIDC: ['client_id', 'authorize_scopes', 'attributes_request_method', 'oidc_issuer'],
  Google: ['client_id', 'client_secret', 'authorize_scopes'],
  Facebook: ['client_id', 'client_secret', 'authorize_scopes'],
  LoginWithAmazon: ['client_id', 'client_secret', 'authorize_scopes'],
  SignInWithApple: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
}

/**
 * The standard attributes a provider's AttributeMapping may name (keys), besides the pool's custom (custom:,
 * dev:) attributes: every mutable standard attribute and `username`; not `sub` nor `identities`.
 * source: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html; AWSB-160
 */
const MAPPABLE_STANDARD = [
  'username',
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
]

/**
 * The details AWS adds to a social provider's, as its Describe answers show them.
 * source: model CreateIdentityProviderRequest.ProviderDetails; AWSB-080; terraform identity_provider.go defaultIdentityProviderDetails
 * @type {Record<string, (details: Record<string, string>) => Record<string, string>>}
 */
const SOCIAL_DETAILS = {
  Google: () => ({
    attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
    attributes_url_add_attributes: 'true',
    authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
    oidc_issuer: 'https://accounts.google.com',
    token_request_method: 'POST',
    token_url: 'https://www.googleapis.com/oauth2/v4/token',
  }),
  Facebook: (d) => {
    const v = d.api_version ? `/${d.api_version}` : ''
    return {
      attributes_url: `https://graph.facebook.com${v}/me?fields=`,
      attributes_url_add_attributes: 'true',
      authorize_url: `https://www.facebook.com${v}/dialog/oauth`,
      token_request_method: 'GET',
      token_url: `https://graph.facebook.com${v}/oauth/access_token`,
    }
  },
  LoginWithAmazon: () => ({
    attributes_url: 'https://api.amazon.com/user/profile',
    attributes_url_add_attributes: 'false',
    authorize_url: 'https://www.amazon.com/ap/oa',
    token_request_method: 'POST',
    token_url: 'https://api.amazon.com/auth/o2/token',
  }),
  SignInWithApple: () => ({
    attributes_url_add_attributes: 'false',
    authorize_url: 'https://appleid.apple.com/auth/authorize',
    oidc_issuer: 'https://appleid.apple.com',
    token_request_method: 'POST',
    token_url: 'https://appleid.apple.com/auth/token',
  }),
}

/**
 * The claim AWS maps to `username` for each type (SAML: NameID, no mapping).
 * source: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html; AWSB-084
 * @type {Record<string, string>}
 */
const USERNAME_SOURCE = { Google: 'sub', OIDC: 'sub', SignInWithApple: 'sub', Facebook: 'id', LoginWithAmazon: 'user_id' }

/** Details AWS keeps but never describes (write-only). source: AWSB-083 */
const WRITE_ONLY_DETAILS = ['private_key']

/**
 * The URL of a SAML metadata document's service of the HTTP-Redirect binding, or undefined.
 * @param {string} xml @param {'SingleSignOnService' | 'SingleLogoutService'} service
 */
function samlServiceUrl(xml, service) {
  for (const m of xml.matchAll(new RegExp(`<(?:\\w+:)?${service}\\b([^>]*)>`, 'g'))) {
    const attrs = m[1] ?? ''
    const binding = /Binding="([^"]*)"/.exec(attrs)?.[1] ?? ''
    const location = /Location="([^"]*)"/.exec(attrs)?.[1]
    if (location && binding.endsWith('HTTP-Redirect')) return location.replaceAll('&amp;', '&')
  }
  return undefined
}

/** The SSO URL (HTTP-Redirect binding) of a SAML metadata document, or undefined. @param {string} xml */
export const samlSsoUrl = (xml) => samlServiceUrl(xml, 'SingleSignOnService')

/**
 * @param {{ getPool: (id: string) => any, now: () => number, clone: <T>(v: T) => T, compact: (o: Record<string, any>) => any,
 *   page: (items: any[], list: string, max: number, token: string | undefined) => { slice: any[], NextToken?: string },
 *   discovery?: import('./discovery.js').Discovery }} ctx
 */
export function federationHandlers(ctx) {
  let seq = 0

  /**
   * A mapping may name only attributes the pool has.
   * @param {any} pool @param {Record<string, string> | undefined} mapping
   */
  function checkMapping(pool, mapping) {
    const custom = pool.SchemaAttributes.map((/** @type {any} */ a) => a.Name).filter((/** @type {string} */ n) => /^(custom|dev):/.test(n))
    const bad = Object.keys(mapping ?? {}).filter((key) => !MAPPABLE_STANDARD.includes(key) && !custom.includes(key))
    // AWS's answer as a user reported it (aws/aws-cli#9729, a custom attribute the pool did not have).
    // source: https://github.com/aws/aws-cli/issues/9729; AWSB-160
    if (bad.length > 0) throw invalidParameter(`AttributeMapping contains invalid mapping: [${bad.join(', ')}]`)
  }

  /** @param {string} type @param {string} name @param {Record<string, string>} details */
  function checkProvider(type, name, details) {
    // source: AWSB-088 (model ProviderNameTypeV2)
    if (name.toUpperCase() === 'COGNITO') throw invalidParameter('COGNITO is a reserved provider name.')
    const social = /** @type {Record<string, string>} */ (SOCIAL_NAMES)[type]
    // source: AWSB-088
    if (social !== undefined && name !== social) throw invalidParameter(`The provider name for ${type} must be ${social}.`)
    // source: AWSB-088
    if (social === undefined && Object.values(SOCIAL_NAMES).includes(name)) throw invalidParameter(`${name} is a reserved provider name.`)
    if (type === 'SAML') {
      const hasUrl = details.MetadataURL !== undefined
      const hasFile = details.MetadataFile !== undefined
      // source: model CreateIdentityProviderRequest.ProviderDetails; AWSB-092
      if (hasUrl === hasFile) throw invalidParameter('Exactly one of MetadataFile or MetadataURL is required for SAML providers.')
      // source: AWSB-092
      if (hasFile && !/<(\w+:)?EntityDescriptor[\s>]/.test(details.MetadataFile ?? '')) throw invalidParameter('Invalid SAML metadata: no EntityDescriptor.')
      if (hasFile && !samlSsoUrl(details.MetadataFile ?? ''))
        // source: AWSB-092
        throw invalidParameter('Invalid SAML metadata: no SingleSignOnService with the HTTP-Redirect binding.')
      return
    }
    for (const key of REQUIRED_DETAILS[type] ?? []) {
      // source: model CreateIdentityProviderRequest.ProviderDetails
      if (!details[key]) throw invalidParameter(`${key} is required for ${type} providers.`)
    }
    if (type === 'OIDC' && !['GET', 'POST'].includes(details.attributes_request_method ?? '')) {
      // source: model CreateIdentityProviderRequest.ProviderDetails
      throw invalidParameter('attributes_request_method must be GET or POST.')
    }
  }

  /**
   * The details AWS stores for a create or an update: given, plus what it adds or derives.
   * @param {string} type @param {Record<string, string>} given @param {Record<string, string>} [before] the stored details (update)
   */
  function storedDetails(type, given, before) {
    const out = { ...given }
    if (type === 'SAML') {
      // Derived from the metadata, never taken from the request.
      // source: AWSB-082 (terraform identity_provider.go resourceIdentityProviderUpdate)
      delete out.SSORedirectBindingURI
      delete out.SLORedirectBindingURI
      delete out.ActiveEncryptionCertificate
      const xml = out.MetadataFile ?? (out.MetadataURL ? ctx.discovery?.samlMetadata(out.MetadataURL) : undefined) ?? ''
      const sso = samlSsoUrl(xml)
      const slo = samlServiceUrl(xml, 'SingleLogoutService')
      // source: model CreateIdentityProviderRequest.ProviderDetails (SAML Describe response); AWSB-082
      if (sso) out.SSORedirectBindingURI = sso
      if (slo) out.SLORedirectBindingURI = slo
      out.ActiveEncryptionCertificate = before?.ActiveEncryptionCertificate ?? fakeCertificate()
      return out
    }
    if (type === 'OIDC') {
      const discovered = ctx.discovery?.oidc(out.oidc_issuer ?? '') ?? {}
      for (const key of Object.keys(OIDC_ENDPOINTS)) if (!out[key] && discovered[key]) out[key] = discovered[key]
      const missing = Object.keys(OIDC_ENDPOINTS).filter((k) => !out[k])
      if (missing.length > 0) {
        // source: AWSB-085 (model CreateIdentityProviderRequest.ProviderDetails: accepted when not discoverable)
        throw invalidParameter(`Unable to retrieve the OpenID Connect discovery document of ${out.oidc_issuer}; give ${missing.join(', ')} in ProviderDetails.`)
      }
      // source: model CreateIdentityProviderRequest.ProviderDetails (OIDC Describe response); AWSB-080
      out.attributes_url_add_attributes = 'false'
      return out
    }
    // An Apple update without its key keeps the stored one (the key is write-only).
    // source: AWSB-083
    if (type === 'SignInWithApple' && !out.private_key && before?.private_key) out.private_key = before.private_key
    // source: AWSB-080
    return { ...SOCIAL_DETAILS[type]?.(out), ...out }
  }

  /** A stand-in for the encryption certificate AWS makes for each SAML provider. */
  const fakeCertificate = () => `MIIC${randomBytes(96).toString('base64')}`

  /**
   * The mapping AWS stores: the given one, and the user name's source for non-SAML providers.
   * source: AWSB-084
   * @param {string} type @param {Record<string, string> | undefined} given
   */
  const storedMapping = (type, given) => {
    const source = USERNAME_SOURCE[type]
    return source ? { username: source, ...(given ?? {}) } : given
  }

  /** @param {any} pool */
  const servers = (pool) => {
    pool.resourceServers ??= new Map()
    return /** @type {Map<string, any>} */ (pool.resourceServers)
  }

  /**
   * DescribeIdentityProvider's IdentityProvider: the stored provider without its write-only details.
   * source: model IdentityProviderType; AWSB-080; AWSB-083
   * @param {any} idp
   */
  const describe = (idp) => {
    const copy = ctx.clone(idp)
    delete copy.seq
    if (copy.ProviderDetails) for (const key of WRITE_ONLY_DETAILS) delete copy.ProviderDetails[key]
    return copy
  }

  /**
   * DescribeResourceServer's ResourceServer.
   * source: model ResourceServerType
   * @param {any} server
   */
  const describeServer = (server) => {
    const copy = ctx.clone(server)
    delete copy.seq
    return copy
  }

  /** @param {any} pool @param {string} name */
  function getProvider(pool, name) {
    const idp = pool.providers.get(name)
    // source: AWSB-090 (terraform identity_provider.go findIdentityProviderByTwoPartKey)
    if (!idp) throw notFound(`Identity provider ${name} does not exist.`)
    return idp
  }

  /** @param {any} pool @param {string} identifier */
  function getServer(pool, identifier) {
    const server = servers(pool).get(identifier)
    // source: AWSB-104 (terraform resource_server.go resourceResourceServerDelete)
    if (!server) throw notFound(`Resource server ${identifier} does not exist.`)
    return server
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    CreateIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      if (pool.providers.has(req.ProviderName)) {
        // source: model DuplicateProviderException; AWSB-089
        throw new AwsError('DuplicateProviderException', `A provider with the name ${req.ProviderName} already exists in this user pool.`)
      }
      checkProvider(req.ProviderType, req.ProviderName, req.ProviderDetails ?? {})
      checkMapping(pool, req.AttributeMapping)
      if (pool.providers.size >= MAX_IDENTITY_PROVIDERS) {
        // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (identity providers per user pool: 300)
        throw new AwsError('LimitExceededException', `The user pool has reached its limit of ${MAX_IDENTITY_PROVIDERS} identity providers.`)
      }
      const details = storedDetails(req.ProviderType, req.ProviderDetails ?? {})
      const now = ctx.now()
      const idp = ctx.compact({
        seq: ++seq,
        UserPoolId: pool.Id,
        ProviderName: req.ProviderName,
        ProviderType: req.ProviderType,
        ProviderDetails: details,
        AttributeMapping: storedMapping(req.ProviderType, req.AttributeMapping),
        IdpIdentifiers: req.IdpIdentifiers,
        LastModifiedDate: now,
        CreationDate: now,
      })
      pool.providers.set(req.ProviderName, idp)
      // The first provider adds the identities attribute to the pool's schema.
      // source: AWSB-094 (terraform user_pool.go flattenSchemaAttributeTypes)
      if (!pool.SchemaAttributes.some((/** @type {any} */ a) => a.Name === 'identities')) {
        pool.SchemaAttributes.push({
          Name: 'identities',
          AttributeDataType: 'String',
          DeveloperOnlyAttribute: false,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: {},
        })
      }
      // source: model CreateIdentityProviderResponse
      return { IdentityProvider: describe(idp) }
    },

    DescribeIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      // source: model DescribeIdentityProviderResponse; AWSB-080; AWSB-083
      return { IdentityProvider: describe(getProvider(pool, req.ProviderName)) }
    },

    // source: model ListIdentityProvidersResponse (ProviderDescription)
    ListIdentityProviders(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const { slice, NextToken } = ctx.page([...pool.providers.values()], `idp:${pool.Id}`, req.MaxResults || 60, req.NextToken)
      return ctx.compact({
        Providers: slice.map((p) => ({
          ProviderName: p.ProviderName,
          ProviderType: p.ProviderType,
          LastModifiedDate: p.LastModifiedDate,
          CreationDate: p.CreationDate,
        })),
        NextToken,
      })
    },

    UpdateIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const idp = getProvider(pool, req.ProviderName)
      const before = /** @type {Record<string, string>} */ (idp.ProviderDetails)
      const given = req.ProviderDetails ?? before
      // An Apple update without the key keeps it: checked with the stored key.
      checkProvider(idp.ProviderType, idp.ProviderName, idp.ProviderType === 'SignInWithApple' ? { private_key: before.private_key, ...given } : given)
      checkMapping(pool, req.AttributeMapping)
      idp.ProviderDetails = storedDetails(idp.ProviderType, given, before)
      if (req.AttributeMapping !== undefined) idp.AttributeMapping = storedMapping(idp.ProviderType, ctx.clone(req.AttributeMapping))
      if (req.IdpIdentifiers !== undefined) idp.IdpIdentifiers = ctx.clone(req.IdpIdentifiers)
      idp.LastModifiedDate = Math.max(ctx.now(), idp.LastModifiedDate + 0.001)
      // source: model UpdateIdentityProviderResponse
      return { IdentityProvider: describe(idp) }
    },

    DeleteIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      getProvider(pool, req.ProviderName)
      pool.providers.delete(req.ProviderName)
      // source: AWSB-052 (a deleted provider leaves the clients that named it)
      for (const client of pool.clients.values()) {
        const list = client.settings.SupportedIdentityProviders
        if (Array.isArray(list)) client.settings.SupportedIdentityProviders = list.filter((/** @type {string} */ p) => p !== req.ProviderName)
      }
      return {}
    },

    CreateResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      // The model lists no other code for a taken identifier; AWS does not document the message.
      // source: model CreateResourceServer errors; AWSB-100
      if (servers(pool).has(req.Identifier)) throw invalidParameter(`Resource server ${req.Identifier} exists in this user pool.`)
      checkScopes(req.Scopes)
      if (servers(pool).size >= MAX_RESOURCE_SERVERS) {
        // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (resource servers per user pool: 25)
        throw new AwsError('LimitExceededException', `The user pool has reached its limit of ${MAX_RESOURCE_SERVERS} resource servers.`)
      }
      const server = ctx.compact({ seq: ++seq, UserPoolId: pool.Id, Identifier: req.Identifier, Name: req.Name, Scopes: ctx.clone(req.Scopes ?? []) })
      servers(pool).set(req.Identifier, server)
      // source: model CreateResourceServerResponse
      return { ResourceServer: describeServer(server) }
    },

    DescribeResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      // source: model DescribeResourceServerResponse
      return { ResourceServer: describeServer(getServer(pool, req.Identifier)) }
    },

    // source: model ListResourceServersResponse
    ListResourceServers(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const { slice, NextToken } = ctx.page([...servers(pool).values()], `rs:${pool.Id}`, req.MaxResults || 50, req.NextToken)
      return ctx.compact({ ResourceServers: slice.map(describeServer), NextToken })
    },

    UpdateResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const server = getServer(pool, req.Identifier)
      checkScopes(req.Scopes)
      // Name and scopes are replaced whole.
      // source: AWSB-101 (terraform resource_server.go resourceResourceServerUpdate)
      server.Name = req.Name
      server.Scopes = ctx.clone(req.Scopes ?? [])
      // source: model UpdateResourceServerResponse
      return { ResourceServer: describeServer(server) }
    },

    DeleteResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      getServer(pool, req.Identifier)
      servers(pool).delete(req.Identifier)
      return {}
    },
  }

  /** @param {any[] | undefined} scopes */
  function checkScopes(scopes) {
    const names = (scopes ?? []).map((s) => s.ScopeName)
    // source: AWSB-102
    if (new Set(names).size !== names.length) throw invalidParameter('Duplicate scope names are not allowed.')
  }

  /**
   * Whether a custom scope '<identifier>/<name>' is defined by a resource server of the pool.
   * source: AWSB-103
   * @param {any} pool @param {string} scope
   */
  function definesScope(pool, scope) {
    for (const server of servers(pool).values()) {
      for (const s of server.Scopes ?? []) if (`${server.Identifier}/${s.ScopeName}` === scope) return true
    }
    return false
  }

  return { handlers, definesScope }
}
