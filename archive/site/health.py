"""Health endpoints for orchestrators: /healthz (the process answers) and /readyz (it can serve)."""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from archive.site.replicas import replica_aliases, replicas_report


@never_cache
@require_GET
def healthz(request):
    """The process is up. Touches no database, so a database outage never restarts the web tier."""
    return JsonResponse({"status": "ok"})


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


@never_cache
@require_GET
def readyz(request):
    """Ready to serve: the primary answers and every migration is applied; 503 otherwise."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = unapplied_migrations()
    except DatabaseError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "detail": first},
            status=503,
            headers={"Retry-After": "5"},
        )
    if pending:
        return JsonResponse(
            {"status": "unavailable", "database": "ok", "unapplied_migrations": pending},
            status=503,
            headers={"Retry-After": "30"},
        )
    ready = {"status": "ok", "database": "ok", "migrations": "applied"}
    if replica_aliases():
        # Each replica's state and lag, checked now. A replica down or lagging leaves the site
        # ready: reads fall back to the primary (archive.site.routers).
        ready["replicas"] = replicas_report()
    return JsonResponse(ready)
