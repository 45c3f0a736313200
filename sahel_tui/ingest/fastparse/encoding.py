# Ported from feedparser 6: Copyright 2010-2025 Kurt McKee, 2002-2008 Mark Pilgrim; BSD 2-Clause
# licence, reproduced in LICENSE-feedparser.md beside this file.
"""The bytes feedparser hands to its XML parser: encodings.convert_to_utf8, ported.

Only the outcome without a complaint is wanted here: whenever feedparser would flag the
document (a non-XML Content-Type, a declared encoding that does not decode, no encoding that
works) the answer is None and the caller uses feedparser, which reports it its own way.
"""

from __future__ import annotations

import codecs
import re

_EBCDIC = b"\x4c\x6f\xa7\x94"
_UTF16BE = b"\x00\x3c\x00\x3f"
_UTF16LE = b"\x3c\x00\x3f\x00"
_UTF32BE = b"\x00\x00\x00\x3c"
_UTF32LE = b"\x3c\x00\x00\x00"
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*?>")
_XML_PI_ENCODING = re.compile(rb"^<\?.*encoding=['\"](.*?)['\"].*\?>")
_UNICODE_NAMES = ("u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
                  "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2",
                  "ucs-4")
_NEW_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"


def _parse_content_type(line: str) -> tuple[str, str]:
    chunks = line.split(";")
    mime_type = chunks[0].strip()
    charset = ""
    for chunk in chunks[1:]:
        key, _, value = chunk.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return mime_type, charset


def _sniff_bom(data: bytes) -> tuple[str, bytes]:
    if data[:4] == codecs.BOM_UTF32_BE:
        return "utf-32be", data[4:]
    if data[:4] == codecs.BOM_UTF32_LE:
        return "utf-32le", data[4:]
    if data[:2] == codecs.BOM_UTF16_BE and data[2:4] != b"\x00\x00":
        return "utf-16be", data[2:]
    if data[:2] == codecs.BOM_UTF16_LE and data[2:4] != b"\x00\x00":
        return "utf-16le", data[2:]
    if data[:3] == codecs.BOM_UTF8:
        return "utf-8", data[3:]
    for marker, name in ((_EBCDIC, "cp037"), (_UTF16BE, "utf-16be"), (_UTF16LE, "utf-16le"),
                         (_UTF32BE, "utf-32be"), (_UTF32LE, "utf-32le")):
        if data[:4] == marker:
            return name, data
    return "", data


def to_utf8(headers: dict[str, str], data: bytes) -> bytes | None:
    """The document re-encoded as feedparser does it, or None where feedparser complains."""
    bom_encoding, data = _sniff_bom(data)
    xml_encoding = ""
    tempdata = data
    try:
        if bom_encoding:
            tempdata = data.decode(bom_encoding).encode("utf-8")
    except (UnicodeDecodeError, LookupError):
        match = None
    else:
        match = _XML_PI_ENCODING.match(tempdata)
    if match:
        xml_encoding = match.groups()[0].decode("utf-8").lower()
        if bom_encoding and xml_encoding in _UNICODE_NAMES:
            xml_encoding = bom_encoding
    content_type, http_encoding = _parse_content_type(headers.get("content-type") or "")
    if content_type in ("application/xml", "application/xml-dtd",
                        "application/xml-external-parsed-entity") or (
            content_type.startswith("application/") and content_type.endswith("+xml")):
        acceptable = True
        encoding = http_encoding or xml_encoding or "utf-8"
    elif content_type in ("text/xml", "text/xml-external-parsed-entity") or (
            content_type.startswith("text/") and content_type.endswith("+xml")):
        acceptable = True
        encoding = http_encoding or "us-ascii"
    elif content_type.startswith("text/"):
        acceptable = False
        encoding = http_encoding or "us-ascii"
    elif headers and "content-type" not in headers:
        acceptable = False
        encoding = xml_encoding or "iso-8859-1"
    else:
        acceptable = False
        encoding = xml_encoding or "utf-8"
    if headers and not acceptable:
        return None  # feedparser: NonXMLContentType
    if encoding.lower() == "gb2312":
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None  # feedparser tries other encodings and says so
    if _XML_DECLARATION.search(text):
        text = _XML_DECLARATION.sub(_NEW_DECLARATION, text)
    else:
        text = _NEW_DECLARATION + "\n" + text
    return text.encode("utf-8")
