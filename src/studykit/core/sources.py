"""The project's own modules: where their sources are, what each imports (found without importing),
and their reload once edited."""

import functools
import hashlib
import importlib
import re
from pathlib import Path

# The project's own packages: their sources key a cache; any other import keys it by its version.
OWN_PACKAGES = ("studykit", "lessons")
_SOURCES = Path(__file__).resolve().parents[2]  # src/, which holds them
# An import statement on lines of its own: `import a.b as c, d` or `from .x import (y, z)`.
_NAME = r"[\w.]+(?:[ \t]+as[ \t]+\w+)?"
_LISTED = rf"\(\s*{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s*\)|{_NAME}(?:[ \t]*,[ \t]*{_NAME})*"
_IMPORT = re.compile(rf"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+({_LISTED})"
                     rf"|import[ \t]+({_NAME}(?:[ \t]*,[ \t]*{_NAME})*))[ \t]*(?:#.*)?$", re.M)


def sources_key() -> str:
    """A hash of the project's sources as they read now: what a process imports of them."""
    digest = hashlib.sha256()
    for package in OWN_PACKAGES:
        for path in sorted(_SOURCES.joinpath(package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def module_path(name) -> Path:
    """The source file of one of the project's modules, found without importing anything."""
    base = _SOURCES.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    raise ModuleNotFoundError(f"no module named {name!r} in {_SOURCES}")


def closure(names) -> set[str]:
    """The project's modules that the named modules import, directly or not, themselves included."""
    return set(project_modules(names))


def imports(name) -> list[str]:
    """Every module a module of the project imports, anywhere in its source, in source order."""
    path = module_path(name)
    stat = path.stat()
    return list(_imports(str(path), stat.st_mtime_ns, stat.st_size, _package_of(name, path)))


def project_modules(names) -> list[str]:
    """The closure of names, each module after the project's modules it imports (for reloading)."""
    ordered, visiting = [], set()

    def visit(name):
        if name in ordered or name in visiting:
            return
        visiting.add(name)
        for imported in imports(name):
            if own(imported):
                visit(imported)
        ordered.append(name)

    for name in sorted(names):
        visit(name)
    return ordered


def own(name) -> bool:
    """Whether a module is one of the project's own."""
    return name.partition(".")[0] in OWN_PACKAGES


def _package_of(name, path):
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


@functools.lru_cache(maxsize=None)
def _imports(path, _modified, _size, package):
    """The modules one source file imports (keyed on its time and size, so edits are seen).

    Read line by line with _IMPORT rather than through ast: a fortieth of the time, which the first
    build of `mkdocs serve` waits for. An import statement inside a string is taken as well; a key
    that follows one module too many is only cautious.
    """
    found = []
    for dots, base, listed, plain in _IMPORT.findall(Path(path).read_text(encoding="utf-8")):
        if plain:
            found += _names(plain)
            continue
        if dots:
            parent = package.rsplit(".", len(dots) - 1)[0] if len(dots) > 1 else package
            base = f"{parent}.{base}".rstrip(".")
        names = _names(listed)
        submodules = [f"{base}.{name}" for name in names if own(base) and _is_module(f"{base}.{name}")]
        # `from package import module` imports the module; the package is only its parent.
        found += submodules if len(submodules) == len(names) else [base, *submodules]
    return tuple(dict.fromkeys(name for name in found if name))


def _names(listed):
    """The imported names of "a as b, c" or "(a,\n c,)"."""
    return [part.split()[0] for part in listed.strip("() \t\n").split(",") if part.strip()]


def _is_module(name):
    try:
        return bool(module_path(name))
    except ModuleNotFoundError:
        return False


def reload_edited(names, imported) -> str:
    """Re-import names and the project's modules they import, each after those it imports, if the
    sources changed since they were imported (imported: their hash then); return the hash now."""
    code = sources_key()
    if imported and code != imported:
        for name in project_modules(names):
            importlib.reload(importlib.import_module(name))
    return code
