"""Downloading GeoNames country dumps (``XX.zip``) and the admin code tables.

Each file is written to ``NAME.part`` and renamed when complete (a half download never
looks like a dump); an interrupted download resumes from the ``.part`` with a Range request
(a server that ignores it sends the whole file again, which replaces the part).  A file
already complete is downloaded again only when the server says it changed (If-Modified-Since).
Progress goes to a text stream, one line per file plus a running percentage on a terminal.
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

__all__ = ["ADMIN_FILES", "DEFAULT_BASE_URL", "DownloadError", "download_dumps", "fetch_file"]

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
ADMIN_FILES = ("admin1CodesASCII.txt", "admin2Codes.txt")
_CHUNK = 1 << 16


class DownloadError(Exception):
    """A file could not be fetched; the message names it and says why."""


def fetch_file(client, url: str, dest: Path, progress: TextIO | None = None) -> bool:
    """Fetch *url* into *dest* atomically, resuming ``dest.part``.  Returns False when the
    server says an existing *dest* is current (304)."""
    import httpx

    part = dest.with_name(dest.name + ".part")
    headers = {}
    have = part.stat().st_size if part.exists() else 0
    if have:
        headers["Range"] = f"bytes={have}-"
    elif dest.exists():
        headers["If-Modified-Since"] = email.utils.formatdate(dest.stat().st_mtime, usegmt=True)
    try:
        with client.stream("GET", url, headers=headers) as resp:
            if resp.status_code == 304:
                if progress:
                    print(f"{dest.name}: up to date", file=progress)
                return False
            if resp.status_code == 416 and have:  # the part is already whole
                os.replace(part, dest)
                return True
            if resp.status_code not in (200, 206):
                raise DownloadError(f"{url}: HTTP {resp.status_code}")
            mode = "ab" if resp.status_code == 206 else "wb"
            done = have if mode == "ab" else 0
            total = resp.headers.get("content-length")
            total_n = int(total) + done if total and total.isdigit() else None
            tty = progress is not None and progress.isatty()
            last = 0.0
            with open(part, mode) as fh:
                for chunk in resp.iter_bytes(_CHUNK):
                    fh.write(chunk)
                    done += len(chunk)
                    if tty and total_n and time.monotonic() - last > 0.2:
                        last = time.monotonic()
                        print(f"\r{dest.name}: {done * 100 // total_n}% of "
                              f"{total_n / 1e6:.1f} MB", end="", file=progress, flush=True)
            if total_n is not None and done < total_n:
                raise DownloadError(f"{url}: connection closed at {done:,} of {total_n:,} "
                                    "bytes; run the command again to resume")
    except httpx.HTTPError as exc:
        raise DownloadError(f"{url}: {exc.__class__.__name__}: {exc}; run the command again "
                            "to resume") from None
    os.replace(part, dest)
    if progress:
        if progress.isatty():
            print("\r", end="", file=progress)
        print(f"{dest.name}: {done / 1e6:.1f} MB", file=progress)
    return True


def download_dumps(countries: Sequence[str], folder: Path, *,
                   base_url: str = DEFAULT_BASE_URL, progress: TextIO | None = None,
                   admin_tables: bool = True) -> list[Path]:
    """Fetch ``XX.zip`` for each country (and the admin code tables) into *folder*.
    Returns the local files, the admin tables last."""
    import httpx

    for cc in countries:
        if len(cc) != 2 or not cc.isalpha():
            raise DownloadError(f"{cc!r} is not a two-letter country code (ML, BF, NE, ...)")
    folder.mkdir(parents=True, exist_ok=True)
    base = base_url if base_url.endswith("/") else base_url + "/"
    names = [f"{cc.upper()}.zip" for cc in countries]
    if admin_tables:
        names += list(ADMIN_FILES)
    out = []
    with httpx.Client(follow_redirects=True, timeout=httpx.Timeout(30.0, read=120.0)) as client:
        for name in names:
            dest = folder / name
            fetch_file(client, base + name, dest, progress)
            out.append(dest)
    return out
