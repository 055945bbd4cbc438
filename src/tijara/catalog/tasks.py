"""Background faces of the catalog: applying a checked import (photo downloads and writes) outside the request."""

from django_tasks import task

from tijara.catalog import importer


@task()
def import_apply_task(job_id: int) -> None:
    """Apply the staged import `job_id` (idempotent: a job already taken or finished is left alone)."""
    importer.import_apply(job_id=job_id)
