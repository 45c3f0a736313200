"""`sahel-tui fetch` and `sahel-tui feeds` as an analyst's cron job runs them: a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers_feeds import FIXTURES, TEST_TIMEOUT, news_items, rss
from helpers_http import Response, closed_port_url

from sahel_tui.cli import main
from sahel_tui.opml import read_opml


def run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SAHEL_TUI_CONFIG_DIR=str(home / "config"),
               SAHEL_TUI_DATA_DIR=str(home / "data"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "sahel_tui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def write_feeds(path: Path, urls: list[str], timeout: float = TEST_TIMEOUT) -> Path:
    lines = [f"[settings]\ntimeout = {timeout}\nconnect_timeout = {timeout}\n"]
    lines += [f'[[feeds]]\nurl = "{u}"\nname = "Feed {i}"\n' for i, u in enumerate(urls)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_fetch_prints_one_summary_line(tmp_path, server):
    good = server.route("/good.xml", rss(news_items(3)))
    cfg = write_feeds(tmp_path / "desk.toml", [good, (FIXTURES / "lakechad_monitor.atom").as_uri()])
    db = tmp_path / "out" / "desk.db"
    r = run(["fetch", "--config", str(cfg), "--db", str(db)], tmp_path, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fetched 2/2 feeds ok, 5 new items")
    assert str(db) in lines[0] and db.exists()
    assert server.requests_for("/good.xml")[0].header("User-Agent").startswith("sahel-tui/")

    # --quiet: nothing at all when every feed is fine
    r = run(["fetch", "--quiet", "--config", str(cfg), "--db", str(db)], tmp_path, tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_fetch_with_some_failures(tmp_path, server):
    good = server.route("/good.xml", rss(news_items(2)))
    broken = server.route("/broken.xml", Response(500, b"oops", content_type="text/plain"))
    refused = closed_port_url("/refused.xml")
    cfg = write_feeds(tmp_path / "feeds.toml", [good, broken, refused])
    r = run(["fetch", "-q", "--config", str(cfg), "--db", str(tmp_path / "d.db")],
            tmp_path, tmp_path)
    assert r.returncode == 0  # something was fetched
    errors = r.stderr.splitlines()
    assert len(errors) == 2, r.stderr
    assert any(broken in e and "HTTP 500" in e for e in errors)
    assert any(refused in e for e in errors)
    assert all(e.startswith("sahel-tui: ") for e in errors)
    assert "Traceback" not in r.stderr + r.stdout
    # with failures, --quiet still prints the summary (cron mails it)
    assert r.stdout.startswith("fetched 1/3 feeds ok, 2 new items") and "2 failed" in r.stdout


def test_fetch_where_nothing_could_be_fetched(tmp_path):
    urls = [closed_port_url("/a.xml"), (tmp_path / "missing.xml").as_uri()]
    cfg = write_feeds(tmp_path / "feeds.toml", urls)
    r = run(["fetch", "--config", str(cfg), "--db", str(tmp_path / "d.db")], tmp_path, tmp_path)
    assert r.returncode != 0
    errors = r.stderr.splitlines()
    assert len(errors) == 2 and all(any(u in e for u in urls) for e in errors)
    assert "Traceback" not in r.stderr


def test_malformed_feeds_toml_exits_2_with_file_and_line(tmp_path):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text('[[feeds]]\nurl = "https://a.example/rss"\nreliability = "Z"\n')
    r = run(["fetch"], tmp_path, tmp_path)  # ./feeds.toml found in the cwd
    assert r.returncode == 2
    assert "feeds.toml:3:" in r.stderr and "reliability" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1
    assert r.stdout == ""


# -- the same entry point in-process (cheaper) for the rest ----------------------------------

def test_toml_syntax_error_in_process(tmp_path, capsys):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text("[[feeds]\nurl = 1\n")
    assert main(["fetch", "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert "feeds.toml:1:" in err and "TOML syntax error" in err and len(err.splitlines()) == 1


def test_opml_import_then_export_round_trips(tmp_path, capsys):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text("# my desk\n[[feeds]]\nurl = \"https://www.rfi.fr/fr/afrique/rss\"\n"
                   "name = \"RFI (mine)\"\n", encoding="utf-8")
    code = main(["feeds", "import-opml", str(FIXTURES / "subscriptions.opml"),
                 "--config", str(cfg), "--reliability", "c"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "imported 3 feeds" in out and "1 already there" in out
    assert "scheme 'itpc:'" in err  # the podcast, as a warning
    text = cfg.read_text(encoding="utf-8")
    assert text.startswith("# my desk\n") and 'reliability = "C"' in text

    exported_file = tmp_path / "export.opml"
    assert main(["feeds", "export-opml", "--config", str(cfg), "-o", str(exported_file)]) == 0
    # and to stdout, the same document
    assert main(["--config", str(cfg), "feeds", "export-opml"]) == 0
    stdout = capsys.readouterr().out
    assert "<outline" in stdout and stdout.count("<outline") == 4
    exported = read_opml(exported_file)
    original = read_opml(FIXTURES / "subscriptions.opml")
    got = {f.url: (f.name, f.tags) for f in exported.feeds}
    assert len(got) == 4
    for f in original.feeds:
        if f.url == "https://www.rfi.fr/fr/afrique/rss":
            assert got[f.url] == ("RFI (mine)", ())  # the analyst's entry was kept
        else:
            assert got[f.url] == (f.name, f.tags)
    assert 'category="Sahel,Mali,sahel,mali,security"' in exported_file.read_text("utf-8")
    # importing again adds nothing
    assert main(["feeds", "import-opml", str(exported_file), "--config", str(cfg)]) == 0
    assert "imported 0 feeds" in capsys.readouterr().out


def test_import_of_a_broken_opml_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body>")  # nothing to recover
    assert main(["feeds", "import-opml", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1:" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "feeds.toml").exists()
    assert main(["feeds", "import-opml", str(bad), "--reliability", "Q"]) == 2


def test_fetch_full_text_from_cron(tmp_path, server):
    """`sahel-tui fetch --full-text`: the articles after the feeds; a failed page is a stored
    reason, not an error of the run."""
    body = ("<html><body><article>" + "".join(
        f"<p>Paragraph {i}: soldiers and residents described the attack on the market of "
        f"Djibo to our correspondent, who counted the burned shops one by one.</p>"
        for i in range(6)) + "</article></body></html>").encode()
    ok = server.route("/a/ok.html", Response(body=body, content_type="text/html"))
    missing = server.url("/a/missing.html")
    items = [{"title": "Djibo", "link": ok, "guid": ok, "description": "<p>Teaser.</p>"},
             {"title": "Other", "link": missing, "guid": missing, "description": "<p>T.</p>"}]
    feed = server.route("/feed.xml", rss(items))
    cfg = write_feeds(tmp_path / "feeds.toml", [feed])
    db = tmp_path / "d.db"
    r = run(["fetch", "--config", str(cfg), "--db", str(db)], tmp_path, tmp_path)
    assert r.returncode == 0 and "articles" not in r.stdout  # not opted in
    assert server.hits("/a/ok.html") == 0
    r = run(["fetch", "--full-text", "--config", str(cfg), "--db", str(db)], tmp_path, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "articles: 1 article stored, 1 failed"
    assert "article of item" in r.stderr and "HTTP 404" in r.stderr
    # --quiet from cron: nothing printed for the articles (their failures are in the app)
    r = run(["fetch", "-q", "--full-text", "--config", str(cfg), "--db", str(db)],
            tmp_path, tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
