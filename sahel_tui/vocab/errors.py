"""VocabError and the helpers that find the line of an offending TOML table or key."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["VocabError", "locate_line", "toml_error"]


class VocabError(Exception):
    """A vocabulary file is malformed or holds an invalid entry.

    ``str(err)`` reads ``actors.toml:14: actor "Foo" has unknown type "Rebels" (...)``.
    Attributes: ``path`` (full path or None), ``line`` (1-based or None), ``key`` (the
    offending key or None) and ``message`` (the text after the location).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.key = key
        super().__init__(self._render())

    def _render(self) -> str:
        if self.path is None:
            return self.message
        where = self.path.name
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"

    def __str__(self) -> str:  # keep in sync if attributes are changed after creation
        return self._render()


_TOMLLIB_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def toml_error(path: Path, exc: Exception) -> VocabError:
    """Turn a ``tomllib.TOMLDecodeError`` into a VocabError carrying its line."""
    msg = str(exc)
    m = _TOMLLIB_POS.search(msg)
    line = int(m.group(1)) if m else None
    if m:
        msg = msg[: m.start()] + f" (column {m.group(2)})"
    elif msg.endswith("(at end of document)"):
        line = max(1, len(path.read_text(encoding="utf-8", errors="replace").splitlines()))
    return VocabError(f"invalid TOML: {msg}", path=path, line=line)


def _header_re(table: str) -> re.Pattern[str]:
    return re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")


def locate_line(
    text: str,
    table: str,
    index: int | None = None,
    key: str | None = None,
    value: str | None = None,
) -> int | None:
    """1-based line of ``key`` inside the ``index``-th ``[[table]]`` of ``text``.

    Falls back to the table header line, then (for inline arrays) to the first line
    holding ``key = value`` or the value, else None.
    """
    lines = text.splitlines()
    header = _header_re(table)
    any_header = re.compile(r"^\s*\[")
    key_re = (
        re.compile(r"^\s*(?:" + re.escape(key) + r'|"' + re.escape(key) + r'")\s*=')
        if key
        else None
    )
    if index is not None:
        starts = [i for i, ln in enumerate(lines) if header.match(ln)]
        if index < len(starts):
            start = starts[index]
            if key_re is None:
                return start + 1
            for j in range(start + 1, len(lines)):
                if any_header.match(lines[j]):
                    break
                if key_re.match(lines[j]):
                    return j + 1
            return start + 1
    if value is not None:
        needle = value if value.startswith('"') else f'"{value}"'
        if key:
            kv = re.compile(re.escape(key) + r"\s*=\s*" + re.escape(needle))
            for i, ln in enumerate(lines):
                if kv.search(ln):
                    return i + 1
        for i, ln in enumerate(lines):
            if needle in ln:
                return i + 1
    return None
