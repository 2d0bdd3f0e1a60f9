// The OIDC role templates (examples/iam) carry exactly docs/iam.md's IAM policies (the one source, read
// from the page at test time), parse (CloudFormation as YAML with its short-form tags; Terraform by a
// structural check, no HCL parser being a dependency of this project), take the owner and repository as
// GitHub names them in either form of the sub claim, and set what older Terraform AWS providers need.
// The integration role's policy is built from the three, integration.yml's legs and the sweeper.
// Which role trusts which workflow: oidc-trust.test.ts.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { POLICY_NAMES, policiesOf, readPolicies, templatePoliciesOf } from '../../scripts/iam-templates.js'
import { SWEEPER_ACTIONS } from '../../scripts/sweep-integration.js'
import { ROOT, read } from '../support/docs.js'
import { parseCfn, tfBlock } from '../support/iam-templates.js'

const POLICIES = policiesOf()
const cfn = parseCfn(read('examples/iam/cloudformation.yml'))
const tf = read('examples/iam/main.tf')

describe("docs/iam.md's policies", () => {
  it('are the three marked JSON blocks, apply ⊇ plan ⊇ destroy Read (a job that applies can plan; plan-destroy runs under plan)', () => {
    expect(Object.keys(POLICIES).sort()).toEqual([...POLICY_NAMES].sort())
    const actions = (name: string, sid?: string): string[] => (POLICIES[name]?.Statement ?? []).filter((s) => !sid || s.Sid === sid).flatMap((s) => s.Action)
    for (const a of actions('plan')) expect(actions('apply'), a).toContain(a)
    for (const a of actions('destroy', 'Read')) expect(actions('plan'), a).toContain(a)
  })

  it('a page without one of them, or with one twice, is refused', () => {
    const page = read('docs/iam.md')
    expect(() => readPolicies(page.replace('<!-- iam-policy: plan -->', ''))).toThrow(/no <!-- iam-policy: plan -->/)
    expect(() => readPolicies(page.replace('<!-- iam-policy: plan -->', '<!-- iam-policy: apply -->'))).toThrow(/apply policy twice/)
  })
})

describe('examples/iam/cloudformation.yml', () => {
  it('parses; the OIDC provider is created unless an existing ARN is given', () => {
    expect(cfn.Conditions.CreateOidcProvider).toEqual({ 'Fn::Equals': [{ Ref: 'ExistingOidcProviderArn' }, ''] })
    expect(cfn.Resources.GitHubOidcProvider).toMatchObject({
      Type: 'AWS::IAM::OIDCProvider',
      Condition: 'CreateOidcProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
    })
    expect(Object.keys(cfn.Parameters)).toEqual(
      expect.arrayContaining([
        'GitHubOwner',
        'GitHubRepo',
        'RoleNamePrefix',
        'ApplyEnvironment',
        'DestroyEnvironment',
        'ExistingOidcProviderArn',
        'CreateDestroyRole',
        'CreatePreviewRoles',
        'CreateIntegrationRole',
      ]),
    )
  })

  it.each(POLICY_NAMES)("the %s managed policy is exactly docs/iam.md's", (name) => {
    const resource = cfn.Resources[`${name[0]?.toUpperCase()}${name.slice(1)}Policy`]
    expect(resource?.Type).toBe('AWS::IAM::ManagedPolicy')
    expect(resource?.Properties.PolicyDocument).toEqual(POLICIES[name])
  })

  it('every role carries one of those policies and no inline one; its name comes from RoleNamePrefix', () => {
    const roles = Object.entries(cfn.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role')
    expect(roles.map(([k]) => k)).toEqual(['ApplyRole', 'PlanRole', 'ReadRole', 'DestroyRole', 'PreviewRole', 'PreviewDestroyRole', 'IntegrationRole'])
    for (const [key, role] of roles) {
      expect(role.Properties.Policies, key).toBeUndefined()
      expect(role.Properties.ManagedPolicyArns, key).toHaveLength(1)
      expect(JSON.stringify(role.Properties.RoleName), key).toMatch(/^\{"Fn::Sub":"\$\{RoleNamePrefix\}-[a-z-]+"\}$/)
    }
    expect(cfn.Resources.DestroyRole?.Condition).toBe('WantDestroyRole')
    expect(cfn.Resources.PreviewRole?.Condition).toBe('WantPreviewRoles')
    expect(cfn.Resources.PreviewDestroyRole?.Condition).toBe('WantPreviewRoles')
    expect(cfn.Resources.IntegrationRole?.Condition).toBe('WantIntegrationRole')
    expect(cfn.Resources.IntegrationPolicy?.Condition).toBe('WantIntegrationRole')
  })
})

describe('GitHubOwner / GitHubRepo (github_owner / github_repo) accept what GitHub names, in both forms of the sub claim', () => {
  const cfnPattern = (name: string): RegExp => new RegExp(`^(?:${cfn.Parameters[name]?.AllowedPattern ?? ''})$`)
  const tfPattern = (name: string): RegExp => {
    const m = /condition\s+=\s+can\(regex\("([^"]+)"/.exec(tfBlock(tf, `variable "${name}" {`))
    return new RegExp((m?.[1] ?? '').replace(/\\\\/g, '\\'))
  }
  const OWNERS = {
    accepted: ['acme', 'a', 'Acme-Corp-42', 'x'.repeat(39), 'octocat_acme', 'acme@123456'],
    refused: ['', '-acme', 'acme/infra', 'acme:x', '*', 'acme@', 'acme@x', 'acme@12 ', 'repo:acme'],
  }
  const REPOS = {
    accepted: ['openmetadata-infra', '.github', 'a_b.c', 'infra@789012'],
    refused: ['', 'a/b', '*', 'a:b', 'a b', 'infra@'],
  }

  it.each([
    ['CloudFormation', cfnPattern('GitHubOwner'), cfnPattern('GitHubRepo')],
    ['Terraform', tfPattern('github_owner'), tfPattern('github_repo')],
  ])('%s', (_template, owner, repo) => {
    for (const v of OWNERS.accepted) expect(owner.test(v), v).toBe(true)
    for (const v of OWNERS.refused) expect(owner.test(v), v).toBe(false)
    for (const v of REPOS.accepted) expect(repo.test(v), v).toBe(true)
    for (const v of REPOS.refused) expect(repo.test(v), v).toBe(false)
  })
})

describe('examples/iam/main.tf (structural check: no HCL parser among the dependencies)', () => {
  it('is balanced and declares the provider, the policies from policies/*.json, and one role per created entry of local.roles', () => {
    const stripped = tf.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/gm, '')
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ] as const)
      expect(stripped.split(open).length, open).toBe(stripped.split(close).length)
    expect(tf).toMatch(/resource "aws_iam_openid_connect_provider" "github" \{\n\s+count\s+= var\.existing_oidc_provider_arn == "" \? 1 : 0/)
    expect(tf).toContain('client_id_list = ["sts.amazonaws.com"]')
    expect(tf).toContain('policy      = file("${path.module}/policies/${each.key}.json")')
    // docs/iam.md's three policies always; the integration policy only with its role
    expect(tf).toContain('for_each    = toset(distinct(concat(["apply", "plan", "destroy"], [for role in local.created : role.policy])))')
    expect(tf).toContain('created = { for name, role in local.roles : name => role if role.create }')
    expect(tfBlock(tf, 'resource "aws_iam_role" "this" {')).toContain('name                 = "${var.role_name_prefix}-${each.key}"')
    expect(tfBlock(tf, 'resource "aws_iam_role_policy_attachment" "this" {')).toContain('policy_arn = aws_iam_policy.this[each.value.policy].arn')
  })

  it('trusts, for each role, exactly local.repo + its subjects, by StringEquals, for the audience sts.amazonaws.com', () => {
    const trust = tfBlock(tf, 'data "aws_iam_policy_document" "trust" {')
    expect(trust).toContain('for_each = local.created')
    expect(trust).toContain('actions = ["sts:AssumeRoleWithWebIdentity"]')
    expect(trust.match(/test\s+= "StringEquals"/g)).toHaveLength(2)
    expect(trust).toMatch(/variable = "token\.actions\.githubusercontent\.com:aud"\n\s+values\s+= \["sts\.amazonaws\.com"\]/)
    expect(trust).toMatch(
      /variable = "token\.actions\.githubusercontent\.com:sub"\n\s+values\s+= \[for subject in each\.value\.subjects : "\$\{local\.repo\}:\$\{subject\}"\]/,
    )
    expect(tf).toContain('repo           = "repo:${var.github_owner}/${var.github_repo}"')
    expect(tf).not.toMatch(/StringLike|\*"/)
    expect(tfBlock(tf, 'resource "aws_iam_role" "this" {')).toContain('assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json')
  })

  it('sets thumbprint_list (required by AWS provider versions before 5.81.0), saying why', () => {
    const provider = tfBlock(tf, 'resource "aws_iam_openid_connect_provider" "github" {')
    expect(provider).toMatch(/thumbprint_list = \["[0-9a-f]{40}", "[0-9a-f]{40}"\]/)
    expect(provider).toContain('before 5.81.0')
  })

  it.each(POLICY_NAMES)("policies/%s.json is docs/iam.md's policy", (name) => {
    expect(JSON.parse(read(`examples/iam/policies/${name}.json`))).toEqual(POLICIES[name])
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
  const policy = cfn.Resources.IntegrationPolicy?.Properties.PolicyDocument as { Statement: Statement[] }

  it('is optional; its CloudFormation policy is policies/integration.json, which main.tf attaches', () => {
    expect(cfn.Conditions.WantIntegrationRole).toEqual({ 'Fn::Equals': [{ Ref: 'CreateIntegrationRole' }, 'true'] })
    expect(cfn.Resources.IntegrationRole?.Properties.ManagedPolicyArns).toEqual([{ Ref: 'IntegrationPolicy' }])
    expect(JSON.parse(read('examples/iam/policies/integration.json'))).toEqual(policy)
    expect(templatePoliciesOf().integration).toEqual(policy)
    expect(tf).toMatch(/integration\s+= \{ policy = "integration", create = var\.create_integration_role, subjects = \["ref:refs\/heads\/main"\]/)
  })

  it("allows exactly docs/iam.md's apply, plan and destroy actions, the sweeper's, and what each leg declares", () => {
    const iam = Object.values(POLICIES).flatMap(actionsOf)
    const legs = legIam()
    expect(Object.keys(legs).sort()).toEqual(['custom-domain', 'destroy-guards', 'sms-mfa'])
    const expected = new Set([...iam, ...SWEEPER_ACTIONS, ...Object.values(legs).flat()])
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
    expect(policy.Statement.map((st) => st.Sid)).toEqual(['ApplyPlanDestroy', 'LegCustomDomain', 'LegSmsMfaPassRoleToCognito'])
  })
})

describe('npm run iam-templates', () => {
  const script = join(ROOT, 'scripts/iam-templates.js')

  it('--check passes: the templates are the build of docs/iam.md', () => {
    expect(spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' }).status).toBe(0)
  })

  it('--check fails after docs/iam.md gains an action, and a plain run brings the templates up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-templates-'))
    try {
      cpSync(join(ROOT, 'docs/iam.md'), join(dir, 'docs/iam.md'))
      cpSync(join(ROOT, 'examples/iam'), join(dir, 'examples/iam'), { recursive: true })
      cpSync(join(ROOT, '.github/workflows/integration.yml'), join(dir, '.github/workflows/integration.yml'))
      const page = readFileSync(join(dir, 'docs/iam.md'), 'utf8').replace(
        '"cognito-idp:CreateUserPool",',
        '"cognito-idp:CreateUserPool",\n        "cognito-idp:CreateGroup",',
      )
      writeFileSync(join(dir, 'docs/iam.md'), page)
      const check = spawnSync(process.execPath, [script, '--check', '--root', dir], { encoding: 'utf8' })
      expect(check.status).toBe(1)
      expect(check.stderr).toContain('examples/iam/cloudformation.yml')
      expect(check.stderr).toContain('examples/iam/policies/apply.json')
      expect(check.stderr).toContain('examples/iam/policies/integration.json')
      execFileSync(process.execPath, [script, '--root', dir])
      expect(spawnSync(process.execPath, [script, '--check', '--root', dir]).status).toBe(0)
      expect(readFileSync(join(dir, 'examples/iam/cloudformation.yml'), 'utf8')).toContain('"cognito-idp:CreateGroup"')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--check fails after a leg of integration.yml declares another action; the run puts it in the integration role only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-templates-'))
    try {
      cpSync(join(ROOT, 'docs/iam.md'), join(dir, 'docs/iam.md'))
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
      const integration = JSON.parse(readFileSync(join(dir, 'examples/iam/policies/integration.json'), 'utf8')) as { Statement: Statement[] }
      expect(actionsOf(integration)).toContain('sns:Publish')
      expect(integration.Statement.find((st) => st.Action.includes('sns:Publish'))?.Sid).toBe('LegSmsMfa')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
