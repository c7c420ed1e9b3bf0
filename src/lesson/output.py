"""Writing build outputs: one reproducible date for every file, atomic writes, and a render cache."""

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path

import jinja2

from lesson import PROJECT_ROOT

# Used when neither an argument nor SOURCE_DATE_EPOCH gives a date, so builds stay reproducible.
DEFAULT_SOURCE_DATE_EPOCH = 1704067200  # 2024-01-01T00:00:00Z
# What shapes every PDF (the deck, the worksheets) besides its own inputs and templates: the packages
# that typeset and lay it out, and the <head> that holds its metadata.
PDF_PACKAGES = ("weasyprint", "pydyf", "ziamath", "ziafont", "latex2mathml", "markdown",
                "pymdown-extensions", "jinja2")
PDF_HEAD = PROJECT_ROOT / "overrides/partials/lesson-pdf-head.html"
# A zip entry (the Anki package) can be dated no later than 2107-12-31T23:59:59Z.
_LATEST_EPOCH = 4354819199


def source_date_epoch(value=None):
    """Whole seconds since 1970 from value, else the SOURCE_DATE_EPOCH variable, else the default."""
    if value is None:
        value = os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    problem = f"SOURCE_DATE_EPOCH must be whole seconds from 1970 to 2107, got {value!r}"
    try:
        epoch = int(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValueError(problem) from error
    if not 0 <= epoch <= _LATEST_EPOCH:
        raise ValueError(problem)
    return epoch


def write_atomic(data: bytes, out_path) -> Path:
    """Write bytes through a temporary file in the same folder and os.replace: never half-written."""
    out_path = Path(out_path)
    temporary = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    # os.open with 0o666 honours the umask, unlike tempfile's private 0o600 files.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out_path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out_path


def content_key(inputs, packages=(), files=()) -> str:
    """The sha256 of everything that shapes an output: inputs, package versions, date and sources."""
    digest = hashlib.sha256()
    digest.update(json.dumps({
        "inputs": inputs,
        "versions": [importlib.metadata.version(name) for name in packages],
        "source_date_epoch": source_date_epoch(),
    }, sort_keys=True).encode())
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


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


def cached(folder, key, suffix, render) -> bytes:
    """The bytes stored under key in folder, else render() stored there."""
    return from_cache(cache_entry(folder, key, suffix), render)


def from_cache(entry, render) -> bytes:
    """The bytes of the cache entry, else render() stored there."""
    return entry.read_bytes() if entry.is_file() else store(entry, render())


@functools.lru_cache(maxsize=None)
def template_cache(folder) -> jinja2.BytecodeCache:
    """Jinja's compiled templates, kept in folder between builds; each is checked against its source."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def cli_error(prog, message) -> int:
    """Print a command line's error on stderr; return 1, the exit status for bad input."""
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 1


def cli_write_error(prog, target, error: OSError) -> int:
    """cli_error for an OSError met writing target ("out.pdf", or "into out/" for a folder)."""
    return cli_error(prog, f"cannot write {target}: {error.strerror or error}")
