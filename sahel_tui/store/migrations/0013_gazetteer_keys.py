"""The imported gazetteer's spelling keys computed again by the rules of
:mod:`sahel_tui.gazetteer.keys` as they now are: an "h" beside l, r, m or n or after a
final vowel is dropped ("Peulh"/"Peuhl"/"Peul", "Sorih"/"Sori"), a final "e" after "i"
("Tallaboye"/"Talaboy"), and the Hausa "unguwa" is one word however written ("Unguwar",
"Ungwan", "Angwan").  The text is keyed by the new rules; names keyed by the old ones
would no longer be found.  Only the key column of ``gazetteer_names`` changes (a second or
two for 300,000 names); no place, and nothing the analyst coded, is touched."""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    from sahel_tui.gazetteer.store import rekey

    rekey(conn)
