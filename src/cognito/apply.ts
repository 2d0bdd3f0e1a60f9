// Apply: walk the plan in dependency order (pool, then domain and client in parallel) through the
// AWS layer. Steps that are no-ops make no call, so applying an unchanged plan writes nothing.
import type { CreateUserPoolClientRequest, CreateUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider'
import { mfaRequest } from '../mfa.js'
import { inviteRequest } from '../invite-users.js'
import { stepFields } from '../plan.js'
import type { Plan, ResourceKind, Step } from '../types.js'
import type { CognitoApi } from './api.js'
import type { RawState } from './observe.js'
import { randomUUID } from 'node:crypto'
import { setTimeout as wait } from 'node:timers/promises'
import { createClientWithSecret, createDomain, createPool, type CreateContext } from './creates.js'
import { clientUpdateRequest, poolUpdateRequest } from './requests.js'

export interface Applied {
  userPoolId: string
  userPoolArn: string
  clientId: string
  /** A custom domain's CloudFront target, when this run created or updated it. */
  cloudFrontDomain?: string
  /** A confidential client's secret, when this run created the client. */
  clientSecret?: string
}

export interface ApplyListeners {
  /** Each step as it completes, so the log says what was done even if a later step fails. */
  done?: (step: Step) => void
  /** Each new ID or ARN as soon as AWS returns it, before a later call's error could name it. */
  found?: (id: string) => void
  /** What recovery from a lost answer or a concurrent run found and did. */
  note?: (message: string) => void
  /** This run's token, tagged on the pool it creates (random when not given). */
  token?: string
  /** Tries of a create whose outcome is unknown (default 3). */
  attempts?: number
  /** Waits between those tries (tests inject their own). */
  sleep?: (ms: number) => Promise<void>
  /** A secret AWS returned (a new client's secret): registered before anything else happens. */
  secret?: (value: string) => void
  /** Runs after the pool exists and before the client is written: what the client depends on. */
  beforeClient?: (userPoolId: string) => Promise<void>
}

export async function apply(api: CognitoApi, plan: Plan, raw: RawState, listeners: ApplyListeners = {}): Promise<Applied> {
  const onDone = listeners.done ?? (() => {})
  const found = listeners.found ?? (() => {})
  if (plan.problems.length > 0) throw new Error('refusing to apply a plan that has problems')
  const pool = stepOf(plan, 'pool')
  let userPoolId = raw.pool?.Id ?? ''
  let userPoolArn = raw.pool?.Arn ?? ''
  const ctx: CreateContext = {
    api,
    token: listeners.token ?? randomUUID(),
    attempts: listeners.attempts ?? 3,
    sleep: listeners.sleep ?? ((ms) => wait(ms).then(() => undefined)),
    note: listeners.note ?? (() => {}),
  }
  if (pool.action === 'create') {
    const fields = stepFields(pool) as unknown as CreateUserPoolRequest
    const winner = await createPool(ctx, fields)
    userPoolId = winner.Id ?? ''
    userPoolArn = winner.Arn ?? ''
    found(userPoolId)
    found(userPoolArn)
    // Created without deletion protection so that a run can delete its own extra; switched on now.
    if (fields.DeletionProtection === 'ACTIVE' && winner.DeletionProtection !== 'ACTIVE') {
      await api.updatePool(poolUpdateRequest(winner, { DeletionProtection: 'ACTIVE' }), pool.name)
    }
  } else if (pool.action === 'update') {
    await api.updatePool(poolUpdateRequest(required(raw.pool), stepFields(pool)), pool.name)
  }
  onDone(pool)
  // MFA is its own call, after the pool exists and before domain and client.
  const mfa = plan.steps.find((s) => s.resource === 'mfa')
  if (mfa && mfa.action === 'update') {
    await api.setMfaConfig(mfaRequest(userPoolId, raw.mfa, mfa), pool.name)
    onDone(mfa)
  } else if (mfa) onDone(mfa)

  const domainStep = stepOf(plan, 'domain')
  const clientStep = stepOf(plan, 'client')
  // Domain and client depend only on the pool. Both are allowed to finish before any failure is
  // reported, so the log says everything that was done.
  const certificateArn = domainCertificate(domainStep)
  const [domain, client] = await Promise.allSettled([
    (async () => {
      let cloudFrontDomain: string | undefined
      if (domainStep.action === 'replace' && domainStep.replaces) await api.deleteDomain(userPoolId, domainStep.replaces)
      const version = stepFields(domainStep).ManagedLoginVersion as number | undefined
      if (domainStep.action === 'create' || domainStep.action === 'replace')
        cloudFrontDomain = await createDomain(ctx, userPoolId, domainStep.name, certificateArn, version)
      if (domainStep.action === 'update' && version !== undefined)
        cloudFrontDomain = await api.updateDomain(userPoolId, domainStep.name, certificateArn, version)
      else if (domainStep.action === 'update' && certificateArn)
        cloudFrontDomain = await api.updateDomainCertificate(userPoolId, domainStep.name, certificateArn)
      onDone(domainStep)
      return cloudFrontDomain
    })(),
    (async () => {
      if (listeners.beforeClient) await listeners.beforeClient(userPoolId)
      if (clientStep.action === 'create' || clientStep.action === 'replace') {
        const fields = { ...stepFields(clientStep), UserPoolId: userPoolId } as unknown as CreateUserPoolClientRequest
        const old = raw.client?.ClientId
        const created = await createClientWithSecret(ctx, fields, {
          ...(clientStep.action === 'replace' && old ? { exclude: [old] } : {}),
          ...(listeners.secret ? { secret: listeners.secret } : {}),
        })
        found(created.id)
        // Replacing: the old client goes only once the new one exists.
        if (clientStep.action === 'replace' && old) await api.deleteClient(userPoolId, old, clientStep.name)
        onDone(clientStep)
        return { id: created.id, secret: created.secret }
      }
      if (clientStep.action === 'update') {
        await api.updateClient(clientUpdateRequest(required(raw.client), stepFields(clientStep)), clientStep.name)
      }
      onDone(clientStep)
      return { id: raw.client?.ClientId ?? '', secret: raw.client?.ClientSecret }
    })(),
  ])
  if (domain.status === 'rejected') throw domain.reason
  if (client.status === 'rejected') throw client.reason
  const { id: clientId, secret: clientSecret } = client.value
  // Managed login v2 serves pages only to a client with a branding style.
  const branding = plan.steps.find((s) => s.resource === 'branding')
  if (branding && branding.action === 'create') await api.createBranding(userPoolId, clientId, branding.name)
  if (branding) onDone(branding)
  const users = plan.steps.find((s) => s.resource === 'users')
  if (users) {
    // Never a user ID or anything else from AWS in an error: only 'an invited user'.
    await Promise.all(users.changes.map((c) => api.inviteUser(inviteRequest(userPoolId, String(c.after)))))
    onDone(users)
  }
  return { userPoolId, userPoolArn, clientId, ...(clientSecret ? { clientSecret } : {}), ...(domain.value ? { cloudFrontDomain: domain.value } : {}) }
}

/** The certificate a domain step sends (custom domains only). */
function domainCertificate(step: Step): string | undefined {
  const config = stepFields(step).CustomDomainConfig as { CertificateArn?: string } | undefined
  return config?.CertificateArn
}

function stepOf(plan: Plan, resource: ResourceKind): Step {
  const step = plan.steps.find((s) => s.resource === resource)
  if (!step) throw new Error(`the plan has no ${resource} step`)
  return step
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('an update needs the described resource')
  return value
}
