// SAML metadata, read as text (no XML parser: two attributes of one element). Pure.

/** The HTTP-Redirect SSO URL of a SAML metadata document (what Cognito sends the browser to, AWSB-092). */
export function samlSsoUrl(xml: string): string | undefined {
  for (const m of xml.matchAll(/<(?:\w+:)?SingleSignOnService\b([^>]*)>/g)) {
    const attrs = m[1] ?? ''
    const binding = /Binding="([^"]*)"/.exec(attrs)?.[1] ?? ''
    const location = /Location="([^"]*)"/.exec(attrs)?.[1]
    if (location && binding.endsWith('HTTP-Redirect')) return location.replaceAll('&amp;', '&')
  }
  return undefined
}

/** Whether a document is SAML metadata (an EntityDescriptor). */
export const isSamlMetadata = (xml: string): boolean => /<(\w+:)?EntityDescriptor[\s>]/.test(xml)
