# Production image: build once, run the self-contained Nitro output.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/.output ./.output
RUN mkdir -p .data && chown node .data
USER node
EXPOSE 3000
CMD ["node", ".output/server/index.mjs"]
