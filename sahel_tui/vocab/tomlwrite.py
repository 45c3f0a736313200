"""A minimal TOML writer for the analyst's extension files (no third-party writer).

Only what the extension files need: strings, ints, finite floats, bools and lists of
those, rendered as one ``[[table]]`` block that is appended to a file.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["append_block", "render_array_table", "toml_value"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(v: Any) -> str:
    """TOML literal of a str/int/float/bool or a list of them."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"cannot write non-finite float {v!r} to TOML")
        return repr(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _key(k: str) -> str:
    return k if _BARE_KEY.match(k) else _toml_string(k)


def render_array_table(table: str, values: Mapping[str, Any], comment: str = "") -> str:
    """``[[table]]`` block with one ``key = value`` line per non-None value."""
    lines = []
    if comment:
        lines.extend("# " + c for c in comment.splitlines())
    lines.append(f"[[{table}]]")
    for k, v in values.items():
        if v is None or (isinstance(v, (list, tuple)) and not v):
            continue
        lines.append(f"{_key(k)} = {toml_value(v)}")
    return "\n".join(lines) + "\n"


def append_block(path: Path, block: str, header: str = "") -> str:
    """Append *block* to the TOML file at *path* (created with *header* if missing).

    The result is parsed before it replaces the file (atomically), so a file that would
    become invalid is left untouched and ``tomllib.TOMLDecodeError`` is raised.
    Returns the new text.
    """
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else header
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    new = old + sep + block
    tomllib.loads(new)  # raises on a conflict with what the file already holds
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(new)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return new
