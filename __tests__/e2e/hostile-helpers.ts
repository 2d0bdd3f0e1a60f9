// Shared by the issue-16 end-to-end tests (hostile-surfaces*.test.ts): what "refused before any AWS call"
// means, everything a run printed, and SAML metadata documents.
import { expect } from 'vitest'
import { expectExit, expectNoStackTrace, operations, type LocalCognito, type RunResult } from './helpers.js'

/** Everything a run shows anywhere: stdout and stderr (before the runner's masking), the summary, every output. */
export function printed(r: RunResult): string {
  return [r.stdout, r.stderr, r.summary, ...Object.values(r.outputs)].join('\n')
}

/**
 * A refusal of the inputs themselves: exit 1, no AWS call at all, every pattern in the error annotations
 * (the input, the rule, the fix), no stack trace, and none of `forbidden` printed anywhere.
 */
export function expectRefusedBeforeAnyCall(r: RunResult, lc: LocalCognito, patterns: RegExp[], forbidden: string[] = []): void {
  expectExit(r, 1)
  expect(operations(lc), 'AWS calls before the refusal').toEqual([])
  const errors = r.errors.join('\n')
  for (const p of patterns) expect(errors, 'the error annotation').toMatch(p)
  for (const f of forbidden) expect(printed(r), `printed ${JSON.stringify(f)}`).not.toContain(f)
  expectNoStackTrace(r)
}

/** A SAML 2.0 IdP metadata document (EntityDescriptor, an HTTP-Redirect SSO service), with `extra` inside it. */
export function samlMetadata(entity: string, extra = ''): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entity}">`,
    '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    `    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entity}/sso"/>`,
    '  </md:IDPSSODescriptor>',
    extra,
    '</md:EntityDescriptor>',
    '',
  ].join('\n')
}
