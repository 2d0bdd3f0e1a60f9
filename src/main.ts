// The only file that imports @actions/core: inputs and runtime → the pipeline (src/engine) over the AWS
// port → outputs, the optional SSO checks, and the report (log, job summary, pull-request comment).
// @actions/core is a chunk of its own, loaded once the first AWS request has been handed to the network
// (its imports, undici among them, cost start-up time that the request need not wait for): until then the
// inputs are read as core.getInput reads them (inputs/action-input.ts), and every call to core is kept and
// made in order once it is loaded.
import diagnostics from 'node:diagnostics_channel'
import { readFileSync } from 'node:fs'
import type * as Core from '@actions/core'
import { createCognitoClient, sdkRegion } from './aws/client.js'
import { Cognito } from './aws/cognito.js'
import { AwsCallError } from './aws/errors.js'
import { proxiedFetch } from './aws/proxy.js'
import { isDestroying, loadParsers, parseInputs, reconcile, Stopped, type Outcome } from './engine/index.js'
import { actionInput } from './inputs/action-input.js'
import { readWorkspaceFile } from './inputs/files.js'
import { parseRuntime, type Runtime } from './inputs/runtime.js'
import type { ReadFile } from './inputs/types.js'
import { errorMessage, isUserError } from './model/errors.js'
import type { Desired } from './model/types.js'
import { pullRequestFrom } from './report/comment.js'
import { debugFetch, planDebugLines } from './report/debug.js'
import { doneLine, forkNotice, keptDomainLine, nothingLine, readingLine, stoppedNotice } from './report/lines.js'
import { endpointsFor, runOutputs } from './report/outputs.js'
import { planWarnings, renderJson, renderText } from './report/render.js'
import { Report } from './report/report.js'
import { Secrets } from './report/secrets.js'
import { verdict } from './report/verdict.js'
import { dnsRecord } from './resources/domain/custom-domain.js'
import { domainStatus } from './resources/domain/calls.js'
import { keptDomain } from './resources/domain/index.js'
import { clientProviders } from './resources/shared/desired.js'
import { logSafe, logText } from './util/log-safety.js'

type ActionsCore = typeof Core

/** @actions/core, and the calls made to it before it is loaded, made in order once it is. */
interface DeferredCore {
  /** Calls `use` with core now, or once it is loaded (after the calls kept before it). */
  later: (use: (core: ActionsCore) => void) => void
  /** Loads core (once) and makes the calls kept until then. */
  load: () => Promise<ActionsCore>
}

/** Loads @actions/core when the process's first HTTP request (the first AWS call) has been handed to the network, or when `load` is called. */
function deferredCore(): DeferredCore {
  let loaded: ActionsCore | undefined
  let loading: Promise<ActionsCore> | undefined
  const kept: ((core: ActionsCore) => void)[] = []
  const load = (): Promise<ActionsCore> =>
    (loading ??= import('@actions/core').then((core) => {
      for (const use of kept.splice(0)) use(core)
      loaded = core
      return core
    }))
  const started = ({ request }: { request?: { once?: (event: 'finish', listener: () => void) => void } }): void => {
    diagnostics.unsubscribe('http.client.request.start', started as (message: unknown) => void)
    request?.once?.('finish', () => void load())
  }
  diagnostics.subscribe('http.client.request.start', started as (message: unknown) => void)
  return {
    later: (use) => (loaded ? use(loaded) : void kept.push(use)),
    load: () => {
      diagnostics.unsubscribe('http.client.request.start', started as (message: unknown) => void)
      return load()
    },
  }
}

/**
 * The log, the outputs and the failure through core. Every line has each secret (and each line of one)
 * redacted before the runner sees it, and goes through logText (values in it through logSafe): no workflow
 * command can come from a value. Our IDs are left to the runner's masks in the log (registered before they
 * can be named); the summary and comment redact them. Log lines and masks may wait for core (in order);
 * outputs and the summary, which write files and can fail, wait for it to load and fail where they are.
 */
function runner(core: DeferredCore, secrets: Secrets) {
  const safe = (message: string): string => logText(secrets.redactSecrets(message))
  return {
    info: (message: string): void => core.later((c) => c.info(safe(message))),
    warning: (message: string): void => core.later((c) => c.warning(safe(message))),
    fail: (message: string): void => core.later((c) => c.setFailed(safe(message))),
    debug: (message: string): void => core.later((c) => c.debug(safe(message))),
    setOutput: async (name: string, value: string): Promise<void> => (await core.load()).setOutput(name, value),
    summary: async (markdown: string): Promise<void> => void (await (await core.load()).summary.addRaw(markdown, true).write()),
  }
}

type Runner = ReturnType<typeof runner>

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const core = deferredCore()
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
    if (!isUserError(error) && error instanceof Error && error.stack) out.debug(error.stack)
    out.fail(errorMessage(error))
  } finally {
    await core.load()
  }
}

async function runPipeline(desired: Desired, runtime: Runtime, env: NodeJS.ProcessEnv, out: Runner, secrets: Secrets): Promise<void> {
  const { info, warning, fail, debug, summary } = out
  for (const provider of desired.federatedProviders) for (const key of provider.secretKeys) secrets.secret(provider.details[key])
  secrets.id(desired.userPoolId)
  // Debug lines (AWS calls, plan decisions, verify probes) only when the step debug log is on.
  const trace = runtime.debug ? (line: string): void => debug(secrets.redact(line)) : undefined
  const pr = pullRequestFrom(runtime.eventName, readEvent(runtime.eventPath))
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
        await out.setOutput('plan', secrets.redact(renderJson(plan)))
        await out.setOutput('changed', String(plan.changed))
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
  for (const [name, value] of Object.entries(outputs)) await out.setOutput(name, secrets.redactSecrets(value))
  if (outputs['cloudfront-domain']) info(`Custom domain: create the DNS record ${logSafe(dnsRecord(desired.domain, outputs['cloudfront-domain']))}`)
  // The pool's domain of the other kind (a prefix next to a custom domain) is kept: say where it serves.
  const kept = keptDomain(desired, state.observed)
  const keptHostedUi = kept === undefined ? undefined : endpointsFor(desired.region, runtime).hostedUi(kept)
  if (kept !== undefined && keptHostedUi !== undefined) info(keptDomainLine(desired.poolName, desired.domain, kept, keptHostedUi))
  if (ids.clientSecret) {
    secrets.secret(ids.clientSecret)
    await out.setOutput('client-secret', ids.clientSecret)
  }
  // SSO checks need all three resources; in plan mode only those that already exist are checked.
  const pool = state.observed.pool
  const domainExists = desired.mode === 'apply' || [pool?.domain, pool?.customDomain].includes(desired.domain)
  const checks = desired.verify
    ? await sso(desired, outputs, domainExists, port, env, info, trace, kept === undefined || kept.includes('.') ? undefined : keptHostedUi)
    : []
  await report.publish({ plan, outputs, checks })
  const failure = verdict({ mode: desired.mode, failOnChanges: desired.failOnChanges, plan, checks })
  if (failure) fail(failure)
}

/** verify: its checks (a chunk of its own, loaded only when verify runs) through the proxied fetch. */
async function sso(
  desired: Desired,
  outputs: Record<string, string>,
  domainExists: boolean,
  port: Cognito,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  trace: ((line: string) => void) | undefined,
  /** The hosted UI of the prefix domain the pool keeps next to a custom `domain`, if any. */
  keptHostedUi: string | undefined,
): Promise<Awaited<ReturnType<typeof import('./verify/index.js').checkSso>>> {
  const { checkSso } = await import('./verify/index.js')
  const probe = proxiedFetch(env)
  return checkSso(desired, outputs, domainExists, {
    domainStatus: (domain) => domainStatus(port, domain),
    fetch: trace ? debugFetch(probe, trace, { 'user-pool-id': outputs['user-pool-id'], 'client-id': outputs['client-id'] }) : probe,
    providerFetch: probe,
    log,
    providers: clientProviders(desired),
    ...(keptHostedUi !== undefined ? { keptHostedUi } : {}),
  })
}

function readEvent(path: string | undefined): unknown {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}
