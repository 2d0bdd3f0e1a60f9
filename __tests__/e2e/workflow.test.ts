// The project's own workflow job that runs the action with `uses: ./` against a local Cognito
// (.github/workflows/ci.yml, job `action`), replayed here step by step (__tests__/support/workflow-replay.ts):
// the same inputs and environment, and the same checks its last step makes on the outputs, run with bash.
// The job starts a local Cognito on port 9229; the replay starts its own on a free port instead (the
// job's step is not run) and points the job's URLs at it.
import { describe, expect, it } from 'vitest'
import { runAction } from '../../tools/run-action.js'
import { loadWorkflow, replayJob, type Job } from '../support/workflow-replay.js'
import { startLc } from './helpers.js'

const workflow = loadWorkflow('.github/workflows/ci.yml')

describe('.github/workflows/ci.yml job `action`', () => {
  it('runs as written: apply creates, apply again changes nothing, plan finds no drift, the checks pass', async () => {
    const job = workflow.jobs.action as Job
    expect(job, 'ci.yml has a job named action').toBeDefined()
    const lc = await startLc()
    try {
      const configured = new URL(job.env?.AWS_ENDPOINT_URL as string).origin
      expect(configured).toBe('http://127.0.0.1:9229')
      const result = await replayJob(
        workflow,
        job,
        { github: {}, vars: {}, inputs: {}, needs: {} },
        {
          rewrite: (text) => text.replaceAll(configured, lc.url),
          skipRun: (step) => (step.name === 'Start the local Cognito' ? 'the test runs its own local Cognito on a free port' : undefined),
          action: (inputs, env) => runAction({ inputs, env }),
        },
      )
      const failed = result.steps.filter((s) => s.outcome === 'failure')
      expect(failed.map((s) => `${s.name}:\n${s.errors.join('\n')}\n${s.log}`)).toEqual([])
      expect(result.steps.map((s) => `${s.name}: ${s.kind}`)).toEqual([
        'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1: runner',
        'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020: runner',
        'Start the local Cognito: runner',
        'Apply (creates): action',
        'Apply again (changes nothing): action',
        'Plan (reads only): action',
        'Check the outputs: run',
      ])
      expect(result.steps.find((s) => s.id === 'first')?.outputs.changed).toBe('true')
    } finally {
      await lc.close()
    }
  })
})
