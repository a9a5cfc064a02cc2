"""Text for people: untrusted text made safe to print on a terminal, and counts in words.

Article text, titles, outlets and file names come from anyone. Printed raw, their control
characters act on the user's terminal: ESC sequences set the window title, clear the screen
or hide a hyperlink; a backspace or carriage return overwrites what came before; a
right-to-left override reorders what follows. Everything meant for eyes (tables, warnings,
error lines) goes through ``visible``; tsv, csv and jsonl keep the exact text.
"""

from __future__ import annotations

import regex

# C0 and C1 controls and DEL, bidirectional overrides and isolates, and the other invisible
# format characters (Unicode category Cf: zero-width joiners, BOM, soft hyphen...).
RE_UNSAFE = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")
# Characters with a conventional caret or escape form, so the user sees what the text holds.
NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "^["}


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 article", "2 articles": a count in the user's words."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def _shown(match: regex.Match[str]) -> str:
    char = match.group()
    if char in NAMED:
        return NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control or invisible format character written out as an escape
    (``\\x1b`` as ``^[``, a backspace as ``\\x08``, U+202E as ``\\u202e``), so that printing it
    shows the characters instead of running them. ``keep_newlines`` leaves ``\\n`` as is, for
    messages of several lines."""
    if keep_newlines:
        return "\n".join(RE_UNSAFE.sub(_shown, line) for line in text.split("\n"))
    return RE_UNSAFE.sub(_shown, text)
