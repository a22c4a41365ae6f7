"""Text that must reach the screen as exactly these characters, whatever it holds."""

from __future__ import annotations

import re

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; Streamlit adds its own
# syntax on top (`:emoji:`, `:red[…]`, `$math$`), all built from ASCII punctuation as well.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub-style autolinks ("www.", "https://", "a@b.be") are found in the rendered text, after
# escapes are undone; an invisible word joiner before the "." / "://" / "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(?<=\bwww)(?=\.)|(?<=\w)(?=://)|(?<=\w)(?=@)")
_WORD_JOINER = "\u2060"
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_markdown(text: str) -> str:
    """`text` as Streamlit markdown that shows exactly these characters, line breaks included.

    Every ASCII punctuation mark gets a backslash, so neither the plan's text nor a search
    query can make a link, a heading, an emoji, coloured text, HTML or a formula; web and
    e-mail addresses get an invisible word joiner so they stay plain text. Leading spaces are
    dropped because four of them would start a code block.
    """
    return "  \n".join(_escape_line(line) for line in _LINE_BREAK.split(text))


def _escape_line(line: str) -> str:
    unlinked = _AUTOLINK.sub(_WORD_JOINER, line.lstrip())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", unlinked)
