"""The readiness radar chart renders in the browser, in Arabic (right-to-left) too."""

import pytest

from tijara.training import content, services


@pytest.mark.browser
def test_radar_renders_in_arabic_rtl(logged_in_page, live_server, seller):
    user, org = seller
    answers = {q.id: (2 if q.dimension in ("legal", "pricing") else 0) for q in content.assessment().questions}
    services.assessment_submit(actor=user, organisation=org, answers=answers)
    answers = {q.id: (2 if q.dimension != "listings" else 1) for q in content.assessment().questions}
    services.assessment_submit(actor=user, organisation=org, answers=answers)
    page = logged_in_page
    page.goto(f"{live_server.url}/training/o/{org.slug}/?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    radar = page.locator("svg.radar")
    radar.wait_for(state="visible")
    box = radar.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    latest = page.locator("svg.radar polygon.radar-latest").bounding_box()
    previous = page.locator("svg.radar polygon.radar-previous").bounding_box()
    assert latest and previous and latest["width"] > previous["width"]  # progress is visible
    labels = page.locator("svg.radar text.radar-label")
    assert labels.count() == 8
    assert "الوضع القانوني" in labels.all_text_contents()
    for i in range(labels.count()):  # every label is drawn inside the page
        b = labels.nth(i).bounding_box()
        assert b and b["x"] >= 0 and b["width"] > 0
    assert page.locator("#plan a").count() > 0
