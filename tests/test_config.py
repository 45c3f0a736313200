"""feeds.toml: values, mistakes reported as file:line with the key, and where files live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sahel_tui.config import (
    ConfigError,
    FeedConfig,
    append_feeds,
    default_database,
    find_config,
    load_config,
    parse_config,
)

GOOD = """\
# Sahel desk
[settings]
database = "data/desk.db"
concurrency = 4
per_host = 1
timeout = 7
max_bytes = 2_000_000
user_agent = "desk/1.0"

[queries]
"Mali" = "tag:mali"

[keys]
quit = "ctrl+q"

[[feeds]]
url = "https://www.rfi.fr/fr/afrique/rss"
name = "RFI Afrique"
tags = ["fr", "sahel"]
language = "fr"
reliability = "b"

[[feeds]]
url = "https://example.org/atom.xml"
tags = "single-tag"
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "feeds.toml"
    p.write_text(text, encoding="utf-8")
    return p


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, text))
    return str(exc.value)


def test_a_good_config(tmp_path):
    cfg = load_config(write(tmp_path, GOOD))
    s = cfg.settings
    assert s.database == tmp_path.resolve() / "data" / "desk.db"  # relative to feeds.toml
    assert (s.concurrency, s.per_host, s.timeout, s.max_bytes, s.user_agent) == \
        (4, 1, 7.0, 2_000_000, "desk/1.0")
    assert isinstance(s.timeout, float)
    rfi, ex = cfg.feeds
    assert rfi == FeedConfig("https://www.rfi.fr/fr/afrique/rss", "RFI Afrique", ("fr", "sahel"),
                             "fr", "B", True)
    assert (ex.name, ex.tags, ex.enabled, ex.reliability) == \
        ("https://example.org/atom.xml", ("single-tag",), False, "F")
    assert cfg.enabled_feeds == [rfi]
    assert cfg.queries == {"Mali": "tag:mali"} and cfg.keys == {"quit": "ctrl+q"}
    assert cfg.warnings == []


def test_toml_syntax_error_names_file_and_line(tmp_path):
    msg = error_of(tmp_path, '[[feeds]]\nurl = "https://a.example/rss"\nname = RFI\n')
    assert re.search(r"feeds\.toml:3: ", msg), msg
    assert "TOML syntax error" in msg


@pytest.mark.parametrize(
    ("body", "line", "key"),
    [
        ('url = "https://a/"\nreliability = 3', 4, "reliability"),
        ('url = "https://a/"\nreliability = "G"', 4, "reliability"),
        ('url = "https://a/"\nname = "x"\ntags = [1, 2]', 5, "tags"),
        ('url = "https://a/"\ntags = 5', 4, "tags"),
        ('url = "https://a/"\nenabled = "yes"', 4, "enabled"),
        ('url = "https://a/"\nlanguage = 33', 4, "language"),
        ('url = "https://a/"\nname = ["a"]', 4, "name"),
        ('name = "no url here"', 2, "url"),
        ('url = ""', 2, "url"),
        ("url = 42", 2, "url"),
    ],
)
def test_wrong_feed_values_name_line_and_key(tmp_path, body, line, key):
    text = '# my feeds\n[[feeds]]\nurl = "https://ok.example/"\n\n[[feeds]]\n' + body + "\n"
    # the mistake is in the second feed, whose table starts on line 5
    msg = error_of(tmp_path, text)
    expected_line = line + 3 if key != "url" else 5
    assert f"feeds.toml:{expected_line}:" in msg, msg
    assert key in msg and "feed #2" in msg


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/rss", "https://[::1/rss", "http:///rss",
                                 "https://:80/rss"])
def test_unusable_url_is_a_config_error(tmp_path, url):
    msg = error_of(tmp_path, f'[[feeds]]\nname = "x"\nurl = "{url}"\n')
    assert "feeds.toml:3:" in msg and "'url' is not a valid URL" in msg


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [("timeout", '"fast"', "number"), ("concurrency", "0", "greater than 0"),
     ("per_host", "true", "int"), ("max_bytes", "-1", "greater than 0"),
     ("database", "5", "str")],
)
def test_wrong_settings_name_line_and_key(tmp_path, setting, value, words):
    msg = error_of(tmp_path, f"[settings]\nuser_agent = \"x\"\n{setting} = {value}\n")
    assert "feeds.toml:3:" in msg and f"settings.{setting}" in msg and words in msg


def test_wrong_shapes(tmp_path):
    assert "feeds.toml:1:" in error_of(tmp_path, 'feeds = "https://a/"\n')
    assert "feeds.toml:1:" in error_of(tmp_path, "settings = 3\n")
    msg = error_of(tmp_path, '[queries]\n"x" = "tag:x"\n"bad" = 3\n')
    assert "feeds.toml:3:" in msg and "queries.bad" in msg


def test_unknown_keys_are_warnings_with_lines(tmp_path):
    cfg = load_config(write(tmp_path, (
        "colour = 'red'\n"            # 1
        "[settings]\n"                # 2
        "timeout = 5\n"               # 3
        "proxy = 'http://p'\n"        # 4
        "\n"                          # 5
        "[theme]\n"                   # 6
        "dark = true\n"               # 7
        "\n"                          # 8
        "[[feeds]]\n"                 # 9
        "url = 'https://a/'\n"        # 10
        "priority = 1\n"              # 11
    )))
    assert len(cfg.feeds) == 1 and cfg.settings.timeout == 5.0
    text = "\n".join(cfg.warnings)
    assert len(cfg.warnings) == 4, text
    assert re.search(r"feeds\.toml:1: unknown key 'colour'", text)
    assert re.search(r"feeds\.toml:4: unknown key 'settings\.proxy'", text)
    assert re.search(r"feeds\.toml:6: unknown key 'theme'", text)
    assert re.search(r"feeds\.toml:11: unknown key 'priority' in feed #1", text)


def test_duplicate_feed_is_a_warning(tmp_path):
    cfg = load_config(write(tmp_path, "[[feeds]]\nurl = 'https://a/'\nname = 'one'\n\n"
                                      "[[feeds]]\nurl = 'https://a/'\nname = 'two'\n"))
    assert [f.name for f in cfg.feeds] == ["one"]
    assert "feeds.toml:5:" in cfg.warnings[0] and "listed twice" in cfg.warnings[0]


def test_not_utf8(tmp_path):
    p = tmp_path / "feeds.toml"
    p.write_bytes(b'[[feeds]]\nname = "Radio \xe9\xe9"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(p)


# -- feed URLs -----------------------------------------------------------------------------

def test_plain_paths_resolve_relative_to_feeds_toml(tmp_path, monkeypatch):
    conf = tmp_path / "conf"
    conf.mkdir()
    p = write(conf, "[[feeds]]\nurl = 'local/wire.xml'\n\n[[feeds]]\nurl = '../up.xml'\n\n"
                    "[[feeds]]\nurl = 'file:///srv/feeds/x.xml'\n\n"
                    "[[feeds]]\nurl = 'HTTPS://Example.org/rss'\n\n"
                    "[[feeds]]\nurl = '/abs/feed.xml'\n")
    monkeypatch.chdir(tmp_path)
    urls = [f.url for f in load_config("conf/feeds.toml").feeds]
    assert urls == [
        (conf / "local" / "wire.xml").resolve().as_uri(),
        (tmp_path / "up.xml").resolve().as_uri(),
        "file:///srv/feeds/x.xml",
        "HTTPS://Example.org/rss",
        "file:///abs/feed.xml",
    ]
    assert p.exists()


def test_home_in_paths_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    cfg = load_config(write(tmp_path, "[[feeds]]\nurl = '~/feeds/a.xml'\n"))
    assert cfg.feeds[0].url == (tmp_path / "feeds" / "a.xml").resolve().as_uri()


# -- where feeds.toml and the database are ------------------------------------------------

def test_config_and_db_flags_take_precedence(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    write(cwd, "[[feeds]]\nurl = 'https://cwd/'\n")
    other = tmp_path / "other"
    other.mkdir()
    explicit = write(other, "[settings]\ndatabase = 'x.db'\n[[feeds]]\nurl = 'https://other/'\n")
    monkeypatch.chdir(cwd)
    cfg = load_config(explicit)  # --config beats ./feeds.toml
    assert cfg.path == explicit and cfg.feeds[0].url == "https://other/"
    assert cfg.settings.database == other.resolve() / "x.db"  # [settings] database
    cfg = load_config(explicit, db=tmp_path / "flag.db")  # --db beats the config's
    assert cfg.settings.database == tmp_path / "flag.db"
    cfg = load_config(None, db="rel.db")
    assert cfg.feeds[0].url == "https://cwd/" and cfg.settings.database == Path("rel.db")


def test_feeds_toml_in_cwd_keeps_db_beside_it(tmp_path, monkeypatch):
    write(tmp_path, "[[feeds]]\nurl = 'https://a/'\n")
    monkeypatch.chdir(tmp_path)
    assert find_config() == tmp_path / "feeds.toml"
    cfg = load_config()
    assert cfg.path == tmp_path / "feeds.toml"
    assert cfg.settings.database.resolve() == (tmp_path / "db" / "sahel.db").resolve()


def test_user_config_dir_when_no_local_file(tmp_path, monkeypatch):
    user_conf = tmp_path / "xdg-config"
    user_data = tmp_path / "xdg-data"
    monkeypatch.setenv("SAHEL_TUI_CONFIG_DIR", str(user_conf))
    monkeypatch.setenv("SAHEL_TUI_DATA_DIR", str(user_data))
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    # none at all: an empty config, not an error, and the database in the data dir
    cfg = load_config()
    assert cfg.path is None and cfg.feeds == []
    assert cfg.settings.database == user_data / "sahel.db"
    # the user's own feeds.toml keeps its database in the data dir too
    user_conf.mkdir()
    write(user_conf, "[[feeds]]\nurl = 'https://u/'\n")
    cfg = load_config()
    assert cfg.path == user_conf / "feeds.toml" and cfg.feeds[0].url == "https://u/"
    assert cfg.settings.database == user_data / "sahel.db"
    assert default_database(user_conf / "feeds.toml") == user_data / "sahel.db"


def test_explicit_missing_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")


# -- writing feeds.toml ---------------------------------------------------------------------

def test_append_feeds_keeps_comments_and_round_trips(tmp_path):
    p = write(tmp_path, "# my desk's feeds\n[settings]\ntimeout = 5   # seconds\n")
    feeds = [
        FeedConfig('https://a.example/rss?x=1&y="2"', 'Le "Républicain" \\ Niamey',
                   ("Niger", "fr"), "fr", "C"),
        FeedConfig("https://b.example/atom", "Lake Chad \u2013 notes", (), None, "F", False),
    ]
    append_feeds(p, feeds)
    text = p.read_text(encoding="utf-8")
    assert text.startswith("# my desk's feeds\n") and "timeout = 5   # seconds" in text
    cfg = parse_config(text, p)
    assert cfg.feeds == feeds and cfg.settings.timeout == 5.0
