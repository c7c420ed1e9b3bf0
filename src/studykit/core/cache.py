"""One cache: each output kept under a key of everything that shapes it, its code found from imports."""

import functools
import hashlib
import importlib.metadata
import json
import re
from pathlib import Path

import jinja2

from studykit.core.output import source_date_epoch, write_atomic
from studykit.core.sources import closure, imports, module_path, own

_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def content_key(inputs, code=(), files=()) -> str:
    """The sha256 of what shapes an output: its inputs, the date, its code and whatever else it reads.

    code names the modules that make the output (e.g. "studykit.cards.deck"): the sources of every
    module of the project they import, and the version of every distribution outside it that they
    import (with what those require), key it. A module of code from outside the project (a Markdown
    extension that a config names, say) keys it by its distribution's version. files adds templates
    and other files it reads.
    """
    modules = closure([name for name in code if own(name)])
    digest = hashlib.sha256()
    digest.update(json.dumps({
        "inputs": inputs,
        "versions": distributions(modules, [name for name in code if not own(name)]),
        "source_date_epoch": source_date_epoch(),
    }, sort_keys=True).encode())
    for path in [*(module_path(name) for name in sorted(modules)), *files]:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def folder_files(folder) -> list[Path]:
    """Every file under folder, in a stable order (a feature's templates, say)."""
    return sorted(path for path in Path(folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def cache_entry(folder, key, suffix) -> Path:
    """Where the output with this key is stored in a cache folder."""
    return Path(folder) / f"{key}{suffix}"


def store(entry, data: bytes) -> bytes:
    """Keep data as the cache entry, the only one with its suffix in its folder: edits don't pile up."""
    entry = Path(entry)
    entry.parent.mkdir(parents=True, exist_ok=True)
    for stale in entry.parent.glob(f"*{''.join(entry.suffixes)}"):
        if stale != entry:
            stale.unlink(missing_ok=True)
    write_atomic(data, entry)  # a concurrent build never reads a half-written file
    return data


def from_cache(entry, render) -> bytes:
    """The bytes of the cache entry, else render() stored there."""
    return entry.read_bytes() if entry.is_file() else store(entry, render())


@functools.lru_cache(maxsize=None)
def template_cache(folder) -> jinja2.BytecodeCache:
    """Jinja's compiled templates, kept in folder between builds; each is checked against its source."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def distributions(modules, others=()) -> dict[str, str]:
    """The version of each distribution outside the project that modules import, or that provides
    one of others (module names), and of what each requires."""
    by_package = installed()[0]
    outside = [imported for name in modules for imported in imports(name) if not own(imported)]
    return _versions(tuple(sorted({dist for imported in [*outside, *others]
                                   for dist in by_package.get(imported.partition(".")[0], ())})))


@functools.lru_cache(maxsize=64)
def _versions(dists) -> dict[str, str]:
    """The versions of dists and of everything they require."""
    table, waiting, versions = installed()[1], list(dists), {}
    while waiting:
        dist = waiting.pop()
        if dist in versions or dist not in table:  # not installed: for another platform or Python
            continue
        versions[dist], requires = table[dist]
        waiting += requires
    return dict(sorted(versions.items()))


@functools.lru_cache(maxsize=1)
def installed() -> tuple[dict, dict]:
    """The installed distributions, read once a process (installing a package restarts `mkdocs
    serve`): their names by the top-level package they install, and each one's (version,
    requirements without extras) by name. As importlib.metadata tells, from their files read as
    text: ten times faster than its parsed paths and headers."""
    by_package, table = {}, {}
    for dist in importlib.metadata.distributions():
        text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
        fields = [line.partition(": ") for line in text.partition("\n\n")[0].splitlines()]
        name = _normal(next((value for key, _, value in fields if key == "Name"), ""))
        if not name:
            continue  # no metadata: nothing to key a cache on
        requires = tuple(_normal(_REQUIREMENT_NAME.match(value)[0]) for key, _, value in fields
                         if key == "Requires-Dist" and "extra ==" not in value.replace("extra==", "extra =="))
        table[name] = (next(value for key, _, value in fields if key == "Version"), requires)
        packages = (dist.read_text("top_level.txt") or "").split()
        if not packages:
            record = (line.partition(",")[0] for line in (dist.read_text("RECORD") or "").splitlines())
            packages = {path.split("/")[0].removesuffix(".py") for path in record
                        if path.endswith(".py") and not path.startswith("..")}
        for package in packages:
            by_package.setdefault(package, []).append(name)
    return by_package, table


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()
