// One run of the action, below main.ts (which owns @actions/core and hands it in as a Runner): the desired
// state and runtime → the pipeline (src/engine) over the AWS port → outputs, the kept domain's notice, the
// optional SSO checks, and the report (log, job summary, pull-request comment), then the verdict.
import { readFileSync } from 'node:fs'
import { createCognitoClient } from '../aws/client.js'
import { Cognito } from '../aws/cognito.js'
import { AwsCallError } from '../aws/errors.js'
import { proxiedFetch } from '../aws/proxy.js'
import { isDestroying, reconcile, Stopped, type Outcome } from '../engine/index.js'
import type { Runtime } from '../inputs/runtime.js'
import { errorMessage } from '../model/errors.js'
import type { Desired } from '../model/types.js'
import { pullRequestFrom } from '../report/comment.js'
import { planDebugLines } from '../report/debug.js'
import { doneLine, forkNotice, keptDomainLine, nothingLine, readingLine, stoppedNotice } from '../report/lines.js'
import { endpointsFor, runOutputs } from '../report/outputs.js'
import { planWarnings, renderJson, renderText } from '../report/render.js'
import { Report } from '../report/report.js'
import type { Runner } from '../report/runner.js'
import type { Secrets } from '../report/secrets.js'
import { verdict } from '../report/verdict.js'
import { dnsRecord } from '../resources/domain/custom-domain.js'
import { keptDomain } from '../resources/domain/index.js'
import { logSafe } from '../util/log-safety.js'
import { sso } from './sso.js'

export async function runPipeline(desired: Desired, runtime: Runtime, env: NodeJS.ProcessEnv, out: Runner, secrets: Secrets): Promise<void> {
  const { info, warning, fail, debug, summary } = out
  for (const provider of desired.federatedProviders) for (const key of provider.secretKeys) secrets.secret(provider.details[key])
  secrets.id(desired.userPoolId)
  // Debug lines (AWS calls, plan decisions, verify probes) only when the step debug log is on.
  const trace = runtime.debug ? (line: string): void => debug(secrets.redact(line)) : undefined
  const pr = pullRequestFrom(runtime.eventName, readEvent(runtime.eventPath))
  const report = new Report(desired, runtime, pr, secrets.redact, { info, warning, debug, summary })
  const client = createCognitoClient({ region: desired.region, timeoutSeconds: desired.awsTimeoutSeconds, ...(trace ? { debug: trace } : {}) }, env)
  const port = new Cognito(client)

  const planning = desired.mode === 'plan' || desired.mode === 'plan-destroy'
  info(readingLine(desired))
  let outcome: Outcome
  try {
    outcome = await reconcile(port, desired, {
      found: secrets.id,
      secret: secrets.secret,
      foreign: secrets.secret,
      // What AWS will fetch for a provider it creates or re-points, read first (identity-provider/preflight.ts).
      fetch: proxiedFetch(env),
      note: (message) => info(secrets.redact(message)),
      done: (step) => info(doneLine(step)),
      planned: async (plan) => {
        for (const line of planDebugLines(plan)) trace?.(line)
        info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
        for (const message of planWarnings(plan)) warning(message)
        await out.setOutput('plan', secrets.redact(renderJson(plan)))
        // `changed`: in plan modes, whether applying would change AWS; in apply and destroy, whether this run
        // did: false when the plan is refused (nothing is written), else set once the writes end.
        if (planning || plan.problems.length > 0) await out.setOutput('changed', String(planning && plan.changed))
        if (plan.problems.length > 0) await report.publish({ plan })
      },
    })
  } catch (error) {
    if (error instanceof Stopped) {
      await out.setOutput('changed', String(error.done.some((step) => step.action !== 'no-op')))
      const rerunHelps = !(error.cause instanceof AwsCallError && !error.cause.rerunHelps)
      await report.summary({ plan: error.plan, notice: stoppedNotice(desired.mode, secrets.redact(errorMessage(error.cause)), error.done, rerunHelps) })
      throw error.cause
    }
    if (!(planning && pr?.fork && error instanceof AwsCallError && error.code === 'CredentialsProviderError')) throw error
    warning(forkNotice(desired.mode))
    await report.summary({ notice: forkNotice(desired.mode), plan: { steps: [], changed: false, problems: [] } })
    return
  }
  const { plan, state, ids } = outcome
  if (!planning) await out.setOutput('changed', String(plan.changed))
  const nothing = nothingLine(desired)
  if (!plan.changed && nothing) info(nothing)
  if (isDestroying(desired)) return report.publish({ plan })

  const outputs = runOutputs(desired, runtime, ids)
  // Our IDs are outputs on purpose (masked in the log); a provider's secret never is one.
  const altered: string[] = []
  for (const [name, value] of Object.entries(outputs)) {
    const shown = secrets.redactSecrets(value)
    if (shown !== value) altered.push(name)
    await out.setOutput(name, shown)
  }
  // A secret that is also part of a name (a short or common word) takes its place in these outputs: said, never silent.
  if (altered.length > 0) {
    warning(
      `output${altered.length > 1 ? 's' : ''} ${altered.join(', ')} contain${altered.length > 1 ? '' : 's'} the value of a secret input (a client-secret or private-key of federated-providers), ` +
        'so *** stands in its place there and in the log; use the real secret (a value that is not part of the pool, domain or client names)',
    )
  }
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

/** The event's payload (for the pull request the comment goes to), or nothing when it cannot be read. */
function readEvent(path: string | undefined): unknown {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}
