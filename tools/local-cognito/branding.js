// @ts-check
/**
 * Managed login branding styles (CreateManagedLoginBranding, DescribeManagedLoginBrandingByClient,
 * DescribeManagedLoginBranding, DeleteManagedLoginBranding): one style per app client, as AWS documents.
 * Only what the action's destroy mode and its tests need: styles are stored, not rendered.
 */
import { randomUUID } from 'node:crypto'
import { AwsError, invalidParameter, notFound } from './errors.js'

/**
 * @param {{ getPool: (id: string) => any, getClient: (pool: any, clientId: string) => any }} deps
 */
export function createBranding({ getPool, getClient }) {
  /** @type {Map<string, { ManagedLoginBrandingId: string, UserPoolId: string, ClientId: string, UseCognitoProvidedValues: boolean, Settings?: unknown, CreationDate: number, LastModifiedDate: number }>} */
  const styles = new Map()
  /**
   * DescribeManagedLoginBranding's ManagedLoginBranding (what was sent; ReturnMergedResources is not simulated).
   * source: model ManagedLoginBrandingType; AWSB-112
   * @param {any} s
   */
  const describe = (s) => {
    const rest = { ...s }
    delete rest.ClientId
    return JSON.parse(JSON.stringify(rest))
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, unknown>>} */
  const handlers = {
    CreateManagedLoginBranding(req) {
      const pool = getPool(req.UserPoolId)
      getClient(pool, req.ClientId)
      if ([...styles.values()].some((s) => s.UserPoolId === pool.Id && s.ClientId === req.ClientId)) {
        // source: model ManagedLoginBrandingExistsException; AWSB-110
        throw new AwsError('ManagedLoginBrandingExistsException', 'A managed login branding style already exists for this app client.')
      }
      if (req.UseCognitoProvidedValues && (req.Settings !== undefined || req.Assets !== undefined)) {
        // source: AWSB-111 (terraform managed_login_branding.go Schema: ExactlyOneOf)
        throw invalidParameter('Settings and Assets must be omitted when UseCognitoProvidedValues is true.')
      }
      const now = Date.now() / 1000
      const style = {
        ManagedLoginBrandingId: randomUUID(),
        UserPoolId: pool.Id,
        ClientId: req.ClientId,
        UseCognitoProvidedValues: Boolean(req.UseCognitoProvidedValues),
        ...(req.Settings !== undefined ? { Settings: req.Settings } : {}),
        CreationDate: now,
        LastModifiedDate: now,
      }
      styles.set(style.ManagedLoginBrandingId, style)
      // source: model CreateManagedLoginBrandingResponse
      return { ManagedLoginBranding: describe(style) }
    },

    DescribeManagedLoginBrandingByClient(req) {
      const pool = getPool(req.UserPoolId)
      const style = [...styles.values()].find((s) => s.UserPoolId === pool.Id && s.ClientId === req.ClientId)
      // source: AWSB-113 (terraform managed_login_branding.go findManagedLoginBrandingByClient)
      if (!style) throw notFound(`No managed login branding style is assigned to app client ${req.ClientId}.`)
      // source: model DescribeManagedLoginBrandingByClientResponse
      return { ManagedLoginBranding: describe(style) }
    },

    DescribeManagedLoginBranding(req) {
      const pool = getPool(req.UserPoolId)
      const style = styles.get(req.ManagedLoginBrandingId)
      // source: AWSB-116 (terraform managed_login_branding.go findManagedLoginBranding)
      if (!style || style.UserPoolId !== pool.Id) throw notFound(`Managed login branding style ${req.ManagedLoginBrandingId} does not exist.`)
      // source: model DescribeManagedLoginBrandingResponse
      return { ManagedLoginBranding: describe(style) }
    },

    DeleteManagedLoginBranding(req) {
      const pool = getPool(req.UserPoolId)
      const style = styles.get(req.ManagedLoginBrandingId)
      // source: AWSB-116 (terraform managed_login_branding.go Delete)
      if (!style || style.UserPoolId !== pool.Id) throw notFound(`Managed login branding style ${req.ManagedLoginBrandingId} does not exist.`)
      styles.delete(style.ManagedLoginBrandingId)
      return {}
    },
  }

  return {
    handlers,
    /** Styles of a pool (or of every pool), for tests. @param {string} [userPoolId] */
    list: (userPoolId) => [...styles.values()].filter((s) => userPoolId === undefined || s.UserPoolId === userPoolId).map((s) => ({ ...s })),
    /** A deleted client or pool takes its styles with it. @param {string} userPoolId @param {string} [clientId] */
    dropFor(userPoolId, clientId) {
      for (const [id, s] of styles) if (s.UserPoolId === userPoolId && (clientId === undefined || s.ClientId === clientId)) styles.delete(id)
    },
  }
}
