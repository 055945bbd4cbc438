"""Background faces of the assistant: the optional LLM rewrite of an answer runs in a worker, not in the request."""

from django_tasks import task

from tijara.assistant import services


@task()
def generate_answer_task(message_id: int) -> None:
    """Rewrite a pending extractive answer with the configured LLM (the extractive text stays when rejected)."""
    services.answer_generate(message_id=message_id)
