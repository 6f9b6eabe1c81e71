"""Reading and writing ToUnicode CMaps."""

from __future__ import annotations

import re

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def parse_cmap(data: bytes) -> dict[int, str]:
    """Code → text of a ToUnicode CMap (``bfchar`` entries and ``bfrange`` entries with a start value)."""
    mapping: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=False):
            mapping[int(code, 16)] = _utf16_hex(text)
    for block in _BFRANGE.findall(data):
        values = _HEX.findall(block)
        for low, high, start in zip(values[::3], values[1::3], values[2::3], strict=False):
            first = _utf16_hex(start)
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = first[:-1] + chr(ord(first[-1]) + offset) if first else ""
    return mapping


def _utf16_hex(value: bytes) -> str:
    return bytes.fromhex(value.decode("ascii")).decode("utf-16-be", errors="replace")


def build_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap for two-byte codes, in ``bfchar`` blocks of at most 100 (the spec's limit)."""
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode() for code, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines) + b"\n"
