// user-groups: parsing (every problem named), the plan (create / update / delete / no-op, only the
// members given), and the exact requests (an update carries what the entry leaves out, RoleArn included;
// a lost create looks again and adopts or converges).
import { CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, ListGroupsCommand, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apply } from '../../../src/engine/apply.js'
import { parseInputs } from '../../../src/engine/desired.js'
import { observe } from '../../../src/engine/observe.js'
import { plan } from '../../../src/engine/plan.js'
import { InputError } from '../../../src/model/errors.js'
import type { DesiredGroup } from '../../../src/model/types.js'
import { createGroup, groupUpdateRequest } from '../../../src/resources/user-groups/index.js'
import { parseUserGroups } from '../../../src/resources/user-groups/parse.js'
import { awsError, describedClient, describedPool, desired, mockCognito, POOL_ID, sent, type Mocked } from '../../support/aws.js'
import {
  ListUserPoolClientsCommand,
  DescribeUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { observedState, planDesired } from '../../support/state.js'

const problemsOf = (raw: string): string[] => {
  const problems: string[] = []
  parseUserGroups(raw, problems)
  return problems
}

describe('user-groups: parse', () => {
  it('reads name, description and precedence; remove: true lists a group for removal; empty is undefined', () => {
    const problems: string[] = []
    expect(parseUserGroups('- name: admins\n  description: Administrators\n  precedence: 0\n- name: readers\n- name: old\n  remove: true', problems)).toEqual([
      { name: 'admins', description: 'Administrators', precedence: 0 },
      { name: 'readers' },
      { name: 'old', remove: true },
    ])
    expect(problems).toEqual([])
    expect(parseUserGroups('', problems)).toBeUndefined()
    expect(parseUserGroups('  \n', problems)).toBeUndefined()
  })

  it.each([
    ['- description: x', ['user-groups: item 1: name is required, e.g. name: admins']],
    [
      '- name: has space',
      [
        "user-groups: item 1 ('has space'): name must be 1–128 letters, digits, marks, symbols or punctuation, without spaces or control characters (Cognito's rule for group names)",
      ],
    ],
    [
      `- name: ${'a'.repeat(129)}`,
      [
        `user-groups: item 1 ('${'a'.repeat(129)}'): name must be 1–128 letters, digits, marks, symbols or punctuation, without spaces or control characters (Cognito's rule for group names)`,
      ],
    ],
    ['- name: a\n  precedence: -1', ["user-groups: item 1 ('a'): precedence must be a whole number from 0 (highest) to 2147483647, e.g. precedence: 10"]],
    ['- name: a\n  precedence: 1.5', ["user-groups: item 1 ('a'): precedence must be a whole number from 0 (highest) to 2147483647, e.g. precedence: 10"]],
    [`- name: a\n  description: ${'d'.repeat(2049)}`, ["user-groups: item 1 ('a'): description is 2049 characters long; Cognito allows at most 2048"]],
    ['- name: a\n- name: a', ["user-groups: item 2 ('a'): the name appears more than once; each group must have its own entry"]],
    ['- name: a\n  colour: red', ["user-groups: item 1 ('a'): unknown key 'colour'; allowed: name, description, precedence, remove"]],
    [
      '- name: a\n  remove: true\n  precedence: 1',
      ["user-groups: item 1 ('a'): a group listed for removal (remove: true) takes no description or precedence; remove them or remove: true"],
    ],
    ['- name: a\n  remove: yes please', ["user-groups: item 1 ('a'): remove must be true or false"]],
    ['name: a', ["user-groups: must be a YAML list of groups, each starting with '- name: ...'"]],
    ['- name: [a', ["user-groups: is not valid YAML at line 1, column 11 (BAD_INDENT); give a YAML list, e.g. '- name: admins' on its first line"]],
  ])('%j → %j', (raw, expected) => {
    expect(problemsOf(raw)).toEqual(expected)
  })

  it('a hostile name is refused before any call, through the whole input parse', () => {
    const getter = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
    const inputs = {
      'pool-name': 'p',
      domain: 'p-sso',
      'callback-urls': 'https://app.example.com/cb',
      region: 'eu-west-1',
      'user-groups': '- name: "::error::x\\nowned"',
    }
    expect(() => parseInputs(getter(inputs), {})).toThrow(InputError)
    try {
      parseInputs(getter(inputs), {})
    } catch (error) {
      expect((error as InputError).problems).toEqual([
        "user-groups: item 1 ('::error::x\\nowned'): name must be 1–128 letters, digits, marks, symbols or punctuation, without spaces or control characters (Cognito's rule for group names)",
      ])
    }
  })
})

describe('user-groups: plan', () => {
  const groups: DesiredGroup[] = [
    { name: 'admins', description: 'Administrators', precedence: 0 },
    { name: 'readers', precedence: 5 },
    { name: 'same', description: 'as is' },
    { name: 'old', remove: true },
    { name: 'never-there', remove: true },
  ]
  const observed = observedState({
    groups: [
      { name: 'readers', description: 'Made by hand', precedence: 9 },
      { name: 'same', description: 'as is', precedence: 3 },
      { name: 'old', description: 'Going' },
      { name: 'unlisted', description: 'never touched' },
    ],
  })

  it('create, update (only the members given), delete when listed for removal, no-op otherwise; unlisted groups have no step', () => {
    const p = plan(planDesired({ userGroups: groups }), observed)
    expect(p.problems).toEqual([])
    expect(p.steps.filter((s) => s.resource === 'group')).toEqual([
      {
        resource: 'group',
        name: 'admins',
        action: 'create',
        changes: [
          { field: 'Description', before: undefined, after: 'Administrators' },
          { field: 'Precedence', before: undefined, after: 0 },
        ],
      },
      { resource: 'group', name: 'readers', action: 'update', changes: [{ field: 'Precedence', before: 9, after: 5 }] },
      { resource: 'group', name: 'same', action: 'no-op', changes: [] },
      { resource: 'group', name: 'old', action: 'delete', changes: [] },
      { resource: 'group', name: 'never-there', action: 'no-op', changes: [] },
    ])
  })

  it('an empty input changes nothing: no group step, no read', () => {
    expect(plan(planDesired(), observed).steps.some((s) => s.resource === 'group')).toBe(false)
  })

  it('groups are deleted with the pool: destroy has no group step', async () => {
    const { planDestroy } = await import('../../../src/engine/plan.js')
    const p = planDestroy(
      planDesired({ mode: 'destroy', deletionProtection: false, userGroups: groups }),
      observedState({ pool: { ...observedState().pool!, managedByAction: true, deletionProtection: false } }),
    )
    expect(p.steps.map((s) => s.resource)).not.toContain('group')
  })
})

describe('user-groups: requests', () => {
  let m: Mocked
  beforeEach(() => {
    m = mockCognito()
  })
  afterEach(() => {
    m.cognito.restore()
  })

  it('an update sends every member: the declared ones over the described group, its RoleArn kept', () => {
    expect(
      groupUpdateRequest(
        POOL_ID,
        { name: 'readers', description: 'Made by hand', precedence: 9, roleArn: 'arn:aws:iam::123456789012:role/readers' },
        { name: 'readers', precedence: 5 },
      ),
    ).toStrictEqual({
      UserPoolId: POOL_ID,
      GroupName: 'readers',
      Description: 'Made by hand',
      Precedence: 5,
      RoleArn: 'arn:aws:iam::123456789012:role/readers',
    })
    expect(groupUpdateRequest(POOL_ID, { name: 'g' }, { name: 'g', description: 'd' })).toStrictEqual({ UserPoolId: POOL_ID, GroupName: 'g', Description: 'd' })
  })

  it('observe reads ListGroups once (with user-groups only); apply sends the exact Create, Update and Delete requests', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'openmetadata-sso', UserPoolId: POOL_ID } })
    m.cognito.on(DescribeUserPoolCommand).resolves({ UserPool: describedPool() })
    m.cognito.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'c', ClientName: 'openmetadata-web' }] })
    m.cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: describedClient({ ClientId: 'c' }) })
    m.cognito.on(ListGroupsCommand).resolves({
      Groups: [{ GroupName: 'readers', Description: 'Made by hand', Precedence: 9, RoleArn: 'arn:aws:iam::123456789012:role/readers' }, { GroupName: 'old' }],
    })
    const want = desired({
      userGroups: [
        { name: 'admins', description: 'Administrators', precedence: 0 },
        { name: 'readers', precedence: 5 },
        { name: 'old', remove: true },
      ],
    })
    const state = await observe(m.api, want)
    expect(sent(m.cognito).filter(([op]) => op === 'ListGroups')).toEqual([['ListGroups', { UserPoolId: POOL_ID, Limit: 60 }]])
    m.cognito.on(CreateGroupCommand).resolves({ Group: { GroupName: 'admins' } })
    m.cognito.on(UpdateGroupCommand).resolves({})
    m.cognito.on(DeleteGroupCommand).resolves({})
    m.cognito.resetHistory()
    const p = plan(want, state.observed)
    await apply(m.api, want, p, state, { sleep: async () => {} })
    expect(sent(m.cognito)).toEqual(
      expect.arrayContaining([
        ['CreateGroup', { UserPoolId: POOL_ID, GroupName: 'admins', Description: 'Administrators', Precedence: 0 }],
        [
          'UpdateGroup',
          { UserPoolId: POOL_ID, GroupName: 'readers', Description: 'Made by hand', Precedence: 5, RoleArn: 'arn:aws:iam::123456789012:role/readers' },
        ],
        ['DeleteGroup', { UserPoolId: POOL_ID, GroupName: 'old' }],
      ]),
    )
    expect(sent(m.cognito).filter(([op]) => !/^(List|Describe|Get)/.test(op))).toHaveLength(3)
  })

  it('a create whose answer was lost, or whose name is taken, looks again: adopts it as declared, else one update', async () => {
    const notes: string[] = []
    const ctx = { port: m.api, token: 't', attempts: 3, sleep: async () => {}, note: (n: string) => void notes.push(n) }
    m.cognito.on(CreateGroupCommand).rejects(awsError('GroupExistsException', 'A group with the name admins already exists.'))
    m.cognito.on(GetGroupCommand).resolves({ Group: { GroupName: 'admins', Description: 'Administrators', Precedence: 0 } })
    await expect(createGroup(ctx, POOL_ID, { name: 'admins', description: 'Administrators', precedence: 0 })).resolves.toBe('adopted')
    m.cognito.on(GetGroupCommand).resolves({ Group: { GroupName: 'admins', Description: 'old', RoleArn: 'arn:aws:iam::123456789012:role/a' } })
    m.cognito.on(UpdateGroupCommand).resolves({})
    await expect(createGroup(ctx, POOL_ID, { name: 'admins', description: 'Administrators' })).resolves.toBe('updated')
    expect(m.cognito.commandCalls(UpdateGroupCommand)[0]?.args[0].input).toStrictEqual({
      UserPoolId: POOL_ID,
      GroupName: 'admins',
      Description: 'Administrators',
      RoleArn: 'arn:aws:iam::123456789012:role/a',
    })
    expect(notes).toEqual([
      "User group 'admins': it exists already; looking again",
      "User group 'admins': found it as declared; continuing with it",
      "User group 'admins': it exists already; looking again",
      "User group 'admins': found it; updated it to the declared configuration",
    ])
  })

  it('an empty 200 to CreateGroup is an unknown outcome: looked again, tried again when absent', async () => {
    const ctx = { port: m.api, token: 't', attempts: 3, sleep: async () => {}, note: () => {} }
    m.cognito
      .on(CreateGroupCommand)
      .resolvesOnce({})
      .resolves({ Group: { GroupName: 'g' } })
    m.cognito.on(GetGroupCommand).rejects(awsError('ResourceNotFoundException', 'Group not found.'))
    await expect(createGroup(ctx, POOL_ID, { name: 'g' })).resolves.toBe('created')
    expect(m.cognito.commandCalls(CreateGroupCommand)).toHaveLength(2)
  })
})
