# syntax=docker/dockerfile:1
# One image for every process: web (gunicorn), Prefect server, Prefect worker, migrate Job.

FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# The dependencies of pyproject.toml only (empty package folders, then the project itself
# uninstalled): the code lives in /app and is found through PYTHONPATH, templates, locale and
# fonts beside it, exactly as in the repository.
COPY pyproject.toml ./
RUN mkdir -p states notifications workflows portal \
 && pip install --upgrade pip \
 && pip install . \
 && pip uninstall -y signaleringslijst

FROM python:3.11-slim AS runtime
# /app is read-only to the app user; Prefect keeps its files under /tmp (an emptyDir on k8s).
# psycopg[binary] carries its own libpq and the letter fonts (DejaVu) are vendored in
# notifications/fonts. The yearly report's PDF (WeasyPrint) needs Pango and HarfBuzz from Debian.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PREFECT_HOME=/tmp/prefect \
    WEB_ADDRESS=0.0.0.0:8000 \
    DJANGO_BEHIND_TLS_PROXY=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 signalering \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin signalering
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root manage.py prefect.yaml ./
COPY --chown=root:root deploy/gunicorn.conf.py deploy/gunicorn.conf.py
COPY --chown=root:root portal portal
COPY --chown=root:root states states
COPY --chown=root:root notifications notifications
COPY --chown=root:root workflows workflows
# Static files are collected into the image (WhiteNoise serves them); the settings need a key
# and a database URL to load, neither is used.
RUN DJANGO_SECRET_KEY=collectstatic-only MATCH_KEY=collectstatic-only \
    FIELD_ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LWR1bW15LWtleS0wMDA= \
    ANYMAIL_WEBHOOK_SECRET=x:y DATABASE_URL=postgresql://build@localhost/build \
    python manage.py collectstatic --noinput
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/web', timeout=4).status != 200)"]
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"]
