// The only file that imports @actions/core: inputs → observe → plan → apply → outputs, then the
// report (log, job summary, pull-request comment) and the optional SSO checks.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import { CognitoApi } from './cognito/api.js'
import { apply } from './cognito/apply.js'
import { applyDestroy, observeDestroy } from './cognito/destroy.js'
import { planDestroy } from './destroy.js'
import { createCognitoClient, sdkRegion } from './cognito/client.js'
import { AwsCallError } from './cognito/errors.js'
import { applyFederation } from './cognito/federation.js'
import { observe } from './cognito/observe.js'
import { pullRequestFrom } from './comment.js'
import { parseInputs, parseRuntime, type Runtime } from './config.js'
import { errorMessage, isUserError } from './errors.js'
import { openMetadataEnv } from './openmetadata.js'
import { endpointsFor, outputValues, type OutputIds } from './outputs.js'
import { Report } from './report.js'
import { verdict } from './verdict.js'
import { debugFetch, planDebugLines } from './debug.js'
import { plan as makePlan } from './plan.js'
import { renderJson, renderText, stepTitle } from './render.js'
import { PlanError } from './errors.js'
import type { Action, Check, Desired } from './types.js'
import { logSafe, logText } from './sanitize.js'
import { dnsRecord, isCustomDomain } from './custom-domain.js'
import { waitForCustomDomain } from './domain-wait.js'

// Every line for the log goes through logText (values in it through logSafe): no workflow command can
// come from a value.
const info = (message: string): void => core.info(logText(message))
const warning = (message: string): void => core.warning(logText(message))
const fail = (message: string): void => core.setFailed(logText(message))
const debug = (message: string): void => core.debug(logText(message))
import { proxiedFetch } from './proxy-fetch.js'
import { type DesiredProvider, type Step } from './types.js'
import { clientProviders } from './federation/plan.js'
import { verifyProviders } from './federation/verify.js'

const DONE: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  'replace-required': 'not changed',
  'no-op': 'unchanged',
  delete: 'deleted',
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd()
    const desired = parseInputs(
      (name) => core.getInput(name),
      env,
      { region: await sdkRegion() },
      (path) => readFileSync(join(workspace, path), 'utf8'),
    )
    await reconcile(
      desired,
      parseRuntime((name) => core.getInput(name), env),
      env,
    )
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) core.debug(logText(error.stack))
    fail(errorMessage(error))
  }
}

async function reconcile(desired: Desired, runtime: Runtime, env: NodeJS.ProcessEnv): Promise<void> {
  const secrets: string[] = []
  const secret = (value: string | undefined): void => {
    if (!desired.maskOutputs || !value || secrets.includes(value)) return
    core.setSecret(value)
    secrets.push(value)
  }
  /** Real secrets (client and provider secrets) are masked whatever mask-outputs says. */
  const mustMask = (value: string | undefined): void => {
    if (!value || secrets.includes(value)) return
    core.setSecret(value)
    secrets.push(value)
  }
  for (const provider of desired.federatedProviders) {
    for (const key of provider.secretKeys) mustMask(provider.details[key])
  }
  /** IDs of pools that are not ours (a name shared by several pools, a domain's owner): masked whatever mask-outputs says. */
  const foreign = (value: string): void => mustMask(value)
  /** The summary and the comment are not masked by the runner: secrets are replaced here. */
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text)
  secret(desired.userPoolId)
  // Debug lines (AWS calls, plan decisions, verify probes) only when the step debug log is on.
  const trace = (line: string): void => {
    if (runtime.debug) debug(redact(line))
  }
  const pr = pullRequestFrom(runtime.eventName, readEvent(runtime.eventPath))
  const report = new Report(desired, runtime, pr, redact, {
    info,
    warning,
    debug,
    summary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write()
    },
  })
  const api = new CognitoApi(
    createCognitoClient({ region: desired.region, timeoutSeconds: desired.awsTimeoutSeconds, ...(runtime.debug ? { debug: trace } : {}) }, env),
  )
  if (desired.mode === 'destroy' || desired.mode === 'plan-destroy') return destroy(desired, api, report, { secret, foreign }, redact, pr?.fork === true, trace)

  info(
    `Reading user pool '${logSafe(desired.poolName)}', domain '${logSafe(desired.domain)}' and app client '${logSafe(desired.clientName)}' in ${logSafe(desired.region)}`,
  )
  let observation
  try {
    observation = await observe(api, desired, secret, mustMask)
  } catch (error) {
    if (desired.mode === 'plan' && pr?.fork && error instanceof AwsCallError && error.code === 'CredentialsProviderError') {
      const why =
        'No plan: this pull request comes from a fork, and GitHub gives fork pull requests no access to the AWS credentials. A maintainer can run the plan from a branch of this repository.'
      warning(why)
      await report.summary({ notice: why, plan: { steps: [], changed: false, problems: [] } })
      return
    }
    throw error
  }
  const { observed, raw } = observation
  for (const id of observed.matchingPoolIds) if (observed.matchingPoolIds.length > 1) foreign(id)
  if (observed.desiredDomainOwner?.kind === 'other-pool') foreign(observed.desiredDomainOwner.userPoolId)

  const plan = makePlan(desired, observed)
  for (const line of planDebugLines(plan)) trace(line)
  info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
  core.setOutput('plan', redact(renderJson(plan)))
  core.setOutput('changed', String(plan.changed))
  if (plan.problems.length > 0) {
    await report.publish({ plan })
    throw new PlanError(plan.problems)
  }

  const observedCloudFront = observed.customDomain?.name === desired.domain ? observed.customDomain.cloudFrontDomain : undefined
  let ids: OutputIds & { clientSecret?: string } = {
    userPoolId: observed.pool?.id,
    userPoolArn: observed.pool?.arn,
    clientId: observed.client?.id,
    cloudFrontDomain: observedCloudFront,
  }
  const clientStepAction = plan.steps.find((s) => s.resource === 'client')?.action
  if (raw.client?.ClientSecret && clientStepAction !== 'replace') ids.clientSecret = raw.client.ClientSecret
  if (desired.mode === 'apply' && plan.changed) {
    const done: string[] = []
    const onDone = (step: Step): void => {
      done.push(`${stepTitle(step)} ${DONE[step.action]}`)
      info(`${stepTitle(step)}: ${DONE[step.action]}`)
    }
    try {
      const applied = await apply(api, plan, raw, {
        found: secret,
        note: (message) => info(redact(message)),
        secret: mustMask,
        done: onDone,
        beforeClient: (poolId) => applyFederation(api, plan, desired, raw.federation ?? { providers: new Map() }, poolId, onDone),
      })
      ids = { ...applied, cloudFrontDomain: applied.cloudFrontDomain ?? observedCloudFront }
    } catch (error) {
      const rerun =
        error instanceof AwsCallError && !error.rerunHelps
          ? 'Fix the cause above first: running again unchanged stops at the same step.'
          : 'Running the action again continues from there.'
      const notice = `Apply stopped: ${redact(errorMessage(error))}\nDone before that: ${done.join('; ') || 'nothing'}.\n${rerun}`
      await report.summary({ plan, notice })
      throw error
    }
  } else if (desired.mode === 'apply') {
    info('Nothing to change: every resource already matches the inputs.')
  }

  const endpoints = endpointsFor(desired.region, { issuerBase: runtime.issuerBase, hostedUiTemplate: runtime.hostedUiTemplate })
  const outputs = outputValues(endpoints, desired.domain, ids)
  if (desired.openmetadataUrl && outputs.issuer && outputs['client-id']) {
    outputs['openmetadata-env'] = openMetadataEnv({
      issuer: outputs.issuer,
      clientId: outputs['client-id'],
      openmetadataUrl: desired.openmetadataUrl,
      ...(desired.inviteUsers ? { admins: desired.inviteUsers } : {}),
    })
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  if (outputs['cloudfront-domain']) info(`Custom domain: create the DNS record ${logSafe(dnsRecord(desired.domain, outputs['cloudfront-domain']))}`)
  if (ids.clientSecret) {
    mustMask(ids.clientSecret)
    core.setOutput('client-secret', ids.clientSecret)
  }

  // SSO checks need all three resources; in plan mode only those that already exist are checked.
  const domainExists = desired.mode === 'apply' || [observed.pool?.domain, observed.pool?.customDomain].includes(desired.domain)
  const checks = desired.verify ? await checkSso(desired, outputs, domainExists, api, runtime.debug ? trace : undefined) : []

  await report.publish({ plan, outputs, checks })

  const failure = verdict({ mode: desired.mode, failOnChanges: desired.failOnChanges, plan, checks })
  if (failure) fail(failure)
}

/** mode: destroy / plan-destroy: observe what the action manages, plan its removal, then remove it (destroy). */
async function destroy(
  desired: Desired,
  api: CognitoApi,
  report: Report,
  { secret, foreign }: { secret: (v: string | undefined) => void; foreign: (v: string) => void },
  redact: (t: string) => string,
  fork: boolean,
  trace: (line: string) => void,
): Promise<void> {
  info(
    `Reading what the action manages for user pool '${logSafe(desired.poolName)}' (app client '${logSafe(desired.clientName)}') in ${logSafe(desired.region)}`,
  )
  let state
  try {
    state = await observeDestroy(api, desired, secret)
  } catch (error) {
    if (desired.mode === 'plan-destroy' && fork && error instanceof AwsCallError && error.code === 'CredentialsProviderError') {
      const why = 'No plan: this pull request comes from a fork, and GitHub gives fork pull requests no access to the AWS credentials.'
      warning(why)
      await report.summary({ notice: why, plan: { steps: [], changed: false, problems: [] } })
      return
    }
    throw error
  }
  // Several pools of the name: their IDs are not ours to print (masked whatever mask-outputs says).
  if (state.observed.matchingPoolIds.length > 1) for (const id of state.observed.matchingPoolIds) foreign(id)
  const plan = planDestroy(desired, state.observed)
  for (const line of planDebugLines(plan)) trace(line)
  info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
  core.setOutput('plan', renderJson(plan))
  core.setOutput('changed', String(plan.changed))
  if (plan.problems.length > 0) {
    await report.publish({ plan })
    throw new PlanError(plan.problems)
  }
  if (desired.mode === 'destroy' && plan.changed) {
    const done: string[] = []
    try {
      await applyDestroy(api, plan, state, (step) => {
        done.push(`${stepTitle(step)} deleted`)
        info(`${stepTitle(step)}: deleted`)
      })
    } catch (error) {
      const notice = `Destroy stopped: ${redact(errorMessage(error))}\nDone before that: ${done.join('; ') || 'nothing'}.\nRunning the destroy again continues from there.`
      await report.summary({ plan, notice })
      throw error
    }
  } else if (desired.mode === 'destroy') {
    info(`Nothing to destroy: no user pool named '${logSafe(desired.poolName)}' in ${logSafe(desired.region)}.`)
  }
  await report.publish({ plan })
}

async function checkSso(
  desired: Desired,
  outputs: Record<string, string>,
  domainExists: boolean,
  api: CognitoApi,
  trace?: (line: string) => void,
): Promise<Check[]> {
  const [issuer, hostedUiUrl, clientId] = [outputs.issuer, outputs['hosted-ui-url'], outputs['client-id']]
  if (!issuer || !hostedUiUrl || !clientId || !domainExists) {
    info('verify: skipped, the pool, domain and client do not all exist yet (plan mode)')
    return []
  }
  const started = Date.now()
  const domainChecks: Check[] = []
  if (isCustomDomain(desired.domain)) {
    // The custom domain's CloudFront distribution comes first; the hosted UI answers only after it.
    info(`verify: waiting (at most ${desired.verifyTimeoutSeconds} s) for Cognito to report the custom domain ${logSafe(desired.domain)} ACTIVE`)
    const check = await waitForCustomDomain(desired.domain, outputs['cloudfront-domain'], {
      status: async () => (await api.describeDomain(desired.domain))?.Status,
      timeoutMs: desired.verifyTimeoutSeconds * 1000,
      log: info,
    })
    domainChecks.push(check)
    if (!check.ok) {
      info(`FAIL: ${logSafe(check.name)}: ${logSafe(check.detail)}`)
      return domainChecks
    }
  }
  info('Checking SSO from the outside (issuer, signing keys, hosted UI)')
  const { callbackUrls, oauthFlows, oauthScopes } = desired
  const remainingMs = Math.max(0, desired.verifyTimeoutSeconds * 1000 - (Date.now() - started))
  const { verify } = await import(/* webpackMode: "eager" */ './verify.js') // loaded only when verify runs
  const checks = domainChecks.concat(
    await verify(
      { issuer, hostedUiUrl, clientId, callbackUrls, oauthFlows, oauthScopes },
      {
        timeoutMs: remainingMs,
        log: info,
        fetch: trace
          ? debugFetch(proxiedFetch(process.env), trace, { 'user-pool-id': outputs['user-pool-id'], 'client-id': clientId })
          : proxiedFetch(process.env),
      },
    ),
  )
  const listed = clientProviders(desired).filter((p) => p !== 'COGNITO')
  if (listed.length > 0 && callbackUrls[0] && oauthFlows.includes('code')) {
    const providers = listed.map((name) => ({ name, ...optional(desired.federatedProviders.find((p) => p.name === name)) }))
    checks.push(...(await verifyProviders({ hostedUiUrl, clientId, callbackUrl: callbackUrls[0], scopes: oauthScopes, providers }, proxiedFetch(process.env))))
  }
  for (const c of checks) info(`${c.ok ? 'pass' : 'FAIL'}: ${logSafe(c.name)}: ${logSafe(c.detail)}`)
  return checks
}

function optional(declared: DesiredProvider | undefined): { declared?: DesiredProvider } {
  return declared ? { declared } : {}
}

function readEvent(path: string | undefined): unknown {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}
