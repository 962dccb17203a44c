"""Decoding page bytes the way a browser would, and the one lxml parse per page.

Order of evidence for the encoding (WHATWG-like, kept cheap): byte order mark, then a
`<meta charset>` / `http-equiv` declaration (or an XML declaration) in the first bytes, then
strict UTF-8, then charset_normalizer (if installed) and finally windows-1252, which decodes
every byte. Non-HTML payloads (PDF, images, archives, mostly-NUL binaries) are refused with
NotHTMLError before the parser sees them.
"""
from __future__ import annotations

import codecs
import re

from lxml import etree, html as lxml_html

from .exceptions import EmptyDocumentError, NotHTMLError, ParseError

# Magic numbers of payloads that are sometimes served as text/html by mistake.
_MAGIC: tuple[tuple[bytes, str | None], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "RIFF media"),
    (b"BM", None),  # too short to trust alone; checked with the NUL ratio below
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x7fELF", "ELF binary"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")

# Labels that browsers map to another decoder (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "iso8859-1": "cp1252", "windows-1252": "cp1252", "iso-8859-9": "cp1254",
    "tis-620": "cp874", "iso-8859-11": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
    "x-sjis": "shift_jis", "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "x-user-defined": "cp1252",
    "unicode": "utf-8", "utf8": "utf-8", "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}

_SNIFF_BYTES = 4096
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])


def _normalise_label(label: str) -> str | None:
    """A Python codec name for an encoding label, or None when the label is unknown."""
    name = label.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_not_html(data: bytes) -> str | None:
    """What the bytes are when they are clearly not HTML (None when they may be HTML)."""
    head = data[:16]
    for magic, what in _MAGIC:
        if what and head.startswith(magic):
            return what
    sample = data[:_SNIFF_BYTES]
    if sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        # text never holds C0 control bytes other than tab/newline/form feed/CR/ESC
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls > 8 and controls * 20 > len(sample):
            return "binary data"
    return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding the document itself declares in its first bytes (meta or XML declaration)."""
    head = data[:_SNIFF_BYTES]
    m = _XML_DECL.match(head)
    if m:
        enc = _normalise_label(m.group(1).decode("ascii", "replace"))
        if enc:
            return enc
    m = _META_CHARSET.search(head)
    if m is None and len(data) > _SNIFF_BYTES:
        # some pages put kilobytes of comments or scripts before their meta charset
        m = _META_CHARSET.search(data[:32768])
    if m:
        return _normalise_label(m.group(1).decode("ascii", "replace"))
    return None


def decode_html(data: bytes) -> str:
    """Decode page bytes to text like a browser would; refuse non-HTML payloads."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, bool]:
    """decode_html(), and whether the text is exactly `data` read as UTF-8 (no BOM)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), False
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le", "replace"), False
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", "replace"), False
    what = sniff_not_html(data)
    if what:
        raise NotHTMLError(f"payload is a {what}, not HTML")
    declared = declared_encoding(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), False
        except UnicodeDecodeError:
            # a wrong declaration: prefer UTF-8 when the bytes are valid UTF-8
            try:
                return data.decode("utf-8"), True
            except UnicodeDecodeError:
                return data.decode(declared, "replace"), False
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        if declared == "utf-8" or exc.start > len(data) - 4:
            # declared UTF-8 (or a truncated last character): browsers replace, so do we
            return data.decode("utf-8", "replace"), False
    return _guess_decode(data), False


def _guess_decode(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: windows-1252 decodes anything
        return data.decode("cp1252", "replace")
    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


_PARSER = lxml_html.HTMLParser(
    remove_comments=True, remove_pis=True, default_doctype=False, huge_tree=True,
    collect_ids=False,
)
# lxml.html's own lookup is a Python callback run for every element proxy the extractor
# touches (thousands per page); it only adds the form-control classes, which extraction never
# uses. A C-level lookup gives every element the same HtmlElement API at a fraction of the cost.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
)
_PARSER.set_element_class_lookup(_LOOKUP)
# The same for bytes known to be UTF-8 (see parse_html).
_UTF8_PARSER = lxml_html.HTMLParser(
    remove_comments=True, remove_pis=True, default_doctype=False, huge_tree=True,
    collect_ids=False, encoding="utf-8",
)
_UTF8_PARSER.set_element_class_lookup(_LOOKUP)

_XML_DECL_START = re.compile(r"\s*<\?xml")


def parse_html(text: str, utf8: bytes | None = None) -> etree._Element:
    """Parse decoded HTML once; the root <html> element of the document. `utf8`, when
    given, is `text` encoded as UTF-8: libxml2 then reads those bytes as they are, which
    saves it converting the text back (most pages are UTF-8)."""
    if "\x00" in text:
        text = text.replace("\x00", "")
        utf8 = None
    if _XML_DECL_START.match(text):  # text.lstrip()[:5] == "<?xml", without copying the page
        # lxml refuses str input that carries an encoding declaration
        text = _XML_DECL_TEXT.sub("", text, count=1)
        utf8 = None
    if not text or text.isspace():
        raise EmptyDocumentError("document is empty")
    try:
        if utf8 is not None:
            root = lxml_html.document_fromstring(utf8, parser=_UTF8_PARSER)
        else:
            root = lxml_html.document_fromstring(text, parser=_PARSER)
    except etree.ParserError as exc:  # "Document is empty" and the like
        raise EmptyDocumentError(f"no parseable document: {exc}") from exc
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        raise ParseError(f"HTML parser failed: {exc}") from exc
    if root is None:
        raise EmptyDocumentError("document has no root element")
    return root


def load(html: bytes | str) -> etree._Element:
    """Bytes or text in, parsed document root out (typed errors only)."""
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if not data or data.isspace():
            raise EmptyDocumentError("document is empty")
        text, is_utf8 = _decode(data)
        return parse_html(text, data if is_utf8 else None)
    if isinstance(html, str):
        return parse_html(html)
    raise ParseError(f"expected bytes or str, got {type(html).__name__}")
