// The YAML parser is loaded on demand (src/inputs/yaml.ts loadYaml; main.ts loads it through
// engine loadParsers when a YAML input is set). Unit tests parse YAML inputs directly: load it for them.
// __tests__/engine/desired.test.ts checks, on fresh modules, which inputs need it.
import { loadYaml } from '../../src/inputs/yaml.js'

await loadYaml()
