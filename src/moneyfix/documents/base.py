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

__all__ = ["Analysis", "DocumentError", "Source", "decode", "encode", "read_error"]


class DocumentError(Exception):
    """A file that cannot be read as a document; the message is one line naming the file."""


def read_error(name: str, exc: OSError) -> DocumentError:
    """The one line for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return DocumentError(f"{name}: no such file")
    if isinstance(exc, IsADirectoryError):
        return DocumentError(f"{name}: is a directory")
    if isinstance(exc, PermissionError):
        return DocumentError(f"{name}: permission denied")
    return DocumentError(f"{name}: cannot read ({exc.strerror or exc})")


@dataclass(frozen=True)
class Source:
    """How a document was stored, so it can be written back exactly (or refused).

    ``text`` is the whole decoded file (for a JSONL record: the whole file, shared by
    all its records); ``line``/``span`` locate a JSONL record inside it.
    """

    path: Path | None
    """The file; ``None`` for stdin or an archive member."""
    encoding: str
    """``utf-8``, ``utf-8-sig`` (UTF-8 with BOM), ``utf-16-le`` or ``utf-16-be`` (with BOM),
    or a legacy encoding (``cp1251``) given with ``--encoding`` or detected."""
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


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode strictly; return ``(text, encoding, bom)``. No newline translation.

    A BOM decides; else UTF-8; else ``encoding`` when given, else the legacy encoding
    charset-normalizer detects, when it is sure (see ``_detect``)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DocumentError(f"{name}: UTF-32 text is not supported")
    stored, bom, body = "utf-8", False, data
    for mark, enc in _BOMS:
        if data.startswith(mark):
            stored, bom, body = enc, True, data[len(mark) :]
            break
    if stored.startswith("utf-16"):
        if len(body) % 2:
            raise DocumentError(f"{name}: not valid UTF-16 (odd number of bytes)")
        try:
            text = body.decode(stored)
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{name}: not valid UTF-16 (at offset {exc.start + len(data) - len(body)})"
            ) from None
        if "\x00" in text:
            raise DocumentError(f"{name}: binary file")
        return text, stored, bom
    if b"\x00" in body:
        raise DocumentError(f"{name}: binary file")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if bom:
            offset = exc.start + len(data) - len(body)
            raise DocumentError(
                f"{name}: not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})"
            ) from None
        return _legacy(data, name, encoding, exc.start)
    return text, stored, bom


def _legacy(data: bytes, name: str, encoding: str | None, bad: int) -> tuple[str, str, bool]:
    """A file that is not UTF-8: in the given encoding, or the one detected."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding, False
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{name}: not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
    detected = _detect(data)
    if detected is None:
        raise DocumentError(
            f"{name}: not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}); "
            "give its encoding with --encoding"
        )
    return data.decode(detected), detected, False


_MIN_LETTERS = 8
"""Non-ASCII letters a detection needs: one stray byte says nothing about a language."""


def _detect(data: bytes) -> str | None:
    """The legacy encoding of ``data`` when charset-normalizer finds a plausible one: its
    non-ASCII characters are mostly letters (a wrong guess gives symbols and accents)."""
    import codecs

    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data).best()
    if best is None or best.encoding.startswith(("utf", "ascii")):
        return None
    encoding = codecs.lookup(best.encoding).name
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    foreign = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() for ch in foreign)
    if letters < _MIN_LETTERS or letters < 0.9 * len(foreign):
        return None
    return encoding


def encode(source: Source, text: str) -> bytes:
    """Encode ``text`` the way ``source`` was stored (same encoding, same BOM)."""
    if source.encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    if source.encoding in ("utf-16-le", "utf-16-be"):
        mark = b"\xff\xfe" if source.encoding == "utf-16-le" else b"\xfe\xff"
        return (mark if source.bom else b"") + text.encode(source.encoding)
    try:
        return text.encode(source.encoding)
    except UnicodeEncodeError as exc:
        raise DocumentError(
            f"{source.name}: {text[exc.start]!r} cannot be written in {source.encoding}; "
            "nothing written"
        ) from None


def digest(data: bytes) -> str:
    """The fingerprint stored in ``Source.checksum``."""
    return f"{zlib.crc32(data):08x}"
