"""The MkDocs adapter, and the only module that imports MkDocs: MkDocs' events in, the kit's build out.

A plugin class rather than a hook: its config is typed, and with on_startup MkDocs keeps one instance
for the life of `mkdocs serve`, where the render worker and the build's state live. Under serve a data
error shows on every page until the file is fixed; `mkdocs build` stops with the same message.
"""

import gc
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory, copy_file, get_relative_url
from mkdocs.utils.meta import get_data

from studykit import site, site_page
from studykit.core import assets, errors, markdown, output, pages, renders, sources
from studykit.offline import worker


class StudyKitConfig(base.Config):
    """The plugin's settings in mkdocs.yml."""

    lesson = options.Type(str)  # the package that declares the lesson, e.g. lessons.loss_and_optimization


class StudyKitPlugin(BasePlugin[StudyKitConfig]):
    """Builds the lesson's pages, downloads and figures into the site."""

    def __init__(self):
        self.command = "build"  # "serve" while `mkdocs serve` runs
        self.pool: renders.Pool | None = None
        self.site: site.Site | None = None
        self.build: site.Build | None = None
        self.problems: list[str] = []  # what `mkdocs serve` shows instead of the pages
        self.code = ""  # under serve: the hash of the sources as last imported
        self.answering = False  # under serve: whether the server listens (its loop has turned once)

    def on_startup(self, *, command, dirty):
        """Remember whether this process serves the site; MkDocs then keeps this instance for its life."""
        self.command = command

    def on_config(self, config):
        """Read the identity, every card and every value, before anything is written."""
        self.problems, self.site, self.build = [], None, None
        if self.command != "serve" or self.pool is None:  # the server keeps one worker for its rebuilds
            self.pool = renders.Pool(output.publisher(config.site_dir) if self.command == "serve" else None,
                                     warm_up=site.PDF_RENDERER)
        if self.command == "serve":  # a long-running server, and its worker, use the code as edited
            modules = ["studykit.site", "studykit.site_page", self.config.lesson]
            self.code = sources.reload_edited(modules, self.code)
            self.pool.renew(self.code)
        cache_dir = _cache_dir(config)
        if site.pdf_uncached(cache_dir):  # a build's worker loads WeasyPrint while the sources are read
            self.pool.start_for_build()
        try:
            self.site = site.read_site(config.docs_dir, cache_dir, config.extra, config.config_file_path,
                                       self.config.lesson, _app(config))
        except errors.LessonDataError as error:
            return self._fail(error)
        if self.command == "serve":  # the author sees every failure now; a build names the page first
            for failure in self.site.failures.values():
                self._fail(failure)

    def on_files(self, files, config):
        """Minify the docs' own scripts and styles (not the theme's); add the downloads and figures."""
        for file in files.media_files():
            if (file.abs_src_path or "").startswith(config.docs_dir) and assets.minifiable(file.src_uri):
                file.content_string = assets.minified(file.src_uri, file.content_string)
        if self.problems:
            return
        sources = [site.PageSource(file.src_uri, file.dest_uri.rpartition("/")[0] + "/" if "/" in file.dest_uri
                                   else "", body := get_data(file.content_string)[0],
                                   _body_line(file.content_string, body)) for file in files.documentation_pages()]
        try:
            self.build = site.build_files(self.site, self.pool, sources, markdown.SiteMarkdown(
                tuple(config.markdown_extensions), dict(config.mdx_configs), Path(config.config_file_path)))
        except errors.LessonDataError as error:
            return self._fail(error)
        for uri, content in self.build.files.items():
            if isinstance(content, bytes):
                files.append(File.generated(config, uri, content=content))
            elif self.command != "serve":  # rendering in the worker; on_post_build waits for it
                files.append(_Rendering.generated(config, uri, abs_src_path=str(content)))

    def on_serve(self, server, config, builder):
        """Start the worker once the server listens; rebuild once it has kept the figures or new numbers."""
        for folder in site.CACHE_WATCHED:
            (path := _cache_dir(config) / folder).mkdir(parents=True, exist_ok=True)
            server.watch(str(path))

        def answering():  # socketserver's hook: the server's loop calls it once it listens
            del server.service_actions  # once
            self.answering = True
            self.pool.release()  # not before: the first page does not wait for the worker's start
        server.service_actions = answering
        return server

    def on_page_markdown(self, markdown, page, config, files):
        """Fill in the page's computed values and sentences; an unknown value stops the build."""
        if self.problems:
            return site_page.problems(self.problems)
        context, where = self.site.context(), page.file.src_uri
        try:
            for key, value in page.meta.items():
                if isinstance(value, str):
                    page.meta[key] = pages.fill(value, context, f"{where} (front matter)")
            return pages.fill(markdown, context, where, _body_line(page.file.content_string, markdown),
                                   self.site.templates)
        except errors.LessonDataError as error:
            self._fail(error)
            return site_page.problems(self.problems)

    def on_page_content(self, html, page, config, files):
        """Typeset the math as MathML; render the flashcards, figures and explorers the page asks for."""
        if self.problems or self.build is None:
            return site_page.problems(self.problems)
        try:
            html, assets = site_page.page_content(self.site, self.build, html, page.file.src_uri,
                                                  _relative_to(page), serving=self.command == "serve")
        except (errors.LessonDataError, ValueError) as error:  # a FormulaError is a ValueError
            self._fail(errors.LessonDataError(f"{page.file.src_uri}: {error}"))
            return site_page.problems(self.problems)
        for path in assets:  # overrides/main.html loads them, on this page only
            page.meta.setdefault("lesson_scripts" if path.endswith(".js") else "lesson_styles", []).append(path)
        return html

    def on_env(self, env, config, files):
        """Keep the theme compiled; stop on a failed value no page asked for."""
        if self.site:  # MkDocs compiles every template of the theme on every build: 0.2 s of each build
            env.bytecode_cache = self.site.templates
            env.globals["lesson_app"] = self.site.app and self.site.app.head  # the manifest's link and theme colours
        if self.site and self.site.failures and self.command != "serve":
            raise PluginError(str(next(iter(self.site.failures.values()))))

    def on_post_page(self, output_html, page, config):
        """Put the answer boxes before each worked answer (after search read the page, so not in it)."""
        if self.problems or self.build is None:
            return output_html
        return site_page.finished_page(self.site, self.build, output_html, page.file.src_uri, _relative_to(page))

    @event_priority(-100)  # last: once search has written its index, every file is in the site
    def on_post_build(self, config):
        """Copy in the PDFs once rendered (under serve, none); write sw.js, precaching the built site."""
        if self.command != "serve":
            self._copy_renders(config.site_dir)
        worker.write_worker(config.site_dir, config.theme.dirs, serving=self.command == "serve")
        if self.answering:  # a rebuild; the first build's jobs wait for the server to listen (on_serve)
            self.pool.release()

    def on_build_error(self, error):
        """A failed build does not wait for the renders it started."""
        if self.pool is not None:
            self.pool.close(wait=False)

    def on_shutdown(self):
        """Let the render worker go with the server; leave the process's objects to its exit (which
        frees them all: a last collection would walk every one of them, 0.25 s)."""
        if self.pool is not None:
            self.pool.close()
        gc.freeze()

    def _copy_renders(self, site_dir):
        """Copy each PDF into the site once rendered (the pages were written meanwhile). A failed
        render empties the site, as MkDocs does before a build, so none is half-written."""
        try:
            self.pool.wait()
        except Exception as error:  # a LessonDataError names its file, item and field; a RenderError its file
            clean_directory(site_dir)
            raise PluginError(str(error)) if isinstance(error, (errors.LessonDataError, renders.RenderError)) else error
        for uri, entry in self.build.files.items():
            if not isinstance(entry, bytes):
                copy_file(str(entry), str(Path(site_dir, uri)))

    def _fail(self, error):
        """Stop `mkdocs build` with the error; under `mkdocs serve`, show it on every page instead."""
        if self.command != "serve":
            raise PluginError(str(error)) from error
        self.problems.append(str(error))


def _cache_dir(config):
    """Where the build keeps what it rendered: .cache/ beside mkdocs.yml."""
    return Path(config.config_file_path).parent / ".cache"


def _app(config):
    """What the web app's manifest and icons are made from: mkdocs.yml's names and Material's theme."""
    theme = config.theme
    return site.AppSource(Path(config.config_file_path), config.site_name, config.site_description, theme["language"],
                          theme["palette"], Path(config.docs_dir, theme["favicon"] or ""), tuple(theme.dirs))


def _relative_to(page):
    return lambda path: get_relative_url(path, page.url)


def _body_line(source, body):
    """The line of a page's source file that its body (after the front matter) starts on."""
    return source[:len(source) - len(body)].count("\n") + 1


class _Rendering(File):
    """A PDF the worker may be rendering when MkDocs copies the files: on_post_build copies it."""

    def copy_file(self, dirty=False):
        """Not yet."""
