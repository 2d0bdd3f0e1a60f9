// @ts-check
/**
 * User groups (CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup) with AWS's rules:
 * - GroupName 1–128 characters of [\p{L}\p{M}\p{S}\p{N}\p{P}]+, Description at most 2048 characters,
 *   Precedence a non-negative integer, RoleArn an ARN: the model's GroupNameType, DescriptionType,
 *   PrecedenceType and ArnType (model/service-2.json), enforced for every request by validate.js.
 * - A name is unique in its pool: CreateGroup of a taken name is GroupExistsException (CreateGroup's errors
 *   in the model; API_CreateGroup: "A name for the group. This name must be unique in your user pool").
 * - GetGroup, UpdateGroup and DeleteGroup of a group that does not exist are ResourceNotFoundException (their
 *   errors in the model; Terraform AWS provider internal/service/cognitoidp/user_group.go reads a missing
 *   group as gone, and its delete tolerates ResourceNotFoundException).
 * - UpdateGroup changes the members it is given and keeps the others: Terraform's user_group.go
 *   (resourceUserGroupUpdate) sends only the members that changed, and the example of API_UpdateGroup
 *   omits RoleArn yet answers with the group's role.
 * - ListGroups pages with Limit (at most 60, the model's QueryLimitType) and NextToken.
 * - Groups live in their pool: once it is deleted, every call about them is ResourceNotFoundException.
 */
import { AwsError, notFound } from './errors.js'
import { clone, compact } from './util.js'

/** Groups per user pool ("Quotas in Amazon Cognito", resource quotas; the default). Past it CreateGroup answers LimitExceededException. */
export const MAX_GROUPS = 10000

/** @param {{ getPool: (id: string) => any, nowSeconds: () => number, page: import('./cognito.js').Page }} deps */
export function createGroups({ getPool, nowSeconds, page }) {
  /** @type {Map<string, Map<string, any>>} pool ID → GroupName → group */
  const byPool = new Map()
  let seq = 0
  /** @param {string} id */
  const groupsOf = (id) => {
    let m = byPool.get(id)
    if (!m) byPool.set(id, (m = new Map()))
    return m
  }
  /** @param {any} g */
  const view = (g) => compact({ ...g, seq: undefined })
  /** @param {Record<string, any>} req */
  const find = (req) => {
    const group = groupsOf(getPool(req.UserPoolId).Id).get(req.GroupName)
    // source: model GetGroup errors (ResourceNotFoundException); AWSB-140
    if (!group) throw notFound('Group not found.')
    return group
  }

  /** @type {Record<string, (req: Record<string, any>) => Record<string, unknown>>} */
  const handlers = {
    CreateGroup(req) {
      const pool = getPool(req.UserPoolId)
      const groups = groupsOf(pool.Id)
      // source: model CreateGroup errors (GroupExistsException); AWSB-141
      if (groups.has(req.GroupName)) throw new AwsError('GroupExistsException', `A group with the name ${req.GroupName} already exists.`)
      if (groups.size >= MAX_GROUPS) {
        // source: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (groups per user pool: 10,000); AWSB-201 (AWS's message is not documented)
        throw new AwsError('LimitExceededException', `The user pool has reached its limit of ${MAX_GROUPS} groups.`)
      }
      const now = nowSeconds()
      const group = {
        seq: ++seq,
        GroupName: req.GroupName,
        UserPoolId: pool.Id,
        Description: req.Description,
        RoleArn: req.RoleArn,
        Precedence: req.Precedence,
        LastModifiedDate: now,
        CreationDate: now,
      }
      groups.set(req.GroupName, group)
      return { Group: view(group) }
    },

    // source: model GetGroupResponse.Group; AWSB-140
    GetGroup(req) {
      return { Group: view(find(req)) }
    },

    // source: model ListGroupsResponse.Groups; AWSB-140
    ListGroups(req) {
      const pool = getPool(req.UserPoolId)
      const { slice, NextToken } = page([...groupsOf(pool.Id).values()], 'groups', req.Limit ?? 60, req.NextToken)
      return compact({ Groups: slice.map(view), NextToken })
    },

    // source: AWSB-142 (UpdateGroup keeps the members it is not given)
    UpdateGroup(req) {
      const group = find(req)
      for (const member of ['Description', 'RoleArn', 'Precedence']) if (req[member] !== undefined) group[member] = clone(req[member])
      group.LastModifiedDate = nowSeconds()
      return { Group: view(group) }
    },

    DeleteGroup(req) {
      const group = find(req)
      groupsOf(group.UserPoolId).delete(group.GroupName)
      return {}
    },
  }
  return { handlers }
}
