"""Installable: Chromium finds no installability error on any page, at the root or under a sub-path,
and the browser's bar takes each palette's header colour."""

import json

import pytest
from playwright.sync_api import expect
from serving import CHROMIUM, CHROMIUM_ARGS, serve_folder

from studykit.offline import manifest

SUB_PATH = "/course/loss/"  # a project site on GitHub Pages, say

# A colour as the browser computes it, so "#4051b5" and "rgb(64, 81, 181)" compare equal.
_COMPUTED = """const computed = (colour) => {
  const probe = document.createElement("span");
  probe.style.color = colour;
  document.body.appendChild(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
};"""
# The theme colours whose media match now (Material's script adds one without media, after the
# site's), the media of the first (the one the browser takes), and the header's and the page's colours.
_COLOURS_JS = "() => {" + _COMPUTED + """
  const metas = [...document.querySelectorAll('meta[name="theme-color"]')]
    .filter((meta) => !meta.media || matchMedia(meta.media).matches);
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    themes: metas.map((meta) => computed(meta.content)),
    first: metas.length ? metas[0].media : null,
    header: getComputedStyle(document.querySelector(".md-header")).backgroundColor,
    page: getComputedStyle(document.body).backgroundColor,
  };
}"""
_AS_COMPUTED_JS = "(colours) => {" + _COMPUTED + " return colours.map(computed); }"


def _pages(site):
    """Every page's path from the site's root; the 404 page is no place to install from."""
    return sorted(path.relative_to(site).as_posix().removesuffix("index.html")
                  for path in site.rglob("*.html") if path.name != "404.html")


@pytest.fixture(scope="module")
def sub_path_url(site):
    """The built site, served below SUB_PATH."""
    server, url = serve_folder(site, SUB_PATH)
    yield url
    server.shutdown()


@pytest.fixture
def installable_context(browser, tmp_path):
    """A persistent (not incognito) context: in an incognito one Chromium reports only `in-incognito`."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield context
    context.close()


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_chromium_finds_no_installability_error_on_any_page(installable_context, site, base_url,
                                                             sub_path_url, where):
    url = base_url if where == "root" else sub_path_url
    page = installable_context.pages[0] if installable_context.pages else installable_context.new_page()
    cdp = installable_context.new_cdp_session(page)
    for path in _pages(site):
        page.goto(url + path)
        # The check fetches the manifest and its icons itself, and answers once it has them.
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == [], url + path
        found = cdp.send("Page.getAppManifest")
        assert found["url"] == url + manifest.MANIFEST and found["errors"] == [], found
        data = json.loads(found["data"])
        for icon in data["icons"]:  # Chromium needs only one: each one the manifest lists must load
            size = page.evaluate("""(src) => new Promise((resolve, reject) => {
              const image = new Image();
              image.onload = () => resolve(image.naturalWidth + "x" + image.naturalHeight);
              image.onerror = () => reject(new Error("no icon at " + src));
              image.src = src;
            })""", url + icon["src"])
            assert size == icon["sizes"], icon["src"]


@pytest.mark.parametrize("scheme, material", [("light", "default"), ("dark", "slate")])
def test_the_browser_bar_takes_the_header_colour_of_each_palette(new_page, base_url, site, scheme, material):
    data = json.loads((site / manifest.MANIFEST).read_text(encoding="utf-8"))
    for path in _pages(site):
        page = new_page(color_scheme=scheme)
        page.goto(base_url + path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material)  # Material's script chose
        colours = page.evaluate(_COLOURS_JS)
        assert colours["first"] == f"(prefers-color-scheme: {scheme})", f"{path}: {colours}"
        assert set(colours["themes"]) == {colours["header"]}, f"{path}: {colours}"
        if scheme == "light":  # the manifest's colours are the first palette's: the light one
            theme, background = page.evaluate(_AS_COMPUTED_JS, [data["theme_color"], data["background_color"]])
            assert (theme, background) == (colours["header"], colours["page"]), path
