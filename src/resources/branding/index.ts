// The managed login branding style of the app client. With managed-login: v2 (which serves pages only
// to a client with a style), a client without one gets Cognito's provided values; a style made by hand
// is left alone. Destroy removes the styles of the clients it removes, first.
import type { CognitoPort } from '../../aws/port.js'
import type { Desired, Observed, Step } from '../../model/types.js'
import type { Resource } from '../resource.js'
import { tierAtLeast, tierName, type Tier } from '../shared/catalogue.js'
import { failedWith } from '../shared/converge.js'

/** The ID of the client's managed login branding style, or undefined when it has none. */
export async function brandingIdForClient(port: CognitoPort, userPoolId: string, clientId: string, name: string): Promise<string | undefined> {
  const out = await port.find('DescribeManagedLoginBrandingByClient', { UserPoolId: userPoolId, ClientId: clientId }, `branding style of app client '${name}'`)
  return out?.ManagedLoginBranding?.ManagedLoginBrandingId || undefined
}

/** The pool's plan falls short of managed login v2 (feature-plan empty): refused before any write. */
export function managedLoginProblems(desired: Desired, observed: Observed): string[] {
  if (desired.managedLogin !== 2 || desired.settings?.['feature-plan'] !== undefined) return []
  const tier = (observed.pool?.settings?.['feature-plan'] ?? 'ESSENTIALS') as Tier
  if (tierAtLeast(tier, 'ESSENTIALS')) return []
  return [
    `managed-login: v2 (managed login) needs the essentials feature plan or higher, but user pool '${observed.pool?.name ?? desired.poolName}' is on ${tierName(tier)}; set feature-plan: essentials (it changes the bill) or use managed-login: classic`,
  ]
}

/**
 * With v2, a client without a branding style gets one with Cognito's provided values. A style belongs to
 * one client (AWSB-115): a client this run creates or replaces has none, whatever the old one had, so its
 * style is created in the same run, for the new client's ID (apply runs after the client's step).
 */
export function brandingStep(desired: Desired, observed: Observed, clientAction?: Step['action']): Step | undefined {
  if (desired.managedLogin !== 2) return undefined
  const newClient = clientAction === 'create' || clientAction === 'replace'
  const has = !newClient && observed.client !== undefined && observed.clientHasBranding === true
  return {
    resource: 'branding',
    name: desired.clientName,
    action: has ? 'no-op' : 'create',
    changes: has ? [] : [{ field: 'UseCognitoProvidedValues', before: undefined, after: true }],
  }
}

export const branding: Resource = {
  kind: 'branding',
  dependsOn: ['client', 'domain'],
  // managed-login is the domain's input; this resource reads desired.managedLogin.
  inputs: [],
  parse: () => ({}),

  async observe({ port, desired, destroying, location, observed, after }) {
    const poolId = location.poolId
    if (poolId === undefined) return
    if (destroying) {
      await Promise.all([after('pool'), after('client')])
      if (!observed.pool) return
      const styles = await Promise.all(
        observed.matchingClientIds.map(async (id) => [id, await brandingIdForClient(port, poolId, id, desired.clientName)] as const),
      )
      const withStyle = styles.filter((s): s is readonly [string, string] => s[1] !== undefined)
      if (withStyle.length) observed.clientBrandingIds = Object.fromEntries(withStyle)
      return
    }
    if (desired.managedLogin !== 2) return
    await after('client')
    const clientId = observed.matchingClientIds.length === 1 ? observed.matchingClientIds[0] : undefined
    if (clientId === undefined) return
    observed.clientHasBranding = (await brandingIdForClient(port, poolId, clientId, desired.clientName)) !== undefined
  },

  plan(desired, observed, problems, planned) {
    problems.push(...managedLoginProblems(desired, observed))
    const step = brandingStep(desired, observed, planned.find((s) => s.resource === 'client')?.action)
    return step ? [step] : []
  },

  async apply(step, ctx) {
    // ctx.ids.clientId is the client as it is after its own step: the new one when it was created or replaced.
    try {
      await ctx.port.call(
        'CreateManagedLoginBranding',
        { UserPoolId: ctx.ids.userPoolId, ClientId: ctx.ids.clientId, UseCognitoProvidedValues: true },
        `branding style of app client '${step.name}'`,
      )
    } catch (error) {
      // One style per client (AWSB-110): another run, or a lost answer, made it already.
      if (!failedWith(error, 'ManagedLoginBrandingExistsException')) throw error
      ctx.note(`Branding style of app client '${step.name}': it has one already (another run or a lost answer made it); continuing`)
    }
  },

  planDestroy(desired, observed) {
    return Object.keys(observed.clientBrandingIds ?? {}).map((): Step => ({ resource: 'branding', name: desired.clientName, action: 'delete', changes: [] }))
  },

  async destroy(step, ctx) {
    const styles = ctx.observed.clientBrandingIds ?? {}
    const [clientId, styleId] = Object.entries(styles)[0] ?? []
    if (clientId === undefined || styleId === undefined) return
    delete styles[clientId]
    await ctx.port.find(
      'DeleteManagedLoginBranding',
      { UserPoolId: ctx.ids.userPoolId, ManagedLoginBrandingId: styleId },
      `branding style of app client '${step.name}'`,
    )
  },
}
