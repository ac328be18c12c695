"""Reading a file's bytes: only as many as it has, even when it grows while being read."""

import io

import pytest

from cjmap.parse import source
from cjmap.parse.source import SourceError, read_stream


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole() -> None:
    assert read_stream(io.BytesIO(b"cjmap: 1\ntitle: T\n"), "map.yaml", 4) == \
        b"cjmap: 1\ntitle: T\n"
    # /proc and some FUSE files say 0 bytes and have more.
    assert read_stream(io.BytesIO(b"cjmap: 1\n"), "map.yaml", 0) == b"cjmap: 1\n"


def test_the_limit_holds_for_a_file_that_grew_past_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 8)
    assert read_stream(io.BytesIO(b"12345678"), "map.yaml", 8) == b"12345678"
    with pytest.raises(SourceError) as caught:
        read_stream(io.BytesIO(b"123456789"), "map.yaml", 3)
    assert caught.value.diagnostic.code == "file-size"
    with pytest.raises(SourceError):
        read_stream(io.BytesIO(b"123456789"), "map.yaml", 8)
