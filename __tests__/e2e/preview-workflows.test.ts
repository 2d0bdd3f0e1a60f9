// examples/workflows/preview.yml replayed step by step through the runner harness against the local
// Cognito (__tests__/support/workflow-replay.ts): the jobs and steps whose `if:` conditions hold for the
// event, with their ${{ }} expressions evaluated, in order (open → apply + comment, close → destroy).
// (.github/workflows/integration.yml has its own replay: integration-workflow.test.ts.)
import { describe, expect, it } from 'vitest'
import { runAction } from '../../tools/run-action.js'
import { FakeGitHub } from '../support/fake-github.js'
import { holds, jobsThatRun, loadWorkflow, replayJob, type Contexts, type Job } from '../support/workflow-replay.js'
import { env as lcEnv, listPools, startLc, type LocalCognito } from './helpers.js'

const TOKEN = 'ghs_previewToken'

/** Replays a job; the action's steps run through the runner harness against `lc`. */
async function replay(job: Job, lc: LocalCognito, ctx: Contexts, extraEnv: Record<string, string> = {}, runOptions: object = {}) {
  const workflow = loadWorkflow('examples/workflows/preview.yml')
  const result = await replayJob({ ...workflow, jobs: {} }, job, ctx, {
    actionRefs: ['cognito-sso-action/cognito-sso-action@v1'],
    action: (inputs) => runAction({ inputs, env: { ...lcEnv(lc), ...extraEnv }, ...runOptions }),
  })
  return {
    ran: result.steps
      .filter((s) => s.kind === 'action' || s.kind === 'run')
      .map((s) => `${s.name}: ${s.kind === 'action' ? `exit ${s.outcome === 'success' ? 0 : 1}` : s.outcome}`),
    failed: result.failed,
  }
}

describe('examples/workflows/preview.yml', () => {
  const workflow = loadWorkflow('examples/workflows/preview.yml')
  const prContext = (action: string, headRepo = 'acme/webapp'): Contexts => ({
    github: { event: { action, pull_request: { number: 7, head: { repo: { full_name: headRepo } } } }, repository: 'acme/webapp', event_name: 'pull_request' },
  })
  const event = (headRepo = 'acme/webapp') => ({
    pull_request: {
      number: 7,
      head: { repo: { full_name: headRepo } },
      base: { repo: { full_name: 'acme/webapp', name: 'webapp', owner: { login: 'acme' } } },
    },
  })
  const jobsFor = (ctx: Contexts): [string, Job][] => jobsThatRun(workflow, ctx).map((name) => [name, workflow.jobs[name] as Job])

  it('has one concurrency group per pull request', () => {
    expect(typeof workflow.concurrency === 'object' && workflow.concurrency.group).toContain('${{ github.event.pull_request.number }}')
  })

  it('open → apply app-pr-7 and comment its sign-in link; close → destroy it, leaving nothing', async () => {
    const lc = await startLc()
    const fake = await FakeGitHub.start({ token: TOKEN })
    try {
      const run = { eventName: 'pull_request', event: event(), token: TOKEN }
      const opened = prContext('opened')
      expect(jobsFor(opened).map(([name]) => name)).toEqual(['preview'])
      const open = await replay(jobsFor(opened)[0]?.[1] as Job, lc, opened, { GITHUB_API_URL: fake.url }, run)
      expect(open).toEqual({ ran: ['Apply the preview pool: exit 0', 'Comment the sign-in link: exit 0'], failed: false })
      expect((await listPools(lc)).map((p) => p.Name)).toEqual(['app-pr-7'])
      const [comment] = fake.comments('acme', 'webapp', 7)
      expect(comment?.body).toContain('Sign-in link')
      expect(comment?.body).toContain(encodeURIComponent('https://pr-7.preview.example.com/callback'))

      const closed = prContext('closed')
      expect(jobsFor(closed).map(([name]) => name)).toEqual(['destroy'])
      const close = await replay(jobsFor(closed)[0]?.[1] as Job, lc, closed, {}, run)
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
    const steps = job.steps.filter((s) => holds(s.if, fork, { failed: false }))
    expect(steps.map((s) => s.name ?? s.uses)).toEqual(['Fork pull requests get no AWS credentials'])
    expect(steps[0]?.run).toContain('::notice')
    expect(jobsFor(prContext('closed', 'someone/webapp'))).toEqual([])
  })
})
