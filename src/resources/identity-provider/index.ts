// Identity providers (federated-providers: SAML, OIDC, social): created and updated, never deleted;
// secrets compared without being shown. Written before the client that lists them; deleted with the pool.
import type { DesiredProvider, FieldChange, ObservedProvider, ProviderEndpointCheck, Step } from '../../model/types.js'
import { sameSet } from '../../util/lists.js'
import type { ObserveContext, Resource } from '../resource.js'
import { clientProviders } from '../shared/desired.js'
import { countProblem } from '../shared/quotas.js'
import { IDENTITY_PROVIDERS_PER_POOL } from '../../model/quotas.js'
import { createProvider, describeProvider, listProviderNames, providerUpdateRequest, updateProvider, writeOnly } from './calls.js'
import { localEndpoints, quoteUrl } from '../../inputs/urls.js'
import { quote as q } from '../../util/text.js'
import { mappingProblems } from './attributes.js'
import { needsPreflight, preflight } from './preflight.js'
import { parseFederatedProviders } from './parse.js'

/** Shown instead of a secret's value, before and after. */
export const SECRET_SET = '(secret)'
export const SECRET_CHANGED = '(secret changed)'
/** A write-only secret (Apple's private key) that an update made for another reason sends again. */
export const SECRET_RESENT = '(secret, sent with the update)'

function providerCreated(p: DesiredProvider): FieldChange[] {
  const changes: FieldChange[] = [{ field: 'ProviderType', before: undefined, after: p.type }]
  for (const [key, value] of Object.entries(p.details)) {
    changes.push({ field: `ProviderDetails.${key}`, before: undefined, after: p.secretKeys.includes(key) ? SECRET_SET : shortDetail(key, value) })
  }
  if (Object.keys(p.attributeMapping).length) changes.push({ field: 'AttributeMapping', before: undefined, after: p.attributeMapping })
  if (p.identifiers?.length) changes.push({ field: 'IdpIdentifiers', before: undefined, after: p.identifiers })
  return changes
}

/** Metadata documents are long: the plan names them by size. */
function shortDetail(key: string, value: string): string {
  return key === 'MetadataFile' ? `(metadata document, ${value.length} characters)` : value
}

const normaliseXml = (xml: string): string => xml.replace(/>\s+</g, '><').trim()

/**
 * Only what the input gives is compared; a secret is compared without ever being shown; a detail AWS
 * never describes back (Apple's private key) is not compared at all, and is listed as sent again when
 * the provider is updated for another reason (the update carries the whole provider).
 */
export function providerChanges(p: DesiredProvider, current: ObservedProvider): FieldChange[] {
  const changes: FieldChange[] = []
  for (const [key, value] of Object.entries(p.details)) {
    if (writeOnly(p.type, key)) continue
    const before = current.details[key]
    if (before === value) continue
    if (p.secretKeys.includes(key)) {
      changes.push({ field: `ProviderDetails.${key}`, before: before === undefined ? undefined : SECRET_SET, after: SECRET_CHANGED })
    } else if (key === 'MetadataFile') {
      if (normaliseXml(before ?? '') === normaliseXml(value)) continue
      changes.push({ field: 'ProviderDetails.MetadataFile', before: before === undefined ? undefined : '(metadata document)', after: shortDetail(key, value) })
    } else {
      changes.push({ field: `ProviderDetails.${key}`, before, after: value })
    }
  }
  const mappingBefore: Record<string, string> = {}
  const mappingAfter: Record<string, string> = {}
  for (const [k, v] of Object.entries(p.attributeMapping)) {
    if (current.attributeMapping[k] === v) continue
    if (current.attributeMapping[k] !== undefined) mappingBefore[k] = current.attributeMapping[k]
    mappingAfter[k] = v
  }
  if (Object.keys(mappingAfter).length) changes.push({ field: 'AttributeMapping', before: mappingBefore, after: mappingAfter })
  if (p.identifiers !== undefined && !sameSet(p.identifiers, current.identifiers)) {
    changes.push({
      field: 'IdpIdentifiers',
      before: current.identifiers,
      after: p.identifiers,
      added: p.identifiers.filter((x) => !current.identifiers.includes(x)),
      removed: current.identifiers.filter((x) => !p.identifiers?.includes(x)),
    })
  }
  if (changes.length === 0) return changes
  const resent = Object.keys(p.details).filter((key) => writeOnly(p.type, key))
  return [...changes, ...resent.map((key) => ({ field: `ProviderDetails.${key}`, before: SECRET_SET, after: SECRET_RESENT }))]
}

export const identityProvider: Resource = {
  kind: 'provider',
  dependsOn: ['pool'],
  inputs: ['federated-providers'],
  yamlInputs: ['federated-providers'],

  parse(_input, { problems, raw, readFile, env }) {
    return { federatedProviders: parseFederatedProviders(raw('federated-providers'), readFile, problems, localEndpoints(env)) }
  },

  async observe(ctx) {
    await describeDeclared(ctx)
    // Then what AWS will fetch for the providers it creates or re-points (none on a run that changes nothing).
    const { fetch, desired, observed } = ctx
    if (fetch === undefined) return
    const due = desired.federatedProviders.filter((p) =>
      needsPreflight(
        p,
        (observed.providers ?? []).find((o) => o.name === p.name),
      ),
    )
    if (due.length === 0) return
    const checks = await Promise.all(due.map((p) => preflight(p, fetch)))
    observed.providerEndpoints = checks.filter((c) => c !== undefined)
  },

  plan(desired, observed, problems) {
    const steps: Step[] = []
    const existingNames = observed.providerNames ?? []
    for (const provider of desired.federatedProviders) {
      const label = `federated-providers: provider ${q(provider.name)}`
      const current = (observed.providers ?? []).find((p) => p.name === provider.name)
      if (current === undefined || current.type === provider.type) {
        problems.push(...mappingProblems(label, provider.attributeMapping, observed.pool, current?.attributeMapping))
      }
      const check = (observed.providerEndpoints ?? []).find((c) => c.provider === provider.name)
      if (check?.outcome === 'refused') problems.push(endpointProblem(label, provider, check))
      const warn = (changes: FieldChange[]): FieldChange[] =>
        check?.outcome === 'unreachable'
          ? changes.map((c) => (c.field === `ProviderDetails.${check.member}` ? { ...c, warning: endpointWarning(check) } : c))
          : changes
      if (!current) {
        if (existingNames.includes(provider.name)) {
          problems.push(
            `federated-providers: provider '${provider.name}' exists in the pool but could not be described; run again, or check the IAM policy allows DescribeIdentityProvider`,
          )
        }
        steps.push({ resource: 'provider', name: provider.name, action: 'create', changes: warn(providerCreated(provider)) })
        continue
      }
      if (current.type !== provider.type) {
        problems.push(
          `federated-providers: provider '${provider.name}' exists in the pool as type ${current.type}, not ${provider.type}; ` +
            "Cognito cannot change a provider's type: give the new one another name, or delete the old provider first",
        )
        steps.push({
          resource: 'provider',
          name: provider.name,
          action: 'replace-required',
          changes: [{ field: 'ProviderType', before: current.type, after: provider.type }],
        })
        continue
      }
      const changes = providerChanges(provider, current)
      steps.push({ resource: 'provider', name: provider.name, action: changes.length ? 'update' : 'no-op', changes: warn(changes) })
    }
    // Providers are never deleted by the action: the pool keeps every one it has (AWSB-201).
    const created = steps.filter((s) => s.action === 'create').length
    const pool = `user pool '${observed.pool?.name ?? desired.poolName}'`
    const problem = countProblem(
      'federated-providers',
      pool,
      IDENTITY_PROVIDERS_PER_POOL,
      existingNames.length,
      created,
      'declare fewer providers, or delete providers the pool no longer uses',
    )
    if (problem) problems.push(problem)
    return steps
  },

  async apply(step, ctx) {
    const provider = ctx.desired.federatedProviders.find((p) => p.name === step.name)
    if (!provider) return
    if (step.action === 'create') {
      await createProvider(ctx, ctx.ids.userPoolId, provider)
      return
    }
    const described = ctx.described.providers?.get(provider.name)
    if (!described) throw new Error(`identity provider '${provider.name}' was not described before its update`)
    await updateProvider(ctx.port, providerUpdateRequest(described, provider))
  },
}

/** Lists the pool's providers and describes the declared ones that exist (their secrets registered first). */
async function describeDeclared({ port, desired, location, observed, described, after, secret }: ObserveContext): Promise<void> {
  // Read when providers are declared or the client lists one besides COGNITO (the plan checks it exists).
  const poolId = location.poolId
  if (poolId === undefined || (desired.federatedProviders.length === 0 && !clientProviders(desired).some((p) => p !== 'COGNITO'))) return
  const names = await listProviderNames(port, poolId)
  observed.providerNames = names
  const declared = desired.federatedProviders.filter((p) => names.includes(p.name))
  // Their secrets are read only from a pool known to be ours (the domain's owner is checked while the list runs).
  if (declared.length > 0) await after('pool')
  // Listed a moment ago: one gone meanwhile is undefined (the plan then creates it).
  const found = await Promise.all(declared.map((p) => describeProvider(port, poolId, p.name)))
  described.providers = new Map()
  observed.providers = []
  for (const idp of found) {
    if (!idp?.ProviderName) continue
    // AWS returns provider secrets in clear: registered before anything can print them.
    for (const key of ['client_secret', 'private_key']) {
      const value = idp.ProviderDetails?.[key]
      if (value) secret(value)
    }
    described.providers.set(idp.ProviderName, idp)
    observed.providers.push({
      name: idp.ProviderName,
      type: idp.ProviderType ?? '',
      details: { ...(idp.ProviderDetails ?? {}) },
      attributeMapping: { ...(idp.AttributeMapping ?? {}) },
      identifiers: idp.IdpIdentifiers ?? [],
    })
  }
}

/** A definite answer at the URL AWS fetches: AWS would refuse the provider (AWSB-159). */
function endpointProblem(label: string, p: DesiredProvider, check: ProviderEndpointCheck): string {
  if (check.member === 'oidc_issuer') {
    return (
      `${label}: issuer ${quoteUrl(p.details.oidc_issuer ?? '')}: its discovery document ${quoteUrl(check.url)} ${check.detail ?? ''}; ` +
      'Cognito reads it when it creates or updates the provider and refuses a provider whose discovery fails (AWSB-085). ' +
      "Fix the issuer: it is the IdP's issuer exactly as its discovery document names it (without /.well-known/openid-configuration), e.g. https://login.microsoftonline.com/<tenant-id>/v2.0"
    )
  }
  return (
    `${label}: metadata-url ${quoteUrl(check.url)} ${check.detail ?? ''}; Cognito reads the IdP's SAML metadata from it when it creates or updates the provider and refuses what is not SAML metadata (AWSB-092). ` +
    "Fix the URL (your IdP's federation metadata URL), or download the metadata into the repository and give metadata-file"
  )
}

/** This runner could not reach the URL: AWS fetches from the internet and may reach it, so only a warning. */
const endpointWarning = (check: ProviderEndpointCheck): string =>
  `${check.url} ${check.detail ?? 'could not be read from this runner'}; AWS fetches it from the internet when it writes the provider and refuses the provider if it cannot: check the URL if this runner should reach it`
