'use client'

import '@scalar/api-reference-react/style.css'
import './scalar.css'

import { ApiReferenceReact } from '@scalar/api-reference-react'
import { useEffect, useMemo, type ComponentProps } from 'react'

import { tryItFetch } from '@/lib/docs/tryItFetch'

type Configuration = Exclude<
  ComponentProps<typeof ApiReferenceReact>['configuration'],
  readonly unknown[]
>

/** Code samples: cURL, Python (requests) and JavaScript (fetch); every other client hidden. */
const HIDDEN_CLIENTS: Configuration['hiddenClients'] = {
  c: true,
  clojure: true,
  csharp: true,
  dart: true,
  fsharp: true,
  go: true,
  http: true,
  java: true,
  julia: true,
  kotlin: true,
  node: true,
  objc: true,
  ocaml: true,
  php: true,
  powershell: true,
  r: true,
  ruby: true,
  rust: true,
  swift: true,
  shell: ['httpie', 'wget'],
  python: ['python3', 'aiohttp', 'httpx_sync', 'httpx_async'],
  js: ['axios', 'jquery', 'ofetch', 'xhr'],
}

type Props = {
  /** The plaintext of the picked test key, known to this tab only. */
  token?: string
  isDark: boolean
}

/**
 * Scalar, configured to stay on this origin: no web fonts, no telemetry, no Agent Scalar or MCP
 * buttons, no developer tools (the "Generate SDK"/"Explore Scalar" dialogs talk to scalar.com),
 * no "Open API Client" links (client.scalar.com), no request proxy (try-it calls the portal
 * directly, same origin), no persisted auth (Scalar would keep the token in localStorage).
 * Scalar's other hosts (dashboard, registry, proxy, API) point back at this page.
 */
export default function Scalar({ token, isDark }: Props) {
  const configuration = useMemo<Configuration>(
    () => ({
      url: '/api/openapi.json',
      customFetch: tryItFetch(window.location.origin),
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: 'never' as const,
      // Its "Open API Client" buttons link to client.scalar.com; try-it stays in the page.
      hideClientButton: true,
      persistAuth: false,
      externalUrls: {
        dashboardUrl: '/docs/api-reference',
        registryUrl: '/docs/api-reference',
        proxyUrl: '',
        apiBaseUrl: '/docs/api-reference',
      },
      theme: 'none' as const,
      forceDarkModeState: isDark ? ('dark' as const) : ('light' as const),
      hideDarkModeToggle: true,
      // ⌘K opens the portal's own search.
      searchHotKey: 'j' as const,
      documentDownloadType: 'json' as const,
      hiddenClients: HIDDEN_CLIENTS,
      featuredClients: ['shell/curl', 'python/requests', 'js/fetch'],
      defaultHttpClient: { targetKey: 'shell' as const, clientKey: 'curl' as const },
      authentication: {
        preferredSecurityScheme: 'apiKey',
        ...(token ? { securitySchemes: { apiKey: { token } } } : {}),
      },
    }),
    [token, isDark],
  )
  // Scalar marks <body> with its colour mode; leaving the page (client navigation) must not
  // leave the next page in Scalar's light or dark scheme.
  useEffect(() => () => document.body.classList.remove('light-mode', 'dark-mode'), [])
  return <ApiReferenceReact configuration={configuration} />
}
