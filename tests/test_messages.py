"""Messages that named the wrong thing or the wrong place (issue #11, item 19): each test is
named after the message that was wrong."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from test_export_fixture import build

from sahel_tui.cli import main
from sahel_tui.config import ConfigError, load_config, no_feeds_message
from sahel_tui.opml import parse_opml
from sahel_tui.store.backup import BackupError, backup

# -- feeds.toml and OPML: a URL with a scheme we do not read ---------------------------------------


@pytest.mark.parametrize(("url", "scheme", "hint"), [
    ("htp://example.org/rss", "htp", "did you mean http://"),
    ("htps://example.org/rss", "htps", "did you mean https://"),
    ("ftp://example.org/rss", "ftp", ""),
    ("gopher://example.org/rss", "gopher", ""),
])
def test_a_feed_url_with_another_scheme_is_refused_not_read_as_a_relative_path(
        tmp_path, url, scheme, hint):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text(f'[[feeds]]\nurl = "https://ok.example/"\n\n[[feeds]]\nname = "x"\n'
                   f'url = "{url}"\n', "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    msg = str(exc.value)
    assert msg.startswith(f"{cfg}:6:") and "feed #2" in msg and "'url'" in msg, msg
    assert f"scheme '{scheme}:'" in msg and hint in msg and "file:///" not in msg, msg


def test_paths_and_file_urls_are_still_feeds_in_feeds_toml(tmp_path):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text('[[feeds]]\nurl = "feeds/a.xml"\n[[feeds]]\nurl = "file:///srv/b.xml"\n'
                   '[[feeds]]\nurl = "HTTPS://c.example/rss"\n', "utf-8")
    urls = [f.url for f in load_config(cfg).feeds]
    assert urls == [(tmp_path / "feeds" / "a.xml").as_uri(), "file:///srv/b.xml",
                    "HTTPS://c.example/rss"]


def test_an_opml_feed_with_another_scheme_is_skipped_naming_line_field_and_scheme():
    data = (b'<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
            b'<outline text="Typo" xmlUrl="htp://a.example/rss"/>\n'
            b'<outline text="Old" xmlUrl="ftp://b.example/rss"/>\n'
            b'<outline text="Path" xmlUrl="feeds/c.xml"/>\n'
            b'<outline text="Good" xmlUrl="https://d.example/rss?a=1&amp;b=2"/>\n'
            b'<outline text="Typo again" xmlUrl="htp://a.example/rss"/>\n'
            b'</body></opml>')
    r = parse_opml(data, "list.opml")
    assert [f.url for f in r.feeds] == ["https://d.example/rss?a=1&b=2"]
    typo, old, path, again = r.warnings
    assert typo.startswith("list.opml:3:") and "xmlUrl" in typo and "scheme 'htp:'" in typo
    assert "did you mean http://" in typo
    assert old.startswith("list.opml:4:") and "scheme 'ftp:'" in old
    assert path.startswith("list.opml:5:") and "is a path" in path
    assert again.startswith("list.opml:7:")  # the second occurrence, not the first


# -- feeds = [1, 2] ------------------------------------------------------------------------------


@pytest.mark.parametrize("text,line", [
    ("# desk\n\nfeeds = [1, 2]\n", 3),
    ('# desk\n[settings]\nconcurrency = 2\n\n[[ feeds ]]\nurl = 5\n', 5),
])
def test_feeds_of_the_wrong_shape_are_reported_at_their_line_not_line_0(tmp_path, text, line):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert str(exc.value).startswith(f"{cfg}:{line}: feed #1"), exc.value


# -- "No feeds configured" --------------------------------------------------------------------------


def test_no_feeds_configured_names_the_feeds_toml_it_read(tmp_path, capsys):
    cfg = tmp_path / "desk.toml"
    cfg.write_text(f'[settings]\ndatabase = "{tmp_path / "x.db"}"\n', "utf-8")
    assert main(["fetch", "--config", str(cfg)]) == 1
    err = capsys.readouterr().err
    assert f"no feeds configured in {cfg}" in err and "Traceback" not in err
    cfg.write_text('[[feeds]]\nurl = "https://a.example/"\nenabled = false\n', "utf-8")
    assert main(["fetch", "--config", str(cfg)]) == 1
    assert f"no enabled feeds in {cfg}: its 1 feed is disabled" in capsys.readouterr().err


def test_no_feeds_configured_without_any_feeds_toml_says_where_it_looked(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SAHEL_TUI_CONFIG_DIR", str(tmp_path / "conf"))
    monkeypatch.setenv("SAHEL_TUI_DATA_DIR", str(tmp_path / "data"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["fetch"]) == 1
    err = capsys.readouterr().err
    assert str(work / "feeds.toml") in err and str(tmp_path / "conf" / "feeds.toml") in err, err
    assert "--config" in err


async def test_r_in_the_app_without_feeds_names_the_feeds_toml(tmp_path):
    from uidata import make_db

    from sahel_tui.ui.app import SahelApp

    config = make_db(tmp_path / "ui.db")
    cfg = tmp_path / "desk.toml"
    config = replace(config, path=cfg, feeds=[])
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(f"No feeds configured in {cfg}" in m for m in said), said
        assert no_feeds_message(config) in said[-1][0].lower() + said[-1][1:]


# -- backup: the source's problem names the source ----------------------------------------------


def test_backup_of_a_file_that_is_no_sahel_database_names_the_source_not_the_target(tmp_path):
    target = tmp_path / "copy.db"
    empty = tmp_path / "empty.db"
    empty.touch()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite at all " * 100)
    for source, words in ((empty, "empty"), (other, "not a sahel-tui database"),
                          (garbage, "not a database")):
        with pytest.raises(BackupError) as exc:
            backup(source, target)
        msg = str(exc.value)
        assert msg.startswith(f"{source}:") and words in msg and str(target) not in msg, msg
        assert not target.exists() and not list(tmp_path.glob(".copy.db*"))


def test_backup_of_a_locked_source_names_the_source(tmp_path, monkeypatch):
    import sahel_tui.store.db as db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    source = tmp_path / "a.db"
    build(source)
    holder = sqlite3.connect(source, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # a rollback journal: writers block readers
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(BackupError) as exc:
            backup(source, tmp_path / "copy.db")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    msg = str(exc.value)
    assert msg.startswith(f"{source}:") and "busy" in msg and "copy.db" not in msg, msg


def test_backup_into_a_missing_folder_names_the_folder(tmp_path, capsys):
    build(tmp_path / "a.db")
    target = tmp_path / "no" / "such" / "copy.db"
    assert main(["backup", "--db", str(tmp_path / "a.db"), str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: cannot write the copy there: the folder {target.parent} does not exist" \
        in err, err


def test_import_of_a_folder_says_it_is_a_folder_not_no_such_file(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["import", "--db", str(tmp_path / "a.db"), str(folder)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "no such file" not in err

