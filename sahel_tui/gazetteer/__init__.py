"""The analyst's village-level gazetteer: GeoNames / OSM / ACLED imports kept in the
database, spelling keys, and an automaton matcher with disambiguation by evidence.

Headless (never imports Textual).  Modules: :mod:`keys` (spelling keys), :mod:`geonames`
(reading dumps), :mod:`store` (imports, listing, search), :mod:`download`, :mod:`acled`
(ACLED exports), :mod:`index` (the matcher), :mod:`evidence` (choosing among candidates).
"""
