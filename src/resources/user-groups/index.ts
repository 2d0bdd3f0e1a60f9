// User groups (user-groups): created and updated; deleted only when an entry says `remove: true`.
// Groups the input does not list are never touched; an entry manages only the members it gives
// (description, precedence); an update carries the rest, RoleArn included, from the described group.
// Destroy: deleted with the pool (no steps of their own).
import type { GroupType, UpdateGroupRequest } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import type { DesiredGroup, FieldChange, ObservedGroup, Step } from '../../model/types.js'
import type { Resource } from '../resource.js'
import { adoptOrUpdate, converge, failedWith, type ConvergeOutcome, type CreateContext } from '../shared/converge.js'
import { parseUserGroups } from './parse.js'
import { countProblem } from '../shared/quotas.js'
import { GROUPS_PER_POOL } from '../../model/quotas.js'

const label = (name: string): string => `user group '${name}'`

const toObserved = (g: GroupType): ObservedGroup => ({
  name: g.GroupName ?? '',
  ...(g.Description !== undefined ? { description: g.Description } : {}),
  ...(g.Precedence !== undefined ? { precedence: g.Precedence } : {}),
})

/** The group, or undefined when the pool has none of that name. */
export async function getGroup(port: CognitoPort, userPoolId: string, name: string): Promise<GroupType | undefined> {
  return (await port.find('GetGroup', { UserPoolId: userPoolId, GroupName: name }, label(name), ['Group']))?.Group
}

/** CreateGroup's request: the name and the members the entry gives. */
export function groupCreateRequest(userPoolId: string, g: DesiredGroup) {
  return {
    UserPoolId: userPoolId,
    GroupName: g.name,
    ...(g.description !== undefined ? { Description: g.description } : {}),
    ...(g.precedence !== undefined ? { Precedence: g.precedence } : {}),
  }
}

/**
 * UpdateGroup's request: every member, the declared ones overlaid on the described group, so that what
 * the entry leaves out (and the RoleArn the action never manages) stays as it is whether AWS keeps or
 * clears an omitted member.
 */
export function groupUpdateRequest(userPoolId: string, described: ObservedGroup & { roleArn?: string }, g: DesiredGroup): UpdateGroupRequest {
  const description = g.description ?? described.description
  const precedence = g.precedence ?? described.precedence
  return {
    UserPoolId: userPoolId,
    GroupName: g.name,
    ...(description !== undefined ? { Description: description } : {}),
    ...(precedence !== undefined ? { Precedence: precedence } : {}),
    ...(described.roleArn !== undefined ? { RoleArn: described.roleArn } : {}),
  }
}

/** The fields the entry gives that differ from the group. */
function groupChanges(g: DesiredGroup, current: ObservedGroup | undefined): FieldChange[] {
  const changes: FieldChange[] = []
  if (g.description !== undefined && g.description !== current?.description)
    changes.push({ field: 'Description', before: current?.description, after: g.description })
  if (g.precedence !== undefined && g.precedence !== current?.precedence)
    changes.push({ field: 'Precedence', before: current?.precedence, after: g.precedence })
  return changes
}

async function updateGroup(port: CognitoPort, request: UpdateGroupRequest): Promise<void> {
  await port.call('UpdateGroup', request, label(request.GroupName ?? ''))
}

/** Creates the group; a lost answer or GroupExistsException looks again: adopt it as declared, or one update. */
export async function createGroup(ctx: CreateContext, userPoolId: string, g: DesiredGroup): Promise<ConvergeOutcome> {
  const outcome = await converge(ctx, {
    create: () => ctx.port.call('CreateGroup', groupCreateRequest(userPoolId, g), label(g.name), ['Group']),
    taken: (error) => failedWith(error, 'GroupExistsException'),
    lost: (_error, unknown) => `User group '${g.name}': ${unknown ? 'the answer to the create was lost' : 'it exists already'}; looking again`,
    look: () => getGroup(ctx.port, userPoolId, g.name),
  })
  return adoptOrUpdate(
    ctx,
    `User group '${g.name}'`,
    outcome,
    (found) => groupChanges(g, toObserved(found)).length === 0,
    (found) => updateGroup(ctx.port, groupUpdateRequest(userPoolId, { ...toObserved(found), ...(found.RoleArn ? { roleArn: found.RoleArn } : {}) }, g)),
  )
}

export const userGroups: Resource = {
  kind: 'group',
  dependsOn: ['pool'],
  inputs: ['user-groups'],
  yamlInputs: ['user-groups'],

  parse(_input, { problems, raw }) {
    const groups = parseUserGroups(raw('user-groups'), problems)
    return groups !== undefined ? { userGroups: groups } : {}
  },

  async observe({ port, desired, location, observed, described }) {
    if (!desired.userGroups || location.poolId === undefined) return
    // One paged read: ListGroups describes each group (description, precedence, role).
    const groups = await port.list('ListGroups', { UserPoolId: location.poolId }, 'the user groups of the user pool')
    observed.groups = groups.map(toObserved)
    described.groups = new Map(groups.map((g) => [g.GroupName ?? '', g]))
  },

  plan(desired, observed, problems) {
    const steps = (desired.userGroups ?? []).map((g): Step => {
      const current = (observed.groups ?? []).find((o) => o.name === g.name)
      if (g.remove) return { resource: 'group', name: g.name, action: current ? 'delete' : 'no-op', changes: [] }
      if (!current) return { resource: 'group', name: g.name, action: 'create', changes: groupChanges(g, undefined) }
      const changes = groupChanges(g, current)
      return { resource: 'group', name: g.name, action: changes.length ? 'update' : 'no-op', changes }
    })
    // What the pool keeps (its groups less those this run deletes) plus what it creates (AWSB-201).
    const count = (action: Step['action']): number => steps.filter((s) => s.action === action).length
    const kept = (observed.groups ?? []).length - count('delete')
    const pool = `user pool '${observed.pool?.name ?? desired.poolName}'`
    const problem = countProblem(
      'user-groups',
      pool,
      GROUPS_PER_POOL,
      kept,
      count('create'),
      'declare fewer groups, or remove groups the pool no longer uses (remove: true)',
    )
    if (problem) problems.push(problem)
    return steps
  },

  async apply(step, ctx) {
    const g = ctx.desired.userGroups?.find((x) => x.name === step.name)
    if (!g) return
    const poolId = ctx.ids.userPoolId
    if (step.action === 'create') {
      await createGroup(ctx, poolId, g)
    } else if (step.action === 'delete') {
      // Gone meanwhile: what was asked for.
      await ctx.port.find('DeleteGroup', { UserPoolId: poolId, GroupName: g.name }, label(g.name))
    } else {
      const found = ctx.described.groups?.get(g.name)
      const current = { ...(found ? toObserved(found) : { name: g.name }), ...(found?.RoleArn ? { roleArn: found.RoleArn } : {}) }
      await updateGroup(ctx.port, groupUpdateRequest(poolId, current, g))
    }
  },
}
