"""The demo site's page requisites as bytes: pictures, a web font, stylesheets and scripts.

Everything is generated from its path, deterministically (the same bytes every run, so a
re-crawl finds them unchanged), with the standard library only: no file is shipped, nothing is
downloaded. The pictures are real PNG files (a colour gradient per path, or noise for the one
picture meant to be large), the font a real TrueType file with two glyphs (a box for "A").
"""
from __future__ import annotations

import hashlib
import random
import struct
import zlib

ASSET_VERSION = "3.2.1"
FONT_PATH = "/static/fonts/fassel-sans.ttf"
# The app promotion's widest candidate is a large picture (noise does not compress): the one a
# crawler's per-resource size limit is tested with.
LARGE_PICTURE = "/static/img/app-promo-1600.png"
LARGE_PICTURE_SIDE = 256          # 256 x 256 RGB noise: ~197 KB

STYLESHEETS = {
    "/static/css/main.css": (
        '@import url("/static/css/fonts.css");\n'
        'body{font-family:"Fassel Sans",sans-serif;margin:0}\n'
        '.site-header{background:#fff url("/static/img/header-bg.png") repeat-x}\n'
        ".cookie-banner{position:fixed;bottom:0}\n"
        ".article-title{font-size:2.2em}\n"),
    "/static/css/fonts.css": (
        '@font-face{font-family:"Fassel Sans";'
        'src:url("../fonts/fassel-sans.ttf") format("truetype");font-display:swap}\n'),
    "/static/css/print.css": "body{font-family:serif}\n",
}
SCRIPTS = {
    "/static/js/main.js": ("document.querySelectorAll('.cookie-accept').forEach(function(b){"
                           "b.onclick=function(){b.parentNode.remove();};});\n"
                           "document.querySelectorAll('img[data-src]').forEach(function(i){"
                           "i.src=i.getAttribute('data-src');});\n"),
    "/static/js/analytics.js": "/* analytics stub */\n",
}


def png(seed: str, width: int = 160, height: int = 90) -> bytes:
    """A valid RGB PNG: a gradient whose colours depend on `seed` (distinct pictures)."""
    r, g, b = hashlib.sha1(seed.encode()).digest()[:3]
    rows = []
    for y in range(height):
        shade = y * 96 // max(height - 1, 1)
        pixel = bytes(((r + shade) % 256, (g + shade // 2) % 256, b))
        rows.append(b"\x00" + pixel * width)
    return _png_bytes(width, height, b"".join(rows))


def noise_png(seed: str, side: int = LARGE_PICTURE_SIDE) -> bytes:
    """A valid PNG of random pixels (seeded): about 3 bytes per pixel, whatever the zlib level."""
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(side * 3) for _ in range(side))
    return _png_bytes(side, side, raw)


def _png_bytes(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def font() -> bytes:
    """A minimal TrueType font, "Fassel Sans": glyph 0 (.notdef, empty) and glyph 1, a box,
    mapped from "A". The ten tables a browser's font sanitizer asks for, checksums included."""
    box = struct.pack(">hhhhh", 1, 100, 0, 500, 700)             # 1 contour and its bounds
    box += struct.pack(">HH", 3, 0)                               # last point 3, no instructions
    box += bytes([0x01] * 4)                                      # four on-curve points
    box += struct.pack(">hhhh", 100, 0, 400, 0)                   # x deltas
    box += struct.pack(">hhhh", 0, 700, 0, -700)                  # y deltas
    box += b"\0" * (-len(box) % 4)
    names = {1: "Fassel Sans", 2: "Regular", 3: "Fassel Sans Regular 1.0",
             4: "Fassel Sans Regular", 5: "Version 1.0", 6: "FasselSans-Regular"}
    strings = b""
    records = b""
    for name_id, text in names.items():
        data = text.encode("utf-16-be")
        records += struct.pack(">HHHHHH", 3, 1, 0x409, name_id, len(data), len(strings))
        strings += data
    name = struct.pack(">HHH", 0, len(names), 6 + 12 * len(names)) + records + strings
    seg_end, seg_start = [0x41, 0xFFFF], [0x41, 0xFFFF]
    seg_delta = [(1 - 0x41) % 65536, 1]
    cmap4 = struct.pack(">HHHHHHH", 4, 16 + 8 * 2, 0, 4, 4, 1, 0)
    cmap4 += struct.pack(">HH", *seg_end) + b"\0\0" + struct.pack(">HH", *seg_start)
    cmap4 += struct.pack(">HH", *seg_delta) + struct.pack(">HH", 0, 0)
    cmap4 = cmap4[:2] + struct.pack(">H", len(cmap4)) + cmap4[4:]
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + cmap4
    stamp = 3_900_000_000                                         # seconds since 1904: fixed
    tables = {
        b"OS/2": struct.pack(">HhHHH", 4, 600, 400, 5, 0) + struct.pack(">10h", *([100] * 10))
        + struct.pack(">h", 0) + bytes(10) + bytes(16) + b"NWSA"
        + struct.pack(">HHH", 0x40, 0x41, 0x41) + struct.pack(">hhhHH", 800, -200, 0, 800, 200)
        + struct.pack(">II", 1, 0) + struct.pack(">hhHHH", 500, 700, 0, 32, 1),
        b"cmap": cmap,
        b"glyf": box,
        b"head": struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5,
                             0x000B, 1000, stamp, stamp, 0, 0, 500, 700, 0, 8, 2, 1, 0),
        b"hhea": struct.pack(">IhhhHhhhhhh4hhH", 0x00010000, 800, -200, 0, 600, 0, 0, 500,
                             1, 0, 0, 0, 0, 0, 0, 0, 2),
        b"hmtx": struct.pack(">HhHh", 600, 0, 600, 100),
        b"loca": struct.pack(">III", 0, 0, len(box)),
        b"maxp": struct.pack(">IH13H", 0x00010000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": name,
        b"post": struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0),
    }
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    directory = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                            count * 16 - power * 16)
    offset = 12 + 16 * count
    body = b""
    entries = b""
    head_at = 0
    for tag in sorted(tables):
        data = tables[tag]
        if tag == b"head":
            head_at = offset + len(body)
        entries += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    whole = directory + entries + body
    adjustment = (0xB1B0AFBA - _checksum(whole)) % 2**32
    return whole[:head_at + 8] + struct.pack(">I", adjustment) + whole[head_at + 12:]


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) % 2**32
