// @ts-check
/**
 * Test hook behind `lc.seedPools(count)`: the other pools of a busy account (other teams, other preview
 * environments), made in-process through the same validated handlers as the API (CreateUserPool,
 * CreateUserPoolDomain), so ListUserPools, DescribeUserPool, DescribeUserPoolDomain and ListTagsForResource
 * answer for them exactly as for a pool made over HTTP. Nothing is recorded in `lc.calls` and no latency is
 * added: seeding 1,000 pools costs a fraction of a second, not 1,000 round trips.
 *
 * What they look like, by position (deterministic, so that a measurement can be repeated):
 * - names that sort before a typical pool name (`accounts-17`), after it (`sso-preview-pr-18`, `zz-legacy-20`),
 *   and, with `near`, names that start with the name under test (`<near>-pr-19`: a trap for a prefix match);
 *   never `near` itself;
 * - every other pool carries this action's tags (`managed-by: cognito-sso-action` and a run token), as the
 *   pools of other repositories' preview environments do; every third has team tags;
 * - every third has a prefix domain (`seed-17-sso`); one in a hundred a custom domain instead;
 * - one in four has deletion protection on.
 */

/** The action's tags (src/types.ts MANAGED_TAG_KEY / MANAGED_TAG_VALUE, src/cognito/creates.ts RUN_TAG_KEY). */
const MANAGED_TAGS = { 'managed-by': 'cognito-sso-action' }
const RUN_TAG_KEY = 'cognito-sso-action:run'

/**
 * @typedef {{ near?: string, first?: number }} SeedOptions
 *   near: the pool name under test (seeded names start with it but never equal it);
 *   first: the index of the first seeded pool (names and domains stay unique across several calls)
 */

/**
 * @param {(operation: string, input: Record<string, unknown>) => Record<string, any>} execute
 * @param {number} count
 * @param {SeedOptions} options
 * @returns {string[]} the IDs of the pools made, in creation order
 */
export function seedPools(execute, count, options = {}) {
  const first = options.first ?? 0
  /** @type {string[]} */
  const ids = []
  for (let i = first; i < first + count; i++) {
    const names = [`accounts-${i}`, `sso-preview-pr-${i}`, options.near ? `${options.near}-pr-${i}` : `team-${i}`, `zz-legacy-${i}`]
    const name = /** @type {string} */ (names[i % names.length])
    /** @type {Record<string, string>} */
    const tags = {}
    if (i % 2 === 0) Object.assign(tags, MANAGED_TAGS, { [RUN_TAG_KEY]: `seed-run-${i}` })
    if (i % 3 === 0) Object.assign(tags, { team: 'platform', env: 'preview' })
    const out = execute('CreateUserPool', {
      PoolName: name,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
      // source: test-hook lc.seedPools (other pools of a busy account, some protected)
      DeletionProtection: i % 4 === 1 ? 'ACTIVE' : 'INACTIVE',
      ...(Object.keys(tags).length > 0 ? { UserPoolTags: tags } : {}),
    })
    const id = String(out.UserPool?.Id)
    ids.push(id)
    // A few custom domains, within the account's 4 (AWSB-202: the quotas page), the rest prefixes.
    if (i % 100 === 50 && i < 400) {
      execute('CreateUserPoolDomain', {
        UserPoolId: id,
        Domain: `auth-${i}.seed.example.com`,
        CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000' },
      })
    } else if (i % 3 === 0) {
      execute('CreateUserPoolDomain', { UserPoolId: id, Domain: `seed-${i}-sso` })
    }
  }
  return ids
}
