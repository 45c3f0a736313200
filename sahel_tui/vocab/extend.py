"""Append analyst additions (new places, new actors, new aliases) to the extension files.

The coding screen calls these when the analyst adds a place or an actor; the entry is
validated first (same rules as loading), written as a ``[[places]]`` / ``[[actors]]``
block with an explicit id, and the whole file is re-parsed before it replaces the old one.
After appending, either reload (``load_vocab``) or put the returned object into the live
vocabulary with ``vocab.add_place(...)`` / ``vocab.add_actor(...)``.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Iterable
from pathlib import Path

from .errors import VocabError, toml_error
from .loader import _parse_actors, _parse_user_places, _Src, load_vocab, slugify
from .model import INTER_TYPES, PLACE_KINDS, Actor, Place
from .textnorm import fold_key
from .tomlwrite import append_block, render_array_table

__all__ = ["ACTORS_HEADER", "PLACES_HEADER", "append_actor", "append_actors", "append_alias",
           "append_place"]

PLACES_HEADER = (
    "# Places added by the analyst; merged with the shipped gazetteer by sahel-tui.\n"
    "# Keys: id, name, aliases, kind (admin1|admin2|place), country, admin1, admin2,\n"
    "# latitude, longitude, population, note.  An entry whose id is a known place adds\n"
    "# its aliases to that place.\n"
)
ACTORS_HEADER = (
    "# Actors added by the analyst; merged with the shipped actors by sahel-tui.\n"
    "# Keys: id, name, type, country, area, aliases, note.  An entry whose id or name is a\n"
    "# known actor adds its aliases to that actor.\n"
)


def _stamp() -> str:
    return "added " + _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _user_ids(path: Path, table: str) -> set[str]:
    if not path.exists():
        return set()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc) from None
    return {e.get("id") for e in data.get(table, []) if isinstance(e, dict) and e.get("id")}


def _write(path: Path, block: str, header: str) -> None:
    try:
        append_block(path, block, header)
    except tomllib.TOMLDecodeError as exc:
        raise VocabError(
            f"cannot append: the file would become invalid TOML ({exc})", path=path
        ) from None


def _places_index(vocab) -> dict | None:
    """Name index matching *vocab*'s places (the cached shipped one if unchanged)."""
    sh = vocab._shipped
    if sh is not None and vocab.places.keys() == sh.places.keys() and all(
        vocab.places[k] is sh.places[k] for k in vocab.places
    ):
        return sh.name_index
    return None


def _validate(parse, path: Path, block: str, *args) -> None:
    """Run a loader parse function over *block* alone; errors carry no line (the
    block is not in the file yet)."""
    probe = _Src(path, block, tomllib.loads(block))
    try:
        parse(probe, *args)
    except VocabError as exc:
        raise VocabError(exc.message, path=path, key=exc.key) from None


def append_place(
    user_dir: str | Path,
    *,
    name: str,
    country: str,
    latitude: float | None = None,
    longitude: float | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    aliases: Iterable[str] = (),
    kind: str = "place",
    population: int | None = None,
    id: str | None = None,
    note: str | None = None,
) -> Place:
    """Append a new place to ``<user_dir>/places.toml`` and return it as loaded.

    *country* is an ISO alpha-2 code or a country name; *admin1* must be a known admin1
    of that country (any spelling that folds the same; it is stored canonically).
    Raises VocabError (nothing is written) when the entry is invalid.
    """
    user_dir = Path(user_dir)
    path = user_dir / "places.toml"
    if kind not in PLACE_KINDS:
        raise VocabError(f'unknown kind "{kind}" (expected one of: {", ".join(PLACE_KINDS)})',
                         path=path, key="kind")
    vocab = load_vocab(user_dir)
    cc_country = vocab.country(country)
    cc = cc_country.alpha2 if cc_country else country
    if id is None:
        base = f"user:{cc.lower()}:{slugify(name)}"
        taken = set(vocab.places) | _user_ids(path, "places")
        id, n = base, 2
        while id in taken:
            id, n = f"{base}-{n}", n + 1
    elif id in vocab.places:
        raise VocabError(f'place id "{id}" already exists', path=path, key="id")
    values = {
        "id": id, "name": name, "aliases": list(aliases), "kind": kind, "country": cc,
        "admin1": admin1, "admin2": admin2,
        "latitude": None if latitude is None else round(float(latitude), 4),
        "longitude": None if longitude is None else round(float(longitude), 4),
        "population": population, "note": note,
    }
    block = render_array_table("places", values, _stamp())
    # validate exactly as the loader will, against the live vocabulary, before writing
    places = dict(vocab.places)
    _validate(_parse_user_places, path, block, places, vocab.countries, _places_index(vocab))
    _write(path, block, PLACES_HEADER)
    return places[id]


def append_actor(
    user_dir: str | Path,
    *,
    name: str,
    type: str | None = None,
    country: str | None = None,
    aliases: Iterable[str] = (),
    area: Iterable[str] = (),
    id: str | None = None,
    note: str | None = None,
) -> Actor:
    """Append an actor to ``<user_dir>/actors.toml`` and return it as loaded.

    If *name* (or *id*) is an existing actor, the entry only adds *aliases* (and the
    fields given) to it; otherwise it is a new actor and *type* (an ACLED inter text)
    is required.  Raises VocabError (nothing is written) when the entry is invalid.
    """
    user_dir = Path(user_dir)
    path = user_dir / "actors.toml"
    vocab = load_vocab(user_dir)
    if id is not None:
        existing = vocab.actors.get(id)
    else:
        key = fold_key(name)
        existing = next((a for a in vocab.actors.values() if fold_key(a.name) == key), None)
    if existing is not None:
        id = existing.id
    elif id is None:
        base = "user:" + slugify(name)
        taken = set(vocab.actors) | _user_ids(path, "actors")
        id, n = base, 2
        while id in taken:
            id, n = f"{base}-{n}", n + 1
    if type is not None and type not in INTER_TYPES:
        match = [t for t in INTER_TYPES if t.casefold() == type.casefold()]
        type = match[0] if match else type
    values = {
        "id": id, "name": name, "type": type, "country": country, "area": list(area),
        "aliases": list(aliases), "note": note,
    }
    block = render_array_table("actors", values, _stamp())
    actors = dict(vocab.actors)
    _validate(_parse_actors, path, block, actors, vocab.countries, True)
    _write(path, block, ACTORS_HEADER)
    return actors[id]


def append_actors(user_dir: str | Path, actors: Iterable[dict], *, prefix: str,
                  comment: str) -> Path:
    """Append new actors (dicts of the file's keys: name, type, country, area, note) to
    ``<user_dir>/actors.toml`` in one write, each with a free id ``<prefix><slug>`` and
    ``comment`` above it (imports: ``vocab import-acled``, ``sahel-tui import``). Raises
    VocabError (the file as it is does not load) or tomllib.TOMLDecodeError (nothing is
    written)."""
    user_dir = Path(user_dir)
    path = user_dir / "actors.toml"
    taken = set(load_vocab(user_dir).actors)
    blocks = []
    for values in actors:
        base = prefix + slugify(values["name"])
        aid, n = base, 2
        while aid in taken:
            aid, n = f"{base}-{n}", n + 1
        taken.add(aid)
        blocks.append(render_array_table("actors", {"id": aid, **values}, comment))
    if blocks:
        append_block(path, "\n".join(blocks), ACTORS_HEADER)
    return path


def append_alias(user_dir: str | Path, kind: str, entity_id: str, alias: str) -> Actor | Place:
    """Add *alias* to the actor or place *entity_id* (kind "actor" or "place")."""
    user_dir = Path(user_dir)
    if kind == "actor":
        vocab = load_vocab(user_dir)
        a = vocab.actors.get(entity_id)
        if a is None:
            raise VocabError(f'unknown actor id "{entity_id}"', path=user_dir / "actors.toml",
                             key="id")
        return append_actor(user_dir, name=a.name, id=a.id, aliases=[alias])
    if kind == "place":
        vocab = load_vocab(user_dir)
        p = vocab.places.get(entity_id)
        path = user_dir / "places.toml"
        if p is None:
            raise VocabError(f'unknown place id "{entity_id}"', path=path, key="id")
        block = render_array_table("places", {"id": p.id, "aliases": [alias]}, _stamp())
        places = dict(vocab.places)
        _validate(_parse_user_places, path, block, places, vocab.countries,
                  _places_index(vocab))
        _write(path, block, PLACES_HEADER)
        return places[p.id]
    raise ValueError(f"kind must be 'actor' or 'place', not {kind!r}")
