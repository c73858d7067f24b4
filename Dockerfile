FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY archive ./archive
COPY search ./search
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
RUN SECRET_KEY=build-only python manage.py collectstatic --no-input --verbosity 0 \
    && useradd --system --uid 1000 --home /app archive && chown -R archive /app
USER archive

EXPOSE 8000
CMD ["gunicorn", "archive.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
