"""The site's service worker, sw.js at the site's root, written once every other file is."""

from pathlib import Path

from studykit.core import output, templates
from studykit.offline.precache import precache_list

WORKER = "sw.js"  # at the site's root, so its scope is the whole site, under any sub-path


def write_worker(site_dir, theme_dirs, serving=False):
    """Write sw.js into a built site and print what it precaches; return its path. Under `mkdocs
    serve` (serving) write none: live reload must show every edit, never a page kept offline."""
    if serving:
        return None
    script, report = service_worker(site_dir, theme_dirs)
    written = output.write_atomic(script, Path(site_dir) / WORKER)
    output.LOG.info(report)
    return written


def service_worker(site_dir, theme_dirs) -> tuple[bytes, str]:
    """(sw.js for the built site in site_dir, a line reporting what it precaches); theme_dirs are
    the theme's folders (see precache.precache_list)."""
    found = precache_list(site_dir, theme_dirs, leave_out={WORKER})
    script = templates.render(
        "offline/templates/sw.js", version=found.version, bytes=found.bytes,
        files={entry.path: entry.hash for entry in found.files},
        downloads={entry.path: entry.hash for entry in found.downloads})
    kept = sum(entry.size for entry in found.downloads)
    report = (f"{WORKER} precaches {len(found.files)} files, {found.bytes:,} bytes, after a first visit "
              f"has loaded; {len(found.downloads)} downloads ({kept:,} bytes) are kept once downloaded")
    return script.encode("utf-8"), report
