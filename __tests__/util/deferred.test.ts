import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { loadAfterFirstRequest } from '../../src/util/deferred.js'

describe('loadAfterFirstRequest', () => {
  it('keeps the calls made before the module is loaded and makes them in order once it is, then calls at once', async () => {
    const seen: string[] = []
    const importIt = vi.fn(() => Promise.resolve({ say: (line: string) => seen.push(line) }))
    const deferred = loadAfterFirstRequest(importIt)
    deferred.later((m) => m.say('one'))
    deferred.later((m) => m.say('two'))
    expect(importIt).not.toHaveBeenCalled()
    expect(seen).toEqual([])
    const module = await deferred.load()
    expect(seen).toEqual(['one', 'two'])
    deferred.later((m) => m.say('three'))
    expect(seen).toEqual(['one', 'two', 'three'])
    expect(await deferred.load()).toBe(module)
    expect(importIt).toHaveBeenCalledTimes(1)
  })

  it('loads the module once the first HTTP request has been sent, without being asked', async () => {
    const server = createServer((_req, res) => res.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      let loaded!: () => void
      const wasLoaded = new Promise<void>((resolve) => (loaded = resolve))
      const importIt = vi.fn(() => {
        loaded()
        return Promise.resolve({})
      })
      const deferred = loadAfterFirstRequest(importIt)
      const { port } = server.address() as AddressInfo
      await new Promise<void>((resolve, reject) =>
        request({ host: '127.0.0.1', port }, (res) => res.resume().on('end', resolve))
          .on('error', reject)
          .end(),
      )
      await wasLoaded
      expect(importIt).toHaveBeenCalledTimes(1)
      await deferred.load()
      expect(importIt).toHaveBeenCalledTimes(1)
    } finally {
      server.close()
    }
  })
})
