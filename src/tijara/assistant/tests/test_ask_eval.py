"""The evaluation command scores recall@5, correctness and abstention on a question file."""

import pytest

from tijara.assistant.management.commands.eval_assistant import QUESTIONS, evaluate

pytestmark = pytest.mark.django_db


def test_evaluate_scores_answerable_and_unanswerable_questions(tmp_path):
    path = tmp_path / "questions.toml"
    path.write_text('''
[[q]]
text = "What is the limit of chromium VI in leather for the EU?"
expected = ["EU-LEA-01"]
contains = "3 mg/kg"

[[q]]
text = "What is the limit of chromium VI in leather for the EU?"
expected = ["MA-FX-02"]

[[q]]
text = "How much does DHL charge to send 2 kg to Paris?"
expected = []
answerable = false
''', encoding="utf-8")
    report = evaluate(path)
    assert (report["questions"], report["answerable"], report["unanswerable"]) == (3, 2, 1)
    assert [row["correct"] for row in report["rows"]] == [True, False, True]
    assert report["recall_at_5"] == 0.5
    assert report["answer_correctness"] == round(2 / 3, 3)


def test_the_shipped_question_set_has_three_languages_and_unanswerable_questions():
    import tomllib

    questions = tomllib.loads(QUESTIONS.read_text(encoding="utf-8"))["q"]
    assert len(questions) >= 30
    assert sum(1 for q in questions if not q.get("answerable", True)) >= 5
    assert any("\u0600" <= ch <= "\u06ff" for q in questions for ch in q["text"])
