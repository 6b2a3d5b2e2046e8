# syntax=docker/dockerfile:1
# Build: the same steps as scripts/serve.sh, with the Swift runtime linked in.
# The migrations are compiled into the binary (Migrations/ is read at build time).
# scripts/container-test.sh repeats these steps without a Docker engine.
FROM swift:6.3.1-bookworm AS build
WORKDIR /src
COPY scripts/install-dependencies.sh scripts/
RUN scripts/install-dependencies.sh
COPY Package.swift ./
COPY Plugins Plugins
COPY Sources Sources
COPY Migrations Migrations
# Package.swift declares the test targets, so their sources must be present
# for the package to load; only the product is built.
COPY Tests Tests
RUN swift build -c release --static-swift-stdlib --product poemsd \
    && install -D .build/release/poemsd /out/usr/local/bin/poemsd

# Run: only the runtime libraries, as a non-root user owning /data.
FROM debian:bookworm-slim
ARG RUNTIME_PACKAGES="libmicrohttpd12 libsqlite3-0 ca-certificates"
RUN apt-get update \
    && apt-get install -y --no-install-recommends ${RUNTIME_PACKAGES} \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin poemsd \
    && mkdir -p /data && chown poemsd:poemsd /data
COPY --from=build /out/ /
USER poemsd
WORKDIR /data
VOLUME ["/data"]
ENV POEMSD_HOST=0.0.0.0 \
    POEMSD_PORT=8080 \
    POEMSD_DATABASE=/data/poems.sqlite \
    POEMSD_SHUTDOWN_GRACE=5
EXPOSE 8080
# `poemsd healthcheck` probes /readyz: the database answers and is migrated.
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
    CMD ["poemsd", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["poemsd"]
CMD ["serve"]
