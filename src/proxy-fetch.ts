// verify's fetch, honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower case too) like the AWS calls:
// undici's EnvHttpProxyAgent (undici is in the bundle already, through @actions/http-client).
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici'

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/** The global fetch when no proxy is configured; otherwise a fetch through the proxy the environment names. */
export function proxiedFetch(env: NodeJS.ProcessEnv): typeof fetch {
  if (!PROXY_VARIABLES.some((name) => env[name]?.trim())) return fetch
  const pick = (...names: string[]): string | undefined => names.map((n) => env[n]?.trim()).find((v) => v)
  const https = pick('https_proxy', 'HTTPS_PROXY')
  const http = pick('http_proxy', 'HTTP_PROXY')
  const noProxy = pick('no_proxy', 'NO_PROXY')
  const dispatcher = new EnvHttpProxyAgent({ ...(https ? { httpsProxy: https } : {}), ...(http ? { httpProxy: http } : {}), ...(noProxy ? { noProxy } : {}) })
  return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...init, dispatcher })) as unknown as typeof fetch
}
