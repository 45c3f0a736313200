"""Small text charts as plain strings (block characters): sparklines and bars.

No Rich or Textual here: the screens and the CLI put these strings in their cells.
"""

from __future__ import annotations

from collections.abc import Sequence

SPARKS = "▁▂▃▄▅▆▇█"
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def sparkline(values: Sequence[float], *, maximum: float | None = None, zero: str = " ") -> str:
    """One character per value, ▁ to █ scaled to ``maximum`` (default: the largest value).
    Zero is ``zero`` (a blank by default) so that empty periods stand out from small ones."""
    if not values:
        return ""
    top = maximum if maximum is not None else max(values)
    out = []
    for v in values:
        if v <= 0 or top <= 0:
            out.append(zero)
        else:
            k = min(len(SPARKS) - 1, max(0, round((v / top) * (len(SPARKS) - 1))))
            out.append(SPARKS[k])
    return "".join(out)


def bar(value: float, maximum: float, width: int = 20) -> str:
    """A horizontal bar of ``width`` cells at most, in eighths of a cell, padded to width."""
    if width <= 0:
        return ""
    if maximum <= 0 or value <= 0:
        return " " * width
    eighths = round(min(1.0, value / maximum) * width * 8)
    eighths = max(1, eighths)  # anything above zero shows
    full, rest = divmod(eighths, 8)
    s = "█" * full + (_EIGHTHS[rest] if rest else "")
    return s.ljust(width)


def bars(values: Sequence[float], width: int = 20) -> list[str]:
    """Bars for a column of values, scaled to the largest."""
    top = max(values, default=0)
    return [bar(v, top, width) for v in values]
