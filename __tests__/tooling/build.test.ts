// npm run build (scripts/build.js): the lazy imports are chunks of their own, minified as index.js is,
// with ONE licenses.txt for every package of every chunk; and start-up loads none of them before the
// first AWS request (the runtime the action declares: Node 24, whose module.registerHooks sees every load).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { actionEnv, BENCH_INPUTS } from '../../scripts/bench-lib.js'
import { bundledFiles, packagesOf, renderLicenses } from '../../scripts/build.js'
import { node24Path, ROOT } from '../../tools/run-action.js'

const DIST = join(ROOT, 'dist')
const chunks = readdirSync(DIST).filter((f) => f.endsWith('.js') && f !== 'index.js')
const licenses = readFileSync(join(DIST, 'licenses.txt'), 'utf8')
/** Package names as licenses.txt lists them: each entry's first line (after a blank line). */
const listed = ['', ...licenses.split('\n')].flatMap((line, i, all) => (all[i - 1] === '' && /^(@[\w.-]+\/)?[\w.-]+$/.test(line) ? [line] : []))

describe('dist/: chunks and licenses', () => {
  it('the lazy imports are chunks of their own, minified like index.js (a few long lines, no comments)', () => {
    expect(chunks.length).toBeGreaterThanOrEqual(5) // @actions/core, @actions/github, undici, yaml, verify
    for (const chunk of [...chunks, 'index.js']) {
      const code = readFileSync(join(DIST, chunk), 'utf8')
      expect(code.split('\n').length, chunk).toBeLessThan(40)
      expect(code, chunk).not.toMatch(/\/\*\*\*\/ /)
    }
  })

  it('licenses.txt lists every package the action bundles, @aws-sdk/client-cognito-identity-provider included, once each, by name', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const runtime = Object.keys(pkg.dependencies).filter((d) => d !== '@smithy/types') // types only, never bundled
    for (const name of [...runtime, '@actions/http-client', '@smithy/core', '@aws-sdk/core', 'tunnel']) expect(listed, name).toContain(name)
    expect(new Set(listed).size).toBe(listed.length)
    expect([...listed].sort((a, b) => (a < b ? -1 : 1))).toEqual(listed)
    expect(licenses.startsWith('@')).toBe(true)
    expect(licenses.endsWith('\n')).toBe(true)
  })

  it('renderLicenses: ncc’s format (name, license id, text; by name), packages found as its plugin finds them', () => {
    const work = mkdtempSync(join(tmpdir(), 'licenses-'))
    try {
      const file = (path: string, text: string): void => {
        mkdirSync(dirname(join(work, path)), { recursive: true })
        writeFileSync(join(work, path), text)
      }
      file('node_modules/zeta/package.json', JSON.stringify({ name: 'zeta', license: 'MIT' }))
      file('node_modules/zeta/LICENSE.md', 'MIT text\r\nline 2')
      file('node_modules/zeta/lib/a.js', '')
      file('node_modules/@scope/alpha/package.json', JSON.stringify({ name: '@scope/alpha', license: 'SEE LICENSE IN COPYING' }))
      file('node_modules/@scope/alpha/COPYING', 'custom terms')
      // A nested package.json without a name (as in some dist/ folders) is not a package: the walk goes on up.
      file('node_modules/@scope/alpha/dist/package.json', JSON.stringify({ type: 'module' }))
      file('node_modules/@scope/alpha/dist/b.js', '')
      const packages = packagesOf([join(work, 'node_modules/zeta/lib/a.js'), join(work, 'node_modules/@scope/alpha/dist/b.js')])
      expect([...packages.keys()]).toEqual(['zeta', '@scope/alpha'])
      expect(renderLicenses(packages)).toBe('@scope/alpha\nSEE LICENSE IN COPYING\ncustom terms\n\nzeta\nMIT\nMIT text\nline 2\n')
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })

  it('bundledFiles: modules concatenated into one are read inside it; the project’s own and webpack’s are not packages', () => {
    const files = bundledFiles({
      modules: [
        { name: './src/main.ts + 2 modules', modules: [{ name: './src/main.ts' }, { name: './node_modules/@actions/core/lib/core.js' }] },
        { name: './node_modules/undici/index.js' },
        { name: 'external "node:http"' },
        { name: 'webpack/runtime/load script' },
      ],
    })
    expect(files).toEqual([join(ROOT, 'src/main.ts'), join(ROOT, 'node_modules/@actions/core/lib/core.js'), join(ROOT, 'node_modules/undici/index.js')])
    expect([...packagesOf(files).keys()]).toEqual(['@actions/core', 'undici'])
  })
})

// A preload that records in order, as each happens in the action's process, every dist/ chunk Node loads
// and the start of each HTTP request (the first is the first AWS call); the local server refuses that
// call, so the run ends (through @actions/core).
const HOOKS = `import { registerHooks } from 'node:module'
import { subscribe } from 'node:diagnostics_channel'
import { appendFileSync } from 'node:fs'
const record = (line) => appendFileSync(process.env.STARTUP_LOG, line + '\\n')
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context)
    if (/\\/dist\\/\\d+\\.index\\.js$/.test(result.url)) record('chunk ' + result.url.split('/').pop())
    return result
  },
})
subscribe('http.client.request.start', () => record('request'))
`

describe('start-up (Node 24): no chunk is loaded before the first AWS request', () => {
  const work = mkdtempSync(join(tmpdir(), 'startup-chunks-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it.runIf(node24Path() !== undefined)(
    'a run with no YAML input, no verify and no comment: dist/index.js alone until the first request; @actions/core after it',
    async () => {
      const hooks = join(work, 'hooks.mjs')
      const log = join(work, 'startup.log')
      writeFileSync(hooks, HOOKS)
      writeFileSync(log, '')
      const server = createServer((req, res) => {
        req.resume()
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
        res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'refused by the test' }))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const address = server.address()
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
      try {
        const env = {
          ...actionEnv(work, BENCH_INPUTS),
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDTEST',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_MAX_ATTEMPTS: '1',
          AWS_ENDPOINT_URL: url,
          STARTUP_LOG: log,
          NODE_NO_WARNINGS: '1',
        }
        const child = spawn(node24Path() ?? process.execPath, ['--import', hooks, join(DIST, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
        let stdout = ''
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
        child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
        const events = readFileSync(log, 'utf8').split('\n').filter(Boolean)
        // The first AWS request started before any chunk was loaded.
        expect(events[0], events.join(', ')).toBe('request')
        // Then @actions/core was loaded (a chunk of its own) and reported the failure as the runner expects.
        expect(code, stdout).toBe(1)
        expect(stdout).toMatch(/^::error::.*DescribeUserPoolDomain/m)
        const chunksLoaded = events.filter((e) => e.startsWith('chunk ')).map((e) => e.slice('chunk '.length))
        const core = chunksLoaded.filter((f) => readFileSync(join(DIST, f), 'utf8').includes('ghadelimiter_'))
        expect(core, `the chunk of @actions/core (its setOutput delimiter) among ${chunksLoaded.join(', ')}`).toHaveLength(1)
        // Nothing else that run did not need: no YAML parser, no verify, no pull-request comment.
        const yaml = chunksLoaded.filter((f) => readFileSync(join(DIST, f), 'utf8').includes('YAMLParseError'))
        expect(yaml).toEqual([])
      } finally {
        server.close()
      }
    },
  )
})
