"""The PDF writer's import, as a render worker's start makes it: WeasyPrint with all its libraries."""

import json
import subprocess
import sys

# In a fresh process: note every fallback of ctypes.util.find_library that runs a compiler or a
# linker, import the PDF writer, and report what WeasyPrint loaded.
_IMPORT = """
import ctypes.util, json
ran = []
for name in ("_findLib_gcc", "_findLib_ld"):
    original = getattr(ctypes.util, name)
    setattr(ctypes.util, name, lambda *args, _original=original, _name=name: ran.append(_name) or _original(*args))
find_library = ctypes.util.find_library
import studykit.core.pdf
from weasyprint.text import ffi
print(json.dumps({"ran": ran, "restored": ctypes.util.find_library is find_library,
                  "loaded": [name for name in ("gobject", "pango", "harfbuzz", "harfbuzz_subset",
                                               "fontconfig", "pangoft2") if getattr(ffi, name) is not None]}))
"""


def test_weasyprint_finds_its_libraries_without_running_gcc_or_ld():
    """Each of gcc and ld ran once for every name WeasyPrint tries that is no file (16 here), 0.15 s
    of every render worker's start; now the linker's cache answers, and finds every library."""
    found = json.loads(subprocess.run([sys.executable, "-c", _IMPORT], capture_output=True, text=True,
                                      check=True).stdout)
    assert found == {"ran": [], "restored": True,
                     "loaded": ["gobject", "pango", "harfbuzz", "harfbuzz_subset", "fontconfig", "pangoft2"]}
