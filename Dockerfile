# syntax=docker/dockerfile:1
# One image for the whole system: `CMD` runs the API (with the web app); the same image runs a worker
# with `node apps/api/dist/worker.js` (see infra/docker-compose.yml). Node.js 24 LTS, pinned to the
# version CI tests on (scripts/install-node24.sh).
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# --- build: every dependency from the lockfile, then the API, the shared rules and the web app ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@cchc/api... --filter=@cchc/web --output-logs=errors-only

# --- prod-deps: only the API's production dependencies (and the shared package it links) ---
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
# --omit=optional too: typescript and @types/react come in as optional peers of the web's i18next (devOptional),
# and the runtime must hold no build tool; BullMQ's optional native msgpack speed-up goes with them (it falls back to JS).
RUN npm ci --omit=dev --omit=optional --workspace=@cchc/api --no-audit --no-fund \
 && mkdir -p apps/api/node_modules packages/shared/node_modules

# --- runtime: compiled code, production modules, reference data; runs as the unprivileged `node` user ---
FROM ${NODE_IMAGE} AS runtime
# The MariaDB client tools make `npm run backup` / `restore` work from inside the container.
RUN apt-get update && apt-get install -y --no-install-recommends mariadb-client && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json ./
COPY apps/api/package.json apps/api/
COPY packages/shared/package.json packages/shared/
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=prod-deps /app/apps/api/node_modules apps/api/node_modules
COPY --from=build /app/packages/shared/dist packages/shared/dist
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/web/dist apps/web/dist
COPY data/reference data/reference
RUN mkdir -p data/par-evidence backups && chown -R node:node data backups
USER node
EXPOSE 3000
# Liveness only: a database outage should take the container out of rotation (/api/health/ready), not restart it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/main.js"]
