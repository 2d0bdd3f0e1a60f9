// The hosted UI / managed login domain: a Cognito prefix or a custom domain (custom-domain.ts), with
// its managed login version (`managed-login`). A pool holds one prefix and one custom domain at once
// (AWSB-066): the action manages the one `domain` names, and keeps the other kind as it is (moving from
// a prefix to a custom domain creates the custom domain and never deletes the working prefix). Another
// name of the same kind is a replace: delete, wait until the old one is gone (AWSB-062), create.
// Destroy removes the pool's domains, each waited for, before the pool.
import type { DomainOwner, FieldChange, Observed, Desired, Step } from '../../model/types.js'
import { quote } from '../../util/text.js'
import type { Resource } from '../resource.js'
import { tierAtLeast, tierName, type Tier } from '../shared/catalogue.js'
import { created, stepFields } from '../shared/desired.js'
import { loweredTo } from '../shared/tier.js'
import { createDomain, deleteDomainAndWait, describeDomain, domainOwner, updateDomain, waitDomainDeleted } from './calls.js'
import { checkCertificateArn, checkCustomDomainName, isCustomDomain } from './custom-domain.js'

const DOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const DOMAIN_MAX = 63
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'] as const

function parseDomain(raw: string, problems: string[], required: boolean): string {
  if (raw === '' && !required) return ''
  if (raw === '') {
    problems.push("domain: is required; set it to the hosted UI domain prefix (the 'my-app' of my-app.auth.<region>.amazoncognito.com), e.g. domain: my-app")
    return ''
  }
  if (isCustomDomain(raw)) {
    checkCustomDomainName(raw, problems)
    return raw
  } else if (raw.length > DOMAIN_MAX) {
    problems.push(`domain: ${quote(raw)} is ${raw.length} characters long; a domain prefix allows at most ${DOMAIN_MAX}; shorten it`)
  } else if (!DOMAIN_PATTERN.test(raw)) {
    const lower = raw.toLowerCase()
    const hint = lower !== raw && DOMAIN_PATTERN.test(lower) ? `, e.g. domain: ${lower}` : ''
    problems.push(`domain: ${quote(raw)} must be lowercase letters, digits and hyphens, not starting or ending with a hyphen${hint}`)
  }
  // For a full domain name, only its first label is the prefix (the rest always says amazoncognito).
  const prefix = (raw.split('.')[0] ?? '').toLowerCase()
  for (const word of RESERVED_DOMAIN_WORDS) {
    if (prefix.includes(word)) {
      problems.push(
        `domain: ${quote(raw)} contains the reserved word ${quote(word)}, which Cognito refuses in a domain prefix; ` +
          'choose a prefix without aws, amazon or cognito',
      )
    }
  }
  return raw
}

export const MANAGED_LOGIN_INPUTS = ['managed-login'] as const

function parseManagedLogin(raw: string, settings: Record<string, unknown>, problems: string[]): 1 | 2 | undefined {
  if (raw === '') return undefined
  const v = raw.trim().toLowerCase()
  const version = v === 'classic' ? 1 : v === 'v2' ? 2 : undefined
  if (version === undefined) {
    problems.push(`managed-login: '${raw}' is not a managed login version; use classic (the hosted UI) or v2 (managed login)`)
    return undefined
  }
  const tier = settings['feature-plan'] as Tier | undefined
  if (version === 2 && tier !== undefined && !tierAtLeast(tier, 'ESSENTIALS')) {
    problems.push(
      `managed-login: v2 (managed login) needs the essentials feature plan or higher, but feature-plan is ${tierName(tier)}; set feature-plan: essentials (it changes the bill) or use managed-login: classic`,
    )
  }
  return version
}

/** The ManagedLoginVersion change of an existing domain, if the input asks for another version. */
export function versionChange(desired: Desired, current: number | undefined): FieldChange | undefined {
  if (desired.managedLogin === undefined || current === undefined || current === desired.managedLogin) return undefined
  return { field: 'ManagedLoginVersion', before: current, after: desired.managedLogin }
}

/** The owner's ID in a domain's description; undefined when no pool has it (AWS's empty description). */
const ownerOf = (description: { UserPoolId?: string }): string | undefined => description.UserPoolId || undefined

export function toOwner(ownerId: string | undefined, poolId: string | undefined): DomainOwner {
  if (ownerId === undefined) return { kind: 'free' }
  if (ownerId === poolId) return { kind: 'this-pool' }
  return { kind: 'other-pool', userPoolId: ownerId }
}

/**
 * The pool's domain of the other kind than `domain` (its prefix when `domain` is a custom domain, and the
 * reverse): kept as it is, shown as a step of its own so that the plan names both.
 */
export function keptDomain(desired: Pick<Desired, 'domain'>, observed: Pick<Observed, 'pool'>): string | undefined {
  const other = isCustomDomain(desired.domain) ? observed.pool?.domain : observed.pool?.customDomain
  return other !== undefined && other !== desired.domain ? other : undefined
}

function domainSteps(desired: Desired, observed: Observed, problems: string[]): Step[] {
  const kept = keptDomain(desired, observed)
  return [
    ...(kept !== undefined ? [{ resource: 'domain' as const, name: kept, action: 'no-op' as const, changes: [] }] : []),
    domainStep(desired, observed, problems),
  ]
}

function domainStep(desired: Desired, observed: Observed, problems: string[]): Step {
  const name = desired.domain
  const custom = isCustomDomain(name)
  // A pool has at most one prefix and one custom domain; the action manages the one of the input's kind.
  const current = custom ? observed.pool?.customDomain : observed.pool?.domain
  const config = {
    ...(custom ? { CustomDomainConfig: { CertificateArn: desired.certificateArn } } : {}),
    ...(desired.managedLogin !== undefined ? { ManagedLoginVersion: desired.managedLogin } : {}),
  }
  // The pool still names a domain AWS is deleting: it is gone once AWS finishes, so it is created again after
  // that (apply waits for the deletion, AWSB-062); never a no-op.
  if (current === desired.domain && observed.domainDeleting === name) {
    return {
      resource: 'domain',
      name,
      action: 'create',
      changes: [{ field: 'Status', before: 'DELETING', after: undefined }, ...created({ Domain: desired.domain, ...config })],
    }
  }
  if (current === desired.domain) {
    const certificate = observed.customDomain?.name === name ? observed.customDomain.certificateArn : undefined
    const version = versionChange(desired, observed.domainVersion)
    const changes = [
      ...(custom && (certificate !== desired.certificateArn || version)
        ? [{ field: 'CustomDomainConfig', before: certificate === undefined ? undefined : { CertificateArn: certificate }, after: config.CustomDomainConfig }]
        : []),
      ...(version ? [version] : []),
    ]
    // A new certificate or version is an UpdateUserPoolDomain of the same name.
    return { resource: 'domain', name, action: changes.length ? 'update' : 'no-op', changes }
  }

  const owner = observed.desiredDomainOwner ?? { kind: 'free' }
  if (owner.kind === 'other-pool') {
    const what = custom ? `custom domain '${desired.domain}'` : `prefix '${desired.domain}'`
    problems.push(
      // That pool is not ours: its ID is never printed (main registers it as a secret).
      `domain: the ${what} already belongs to another user pool in this account; ` +
        `choose another domain${custom ? '' : ' prefix'}, or delete that pool's domain first ('aws cognito-idp describe-user-pool-domain --domain ${desired.domain}' names the pool)`,
    )
  }
  // Another name of the same kind takes the slot: the old one goes first (the other kind is kept).
  if (current !== undefined) {
    return {
      resource: 'domain',
      name,
      action: 'replace',
      replaces: current,
      changes: [{ field: 'Domain', before: current, after: desired.domain }, ...created(config)],
    }
  }
  return { resource: 'domain', name, action: 'create', changes: created({ Domain: desired.domain, ...config }) }
}

export const domain: Resource = {
  kind: 'domain',
  dependsOn: ['pool'],
  inputs: ['domain', 'certificate-arn', ...MANAGED_LOGIN_INPUTS],

  parse(input, { problems, desired }) {
    const destroying = desired.mode === 'destroy' || desired.mode === 'plan-destroy'
    const name = parseDomain(input('domain'), problems, !destroying)
    // Destroy deletes the domains the pool has, whatever these inputs say: it never asks for the
    // certificate a create needs (a destroy step may carry apply's custom domain without it).
    const certificateArn = destroying ? '' : input('certificate-arn')
    // A *.amazoncognito.com name is a prefix given in full: parseDomain asks for the prefix alone.
    if (!destroying && !/\.amazoncognito\.com$/i.test(name)) checkCertificateArn(certificateArn, isCustomDomain(name), name, desired.region ?? '', problems)
    const managedLogin = parseManagedLogin(input('managed-login'), desired.settings ?? {}, problems)
    return {
      domain: name,
      ...(certificateArn !== '' && isCustomDomain(name) ? { certificateArn } : {}),
      ...(managedLogin !== undefined ? { managedLogin } : {}),
    }
  },

  async observe({ port, desired, destroying, location, observed, after }) {
    // Destroy deletes the domains the described pool names: no read of its own.
    if (destroying) return
    // The desired domain was described while locating the pool (by pool-name): not read again.
    const known = location.desiredDomain
    if (location.poolId === undefined) {
      observed.desiredDomainOwner = toOwner(known ? ownerOf(known) : await domainOwner(port, desired.domain), undefined)
      return
    }
    await after('pool')
    const pool = observed.pool
    if (!pool) return
    const custom = isCustomDomain(desired.domain)
    const has = custom ? pool.customDomain : pool.domain
    const needOwner = has !== desired.domain
    // The custom domain's certificate and CloudFront target matter only when the action manages a custom
    // domain. With managed-login set, the domain's version is read too (a prefix domain's only then).
    const customDomain = custom ? pool.customDomain : desired.managedLogin !== undefined && has === desired.domain ? has : undefined
    // feature-plan lite asked of a higher pool: every domain's version (managed login needs essentials).
    const lowered = loweredTo(desired, pool)
    const versionsOf =
      lowered !== undefined && !tierAtLeast(lowered, 'ESSENTIALS') ? [pool.domain, pool.customDomain].filter((d): d is string => d !== undefined) : []
    // The desired domain described while locating is not read again.
    const knownOurs = known && ownerOf(known) === location.poolId ? known : undefined
    const others = versionsOf.filter((d) => d !== customDomain && d !== knownOurs?.Domain)
    const [owner, description, ...described] = await Promise.all([
      !needOwner ? undefined : known ? ownerOf(known) : domainOwner(port, desired.domain),
      customDomain === undefined
        ? undefined
        : known && customDomain === desired.domain
          ? ownerOf(known)
            ? known
            : undefined
          : describeDomain(port, customDomain),
      ...others.map((d) => describeDomain(port, d)),
    ])
    if (desired.managedLogin !== undefined && description) observed.domainVersion = description.ManagedLoginVersion ?? 1
    if (versionsOf.length > 0) {
      const all = [
        ...(description && customDomain !== undefined && versionsOf.includes(customDomain) ? [description] : []),
        ...(knownOurs && versionsOf.includes(knownOurs.Domain ?? '') && knownOurs.Domain !== customDomain ? [knownOurs] : []),
        ...described,
      ]
      observed.domainVersions = Object.fromEntries(all.flatMap((d) => (d?.Domain ? [[d.Domain, d.ManagedLoginVersion ?? 1] as const] : [])))
    }
    if (customDomain !== undefined && custom) {
      observed.customDomain = {
        name: customDomain,
        ...(description?.CustomDomainConfig?.CertificateArn ? { certificateArn: description.CustomDomainConfig.CertificateArn } : {}),
        ...(description?.CloudFrontDistribution ? { cloudFrontDomain: description.CloudFrontDistribution } : {}),
        ...(description?.Status ? { status: description.Status } : {}),
      }
    }
    if (needOwner) observed.desiredDomainOwner = toOwner(owner, location.poolId)
    // The pool's domain as described (while locating, or the custom domain's read): DELETING is no domain.
    const mine = knownOurs?.Domain === desired.domain ? knownOurs : customDomain === desired.domain ? description : undefined
    if (has === desired.domain && mine?.Status === 'DELETING') observed.domainDeleting = desired.domain
  },

  plan: (desired, observed, problems) => domainSteps(desired, observed, problems),

  // Managed login (version 2) needs essentials (AWSB-017, AWSB-070); UpdateUserPoolDomain comes after the plan changes.
  features: (desired, observed) =>
    Object.entries(observed.domainVersions ?? {})
      .filter(([, version]) => version === 2)
      .map(([name]) => ({
        feature: `managed login (ManagedLoginVersion 2 on domain '${name}')`,
        tier: 'ESSENTIALS' as const,
        off:
          name === desired.domain
            ? 'managed-login: classic, in a run before this one'
            : 'version 1 (classic) on that domain, in the console or the API: the action manages only the domain the input names',
      })),

  async apply(step, ctx) {
    const poolId = ctx.ids.userPoolId
    const fields = stepFields(step)
    const certificateArn = (fields.CustomDomainConfig as { CertificateArn?: string } | undefined)?.CertificateArn
    const version = fields.ManagedLoginVersion as number | undefined
    let cloudFrontDomain: string | undefined
    // The old name must be gone (not DELETING) before the slot takes another (AWSB-062, AWSB-069).
    if (step.action === 'replace' && step.replaces) await deleteDomainAndWait(ctx, poolId, step.replaces)
    // A domain AWS is still deleting must be gone before it is created again.
    if (step.action === 'create' && ctx.observed.domainDeleting === step.name) await waitDomainDeleted(ctx, step.name, { onlyWhileDeleting: true })
    if (step.action === 'create' || step.action === 'replace') cloudFrontDomain = await createDomain(ctx, poolId, step.name, certificateArn, version)
    if (step.action === 'update' && (version !== undefined || certificateArn))
      cloudFrontDomain = await updateDomain(ctx.port, poolId, step.name, certificateArn, version)
    if (cloudFrontDomain) ctx.ids.cloudFrontDomain = cloudFrontDomain
  },

  planDestroy(desired, observed, problems) {
    const pool = observed.pool
    const names = [pool?.domain, pool?.customDomain].filter((d): d is string => Boolean(d))
    // A domain the inputs give must be one of this pool's (else the inputs name another pool's): nothing is
    // deleted. The pool's domains all go with it (Cognito deletes no pool that has one), the prefix kept
    // beside a custom domain included; with domain empty, they are simply the pool's.
    if (pool && desired.domain !== '' && !names.includes(desired.domain)) {
      const has = names.length === 0 ? 'has no domain' : `has the domain${names.length > 1 ? 's' : ''} ${names.map(quote).join(' and ')}`
      problems.push(
        `domain: user pool ${quote(pool.name)} ${has}, not ${quote(desired.domain)}: nothing is deleted; destroy removes only the domains of the pool the inputs name; ` +
          "correct domain, or leave it empty to remove the pool's own domains with it",
      )
    }
    return names.map((name): Step => ({ resource: 'domain', name, action: 'delete', changes: [] }))
  },

  async destroy(step, ctx) {
    // DeleteUserPool is refused while a domain is DELETING (AWSB-013): each is waited for until gone.
    await deleteDomainAndWait(ctx, ctx.ids.userPoolId, step.name)
  },
}
