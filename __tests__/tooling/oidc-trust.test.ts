// Each example workflow (examples/workflows/ and every workflow block of README.md and docs/) gets a role
// from the templates (examples/iam) that fits it: for each job that assumes a role, the `sub` claims GitHub
// would issue for it (from its events, branches and environment) are derived, in the name-based and the
// immutable (ID-based) form; the role of that name must trust exactly those claims, nothing broader (no
// wildcard, no StringLike, no subject no example needs), for the audience sts.amazonaws.com, and carry the
// policy of the modes the job runs (docs/iam.md). The action's own integration workflow
// (.github/workflows/integration.yml) assumes the optional integration role the same way: its jobs' claims
// (schedule and workflow_dispatch: the main branch), and the integration policy (npm run iam-templates).
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INTEGRATION_WORKFLOW, templatePoliciesOf } from '../../scripts/iam-templates.js'
import { CONFIGURE_AWS_CREDENTIALS, actionSteps, exampleWorkflows, modeOf, read, type ExampleWorkflow, type Job, type Workflow } from '../support/docs.js'
import { cfnRoles, parseCfn, tfRoles, type EvaluatedRole } from '../support/iam-templates.js'

/** docs/iam.md's apply, plan and destroy policies, and the integration role's. */
const POLICIES = templatePoliciesOf()
type Policy = 'apply' | 'plan' | 'destroy' | 'integration'
const DEFAULT_BRANCH = 'main'
const AUD = 'token.actions.githubusercontent.com:aud'
const SUB = 'token.actions.githubusercontent.com:sub'

/** The two forms of the `sub` claim's repository part (aws-actions/configure-aws-credentials, "Immutable subject claims"). */
const FORMATS = {
  'name-based': { owner: 'acme', repo: 'openmetadata-infra', prefix: 'repo:acme/openmetadata-infra' },
  immutable: { owner: 'acme@123456', repo: 'openmetadata-infra@789012', prefix: 'repo:acme@123456/openmetadata-infra@789012' },
} as const
type Format = keyof typeof FORMATS

/** The events of a workflow's `on:` with their filters. */
function events(on: unknown): Record<string, unknown> {
  if (typeof on === 'string') return { [on]: null }
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), null]))
  return (on ?? {}) as Record<string, unknown>
}

/**
 * The `sub` claims (after `repo:OWNER/REPO:`) GitHub issues to a job of this workflow: its environment's
 * when it has one, else one per event: the pushed branches, `pull_request`, or the default branch for
 * `schedule` and `workflow_dispatch` (the examples are dispatched from the default branch). An event whose
 * claim cannot be known exactly (a push to any branch, a branch pattern) is an error: no exact trust fits it.
 */
export function subjects(workflow: Workflow, job: Job): string[] {
  const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name
  if (environment) return [`environment:${environment}`]
  const out = new Set<string>()
  for (const [event, filter] of Object.entries(events(workflow.on))) {
    if (event === 'pull_request') out.add('pull_request')
    else if (event === 'schedule' || event === 'workflow_dispatch') out.add(`ref:refs/heads/${DEFAULT_BRANCH}`)
    else if (event === 'push') {
      const branches = (filter as { branches?: string[] } | null)?.branches
      if (!branches?.length || (filter as { tags?: unknown }).tags) throw new Error('a push without an exact branches list has no exact sub claim')
      for (const b of branches) {
        if (/[*?[!]/.test(b)) throw new Error(`push branch pattern '${b}' has no exact sub claim`)
        out.add(`ref:refs/heads/${b}`)
      }
    } else throw new Error(`the test does not derive the sub claim of '${event}' events`)
  }
  return [...out].sort()
}

/** The policy a job needs: apply when it applies (apply's reads cover plan), destroy when it destroys, else plan. */
function policyFor(job: Job): Policy {
  const modes = new Set(actionSteps(job).map(modeOf))
  if (modes.has('apply') && modes.has('destroy')) throw new Error('a job that applies and destroys needs two roles')
  if (modes.has('apply')) return 'apply'
  if (modes.has('destroy')) return 'destroy'
  return 'plan'
}

interface Use {
  where: string
  job: string
  role: string
  subjects: string[]
  policy: Policy
}

/**
 * The integration workflow names its role by a repository variable, whose value is the template's
 * IntegrationRoleArn output (docs/integration.md): that role, with the integration policy, for every job.
 */
const INTEGRATION = { variable: '${{ vars.AWS_INTEGRATION_ROLE_ARN }}', role: 'cognito-sso-integration', policy: 'integration' } as const

/** Every job of the examples that assumes a role: the role's name, its claims and the policy it needs. */
function uses(workflows: ExampleWorkflow[]): Use[] {
  return workflows.flatMap(({ where, workflow }) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) =>
      (job.steps ?? [])
        .filter((s) => s.uses?.startsWith(CONFIGURE_AWS_CREDENTIALS))
        .map((s) => {
          const arn = String(s.with?.['role-to-assume'] ?? '')
          if (where === INTEGRATION_WORKFLOW) {
            if (arn !== INTEGRATION.variable) throw new Error(`${where} job ${name}: role-to-assume '${arn}' is not ${INTEGRATION.variable}`)
            return { where, job: name, role: INTEGRATION.role, subjects: subjects(workflow, job), policy: INTEGRATION.policy }
          }
          const role = /^arn:aws:iam::\d{12}:role\/([\w+=,.@-]+)$/.exec(arn)?.[1]
          if (!role) throw new Error(`${where} job ${name}: role-to-assume '${arn}' is not a role ARN`)
          return { where, job: name, role, subjects: subjects(workflow, job), policy: policyFor(job) }
        }),
    ),
  )
}

/**
 * What is wrong with the roles for these uses: a job whose role is missing, does not trust its claims or
 * carries another policy; a role that trusts more than the claims of the jobs that use it, or by a
 * wildcard, or without the audience; a role no example uses.
 */
export function trustProblems(roles: EvaluatedRole[], all: Use[], prefix: string): string[] {
  const problems: string[] = []
  const byName = new Map(roles.map((r) => [r.name, r]))
  for (const u of all) {
    const role = byName.get(u.role)
    if (!role) {
      problems.push(`${u.where} job ${u.job}: no role ${u.role} in the template`)
      continue
    }
    if (JSON.stringify(role.policy) !== JSON.stringify(POLICIES[u.policy])) {
      const source = u.policy === 'integration' ? 'examples/iam/policies/integration.json' : 'docs/iam.md'
      problems.push(`${u.where} job ${u.job}: role ${u.role} does not carry exactly the ${u.policy} policy of ${source}`)
    }
  }
  for (const role of roles) {
    const users = all.filter((u) => u.role === role.name)
    if (users.length === 0) problems.push(`role ${role.name}: no example workflow uses it`)
    const wanted = [...new Set(users.flatMap((u) => u.subjects.map((s) => `${prefix}:${s}`)))].sort()
    if (role.trust.length !== 1) problems.push(`role ${role.name}: ${role.trust.length} trust statements, expected 1`)
    for (const st of role.trust) {
      if (st.effect !== 'Allow' || st.action !== 'sts:AssumeRoleWithWebIdentity') problems.push(`role ${role.name}: not Allow sts:AssumeRoleWithWebIdentity`)
      const operators = Object.keys(st.conditions)
      if (operators.join() !== 'StringEquals') problems.push(`role ${role.name}: conditions ${operators.join(', ') || 'none'}, expected StringEquals only`)
      const equals = st.conditions.StringEquals ?? {}
      if (JSON.stringify(equals[AUD]) !== JSON.stringify(['sts.amazonaws.com'])) problems.push(`role ${role.name}: audience is not exactly sts.amazonaws.com`)
      const trusted = [...(equals[SUB] ?? [])].sort()
      for (const s of trusted) if (/[*?]/.test(s)) problems.push(`role ${role.name}: trusts the wildcard subject ${s}`)
      const broader = trusted.filter((s) => !wanted.includes(s))
      const missing = wanted.filter((s) => !trusted.includes(s))
      if (broader.length) problems.push(`role ${role.name}: trusts ${broader.join(', ')}, which no example using it presents`)
      if (missing.length)
        problems.push(`role ${role.name}: does not trust ${missing.join(', ')}, which ${users.map((u) => `${u.where} ${u.job}`).join('; ')} present`)
    }
  }
  return problems
}

const EXAMPLES = exampleWorkflows()
const INTEGRATION_TEXT = read(INTEGRATION_WORKFLOW)
const USES = uses([...EXAMPLES, { where: INTEGRATION_WORKFLOW, text: INTEGRATION_TEXT, workflow: parse(INTEGRATION_TEXT) as Workflow }])
const CFN_TEXT = read('examples/iam/cloudformation.yml')
const TF_TEXT = read('examples/iam/main.tf')
const ALL_ROLES = { CreateDestroyRole: 'true', CreatePreviewRoles: 'true', CreateIntegrationRole: 'true' }
const readPolicy = (name: string): unknown => JSON.parse(read(`examples/iam/policies/${name}.json`)) as unknown

const TEMPLATES: Record<string, (format: Format, text?: string) => EvaluatedRole[]> = {
  CloudFormation: (format, text = CFN_TEXT) => cfnRoles(parseCfn(text), { GitHubOwner: FORMATS[format].owner, GitHubRepo: FORMATS[format].repo, ...ALL_ROLES }),
  Terraform: (format, text = TF_TEXT) =>
    tfRoles(
      text,
      {
        github_owner: FORMATS[format].owner,
        github_repo: FORMATS[format].repo,
        create_destroy_role: true,
        create_preview_roles: true,
        create_integration_role: true,
      },
      readPolicy,
    ),
}

describe('the example workflows and the roles they assume', () => {
  it('reads every example workflow, and derives the sub claims of each job that assumes a role', () => {
    expect(EXAMPLES.map((e) => e.where)).toEqual(
      expect.arrayContaining([
        'examples/workflows/deploy.yml',
        'examples/workflows/plan.yml',
        'examples/workflows/drift.yml',
        'examples/workflows/later-job.yml',
        'examples/workflows/preview.yml',
        'examples/workflows/destroy.yml',
        'examples/workflows/openmetadata.yml',
      ]),
    )
    // the Okta and Entra ID workflows of docs/federation.md are blocks of a page, not files
    expect(EXAMPLES.filter((e) => e.where.startsWith('docs/federation.md:'))).toHaveLength(2)
    const summary = (file: string): string[] =>
      USES.filter((u) => u.where === `examples/workflows/${file}.yml`).map((u) => `${u.job}: ${u.role} ${u.policy} ${u.subjects.join(' ')}`)
    expect(summary('deploy')).toEqual(['cognito: cognito-sso-apply apply ref:refs/heads/main'])
    expect(summary('plan')).toEqual(['plan: cognito-sso-plan plan pull_request'])
    expect(summary('drift')).toEqual(['drift: cognito-sso-read plan ref:refs/heads/main'])
    expect(summary('later-job')).toEqual(['cognito: cognito-sso-apply apply ref:refs/heads/main', 'app: cognito-sso-read plan ref:refs/heads/main'])
    expect(summary('preview')).toEqual(['preview: cognito-sso-preview apply pull_request', 'destroy: cognito-sso-preview-destroy destroy pull_request'])
    expect(summary('destroy')).toEqual([
      'plan-destroy: cognito-sso-read plan ref:refs/heads/main',
      'destroy: cognito-sso-destroy destroy environment:cognito-sso-destroy',
    ])
    expect(summary('openmetadata')).toEqual(['cognito: cognito-sso-apply apply ref:refs/heads/main'])
    // the action's own integration workflow: scheduled and dispatched runs of main, one role for its legs and its sweeper
    expect(USES.filter((u) => u.where === INTEGRATION_WORKFLOW).map((u) => `${u.job}: ${u.role} ${u.policy} ${u.subjects.join(' ')}`)).toEqual([
      'legs: cognito-sso-integration integration ref:refs/heads/main',
      'sweep: cognito-sso-integration integration ref:refs/heads/main',
    ])
  })

  it('derives sub claims as GitHub issues them, and refuses a trigger without an exact one', () => {
    const job: Job = { steps: [] }
    expect(subjects({ on: { push: { branches: ['main', 'release'] } }, jobs: {} }, job)).toEqual(['ref:refs/heads/main', 'ref:refs/heads/release'])
    expect(subjects({ on: 'pull_request', jobs: {} }, job)).toEqual(['pull_request'])
    expect(subjects({ on: ['schedule', 'workflow_dispatch'], jobs: {} }, job)).toEqual(['ref:refs/heads/main'])
    expect(subjects({ on: { push: { branches: ['main'] }, pull_request: null }, jobs: {} }, { environment: { name: 'prod' } })).toEqual(['environment:prod'])
    expect(() => subjects({ on: 'push', jobs: {} }, job)).toThrow(/exact branches/)
    expect(() => subjects({ on: { push: { branches: ['release/*'] } }, jobs: {} }, job)).toThrow(/pattern/)
  })
})

describe.each(Object.keys(TEMPLATES))('examples/iam, %s', (template) => {
  const evaluate = TEMPLATES[template] as (format: Format, text?: string) => EvaluatedRole[]

  it.each(Object.keys(FORMATS) as Format[])('%s sub claims: each job has a role that trusts exactly its claims and carries its policy', (format) => {
    expect(trustProblems(evaluate(format), USES, FORMATS[format].prefix)).toEqual([])
  })

  it('creates the optional roles only when asked', () => {
    const names = (roles: EvaluatedRole[]): string[] => roles.map((r) => r.name).sort()
    const defaults =
      template === 'CloudFormation'
        ? cfnRoles(parseCfn(CFN_TEXT), { GitHubOwner: 'acme', GitHubRepo: 'infra' })
        : tfRoles(TF_TEXT, { github_owner: 'acme', github_repo: 'infra' }, readPolicy)
    expect(names(defaults)).toEqual(['cognito-sso-apply', 'cognito-sso-plan', 'cognito-sso-read'])
    expect(names(evaluate('name-based'))).toHaveLength(7)
  })

  it('an apply environment adds exactly its subject to the apply role', () => {
    const roles =
      template === 'CloudFormation'
        ? cfnRoles(parseCfn(CFN_TEXT), { GitHubOwner: 'acme', GitHubRepo: 'infra', ApplyEnvironment: 'production' })
        : tfRoles(TF_TEXT, { github_owner: 'acme', github_repo: 'infra', apply_environment: 'production' }, readPolicy)
    const apply = roles.find((r) => r.name === 'cognito-sso-apply')
    expect(apply?.trust[0]?.conditions.StringEquals?.[SUB]).toEqual(['repo:acme/infra:ref:refs/heads/main', 'repo:acme/infra:environment:production'])
  })
})

describe('the trust check can fail', () => {
  const prefix = FORMATS['name-based'].prefix
  /** The roles, with `name` trusting exactly `subjects` (for the audience sts.amazonaws.com). */
  const trusting = (roles: EvaluatedRole[], name: string, subjects: string[]): EvaluatedRole[] =>
    roles.map((r) =>
      r.name === name ? { ...r, trust: [{ ...r.trust[0]!, conditions: { StringEquals: { [AUD]: ['sts.amazonaws.com'], [SUB]: subjects } } }] } : r,
    )
  const cfn = (text: string): EvaluatedRole[] => TEMPLATES.CloudFormation?.('name-based', text) ?? []

  it('a role that trusts repo:o/r:* (StringLike) fails', () => {
    const text = CFN_TEXT.replace(
      'StringEquals:\n                token.actions.githubusercontent.com:aud: sts.amazonaws.com\n                token.actions.githubusercontent.com:sub: !Sub repo:${GitHubOwner}/${GitHubRepo}:pull_request',
      'StringLike:\n                token.actions.githubusercontent.com:aud: sts.amazonaws.com\n                token.actions.githubusercontent.com:sub: !Sub repo:${GitHubOwner}/${GitHubRepo}:*',
    )
    expect(text).not.toBe(CFN_TEXT)
    expect(trustProblems(cfn(text), USES, prefix)).toEqual(
      expect.arrayContaining([
        'role cognito-sso-plan: conditions StringLike, expected StringEquals only',
        'role cognito-sso-plan: audience is not exactly sts.amazonaws.com',
      ]),
    )
    const equalsStar = CFN_TEXT.replace(
      'sub: !Sub repo:${GitHubOwner}/${GitHubRepo}:pull_request\n      ManagedPolicyArns:\n        - !Ref PlanPolicy',
      'sub: !Sub repo:${GitHubOwner}/${GitHubRepo}:*\n      ManagedPolicyArns:\n        - !Ref PlanPolicy',
    )
    expect(equalsStar).not.toBe(CFN_TEXT)
    expect(trustProblems(cfn(equalsStar), USES, prefix)).toEqual(
      expect.arrayContaining([
        'role cognito-sso-plan: trusts the wildcard subject repo:acme/openmetadata-infra:*',
        'role cognito-sso-plan: trusts repo:acme/openmetadata-infra:*, which no example using it presents',
      ]),
    )
  })

  it('a role that trusts one subject more than its workflows present fails, and so does one that trusts too few', () => {
    const roles = TEMPLATES.Terraform?.('name-based') ?? []
    const widen = trusting(roles, 'cognito-sso-apply', [`${prefix}:ref:refs/heads/main`, `${prefix}:pull_request`])
    expect(trustProblems(widen, USES, prefix)).toEqual([
      'role cognito-sso-apply: trusts repo:acme/openmetadata-infra:pull_request, which no example using it presents',
    ])
    const narrow = trusting(roles, 'cognito-sso-read', [])
    expect(trustProblems(narrow, USES, prefix).join('\n')).toContain('role cognito-sso-read: does not trust repo:acme/openmetadata-infra:ref:refs/heads/main')
  })

  it('a name-based role fails for a repository with immutable claims, and a job under a role with a broader policy fails', () => {
    const nameBased = TEMPLATES.CloudFormation?.('name-based') ?? []
    expect(trustProblems(nameBased, USES, FORMATS.immutable.prefix).length).toBeGreaterThan(0)
    const drift = USES.map((u) => (u.where === 'examples/workflows/drift.yml' ? { ...u, role: 'cognito-sso-apply' } : u))
    expect(trustProblems(nameBased, drift, FORMATS['name-based'].prefix)).toContain(
      'examples/workflows/drift.yml job drift: role cognito-sso-apply does not carry exactly the plan policy of docs/iam.md',
    )
  })

  it('the integration role fails when it trusts pull requests too, or carries only the apply policy', () => {
    const roles = TEMPLATES.CloudFormation?.('name-based') ?? []
    expect(roles.map((r) => r.name)).toContain('cognito-sso-integration')
    const widen = trusting(roles, 'cognito-sso-integration', [`${prefix}:ref:refs/heads/main`, `${prefix}:pull_request`])
    expect(trustProblems(widen, USES, prefix)).toEqual([
      'role cognito-sso-integration: trusts repo:acme/openmetadata-infra:pull_request, which no example using it presents',
    ])
    const applyOnly = roles.map((r) => (r.name === 'cognito-sso-integration' ? { ...r, policy: POLICIES.apply } : r))
    expect(trustProblems(applyOnly, USES, prefix)).toEqual([
      '.github/workflows/integration.yml job legs: role cognito-sso-integration does not carry exactly the integration policy of examples/iam/policies/integration.json',
      '.github/workflows/integration.yml job sweep: role cognito-sso-integration does not carry exactly the integration policy of examples/iam/policies/integration.json',
    ])
  })
})
