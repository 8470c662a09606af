export const SHOWCASE_TOPICS = {
  tech: [
    'Next.js',
    'React',
    'Python',
    'PyTorch',
    'Node.js',
    'Web Audio API',
    'Swift',
    'Kotlin',
    'Rust',
    'Flutter',
    'Postgres',
    'Max/MSP',
  ],
  useCase: [
    'DJ tools',
    'Playlists',
    'Music discovery',
    'Music education',
    'Production',
    'Tagging and metadata',
    'Radio and broadcast',
    'Live performance',
  ],
} as const

export type SeedProject = {
  slug: string
  title: string
  tagline: string
  owner: string
  makers?: string[]
  hue: number
  shots: string[]
  whatItDoes: string
  howBuilt: string
  challenges?: string
  whatsNext?: string
  tech: string[]
  useCases: string[]
  tags: string[]
  models?: string[]
  repository?: string
  demoUrl?: string
  demoVideo?: string
  daysAgo: number
  votes: number
  featured?: boolean
  status?: 'published' | 'submitted' | 'draft'
}

/** Demo projects: realistic stories, stacks and votes, dated over the last weeks. */
export const SHOWCASE_PROJECTS: SeedProject[] = [
  {
    slug: 'beatmatch-dj',
    title: 'BeatMatch DJ',
    tagline: 'Auto-mixes two decks by tempo and key, in the browser',
    owner: 'maya',
    makers: ['leo'],
    hue: 265,
    shots: [
      'Two decks mid-mix with a tempo curve between them',
      'The key wheel suggesting the next track',
      'Settings for transition length',
    ],
    whatItDoes:
      'BeatMatch DJ loads two tracks, reads their **tempo and key** from the TuneTrail audio features and crossfades at the next phrase boundary.\n\n- Harmonic mixing suggestions\n- Phrase-aligned transitions\n- Works offline once tracks are cached',
    howBuilt:
      'A Next.js front end on the Web Audio API. Features come from `GET /v1/tracks/{id}/features`; recommendations for the next track from `/v1/recommendations`.',
    challenges:
      'Time-stretching without artefacts: we ended up with a phase vocoder in an AudioWorklet.',
    whatsNext: 'MIDI controller support and a recording mode.',
    tech: ['Next.js', 'Web Audio API', 'React'],
    useCases: ['DJ tools', 'Live performance'],
    tags: ['dj', 'web-audio', 'mixing'],
    models: ['maya/genre-cnn', 'maya/track2vec'],
    repository: 'tunetrail-demo/beatmatch-dj',
    demoUrl: 'https://beatmatch.example.com',
    demoVideo: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    daysAgo: 2,
    votes: 14,
    featured: true,
  },
  {
    slug: 'moodlist',
    title: 'Moodlist',
    tagline: 'Playlists that follow your mood through the day',
    owner: 'leo',
    hue: 200,
    shots: ['A morning playlist with mood tags', 'The mood timeline for a day'],
    whatItDoes:
      'Pick a mood and a length; Moodlist builds a playlist whose energy follows the curve you draw.',
    howBuilt:
      'Python back end with FastAPI, TuneTrail recommendations seeded by a few tracks, and a React front end.',
    tech: ['Python', 'React'],
    useCases: ['Playlists', 'Music discovery'],
    tags: ['playlists', 'mood'],
    models: ['groove-labs/auto-tagger-v2'],
    repository: 'tunetrail-demo/moodlist',
    demoUrl: 'https://moodlist.example.com',
    daysAgo: 5,
    votes: 11,
    featured: true,
  },
  {
    slug: 'chord-coach',
    title: 'Chord Coach',
    tagline: 'Learn songs by ear with live chord feedback',
    owner: 'priya-dsp',
    hue: 140,
    shots: [
      'Chord chart with the current chord highlighted',
      'Practice statistics after a session',
    ],
    whatItDoes:
      'Chord Coach listens while you play along and tells you which chords you hit, missed or rushed.',
    howBuilt:
      'Flutter app; audio is sent in 5 s windows to the transcription model and compared against the song’s chords.',
    challenges: 'Latency on older phones: we moved feature extraction on-device.',
    tech: ['Flutter', 'Python'],
    useCases: ['Music education'],
    tags: ['education', 'chords', 'mobile'],
    models: ['maya/genre-cnn'],
    daysAgo: 9,
    votes: 9,
  },
  {
    slug: 'crate-digger',
    title: 'Crate Digger',
    tagline: 'Find forgotten tracks similar to the ones you love',
    owner: 'sam-beats',
    hue: 25,
    shots: ['Similarity map of a record collection'],
    whatItDoes:
      'Crate Digger maps your library by sound and surfaces tracks you have not played in years that sit next to your favourites.',
    howBuilt:
      'Track2Vec embeddings through the API, stored in Postgres with pgvector, and a small Node.js server.',
    tech: ['Node.js', 'Postgres'],
    useCases: ['Music discovery'],
    tags: ['embeddings', 'library'],
    models: ['maya/track2vec'],
    repository: 'tunetrail-demo/crate-digger',
    daysAgo: 1,
    votes: 6,
  },
  {
    slug: 'stem-splitter-studio',
    title: 'Stem Splitter Studio',
    tagline: 'Drag in a song, get drums, bass, vocals and the rest',
    owner: 'jonas-k',
    hue: 320,
    shots: ['Four stems on a timeline', 'Export dialog with formats'],
    whatItDoes:
      'A desktop app that separates a track into four stems and lets you solo, mute and export them.',
    howBuilt:
      'Rust and Tauri, with the separation model from the hub running locally through ONNX Runtime.',
    tech: ['Rust'],
    useCases: ['Production'],
    tags: ['stems', 'desktop'],
    daysAgo: 14,
    votes: 18,
  },
  {
    slug: 'radio-tagger',
    title: 'Radio Tagger',
    tagline: 'Automatic genre and mood tags for a station’s archive',
    owner: 'kenji',
    hue: 180,
    shots: ['Archive table with suggested tags'],
    whatItDoes:
      'Radio Tagger walks a station’s archive and suggests genre, mood and era tags for every file, for an editor to confirm.',
    howBuilt: 'Python workers calling the auto-tagger; a review UI in React.',
    tech: ['Python', 'React'],
    useCases: ['Tagging and metadata', 'Radio and broadcast'],
    tags: ['radio', 'archive'],
    models: ['groove-labs/auto-tagger-v2-int8'],
    daysAgo: 21,
    votes: 12,
  },
  {
    slug: 'pocket-metronome',
    title: 'Pocket Metronome',
    tagline: 'A metronome that follows your band instead of leading it',
    owner: 'lucia-m',
    hue: 50,
    shots: ['Tempo graph of a rehearsal'],
    whatItDoes:
      'It listens to the band and shows how the tempo drifts over a song, so you can see where you rush.',
    howBuilt: 'Swift with the beat-tracking endpoint for offline analysis after each take.',
    tech: ['Swift'],
    useCases: ['Music education', 'Live performance'],
    tags: ['tempo', 'ios'],
    daysAgo: 30,
    votes: 7,
  },
  {
    slug: 'setlist-builder',
    title: 'Setlist Builder',
    tagline: 'Order a set by energy and key in one click',
    owner: 'leo',
    hue: 0,
    shots: ['A set ordered by energy', 'Key compatibility warnings'],
    whatItDoes:
      'Paste a list of tracks; it proposes an order with smooth key changes and an energy arc.',
    howBuilt: 'Next.js app; features from the API, ordering by a small beam search.',
    tech: ['Next.js', 'React'],
    useCases: ['DJ tools'],
    tags: ['setlist', 'harmonic-mixing'],
    daysAgo: 3,
    votes: 5,
  },
  {
    slug: 'sample-scout',
    title: 'Sample Scout',
    tagline: 'Search your sample packs by sound, not file name',
    owner: 'maya',
    hue: 95,
    shots: ['Search results for “dusty snare”'],
    whatItDoes:
      'Type a description or drop a sound; Sample Scout finds the closest samples in your packs.',
    howBuilt: 'Embeddings for every sample, a local index, and a small Electron shell.',
    tech: ['Node.js'],
    useCases: ['Production'],
    tags: ['samples', 'search'],
    models: ['maya/track2vec'],
    daysAgo: 45,
    votes: 20,
  },
  {
    slug: 'karaoke-cleaner',
    title: 'Karaoke Cleaner',
    tagline: 'Turn any song into a karaoke track with lyrics timing',
    owner: 'sam-beats',
    hue: 290,
    shots: ['Lyrics scrolling over an instrumental'],
    whatItDoes: 'Removes the vocals and aligns lyrics line by line.',
    howBuilt: 'Kotlin Android app calling source separation and alignment endpoints.',
    tech: ['Kotlin'],
    useCases: ['Live performance'],
    tags: ['karaoke', 'android'],
    daysAgo: 12,
    votes: 4,
  },
  {
    slug: 'practice-looper',
    title: 'Practice Looper',
    tagline: 'Loop the hard bar, slow it down, speed it up',
    owner: 'priya-dsp',
    hue: 160,
    shots: ['Waveform with a loop region'],
    whatItDoes:
      'Detects bars so loops snap to them, then raises the tempo each time you get it right.',
    howBuilt: 'Web Audio API and the beat-tracking endpoint.',
    tech: ['Web Audio API', 'React'],
    useCases: ['Music education'],
    tags: ['practice', 'loops'],
    daysAgo: 6,
    votes: 8,
  },
  {
    slug: 'genre-radar',
    title: 'Genre Radar',
    tagline: 'A weekly map of what your city is listening to',
    owner: 'kenji',
    hue: 220,
    shots: ['A radar chart of genres for one week'],
    whatItDoes:
      'Aggregates anonymised listening from partner venues and plots the genre mix week by week.',
    howBuilt: 'Python, the genre model, and a static site rebuilt nightly.',
    tech: ['Python', 'PyTorch'],
    useCases: ['Music discovery', 'Radio and broadcast'],
    tags: ['data-viz'],
    models: ['maya/genre-cnn'],
    daysAgo: 60,
    votes: 15,
  },
  {
    slug: 'max-tunetrail',
    title: 'TuneTrail for Max',
    tagline: 'Max/MSP objects for tempo, key and tags',
    owner: 'jonas-k',
    hue: 10,
    shots: ['A Max patch using the tt.features object'],
    whatItDoes:
      'A Max package with objects that fetch audio features and recommendations inside a patch.',
    howBuilt: 'C externals wrapping the REST API with a small cache.',
    tech: ['Max/MSP'],
    useCases: ['Live performance', 'Production'],
    tags: ['max', 'creative-coding'],
    daysAgo: 18,
    votes: 10,
  },
  {
    slug: 'lofi-study-radio',
    title: 'Lo-fi Study Radio',
    tagline: 'An endless lo-fi stream that never repeats a track in a day',
    owner: 'lucia-m',
    hue: 30,
    shots: ['The player with the current track and queue'],
    whatItDoes:
      'Picks the next lo-fi track with recommendations constrained to the lo-fi classifier’s top class.',
    howBuilt: 'Node.js streaming server, Icecast, and the lo-fi fine-tune from the hub.',
    tech: ['Node.js'],
    useCases: ['Radio and broadcast', 'Playlists'],
    tags: ['lofi', 'streaming'],
    models: ['leo/genre-cnn-lofi'],
    daysAgo: 4,
    votes: 3,
  },
  {
    slug: 'vinyl-catalog',
    title: 'Vinyl Catalog',
    tagline: 'Snap a record sleeve, get the tracks and their features',
    owner: 'maya',
    hue: 350,
    shots: ['A record sleeve recognised with its tracklist'],
    whatItDoes: 'Catalogue a vinyl collection from photos; each track gets tempo, key and tags.',
    howBuilt: 'Flutter app, a sleeve recogniser, and the tracks API.',
    tech: ['Flutter'],
    useCases: ['Tagging and metadata'],
    tags: ['vinyl', 'collection'],
    daysAgo: 25,
    votes: 6,
  },
  {
    slug: 'band-finder',
    title: 'Band Finder',
    tagline: 'Meet musicians whose taste sounds like yours',
    owner: 'sam-beats',
    hue: 120,
    shots: ['Matches with shared artists'],
    whatItDoes: 'Matches musicians by the embeddings of the tracks they love.',
    howBuilt: 'Next.js and Postgres.',
    tech: ['Next.js', 'Postgres'],
    useCases: ['Music discovery'],
    tags: ['community'],
    daysAgo: 0,
    votes: 0,
    status: 'submitted',
  },
  {
    slug: 'drum-doctor',
    title: 'Drum Doctor',
    tagline: 'Find timing problems in a drum take',
    owner: 'leo',
    hue: 75,
    shots: ['Hit-by-hit timing deviations'],
    whatItDoes: 'Shows every hit’s deviation from the grid.',
    howBuilt: 'Python and the onset detector.',
    tech: ['Python'],
    useCases: ['Production'],
    tags: ['drums'],
    daysAgo: 0,
    votes: 0,
    status: 'draft',
  },
]
