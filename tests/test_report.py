"""`quotes report`: the page's parts on small texts, then the seeds' page as headless Chromium
renders it: every reused claim and its wordings, the plots drawn, the search narrowing the list,
hostile store text shown as text, and no request leaving the file.

The browser tests run Debian's ``chromium`` as a subprocess (``--dump-dom`` for the document
after the page's script ran, ``--screenshot`` for the pixels), with a search given in the
address's fragment as a reader's link would give it. Every run goes through a local proxy that
records each request; Chromium's own background chatter is what an empty page gets through the
same proxy, and the report may add nothing to it. They skip, saying why, where Chromium is not
installed, except under CI (``CI`` or ``QUOTES_REQUIRE_BROWSER`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import socketserver
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Iterator

import lxml.html
import numpy as np
import pytest

from quotes import track
from quotes.report import report_html
from quotes.report.gather import sentence_around
from quotes.report.page import json_for_script, web_url, word_marks
from quotes.store import Store
from helpers import WordEncoder, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIELD = "to address in detail all existing and promising cooperation projects in the military field."
SPHERE = "to address in detail all existing and promising cooperation projects in the military sphere"
ORANGE = (0xF2, 0x8E, 0x2B)  # the second outlet's colour (c1 in page.css)

def store_of(tmp_path: Path, records: list[dict[str, str]]) -> Path:
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "quotes.db"
    with Store(db) as store:
        track.add([str(source)], store, encoder=WordEncoder(), warn=lambda message: None)
    return db


# ------------------------------------------------------------------------- the page's parts


@pytest.mark.parametrize(
    ("text", "quote", "before", "after"),
    [
        # the sentence around the quote, not its neighbours
        ('It rained. Then Roe said "we will win" to the crowd. Next day, calm.', "we will win",
         'Then Roe said "', '" to the crowd.'),
        # the quote's own full stop ends its sentence; a line break ends a paragraph
        ('Intro line\n"We are done." The minister left.', "We are done.", '"', '"'),
        ('"Are we done?" she asked. Later, more.', "Are we done?", '"', '" she asked.'),
    ],
)
def test_sentence_around_a_quote(text: str, quote: str, before: str, after: str) -> None:
    start = text.index(quote)
    end = start + len(quote)
    assert sentence_around(text, start, end, start - 1, end + 1) == (before, after)


def test_a_sentence_longer_than_the_context_is_cut_with_an_ellipsis() -> None:
    text = "word " * 200 + '"the quote" ' + "more " * 200
    start = text.index("the quote")
    before, after = sentence_around(text, start, start + 9, start - 1, start + 10)
    assert before.startswith("…") and before.endswith('word "') and len(before) < 320
    assert after.startswith('" more') and after.endswith("…") and len(after) < 320


@pytest.mark.parametrize(
    ("base", "other", "marked"),
    [
        ("in the military field.", "in the military sphere", "in the military <del>field</del> <ins>sphere</ins>"),
        ("we will win", "we will surely win", "we will <ins>surely</ins> win"),
        ("we will not win", "we will win", "we will <del>not</del> win"),
        ("so we will win", "we will win", "<del>so</del> we will win"),
        ("Same words, other marks!", "same words other marks", "same words other marks"),
        ("a <b> c", "a <i> c", "a &lt;<del>b</del> <ins>i</ins>&gt; c"),
    ],
)
def test_word_marks_show_the_changed_words(base: str, other: str, marked: str) -> None:
    assert word_marks(base, other) == marked


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.havanatimes.org/news/minister", True),
        ("http://example.org/a?b=1&c=2", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        (" https://example.org/", False),
        ("https://example.org/\nevil", False),
        ("", False),
    ],
)
def test_only_web_addresses_become_links(url: str, linked: bool) -> None:
    assert web_url(url) == (url if linked else "")


def test_json_for_a_script_element_has_no_markup_and_reads_back() -> None:
    value = {"text": "</script><!-- <script>alert(1)</script> & \u2028 ’"}
    written = json_for_script(value)
    assert "<" not in written and ">" not in written and "&" not in written
    assert json.loads(written) == value


ALTERED = [
    {"id": "a", "outlet": "Daily Planet", "published": "2024-03-01", "title": "Roe speaks",
     "url": "https://planet.example/roe",
     "text": 'Roe spoke on Monday. "We will build the new bridge over the river by spring," Jane Roe said.'},
    {"id": "b", "outlet": "Gotham Gazette", "published": "2024-03-02", "title": "Bridge promised",
     "url": "https://gazette.example/bridge",
     "text": 'The mayor spoke. "We will build the new bridge across the river by spring," Jane Roe said.'},
    {"id": "c", "outlet": "Daily Planet", "published": "2024-03-05", "title": "Elsewhere",
     "text": 'Something else. "Taxes will not rise this year at all," John Doe said.'},
]


def test_the_page_holds_the_claim_its_wordings_and_each_occurrence(tmp_path: Path) -> None:
    db = store_of(tmp_path, ALTERED)
    with Store(db) as store:
        page = lxml.html.fromstring(report_html(store))
    claims = page.xpath('//article[@class="claim"]')
    assert len(claims) == 1  # the bridge, in two outlets; the taxes, in one, is not listed
    claim = claims[0]
    wordings = [" ".join(li.text_content().split()) for li in claim.xpath('.//ol[@class="wordings"]/li')]
    assert len(wordings) == 2
    assert any("over across the river" in w and "(bridge over → bridge across)" in w for w in wordings)
    assert [d.text for d in claim.xpath(".//del")] == ["over"] and [i.text for i in claim.xpath(".//ins")] == ["across"]
    assert "Altered:" in claim.text_content()
    rows = claim.xpath('.//table[@class="seen"]/tbody/tr')
    assert [r.xpath("./td")[0].text_content() for r in rows] == ["Daily Planet", "Gotham Gazette"]  # first seen first
    assert [r.xpath("./td")[1].text_content() for r in rows] == ["2024-03-01", "2024-03-02"]
    assert [a.get("href") for a in claim.xpath('.//table[@class="seen"]//a')] == [
        "https://planet.example/roe", "https://gazette.example/bridge"]
    assert [" ".join(r.xpath("./td")[4].text_content().split()) for r in rows][0] == (
        '"We will build the new bridge over the river by spring," Jane Roe said.')
    assert claim.xpath(".//mark")[0].text == "We will build the new bridge over the river by spring,"
    assert len(claim.xpath(".//svg//circle")) >= 2  # the timeline: a dot per article
    speakers = page.xpath('//table[@class="speakers"]//a')
    assert [(a.text, a.get("href")) for a in speakers] == [("Jane Roe", "#speaker=Jane%20Roe")]


def test_conflicting_speakers_are_named_in_words(tmp_path: Path) -> None:
    records = [
        {"id": "a", "outlet": "One", "text": 'News. "The plan will cut costs for every family," Jane Roe said.'},
        {"id": "b", "outlet": "Two", "text": 'News. "The plan will cut costs for every family," John Doe said.'},
    ]
    with Store(store_of(tmp_path, records)) as store:
        page = lxml.html.fromstring(report_html(store))
    flags = [" ".join(li.text_content().split()) for li in page.xpath('//li[contains(@class, "flag")]')]
    assert flags == ["Conflicting speakers: outlets credit different people with these words. "
                     "Jane Roe: 1 quote; John Doe: 1 quote."]


def test_undated_articles_are_placed_in_the_order_they_were_added(tmp_path: Path) -> None:
    records = [{k: v for k, v in r.items() if k != "published"} for r in ALTERED]
    with Store(store_of(tmp_path, records)) as store:
        page = lxml.html.fromstring(report_html(store))
    claim = page.xpath('//article[@class="claim"]')[0]
    assert [r.xpath("./td")[1].text_content() for r in claim.xpath('.//table[@class="seen"]/tbody/tr')] == [
        "#1 (no date)", "#2 (no date)"]
    assert "ingestion order" in claim.xpath(".//svg")[0].text_content()
    assert "first seen #1, last seen #2" in claim.text_content()


def test_outlets_past_the_palette_share_one_colour_and_the_legend_counts_them(tmp_path: Path) -> None:
    records = [{"id": f"n{i}", "outlet": f"Outlet {i:02d}", "published": f"2024-01-{i + 1:02d}",
                "text": 'News. "The harbour will reopen for every ship next week," Jane Roe said.'} for i in range(12)]
    with Store(store_of(tmp_path, records)) as store:
        page = lxml.html.fromstring(report_html(store))
    legend = [" ".join(li.text_content().split()) for li in page.xpath('//ul[@class="legend"]/li')]
    assert legend == [f"Outlet {i:02d}" for i in range(10)] + ["2 other outlets"]
    lanes = page.xpath('//article[@class="claim"]//svg//circle[contains(@class, "first")]/@class')
    assert len(lanes) == 12 and lanes.count("c10 first") == 2


def test_a_claim_carried_many_times_stays_short(tmp_path: Path) -> None:
    records = [{"id": f"n{i}", "outlet": f"Outlet {i:02d}", "published": f"2024-01-{i + 1:02d}",
                "url": f"https://outlet{i}.example/story",
                "text": 'News. "The harbour will reopen for every ship next week," Jane Roe said.'} for i in range(14)]
    with Store(store_of(tmp_path, records)) as store:
        page = lxml.html.fromstring(report_html(store))
    claim = page.xpath('//article[@class="claim"]')[0]
    assert len(claim.xpath('.//table[@class="seen"]/tbody/tr')) == 8  # with their sentences
    folded = claim.xpath('.//details[@class="more"]')[0]
    assert folded.xpath("./summary")[0].text == "6 more articles carrying it"
    assert folded.xpath(".//li")[0].text_content() == "Outlet 08 · 2024-01-09 · n8"  # no title: the article id
    assert folded.xpath(".//a/@href")[0] == "https://outlet8.example/story"
    lanes = [t.text for t in claim.xpath('.//svg//text[@class="label"]')]
    assert lanes == [f"Outlet {i:02d}" for i in range(11)] + ["3 other outlets"]
    assert len(claim.xpath(".//svg//circle[contains(@class, 'first')]")) == 11


def test_a_store_without_reused_claims_says_so(tmp_path: Path) -> None:
    with Store(store_of(tmp_path, ALTERED[2:])) as store:
        page = lxml.html.fromstring(report_html(store))
    assert page.xpath('//article[@class="claim"]') == []
    assert "No claim in this store is carried by 2 or more outlets" in page.text_content()


HOSTILE_WORDS = "</script><script>document.title='pwned'</script> <img src=x onerror=alert(1)>"
HOSTILE = [
    {"id": "h1", "outlet": '<b onmouseover="alert(1)">Evil</b>', "title": '"><svg onload=alert(2)>',
     "url": "javascript:alert(3)",
     "text": f'Lead. "We say {HOSTILE_WORDS} loudly to all," Jane Roe said.'},
    {"id": "h2", "outlet": "Plain </style> Outlet", "title": "Second", "url": 'https://x.example/"><script>',
     "text": f'Lead. "We say {HOSTILE_WORDS} loudly to all," Jane Roe said.'},
]


@pytest.fixture
def hostile_page(tmp_path: Path) -> Path:
    db = store_of(tmp_path, HOSTILE)
    page = tmp_path / "hostile.html"
    assert run("report", "--db", db, "-o", page).exit_code == 0
    return page


def test_store_text_is_escaped_everywhere(hostile_page: Path) -> None:
    html = hostile_page.read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    assert len(page.xpath("//script")) == 2  # the data and the page's own script, nothing injected
    assert page.xpath("//img") == [] and page.xpath("//b") == []
    assert not [a for el in page.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
    assert not [a for a in page.xpath("//a/@href") if not a.startswith(("#", "https://", "http://"))]
    assert page.xpath("//a[text()='Second']/@href") == ['https://x.example/"><script>']  # kept inside its attribute
    assert page.xpath("//a[text()=$t]", t=HOSTILE[0]["title"]) == []  # javascript: is no link
    assert page.xpath("//td[text()=$t]", t=HOSTILE[0]["title"])  # its title shown as text
    assert HOSTILE_WORDS in page.xpath('//article[@class="claim"]//h3')[0].text_content()
    data = json.loads(page.get_element_by_id("claims-data").text)
    assert HOSTILE_WORDS in data[0]["words"]


# ------------------------------------------------------------------------- the command


def test_report_command_writes_the_page_and_says_what_it_holds(tmp_path: Path) -> None:
    db = store_of(tmp_path, ALTERED)
    stored = db.read_bytes()
    out = tmp_path / "report.html"
    result = run("report", "--db", db, "-o", out)
    assert db.read_bytes() == stored  # the report only reads the store
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith(f"{out}: 1 claim seen in 2 or more outlets, ") and result.stderr.endswith(" kB\n")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run("report", "--db", db).stdout.startswith("<!DOCTYPE html>")  # no -o: standard output


def test_report_of_a_missing_store_is_one_error_line(tmp_path: Path) -> None:
    result = run("report", "--db", tmp_path / "none.db", "-o", tmp_path / "r.html")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "no such store" in result.stderr
    assert not (tmp_path / "r.html").exists()


# ------------------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)


class _Recorder(socketserver.StreamRequestHandler):
    """A proxy that answers every request with 502 and writes down its request line."""

    def handle(self) -> None:
        line = self.rfile.readline(8192).decode("latin-1").split(" ")
        if len(line) >= 2:
            self.server.requests.append(f"{line[0]} {line[1].split('?')[0]}")  # type: ignore[attr-defined]
        try:
            self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass


class Browser:
    """Headless Chromium with every request it makes recorded by a local proxy."""

    # Quiet the browser's own services (time queries, sign-in, search preconnects) so that what
    # is left of its chatter is small and the same for every page.
    FLAGS = (
        "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--no-pings", "--metrics-recording-only",
        "--disable-client-side-phishing-detection", "--dns-prefetch-disable", "--allow-browser-signin=false",
        "--gaia-url=http://127.0.0.1:9/", "--disable-features=NetworkTimeServiceQuerying,Translate,"
        "OptimizationHints,MediaRouter,AutofillServerCommunication,PreconnectToSearch",
        "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=5000",
    )

    def __init__(self, binary: str, proxy: socketserver.ThreadingTCPServer) -> None:
        self.binary, self.proxy = binary, proxy

    def _run(self, page: Path, fragment: str, *args: str) -> tuple[str, list[str]]:
        start = len(self.proxy.requests)  # type: ignore[attr-defined]
        with tempfile.TemporaryDirectory() as profile:
            command = [self.binary, *self.FLAGS, f"--user-data-dir={profile}",
                       f"--proxy-server=http://127.0.0.1:{self.proxy.server_address[1]}", *args,
                       page.resolve().as_uri() + fragment]
            if os.geteuid() == 0:
                command.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
            done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout, self.proxy.requests[start:]  # type: ignore[attr-defined]

    def dom(self, page: Path, fragment: str = "") -> tuple[lxml.html.HtmlElement, list[str]]:
        text, requests = self._run(page, fragment, "--dump-dom")
        return lxml.html.fromstring(text), requests

    def screenshot(self, page: Path, out: Path, *, width: int = 1000, height: int = 1400) -> list[str]:
        return self._run(page, "", f"--screenshot={out}", f"--window-size={width},{height}")[1]

    def chatter(self, tmp_path: Path) -> set[str]:
        """What the browser requests by itself, for an empty page."""
        empty = tmp_path / "empty.html"
        empty.write_text("<!DOCTYPE html><title>empty</title><p>nothing", encoding="utf-8")
        return set(self.dom(empty)[1])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = _chromium()
    if binary is None:
        if os.environ.get("CI") or os.environ.get("QUOTES_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (CI) but not installed: apt-get install chromium")
        pytest.skip("Chromium is not installed: apt-get install chromium (.ci/run installs it)")
    proxy = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Recorder)
    proxy.daemon_threads = True
    proxy.requests = []  # type: ignore[attr-defined]
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        yield Browser(binary, proxy)
    finally:
        proxy.shutdown()
        proxy.server_close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> tuple[Path, list[dict[str, object]]]:
    """The seeds stored with the real model, their page, and the claims `quotes reused` lists."""
    folder = tmp_path_factory.mktemp("seeds-report")
    db = folder / "quotes.db"
    assert run("add", SEEDS, "--db", db).exit_code == 0
    reused = [json.loads(line) for line in run("reused", "--db", db, "--format", "jsonl").stdout.splitlines()]
    page = folder / "report.html"
    assert run("report", "--db", db, "-o", page).exit_code == 0
    return page, reused


def visible_claims(dom: lxml.html.HtmlElement) -> dict[int, lxml.html.HtmlElement]:
    return {int(a.get("data-id")): a for a in dom.xpath('//article[@class="claim"]') if a.get("hidden") is None}


@pytest.mark.browser
def test_rendered_seeds_page_shows_every_reused_claim_and_its_wordings(browser: Browser, seeds_report, tmp_path: Path) -> None:
    page, reused = seeds_report
    chatter = browser.chatter(tmp_path)
    dom, requests = browser.dom(page)
    shown = visible_claims(dom)
    assert reused and sorted(shown) == sorted(int(r["claim"]) for r in reused)  # type: ignore[call-overload]
    for row in reused:
        heading = " ".join(shown[int(row["claim"])].xpath(".//h3")[0].text_content().split())  # type: ignore[call-overload]
        assert " ".join(str(row["quote"]).split()) in heading
    altered = next(c for c in shown.values() if FIELD in c.text_content())
    text = " ".join(altered.text_content().split())
    assert "military field" in text and "military sphere" in text and SPHERE in text
    assert "(military field → military sphere)" in text
    assert dom.get_element_by_id("filter").get("hidden") is None  # the page's script ran
    assert set(requests) <= chatter, f"the page made requests: {set(requests) - chatter}"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("fragment", "wanted"),
    [
        ("#q=military%20sphere", lambda text: "military sphere" in text.casefold()),
        ("#q=MILITARY+Sphere&outlet=14ymedio", lambda text: "military sphere" in text.casefold()),
        ("#speaker=prensa", lambda text: "Prensa Latina" in text),
        ("#flag=altered", lambda text: "Altered:" in text),
    ],
)
def test_search_in_the_address_narrows_the_list(browser: Browser, seeds_report, fragment: str, wanted) -> None:
    page, reused = seeds_report
    dom, _ = browser.dom(page, fragment)
    shown = visible_claims(dom)
    assert 0 < len(shown) < len(reused)
    assert all(wanted(" ".join(c.text_content().split())) for c in shown.values())
    assert dom.get_element_by_id("shown").text == str(len(shown))
    assert dom.get_element_by_id("no-match").get("hidden") is not None


@pytest.mark.browser
def test_a_search_that_matches_nothing_says_so(browser: Browser, seeds_report) -> None:
    dom, _ = browser.dom(seeds_report[0], "#q=nowhere-in-any-quote")
    assert visible_claims(dom) == {}
    assert dom.get_element_by_id("no-match").get("hidden") is None
    assert dom.get_element_by_id("shown").text == "0"


@pytest.mark.browser
def test_the_plots_are_drawn(browser: Browser, seeds_report, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "shot.png"
    browser.screenshot(seeds_report[0], shot)
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    orange = (np.abs(pixels - ORANGE).sum(axis=2) < 30)
    rows = np.flatnonzero(orange.any(axis=1))
    # the second outlet's dots: one per claim on the overview's lanes, and in each timeline
    assert orange.sum() > 500, orange.sum()
    assert len(np.unique(rows // 20)) >= 10  # on at least ten distinct lanes


@pytest.mark.browser
def test_hostile_text_neither_runs_nor_calls_out(browser: Browser, hostile_page: Path, tmp_path: Path) -> None:
    chatter = browser.chatter(tmp_path)
    dom, requests = browser.dom(hostile_page, "#q=pwned")
    assert dom.xpath("//title")[0].text == "Quotes report: quotes.db"
    assert dom.xpath("//img") == []
    assert len(visible_claims(dom)) == 1  # the data survived the </script> inside it: the search works
    assert set(requests) <= chatter, f"the page made requests: {set(requests) - chatter}"


@pytest.mark.browser
def test_the_request_check_sees_a_page_that_calls_out(browser: Browser, tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><img src="http://example.invalid/pixel.png">'
                     '<script>fetch("https://example.invalid/beacon")</script>', encoding="utf-8")
    _, requests = browser.dom(leaky)
    assert {"GET http://example.invalid/pixel.png", "CONNECT example.invalid:443"} <= set(requests) - browser.chatter(tmp_path)
