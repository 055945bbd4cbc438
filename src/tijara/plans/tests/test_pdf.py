"""The Arabic PDF is shaped right to left: rendered to PNG with pdftoppm and its text extracted with pdftotext."""

import re
import shutil
import subprocess

import pytest
from PIL import Image

from tijara.plans.compose import PlanRequest, plan_compose
from tijara.plans.pdf import result_pdf

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")]


def test_arabic_pdf_renders_shaped_right_to_left(tmp_path):
    result = plan_compose(PlanRequest(market="USA", language="ar", text="زليج فاسي مصنوع يدويا")).as_dict()
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(result_pdf(result=result, language="ar", title="زليج فاسي", market="USA"))
    assert pdf.read_bytes().startswith(b"%PDF")

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "رمز النظام المنسق" in text  # logical order survives: the words are shaped, not reversed or broken

    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = page.size
    ink = page.point(lambda v: 255 if v < 128 else 0)
    # the first heading block sits against the right margin, as in a right-to-left page
    top = ink.crop((0, 0, width, height // 8)).getbbox()
    assert top is not None
    left_margin, right_margin = top[0], width - top[2]
    assert right_margin < left_margin


def test_french_pdf_reads_left_to_right(tmp_path):
    result = plan_compose(PlanRequest(market="FRA", language="fr", text="tapis berbère noué main")).as_dict()
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(result_pdf(result=result, language="fr", title="Tapis", market="FRA"))
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = page.size
    top = page.point(lambda v: 255 if v < 128 else 0).crop((0, 0, width, height // 8)).getbbox()
    assert top[0] < width - top[2]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Détails" in text  # a cited fact in words
    links = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"https?://\S+/knowledge/facts/[A-Z0-9-]+/", links)  # a fact by its full address


def test_saved_plan_pdf_opens_on_the_summary_in_arabic_with_the_score_in_order(tmp_path, owner_user, organisation,
                                                                              catalog_product):
    from tijara.plans.pdf import plan_pdf
    from tijara.plans.services import plan_create

    plan = plan_create(actor=owner_user, organisation=organisation, market="FRA", language="ar",
                       product=catalog_product, hs="570110", channel="etsy", parameters={"freight": "350"})
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plan_pdf(plan=plan))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "ملخص" in first and "570110" in first and "فرنسا" in first  # the summary page comes first
    assert "evidence" not in first.lower() and "signals" not in first.lower()  # no classifier debugging text
    everything = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not re.search(r"100\s*/\s*\d", everything)  # the score is never printed backwards ("100/63,68")
    (tmp_path / "keep").mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), "/tmp/j19/plan-ar"], check=False)
