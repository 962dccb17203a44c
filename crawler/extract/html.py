"""Decoding page bytes the way a browser would, and the one lxml parse per page.

Order of evidence for the encoding (WHATWG-like, kept cheap): byte order mark, then the HTTP
charset (when the caller has the Content-Type; parsed by w3lib, as Scrapy does), then a
`<meta charset>` / `http-equiv` declaration (or an XML declaration) in the first bytes. A
declaration is checked against the bytes, because pages lie: bytes that are valid UTF-8 with
non-ASCII characters are UTF-8 whatever a legacy label says, and bytes that the declared
encoding cannot decode (an Arabic windows-1256 page labelled UTF-8) are not in it. Pages with
a lying declaration or none that are not UTF-8 are decoded with the encoding bs4's
UnicodeDammit detects (declared encodings it has ruled out excluded). Non-HTML payloads (PDF,
images, archives, mostly-NUL binaries) are refused with NotHTMLError before the parser sees
them.
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


def decode_html(data: bytes, *, content_type: str | None = None) -> str:
    """Decode page bytes to text like a browser would; refuse non-HTML payloads.
    `content_type`: the HTTP Content-Type header, whose charset comes first when present."""
    return _decode(data, content_type)[0]


# A page labelled UTF-8 whose bytes are not all valid UTF-8 is still UTF-8 when its invalid
# bytes are this few (a damaged page: browsers show U+FFFD for them)...
UTF8_STRAY_BYTES = 8
# ...or when its valid multi-byte characters outnumber its invalid bytes this many times over
# (text in another encoding forms almost no valid multi-byte sequences).
UTF8_VALID_PER_INVALID = 4
# Bytes of the page the encoding detector reads (detection cost grows with the input; the
# first 64 KB of a page hold its head and the start of its text).
DETECT_BYTES = 65536


def _decode(data: bytes, content_type: str | None = None) -> tuple[str, bool]:
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
    declared = _http_charset(content_type) or declared_encoding(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(data) - 4:
            # only the last character is broken: a UTF-8 page cut short, unless all before it
            # is ASCII (then the declared encoding reads the last bytes)
            if declared and declared != "utf-8" and data[:exc.start].isascii():
                return _decode_as(data, declared), False
            return data.decode("utf-8", "replace"), False
        if declared == "utf-8" and _mostly_utf8(data):
            return data.decode("utf-8", "replace"), False
    else:
        # valid UTF-8: ASCII reads alike in every label we accept; non-ASCII valid UTF-8 is
        # UTF-8 whatever the label (legacy text almost never forms valid sequences)
        return text, True
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), False
        except UnicodeDecodeError:
            pass  # the declaration lies too
    return _detect_decode(data, exclude=_labels_of(declared) if declared else ()), False


def _http_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    from w3lib.encoding import http_content_type_encoding

    label = http_content_type_encoding(content_type)
    return _normalise_label(label) if label else None


def _labels_of(codec: str) -> tuple[str, ...]:
    """The labels a page may use for a codec ruled out (bs4 compares labels as written)."""
    labels = {codec, *(label for label, target in _ALIASES.items()
                       if _normalise_label(target) == codec)}
    if codec.startswith("cp12"):
        labels.add("windows-" + codec[2:])
    if codec == "utf-8":
        labels.add("utf8")
    return tuple(sorted(labels))


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes labelled UTF-8 that fail to decode are still UTF-8 with a few bad bytes."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD the page wrote
    if invalid <= UTF8_STRAY_BYTES:
        return True
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - invalid >= invalid * UTF8_VALID_PER_INVALID


def _detect_decode(data: bytes, *, exclude: tuple[str, ...]) -> str:
    """Text of a page whose encoding no declaration gives: the encoding bs4's UnicodeDammit
    finds in its first DETECT_BYTES (a still-valid declaration first, then chardet or
    charset_normalizer, then windows-1252, which decodes every byte)."""
    from bs4 import UnicodeDammit

    sample = data[:DETECT_BYTES]
    if len(data) > DETECT_BYTES:
        # end the sample on an ASCII byte, not inside a multi-byte character
        cut = sample.rfind(b"<")
        sample = sample[:cut] if cut > 0 else sample
    dammit = UnicodeDammit(sample, is_html=True, exclude_encodings=list(exclude))
    encoding = dammit.original_encoding
    if encoding:
        name = _normalise_label(encoding)
        if name:
            return _decode_as(data, name)
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
    # (UTF-8 writes U+0000 as the byte 0 and uses that byte for nothing else: the bytes are
    # searched when given, at a fraction of the cost of searching a wide str)
    if (b"\x00" in utf8) if utf8 is not None else ("\x00" in text):
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
