"""What the build reads before it renders: whether a PDF has nothing cached yet."""

from studykit import site


def test_a_pdf_with_nothing_cached_is_known_before_the_sources_are_read(tmp_path):
    assert site.pdf_uncached(tmp_path / ".cache")  # a fresh clone: no cache at all
    (tmp_path / ".cache/deck").mkdir(parents=True)
    (tmp_path / ".cache/deck/key.a6.pdf").write_bytes(b"%PDF")
    assert site.pdf_uncached(tmp_path / ".cache")  # the worksheets are still to render
    (tmp_path / ".cache/worksheet").mkdir()
    (tmp_path / ".cache/worksheet/key.a4.pdf").write_bytes(b"%PDF")
    assert not site.pdf_uncached(tmp_path / ".cache")  # each may be current: only the keys can tell
