from django.shortcuts import render


def home(request):
    """The public home page: what the platform does, in the visitor's language."""
    return render(request, "core/home.html")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the shipped static icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("tijara/favicon.ico"))


def healthz(request):
    """Liveness: the process answers."""
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: the database answers, migrations are applied, reference data is loaded."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor
    from django.http import JsonResponse

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} pending"
    except DatabaseError as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)
