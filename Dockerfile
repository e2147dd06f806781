# SPDX-License-Identifier: MIT
# docextract HTTP service on Debian 12: docextract-server and docextract-worker (plus the docextract CLI).
# Both stages install exactly what scripts/install-deps.sh --service installs, the same packages as the
# documented install step. See docs/http-service.md; docker-compose.yml runs api + worker + redis.
#   docker build -t docextract .
#   docker run --rm -p 8080:8080 docextract                 # in-process workers, nothing else needed
#   docker compose up --build                               # API, two workers and Redis

FROM debian:12 AS build
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh --service && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/opt/docextract \
          -DDOCEXTRACT_BUILD_TESTS=OFF -DDOCEXTRACT_BUILD_BENCH=OFF -DDOCEXTRACT_BUILD_EXAMPLES=ON \
 && cmake --build /build -j"$(nproc)" \
 && cmake --install /build \
 && test -x /opt/docextract/bin/docextract-server && test -x /opt/docextract/bin/docextract-worker

FROM debian:12
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh --service && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
 && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin docextract \
 && mkdir -p /var/lib/docextract && chown docextract: /var/lib/docextract
COPY --from=build /opt/docextract /opt/docextract
ENV PATH=/opt/docextract/bin:$PATH \
    DOCEXTRACT_HOST=0.0.0.0 \
    DOCEXTRACT_PORT=8080 \
    OMP_THREAD_LIMIT=1 \
    DOCEXTRACT_DATA_DIR=/var/lib/docextract
# The server's job store (SQLite and uploads) unless DOCEXTRACT_DATABASE_URL names a PostgreSQL database.
VOLUME /var/lib/docextract
USER docextract
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["docextract-server"]
