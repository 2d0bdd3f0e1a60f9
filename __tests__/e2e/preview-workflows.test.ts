// examples/workflows/preview.yml and .github/workflows/integration.yml replayed step by step through the
// runner harness against the local Cognito: the steps that run the action, with their `if:` conditions
// and ${{ }} expressions evaluated for the event, in order (open → apply + comment, close → destroy;
// apply → verify → plan → destroy, then the workflow's own output checks).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runAction } from '../../tools/run-action.js'
import { FakeGitHub } from '../support/fake-github.js'
import { env as lcEnv, listPools, startLc, type LocalCognito } from './helpers.js'

interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  if?: string
  env?: Record<string, string>
  steps: Step[]
}
type Workflow = { jobs: Record<string, Job>; concurrency?: { group?: string } }

const load = (path: string): Workflow => parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as Workflow
const ACTION_USES = ['./', 'cognito-sso-action/cognito-sso-action@v1']
const TOKEN = 'ghs_previewToken'

/** Values of the contexts the workflows read, by path (github.event.action, env.POOL_NAME, steps.x.outputs.y...). */
type Context = Record<string, string>

function value(term: string, ctx: Context): string {
  const t = term.trim()
  const quoted = /^'(.*)'$/.exec(t)
  if (quoted) return quoted[1] ?? ''
  if (!(t in ctx)) throw new Error(`the replay does not know ${t}`)
  return ctx[t] ?? ''
}

/** ${{ path }} and ${{ a || 'b' }} inside a string. */
function expand(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    for (const alt of expr.split('||')) {
      const v = value(alt, ctx)
      if (v !== '') return v
    }
    return ''
  })
}

/** `if:` conditions: always(), ==, !=, joined by &&. */
function holds(condition: string | undefined, ctx: Context, failed: boolean): boolean {
  if (condition === undefined) return !failed
  const terms = condition.split('&&').map((t) => t.trim())
  const ok = terms.every((term) => {
    if (term === 'always()') return true
    const m = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(term)
    if (!m) throw new Error(`the replay cannot evaluate ${term}`)
    const equal = value(m[1] ?? '', ctx) === value(m[3] ?? '', ctx)
    return m[2] === '==' ? equal : !equal
  })
  return ok && (terms.includes('always()') || !failed)
}

/** Runs a job's steps that use the action (others are the runner's business), returning each step's outputs by id. */
async function replayJob(
  job: Job,
  lc: LocalCognito,
  ctx: Context,
  extraEnv: Record<string, string> = {},
  runOptions: object = {},
): Promise<{ ran: string[]; failed: boolean }> {
  const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, expand(String(v), ctx)]))
  for (const [k, v] of Object.entries(jobEnv)) ctx[`env.${k}`] = v
  const ran: string[] = []
  let failed = false
  for (const step of job.steps) {
    if (!holds(step.if, ctx, failed)) continue
    if (step.uses && ACTION_USES.includes(step.uses)) {
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx)]))
      const result = await runAction({ inputs, env: { ...lcEnv(lc), ...extraEnv }, ...runOptions })
      ran.push(`${step.name ?? step.uses}: exit ${result.exitCode}`)
      if (result.exitCode !== 0) failed = true
      for (const [k, v] of Object.entries(result.outputs)) if (step.id) ctx[`steps.${step.id}.outputs.${k}`] = v
    } else if (step.run && !step.uses && step.env) {
      // A checking step: its shell script, with its env expressions evaluated.
      const stepEnv = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, expand(v, ctx)]))
      execFileSync('bash', ['-c', `set -e\n${step.run}`], { env: { ...process.env, ...stepEnv }, stdio: 'pipe' })
      ran.push(`${step.name}: ok`)
    }
  }
  return { ran, failed }
}

describe('examples/workflows/preview.yml', () => {
  const workflow = load('examples/workflows/preview.yml')
  const prContext = (action: string, headRepo = 'acme/webapp'): Context => ({
    'github.event.action': action,
    'github.event.pull_request.number': '7',
    'github.event.pull_request.head.repo.full_name': headRepo,
    'github.repository': 'acme/webapp',
  })
  const event = (headRepo = 'acme/webapp') => ({
    pull_request: {
      number: 7,
      head: { repo: { full_name: headRepo } },
      base: { repo: { full_name: 'acme/webapp', name: 'webapp', owner: { login: 'acme' } } },
    },
  })
  const jobsFor = (ctx: Context): [string, Job][] => Object.entries(workflow.jobs).filter(([, job]) => holds(job.if, ctx, false))

  it('has one concurrency group per pull request', () => {
    expect(workflow.concurrency?.group).toContain('${{ github.event.pull_request.number }}')
  })

  it('open → apply app-pr-7 and comment its sign-in link; close → destroy it, leaving nothing', async () => {
    const lc = await startLc()
    const fake = await FakeGitHub.start({ token: TOKEN })
    try {
      const run = { eventName: 'pull_request', event: event(), token: TOKEN }
      const opened = prContext('opened')
      expect(jobsFor(opened).map(([name]) => name)).toEqual(['preview'])
      const open = await replayJob(jobsFor(opened)[0]?.[1] as Job, lc, opened, { GITHUB_API_URL: fake.url }, run)
      expect(open).toEqual({ ran: ['Apply the preview pool: exit 0', 'Comment the sign-in link: exit 0'], failed: false })
      expect((await listPools(lc)).map((p) => p.Name)).toEqual(['app-pr-7'])
      const [comment] = fake.comments('acme', 'webapp', 7)
      expect(comment?.body).toContain('Sign-in link')
      expect(comment?.body).toContain(encodeURIComponent('https://pr-7.preview.example.com/callback'))

      const closed = prContext('closed')
      expect(jobsFor(closed).map(([name]) => name)).toEqual(['destroy'])
      const close = await replayJob(jobsFor(closed)[0]?.[1] as Job, lc, closed, {}, run)
      expect(close).toEqual({ ran: ['Destroy the preview pool: exit 0'], failed: false })
      expect(await listPools(lc)).toEqual([])
    } finally {
      await fake.close()
      await lc.close()
    }
  }, 60_000)

  it('a fork pull request runs no action step (only the notice) and no destroy job', () => {
    const fork = prContext('synchronize', 'someone/webapp')
    const job = workflow.jobs.preview as Job
    const steps = job.steps.filter((s) => holds(s.if, fork, false))
    expect(steps.map((s) => s.name ?? s.uses)).toEqual(['Fork pull requests get no AWS credentials'])
    expect(steps[0]?.run).toContain('::notice')
    expect(jobsFor(prContext('closed', 'someone/webapp'))).toEqual([])
  })
})

describe('.github/workflows/integration.yml', () => {
  const workflow = load('.github/workflows/integration.yml')
  const context = (role: string): Context => ({
    'vars.AWS_INTEGRATION_ROLE_ARN': role,
    'vars.AWS_INTEGRATION_REGION': '',
    'github.run_id': '4242',
    'github.run_attempt': '1',
  })

  it('without the role variable, only the skip notice runs', () => {
    const jobs = Object.entries(workflow.jobs).filter(([, job]) => holds(job.if, context(''), false))
    expect(jobs.map(([name]) => name)).toEqual(['skipped'])
    expect(jobs[0]?.[1].steps[0]?.run).toContain('::notice')
  })

  it('with it: apply (verify) → plan (no drift) → destroy → the output checks pass, and nothing is left', async () => {
    const ctx = context('arn:aws:iam::123456789012:role/it')
    const jobs = Object.entries(workflow.jobs).filter(([, job]) => holds(job.if, ctx, false))
    expect(jobs.map(([name]) => name)).toEqual(['aws'])
    const lc = await startLc()
    try {
      const result = await replayJob(jobs[0]?.[1] as Job, lc, ctx)
      expect(result).toEqual({
        ran: [
          'Apply (creates, then verifies SSO from the outside): exit 0',
          'Plan again (no drift): exit 0',
          'Destroy (always, even after a failure): exit 0',
          'Check the outputs: ok',
        ],
        failed: false,
      })
      expect(await listPools(lc)).toEqual([])
    } finally {
      await lc.close()
    }
  }, 60_000)

  it('destroy still runs after a failed step (if: always())', async () => {
    const ctx = context('arn:aws:iam::123456789012:role/it')
    const lc = await startLc()
    try {
      lc.faults.add({ operation: 'CreateUserPoolClient', kind: 'server-error', times: 20 })
      const job = workflow.jobs.aws as Job
      const result = await replayJob({ ...job, steps: job.steps.filter((s) => s.uses) }, lc, ctx)
      expect(result.ran).toEqual(['Apply (creates, then verifies SSO from the outside): exit 1', 'Destroy (always, even after a failure): exit 0'])
      expect(await listPools(lc)).toEqual([])
    } finally {
      await lc.close()
    }
  }, 60_000)
})
