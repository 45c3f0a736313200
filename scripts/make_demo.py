#!/usr/bin/env python3
"""Regenerate the offline demo feed set shipped in ``sahel_tui/demo/``.

Everything in the demo (the outlets, their feeds, the feed list and the ground truth) is
fictional but built from real places and the actor vocabulary of ``DOMAIN.md``.  The script
uses only the standard library and a fixed random seed, so running it again from the
repository root reproduces byte-identical files::

    .venv/bin/python scripts/make_demo.py          # write the files
    .venv/bin/python scripts/make_demo.py --check  # write, then self-check (no extra deps)

Outputs (relative to ``sahel_tui/demo/``): ``feeds/<slug>.xml``, ``feeds.toml``,
``ground_truth.jsonl`` and ``README.md``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
import string
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "sahel_tui" / "demo"
SEED = 20261115
START = dt.date(2026, 8, 1)
END = dt.date(2026, 11, 15)

# ---------------------------------------------------------------------------------------------
# Actors: canonical names exactly as in DOMAIN.md (plus ACLED-style names for the few it omits)
# ---------------------------------------------------------------------------------------------

JNIM = "JNIM: Group for Support of Islam and Muslims"
ISSP = "Islamic State Sahel Province"
ISWAP = "Islamic State (West Africa)"
JAS = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
ANSARU = "Ansaru"
LAKURAWA = "Lakurawa"
BANDITS = "Bandits (Nigeria)"
FAMA = "Military Forces of Mali"
BFA = "Military Forces of Burkina Faso"
FAN = "Military Forces of Niger"
NGA = "Military Forces of Nigeria"
TCD = "Military Forces of Chad"
BEN = "Military Forces of Benin"
TGO = "Military Forces of Togo"
WAGNER = "Wagner Group / Africa Corps (Russia)"
AZAWAD = "Azawad rebels"
CJTF = "Civilian JTF"
VIGIL = "Vigilantes (Nigeria)"
MNJTF = "MNJTF"
POLICE_NG = "Police Forces of Nigeria"

COUNTRIES = {
    "ML": "Mali",
    "BF": "Burkina Faso",
    "NE": "Niger",
    "NG": "Nigeria",
    "TD": "Chad",
    "BJ": "Benin",
    "TG": "Togo",
}
COUNTRY_FR = {
    "ML": "Mali",
    "BF": "Burkina Faso",
    "NE": "Niger",
    "NG": "Nigeria",
    "TD": "Tchad",
    "BJ": "Bénin",
    "TG": "Togo",
}
ADJ_EN = {
    "ML": "Malian",
    "BF": "Burkinabe",
    "NE": "Nigerien",
    "NG": "Nigerian",
    "TD": "Chadian",
    "BJ": "Beninese",
    "TG": "Togolese",
}


def civilians(cc: str) -> str:
    return f"Civilians ({COUNTRIES[cc]})"


def unidentified(cc: str) -> str:
    return f"Unidentified Armed Group ({COUNTRIES[cc]})"


def protesters(cc: str) -> str:
    return f"Protesters ({COUNTRIES[cc]})"


def rioters(cc: str) -> str:
    return f"Rioters ({COUNTRIES[cc]})"


STATE = {"ML": FAMA, "BF": BFA, "NE": FAN, "NG": NGA, "TD": TCD, "BJ": BEN, "TG": TGO}

# ---------------------------------------------------------------------------------------------
# Places: GeoNames populated places (name, coordinates to 4 decimals), admin1 as ISO 3166-2
# names (pycountry), admin2 = cercle / province / department / LGA / commune / prefecture.
#   key: (name, cc, admin1, admin2, lat, lon, english forms, french forms, hub key)
# The first form of each language is the outlet's default spelling.
# ---------------------------------------------------------------------------------------------

# fmt: off
PLACE_ROWS = [
    # --- Mali
    ("menaka", "Ménaka", "ML", "Ménaka", "Ménaka", 15.9199, 2.3961, ["Menaka", "Ménaka"], ["Ménaka"], "gao"),
    ("anderamboukane", "Andéranboukan", "ML", "Ménaka", "Andéramboukane", 15.4275, 3.0175, ["Anderamboukane", "Andéramboukane"], ["Andéramboukane", "Anderamboukane"], "menaka"),
    ("inekar", "Inékar", "ML", "Ménaka", "Ménaka", 15.9594, 3.1411, ["Inekar", "Inékar"], ["Inékar"], "menaka"),
    ("tessit", "Tessit", "ML", "Gao", "Ansongo", 15.2167, -0.3, ["Tessit"], ["Tessit"], "gao"),
    ("ansongo", "Ansongo", "ML", "Gao", "Ansongo", 15.6597, 0.5022, ["Ansongo"], ["Ansongo"], "gao"),
    ("gao", "Gao", "ML", "Gao", "Gao", 16.2717, -0.0447, ["Gao"], ["Gao"], "bamako"),
    ("bourem", "Bourem", "ML", "Gao", "Bourem", 16.955, -0.3486, ["Bourem"], ["Bourem"], "gao"),
    ("kidal", "Kidal", "ML", "Kidal", "Kidal", 18.4434, 1.4092, ["Kidal"], ["Kidal"], "gao"),
    ("aguelhok", "Aguelhok", "ML", "Kidal", "Tessalit", 19.4614, 0.8589, ["Aguelhok", "Aguelhoc"], ["Aguelhoc", "Aguel'hoc", "Aguelhok"], "kidal"),
    ("tessalit", "Tessalit", "ML", "Kidal", "Tessalit", 20.2013, 1.0119, ["Tessalit"], ["Tessalit"], "kidal"),
    ("timbuktu", "Timbuktu", "ML", "Tombouctou", "Tombouctou", 16.7735, -3.0074, ["Timbuktu"], ["Tombouctou"], "mopti"),
    ("goundam", "Goundam", "ML", "Tombouctou", "Goundam", 16.4145, -3.6707, ["Goundam"], ["Goundam"], "timbuktu"),
    ("niafunke", "Niafunké", "ML", "Tombouctou", "Niafunké", 15.9322, -3.9906, ["Niafunke", "Niafunké"], ["Niafunké"], "timbuktu"),
    ("mopti", "Mopti", "ML", "Mopti", "Mopti", 14.4843, -4.183, ["Mopti"], ["Mopti"], "segou"),
    ("bandiagara", "Bandiagara", "ML", "Mopti", "Bandiagara", 14.35, -3.6104, ["Bandiagara"], ["Bandiagara"], "mopti"),
    ("bankass", "Bankass", "ML", "Mopti", "Bankass", 14.0775, -3.5159, ["Bankass"], ["Bankass"], "mopti"),
    ("djenne", "Djenné", "ML", "Mopti", "Djenne", 13.9061, -4.5533, ["Djenne", "Djenné"], ["Djenné"], "mopti"),
    ("douentza", "Douentza", "ML", "Mopti", "Douentza", 15.0061, -2.9517, ["Douentza"], ["Douentza"], "mopti"),
    ("koro", "Koro", "ML", "Mopti", "Koro", 14.064, -3.0754, ["Koro"], ["Koro"], "bandiagara"),
    ("tenenkou", "Ténenkou", "ML", "Mopti", "Tenenkou", 14.4572, -4.9169, ["Tenenkou", "Ténenkou"], ["Ténenkou", "Tenenkou"], "mopti"),
    ("segou", "Ségou", "ML", "Ségou", "Ségou", 13.4403, -6.2595, ["Segou", "Ségou"], ["Ségou"], "bamako"),
    ("niono", "Niono", "ML", "Ségou", "Niono", 14.2505, -5.9868, ["Niono"], ["Niono"], "segou"),
    ("macina", "Ké-Macina", "ML", "Ségou", "Macina", 13.9641, -5.3579, ["Macina", "Ke-Macina"], ["Macina", "Ké-Macina"], "segou"),
    ("nara", "Nara", "ML", "Koulikoro", "Nara", 15.1693, -7.2899, ["Nara"], ["Nara"], "bamako"),
    ("nioro", "Nioro", "ML", "Kayes", "Nioro du Sahel", 15.2307, -9.5936, ["Nioro du Sahel", "Nioro"], ["Nioro du Sahel", "Nioro"], "kayes"),
    ("kayes", "Kayes", "ML", "Kayes", "Kayes", 14.4478, -11.4439, ["Kayes"], ["Kayes"], "bamako"),
    ("diema", "Diéma", "ML", "Kayes", "Diema", 14.54, -9.1921, ["Diema", "Diéma"], ["Diéma"], "kayes"),
    ("kati", "Kati", "ML", "Koulikoro", "Kati", 12.7441, -8.0726, ["Kati"], ["Kati"], "bamako"),
    ("bamako", "Bamako", "ML", "Bamako", "", 12.6091, -7.9752, ["Bamako"], ["Bamako"], "segou"),
    ("sikasso", "Sikasso", "ML", "Sikasso", "Sikasso", 11.3176, -5.6665, ["Sikasso"], ["Sikasso"], "bamako"),
    ("san", "San", "ML", "Ségou", "San", 13.297, -4.8963, ["San"], ["San"], "segou"),
    # --- Burkina Faso
    ("djibo", "Djibo", "BF", "Sahel", "Soum", 14.0986, -1.6266, ["Djibo"], ["Djibo"], "ouahigouya"),
    ("dori", "Dori", "BF", "Sahel", "Séno", 14.0333, -0.0333, ["Dori"], ["Dori"], "kaya"),
    ("gorom", "Gorom-Gorom", "BF", "Sahel", "Oudalan", 14.4429, -0.2347, ["Gorom-Gorom"], ["Gorom-Gorom"], "dori"),
    ("sebba", "Sebba", "BF", "Sahel", "Yagha", 13.4364, 0.5304, ["Sebba"], ["Sebba"], "dori"),
    ("aribinda", "Aribinda", "BF", "Sahel", "Soum", 14.2296, -0.8654, ["Arbinda", "Aribinda"], ["Arbinda", "Aribinda"], "djibo"),
    ("kaya", "Kaya", "BF", "Centre-Nord", "Sanmatenga", 13.0883, -1.0837, ["Kaya"], ["Kaya"], "ouagadougou"),
    ("pissila", "Pissila", "BF", "Centre-Nord", "Sanmatenga", 13.1642, -0.8225, ["Pissila"], ["Pissila"], "kaya"),
    ("kongoussi", "Kongoussi", "BF", "Centre-Nord", "Bam", 13.3258, -1.5347, ["Kongoussi"], ["Kongoussi"], "kaya"),
    ("bourzanga", "Bourzanga", "BF", "Centre-Nord", "Bam", 13.6781, -1.5461, ["Bourzanga"], ["Bourzanga"], "kongoussi"),
    ("ouahigouya", "Ouahigouya", "BF", "Nord", "Yatenga", 13.5769, -2.4179, ["Ouahigouya"], ["Ouahigouya"], "ouagadougou"),
    ("titao", "Titao", "BF", "Nord", "Loroum", 13.7667, -2.0667, ["Titao"], ["Titao"], "ouahigouya"),
    ("fada", "Fada N'gourma", "BF", "Est", "Gourma", 12.0616, 0.3584, ["Fada N'Gourma", "Fada N'gourma"], ["Fada N'Gourma", "Fada"], "ouagadougou"),
    ("diapaga", "Diapaga", "BF", "Est", "Tapoa", 12.0729, 1.7884, ["Diapaga"], ["Diapaga"], "fada"),
    ("pama", "Pama", "BF", "Est", "Kompienga", 11.2497, 0.7075, ["Pama"], ["Pama"], "fada"),
    ("bogande", "Bogandé", "BF", "Est", "Gnagna", 12.9771, -0.1466, ["Bogande", "Bogandé"], ["Bogandé"], "fada"),
    ("gayeri", "Gayéri", "BF", "Est", "Komondjari", 12.6482, 0.4931, ["Gayeri", "Gayéri"], ["Gayéri"], "fada"),
    ("nouna", "Nouna", "BF", "Boucle du Mouhoun", "Kossi", 12.7294, -3.863, ["Nouna"], ["Nouna"], "dedougou"),
    ("solenzo", "Solenzo", "BF", "Boucle du Mouhoun", "Banwa", 12.1742, -4.0848, ["Solenzo"], ["Solenzo"], "dedougou"),
    ("tougan", "Tougan", "BF", "Boucle du Mouhoun", "Sourou", 13.0724, -3.0694, ["Tougan"], ["Tougan"], "dedougou"),
    ("dedougou", "Dédougou", "BF", "Boucle du Mouhoun", "Mouhoun", 12.4636, -3.4607, ["Dedougou", "Dédougou"], ["Dédougou"], "ouagadougou"),
    ("ouagadougou", "Ouagadougou", "BF", "Centre", "Kadiogo", 12.3657, -1.5339, ["Ouagadougou"], ["Ouagadougou"], "kaya"),
    # --- Niger
    ("tillaberi", "Tillabéri", "NE", "Tillabéri", "Tillabéri", 14.2071, 1.4542, ["Tillaberi", "Tillabéri"], ["Tillabéri", "Tillabery"], "niamey"),
    ("ayorou", "Ayorou", "NE", "Tillabéri", "Ayorou", 14.7308, 0.9174, ["Ayorou"], ["Ayorou"], "tillaberi"),
    ("banibangou", "Bani Bangou", "NE", "Tillabéri", "Banibangou", 15.0416, 2.7037, ["Banibangou", "Bani Bangou"], ["Banibangou", "Bani-Bangou"], "ouallam"),
    ("ouallam", "Ouallam", "NE", "Tillabéri", "Ouallam", 14.3164, 2.086, ["Ouallam"], ["Ouallam"], "niamey"),
    ("tera", "Téra", "NE", "Tillabéri", "Téra", 14.0078, 0.7531, ["Tera", "Téra"], ["Téra"], "niamey"),
    ("torodi", "Torodi", "NE", "Tillabéri", "Torodi", 13.1191, 1.7987, ["Torodi"], ["Torodi"], "niamey"),
    ("bankilare", "Bankilaré", "NE", "Tillabéri", "Bankilaré", 14.5765, 0.7267, ["Bankilare", "Bankilaré"], ["Bankilaré"], "tera"),
    ("abala", "Abala", "NE", "Tillabéri", "Abala", 14.9369, 3.4336, ["Abala"], ["Abala"], "filingue"),
    ("filingue", "Filingué", "NE", "Tillabéri", "Filingué", 14.3521, 3.3168, ["Filingue", "Filingué"], ["Filingué"], "niamey"),
    ("tillia", "Tillia", "NE", "Tahoua", "Tillia", 16.1233, 4.7897, ["Tillia"], ["Tillia"], "tahoua"),
    ("tassara", "Tassara", "NE", "Tahoua", "Tassara", 16.8047, 5.6442, ["Tassara"], ["Tassara"], "tahoua"),
    ("tahoua", "Tahoua", "NE", "Tahoua", "Tahoua", 14.8888, 5.2692, ["Tahoua"], ["Tahoua"], "niamey"),
    ("diffa", "Diffa", "NE", "Diffa", "Diffa", 13.3154, 12.6113, ["Diffa"], ["Diffa"], "niamey"),
    ("bosso", "Bosso", "NE", "Diffa", "Bosso", 13.6987, 13.3095, ["Bosso"], ["Bosso"], "diffa"),
    ("nguigmi", "Nguigmi", "NE", "Diffa", "Nguigmi", 14.2495, 13.1092, ["Nguigmi", "N'Guigmi"], ["N'Guigmi", "Nguigmi"], "diffa"),
    ("mainesoroa", "Maïné Soroa", "NE", "Diffa", "Maïné-Soroa", 13.2114, 12.0241, ["Maine-Soroa", "Mainé-Soroa"], ["Mainé-Soroa", "Maïné Soroa"], "diffa"),
    ("agadez", "Agadez", "NE", "Agadez", "Tchirozérine", 16.9733, 7.9911, ["Agadez"], ["Agadez"], "niamey"),
    ("arlit", "Arlit", "NE", "Agadez", "Arlit", 18.7369, 7.3853, ["Arlit"], ["Arlit"], "agadez"),
    ("niamey", "Niamey", "NE", "Niamey", "", 13.5137, 2.1098, ["Niamey"], ["Niamey"], "tillaberi"),
    ("madarounfa", "Madarounfa", "NE", "Maradi", "Madarounfa", 13.3087, 7.156, ["Madarounfa"], ["Madarounfa"], "maradi"),
    ("maradi", "Maradi", "NE", "Maradi", "Maradi", 13.5, 7.1017, ["Maradi"], ["Maradi"], "niamey"),
    ("dosso", "Dosso", "NE", "Dosso", "Dosso", 13.049, 3.1937, ["Dosso"], ["Dosso"], "niamey"),
    # --- Nigeria
    ("maiduguri", "Maiduguri", "NG", "Borno", "Maiduguri", 11.8469, 13.1571, ["Maiduguri"], ["Maiduguri"], "damaturu"),
    ("bama", "Bama", "NG", "Borno", "Bama", 11.5213, 13.6895, ["Bama"], ["Bama"], "maiduguri"),
    ("monguno", "Monguno", "NG", "Borno", "Monguno", 12.6706, 13.6122, ["Monguno"], ["Monguno"], "maiduguri"),
    ("gwoza", "Gwoza", "NG", "Borno", "Gwoza", 11.0831, 13.6959, ["Gwoza"], ["Gwoza"], "maiduguri"),
    ("damboa", "Damboa", "NG", "Borno", "Damboa", 11.1553, 12.7564, ["Damboa"], ["Damboa"], "maiduguri"),
    ("konduga", "Konduga", "NG", "Borno", "Konduga", 11.6533, 13.4179, ["Konduga"], ["Konduga"], "maiduguri"),
    ("dikwa", "Dikwa", "NG", "Borno", "Dikwa", 12.0361, 13.9182, ["Dikwa"], ["Dikwa"], "maiduguri"),
    ("kukawa", "Kukawa", "NG", "Borno", "Kukawa", 12.9247, 13.5662, ["Kukawa"], ["Kukawa"], "monguno"),
    ("marte", "Marte", "NG", "Borno", "Marte", 12.3653, 13.8293, ["Marte"], ["Marte"], "maiduguri"),
    ("gamboru", "Gamboru", "NG", "Borno", "Ngala", 12.373, 14.2069, ["Gamboru", "Gamboru-Ngala"], ["Gamboru"], "maiduguri"),
    ("magumeri", "Magumeri", "NG", "Borno", "Magumeri", 12.1145, 12.8262, ["Magumeri"], ["Magumeri"], "maiduguri"),
    ("chibok", "Chibok", "NG", "Borno", "Chibok", 10.8695, 12.8466, ["Chibok"], ["Chibok"], "biu"),
    ("biu", "Biu", "NG", "Borno", "Biu", 10.6128, 12.1946, ["Biu"], ["Biu"], "maiduguri"),
    ("askira", "Askira", "NG", "Borno", "Askira-Uba", 10.6509, 12.9088, ["Askira"], ["Askira"], "biu"),
    ("geidam", "Geidam", "NG", "Yobe", "Geidam", 12.8944, 11.9265, ["Geidam"], ["Geidam"], "damaturu"),
    ("damaturu", "Damaturu", "NG", "Yobe", "Damaturu", 11.747, 11.9608, ["Damaturu"], ["Damaturu"], "maiduguri"),
    ("buniyadi", "Buni Yadi", "NG", "Yobe", "Gujba", 11.2744, 12.0085, ["Buni Yadi"], ["Buni Yadi"], "damaturu"),
    ("gusau", "Gusau", "NG", "Zamfara", "Gusau", 12.1702, 6.6641, ["Gusau"], ["Gusau"], "sokoto"),
    ("tsafe", "Tsafe", "NG", "Zamfara", "Tsafe", 11.9578, 6.9208, ["Tsafe"], ["Tsafe"], "gusau"),
    ("anka", "Anka", "NG", "Zamfara", "Anka", 12.1135, 5.9268, ["Anka"], ["Anka"], "gusau"),
    ("maru", "Maru", "NG", "Zamfara", "Maru", 12.3336, 6.4037, ["Maru"], ["Maru"], "gusau"),
    ("kauranamoda", "Kaura Namoda", "NG", "Zamfara", "Kaura Namoda", 12.5937, 6.5865, ["Kaura Namoda"], ["Kaura Namoda"], "gusau"),
    ("shinkafi", "Shinkafi", "NG", "Zamfara", "Shinkafi", 13.073, 6.5057, ["Shinkafi"], ["Shinkafi"], "gusau"),
    ("zurmi", "Zurmi", "NG", "Zamfara", "Zurmi", 12.7767, 6.784, ["Zurmi"], ["Zurmi"], "gusau"),
    ("talatamafara", "Talata Mafara", "NG", "Zamfara", "Talata Mafara", 12.5684, 6.0622, ["Talata Mafara"], ["Talata Mafara"], "gusau"),
    ("katsina", "Katsina", "NG", "Katsina", "Katsina", 12.9908, 7.6018, ["Katsina"], ["Katsina"], "kano"),
    ("jibia", "Jibia", "NG", "Katsina", "Jibia", 13.0938, 7.2262, ["Jibia"], ["Jibia"], "katsina"),
    ("batsari", "Batsari", "NG", "Katsina", "Batsari", 12.7555, 7.2481, ["Batsari"], ["Batsari"], "katsina"),
    ("safana", "Safana", "NG", "Katsina", "Safana", 12.4108, 7.4146, ["Safana"], ["Safana"], "katsina"),
    ("faskari", "Faskari", "NG", "Katsina", "Faskari", 11.7211, 7.0299, ["Faskari"], ["Faskari"], "funtua"),
    ("funtua", "Funtua", "NG", "Katsina", "Funtua", 11.5235, 7.3117, ["Funtua"], ["Funtua"], "katsina"),
    ("sokoto", "Sokoto", "NG", "Sokoto", "Sokoto North", 13.0627, 5.2432, ["Sokoto"], ["Sokoto"], "gusau"),
    ("sabonbirni", "Sabon Birni", "NG", "Sokoto", "Sabon Birni", 13.5639, 6.3236, ["Sabon Birni"], ["Sabon Birni"], "sokoto"),
    ("isa", "Isa", "NG", "Sokoto", "Isa", 13.2007, 6.4049, ["Isa"], ["Isa"], "sokoto"),
    ("illela", "Illela", "NG", "Sokoto", "Illela", 13.7306, 5.2978, ["Illela"], ["Illela"], "sokoto"),
    ("goronyo", "Goronyo", "NG", "Sokoto", "Goronyo", 13.4423, 5.6723, ["Goronyo"], ["Goronyo"], "sokoto"),
    ("argungu", "Argungu", "NG", "Kebbi", "Argungu", 12.7448, 4.5251, ["Argungu"], ["Argungu"], "birninkebbi"),
    ("birninkebbi", "Birnin Kebbi", "NG", "Kebbi", "Birnin Kebbi", 12.4539, 4.1975, ["Birnin Kebbi"], ["Birnin Kebbi"], "sokoto"),
    ("birningwari", "Birnin Gwari", "NG", "Kaduna", "Birnin Gwari", 10.6637, 6.54, ["Birnin Gwari"], ["Birnin Gwari"], "kaduna"),
    ("kontagora", "Kontagora", "NG", "Niger", "Kontagora", 10.4032, 5.4708, ["Kontagora"], ["Kontagora"], "kaduna"),
    ("kaduna", "Kaduna", "NG", "Kaduna", "Kaduna North", 10.5264, 7.4388, ["Kaduna"], ["Kaduna"], "kano"),
    ("kano", "Kano", "NG", "Kano", "Kano", 12.0001, 8.5167, ["Kano"], ["Kano"], "kaduna"),
    ("abuja", "Abuja", "NG", "Abuja Federal Capital Territory", "Abuja Municipal", 9.0579, 7.4951, ["Abuja"], ["Abuja"], "kaduna"),
    # --- Chad
    ("bol", "Bol", "TD", "Lac", "Mamdi", 13.4673, 14.7135, ["Bol"], ["Bol"], "ndjamena"),
    ("ndjamena", "N'Djamena", "TD", "Ville de Ndjamena", "", 12.1067, 15.0444, ["N'Djamena"], ["N'Djamena", "Ndjamena"], "bol"),
    ("mao", "Mao", "TD", "Kanem", "Kanem", 14.1229, 15.3119, ["Mao"], ["Mao"], "ndjamena"),
    # --- Benin
    ("kandi", "Kandi", "BJ", "Alibori", "Kandi", 11.1342, 2.9386, ["Kandi"], ["Kandi"], "parakou"),
    ("banikoara", "Banikoara", "BJ", "Alibori", "Banikoara", 11.2985, 2.4386, ["Banikoara"], ["Banikoara"], "kandi"),
    ("malanville", "Malanville", "BJ", "Alibori", "Malanville", 11.8682, 3.3833, ["Malanville"], ["Malanville"], "kandi"),
    ("tanguieta", "Tanguiéta", "BJ", "Atacora", "Tanguieta", 10.6212, 1.2665, ["Tanguieta", "Tanguiéta"], ["Tanguiéta"], "natitingou"),
    ("materi", "Matéri", "BJ", "Atacora", "Matéri", 10.6962, 1.0631, ["Materi", "Matéri"], ["Matéri"], "natitingou"),
    ("kerou", "Kérou", "BJ", "Atacora", "Kérou", 10.8258, 2.1048, ["Kerou", "Kérou"], ["Kérou"], "natitingou"),
    ("cobly", "Cobly", "BJ", "Atacora", "Cobly", 10.4922, 0.9997, ["Cobly"], ["Cobly"], "natitingou"),
    ("natitingou", "Natitingou", "BJ", "Atacora", "Natitingou", 10.3042, 1.3796, ["Natitingou"], ["Natitingou"], "parakou"),
    ("parakou", "Parakou", "BJ", "Borgou", "Parakou", 9.3372, 2.6303, ["Parakou"], ["Parakou"], "cotonou"),
    ("cotonou", "Cotonou", "BJ", "Littoral", "Cotonou", 6.3654, 2.4183, ["Cotonou"], ["Cotonou"], "parakou"),
    # --- Togo
    ("dapaong", "Dapaong", "TG", "Savanes", "Tône", 10.8622, 0.2076, ["Dapaong"], ["Dapaong"], "lome"),
    ("mandouri", "Mandouri", "TG", "Savanes", "Kpendjal", 10.85, 0.8167, ["Mandouri"], ["Mandouri"], "dapaong"),
    ("tandjouare", "Tandjouaré", "TG", "Savanes", "Tandjouaré", 10.6558, 0.195, ["Tandjouare", "Tandjouaré"], ["Tandjouaré"], "dapaong"),
    ("cinkasse", "Sinkassé", "TG", "Savanes", "Cinkassé", 11.1039, 0.0094, ["Cinkasse", "Sinkassé"], ["Cinkassé", "Sinkassé"], "dapaong"),
    ("mango", "Mango", "TG", "Savanes", "Oti", 10.3592, 0.4708, ["Mango"], ["Mango"], "dapaong"),
    ("lome", "Lomé", "TG", "Maritime (Région)", "Golfe", 6.1287, 1.2215, ["Lome", "Lomé"], ["Lomé"], "dapaong"),
]


# fmt: on


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    cc: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    en: tuple
    fr: tuple
    hub: str

    @property
    def country(self) -> str:
        return COUNTRIES[self.cc]


PLACES = {
    r[0]: Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7]), tuple(r[8]), r[9])
    for r in PLACE_ROWS
}

# Villages that gazetteers rarely hold: mentioned in the text, coded to the nearby town with
# geo_precision 2.  key -> (surface form, town key, km, english direction, french direction)
# fmt: off
VILLAGES = {
    "tinhama": ("Tin-Hama", "ansongo", 35, "north of", "au nord de"),
    "talataye": ("Talataye", "ansongo", 60, "northeast of", "au nord-est de"),
    "tidermene": ("Tidermène", "menaka", 80, "north of", "au nord de"),
    "ntahaka": ("N'Tahaka", "gao", 45, "east of", "à l'est de"),
    "diafarabe": ("Diafarabé", "tenenkou", 30, "south of", "au sud de"),
    "boni": ("Boni", "douentza", 90, "east of", "à l'est de"),
    "hombori": ("Hombori", "douentza", 100, "east of", "à l'est de"),
    "dioura": ("Dioura", "tenenkou", 60, "northwest of", "au nord-ouest de"),
    "farabougou": ("Farabougou", "niono", 40, "west of", "à l'ouest de"),
    "lere": ("Léré", "niafunke", 70, "southwest of", "au sud-ouest de"),
    "ber": ("Ber", "timbuktu", 55, "east of", "à l'est de"),
    "anefis": ("Anéfis", "kidal", 110, "south of", "au sud de"),
    "dinangourou": ("Dinangourou", "koro", 40, "north of", "au nord de"),
    "barsalogho": ("Barsalogho", "kaya", 45, "north of", "au nord de"),
    "mentao": ("Mentao", "djibo", 12, "south of", "au sud de"),
    "seytenga": ("Seytenga", "dori", 55, "east of", "à l'est de"),
    "mansila": ("Mansila", "sebba", 40, "north of", "au nord de"),
    "solhan": ("Solhan", "sebba", 15, "northwest of", "au nord-ouest de"),
    "partiaga": ("Partiaga", "diapaga", 40, "north of", "au nord de"),
    "tawori": ("Tawori", "diapaga", 30, "west of", "à l'ouest de"),
    "namssiguia": ("Namsiguia", "titao", 25, "south of", "au sud de"),
    "inates": ("Inates", "ayorou", 40, "north of", "au nord de"),
    "tongotongo": ("Tongo Tongo", "ouallam", 60, "west of", "à l'ouest de"),
    "chinagodrar": ("Chinagodrar", "banibangou", 45, "south of", "au sud de"),
    "anzourou": ("Anzourou", "tillaberi", 30, "north of", "au nord de"),
    "petelkole": ("Petelkolé", "tera", 70, "west of", "à l'ouest de"),
    "samira": ("Samira", "tera", 50, "south of", "au sud de"),
    "toumour": ("Toumour", "bosso", 40, "west of", "à l'ouest de"),
    "chetimari": ("Chétimari", "diffa", 20, "west of", "à l'ouest de"),
    "kawuri": ("Kawuri", "konduga", 15, "east of", "à l'est de"),
    "ngwom": ("Ngwom", "maiduguri", 25, "northeast of", "au nord-est de"),
    "zabarmari": ("Zabarmari", "maiduguri", 20, "east of", "à l'est de"),
    "mainok": ("Mainok", "magumeri", 30, "south of", "au sud de"),
    "wajiroko": ("Wajiroko", "damboa", 18, "north of", "au nord de"),
    "pulka": ("Pulka", "gwoza", 20, "north of", "au nord de"),
    "kirawa": ("Kirawa", "gwoza", 25, "east of", "à l'est de"),
    "dansadau": ("Dansadau", "maru", 50, "south of", "au sud de"),
    "kanoma": ("Kanoma", "maru", 30, "south of", "au sud de"),
    "moriki": ("Moriki", "zurmi", 25, "south of", "au sud de"),
    "dauran": ("Dauran", "zurmi", 20, "west of", "à l'ouest de"),
    "yankara": ("Yankara", "faskari", 15, "west of", "à l'ouest de"),
    "gatawa": ("Gatawa", "sabonbirni", 20, "south of", "au sud de"),
    "mera": ("Mera", "argungu", 25, "west of", "à l'ouest de"),
    "barkaram": ("Barkaram", "bol", 30, "south of", "au sud de"),
    "ngouboua": ("Ngouboua", "bol", 60, "south of", "au sud de"),
    "kaiga": ("Kaïga-Kindjiria", "bol", 40, "west of", "à l'ouest de"),
    "karimama": ("Karimama", "malanville", 45, "west of", "à l'ouest de"),
    "porga": ("Porga", "materi", 30, "north of", "au nord de"),
    "keremou": ("Kérémou", "banikoara", 35, "north of", "au nord de"),
    "alfakoara": ("Alfakoara", "kandi", 25, "east of", "à l'est de"),
    "kpinkankandi": ("Kpinkankandi", "mandouri", 15, "west of", "à l'ouest de"),
}
# fmt: on

# Regions named when only the province/region is known (geo_precision 3): coded to the
# provincial capital.  key -> (capital key, english phrase, french phrase)
REGIONS = {
    "ML-Ménaka": ("menaka", "the Ménaka region", "la région de Ménaka"),
    "ML-Mopti": ("mopti", "the Mopti region", "la région de Mopti"),
    "ML-Tombouctou": ("timbuktu", "the Timbuktu region", "la région de Tombouctou"),
    "ML-Ségou": ("segou", "the Ségou region", "la région de Ségou"),
    "ML-Gao": ("gao", "the Gao region", "la région de Gao"),
    "BF-Soum": ("djibo", "Soum province", "la province du Soum"),
    "BF-Gourma": ("fada", "Gourma province", "la province du Gourma"),
    "BF-Sanmatenga": ("kaya", "Sanmatenga province", "la province du Sanmatenga"),
    "NE-Tillabéri": ("tillaberi", "the Tillabéri region", "la région de Tillabéri"),
    "NE-Diffa": ("diffa", "the Diffa region", "la région de Diffa"),
    "NG-Borno": ("maiduguri", "Borno State", "l'État de Borno"),
    "NG-Zamfara": ("gusau", "Zamfara State", "l'État de Zamfara"),
    "NG-Katsina": ("katsina", "Katsina State", "l'État de Katsina"),
}

BF_PROVINCE_FR = {
    "Soum": "la province du Soum",
    "Séno": "la province du Séno",
    "Oudalan": "la province de l'Oudalan",
    "Yagha": "la province du Yagha",
    "Sanmatenga": "la province du Sanmatenga",
    "Bam": "la province du Bam",
    "Yatenga": "la province du Yatenga",
    "Loroum": "la province du Loroum",
    "Gourma": "la province du Gourma",
    "Tapoa": "la province de la Tapoa",
    "Kompienga": "la province de la Kompienga",
    "Gnagna": "la province de la Gnagna",
    "Komondjari": "la province de la Komondjari",
    "Kossi": "la province de la Kossi",
    "Banwa": "la province des Banwa",
    "Sourou": "la province du Sourou",
    "Mouhoun": "la province du Mouhoun",
    "Kadiogo": "la province du Kadiogo",
}
NG_STATE_FR = {"Niger": "l'État du Niger"}
ADMIN1_EN = {"Tombouctou": "Timbuktu"}


def region_phrase(p: Place, lang: str) -> str:
    """The province / region / state a place lies in, as a noun phrase without preposition."""
    a1 = p.admin1
    if lang == "en":
        a1e = ADMIN1_EN.get(a1, a1)
        if p.cc == "ML":
            return f"Mali's {a1e} region" if a1 != "Bamako" else "the capital district"
        if p.cc == "BF":
            return f"{p.admin2} province"
        if p.cc == "NE":
            return f"the {a1} region"
        if p.cc == "NG":
            return f"{a1} State"
        if p.cc == "TD":
            return f"the {a1} province"
        if p.cc == "BJ":
            return f"the {a1} department"
        return f"the {a1} region"
    if p.cc == "BF":
        return BF_PROVINCE_FR[p.admin2]
    if p.cc == "NG":
        return NG_STATE_FR.get(a1, f"l'État {de_(a1)}")
    if p.cc == "TD":
        return f"la province du {a1}"
    if p.cc == "BJ":
        return f"le département de l'{a1}"
    if p.cc == "TG":
        return "la région des Savanes" if a1 == "Savanes" else f"la région {a1}"
    return f"la région {de_(a1)}"


# ---------------------------------------------------------------------------------------------
# Surface forms of actors.  Text between ⟨ and ⟩ is a mention (an alias the suggestion code
# should recognise); the markers are stripped when the text is rendered.
#   N: name (after "by" / "par"), F: fighters/soldiers (plural subject), T: title subject,
#   S: short organisation name, ADJ: modifier for "a ... convoy" (English only).
# ---------------------------------------------------------------------------------------------

ACTOR_FORMS: dict[str, dict[str, dict[str, list[str]]]] = {
    JNIM: {
        "en": {
            "N": [
                "⟨JNIM⟩",
                "the al-Qaeda-linked ⟨JNIM⟩",
                "⟨Jama'at Nusrat al-Islam wal-Muslimin⟩ (⟨JNIM⟩)",
                "the ⟨Group for Support of Islam and Muslims⟩ (⟨JNIM⟩)",
            ],
            "F": [
                "⟨JNIM⟩ fighters",
                "⟨JNIM⟩ militants",
                "fighters from the al-Qaeda-linked ⟨JNIM⟩",
                "militants of ⟨Jama'at Nusrat al-Islam wal-Muslimin⟩ (⟨JNIM⟩)",
            ],
            "T": ["⟨JNIM⟩ fighters", "⟨JNIM⟩ militants", "Al-Qaeda-linked ⟨JNIM⟩ fighters"],
            "S": ["⟨JNIM⟩"],
        },
        "fr": {
            "N": [
                "le ⟨GSIM⟩",
                "le ⟨JNIM⟩",
                "le ⟨Groupe de soutien à l'islam et aux musulmans⟩ (⟨GSIM⟩)",
            ],
            "F": [
                "des combattants du ⟨GSIM⟩",
                "des jihadistes du ⟨JNIM⟩",
                "des éléments du ⟨GSIM⟩",
                "des hommes armés se réclamant du ⟨GSIM⟩",
            ],
            "S": ["⟨GSIM⟩", "⟨JNIM⟩"],
        },
    },
    ISSP: {
        "en": {
            "N": [
                "⟨Islamic State Sahel Province⟩",
                "⟨IS Sahel⟩",
                "⟨ISSP⟩",
                "the ⟨Islamic State in the Greater Sahara⟩ (⟨ISGS⟩)",
                "the ⟨Islamic State Sahel Province⟩ (⟨ISSP⟩)",
            ],
            "F": [
                "⟨IS Sahel⟩ fighters",
                "militants of the ⟨Islamic State Sahel Province⟩",
                "⟨ISSP⟩ fighters",
                "fighters loyal to the ⟨Islamic State in the Greater Sahara⟩",
            ],
            "T": ["⟨IS Sahel⟩ fighters", "⟨ISSP⟩ militants", "⟨IS Sahel⟩ militants"],
            "S": ["⟨IS Sahel⟩", "⟨ISSP⟩"],
        },
        "fr": {
            "N": [
                "l'⟨EIGS⟩",
                "l'⟨État islamique au Grand Sahara⟩ (⟨EIGS⟩)",
                "l'⟨EI Sahel⟩",
                "l'⟨État islamique au Sahel⟩",
            ],
            "F": [
                "des combattants de l'⟨EIGS⟩",
                "des jihadistes de l'⟨État islamique au Sahel⟩",
                "des éléments de l'⟨EI Sahel⟩",
                "des hommes armés de l'⟨EIGS⟩",
            ],
            "S": ["⟨EIGS⟩", "⟨EI Sahel⟩"],
        },
    },
    ISWAP: {
        "en": {
            "N": [
                "⟨ISWAP⟩",
                "⟨Islamic State West Africa Province⟩ (⟨ISWAP⟩)",
                "the ⟨ISWAP⟩ jihadist group",
            ],
            "F": [
                "⟨ISWAP⟩ fighters",
                "⟨ISWAP⟩ insurgents",
                "insurgents from ⟨Islamic State West Africa Province⟩",
                "⟨ISWA⟩ militants",
            ],
            "T": ["⟨ISWAP⟩ fighters", "⟨ISWAP⟩ insurgents"],
            "S": ["⟨ISWAP⟩"],
        },
        "fr": {
            "N": ["l'⟨ISWAP⟩", "l'⟨État islamique en Afrique de l'Ouest⟩ (⟨ISWAP⟩)", "l'⟨Iswap⟩"],
            "F": [
                "des combattants de l'⟨ISWAP⟩",
                "des jihadistes de l'⟨Iswap⟩",
                "des éléments de l'⟨État islamique en Afrique de l'Ouest⟩",
            ],
            "S": ["⟨ISWAP⟩"],
        },
    },
    JAS: {
        "en": {
            "N": [
                "⟨Boko Haram⟩",
                "the ⟨JAS⟩ faction of ⟨Boko Haram⟩",
                "⟨Boko Haram⟩'s ⟨Bakura faction⟩",
            ],
            "F": [
                "⟨Boko Haram⟩ insurgents",
                "⟨Boko Haram⟩ fighters",
                "fighters of ⟨Boko Haram⟩'s ⟨Bakura faction⟩",
                "⟨JAS⟩ fighters",
            ],
            "T": ["⟨Boko Haram⟩ insurgents", "⟨Boko Haram⟩ fighters"],
            "S": ["⟨Boko Haram⟩"],
        },
        "fr": {
            "N": ["⟨Boko Haram⟩", "la ⟨faction Bakura⟩ de ⟨Boko Haram⟩"],
            "F": [
                "des combattants de ⟨Boko Haram⟩",
                "des éléments de ⟨Boko Haram⟩",
                "des insurgés de la ⟨faction Bakura⟩ de ⟨Boko Haram⟩",
            ],
            "S": ["⟨Boko Haram⟩"],
        },
    },
    BANDITS: {
        "en": {
            "N": ["⟨bandits⟩", "⟨armed bandits⟩", "a gang of ⟨bandits⟩"],
            "F": [
                "⟨armed bandits⟩",
                "⟨bandits⟩",
                "heavily armed ⟨bandits⟩",
                "gunmen believed to be ⟨bandits⟩",
                "⟨bandits⟩ (locally called ⟨yan bindiga⟩)",
            ],
            "T": ["⟨Bandits⟩", "⟨Armed bandits⟩"],
            "S": ["⟨bandit⟩"],
        },
        "fr": {
            "N": ["des ⟨bandits armés⟩"],
            "F": ["des ⟨bandits armés⟩", "des ⟨bandits⟩ lourdement armés"],
            "S": ["⟨bandits⟩"],
        },
    },
    LAKURAWA: {
        "en": {
            "N": ["⟨Lakurawa⟩", "the ⟨Lakurawa⟩ group"],
            "F": [
                "⟨Lakurawa⟩ fighters",
                "members of the ⟨Lakurawa⟩ group",
                "militants of the ⟨Lakurawa⟩ sect",
            ],
            "T": ["⟨Lakurawa⟩ fighters", "⟨Lakurawa⟩ militants"],
            "S": ["⟨Lakurawa⟩"],
        },
        "fr": {
            "N": ["les ⟨Lakurawa⟩"],
            "F": ["des combattants du groupe ⟨Lakurawa⟩", "des éléments des ⟨Lakurawa⟩"],
            "S": ["⟨Lakurawa⟩"],
        },
    },
    ANSARU: {
        "en": {
            "N": ["⟨Ansaru⟩"],
            "F": ["⟨Ansaru⟩ members", "suspected ⟨Ansaru⟩ commanders"],
            "T": ["⟨Ansaru⟩ members"],
            "S": ["⟨Ansaru⟩"],
        },
        "fr": {"N": ["⟨Ansaru⟩"], "F": ["des membres d'⟨Ansaru⟩"], "S": ["⟨Ansaru⟩"]},
    },
    AZAWAD: {
        "en": {
            "N": [
                "the ⟨FLA⟩",
                "the Tuareg-led ⟨Azawad Liberation Front⟩ (⟨FLA⟩)",
                "⟨Tuareg rebels⟩",
            ],
            "F": [
                "⟨FLA⟩ rebels",
                "⟨Tuareg rebels⟩",
                "fighters of the ⟨Azawad Liberation Front⟩ (⟨FLA⟩)",
            ],
            "T": ["⟨Tuareg rebels⟩", "⟨FLA⟩ rebels"],
            "S": ["⟨FLA⟩"],
        },
        "fr": {
            "N": ["le ⟨FLA⟩", "le ⟨Front de libération de l'Azawad⟩ (⟨FLA⟩)"],
            "F": [
                "des combattants du ⟨FLA⟩",
                "des rebelles du ⟨Front de libération de l'Azawad⟩",
                "des ⟨rebelles touareg⟩",
            ],
            "S": ["⟨FLA⟩"],
        },
    },
    FAMA: {
        "en": {
            "N": ["⟨FAMa⟩", "the ⟨Malian army⟩", "the Malian Armed Forces (⟨FAMa⟩)"],
            "F": [
                "⟨Malian soldiers⟩",
                "⟨FAMa⟩ soldiers",
                "troops of the ⟨Malian army⟩",
                "⟨Malian troops⟩",
            ],
            "T": ["⟨Malian troops⟩", "⟨FAMa⟩ soldiers"],
            "ADJ": ["⟨FAMa⟩", "⟨Malian army⟩", "⟨Malian military⟩"],
            "S": ["⟨FAMa⟩"],
        },
        "fr": {
            "N": ["les ⟨FAMa⟩", "l'⟨armée malienne⟩", "les ⟨Forces armées maliennes⟩ (⟨FAMa⟩)"],
            "F": ["des ⟨soldats maliens⟩", "des militaires des ⟨FAMa⟩", "des éléments des ⟨FAMa⟩"],
            "S": ["⟨FAMa⟩"],
        },
        "fr_partisan": {
            "N": ["nos vaillantes ⟨FAMa⟩", "les ⟨FAMa⟩", "l'⟨armée malienne⟩"],
            "F": ["les vaillants soldats des ⟨FAMa⟩", "nos ⟨FAMa⟩", "les unités des ⟨FAMa⟩"],
            "S": ["⟨FAMa⟩"],
        },
    },
    BFA: {
        "en": {
            "N": ["the ⟨Burkinabe army⟩", "the army and its ⟨VDP⟩ auxiliaries"],
            "F": [
                "⟨Burkinabe soldiers⟩",
                "⟨Burkinabe troops⟩",
                "soldiers and ⟨VDP⟩ militiamen",
                "⟨VDP⟩ volunteers",
            ],
            "T": ["⟨Burkinabe troops⟩", "Soldiers and ⟨VDP⟩"],
            "ADJ": ["⟨Burkinabe army⟩", "joint army-⟨VDP⟩"],
            "S": ["⟨Burkinabe army⟩"],
        },
        "fr": {
            "N": ["l'⟨armée burkinabè⟩", "les ⟨FDS⟩ burkinabè", "les ⟨VDP⟩"],
            "F": [
                "des ⟨soldats burkinabè⟩",
                "des militaires et des ⟨VDP⟩",
                "des ⟨Volontaires pour la défense de la patrie⟩ (⟨VDP⟩)",
                "des éléments des ⟨FDS⟩",
            ],
            "S": ["⟨armée burkinabè⟩"],
        },
        "fr_partisan": {
            "N": ["l'⟨armée burkinabè⟩", "nos braves ⟨VDP⟩", "les ⟨FDS⟩"],
            "F": [
                "les vaillants soldats de l'⟨armée burkinabè⟩",
                "nos braves ⟨VDP⟩",
                "les unités des ⟨FDS⟩",
            ],
            "S": ["⟨FDS⟩"],
        },
    },
    FAN: {
        "en": {
            "N": ["the ⟨Nigerien army⟩", "Niger's armed forces (⟨FAN⟩)"],
            "F": ["⟨Nigerien soldiers⟩", "⟨Nigerien troops⟩", "soldiers of the ⟨Nigerien army⟩"],
            "T": ["⟨Nigerien troops⟩", "⟨Nigerien soldiers⟩"],
            "ADJ": ["⟨Nigerien army⟩", "⟨Nigerien military⟩"],
            "S": ["⟨Nigerien army⟩"],
        },
        "fr": {
            "N": ["les ⟨FAN⟩", "l'⟨armée nigérienne⟩", "les ⟨Forces armées nigériennes⟩ (⟨FAN⟩)"],
            "F": [
                "des ⟨soldats nigériens⟩",
                "des militaires des ⟨FAN⟩",
                "des éléments des ⟨FDS⟩ nigériennes",
            ],
            "S": ["⟨FAN⟩"],
        },
        "fr_partisan": {
            "N": ["les ⟨FDS⟩ nigériennes", "l'⟨armée nigérienne⟩"],
            "F": ["les vaillants soldats des ⟨FAN⟩", "nos ⟨FDS⟩"],
            "S": ["⟨FAN⟩"],
        },
    },
    NGA: {
        "en": {
            "N": ["the ⟨Nigerian Army⟩", "the military"],
            "F": ["⟨Nigerian troops⟩", "soldiers of the ⟨Nigerian Army⟩", "⟨troops⟩"],
            "T": ["⟨Nigerian troops⟩", "⟨Troops⟩"],
            "ADJ": ["⟨Nigerian Army⟩", "military"],
            "S": ["⟨Nigerian Army⟩"],
        },
        "fr": {
            "N": ["l'⟨armée nigériane⟩"],
            "F": ["des ⟨soldats nigérians⟩", "des ⟨militaires nigérians⟩"],
            "S": ["⟨armée nigériane⟩"],
        },
    },
    TCD: {
        "en": {
            "N": ["the ⟨Chadian army⟩"],
            "F": ["⟨Chadian soldiers⟩", "⟨Chadian troops⟩"],
            "T": ["⟨Chadian troops⟩"],
            "ADJ": ["⟨Chadian army⟩"],
            "S": ["⟨Chadian army⟩"],
        },
        "fr": {
            "N": ["l'⟨armée tchadienne⟩", "les ⟨forces de défense et de sécurité tchadiennes⟩"],
            "F": ["des ⟨soldats tchadiens⟩", "des ⟨militaires tchadiens⟩"],
            "S": ["⟨armée tchadienne⟩"],
        },
    },
    BEN: {
        "en": {
            "N": ["the ⟨Beninese army⟩"],
            "F": ["⟨Beninese soldiers⟩", "⟨Beninese troops⟩", "soldiers of ⟨Operation Mirador⟩"],
            "T": ["⟨Beninese troops⟩"],
            "ADJ": ["⟨Beninese army⟩"],
            "S": ["⟨Beninese army⟩"],
        },
        "fr": {
            "N": ["l'⟨armée béninoise⟩", "les ⟨Forces armées béninoises⟩"],
            "F": ["des ⟨militaires béninois⟩", "des soldats de l'opération ⟨Mirador⟩"],
            "S": ["⟨armée béninoise⟩"],
        },
    },
    TGO: {
        "en": {
            "N": ["the ⟨Togolese army⟩"],
            "F": ["⟨Togolese soldiers⟩", "⟨Togolese troops⟩"],
            "T": ["⟨Togolese troops⟩"],
            "ADJ": ["⟨Togolese army⟩"],
            "S": ["⟨Togolese army⟩"],
        },
        "fr": {
            "N": ["l'⟨armée togolaise⟩", "les ⟨Forces armées togolaises⟩ (⟨FAT⟩)"],
            "F": ["des ⟨soldats togolais⟩", "des militaires des ⟨FAT⟩"],
            "S": ["⟨armée togolaise⟩"],
        },
    },
    CJTF: {
        "en": {
            "N": ["the ⟨CJTF⟩", "the ⟨Civilian JTF⟩"],
            "F": ["⟨CJTF⟩ members", "members of the ⟨Civilian JTF⟩"],
            "T": ["⟨CJTF⟩ members"],
            "ADJ": ["⟨CJTF⟩"],
            "S": ["⟨CJTF⟩"],
        },
        "fr": {
            "N": ["la ⟨CJTF⟩"],
            "F": ["des membres de la ⟨CJTF⟩"],
            "S": ["⟨CJTF⟩"],
        },
    },
    VIGIL: {
        "en": {
            "N": ["local ⟨vigilantes⟩", "a ⟨vigilante group⟩"],
            "F": ["⟨vigilantes⟩", "local ⟨hunters⟩", "members of a ⟨vigilante group⟩"],
            "T": ["⟨Vigilantes⟩"],
            "ADJ": ["⟨vigilante⟩"],
            "S": ["⟨vigilantes⟩"],
        },
        "fr": {
            "N": ["des ⟨miliciens d'autodéfense⟩"],
            "F": ["des ⟨miliciens d'autodéfense⟩", "des ⟨chasseurs⟩ traditionnels"],
            "S": ["⟨miliciens⟩"],
        },
    },
    POLICE_NG: {
        "en": {
            "N": ["the ⟨police⟩", "the ⟨Nigeria Police Force⟩"],
            "F": ["⟨police officers⟩", "⟨police⟩ detectives"],
            "T": ["⟨Police⟩"],
            "S": ["⟨police⟩"],
        },
        "fr": {
            "N": ["la ⟨police nigériane⟩"],
            "F": ["des ⟨policiers nigérians⟩"],
            "S": ["⟨police⟩"],
        },
    },
}

# Joint forces: the state actor with an associate (assoc_actor_2 / assoc_actor_1).
JOINT_FORMS = {
    (FAMA, WAGNER): {
        "en": {
            "N": [
                "the ⟨Malian army⟩ and its Russian allies of ⟨Africa Corps⟩",
                "⟨FAMa⟩ and ⟨Africa Corps⟩",
            ],
            "F": [
                "⟨Malian soldiers⟩ and Russian paramilitaries of ⟨Africa Corps⟩",
                "⟨FAMa⟩ troops and ⟨Africa Corps⟩ fighters",
                "⟨Malian troops⟩ and ⟨Wagner⟩ mercenaries",
            ],
            "T": ["⟨Malian troops⟩ and ⟨Africa Corps⟩"],
            "ADJ": ["joint ⟨FAMa⟩-⟨Africa Corps⟩", "⟨Malian army⟩ and ⟨Africa Corps⟩"],
            "S": ["⟨FAMa⟩"],
        },
        "fr": {
            "N": [
                "les ⟨FAMa⟩ et leurs partenaires russes d'⟨Africa Corps⟩",
                "les ⟨FAMa⟩ et ⟨Africa Corps⟩",
            ],
            "F": [
                "des ⟨soldats maliens⟩ et des paramilitaires russes d'⟨Africa Corps⟩",
                "des éléments des ⟨FAMa⟩ et de ⟨Wagner⟩",
            ],
            "S": ["⟨FAMa⟩"],
        },
        "fr_partisan": {
            "N": ["nos vaillantes ⟨FAMa⟩ et leurs partenaires russes"],
            "F": ["les vaillants soldats des ⟨FAMa⟩ et leurs instructeurs d'⟨Africa Corps⟩"],
            "S": ["⟨FAMa⟩"],
        },
    },
    (NGA, CJTF): {
        "en": {
            "N": ["the ⟨Nigerian Army⟩ and the ⟨CJTF⟩"],
            "F": [
                "⟨Nigerian troops⟩ and ⟨CJTF⟩ members",
                "⟨troops⟩ backed by ⟨CJTF⟩ fighters",
                "soldiers and members of the ⟨Civilian JTF⟩",
            ],
            "T": ["⟨Troops⟩ and ⟨CJTF⟩"],
            "ADJ": ["joint military-⟨CJTF⟩", "⟨Nigerian Army⟩"],
            "S": ["⟨Nigerian Army⟩"],
        },
        "fr": {
            "N": ["l'⟨armée nigériane⟩ et la ⟨CJTF⟩"],
            "F": ["des ⟨soldats nigérians⟩ et des membres de la ⟨CJTF⟩"],
            "S": ["⟨armée nigériane⟩"],
        },
    },
}

# Theatre-specific additions for the Nigerian military.
NGA_NE = {"en": {"N": ["⟨Operation Hadin Kai⟩"], "F": ["⟨troops⟩ of ⟨Operation Hadin Kai⟩"]}}
NGA_NW = {"en": {"N": ["⟨Operation Fansan Yamma⟩"], "F": ["⟨troops⟩ of ⟨Operation Fansan Yamma⟩"]}}
NGA_AIR = {
    "en": {"N": ["the ⟨Nigerian Air Force⟩", "the ⟨Nigerian Air Force⟩ (⟨NAF⟩)"]},
    "fr": {"N": ["l'armée de l'air nigériane"]},
}
# Sub-group names used where they operate.
JNIM_CENTRAL_MALI = {
    "en": {"N": ["⟨JNIM⟩'s ⟨Katiba Macina⟩"], "F": ["fighters of ⟨JNIM⟩'s ⟨Katiba Macina⟩"]},
    "fr": {
        "N": ["la ⟨katiba Macina⟩ du ⟨GSIM⟩"],
        "F": ["des éléments de la ⟨katiba Macina⟩ d'⟨Amadou Koufa⟩"],
    },
}
JNIM_NORTH_BF = {
    "en": {"N": ["⟨Ansaroul Islam⟩, a ⟨JNIM⟩ affiliate"], "F": ["⟨Ansaroul Islam⟩ fighters"]},
    "fr": {
        "N": ["⟨Ansaroul Islam⟩, branche burkinabè du ⟨GSIM⟩"],
        "F": ["des combattants d'⟨Ansaroul Islam⟩"],
    },
}

UNIDENT_FORMS = {
    "en": {
        "N": ["unidentified ⟨gunmen⟩", "⟨gunmen⟩", "⟨armed men⟩"],
        "F": [
            "unidentified ⟨gunmen⟩",
            "⟨gunmen⟩ on motorbikes",
            "⟨armed men⟩",
            "suspected ⟨jihadists⟩",
        ],
        "T": ["⟨Gunmen⟩", "Unidentified ⟨gunmen⟩", "Suspected ⟨jihadists⟩"],
        "S": ["⟨gunmen⟩"],
    },
    "fr": {
        "N": ["des ⟨hommes armés⟩ non identifiés", "des ⟨individus armés⟩"],
        "F": [
            "des ⟨hommes armés⟩ non identifiés",
            "des ⟨individus armés⟩",
            "des ⟨jihadistes⟩ présumés",
            "des ⟨hommes armés⟩ à moto",
        ],
        "S": ["⟨hommes armés⟩"],
    },
    "fr_partisan": {
        "N": [
            "les ⟨terroristes⟩",
            "les hordes ⟨terroristes⟩",
            "les groupes armés terroristes (⟨GAT⟩)",
        ],
        "F": [
            "des ⟨terroristes⟩",
            "des ⟨terroristes⟩ à moto",
            "des éléments des groupes armés terroristes",
        ],
        "S": ["⟨terroristes⟩"],
    },
    "en_un": {
        "N": ["a ⟨non-state armed group⟩", "⟨non-state armed groups⟩ (⟨NSAGs⟩)"],
        "F": [
            "members of a ⟨non-state armed group⟩",
            "⟨armed men⟩",
            "members of ⟨non-state armed groups⟩",
        ],
        "T": ["⟨Armed men⟩"],
        "S": ["⟨NSAG⟩"],
    },
}
SUSPECTED = {  # prefix forms for "suspected X"
    "en": {
        "N": ["suspected {S} militants"],
        "F": ["suspected {S} fighters", "suspected {S} militants"],
        "T": ["Suspected {S} militants"],
    },
    "fr": {
        "N": ["des membres présumés du {S}"],
        "F": ["des jihadistes présumés du {S}", "des membres présumés du {S}"],
    },
}

# Civilians as victims: english noun, french (noun, gender)
VICTIMS = {
    "massacre": {
        "en": ["villagers", "civilians", "residents", "farmers", "herders", "gold miners"],
        "fr": [
            ("villageois", "m"),
            ("civils", "m"),
            ("habitants", "m"),
            ("agriculteurs", "m"),
            ("éleveurs", "m"),
            ("orpailleurs", "m"),
        ],
    },
    "suicide": {
        "en": ["worshippers", "traders", "people", "civilians"],
        "fr": [("fidèles", "m"), ("commerçants", "m"), ("civils", "m")],
    },
    "ied_civ": {
        "en": ["passengers", "traders", "civilians"],
        "fr": [("passagers", "m"), ("commerçants", "m"), ("civils", "m")],
    },
    "drone_civ": {
        "en": ["civilians", "traders", "people"],
        "fr": [("civils", "m"), ("commerçants", "m")],
    },
    "shelling_civ": {"en": ["civilians", "residents"], "fr": [("civils", "m"), ("habitants", "m")]},
    "abduction": {
        "en": ["passengers", "farmers", "villagers", "women", "travellers"],
        "fr": [
            ("passagers", "m"),
            ("agriculteurs", "m"),
            ("villageois", "m"),
            ("femmes", "f"),
            ("voyageurs", "m"),
        ],
    },
    "lake": {"en": ["fishermen", "villagers"], "fr": [("pêcheurs", "m"), ("villageois", "m")]},
}
CIV_MENTIONS_EN = [
    "villagers",
    "civilians",
    "residents",
    "farmers",
    "herders",
    "gold miners",
    "worshippers",
    "traders",
    "passengers",
    "women",
    "travellers",
    "fishermen",
]

# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
EN_ABBR_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_ABBR_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


def fr_day_num(d: int) -> str:
    return "1er" if d == 1 else str(d)


def date_phrase(lang: str, pub: dt.date, ev: dt.date, style: str, rng: random.Random):
    """Return (phrase, coded event date, time_precision) for an event on ``ev`` reported on ``pub``."""
    diff = (pub - ev).days
    wd = ev.weekday()
    if style == "weekday" and 0 <= diff <= 6:
        if lang == "en":
            return f"on {EN_DAYS[wd]}", ev, 1
        return FR_DAYS[wd], ev, 1
    if style == "today" and diff == 0:
        if lang == "en":
            return rng.choice([f"early on {EN_DAYS[wd]}", f"on {EN_DAYS[wd]} morning"]), ev, 1
        return rng.choice([f"{FR_DAYS[wd]} matin", "ce matin"]), ev, 1
    if style == "yesterday" and diff == 1:
        if lang == "en":
            return rng.choice(["yesterday", "late yesterday"]), ev, 1
        return rng.choice(["hier", "hier soir"]), ev, 1
    if style == "night" and 1 <= diff <= 6:
        nd = (wd + 1) % 7
        if lang == "en":
            if diff == 1 and rng.random() < 0.4:
                return "overnight", ev, 1
            return (
                rng.choice(
                    [
                        f"overnight {EN_DAYS[wd]} to {EN_DAYS[nd]}",
                        f"on the night of {EN_DAYS[wd]} to {EN_DAYS[nd]}",
                    ]
                ),
                ev,
                1,
            )
        return f"dans la nuit de {FR_DAYS[wd]} à {FR_DAYS[nd]}", ev, 1
    if style == "weekday_date":
        if lang == "en":
            return (
                rng.choice(
                    [
                        f"on {EN_DAYS[wd]}, {ev.day} {EN_MONTHS[ev.month - 1]}",
                        f"on {EN_DAYS[wd]} ({EN_MONTHS[ev.month - 1]} {ev.day})",
                    ]
                ),
                ev,
                1,
            )
        return f"le {FR_DAYS[wd]} {fr_day_num(ev.day)} {FR_MONTHS[ev.month - 1]}", ev, 1
    if style == "last_week":
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        if monday <= ev <= monday + dt.timedelta(days=6):
            mid = monday + dt.timedelta(days=3)
            return ("last week" if lang == "en" else "la semaine dernière"), mid, 2
    if style == "weekend" and pub.weekday() in (0, 1) and ev.weekday() in (5, 6) and diff <= 3:
        sat = ev - dt.timedelta(days=ev.weekday() - 5)
        return ("over the weekend" if lang == "en" else "ce week-end"), sat, 2
    if style == "recent" and 2 <= diff <= 5:
        return (
            ("in recent days" if lang == "en" else "ces derniers jours"),
            pub - dt.timedelta(days=3),
            2,
        )
    if style == "month":
        mid = dt.date(ev.year, ev.month, 15)
        if lang == "en":
            return f"in {EN_MONTHS[ev.month - 1]}", mid, 3
        return f"en {FR_MONTHS[ev.month - 1]}", mid, 3
    # default: explicit date
    if lang == "en":
        return (
            rng.choice(
                [f"on {ev.day} {EN_MONTHS[ev.month - 1]}", f"on {EN_MONTHS[ev.month - 1]} {ev.day}"]
            ),
            ev,
            1,
        )
    return f"le {fr_day_num(ev.day)} {FR_MONTHS[ev.month - 1]}", ev, 1


def style_ok(style: str, pub: dt.date, ev: dt.date) -> bool:
    """Whether a date style can describe an event on ``ev`` in an item published on ``pub``."""
    diff = (pub - ev).days
    monday = pub - dt.timedelta(days=pub.weekday() + 7)
    return {
        "weekday": 0 <= diff <= 6,
        "today": diff == 0,
        "yesterday": diff == 1,
        "night": 1 <= diff <= 6,
        "weekday_date": True,
        "date": True,
        "last_week": monday <= ev <= monday + dt.timedelta(days=6),
        "weekend": pub.weekday() in (0, 1) and ev.weekday() in (5, 6) and diff <= 3,
        "recent": 2 <= diff <= 5,
        "month": (ev.year, ev.month) < (pub.year, pub.month),
    }.get(style, False)


def short_date(lang: str, d: dt.date) -> str:
    if lang == "en":
        return f"{d.day} {EN_MONTHS[d.month - 1]}"
    return f"{fr_day_num(d.day)} {FR_MONTHS[d.month - 1]}"


# ---------------------------------------------------------------------------------------------
# Fatality expressions (coded with DOMAIN.md's conservative rule)
# ---------------------------------------------------------------------------------------------

EN_NUM = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
FR_NUM = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
    "vingt",
]
FR_APPROX = {
    10: "dizaine",
    15: "quinzaine",
    20: "vingtaine",
    30: "trentaine",
    40: "quarantaine",
    50: "cinquantaine",
    100: "centaine",
}


def vowel(s: str) -> bool:
    s = s.lstrip("⟨⟪")
    if s.startswith(("Ou", "H")):  # "de Ouagadougou", "de Hombori"
        return False
    return s[:1].lower() in "aeiouyhéèêàâîôû"


def de_(noun: str) -> str:
    return ("d'" if vowel(noun) else "de ") + noun


def toll_np(lang: str, style: str, n: int, noun: str):
    """Noun phrase for a toll, and the number it codes to."""
    if lang == "en":
        if style == "num":
            return f"{n} {noun}", n
        if style == "atleast":
            return f"at least {n} {noun}", n
        if style == "word":
            return f"{EN_NUM[n]} {noun}", n
        if style == "atleast_word":
            return f"at least {EN_NUM[n]} {noun}", n
        if style == "about":
            return f"about {n} {noun}", n
        if style == "some":
            return f"some {n} {noun}", n
        if style == "morethan":
            return f"more than {n} {noun}", n
        if style == "range":
            return f"between {n} and {n + 5} {noun}", n
        if style == "dozen":
            return f"a dozen {noun}", 12
        if style == "dozens":
            return f"dozens of {noun}", 12
        if style == "several":
            return f"several {noun}", 3
        if style == "hundreds":
            return f"hundreds of {noun}", 100
        raise ValueError(style)
    if style == "num":
        return f"{n} {noun}", n
    if style == "atleast":
        return f"au moins {n} {noun}", n
    if style == "word":
        return f"{FR_NUM[n]} {noun}", n
    if style == "plusde":
        return f"plus {de_(str(n) + ' ' + noun)}", n
    if style == "approx":
        return f"une {FR_APPROX[n]} {de_(noun)}", n
    if style == "dizaines":
        return f"des dizaines {de_(noun)}", 12
    if style == "plusieurs":
        return f"plusieurs {noun}", 3
    if style == "centaines":
        return f"des centaines {de_(noun)}", 100
    raise ValueError(style)


def cap(s: str) -> str:
    if s.lstrip("⟨⟪")[:1].isdigit():
        return s
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1 :]
    return s


def de_np(np: str) -> str:
    """French 'de' + noun phrase with elision and contraction."""
    if np.startswith("des "):
        return "de " + np[4:] if not vowel(np[4:]) else "d'" + np[4:]
    if np.startswith("les "):
        return "des " + np[4:]
    if np.startswith("le "):
        return "du " + np[3:]
    if np.startswith("la "):
        return "de la " + np[3:]
    if np.startswith("l'"):
        return "de " + np
    if np.startswith("nos "):
        return "de " + np
    return de_(np)


def a_np(np: str) -> str:
    if np.startswith("les "):
        return "aux " + np[4:]
    if np.startswith("le "):
        return "au " + np[3:]
    if np.startswith("des "):
        return "à " + np
    return "à " + np


MARK = re.compile(r"⟨([^⟩]*)⟩")


def strip_marks(s: str) -> str:
    return re.sub(r"[⟨⟩⟪⟫]", "", s)


def marks(s: str) -> list[str]:
    return MARK.findall(s)


# ---------------------------------------------------------------------------------------------
# Event kinds and their text templates.  A template is used only if every slot it names is
# available for the item (so toll slots such as {FATK} select toll-bearing sentences).
# ---------------------------------------------------------------------------------------------

KINDS = {
    "ambush": ("Battles", "Armed clash", False),
    "base_attack": ("Battles", "Armed clash", False),
    "rebel_clash": ("Battles", "Armed clash", False),
    "army_raid": ("Battles", "Armed clash", False),
    "repelled": ("Battles", "Armed clash", False),
    "retake": ("Battles", "Government regains territory", False),
    "overtake": ("Battles", "Non-state actor overtakes territory", False),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED", False),
    "ied_civ": ("Explosions/Remote violence", "Remote explosive/landmine/IED", True),
    "drone": ("Explosions/Remote violence", "Air/drone strike", False),
    "drone_civ": ("Explosions/Remote violence", "Air/drone strike", True),
    "suicide": ("Explosions/Remote violence", "Suicide bomb", True),
    "suicide_mil": ("Explosions/Remote violence", "Suicide bomb", False),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", False),
    "shelling_civ": ("Explosions/Remote violence", "Shelling/artillery/missile attack", True),
    "massacre": ("Violence against civilians", "Attack", True),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance", True),
    "looting": ("Strategic developments", "Looting/property destruction", False),
    "arrests": ("Strategic developments", "Arrests", False),
    "agreement": ("Strategic developments", "Agreement", False),
    "protest": ("Protests", "Peaceful protest", False),
    "riot": ("Riots", "Violent demonstration", False),
}

TPL = {
    "ambush": {
        "en": {
            "title": [
                "{TOLLT_C} in ambush near {LOC}",
                "{A1T} ambush {A2ADJ} convoy near {LOC}",
                "Soldiers killed in ambush in {REGT}{_F}",
                "{CTRY}: army patrol ambushed outside {LOC}",
                "Ambush on {A2ADJ} patrol near {LOC}",
                "{TOLLT_C} in ambush in {REGT}",
            ],
            "lead": [
                "{A1F_C} ambushed a {A2ADJ} convoy {WHERE} {WHEN}{FATK}, {SRC}.",
                "{WHEN_C}, {A1F} attacked a patrol of {A2} {WHERE}{FATK}, {SRC}.",
                "{A1F_C} lying in wait {WHERE} opened fire on {A2F} {WHEN}{FATK}, {SRC}.",
                "An ambush on {A2F} {WHERE} {WHEN} {FATL}, {SRC}.",
                "{A2F_C} were ambushed {WHERE} {WHEN} by {A1F}, {SRC}.",
                "A convoy of {A2} came under attack {WHERE} {WHEN}, with {A1F} opening fire from both sides of the road, {SRC}.",
            ],
            "detail": [
                "The attackers arrived on motorbikes and set fire to at least two military vehicles before withdrawing.",
                "The convoy had been escorting civilian trucks when it came under fire.",
                "Reinforcements were sent from {HUB} and the army said sweep operations were under way.",
                "Several soldiers were reported missing after the attack.",
                "The assailants made off with weapons and at least one pick-up truck, according to local sources.",
                "The army general staff confirmed the attack in a brief statement but gave no details.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : {TOLLT} dans une embuscade près {LOC_de}",
                "Embuscade meurtrière contre {A2} dans {REGT}{_F}",
                "Attaque {A1_de} contre un convoi {A2_de} près {LOC_de}",
                "{LOC} : une patrouille {A2_de} prise dans une embuscade",
                "Embuscade sur l'axe menant à {LOC} : {TOLLT}",
            ],
            "lead": [
                "{A1F_C} ont tendu une embuscade à un convoi {A2_de} {WHERE} {WHEN}{FATK}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont ouvert le feu sur une patrouille {A2_de} {WHERE}{FATK}, selon {SRC}.",
                "Une embuscade contre un convoi {A2_de} {WHERE} {WHEN} {FATL}, selon {SRC}.",
                "{WHEN_C}, une patrouille {A2_de} est tombée dans une embuscade {WHERE}{FATP}, selon {SRC}.",
                "{A2F_C} ont été pris pour cible {WHERE} {WHEN} par {A1F}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont attaqué un convoi {A2_de} {WHERE}.",
            ],
            "detail": [
                "Les assaillants, arrivés à moto, ont incendié au moins deux véhicules militaires avant de se replier.",
                "Le convoi escortait des camions de marchandises lorsqu'il a été pris pour cible.",
                "Des renforts ont été dépêchés depuis {HUB} et des opérations de ratissage sont en cours.",
                "Plusieurs militaires sont portés disparus.",
                "Les assaillants ont emporté des armes et au moins un véhicule, selon des sources locales.",
                "L'état-major n'a pas communiqué de bilan officiel.",
            ],
        },
    },
    "base_attack": {
        "en": {
            "title": [
                "{A1T} attack army base in {LOC}",
                "{TOLLT_C} as militants storm military post in {REGT}",
                "{CTRY}: military camp in {LOC} attacked",
                "Army post overrun near {LOC}, sources say",
                "Attack on {LOC} military camp{_Z}",
            ],
            "lead": [
                "{A1F_C} attacked a military post {WHERE} {WHEN}{FATK}, {SRC}.",
                "{WHEN_C}, {A1F} stormed an army base {WHERE} in a coordinated assault{FATK}, {SRC}.",
                "An assault on a military camp {WHERE} {WHEN} {FATL}, {SRC}.",
                "{A1F_C} attacked a base of {A2} {WHERE} {WHEN}, {SRC}.",
                "The military camp {WHERE} came under heavy fire {WHEN} from {A1F}, {SRC}.",
            ],
            "detail": [
                "Fighting lasted several hours before the attackers withdrew.",
                "Buildings in the camp were set on fire and weapons were taken.",
                "The army said air support forced the assailants to retreat.",
                "Residents said the attackers also looted shops in the town before leaving.",
                "The post had been reinforced only weeks earlier after repeated threats.",
            ],
        },
        "fr": {
            "title": [
                "Attaque {A1_de} contre le camp militaire {LOC_de}",
                "{CTRY} : {TOLLT} dans l'attaque d'un poste militaire",
                "{LOC} : un poste {A2_de} attaqué",
                "Attaque d'envergure contre une base militaire dans {REGT}",
            ],
            "lead": [
                "{A1F_C} ont attaqué un poste militaire {WHERE} {WHEN}{FATK}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont lancé un assaut contre le camp {A2_de} {WHERE}{FATK}, selon {SRC}.",
                "L'attaque du camp militaire {WHERE} {WHEN} {FATL}, selon {SRC}.",
                "Le camp {A2_de} {WHERE} a été la cible {WHEN} d'une attaque d'envergure menée par {A1F}, selon {SRC}.",
            ],
            "detail": [
                "Les combats ont duré plusieurs heures avant le repli des assaillants.",
                "Des bâtiments du camp ont été incendiés et des armes emportées.",
                "L'intervention de l'aviation a contraint les assaillants à se retirer, selon l'armée.",
                "Selon des habitants, les assaillants ont également pillé des boutiques avant de repartir.",
                "Le poste avait été renforcé quelques semaines plus tôt après des menaces répétées.",
            ],
        },
    },
    "rebel_clash": {
        "en": {
            "title": [
                "Rival jihadist groups clash near {LOC}",
                "Fighting between {A1S} and {A2S} reported in {REGT}",
                "{TOLLT_C} as {A1S} and {A2S} fight near {LOC}",
                "{CTRY}: jihadist infighting flares near {LOC}",
            ],
            "lead": [
                "{A1F_C} clashed with {A2F} {WHERE} {WHEN}, {SRC}.",
                "Heavy fighting broke out {WHERE} {WHEN} between {A1F} and {A2F}{FATP}, {SRC}.",
                "{WHEN_C}, {A1F} attacked positions held by {A2F} {WHERE}{FATK}, {SRC}.",
            ],
            "detail": [
                "The clashes are part of a long-running turf war over territory, recruits and grazing routes.",
                "Residents said the fighters fought over cattle and control of the local market.",
                "Both groups have been competing for influence in the area for several years.",
                "Neither group has commented on the fighting.",
            ],
        },
        "fr": {
            "title": [
                "Affrontements entre groupes jihadistes près {LOC_de}",
                "{CTRY} : combats entre {A1} et {A2} dans {REGT}",
                "{LOC} : {TOLLT} dans des combats entre jihadistes",
            ],
            "lead": [
                "Des affrontements ont opposé {A1F} à {A2F} {WHERE} {WHEN}{FATP}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont attaqué des positions tenues par {A2F} {WHERE}{FATK}, selon {SRC}.",
                "De violents combats ont éclaté {WHERE} {WHEN} entre {A1F} et {A2F}, selon {SRC}.",
            ],
            "detail": [
                "Ces affrontements s'inscrivent dans une rivalité ancienne pour le contrôle du territoire et des pâturages.",
                "Selon des habitants, les combattants se disputaient du bétail et le contrôle du marché local.",
                "Aucun des deux groupes n'a communiqué sur ces combats.",
            ],
        },
    },
    "army_raid": {
        "en": {
            "title": [
                "Army says {TOLLT} in operation near {LOC}",
                "{A1T} raid militant hideouts in {REGT}",
                "{CTRY}: troops clash with militants near {LOC}",
                "{TOLLT_C} in military operation in {REGT}, army says",
            ],
            "lead": [
                "{A1F_C} raided militant hideouts {WHERE} {WHEN}{FATK}, the army said.",
                "{WHEN_C}, {A1F} clashed with {A2F} {WHERE}{FATK}, according to a military statement.",
                "{A1F_C} launched an operation against {A2F} {WHERE} {WHEN}, the army said.",
                "An operation by {A1} against {A2F} {WHERE} {WHEN} {FATL}, according to a statement.",
            ],
            "detail": [
                "Weapons, motorbikes and fuel were recovered during the operation, the statement said.",
                "The claims could not be independently verified.",
                "Residents said several houses were searched and some men were taken away for questioning.",
                "The army said two of its soldiers were wounded.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : l'armée annonce {TOLLT} près {LOC_de}",
                "Opération militaire contre des jihadistes dans {REGT}",
                "{LOC} : opération {A1_de} contre des bases {A2_de}",
            ],
            "lead": [
                "{A1F_C} ont mené une opération contre {A2F} {WHERE} {WHEN}{FATK}, selon un communiqué de l'armée.",
                "{WHEN_C}, {A1F} ont accroché {A2F} {WHERE}{FATK}, indique l'état-major.",
                "Une opération {A1_de} a visé {A2F} {WHERE} {WHEN}, selon l'état-major.",
            ],
            "detail": [
                "D'importantes quantités d'armes, de motos et de carburant ont été récupérées, selon l'armée.",
                "Ces chiffres n'ont pas pu être vérifiés de source indépendante.",
                "L'armée déplore deux blessés dans ses rangs.",
            ],
        },
        "fr_partisan": {
            "title": [
                "{FLAG} Gloire à nos forces : {TOLLT} près {LOC_de} !",
                "Grosse opération de nos forces dans {REGT}",
                "{LOC} : les terroristes pris au piège par {A1}",
            ],
            "lead": [
                "{A1F_C} ont infligé une lourde défaite aux {A2S} {WHERE} {WHEN}{FATK} !",
                "{WHEN_C}, {A1F} ont frappé fort contre {A2F} {WHERE}{FATK}.",
                "Une opération de grande envergure menée par {A1} {WHERE} {WHEN} a permis de démanteler plusieurs bases {A2_de}.",
            ],
            "detail": [
                "Des armes, des motos et des moyens de communication ont été saisis.",
                "Les médias occidentaux, eux, se taisent !",
                "Nos forces poursuivent le ratissage de la zone.",
            ],
        },
    },
    "repelled": {
        "fr_partisan": {
            "title": [
                "{LOC} : nos forces repoussent une attaque {A1_de} !",
                "Attaque terroriste repoussée à {LOC}",
                "{CTRY} : {TOLLT} après une attaque ratée à {LOC}",
            ],
            "lead": [
                "{A1F_C} ont tenté d'attaquer une position {A2_de} {WHERE} {WHEN}. La riposte a été foudroyante{FATK} !",
                "{WHEN_C}, {A2} ont repoussé avec bravoure une attaque {A1_de} {WHERE}.",
                "Une attaque lancée par {A1F} {WHERE} {WHEN} s'est soldée par un échec cuisant.",
            ],
            "detail": [
                "Plusieurs motos et des armes ont été récupérées.",
                "Honneur à nos soldats !",
                "Les terroristes en fuite sont activement recherchés.",
            ],
        },
        "en": {
            "title": ["Army says attack repelled near {LOC}"],
            "lead": ["{A2F_C} repelled an attack by {A1F} {WHERE} {WHEN}, the army said."],
            "detail": ["The army gave no toll for its own side."],
        },
        "fr": {
            "title": ["{LOC} : une attaque repoussée par {A2}"],
            "lead": ["{A2F_C} ont repoussé une attaque {A1_de} {WHERE} {WHEN}, selon l'armée."],
            "detail": ["L'armée n'a pas communiqué de bilan pour ses propres rangs."],
        },
    },
    "retake": {
        "en": {
            "title": [
                "Army says it has retaken {LOC}",
                "{CTRY}: troops back in control of {LOC}",
                "{A1T} retake {LOC} after militant occupation",
            ],
            "lead": [
                "{A1F_C} regained control of {LOC} {WHEN}, days after {A2F} had taken over the town, {SRC}.",
                "{WHEN_C}, {A1F} entered {LOC} and drove out {A2F} who had occupied it, {SRC}.",
            ],
            "detail": [
                "Residents said the militants had held the town for several days, collecting 'zakat' and closing schools.",
                "The army raised the national flag over the prefecture, according to images shared on social media.",
                "The army said it had 'neutralised' an unspecified number of fighters.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : l'armée reprend le contrôle {LOC_de}",
                "{LOC} de nouveau sous contrôle {A1_de}",
            ],
            "lead": [
                "{A1F_C} ont repris le contrôle {LOC_de} {WHEN}, après plusieurs jours d'occupation par {A2F}, selon {SRC}.",
                "{WHEN_C}, {A1F} sont entrés dans {LOC} et en ont chassé {A2F}, selon {SRC}.",
            ],
            "detail": [
                "Selon des habitants, les jihadistes avaient imposé la « zakat » et fermé les écoles.",
                "Le drapeau national a été hissé sur la préfecture, selon des images partagées sur les réseaux sociaux.",
            ],
        },
        "fr_partisan": {
            "title": [
                "{FLAG} {LOC} libérée ! Nos forces reprennent la ville",
                "Victoire : {A1} reprennent {LOC}",
            ],
            "lead": [
                "{A1F_C} ont libéré {LOC} {WHEN} des griffes {A2_de}.",
                "{WHEN_C}, {A1F} sont entrés triomphalement dans {LOC}.",
            ],
            "detail": ["La population a accueilli nos soldats dans la liesse.", "Vive l'AES !"],
        },
    },
    "overtake": {
        "en": {
            "title": [
                "{A1S} takes control of {LOC} as army pulls out",
                "{CTRY}: {LOC} falls to {A1S}",
                "Militants seize {LOC}, residents say",
            ],
            "lead": [
                "{A1F_C} seized control of {LOC} {WHEN} after {A2F} withdrew from their positions, {SRC}.",
                "{WHEN_C}, {A1F} took over {LOC}, raising their flag over the town hall, {SRC}.",
            ],
            "detail": [
                "Residents said the fighters toured the town and told people to stay at home.",
                "The army described the move as a 'tactical withdrawal'.",
                "Hundreds of people fled towards {HUB}.",
            ],
        },
        "fr": {
            "title": [
                "{LOC} passe sous le contrôle du {A1S}",
                "{CTRY} : {LOC} tombe aux mains du {A1S}",
            ],
            "lead": [
                "{A1F_C} ont pris le contrôle {LOC_de} {WHEN} après le retrait {A2_de}, selon {SRC}.",
                "{WHEN_C}, {A1F} se sont emparés {LOC_de}, selon {SRC}.",
            ],
            "detail": [
                "L'armée parle d'un « repli tactique ».",
                "Des centaines d'habitants ont fui vers {HUB}.",
            ],
        },
    },
    "ied": {
        "en": {
            "title": [
                "{TOLLT_C} as roadside bomb hits army vehicle near {LOC}",
                "Army vehicle hits landmine near {LOC}",
                "IED blast targets {A2ADJ} convoy in {REGT}",
                "{CTRY}: explosive device strikes patrol near {LOC}",
            ],
            "lead": [
                "A roadside bomb struck a {A2ADJ} vehicle {WHERE} {WHEN}{FATP}, {SRC}.",
                "An improvised explosive device hit a convoy of {A2} {WHERE} {WHEN} and {FATL}, {SRC}.",
                "A {A2ADJ} vehicle ran over a landmine {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "Improvised explosive devices have become the main cause of military casualties on roads in the area.",
                "The blast destroyed the vehicle, and the rest of the convoy turned back.",
                "Demining teams were sent to clear the road.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : {TOLLT} dans l'explosion d'un engin explosif près {LOC_de}",
                "Un véhicule {A2_de} saute sur une mine près {LOC_de}",
                "Engin explosif improvisé contre un convoi dans {REGT}",
            ],
            "lead": [
                "Un véhicule {A2_de} a sauté sur un engin explosif improvisé {WHERE} {WHEN}{FATP}, selon {SRC}.",
                "L'explosion d'une mine au passage d'un convoi {A2_de} {WHERE} {WHEN} {FATL}, selon {SRC}.",
                "Un engin explosif a visé une patrouille {A2_de} {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "Les engins explosifs improvisés sont devenus la principale menace sur les axes routiers de la zone.",
                "Le véhicule a été entièrement détruit et le reste du convoi a rebroussé chemin.",
                "Une équipe de déminage a été dépêchée sur place.",
            ],
        },
    },
    "ied_civ": {
        "en": {
            "title": [
                "{TOLLT_C} as bus hits landmine near {LOC}",
                "Landmine blast hits civilian vehicle in {REGT}",
                "Passenger vehicle hits explosive device near {LOC}",
            ],
            "lead": [
                "A passenger vehicle struck an explosive device {WHERE} {WHEN}{FATP}, {SRC}.",
                "A minibus carrying {VIC} to a weekly market hit a landmine {WHERE} {WHEN} and {FATL}, {SRC}.",
                "An explosive device went off under a truck carrying {VIC} {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "The road had been mined repeatedly in recent months, residents said.",
                "The wounded were evacuated to the hospital in {HUB}.",
                "Transport unions called on authorities to secure the route.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : {TOLLT} dans l'explosion d'une mine au passage d'un car",
                "Un véhicule de transport saute sur une mine près {LOC_de}",
                "Engin explosif : des civils touchés dans {REGT}",
            ],
            "lead": [
                "Un véhicule de transport en commun a sauté sur une mine {WHERE} {WHEN}{FATP}, selon {SRC}.",
                "Une charrette transportant {VIC} a heurté un engin explosif {WHERE} {WHEN}, selon {SRC}.",
                "L'explosion d'un engin au passage d'un camion transportant {VIC} {WHERE} {WHEN} {FATL}, selon {SRC}.",
            ],
            "detail": [
                "Les blessés ont été évacués vers l'hôpital {HUB_de}.",
                "L'axe avait déjà été miné à plusieurs reprises ces derniers mois, selon des habitants.",
                "Les transporteurs réclament la sécurisation de la route.",
            ],
        },
    },
    "drone": {
        "en": {
            "title": [
                "Air strikes hit militant positions near {LOC}",
                "{TOLLT_C} in air strikes near {LOC}, army says",
                "{CTRY}: drone strikes target {A2S} hideouts in {REGT}",
            ],
            "lead": [
                "{A1_C} said it carried out air strikes on a gathering of {A2F} {WHERE} {WHEN}{FATK}.",
                "Air strikes by {A1} targeted {A2F} {WHERE} {WHEN}, {SRC}.",
                "{WHEN_C}, a drone strike by {A1} hit a camp used by {A2F} {WHERE}{FATK}, {SRC}.",
            ],
            "detail": [
                "The strikes could not be independently verified.",
                "Residents reported hearing drones over the area for several hours.",
                "Turkish-made drones have become a key weapon for armies in the region.",
            ],
        },
        "fr": {
            "title": [
                "Frappes aériennes contre des positions jihadistes près {LOC_de}",
                "{CTRY} : {TOLLT} dans des frappes de drones, selon l'armée",
                "Frappes {A1_de} dans {REGT}",
            ],
            "lead": [
                "Des frappes aériennes {A1_de} ont visé {A2F} {WHERE} {WHEN}{FATK}, selon l'état-major.",
                "{WHEN_C}, un drone {A1_de} a frappé un regroupement {A2_de} {WHERE}{FATK}, selon {SRC}.",
                "Des frappes de drones ont ciblé {A2F} {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "Ces frappes n'ont pas pu être vérifiées de manière indépendante.",
                "Des habitants disent avoir entendu des drones survoler la zone pendant plusieurs heures.",
                "Les drones de fabrication turque sont devenus une arme clé des armées de l'AES.",
            ],
        },
        "fr_partisan": {
            "title": [
                "Frappes chirurgicales : {TOLLT} près {LOC_de} !",
                "🇧🇫🇲🇱🇳🇪 Nos drones frappent fort dans {REGT}",
            ],
            "lead": [
                "{WHEN_C}, nos vecteurs aériens ont pulvérisé un rassemblement {A2_de} {WHERE}{FATK}.",
                "{WHEN_C}, nos vecteurs aériens ont frappé un repaire {A2_de} {WHERE}.",
                "Des frappes aériennes d'une précision remarquable ont visé {A2F} {WHERE} {WHEN}{FATK}.",
            ],
            "detail": [
                "Les images des frappes circulent sur les réseaux sociaux.",
                "L'ennemi n'a plus de refuge !",
            ],
        },
    },
    "drone_civ": {
        "en": {
            "title": [
                "{TOLLT_C} in drone strike on {LOC} market, residents say",
                "Residents say drone strike hit civilians near {LOC}",
                "{CTRY}: questions over air strike that killed civilians in {REGT}{_F}",
            ],
            "lead": [
                "A drone strike blamed on {A1} hit a crowded market {WHERE} {WHEN}{FATP}, residents said.",
                "An air strike {WHERE} {WHEN} {FATL}, according to residents and a local official who blamed {A1}.",
                "{WHEN_C}, a strike by {A1} hit a wedding gathering {WHERE}, {SRC}.",
            ],
            "detail": [
                "The army said it had targeted 'terrorists' and did not comment on civilian casualties.",
                "Rights groups called for an independent investigation.",
                "Most of the victims were women and children, a local official said.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : une frappe de drone fait des victimes civiles près {LOC_de}{_F}",
                "{LOC} : {TOLLT} dans une frappe aérienne, selon des habitants",
                "{LOC} : une frappe aérienne touche des civils",
            ],
            "lead": [
                "Une frappe de drone attribuée {A1_a} a touché un marché {WHERE} {WHEN}{FATP}, selon des habitants.",
                "{WHEN_C}, une frappe aérienne {A1_de} a touché une cérémonie de mariage {WHERE}, selon {SRC}.",
            ],
            "detail": [
                "L'armée affirme avoir visé des « terroristes » et ne commente pas les pertes civiles.",
                "Des organisations de défense des droits humains réclament une enquête indépendante.",
            ],
        },
    },
    "suicide": {
        "en": {
            "title": [
                "Suicide bomber kills {TOLLN} at {LOC} market",
                "{TOLLT_C} in suicide attack in {LOC}",
                "Suicide bombing hits mosque in {LOC}{_F}",
                "{CTRY}: suicide blast rocks {LOC}",
            ],
            "lead": [
                "A suicide bomber blew herself up at a busy fish market {WHERE} {WHEN}{FATP}, {SRC}.",
                "A suicide bomber detonated explosives among {VIC} at a crowded gathering {WHERE} {WHEN}{FATP}, {SRC}.",
                "{WHEN_C}, a suicide attack {WHERE} {FATL}, {SRC}.",
                "A suicide bomber blew herself up near a checkpoint {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "The wounded were taken to hospital in {HUB}, emergency workers said.",
                "Insurgents in the region have repeatedly used women and teenage girls as suicide bombers.",
                "The market had reopened only weeks earlier after years of closure.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : {TOLLT} dans un attentat-suicide à {LOC}",
                "Attentat-suicide dans un marché {LOC_de}",
            ],
            "lead": [
                "Une kamikaze s'est fait exploser dans un marché {WHERE} {WHEN}{FATP}, selon {SRC}.",
                "{WHEN_C}, un attentat-suicide {WHERE} {FATL}, selon {SRC}.",
                "Une kamikaze s'est fait exploser près d'un poste de contrôle {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "Les blessés ont été évacués vers l'hôpital {HUB_de}.",
                "Les insurgés utilisent fréquemment des femmes et des adolescentes comme kamikazes.",
            ],
        },
    },
    "suicide_mil": {
        "en": {
            "title": [
                "Car bomb hits army camp in {LOC}",
                "{TOLLT_C} in suicide car bombing on {LOC} base",
                "{CTRY}: suicide attack targets military camp in {LOC}",
            ],
            "lead": [
                "A suicide car bomb exploded at the entrance of a military camp {WHERE} {WHEN}{FATP}, {SRC}.",
                "{WHEN_C}, {A1F} drove a vehicle packed with explosives into a base of {A2} {WHERE}{FATK}, {SRC}.",
                "A suicide car bomb exploded near a base of {A2} {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "The blast was followed by an exchange of fire that lasted about an hour.",
                "Several buildings inside the camp were destroyed.",
            ],
        },
        "fr": {
            "title": [
                "{LOC} : attaque au véhicule piégé contre le camp militaire",
                "{CTRY} : {TOLLT} dans un attentat-suicide contre un camp {A2_de}",
            ],
            "lead": [
                "Un véhicule piégé conduit par un kamikaze a explosé à l'entrée du camp militaire {WHERE} {WHEN}{FATP}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont lancé un véhicule bourré d'explosifs contre le camp {A2_de} {WHERE}{FATK}, selon {SRC}.",
                "Un véhicule piégé a explosé près du camp {A2_de} {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "L'explosion a été suivie d'échanges de tirs pendant près d'une heure.",
                "Plusieurs bâtiments du camp ont été détruits.",
            ],
        },
    },
    "shelling": {
        "en": {
            "title": [
                "Mortar attack on army base in {LOC}",
                "Rockets fired at {LOC} airport{_Z}{_AP}",
                "{TOLLT_C} as shells hit military camp in {LOC}",
            ],
            "lead": [
                "{A1F_C} fired mortar rounds at a military base {WHERE} {WHEN}{FATK}, {SRC}.",
                "Several rockets hit the airport area {WHERE} {WHEN}, {SRC}.{_AP}",
                "{WHEN_C}, {A1F} shelled army positions {WHERE}{FATK}, {SRC}.",
                "{A1F_C} shelled army positions {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "Residents said the shelling lasted around twenty minutes.",
                "The airport, which also hosts a military base, has been targeted several times this year.{_AP}",
                "The garrison had been reinforced after a similar attack earlier in the year.",
            ],
        },
        "fr": {
            "title": [
                "Tirs d'obus sur le camp militaire {LOC_de}",
                "{LOC} : des roquettes tirées sur l'aéroport{_Z}{_AP}",
                "{CTRY} : {TOLLT} dans des tirs d'obus à {LOC}",
            ],
            "lead": [
                "{A1F_C} ont tiré plusieurs obus sur le camp militaire {WHERE} {WHEN}{FATK}, selon {SRC}.",
                "Des roquettes se sont abattues sur la zone aéroportuaire {WHERE} {WHEN}, selon {SRC}.{_AP}",
                "Des obus se sont abattus sur le camp militaire {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "Selon des habitants, les tirs ont duré une vingtaine de minutes.",
                "L'aéroport, qui abrite aussi une base militaire, a été visé à plusieurs reprises cette année.{_AP}",
                "La garnison avait été renforcée après une attaque similaire plus tôt dans l'année.",
            ],
        },
    },
    "shelling_civ": {
        "en": {
            "title": [
                "Shells hit residential area of {LOC}",
                "{TOLLT_C} as shells land in {LOC} neighbourhood",
            ],
            "lead": [
                "Shells fired by {A1F} landed in a residential neighbourhood {WHERE} {WHEN}{FATP}, {SRC}.",
                "{WHEN_C}, {A1F} fired shells into {LOC}{FATK}, {SRC}.",
                "{A1F_C} fired several shells at residential areas {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "Several houses were destroyed.",
                "Schools in the town were closed as a precaution.",
            ],
        },
        "fr": {
            "title": [
                "Des obus tombent sur un quartier {LOC_de}",
                "{LOC} : {TOLLT} dans des tirs d'obus sur la ville",
            ],
            "lead": [
                "Des obus tirés par {A1F} sont tombés sur un quartier d'habitations {WHERE} {WHEN}{FATP}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont tiré des obus sur {LOC}{FATK}, selon {SRC}.",
                "{A1F_C} ont tiré plusieurs obus sur des quartiers d'habitation {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "Plusieurs maisons ont été détruites.",
                "Les écoles de la ville ont été fermées par précaution.",
            ],
        },
    },
    "massacre": {
        "en": {
            "title": [
                "{TOLLT_C} in attack on village near {LOC}",
                "Gunmen kill {TOLLN} in {REGT}",
                "{CTRY}: villagers killed in {LOC} attack{_F}",
                "Attack near {LOC} leaves {TOLLN} dead",
                "{A1T} kill {TOLLN} near {LOC}",
                "Civilians targeted in attack near {LOC}{_Z}",
                "{CTRY}: gunmen raid village in {REGT}{_Z}",
            ],
            "lead": [
                "{A1F_C} raided {WHAT} {WHEN}{FATK}, {SRC}.",
                "{WHEN_C}, {A1F} stormed {WHAT} on motorbikes{FATK}, {SRC}.",
                "{A1F_C} opened fire on {VIC} {WHERE} {WHEN}{FATK}, {SRC}.",
                "An attack on {WHAT} {WHEN} {FATL}, {SRC}.",
                "{A1F_C} attacked {VIC} {WHERE} {WHEN}, {SRC}.",
            ],
            "detail": [
                "The attackers burned houses and granaries and took away livestock.",
                "Survivors said the gunmen accused residents of collaborating with the army.",
                "Hundreds of residents fled to {HUB} after the attack.",
                "Local leaders said the toll could rise as some people were still missing.{_F}",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : {TOLLT} dans l'attaque d'un village près {LOC_de}",
                "Des civils tués dans {REGT}{_F}",
                "{LOC} : {TOLLT} dans une attaque contre des civils",
                "Attaque meurtrière contre des villageois près {LOC_de}{_F}",
                "{LOC} : des civils pris pour cible",
                "{CTRY} : attaque contre un village près {LOC_de}{_Z}",
            ],
            "lead": [
                "{A1F_C} ont attaqué {WHAT} {WHEN}{FATK}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont fait irruption dans {WHAT}{FATK}, selon {SRC}.",
                "L'attaque {WHAT_de} {WHEN} {FATL}, selon {SRC}.",
                "{A1F_C} s'en sont pris à {VIC} {WHERE} {WHEN}, selon {SRC}.",
            ],
            "detail": [
                "Les assaillants ont incendié des maisons et des greniers et emporté du bétail.",
                "Selon des rescapés, les assaillants accusaient les habitants de collaborer avec l'armée.",
                "Des centaines d'habitants ont fui vers {HUB}.",
                "Le bilan pourrait s'alourdir, plusieurs personnes étant portées disparues.{_F}",
            ],
        },
    },
    "abduction": {
        "en": {
            "title": [
                "{A1T} abduct {NABD} near {LOC}",
                "{NABD_C} kidnapped in {REGT}",
                "{CTRY}: {NABD} abducted near {LOC}",
            ],
            "lead": [
                "{A1F_C} abducted {NABD} {WHERE} {WHEN}, {SRC}.",
                "{WHEN_C}, {A1F} kidnapped {NABD} {WHERE}, {SRC}.",
                "{NABD_C} were abducted {WHERE} {WHEN} by {A1F}, {SRC}.",
            ],
            "detail": [
                "The kidnappers later contacted relatives to demand a ransom, residents said.",
                "Security forces have been deployed to track the abductors.",
                "Kidnapping for ransom has become a lucrative business for armed groups in the area.",
            ],
        },
        "fr": {
            "title": [
                "{CTRY} : {NABD} enlevé{_es} près {LOC_de}",
                "Enlèvement {NABD_de} dans {REGT}",
                "{LOC} : {NABD} enlevé{_es} par des hommes armés",
            ],
            "lead": [
                "{A1F_C} ont enlevé {NABD} {WHERE} {WHEN}, selon {SRC}.",
                "{NABD_C} ont été enlevé{_es} {WHERE} {WHEN} par {A1F}, selon {SRC}.",
            ],
            "detail": [
                "Les ravisseurs ont contacté les familles pour exiger une rançon.",
                "Les enlèvements contre rançon se multiplient dans la zone.",
                "Aucune revendication n'a été enregistrée.",
            ],
        },
    },
    "looting": {
        "en": {
            "title": ["{OBJ_T} near {LOC}", "{A1T} {OBJ_TV} near {LOC}"],
            "lead": [
                "{A1F_C} {OBJ_V} {WHERE} {WHEN}, {SRC}.",
                "{WHEN_C}, {A1F} {OBJ_V} {WHERE}, {SRC}.",
            ],
            "detail": [
                "No casualties were reported.",
                "The damage is expected to cost several months of repairs.",
                "Residents said the attackers warned them not to cooperate with the authorities.",
            ],
        },
        "fr": {
            "title": ["{OBJ_T} près {LOC_de}", "{LOC} : {OBJ_T_l}"],
            "lead": [
                "{A1F_C} {OBJ_V} {WHERE} {WHEN}, selon {SRC}.",
                "{WHEN_C}, {A1F} {OBJ_V} {WHERE}, selon {SRC}.",
            ],
            "detail": [
                "Aucune victime n'a été signalée.",
                "Les habitants disent avoir été sommés de ne pas collaborer avec les autorités.",
            ],
        },
    },
    "arrests": {
        "en": {
            "title": [
                "{K} suspected {A2S} members arrested in {LOC}",
                "{A1T} arrest suspected {A2S} collaborators near {LOC}",
            ],
            "lead": [
                "{A1F_C} arrested {K_w} suspected {A2S} members {WHERE} {WHEN}, {SRC}.",
                "{WHEN_C}, {A1F} detained {K_w} people suspected of supplying fuel and food to {A2F} {WHERE}, {SRC}.",
            ],
            "detail": [
                "The suspects were transferred to {HUB} for questioning.",
                "Relatives of some of the detained men said they were farmers with no links to armed groups.",
            ],
        },
        "fr": {
            "title": [
                "{LOC} : {K} présumés complices {A2_de} interpellés",
                "{CTRY} : arrestation de {K} présumés jihadistes près {LOC_de}",
            ],
            "lead": [
                "{A1F_C} ont interpellé {K_w} individus soupçonnés d'appartenir {A2_a} {WHERE} {WHEN}, selon {SRC}.",
                "{WHEN_C}, {A1F} ont arrêté {K_w} personnes soupçonnées de ravitailler {A2F} {WHERE}, selon {SRC}.",
            ],
            "detail": [
                "Les suspects ont été transférés à {HUB} pour être entendus.",
                "Des proches affirment qu'il s'agit de simples cultivateurs.",
            ],
        },
        "fr_partisan": {
            "title": ["{LOC} : {K} complices des terroristes neutralisés par nos forces"],
            "lead": ["{WHEN_C}, {A1F} ont mis la main sur {K_w} complices {A2_de} {WHERE}."],
            "detail": ["Le peuple doit rester vigilant et dénoncer tout comportement suspect !"],
        },
    },
    "agreement": {
        "en": {
            "title": [
                "Residents of {LOC} strike local truce with {A1}",
                "{CTRY}: local peace deal signed near {LOC}",
            ],
            "lead": [
                "Community leaders {WHERE} reached a local agreement with {A1F} {WHEN}, allowing farmers to return to their fields, {SRC}.",
                "{WHEN_C}, elders {WHERE} signed a truce with {A1F}, who agreed to stop attacks in exchange for free movement, {SRC}.",
            ],
            "detail": [
                "Similar deals elsewhere have broken down within months.",
                "Authorities did not comment on the agreement.",
                "Under the deal, residents are expected to pay 'zakat' on their harvest.",
            ],
        },
        "fr": {
            "title": [
                "{LOC} : un accord local conclu avec {A1}",
                "{CTRY} : trêve locale près {LOC_de}",
            ],
            "lead": [
                "Des notables {WHERE} ont conclu un accord local avec {A1F} {WHEN}, permettant la reprise des travaux champêtres, selon {SRC}.",
                "{WHEN_C}, des chefs coutumiers {WHERE} ont signé une trêve avec {A1F}, selon {SRC}.",
            ],
            "detail": [
                "De tels accords ont souvent été rompus au bout de quelques mois.",
                "Les autorités n'ont pas commenté cet accord.",
            ],
        },
    },
    "protest": {
        "en": {
            "title": [
                "Residents protest insecurity in {LOC}",
                "Hundreds march in {LOC} over rising insecurity",
                "{CTRY}: protesters block road in {LOC}",
            ],
            "lead": [
                "Hundreds of {A1F} took to the streets {WHERE} {WHEN} to protest against {ISSUE}, {SRC}.",
                "{A1F_C} blocked the main road {WHERE} {WHEN}, demanding better protection against {ISSUE}, {SRC}.",
            ],
            "detail": [
                "The protest ended peacefully after local officials addressed the crowd.",
                "Police monitored the march but did not intervene.",
                "Traders closed their shops in solidarity.",
            ],
        },
        "fr": {
            "title": [
                "{LOC} : marche contre l'insécurité",
                "{CTRY} : des manifestants dans les rues {LOC_de}",
            ],
            "lead": [
                "Des centaines {A1F_de} ont marché {WHERE} {WHEN} pour dénoncer {ISSUE}, selon {SRC}.",
                "{A1F_C} ont bloqué la route principale {WHERE} {WHEN} pour protester contre {ISSUE}.",
            ],
            "detail": [
                "La manifestation s'est déroulée dans le calme.",
                "Les commerçants ont fermé boutique en signe de solidarité.",
            ],
        },
    },
    "riot": {
        "en": {
            "title": [
                "Angry youths torch police station in {LOC}",
                "{CTRY}: protest turns violent in {LOC}",
            ],
            "lead": [
                "Angry youths set fire to a police station {WHERE} {WHEN} after {ISSUE}, {SRC}. Police said the {A1F} also blocked the highway for several hours.",
                "A protest over {ISSUE} turned violent {WHERE} {WHEN} when {A1F} burned tyres and vandalised government buildings, {SRC}.",
            ],
            "detail": [
                "Several people were injured and a dozen arrested, police said.",
                "Calm returned after the emir intervened.",
            ],
        },
        "fr": {
            "title": [
                "{LOC} : une manifestation dégénère",
                "{CTRY} : des jeunes en colère incendient un commissariat à {LOC}",
            ],
            "lead": [
                "Des jeunes en colère ont incendié un commissariat {WHERE} {WHEN} après {ISSUE}, selon {SRC}. Les {A1F_bare} ont aussi bloqué la route nationale."
            ],
            "detail": [
                "Plusieurs blessés ont été signalés.",
                "Le calme est revenu dans la soirée.",
            ],
        },
    },
}

LOOT_OBJECTS = {
    "tankers": {
        "en": (
            "Fuel tankers set ablaze",
            "torch fuel convoy",
            "set fire to about {k} fuel tankers",
        ),
        "fr": (
            "Des camions-citernes incendiés",
            "des camions-citernes incendiés",
            "ont incendié une {kfr} de camions-citernes",
        ),
    },
    "mast": {
        "en": (
            "Telecom mast destroyed",
            "destroy telecom mast",
            "blew up a telecommunications mast, cutting mobile networks,",
        ),
        "fr": (
            "Une antenne de télécommunication détruite",
            "une antenne de télécommunication détruite",
            "ont détruit l'antenne de télécommunication, privant la zone de réseau,",
        ),
    },
    "bridge": {
        "en": ("Bridge blown up", "blow up bridge", "blew up a bridge on the main road"),
        "fr": (
            "Un pont dynamité",
            "un pont dynamité",
            "ont dynamité un pont sur la route principale",
        ),
    },
    "cattle": {
        "en": (
            "Hundreds of cattle rustled",
            "rustle cattle",
            "made off with hundreds of head of cattle",
        ),
        "fr": (
            "Des centaines de têtes de bétail emportées",
            "vol massif de bétail",
            "ont emporté des centaines de têtes de bétail",
        ),
    },
    "shops": {
        "en": (
            "Market looted and torched",
            "loot and torch market",
            "looted shops and set fire to the market",
        ),
        "fr": (
            "Un marché pillé et incendié",
            "le marché pillé et incendié",
            "ont pillé des boutiques et incendié le marché",
        ),
    },
}

ISSUES = {
    "en": [
        "rising insecurity",
        "repeated bandit attacks",
        "the killing of farmers",
        "kidnappings on the highway",
        "the abduction of residents",
    ],
    "fr": [
        "l'insécurité grandissante",
        "les attaques répétées contre les villages",
        "les enlèvements sur la route",
        "le blocus imposé à la ville",
    ],
}

SRC = {
    "en": [
        "a security source said",
        "local sources said",
        "residents said",
        "a local official said",
        "two security sources told {OUT}",
        "according to local sources",
        "a military source told {OUT}",
        "a community leader said",
        "officials said",
    ],
    "fr": [
        "une source sécuritaire",
        "des sources locales",
        "des habitants joints par téléphone",
        "un élu local",
        "une source militaire",
        "plusieurs sources concordantes",
        "un notable de la localité",
    ],
}

# ACLED's codebook: a group is the actor only when the report attributes the act to it
# (blamed, claimed, "suspected X").  A report that only says the area is a group's
# stronghold, or that nobody claimed the act, gives the country's Unidentified Armed Group,
# so these sentences, which stand behind a named actor1 in the ground truth, attribute.
ATTR = {
    "en": [
        "Security sources blamed {A1}.",
        "No group immediately claimed the attack, but security sources attributed it to {A1}.",
        "Officials blamed {A1} for the attack.",
    ],
    "fr": [
        "Des sources sécuritaires attribuent l'attaque {A1_a}.",
        "Les autorités imputent l'attaque {A1_a}.",
        "L'attaque n'a pas été revendiquée, mais des sources locales l'attribuent {A1_a}.",
    ],
    "en_state": [
        "The operation was carried out by {A1}.",
        "{A1_C} confirmed the operation in a statement.",
    ],
    "fr_state": [
        "L'opération a été menée par {A1}.",
        "L'opération est à mettre à l'actif {A1_de}.",
    ],
    "en_unident": [
        "No group has claimed responsibility.",
        "It was not immediately clear who was behind the attack.",
    ],
    "fr_unident": [
        "L'attaque n'a pas été revendiquée.",
        "L'attaque n'avait toujours pas été revendiquée dans la soirée.",
    ],
}
CLAIM = {
    "en": [
        "{A1_C} claimed responsibility in a statement released by its media arm.",
        "In a statement, {A1} claimed the attack and published photos of seized weapons.",
    ],
    "fr": [
        "L'attaque a été revendiquée par {A1} dans un communiqué diffusé par son organe de propagande.",
        "Dans un communiqué, {A1} a revendiqué l'attaque et publié des photos d'armes saisies.",
    ],
}
A2_FALLBACK = {
    "en": [
        "The attack targeted {A2}.",
        "{A2_C} had deployed reinforcements in the area in recent weeks.",
    ],
    "fr": ["L'attaque visait {A2}.", "L'attaque visait des positions tenues par {A2}."],
}

QUOTES = {
    "en": {
        "mil": [
            '"They came in large numbers, on motorbikes and in pick-up trucks," a soldier who survived the attack told {OUT}.',
            '"The situation is under control and search operations are continuing," the army said in a statement.',
            '"Our men fought bravely, but the enemy had laid mines along the road," an officer said.',
            '"We heard heavy gunfire for more than two hours," a resident of {LOC} said.',
            '"Reinforcements arrived only in the evening," a local official said, asking not to be named.',
        ],
        "civ": [
            '"They gathered the men in front of the mosque and opened fire," a survivor said by phone.',
            '"Most families have fled towards {HUB}; the village is empty now," a community leader told {OUT}.',
            '"We buried the bodies ourselves because nobody else could reach us," a resident said.',
            '"This is the third attack on our area since the start of the rainy season," a local councillor said.',
            '"People are afraid to go to their fields," said a farmer who fled to {HUB}.',
        ],
        "abduct": [
            '"They stopped the bus, separated the passengers and marched them into the bush," a driver who escaped said.',
            '"The kidnappers have already called the families to demand a ransom," a relative said.',
            '"Security agencies have been deployed to rescue the victims," a police spokesman said in a statement.',
        ],
        "strike": [
            '"The strikes targeted a gathering of terrorists preparing attacks," the army said in a statement.',
            '"We heard the drone for hours before the explosions," a resident said.',
        ],
        "demo": [
            '"We are tired of burying our people," one of the protesters said.',
            '"We want the government to hear us," said a youth leader.',
        ],
        "deal": [
            '"We had no choice; our fields had been abandoned for two seasons," a village elder said.'
        ],
        "shell": [
            '"The shells fell one after another; people ran in all directions," a resident said.',
            '"We spent the night lying on the floor," a teacher in {LOC} said.',
        ],
        "blast": [
            '"The explosion was so loud that the windows of the shops shattered," a witness said.',
            '"We rushed the wounded to the hospital in {HUB} on motorbikes," a volunteer said.',
        ],
        "strikeciv": [
            '"There were no fighters there, only people who had come to the market," a resident said.',
            '"We are still looking for some of our relatives," a survivor told {OUT}.',
        ],
        "clash": [
            '"We heard the two groups fighting all night and stayed inside," a herder said.',
            '"Both sides came to the village asking for food and fuel," a resident said.',
        ],
        "loot": [
            '"They took everything we had," a trader said.',
            '"It will take months to recover from this," a local official said.',
        ],
        "overtake": [
            '"The soldiers left before dawn and the fighters arrived a few hours later," a resident said.'
        ],
        "arrest": [
            '"Those arrested will be handed over to the judicial authorities," a security official said.',
            '"Life is slowly returning to normal," a resident said.',
        ],
    },
    "fr": {
        "mil": [
            "« Ils sont venus en grand nombre, à moto et en pick-up », a raconté un militaire rescapé.",
            "« La situation est sous contrôle et les opérations de ratissage se poursuivent », indique l'armée dans un communiqué.",
            "« Nous avons entendu des tirs nourris pendant plus de deux heures », témoigne un habitant {LOC_de}.",
            "« Les renforts ne sont arrivés qu'en fin de journée », déplore un élu local sous couvert d'anonymat.",
        ],
        "civ": [
            "« Ils ont rassemblé les hommes devant la mosquée et ont ouvert le feu », raconte un rescapé joint par téléphone.",
            "« La plupart des familles ont fui vers {HUB}, le village est vide », explique un notable.",
            "« Nous avons enterré nos morts nous-mêmes », confie un habitant.",
            "« Les gens ont peur d'aller aux champs », témoigne un cultivateur réfugié à {HUB}.",
        ],
        "abduct": [
            "« Ils ont arrêté le car et emmené les passagers dans la brousse », raconte un chauffeur qui a pu s'échapper.",
            "« Les ravisseurs ont déjà appelé les familles pour réclamer une rançon », confie un proche.",
        ],
        "strike": [
            "« Les frappes ont visé un regroupement de terroristes qui préparaient des attaques », affirme l'état-major.",
            "« Nous avons entendu le drone pendant des heures avant les explosions », raconte un habitant.",
        ],
        "demo": [
            "« Nous sommes fatigués d'enterrer les nôtres », lance un manifestant.",
            "« Nous voulons que le gouvernement nous entende », explique un responsable de la jeunesse.",
        ],
        "deal": [
            "« Nous n'avions pas le choix, nos champs étaient abandonnés depuis deux saisons », explique un notable."
        ],
        "shell": [
            "« Les obus tombaient les uns après les autres, les gens couraient dans tous les sens », raconte un habitant.",
            "« Nous avons passé la nuit couchés par terre », témoigne un enseignant {LOC_de}.",
        ],
        "blast": [
            "« L'explosion a été si forte que les vitres des boutiques ont volé en éclats », raconte un témoin.",
            "« Nous avons transporté les blessés à moto jusqu'à l'hôpital {HUB_de} », explique un volontaire.",
        ],
        "strikeciv": [
            "« Il n'y avait aucun combattant, seulement des gens venus au marché », affirme un habitant."
        ],
        "clash": [
            "« Nous avons entendu les deux groupes se battre toute la nuit », raconte un éleveur."
        ],
        "loot": [
            "« Ils ont tout emporté », se désole un commerçant.",
            "« Il faudra des mois pour nous en remettre », estime un élu local.",
        ],
        "overtake": [
            "« Les soldats sont partis avant l'aube et les combattants sont arrivés quelques heures plus tard », raconte un habitant."
        ],
        "arrest": [
            "« Les personnes interpellées seront remises à la justice », indique une source sécuritaire.",
            "« La vie reprend peu à peu son cours », confie un habitant.",
        ],
    },
}
QUOTE_CAT = {
    "ambush": "mil",
    "base_attack": "mil",
    "rebel_clash": "clash",
    "army_raid": "strike",
    "repelled": "mil",
    "retake": "arrest",
    "overtake": "overtake",
    "ied": "blast",
    "ied_civ": "blast",
    "drone": "strike",
    "drone_civ": "strikeciv",
    "suicide": "blast",
    "suicide_mil": "blast",
    "shelling": "shell",
    "shelling_civ": "shell",
    "massacre": "civ",
    "abduction": "abduct",
    "looting": "loot",
    "arrests": "arrest",
    "agreement": "deal",
    "protest": "demo",
    "riot": "demo",
}

CONTEXT = {
    "en": {
        "ML": [
            "Mali's military government, in power since coups in 2020 and 2021, has relied on Russian paramilitaries since French troops left.",
            "Armed groups have targeted fuel convoys on the main supply roads, causing shortages in several towns.",
            "Mali, Burkina Faso and Niger have formed the Alliance of Sahel States (AES) and left the regional bloc ECOWAS.",
            "The UN peacekeeping mission withdrew from Mali in 2023 at the request of the authorities.",
        ],
        "BF": [
            "Burkina Faso's junta has armed tens of thousands of civilian auxiliaries to fight the insurgency.",
            "Large parts of Burkina Faso's territory are believed to be outside state control.",
            "More than two million people have been displaced by violence in the country.",
        ],
        "NE": [
            "Niger's military leaders, who seized power in July 2023, expelled French and US troops.",
            "The Tillabéri region, bordering Mali and Burkina Faso, has borne the brunt of jihadist violence in Niger.",
            "The southeast of the country faces attacks spilling over from northeast Nigeria.",
        ],
        "NG": [
            "The insurgency in northeast Nigeria has killed more than 40,000 people and displaced about two million since 2009.",
            "Armed gangs in the northwest raid villages, kidnap for ransom and impose levies on farming communities.",
            "The military has stepped up air strikes on insurgent hideouts around Lake Chad and the Sambisa forest.",
        ],
        "TD": [
            "Chad's army has repeatedly deployed to the islands of Lake Chad after attacks on its positions."
        ],
        "BJ": [
            "Northern Benin has seen a rise in attacks since 2021 as armed groups expanded from Burkina Faso into the W and Pendjari parks."
        ],
        "TG": [
            "Togo's Savanes region, bordering Burkina Faso, has been under a state of emergency since 2022."
        ],
    },
    "fr": {
        "ML": [
            "Le Mali, dirigé par des militaires depuis les coups d'État de 2020 et 2021, s'appuie sur des paramilitaires russes depuis le départ des troupes françaises.",
            "Les groupes armés ciblent les convois de carburant sur les principaux axes d'approvisionnement.",
            "Le Mali, le Burkina Faso et le Niger ont créé l'Alliance des États du Sahel (AES) et quitté la CEDEAO.",
            "La mission de paix de l'ONU s'est retirée du Mali fin 2023 à la demande des autorités.",
        ],
        "BF": [
            "Le Burkina Faso a recruté des dizaines de milliers de supplétifs civils pour combattre les groupes armés.",
            "Plus de deux millions de personnes ont été déplacées par les violences dans le pays.",
        ],
        "NE": [
            "Les militaires au pouvoir à Niamey depuis juillet 2023 ont obtenu le départ des troupes françaises et américaines.",
            "La région de Tillabéri, frontalière du Mali et du Burkina Faso, est la plus touchée par les violences jihadistes au Niger.",
            "Le sud-est du pays subit les débordements de l'insurrection du nord-est du Nigeria.",
        ],
        "NG": [
            "L'insurrection dans le nord-est du Nigeria a fait plus de 40 000 morts depuis 2009.",
            "Dans le nord-ouest, des gangs armés attaquent les villages et multiplient les enlèvements contre rançon.",
        ],
        "TD": [
            "L'armée tchadienne a déployé d'importants renforts dans les îles du lac Tchad après plusieurs attaques contre ses positions.",
            "La province du Lac accueille des dizaines de milliers de déplacés internes.",
        ],
        "BJ": [
            "Le nord du Bénin est confronté depuis 2021 à une multiplication des attaques autour des parcs W et Pendjari."
        ],
        "TG": [
            "La région des Savanes, frontalière du Burkina Faso, est sous état d'urgence depuis 2022."
        ],
    },
}


# ---------------------------------------------------------------------------------------------
# Outlets
# ---------------------------------------------------------------------------------------------


@dataclass
class Outlet:
    slug: str
    name: str
    short: str
    lang: str
    fmt: str  # rss20 | atom | rss10
    tz: int  # minutes east of UTC
    domain: str
    rel: str
    tags: list
    desc: str
    variant: str | None = None  # None | "partisan" | "un" | "thinktank"
    spell_alt: float = 0.2
    styles: tuple = ("weekday", "weekday", "date", "night", "yesterday")
    people: tuple = ()


OUTLETS = [
    Outlet(
        "sahel-wire",
        "Sahel Wire Service",
        "SWS",
        "en",
        "rss20",
        0,
        "wire.example.org",
        "B",
        ["wire", "mali", "burkina-faso", "niger", "nigeria", "chad", "benin", "togo"],
        "Breaking security and political news from the Sahel and the Lake Chad basin.",
        spell_alt=0.1,
        styles=(
            "weekday",
            "weekday",
            "weekday",
            "date",
            "night",
            "last_week",
            "today",
            "yesterday",
        ),
        people=(
            "Moussa Diarra",
            "Aïcha Sidibé",
            "Boureima Ouédraogo",
            "Hadiza Bello",
            "Ibrahim Maïga",
            "Kalidou Sy",
            "Chinedu Okafor",
        ),
    ),
    Outlet(
        "echo-bamako",
        "L'Écho de Bamako",
        "L'Écho",
        "fr",
        "rss20",
        0,
        "www.echo-bamako.example.net",
        "C",
        ["national-daily", "mali"],
        "Quotidien d'information générale, Bamako.",
        styles=(
            "weekday_date",
            "weekday_date",
            "weekday",
            "night",
            "date",
            "yesterday",
            "last_week",
        ),
        people=("Aminata Traoré", "Seydou Keïta", "Mamadou Coulibaly", "Fatoumata Diallo"),
    ),
    Outlet(
        "niamey-matin",
        "Niamey Matin",
        "Niamey Matin",
        "fr",
        "atom",
        60,
        "niamey-matin.example.net",
        "C",
        ["national-daily", "niger"],
        "L'actualité du Niger au quotidien.",
        styles=("weekday", "weekday_date", "night", "date", "weekend", "last_week", "today"),
        people=("Abdoulaye Hama", "Mariama Issoufou", "Souleymane Garba"),
    ),
    Outlet(
        "northern-courier",
        "The Northern Courier",
        "the Northern Courier",
        "en",
        "rss20",
        60,
        "northerncourier.example.com",
        "C",
        ["national-daily", "nigeria"],
        "Independent daily covering northern Nigeria.",
        styles=("weekday", "weekday", "night", "yesterday", "weekend", "last_week", "today"),
        people=("Ibrahim Musa", "Aisha Lawal", "Umar Sani", "Ngozi Eze", "Bulama Kyari"),
    ),
    Outlet(
        "liptako-watch",
        "Liptako Watch",
        "Liptako Watch",
        "fr",
        "rss10",
        0,
        "liptakowatch.example.org",
        "D",
        ["local-reporter", "burkina-faso", "niger", "mali", "benin", "togo"],
        "Carnet d'un reporter local : sécurité dans le Liptako-Gourma et le nord des pays côtiers.",
        spell_alt=0.5,
        styles=("night", "weekday", "recent", "weekday_date", "weekend", "last_week"),
        people=("Issouf K.",),
    ),
    Outlet(
        "sahel-souverain",
        "Sahel Souverain",
        "Sahel Souverain",
        "fr",
        "rss10",
        0,
        "sahel-souverain.example.com",
        "E",
        ["partisan-blog", "mali", "burkina-faso", "niger"],
        "Le blog des patriotes de l'AES. Souveraineté, dignité, victoire !",
        variant="partisan",
        spell_alt=0.4,
        styles=("weekday", "night", "recent", "yesterday"),
        people=("Le Patriote", "Rédaction Sahel Souverain"),
    ),
    Outlet(
        "lac-tchad-info",
        "Lac Tchad Info",
        "Lac Tchad Info",
        "fr",
        "rss20",
        60,
        "lactchadinfo.example.net",
        "C",
        ["local-news", "chad", "niger", "nigeria"],
        "L'information du bassin du lac Tchad.",
        styles=("weekday", "night", "weekday_date", "date", "last_week"),
        people=("Mahamat Abakar", "Zara Ali"),
    ),
    Outlet(
        "sahel-security-monitor",
        "Sahel Security Monitor",
        "Sahel Security Monitor",
        "en",
        "atom",
        0,
        "sahelmonitor.example.org",
        "B",
        ["think-tank", "mali", "burkina-faso", "niger", "nigeria", "chad", "benin", "togo"],
        "Weekly analysis of political violence in the Sahel and the Lake Chad basin.",
        variant="thinktank",
        styles=("date",),
        people=("Hannah Voss", "Amadou Sangaré", "Research Desk"),
    ),
    Outlet(
        "sahel-humanitarian-hub",
        "Sahel Humanitarian Hub – Situation Updates",
        "SHH",
        "en",
        "atom",
        0,
        "sahel-hub.example.org",
        "A",
        ["un-ngo", "mali", "burkina-faso", "niger", "nigeria", "chad"],
        "Flash updates and situation reports from humanitarian partners in the Central Sahel and Lake Chad basin.",
        variant="un",
        styles=("date", "date", "weekday_date", "month", "month"),
        people=("Sahel Humanitarian Hub",),
    ),
]
OUT = {o.slug: o for o in OUTLETS}

MILITANTS = {JNIM, ISSP, ISWAP, JAS, BANDITS, LAKURAWA, ANSARU, AZAWAD}
STATE_SIDE = {FAMA, BFA, FAN, NGA, TCD, BEN, TGO, POLICE_NG, CJTF, VIGIL, WAGNER}
ARMY_CLAIM_KINDS = {"army_raid", "drone", "repelled", "retake"}
NW_STATES = {"Zamfara", "Katsina", "Sokoto", "Kebbi", "Kaduna", "Niger"}

# Aliases from DOMAIN.md that count as mentions wherever they appear in an item.
DOMAIN_ALIASES = {
    JNIM: [
        "JNIM",
        "GSIM",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Nusrat al-Islam",
        "Katiba Macina",
        "Amadou Koufa",
        "Ansar Dine",
        "Ansar al-Din",
        "Ansaroul Islam",
        "Group for Support of Islam and Muslims",
    ],
    ISSP: [
        "ISSP",
        "IS Sahel",
        "ISGS",
        "Islamic State in the Greater Sahara",
        "EIGS",
        "État islamique au Grand Sahara",
        "EI Sahel",
        "Islamic State Sahel Province",
    ],
    ISWAP: ["ISWAP", "ISWA", "Islamic State West Africa Province"],
    JAS: ["JAS", "Boko Haram", "Shekau faction", "Bakura faction"],
    ANSARU: ["Ansaru"],
    LAKURAWA: ["Lakurawa"],
    BANDITS: ["bandits", "armed bandits", "yan bindiga"],
    FAMA: ["FAMa", "Forces armées maliennes", "Malian army"],
    BFA: ["Burkinabe army", "VDP", "Volontaires pour la défense de la patrie"],
    FAN: ["FAN", "Forces armées nigériennes", "Nigerien army"],
    NGA: ["Nigerian Army", "NAF", "Operation Hadin Kai", "Operation Fansan Yamma", "troops"],
    WAGNER: ["Wagner", "PMC Wagner", "Africa Corps"],
    AZAWAD: ["FLA", "Front de libération de l'Azawad", "CSP-PSD", "CMA", "MNLA", "Tuareg rebels"],
    CJTF: ["CJTF", "Community Protection Guards", "Civilian JTF"],
    VIGIL: ["vigilantes", "hunters", "vigilante group"],
}


@dataclass
class Ev:
    inc: str
    kind: str
    place: str
    a1: str
    a2: str
    date: dt.date
    assoc1: tuple = ()
    assoc2: tuple = ()
    prec: int = 1
    village: str | None = None
    region: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def p(self) -> Place:
        return PLACES[self.place]

    @property
    def cc(self) -> str:
        return self.p.cc


@dataclass
class Rep:
    outlet: str
    hours: float  # publication time after midnight of the event date (local)
    attrib: str = "named"  # named | suspected | unidentified | claimed
    toll: object = None  # (style, n) | "none" | None
    noun: object = None
    shift: int = 0
    style: str | None = None
    kind: str | None = None
    a2: str | None = None
    prec: int | None = None
    village: object = "same"
    form: int | None = None
    nabd: tuple | None = None
    k: int | None = None
    vic: object = None  # victims noun override: english str or french (noun, gender)
    republish_of: str | None = None


@dataclass
class Item:
    outlet: Outlet
    pub: dt.datetime
    title: str
    body: str
    security: bool
    events: list
    incident: str | None
    author: str | None = None
    categories: list = field(default_factory=list)
    link: str | None = None
    guid: str | None = None
    guid_mode: str = "default"
    slug_hint: str = ""
    title_type: str = "text"


def pick(rng: random.Random, xs):
    return xs[rng.randrange(len(xs))]


FMT = string.Formatter()


def fields_of(t: str) -> set:
    return {f for _, f, _, _ in FMT.parse(t) if f}


def usable(tpls, ctx):
    return [t for t in tpls if fields_of(t) <= ctx.keys()]


def choose(rng, tpls, ctx, avoid=(), sentence=True):
    ok = usable(tpls, ctx)
    if sentence:  # a sentence should not open with a numeral
        ok = [
            t
            for t in ok
            if not (
                t.startswith("{")
                and str(ctx.get(t[1 : t.index("}")], "x")).lstrip("⟨⟪")[:1].isdigit()
            )
        ] or ok
    if not ok:
        raise KeyError(f"no usable template among {tpls[:2]}... for ctx {sorted(ctx)}")
    fresh = [t for t in ok if t not in avoid] or ok
    t = pick(rng, fresh)
    return t.format_map(ctx), t


def fr_elide(prep: str, marked_name: str) -> str:
    """'près de' + Ansongo -> 'près d'Ansongo'."""
    if prep.endswith(" de") and vowel(marked_name):
        return prep[:-3] + " d'" + marked_name
    return prep + " " + marked_name


# ---------------------------------------------------------------------------------------------
# Building the slot context of one event as one outlet tells it
# ---------------------------------------------------------------------------------------------


def actor_forms(actor: str, assoc: tuple, lang: str, variant, ev: Ev, kind: str, attrib: str):
    partisan = variant == "partisan" and lang == "fr"
    key = lang + "_partisan" if partisan else lang
    if actor.startswith("Unidentified"):
        if variant == "un" and lang == "en":
            src = UNIDENT_FORMS["en_un"]
        else:
            src = UNIDENT_FORMS.get(key, UNIDENT_FORMS[lang])
        return {k: list(v) for k, v in src.items()}
    if actor.startswith("Protesters"):
        if lang == "en":
            return {
                "F": ["⟨protesters⟩", "⟨demonstrators⟩"],
                "N": ["⟨protesters⟩"],
                "T": ["⟨Protesters⟩"],
                "S": ["⟨protesters⟩"],
            }
        return {"F": ["des ⟨manifestants⟩"], "N": ["des ⟨manifestants⟩"], "S": ["⟨manifestants⟩"]}
    if actor.startswith("Rioters"):
        if lang == "en":
            return {"F": ["⟨rioters⟩"], "N": ["⟨rioters⟩"], "T": ["⟨Rioters⟩"], "S": ["⟨rioters⟩"]}
        return {"F": ["des ⟨émeutiers⟩"], "N": ["des ⟨émeutiers⟩"], "S": ["⟨émeutiers⟩"]}
    if assoc and (actor, assoc[0]) in JOINT_FORMS:
        table = JOINT_FORMS[(actor, assoc[0])]
    else:
        table = ACTOR_FORMS[actor]
    src = table.get(key, table[lang])
    out = {k: list(v) for k, v in src.items()}
    p = ev.p
    extra = None
    if actor == JNIM and p.cc == "ML" and p.admin1 in ("Mopti", "Ségou"):
        extra = JNIM_CENTRAL_MALI.get(lang)
    elif actor == JNIM and p.cc == "BF" and p.admin1 in ("Sahel", "Nord", "Centre-Nord"):
        extra = JNIM_NORTH_BF.get(lang)
    elif actor == NGA and not assoc and p.admin1 in ("Borno", "Yobe"):
        extra = NGA_NE.get(lang)
    elif actor == NGA and not assoc and p.admin1 in NW_STATES:
        extra = NGA_NW.get(lang)
    if extra and not partisan:
        for k, v in extra.items():
            out[k] = out[k] + list(v)
    if actor == NGA and kind in ("drone", "drone_civ"):
        out["N"] = list(NGA_AIR[lang]["N"])
    if attrib == "suspected" and actor in MILITANTS and not partisan:
        short = out["S"][0]
        sus = SUSPECTED[lang]
        if lang == "en":
            out = {k: [t.format(S=short) for t in v] for k, v in sus.items()} | {"S": out["S"]}
        else:
            de = de_np(out["N"][0])
            out = {k: [t.replace("du {S}", de) for t in v] for k, v in sus.items()} | {
                "S": out["S"]
            }
    return out


def place_ctx(ev: Ev, rep: Rep, o: Outlet, rng: random.Random):
    lang = o.lang
    prec = rep.prec or ev.prec
    village = ev.village if rep.village == "same" else rep.village
    region = ev.region
    p = ev.p
    if prec == 3 and region:
        cap_key, reg_en, reg_fr = REGIONS[region]
        p = PLACES[cap_key]
    forms = p.en if lang == "en" else p.fr
    if rep.form is not None:
        loc = forms[min(rep.form, len(forms) - 1)]
    elif len(forms) > 1 and rng.random() < o.spell_alt:
        loc = forms[1 + rng.randrange(len(forms) - 1)]
    else:
        loc = forms[0]
    L = f"⟪{loc}⟫"
    ctx = {"LOC": L}
    reg = region_phrase(p, lang)
    ctx["REGT"] = reg
    ctx["REGION"] = ("in " if lang == "en" else "dans ") + reg
    ctx["CTRY"] = COUNTRIES[p.cc] if lang == "en" else COUNTRY_FR[p.cc]
    hub = PLACES[p.hub]
    ctx["HUB"] = (hub.en if lang == "en" else hub.fr)[0]
    ctx["HUB_de"] = de_(ctx["HUB"])
    ctx["LOC_de"] = de_(L)
    if prec == 3 and region:
        cap_key, reg_en, reg_fr = REGIONS[region]
        word = reg_en if lang == "en" else reg_fr
        # mark the proper-noun part of the region phrase as the place mention
        name = p.admin2 if p.cc == "BF" else p.admin1
        marked = word.replace(name, f"⟪{name}⟫", 1)
        if lang == "en":
            ctx["WHERE"] = pick(rng, [f"in {marked}", f"in a remote part of {marked}"])
            ctx["WHAT"] = f"several villages in {marked}"
        else:
            ctx["WHERE"] = pick(rng, [f"dans {marked}", f"dans une zone reculée de {marked}"])
            ctx["WHAT"] = f"plusieurs villages de {marked}"
        ctx["WHAT_de"] = de_np(ctx["WHAT"])
        ctx["_REGLOC"] = marked
        del ctx["LOC"], ctx["LOC_de"]
        return ctx, p, 3, None
    if prec == 2 and village:
        vname, _town, km, den, dfr = VILLAGES[village]
        V = f"⟪{vname}⟫"
        if lang == "en":
            ctx["WHERE"] = pick(
                rng,
                [
                    f"in the village of {V}, near {L}",
                    f"in {V}, about {km} km {den} {L}",
                    f"near {L}, in the village of {V}",
                ],
            )
            ctx["WHAT"] = pick(
                rng, [f"the village of {V}, near {L}", f"{V}, a village about {km} km {den} {L}"]
            )
        else:
            ctx["WHERE"] = pick(
                rng,
                [
                    f"dans le village {de_(V)}, {fr_elide('non loin de', L)}",
                    f"à {V}, à {km} km {fr_elide(dfr, L)}",
                ],
            )
            ctx["WHAT"] = pick(
                rng,
                [
                    f"le village {de_(V)}, {fr_elide('près de', L)}",
                    f"le village {de_(V)}, à {km} km {fr_elide(dfr, L)}",
                ],
            )
        ctx["WHAT_de"] = de_np(ctx["WHAT"])
        return ctx, p, 2, vname
    if prec == 2:
        km = pick(rng, [10, 15, 20, 25, 30])
        if lang == "en":
            ctx["WHERE"] = pick(
                rng,
                [
                    f"near {L}",
                    f"about {km} km from {L}",
                    f"outside {L}",
                    f"on the outskirts of {L}",
                ],
            )
            ctx["WHAT"] = pick(rng, [f"a village near {L}", f"a hamlet outside {L}"])
        else:
            approx = {
                10: "dizaine",
                15: "quinzaine",
                20: "vingtaine",
                25: "vingtaine",
                30: "trentaine",
            }[km]
            ctx["WHERE"] = pick(
                rng,
                [
                    fr_elide("près de", L),
                    f"à une {approx} de kilomètres {de_(L)}",
                    fr_elide("non loin de", L),
                    fr_elide("dans les environs de", L),
                ],
            )
            ctx["WHAT"] = pick(
                rng,
                [
                    f"un village {fr_elide('proche de', L)}",
                    f"un hameau situé {fr_elide('près de', L)}",
                ],
            )
        ctx["WHAT_de"] = de_np(ctx["WHAT"])
        return ctx, p, 2, None
    if lang == "en":
        ctx["WHERE"] = pick(
            rng, [f"in {L}", f"in {L}", f"in the town of {L}", f"in {L}, {ctx['REGION']}"]
        )
        ctx["WHAT"] = pick(rng, [L, f"the town of {L}"])
    else:
        ctx["WHERE"] = pick(
            rng, [f"à {L}", f"à {L}", f"dans la localité {de_(L)}", f"à {L}, {ctx['REGION']}"]
        )
        ctx["WHAT"] = pick(rng, [f"la localité {de_(L)}", f"la commune {de_(L)}"])
    ctx["WHAT_de"] = de_np(ctx["WHAT"])
    return ctx, p, 1, None


NONE_SENT = {
    "en": [
        "No casualties were reported.",
        "There was no immediate word on casualties.",
        "No one was killed, according to local sources.",
    ],
    "fr": [
        "Aucun bilan n'a été communiqué.",
        "L'attaque n'a pas fait de victime, selon une source locale.",
        "Aucune victime n'a été signalée.",
    ],
}


def toll_ctx(lang: str, kind: str, toll, noun, gender: str, rng: random.Random):
    """Slots carrying the toll; returns (slots, {slot: phrase}, coded fatalities)."""
    if toll is None:
        return {}, {}, 0
    if toll == "none":
        s = pick(rng, NONE_SENT[lang])
        return {"FATS": s, "_Z": ""}, {"FATS": s[:-1]}, 0
    style, n = toll
    np_, coded = toll_np(lang, style, n, noun)
    claim = kind in ARMY_CLAIM_KINDS
    if lang == "en":
        if claim:
            K = pick(rng, [f", killing {np_}", f", 'neutralising' {np_}"])
            S = pick(
                rng,
                [f"The army said {np_} were killed.", f"The army said it had 'neutralised' {np_}."],
            )
            L = f"killed {np_}"
        else:
            K = f", killing {np_}"
            S = pick(
                rng,
                [
                    f"{cap(np_)} were killed.",
                    f"The attack left {np_} dead.",
                    f"{cap(np_)} died, according to a provisional toll.",
                ]
                if not np_[:1].isdigit()
                else [f"The attack left {np_} dead.", f"Local sources said {np_} were killed."],
            )
            L = pick(rng, [f"left {np_} dead", f"killed {np_}"])
        P = f", leaving {np_} dead"
        T = f"{np_} killed"
    else:
        npm, _ = toll_np("fr", style, n, "morts")
        e = "e" if gender == "f" else ""
        if claim:
            K = f", neutralisant {np_}"
            S = pick(
                rng,
                [
                    f"L'armée affirme avoir neutralisé {np_}.",
                    f"{cap(np_)} ont été neutralisé{e}s, selon l'armée.",
                ]
                if not np_[:1].isdigit()
                else [f"L'armée affirme avoir neutralisé {np_}."],
            )
            L = f"a permis de neutraliser {np_}"
            T = f"{np_} neutralisé{e}s"
        else:
            K = f", tuant {np_}"
            S = pick(
                rng,
                [
                    f"{cap(np_)} ont été tué{e}s.",
                    f"Le bilan fait état {de_np(npm)}.",
                    f"L'attaque a fait {npm}, selon un bilan provisoire.",
                ]
                if not np_[:1].isdigit()
                else [
                    f"Le bilan fait état {de_np(npm)}.",
                    f"L'attaque a fait {npm}, selon un bilan provisoire.",
                ],
            )
            L = pick(rng, [f"a fait {npm}", f"a coûté la vie à {np_}"])
            T = pick(rng, [f"{np_} tué{e}s", npm])
        P = f", faisant {npm}"
    slots = {"FATK": K, "FATP": P, "FATL": L, "FATS": S, "TOLLT": T, "TOLLN": np_, "_F": ""}
    phrases = {k: v.lstrip(", ").rstrip(".") for k, v in slots.items() if k != "_F"}
    return slots, phrases, coded


MIL_NOUN = {"en": ["soldiers"], "fr": [("soldats", "m"), ("militaires", "m")]}
MILITANT_NOUN = {
    "en": ["militants", "insurgents", "fighters", "assailants"],
    "fr": [("terroristes", "m"), ("assaillants", "m"), ("jihadistes", "m"), ("combattants", "m")],
}


def toll_noun(kind: str, lang: str, ev: Ev, a2: str, rep: Rep, vic, rng):
    if rep.noun:
        return rep.noun if isinstance(rep.noun, tuple) else (rep.noun, "m")
    if kind in ("massacre", "ied_civ", "drone_civ", "shelling_civ", "suicide"):
        return vic
    if kind in ARMY_CLAIM_KINDS:
        if lang == "en" and a2 == BANDITS:
            return ("⟨bandits⟩", "m")
        x = pick(rng, MILITANT_NOUN[lang])
        return (x, "m") if lang == "en" else x
    if kind == "rebel_clash":
        return ("fighters", "m") if lang == "en" else ("combattants", "m")
    if a2 == VIGIL:
        return ("⟨vigilantes⟩", "m") if lang == "en" else ("miliciens", "m")
    if kind == "abduction":
        return vic
    x = pick(rng, MIL_NOUN[lang])
    return (x, "m") if lang == "en" else x


def slot_forms(prefix: str, forms: dict, lang: str, rng, ctx: dict):
    if not forms:
        return
    for k in ("N", "F", "T", "S", "ADJ"):
        if forms.get(k):
            v = pick(rng, forms[k])
            name = {"N": "", "F": "F", "T": "T", "S": "S", "ADJ": "ADJ"}[k]
            ctx[prefix + name] = v
    if prefix in ctx:
        ctx[prefix + "_C"] = cap(ctx[prefix])
        if lang == "fr":
            ctx[prefix + "_de"] = de_np(ctx[prefix])
            ctx[prefix + "_a"] = a_np(ctx[prefix])
    if prefix + "F" in ctx:
        ctx[prefix + "F_C"] = cap(ctx[prefix + "F"])
        if lang == "fr":
            ctx[prefix + "F_de"] = de_np(ctx[prefix + "F"])
            ctx[prefix + "F_bare"] = re.sub(r"^(des|les) ", "", ctx[prefix + "F"])
    if prefix + "T" in ctx:
        ctx[prefix + "T"] = cap(ctx[prefix + "T"])


def build_ctx(ev: Ev, rep: Rep, o: Outlet, rng: random.Random, pub_local: dt.datetime):
    """Everything needed to write one event as outlet ``o`` reports it, plus its coding."""
    lang = o.lang
    kind = rep.kind or ev.kind
    cc = ev.cc
    a1, a2 = ev.a1, (rep.a2 if rep.a2 is not None else ev.a2)
    assoc1, assoc2 = list(ev.assoc1), list(ev.assoc2)
    attrib = rep.attrib
    if o.variant == "partisan":
        attrib = "unidentified"
    if o.variant == "un" and a1 in MILITANTS:
        attrib = "unidentified"
    # apply attribution to the militant side
    if attrib == "unidentified":
        if a1 in MILITANTS:
            a1 = unidentified(cc)
        elif a2 in MILITANTS:
            a2 = unidentified(cc)
    # the partisan blog tells an attack on the army as an attack that failed
    if kind == "repelled" and ev.kind != "repelled" and ev.a1 in STATE_SIDE:
        a1, a2 = unidentified(cc), ev.a1
        assoc1, assoc2 = [], list(ev.assoc1)
    one_sided = (
        "massacre",
        "abduction",
        "ied_civ",
        "drone_civ",
        "shelling_civ",
        "suicide",
        "looting",
        "agreement",
    )
    if (a2.startswith("Civilians") or kind in one_sided) and kind not in (
        "ied",
        "shelling",
        "suicide_mil",
        "arrests",
    ):
        a2 = civilians(cc)
        assoc2 = []
    ctx: dict = {}
    ctx["OUT"] = o.short if lang == "en" else o.name
    pc, place, geo_prec, vname = place_ctx(ev, rep, o, rng)
    ctx.update(pc)
    f1 = (
        actor_forms(a1, tuple(assoc1), lang, o.variant, ev, kind, attrib)
        if not a1.startswith("Civilians")
        else None
    )
    slot_forms("A1", f1, lang, rng, ctx)
    f2 = None
    if a2 and not a2.startswith("Civilians"):
        f2 = actor_forms(a2, tuple(assoc2), lang, o.variant, ev, kind, attrib)
        slot_forms("A2", f2, lang, rng, ctx)
    # victims
    vkey = kind if kind in VICTIMS else "massacre"
    if cc == "TD" or (
        ev.place in ("bosso", "nguigmi", "kukawa", "monguno") and kind in ("massacre", "abduction")
    ):
        vkey = "lake"
    vic = rep.vic if rep.vic is not None else pick(rng, VICTIMS[vkey][lang])
    if lang == "en":
        mk = f"⟨{vic}⟩" if vic != "people" else vic
        ctx["VIC"] = mk
        vic_noun = (mk, "m")
    else:
        ctx["VIC"] = f"des ⟨{vic[0]}⟩"
        vic_noun = (f"⟨{vic[0]}⟩", vic[1])
    ctx["VIC_C"] = cap(ctx["VIC"])
    # date
    ev_date = ev.date + dt.timedelta(days=rep.shift)
    pub_date = pub_local.date()
    style = rep.style or pick(
        rng, [x for x in o.styles if style_ok(x, pub_date, ev_date)] or ["date"]
    )
    phrase, coded_date, tprec = date_phrase(lang, pub_date, ev_date, style, rng)
    ctx["WHEN"] = phrase
    ctx["WHEN_C"] = cap(phrase)
    # toll
    noun, gender = toll_noun(kind, lang, ev, a2, rep, vic_noun, rng)
    tslots, tphrases, fat = toll_ctx(lang, kind, rep.toll, noun, gender, rng)
    ctx.update(tslots)
    if rep.toll is None or rep.toll == "none":
        ctx["_Z"] = ""
    # kind extras
    if kind == "abduction":
        nst = rep.nabd or ("atleast", 10)
        np_, _ = toll_np(lang, nst[0], nst[1], vic_noun[0])
        ctx["NABD"] = np_
        ctx["NABD_C"] = cap(np_)
        ctx["_es"] = "es" if vic_noun[1] == "f" else "s"
        if lang == "fr":
            ctx["NABD_de"] = de_np(np_)
    if kind == "looting":
        lt = ev.extra.get("loot", "shops")
        k = rep.k or ev.extra.get("k", 20)
        t_en = LOOT_OBJECTS[lt][lang]
        if lang == "en":
            ctx["OBJ_T"], ctx["OBJ_TV"], ctx["OBJ_V"] = t_en[0], t_en[1], t_en[2].format(k=k)
        else:
            kfr = {
                10: "dizaine",
                20: "vingtaine",
                30: "trentaine",
                40: "quarantaine",
                50: "cinquantaine",
            }.get(k, "vingtaine")
            ctx["OBJ_T"], ctx["OBJ_T_l"], ctx["OBJ_V"] = t_en[0], t_en[1], t_en[2].format(kfr=kfr)
    if kind == "arrests":
        k = rep.k or ev.extra.get("k", 5)
        ctx["K"] = str(k)
        ctx["K_w"] = EN_NUM[k] if lang == "en" else FR_NUM[k]
    if kind in ("protest", "riot"):
        ctx["ISSUE"] = ev.extra.get("issue_" + lang) or pick(rng, ISSUES[lang])
    ctx["SRC"] = pick(rng, SRC[lang]).format(OUT=ctx["OUT"])
    ctx["FLAG"] = {"ML": "🇲🇱", "BF": "🇧🇫", "NE": "🇳🇪"}.get(cc, "")
    if ev.place in ("timbuktu", "gao", "kidal") and geo_prec == 1:
        ctx["_AP"] = ""
    etype, sub, civt = KINDS[kind]
    if a2 and a2.startswith("Civilians") and etype == "Explosions/Remote violence":
        civt = True
    if etype in ("Battles", "Strategic developments", "Protests", "Riots"):
        civt = False
    if kind in ("protest", "riot"):
        a2 = ""
    code = {
        "event_date": coded_date.isoformat(),
        "time_precision": tprec,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": a1,
        "assoc_actor_1": assoc1,
        "actor2": a2 or "",
        "assoc_actor_2": assoc2 if a2 else [],
        "civilian_targeting": civt,
        "country": COUNTRIES[place.cc],
        "admin1": place.admin1,
        "admin2": place.admin2,
        "location": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_precision": geo_prec,
        "fatalities": fat,
    }
    meta = {
        "kind": kind,
        "attrib": attrib,
        "tphrases": tphrases,
        "date_phrase": phrase,
        "place": place,
        "village": vname,
        "a1": a1,
        "a2": a2,
        "assoc1": assoc1,
        "assoc2": assoc2,
        "lang": lang,
    }
    for k in list(ctx):
        if not k.endswith("_C") and k + "_C" not in ctx:
            ctx[k + "_C"] = cap(ctx[k])
    return ctx, code, meta


# ---------------------------------------------------------------------------------------------
# Writing items
# ---------------------------------------------------------------------------------------------


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def para(*sentences: str) -> str:
    return "<p>" + " ".join(esc(s) for s in sentences if s) + "</p>"


DATELINE = {
    "ML": "BAMAKO",
    "BF": "OUAGADOUGOU",
    "NE": "NIAMEY",
    "TD": "N'DJAMENA",
    "BJ": "COTONOU",
    "TG": "LOMÉ",
}


def dateline(o: Outlet, ev: Ev, pub: dt.datetime) -> str:
    if o.slug == "sahel-wire":
        if ev.cc == "NG":
            city = (
                "MAIDUGURI"
                if ev.p.admin1 in ("Borno", "Yobe")
                else ("SOKOTO" if ev.p.admin1 in ("Sokoto", "Kebbi") else "KANO")
            )
        else:
            city = DATELINE[ev.cc]
        return f"{city}, {EN_ABBR_MONTHS[pub.month - 1]} {pub.day} (SWS) – "
    return ""


def write_event(
    ev: Ev,
    rep: Rep,
    o: Outlet,
    rng: random.Random,
    pub: dt.datetime,
    mode: str = "full",
    used_titles: set | None = None,
):
    """Return dict(title, paras, code, meta).  ``paras`` are HTML strings still carrying mention marks."""
    ctx, code, meta = build_ctx(ev, rep, o, rng, pub)
    kind = meta["kind"]
    lang = o.lang
    tkey = (
        lang + "_partisan"
        if o.variant == "partisan" and (lang + "_partisan") in TPL[kind]
        else lang
    )
    T = TPL[kind][tkey]
    used_keys: set = set()
    title = ""
    if mode == "full":
        if not usable(T["title"], ctx) and "_REGLOC" in ctx:
            ctx["LOC"] = ctx["_REGLOC"]
            ctx["LOC_de"] = de_np(ctx["_REGLOC"])
        for _ in range(12):
            title, tt = choose(rng, T["title"], ctx, sentence=False)
            if used_titles is None or strip_marks(title) not in used_titles:
                break
        else:
            sfx = {"en": [" (update)", " – latest"], "fr": [" (actualisé)", " – le point"]}[lang]
            if o.variant == "partisan":
                sfx = [" (vidéo)", " – les détails"]
            for x in sfx:
                if strip_marks(title + x) not in used_titles:
                    title += x
                    break
        used_keys |= fields_of(tt)
    lead, lt = choose(rng, T["lead"], ctx)
    used_keys |= fields_of(lt)
    first = [lead]
    if "FATS" in ctx and not ({"FATK", "FATP", "FATL"} & fields_of(lt)):
        first.append(ctx["FATS"])
    extra = []
    nd = 1 if mode != "full" else pick(rng, [1, 1, 2])
    dets = usable(T["detail"], ctx)
    if kind == "looting" and ctx.get("FATS"):
        dets = [d for d in dets if "casualt" not in d and "victime" not in d]
    for d in rng.sample(dets, min(nd, len(dets))):
        extra.append(d.format_map(ctx))
        used_keys |= fields_of(d)
    used_a1 = any(k.startswith("A1") for k in used_keys)
    used_a2 = any(k.startswith("A2") for k in used_keys)
    if rep.attrib == "claimed" and meta["a1"] in (JNIM, ISSP, ISWAP) and "A1" in ctx:
        extra.append(pick(rng, CLAIM[lang]).format_map(ctx))
        used_a1 = True
    if not used_a1 and "A1" in ctx:
        if meta["a1"].startswith("Unidentified"):
            extra.append(pick(rng, ATTR[lang + "_unident"]))
        elif meta["a1"] in STATE_SIDE:
            extra.append(pick(rng, ATTR[lang + "_state"]).format_map(ctx))
        else:
            extra.append(pick(rng, ATTR[lang]).format_map(ctx))
    if not used_a2 and "A2" in ctx:
        if kind == "overtake":
            extra.append(
                (
                    "The town had been held by {A2} until then."
                    if lang == "en"
                    else "La ville était jusque-là tenue par {A2}."
                ).format_map(ctx)
            )
        else:
            extra.append(pick(rng, A2_FALLBACK[lang]).format_map(ctx))
    police = {"NG": POLICE_NG}.get(ev.cc)
    if kind == "riot" and police and re.search(
            r"police station|commissariat", strip_marks(" ".join([title, *first]))):
        # ACLED codes the force whose post rioters attack as actor2 ("Rioters (Nigeria) |
        # Police Forces of Nigeria" for a police station set on fire)
        code["actor2"] = meta["a2"] = police
    paras = []
    if mode == "roundup":
        return {"title": "", "sentences": first + extra[:2], "code": code, "meta": meta, "ctx": ctx}
    dl = dateline(o, ev, pub) if mode == "full" else ""
    paras.append("<p>" + esc(dl) + " ".join(esc(s) for s in first) + "</p>")
    if extra:
        paras.append(para(*extra))
    if mode == "full":
        if rng.random() < 0.55:
            q = pick(rng, usable(QUOTES[lang][QUOTE_CAT[kind]], ctx) or ["{SRC_C}."]).format_map(
                ctx
            )
            paras.append(para(q))
        if o.variant != "partisan" and rng.random() < 0.6:
            paras.append(para(pick(rng, CONTEXT[lang][ev.cc])))
    return {"title": title, "paras": paras, "code": code, "meta": meta, "ctx": ctx}


def plain(html_text: str) -> str:
    t = re.sub(r"<[^>]+>", " ", html_text)
    return html.unescape(t)


def find_all(hay: str, needle: str):
    return [m.start() for m in re.finditer(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", hay)]


def mentions_in(text_marked: str, meta: dict, transform):
    """Actor and place mentions of one event in a marked text segment (title + paragraphs)."""
    text_marked = transform(text_marked)
    actor_c = [m for m in MARK.findall(text_marked)]
    place_c = re.findall(r"⟪([^⟫]*)⟫", text_marked)
    clean = plain(re.sub(r"[⟨⟩⟪⟫]", "", text_marked))
    for a in [meta["a1"], meta["a2"], *meta["assoc1"], *meta["assoc2"]]:
        for al in DOMAIN_ALIASES.get(a, []):
            actor_c.append(transform(al))
    p = meta["place"]
    for f in (*p.en, *p.fr, p.name):
        place_c.append(transform(f))
    if meta["village"]:
        place_c.append(transform(meta["village"]))

    def order(cands):
        spans = {}
        for c in cands:
            c = html.unescape(c)
            if c in spans or not c:
                continue
            pos = find_all(clean, c)
            if pos:
                spans[c] = [(s, s + len(c)) for s in pos]
        keep = []
        for c, sp in spans.items():
            inside = all(
                any(
                    o0 <= s0 and e0 <= o1 and (o1 - o0) > (e0 - s0)
                    for oc, osp in spans.items()
                    if oc != c
                    for (o0, o1) in osp
                )
                for (s0, e0) in sp
            )
            if not inside:
                keep.append((sp[0][0], c))
        return [c for _, c in sorted(keep)]

    return order(actor_c), order(place_c), clean


def identity(s: str) -> str:
    return s


def typographic(s: str) -> str:
    return s.replace("'", "’")


TRANSFORM = {"echo-bamako": typographic}


def gt_event(code: dict, meta: dict, segment_marked: str, transform, inc: str) -> dict:
    am, pm, clean = mentions_in(segment_marked, meta, transform)
    fat_phrase = ""
    for k in ("FATK", "FATP", "FATL", "FATS", "TOLLT", "TOLLN"):
        ph = meta["tphrases"].get(k)
        if ph:
            ph2 = html.unescape(transform(strip_marks(ph)))
            cands = [ph2, cap(ph2)]
            hit = [c for c in cands if c in clean]
            if hit:
                fat_phrase = hit[0]
                break
    dp = transform(meta["date_phrase"])
    date_phrase_found = dp if dp in clean else (cap(dp) if cap(dp) in clean else "")
    ev = dict(code)
    ev["actor_mentions"] = am
    ev["place_mentions"] = pm
    ev["fatality_phrase"] = fat_phrase
    ev["date_phrase"] = date_phrase_found
    ev["incident"] = inc
    return ev


def image_html(o: Outlet, slug: str, alt: str) -> str:
    return (
        f'<p><img src="https://{o.domain}/media/2026/{slug}.jpg" alt="{html.escape(alt)}" '
        f'width="640" height="360" /></p>'
    )


def make_slug(text: str) -> str:
    t = strip_marks(text).lower()
    t = t.replace("’", "").replace("'", "")
    repl = str.maketrans("àâäéèêëîïôöùûüçñ", "aaaeeeeiioouuucn")
    t = t.translate(repl)
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return "-".join(t.split("-")[:9])


def outlet_wrap(o: Outlet, rng: random.Random, paras: list, ev: Ev | None, kind: str | None):
    """Outlet-specific opening / closing paragraphs."""
    pre, post = [], []
    if o.slug == "sahel-wire":
        post.append(
            f"<p><em>Reporting by {esc(pick(rng, o.people))}; editing by "
            f"{esc(pick(rng, ['Tom Hale', 'Clara Mensah', 'Paul Ndiaye']))}</em></p>"
        )
    elif o.slug == "northern-courier" and rng.random() < 0.6:
        base = (
            "Maiduguri"
            if ev and ev.p.admin1 in ("Borno", "Yobe")
            else pick(rng, ["Gusau", "Katsina", "Sokoto", "Kaduna"])
        )
        pre.append(f"<p><strong>From {esc(pick(rng, o.people))}, {base}</strong></p>")
    elif o.slug == "echo-bamako" and rng.random() < 0.3:
        pre.append("<p><em>Correspondance particulière</em></p>")
    elif o.slug == "liptako-watch":
        pre.append(
            para(
                pick(
                    rng,
                    [
                        "D'après plusieurs sources locales que j'ai pu joindre, voici ce que l'on sait.",
                        "Je relaie ici des informations recoupées auprès de contacts sur place.",
                        "Mise à jour rapide sur la situation, à partir de mes sources locales.",
                    ],
                )
            )
        )
        post.append(
            "<p><em>"
            + esc(
                pick(
                    rng,
                    [
                        "Information en cours de recoupement ; le bilan peut évoluer.",
                        "Je mettrai ce billet à jour dès que possible.",
                        "Merci à mes contacts sur place. Prudence avec les bilans qui circulent.",
                    ],
                )
            )
            + "</em></p>"
        )
    elif o.slug == "sahel-souverain":
        post.append(
            "<p><strong>"
            + esc(
                pick(
                    rng,
                    [
                        "Gloire à nos forces de défense et de sécurité ! Vive l'AES !",
                        "Honneur aux martyrs, victoire au peuple !",
                        "La patrie ou la mort, nous vaincrons !",
                    ],
                )
            )
            + "</strong> 🇲🇱🇧🇫🇳🇪</p>"
        )
    elif o.slug == "lac-tchad-info" and rng.random() < 0.5:
        post.append("<p><em>La rédaction de Lac Tchad Info</em></p>")
    elif o.slug == "niamey-matin" and rng.random() < 0.5:
        post.append(f"<p><em>{esc(pick(rng, o.people))}</em></p>")
    return pre + paras + post


def single_item(ev: Ev, rep: Rep, rng: random.Random, used_titles: dict) -> Item:
    o = OUT[rep.outlet]
    pub = pub_time(ev.date, rep.hours, o)
    w = write_event(
        ev, rep, o, rng, pub.replace(tzinfo=None), "full", used_titles.setdefault(o.slug, set())
    )
    paras = w["paras"]
    kind = w["meta"]["kind"]
    if rng.random() < 0.22:
        paras.insert(
            1,
            image_html(
                o,
                make_slug(w["title"])[:40] + f"-{rng.randrange(1000, 9999)}",
                strip_marks(w["title"]),
            ),
        )
    body = "".join(outlet_wrap(o, rng, paras, ev, kind))
    title = w["title"]
    tr = TRANSFORM.get(o.slug, identity)
    gev = gt_event(w["code"], w["meta"], title + "\n" + body, tr, ev.inc)
    used_titles[o.slug].add(strip_marks(title))
    cats = category_for(o, ev, kind)
    return Item(
        o,
        pub,
        tr(strip_marks(title)),
        tr(strip_marks(body)),
        True,
        [gev],
        ev.inc,
        author=author_for(o, rng),
        categories=cats,
        slug_hint=make_slug(title),
    )


CAT_EN = {
    "ML": "Mali",
    "BF": "Burkina Faso",
    "NE": "Niger",
    "NG": "Nigeria",
    "TD": "Chad",
    "BJ": "Benin",
    "TG": "Togo",
}


def category_for(o: Outlet, ev: Ev | None, kind: str | None) -> list:
    if o.lang == "en":
        base = ["Security"] if kind else ["News"]
        return base + ([CAT_EN[ev.cc]] if ev else [])
    base = ["Sécurité"] if kind else ["Actualité"]
    return base + ([COUNTRY_FR[ev.cc]] if ev else [])


def author_for(o: Outlet, rng: random.Random):
    if o.slug in ("lac-tchad-info",) and rng.random() < 0.5:
        return None
    return pick(rng, o.people)


def pub_time(date: dt.date, hours: float, o: Outlet) -> dt.datetime:
    base = dt.datetime(date.year, date.month, date.day)
    t = base + dt.timedelta(minutes=round(hours * 60))
    if t.hour < 6:
        t += dt.timedelta(hours=6)
    return t.replace(tzinfo=dt.timezone(dt.timedelta(minutes=o.tz)))


# ---------------------------------------------------------------------------------------------
# Incidents reported by several outlets (with differing details), and a few story lines
# ---------------------------------------------------------------------------------------------


def D(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def R(outlet, hours, toll=None, **kw) -> Rep:
    return Rep(outlet, hours, toll=toll, **kw)


W, EB, NM, NC, LW, SS, LT, MON, UN = (
    "sahel-wire",
    "echo-bamako",
    "niamey-matin",
    "northern-courier",
    "liptako-watch",
    "sahel-souverain",
    "lac-tchad-info",
    "sahel-security-monitor",
    "sahel-humanitarian-hub",
)

FEATURED = [
    (
        Ev(
            "inc-001",
            "ambush",
            "menaka",
            ISSP,
            FAMA,
            D("2026-08-03"),
            assoc2=(WAGNER,),
            prec=2,
            extra={"toll": 12},
        ),
        [
            R(W, 30.5, ("atleast", 12)),
            R(EB, 26.2, ("word", 4)),
            R(SS, 40.1, ("num", 27), kind="repelled", noun=("⟨terroristes⟩", "m")),
        ],
    ),
    (
        Ev("inc-002", "base_attack", "djibo", JNIM, BFA, D("2026-08-09"), extra={"toll": 40}),
        [R(W, 28.4, ("dozens", 0)), R(LW, 20.7, ("atleast", 40), noun=("soldats et ⟨VDP⟩", "m"))],
    ),
    (
        Ev("inc-003", "suicide", "konduga", JAS, "", D("2026-08-14"), extra={"toll": 9}),
        [
            R(W, 9.3, ("num", 9), vic="worshippers"),
            R(NC, 20.6, republish_of=W),
            R(UN, 50.2, ("atleast", 11), vic="people", style="date"),
        ],
    ),
    (
        Ev(
            "inc-004",
            "massacre",
            "banibangou",
            ISSP,
            "",
            D("2026-08-20"),
            prec=2,
            village="chinagodrar",
            extra={"toll": 22},
        ),
        [
            R(NM, 30.3, ("approx", 20), vic=("villageois", "m")),
            R(W, 22.8, ("atleast", 22), vic="villagers"),
            R(LW, 45.1, ("plusde", 30), vic=("habitants", "m"), form=1),
            R(UN, 70.4, ("num", 27), vic="civilians", style="date"),
        ],
    ),
    (
        Ev(
            "inc-005",
            "ambush",
            "aguelhok",
            AZAWAD,
            FAMA,
            D("2026-08-27"),
            assoc2=(WAGNER,),
            prec=2,
            extra={"toll": 8},
        ),
        [
            R(W, 30.9, ("atleast", 8)),
            R(EB, 36.5, "none", attrib="unidentified", form=0),
            R(SS, 48.3, ("dizaines", 0), kind="repelled", noun=("⟨terroristes⟩", "m"), form=1),
        ],
    ),
    (
        Ev("inc-006", "abduction", "tsafe", BANDITS, "", D("2026-09-02"), prec=2),
        [
            R(NC, 20.1, ("word", 2), vic="passengers", nabd=("num", 43)),
            R(W, 30.2, None, attrib="unidentified", vic="passengers", nabd=("dozens", 0)),
        ],
    ),
    (
        Ev("inc-007", "shelling", "timbuktu", JNIM, FAMA, D("2026-09-05")),
        [R(EB, 20.4, "none"), R(W, 28.2, ("word", 2), kind="shelling_civ", vic="civilians")],
    ),
    (
        Ev(
            "inc-008",
            "base_attack",
            "banikoara",
            JNIM,
            BEN,
            D("2026-09-11"),
            prec=2,
            village="keremou",
            extra={"toll": 8},
        ),
        [R(W, 26.1, ("num", 8)), R(LW, 40.6, ("approx", 10), noun=("militaires", "m"))],
    ),
    (
        Ev("inc-009", "shelling", "monguno", ISWAP, NGA, D("2026-09-15"), extra={"toll": 3}),
        [
            R(NC, 18.3, ("word", 3)),
            R(W, 22.9, ("atleast", 2)),
            R(LT, 30.2, ("plusieurs", 0), noun=("soldats", "m")),
        ],
    ),
    (
        Ev(
            "inc-010",
            "base_attack",
            "bol",
            JAS,
            TCD,
            D("2026-09-20"),
            prec=2,
            village="barkaram",
            extra={"toll": 15},
        ),
        [R(LT, 20.5, ("approx", 15)), R(W, 30.3, ("atleast", 12), attrib="suspected")],
    ),
    (
        Ev("inc-011", "ied", "fada", JNIM, BFA, D("2026-09-24"), prec=2, extra={"toll": 6}),
        [
            R(LW, 18.2, ("word", 6), noun=("soldats", "m")),
            R(W, 40.1, ("atleast", 4), attrib="unidentified", shift=1),
        ],
    ),
    (
        Ev(
            "inc-012",
            "drone_civ",
            "niono",
            FAMA,
            "",
            D("2026-09-29"),
            prec=2,
            village="farabougou",
            extra={"toll": 15},
        ),
        [
            R(W, 30.6, ("atleast", 15), vic="civilians"),
            R(
                EB,
                26.3,
                ("plusieurs", 0),
                kind="drone",
                a2=unidentified("ML"),
                noun=("⟨terroristes⟩", "m"),
            ),
            R(UN, 72.2, ("num", 20), vic="civilians", style="date"),
        ],
    ),
    (
        Ev(
            "inc-013",
            "base_attack",
            "bosso",
            ISWAP,
            FAN,
            D("2026-10-04"),
            prec=2,
            village="toumour",
            extra={"toll": 7},
        ),
        [
            R(NM, 28.1, ("word", 7), noun=("soldats", "m")),
            R(LT, 20.2, ("approx", 10), noun=("militaires", "m")),
            R(W, 34.4, ("atleast", 7), attrib="suspected"),
        ],
    ),
    (
        Ev(
            "inc-014",
            "base_attack",
            "mandouri",
            JNIM,
            TGO,
            D("2026-10-08"),
            prec=2,
            village="kpinkankandi",
            extra={"toll": 5},
        ),
        [R(W, 30.2, ("atleast", 5)), R(LW, 24.8, ("plusieurs", 0))],
    ),
    (
        Ev(
            "inc-015",
            "looting",
            "diema",
            JNIM,
            "",
            D("2026-10-12"),
            prec=2,
            extra={"loot": "tankers", "k": 30},
        ),
        [
            R(EB, 20.3, None, k=30),
            R(W, 28.7, None, attrib="claimed", k=40),
            R(SS, 40.2, ("num", 15), kind="repelled", a2=FAMA, noun=("⟨terroristes⟩", "m")),
        ],
    ),
    (
        Ev(
            "inc-016",
            "massacre",
            "faskari",
            BANDITS,
            "",
            D("2026-10-14"),
            prec=2,
            village="yankara",
            extra={"toll": 23},
        ),
        [
            R(NC, 18.4, ("num", 23), vic="villagers"),
            R(W, 26.3, ("atleast", 20), vic="villagers"),
            R(UN, 60.5, ("morethan", 20), vic="people", style="date"),
        ],
    ),
    (
        Ev(
            "inc-017",
            "rebel_clash",
            "dori",
            ISSP,
            JNIM,
            D("2026-10-18"),
            prec=2,
            village="seytenga",
            extra={"toll": 12},
        ),
        [R(LW, 30.1, ("dizaines", 0)), R(W, 50.3, ("several", 0))],
    ),
    (
        Ev("inc-018", "ambush", "tillia", ISSP, FAN, D("2026-10-22"), prec=2, extra={"toll": 11}),
        [
            R(NM, 24.2, ("num", 11), noun=("soldats", "m")),
            R(W, 20.6, ("atleast", 11)),
            R(SS, 36.4, ("approx", 20), kind="repelled", noun=("⟨terroristes⟩", "m")),
        ],
    ),
    (
        Ev(
            "inc-019",
            "massacre",
            "illela",
            LAKURAWA,
            "",
            D("2026-10-26"),
            prec=2,
            extra={"toll": 13},
        ),
        [R(NC, 20.2, ("num", 15), vic="villagers"), R(W, 30.1, ("atleast", 13), vic="herders")],
    ),
    (
        Ev("inc-020", "massacre", "bankass", JNIM, "", D("2026-10-29"), prec=2, extra={"toll": 17}),
        [
            R(W, 30.4, ("atleast", 17), vic="villagers"),
            R(EB, 40.2, ("approx", 20), vic=("villageois", "m")),
            R(UN, 70.1, ("num", 18), vic="civilians", style="date"),
        ],
    ),
    (
        Ev(
            "inc-021",
            "massacre",
            "kaya",
            JNIM,
            "",
            D("2026-11-02"),
            prec=2,
            village="barsalogho",
            extra={"toll": 100},
        ),
        [
            R(W, 40.3, ("atleast", 150), vic="civilians"),
            R(LW, 28.5, ("centaines", 0), vic=("habitants", "m")),
            R(UN, 80.2, ("atleast", 100), vic="people", style="date"),
        ],
    ),
    (
        Ev("inc-022", "suicide_mil", "gao", JNIM, FAMA, D("2026-11-05"), extra={"toll": 6}),
        [
            R(W, 10.2, ("atleast", 6)),
            R(EB, 20.5, ("plusieurs", 0), noun=("militaires", "m")),
            R(SS, 30.3, ("num", 9), kind="repelled", noun=("⟨terroristes⟩", "m")),
        ],
    ),
    (
        Ev("inc-023", "abduction", "gwoza", JAS, "", D("2026-11-07"), prec=2, village="pulka"),
        [
            R(NC, 30.4, None, vic="women", nabd=("num", 17)),
            R(UN, 60.3, None, vic="women", nabd=("atleast", 20)),
        ],
    ),
    (
        Ev("inc-024", "drone", "torodi", FAN, JNIM, D("2026-11-09"), prec=2, extra={"toll": 12}),
        [
            R(NM, 20.2, ("num", 12), noun=("jihadistes", "m")),
            R(SS, 30.6, ("dizaines", 0), noun=("⟨terroristes⟩", "m")),
        ],
    ),
    (
        Ev("inc-025", "ied", "tanguieta", JNIM, BEN, D("2026-11-11"), prec=2, extra={"toll": 3}),
        [R(W, 20.3, ("word", 3)), R(LW, 26.2, ("num", 4), noun=("militaires", "m"))],
    ),
    (
        Ev(
            "inc-026",
            "protest",
            "gusau",
            protesters("NG"),
            "",
            D("2026-11-13"),
            extra={"issue_en": "the killing of farmers in nearby villages"},
        ),
        [R(NC, 17.5, None), R(W, 20.2, None)],
    ),
    (
        Ev("inc-027", "drone", "kidal", FAMA, AZAWAD, D("2026-08-17"), extra={"toll": 5}),
        [
            R(EB, 22.1, ("plusieurs", 0), attrib="unidentified", noun=("⟨terroristes⟩", "m")),
            R(W, 26.4, ("atleast", 5), noun="rebels"),
        ],
    ),
    (
        Ev(
            "inc-028", "abduction", "diffa", ISWAP, "", D("2026-10-01"), prec=2, village="chetimari"
        ),
        [
            R(LT, 24.3, None, vic=("villageois", "m"), nabd=("num", 12)),
            R(NM, 30.1, None, vic=("villageois", "m"), nabd=("approx", 10)),
        ],
    ),
    (
        Ev("inc-029", "overtake", "tessit", JNIM, FAMA, D("2026-09-08")),
        [R(W, 30.2, None), R(NM, 40.5, None)],
    ),
    (
        Ev("inc-030", "retake", "tessit", FAMA, JNIM, D("2026-09-16"), assoc1=(WAGNER,)),
        [R(EB, 20.1, None), R(SS, 26.4, None)],
    ),
    (
        Ev(
            "inc-031", "agreement", "niono", JNIM, "", D("2026-10-06"), prec=2, village="farabougou"
        ),
        [R(EB, 30.2, None), R(W, 52.4, None, style="last_week")],
    ),
    (Ev("inc-032", "agreement", "safana", BANDITS, "", D("2026-08-24")), [R(NC, 19.3, None)]),
    (
        Ev(
            "inc-033",
            "riot",
            "funtua",
            rioters("NG"),
            "",
            D("2026-10-15"),
            extra={"issue_en": "the killing of villagers in nearby Faskari"},
        ),
        [R(NC, 20.4, None), R(W, 23.1, None)],
    ),
    (
        Ev(
            "inc-034",
            "riot",
            "kauranamoda",
            rioters("NG"),
            "",
            D("2026-11-10"),
            extra={"issue_en": "the abduction of a local trader"},
        ),
        [R(NC, 18.2, None)],
    ),
    (
        Ev("inc-035", "suicide", "maiduguri", JAS, "", D("2026-09-27"), prec=2, extra={"toll": 5}),
        [
            R(NC, 11.4, ("word", 5), vic="traders"),
            R(W, 13.2, ("atleast", 4), vic="traders"),
            R(LT, 30.5, ("num", 5), vic=("commerçants", "m")),
        ],
    ),
    (
        Ev("inc-036", "arrests", "katsina", POLICE_NG, BANDITS, D("2026-10-20"), extra={"k": 6}),
        [R(NC, 21.3, None, k=6)],
    ),
    (
        Ev("inc-037", "arrests", "sokoto", NGA, LAKURAWA, D("2026-11-03"), extra={"k": 9}),
        [R(NC, 20.2, None, k=9), R(W, 26.4, None, k=8)],
    ),
    (
        Ev("inc-038", "ied_civ", "mopti", JNIM, "", D("2026-08-30"), prec=2, extra={"toll": 7}),
        [
            R(EB, 19.1, ("num", 7), vic=("passagers", "m")),
            R(W, 22.3, ("atleast", 6), vic="passengers", attrib="unidentified"),
        ],
    ),
    (
        Ev("inc-039", "ied", "dapaong", JNIM, TGO, D("2026-10-24"), prec=2, extra={"toll": 2}),
        [
            R(LW, 18.4, ("word", 2), noun=("soldats", "m")),
            R(W, 29.2, ("num", 2), attrib="unidentified"),
        ],
    ),
    (
        Ev(
            "inc-040",
            "protest",
            "agadez",
            protesters("NE"),
            "",
            D("2026-09-18"),
            extra={
                "issue_fr": "l'insécurité sur la route Agadez-Arlit",
                "issue_en": "insecurity on the Agadez-Arlit road",
            },
        ),
        [R(NM, 20.3, None), R(W, 26.1, None)],
    ),
]

# ---------------------------------------------------------------------------------------------
# Single-outlet incidents: scenario table
#   (weight, kind, actor1, actor2, assoc1, assoc2, places, toll range or None, extra)
# ---------------------------------------------------------------------------------------------

ML_CENTRE = [
    "niono",
    "macina",
    "tenenkou",
    "djenne",
    "douentza",
    "bandiagara",
    "koro",
    "bankass",
    "segou",
]
ML_WEST = ["nara", "diema", "nioro", "kayes"]
ML_NORTH = ["niafunke", "goundam", "timbuktu", "bourem"]
ML_EAST = ["menaka", "anderamboukane", "inekar", "tessit", "ansongo"]
BF_ALL = [
    "djibo",
    "aribinda",
    "kaya",
    "pissila",
    "kongoussi",
    "bourzanga",
    "ouahigouya",
    "titao",
    "fada",
    "diapaga",
    "pama",
    "bogande",
    "gayeri",
    "nouna",
    "solenzo",
    "tougan",
    "dedougou",
]
BF_SAHEL = ["dori", "gorom", "sebba"]
NE_TILL = ["tillaberi", "ayorou", "banibangou", "ouallam", "abala", "filingue", "bankilare"]
NE_TAH = ["tillia", "tassara"]
NE_SW = ["tera", "torodi", "bankilare"]
NE_DIFFA = ["diffa", "bosso", "nguigmi", "mainesoroa"]
NG_NE = [
    "monguno",
    "damboa",
    "marte",
    "dikwa",
    "kukawa",
    "gamboru",
    "geidam",
    "buniyadi",
    "magumeri",
    "askira",
]
NG_JAS = ["gwoza", "bama", "konduga", "chibok", "askira"]
NG_NW = [
    "gusau",
    "tsafe",
    "anka",
    "maru",
    "kauranamoda",
    "shinkafi",
    "zurmi",
    "talatamafara",
    "jibia",
    "batsari",
    "safana",
    "faskari",
    "funtua",
    "sabonbirni",
    "isa",
    "goronyo",
    "birningwari",
    "kontagora",
]
BJ_N = ["banikoara", "kandi", "malanville", "tanguieta", "materi", "kerou", "cobly"]
TG_N = ["dapaong", "mandouri", "tandjouare", "cinkasse", "mango"]
LAKE_NG = ["monguno", "kukawa", "marte", "gamboru", "dikwa"]

SCENARIOS = [
    (5, "ambush", JNIM, FAMA, (), (), ML_CENTRE + ML_WEST + ML_NORTH, (2, 20), {}),
    (2, "ambush", ISSP, FAMA, (), (WAGNER,), ML_EAST, (3, 15), {}),
    (
        2,
        "base_attack",
        JNIM,
        FAMA,
        (),
        (),
        ["douentza", "niono", "macina", "tenenkou", "nara", "bourem", "niafunke", "koro"],
        (3, 25),
        {},
    ),
    (3, "army_raid", FAMA, JNIM, (WAGNER,), (), ML_CENTRE, (4, 30), {}),
    (
        2,
        "drone",
        FAMA,
        JNIM,
        (),
        (),
        ["niono", "tenenkou", "douentza", "niafunke", "goundam", "bourem", "ansongo"],
        (3, 20),
        {},
    ),
    (1, "drone", FAMA, AZAWAD, (), (), ["kidal", "aguelhok", "tessalit"], (2, 8), {}),
    (
        3,
        "massacre",
        JNIM,
        "",
        (),
        (),
        ["bankass", "bandiagara", "koro", "djenne", "douentza", "segou", "macina"],
        (3, 30),
        {},
    ),
    (2, "massacre", ISSP, "", (), (), ML_EAST, (4, 30), {}),
    (1, "massacre", FAMA, "", (WAGNER,), (), ["niono", "djenne", "tenenkou"], (5, 20), {}),
    (2, "abduction", JNIM, "", (), (), ML_CENTRE + ML_WEST, None, {}),
    (
        2,
        "looting",
        JNIM,
        "",
        (),
        (),
        ["diema", "nioro", "kayes", "sikasso", "san", "nara"],
        None,
        {"loot": ["tankers", "bridge", "shops"]},
    ),
    (1, "looting", ISSP, "", (), (), ML_EAST, None, {"loot": ["cattle"]}),
    (
        2,
        "ied",
        JNIM,
        FAMA,
        (),
        (),
        ["douentza", "bandiagara", "koro", "bourem", "gao", "ansongo", "niono"],
        (2, 8),
        {},
    ),
    (1, "ied_civ", JNIM, "", (), (), ["bandiagara", "koro", "douentza", "bankass"], (3, 15), {}),
    (1, "rebel_clash", JNIM, ISSP, (), (), ["menaka", "tessit", "ansongo", "inekar"], (5, 30), {}),
    (1, "agreement", JNIM, "", (), (), ["niono", "macina", "tenenkou", "segou"], None, {}),
    (1, "arrests", FAMA, JNIM, (), (), ["mopti", "segou", "kati", "san"], None, {}),
    (1, "shelling", JNIM, FAMA, (), (), ["timbuktu", "gao", "bourem"], (2, 4), {}),
    (
        1,
        "ambush",
        AZAWAD,
        FAMA,
        (),
        (WAGNER,),
        ["kidal", "tessalit", "aguelhok", "bourem"],
        (3, 12),
        {},
    ),
    (4, "ambush", JNIM, BFA, (), (), BF_ALL, (3, 30), {}),
    (2, "base_attack", JNIM, BFA, (), (), BF_ALL, (5, 40), {}),
    (1, "ambush", ISSP, BFA, (), (), BF_SAHEL, (3, 20), {}),
    (3, "massacre", JNIM, "", (), (), BF_ALL, (5, 40), {}),
    (1, "massacre", ISSP, "", (), (), BF_SAHEL, (4, 25), {}),
    (1, "massacre", BFA, "", (), (), ["nouna", "solenzo", "djibo", "titao"], (5, 30), {}),
    (2, "army_raid", BFA, JNIM, (), (), BF_ALL, (5, 40), {}),
    (1, "drone", BFA, JNIM, (), (), BF_ALL, (5, 30), {}),
    (1, "ied", JNIM, BFA, (), (), BF_ALL, (2, 8), {}),
    (1, "ied_civ", JNIM, "", (), (), ["fada", "diapaga", "pama", "gayeri"], (3, 12), {}),
    (
        1,
        "looting",
        JNIM,
        "",
        (),
        (),
        ["djibo", "aribinda", "titao", "bogande", "gayeri"],
        None,
        {"loot": ["mast", "bridge"]},
    ),
    (1, "abduction", JNIM, "", (), (), ["aribinda", "djibo", "dori", "gorom"], None, {}),
    (1, "rebel_clash", JNIM, ISSP, (), (), BF_SAHEL, (5, 30), {}),
    (3, "ambush", ISSP, FAN, (), (), NE_TILL + NE_TAH, (3, 30), {}),
    (2, "ambush", JNIM, FAN, (), (), NE_SW, (3, 20), {}),
    (2, "massacre", ISSP, "", (), (), NE_TILL + NE_TAH, (5, 40), {}),
    (1, "ied", JNIM, FAN, (), (), ["torodi", "tera"], (2, 8), {}),
    (1, "base_attack", ISWAP, FAN, (), (), NE_DIFFA, (3, 15), {}),
    (1, "abduction", JAS, "", (), (), NE_DIFFA, None, {}),
    (1, "abduction", unidentified("NE"), "", (), (), ["madarounfa", "maradi"], None, {}),
    (2, "army_raid", FAN, ISSP, (), (), NE_TILL + NE_TAH, (5, 40), {}),
    (1, "drone", FAN, JNIM, (), (), NE_SW, (5, 30), {}),
    (
        1,
        "protest",
        protesters("NE"),
        "",
        (),
        (),
        ["niamey", "agadez", "arlit", "tillaberi"],
        None,
        {},
    ),
    (0.5, "arrests", FAN, ISSP, (), (), ["tillaberi", "ouallam"], None, {}),
    (3, "base_attack", ISWAP, NGA, (), (), NG_NE, (2, 20), {}),
    (
        2,
        "ambush",
        ISWAP,
        NGA,
        (),
        (CJTF,),
        ["damboa", "konduga", "magumeri", "bama", "biu"],
        (2, 15),
        {},
    ),
    (
        2,
        "massacre",
        ISWAP,
        "",
        (),
        (),
        ["damboa", "konduga", "dikwa", "kukawa", "marte"],
        (4, 30),
        {},
    ),
    (2, "massacre", JAS, "", (), (), NG_JAS, (3, 25), {}),
    (1, "suicide", JAS, "", (), (), ["maiduguri", "konduga", "bama", "gwoza"], (3, 20), {}),
    (2, "army_raid", NGA, ISWAP, (CJTF,), (), NG_NE, (5, 40), {}),
    (1, "army_raid", NGA, JAS, (), (), NG_JAS, (5, 30), {}),
    (2, "drone", NGA, ISWAP, (), (), NG_NE, (5, 40), {}),
    (1, "drone", NGA, BANDITS, (), (), NG_NW, (5, 40), {}),
    (4, "massacre", BANDITS, "", (), (), NG_NW, (3, 40), {}),
    (4, "abduction", BANDITS, "", (), (), NG_NW, None, {}),
    (1, "looting", BANDITS, "", (), (), NG_NW, None, {"loot": ["cattle", "shops"]}),
    (1, "ambush", BANDITS, VIGIL, (), (), NG_NW, (2, 20), {}),
    (1, "army_raid", NGA, BANDITS, (), (), NG_NW, (5, 30), {}),
    (1, "massacre", LAKURAWA, "", (), (), ["illela", "argungu", "goronyo", "isa"], (5, 20), {}),
    (1, "arrests", POLICE_NG, BANDITS, (), (), ["katsina", "gusau", "funtua", "kaduna"], None, {}),
    (0.5, "arrests", NGA, ANSARU, (), (), ["birningwari", "kontagora"], None, {}),
    (0.5, "agreement", BANDITS, "", (), (), ["safana", "batsari", "jibia"], None, {}),
    (
        1,
        "protest",
        protesters("NG"),
        "",
        (),
        (),
        ["sokoto", "katsina", "maiduguri", "kano"],
        None,
        {},
    ),
    (0.5, "rebel_clash", ISWAP, JAS, (), (), ["kukawa", "monguno", "marte"], (5, 30), {}),
    (0.5, "riot", rioters("NG"), "", (), (), ["kauranamoda", "funtua"], None, {}),
    (0.5, "ied", ISWAP, NGA, (), (), ["damboa", "gwoza", "bama", "biu"], (2, 8), {}),
    (1, "base_attack", JAS, TCD, (), (), ["bol"], (5, 20), {}),
    (1, "abduction", JAS, "", (), (), ["bol"], None, {}),
    (0.5, "army_raid", TCD, JAS, (), (), ["bol"], (10, 40), {}),
    (0.3, "massacre", JAS, "", (), (), ["bol"], (3, 15), {}),
    (1, "ambush", JNIM, BEN, (), (), BJ_N, (2, 15), {}),
    (0.7, "base_attack", JNIM, BEN, (), (), BJ_N, (2, 15), {}),
    (0.7, "massacre", JNIM, "", (), (), BJ_N, (3, 10), {}),
    (0.5, "abduction", JNIM, "", (), (), BJ_N, None, {}),
    (0.5, "ied", JNIM, BEN, (), (), BJ_N, (2, 6), {}),
    (1, "base_attack", JNIM, TGO, (), (), TG_N, (2, 12), {}),
    (0.5, "massacre", JNIM, "", (), (), TG_N, (3, 10), {}),
    (0.3, "ied", JNIM, TGO, (), (), TG_N, (2, 6), {}),
]

VILLAGES_NEAR: dict = {}
for _vk, _v in VILLAGES.items():
    VILLAGES_NEAR.setdefault(_v[1], []).append(_vk)


def place_ok(o: Outlet, place: str, kind: str, a1: str, a2: str) -> bool:
    p = PLACES[place]
    s = o.slug
    if s == W:
        return True
    if s == EB:
        return p.cc == "ML"
    if s == NM:
        return p.cc == "NE"
    if s == NC:
        return p.cc == "NG"
    if s == LW:
        return p.cc in ("BF", "BJ", "TG") or (p.cc == "NE" and p.admin1 == "Tillabéri")
    if s == SS:
        return (
            p.cc in ("ML", "BF", "NE")
            and kind in ("army_raid", "drone", "arrests", "ambush", "base_attack")
            and (a1 in STATE_SIDE or kind in ("ambush", "base_attack"))
        )
    if s == LT:
        return p.cc == "TD" or (p.cc == "NE" and p.admin1 == "Diffa") or place in LAKE_NG
    if s == UN:
        return kind in ("massacre", "abduction", "ied_civ", "suicide") and p.cc != "TG"
    return False


def toll_style(lang: str, n: int, rng: random.Random, outlet: Outlet):
    """A reported toll for a true toll n: (style, number)."""
    if lang == "en":
        opts = [("num", n), ("atleast", n), ("atleast", n)]
        if n <= 20:
            opts += [("word", n), ("atleast_word", n)]
        if n >= 10:
            opts += [("about", 5 * round(n / 5)), ("morethan", 10 * (n // 10))]
        if n >= 24:
            opts.append(("dozens", 0))
        if 3 <= n <= 6:
            opts.append(("several", 0))
        if n == 12:
            opts.append(("dozen", 0))
        if outlet.variant == "thinktank":
            opts = [("atleast", n), ("num", n)]
        return pick(rng, opts)
    opts = [("num", n), ("atleast", n), ("atleast", n)]
    if n <= 20:
        opts.append(("word", n))
    near = min(FR_APPROX, key=lambda x: abs(x - n))
    if abs(near - n) <= 3 and near <= 50:
        opts.append(("approx", near))
    if n >= 12:
        opts.append(("plusde", 10 * (n // 10)))
    if n >= 24:
        opts.append(("dizaines", 0))
    if 3 <= n <= 6:
        opts.append(("plusieurs", 0))
    return pick(rng, opts)


def month_weight(d: dt.date) -> float:
    return {8: 1.0, 9: 1.0, 10: 1.05, 11: 2.1}[d.month]


ALL_DAYS = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]


def pick_day(rng: random.Random, lo: dt.date = START, hi: dt.date = END) -> dt.date:
    days = [d for d in ALL_DAYS if lo <= d <= hi]
    ws = [month_weight(d) for d in days]
    return rng.choices(days, weights=ws, k=1)[0]


def random_single(o: Outlet, n: int, rng: random.Random, start_id: int):
    """``n`` single-outlet (event, report) pairs for outlet ``o``."""
    cands = []
    for sc in SCENARIOS:
        w, kind, a1, a2, as1, as2, places, tr, extra = sc
        ps = [p for p in places if place_ok(o, p, kind, a1, a2)]
        if ps:
            cands.append((w, sc, ps))
    out = []
    for i in range(n):
        _w, sc, ps = rng.choices(cands, weights=[c[0] for c in cands], k=1)[0]
        _, kind, a1, a2, as1, as2, _, tr, extra = sc
        place = pick(rng, ps)
        pub_day = pick_day(rng, START + dt.timedelta(days=1))
        r = rng.random()
        if o.slug == UN and r < 0.35:
            delay = rng.randint(10, 20)
        elif r < 0.14:
            delay = rng.randint(5, 9)
        else:
            delay = pick(rng, [0, 1, 1, 1, 2, 2, 3])
        ev_day = pub_day - dt.timedelta(days=delay)
        if ev_day < START:
            ev_day = START
        prec = (
            pick(rng, [1, 1, 2, 2, 2])
            if kind not in ("protest", "riot", "retake", "overtake", "arrests")
            else 1
        )
        village = None
        if prec == 2 and place in VILLAGES_NEAR and rng.random() < 0.6:
            village = pick(rng, VILLAGES_NEAR[place])
        region = None
        if o.slug in (UN, LW, W, NC) and rng.random() < 0.2 and kind in ("massacre", "ambush"):
            p = PLACES[place]
            for rk, (capk, _, _) in REGIONS.items():
                c = PLACES[capk]
                same = c.admin2 == p.admin2 if p.cc == "BF" else c.admin1 == p.admin1
                if c.cc == p.cc and same:
                    region, prec, village = rk, 3, None
        ex = {}
        if "loot" in extra:
            ex["loot"] = pick(rng, extra["loot"])
            ex["k"] = pick(rng, [10, 20, 30])
        if kind == "arrests":
            ex["k"] = pick(rng, [2, 3, 4, 5, 6, 7, 8, 9, 10, 12])
        inc = f"inc-{start_id + i:03d}"
        ev = Ev(inc, kind, place, a1, a2, ev_day, tuple(as1), tuple(as2), prec, village, region, ex)
        toll = None
        if tr:
            true_n = rng.randint(*tr)
            ev.extra["toll"] = true_n
            toll = "none" if rng.random() < 0.08 else toll_style(o.lang, true_n, rng, o)
        attrib = rng.choices(
            ["named", "suspected", "unidentified", "claimed"], weights=[6, 2, 2, 1], k=1
        )[0]
        if a1 in STATE_SIDE or a1.startswith(("Protesters", "Rioters", "Unidentified")):
            attrib = "named" if rng.random() < 0.7 else "unidentified"
        rep = Rep(o.slug, delay * 24 + rng.randint(7, 21) + rng.random(), attrib=attrib, toll=toll)
        if o.slug == UN and delay >= 10 and style_ok("month", pub_day, ev_day):
            rep.style = "month"
        if kind == "abduction":
            rep.nabd = pick(
                rng,
                [
                    ("num", rng.randint(5, 60)),
                    ("atleast", rng.randint(5, 40)),
                    ("dozens", 0) if o.lang == "en" else ("dizaines", 0),
                    ("word", rng.randint(3, 12)),
                ],
            )
            if rng.random() < 0.25:
                rep.toll = ("word", rng.randint(2, 4))
        out.append((ev, rep))
    return out


# ---------------------------------------------------------------------------------------------
# Ordinary news (no violence): economy, elections, weather, football, health, mining...
#   (outlets, title, paragraphs as HTML, fills)
# ---------------------------------------------------------------------------------------------

NOISE_EN = [
    (
        (W, NC),
        "Central bank holds benchmark rate at {rate}% as inflation eases",
        [
            "<p>Nigeria's central bank kept its monetary policy rate at {rate}% on {day}, citing a third consecutive month of slowing inflation.</p>",
            '<p>Analysts had expected a hold. "The committee wants to see the disinflation trend consolidate," said an economist at a Lagos brokerage.</p>',
            "<p>Headline inflation fell to {infl}% in the latest reading, driven by lower food prices as the harvest season begins.</p>",
        ],
        {
            "rate": ["26.5", "27", "27.25"],
            "infl": ["18.2", "17.6", "16.9"],
            "day": ["Tuesday", "Monday"],
        },
    ),
    (
        (W, NC),
        "Naira steadies at N{fx} to the dollar on official window",
        [
            "<p>The naira traded at N{fx} per dollar on the official market on {day}, little changed from last week, as foreign portfolio inflows picked up.</p>",
            "<p>Dealers said demand for dollars from importers had eased ahead of the festive season.</p>",
        ],
        {"fx": ["1,468", "1,452", "1,439", "1,476"], "day": ["Wednesday", "Thursday", "Friday"]},
    ),
    (
        (NC,),
        "Refinery cuts petrol gantry price to N{petrol} per litre",
        [
            "<p>Nigeria's largest private refinery reduced its ex-depot petrol price to N{petrol} per litre, the second cut in a month.</p>",
            "<p>Marketers in {city} said pump prices would adjust within days. Fuel queues have largely disappeared from filling stations in the city.</p>",
        ],
        {"petrol": ["820", "805", "790"], "city": ["Kano", "Kaduna", "Sokoto", "Maiduguri"]},
    ),
    (
        (NC,),
        "{state} State unveils N{bn} billion budget for 2027",
        [
            "<p>The {state} State governor presented a N{bn} billion appropriation bill for 2027 to the House of Assembly, with education &amp; health taking the largest share.</p>",
            "<p>The proposal includes funds for rural roads, irrigation schemes and the completion of a new teaching hospital.</p>",
        ],
        {
            "state": ["Kano", "Kaduna", "Sokoto", "Borno", "Katsina", "Zamfara"],
            "bn": ["548", "612", "487", "735", "399"],
        },
    ),
    (
        (NC, W),
        "INEC begins continuous voter registration in {state}",
        [
            "<p>The Independent National Electoral Commission opened registration centres across {state} State on {day}, ahead of the 2027 general elections.</p>",
            "<p>Officials urged first-time voters and people who have moved to update their details. <em>Permanent voter cards</em> will be distributed from January.</p>",
        ],
        {"state": ["Kano", "Katsina", "Borno", "Yobe", "Sokoto"], "day": ["Monday", "Tuesday"]},
    ),
    (
        (NC, W),
        "Super Eagles name {n}-man squad for AFCON qualifier against {team}",
        [
            "<p>Nigeria's head coach named a {n}-man squad for next month's Africa Cup of Nations qualifier against {team}, recalling two home-based players.</p>",
            "<p>The team will camp in Uyo from the start of the international window. Tickets go on sale online &amp; at the stadium next week.</p>",
        ],
        {"n": ["23", "25", "24"], "team": ["Rwanda", "Benin", "Libya", "Zimbabwe"]},
    ),
    (
        (NC,),
        "⚽ NPFL: {club1} edge {club2} {s1}-{s2} in {city}",
        [
            "<p>{club1} came from behind to beat {club2} {s1}-{s2} in a Nigeria Premier Football League match in {city} on {day}.</p>",
            '<p>The result lifts {club1} into the top four. Their coach praised the crowd: "This is why we play football."</p>',
        ],
        {
            "club1": ["Kano Pillars", "Katsina United", "Niger Tornadoes"],
            "club2": ["El-Kanemi Warriors", "Kwara United", "Rangers"],
            "s1": ["2", "3"],
            "s2": ["1"],
            "city": ["Kano", "Katsina", "Minna"],
            "day": ["Sunday", "Saturday"],
        },
    ),
    (
        (W, NC),
        "Floodwaters submerge farmland in {state} as rivers overflow",
        [
            "<p>Heavy rains and water released from upstream dams submerged farmland in several local government areas of {state} State this week, emergency officials said.</p>",
            "<p>Hundreds of households were moved to higher ground and relief materials, including mats &amp; blankets, were distributed. Officials warned of further flooding until the end of the rainy season.</p>",
        ],
        {"state": ["Kebbi", "Sokoto", "Jigawa", "Borno", "Niger"]},
    ),
    (
        (NC, W),
        "Seasonal malaria chemoprevention reaches {n} children in {state}",
        [
            "<p>Health workers have given preventive malaria medicine to more than {n} children under five in {state} State during the final cycle of this year's campaign.</p>",
            "<p>Officials said the door-to-door campaign had cut malaria admissions at primary health centres during the peak transmission season.</p>",
        ],
        {
            "n": ["1.2 million", "900,000", "1.5 million"],
            "state": ["Kano", "Katsina", "Sokoto", "Zamfara"],
        },
    ),
    (
        (NC,),
        "Polio vaccination round targets {n} children in {state}",
        [
            "<p>A four-day polio vaccination round started on {day} in {state} State, targeting {n} children, with traditional rulers mobilising families.</p>"
        ],
        {
            "n": ["2.1 million", "1.8 million", "3 million"],
            "state": ["Sokoto", "Kebbi", "Kano", "Borno"],
            "day": ["Saturday", "Thursday"],
        },
    ),
    (
        (W,),
        "Mali's gold output rises as new mining code takes effect",
        [
            "<p>Industrial gold production in Mali rose by {pct}% in the first nine months of the year, the mines ministry said, as the state increased its stake in several mines under the new mining code.</p>",
            "<p>The government has said it wants to capture a larger share of revenue from the sector, which accounts for most export earnings.</p>",
        ],
        {"pct": ["6", "8", "11"]},
    ),
    (
        (W,),
        "Lithium exports from Mali's Goulamina mine pass {t} tonnes",
        [
            "<p>Exports of spodumene concentrate from the Goulamina mine in southern Mali have passed {t} tonnes since production began, the operator said.</p>",
            "<p>Shipments travel by road to the port of Abidjan. The government holds a minority stake in the project.</p>",
        ],
        {"t": ["300,000", "350,000", "420,000"]},
    ),
    (
        (W,),
        "Niger signs uranium marketing deal for Arlit stockpile",
        [
            "<p>Niger's government said it had signed an agreement to market uranium concentrate stockpiled at the Arlit site, months after taking control of the mine from its former operator.</p>",
            "<p>Officials did not disclose the buyer. The deal is expected to provide a boost to public finances.</p>",
        ],
        {},
    ),
    (
        (W,),
        "AES leaders meet in {capital} to launch joint investment bank",
        [
            "<p>The heads of state of Mali, Burkina Faso and Niger met in {capital} on {day} to launch the capital of the Alliance of Sahel States' confederal investment bank.</p>",
            "<p>The three countries also adopted a common passport and agreed to harmonise customs tariffs from January.</p>",
        ],
        {"capital": ["Bamako", "Niamey", "Ouagadougou"], "day": ["Saturday", "Friday"]},
    ),
    (
        (W, NC),
        "Sorghum and millet prices ease in {city} as harvest begins",
        [
            "<p>Prices of sorghum and millet fell by up to {pct}% at the main grain market in {city} this week as the first harvests arrived, traders said.</p>",
            '<p>"Supply is good this year; the rains were generous," said a wholesaler. Prices remain above last year\'s levels.</p>',
        ],
        {"city": ["Kano", "Maradi", "Dawanau", "Katsina"], "pct": ["12", "15", "9"]},
    ),
    (
        (NC,),
        "University lecturers suspend strike after pay deal",
        [
            "<p>The academic staff union suspended its two-week warning strike on {day} after the federal government agreed to implement a revised salary scale.</p>",
            "<p>Students at universities in Kano, Sokoto and Maiduguri are expected to resume lectures next week.</p>",
        ],
        {"day": ["Monday", "Wednesday"]},
    ),
    (
        (W, NC),
        "Solar mini-grids to power {n} villages in {state}",
        [
            "<p>A rural electrification programme will install solar mini-grids in {n} villages in {state} State by the end of next year, officials said.</p>",
            "<p>The project is funded by development banks &amp; private investors and targets farming communities without grid access.</p>",
        ],
        {"n": ["120", "85", "140"], "state": ["Kaduna", "Katsina", "Yobe", "Jigawa"]},
    ),
    (
        (W,),
        "Cotton farmers in {country} expect bumper harvest",
        [
            "<p>Cotton growers in {country} expect one of their best harvests in years after good rains and a higher guaranteed purchase price, the national cotton company said.</p>",
            "<p>Ginning is due to start in late November.</p>",
        ],
        {"country": ["Mali", "Burkina Faso", "Benin"]},
    ),
    (
        (W,),
        "Togo's Lomé port posts record container traffic",
        [
            "<p>The port of Lomé handled a record volume of containers in the third quarter, driven by transhipment and cargo bound for the Sahel, the port authority said.</p>"
        ],
        {},
    ),
    (
        (W,),
        "Benin parliament begins debate on 2027 budget",
        [
            "<p>Benin's National Assembly began examining the 2027 finance bill on {day}. The government forecasts growth of {pct}% next year.</p>"
        ],
        {"day": ["Tuesday", "Thursday"], "pct": ["6.3", "6.5"]},
    ),
    (
        (NC,),
        "Army engineers help rebuild bridge washed away by floods in {state}",
        [
            "<p>Engineers from the Nigerian Army have started rebuilding a bridge washed away by floods in {state} State, restoring a key link for farmers taking produce to market.</p>",
            "<p>Residents welcomed the work, which is expected to be completed within six weeks.</p>",
        ],
        {"state": ["Adamawa", "Kebbi", "Jigawa"]},
    ),
    (
        (W,),
        "West African central bank keeps key rate unchanged",
        [
            "<p>The central bank of the eight-nation West African monetary union kept its main policy rate unchanged on {day}, citing easing inflation in member states.</p>"
        ],
        {"day": ["Wednesday", "Tuesday"]},
    ),
    (
        (W,),
        "Burkina Faso opens its first national gold refinery",
        [
            "<p>Burkina Faso inaugurated a gold refinery in Ouagadougou on {day}, part of a drive to process more of its main export at home.</p>",
            "<p>The plant is designed to refine up to {t} tonnes a year.</p>",
        ],
        {"day": ["Friday", "Monday"], "t": ["150", "200"]},
    ),
    (
        (NC,),
        "Kano emirate announces dates for Durbar festival",
        [
            "<p>The Kano emirate council has announced the dates for this year's Durbar festival, which draws horsemen and visitors from across the region.</p>"
        ],
        {},
    ),
    (
        (NC,),
        "Maiduguri traders move into new market stalls",
        [
            "<p>Traders at Maiduguri's Monday Market began moving into {n} newly built stalls on {day}, the state government said.</p>"
        ],
        {"n": ["1,200", "1,850"], "day": ["Monday", "Thursday"]},
    ),
    (
        (W, NC),
        "Chad and Nigeria agree to reopen border crossing for traders",
        [
            "<p>Chadian and Nigerian customs officials agreed to extend opening hours at a busy border crossing to ease trade in livestock and grain, a statement said.</p>"
        ],
        {},
    ),
]

NOISE_FR = [
    (
        (EB,),
        "Campagne cotonnière : la CMDT table sur {t} tonnes",
        [
            "<p>La Compagnie malienne pour le développement des textiles (CMDT) prévoit une production de {t} tonnes de coton graine pour la campagne en cours, grâce à une pluviométrie favorable.</p>",
            "<p>Le prix au producteur a été maintenu. Les premières opérations d'égrenage sont attendues fin novembre.</p>",
        ],
        {"t": ["690 000", "720 000", "705 000"]},
    ),
    (
        (EB,),
        "Office du Niger : une récolte de riz prometteuse",
        [
            "<p>Les riziculteurs de la zone de l'Office du Niger s'attendent à une bonne récolte, selon la direction de l'Office, qui évoque des rendements en hausse de {pct} %.</p>",
            "<p>Les engrais ont été livrés à temps cette année, se félicitent les producteurs.</p>",
        ],
        {"pct": ["8", "10", "12"]},
    ),
    (
        (EB,),
        "Électricité : EDM annonce une réduction des délestages à Bamako",
        [
            "<p>Énergie du Mali (EDM) a annoncé {day} une réduction des coupures d'électricité dans la capitale grâce à la mise en service de nouvelles centrales solaires.</p>",
            "<p>Les commerçants de Bamako espèrent un retour à la normale avant la fin de l'année.</p>",
        ],
        {"day": ["lundi", "mardi", "jeudi"]},
    ),
    (
        (EB,),
        "Éliminatoires CAN 2027 : les Aigles du Mali en regroupement à Bamako",
        [
            "<p>Les Aigles du Mali ont entamé {day} leur regroupement à Bamako en vue de la double confrontation face au {team} comptant pour les éliminatoires de la CAN 2027.</p>",
            "<p>Le sélectionneur a convoqué {n} joueurs, dont trois évoluant dans le championnat national.</p>",
        ],
        {"day": ["lundi", "mardi"], "team": ["Gabon", "Burundi", "Cap-Vert"], "n": ["24", "25"]},
    ),
    (
        (EB,),
        "Ligue 1 : le Stade malien s'impose face au Djoliba ({s1}-{s2})",
        [
            "<p>Le Stade malien a remporté le derby de la capitale face au Djoliba AC ({s1}-{s2}) {day} au stade du 26-Mars, devant une foule nombreuse.</p>"
        ],
        {"s1": ["2", "1"], "s2": ["0", "1"], "day": ["dimanche", "samedi"]},
    ),
    (
        (EB,),
        "Bamako : plusieurs quartiers inondés après une forte pluie",
        [
            "<p>Une pluie diluvienne tombée {day} a inondé plusieurs quartiers de la rive droite de Bamako, endommageant des habitations et des commerces.</p>",
            "<p>La protection civile a procédé à des évacuations préventives. Les autorités appellent à ne pas construire dans le lit des marigots.</p>",
        ],
        {"day": ["dans la nuit de samedi à dimanche", "mercredi soir", "lundi"]},
    ),
    (
        (EB,),
        "Maouloud : des milliers de fidèles attendus à {city}",
        [
            "<p>Des milliers de fidèles convergent vers {city} pour la célébration du Maouloud, qui marque la naissance du Prophète.</p>",
            "<p>Les organisateurs ont mis en place un dispositif d'accueil et de santé pour les pèlerins.</p>",
        ],
        {"city": ["Nioro du Sahel", "Tombouctou", "Djenné"], "_months": [8]},
    ),
    (
        (EB,),
        "Santé : campagne de vaccination contre la poliomyélite à {city}",
        [
            "<p>Une campagne de vaccination contre la poliomyélite a débuté {day} dans la région de {city}. Plus de {n} enfants de moins de cinq ans sont ciblés.</p>",
            "<p>Les agents de santé font du porte-à-porte pendant quatre jours.</p>",
        ],
        {
            "city": ["Ségou", "Sikasso", "Kayes", "Mopti"],
            "day": ["samedi", "jeudi"],
            "n": ["400 000", "350 000", "520 000"],
        },
    ),
    (
        (EB,),
        "Mines : le Mali crée une nouvelle société d'État pour l'or",
        [
            "<p>Le Conseil des ministres a adopté {day} un décret portant création d'une société nationale chargée de gérer les participations de l'État dans les mines d'or.</p>",
            "<p>La société devra aussi piloter la construction d'une raffinerie à Sénou.</p>",
        ],
        {"day": ["mercredi"]},
    ),
    (
        (EB, NM),
        "Rentrée scolaire : plus de {n} élèves attendus dans la région de {city}",
        [
            "<p>Pour cette année scolaire, plus de {n} élèves sont attendus dans les écoles de la région de {city}, selon l'académie d'enseignement.</p>",
            "<p>Des kits scolaires ont été distribués aux familles les plus démunies.</p>",
        ],
        {
            "n": ["180 000", "240 000", "95 000"],
            "city": ["Ségou", "Sikasso", "Dosso", "Maradi", "Zinder"],
        },
    ),
    (
        (NM,),
        "Crue du fleuve Niger : la mairie de Niamey appelle à la prudence",
        [
            "<p>Le niveau du fleuve Niger a atteint la cote d'alerte à Niamey {day}. La mairie appelle les riverains à quitter les zones inondables.</p>",
            "<p>Des digues de protection ont été renforcées dans plusieurs quartiers. Des sites d'accueil ont été aménagés pour les ménages sinistrés.</p>",
        ],
        {"day": ["lundi", "mardi", "vendredi"]},
    ),
    (
        (NM,),
        "Éliminatoires CAN 2027 : le Mena prépare la réception du {team}",
        [
            "<p>Le Mena du Niger a repris l'entraînement au stade Général-Seyni-Kountché en vue de la réception du {team}.</p>",
            "<p>Le sélectionneur mise sur la jeunesse et l'expérience de ses cadres.</p>",
        ],
        {"team": ["Tanzanie", "Soudan", "Ghana"]},
    ),
    (
        (NM,),
        "Pétrole : les exportations de brut reprennent via le pipeline",
        [
            "<p>Les exportations de pétrole brut nigérien ont repris via le pipeline, a annoncé le ministère du Pétrole, après des travaux de maintenance.</p>",
            "<p>Les recettes pétrolières représentent une part croissante du budget de l'État.</p>",
        ],
        {},
    ),
    (
        (NM,),
        "Niamey : inauguration d'une usine de transformation de tomates",
        [
            "<p>Une unité de transformation de tomates d'une capacité de {t} tonnes par jour a été inaugurée {day} dans la zone industrielle de Niamey.</p>",
            "<p>Elle doit permettre de réduire les importations de concentré et d'offrir des débouchés aux maraîchers de la vallée du fleuve.</p>",
        ],
        {"t": ["50", "80", "120"], "day": ["samedi", "jeudi"]},
    ),
    (
        (NM,),
        "Santé : la chimioprévention du paludisme saisonnier atteint {n} enfants",
        [
            "<p>Le quatrième passage de la campagne de chimioprévention du paludisme saisonnier a permis d'atteindre {n} d'enfants dans les régions de {city} et Dosso.</p>"
        ],
        {"n": ["2,3 millions", "1,9 million"], "city": ["Maradi", "Zinder", "Tahoua"]},
    ),
    (
        (NM,),
        "Agadez : le festival de l'Aïr attire les visiteurs",
        [
            "<p>Le festival de l'Aïr a rassemblé des milliers de visiteurs à Agadez et Iférouane autour de courses de chameaux, de concerts &amp; d'expositions d'artisanat.</p>"
        ],
        {},
    ),
    (
        (NM,),
        "Prix à la pompe : l'État annonce une baisse de {n} FCFA",
        [
            "<p>Le gouvernement a annoncé une baisse de {n} FCFA du prix du litre de gasoil à la pompe à compter du 1er du mois.</p>"
        ],
        {"n": ["25", "40", "50"]},
    ),
    (
        (LT,),
        "Pêche : ouverture de la campagne sur le lac Tchad",
        [
            "<p>La campagne de pêche a officiellement été ouverte {day} à Bol en présence des autorités provinciales.</p>",
            "<p>Les pêcheurs espèrent de meilleures prises que l'an dernier grâce à la bonne crue.</p>",
        ],
        {"day": ["samedi", "lundi"]},
    ),
    (
        (LT,),
        "Lac : les producteurs de maïs attendent une bonne récolte",
        [
            "<p>Dans les polders de la province du Lac, les producteurs de maïs et de blé se préparent à une récolte abondante, selon la délégation de l'Agriculture.</p>"
        ],
        {},
    ),
    (
        (LT,),
        "Tchad : le budget 2027 adopté en Conseil des ministres",
        [
            "<p>Le Conseil des ministres a adopté {day} le projet de loi de finances 2027, marqué par une hausse des dépenses d'investissement.</p>"
        ],
        {"day": ["jeudi", "mardi"]},
    ),
    (
        (LT,),
        "Diffa : reprise du marché au poivron",
        [
            "<p>Le grand marché au poivron de Diffa a repris ses activités, attirant des commerçants du Nigeria et du Tchad.</p>",
            "<p>Le prix du sac a légèrement baissé par rapport à l'an dernier, selon les grossistes.</p>",
        ],
        {},
    ),
    (
        (LT,),
        "N'Djamena : les inondations touchent plusieurs quartiers",
        [
            "<p>La crue du Chari et du Logone a inondé plusieurs quartiers du sud de N'Djamena. Les autorités ont ouvert des sites d'hébergement pour les familles sinistrées.</p>"
        ],
        {},
    ),
    (
        (EB,),
        "Hajj 2027 : ouverture des inscriptions à la Maison du Hadj",
        [
            "<p>Les inscriptions pour le pèlerinage à La Mecque sont ouvertes depuis {day} à la Maison du Hadj de Bamako. Le coût du forfait est fixé à {p} FCFA.</p>"
        ],
        {"day": ["lundi", "mercredi"], "p": ["4 250 000", "4 400 000"]},
    ),
    (
        (EB,),
        "Foire de Bamako : plus de {n} exposants attendus",
        [
            "<p>La foire internationale de Bamako ouvrira ses portes la semaine prochaine avec plus de {n} exposants venus de la sous-région.</p>",
            "<p>Les organisateurs misent sur l'artisanat, l'agroalimentaire &amp; le numérique.</p>",
        ],
        {"n": ["300", "350", "420"]},
    ),
    (
        (EB, NM),
        "Internet mobile : les opérateurs annoncent une baisse des tarifs",
        [
            "<p>Les principaux opérateurs de téléphonie ont annoncé {day} une baisse de {pct} % du prix des forfaits internet mobile, à la demande du régulateur.</p>"
        ],
        {"day": ["lundi", "jeudi"], "pct": ["10", "15", "20"]},
    ),
    (
        (NM,),
        "Tahoua : distribution d'engrais aux producteurs",
        [
            "<p>Plus de {t} tonnes d'engrais ont été distribuées aux producteurs de la région de Tahoua à prix subventionné, selon la direction régionale de l'Agriculture.</p>"
        ],
        {"t": ["2 000", "3 500", "4 200"]},
    ),
    (
        (NM,),
        "Oignon : ouverture de la campagne de commercialisation",
        [
            "<p>La campagne de commercialisation de l'oignon violet de Galmi a été lancée {day}. Les producteurs espèrent de meilleurs prix à l'exportation vers les pays côtiers.</p>"
        ],
        {"day": ["samedi", "mardi"]},
    ),
    (
        (LT,),
        "Bol : le centre de santé de district rouvre après rénovation",
        [
            "<p>Le centre de santé de district de Bol a rouvert ses portes après plusieurs mois de travaux. Il dispose désormais d'une maternité &amp; d'un laboratoire.</p>"
        ],
        {},
    ),
    (
        (LT,),
        "N'Djamena : le festival Dary célèbre les cultures du Tchad",
        [
            "<p>La nouvelle édition du festival Dary a réuni artistes et artisans venus des vingt-trois provinces du pays.</p>"
        ],
        {},
    ),
    (
        (LW,),
        "Dori : le marché à bétail retrouve des couleurs",
        [
            "<p>Petite note plus légère aujourd'hui : le marché à bétail de Dori a connu une belle affluence ce {day}, avec des prix stables.</p>"
        ],
        {"day": ["dimanche", "jeudi"]},
    ),
    (
        (LW,),
        "Kandi : les cotonculteurs espèrent une bonne campagne",
        [
            "<p>À Kandi, les producteurs de coton rencontrés cette semaine se disent optimistes : les pluies ont été régulières.</p>"
        ],
        {},
    ),
    (
        (LW,),
        "Fada N'Gourma : les cours reprennent au lycée provincial",
        [
            "<p>Bonne nouvelle : les cours ont repris normalement au lycée provincial de Fada N'Gourma, avec plus de {n} élèves inscrits.</p>"
        ],
        {"n": ["1 200", "1 450"]},
    ),
    (
        (LW,),
        "Dapaong : la foire agricole ouvre ses portes",
        [
            "<p>La foire agricole régionale s'est ouverte à Dapaong. Les exposants viennent de toute la région des Savanes et du Burkina voisin.</p>"
        ],
        {},
    ),
    (
        (SS,),
        "L'AES lance son passeport commun : un pas de plus vers la souveraineté !",
        [
            "<p>C'est officiel : les citoyens du Mali, du Burkina Faso et du Niger peuvent désormais obtenir le passeport de la Confédération des États du Sahel.</p>",
            "<p>Un symbole fort de notre unité face à ceux qui voulaient nous diviser !</p>",
        ],
        {},
    ),
    (
        (SS,),
        "Le capitaine Traoré inaugure une nouvelle usine de transformation",
        [
            "<p>Le président du Faso a inauguré {day} une usine de transformation de tomates à Bobo-Dioulasso. Consommons local !</p>"
        ],
        {"day": ["samedi", "vendredi"]},
    ),
    (
        (SS,),
        "Souveraineté minière : la nouvelle raffinerie d'or sort de terre",
        [
            "<p>Les travaux de la raffinerie d'or avancent à grands pas. Fini le pillage de nos ressources !</p>"
        ],
        {},
    ),
    (
        (SS,),
        "Banque confédérale : l'AES se dote de son propre outil financier",
        [
            "<p>La banque confédérale d'investissement et de développement de l'AES a tenu sa première assemblée générale. Une réponse claire aux institutions qui nous tournaient le dos.</p>"
        ],
        {},
    ),
    (
        (SS,),
        "Campagne agricole : des tracteurs distribués aux producteurs",
        [
            "<p>Le gouvernement a remis {n} tracteurs aux coopératives agricoles. L'autosuffisance alimentaire est en marche !</p>"
        ],
        {"n": ["200", "350", "400"]},
    ),
]

NOISE_UN = [
    (
        "Humanitarian Response Plan funded at {pct}% as year-end approaches",
        [
            "<p>With two months remaining in the year, the humanitarian response plans for the Central Sahel and the Lake Chad basin are funded at {pct}% on average.</p>",
            "<p>Partners warn that food, nutrition &amp; water programmes face pipeline breaks in the first quarter without new funding.</p>",
        ],
        {"pct": ["31", "34", "38"]},
    ),
    (
        "Lean season: {n} million people face crisis levels of food insecurity",
        [
            "<p>According to the latest Cadre Harmonisé analysis, {n} million people in the Central Sahel and Lake Chad basin faced crisis or worse levels of food insecurity (Phase 3+) during the lean season.</p>",
            "<p>Harvest prospects are good, but access to markets remains difficult in several areas.</p>",
        ],
        {"n": ["11.2", "12.4", "10.8"]},
    ),
    (
        "Cholera response update: {n} cases reported in {state}",
        [
            "<p>Health authorities have reported {n} suspected cholera cases in {state} since the start of the rainy season. Oral cholera vaccination is under way in the most affected LGAs.</p>",
            '<p>Partners are supporting water chlorination, hygiene promotion &amp; treatment centres. <a href="https://sahel-hub.example.org/cholera-dashboard">See the dashboard</a>.</p>',
        ],
        {"n": ["1,240", "2,015", "860"], "state": ["Borno State", "Yobe State", "Zamfara State"]},
    ),
    (
        "Floods: {n} households affected in {region}; partners scale up response",
        [
            "<p>Heavy rains since August have affected some {n} households in {region}, damaging shelters, latrines and farmland.</p>",
            "<p>Partners have distributed shelter kits and non-food items. Needs remain high in low-lying areas.</p>",
        ],
        {
            "n": ["14,500", "22,000", "9,800"],
            "region": ["the Niamey region", "the Diffa region", "the Mopti region", "Borno State"],
        },
    ),
    (
        "Measles vaccination campaign reaches {n} children in {region}",
        [
            "<p>A measles vaccination campaign has reached {n} children aged 6 months to 14 years in {region}, including in sites for displaced people.</p>"
        ],
        {
            "n": ["480,000", "320,000", "610,000"],
            "region": [
                "the Sahel region of Burkina Faso",
                "the Tillabéri region",
                "the Lac province",
            ],
        },
    ),
    (
        "Back to school: {n} learning kits distributed in {region}",
        [
            "<p>Education partners distributed {n} learning kits to pupils in {region} ahead of the new school year. Temporary learning spaces have been set up in displacement sites.</p>"
        ],
        {
            "n": ["45,000", "60,000", "28,000"],
            "region": ["the Mopti region", "the Centre-Nord region", "the Diffa region"],
        },
    ),
    (
        "Nutrition screening: {n} children screened in {region}",
        [
            "<p>Community health workers screened {n} children for acute malnutrition in {region} during the past month; those identified were referred to treatment centres.</p>"
        ],
        {
            "n": ["118,000", "96,500", "140,200"],
            "region": ["Yobe State", "the Ségou region", "the Est region"],
        },
    ),
    (
        "Mine action: {n} explosive ordnance risk education sessions held in {region}",
        [
            "<p>Mine action partners held {n} risk education sessions for children and adults in {region} this month, teaching communities to recognise and report explosive ordnance.</p>"
        ],
        {"n": ["420", "610"], "region": ["the Mopti region", "the Centre-Nord region"]},
    ),
    (
        "New humanitarian coordination hub opens in {city}",
        [
            "<p>A new humanitarian coordination hub opened in {city} this week to bring partners closer to affected communities and improve logistics &amp; information sharing.</p>"
        ],
        {"city": ["Kaya", "Diffa", "Mopti", "Bama"]},
    ),
]


def noise_item(o: Outlet, tpl, rng: random.Random, pub: dt.datetime, used: set) -> Item:
    if o.slug == UN:
        title_t, paras, fills = tpl
    else:
        _, title_t, paras, fills = tpl
    for _ in range(10):
        vals = {k: pick(rng, v) for k, v in fills.items() if not k.startswith("_")}
        title = title_t.format_map(vals)
        if title not in used:
            break
    used.add(title)
    body = "".join(pp.format_map(vals) for pp in paras)
    if rng.random() < 0.2:
        body += image_html(o, make_slug(title)[:40] + f"-{rng.randrange(1000, 9999)}", title)
    tr = TRANSFORM.get(o.slug, identity)
    if o.slug == SS:
        body += "<p><strong>Vive l'AES !</strong> 🇲🇱🇧🇫🇳🇪</p>"
    return Item(
        o,
        pub,
        tr(title),
        tr(body),
        False,
        [],
        None,
        author=author_for(o, rng),
        categories=category_for(o, None, None) if o.slug != UN else ["Humanitarian update"],
        slug_hint=make_slug(title),
    )


# ---------------------------------------------------------------------------------------------
# Special items: UN flash updates, think-tank round-ups and analysis, republished wire copy,
# multi-event wire items, a press review, awkward items.
# ---------------------------------------------------------------------------------------------


def un_item(ev: Ev, rep: Rep, rng: random.Random, n: int, used_titles: dict) -> Item:
    o = OUT[UN]
    pub = pub_time(ev.date, rep.hours, o)
    w = write_event(
        ev, rep, o, rng, pub.replace(tzinfo=None), "full", used_titles.setdefault(UN, set())
    )
    ctx = w["ctx"]
    core = re.sub(r"^(Mali|Burkina Faso|Niger|Nigeria|Chad|Benin|Togo): ", "", w["title"])
    title = f"Flash Update No. #: {cap(core)}"
    displaced = pick(rng, ["1,200", "2,500", "3,800", "5,000", "7,400", "12,000"])
    bullets = [
        f"An estimated {displaced} people have been displaced towards {ctx['HUB']} and surrounding villages.",
        pick(
            rng,
            [
                "The local health centre has suspended activities.",
                "Weekly market activities have been suspended.",
                "Schools in the area have closed until further notice.",
            ],
        ),
        pick(
            rng,
            [
                "Access to the area remains restricted for humanitarian partners.",
                "Humanitarian access by road requires armed escorts, which partners do not use.",
            ],
        ),
    ]
    body = (
        "<h3>Situation overview</h3>"
        + "".join(w["paras"][:2])
        + "<h3>Humanitarian impact</h3><ul>"
        + "".join(f"<li>{esc(b)}</li>" for b in bullets)
        + "</ul>"
        + "<h3>Response</h3>"
        + para(
            pick(
                rng,
                [
                    "Partners are mobilising emergency shelter, food & non-food items for newly displaced households.",
                    "Rapid response mechanism partners are conducting a multisectoral assessment.",
                    "Health partners are supporting the referral of wounded people to the regional hospital.",
                ],
            )
        )
        + '<p>Contact: <a href="https://sahel-hub.example.org/contacts">coordination team</a>.</p>'
    )
    gev = gt_event(w["code"], w["meta"], title + "\n" + body, identity, ev.inc)
    used_titles[UN].add(strip_marks(w["title"]))
    return Item(
        o,
        pub,
        strip_marks(title),
        strip_marks(body),
        True,
        [gev],
        ev.inc,
        author=o.people[0],
        categories=["Flash update", CAT_EN[ev.cc]],
        slug_hint=make_slug(w["title"]),
    )


def roundup_li(ev: Ev, o: Outlet, rng: random.Random, pub: dt.datetime, attrib="named"):
    n = ev.extra.get("toll")
    toll = None
    if n is not None:
        toll = ("atleast", n) if n > 0 else "none"
    rep = Rep(
        o.slug,
        0,
        attrib=attrib,
        toll=toll,
        style="date",
        nabd=("atleast", 10) if ev.kind == "abduction" else None,
    )
    w = write_event(ev, rep, o, rng, pub.replace(tzinfo=None), "roundup")
    ctry = COUNTRIES[ev.cc]
    li = f"<li><strong>{esc(ctry)}</strong> – " + " ".join(esc(s) for s in w["sentences"]) + "</li>"
    return li, w


def roundup_item(week_start: dt.date, evs: list, rng: random.Random, n: int) -> Item:
    o = OUT[MON]
    week_end = week_start + dt.timedelta(days=6)
    pubd = week_end + dt.timedelta(days=1)
    pub = dt.datetime(pubd.year, pubd.month, pubd.day, 9, rng.randrange(0, 50), tzinfo=dt.UTC)
    if week_start.month == week_end.month:
        span = f"{week_start.day}–{week_end.day} {EN_MONTHS[week_end.month - 1]} {week_end.year}"
    else:
        span = f"{week_start.day} {EN_MONTHS[week_start.month - 1]} – {week_end.day} {EN_MONTHS[week_end.month - 1]} {week_end.year}"
    title = f"Sahel Security Weekly #{n}: {span}"
    countries = sorted({COUNTRIES[e.cc] for e in evs})
    intro = para(
        f"This week's brief covers {len(evs)} incidents in {', '.join(countries)}.",
        "Tolls are the lowest credible figure reported; attributions follow the sources unless stated.",
    )
    lis, gevs = [], []
    for ev in evs:
        li, w = roundup_li(ev, o, rng, pub)
        lis.append(li)
        gevs.append(gt_event(w["code"], w["meta"], li, identity, ev.inc))
    outro = (
        '<p>Data &amp; methodology: <a href="https://sahelmonitor.example.org/methodology">how we code events</a>. '
        "<em>Subscribers can download the full weekly dataset.</em></p>"
    )
    body = intro + "<ul>" + "".join(lis) + "</ul>" + outro
    return Item(
        o,
        pub,
        title,
        strip_marks(body),
        True,
        gevs,
        None,
        author=pick(rng, o.people),
        categories=["Weekly brief"],
        slug_hint=f"sahel-security-weekly-{n}",
    )


LONG_PARAS = [
    "October confirmed several trends that have been building since the start of the rainy season. Violence remained concentrated in the tri-border area of Mali, Burkina Faso and Niger, but the share of incidents recorded in western Mali and in the northern parts of the coastal states continued to grow. Our dataset recorded more incidents in October than in any month since January, although fatalities were slightly lower than in September, a reminder that counts of events and counts of deaths do not always move together.",
    "In Mali, the al-Qaeda-aligned coalition kept up its pressure on supply routes. Attacks on fuel and goods convoys along the roads linking Bamako to Kayes, Nioro du Sahel and Sikasso were the single most frequent type of event in the western regions. The strategy is economic as much as military: each convoy that is burned raises prices in the capital, and each week of shortages erodes confidence in the authorities' promise to restore security. The army has responded with escorted convoys and air strikes, but escorts stretch thin forces across very long distances.",
    "In central Mali, the picture is more mixed. Local agreements between communities and armed groups, usually negotiated by religious or customary leaders, have allowed farmers to return to their fields in some areas of the Ségou and Mopti regions. These deals are fragile and rarely acknowledged by the state. They also shift the burden onto civilians, who often have to pay 'zakat' on harvests and livestock. Where agreements collapse, violence tends to return quickly and brutally, as several incidents this month illustrate.",
    "The Islamic State's Sahel branch remained active in the Ménaka region and in the north of Niger's Tillabéri and Tahoua regions. Its operations this month mixed ambushes on army patrols with attacks on villages accused of siding with rivals. Clashes between the two jihadist coalitions continued along the Mali–Niger border and in Burkina Faso's Sahel region, although the intensity of this infighting is difficult to measure: both groups have reasons to under-report their own losses, and local sources are often unable to distinguish between them.",
    "Burkina Faso remains the country with the highest number of recorded fatalities. The authorities' reliance on civilian auxiliaries has expanded the footprint of the state in some areas, but it has also contributed to cycles of reprisal against communities perceived as sympathetic to armed groups. Independent reporting from the country is increasingly constrained, and many incidents reach us only through local networks days or weeks after the fact. Our confidence in Burkinabe figures is therefore lower than for other countries, and we flag these events accordingly.",
    "In Niger, the military authorities have reorganised their operations in the west around mobile units supported by drones. Reported strike figures are high, but very few can be verified independently. At the same time, attacks on civilians in the Tillabéri region continued, and the southeastern Diffa region saw renewed pressure from insurgents operating out of the islands of Lake Chad. Cross-border banditry in the Maradi region, linked to the armed gangs of northwest Nigeria, also persisted.",
    "Northeast Nigeria saw a familiar pattern: attacks on military bases by the Islamic State's West Africa branch, mortar and drone attacks on garrison towns, and abductions of farmers and firewood collectors on the edges of towns where displaced people have been resettled. The government's policy of closing displacement camps and returning people to their towns of origin has increased the number of civilians living close to contested rural areas. The rival faction loyal to the late Abubakar Shekau remains active in the Gwoza hills and around Lake Chad.",
    "In Nigeria's northwest, armed gangs continued to dominate the security landscape in Zamfara, Katsina and Sokoto states. Mass abductions on highways and attacks on villages that refuse to pay levies were frequent. Several state governments are again experimenting with negotiated arrangements with gang leaders, while the federal government insists on military pressure. The newer armed group active along the border with Niger, known locally as Lakurawa, has expanded its presence in Sokoto and Kebbi, where it competes with gangs for control of cattle and trade routes.",
    "The coastal states deserve continued attention. Northern Benin and Togo recorded attacks on military posts close to the borders with Burkina Faso, as well as incidents involving explosive devices on roads used by patrols. The numbers remain small compared with the Sahel, but the trend is clear, and the area around the W and Pendjari parks has become a sanctuary and a logistics corridor for armed groups. Governments in both countries have increased troop numbers and recruited local auxiliaries, echoing choices made earlier in Burkina Faso.",
    "For November, we expect the end of the rainy season to allow greater mobility for all sides. Historically, the dry season has brought more large-scale attacks on military positions and more mass-casualty events against civilians. We will watch in particular the convoy routes of western Mali, the fuel supply of towns under blockade in Burkina Faso, the islands of Lake Chad, and the highways of Zamfara and Katsina. As always, we welcome corrections and additional sources from readers & partners: every event in our dataset can be traced back to the reports it is based on.",
    "Displacement figures tell the same story from another angle. Humanitarian partners registered tens of thousands of newly displaced people in October, most of them in Burkina Faso's Centre-Nord and Est regions, in central Mali and in the Tillabéri region of Niger. Many moved only a few kilometres, to the nearest town with a garrison, which puts pressure on water points, schools and health centres that were already stretched. Towns under blockade face a double burden: they receive displaced families while their own supply lines are cut, and prices of staple foods rise accordingly.",
    "Information itself is contested terrain. Governments in the central Sahel have suspended several international broadcasters and restricted local reporting on security, while armed groups run their own media operations. Partisan blogs and social media accounts amplify army claims of enemy losses that cannot be verified, and rumours of massacres circulate before anyone can reach the area. For analysts, this means comparing accounts systematically: which outlet reported first, which details it shares with others, whether figures converge over time, and whether a story is an original report or a copy of a wire dispatch.",
    "A note on method. Each incident in our dataset is coded from at least one published source, and we record the lowest credible fatality figure reported. When outlets disagree about the date, the place or the perpetrator of an event, we keep the most conservative reading and record the alternatives in our notes. Attribution to a specific armed group is made only when a group claims an attack or when several independent sources agree; otherwise we code the perpetrator as unidentified. This is why our figures are often lower than those circulating on social media.",
]


def long_item(rng: random.Random, evs: list) -> Item:
    o = OUT[MON]
    pub = dt.datetime(2026, 11, 3, 10, 15, tzinfo=dt.UTC)
    title = "Monthly outlook: October 2026 – convoys, blockades and the coastal front"
    lis, gevs = [], []
    for ev in evs:
        li, w = roundup_li(ev, o, rng, pub)
        lis.append(li)
        gevs.append(gt_event(w["code"], w["meta"], li, identity, ev.inc))
    body = (
        "<h3>Overview</h3>"
        + "".join(f"<p>{esc(p)}</p>" for p in LONG_PARAS[:4])
        + "<h3>Key incidents in October</h3><ul>"
        + "".join(lis)
        + "</ul>"
        + "<h3>Country notes</h3>"
        + "".join(f"<p>{esc(p)}</p>" for p in LONG_PARAS[4:9] + LONG_PARAS[10:12])
        + "<h3>Outlook</h3>"
        + "".join(f"<p>{esc(p)}</p>" for p in [LONG_PARAS[9], LONG_PARAS[12]])
        + '<p><img src="https://sahelmonitor.example.org/media/2026/october-map.png" alt="Map of incidents recorded in October 2026" width="800" height="600" /></p>'
        '<p><em>Download the <a href="https://sahelmonitor.example.org/data/2026-10.csv">October dataset (CSV)</a>.</em></p>'
    )
    return Item(
        o,
        pub,
        title,
        strip_marks(body),
        True,
        gevs,
        None,
        author="Hannah Voss",
        categories=["Monthly outlook", "Analysis"],
        slug_hint="monthly-outlook-october-2026",
    )


def awkward_item() -> Item:
    o = OUT[MON]
    pub = dt.datetime(2026, 10, 20, 14, 5, tzinfo=dt.UTC)
    title = (
        'Data note: "JNIM & ISSP" attacks <10 km from borders – why [bold] tags broke our charts'
    )
    body = (
        "<p>Readers of last week's dashboard saw the literal string <em>[bold]</em> in several chart labels, "
        "and one label that read &lt;10 km instead of a number. Both came from feed text that we displayed "
        "without cleaning it first &amp; we apologise for the confusion.</p>"
        "<p>The underlying analysis stands: about a third of the attacks attributed to either coalition this "
        "quarter took place less than 10 km from an international border. Borders offer escape routes, "
        "fragmented jurisdiction and smuggling income.</p>"
        "<p>We have fixed the rendering bug. Lesson learned: treat every string from a feed as untrusted, "
        "including square brackets, angle brackets, quotes and the odd control character.</p>"
    )
    return Item(
        o,
        pub,
        title,
        body,
        True,
        [],
        None,
        author="Research Desk",
        categories=["Data note"],
        slug_hint="data-note-borders-rendering",
    )


def liptako_analysis() -> Item:
    o = OUT[LW]
    pub = dt.datetime(2026, 9, 19, 18, 40, tzinfo=dt.UTC)
    title = "Analyse : pourquoi l'EIGS recrute toujours dans le Liptako"
    body = (
        "<p>Un billet un peu plus long que d'habitude. Depuis plusieurs mois, mes contacts dans l'Oudalan et le "
        "Séno me décrivent les mêmes mécanismes de recrutement : conflits fonciers non résolus, absence de "
        "justice, pression des groupes rivaux et promesses d'argent rapide.</p>"
        "<p>Les jeunes éleveurs sont pris entre deux feux. Rejoindre un groupe armé est parfois perçu comme "
        "la seule manière de protéger son troupeau.</p>"
        "<p><em>Ce billet sera complété par des témoignages dans les prochains jours.</em></p>"
    )
    return Item(
        o,
        pub,
        title,
        body,
        True,
        [],
        None,
        author="Issouf K.",
        categories=["Analyse"],
        slug_hint="analyse-eigs-recrute-liptako",
    )


def monitor_noise(rng: random.Random) -> list:
    o = OUT[MON]
    a = Item(
        o,
        dt.datetime(2026, 8, 21, 11, 0, tzinfo=dt.UTC),
        "We are hiring: research analyst (Sahel & Lake Chad)",
        "<p>The Sahel Security Monitor is recruiting a research analyst fluent in French and English to join "
        "our Dakar team. The position involves data collection, source evaluation &amp; writing.</p>"
        '<p>Apply before 30 September via <a href="https://sahelmonitor.example.org/jobs">our jobs page</a>.</p>',
        False,
        [],
        None,
        author="Research Desk",
        categories=["Announcements"],
        slug_hint="we-are-hiring-analyst",
    )
    b = Item(
        o,
        dt.datetime(2026, 10, 2, 8, 30, tzinfo=dt.UTC),
        "Event: launch of our annual report in Dakar on 15 October",
        "<p>Join us in Dakar for the launch of our annual report on trends in the Sahel and coastal West Africa. "
        "Registration is free but places are limited.</p>"
        '<p><img src="https://sahelmonitor.example.org/media/2026/annual-report-cover.jpg" alt="Cover of the annual report" width="600" height="800" /></p>',
        False,
        [],
        None,
        author="Research Desk",
        categories=["Events"],
        slug_hint="event-annual-report-launch",
    )
    return [a, b]


def wire_double(
    ev1: Ev, rep1: Rep, ev2: Ev, rep2: Rep, rng: random.Random, used_titles: dict
) -> Item:
    o = OUT[W]
    pub = pub_time(ev1.date, rep1.hours, o)
    w1 = write_event(
        ev1, rep1, o, rng, pub.replace(tzinfo=None), "full", used_titles.setdefault(W, set())
    )
    w2 = write_event(ev2, rep2, o, rng, pub.replace(tzinfo=None), "brief")
    p2 = w2["paras"]
    p2[0] = p2[0].replace("<p>", "<p><strong>Also:</strong> ", 1)
    paras = w1["paras"] + p2
    body = "".join(outlet_wrap(o, rng, paras, ev1, w1["meta"]["kind"]))
    title = w1["title"]
    seg1 = title + "\n" + "".join(w1["paras"])
    seg2 = "".join(p2)
    g1 = gt_event(w1["code"], w1["meta"], seg1, identity, ev1.inc)
    g2 = gt_event(w2["code"], w2["meta"], seg2, identity, ev2.inc)
    used_titles[W].add(strip_marks(title))
    return Item(
        o,
        pub,
        strip_marks(title),
        strip_marks(body),
        True,
        [g1, g2],
        None,
        author=author_for(o, rng),
        categories=category_for(o, ev1, "x"),
        slug_hint=make_slug(title),
    )


def number_to_word_title(t: str) -> str:
    def rep(m):
        n = int(m.group(0))
        return EN_NUM[n] if n <= 20 else m.group(0)

    t2 = re.sub(r"\b\d{1,2}\b", rep, t, count=1)
    return t2 if t2 != t else t + " – SWS"


def republish(src: Item, o: Outlet, hours_later: float) -> Item:
    pub = (src.pub + dt.timedelta(minutes=round(hours_later * 60))).astimezone(
        dt.timezone(dt.timedelta(minutes=o.tz))
    )
    title = number_to_word_title(src.title)
    body = "<p><em>This story was first published by the Sahel Wire Service.</em></p>" + src.body
    evs = [dict(e) for e in src.events]
    it = Item(
        o,
        pub,
        title,
        body,
        True,
        evs,
        src.incident,
        author="SWS",
        categories=list(src.categories),
        slug_hint=make_slug(title),
    )
    it.link = ("copy", src)
    return it


def press_review(ev: Ev, src: Item, rng: random.Random) -> Item:
    """Niamey Matin's press review pointing at the wire's story (same canonical link)."""
    o = OUT[NM]
    rep = Rep(NM, 0, toll=("num", 22), vic=("civils", "m"), style="weekday_date")
    pub = (src.pub + dt.timedelta(hours=5, minutes=12)).astimezone(
        dt.timezone(dt.timedelta(minutes=o.tz))
    )
    w = write_event(ev, rep, o, rng, pub.replace(tzinfo=None), "brief")
    title = "Revue de presse : l'agence SWS fait état de 22 civils tués près de Banibangou"
    body = (
        "<p>Dans une dépêche publiée ce matin, l'agence <em>Sahel Wire Service</em> rapporte l'attaque suivante :</p>"
        + "".join(w["paras"])
        + "<p>Nos propres informations font état d'un bilan différent ; nous y reviendrons. "
        '<a href="https://niamey-matin.example.net/rubrique/securite">Toute notre rubrique sécurité</a>.</p>'
    )
    gev = gt_event(w["code"], w["meta"], title + "\n" + body, identity, ev.inc)
    it = Item(
        o,
        pub,
        title,
        strip_marks(body),
        True,
        [gev],
        ev.inc,
        author="Mariama Issoufou",
        categories=["Revue de presse"],
        slug_hint="revue-de-presse-sws-banibangou",
    )
    it.link = ("copy", src)
    return it


# ---------------------------------------------------------------------------------------------
# Assembling the whole demo
# ---------------------------------------------------------------------------------------------

SINGLE_TARGETS = {W: 17, EB: 17, NM: 14, NC: 20, LW: 12, SS: 9, LT: 9, UN: 6}
NOISE_TARGETS = {W: 16, EB: 13, NM: 11, NC: 16, LW: 4, SS: 5, LT: 7, UN: 13}


def partisan_adjust(ev: Ev, rep: Rep, rng: random.Random):
    if ev.kind in ("ambush", "base_attack"):
        rep.kind = "repelled"
    if (rep.kind or ev.kind) in ARMY_CLAIM_KINDS:
        n = ev.extra.get("toll", 10)
        rep.toll = pick(
            rng,
            [
                ("num", max(5, n * 2)),
                ("dizaines", 0),
                ("approx", 20),
                ("approx", 30),
                ("plusde", 20),
            ],
        )
        rep.noun = ("⟨terroristes⟩", "m")


def build(rng: random.Random) -> list:
    items: list = []
    used_titles: dict = {}
    incidents: dict = {}
    un_no = [0]

    def add_report(ev: Ev, rep: Rep):
        if rep.outlet == UN:
            un_no[0] += 1
            items.append(un_item(ev, rep, rng, un_no[0], used_titles))
        else:
            items.append(single_item(ev, rep, rng, used_titles))
        return items[-1]

    deferred = []
    wire_by_inc = {}
    for ev, reps in FEATURED:
        incidents[ev.inc] = ev
        for rep in reps:
            if rep.republish_of:
                deferred.append((ev, rep))
                continue
            if rep.outlet == SS and not rep.toll:
                partisan_adjust(ev, rep, rng)
            it = add_report(ev, rep)
            if rep.outlet == W:
                wire_by_inc[ev.inc] = it
    for ev, rep in deferred:
        src = wire_by_inc[ev.inc]
        items.append(republish(src, OUT[rep.outlet], rep.hours - 9.3))
    items.append(press_review(incidents["inc-004"], wire_by_inc["inc-004"], rng))

    next_id = 101
    for slug, n in SINGLE_TARGETS.items():
        o = OUT[slug]
        for ev, rep in random_single(o, n, rng, next_id):
            incidents[ev.inc] = ev
            if slug == SS:
                partisan_adjust(ev, rep, rng)
            add_report(ev, rep)
        next_id += n
    # wire items reporting two separate incidents
    for _ in range(4):
        (ev1, rep1), (ev2, rep2) = random_single(OUT[W], 2, rng, next_id)
        next_id += 2
        ev2.date = ev1.date - dt.timedelta(days=rng.randrange(0, 2))
        if ev2.date < START:
            ev2.date = ev1.date
        incidents[ev1.inc] = ev1
        incidents[ev2.inc] = ev2
        items.append(wire_double(ev1, rep1, ev2, rep2, rng, used_titles))
    # think tank: weekly round-ups on Mondays covering the previous Monday-Sunday
    week = dt.date(2026, 8, 3)
    n = 1
    while week + dt.timedelta(days=7) <= END:
        cands = [
            e
            for e in incidents.values()
            if week <= e.date <= week + dt.timedelta(days=6)
            and e.kind not in ("arrests", "agreement")
        ]
        cands.sort(key=lambda e: (-(e.extra.get("toll") or 0), e.inc))
        top = cands[:8]
        k = min(len(top), rng.randint(3, 5))
        chosen = sorted(rng.sample(top, k), key=lambda e: (e.date, e.inc))
        if chosen:
            items.append(roundup_item(week, chosen, rng, n))
            n += 1
        week += dt.timedelta(days=7)
    octo = sorted(
        [e for e in incidents.values() if e.date.month == 10 and e.extra.get("toll")],
        key=lambda e: (-e.extra["toll"], e.inc),
    )[:3]
    items.append(long_item(rng, sorted(octo, key=lambda e: e.date)))
    items.append(awkward_item())
    items.append(liptako_analysis())
    items.extend(monitor_noise(rng))
    # ordinary news
    for slug, n in NOISE_TARGETS.items():
        o = OUT[slug]
        pool = list(NOISE_UN) if slug == UN else [t for t in NOISE_EN + NOISE_FR if slug in t[0]]
        rng.shuffle(pool)
        used: set = set()
        i = 0
        made = 0
        while made < n:
            tpl = pool[i % len(pool)]
            i += 1
            title_probe = tpl[0] if slug == UN else tpl[1]
            if "{" not in title_probe and title_probe in used:
                if i > 5 * len(pool):
                    break
                continue
            months = (tpl[2] if slug == UN else tpl[3]).get("_months")
            day = (
                pick_day(rng)
                if not months
                else pick(rng, [d for d in ALL_DAYS if d.month in months])
            )
            pub = dt.datetime(
                day.year,
                day.month,
                day.day,
                rng.randint(6, 21),
                rng.randrange(60),
                tzinfo=dt.timezone(dt.timedelta(minutes=o.tz)),
            )
            it = noise_item(o, tpl, rng, pub, used)
            items.append(it)
            made += 1
    # one description with a stray C1 control character (CSI) for the sanitiser to strip
    lac = [it for it in items if it.outlet.slug == LT and it.security]
    lac.sort(key=lambda it: it.pub)
    tgt = lac[len(lac) // 2]
    tgt.body = tgt.body + "<p>Mise à jour : bilan provisoire.\u009b0m</p>"
    return items


# ---------------------------------------------------------------------------------------------
# Links, ids and XML
# ---------------------------------------------------------------------------------------------


def xesc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xattr(s: str) -> str:
    return '"' + xesc(s).replace('"', "&quot;") + '"'


def rfc822(t: dt.datetime, gmt=False) -> str:
    off = t.utcoffset()
    mins = int(off.total_seconds() // 60)
    z = (
        "GMT"
        if gmt and mins == 0
        else f"{'+' if mins >= 0 else '-'}{abs(mins) // 60:02d}{abs(mins) % 60:02d}"
    )
    return f"{EN_ABBR_DAYS[t.weekday()]}, {t.day:02d} {EN_ABBR_MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} {z}"


def rfc3339(t: dt.datetime) -> str:
    mins = int(t.utcoffset().total_seconds() // 60)
    z = (
        "Z"
        if mins == 0
        else f"{'+' if mins >= 0 else '-'}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
    )
    return f"{t:%Y-%m-%dT%H:%M:%S}{z}"


def utc_iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


SECTION_FR = {True: "securite", False: "actualite"}


def assign_ids(items: list, rng: random.Random):
    by = {}
    for it in items:
        by.setdefault(it.outlet.slug, []).append(it)
    order = [W, EB, NM, NC, LW, SS, LT, MON, UN]
    for slug in order:
        lst = sorted(by[slug], key=lambda it: (it.pub, it.title))
        base = {
            W: 48210,
            EB: 9120,
            NM: 30415,
            NC: 88120,
            LW: 410,
            SS: 2301,
            LT: 5560,
            MON: 700,
            UN: 1200,
        }[slug]
        num = base
        for i, it in enumerate(lst):
            num += rng.randint(2, 9)
            t = it.pub
            s = it.slug_hint or "item"
            if slug == W:
                it.link = (
                    it.link
                    if isinstance(it.link, str)
                    else f"https://wire.example.org/news/{t:%Y/%m/%d}/{s}-{num}"
                )
                it.guid, it.guid_mode = f"sws:{t.year}:{num}", "false"
            elif slug == EB:
                it.link = f"https://www.echo-bamako.example.net/{SECTION_FR[it.security]}/{t:%Y/%m}/{s}.html"
                it.guid, it.guid_mode = it.link, ("true" if i % 5 == 0 else "default")
            elif slug == NM:
                if not isinstance(it.link, tuple):
                    it.link = f"https://niamey-matin.example.net/article/{num}-{s}"
                it.guid = f"tag:niamey-matin.example.net,2026:article-{num}"
            elif slug == NC:
                if not isinstance(it.link, tuple):
                    it.link = f"https://northerncourier.example.com/{t:%Y/%m/%d}/{s}/"
                it.guid, it.guid_mode = f"https://northerncourier.example.com/?p={num}", "false"
            elif slug == LW:
                it.link = f"https://liptakowatch.example.org/{t:%Y/%m}/{s}.html"
                it.guid = it.link
            elif slug == SS:
                it.link = (
                    f"https://sahel-souverain.example.com/?p={num}&lang=fr"
                    if i % 3 == 0
                    else f"https://sahel-souverain.example.com/{t:%Y/%m/%d}/{s}/"
                )
                it.guid = it.link
            elif slug == LT:
                it.link = f"https://lactchadinfo.example.net/actualites/{s}-{num}"
                it.guid, it.guid_mode = it.link, "default"
            elif slug == MON:
                it.link = f"https://sahelmonitor.example.org/{t:%Y/%m}/{s}"
                it.guid = it.link
            elif slug == UN:
                it.link = f"https://sahel-hub.example.org/updates/{s}-{num}"
                it.guid = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        if slug == UN:
            k = 0
            for it in lst:
                if "No. #" in it.title:
                    k += 1
                    it.title = it.title.replace("No. #", f"No. {k}")
        # items that point at another outlet's canonical URL
        for it in lst:
            if isinstance(it.link, tuple):
                it.link = it.link[1].link
        # RSS 2.0 items without a guid (the link is then the id)
        if slug == W:
            lst[41].guid, lst[41].guid_mode = None, "none"
        if slug == EB:
            lst[12].guid, lst[12].guid_mode = None, "none"
        # a few items link to the outlet's own earlier story
        lead, anchor = {
            "en": ("Background:", "read our earlier coverage"),
            "fr": ("Contexte :", "lire notre article précédent"),
        }[OUT[slug].lang]
        prev = None
        for i, it in enumerate(lst):
            if it.security and prev is not None and i % 6 == 3 and slug not in (MON, UN):
                href = html.escape(prev.link)
                it.body += f'<p><em>{esc(lead)} <a href="{href}">{esc(anchor)}</a>.</em></p>'
            if it.security:
                prev = it
        by[slug] = lst
    return by


def item_id(it: Item) -> str:
    return it.guid if it.guid else it.link


def html_for_xml(s: str) -> str:
    return xesc(s)


def write_rss20(o: Outlet, items: list) -> str:
    items = sorted(items, key=lambda it: it.pub, reverse=True)
    gmt = o.slug == EB
    cdata = o.slug in (W, NC)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{xesc(o.name)}</title>",
        f"<link>https://{o.domain}/</link>",
        f"<description>{xesc(o.desc)}</description>",
        f"<language>{o.lang}</language>",
        f"<lastBuildDate>{rfc822(items[0].pub, gmt)}</lastBuildDate>",
        "<generator>sahel-tui demo generator</generator>",
        f'<atom:link href="https://{o.domain}/feed.xml" rel="self" type="application/rss+xml"/>',
    ]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{xesc(it.title)}</title>")
        out.append(f"<link>{xesc(it.link)}</link>")
        if it.guid_mode == "false":
            out.append(f'<guid isPermaLink="false">{xesc(it.guid)}</guid>')
        elif it.guid_mode == "true":
            out.append(f'<guid isPermaLink="true">{xesc(it.guid)}</guid>')
        elif it.guid_mode == "default" and it.guid:
            out.append(f"<guid>{xesc(it.guid)}</guid>")
        out.append(f"<pubDate>{rfc822(it.pub, gmt)}</pubDate>")
        if it.author:
            if o.slug == EB:
                out.append(
                    f"<author>redaction@echo-bamako.example.net ({xesc(it.author)})</author>"
                )
            else:
                out.append(f"<dc:creator>{xesc(it.author)}</dc:creator>")
        for c in it.categories:
            out.append(f"<category>{xesc(c)}</category>")
        if cdata:
            assert "]]>" not in it.body
            out.append(f"<description><![CDATA[{it.body}]]></description>")
        else:
            out.append(f"<description>{html_for_xml(it.body)}</description>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def write_atom(o: Outlet, items: list) -> str:
    items = sorted(items, key=lambda it: it.pub, reverse=True)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{o.lang}">',
        f"<title>{xesc(o.name)}</title>",
        f"<subtitle>{xesc(o.desc)}</subtitle>",
        f"<id>https://{o.domain}/</id>",
        f"<updated>{rfc3339(items[0].pub)}</updated>",
        f'<link rel="alternate" type="text/html" href="https://{o.domain}/"/>',
        f'<link rel="self" type="application/atom+xml" href="https://{o.domain}/atom.xml"/>',
        f"<author><name>{xesc(o.name)}</name></author>",
        '<generator uri="https://example.org/sahel-tui">sahel-tui demo generator</generator>',
    ]
    for it in items:
        out.append("<entry>")
        out.append(f'<title type="text">{xesc(it.title)}</title>')
        out.append(f'<link rel="alternate" type="text/html" href={xattr(it.link)}/>')
        out.append(f"<id>{xesc(it.guid)}</id>")
        out.append(f"<published>{rfc3339(it.pub)}</published>")
        upd = it.pub + dt.timedelta(minutes=(47 if it.security and len(it.title) % 4 == 0 else 0))
        out.append(f"<updated>{rfc3339(upd)}</updated>")
        if it.author:
            out.append(f"<author><name>{xesc(it.author)}</name></author>")
        for c in it.categories:
            out.append(f"<category term={xattr(make_slug(c))} label={xattr(c)}/>")
        if o.slug == UN:
            out.append(
                '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                + it.body
                + "</div></content>"
            )
        elif o.slug == MON:
            summ = plain(it.body).strip()
            summ = re.sub(r"\s+", " ", summ)
            if len(summ) > 220:
                summ = summ[:217].rsplit(" ", 1)[0] + "…"
            out.append(f'<summary type="text">{xesc(summ)}</summary>')
            out.append(f'<content type="html">{xesc(it.body)}</content>')
        else:
            out.append(f'<summary type="html">{xesc(it.body)}</summary>')
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def write_rss10(o: Outlet, items: list) -> str:
    items = sorted(items, key=lambda it: it.pub, reverse=True)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'<channel rdf:about="https://{o.domain}/">',
        f"<title>{xesc(o.name)}</title>",
        f"<link>https://{o.domain}/</link>",
        f"<description>{xesc(o.desc)}</description>",
        f"<dc:language>{o.lang}</dc:language>",
        f"<dc:date>{rfc3339(items[0].pub).replace('Z', '+00:00')}</dc:date>",
        "<items>",
        "<rdf:Seq>",
    ]
    for it in items:
        out.append(f"<rdf:li rdf:resource={xattr(it.link)}/>")
    out += ["</rdf:Seq>", "</items>", "</channel>"]
    for it in items:
        out.append(f"<item rdf:about={xattr(it.link)}>")
        out.append(f"<title>{xesc(it.title)}</title>")
        out.append(f"<link>{xesc(it.link)}</link>")
        out.append(f"<description>{xesc(it.body)}</description>")
        out.append(f"<dc:date>{rfc3339(it.pub).replace('Z', '+00:00')}</dc:date>")
        if it.author:
            out.append(f"<dc:creator>{xesc(it.author)}</dc:creator>")
        for c in it.categories:
            out.append(f"<dc:subject>{xesc(c)}</dc:subject>")
        out.append("</item>")
    out += ["</rdf:RDF>", ""]
    return "\n".join(out)


WRITERS = {"rss20": write_rss20, "atom": write_atom, "rss10": write_rss10}


# ---------------------------------------------------------------------------------------------
# Outputs: feeds, feed list, ground truth, README
# ---------------------------------------------------------------------------------------------


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_toml() -> str:
    lines = [
        "# Demo feed list shipped with sahel-tui (generated by scripts/make_demo.py; do not edit by hand).",
        "# All outlets are fictional; urls are paths relative to this file.",
        "",
        "[settings]",
        "concurrency = 8",
        "",
    ]
    for o in OUTLETS:
        lines += [
            "[[feeds]]",
            f"url = {toml_str('feeds/' + o.slug + '.xml')}",
            f"name = {toml_str(o.name)}",
            "tags = [" + ", ".join(toml_str(t) for t in o.tags) + "]",
            f"language = {toml_str(o.lang)}",
            f"reliability = {toml_str(o.rel)}",
            "enabled = true",
            "",
        ]
    lines += [
        "# Saved queries, listed in the app's feeds pane (query language: see the README).",
        "[queries]",
        '"Mali" = "tag:mali"',
        '"Lake Chad basin" = "tag:chad OR tag:nigeria"',
        '"Untriaged, not UN/NGO" = "status:new -tag:un-ngo"',
        '"Abductions" = "kidnap* OR abduct* OR enlev*"',
        "",
    ]
    return "\n".join(lines)


EVENT_KEYS = [
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "actor_mentions",
    "place_mentions",
    "fatality_phrase",
    "date_phrase",
    "incident",
]


def gt_lines(by: dict) -> list:
    lines = []
    for o in OUTLETS:
        for it in sorted(by[o.slug], key=lambda it: (it.pub, item_id(it))):
            rec = {
                "feed": o.slug,
                "id": item_id(it),
                "link": it.link,
                "title": it.title,
                "published": utc_iso(it.pub),
                "security": it.security,
                "incident": it.incident if len(it.events) == 1 else None,
                "events": [{k: e[k] for k in EVENT_KEYS} for e in it.events],
            }
            lines.append(json.dumps(rec, ensure_ascii=False))
    return lines


def validate(by: dict):
    problems = []
    for slug, lst in by.items():
        ids = [item_id(it) for it in lst]
        if len(set(ids)) != len(ids):
            problems.append(f"{slug}: duplicate ids")
        titles = [it.title for it in lst]
        if len(set(titles)) != len(titles):
            dup = sorted({t for t in titles if titles.count(t) > 1})
            problems.append(f"{slug}: duplicate titles {dup[:3]}")
        for it in lst:
            if not (START <= it.pub.date() <= END):
                problems.append(f"{slug}: {it.title!r} published {it.pub} outside the period")
            text = it.title + "\n" + plain(it.body)
            if "⟨" in text or "⟪" in text or "{" in it.title:
                problems.append(f"{slug}: unrendered marks in {it.title!r}")
            if not it.security and re.search(
                r"\b(killed|kill|attack|tués?|attaque|abduct|enlev)", text, re.I
            ):
                problems.append(f"{slug}: noise item mentions violence: {it.title!r}")
            for e in it.events:
                for m in e["actor_mentions"] + e["place_mentions"]:
                    if m not in text:
                        problems.append(f"{slug}: mention {m!r} not in {it.title!r}")
                if not e["place_mentions"]:
                    problems.append(f"{slug}: no place mention in {it.title!r}")
                if not e["date_phrase"]:
                    problems.append(f"{slug}: no date phrase in {it.title!r}")
                if e["fatalities"] > 0 and not e["fatality_phrase"]:
                    problems.append(f"{slug}: no fatality phrase in {it.title!r}")
                if e["fatality_phrase"] and e["fatality_phrase"] not in text:
                    problems.append(f"{slug}: fatality phrase missing in {it.title!r}")
                if not e["actor_mentions"] and not e["actor1"].startswith("Unidentified"):
                    problems.append(f"{slug}: no actor mention in {it.title!r}")
                if e["event_date"] > utc_iso(it.pub)[:10] and e["time_precision"] == 1:
                    problems.append(f"{slug}: event after publication in {it.title!r}")
    if problems:
        raise SystemExit("demo generation problems:\n  " + "\n  ".join(problems[:60]))


def stats(by: dict) -> dict:
    per_month: dict = {}
    incs: dict = {}
    places, actors = set(), set()
    for slug, lst in by.items():
        for it in lst:
            m = utc_iso(it.pub)[:7]
            per_month[m] = per_month.get(m, 0) + 1
            for e in it.events:
                incs.setdefault(e["incident"], set()).add(slug)
                places.add((e["location"], e["country"]))
                for a in [e["actor1"], e["actor2"], *e["assoc_actor_1"], *e["assoc_actor_2"]]:
                    if a:
                        actors.add(a)
    multi = sorted(k for k, v in incs.items() if len(v) >= 2)
    return {
        "per_month": dict(sorted(per_month.items())),
        "multi": multi,
        "max_feeds": max(len(v) for v in incs.values()),
        "incidents": len(incs),
        "places": sorted(places),
        "actors": sorted(actors),
    }


def write_readme(by: dict, st: dict) -> str:
    fmt_name = {"rss20": "RSS 2.0", "atom": "Atom 1.0", "rss10": "RSS 1.0 (RDF)"}
    total = sum(len(v) for v in by.values())
    sec = sum(1 for v in by.values() for it in v if it.security)
    rows = "\n".join(
        f"| `{o.slug}` | {o.name} | {o.lang} | {fmt_name[o.fmt]} | {o.rel} | {len(by[o.slug])} |"
        for o in OUTLETS
    )
    months = ", ".join(f"{k}: {v}" for k, v in st["per_month"].items())
    return f"""# Demo feed set

A fictional but realistic set of news feeds about security in the Sahel and the Lake Chad basin,
shipped with the package so that sahel-tui can be tried offline (`feeds.toml` lists them with
paths relative to itself). Every outlet, article, reporter and quote is invented; places are real
(GeoNames populated places with their coordinates) and actors use the vocabulary of
`DOMAIN.md`. Domains are under example.org / example.net / example.com.

**Do not edit these files by hand.** They are written by `scripts/make_demo.py` (standard library
only, fixed seed); running `python scripts/make_demo.py` from the repository root reproduces them
byte for byte, and `python scripts/make_demo.py --check` also re-parses everything.

## Contents

| slug | outlet | lang | format | reliability | items |
|---|---|---|---|---|---|
{rows}

{total} items, {sec} about security ({round(100 * sec / total)} %) and the rest ordinary news
(economy, elections, weather, football, health campaigns, mining) that describes no violence.
Publication dates run from 2026-08-01 to 2026-11-15 ({months}).
{len(st["multi"])} incidents are reported by two to {st["max_feeds"]} outlets with differing details (toll,
spelling, attribution, date); one wire story is republished by another outlet under the same
link with a near-duplicate title, and a press review points at the wire's story. The think
tank's weekly round-ups report several incidents each.

Deliberately awkward items: a ~8 KB monthly analysis; a title with `"`, `&`, `<` and a literal
`[bold]`; emoji in titles; a description carrying a C1 control character (`&#x9B;`, CSI) for the
sanitiser; RSS 2.0 items without a `<guid>`; permalink and non-permalink guids; a link with a
query string (`?p=...&lang=fr`); typographic apostrophes in one outlet.

## Files

- `feeds/<slug>.xml` – one feed per outlet, UTF-8 with declared encoding. RSS 2.0 descriptions
  are HTML (escaped or CDATA), Atom uses `summary type="html"`, `content type="html"` or
  `content type="xhtml"`, RSS 1.0 uses escaped HTML in `description` and Dublin Core dates.
- `feeds.toml` – the feed list in the app's config format: `[settings]` then one `[[feeds]]` per
  outlet with `url`, `name`, `tags` (outlet type and countries covered), `language`,
  `reliability` (Admiralty source reliability A–F used as the feed's default) and `enabled`.
- `ground_truth.jsonl` – one JSON object per item (security and noise alike):
  - `feed`, `id` (what feedparser reports as `entry.id`, i.e. the guid / Atom id / `rdf:about`,
    or the link when the item has no guid), `link`, `title`, `published` (UTC, ISO 8601),
    `security` (bool), `incident` (id shared by all items reporting the same real-world
    incident, or null for noise and for items carrying several events), `events` (empty for
    noise and for analysis pieces).
  - each event: the ACLED-style coding an analyst would make *from that item*: `event_date`,
    `time_precision`, `event_type`, `sub_event_type`, `actor1`, `assoc_actor_1`, `actor2`,
    `assoc_actor_2`, `civilian_targeting`, `country`, `admin1` (ISO 3166-2 name), `admin2`,
    `location`, `latitude`, `longitude` (4 decimals), `geo_precision`, `fatalities` (lowest
    credible figure; "several" = 3, "dozens" = 12, "hundreds" = 100, none reported = 0),
    `incident`, and for scoring suggestions: `actor_mentions` and `place_mentions` (exact
    surface strings in title + description referring to the event's actors and location,
    including villages that are coded to a nearby town with `geo_precision` 2),
    `fatality_phrase` and `date_phrase` (exact substrings the toll and date were read from).
    Dates relative to publication ("on Tuesday", "dans la nuit de lundi à mardi") are resolved
    against the item's local publication date (a night is coded to the evening it began);
    "last week" (mid-week), "over the weekend" (Saturday) and "in recent days" give
    `time_precision` 2, a month alone gives 3 (the 15th). A place named only by its province
    or state is coded to the provincial capital with `geo_precision` 3.
    Unattributed attacks are coded to `Unidentified Armed Group (<country>)`.

## Places used

{", ".join(f"{p} ({c})" for p, c in st["places"])}

## Actors used

{", ".join(st["actors"])}
"""


def main(argv: list) -> int:
    rng = random.Random(SEED)
    items = build(rng)
    by = assign_ids(items, rng)
    validate(by)
    (DEMO / "feeds").mkdir(parents=True, exist_ok=True)
    for o in OUTLETS:
        xml = WRITERS[o.fmt](o, by[o.slug]).replace("\u009b", "&#x9B;")
        (DEMO / "feeds" / f"{o.slug}.xml").write_text(xml, encoding="utf-8", newline="\n")
    (DEMO / "feeds.toml").write_text(write_toml(), encoding="utf-8", newline="\n")
    lines = gt_lines(by)
    (DEMO / "ground_truth.jsonl").write_text(
        "\n".join(lines) + "\n", encoding="utf-8", newline="\n"
    )
    st = stats(by)
    (DEMO / "README.md").write_text(write_readme(by, st), encoding="utf-8", newline="\n")
    print(
        f"wrote {sum(len(v) for v in by.values())} items in {len(OUTLETS)} feeds; "
        f"{len(st['multi'])} multi-outlet incidents; per month {st['per_month']}"
    )
    if "--check" in argv:
        return check(lines)
    return 0


def check(lines: list) -> int:
    """Re-parse the written files (minidom always; feedparser when installed)."""
    import xml.dom.minidom

    gt = [json.loads(x) for x in lines]
    for o in OUTLETS:
        xml.dom.minidom.parse(str(DEMO / "feeds" / f"{o.slug}.xml"))
    try:
        import feedparser  # type: ignore
    except ImportError:
        print("minidom ok; feedparser not installed, skipped")
        return 0
    bad = 0
    versions = set()
    total = 0
    for o in OUTLETS:
        d = feedparser.parse(str(DEMO / "feeds" / f"{o.slug}.xml"))
        versions.add(d.version)
        total += len(d.entries)
        got = {e.get("id") or e.get("link"): e for e in d.entries}
        want = [g for g in gt if g["feed"] == o.slug]
        if d.bozo:
            print(o.slug, "bozo", d.bozo_exception)
            bad += 1
        if set(got) != {g["id"] for g in want}:
            print(o.slug, "id mismatch", sorted(set(got) ^ {g["id"] for g in want})[:5])
            bad += 1
        for g in want:
            e = got.get(g["id"])
            if e is not None and e.get("title") != g["title"]:
                print(o.slug, "title differs:", repr(e.get("title")), "vs", repr(g["title"]))
        print(f"{o.slug:24s} {d.version:7s} bozo={int(bool(d.bozo))} entries={len(d.entries)}")
    print("versions:", sorted(versions), "entries:", total, "ground truth lines:", len(gt))
    if total != len(gt):
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
