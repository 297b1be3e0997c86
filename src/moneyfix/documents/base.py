"""What every format shares: the error type, how a file was stored, decoding and encoding.

Decoding is strict and keeps newlines as they are, so that an offset into the decoded
text maps 1:1 to the file and writing the text back reproduces the file byte for byte.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

__all__ = ["Analysis", "DocumentError", "Source", "decode", "encode"]


class DocumentError(Exception):
    """A file that cannot be read as a document; the message is one line naming the file."""


@dataclass(frozen=True)
class Source:
    """How a document was stored, so it can be written back exactly (or refused).

    ``text`` is the whole decoded file (for a JSONL record: the whole file, shared by
    all its records); ``line``/``span`` locate a JSONL record inside it.
    """

    path: Path | None
    """The file; ``None`` for stdin or an archive member."""
    encoding: str
    """``utf-8``, ``utf-8-sig`` (UTF-8 with BOM), ``utf-16-le`` or ``utf-16-be`` (with BOM)."""
    bom: bool
    size: int
    mtime_ns: int
    checksum: str
    """CRC-32 of the bytes read (with ``size``): refuses writing over a file changed since.
    A change detector, not a security measure, and cheap: no hash library to load."""
    st_mode: int
    kind: str = "text"
    """``text``, ``markdown``, ``html`` or ``jsonl``."""
    name: str = ""
    """The name shown in messages (the path as given, or the stdin/archive name)."""
    text: str = field(default="", repr=False, compare=False)
    text_field: str = "text"
    """The JSONL field holding the text."""
    line: int | None = None
    """1-based line number of a JSONL record."""
    span: tuple[int, int] | None = None
    """Code-point span of a JSONL record's line (without its newline) inside ``text``."""


class Analysis(NamedTuple):
    """What a format reader found besides the text: regions to skip, date, language."""

    skip: tuple[tuple[int, int], ...] = ()
    date: dt.date | None = None
    date_source: str | None = None
    lang: str | None = None
    date_error: str | None = None
    """A date was given (front matter) but cannot be read: the file is refused."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, name: str) -> tuple[str, str, bool]:
    """Decode strictly; return ``(text, encoding, bom)``. No newline translation."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DocumentError(f"{name}: UTF-32 text is not supported")
    encoding, bom, body = "utf-8", False, data
    for mark, enc in _BOMS:
        if data.startswith(mark):
            encoding, bom, body = enc, True, data[len(mark) :]
            break
    if encoding.startswith("utf-16"):
        if len(body) % 2:
            raise DocumentError(f"{name}: not valid UTF-16 (odd number of bytes)")
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{name}: not valid UTF-16 (at offset {exc.start + len(data) - len(body)})"
            ) from None
        if "\x00" in text:
            raise DocumentError(f"{name}: binary file")
        return text, encoding, bom
    if b"\x00" in body:
        raise DocumentError(f"{name}: binary file")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
        raise DocumentError(
            f"{name}: not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})"
        ) from None
    return text, encoding, bom


def encode(source: Source, text: str) -> bytes:
    """Encode ``text`` the way ``source`` was stored (same encoding, same BOM)."""
    if source.encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    if source.encoding in ("utf-16-le", "utf-16-be"):
        mark = b"\xff\xfe" if source.encoding == "utf-16-le" else b"\xfe\xff"
        return (mark if source.bom else b"") + text.encode(source.encoding)
    return text.encode(source.encoding)


def digest(data: bytes) -> str:
    """The fingerprint stored in ``Source.checksum``."""
    return f"{zlib.crc32(data):08x}"
