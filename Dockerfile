# Hivewatch hub image. Build: docker build -t hivewatch .
# Run:   docker run -p 8080:8080 -v hivewatch-data:/data hivewatch
# The hub applies pending migrations at start (HIVEWATCH_MIGRATIONS_RUN=true), then listens on 8080.
# NODE_IMAGE: the base of both stages; --build-arg NODE_IMAGE=… builds on another one (e.g. a locally
# imported image where no registry is reachable).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 and argon2 may build from source
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY libs/protocol/package.json libs/protocol/
COPY libs/client/package.json libs/client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# Memory settings of scripts/hub-runtime.mjs (docs/benchmarks.md, "Hub memory settings").
ENV NODE_ENV=production \
    HIVEWATCH_DATA_DIR=/data \
    HIVEWATCH_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs/protocol/package.json ./libs/protocol/
COPY --from=build /app/libs/protocol/dist ./libs/protocol/dist
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/api/v1/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=2", "dist/src/main.js"]
