# Two stages: dependencies are installed from requirements.txt into a virtualenv, then copied into a slim runtime image
# that runs as a non-root user. Debian bookworm's postgresql-client (15) gives pg_dump and
# pg_restore for `manage.py backup` / `restore`; it matches the postgres:15 server in compose.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Runtime dependencies from the lock (every hash checked), then the project without resolving.
COPY requirements.txt ./
RUN python -m venv /venv && /venv/bin/pip install --require-hashes -r requirements.txt
COPY pyproject.toml README.md ./
COPY archive ./archive
COPY search ./search
RUN /venv/bin/pip install --no-deps .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH PORT=8000
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 1000 --create-home --home-dir /home/archive archive \
    && mkdir /backups && chown archive /backups
WORKDIR /app
COPY --from=build /venv /venv
COPY manage.py ./
COPY archive ./archive
COPY search ./search
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
# Code and static files stay owned by root: the app user can read them, not change them.
# The catalogues are compiled here from their .po files (Babel; no gettext tools needed).
RUN pybabel compile --domain django --directory archive/locale --statistics \
    && SECRET_KEY=build-only python manage.py collectstatic --no-input --verbosity 0
USER archive

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-m", "archive.site.healthcheck"]
CMD ["gunicorn", "archive.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "30", "--graceful-timeout", "20", "--max-requests", "2000", \
     "--max-requests-jitter", "200", "--access-logfile", "-"]
