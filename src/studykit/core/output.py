"""Writing outputs: one reproducible date, atomic writes, the build's log, command-line errors."""

import logging
import os
import sys
from pathlib import Path

# The build's log: MkDocs prints its lines (INFO and up) under the plugin's name.
LOG = logging.getLogger("mkdocs.plugins.studykit")
# Used when neither an argument nor SOURCE_DATE_EPOCH gives a date, so builds stay reproducible.
DEFAULT_SOURCE_DATE_EPOCH = 1704067200  # 2024-01-01T00:00:00Z
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


def cli_error(prog, message) -> int:
    """Print a command line's error on stderr; return 1, the exit status for bad input."""
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 1


def cli_write_error(prog, target, error: OSError) -> int:
    """cli_error for an OSError met writing target ("out.pdf", or "into out/" for a folder)."""
    return cli_error(prog, f"cannot write {target}: {error.strerror or error}")


def publisher(site_dir):
    """Under serve: writes a download into the served folder as soon as the worker has rendered it."""
    def publish(uri, data):
        path = Path(site_dir) / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(data, path)  # a download under way never serves half a file
    return publish
