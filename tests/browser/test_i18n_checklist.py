"""Issue 19's broken checklist, in Chromium under the real CSP: ticking over htmx, Print, the favicon (in Arabic)."""

import pytest

pytestmark = pytest.mark.browser


def test_tick_print_and_favicon_work_under_the_csp(logged_in_page, live_server):
    page = logged_in_page
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")

    page.goto(f"{live_server.url}/knowledge/checklist/?hs=691200&market=FRA&save=1&lang=ar")
    button = page.locator("form.tick button").first
    assert button.get_attribute("aria-pressed") == "false"
    with page.expect_response("**/knowledge/checklist/tick/") as answer:
        button.click()
    assert answer.value.status == 200
    page.wait_for_selector("form.tick button[aria-pressed=true]")
    assert "Traceback" not in page.content() and page.locator("#htmx-error").is_hidden()

    page.click("[data-print]")
    assert page.evaluate("window.__printed") == 1

    page.reload()  # the tick was saved
    assert page.locator("form.tick button").first.get_attribute("aria-pressed") == "true"

    icon = page.request.get(f"{live_server.url}/favicon.ico")
    assert icon.ok and icon.headers["content-type"].startswith("image/")
    assert not [p for p in problems if "Content Security Policy" in p or "favicon" in p], problems
