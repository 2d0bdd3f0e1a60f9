// The pre-flight read of what AWS fetches when it creates or re-points a provider (AWSB-085, AWSB-092):
// an OIDC issuer's discovery document, `<issuer>/.well-known/openid-configuration`, and a SAML provider's
// metadata URL. Made in observe (through the proxied fetch the run hands the engine, as verify's), only for
// the providers the plan would create or whose issuer / metadata URL it would change, so a run that
// changes nothing fetches nothing. The plan turns a definite answer AWS would refuse too into a problem
// (before the first write), and a failure to reach the URL from this runner into a warning only: AWS
// fetches from the internet, which a self-hosted runner may not reach (AWSB-159).
import type { DesiredProvider, ObservedProvider, ProviderEndpointCheck } from '../../model/types.js'
import { isSamlMetadata, samlSsoUrl } from '../../util/saml.js'
import { quote as q } from '../../util/text.js'

/** How long one read may take before it counts as unreachable (a warning, never a problem). */
export const PREFLIGHT_TIMEOUT_MS = 10_000
/** The most of a document read: a discovery document or SAML metadata is far smaller (ProviderDetails' limit). */
const MAX_CHARS = 131_072

/** The URL AWS fetches for this provider, and the member it comes from; undefined for the social providers and a metadata file. */
export function fetchedUrl(p: DesiredProvider): { member: ProviderEndpointCheck['member']; url: string } | undefined {
  if (p.type === 'OIDC' && p.details.oidc_issuer !== undefined) return { member: 'oidc_issuer', url: discoveryUrl(p.details.oidc_issuer) }
  if (p.type === 'SAML' && p.details.MetadataURL !== undefined) return { member: 'MetadataURL', url: p.details.MetadataURL }
  return undefined
}

export const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`

/**
 * Whether AWS fetches this provider's document in this run: it is created (`current` undefined), or updated
 * with another issuer / metadata URL than it has. An update that keeps the URL is not read: the provider
 * works with it today, and the update carries the endpoints AWS found then (calls.ts providerUpdateRequest).
 */
export function needsPreflight(p: DesiredProvider, current: ObservedProvider | undefined): boolean {
  const fetched = fetchedUrl(p)
  if (fetched === undefined) return false
  if (current === undefined) return true
  if (current.type !== p.type) return false
  return current.details[fetched.member] !== p.details[fetched.member]
}

/** The first `max` bytes of a body, decoded, the rest never read (an endless or huge body costs nothing more). */
async function firstBytes(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined
  if (reader === undefined) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < max) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  void reader.cancel().catch(() => undefined)
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, max))
}

/** Answers that say the document is not there for anyone (AWS too); any other non-200 may be this runner's view (a WAF, a rate limit, an outage). */
const GONE = new Set([404, 410])

const shortText = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}…` : text)

/** Reads the document AWS will fetch and says what AWS would make of it. */
export async function preflight(p: DesiredProvider, doFetch: typeof fetch, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<ProviderEndpointCheck | undefined> {
  const fetched = fetchedUrl(p)
  if (fetched === undefined) return undefined
  const { member, url } = fetched
  const result = (outcome: ProviderEndpointCheck['outcome'], detail?: string): ProviderEndpointCheck => ({
    provider: p.name,
    member,
    url,
    outcome,
    ...(detail !== undefined ? { detail } : {}),
  })
  let status: number
  let text: string
  try {
    const response = await doFetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: member === 'oidc_issuer' ? 'application/json' : 'application/xml, text/xml, */*' },
    })
    status = response.status
    text = status === 200 ? await firstBytes(response, MAX_CHARS) : ''
    if (status !== 200) void response.body?.cancel().catch(() => undefined)
  } catch (error) {
    // DNS, a refused connection, TLS, a timeout: this runner's view, not AWS's.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
    const why = cause instanceof Error ? ((cause as { code?: string }).code ?? cause.name) : String(cause)
    return result('unreachable', `could not be read from this runner (${why})`)
  }
  if (GONE.has(status)) return result('refused', `answered HTTP ${status}, not 200`)
  if (status !== 200) return result('unreachable', `answered HTTP ${status} to this runner`)
  if (member === 'MetadataURL') {
    if (!isSamlMetadata(text)) return result('refused', 'answered a document that is not SAML metadata (no EntityDescriptor)')
    if (samlSsoUrl(text) === undefined) return result('refused', 'has no SingleSignOnService with the HTTP-Redirect binding, which Cognito needs')
    return result('ok')
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return result('refused', 'answered a document that is not JSON')
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return result('refused', 'answered JSON that is not an object')
  const issuer = (doc as Record<string, unknown>).issuer
  if (typeof issuer !== 'string') return result('refused', 'names no issuer')
  // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must be identical to the one fetched from.
  if (issuer !== p.details.oidc_issuer) return result('refused', `names the issuer ${q(shortText(issuer))}, not ${q(p.details.oidc_issuer ?? '')}`)
  const missing = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'].filter((k) => typeof (doc as Record<string, unknown>)[k] !== 'string')
  if (missing.length > 0) return result('refused', `names no ${missing.join(', ')}`)
  return result('ok')
}
