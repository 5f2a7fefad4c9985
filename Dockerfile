# syntax=docker/dockerfile:1
# One image recipe for every service; docker-compose and the Kubernetes manifests pick the service with the SERVICE
# build argument. Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/package.json
RUN npm ci --no-audit --no-fund
COPY . .
RUN node tools/build.mjs

FROM node:20-bookworm-slim AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/package.json
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE}
# Same as SERVICE_RUNTIME_ENV in libs/platform/config (a test keeps them equal): keeps each process inside 256 MiB.
ENV NODE_OPTIONS="--max-semi-space-size=8 --max-old-space-size=160" MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=deps /repo/node_modules ./node_modules
COPY --from=build /repo/dist/apps/${SERVICE} ./dist/apps/${SERVICE}
COPY --from=build /repo/dist/libs ./dist/libs
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `migrate` runs the service's migrations (the deployment's migration job); the default command serves.
CMD ["sh", "-c", "exec node dist/apps/$SERVICE/src/main.js"]
