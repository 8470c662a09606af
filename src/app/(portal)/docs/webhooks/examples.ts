/** The code and payload examples of the webhooks guide. */
export const NODE_EXAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const SECRET = process.env.TUNETRAIL_WEBHOOK_SECRET // whsec_…
const TOLERANCE_SECONDS = 5 * 60

/** Returns the parsed event, or throws when the delivery is not from TuneTrail. */
export function verifyWebhook(secret, headers, rawBody) {
  const id = headers['webhook-id']
  const timestamp = headers['webhook-timestamp']
  const signatures = headers['webhook-signature']
  if (!id || !timestamp || !signatures) throw new Error('missing webhook headers')

  const seconds = Number(timestamp)
  if (!Number.isInteger(seconds) || Math.abs(Date.now() / 1000 - seconds) > TOLERANCE_SECONDS) {
    throw new Error('timestamp too old or too far in the future')
  }

  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest()

  const isValid = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',')
    if (version !== 'v1' || !signature) return false
    const given = Buffer.from(signature, 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!isValid) throw new Error('no valid signature')
  return JSON.parse(rawBody)
}

const seen = new Set() // use a database or Redis in production

createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const rawBody = Buffer.concat(chunks).toString('utf8')
    let event
    try {
      event = verifyWebhook(SECRET, request.headers, rawBody)
    } catch {
      response.writeHead(400).end()
      return
    }
    const id = request.headers['webhook-id']
    if (!seen.has(id)) {
      seen.add(id)
      console.log(event.event, event.data)
    }
    response.writeHead(204).end()
  })
}).listen(8000)
`

export const STANDARDWEBHOOKS_EXAMPLE = `import express from 'express'
import { Webhook } from 'standardwebhooks'

// Accepts the secret with its whsec_ prefix.
const webhook = new Webhook(process.env.TUNETRAIL_WEBHOOK_SECRET)
const app = express()

// express.raw keeps the body as bytes: verify exactly what was sent.
app.post('/webhooks/tunetrail', express.raw({ type: 'application/json' }), (req, res) => {
  let event
  try {
    // Checks every v1 signature and that webhook-timestamp is within 5 minutes.
    event = webhook.verify(req.body.toString('utf8'), req.headers)
  } catch {
    return res.sendStatus(400)
  }
  // Deduplicate on req.headers['webhook-id'], then handle event.event and event.data.
  res.sendStatus(204)
})

app.listen(8000)
`

export const PYTHON_EXAMPLE = `import base64
import hashlib
import hmac
import json
import os
import time

from flask import Flask, request

TOLERANCE_SECONDS = 5 * 60


def verify_webhook(secret: str, headers, raw_body: bytes) -> dict:
    """Returns the parsed event, or raises ValueError when it is not from TuneTrail."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise ValueError("missing webhook headers")

    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("timestamp too old or too far in the future")

    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()

    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return json.loads(raw_body)
    raise ValueError("no valid signature")


app = Flask(__name__)
SECRET = os.environ["TUNETRAIL_WEBHOOK_SECRET"]  # whsec_…
seen = set()  # use a database or Redis in production


@app.post("/webhooks/tunetrail")
def tunetrail_webhook():
    try:
        # The raw bytes, exactly as received: re-serialised JSON would not match.
        event = verify_webhook(SECRET, request.headers, request.get_data())
    except ValueError:
        return "", 400
    msg_id = request.headers["webhook-id"]
    if msg_id not in seen:
        seen.add(msg_id)
        print(event["event"], event["data"])
    return "", 204
`

export const BODY_EXAMPLE = JSON.stringify(
  {
    event: 'track.created',
    timestamp: '2026-11-25T10:00:00.000Z',
    data: { track_id: 'trk_8f2c1a', title: 'Night Drive', artist: 'Maya Lin' },
    webhook_id: '12',
    delivery_id: 'msg_0mhf3k2a94f1c2b7e9a0d3c6b8f12',
  },
  null,
  2,
)

export const HEADERS_EXAMPLE = `webhook-id: msg_0mhf3k2a94f1c2b7e9a0d3c6b8f12
webhook-timestamp: 1795600800
webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
content-type: application/json
user-agent: TuneTrail-Webhooks/1.0`
