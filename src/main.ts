// The only file that imports @actions/core: inputs and runtime → the pipeline (src/engine) over the AWS
// port → outputs, the optional SSO checks, and the report (log, job summary, pull-request comment).
import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { createCognitoClient, sdkRegion } from './aws/client.js'
import { Cognito } from './aws/cognito.js'
import { AwsCallError } from './aws/errors.js'
import { proxiedFetch } from './aws/proxy.js'
import { isDestroying, parseInputs, reconcile, Stopped, type Outcome } from './engine/index.js'
import { readWorkspaceFile } from './inputs/files.js'
import { parseRuntime, type Runtime } from './inputs/runtime.js'
import type { ReadFile } from './inputs/types.js'
import { errorMessage, isUserError } from './model/errors.js'
import type { Desired } from './model/types.js'
import { pullRequestFrom } from './report/comment.js'
import { debugFetch, planDebugLines } from './report/debug.js'
import { doneLine, forkNotice, nothingLine, readingLine, stoppedNotice } from './report/lines.js'
import { runOutputs } from './report/outputs.js'
import { planWarnings, renderJson, renderText } from './report/render.js'
import { Report } from './report/report.js'
import { Secrets } from './report/secrets.js'
import { verdict } from './report/verdict.js'
import { dnsRecord } from './resources/domain/custom-domain.js'
import { domainStatus } from './resources/domain/calls.js'
import { clientProviders } from './resources/shared/desired.js'
import { logSafe, logText } from './util/log-safety.js'

/**
 * What the run prints: every line with each secret (and each line of one) redacted before the runner sees
 * it, and through logText (no workflow command can come from a value). Our IDs are left to the runner's
 * masks in the log (registered before they can be named), as before; the summary and comment redact them.
 */
interface Log {
  info: (message: string) => void
  warning: (message: string) => void
  fail: (message: string) => void
  debug: (message: string) => void
}

function logFor(secrets: Secrets): Log {
  const safe = (message: string): string => logText(secrets.redactSecrets(message))
  return {
    info: (message) => core.info(safe(message)),
    warning: (message) => core.warning(safe(message)),
    fail: (message) => core.setFailed(safe(message)),
    debug: (message) => core.debug(safe(message)),
  }
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Before the inputs are read, so that even an early failure is redacted; mask-outputs is known after.
  const secrets = new Secrets((value) => core.setSecret(value), true)
  const log = logFor(secrets)
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd()
    const readFile: ReadFile = (path, limits) => readWorkspaceFile(workspace, path, limits)
    const desired = parseInputs((name) => core.getInput(name), env, { region: await sdkRegion() }, readFile)
    secrets.setMaskOutputs(desired.maskOutputs)
    await runPipeline(
      desired,
      parseRuntime((name) => core.getInput(name), env),
      env,
      secrets,
      log,
    )
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) log.debug(error.stack)
    log.fail(errorMessage(error))
  }
}

async function runPipeline(desired: Desired, runtime: Runtime, env: NodeJS.ProcessEnv, secrets: Secrets, log: Log): Promise<void> {
  const { info, warning, fail, debug } = log
  for (const provider of desired.federatedProviders) for (const key of provider.secretKeys) secrets.secret(provider.details[key])
  secrets.id(desired.userPoolId)
  // Debug lines (AWS calls, plan decisions, verify probes) only when the step debug log is on.
  const trace = runtime.debug ? (line: string): void => debug(secrets.redact(line)) : undefined
  const pr = pullRequestFrom(runtime.eventName, readEvent(runtime.eventPath))
  const summary = async (markdown: string): Promise<void> => void (await core.summary.addRaw(markdown, true).write())
  const report = new Report(desired, runtime, pr, secrets.redact, { info, warning, debug, summary })
  const client = createCognitoClient({ region: desired.region, timeoutSeconds: desired.awsTimeoutSeconds, ...(trace ? { debug: trace } : {}) }, env)
  const port = new Cognito(client)

  info(readingLine(desired))
  let outcome: Outcome
  try {
    outcome = await reconcile(port, desired, {
      found: secrets.id,
      secret: secrets.secret,
      foreign: secrets.secret,
      note: (message) => info(secrets.redact(message)),
      done: (step) => info(doneLine(step)),
      planned: async (plan) => {
        for (const line of planDebugLines(plan)) trace?.(line)
        info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
        for (const message of planWarnings(plan)) warning(message)
        core.setOutput('plan', secrets.redact(renderJson(plan)))
        core.setOutput('changed', String(plan.changed))
        if (plan.problems.length > 0) await report.publish({ plan })
      },
    })
  } catch (error) {
    if (error instanceof Stopped) {
      const rerunHelps = !(error.cause instanceof AwsCallError && !error.cause.rerunHelps)
      await report.summary({ plan: error.plan, notice: stoppedNotice(desired.mode, secrets.redact(errorMessage(error.cause)), error.done, rerunHelps) })
      throw error.cause
    }
    const planning = desired.mode === 'plan' || desired.mode === 'plan-destroy'
    if (!(planning && pr?.fork && error instanceof AwsCallError && error.code === 'CredentialsProviderError')) throw error
    warning(forkNotice(desired.mode))
    await report.summary({ notice: forkNotice(desired.mode), plan: { steps: [], changed: false, problems: [] } })
    return
  }
  const { plan, state, ids } = outcome
  const nothing = nothingLine(desired)
  if (!plan.changed && nothing) info(nothing)
  if (isDestroying(desired)) return report.publish({ plan })

  const outputs = runOutputs(desired, runtime, ids)
  // Our IDs are outputs on purpose (masked in the log); a provider's secret never is one.
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, secrets.redactSecrets(value))
  if (outputs['cloudfront-domain']) info(`Custom domain: create the DNS record ${logSafe(dnsRecord(desired.domain, outputs['cloudfront-domain']))}`)
  if (ids.clientSecret) {
    secrets.secret(ids.clientSecret)
    core.setOutput('client-secret', ids.clientSecret)
  }
  // SSO checks need all three resources; in plan mode only those that already exist are checked.
  const pool = state.observed.pool
  const domainExists = desired.mode === 'apply' || [pool?.domain, pool?.customDomain].includes(desired.domain)
  const { checkSso } = await import(/* webpackMode: "eager" */ './verify/index.js') // evaluated only when verify runs
  const probe = proxiedFetch(env)
  const checks = desired.verify
    ? await checkSso(desired, outputs, domainExists, {
        domainStatus: (domain) => domainStatus(port, domain),
        fetch: trace ? debugFetch(probe, trace, { 'user-pool-id': outputs['user-pool-id'], 'client-id': outputs['client-id'] }) : probe,
        providerFetch: probe,
        log: info,
        providers: clientProviders(desired),
      })
    : []
  await report.publish({ plan, outputs, checks })
  const failure = verdict({ mode: desired.mode, failOnChanges: desired.failOnChanges, plan, checks })
  if (failure) fail(failure)
}

function readEvent(path: string | undefined): unknown {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}
