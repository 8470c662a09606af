const refusal = (status: number, code: string, message: string) =>
  Promise.resolve(
    Response.json(
      { errors: [{ code, message }] },
      { status, headers: { 'X-Portal-Try-It': code } },
    ),
  )

/**
 * The fetch of the API reference's try-it (Scalar's `customFetch`). Requests carry the key and
 * nothing else: the reader's session cookie stays out, so a request behaves as it will from
 * their code (and the cURL shown is the whole request). A live key typed into Scalar's own field
 * is refused here, as the key picker refuses it. Operations of the TuneTrail API (/v1) belong
 * to another server, which the page's policy does not let the browser call: Scalar would send
 * them to the portal (it ignores an operation's own server), so they are answered here with what
 * to do instead.
 */
export function tryItFetch(origin: string, send: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const request = new Request(input instanceof URL ? input.href : input, init)
    if (/^Bearer\s+tt_live_/i.test(request.headers.get('authorization') ?? '')) {
      return refusal(
        400,
        'LIVE_KEY_REFUSED',
        'Try-it takes test keys only (tt_test_…): a live key stays in your own code.',
      )
    }
    const url = new URL(request.url, origin)
    if (url.origin === origin && /^\/v1(?:\/|$)/.test(url.pathname)) {
      return refusal(
        421,
        'TUNETRAIL_API',
        `This operation is served by the TuneTrail API, not this portal, so it cannot be sent from this page. Run the code sample against it, or dry-run your key for it in the playground: ${origin}/docs/playground`,
      )
    }
    return send(request, { credentials: 'omit' })
  }
}
