"""Try it (docs/javascripts/try-it.js) in Chromium, against the sandbox of the live site."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from cloudws.operations import OPERATIONS
from cloudws.store import Store
from cloudws.testing import BASE_URL, mock_api

from ..helpers import document, tls
from .conftest import LiveSite, Visit, choose_scheme, load_sandbox_hook, serve, until

DELETE_PAGE = "/workstations/delete/"
TOKEN = "cws_test_browser"
_TRY_IT = re.compile(r'<div class="cws-try-it" data-operation="([A-Za-z]+)"[ >]')


def _openapi() -> dict[str, Any]:
    return document()


def _expected(method: str, path: str, **kwargs: Any) -> httpx.Response:
    """What the stub answers from its fixture state (the source of every expected value)."""
    with mock_api():
        return httpx.request(method, BASE_URL + path,
                             headers={"Authorization": f"Bearer {TOKEN}"}, verify=tls(),
                             **kwargs)


def _try_it_pages(site_dir: Path) -> dict[str, str]:
    """operationId -> the URL path of the built page whose Try it sends it."""
    pages = {}
    for html in sorted(site_dir.rglob("index.html")):
        for operation in _TRY_IT.findall(html.read_text(encoding="utf-8")):
            pages[operation] = "/" + html.parent.relative_to(site_dir).as_posix() + "/"
    return pages


def _form(page: Page) -> Locator:
    """The Try it form, scrolled to (it is built when its section nears the viewport)."""
    page.locator(".cws-try-it").scroll_into_view_if_needed()
    until(page, "document.querySelector('.cws-try-it form')")
    form = page.locator(".cws-try-it form")
    expect(form).to_be_visible()
    return form


def _send(page: Page, **fields: str) -> None:
    form = _form(page)
    for label, value in fields.items():
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_role("button", name="Send request").click()
    _answered(page)
    expect(page.locator(".cws-try-it__status")).to_contain_text("HTTP ")


def _answered(page: Page) -> None:
    """Until the request just sent has its outcome shown (the Send button is ready again)."""
    until(page, "!document.querySelector('.cws-try-it__send').hasAttribute('aria-disabled')")


def _shown_body(page: Page) -> Any:
    return json.loads(page.locator(".cws-try-it__body").inner_text())


def test_try_it_is_on_every_endpoint_page(live_site: LiveSite) -> None:
    # A removed (deprecated) operation only answers 410: its replacement's page tries that.
    operations = {op["operationId"] for item in _openapi()["paths"].values()
                  for op in item.values() if not op.get("deprecated")}
    assert set(_try_it_pages(live_site.site_dir)) == operations


def test_try_it_base_url_is_this_origin_and_delete_running_workstation_shows_409(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    # The base URL defaults to the sandbox of this origin.
    expect(_form(page).get_by_label("Base URL"), f"Base URL on {DELETE_PAGE}").to_have_value(
        visit.site.api)
    with page.expect_request(lambda r: r.method == "DELETE") as sent:
        _send(page, **{"id (required)": "ws-67890", "Token": TOKEN})
    expected = _expected("DELETE", "/workstations/ws-67890")

    assert sent.value.url == f"{visit.site.api}/workstations/ws-67890"
    assert page.locator(".cws-try-it__status").inner_text().startswith(
        f"HTTP {expected.status_code} Conflict")
    assert expected.status_code == 409
    assert _shown_body(page) == expected.json()
    assert _shown_body(page)["code"] == "workstation_not_stopped"
    headers = page.locator(".cws-try-it__headers").inner_text()
    assert "content-type: application/problem+json" in headers
    # The API's own headers come first; the server's security headers are folded away.
    assert "content-security-policy" not in headers
    folded = page.locator(".cws-try-it__site-headers")
    expect(folded).not_to_have_attribute("open", "")
    assert "content-security-policy: " in (folded.locator("pre").text_content() or "")
    assert visit.site.store.get_workstation("ws-67890").status == "running"
    hint = _form(page).locator(".cws-try-it__hint").first.inner_text()
    assert "uv run cloudws serve" in hint


def test_try_it_delete_stopped_workstation_shows_delete_object(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    example = _openapi()["paths"]["/v1/workstations/{id}"]["delete"]["parameters"][0]
    assert example["example"] == OPERATIONS["deleteWorkstation"].example.path["id"]
    prefilled = _form(page).get_by_label("id (required)", exact=True)
    expect(prefilled).to_have_value(example["example"])

    with page.expect_request(lambda r: r.method == "DELETE") as sent:
        _send(page, Token=TOKEN)

    assert sent.value.url == f"{visit.site.api}/workstations/ws-12345"
    expect(page.locator(".cws-try-it__status")).to_have_text("HTTP 200 OK")
    assert _shown_body(page) == Store().delete_workstation("ws-12345").model_dump(mode="json")
    assert "ws-12345" not in {ws.id for ws in visit.site.store.list_workstations().data}


def test_try_it_sends_a_header_parameter_given_and_none_left_empty(visit: Visit) -> None:
    """Create workstation's ``Idempotency-Key`` is a field: left empty, not sent; given, sent
    as written, so that a retry answers the first workstation again, as its page says."""
    page = visit.open(_try_it_pages(visit.site.site_dir)["createWorkstation"])
    key = _form(page).get_by_label("Idempotency-Key", exact=True)
    expect(key).to_have_value("")
    made = []
    body = '{"name": "tried", "machine_type": "standard-2"}'  # no volume: made again and again
    for value in ("", '"try-it-1"', '"try-it-1"'):
        key.fill(value)
        with page.expect_request(lambda r: r.method == "POST") as sent:
            _send(page, Token=TOKEN, **{"JSON body (sent as application/json)": body})
        assert sent.value.headers.get("idempotency-key") == (value or None)
        expect(page.locator(".cws-try-it__status")).to_contain_text("HTTP 201")
        made.append(_shown_body(page)["id"])
    assert made[1] == made[2] != made[0], made
    assert len({ws.id for ws in visit.site.store.list_workstations().data} & set(made)) == 2
    # a value no header can carry is refused at its field, not sent (fetch would throw)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.method))
    key.fill('"ключ"')
    _form(page).get_by_role("button", name="Send request").click()
    expect(key).to_be_focused()
    expect(_form(page).locator(".cws-try-it__error:visible")).to_contain_text(
        "printable ASCII only")
    assert "POST" not in posts


def test_try_it_token_goes_in_the_header_only_and_stays_in_the_tab(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    token = "cws_test_secret42"
    with page.expect_request(lambda r: r.method == "DELETE") as sent:
        _send(page, **{"Token": token, "id (required)": "ws-67890"})

    request = sent.value
    assert request.headers["authorization"] == f"Bearer {token}"
    assert token not in request.url
    assert page.evaluate("sessionStorage.getItem('cloudws.try-it.token')") == token
    assert token not in json.dumps(page.evaluate("Object.assign({}, localStorage)"))
    assert token not in page.url and not any(token in m for m in messages)
    # Another page of the same tab finds it; another tab (same context, so the same local
    # storage and cookies) does not.
    page.goto(visit.site.url + "/workstations/get/")
    expect(_form(page).get_by_label("Token")).to_have_value(token)
    other = visit.new_tab()
    other.goto(visit.site.url + DELETE_PAGE, wait_until="domcontentloaded")
    field = _form(other).get_by_label("Token")
    expect(field).to_have_value(re.compile(r"^cws_test_"))
    expect(field).not_to_have_value(token)


#: The contrast of an element's text on its own background (WCAG's formula), in the page.
_CONTRAST = """element => {
  const style = getComputedStyle(element);
  const rgba = text => {
    const [r, g, b, a] = text.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a ?? 1];
  };
  const [back, fore] = [rgba(style.backgroundColor), rgba(style.color)];
  if (back[3] < 1) { return 0; }  // a background of its own, not the page's
  const seen = fore.slice(0, 3).map((c, i) => fore[3] * c + (1 - fore[3]) * back[i]);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [a, b] = [lum(seen), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_try_it_token_can_be_shown_to_read_it_back_and_hidden_again(visit: Visit) -> None:
    """The token field hides what is typed; the button beside it shows it, as text a
    reader sees, and its label says what it does next (Show token, Hide token), readable
    in both colour schemes; a status tells screen readers what it did. From the keyboard
    too; it stays beside the field, inside the form, on a phone's width."""
    page = visit.open(DELETE_PAGE)
    page.set_viewport_size({"width": 390, "height": 844})
    form = _form(page)
    field = form.get_by_label("Token", exact=True)
    toggle = form.get_by_role("button", name=re.compile(r"^(Show|Hide) token$"))
    expect(toggle).to_have_accessible_name("Show token")
    expect(field).to_have_attribute("type", "password")
    expect(toggle).to_have_attribute("aria-controls", field.get_attribute("id") or "")
    field.fill("cws_test_readable")
    field.press("Tab")  # the next stop after the field
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).to_have_attribute("type", "text")
    assert field.evaluate("e => getComputedStyle(e).webkitTextSecurity") == "none"
    expect(field).to_have_value("cws_test_readable")
    expect(toggle).to_have_accessible_name("Hide token")
    expect(form.get_by_role("status").filter(has_text="token")).to_have_text(
        "The token is shown.")
    box, beside = field.bounding_box(), toggle.bounding_box()
    panel = page.locator(".cws-try-it__panel").bounding_box()
    assert box and beside and panel
    assert beside["x"] >= box["x"] + box["width"] and abs(beside["y"] - box["y"]) < 4, \
        (box, beside)
    assert beside["x"] + beside["width"] <= panel["x"] + panel["width"], (beside, panel)
    assert box["width"] > beside["width"], (box, beside)  # the field keeps most of the row
    page.keyboard.press("Space")
    expect(field).to_have_attribute("type", "password")
    expect(toggle).to_have_accessible_name("Show token")
    expect(form.get_by_role("status").filter(has_text="token")).to_have_text(
        "The token is hidden.")
    expect(field).to_have_value("cws_test_readable")
    for scheme in ("default", "slate"):  # its label is read in both
        choose_scheme(page, scheme)
        assert toggle.evaluate(_CONTRAST) >= 4.5, (scheme, toggle.evaluate(_CONTRAST))


def test_try_it_base_url_the_page_may_not_call_says_so_and_how_to_allow_it(
        visit: Visit) -> None:
    """A base URL off this origin is blocked by the site's Content-Security-Policy before
    anything is sent: said so, not told as a server that did not answer, with the way to
    allow it (``cloudws serve --api-base``)."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    # Chromium reports the block as a console error: this visit expects exactly that one
    # (any other error, or a request off the machine, still fails the test).
    visit.expected_errors.append("Content Security Policy")
    page = visit.open(DELETE_PAGE)
    _send_failing(page, closed)
    status = page.locator(".cws-try-it__status")
    expect(status).to_contain_text("Request not sent")
    expect(status).to_contain_text(
        f"this page's Content-Security-Policy does not let it call "
        f"{closed.removesuffix('/v1')}. Set the base URL back to {visit.site.api}, or serve "
        f"the site with uv run cloudws serve --api-base {closed}, which lets its pages call "
        "that API.")
    expect(status).not_to_contain_text("not running")
    assert visit.blocked == []
    assert visit.errors == [], visit.errors


def _send_failing(page: Page, base: str) -> None:
    form = _form(page)
    form.get_by_label("Base URL").fill(base)
    form.get_by_role("button", name="Send request").click()
    _answered(page)


def test_try_it_no_sandbox_at_this_origin_is_explained(visit: Visit) -> None:
    # A static host with no API answers the request with its own 404 page.
    nowhere = visit.site.url + "/no-api-here"
    visit.apis.append(nowhere)
    page = visit.open("/workstations/get/")
    _send(page, **{"Base URL": nowhere})
    expect(page.locator(".cws-try-it__status")).to_contain_text("HTTP 404")
    problem = page.locator(".cws-try-it__problem")
    expect(problem).to_contain_text("did not come from the API (Content-Type: text/html")
    expect(problem).to_contain_text("uv run cloudws serve")


#: Each field's bad values, what its error says, and the value that corrects it.
BAD_INPUT = [
    ("Base URL", "not a url", "absolute http:// or https:// URL"),
    ("Base URL", "ftp://127.0.0.1/v1", "absolute http:// or https:// URL"),
    ("Token", "cws_test_ with spaces", "with no spaces"),
    ("Token", "cws_test_é", "letters, digits"),
    ("id (required)", "", "the path needs it"),
]


def test_try_it_bad_input_is_refused_named_and_focused(
        visit: Visit, subtests: pytest.Subtests) -> None:
    # One load for every case, as a reader who tries one wrong value after another on the
    # same form: each case (a subtest of its own) from the fixture state, its field
    # corrected and the request sent before the next.
    page = visit.open(DELETE_PAGE)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.method))
    form = _form(page)
    for label, value, message in BAD_INPUT:
        with subtests.test(field=label, value=value):
            visit.site.store.reset()
            sent.clear()
            field = form.get_by_label(label, exact=True)
            field.fill(value)
            form.get_by_role("button", name="Send request").click()

            # the last case's answer is gone: it was another request's
            expect(page.locator(".cws-try-it__result")).to_be_hidden()
            expect(page.locator(".cws-try-it__status")).to_have_text("")
            expect(field).to_be_focused()
            expect(field).to_have_attribute("aria-invalid", "true")
            error = form.locator(".cws-try-it__error:visible")
            expect(error).to_have_count(1)
            expect(error).to_contain_text(message)
            assert field.get_attribute("aria-describedby").split()[-1] == \
                error.get_attribute("id")
            assert "DELETE" not in sent
            # Corrected, it goes through and the error is gone.
            field.fill({"Base URL": visit.site.api, "Token": TOKEN}.get(label, "ws-67890"))
            form.get_by_role("button", name="Send request").click()
            _answered(page)
            expect(page.locator(".cws-try-it__status")).to_contain_text(
                re.compile(r"^HTTP (200|409) "))
            assert "DELETE" in sent
            expect(error).to_have_count(0)
            assert field.get_attribute("aria-invalid") is None


def test_try_it_is_usable_with_the_keyboard(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    form = _form(page)
    form.get_by_label("id (required)", exact=True).fill("ws-67890")
    form.get_by_label("id (required)", exact=True).focus()
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Send request")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    _answered(page)
    status = page.locator(".cws-try-it__status")
    expect(status).to_contain_text("HTTP 409")
    assert status.get_attribute("aria-live") == "polite"
    # The answer's body, a stop of the Tab order named by its heading, is what scrolls
    # with the keys (a body longer than its box: here, the box made short).
    body = page.locator(".cws-try-it__body")
    body.evaluate("box => { box.style.maxHeight = '3rem'; }")
    body.focus()
    page.keyboard.press("PageDown")
    until(page, "document.querySelector('.cws-try-it__body').scrollTop > 0")
    assert body.evaluate("box => box.scrollTop") > 0
    assert body.evaluate("box => box === document.activeElement")


def test_try_it_prefilled_request_succeeds_on_every_endpoint_page(visit: Visit) -> None:
    for operation, path in sorted(_try_it_pages(visit.site.site_dir).items()):
        visit.site.store.reset()
        page = visit.open(path)
        _send(page)
        status = page.locator(".cws-try-it__status").inner_text()
        # The console prefills the operation's declared example (cloudws.operations),
        # which must succeed from the fixture state.
        expected = OPERATIONS[operation].status
        assert status.startswith(f"HTTP {expected} "), (
            f"{path}: Try it's prefilled request for {operation} answered {status!r}; "
            f"fix the example in its declaration in src/cloudws/operations.py")


@pytest.fixture
def dev_server(live_site: LiveSite) -> Iterator[tuple[str, str]]:
    """A stand-in for ``mkdocs serve`` with ``hooks/sandbox.py``: the built site from a
    plain static server (no CSP) whose pages carry the hook's meta, and the hook's sandbox
    on a port of its own admitting that origin. Yields (site URL, sandbox base URL)."""
    from starlette.responses import HTMLResponse
    from starlette.staticfiles import StaticFiles

    hook = load_sandbox_hook()
    static = StaticFiles(directory=live_site.site_dir, html=True)
    sandbox: Any = None

    async def app(scope: Any, receive: Any, send: Any) -> None:
        page = live_site.site_dir / scope["path"].strip("/") / "index.html"
        if scope["type"] == "http" and scope["path"].endswith("/") and page.is_file():
            html = hook.inject_meta(page.read_text(encoding="utf-8"), sandbox.base_url)
            await HTMLResponse(html)(scope, receive, send)
        else:
            await static(scope, receive, send)

    site = serve(app)
    sandbox = hook.SandboxServer.start([site.url])
    yield site.url, sandbox.base_url
    sandbox.stop()
    site.stop()


def test_try_it_under_mkdocs_serve_calls_the_sandbox_named_by_the_hook(
        visit: Visit, dev_server: tuple[str, str]) -> None:
    site, sandbox = dev_server
    visit.apis.append(sandbox)
    page = visit.page
    page.goto(site + DELETE_PAGE)
    expect(_form(page).get_by_label("Base URL")).to_have_value(sandbox)
    with page.expect_response(lambda r: r.request.method == "DELETE") as answered:
        _send(page, **{"id (required)": "ws-67890", "Token": TOKEN})

    assert answered.value.url == sandbox + "/workstations/ws-67890"
    expect(page.locator(".cws-try-it__status")).to_contain_text("HTTP 409 Conflict")
    assert _shown_body(page) == _expected("DELETE", "/workstations/ws-67890").json()
    assert "content-type: application/problem+json" in page.locator(
        ".cws-try-it__headers").inner_text()
    hint = _form(page).locator(".cws-try-it__hint").first.inner_text()
    assert "uv run mkdocs serve" in hint and sandbox in hint


def test_try_it_in_print_says_what_it_is(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    _form(page)  # built, then hidden on paper
    page.emulate_media(media="print")
    expect(page.locator(".cws-try-it")).to_be_hidden()
    about = page.locator(".cws-try-it__about")
    expect(about).to_be_visible()
    expect(about).to_contain_text("uv run cloudws serve")


def test_try_it_base_url_the_reader_chose_holds_across_pages_until_reset(visit: Visit) -> None:
    page = visit.open(DELETE_PAGE)
    chosen = visit.site.url + "/elsewhere/v1"
    base = _form(page).get_by_label("Base URL")
    base.fill(chosen)
    base.press("Tab")  # the change is kept when the field is left

    page.goto(visit.site.url + "/volumes/get/")
    base = _form(page).get_by_label("Base URL")
    expect(base).to_have_value(chosen)
    base.fill(visit.site.api)
    base.press("Tab")
    page.reload()
    expect(_form(page).get_by_label("Base URL")).to_have_value(
        visit.site.api)
    assert page.evaluate("Object.keys(sessionStorage).filter(k => k.includes('base'))") == []
