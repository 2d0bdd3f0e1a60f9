// @ts-check
/**
 * Identity providers and resource servers of a user pool, with AWS's documented rules: provider names
 * (pattern checked by the model; COGNITO reserved; social providers named after their type), the
 * ProviderDetails each type requires, one SAML metadata source, DuplicateProviderException, and
 * resource servers whose scopes app clients may then allow.
 */
import { AwsError, invalidParameter, notFound } from './errors.js'

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
 * The SSO URL (HTTP-Redirect binding) of a SAML metadata document, or undefined.
 * @param {string} xml
 */
export function samlSsoUrl(xml) {
  for (const m of xml.matchAll(/<(?:\w+:)?SingleSignOnService\b([^>]*)>/g)) {
    const attrs = m[1] ?? ''
    const binding = /Binding="([^"]*)"/.exec(attrs)?.[1] ?? ''
    const location = /Location="([^"]*)"/.exec(attrs)?.[1]
    if (location && binding.endsWith('HTTP-Redirect')) return location.replaceAll('&amp;', '&')
  }
  return undefined
}

/**
 * @param {{ getPool: (id: string) => any, now: () => number, clone: <T>(v: T) => T, compact: (o: Record<string, any>) => any,
 *   page: (items: any[], list: string, max: number, token: string | undefined) => { slice: any[], NextToken?: string } }} ctx
 */
export function federationHandlers(ctx) {
  let seq = 0

  /** @param {string} type @param {string} name @param {Record<string, string>} details */
  function checkProvider(type, name, details) {
    if (name.toUpperCase() === 'COGNITO') throw invalidParameter('COGNITO is a reserved provider name.')
    const social = /** @type {Record<string, string>} */ (SOCIAL_NAMES)[type]
    if (social !== undefined && name !== social) throw invalidParameter(`The provider name for ${type} must be ${social}.`)
    if (social === undefined && Object.values(SOCIAL_NAMES).includes(name)) throw invalidParameter(`${name} is a reserved provider name.`)
    if (type === 'SAML') {
      const hasUrl = details.MetadataURL !== undefined
      const hasFile = details.MetadataFile !== undefined
      if (hasUrl === hasFile) throw invalidParameter('Exactly one of MetadataFile or MetadataURL is required for SAML providers.')
      if (hasFile && !/<(\w+:)?EntityDescriptor[\s>]/.test(details.MetadataFile ?? '')) throw invalidParameter('Invalid SAML metadata: no EntityDescriptor.')
      if (hasFile && !samlSsoUrl(details.MetadataFile ?? ''))
        throw invalidParameter('Invalid SAML metadata: no SingleSignOnService with the HTTP-Redirect binding.')
      return
    }
    for (const key of REQUIRED_DETAILS[type] ?? []) {
      if (!details[key]) throw invalidParameter(`${key} is required for ${type} providers.`)
    }
    if (type === 'OIDC' && !['GET', 'POST'].includes(details.attributes_request_method ?? '')) {
      throw invalidParameter('attributes_request_method must be GET or POST.')
    }
  }

  /** @param {Record<string, string>} details */
  function derived(details) {
    const out = { ...details }
    delete out.SSORedirectBindingURI
    if (out.MetadataFile) {
      const sso = samlSsoUrl(out.MetadataFile)
      if (sso) out.SSORedirectBindingURI = sso
    }
    return out
  }

  /** @param {any} pool */
  const servers = (pool) => {
    pool.resourceServers ??= new Map()
    return /** @type {Map<string, any>} */ (pool.resourceServers)
  }

  /** @param {any} idp */
  const describe = (idp) => {
    const copy = ctx.clone(idp)
    delete copy.seq
    return copy
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, any>>} */
  const handlers = {
    CreateIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      if (pool.providers.has(req.ProviderName)) {
        throw new AwsError('DuplicateProviderException', `A provider with the name ${req.ProviderName} already exists in this user pool.`)
      }
      checkProvider(req.ProviderType, req.ProviderName, req.ProviderDetails ?? {})
      if (pool.providers.size >= MAX_IDENTITY_PROVIDERS) {
        throw new AwsError('LimitExceededException', `The user pool has reached its limit of ${MAX_IDENTITY_PROVIDERS} identity providers.`)
      }
      const now = ctx.now()
      const idp = ctx.compact({
        seq: ++seq,
        UserPoolId: pool.Id,
        ProviderName: req.ProviderName,
        ProviderType: req.ProviderType,
        ProviderDetails: derived(req.ProviderDetails ?? {}),
        AttributeMapping: req.AttributeMapping,
        IdpIdentifiers: req.IdpIdentifiers,
        LastModifiedDate: now,
        CreationDate: now,
      })
      pool.providers.set(req.ProviderName, idp)
      return { IdentityProvider: describe(idp) }
    },

    DescribeIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const idp = pool.providers.get(req.ProviderName)
      if (!idp) throw notFound(`Identity provider ${req.ProviderName} does not exist.`)
      return { IdentityProvider: describe(idp) }
    },

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
      const idp = pool.providers.get(req.ProviderName)
      if (!idp) throw notFound(`Identity provider ${req.ProviderName} does not exist.`)
      const details = req.ProviderDetails ?? idp.ProviderDetails
      checkProvider(idp.ProviderType, idp.ProviderName, details)
      idp.ProviderDetails = derived(details)
      if (req.AttributeMapping !== undefined) idp.AttributeMapping = ctx.clone(req.AttributeMapping)
      if (req.IdpIdentifiers !== undefined) idp.IdpIdentifiers = ctx.clone(req.IdpIdentifiers)
      idp.LastModifiedDate = Math.max(ctx.now(), idp.LastModifiedDate + 0.001)
      return { IdentityProvider: describe(idp) }
    },

    DeleteIdentityProvider(req) {
      const pool = ctx.getPool(req.UserPoolId)
      if (!pool.providers.delete(req.ProviderName)) throw notFound(`Identity provider ${req.ProviderName} does not exist.`)
      for (const client of pool.clients.values()) {
        const list = client.settings.SupportedIdentityProviders
        if (Array.isArray(list)) client.settings.SupportedIdentityProviders = list.filter((/** @type {string} */ p) => p !== req.ProviderName)
      }
      return {}
    },

    CreateResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      if (servers(pool).has(req.Identifier)) throw invalidParameter(`${req.Identifier} already exists in pool ${pool.Id}.`)
      checkScopes(req.Scopes)
      if (servers(pool).size >= MAX_RESOURCE_SERVERS) {
        throw new AwsError('LimitExceededException', `The user pool has reached its limit of ${MAX_RESOURCE_SERVERS} resource servers.`)
      }
      const server = ctx.compact({ seq: ++seq, UserPoolId: pool.Id, Identifier: req.Identifier, Name: req.Name, Scopes: ctx.clone(req.Scopes ?? []) })
      servers(pool).set(req.Identifier, server)
      return { ResourceServer: describe(server) }
    },

    DescribeResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const server = servers(pool).get(req.Identifier)
      if (!server) throw notFound(`Resource server ${req.Identifier} does not exist.`)
      return { ResourceServer: describe(server) }
    },

    ListResourceServers(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const { slice, NextToken } = ctx.page([...servers(pool).values()], `rs:${pool.Id}`, req.MaxResults || 50, req.NextToken)
      return ctx.compact({ ResourceServers: slice.map(describe), NextToken })
    },

    UpdateResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      const server = servers(pool).get(req.Identifier)
      if (!server) throw notFound(`Resource server ${req.Identifier} does not exist.`)
      checkScopes(req.Scopes)
      server.Name = req.Name
      server.Scopes = ctx.clone(req.Scopes ?? [])
      return { ResourceServer: describe(server) }
    },

    DeleteResourceServer(req) {
      const pool = ctx.getPool(req.UserPoolId)
      if (!servers(pool).delete(req.Identifier)) throw notFound(`Resource server ${req.Identifier} does not exist.`)
      return {}
    },
  }

  /** @param {any[] | undefined} scopes */
  function checkScopes(scopes) {
    const names = (scopes ?? []).map((s) => s.ScopeName)
    if (new Set(names).size !== names.length) throw invalidParameter('Duplicate scope names are not allowed.')
  }

  /**
   * Whether a custom scope '<identifier>/<name>' is defined by a resource server of the pool.
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
