// The run's log, outputs, failure and summary, through the runner's toolkit (@actions/core, which only
// main.ts imports: here it is the structural `Toolkit`, loaded late). Every line has each secret (and each
// line of one) redacted before the runner sees it, and goes through logText (values in it through logSafe):
// no workflow command can come from a value. Our IDs are left to the runner's masks in the log (registered
// before they can be named); the summary and comment redact them. Log lines and masks may wait for the
// toolkit (in order); outputs and the summary, which write files and can fail, wait for it to load and fail
// where they are.
import type { Deferred } from '../util/deferred.js'
import { logText } from '../util/log-safety.js'
import type { Secrets } from './secrets.js'

/** The part of @actions/core the run uses. */
export interface Toolkit {
  info: (message: string) => void
  warning: (message: string) => void
  debug: (message: string) => void
  setFailed: (message: string) => void
  setSecret: (secret: string) => void
  setOutput: (name: string, value: string) => void
  summary: { addRaw: (text: string, addEOL?: boolean) => { write: () => Promise<unknown> } }
}

export interface Runner {
  info: (message: string) => void
  warning: (message: string) => void
  fail: (message: string) => void
  debug: (message: string) => void
  setOutput: (name: string, value: string) => Promise<void>
  summary: (markdown: string) => Promise<void>
}

export function runner(toolkit: Deferred<Toolkit>, secrets: Secrets): Runner {
  const safe = (message: string): string => logText(secrets.redactSecrets(message))
  return {
    info: (message) => toolkit.later((t) => t.info(safe(message))),
    warning: (message) => toolkit.later((t) => t.warning(safe(message))),
    fail: (message) => toolkit.later((t) => t.setFailed(safe(message))),
    debug: (message) => toolkit.later((t) => t.debug(safe(message))),
    setOutput: async (name, value) => (await toolkit.load()).setOutput(name, value),
    summary: async (markdown) => void (await (await toolkit.load()).summary.addRaw(markdown, true).write()),
  }
}
