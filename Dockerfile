# syntax=docker/dockerfile:1
# Multi-stage build of gapwatch: a static binary (pure-Go SQLite, embedded time zone database) on a
# minimal non-root image. .ci/run builds the binary with the same flags so this step is known to work.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/gapwatch ./cmd/gapwatch \
 && mkdir -p /out/data

# Variant with Debian's Chromium for feeds with fetch: browser or auto (publishers that answer plain
# HTTP clients with a JavaScript challenge): docker build --target browser -t gapwatch:browser .
# Same binary, user, volume and settings as the default image below; about 300 MB larger.
FROM debian:bookworm-slim AS browser
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates fonts-liberation \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 65532 --user-group --create-home --shell /usr/sbin/nologin nonroot
COPY --from=build /out/gapwatch /usr/local/bin/gapwatch
COPY --from=build --chown=65532:65532 /out/data /data
ENV GAPWATCH_STORAGE=/data/gapwatch.db \
    GAPWATCH_LISTEN=0.0.0.0:8080 \
    GAPWATCH_LOG_FORMAT=json
VOLUME ["/data"]
WORKDIR /data
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/gapwatch"]
CMD ["serve"]

# Default image: no browser (browser feeds fail with a clear error, auto feeds report the challenge).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gapwatch /usr/local/bin/gapwatch
# distroless "nonroot" is uid 65532: give it the data folder.
COPY --from=build --chown=65532:65532 /out/data /data
# SQLite lives on the /data volume; the service listens on all interfaces inside the container.
ENV GAPWATCH_STORAGE=/data/gapwatch.db \
    GAPWATCH_LISTEN=0.0.0.0:8080 \
    GAPWATCH_LOG_FORMAT=json
VOLUME ["/data"]
WORKDIR /data
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/gapwatch"]
CMD ["serve"]
