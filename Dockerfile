# syntax=docker/dockerfile:1

# Build stage: install Kindling and its PostgreSQL driver into a virtualenv.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/kindling
# The locked dependencies first (hash-checked; a layer that changes only with the lock),
# then Kindling itself without resolving anything again.
COPY requirements.lock ./
RUN /opt/kindling/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY migrations ./migrations
RUN /opt/kindling/bin/pip install --no-deps .

# Runtime stage: only the virtualenv, run by an unprivileged user.
FROM python:3.11-slim
RUN groupadd --gid 10001 kindling \
    && useradd --no-log-init --create-home --uid 10001 --gid 10001 kindling \
    && mkdir /data \
    && chown 10001:10001 /data
COPY --from=build /opt/kindling /opt/kindling
ENV PATH=/opt/kindling/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PORT=3000 \
    DATABASE_URL=sqlite:////data/kindling.db
WORKDIR /data
VOLUME ["/data"]
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["kindling", "healthcheck"]
STOPSIGNAL SIGTERM
CMD ["kindling", "run"]
