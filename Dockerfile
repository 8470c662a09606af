# syntax=docker/dockerfile:1.7
# Targets:
#   web      standalone Next server (portal, /admin, REST, GraphQL); migrations run before serving
#   worker   graphile-worker process (mail, webhooks, roll-ups …)
#   migrate  applies pending migrations and exits (run once per deploy)
ARG NODE_VERSION=20-bookworm-slim

FROM node:${NODE_VERSION} AS base
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# Full dependency tree (build tools, tsx for scripts and migrations).
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Scripts, migrations and the worker run from source with tsx.
FROM deps AS app
ENV NODE_ENV=production
COPY . .
RUN rm -rf .data tests bench

# Also where the first admin of a deployment comes from:
#   docker compose run --rm migrate npx tsx scripts/create-admin.ts --email … --password …
FROM app AS migrate
CMD ["npx", "tsx", "scripts/migrate.ts"]

FROM app AS worker
USER node
CMD ["npx", "tsx", "scripts/worker.ts"]

# The key verification server (POST /verify): the hot path, scaled apart from the web.
FROM app AS verifier
ENV VERIFIER_PORT=3001
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.VERIFIER_PORT+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npx", "tsx", "scripts/verifier.ts"]

# Small runtime image: Next's standalone output and the portal's server (scripts/postbuild.mjs).
FROM base AS web
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 WORKER=off VERIFIER=off
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "portal-server.mjs"]
