"""`lnob serve` end to end in a real browser: Debian's chromium driven by Playwright.

Without chromium these tests fail (they never skip): `.ci/run` installs it."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from typer.testing import CliRunner
from webserver import running_server

from conftest import REPO
from lnob_graphics.cli import app
from lnob_graphics.pipeline import load_campaign, plan
from lnob_graphics.templates import template_set
from lnob_graphics.web.server import Running

pytestmark = pytest.mark.slow
expect.set_options(timeout=60_000)  # a shared 2-core CI machine: waits, never a timed assertion

STARTER = REPO / "lnob_graphics" / "starter"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = REPO / "docs" / "images"
ARABIC_CSV = ("id,template,goal,lang,stat,headline,source\n"
              "water,stat,6,ar,2.2,مليارا شخص بلا مياه شرب مأمونة,اليونيسف ومنظمة الصحة العالمية ٢٠٢٣\n")


@pytest.fixture(scope="module")
def server() -> Iterator[Running]:
    with running_server(workers=2) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), ("chromium is needed for the browser tests: apt-get install "
                                      "chromium (.ci/run installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


def _page(browser: Browser, server: Running, locale: str = "en-GB") -> Page:
    context = browser.new_context(locale=locale, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url)
    return page


def _cards_loaded(page: Page) -> None:
    expect(page.locator(".card.loading")).to_have_count(0)


def _upload(page: Page, *files: Path) -> None:
    page.set_input_files("#files", [str(f) for f in files])
    with page.expect_navigation():
        page.get_by_role("button", name="Open").click()
    _cards_loaded(page)


def _expected_images(folder: Path, name: str) -> int:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return len(plan(load_campaign([Path(name)])))
    finally:
        os.chdir(cwd)


def test_csv_upload_shows_every_card_with_alt_text_and_caption(browser: Browser, server: Running,
                                                               tmp_path: Path) -> None:
    page = _page(browser, server)
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    _upload(page, STARTER / "campaign.csv")
    shutil.copyfile(STARTER / "campaign.csv", tmp_path / "campaign.csv")
    images = page.locator("figure.card img")
    expect(images).to_have_count(_expected_images(tmp_path, "campaign.csv"))
    assert images.count() == 10  # 1 asset × en, fr × 5 default platforms
    for index in range(images.count()):
        assert images.nth(index).get_attribute("alt")
    expect(page.locator("figure.card .caption").first).to_contain_text("Only 23%")
    expect(page.locator("#problems")).to_contain_text("No problems")
    page.context.close()


def test_yaml_with_a_photo_and_the_zip_is_the_cli_pack(browser: Browser, server: Running,
                                                       tmp_path: Path) -> None:
    page = _page(browser, server)
    _upload(page, STARTER / "campaign.yaml", STARTER / "photo.jpg")
    expect(page.locator(".failed")).to_have_count(0)
    story = page.locator("figure.card", has=page.locator("img[alt*='A girl walks']"))
    expect(story.first).to_be_visible()
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download the pack (ZIP)").click()
    download = waiting.value
    assert download.suggested_filename == "lnob-pack.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    names = set(archive.namelist())
    # The same campaign rendered by the command line: the same files, byte for byte.
    for name in ("campaign.yaml", "photo.jpg"):
        shutil.copyfile(STARTER / name, tmp_path / name)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(app, ["render", "campaign.yaml", "--out", "out", "-q"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    cli = {p.relative_to(out).as_posix() for p in out.rglob("*")
           if p.is_file() and not p.relative_to(out).as_posix().startswith(".")}
    assert names == cli
    pngs = sorted(n for n in names if n.endswith(".png"))
    assert len(pngs) == _expected_images(tmp_path, "campaign.yaml")
    for name in pngs:
        assert archive.read(name) == (out / name).read_bytes(), name
    assert "manifest.json" in names
    assert any(n.endswith(".alt.txt") for n in names) and any(n.endswith(".caption.txt")
                                                               for n in names)
    # One image alone: the same bytes too.
    with page.expect_download() as waiting:
        page.locator("#card-girls-school-fr-x-post-0").get_by_role("link").click()
    single = Path(waiting.value.path()).read_bytes()
    assert single == (out / "fr/x-post/girls-school.png").read_bytes()
    page.context.close()


def test_edit_an_arabic_headline_and_see_the_card_change(browser: Browser, server: Running,
                                                         tmp_path: Path) -> None:
    csv = tmp_path / "water.csv"
    csv.write_text(ARABIC_CSV, encoding="utf-8")
    page = _page(browser, server)
    _upload(page, csv)
    field = page.locator("#f-water-ar-headline")
    expect(field).to_have_attribute("dir", "rtl")
    expect(field).to_have_attribute("lang", "ar")
    image = page.locator("#card-water-ar-instagram-square-0 img")
    before = image.get_attribute("src")
    field.fill("ملياران ومئتا مليون شخص بلا مياه شرب مأمونة")
    expect(page.locator("#card-water-ar-instagram-square-0 img")).not_to_have_attribute("src", before or "")
    expect(page.locator("#card-water-ar-instagram-square-0 img")).to_have_attribute(
        "alt", "الهدف ٦، المياه النظيفة والنظافة الصحية: ٢٫٢ — ملياران ومئتا مليون شخص بلا مياه "
               "شرب مأمونة. المصدر: اليونيسف ومنظمة الصحة العالمية ٢٠٢٣.")
    # Saved back into the CSV, as CSV.
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Save the campaign file").click()
    saved = Path(waiting.value.path()).read_text(encoding="utf-8")
    assert saved == ARABIC_CSV.replace("مليارا شخص", "ملياران ومئتا مليون شخص")
    page.context.close()


def test_xlsx_a_validation_error_is_shown_with_its_cell(browser: Browser, server: Running,
                                                        tmp_path: Path) -> None:
    page = _page(browser, server)
    _upload(page, STARTER / "campaign.xlsx")
    expect(page.locator("figure.card img")).to_have_count(10)
    field = page.locator("#f-girls-school-xlsx-fr-headline")
    expect(page.locator("#f-girls-school-xlsx-fr-headline-where")).to_have_text(
        "campaign.xlsx:Campaign!G2")
    field.fill("Trop long. " * 40)
    expect(page.locator("#problems .problem")).to_have_count(1)
    # What `lnob validate` says of the same file, next to the card.
    book = tmp_path / "campaign.xlsx"
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Save the campaign file").click()
    waiting.value.save_as(book)
    result = CliRunner().invoke(app, ["validate", str(book)])
    assert result.exit_code == 2
    line = next(x for x in result.output.splitlines() if x.startswith("error: "))
    expected = line.removeprefix("error: ").replace(str(book), "campaign.xlsx")
    assert "campaign.xlsx:Campaign!G2: headline" in expected
    expect(page.locator("#cards-girls-school-xlsx-fr .problem").first).to_have_text(expected)
    expect(page.locator("#problems .problem")).to_contain_text([expected])
    expect(page.locator("#f-girls-school-xlsx-fr-headline-problem")).to_have_text(expected)
    expect(page.locator("#f-girls-school-xlsx-en-headline-problem")).to_have_text("")
    page.context.close()


def test_the_gallery_shows_every_template_and_starts_from_one(browser: Browser,
                                                              server: Running) -> None:
    page = _page(browser, server)
    page.get_by_role("link", name="Template gallery").click()
    examples = page.locator(".gallery .example")
    expect(examples).to_have_count(len(template_set().infos))
    expect(page.locator(".gallery .example img")).to_have_count(len(template_set().infos))
    with page.expect_navigation():
        page.locator(".example", has=page.locator("h2", has_text="stat")).get_by_role(
            "button").first.click()
    _cards_loaded(page)
    expect(page.locator("figure.card img").first).to_be_visible()
    page.context.close()


def test_the_page_speaks_the_browsers_language_and_mirrors_for_arabic(
        browser: Browser, server: Running, tmp_path: Path) -> None:
    page = _page(browser, server, locale="ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text("ابدأ")
    with page.expect_navigation():
        page.get_by_role("button", name="ابدأ من الحملة النموذجية").click()
    _cards_loaded(page)
    _screenshot(page, tmp_path, "serve-ar.png")
    page.select_option("#ui-lang", "fr")
    page.get_by_role("button", name="تغيير").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("link", name="Télécharger le lot (ZIP)")).to_be_visible()
    page.context.close()


def test_keyboard_labels_and_focus(browser: Browser, server: Running, tmp_path: Path) -> None:
    page = _page(browser, server)
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.get_by_role("button", name="Start from the example campaign").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _cards_loaded(page)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea')].filter(
        e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.outerHTML)""")
    assert unlabelled == []
    button = page.get_by_role("link", name="Download the pack (ZIP)")
    button.focus()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    images = page.locator("figure.card img")
    assert all(images.nth(i).get_attribute("alt") for i in range(images.count()))
    _screenshot(page, tmp_path, "serve-en.png")
    page.context.close()


def _screenshot(page: Page, tmp_path: Path, name: str) -> None:
    """The README's screenshots, taken here (LNOB_UPDATE_SCREENSHOTS=1 writes them)."""
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    if os.environ.get("LNOB_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / name)


def test_add_a_language_its_texts_are_typed_never_taken_from_english(
        browser: Browser, server: Running, tmp_path: Path) -> None:
    yaml_file = tmp_path / "c.yaml"
    yaml_file.write_text("assets:\n  - id: a\n    template: goal\n    goal: 4\n    lang: en\n"
                         "    headline: Every child in school\n", encoding="utf-8")
    page = _page(browser, server)
    _upload(page, yaml_file)
    expect(page.locator("#cards-a-en figure.card img").first).to_be_visible()
    page.select_option("#add-lang-a", "fr")
    page.locator("#asset-a form.settings").get_by_role("button", name="Apply").click()
    field = page.locator("#f-a-fr-headline")
    expect(field).to_be_visible()
    expect(field).to_have_value("")
    expect(field).to_have_attribute("lang", "fr")
    expect(page.locator("#l-a-fr")).to_be_checked()
    expect(page.locator("#left-out-a")).to_contain_text(
        "headline: has no text in 'fr': the 'fr' images of 'a' are not made")
    expect(page.locator("#cards-a-fr figure.card")).to_have_count(0)
    expect(page.locator("#cards-a-fr")).not_to_contain_text("Every child in school")
    _cards_loaded(page)
    expect(page.locator("#cards-a-en figure.card img").first).to_be_visible()
    field.fill("Chaque enfant à l’école")
    image = page.locator("#card-a-fr-instagram-square-0 img")
    expect(image).to_be_visible()
    expect(image).to_have_attribute("alt", re.compile("Chaque enfant à l’école"))
    for index in range(page.locator("#cards-a-fr figure.card img").count()):
        alt = page.locator("#cards-a-fr figure.card img").nth(index).get_attribute("alt") or ""
        assert "Every child" not in alt
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Save the campaign file").click()
    saved = Path(waiting.value.path()).read_text(encoding="utf-8")
    assert saved == ("assets:\n  - id: a\n    template: goal\n    goal: 4\n"
                     "    languages: [\"en\", \"fr\"]\n"
                     "    headline: {en: \"Every child in school\", fr: \"Chaque enfant à l’école\"}\n")
    page.context.close()
