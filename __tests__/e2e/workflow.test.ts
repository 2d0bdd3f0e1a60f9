// The project's own workflow job that runs the action with `uses: ./` against a local Cognito
// (.github/workflows/ci.yml, job `action`), replayed here step by step through the runner harness:
// the same inputs and environment, and the same checks its last step makes on the outputs.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runAction } from '../../tools/run-action.js'
import { startLc } from './helpers.js'

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  env: Record<string, string>
  steps: Step[]
}

const workflow = parse(readFileSync(new URL('../../.github/workflows/ci.yml', import.meta.url), 'utf8')) as { jobs: Record<string, Job> }

describe('.github/workflows/ci.yml job `action`', () => {
  it('runs as written: apply creates, apply again changes nothing, plan finds no drift, the checks pass', async () => {
    const job = workflow.jobs.action
    expect(job, 'ci.yml has a job named action').toBeDefined()
    if (!job) return
    const lc = await startLc()
    try {
      const configured = new URL(job.env.AWS_ENDPOINT_URL ?? '').origin
      const local = (value: string): string => value.replaceAll(configured, lc.url)
      const env = Object.fromEntries(Object.entries(job.env).map(([k, v]) => [k, local(String(v))]))
      const outputs: Record<string, Record<string, string>> = {}

      const actionSteps = job.steps.filter((s) => s.uses === './')
      expect(actionSteps.map((s) => s.id)).toEqual(['first', 'second', 'plan'])
      for (const step of actionSteps) {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]))
        const result = await runAction({ inputs, env })
        expect(result.exitCode, `${step.name}: ${result.errors.join('\n')}`).toBe(0)
        outputs[step.id ?? ''] = result.outputs
      }

      // The last step's shell checks, with its ${{ steps.<id>.outputs.<name> }} expressions evaluated.
      const check = job.steps.at(-1)
      expect(check?.run).toBeDefined()
      const checkEnv = Object.fromEntries(
        Object.entries(check?.env ?? {}).map(([k, v]) => {
          const m = /^\$\{\{\s*steps\.([a-z]+)\.outputs\.([a-z-]+)\s*\}\}$/.exec(v)
          expect(m, `${k} is a step output expression`).not.toBeNull()
          return [k, outputs[m?.[1] ?? '']?.[m?.[2] ?? ''] ?? '']
        }),
      )
      const script = `set -e\n${local(check?.run ?? '')}`
      expect(() => execFileSync('bash', ['-c', script], { env: { ...process.env, ...checkEnv }, stdio: 'pipe' })).not.toThrow()
    } finally {
      await lc.close()
    }
  })
})
