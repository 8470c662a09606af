// Next's standalone output leaves static assets out; copy them in so
// `node .next/standalone/server.js` (npm start, the Docker web image) serves everything.
import fs from 'node:fs'

fs.cpSync('.next/static', '.next/standalone/.next/static', { recursive: true })
if (fs.existsSync('public')) fs.cpSync('public', '.next/standalone/public', { recursive: true })
