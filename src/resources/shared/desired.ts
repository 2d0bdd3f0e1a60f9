// Facts about the desired state that more than one resource reads. Pure.
import type { Desired } from '../../model/types.js'

/** The client's identity providers: identity-providers, then every federated provider declared. */
export function clientProviders(desired: Pick<Desired, 'identityProviders' | 'federatedProviders'>): string[] {
  const names = [...desired.identityProviders]
  for (const p of desired.federatedProviders) if (!names.includes(p.name)) names.push(p.name)
  return names
}

/** Custom scopes ('<resource-server>/<scope>') the client asks for. */
export function customScopes(desired: Pick<Desired, 'oauthScopes'>): string[] {
  return desired.oauthScopes.filter((s) => s.includes('/'))
}

/** A field change for each member of a request that is created (before: nothing). */
export function created(fields: Record<string, unknown>): { field: string; before: undefined; after: unknown }[] {
  return Object.entries(fields).map(([field, after]) => ({ field, before: undefined, after }))
}

/** The request members a step sends: its changes' `after` values (undefined = leave out). */
export function stepFields(step: { changes: { field: string; after: unknown }[] }): Record<string, unknown> {
  return Object.fromEntries(step.changes.map((c) => [c.field, c.after]))
}
