import { payloadClient } from '@/data/session'
import { route } from '@/lib/api/route'
import { assistantLlm } from '@/lib/docs/assistant'
import { handleAssistant } from '@/lib/docs/assistantHttp'

export const dynamic = 'force-dynamic'

/** POST /api/docs/assistant — ask the docs (src/lib/docs/assistantHttp.ts). */
export const POST = route(async (request) =>
  handleAssistant(request, { payload: await payloadClient(), llm: assistantLlm() }),
)
