// .github/workflows/integration.yml replayed leg by leg (__tests__/support/workflow-replay.ts): each
// matrix leg's steps, with their `if:` conditions, ${{ }} expressions, continue-on-error and
// steps.<id>.outcome, run in order as the runner runs them. The action's steps (`uses: ./`) run the built
// dist/index.js through the runner harness (tools/run-action.js) under the Node 24 action.yml declares;
// `run:` steps really run with bash (jq and all), their `aws` commands answered by tools/local-aws-cli.js,
// which sends the same cognito-idp calls to the local Cognito (and records Route 53 changes).
//
// On top of the workflow's own checks, the local Cognito lets this test see every call: each action step
// runs under exactly the docs/iam.md policy of its mode (apply, plan, destroy; plan-destroy: destroy's Read
// statement, which docs/iam.md says is all it needs), each `run:` step under the cognito-idp actions its
// leg declares in `iam:`; the reruns and
// plans write nothing, a refused step writes nothing, and nothing is left when a leg ends.
//
// `npm run test:integration` runs this file and the sweeper's test. With COGNITO_SSO_INTEGRATION=aws and
// AWS credentials (and the AWS CLI) present, it replays the legs against AWS itself instead
// (docs/integration.md); that mode cannot run here (no AWS account) and has never been run by this suite.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { ROOT, runAction } from '../../tools/run-action.js'
import { startFakeIdp } from '../../tools/fake-idp.js'
import { operationsOf, policiesOf } from '../../scripts/iam-templates.js'
import {
  asString,
  expand,
  jobsThatRun,
  loadWorkflow,
  matrixOf,
  replayJob,
  type Contexts,
  type Job,
  type JobResult,
  type ReplayHooks,
  type StepRecord,
  type Value,
} from '../support/workflow-replay.js'
import { NODE, env as lcEnv, iamPolicy, listPools, startLc, type LocalCognito } from './helpers.js'

const WORKFLOW = '.github/workflows/integration.yml'
const workflow = loadWorkflow(WORKFLOW)
const legsJob = workflow.jobs.legs as Job
const LEGS = (legsJob.strategy?.matrix?.include ?? []).map((e) => String(e.leg))
/** Legs that need set-up outside the repository, and the repository variables that name it. */
const OPTIONAL_LEGS = ['custom-domain', 'ses-email-mfa', 'sms-mfa']
const LEG_TIMEOUT_MS = 180_000

// ---------- mode: the local Cognito, or AWS itself ----------

export type IntegrationMode = { kind: 'local' } | { kind: 'aws'; region: string } | { kind: 'refused'; why: string }

/** COGNITO_SSO_INTEGRATION=aws asks for AWS; it needs a region, credentials and the AWS CLI. */
export async function integrationMode(env: NodeJS.ProcessEnv, hasCredentials: () => Promise<boolean>, hasCli: () => boolean): Promise<IntegrationMode> {
  const wanted = (env.COGNITO_SSO_INTEGRATION ?? '').toLowerCase()
  if (wanted === '' || wanted === 'local') return { kind: 'local' }
  if (wanted !== 'aws') return { kind: 'refused', why: `COGNITO_SSO_INTEGRATION='${env.COGNITO_SSO_INTEGRATION}' is neither aws nor local` }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (!region) return { kind: 'refused', why: 'COGNITO_SSO_INTEGRATION=aws needs AWS_REGION' }
  if (env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)
    return { kind: 'refused', why: 'COGNITO_SSO_INTEGRATION=aws with AWS_ENDPOINT_URL set: unset it' }
  if (!(await hasCredentials())) return { kind: 'refused', why: 'COGNITO_SSO_INTEGRATION=aws, but the AWS SDK finds no credentials' }
  if (!hasCli()) return { kind: 'refused', why: 'COGNITO_SSO_INTEGRATION=aws needs the AWS CLI (aws) on PATH for the legs’ CLI steps' }
  return { kind: 'aws', region }
}

const MODE = await integrationMode(
  process.env,
  async () => {
    try {
      await new CognitoIdentityProviderClient({ region: process.env.AWS_REGION ?? 'us-east-1' }).config.credentials()
      return true
    } catch {
      return false
    }
  },
  () => {
    try {
      execFileSync('aws', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  },
)

// ---------- contexts ----------

const ROLE = 'arn:aws:iam::123456789012:role/cognito-sso-integration'
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'

/** Every repository variable the workflow reads, set (the optional legs then run too). */
function allVars(oidcIssuer: string): Record<string, string> {
  return {
    AWS_INTEGRATION_ROLE_ARN: ROLE,
    AWS_INTEGRATION_REGION: '',
    IT_OIDC_ISSUER: oidcIssuer,
    IT_CUSTOM_DOMAIN_ZONE: 'it.example.com',
    IT_ROUTE53_ZONE_ID: 'Z0123456789LOCAL',
    IT_CERTIFICATE_ARN: CERT,
    IT_SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/integration.example.com',
    IT_SES_FROM: 'no-reply@integration.example.com',
    IT_SMS_ROLE_ARN: 'arn:aws:iam::123456789012:role/cognito-sso-integration-sms',
  }
}

function contexts(
  vars: Record<string, string>,
  event: { name: string; schedule?: string; inputs?: Record<string, Value> } = { name: 'schedule', schedule: '23 5 * * 1' },
): Contexts {
  return {
    github: {
      run_id: '4242',
      run_attempt: '1',
      event_name: event.name,
      event: event.schedule ? { schedule: event.schedule } : { inputs: event.inputs ?? {} },
      repository: 'cognito-sso-action/cognito-sso-action',
      workspace: ROOT,
    },
    vars,
    inputs: event.inputs ?? {},
    needs: {},
    strategy: { 'fail-fast': false },
  }
}

/** The matrix entry of `leg`, evaluated for `ctx`. */
function legMatrix(ctx: Contexts, leg: string): Record<string, Value> {
  const entry = matrixOf(legsJob, ctx).find((m) => m.leg === leg)
  if (!entry) throw new Error(`integration.yml has no leg ${leg}`)
  return entry
}

// ---------- IAM, as docs/iam.md and the legs give it ----------

/** The destroy policy's Read statement (docs/iam.md): all that plan-destroy needs. */
function destroyReadStatement(): string[] {
  const read = policiesOf().destroy?.Statement.find((s) => s.Sid === 'Read')
  if (!read) throw new Error("docs/iam.md's destroy policy has no Read statement")
  return operationsOf({ Statement: [read] })
}

const POLICY_BY_MODE: Record<string, string[]> = {
  apply: iamPolicy('apply'),
  plan: iamPolicy('plan'),
  destroy: iamPolicy('destroy'),
  'plan-destroy': destroyReadStatement(),
}

/** The cognito-idp actions a leg declares for its own (AWS CLI) steps. */
const legCliActions = (matrix: Record<string, Value>): string[] =>
  asString(matrix.iam ?? null)
    .split(/\s+/)
    .filter((a) => a.startsWith('cognito-idp:'))
    .map((a) => a.slice('cognito-idp:'.length))

// ---------- the local replay of one leg ----------

interface LocalLeg {
  result: JobResult
  /** Write operations (not Describe/List/Get) each step made, by step id or name. */
  writes: Map<string, string[]>
  denied: string[]
  /** The policy (by mode) each action step ran under, by step id. */
  policies: Map<string, string>
  route53: { Action: string; Name: string; DNSName: string }[]
  lc: LocalCognito
}

/** A directory with an `aws` command that is tools/local-aws-cli.js. */
function standInPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-aws-cli-'))
  writeFileSync(join(dir, 'aws'), `#!/bin/sh\nexec "${NODE}" "${join(ROOT, 'tools', 'local-aws-cli.js')}" "$@"\n`)
  chmodSync(join(dir, 'aws'), 0o755)
  return dir
}

async function replayLegLocally(
  leg: string,
  vars: (oidcIssuer: string) => Record<string, string>,
  check: (run: LocalLeg) => Promise<void>,
  prepare: (lc: LocalCognito) => void = () => {},
  policyByMode: Record<string, string[]> = POLICY_BY_MODE,
): Promise<void> {
  const lc = await startLc()
  prepare(lc)
  const idp = await startFakeIdp()
  const bin = standInPath()
  const log = join(bin, 'route53.jsonl')
  try {
    const ctx = contexts(vars(idp.oidcIssuer))
    const matrix = legMatrix(ctx, leg)
    const writes = new Map<string, string[]>()
    const policies = new Map<string, string>()
    let mark = 0
    const hooks: ReplayHooks = {
      env: { ...(lcEnv(lc) as Record<string, string>), LOCAL_AWS_CLI_LOG: log },
      path: [bin],
      action: async (inputs, env, step) => {
        const mode = inputs.mode || 'apply'
        lc.allowOperations = policyByMode[mode]
        policies.set(step.id ?? step.name ?? '', mode)
        // GITHUB_WORKSPACE: the checkout (federated-providers' metadata-file is read from it).
        return runAction({ inputs, env: { ...env, GITHUB_WORKSPACE: ROOT }, node: NODE, timeoutMs: 120_000 })
      },
      before: () => {
        lc.allowOperations = legCliActions(matrix)
        mark = lc.calls.length
      },
      after: (step, record) => {
        const made = lc.calls.slice(mark).filter((c) => !/^(Describe|List|Get)/.test(c.operation))
        writes.set(
          record.id ?? record.name,
          made.map((c) => c.operation),
        )
        lc.allowOperations = undefined
      },
    }
    const result = await replayJob(workflow, legsJob, { ...ctx, matrix }, hooks)
    const denied = lc.calls.filter((c) => c.error?.code === 'AccessDeniedException').map((c) => c.operation)
    const route53 = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .flatMap(
            (l) =>
              (
                JSON.parse(l) as {
                  input: { ChangeBatch: { Changes: { Action: string; ResourceRecordSet: { Name: string; AliasTarget: { DNSName: string } } }[] } }
                }
              ).input.ChangeBatch.Changes,
          )
          .map((c) => ({ Action: c.Action, Name: c.ResourceRecordSet.Name, DNSName: c.ResourceRecordSet.AliasTarget.DNSName }))
      : []
    await check({ result, writes, denied, policies, route53, lc })
  } finally {
    rmSync(bin, { recursive: true, force: true })
    await idp.close()
    await lc.close()
  }
}

/** A failed leg explains itself: each failed step (those that failed the job first), with what it printed. */
function failures(steps: StepRecord[]): string {
  return steps
    .filter((s) => s.outcome === 'failure')
    .sort((a, b) => Number(a.conclusion === 'success') - Number(b.conclusion === 'success'))
    .map(
      (s) => `--- ${s.name} (${s.conclusion === 'success' ? 'failure allowed by continue-on-error' : 'FAILED'})\n${s.errors.join('\n')}\n${s.log.slice(-3000)}`,
    )
    .join('\n')
}

const ran = (steps: StepRecord[]): string[] => steps.filter((s) => s.kind === 'action' || s.kind === 'run').map((s) => s.name)

/** The steps every leg runs, whatever else it does. */
const CHAIN = [
  'Does this leg have what it needs?',
  'Apply (creates, then verifies SSO from the outside)',
  'Apply again (changes nothing)',
  'Check that the second apply wrote nothing',
  'Plan (no drift)',
  'Destroy (always, even after a failure)',
  'Look again (nothing left to destroy)',
  'Check the outputs',
]

// ---------- the tests ----------

describe('integration.yml: which jobs run', () => {
  const vars = allVars('https://accounts.google.com')

  it('without AWS_INTEGRATION_ROLE_ARN, only the notice that says how to turn it on', () => {
    expect(jobsThatRun(workflow, contexts({ ...vars, AWS_INTEGRATION_ROLE_ARN: '' }))).toEqual(['skipped'])
    expect(workflow.jobs.skipped?.steps[0]?.run).toContain('::notice title=Integration skipped::')
  })

  it('the weekly schedule and a plain dispatch run the legs, then the sweeper; the daily schedule and sweep-only run the sweeper alone', () => {
    expect(jobsThatRun(workflow, contexts(vars, { name: 'schedule', schedule: '23 5 * * 1' }))).toEqual(['legs', 'sweep'])
    expect(jobsThatRun(workflow, contexts(vars, { name: 'schedule', schedule: '41 4 * * *' }))).toEqual(['sweep'])
    expect(jobsThatRun(workflow, contexts(vars, { name: 'workflow_dispatch', inputs: { 'sweep-only': false, 'dry-run': false } }))).toEqual(['legs', 'sweep'])
    expect(jobsThatRun(workflow, contexts(vars, { name: 'workflow_dispatch', inputs: { 'sweep-only': true, 'dry-run': false } }))).toEqual(['sweep'])
    // The sweeper runs even when a leg failed (always()).
    expect(jobsThatRun(workflow, contexts(vars), ['legs'])).toEqual(['legs', 'sweep'])
  })

  it("docs/integration.md's table of legs is the workflow's: a row per leg, naming the variables and the IAM actions the leg needs", () => {
    const page = readFileSync(join(ROOT, 'docs/integration.md'), 'utf8')
    const rows = new Map([...page.matchAll(/^\| `([a-z0-9-]+)` \| (.*) \|$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']))
    expect([...rows.keys()]).toEqual(LEGS)
    const ctx = contexts(vars)
    for (const leg of LEGS) {
      const matrix = legMatrix(ctx, leg)
      const row = rows.get(leg) ?? ''
      for (const name of asString(matrix['needs-vars'] ?? null)
        .split(/[\s,]+/)
        .filter(Boolean))
        expect(row, `${leg}: ${name}`).toContain(`\`${name}\``)
      for (const action of asString(matrix.iam ?? null)
        .split(/\s+/)
        .filter(Boolean))
        expect(row, `${leg}: ${action}`).toContain(action.replace(/^cognito-idp:/, ''))
    }
  })

  it('one concurrency group for the workflow, never cancelled; legs do not cancel each other', () => {
    expect(workflow.concurrency).toEqual({ group: 'integration-aws', 'cancel-in-progress': false })
    expect(legsJob.strategy?.['fail-fast']).toBe(false)
  })

  it('every leg has its own pool and domain, named after the run, the attempt and the leg', () => {
    const ctx = contexts(vars)
    expect(LEGS).toEqual(expect.arrayContaining(['minimal', 'wizard', 'managed-login', 'federation', 'm2m', 'refusals', 'destroy-guards', ...OPTIONAL_LEGS]))
    const pools = LEGS.map((leg) => expand(legsJob.env?.POOL_NAME, { ...ctx, matrix: legMatrix(ctx, leg) }))
    const domains = LEGS.map((leg) => expand(legsJob.env?.DOMAIN, { ...ctx, matrix: legMatrix(ctx, leg) }))
    expect(pools).toEqual(LEGS.map((leg) => `sso-action-it-4242-1-${leg}`))
    expect(new Set(domains).size).toBe(LEGS.length)
    for (const [i, domain] of domains.entries()) {
      if (LEGS[i] === 'custom-domain') expect(domain).toBe('auth-4242-1.it.example.com')
      else {
        expect(domain).toBe(pools[i])
        // A Cognito prefix: at most 63 lowercase letters, digits and hyphens, without aws, amazon or cognito.
        expect(domain).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
        expect(domain).not.toMatch(/aws|amazon|cognito/)
      }
    }
    // The longest run IDs GitHub hands out today have 11 digits; attempts stay small.
    const longest = Math.max(...LEGS.filter((l) => l !== 'custom-domain').map((l) => `sso-action-it-99999999999-99-${l}`.length))
    expect(longest).toBeLessThanOrEqual(63)
  })
})

if (MODE.kind === 'refused') {
  describe('npm run test:integration against AWS', () => {
    it('cannot run', () => {
      throw new Error(MODE.why)
    })
  })
} else if (MODE.kind === 'local') {
  describe.each(LEGS)('integration.yml leg %s against the local Cognito (every repository variable set)', (leg) => {
    it(
      'apply (verify) → apply again with 0 writes → plan without drift → its own steps → destroy, leaving nothing',
      async () => {
        await replayLegLocally(leg, allVars, async ({ result, writes, denied, policies, route53, lc }) => {
          if (process.env.DEBUG_REPLAY)
            console.log(
              result.steps.map((s) => `${s.outcome.padEnd(8)} ${s.kind.padEnd(7)} ${s.name} ${JSON.stringify(writes.get(s.id ?? s.name) ?? [])}`).join('\n'),
            )
          expect(result.failed, `leg ${leg} failed:\n${failures(result.steps)}`).toBe(false)
          expect(ran(result.steps)).toEqual(expect.arrayContaining(CHAIN))
          // Every call was one docs/iam.md's policy for its mode (or the leg's `iam:`) allows.
          expect(denied, 'calls outside the IAM policies').toEqual([])
          // the chain's action steps, each under its mode's policy
          expect([...policies].filter(([id]) => ['apply', 'again', 'plan', 'destroy', 'gone'].includes(id))).toEqual([
            ['apply', 'apply'],
            ['again', 'apply'],
            ['plan', 'plan'],
            ['destroy', 'destroy'],
            ['gone', 'plan-destroy'],
          ])
          // The reruns, the plans and the looks wrote nothing; a refused step wrote nothing.
          for (const id of ['again', 'replace-again', 'plan', 'gone']) expect(writes.get(id) ?? [], `step ${id} wrote`).toEqual([])
          for (const step of result.steps.filter((s) => s.id?.startsWith('refuse-') && s.outcome !== 'skipped')) {
            expect(step.outcome, `${step.name} must fail`).toBe('failure')
            expect(writes.get(step.id ?? ''), `${step.name} wrote`).toEqual([])
          }
          // Nothing is left: not the leg's pool, not a hand-made one, not a domain.
          expect(await listPools(lc)).toEqual([])
          expect(lc.brandingStyles()).toEqual([])
          expect(lc.contractViolations).toEqual([])
          if (leg === 'custom-domain') {
            const name = 'auth-4242-1.it.example.com'
            expect(route53.map((c) => [c.Action, c.Name])).toEqual([
              ['UPSERT', name],
              ['DELETE', name],
            ])
            expect(route53[0]?.DNSName).toMatch(/\.cloudfront\.net$/)
          }
          if (leg === 'managed-login') {
            const replace = result.steps.find((s) => s.id === 'replace')
            expect(replace?.outputs['client-secret']).toBeTruthy()
            expect(writes.get('replace')).toEqual(expect.arrayContaining(['CreateUserPoolClient', 'DeleteUserPoolClient', 'CreateManagedLoginBranding']))
          }
          if (leg === 'm2m') {
            // verify checked what a client_credentials client can do, not a sign-in page
            const apply = result.steps.find((s) => s.id === 'apply')?.log ?? ''
            expect(apply).toContain('pass: Token endpoint answers (client_credentials): ')
            expect(apply).not.toContain('Hosted UI accepts')
          }
          if (leg === 'destroy-guards') {
            expect(writes.get('by-hand')).toEqual(['CreateUserPool'])
            expect(writes.get('Delete the hand-made pool (AWS CLI, always)')).toEqual(['DeleteUserPool'])
          }
        })
      },
      LEG_TIMEOUT_MS,
    )
  })

  it(
    'after a failed apply, only the always() steps run: destroy leaves nothing, and the output check fails the leg',
    async () => {
      await replayLegLocally(
        'minimal',
        allVars,
        async ({ result, lc }) => {
          expect(result.failed).toBe(true)
          expect(result.steps.filter((s) => s.kind !== 'skipped').map((s) => `${s.name}: ${s.outcome}`)).toEqual([
            'Does this leg have what it needs?: success',
            'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1: success',
            'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c: success',
            'Apply (creates, then verifies SSO from the outside): failure',
            'Destroy (always, even after a failure): success',
            'Look again (nothing left to destroy): success',
            'Check the outputs: failure',
          ])
          expect(await listPools(lc)).toEqual([])
        },
        (lc) => lc.faults.add({ operation: 'CreateUserPoolClient', kind: 'server-error', times: 20 }),
      )
    },
    LEG_TIMEOUT_MS,
  )

  it(
    "each action step runs under exactly docs/iam.md's policy of its mode, and a call outside it is denied",
    async () => {
      // the minimal leg with an apply policy that lacks CreateUserPoolDomain: its apply is denied that call
      const narrow = { ...POLICY_BY_MODE, apply: (POLICY_BY_MODE.apply ?? []).filter((op) => op !== 'CreateUserPoolDomain') }
      await replayLegLocally(
        'minimal',
        allVars,
        async ({ result, denied, policies, lc }) => {
          // the failed apply is followed by the always() steps only
          expect(Object.fromEntries(policies)).toEqual({ apply: 'apply', destroy: 'destroy', gone: 'plan-destroy' })
          expect(denied).toEqual(['CreateUserPoolDomain'])
          expect(result.steps.find((s) => s.id === 'apply')?.outcome).toBe('failure')
          expect(await listPools(lc)).toEqual([])
        },
        () => {},
        narrow,
      )
      // plan-destroy's policy is the destroy policy's Read statement, which the plan policy includes
      expect(POLICY_BY_MODE['plan-destroy']).toEqual(expect.arrayContaining(['ListUserPools', 'DescribeUserPool']))
      for (const op of POLICY_BY_MODE['plan-destroy'] ?? []) expect(POLICY_BY_MODE.plan).toContain(op)
      expect(POLICY_BY_MODE['plan-destroy']).not.toContain('DeleteUserPool')
    },
    LEG_TIMEOUT_MS,
  )

  describe.each(OPTIONAL_LEGS)('integration.yml leg %s without its repository variables', (leg) => {
    it('is skipped with a notice naming the variables, not failed, and calls nothing', async () => {
      const withoutSetUp = (issuer: string): Record<string, string> => ({ AWS_INTEGRATION_ROLE_ARN: ROLE, IT_OIDC_ISSUER: issuer })
      await replayLegLocally(leg, withoutSetUp, async ({ result, lc }) => {
        expect(result.failed).toBe(false)
        expect(ran(result.steps)).toEqual(['Does this leg have what it needs?'])
        const [setup] = result.steps
        expect(setup?.outputs.run).toBe('false')
        expect(setup?.notices).toHaveLength(1)
        expect(setup?.notices[0]).toMatch(new RegExp(`^set the repository variables IT_\\w+(, IT_\\w+)* to run it`))
        expect(lc.calls).toEqual([])
        return Promise.resolve()
      })
    })
  })

  describe('integration.yml job sweep against the local Cognito', () => {
    const sweepJob = workflow.jobs.sweep as Job

    async function replaySweep(dryRun: boolean): Promise<{ result: JobResult; names: string[]; lc: LocalCognito }> {
      const lc = await startLc()
      try {
        const now = Date.now() / 1000
        const seed = async (name: string, tags: Record<string, string>, ageHours: number): Promise<void> => {
          const id = (await lc.invoke('CreateUserPool', { PoolName: name, UserPoolTags: tags })).UserPool.Id as string
          await lc.invoke('CreateUserPoolDomain', { UserPoolId: id, Domain: name })
          // Margins of hours either side of the sweeper's day: the clock cannot tip a pool over.
          lc.setPoolCreationDate(id, now - ageHours * 3600)
        }
        await seed('sso-action-it-99-1-minimal', { 'managed-by': 'cognito-sso-action' }, 50)
        await seed('sso-action-it-100-1-minimal', { 'managed-by': 'cognito-sso-action' }, 2)
        await seed('sso-action-it-99-1-destroy-guards-by-hand', { 'integration-run': '99-1' }, 50)
        const ctx = contexts(allVars(''), { name: 'workflow_dispatch', inputs: { 'sweep-only': true, 'dry-run': dryRun } })
        const result = await replayJob(workflow, sweepJob, ctx, {
          env: lcEnv(lc) as Record<string, string>,
          action: () => Promise.reject(new Error('the sweep job does not run the action')),
          skipRun: (step) => (step.run?.startsWith('npm ci') ? 'this checkout has its dependencies installed' : undefined),
        })
        return { result, names: (await listPools(lc)).map((p) => p.Name).sort(), lc }
      } finally {
        await lc.close()
      }
    }

    it('deletes the old tagged leftover, keeps the young one and the hand-made one', async () => {
      const { result, names } = await replaySweep(false)
      expect(result.failed, failures(result.steps)).toBe(false)
      const sweep = result.steps.at(-1)
      expect(sweep?.kind).toBe('run')
      expect(sweep?.log).toContain('deleted sso-action-it-99-1-minimal')
      expect(sweep?.log).toContain('kept sso-action-it-99-1-destroy-guards-by-hand: no tag managed-by: cognito-sso-action')
      expect(names).toEqual(['sso-action-it-100-1-minimal', 'sso-action-it-99-1-destroy-guards-by-hand'])
    }, 60_000)

    it('with dry-run, only says what it would delete', async () => {
      const { result, names } = await replaySweep(true)
      expect(result.failed, failures(result.steps)).toBe(false)
      expect(result.steps.at(-1)?.log).toContain('would delete sso-action-it-99-1-minimal')
      expect(names).toHaveLength(3)
    }, 60_000)
  })
} else {
  // COGNITO_SSO_INTEGRATION=aws: the same legs against AWS itself, one after the other, with the
  // credentials and region of this shell, the repository variables from the environment (IT_*), the real
  // AWS CLI for the CLI steps, and a run ID of its own. Only the workflow's own checks apply (AWS shows no
  // call log); every leg destroys what it made, and `node scripts/sweep-integration.js` cleans up after an
  // interrupted run.
  const region = MODE.region
  const runId = String(Date.now()).slice(-9)
  const vars = (): Record<string, string> => ({
    AWS_INTEGRATION_ROLE_ARN: 'the credentials of this shell',
    AWS_INTEGRATION_REGION: region,
    ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('IT_') && e[1] !== undefined)),
  })
  const awsEnv = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => /^AWS_/.test(e[0]) && e[1] !== undefined))

  describe.each(LEGS)('integration.yml leg %s against AWS', (leg) => {
    it('runs as the workflow runs it, and its checks pass', async () => {
      const ctx = contexts(vars())
      ;(ctx.github as Record<string, Value>).run_id = runId
      const result = await replayJob(
        workflow,
        legsJob,
        { ...ctx, matrix: legMatrix(ctx, leg) },
        {
          env: { ...awsEnv, AWS_REGION: region },
          action: (inputs, env) => runAction({ inputs, env: { ...env, GITHUB_WORKSPACE: ROOT }, node: NODE, timeoutMs: 3_600_000 }),
        },
      )
      expect(result.failed, `leg ${leg} failed:\n${failures(result.steps)}`).toBe(false)
    }, 3_600_000)
  })
}

describe('integrationMode (how npm run test:integration chooses)', () => {
  const yes = async (): Promise<boolean> => Promise.resolve(true)
  const no = async (): Promise<boolean> => Promise.resolve(false)
  it('runs locally unless COGNITO_SSO_INTEGRATION=aws asks for AWS and AWS is reachable', async () => {
    expect(await integrationMode({}, yes, () => true)).toEqual({ kind: 'local' })
    expect(await integrationMode({ COGNITO_SSO_INTEGRATION: 'aws', AWS_REGION: 'eu-west-1' }, yes, () => true)).toEqual({ kind: 'aws', region: 'eu-west-1' })
    expect(await integrationMode({ COGNITO_SSO_INTEGRATION: 'aws', AWS_REGION: 'eu-west-1' }, no, () => true)).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('no credentials'),
    })
    expect(await integrationMode({ COGNITO_SSO_INTEGRATION: 'aws', AWS_REGION: 'eu-west-1' }, yes, () => false)).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('AWS CLI'),
    })
    expect(await integrationMode({ COGNITO_SSO_INTEGRATION: 'aws' }, yes, () => true)).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('AWS_REGION'),
    })
    expect(
      await integrationMode({ COGNITO_SSO_INTEGRATION: 'aws', AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, yes, () => true),
    ).toMatchObject({
      kind: 'refused',
    })
    expect(await integrationMode({ COGNITO_SSO_INTEGRATION: 'yes' }, yes, () => true)).toMatchObject({ kind: 'refused' })
  })
})
