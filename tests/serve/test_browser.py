"""The pages in a real browser: Debian's chromium (``scripts/system-deps.sh`` installs it)
driven by Playwright with ``executable_path``, so nothing is downloaded, against the app served
by uvicorn on a loopback port (the ``live_url`` fixture).

With ``TIDINGS_SCREENSHOTS=1`` the tests save the README's screenshots to
``docs/screenshots/``; otherwise they go to a temporary folder, so a test run leaves the tree
clean. The Chinese titles need a CJK font to look right (``apt-get install fonts-wqy-microhei``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
# A screenshot taller than this is cut: the README needs the top of a page, not 40 events.
SHOT_MAX_HEIGHT = 1800
SHOTS_IN_TREE = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TIMEOUT_MS = 10_000


@dataclass
class Tab:
    """A browser page with what it reported: console errors, uncaught script errors and the
    dialogs (``alert``) that opened, which a page without script of ours must never open."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless chromium from the system, with its config and cache in a temporary folder."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/system-deps.sh` as root "
                    "(it runs `apt-get install -y chromium`), or `make test`.")
    from playwright.sync_api import sync_playwright

    xdg = tmp_path_factory.mktemp("chromium-xdg")
    env = {**os.environ, "XDG_CONFIG_HOME": str(xdg / "config"),
           "XDG_CACHE_HOME": str(xdg / "cache")}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS, env=env)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser) -> Iterator[Tab]:
    """A fresh page (own cookies and cache) that records console errors and dialogs."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    opened = Tab(page)
    page.on("console", lambda message: message.type == "error"
            and opened.errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: opened.errors.append(f"{page.url}: {error}"))

    def dismiss(dialog) -> None:
        opened.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("TIDINGS_SCREENSHOTS") == "1":
        SHOTS_IN_TREE.mkdir(parents=True, exist_ok=True)
        return SHOTS_IN_TREE
    return tmp_path_factory.mktemp("screenshots")


def screenshot(page, folder: Path, name: str) -> None:
    """A full-page PNG of ``page``, cut at SHOT_MAX_HEIGHT pixels."""
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": VIEWPORT["width"],
                          "height": min(height, SHOT_MAX_HEIGHT)})


def search(page, base: str, query: str, mode: str | None = None) -> None:
    """Type ``query`` into the search box of ``/`` and submit the form as a person would."""
    page.goto(base + "/")
    page.get_by_role("searchbox", name="search words").fill(query)
    if mode:
        page.get_by_label("how to match").select_option(mode)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"[?&]q="))


def open_first_result(page, base: str, query: str) -> None:
    search(page, base, query)
    page.locator("ol.hits li.hit a.title").first.click()
    page.wait_for_url(re.compile(r"/articles/"))


def test_search_box_lists_results_and_the_first_opens_an_article_with_marks(
        tab: Tab, live_url: str, shots: Path) -> None:
    page = tab.page
    search(page, live_url, "Boluarte")
    hits = page.locator("ol.hits li.hit")
    assert hits.count() >= 3
    assert "Boluarte" in page.locator("p.count").inner_text()
    screenshot(page, shots, "search")

    first_title = hits.first.locator("a.title").inner_text()
    hits.first.locator("a.title").click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("h1").inner_text() == first_title
    text = page.locator("article .text")
    for kind in ("entity", "timex", "trigger"):
        assert text.locator(f"mark.{kind}").count() > 0, f"no mark.{kind} on {page.url}"
    assert text.locator("a[href^='/entities/'] > mark.entity").count() > 0
    assert tab.errors == []


def test_entity_mark_opens_the_entity_page_and_the_story_link_its_story(
        tab: Tab, live_url: str, shots: Path) -> None:
    page = tab.page
    open_first_result(page, live_url, "Boluarte")
    article_url = page.url
    screenshot(page, shots, "article")

    page.locator("article .text a:has(mark.entity)", has_text="Dina Boluarte").first.click()
    page.wait_for_url(re.compile(r"/entities/per%3Adina-boluarte$"))
    assert page.locator("h1").inner_text().startswith("Dina Boluarte")
    charts = page.locator("svg.chart")
    assert charts.count() >= 1
    assert charts.first.locator("rect").count() > 0
    assert charts.first.bounding_box()["width"] > 300
    screenshot(page, shots, "entity")

    page.go_back()
    page.wait_for_url(article_url)
    page.locator("aside a.story").click()
    page.wait_for_url(re.compile(r"/stories/"))
    rows = page.locator("table.list tr:has(td)")
    assert rows.count() >= 3
    langs = {lang.strip() for lang in page.locator("table.list td.lang").all_inner_texts()}
    assert len(langs) >= 3, f"story lists articles in {sorted(langs)} only"
    screenshot(page, shots, "story")
    assert tab.errors == []


def test_semantic_search_in_english_finds_articles_in_other_languages(
        tab: Tab, live_url: str) -> None:
    page = tab.page
    search(page, live_url, "floods in Spain", mode="semantic")
    assert "mode=semantic" in page.url
    langs = [lang.strip().lower() for lang in
             page.locator("ol.hits li.hit .meta .lang").all_inner_texts()[:5]]
    assert len(langs) == 5
    assert len(set(langs) - {"en"}) >= 2, f"top five by meaning are in {langs}"


def test_hostile_article_shows_its_markup_as_text_and_runs_nothing(
        tab: Tab, live_url: str) -> None:
    page = tab.page
    search(page, live_url, "Callao")
    assert '<script>alert("title")</script>' in page.locator("ol.hits").inner_text()
    page.locator("ol.hits a.title", has_text="Port workers").click()
    page.wait_for_url(re.compile(r"/articles/"))
    shown = page.locator("main").inner_text()
    assert '<script>alert("title")</script> Port workers <b>strike</b> in Lima' in shown
    assert '<script>alert("body")</script>' in shown
    assert "<img src=x onerror=alert(1)>" in shown
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("main b").count() == 0
    assert tab.dialogs == []


def test_events_page_for_a_pair_draws_a_chart_and_links_its_csv(
        tab: Tab, live_url: str, shots: Path) -> None:
    page = tab.page
    page.goto(live_url + "/events?pair=CHN-PER")
    assert page.locator("svg.chart rect").count() > 0
    assert page.locator("table.events tr:has(td strong)").count() > 0
    href = page.locator("a.download").get_attribute("href")
    csv = page.request.get(live_url + href)
    assert csv.ok
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text().count("\n") > 1
    screenshot(page, shots, "events")
    assert tab.errors == []


def test_storyline_page_draws_its_months_and_links_its_stories_and_articles(
        tab: Tab, live_url: str, shots: Path) -> None:
    page = tab.page
    page.goto(live_url + "/storylines")
    page.locator("ol.storylines a.title", has_text="China – Peru").click()
    page.wait_for_url(re.compile(r"/storylines/d-CHN-PER$"))
    assert page.locator("h1").inner_text().startswith("China – Peru")
    chart = page.locator("svg.chart").first
    assert chart.bounding_box()["width"] > 500
    labels = chart.locator("text").all_text_contents()
    assert {"2024-06", "2024-11", "undated", "verbal cooperation", "material conflict"} <= \
        set(labels)
    assert labels.index("undated") > labels.index("2024-11")  # after the months, not on one
    assert chart.locator("rect[fill='#4e79a7']").count() >= 3  # the legend and two months
    assert chart.locator("circle").count() >= 2  # a mean score for June and for November
    stories = page.locator("ol.storyline-stories > li > a.title")
    assert stories.count() >= 2
    assert all(href.startswith("/stories/s-") for href in
               (stories.nth(i).get_attribute("href") for i in range(stories.count())))
    articles = page.locator("ol.storyline-stories ul.articles a[href^='/articles/']")
    assert articles.count() >= 10
    assert page.locator("aside a[href='/entities/per%3Adina-boluarte']").count() >= 1
    screenshot(page, shots, "storyline")

    stories.first.click()
    page.wait_for_url(re.compile(r"/stories/s-"))
    assert "Boluarte" in page.locator("h1").inner_text()
    assert tab.errors == []


def test_pages_log_no_console_errors_under_the_content_security_policy(
        tab: Tab, live_url: str) -> None:
    page = tab.page
    open_first_result(page, live_url, "Chancay")
    article = page.url
    entity = live_url + page.locator("article .text a:has(mark.entity)").first \
        .get_attribute("href")
    story = live_url + page.locator("aside a.story").get_attribute("href")
    for url in (live_url + "/", live_url + "/?q=Valencia&mode=both", article, entity,
                live_url + "/entities", live_url + "/events", live_url + "/stories", story,
                live_url + "/storylines", live_url + "/storylines/d-CHN-PER",
                live_url + "/about"):
        response = page.goto(url)
        assert "default-src 'none'" in response.headers["content-security-policy"], url
        # The stylesheet applied: a page the CSP stripped of its style has a white header.
        assert page.locator("header").evaluate(
            "h => getComputedStyle(h).borderBottomStyle") == "solid", url
    assert tab.errors == []
    assert tab.dialogs == []


def test_api_docs_render_swagger_ui_from_local_assets(tab: Tab, live_url: str) -> None:
    page = tab.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_url + "/docs")
    # Swagger UI shows either the operations or why it could not: wait for one of them.
    page.locator(".opblock, .version-pragma, .errors-wrapper").first.wait_for()
    assert page.locator(".opblock").count() > 5
    assert [url for url in requested if not url.startswith(live_url)
            and not url.startswith("data:")] == []
    assert tab.errors == []
