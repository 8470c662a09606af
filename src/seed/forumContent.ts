/** The demo forum: categories and realistic discussions (src/seed/forum.ts writes them). */
import type { DiscussionKind, ReactionKey } from '@/lib/forum/config'

export const FORUM_CATEGORIES = [
  {
    slug: 'announcements',
    name: 'Announcements',
    description: 'Releases, deprecations and news from the TuneTrail team.',
    colour: '#dc2626',
    order: 1,
    allowedKinds: ['announcement'],
    whoMayStart: 'staff',
  },
  {
    slug: 'general',
    name: 'General Discussion',
    description: 'Anything about building with TuneTrail that fits nowhere else.',
    colour: '#6366f1',
    order: 2,
    allowedKinds: ['discussion', 'question'],
    whoMayStart: 'members',
  },
  {
    slug: 'ml-models',
    name: 'ML Models & Training',
    description: 'Training, fine-tuning and evaluating music models.',
    colour: '#059669',
    order: 3,
    allowedKinds: ['question', 'discussion'],
    whoMayStart: 'members',
  },
  {
    slug: 'api-integration',
    name: 'API & Integration',
    description: 'Keys, limits, SDKs, webhooks and everything between your app and the API.',
    colour: '#0284c7',
    order: 4,
    allowedKinds: ['question', 'discussion', 'bug-report'],
    whoMayStart: 'members',
  },
  {
    slug: 'show-and-tell',
    name: 'Show & Tell',
    description: 'Share what you built with TuneTrail.',
    colour: '#d97706',
    order: 5,
    allowedKinds: ['discussion'],
    whoMayStart: 'members',
  },
  {
    slug: 'feature-requests',
    name: 'Feature Requests',
    description: 'Ideas for the API and the portal; upvote the ones you want.',
    colour: '#7c3aed',
    order: 6,
    allowedKinds: ['feature-request'],
    whoMayStart: 'members',
  },
  {
    slug: 'bug-reports',
    name: 'Bug Reports',
    description: 'Something broken? Tell us how to reproduce it.',
    colour: '#be123c',
    order: 7,
    allowedKinds: ['bug-report'],
    whoMayStart: 'members',
  },
] as const

/** Members of the demo community besides the demo accounts. */
export const FORUM_MEMBERS = [
  { username: 'priya-dsp', name: 'Priya Raman' },
  { username: 'jonas-k', name: 'Jonas Keller' },
  { username: 'sam-beats', name: 'Sam Okafor' },
  { username: 'kenji', name: 'Kenji Watanabe' },
  { username: 'lucia-m', name: 'Lucía Moreno' },
] as const

export type SeedThread = {
  category: (typeof FORUM_CATEGORIES)[number]['slug']
  kind: DiscussionKind
  author: string
  title: string
  tags: string[]
  body: string
  daysAgo: number
  replies?: { author: string; body: string }[]
  /** Index of the accepted reply (questions). */
  accepted?: number
  votes?: number
  reactions?: ReactionKey[]
  status?: 'open' | 'locked' | 'closed'
  pinned?: boolean
}

const py = (code: string) => `\`\`\`python\n${code}\n\`\`\``
const sh = (code: string) => `\`\`\`bash\n${code}\n\`\`\``
const ts = (code: string) => `\`\`\`ts\n${code}\n\`\`\``

export const FORUM_THREADS: SeedThread[] = [
  {
    category: 'announcements',
    kind: 'announcement',
    author: 'ada-admin',
    title: 'Welcome to the TuneTrail community forum',
    tags: ['welcome'],
    pinned: true,
    daysAgo: 30,
    body: 'This is the place for questions, ideas and show & tell.\n\n- **Questions**: mark the reply that solved it as the answer, so the next person finds it.\n- **Feature requests**: one upvote per member; we read the top ones every sprint.\n- Be kind. Flag anything that breaks the [code of conduct](https://community.tunetrail.dev/docs).',
    reactions: ['tada', 'heart', 'thumbs-up', 'rocket'],
  },
  {
    category: 'announcements',
    kind: 'announcement',
    author: 'ada-admin',
    title: 'Genre model v3 is live: 4% better macro-F1 on our benchmark',
    tags: ['genre-model', 'release'],
    daysAgo: 6,
    body: 'The new genre classifier (`mdl_genre_v3`) is now the default for `POST /v1/analyze`.\n\n| model | macro-F1 | latency p50 |\n| --- | --: | --: |\n| v2 | 0.847 | 41 ms |\n| v3 | 0.881 | 38 ms |\n\nPin `model=mdl_genre_v2` until 2027-01-31 if you need the old labels.',
    reactions: ['rocket', 'tada', 'eyes'],
    replies: [
      { author: 'kenji', body: 'Does v3 still output the `lofi` label? Our playlists rely on it.' },
      { author: 'ada-admin', body: 'Yes, the label set is unchanged; only the weights moved.' },
    ],
  },
  {
    category: 'announcements',
    kind: 'announcement',
    author: 'ada-admin',
    title: 'Deprecation: API keys without an environment stop working on 1 March',
    tags: ['api-keys', 'deprecation'],
    daysAgo: 12,
    body: 'Keys created before environments existed are treated as `production`. From **1 March** they are refused: rotate them under **API keys** and choose an environment. The rotation keeps the old key working for a grace period you pick.',
    reactions: ['eyes', 'thumbs-up'],
  },
  {
    category: 'ml-models',
    kind: 'question',
    author: 'maya',
    title: 'How do I fine-tune the genre model on my own labels?',
    tags: ['fine-tuning', 'genre-model', 'pytorch'],
    daysAgo: 9,
    body: `I have ~4,000 tracks labelled with our in-house genres (23 classes). What is the recommended way to fine-tune \`mdl_genre_v3\`? Freeze the encoder or train end to end?\n\n${py('from tunetrail import models\nbase = models.load("mdl_genre_v3")\nprint(base.num_labels)  # 31')}`,
    replies: [
      {
        author: 'priya-dsp',
        body: `With 4k tracks, freeze the encoder and train a new head first, then unfreeze the last two blocks with a 10x lower learning rate:\n\n${py('model = models.load("mdl_genre_v3", num_labels=23)\nmodel.freeze_encoder()\ntrainer.fit(model, epochs=5, lr=3e-4)\nmodel.unfreeze(blocks=2)\ntrainer.fit(model, epochs=3, lr=3e-5)')}\n\nThat got me from 0.71 to 0.84 macro-F1 on a similar set.`,
      },
      {
        author: 'jonas-k',
        body: 'Also balance your classes: a weighted sampler helped me more than unfreezing.',
      },
      { author: 'maya', body: 'Freezing first worked: 0.83 on our validation split. Thanks both!' },
    ],
    accepted: 0,
    reactions: ['thumbs-up', 'heart'],
  },
  {
    category: 'api-integration',
    kind: 'question',
    author: 'leo',
    title: 'Batch analysis: is there an endpoint for more than one track?',
    tags: ['batch', 'rate-limits'],
    daysAgo: 8,
    body: 'We analyse ~50k tracks a night and hit the per-minute limit quickly sending them one by one. Is there a batch endpoint, and does it count as one call?',
    replies: [
      {
        author: 'sam-beats',
        body: `\`POST /v1/analyze/batch\` takes up to 100 track ids and counts as one \`api_calls\` hit plus one \`audio_processing\` unit per track:\n\n${sh('curl -X POST https://api.tunetrail.dev/v1/analyze/batch \\\n  -H "Authorization: Bearer $TT_KEY" \\\n  -d \'{"track_ids": ["trk_1", "trk_2"]}\'')}`,
      },
      { author: 'leo', body: 'Perfect, that cut our run from 3 hours to 20 minutes.' },
    ],
    accepted: 0,
    reactions: ['rocket'],
  },
  {
    category: 'api-integration',
    kind: 'question',
    author: 'kenji',
    title: 'Webhook signature check fails in Express',
    tags: ['webhooks', 'nodejs'],
    daysAgo: 5,
    body: `Every delivery fails my signature check. I verify like this:\n\n${ts("const expected = hmac(secret, JSON.stringify(req.body))\nif (expected !== req.headers['webhook-signature']) return res.sendStatus(401)")}`,
    replies: [
      {
        author: 'priya-dsp',
        body: `You are signing the re-serialised body. Sign the raw bytes: use \`express.raw({ type: 'application/json' })\` on that route and pass \`req.body\` (a Buffer) to the verifier. See the [webhooks guide](https://community.tunetrail.dev/docs/webhooks/verifying-webhooks).`,
      },
      { author: 'kenji', body: 'That was it — `express.json()` was running first. Works now.' },
    ],
    accepted: 0,
    reactions: ['thumbs-up', 'eyes'],
  },
  {
    category: 'api-integration',
    kind: 'question',
    author: 'lucia-m',
    title: 'What does USAGE_EXCEEDED mean when my minute limit is fine?',
    tags: ['rate-limits', 'api-keys'],
    daysAgo: 4,
    body: 'Requests to `/v1/analyze` come back with `USAGE_EXCEEDED` although the dashboard shows plenty of `api_calls` left this minute.',
    replies: [
      {
        author: 'mo-moderator',
        body: '`USAGE_EXCEEDED` is a resource quota, not the request rate: `audio_processing` has its own monthly allowance per plan. The dashboard’s usage bars show it under **Audio processing**.',
      },
      {
        author: 'lucia-m',
        body: 'Found it, we burned the month’s audio quota on a backfill. Thanks.',
      },
    ],
    accepted: 0,
  },
  {
    category: 'ml-models',
    kind: 'question',
    author: 'jonas-k',
    title: 'Tempo estimates are doubled on half-time trap beats',
    tags: ['tempo', 'evaluation'],
    daysAgo: 3,
    body: 'For trap at 70 BPM the API says 140. Is there a way to get the half-time reading, or should I post-process?',
    replies: [
      {
        author: 'priya-dsp',
        body: `The response has \`tempo_candidates\` with confidences. Prefer the lower one when the ratio is ~2 and its confidence is within 0.1:\n\n${py('best, alt = r["tempo_candidates"][:2]\nif abs(best["bpm"] / alt["bpm"] - 2) < 0.05 and best["confidence"] - alt["confidence"] < 0.1:\n    best = alt')}`,
      },
    ],
  },
  {
    category: 'ml-models',
    kind: 'discussion',
    author: 'priya-dsp',
    title: 'Benchmark: mel vs CQT front ends for key detection',
    tags: ['evaluation', 'key-detection'],
    daysAgo: 14,
    body: 'I compared mel-spectrogram and constant-Q front ends on GiantSteps for key detection. CQT wins by 6 points of weighted accuracy, at 1.4x the feature cost. Notebook and numbers in the thread.',
    replies: [
      { author: 'jonas-k', body: 'Did you try a learned front end (SincNet-style)?' },
      {
        author: 'priya-dsp',
        body: 'Not yet — on the list. It needs more data than GiantSteps has.',
      },
      {
        author: 'kenji',
        body: 'Great write-up. The CQT bins per octave matter a lot; 36 worked best for me.',
      },
    ],
    reactions: ['heart', 'eyes', 'thumbs-up'],
  },
  {
    category: 'show-and-tell',
    kind: 'discussion',
    author: 'sam-beats',
    title: 'Crate Digger: a record-store playlist generator on TuneTrail',
    tags: ['showcase', 'recommendations'],
    daysAgo: 10,
    body: 'Built a little app that turns a photo of a record shelf into a playlist: OCR for the spines, TuneTrail search to match, then recommendations seeded by the matches. Stack: Next.js, a queue, and the batch analyze endpoint.',
    replies: [
      { author: 'maya', body: 'Love it. How do you handle spines the OCR misreads?' },
      {
        author: 'sam-beats',
        body: 'Fuzzy search over artist + title with a confidence cut-off; misses go to a review list.',
      },
    ],
    reactions: ['rocket', 'heart', 'tada'],
  },
  {
    category: 'show-and-tell',
    kind: 'discussion',
    author: 'lucia-m',
    title: 'DJ set tagger for our radio archive (12,000 hours)',
    tags: ['showcase', 'batch'],
    daysAgo: 7,
    body: 'We tagged our whole radio archive with genre, mood and tempo per 30-second window. Search by “warm, 120 BPM, house” now works across 20 years of shows.',
    replies: [
      { author: 'leo', body: 'How long did the backfill take?' },
      { author: 'lucia-m', body: 'Nine nights on the starter plan, batching 100 at a time.' },
    ],
    reactions: ['heart', 'rocket'],
  },
  {
    category: 'show-and-tell',
    kind: 'discussion',
    author: 'kenji',
    title: 'A VS Code extension that shows BPM and key for samples',
    tags: ['showcase', 'tooling'],
    daysAgo: 2,
    body: 'Hover a `.wav` in the explorer and see BPM, key and loudness. Uses a personal API key stored in the OS keychain.',
    reactions: ['thumbs-up', 'eyes'],
  },
  {
    category: 'feature-requests',
    kind: 'feature-request',
    author: 'leo',
    title: 'Webhook event when a batch finishes',
    tags: ['webhooks', 'batch'],
    daysAgo: 11,
    votes: 5,
    body: 'Polling for batch results is wasteful. A `batch.completed` event with the batch id and counts would let us react immediately.',
    replies: [
      {
        author: 'mo-moderator',
        body: 'Noted for the team — please keep voting so we can prioritise.',
      },
    ],
  },
  {
    category: 'feature-requests',
    kind: 'feature-request',
    author: 'priya-dsp',
    title: 'Export model evaluation metrics as CSV',
    tags: ['evaluation', 'models'],
    daysAgo: 13,
    votes: 3,
    body: 'The model page shows metrics per class; a CSV download would make comparisons in notebooks easier.',
  },
  {
    category: 'feature-requests',
    kind: 'feature-request',
    author: 'jonas-k',
    title: 'Per-key spending alerts',
    tags: ['api-keys', 'rate-limits'],
    daysAgo: 9,
    votes: 4,
    body: 'Let me set an alert when one key passes N% of its daily quota, not just the account.',
    replies: [{ author: 'lucia-m', body: '+1, our staging key ate the production quota once.' }],
  },
  {
    category: 'feature-requests',
    kind: 'feature-request',
    author: 'sam-beats',
    title: 'Python SDK: async client',
    tags: ['python', 'sdk'],
    daysAgo: 5,
    votes: 6,
    body: 'An `AsyncTuneTrail` client on httpx would fit our asyncio workers.',
    replies: [{ author: 'kenji', body: 'Yes please. Happy to test a beta.' }],
  },
  {
    category: 'feature-requests',
    kind: 'feature-request',
    author: 'maya',
    title: 'Dark mode for embedded player widgets',
    tags: ['widgets'],
    daysAgo: 15,
    votes: 2,
    body: 'The embeddable player is always light. A `theme=dark` parameter would match our site.',
  },
  {
    category: 'bug-reports',
    kind: 'bug-report',
    author: 'lucia-m',
    title: 'Analyze returns 500 for mono 8 kHz WAV files',
    tags: ['audio', 'analyze'],
    daysAgo: 3,
    body: `Steps:\n\n1. Upload a mono 8 kHz 16-bit WAV\n2. \`POST /v1/analyze\`\n\nExpected a result or a 4xx; got a 500 with request id \`req_9f2c\`.`,
    replies: [
      {
        author: 'mo-moderator',
        body: 'Reproduced and handed to the audio team; resampling below 16 kHz is the culprit.',
      },
      {
        author: 'ada-admin',
        body: 'Fixed in today’s deploy: low sample rates are resampled first.',
      },
    ],
    status: 'closed',
  },
  {
    category: 'bug-reports',
    kind: 'bug-report',
    author: 'kenji',
    title: 'Usage chart shows yesterday’s bar twice around midnight UTC',
    tags: ['dashboard'],
    daysAgo: 1,
    body: 'Between 00:00 and 00:05 UTC the daily usage chart repeats the previous day’s bar. Refreshing after 00:05 fixes it.',
  },
  {
    category: 'api-integration',
    kind: 'bug-report',
    author: 'jonas-k',
    title: 'Rate-limit headers missing on 404 answers',
    tags: ['rate-limits', 'headers'],
    daysAgo: 6,
    body: 'Key-authenticated requests that end in 404 have no `RateLimit` header, so our client cannot back off consistently.',
    replies: [{ author: 'sam-beats', body: 'Same here on 405s.' }],
  },
  {
    category: 'general',
    kind: 'discussion',
    author: 'maya',
    title: 'How are you storing analysis results: Postgres JSONB or a feature store?',
    tags: ['architecture', 'postgres'],
    daysAgo: 16,
    body: 'We keep the raw JSON per track in JSONB plus a few generated columns for filtering. Curious what others do at 1M+ tracks.',
    replies: [
      {
        author: 'priya-dsp',
        body: 'JSONB + generated columns up to ~5M rows was fine for us; beyond that we moved embeddings to pgvector.',
      },
      {
        author: 'leo',
        body: 'We use Parquet on S3 for the archive and Postgres only for the hot set.',
      },
      {
        author: 'jonas-k',
        body: 'Feature store (Feast) because the ML team wanted point-in-time joins.',
      },
    ],
    reactions: ['eyes', 'thumbs-up'],
  },
  {
    category: 'general',
    kind: 'question',
    author: 'sam-beats',
    title: 'Is there a sandbox environment that does not count against quotas?',
    tags: ['api-keys', 'testing'],
    daysAgo: 12,
    body: 'For CI runs we would rather not spend quota. Do `tt_test_` keys count?',
    replies: [
      {
        author: 'mo-moderator',
        body: 'Development keys (`tt_test_…`) count, but against a separate, generous development allowance. Use them in CI.',
      },
    ],
    accepted: 0,
  },
  {
    category: 'general',
    kind: 'discussion',
    author: 'lucia-m',
    title: 'Meetup: music-ML hack night in Madrid, 14 December',
    tags: ['events'],
    daysAgo: 4,
    body: 'We are hosting a hack night with a TuneTrail key for every team. Reply if you want to come or give a lightning talk.',
    replies: [
      { author: 'priya-dsp', body: 'I can do a 5-minute talk on key detection front ends.' },
    ],
    reactions: ['tada', 'heart'],
  },
  {
    category: 'general',
    kind: 'question',
    author: 'kenji',
    title: 'Best practice for rotating keys in Kubernetes without downtime?',
    tags: ['api-keys', 'kubernetes'],
    daysAgo: 10,
    body: 'Our pods read the key from a Secret. What is the safest rotation sequence?',
    replies: [
      {
        author: 'leo',
        body: 'Rotate with a 24 h grace period, update the Secret, roll the deployment; the old key keeps working until the rollout is done.',
      },
      {
        author: 'jonas-k',
        body: 'And alert on `api_key.expiring` webhooks so nobody forgets the next one.',
      },
    ],
    accepted: 0,
  },
  {
    category: 'ml-models',
    kind: 'question',
    author: 'leo',
    title: 'Mood model confuses “calm” and “sad” — expected?',
    tags: ['mood-model', 'evaluation'],
    daysAgo: 2,
    body: 'On our classical set, 30% of “calm” tracks come back as “sad”. Is that a known weakness?',
  },
  {
    category: 'ml-models',
    kind: 'discussion',
    author: 'jonas-k',
    title: 'Sharing: a tiny data-augmentation recipe that helped our tagger',
    tags: ['data-augmentation', 'pytorch'],
    daysAgo: 17,
    body: `Pitch shift ±1 semitone, time stretch 0.9–1.1 and random EQ tilt. Cheap and +3 points of F1:\n\n${py('aug = Compose([PitchShift(-1, 1), TimeStretch(0.9, 1.1), EQTilt(-3, 3)])')}`,
    reactions: ['thumbs-up', 'rocket'],
    replies: [
      { author: 'maya', body: 'Did pitch shift hurt key labels? We saw that.' },
      { author: 'jonas-k', body: 'Yes — we drop key labels for shifted copies.' },
    ],
  },
  {
    category: 'api-integration',
    kind: 'question',
    author: 'priya-dsp',
    title: 'GraphQL: how to page through discussions with a key?',
    tags: ['graphql', 'community-api'],
    daysAgo: 1,
    body: `Is there cursor pagination on the community GraphQL API, or only page numbers?\n\n${sh('curl -X POST /api/graphql -H "Authorization: Bearer tt_live_…" -d \'{"query":"{ Discussions(limit: 20, page: 2) { docs { title } } }"}\'')}`,
    replies: [
      {
        author: 'mo-moderator',
        body: 'Page numbers (`limit`, `page`) today; `hasNextPage` tells you when to stop.',
      },
    ],
    accepted: 0,
  },
  {
    category: 'api-integration',
    kind: 'discussion',
    author: 'sam-beats',
    title: 'Retry strategy for 429s: what works for you?',
    tags: ['rate-limits', 'retries'],
    daysAgo: 7,
    body: 'We honour `Retry-After` and add jitter. Anyone doing token-bucket on the client side instead?',
    replies: [
      {
        author: 'kenji',
        body: 'Client-side bucket sized from `RateLimit-Policy`, plus `Retry-After` as a fallback.',
      },
      { author: 'leo', body: 'Exponential backoff with full jitter, capped at 60 s.' },
    ],
  },
  {
    category: 'general',
    kind: 'discussion',
    author: 'leo',
    title: 'Off-topic thread locked after spam',
    tags: ['meta'],
    daysAgo: 20,
    status: 'locked',
    body: 'This thread attracted spam; a moderator locked it. Start a new discussion if you have a question.',
  },
  {
    category: 'show-and-tell',
    kind: 'discussion',
    author: 'priya-dsp',
    title: 'Open-sourced: a notebook comparing all TuneTrail tempo models',
    tags: ['showcase', 'tempo', 'evaluation'],
    daysAgo: 1,
    body: 'MIT-licensed notebook with plots per genre. PRs welcome!',
    reactions: ['heart', 'tada'],
  },
  {
    category: 'ml-models',
    kind: 'question',
    author: 'sam-beats',
    title: 'Can I upload a model trained outside TuneTrail?',
    tags: ['models', 'onnx'],
    daysAgo: 6,
    body: 'We trained a drum-pattern classifier in PyTorch. Can it be shared on the model hub?',
    replies: [
      {
        author: 'ada-admin',
        body: 'Yes: export to ONNX, add a model card, and upload from **Models → Upload**. The hub scans files before publishing.',
      },
    ],
    accepted: 0,
  },
  {
    category: 'general',
    kind: 'question',
    author: 'lucia-m',
    title: 'Where do I find invoices for the starter plan?',
    tags: ['billing'],
    daysAgo: 3,
    body: 'Our finance team asks for monthly invoices. Are they in the portal?',
  },
]
