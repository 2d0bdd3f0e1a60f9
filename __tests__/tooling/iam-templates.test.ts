// The OIDC role templates (examples/iam) carry exactly the README's IAM policies (read from the README at
// test time), trust only the subjects the README shows, and parse: CloudFormation as YAML with its
// short-form tags; Terraform by a structural check (no HCL parser is a dependency of this project).
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, type ScalarTag, type CollectionTag } from 'yaml'
import { SWEEPER_ACTIONS } from '../../scripts/sweep-integration.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const NAMES = ['apply', 'plan', 'destroy'] as const

/** The README's ```json blocks, in order: apply, plan, destroy (as __tests__/e2e/helpers.ts readmePolicy). */
function readmePolicies(): Record<(typeof NAMES)[number], unknown> {
  const blocks = [...read('README.md').matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1] ?? '') as unknown)
  return { apply: blocks[0], plan: blocks[1], destroy: blocks[2] }
}

/** CloudFormation's short-form intrinsic functions as { fn: value } objects. */
const FNS = ['Ref', 'Sub', 'If', 'Equals', 'Not', 'GetAtt', 'And', 'Or', 'Join', 'Select', 'Split', 'FindInMap', 'GetAZs', 'ImportValue', 'Base64', 'Condition']
const customTags = FNS.flatMap((fn) => {
  const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`
  const scalar: ScalarTag = { tag: `!${fn}`, resolve: (value: string) => ({ [key]: fn === 'GetAtt' ? value.split('.') : value }) }
  const seq: CollectionTag = {
    tag: `!${fn}`,
    collection: 'seq',
    resolve: (value: unknown) => ({ [key]: (value as { toJSON(): unknown }).toJSON() }),
  } as unknown as CollectionTag
  return [scalar, seq]
})

interface Role {
  Type: string
  Condition?: string
  Properties: {
    AssumeRolePolicyDocument: { Statement: { Principal: unknown; Action: string; Condition: Record<string, Record<string, unknown>> }[] }
    Policies: { PolicyDocument: unknown }[]
  }
}
const cfn = parse(read('examples/iam/cloudformation.yml'), { customTags }) as {
  Conditions: Record<string, unknown>
  Parameters: Record<string, unknown>
  Resources: Record<string, Role & { Properties: Record<string, unknown> }>
}
const ROLES = { apply: 'ApplyRole', plan: 'PlanRole', destroy: 'DestroyRole' } as const
const MAIN = { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:ref:refs/heads/main' }
const ENV = { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:environment:${ApplyEnvironment}' }
const PR = { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:pull_request' }

describe('examples/iam/cloudformation.yml', () => {
  it('parses, and the OIDC provider is created unless an existing ARN is given', () => {
    expect(cfn.Conditions.CreateOidcProvider).toEqual({ 'Fn::Equals': [{ Ref: 'ExistingOidcProviderArn' }, ''] })
    expect(cfn.Resources.GitHubOidcProvider).toMatchObject({
      Type: 'AWS::IAM::OIDCProvider',
      Condition: 'CreateOidcProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
    })
    expect(Object.keys(cfn.Parameters)).toEqual(
      expect.arrayContaining(['GitHubOwner', 'GitHubRepo', 'ApplyEnvironment', 'ExistingOidcProviderArn', 'CreateDestroyRole']),
    )
  })

  it.each(NAMES)("the %s role has exactly the README's %s policy, and only it", (name) => {
    const role = cfn.Resources[ROLES[name]]
    expect(role?.Type).toBe('AWS::IAM::Role')
    expect(role?.Properties.Policies).toHaveLength(1)
    expect(role?.Properties.Policies[0]?.PolicyDocument).toEqual(readmePolicies()[name])
    expect(role?.Properties).not.toHaveProperty('ManagedPolicyArns')
  })

  it.each(NAMES)("the %s role trusts GitHub's OIDC provider for audience sts.amazonaws.com and its subjects only", (name) => {
    const [statement, ...more] = cfn.Resources[ROLES[name]]?.Properties.AssumeRolePolicyDocument.Statement ?? []
    expect(more).toEqual([])
    expect(statement?.Action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(statement?.Principal).toEqual({ Federated: { 'Fn::If': ['CreateOidcProvider', { Ref: 'GitHubOidcProvider' }, { Ref: 'ExistingOidcProviderArn' }] } })
    expect(Object.keys(statement?.Condition ?? {})).toEqual(['StringEquals'])
    const cond = statement?.Condition.StringEquals ?? {}
    expect(cond['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com')
    const sub = cond['token.actions.githubusercontent.com:sub']
    if (name === 'plan') expect(sub).toEqual(PR)
    else expect(sub).toEqual({ 'Fn::If': ['HasApplyEnvironment', [MAIN, ENV], [MAIN]] })
  })

  it('the destroy role is optional', () => {
    expect(cfn.Resources.DestroyRole?.Condition).toBe('WantDestroyRole')
  })
})

/** Each leg's `iam:` in .github/workflows/integration.yml (read here, not through the script). */
function legIam(): Record<string, string[]> {
  const wf = parse(read('.github/workflows/integration.yml')) as { jobs: { legs: { strategy: { matrix: { include: { leg: string; iam?: string }[] } } } } }
  return Object.fromEntries(wf.jobs.legs.strategy.matrix.include.filter((e) => e.iam).map((e) => [e.leg, (e.iam ?? '').split(/\s+/).filter(Boolean)]))
}
type Statement = { Sid?: string; Action: string[]; Resource: string; Condition?: unknown }
const actionsOf = (policy: unknown): string[] => (policy as { Statement: Statement[] }).Statement.flatMap((st) => st.Action)

describe('the integration role (.github/workflows/integration.yml)', () => {
  const role = cfn.Resources.IntegrationRole
  const policy = role?.Properties.Policies[0]?.PolicyDocument as { Statement: Statement[] }

  it('is optional, trusted like the apply role, and its template policy is policies/integration.json', () => {
    expect(role?.Condition).toBe('WantIntegrationRole')
    expect(cfn.Conditions.WantIntegrationRole).toEqual({ 'Fn::Equals': [{ Ref: 'CreateIntegrationRole' }, 'true'] })
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual(cfn.Resources.ApplyRole?.Properties.AssumeRolePolicyDocument)
    expect(role?.Properties.Policies).toHaveLength(1)
    expect(JSON.parse(read('examples/iam/policies/integration.json'))).toEqual(policy)
  })

  it("allows exactly the README's apply, plan and destroy actions, the sweeper's, and what each leg declares", () => {
    const readme = Object.values(readmePolicies()).flatMap(actionsOf)
    const legs = legIam()
    expect(Object.keys(legs).sort()).toEqual(['custom-domain', 'destroy-guards', 'sms-mfa'])
    const expected = new Set([...readme, ...SWEEPER_ACTIONS, ...Object.values(legs).flat()])
    const granted = actionsOf(policy)
    expect(new Set(granted)).toEqual(expected)
    expect(granted).toHaveLength(expected.size)
    for (const st of policy.Statement) expect(st.Resource).toBe('*')
  })

  it('passes roles to Cognito only, and says what each extra statement is for', () => {
    const passRole = policy.Statement.filter((st) => st.Action.includes('iam:PassRole'))
    expect(passRole).toEqual([
      expect.objectContaining({ Action: ['iam:PassRole'], Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } } }),
    ])
    expect(policy.Statement.map((st) => st.Sid)).toEqual(['ReadmeApplyPlanDestroy', 'LegCustomDomain', 'LegSmsMfaPassRoleToCognito'])
  })
})

describe('examples/iam/main.tf (structural check: no HCL parser among the dependencies)', () => {
  const tf = read('examples/iam/main.tf')

  it('is balanced and declares the provider, the roles and their policies from policies/*.json', () => {
    const stripped = tf.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/gm, '')
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ] as const)
      expect(stripped.split(open).length, open).toBe(stripped.split(close).length)
    expect(tf).toMatch(/resource "aws_iam_openid_connect_provider" "github" \{\n\s+count\s+= var\.existing_oidc_provider_arn == "" \? 1 : 0/)
    expect(tf).toContain('client_id_list = ["sts.amazonaws.com"]')
    for (const name of NAMES) {
      expect(tf).toMatch(new RegExp(`resource "aws_iam_role" "${name}" \\{`))
      expect(tf).toContain(`policy = file("\${path.module}/policies/${name}.json")`)
    }
  })

  it('trusts main (and the optional environment) for apply and destroy, pull_request for plan', () => {
    expect(tf).toContain('["${local.repo}:ref:refs/heads/main"]')
    expect(tf).toContain('["${local.repo}:environment:${var.apply_environment}"]')
    expect(tf).toContain('plan_subjects = ["${local.repo}:pull_request"]')
    expect(tf).toContain('repo         = "repo:${var.github_owner}/${var.github_repo}"')
    expect(tf.match(/values\s+= \["sts\.amazonaws\.com"\]/g)).toHaveLength(2)
    expect(tf.match(/assume_role_policy = data\.aws_iam_policy_document\.trust_apply\.json/g)).toHaveLength(3)
    expect(tf.match(/assume_role_policy = data\.aws_iam_policy_document\.trust_plan\.json/g)).toHaveLength(1)
    expect(tf).not.toMatch(/StringLike|\*"/)
  })

  it('declares the optional integration role with policies/integration.json', () => {
    expect(tf).toMatch(/resource "aws_iam_role" "integration" \{\n\s+count\s+= var\.create_integration_role \? 1 : 0/)
    expect(tf).toContain('policy = file("${path.module}/policies/integration.json")')
  })

  it.each(NAMES)("policies/%s.json is the README's policy", (name) => {
    expect(JSON.parse(read(`examples/iam/policies/${name}.json`))).toEqual(readmePolicies()[name])
  })
})

describe('npm run iam-templates', () => {
  const script = join(ROOT, 'scripts/iam-templates.js')

  it('--check passes: the templates are the build of the README', () => {
    expect(spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' }).status).toBe(0)
  })

  it('--check fails after the README gains an action, and a plain run brings the templates up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-templates-'))
    try {
      cpSync(join(ROOT, 'README.md'), join(dir, 'README.md'))
      cpSync(join(ROOT, 'examples/iam'), join(dir, 'examples/iam'), { recursive: true })
      cpSync(join(ROOT, '.github/workflows/integration.yml'), join(dir, '.github/workflows/integration.yml'))
      const readme = readFileSync(join(dir, 'README.md'), 'utf8').replace(
        '"cognito-idp:DescribeUserPool",',
        '"cognito-idp:DescribeUserPool",\n        "cognito-idp:GetUserPoolMfaConfig",',
      )
      writeFileSync(join(dir, 'README.md'), readme)
      const check = spawnSync(process.execPath, [script, '--check', '--root', dir], { encoding: 'utf8' })
      expect(check.status).toBe(1)
      expect(check.stderr).toContain('examples/iam/cloudformation.yml')
      expect(check.stderr).toContain('examples/iam/policies/apply.json')
      execFileSync(process.execPath, [script, '--root', dir])
      expect(spawnSync(process.execPath, [script, '--check', '--root', dir]).status).toBe(0)
      expect(readFileSync(join(dir, 'examples/iam/cloudformation.yml'), 'utf8')).toContain('"cognito-idp:GetUserPoolMfaConfig"')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--check fails after a leg of integration.yml declares another action; the run puts it in the integration role only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-templates-'))
    try {
      cpSync(join(ROOT, 'README.md'), join(dir, 'README.md'))
      cpSync(join(ROOT, 'examples/iam'), join(dir, 'examples/iam'), { recursive: true })
      const workflow = read('.github/workflows/integration.yml').replace('iam: iam:PassRole', 'iam: iam:PassRole sns:Publish')
      expect(workflow).toContain('sns:Publish')
      mkdirSync(join(dir, '.github/workflows'), { recursive: true })
      writeFileSync(join(dir, '.github/workflows/integration.yml'), workflow)
      const check = spawnSync(process.execPath, [script, '--check', '--root', dir], { encoding: 'utf8' })
      expect(check.status).toBe(1)
      expect(check.stderr).toContain('examples/iam/policies/integration.json')
      expect(check.stderr).not.toContain('apply.json')
      execFileSync(process.execPath, [script, '--root', dir])
      const integration = JSON.parse(readFileSync(join(dir, 'examples/iam/policies/integration.json'), 'utf8'))
      expect(actionsOf(integration)).toContain('sns:Publish')
      expect(integration.Statement.find((st: Statement) => st.Action.includes('sns:Publish')).Sid).toBe('LegSmsMfa')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
