"""Etsy: draft payload rules (channel-specs.md §2.3) and the client against a local server (never the live API)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import HTTPRedirectHandler, build_opener

import pytest

from tijara.channels.adapters import adapter
from tijara.channels.adapters.etsy import rules
from tijara.channels.adapters.etsy.client import (
    EtsyClient,
    RateLimiter,
    authorize_url,
    code_challenge,
    code_verifier,
)
from tijara.channels.inputs import TextInput
from tijara.channels.tests import samples
from tijara.core.errors import TijaraError

from .etsy_server import EtsyServer

GOLDEN = Path(__file__).parent / "golden"
etsy = adapter("etsy")
CTX = samples.context("etsy", shipping_profile_id=111, readiness_state_id=222, who_made="collective",
                      taxonomy_ids={"rugs": 1, "footwear": 2, "lighting": 3})
KEY = "testkeystring"


def found(item, ctx=CTX):
    return {(p.severity, p.rule) for p in etsy.map_listing(item, ctx).problems}


def test_payloads_match_golden_file():
    samples.check_golden(GOLDEN / "drafts.jsonl", samples.render(etsy, samples.catalog(), CTX, "jsonl"))


def test_problems_match_golden_file():
    samples.check_golden(GOLDEN / "problems.json", samples.problems_summary(etsy, samples.catalog(), CTX))


def test_payload_fields():
    payload = etsy.map_listing(samples.rug(), CTX).fields["payload"]
    assert payload["who_made"] == "collective" and payload["when_made"] == rules.when_made()["current"]
    assert payload["quantity"] == 1 and payload["price"] == "890.00" and payload["taxonomy_id"] == 1
    assert payload["shipping_profile_id"] == 111 and payload["readiness_state_id"] == 222
    lantern = etsy.map_listing(samples.lantern_made_to_order(), CTX).fields["payload"]
    assert lantern["when_made"] == "made_to_order" and lantern["quantity"] == 1


def test_title_rules_characters_specials_and_length():
    bad = samples.rug(text=TextInput("en", "Rug 100% wool: 50% off & more + + ✈", "d"))
    assert {("error", "title_characters"), ("error", "title_special_once")} <= found(bad)
    long = samples.rug(text=TextInput("en", "a" * 141, "d"))
    assert ("error", "title_length") in found(long)
    ok = samples.rug(text=TextInput("en", "Beni Ourain rug, wool ™ — 150 × 240 cm", "d"))
    assert not {r for _s, r in found(ok)} & {"title_characters", "title_special_once", "title_length"}


def test_tags_13_of_20_characters_and_payload_keeps_only_valid_ones():
    tags = tuple(f"tag number {i}" for i in range(14)) + ("a tag that is far too long",)
    item = samples.rug(text=TextInput("en", "Beni Ourain wool rug", "d", tags))
    problems = found(item)
    assert ("error", "tags_max_13") in problems and ("error", "tag_length_20") in problems
    payload = etsy.map_listing(item, CTX).fields["payload"]
    assert len(payload["tags"]) == 13 and all(len(t) <= 20 for t in payload["tags"])


def test_missing_profiles_taxonomy_and_images_block_activation():
    item = samples.rug(photos=(), craft="basketry")
    problems = found(item, samples.context("etsy"))
    for rule in ("shipping_profile_id", "readiness_state_id", "taxonomy_id", "image_before_activation"):
        assert ("error", rule) in problems


def test_arabic_connection_is_refused_for_etsy():
    assert ("error", "listing_language") in found(samples.rug(), samples.context("etsy", language="ar"))


def test_pkce_verifier_and_s256_challenge():
    verifier = code_verifier()
    assert 43 <= len(verifier) <= 128 and set(verifier) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    # RFC 7636 appendix B example.
    assert code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _connect(server) -> EtsyClient:
    verifier = code_verifier()
    url = authorize_url(client_id=KEY, redirect_uri="https://tijara.example/etsy/callback", state="xyz",
                        challenge=code_challenge(verifier), base=server.url + "/oauth/connect")
    try:
        build_opener(_NoRedirect).open(url)
        raise AssertionError("expected a redirect")
    except Exception as exc:  # noqa: BLE001 - HTTPError 302 carries the Location
        location = exc.headers["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["xyz"]
    client = EtsyClient(api_key=KEY, shared_secret="secret", base_url=server.url, sleep=lambda s: None)
    tokens = client.exchange_code(code=query["code"][0], redirect_uri="https://tijara.example/etsy/callback",
                                  verifier=verifier)
    assert tokens["expires_in"] == 3600 and tokens["access_token"].startswith("12345678.")
    return client


def test_oauth_pkce_flow_then_draft_image_and_activation_against_local_server():
    with EtsyServer(api_key=KEY) as server:
        client = _connect(server)
        payload = etsy.map_listing(samples.rug(), CTX).fields["payload"]
        listing = client.create_draft_listing(555, payload)
        assert listing["state"] == "draft" and listing["title"] == samples.RUG_TEXT.title
        assert listing["tags"] == list(samples.RUG_TEXT.tags)
        image = client.upload_listing_image(555, listing["listing_id"], b"\xff\xd8fake-jpeg", rank=1)
        assert image["rank"] == 1 and image["size"] == len(b"\xff\xd8fake-jpeg")
        active = client.update_listing(555, listing["listing_id"], {"state": "active"})
        assert active["state"] == "active"


def test_wrong_pkce_verifier_is_refused():
    with EtsyServer(api_key=KEY) as server:
        url = authorize_url(client_id=KEY, redirect_uri="https://t.example/cb", state="s",
                            challenge=code_challenge(code_verifier()), base=server.url + "/oauth/connect")
        try:
            build_opener(_NoRedirect).open(url)
        except Exception as exc:  # noqa: BLE001
            code = parse_qs(urlsplit(exc.headers["Location"]).query)["code"][0]
        client = EtsyClient(api_key=KEY, base_url=server.url, sleep=lambda s: None, max_retries=0)
        with pytest.raises(TijaraError, match="code_verifier mismatch"):
            client.exchange_code(code=code, redirect_uri="https://t.example/cb", verifier=code_verifier())


def test_429_is_retried_with_backoff_then_succeeds():
    slept = []
    with EtsyServer(api_key=KEY) as server:
        client = _connect(server)
        client.sleep = slept.append
        server.state.force_429 = 2
        listing = client.create_draft_listing(555, etsy.map_listing(samples.rug(), CTX).fields["payload"])
        assert listing["listing_id"]
        assert slept == [0.05, 0.05]  # Retry-After honoured


def test_expired_token_is_refreshed_once():
    with EtsyServer(api_key=KEY) as server:
        client = _connect(server)
        server.state.tokens.clear()
        listing = client.create_draft_listing(555, etsy.map_listing(samples.rug(), CTX).fields["payload"])
        assert listing["state"] == "draft" and client.access_token in server.state.tokens


def test_daily_quota_stops_publishing_with_a_clear_error():
    with EtsyServer(api_key=KEY, per_day=3) as server:
        client = _connect(server)
        payload = etsy.map_listing(samples.rug(), CTX).fields["payload"]
        client.create_draft_listing(555, payload)
        client.create_draft_listing(555, payload)
        client.create_draft_listing(555, payload)
        with pytest.raises(TijaraError) as exc:
            client.create_draft_listing(555, payload)
        assert exc.value.code == "etsy_daily_quota"


def test_rate_limiter_keeps_to_10_calls_per_rolling_second():
    now = [0.0]
    times = []

    def sleep(seconds):
        now[0] += seconds

    limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    for _ in range(35):
        limiter.acquire()
        times.append(now[0])
        now[0] += 0.01
    assert all(times[i + 10] - times[i] >= 1.0 - 1e-9 for i in range(len(times) - 10))
    assert times[-1] < 3.5  # it waits only as long as needed


def test_bad_payload_is_reported_with_etsy_message():
    with EtsyServer(api_key=KEY) as server:
        client = _connect(server)
        with pytest.raises(TijaraError, match="who_made"):
            client.create_draft_listing(555, {"quantity": 1, "title": "t", "description": "d", "price": "1.00",
                                              "who_made": "robot", "when_made": "made_to_order", "taxonomy_id": 1})


def test_draft_payload_is_json_serialisable():
    json.dumps(etsy.map_listing(samples.rug(), CTX).fields)
