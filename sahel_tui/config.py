"""feeds.toml: the analyst's list of feeds, settings, saved queries and key overrides.

Errors name the file, the line and the key; unknown keys are warnings, not errors, so a
config written for a newer version still loads.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sahel_tui import paths

RELIABILITY = "ABCDEF"
CONFIG_NAME = "feeds.toml"
DEFAULT_USER_AGENT = "sahel-tui/0.1 (feed reader for conflict analysis)"


class ConfigError(Exception):
    """A mistake in feeds.toml; the message says where."""


@dataclass(frozen=True)
class FeedConfig:
    url: str
    name: str
    tags: tuple[str, ...] = ()
    language: str | None = None
    reliability: str = "F"
    enabled: bool = True
    full_text: bool | None = None  # fetch the linked articles; None: settings.full_text


@dataclass(frozen=True)
class Settings:
    database: Path
    concurrency: int = 8
    per_host: int = 2
    timeout: float = 20.0
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT
    # full articles (opt-in): their own, lower limits than the feeds'
    full_text: bool = False
    full_text_concurrency: int = 4
    full_text_per_host: int = 1
    full_text_delay: float = 1.0  # seconds between two pages of one host
    full_text_max_bytes: int = 3 * 1024 * 1024
    full_text_attempts: int = 3  # a failing page is tried at most this many times
    # the imported gazetteer: countries matched (empty: the imported ones plus the focus
    # countries) and where `gazetteer download` fetches (empty: GeoNames' own dump folder)
    countries: tuple[str, ...] = ()
    gazetteer_url: str = ""


@dataclass
class Config:
    path: Path | None
    settings: Settings
    feeds: list[FeedConfig] = field(default_factory=list)
    queries: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def enabled_feeds(self) -> list[FeedConfig]:
        return [f for f in self.feeds if f.enabled]

    def full_text_urls(self) -> set[str]:
        """The feeds.toml URLs of the feeds whose articles are fetched."""
        default = self.settings.full_text
        return {f.url for f in self.feeds
                if f.enabled and (default if f.full_text is None else f.full_text)}


# key -> (type(s), default) ; the type check is done by _check below
_SETTINGS_KEYS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "database": (str, None),
    "concurrency": (int, 8),
    "per_host": (int, 2),
    "timeout": ((int, float), 20.0),
    "connect_timeout": ((int, float), 10.0),
    "max_bytes": (int, 10 * 1024 * 1024),
    "user_agent": (str, DEFAULT_USER_AGENT),
    "full_text": (bool, False),
    "full_text_concurrency": (int, 4),
    "full_text_per_host": (int, 1),
    "full_text_delay": ((int, float), 1.0),
    "full_text_max_bytes": (int, 3 * 1024 * 1024),
    "full_text_attempts": (int, 3),
    "countries": (list, ()),
    "gazetteer_url": (str, ""),
}
_POSITIVE = ("concurrency", "per_host", "max_bytes", "timeout", "connect_timeout",
             "full_text_concurrency", "full_text_per_host", "full_text_max_bytes",
             "full_text_attempts")
_FEED_KEYS = {"url", "name", "tags", "language", "reliability", "enabled", "full_text"}
_TOP_KEYS = {"settings", "feeds", "queries", "keys"}


class _Locator:
    """Finds the line of a key inside feeds.toml's text, for error messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._heads: dict[str, list[int]] = {}

    def _header_lines(self, header: str) -> list[int]:
        # computed once per header: asked for every [[feeds]] table, a rescan each time
        # would make a long feed list (an OPML import of hundreds) quadratic to load
        if header not in self._heads:
            # [[feeds]], [[ feeds ]] and [["feeds"]] are the same header to TOML
            name, double = header.strip("[] "), header.startswith("[[")
            opening, closing = (r"\[\[", r"\]\]") if double else (r"\[", r"\]")
            pat = re.compile(r"^\s*" + opening + r"\s*(\"?)" + re.escape(name) + r"\1\s*"
                             + closing + r"\s*(#.*)?$")
            self._heads[header] = [i for i, line in enumerate(self.lines) if pat.match(line)]
        return self._heads[header]

    def line(self, header: str | None, key: str | None = None, index: int = 0) -> int:
        start = 0
        if header:
            heads = self._header_lines(header)
            if index < len(heads):
                start = heads[index]
            else:  # not a table: an inline value (feeds = [1, 2]); its key's line
                return self.line(None, header.strip("[] "))
        if key is None:
            return start + 1
        key_pat = re.compile(r"^\s*(\"?)" + re.escape(key) + r"\1\s*=")
        if not header:  # a top-level key may also be a table: [key] or [[key]]
            key_pat = re.compile(r"^\s*(?:(\"?)" + re.escape(key) + r"\1\s*=|\[\[?\s*\"?"
                                 + re.escape(key) + r"\"?\s*[].])")
        for i in range(start + (1 if header else 0), len(self.lines)):
            if header and i > start and self.lines[i].lstrip().startswith("["):
                break
            if key_pat.match(self.lines[i]):
                return i + 1
        return start + 1


def find_config(explicit: str | Path | None = None) -> Path:
    """--config if given, else ./feeds.toml if present, else the user's config dir."""
    if explicit:
        return Path(explicit).expanduser()
    local = Path.cwd() / CONFIG_NAME
    if local.is_file():
        return local
    return paths.user_config_dir() / CONFIG_NAME


def default_database(config_path: Path) -> Path:
    """./feeds.toml keeps its database in ./db/; the user config uses the data dir."""
    try:
        in_user_dir = config_path.resolve().parent == paths.user_config_dir().resolve()
    except OSError:
        in_user_dir = False
    if in_user_dir:
        return paths.user_data_dir() / "sahel.db"
    return config_path.resolve().parent / "db" / "sahel.db"


def load_config(path: str | Path | None = None, db: str | Path | None = None) -> Config:
    """Load feeds.toml. A missing file gives an empty config (no feeds), not an error."""
    cfg_path = find_config(path)
    if not cfg_path.exists():
        if path:
            raise ConfigError(f"{cfg_path}: no such file")
        settings = Settings(database=Path(db) if db else default_database(cfg_path))
        return Config(path=None, settings=settings)
    try:
        text = cfg_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{cfg_path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{cfg_path}: cannot read ({exc.strerror})") from None
    return parse_config(text, cfg_path, db_override=db)


def config_for_command(args) -> Config:
    """The config a command line asks for: --demo, else --config / --db; warnings go to
    stderr. (Shared by every subcommand, whichever package registers it.)"""
    import sys

    if getattr(args, "demo", False):
        from sahel_tui.demo import demo_config

        return demo_config(db=getattr(args, "db", None))
    config = load_config(getattr(args, "config", None), db=getattr(args, "db", None))
    for warning in config.warnings:
        print(f"sahel-tui: warning: {warning}", file=sys.stderr)
    return config


def demo_hint(args) -> str:
    """For "no database yet": after trying the demo, its database is elsewhere."""
    from sahel_tui.paths import demo_db_path

    if getattr(args, "demo", False) or not demo_db_path().exists():
        return ""
    return f"; the demo's database is {demo_db_path()}: add --demo to use it"


def parse_config(text: str, cfg_path: Path, db_override: str | Path | None = None) -> Config:
    import tomllib  # only when there is a file to read: not paid for by --demo or tests

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"{cfg_path}:{m.group(1)}" if m else str(cfg_path)
        raise ConfigError(f"{where}: TOML syntax error: {msg}") from None
    loc = _Locator(text)
    warnings: list[str] = []
    base = cfg_path.resolve().parent

    def err(line: int, message: str) -> ConfigError:
        return ConfigError(f"{cfg_path}:{line}: {message}")

    for key in data:
        if key not in _TOP_KEYS:
            warnings.append(f"{cfg_path}:{loc.line(None, key)}: unknown key '{key}' ignored")

    raw_settings = data.get("settings", {})
    if not isinstance(raw_settings, dict):
        raise err(loc.line(None, "settings"), "'settings' must be a table ([settings])")
    values: dict[str, Any] = {}
    for key, value in raw_settings.items():
        line = loc.line("[settings]", key)
        if key not in _SETTINGS_KEYS:
            warnings.append(f"{cfg_path}:{line}: unknown key 'settings.{key}' ignored")
            continue
        types, _ = _SETTINGS_KEYS[key]
        if types is bool:
            if not isinstance(value, bool):
                raise err(line, f"settings.{key} must be true or false")
        elif isinstance(value, bool) or not isinstance(value, types):
            want = types.__name__ if isinstance(types, type) else "number"
            raise err(line, f"settings.{key} must be a {want}, not {type(value).__name__}")
        elif key in _POSITIVE and value <= 0:
            raise err(line, f"settings.{key} must be greater than 0")
        elif key == "full_text_delay" and value < 0:
            raise err(line, "settings.full_text_delay must be 0 or more (seconds)")
        elif key == "countries":
            if not all(isinstance(c, str) and len(c) == 2 and c.isalpha() for c in value):
                raise err(line, "settings.countries must list two-letter country codes "
                                '(e.g. ["ML", "BF", "NE"])')
            value = tuple(c.upper() for c in value)
        values[key] = value
    if db_override:
        database = Path(db_override).expanduser()
    elif "database" in values:
        database = Path(values["database"]).expanduser()
        if not database.is_absolute():
            database = base / database
    else:
        database = default_database(cfg_path)
    values["database"] = database
    values["timeout"] = float(values.get("timeout", 20.0))
    values["connect_timeout"] = float(values.get("connect_timeout", 10.0))
    if "full_text_delay" in values:
        values["full_text_delay"] = float(values["full_text_delay"])
    settings = Settings(**values)

    raw_feeds = data.get("feeds", [])
    if not isinstance(raw_feeds, list):
        raise err(loc.line(None, "feeds"), "'feeds' must be an array of tables ([[feeds]])")
    feeds: list[FeedConfig] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_feeds):
        feed = _parse_feed(raw, i, loc, err, warnings, cfg_path, base)
        line = loc.line("[[feeds]]", None, i)
        if feed.url in seen:
            warnings.append(
                f"{cfg_path}:{line}: feed {feed.url} is listed twice "
                f"(first as feed #{seen[feed.url] + 1}); the second is ignored"
            )
            continue
        seen[feed.url] = i
        feeds.append(feed)

    queries = _string_table(data, "queries", loc, err)
    keys = _string_table(data, "keys", loc, err)
    return Config(cfg_path, settings, feeds, queries, keys, warnings)


def _string_table(data: dict, name: str, loc: _Locator, err) -> dict[str, str]:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise err(loc.line(None, name), f"'{name}' must be a table ([{name}])")
    for key, value in raw.items():
        if not isinstance(value, str):
            raise err(loc.line(f"[{name}]", key), f"{name}.{key} must be a string")
    return dict(raw)


def _parse_feed(raw: Any, i: int, loc: _Locator, err, warnings: list[str], cfg_path: Path,
                base: Path) -> FeedConfig:
    head_line = loc.line("[[feeds]]", None, i)
    label = f"feed #{i + 1}"
    if not isinstance(raw, dict):
        raise err(head_line, f"{label} must be a table")

    def line(key: str) -> int:
        return loc.line("[[feeds]]", key, i)

    for key in raw:
        if key not in _FEED_KEYS:
            warnings.append(f"{cfg_path}:{line(key)}: unknown key '{key}' in {label} ignored")
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        raise err(head_line, f"{label} needs a 'url' (a string)")
    scheme = url_scheme(url.strip())
    if scheme and scheme.lower() not in ("http", "https", "file"):
        # else 'htp://host/feed' is read as a relative path and fails at every fetch
        raise err(line("url"), f"{label}: 'url' {url.strip()!r} has the scheme '{scheme}:'; "
                               f"feeds are read over http:// or https://, or from a file "
                               f"(a path or file://)"
                               + (f"; did you mean {close_scheme(scheme)}://?"
                                  if close_scheme(scheme) else ""))
    url = resolve_feed_url(url.strip(), base)
    if not _valid_url(url):  # else it fails at every fetch as an "internal error"
        raise err(line("url"), f"{label}: 'url' is not a valid URL: {url!r}")
    name = raw.get("name", "")
    if not isinstance(name, str):
        raise err(line("name"), f"{label}: 'name' must be a string")
    tags = raw.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise err(line("tags"), f"{label}: 'tags' must be a list of strings")
    language = raw.get("language")
    if language is not None and not isinstance(language, str):
        raise err(line("language"), f"{label}: 'language' must be a string like \"fr\"")
    reliability = raw.get("reliability", "F")
    if not isinstance(reliability, str) or reliability.upper() not in RELIABILITY or len(reliability) != 1:
        raise err(
            line("reliability"),
            f"{label}: 'reliability' must be an Admiralty letter A-F, not {reliability!r}",
        )
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise err(line("enabled"), f"{label}: 'enabled' must be true or false")
    full_text = raw.get("full_text")
    if full_text is not None and not isinstance(full_text, bool):
        raise err(line("full_text"), f"{label}: 'full_text' must be true or false")
    return FeedConfig(
        url=url,
        name=name.strip() or url,
        tags=tuple(t.strip() for t in tags if t.strip()),
        language=language,
        reliability=reliability.upper(),
        enabled=enabled,
        full_text=full_text,
    )


def _valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number 0-65535
    except ValueError:
        return False
    return parts.scheme.lower() == "file" or bool(parts.hostname)


_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def url_scheme(url: str) -> str | None:
    """The scheme a URL is written with ('htp' for 'htp://x'), None for a plain path.
    One letter is a Windows drive (C:), not a scheme."""
    m = _SCHEME_RE.match(url)
    return m.group(1) if m else None


def close_scheme(scheme: str) -> str | None:
    """'http' for a typo of it ('htp', 'htttp'), 'https' for one of that; else None."""
    import difflib

    close = difflib.get_close_matches(scheme.lower(), ["http", "https"], n=1, cutoff=0.6)
    return close[0] if close else None


def no_feeds_message(config: Config) -> str:
    """Why a refresh has nothing to fetch, naming the feeds.toml read (or where none was
    found), for the CLI and the app alike."""
    hint = "add [[feeds]] tables or use `sahel-tui feeds import-opml FILE`"
    if config.path is None:
        local = Path.cwd() / CONFIG_NAME
        user = paths.user_config_dir() / CONFIG_NAME
        return (f"no feeds configured: there is no feeds.toml at {local} or {user} "
                f"(or give one with --config FILE); {hint}")
    if config.feeds:
        return (f"no enabled feeds in {config.path}: its {len(config.feeds)} feed"
                f"{'s are' if len(config.feeds) > 1 else ' is'} disabled (enabled = false)")
    return f"no feeds configured in {config.path}; {hint}"


def resolve_feed_url(url: str, base: Path) -> str:
    """http(s) and file URLs stay as written; a plain path becomes an absolute file:// URL."""
    lowered = url.lower()
    if lowered.startswith(("http://", "https://", "file://")):
        return url
    p = Path(url).expanduser()
    if not p.is_absolute():
        p = base / p
    return p.resolve().as_uri()


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is a subset TOML accepts)."""
    return json.dumps(value, ensure_ascii=False)


def feed_to_toml(feed: FeedConfig) -> str:
    lines = ["[[feeds]]", f"url = {toml_string(feed.url)}", f"name = {toml_string(feed.name)}"]
    if feed.tags:
        lines.append("tags = [" + ", ".join(toml_string(t) for t in feed.tags) + "]")
    if feed.language:
        lines.append(f"language = {toml_string(feed.language)}")
    lines.append(f"reliability = {toml_string(feed.reliability)}")
    lines.append(f"enabled = {'true' if feed.enabled else 'false'}")
    if feed.full_text is not None:
        lines.append(f"full_text = {'true' if feed.full_text else 'false'}")
    return "\n".join(lines) + "\n"


def append_feeds(cfg_path: Path, feeds: list[FeedConfig]) -> None:
    """Append [[feeds]] tables to feeds.toml, keeping the analyst's comments and layout."""
    existing = cfg_path.read_text(encoding="utf-8") if cfg_path.exists() else ""
    chunks = [existing.rstrip("\n") + "\n" if existing.strip() else ""]
    chunks += ["\n" + feed_to_toml(f) for f in feeds]
    cfg_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = cfg_path.with_suffix(cfg_path.suffix + ".tmp")
    tmp.write_text("".join(chunks), encoding="utf-8")
    tmp.replace(cfg_path)
