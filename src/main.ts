// The only file that imports @actions/core: inputs and runtime → the pipeline (src/engine) over the AWS
// port → outputs, the optional SSO checks, and the report (log, job summary, pull-request comment).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import { createCognitoClient, sdkRegion } from './aws/client.js'
import { Cognito } from './aws/cognito.js'
import { AwsCallError } from './aws/errors.js'
import { proxiedFetch } from './aws/proxy.js'
import { isDestroying, parseInputs, reconcile, Stopped, type Outcome } from './engine/index.js'
import { parseRuntime, type Runtime } from './inputs/runtime.js'
import { errorMessage, isUserError } from './model/errors.js'
import type { Desired } from './model/types.js'
import { pullRequestFrom } from './report/comment.js'
import { debugFetch, planDebugLines } from './report/debug.js'
import { doneLine, forkNotice, keptDomainLine, nothingLine, readingLine, stoppedNotice } from './report/lines.js'
import { endpointsFor, runOutputs } from './report/outputs.js'
import { renderJson, renderText } from './report/render.js'
import { Report } from './report/report.js'
import { Secrets } from './report/secrets.js'
import { verdict } from './report/verdict.js'
import { dnsRecord } from './resources/domain/custom-domain.js'
import { domainStatus } from './resources/domain/calls.js'
import { keptDomain } from './resources/domain/index.js'
import { clientProviders } from './resources/shared/desired.js'
import { logSafe, logText } from './util/log-safety.js'

// Every line for the log goes through logText (values in it through logSafe): no workflow command can come from a value.
const info = (message: string): void => core.info(logText(message))
const warning = (message: string): void => core.warning(logText(message))
const fail = (message: string): void => core.setFailed(logText(message))
const debug = (message: string): void => core.debug(logText(message))

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd()
    const readFile = (path: string): string => readFileSync(join(workspace, path), 'utf8')
    const desired = parseInputs((name) => core.getInput(name), env, { region: await sdkRegion() }, readFile)
    await runPipeline(
      desired,
      parseRuntime((name) => core.getInput(name), env),
      env,
    )
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) core.debug(logText(error.stack))
    fail(errorMessage(error))
  }
}

async function runPipeline(desired: Desired, runtime: Runtime, env: NodeJS.ProcessEnv): Promise<void> {
  const secrets = new Secrets((value) => core.setSecret(value), desired.maskOutputs)
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
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  if (outputs['cloudfront-domain']) info(`Custom domain: create the DNS record ${logSafe(dnsRecord(desired.domain, outputs['cloudfront-domain']))}`)
  // The pool's domain of the other kind (a prefix next to a custom domain) is kept: say where it serves.
  const kept = keptDomain(desired, state.observed)
  const keptHostedUi = kept === undefined ? undefined : endpointsFor(desired.region, runtime).hostedUi(kept)
  if (kept !== undefined && keptHostedUi !== undefined) info(keptDomainLine(desired.poolName, desired.domain, kept, keptHostedUi))
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
        ...(keptHostedUi !== undefined && !kept?.includes('.') ? { keptHostedUi } : {}),
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
