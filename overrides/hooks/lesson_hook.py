"""MkDocs hook: glue between MkDocs and the `lesson` package, which builds everything else.

Under `mkdocs serve` a data error shows on every page (and the page comes back once the file is
fixed) instead of stopping the server; `mkdocs build` stops with the same message.
"""

import gc
from pathlib import Path

import lesson
from lesson import errors, output, pages, renders, site, site_html
from markdown import Markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

_command = "build"  # "serve" while `mkdocs serve` runs
_site: site.Site | None = None
_pool: renders.Pool | None = None
_problems: list[str] = []  # what `mkdocs serve` shows instead of the pages


def on_startup(command, dirty):
    """Remember whether this process serves the site, for the life of the process."""
    global _command
    _command = command


def on_config(config):
    """Read the identity, every card and every value, before anything is written."""
    global _site, _pool
    if _command == "serve":  # a long-running server must use the code as edited since it started
        lesson.reload_modules()
    _problems.clear()
    if _command != "serve" or _pool is None:  # the server keeps one worker for all its rebuilds
        _pool = renders.Pool(_publisher(config) if _command == "serve" else None)
    cache = Path(config.config_file_path).parent / ".cache"
    if site.pdf_uncached(cache):  # the worker loads WeasyPrint while the sources are read
        _pool.start()
    try:
        _site = site.load(config.docs_dir, cache, config.extra, config.config_file_path)
    except errors.LessonDataError as error:
        return _fail(error)
    if _command == "serve":  # the author sees every failure now; a build names the page first
        for failure in _site.failures.values():
            _fail(failure)


def on_files(files, config):
    """Add the downloads and figures; keep the PDFs' templates (deck/, worksheet/) out of the site."""
    for file in [f for f in files if f.src_uri.startswith(("deck/", "worksheet/"))]:
        files.remove(file)
    if _problems:
        return
    to_html = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    try:
        added = {}  # the worksheets first: the worker takes the longest renders, the build the deck
        if not _site.failures:  # else the page itself stops the build, naming the value and its line
            added.update(site.worksheet_downloads(_site, _pool))
        added.update({**site.card_downloads(_site, _pool), **site.figure_downloads(_site)})
        for file in files.documentation_pages():
            body = get_data(file.content_string)[0]
            page = site.PageSource(file.src_uri, file.dest_uri.rpartition("/")[0] + "/"
                                   if "/" in file.dest_uri else "")
            added.update(site.practice_downloads(
                _site, page, body, _body_line(file.content_string, body),
                lambda text: to_html.reset().convert(text), site_html.boxes, config.config_file_path))
    except errors.LessonDataError as error:
        return _fail(error)
    for uri, content in added.items():
        if isinstance(content, bytes):
            files.append(File.generated(config, uri, content=content))
        elif _command != "serve":  # rendering in the worker; on_env waits for it
            files.append(File.generated(config, uri, abs_src_path=str(content)))


def on_page_markdown(markdown, page, config, files):
    """Fill in the page's computed values and sentences; an unknown value stops the build."""
    if _problems:
        return site_html.problems(_problems)
    context, where = _site.context(), page.file.src_uri
    try:
        for key, value in page.meta.items():
            if isinstance(value, str):
                page.meta[key] = pages.fill(value, context, f"{where} (front matter)")
        return pages.fill(markdown, context, where, _body_line(page.file.content_string, markdown),
                          _site.templates)
    except errors.LessonDataError as error:
        _fail(error)
        return site_html.problems(_problems)


def on_page_content(html, page, config, files):
    """Typeset the math as MathML; render the flashcards, figures and explorers the page asks for."""
    if _problems:
        return site_html.problems(_problems)
    assets = []
    try:
        html = site_html.content(_site, html, page.file.src_uri, _relative_to(page), assets)
    except (errors.LessonDataError, ValueError) as error:  # a FormulaError is a ValueError
        _fail(errors.LessonDataError(f"{page.file.src_uri}: {error}"))
        return site_html.problems(_problems)
    for path in dict.fromkeys(assets):  # overrides/main.html loads them, on this page only
        kind = "lesson_scripts" if path.endswith(".js") else "lesson_styles"
        page.meta.setdefault(kind, []).append(path)
    return html


def on_env(env, config, files):
    """Keep the theme compiled; stop on a failed value no page asked for; wait for the renders."""
    if _site:  # MkDocs compiles every template of the theme on every build: 0.2 s of each build
        env.bytecode_cache = _site.templates
    if _site and _site.failures and _command != "serve":
        raise PluginError(str(next(iter(_site.failures.values()))))
    if _command != "serve":
        try:
            _pool.wait()
        except errors.LessonDataError as error:
            raise PluginError(f"{config.docs_dir}/data: {error}") from error


def on_post_page(output, page, config):
    """Put the answer boxes before each worked answer: after search read the page, so not in it."""
    if _problems:
        return output
    return site_html.answer_boxes(_site, output, page.file.src_uri, _relative_to(page))


def on_build_error(error):
    """A failed build does not wait for the renders it started."""
    if _pool is not None:
        _pool.close(wait=False)


def on_shutdown():
    """Let the render worker go with the server; leave the process's objects to its exit."""
    if _pool is not None:
        _pool.close()
    # The process ends next. A last garbage collection would walk every object the build made (a
    # quarter of a second once WeasyPrint and matplotlib are loaded) to free what the exit frees.
    gc.freeze()


def _fail(error):
    """Stop `mkdocs build` with the error; under `mkdocs serve`, show it on every page instead."""
    if _command != "serve":
        raise PluginError(str(error)) from error
    _problems.append(str(error))


def _relative_to(page):
    return lambda path: get_relative_url(path, page.url)


def _body_line(source, body):
    """The line of a page's source file that its body (after the front matter) starts on."""
    return source[:len(source) - len(body)].count("\n") + 1


def _publisher(config):
    """Under serve: write a download into the served folder as soon as the worker has rendered it."""
    def publish(uri, data):
        path = Path(config.site_dir) / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        output.write_atomic(data, path)  # a download under way never serves half a file
    return publish
