"""Faces of the HS classifier: service, CLI contract (single and batch), API, web page, corrections export."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tijara.assistant import hs_services
from tijara.core.errors import TijaraError


def run(*args) -> str:
    out = io.StringIO()
    call_command("classify", *args, stdout=out)
    return out.getvalue()


def test_cli_single_json_contract():
    data = json.loads(run("hand-knotted Berber wool rug", "--json", "--top", "3"))
    assert data["candidates"][0]["hs6"] == "570110"
    assert len(data["candidates"]) == 3
    assert isinstance(data["confident"], bool) and "question" in data


_FRESH_CLI = """
import sys
from tijara.cli import main
main(["classify", "tapis berbère noué main en laine", "--json", "--top", "1"])
print("imported:", *(m for m in ("tijara.urls", "tijara.api") if m in sys.modules))
"""


def test_cli_in_a_fresh_process_imports_no_api_or_urls():
    """`tijara classify` skips the system checks, which import the URL configuration and so every app's API and
    views (about 0.7 s of CPU of a cold process); the classification itself needs none of them."""
    src = str(Path(hs_services.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (src, os.environ.get("PYTHONPATH")))),
           "DJANGO_SETTINGS_MODULE": "tijara.settings"}
    out = subprocess.run([sys.executable, "-c", _FRESH_CLI], env=env, capture_output=True, text=True, check=True)
    result, imported = out.stdout.strip().splitlines()
    assert json.loads(result)["candidates"][0]["hs6"] == "570110"
    assert imported == "imported:"


def test_cli_lang_option_and_text_output():
    out = run("tapis berbère noué main en laine", "--lang", "fr", "--top", "2")
    assert "5701.10" in out and "language: fr" in out


def test_cli_short_english_description_answers_in_english():
    data = json.loads(run("ladies handbag", "--json", "--top", "3"))
    assert data["language"] == "en"
    assert all(c["description"] == c["description_en"] for c in data["candidates"])


def test_cli_batch_one_object_per_row_in_order(tmp_path):
    path = tmp_path / "in.csv"
    rows = ["hand-knotted Berber wool rug", "", "طاجين من الفخار", "babouches en cuir", "asdf qwer"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["sku", "title"])
        for i, r in enumerate(rows):
            w.writerow([i, r])
    lines = run("--batch", str(path), "--column", "title", "--json", "--top", "2").strip().splitlines()
    assert len(lines) == len(rows)
    objs = [json.loads(line) for line in lines]
    assert [o["query"] for o in objs] == rows
    assert objs[0]["candidates"][0]["hs6"] == "570110"
    assert objs[1]["error"]["code"] == "empty_description" and objs[1]["candidates"] == []
    assert objs[2]["candidates"][0]["hs6"] == "691200"


def test_cli_batch_reads_a_semicolon_sheet_and_a_capitalised_header(tmp_path):
    path = tmp_path / "export.csv"  # as a spreadsheet saves it in French settings, with a byte-order mark
    path.write_text("\ufeffRef;Description\n1;tapis berbère noué main en laine\n2;lanterne en laiton\n", encoding="utf-8")
    objs = [json.loads(line) for line in run("--batch", str(path), "--column", "description", "--json").splitlines()]
    assert [o["query"] for o in objs] == ["tapis berbère noué main en laine", "lanterne en laiton"]
    assert objs[0]["candidates"][0]["hs6"] == "570110"


def test_cli_errors_are_clear(tmp_path):
    with pytest.raises(CommandError, match="empty"):
        run("   ")
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Column 'description' not found"):
        run("--batch", str(path), "--json")
    with pytest.raises(CommandError, match="Cannot read"):
        run("--batch", str(tmp_path / "missing.csv"), "--json")


def test_service_validates_arguments():
    with pytest.raises(TijaraError) as exc:
        hs_services.classify(text="rug", top=0)
    assert exc.value.code == "invalid_top"
    with pytest.raises(TijaraError):
        hs_services.classify(text="rug", lang="de")
    assert hs_services.normalise_hs6("5701.10") == "570110"
    with pytest.raises(TijaraError):
        hs_services.normalise_hs6("999999")


def test_corrections_export_writes_labelled_rows():
    when = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    text = hs_services.corrections_export(corrections=[
        {"text_snapshot": "babouches en cuir", "from_code": "640510", "to_code": "6403.59.90", "changed_by": "a@b.ma",
         "changed_at": when, "product": 7},
    ])
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["to_hs6"], row["from_code"], row["text"], row["corrected_by"]) == \
        ("640359", "640510", "babouches en cuir", "a@b.ma")
    assert row["corrected_at"].startswith("2026-11-29T08:00")


@pytest.mark.django_db
def test_api_classify(client):
    r = client.post("/api/v1/classify", {"text": "babouches en cuir", "top": 3}, content_type="application/json")
    assert r.status_code == 200
    data = r.json()
    assert data["candidates"][0]["hs4"] in ("6403", "6405") and data["question"]
    r = client.post("/api/v1/classify", {"text": ""}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "empty_description"
    r = client.post("/api/v1/classify", {"text": "rug", "top": 99}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "invalid_top"


ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix_public_classifier_changes_nothing(actor, client, request):
    """The classifier is a public, read-only tool: every actor gets 200 and no row is written."""
    from django.apps import apps

    if actor != "anonymous":
        request.getfixturevalue("cast")
        user = request.getfixturevalue(f"{actor}_user")
        client.force_login(user)
    before = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label == "assistant"}
    assert client.get("/assistant/classify/?text=tapis+noué+en+laine").status_code == 200
    r = client.post("/api/v1/classify", {"text": "tapis noué en laine"}, content_type="application/json")
    assert r.status_code == 200
    after = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label == "assistant"}
    assert before == after


@pytest.mark.django_db
def test_web_page_and_htmx_partial(client):
    r = client.get("/assistant/classify/")
    assert r.status_code == 200 and b"<form" in r.content
    r = client.get("/assistant/classify/", {"text": "hand-knotted Berber wool rug"})
    assert b"5701.10" in r.content and b"<html" in r.content
    r = client.get("/assistant/classify/", {"text": "babouches en cuir"}, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert "<html" not in body and "semelle" in body
    r = client.get("/assistant/classify/", {"text": ""})
    assert r.status_code == 200


@pytest.mark.django_db
def test_web_page_speaks_the_page_language_whatever_the_description(client):
    """An Arabic page with a French description: question, answers, reasons and descriptions in Arabic; a labelled
    example in English is marked English (lang and a visible word); no empty "Why"."""
    import re

    client.cookies["tijara_language"] = "ar"
    body = client.get("/assistant/classify/", {"text": "lanterne en laiton ciselé"}).content.decode()
    question = re.search(r'<div class="question" id="hs-question">(.*?)</div>', body, re.S).group(1)
    assert "Est-il" not in question and "électrique" not in question and "كهربائي" in question
    assert "mots reconnus" not in body and "الكلمات المطابقة" in body
    example = re.search(r'«<span lang="(\w+)" dir="ltr">([^<]+)</span>»\s*\(([^)]*)\)', body)
    assert example and example.group(1) == "en" and "بالإنجليزية" in example.group(3), example
    assert "hmrc_" not in body  # the source by its name, not its file
    assert not re.search(r"<summary>[^<]*</summary>\s*<ul>\s*</ul>", body)  # no empty "Why"
    # the official texts sit in their own blocks, marked with their language
    assert re.search(r'<p class="official" lang="en" dir="ltr">', body)

    client.cookies["tijara_language"] = "fr"
    body = client.get("/assistant/classify/", {"text": "زربية أمازيغية منسوجة يدويا من الصوف"}).content.decode()
    assert "كيف صُنع" not in body and "Comment est-il fabriqué" in body


@pytest.mark.django_db
def test_web_page_shows_no_codes_for_a_text_without_product_words_and_speaks_the_page_language(client):
    client.cookies["tijara_language"] = "ar"
    body = client.get("/assistant/classify/", {"text": "qsdfgh"}).content.decode()
    assert "لم نتعرّف على أي كلمة" in body and 'class="hs-candidates"' not in body
    body = client.get("/assistant/classify/", {"text": "alfombra de lana hecha a mano"}).content.decode()
    assert "This language is not supported" not in body and "هذه اللغة غير مدعومة" in body


@pytest.mark.django_db
def test_web_page_an_empty_description_says_what_to_do_once_and_the_title_says_error(client):
    import re

    client.cookies["tijara_language"] = "ar"
    body = client.get("/assistant/classify/", {"text": ""}).content.decode()
    assert body.count("صِف المنتج: الوصف فارغ.") == 1  # once, beside the field, not again under it
    assert re.search(r"<title>خطأ", body)
    described = re.search(r'aria-describedby="([^"]+)"', body).group(1)
    assert f'id="{described}"' in body  # the field points at its message
    partial = client.get("/assistant/classify/", {"text": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "صِف المنتج: الوصف فارغ." in partial  # htmx: the form is not redrawn, the message comes with the results
