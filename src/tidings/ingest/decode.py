"""Bytes to text: encodings, binary detection and normalisation.

Offsets everywhere refer to the text *after* ``normalize_text``; that is the text we store.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from tidings.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats that are never news text.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/epub?)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}

_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE_AROUND_NL = re.compile(r" *\n *")
_MANY_NL = re.compile(r"\n{3,}")


def sniff_binary(data: bytes) -> str | None:
    """What binary format ``data`` looks like, or None if it may be text."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    return None


def _looks_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text has a NUL in every other byte."""
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _detected_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM whose text is mostly not ASCII (Chinese): its few NULs (from
    digits, spaces, line ends) all sit on one side of the byte pairs, and the charset
    detector agrees. Binary data has NULs on both sides."""
    head = data[:65536]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if bool(even) == bool(odd):
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding in ("utf_16_le", "utf_16_be"):
        return best.encoding.replace("_", "-")
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Order: byte-order mark; UTF-16 by NUL pattern; strict UTF-8; the declared charset
    (HTTP header, XML/HTML meta); charset detection. Raises ``InputError`` for binary
    content or text in no encoding we can find.
    """
    what = sniff_binary(data[:16])
    if what:
        raise InputError(f"binary file: looks like {what}, not news text", code="T304")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    utf16 = _looks_utf16(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    nul = data.count(0, 0, 65536)
    if nul > 0.01 * min(len(data), 65536):
        utf16 = _detected_utf16(data)
        if utf16:
            return data.decode(utf16, errors="replace"), utf16
        raise InputError(f"binary file: {nul} NUL bytes in the first 64 KB", code="T304")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(
            "not UTF-8 and no charset found",
            hint="convert the file to UTF-8, or declare its charset",
            code="T304",
        )
    return data.decode(best.encoding, errors="replace"), best.encoding


def normalize_text(text: str) -> str:
    """Unicode NFC, LF line ends, no control or zero-width characters, single spaces,
    at most one blank line in a row, no space at line ends. Linear in the input."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _HSPACE.sub(" ", text)
    text = _SPACE_AROUND_NL.sub("\n", text)
    text = _MANY_NL.sub("\n\n", text)
    return text.strip()


def control_ratio(text: str, sample: int = 65536) -> float:
    """Share of control characters in the start of ``text`` (high for mis-decoded binary)."""
    head = text[:sample]
    if not head:
        return 0.0
    return len(_CONTROL.findall(head)) / len(head)
