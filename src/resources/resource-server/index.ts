// Resource servers (resource-servers: identifier, name, scopes): created and updated, never deleted.
// Written before the client whose custom scopes they define; deleted with the pool.
import type { ResourceServerType, UpdateResourceServerRequest } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import type { DesiredResourceServer, FieldChange, ResourceServerScope, Step } from '../../model/types.js'
import { sameSet } from '../../util/lists.js'
import type { Resource } from '../resource.js'
import { adoptOrUpdate, converge, failedWith, type ConvergeOutcome, type CreateContext } from '../shared/converge.js'
import { customScopes } from '../shared/desired.js'
import { countProblem } from '../shared/quotas.js'
import { RESOURCE_SERVERS_PER_POOL } from '../../model/quotas.js'
import { parseResourceServers } from './parse.js'

/** Every resource server of the pool, across all pages. */
export async function listResourceServers(port: CognitoPort, userPoolId: string): Promise<ResourceServerType[]> {
  return port.list('ListResourceServers', { UserPoolId: userPoolId }, 'resource servers of the user pool')
}

/** The resource server, or undefined when the pool has none with that identifier. */
export async function describeResourceServer(port: CognitoPort, userPoolId: string, identifier: string): Promise<ResourceServerType | undefined> {
  const out = await port.find('DescribeResourceServer', { UserPoolId: userPoolId, Identifier: identifier }, `resource server '${identifier}'`, [
    'ResourceServer',
  ])
  return out?.ResourceServer
}

export function resourceServerRequest(poolId: string, s: DesiredResourceServer): UpdateResourceServerRequest {
  return {
    UserPoolId: poolId,
    Identifier: s.identifier,
    Name: s.name,
    Scopes: s.scopes.map((x) => ({ ScopeName: x.name, ScopeDescription: x.description })),
  } satisfies UpdateResourceServerRequest
}

async function updateResourceServer(port: CognitoPort, request: UpdateResourceServerRequest): Promise<void> {
  await port.call('UpdateResourceServer', request, `resource server '${request.Identifier}'`)
}

/** True when the described resource server has the declared name and exactly the declared scopes. */
export function resourceServerMatches(described: ResourceServerType, s: DesiredResourceServer): boolean {
  if ((described.Name ?? '') !== s.name) return false
  const key = (name: string, description: string): string => JSON.stringify([name, description])
  const have = (described.Scopes ?? []).map((x) => key(x.ScopeName ?? '', x.ScopeDescription ?? '')).sort()
  const want = s.scopes.map((x) => key(x.name, x.description)).sort()
  return have.length === want.length && have.every((x, i) => x === want[i])
}

/**
 * Creates the declared resource server, or converges the one with that identifier: a create whose
 * answer was lost, or that finds the identifier taken, looks again; adopt, or one update. AWS answers a
 * taken identifier with InvalidParameterException (the only code its model lists that fits) and an
 * undocumented message: the code and a look at the identifier decide, never the message (AWSB-100);
 * when the look finds nothing, the refusal was about something else and stands.
 */
export async function createResourceServer(ctx: CreateContext, poolId: string, server: DesiredResourceServer): Promise<ConvergeOutcome> {
  const label = `Resource server '${server.identifier}'`
  const request = resourceServerRequest(poolId, server)
  const outcome = await converge(ctx, {
    create: () => ctx.port.call('CreateResourceServer', request, `resource server '${server.identifier}'`, ['ResourceServer']),
    taken: (error) => failedWith(error, 'InvalidParameterException'),
    lost: (_error, unknown) => `${label}: ${unknown ? 'the answer to the create was lost' : 'refused (the identifier may exist already)'}; looking again`,
    look: () => describeResourceServer(ctx.port, poolId, server.identifier),
  })
  return adoptOrUpdate(
    ctx,
    label,
    outcome,
    (found) => resourceServerMatches(found, server),
    () => updateResourceServer(ctx.port, request),
  )
}

const scopeText = (s: ResourceServerScope): string => (s.description && s.description !== s.name ? `${s.name} (${s.description})` : s.name)

export const resourceServer: Resource = {
  kind: 'resource-server',
  dependsOn: ['pool'],
  inputs: ['resource-servers'],
  yamlInputs: ['resource-servers'],

  parse(_input, { problems, raw }) {
    return { resourceServers: parseResourceServers(raw('resource-servers'), problems) }
  },

  async observe({ port, desired, location, observed }) {
    // Read when servers are declared or the client asks for a custom scope (the plan checks it is defined).
    if (location.poolId === undefined || (desired.resourceServers.length === 0 && customScopes(desired).length === 0)) return
    const servers = await listResourceServers(port, location.poolId)
    observed.resourceServers = servers.map((s) => ({
      identifier: s.Identifier ?? '',
      name: s.Name ?? '',
      scopes: (s.Scopes ?? []).map((x) => ({ name: x.ScopeName ?? '', description: x.ScopeDescription ?? '' })),
    }))
  },

  plan(desired, observed, problems) {
    const steps: Step[] = []
    const existing = observed.resourceServers ?? []
    for (const server of desired.resourceServers) {
      const current = existing.find((s) => s.identifier === server.identifier)
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
    // Servers are never deleted: the pool keeps every one it has (AWSB-201).
    const pool = `user pool '${observed.pool?.name ?? desired.poolName}'`
    const created = steps.filter((s) => s.action === 'create').length
    const problem = countProblem(
      'resource-servers',
      pool,
      RESOURCE_SERVERS_PER_POOL,
      existing.length,
      created,
      'declare fewer resource servers (one server can define up to 100 scopes)',
    )
    if (problem) problems.push(problem)
    return steps
  },

  async apply(step, ctx) {
    const server = ctx.desired.resourceServers.find((s) => s.identifier === step.name)
    if (!server) return
    if (step.action === 'create') await createResourceServer(ctx, ctx.ids.userPoolId, server)
    else await updateResourceServer(ctx.port, resourceServerRequest(ctx.ids.userPoolId, server))
  },
}
