// What parsing gets from the runner. Types only.

/** Returns '' for an absent input (like @actions/core getInput with trim). */
export type InputGetter = (name: string) => string

/**
 * Reads a file of the repository (a SAML metadata-file), relative to the workspace, of at most
 * `limits.maxChars` characters; throws FileRefused (inputs/files.ts) saying why it will not.
 */
export type ReadFile = (path: string, limits: { maxChars: number; limitName: string }) => string
