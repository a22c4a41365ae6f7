"""The bytes of a CSV file as text: UTF-8, Windows-1252, or a mix of both read place by place.

Excel in Belgium saves CSV as Windows-1252 ("CSV (gescheiden door lijstscheidingsteken)") or
as UTF-8 with a byte-order mark ("CSV UTF-8"); design §2 says both must load exactly. A file
can also hold both: a UTF-8 file in which someone typed one "é" with an editor set to
Windows-1252, or a UTF-8 "…" pasted into a Windows-1252 file. Reading such a file wholly as
one encoding garbles the other's every cell ("duurzaam bouwen â€¦"), so it is read place by
place, and every place read in the minority encoding becomes a note naming its line and bytes.

How a place is read:
- a byte that starts no valid UTF-8 sequence can only be Windows-1252;
- the UTF-8 of Latin-1's letters and signs (C2 A0 to C3 BF: nbsp, é, ë, ç …) and of the
  punctuation block, € and ™ (– — ‘ ’ “ ” … •) is UTF-8: Windows-1252 reads them as "Â ",
  "Ã©", "â€¦", which Dutch or French text never holds;
- any other valid UTF-8 sequence (other alphabets in UTF-8, or "É…" in Windows-1252) follows
  the majority: UTF-8 when the file holds more valid UTF-8 sequences (a byte-order mark
  counting as one) than stray bytes.
A file that is wholly valid UTF-8 is UTF-8, and one without any valid UTF-8 sequence is
Windows-1252, exactly as before.
"""

from __future__ import annotations

import re

from igemo_data.problems import Problem, ServiceDataError
from igemo_data.texts import DEFAULT_LANGUAGE, Phrase

BOM = b"\xef\xbb\xbf"
# Control characters other than tab, newline and carriage return never occur in a text file.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOTES_SHOWN = 10
# Sure UTF-8: these start with C2, C3 or E2, which are never inside another UTF-8 sequence.
_SURE_UTF8 = re.compile(
    rb"\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]|\xe2\x80[\x80-\xbf]|\xe2\x81[\x80-\xaf]"
    rb"|\xe2\x82\xac|\xe2\x84\xa2"
)
_ESCAPED = re.compile("[\udc80-\udcff]+")  # stray bytes, as `surrogateescape` keeps them
_LINE_END = re.compile(r"\r\n|\n|\r")


class NotText(Exception):
    """No encoding makes text of these bytes (the caller says so in its own words)."""


def decode(data: bytes) -> tuple[str, list[str]]:
    """The text of a CSV file (without byte-order mark) and a Dutch note for every place read
    in the minority encoding. Raises `NotText`, or `ServiceDataError` naming the line and
    the byte that is neither UTF-8 nor Windows-1252 in a file that is otherwise text."""
    bom = data.startswith(BOM)
    if bom:
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")  # each stray byte kept as itself
    if NOT_TEXT.search(text):  # binary: no place-by-place reading makes text of it
        raise NotText
    # A stray byte is one byte kept as a surrogate, which "surrogatepass" writes in three.
    strays = (len(text.encode("utf-8", errors="surrogatepass")) - len(data)) // 2
    sequences = len(text) - len(text.encode("ascii", errors="ignore")) - strays
    if sequences + bom > strays:
        return _utf8_with_strays(text)
    if sequences == 0:  # no UTF-8 at all: Windows-1252, as Excel in Belgium saves it
        try:
            return data.decode("cp1252"), []
        except UnicodeDecodeError as error:
            raise NotText from error
    return _cp1252_with_utf8(data)


def _utf8_with_strays(text: str) -> tuple[str, list[str]]:
    """A UTF-8 file: each run of stray bytes is read as Windows-1252, and noted."""
    parts: list[str] = []
    places: list[tuple[int, bytes, str]] = []
    done = 0
    for run in _ESCAPED.finditer(text):
        raw = run.group().encode("utf-8", errors="surrogateescape")
        read = _cp1252_or_refuse(raw, text, run.start())
        parts += [text[done : run.start()], read]
        places.append((run.start(), raw, read))
        done = run.end()
    parts.append(text[done:])
    return "".join(parts), _notes(text, places, "load_read_as_cp1252")


def _cp1252_with_utf8(data: bytes) -> tuple[str, list[str]]:
    """A Windows-1252 file: each sure UTF-8 sequence is read as UTF-8, and noted."""
    text = data.decode("cp1252", errors="surrogateescape")  # offsets stay byte offsets
    parts: list[str] = []
    places: list[tuple[int, bytes, str]] = []
    done = 0
    for sequence in _SURE_UTF8.finditer(data):
        read = sequence.group().decode("utf-8")
        parts += [_cp1252_or_refuse(data[done : sequence.start()], text, done), read]
        places.append((sequence.start(), sequence.group(), read))
        done = sequence.end()
    parts.append(_cp1252_or_refuse(data[done:], text, done))
    return "".join(parts), _notes(text, places, "load_read_as_utf8")


def _cp1252_or_refuse(raw: bytes, text: str, offset: int) -> str:
    """`raw` as Windows-1252; its five unused bytes (81, 8D, 8F, 90, 9D) are refused by line."""
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        line = _lines_at(text, [offset + error.start])[0]
        byte = raw[error.start : error.end].hex(" ").upper()
        rule = Phrase.of("load_byte_unknown")
        raise ServiceDataError([Problem.said(line, "", byte, rule)]) from error


def _notes(text: str, places: list[tuple[int, bytes, str]], key: str) -> list[str]:
    """One Dutch note per place, the first `_NOTES_SHOWN` of them, then how many more."""
    shown = places[:_NOTES_SHOWN]
    lines = _lines_at(text, [offset for offset, _, _ in shown])
    notes = [
        Phrase.of(key, line=line, bytes=raw.hex(" ").upper(), text=read).text(DEFAULT_LANGUAGE)
        for line, (_, raw, read) in zip(lines, shown, strict=True)
    ]
    if len(places) > len(shown):
        more = Phrase.of("load_read_as_more", count=len(places) - len(shown))
        notes.append(more.text(DEFAULT_LANGUAGE))
    return notes


def _lines_at(text: str, offsets: list[int]) -> list[int]:
    """The spreadsheet line of each offset (ascending), as the CSV readers count: a line end
    after an odd number of quotes is inside a quoted field and starts no new line."""
    lines = []
    line, quotes, start = 1, 0, 0
    for offset in offsets:
        for end in _LINE_END.finditer(text, start, offset):
            quotes += text.count('"', start, end.start())
            start = end.end()
            line += quotes % 2 == 0
        lines.append(line)
    return lines
