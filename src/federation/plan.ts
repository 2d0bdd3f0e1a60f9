// Plan for what the app client depends on: identity providers and resource servers (pure). Also the
// checks that refuse, before any write, a provider or a scope the client names but nothing defines.
import type { Desired, DesiredProvider, FieldChange, Observed, ObservedProvider, ResourceServerScope, Step } from '../types.js'

/** Shown instead of a secret's value, before and after. */
export const SECRET_SET = '(secret)'
export const SECRET_CHANGED = '(secret changed)'

/** Custom scopes ('<resource-server>/<scope>') the client asks for. */
export function customScopes(desired: Desired): string[] {
  return desired.oauthScopes.filter((s) => s.includes('/'))
}

/** Identity provider names the client lists: identity-providers plus every declared provider. */
export { clientProviders } from '../settings/client.js'

/** Providers and resource servers, in the order apply writes them: all before the client. */
export function federationSteps(desired: Desired, observed: Observed, problems: string[]): Step[] {
  const steps: Step[] = []
  const existingServers = observed.resourceServers ?? []
  for (const server of desired.resourceServers) {
    const current = existingServers.find((s) => s.identifier === server.identifier)
    if (!current) {
      steps.push({
        resource: 'resource-server',
        name: server.identifier,
        action: 'create',
        changes: [
          { field: 'Name', before: undefined, after: server.name },
          { field: 'Scopes', before: undefined, after: server.scopes.map(scopeText) },
        ],
      })
      continue
    }
    const changes: FieldChange[] = []
    if (current.name !== server.name) changes.push({ field: 'Name', before: current.name, after: server.name })
    const before = current.scopes.map(scopeText)
    const after = server.scopes.map(scopeText)
    if (!sameSet(before, after)) {
      changes.push({ field: 'Scopes', before, after, added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) })
    }
    steps.push({ resource: 'resource-server', name: server.identifier, action: changes.length ? 'update' : 'no-op', changes })
  }

  const existingNames = observed.providerNames ?? []
  for (const provider of desired.federatedProviders) {
    const current = (observed.providers ?? []).find((p) => p.name === provider.name)
    if (!current) {
      if (existingNames.includes(provider.name)) {
        problems.push(
          `federated-providers: provider '${provider.name}' exists in the pool but could not be described; run again, or check the IAM policy allows DescribeIdentityProvider`,
        )
      }
      steps.push({ resource: 'provider', name: provider.name, action: 'create', changes: providerCreated(provider) })
      continue
    }
    if (current.type !== provider.type) {
      problems.push(
        `federated-providers: provider '${provider.name}' exists in the pool as type ${current.type}, not ${provider.type}; ` +
          "Cognito cannot change a provider's type: give the new one another name, or delete the old provider first",
      )
      steps.push({
        resource: 'provider',
        name: provider.name,
        action: 'replace-required',
        changes: [{ field: 'ProviderType', before: current.type, after: provider.type }],
      })
      continue
    }
    const changes = providerChanges(provider, current)
    steps.push({ resource: 'provider', name: provider.name, action: changes.length ? 'update' : 'no-op', changes })
  }

  checkDependencies(desired, observed, problems)
  return steps
}

function scopeText(s: ResourceServerScope): string {
  return s.description && s.description !== s.name ? `${s.name} (${s.description})` : s.name
}

function providerCreated(p: DesiredProvider): FieldChange[] {
  const changes: FieldChange[] = [{ field: 'ProviderType', before: undefined, after: p.type }]
  for (const [key, value] of Object.entries(p.details)) {
    changes.push({ field: `ProviderDetails.${key}`, before: undefined, after: p.secretKeys.includes(key) ? SECRET_SET : shortDetail(key, value) })
  }
  if (Object.keys(p.attributeMapping).length) changes.push({ field: 'AttributeMapping', before: undefined, after: p.attributeMapping })
  if (p.identifiers?.length) changes.push({ field: 'IdpIdentifiers', before: undefined, after: p.identifiers })
  return changes
}

/** Metadata documents are long: the plan names them by size. */
function shortDetail(key: string, value: string): string {
  return key === 'MetadataFile' ? `(metadata document, ${value.length} characters)` : value
}

/** Only what the input gives is compared; a secret is compared without ever being shown. */
function providerChanges(p: DesiredProvider, current: ObservedProvider): FieldChange[] {
  const changes: FieldChange[] = []
  for (const [key, value] of Object.entries(p.details)) {
    const before = current.details[key]
    if (before === value) continue
    if (p.secretKeys.includes(key)) {
      changes.push({ field: `ProviderDetails.${key}`, before: before === undefined ? undefined : SECRET_SET, after: SECRET_CHANGED })
    } else if (key === 'MetadataFile') {
      if (normaliseXml(before ?? '') === normaliseXml(value)) continue
      changes.push({ field: 'ProviderDetails.MetadataFile', before: before === undefined ? undefined : '(metadata document)', after: shortDetail(key, value) })
    } else {
      changes.push({ field: `ProviderDetails.${key}`, before, after: value })
    }
  }
  const mappingBefore: Record<string, string> = {}
  const mappingAfter: Record<string, string> = {}
  for (const [k, v] of Object.entries(p.attributeMapping)) {
    if (current.attributeMapping[k] === v) continue
    if (current.attributeMapping[k] !== undefined) mappingBefore[k] = current.attributeMapping[k]
    mappingAfter[k] = v
  }
  if (Object.keys(mappingAfter).length) changes.push({ field: 'AttributeMapping', before: mappingBefore, after: mappingAfter })
  if (p.identifiers !== undefined && !sameSet(p.identifiers, current.identifiers)) {
    changes.push({
      field: 'IdpIdentifiers',
      before: current.identifiers,
      after: p.identifiers,
      added: p.identifiers.filter((x) => !current.identifiers.includes(x)),
      removed: current.identifiers.filter((x) => !p.identifiers?.includes(x)),
    })
  }
  return changes
}

function normaliseXml(xml: string): string {
  return xml.replace(/>\s+</g, '><').trim()
}

/**
 * Every provider the client lists must exist in the pool or be declared; every custom scope must be
 * defined by an existing or declared resource server. A new pool has neither yet.
 */
function checkDependencies(desired: Desired, observed: Observed, problems: string[]): void {
  const declared = desired.federatedProviders.map((p) => p.name)
  const existing = observed.providerNames ?? []
  for (const name of desired.identityProviders) {
    if (name === 'COGNITO' || declared.includes(name) || existing.includes(name)) continue
    const where = observed.pool ? 'the user pool has no identity provider by that name' : 'the user pool does not exist yet, so it has no identity providers'
    problems.push(
      `identity-providers: '${name}' is neither declared in federated-providers nor an existing provider (${where}); ` +
        `declare it in federated-providers (name, type and details), or remove it from identity-providers`,
    )
  }
  const servers = [...(observed.resourceServers ?? []), ...desired.resourceServers]
  for (const scope of customScopes(desired)) {
    const defined = servers.some((s) => s.scopes.some((x) => `${s.identifier}/${x.name}` === scope))
    if (defined) continue
    const slash = scope.lastIndexOf('/')
    const id = scope.slice(0, slash)
    const server = servers.find((s) => s.identifier === id)
    const why = server
      ? `resource server '${id}' defines no scope '${scope.slice(slash + 1)}'`
      : observed.pool
        ? `no resource server '${id}' exists in the pool or is declared`
        : `the user pool does not exist yet, and resource-servers declares no '${id}'`
    problems.push(`oauth-scopes: '${scope}' is not defined (${why}); declare it in resource-servers, or remove it from oauth-scopes`)
  }
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}
