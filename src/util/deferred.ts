// A module loaded late: once the process's first HTTP request (the first AWS call) has been handed to the
// network, or when asked. Calls made to it before then are kept and made in order once it is loaded, so the
// module's import cost (e.g. @actions/core and undici) runs while that first request travels.
import diagnostics from 'node:diagnostics_channel'

export interface Deferred<T> {
  /** Calls `use` with the module now, or once it is loaded (after the calls kept before it). */
  later: (use: (module: T) => void) => void
  /** Loads the module (once) and makes the calls kept until then. */
  load: () => Promise<T>
}

type RequestStart = { request?: { once?: (event: 'finish', listener: () => void) => void } }

/** `importIt` is called once: when the first HTTP request has been sent, or on the first `load()`. */
export function loadAfterFirstRequest<T>(importIt: () => Promise<T>): Deferred<T> {
  let loaded: T | undefined
  let loading: Promise<T> | undefined
  const kept: ((module: T) => void)[] = []
  const load = (): Promise<T> =>
    (loading ??= importIt().then((module) => {
      for (const use of kept.splice(0)) use(module)
      loaded = module
      return module
    }))
  const started = (message: unknown): void => {
    diagnostics.unsubscribe('http.client.request.start', started)
    ;(message as RequestStart).request?.once?.('finish', () => void load())
  }
  diagnostics.subscribe('http.client.request.start', started)
  return {
    later: (use) => (loaded !== undefined ? use(loaded) : void kept.push(use)),
    load: () => {
      diagnostics.unsubscribe('http.client.request.start', started)
      return load()
    },
  }
}
