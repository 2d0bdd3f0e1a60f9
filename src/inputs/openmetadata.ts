// The openmetadata-url input: OpenMetadata's base URL, whose /callback is the client's callback URL. Pure.

export const callbackUrlFor = (openmetadataUrl: string): string => `${openmetadataUrl}/callback`

/** Checks and normalises the openmetadata-url input (an https base URL; http only for localhost). */
export function parseOpenMetadataUrl(raw: string, problems: string[]): string | undefined {
  if (raw === '') return undefined
  const fix = "give OpenMetadata's base URL, e.g. openmetadata-url: https://openmetadata.example.com"
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    problems.push(`openmetadata-url: '${raw}' is not an absolute URL; ${fix}`)
    return undefined
  }
  if (/[\s\p{Cc}]/u.test(raw) || url.username || url.password || url.search || url.hash) {
    problems.push(`openmetadata-url: '${raw}' must be a plain base URL without spaces, user info, query or fragment; ${fix}`)
    return undefined
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === 'localhost')) {
    problems.push(`openmetadata-url: '${raw}' must use https (http is allowed only for localhost); ${fix}`)
    return undefined
  }
  return raw.replace(/\/+$/, '')
}
