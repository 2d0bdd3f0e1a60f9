// @ts-check
/**
 * The environment for a run of the action against a local Cognito (tools/local-cognito): its endpoint
 * for the AWS SDK, dummy credentials, and the issuer / hosted-UI overrides so outputs and `verify` point
 * at it. Shared by scripts/demo.js, scripts/bench.js and the e2e helpers.
 */

/**
 * @param {{ url: string, region?: string }} lc the running local Cognito (`startLocalCognito()`)
 * @param {Record<string, string | undefined>} [extra] more variables; undefined removes one
 * @returns {Record<string, string | undefined>}
 */
export function localCognitoEnv(lc, extra = {}) {
  return {
    AWS_ENDPOINT_URL: lc.url,
    AWS_REGION: lc.region ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCALCOGNITO',
    AWS_SECRET_ACCESS_KEY: 'local-cognito-needs-no-secret',
    COGNITO_SSO_ISSUER_BASE_URL: lc.url,
    COGNITO_SSO_HOSTED_UI_URL: `${lc.url}/_domain/{domain}`,
    ...extra,
  }
}
