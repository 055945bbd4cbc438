"""`tijara ask "QUESTION" [--lang ar|fr|en] [--json]`: answer from the sourced facts, citing them."""

import json

from django.core.management.base import BaseCommand, CommandError

from tijara.assistant import services
from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Answer an export question from the knowledge base (offline, extractive unless an LLM is configured)."

    def add_arguments(self, parser):
        parser.add_argument("question")
        parser.add_argument("--lang", choices=["ar", "fr", "en"], default=None,
                            help="Answer in this language (default: the question's language).")
        parser.add_argument("--json", action="store_true", help="Print the answer as JSON.")

    def handle(self, *args, question, lang, json: bool = False, **options):
        try:
            result = services.answer_question(question=question, language=lang)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if json:
            self.stdout.write(_dumps(result.as_dict()))
            return
        self.stdout.write(result.answer)
        for citation in result.citations:
            self.stdout.write(f"- {citation.fact_id}: {citation.title} — {citation.url} ({citation.as_of})")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
