// The only file that imports @actions/core: reads the inputs and the runtime, runs the action (src/run: the
// pipeline over AWS, outputs, SSO checks, report) and fails the step with a clear message when it stops.
// @actions/core is a chunk of its own, loaded once the first AWS request has been handed to the network
// (util/deferred.ts: its imports, undici among them, cost start-up time that the request need not wait
// for); until then the inputs are read as core.getInput reads them (inputs/action-input.ts), and every call
// to core is kept and made in order once it is loaded.
import type * as Core from '@actions/core'
import { sdkRegion } from './aws/client.js'
import { loadParsers, parseInputs } from './engine/index.js'
import { actionInput } from './inputs/action-input.js'
import { readWorkspaceFile } from './inputs/files.js'
import { parseRuntime } from './inputs/runtime.js'
import type { ReadFile } from './inputs/types.js'
import { errorMessage, isUserError } from './model/errors.js'
import { runner } from './report/runner.js'
import { Secrets } from './report/secrets.js'
import { runPipeline } from './run/index.js'
import { loadAfterFirstRequest } from './util/deferred.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const core = loadAfterFirstRequest<typeof Core>(() => import('@actions/core'))
  // Before the inputs are read, so that even an early failure is redacted; mask-outputs is known after.
  const secrets = new Secrets((value) => core.later((c) => c.setSecret(value)), true)
  const out = runner(core, secrets)
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd()
    const readFile: ReadFile = (path, limits) => readWorkspaceFile(workspace, path, limits)
    const getInput = actionInput(process.env)
    await loadParsers(getInput)
    const desired = parseInputs(getInput, env, { region: await sdkRegion() }, readFile)
    secrets.setMaskOutputs(desired.maskOutputs)
    await runPipeline(desired, parseRuntime(getInput, env), env, out, secrets)
  } catch (error) {
    // A user's mistake is its message alone; anything else keeps its stack for the debug log.
    if (!isUserError(error) && error instanceof Error && error.stack) out.debug(error.stack)
    out.fail(errorMessage(error))
  } finally {
    await core.load()
  }
}
