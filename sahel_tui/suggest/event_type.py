"""Propose ACLED event type / sub-event type from wording, via weighted keyword rules.

The rules live in ``sahel_tui/vocab/data/event_rules.toml`` (English and French; syntax
described there).  Every pattern match adds its weights to sub-event types; a match lying
inside a longer match is ignored ("suicide bomber" does not also count "bomb*"); a
pattern repeated in the text counts 1, 1.5, then 2 times its weight at most.  Candidates
are ranked by score, ties by ACLED precedence (the order of event_types.toml).

Pure functions over text, stdlib only.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sahel_tui.vocab.errors import VocabError, locate_line, toml_error
from sahel_tui.vocab.loader import DATA_DIR, _parse_event_types, _read_toml
from sahel_tui.vocab.textnorm import Token, fold_tokens, tokenize

__all__ = ["RULES_PATH", "EventTypeCandidate", "RuleSet", "load_rules", "suggest_event_type"]

RULES_PATH = DATA_DIR / "event_rules.toml"
_MAX_GAP = 3
_SENT_BREAK = re.compile(r"[.!?;\n]")


@dataclass(frozen=True, slots=True)
class EventTypeCandidate:
    event_type: str
    sub_event_type: str
    disorder_type: str
    score: float
    share: float  # score / sum of all candidates' scores (0-1)
    evidence: tuple[tuple[int, int, str], ...]  # (start, end, pattern) in the original text


# a compiled pattern element: None = gap; else (frozenset of exact words, tuple of prefixes)
_Elem = tuple[frozenset[str], tuple[str, ...]] | None


@dataclass(frozen=True)
class _Pattern:
    source: str
    elems: tuple[_Elem, ...]
    scores: tuple[tuple[str, float], ...]


class RuleSet:
    """Compiled rules: patterns indexed by the exact words/prefixes they start with."""

    def __init__(self, patterns: list[_Pattern], precedence: dict[str, tuple[int, str, str]]):
        self.patterns = patterns
        self.precedence = precedence  # sub-event -> (precedence, event type, disorder)
        self._by_word: dict[str, list[_Pattern]] = {}
        self._by_prefix3: dict[str, list[tuple[str, _Pattern]]] = {}
        for p in patterns:
            first = p.elems[0]
            assert first is not None
            words, prefixes = first
            for w in words:
                self._by_word.setdefault(w, []).append(p)
            for pre in prefixes:
                self._by_prefix3.setdefault(pre[:3], []).append((pre, p))

    def starting_with(self, word: str) -> list[_Pattern]:
        out = list(self._by_word.get(word, ()))
        for pre, p in self._by_prefix3.get(word[:3], ()):
            if word.startswith(pre) and p not in out:
                out.append(p)
        return out


def _elem_ok(elem: _Elem, word: str) -> bool:
    assert elem is not None
    words, prefixes = elem
    return word in words or any(word.startswith(p) for p in prefixes)


def _compile(src_path: Path, text: str, index: int, pattern: str) -> tuple[_Elem, ...]:
    elems: list[_Elem] = []
    for piece in pattern.split():
        if piece == "*":
            if elems and elems[-1] is None:
                continue
            elems.append(None)
            continue
        alts = piece.split("|")
        words: set[str] = set()
        prefixes: list[str] = []
        multi: tuple[str, ...] | None = None
        for alt in alts:
            is_prefix = alt.endswith("*")
            toks = fold_tokens(alt.rstrip("*"))
            if not toks:
                continue
            if len(toks) > 1:
                if len(alts) > 1:
                    raise VocabError(
                        f"pattern {pattern!r}: alternatives must be single words",
                        path=src_path, line=locate_line(text, "rules", index, "patterns"),
                        key="patterns")
                multi = toks
                last_prefix = is_prefix
                break
            if is_prefix:
                if len(toks[0]) < 3:
                    raise VocabError(
                        f"pattern {pattern!r}: a prefix needs 3 or more letters",
                        path=src_path, line=locate_line(text, "rules", index, "patterns"),
                        key="patterns")
                prefixes.append(toks[0])
            else:
                words.add(toks[0])
        if multi is not None:  # "d'armes" -> "d", "armes"
            for k, t in enumerate(multi):
                if k == len(multi) - 1 and last_prefix:
                    elems.append((frozenset(), (t,)))
                else:
                    elems.append((frozenset({t}), ()))
            continue
        if words or prefixes:
            elems.append((frozenset(words), tuple(prefixes)))
    while elems and elems[0] is None:
        elems.pop(0)
    while elems and elems[-1] is None:
        elems.pop()
    if not elems:
        raise VocabError(f"empty pattern {pattern!r}", path=src_path,
                         line=locate_line(text, "rules", index, "patterns"), key="patterns")
    return tuple(elems)


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Compile the rules file (default: the shipped one).  Raises VocabError."""
    p = Path(path) if path is not None else RULES_PATH
    if path is None:
        return _shipped_rules()
    return _load(p)


@lru_cache(maxsize=1)
def _shipped_rules() -> RuleSet:
    return _load(RULES_PATH)


def _load(p: Path) -> RuleSet:
    try:
        text = p.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(p, exc) from None
    _, subs, _ = _parse_event_types(_read_toml(DATA_DIR / "event_types.toml"))
    precedence = {s.name: (s.precedence, s.event_type, s.disorder_type) for s in subs}
    patterns: list[_Pattern] = []
    for i, rule in enumerate(data.get("rules", [])):
        scores = rule.get("scores")
        pats = rule.get("patterns")
        if not isinstance(scores, dict) or not scores:
            raise VocabError("rule has no 'scores' table", path=p,
                             line=locate_line(text, "rules", i, "scores"), key="scores")
        if not isinstance(pats, list) or not all(isinstance(x, str) for x in pats):
            raise VocabError("rule 'patterns' must be a list of strings", path=p,
                             line=locate_line(text, "rules", i, "patterns"), key="patterns")
        for name, w in scores.items():
            if name not in precedence:
                raise VocabError(
                    f'unknown sub-event type "{name}" in scores (expected one of: '
                    f'{", ".join(precedence)})',
                    path=p, line=locate_line(text, "rules", i, "scores"), key="scores")
            if isinstance(w, bool) or not isinstance(w, (int, float)):
                raise VocabError(f'score for "{name}" must be a number', path=p,
                                 line=locate_line(text, "rules", i, "scores"), key="scores")
        sc = tuple((k, float(v)) for k, v in scores.items())
        for pat in pats:
            patterns.append(_Pattern(pat, _compile(p, text, i, pat), sc))
    return RuleSet(patterns, precedence)


def _match_from(
    elems: tuple[_Elem, ...], words: list[str], breaks: list[bool], i: int
) -> tuple[int, ...] | None:
    """Positions of the tokens matched by the (non-gap) elements of a pattern starting at
    token *i*, or None.  ``breaks[k]`` is True when a sentence break lies between token k
    and k+1 (patterns never cross one)."""
    n = len(words)

    def rec(e: int, k: int, got: tuple[int, ...]) -> tuple[int, ...] | None:
        if e == len(elems):
            return got
        el = elems[e]
        if el is None:
            for skip in range(0, _MAX_GAP + 1):
                kk = k + skip
                if kk >= n or (skip and breaks[kk - 1]):
                    return None
                r = rec(e + 1, kk, got)
                if r is not None:
                    return r
            return None
        if k >= n or not _elem_ok(el, words[k]):
            return None
        if e + 1 < len(elems) and (k + 1 >= n or breaks[k]):
            return None
        return rec(e + 1, k + 1, (*got, k))

    return rec(0, i, ())


def suggest_event_type(
    text: str, lang: str | None = None, *, limit: int = 5, rules: RuleSet | None = None
) -> list[EventTypeCandidate]:
    """Ranked event-type candidates for *text* (best first; empty when nothing matches)."""
    rs = rules or load_rules()
    tokens: list[Token] = tokenize(text)
    if not tokens:
        return []
    words = [t.text for t in tokens]
    breaks = [
        bool(_SENT_BREAK.search(text[tokens[k].end : tokens[k + 1].start]))
        for k in range(len(tokens) - 1)
    ] + [True]

    hits: list[tuple[int, int, _Pattern, frozenset[int]]] = []
    for i, w in enumerate(words):
        for p in rs.starting_with(w):
            pos = _match_from(p.elems, words, breaks, i)
            if pos is not None:
                hits.append((i, pos[-1] + 1, p, frozenset(pos)))
    # drop a match whose words are all words of a longer match ("bomb" in "suicide
    # bomber"); words skipped by a gap of the longer match still count on their own
    hits.sort(key=lambda h: (-len(h[3]), h[0]))
    kept: list[tuple[int, int, _Pattern, frozenset[int]]] = []
    for h in hits:
        if any(h[3] < k[3] for k in kept):
            continue
        kept.append(h)

    counts: dict[str, int] = {}
    totals: dict[str, float] = {}
    evidence: dict[str, list[tuple[int, int, str]]] = {}
    for i, end, p, _ in sorted(kept, key=lambda h: h[0]):
        c = counts.get(p.source, 0)
        counts[p.source] = c + 1
        factor = 1.0 if c == 0 else (0.5 if c <= 2 else 0.0)
        span = (tokens[i].start, tokens[end - 1].end, p.source)
        for sub, w in p.scores:
            totals[sub] = totals.get(sub, 0.0) + w * factor
            ev = evidence.setdefault(sub, [])
            if span not in ev:
                ev.append(span)
    if not totals:
        return []
    total = sum(totals.values())
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], rs.precedence[kv[0]][0]))
    out = []
    for sub, score in ranked[:limit]:
        _prec, et, dt = rs.precedence[sub]
        out.append(EventTypeCandidate(et, sub, dt, round(score, 3), round(score / total, 3),
                                      tuple(evidence[sub])))
    return out
