"""Date, fatality and event-type suggesters (sahel_tui.suggest)."""

from __future__ import annotations

import datetime as dt

import pytest

from sahel_tui.suggest import (
    extract_event_date,
    extract_fatalities,
    find_dates,
    suggest_event_type,
    suggest_item,
)

D = dt.date
# Wednesday 27 November 2024, 09:00
PUB = dt.datetime(2024, 11, 27, 9, 0)


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    "text, date, precision, phrase",
    [
        ("Gunmen attacked the village on Tuesday, residents said.", D(2024, 11, 26), 1, "on Tuesday"),
        ("Tuesday's attack left the market empty.", D(2024, 11, 26), 1, "Tuesday"),
        ("Last week militants ambushed a convoy.", D(2024, 11, 21), 2, "Last week"),
        ("An overnight raid on the base was repelled.", D(2024, 11, 26), 1, "overnight"),
        ("Soldiers were killed yesterday near Djibo.", D(2024, 11, 26), 1, "yesterday"),
        ("The attack happened on November 26 near Tessit.", D(2024, 11, 26), 1, "November 26"),
        ("On 26 November, gunmen struck.", D(2024, 11, 26), 1, "On 26 November"),
        ("Attack on Nov. 26 in Ménaka.", D(2024, 11, 26), 1, "Nov. 26"),
        ("Mardi, des hommes armés ont attaqué Seytenga.", D(2024, 11, 26), 1, "Mardi"),
        ("Le dimanche 12 octobre, une attaque a visé Diapaga.", D(2024, 10, 12), 1,
         "Le dimanche 12 octobre"),
        ("Hier, des tirs ont été entendus à Kaya.", D(2024, 11, 26), 1, "Hier"),
        ("La semaine dernière, des affrontements ont eu lieu.", D(2024, 11, 21), 2,
         "La semaine dernière"),
        ("Dans la nuit de samedi à dimanche, des assaillants ont tué dix civils.",
         D(2024, 11, 23), 1, "Dans la nuit de samedi à dimanche"),
        ("Dans la nuit du 12 au 13 octobre, le camp a été attaqué.", D(2024, 10, 12), 1,
         "Dans la nuit du 12 au 13 octobre"),
        ("Il y a deux jours, une embuscade a fait 5 morts.", D(2024, 11, 25), 1,
         "Il y a deux jours"),
        ("Three days ago an IED exploded.", D(2024, 11, 24), 1, "Three days ago"),
        ("Attacks increased in November.", D(2024, 11, 15), 3, "in November"),
        ("Le mois dernier, plusieurs attaques ont eu lieu.", D(2024, 10, 15), 3, "Le mois dernier"),
        ("Le 25/11/2024, une attaque a eu lieu.", D(2024, 11, 25), 1, "25/11/2024"),
        ("Over the weekend gunmen killed 4.", D(2024, 11, 23), 2, "Over the weekend"),
    ],
)
def test_date_phrases(text, date, precision, phrase):
    s = extract_event_date(text, PUB, None)
    assert (s.date, s.time_precision, s.phrase) == (date, precision, phrase)
    assert not s.fallback
    assert text[s.span[0] : s.span[1]] == phrase


def test_weekday_same_day_only_with_today():
    s = extract_event_date("Gunmen attacked on Wednesday.", PUB)
    assert s.date == D(2024, 11, 20)  # a week earlier ...
    assert s.alternatives == (D(2024, 11, 27),)  # ... same-day reading offered
    s = extract_event_date("Today, on Wednesday, gunmen attacked.", PUB)
    assert s.date == D(2024, 11, 27)
    s = extract_event_date("Aujourd'hui mercredi, des tirs.", PUB)
    assert s.date == D(2024, 11, 27)


def test_weekday_arithmetic_around_month_and_year_ends():
    # Friday 1 March 2024 (leap year)
    assert extract_event_date("on Thursday", D(2024, 3, 1)).date == D(2024, 2, 29)
    assert extract_event_date("yesterday", D(2024, 3, 1)).date == D(2024, 2, 29)
    assert extract_event_date("on Saturday", D(2024, 3, 1)).date == D(2024, 2, 24)
    # Wednesday 1 January 2025
    assert extract_event_date("mardi", D(2025, 1, 1)).date == D(2024, 12, 31)
    assert extract_event_date("on December 31", D(2025, 1, 2)).date == D(2024, 12, 31)
    assert extract_event_date("last week", D(2025, 1, 1)).date == D(2024, 12, 26)
    # Monday 2 December 2024: the night Saturday->Sunday began on 30 November
    s = extract_event_date("dans la nuit de samedi à dimanche", D(2024, 12, 2))
    assert s.date == D(2024, 11, 30)
    # published on the Sunday morning: the night just ended
    assert extract_event_date("dans la nuit de samedi à dimanche", D(2024, 12, 1)).date == D(
        2024, 11, 30)
    assert extract_event_date("le mois dernier", D(2025, 1, 10)).date == D(2024, 12, 15)


def test_date_fallback_and_choice_between_phrases():
    s = extract_event_date("No date is mentioned. She may 5 times refuse.", PUB)
    assert s.fallback and s.date == D(2024, 11, 27) and s.span is None
    s = extract_event_date(
        "The army said on Wednesday that 10 soldiers were killed on Monday in Boni.", PUB)
    assert s.phrase == "on Monday" and s.date == D(2024, 11, 25)
    assert len(find_dates("on Monday and on Tuesday", PUB)) == 2


# ------------------------------------------------------------------ fatalities
@pytest.mark.parametrize(
    "text, low, best, high",
    [
        ("Gunmen killed 15 people in Djibo.", 15, 15, 15),
        ("At least 15 soldiers were killed.", 15, 15, None),
        ("Twelve villagers were killed.", 12, 12, 12),
        ("Douze civils ont été tués.", 12, 12, 12),
        ("Twenty-five people died in the attack.", 25, 25, 25),
        ("Vingt-cinq personnes ont perdu la vie.", 25, 25, 25),
        ("Une dizaine de soldats ont été tués.", 10, 10, 10),
        ("Une vingtaine de morts selon des sources locales.", 20, 20, 20),
        ("Dozens of people were killed.", 12, 12, None),
        ("Des dizaines de morts ont été enregistrés.", 12, 12, None),
        ("Several soldiers lost their lives.", 3, 3, None),
        ("Plusieurs morts ont été signalés.", 3, 3, None),
        ("Hundreds were killed in the massacre.", 100, 100, None),
        ("Des centaines de personnes ont péri.", 100, 100, None),
        ("Between 10 and 20 people died.", 10, 10, 20),
        ("Entre 10 et 20 morts.", 10, 10, 20),
        ("More than 100 people were killed.", 100, 100, None),
        ("Les corps de 9 commerçants ont été retrouvés.", 9, 9, 9),
        ("The bodies of nine traders were found.", 9, 9, 9),
        ("A soldier was killed and two were wounded.", 1, 1, 1),
        ("Un soldat a été tué.", 1, 1, 1),
        ("Les FAMa ont neutralisé une trentaine de terroristes.", 30, 30, 30),
        ("12 soldiers and 30 terrorists were killed.", 42, 42, 42),
        ("Gunmen killed 5 people; the death toll later rose to 12.", 12, 12, 12),
        ("A 15-year-old boy was killed.", 1, 1, 1),
    ],
)
def test_fatality_forms(text, low, best, high):
    f = extract_fatalities(text)
    assert f.found
    assert (f.low, f.best, f.high) == (low, best, high)
    assert f.acled == low
    assert text[f.span[0] : f.span[1]] == f.phrase


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 the army recorded 1,200 incidents.",
        "12 people were injured in the attack.",
        "Douze blessés ont été évacués vers Dori.",
        "The gunmen burned 10 vehicles and fled.",
        "Soldiers killed nobody; the convoy of 10 vehicles passed 3 km from town.",
        "The attack on 26 November was repelled at 10:30.",
        "Twenty people were abducted.",
        "Des hommes armés ont enlevé 20 personnes.",
    ],
)
def test_fatality_non_casualty_numbers(text):
    f = extract_fatalities(text)
    assert f.best == 0 and not f.mentions


def test_fatality_mixed_killed_and_injured():
    assert extract_fatalities("5 killed and 20 injured").best == 5
    assert extract_fatalities("The attack killed 5 and wounded 12.").best == 5
    assert extract_fatalities("Two soldiers were killed, five others were wounded.").best == 2
    assert extract_fatalities("a fait 15 morts et 20 blessés").best == 15
    assert extract_fatalities("killed 15 people, including 3 children").best == 15
    assert extract_fatalities("In 2023, 5 soldiers were killed").best == 5


def test_fatality_none_reported():
    f = extract_fatalities("No one was killed in the attack.")
    assert f.found and f.best == 0
    f = extract_fatalities("Aucune victime n'a été signalée.")
    assert f.found and f.best == 0
    f = extract_fatalities("Residents fled the village.")
    assert not f.found and f.best == 0 and f.span is None


# ------------------------------------------------------------------ event types
@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Jihadists ambushed a military convoy near Djibo, killing 12 soldiers.", "Armed clash"),
        ("Gunmen ambushed soldiers on patrol near Tessit.", "Armed clash"),
        ("Des affrontements ont opposé les FAMa à des terroristes près de Ménaka.", "Armed clash"),
        ("Militants attacked a military post in Tillabéri.", "Armed clash"),
        ("An IED exploded under a vehicle carrying soldiers on the road to Dori.",
         "Remote explosive/landmine/IED"),
        ("Un engin explosif improvisé a tué trois civils sur l'axe Djibo-Namssiguia.",
         "Remote explosive/landmine/IED"),
        ("A drone strike hit a wedding near Kidal.", "Air/drone strike"),
        ("Une frappe aérienne de l'armée a visé un marché.", "Air/drone strike"),
        ("A suicide bomber detonated explosives at a mosque in Konduga.", "Suicide bomb"),
        ("Attaque kamikaze contre un camp militaire à Diffa.", "Suicide bomb"),
        ("A vehicle-borne suicide bomb (SVBIED) hit the base.", "Suicide bomb"),
        ("Gunmen abducted 20 passengers on the Kaduna-Abuja highway.",
         "Abduction/forced disappearance"),
        ("Des hommes armés ont enlevé une dizaine de femmes à Arbinda.",
         "Abduction/forced disappearance"),
        ("Gunmen killed 15 villagers in a massacre in Zamfara.", "Attack"),
        ("Des individus armés ont tué sept civils dans le village de Seytenga.", "Attack"),
        ("Des individus armés ont pillé et incendié le marché de Boni.",
         "Looting/property destruction"),
        ("Police arrested 15 suspected members of JNIM in Bamako.", "Arrests"),
        ("Les forces de sécurité ont interpellé douze suspects à Niamey.", "Arrests"),
        ("Hundreds took part in a peaceful protest in Niamey.", "Peaceful protest"),
        ("Une manifestation contre la vie chère s'est tenue à Ouagadougou.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters in Lomé.", "Protest with intervention"),
        ("Un présumé voleur a été lynché par une foule en colère.", "Mob violence"),
        ("Soldiers defused an IED on the road.", "Disrupted weapons use"),
    ],
)
def test_event_type_rules(text, sub_event_type):
    cands = suggest_event_type(text)
    assert cands, text
    assert cands[0].sub_event_type == sub_event_type
    for start, end, _ in cands[0].evidence:
        assert 0 <= start < end <= len(text)


def test_event_type_candidates_are_ranked_with_scores():
    cands = suggest_event_type("A suicide bomber detonated explosives, killing 5 worshippers.")
    assert cands[0].event_type == "Explosions/Remote violence"
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)
    assert abs(sum(c.share for c in suggest_event_type("ambush", limit=25)) - 1.0) < 0.01
    assert suggest_event_type("The weather was fine on Tuesday.") == []


def test_event_type_ties_follow_acled_precedence():
    # "clash" alone scores only Armed clash; a bare "attack" ties Armed clash and Attack:
    cands = suggest_event_type("an attack")
    assert [c.sub_event_type for c in cands[:2]] == ["Armed clash", "Attack"]
    assert cands[0].score == cands[1].score


# ------------------------------------------------------------------ combined
def test_suggest_item_bundles_everything():
    from sahel_tui.vocab import load_vocab

    text = ("Mardi, des hommes armés ont tué sept civils à Djibo, dans la province du Soum "
            "(Burkina Faso).")
    s = suggest_item(text, PUB, "fr", vocab=load_vocab())
    assert s.date.date == D(2024, 11, 26)
    assert s.fatalities.best == 7
    assert s.event_types[0].sub_event_type == "Attack"
    assert [a.name for a in s.actors] == ["Unidentified Armed Group (Burkina Faso)",
                                          "Civilians (Burkina Faso)"]
    assert [p.name for p in s.places] == ["Djibo", "Soum"]
    assert s.countries == ("BF",)


@pytest.mark.parametrize("text, n", [
    ("9 gendarmes and 6 civilians were killed.", 15),
    ("Two soldiers were killed. Four militants were also killed in the clash.", 6),
    ("ISWAP killed 3 soldiers, and the army killed 10 militants.", 13),
    ("A policeman shot and killed a farmer.", 1),
    ("Gunmen killed 5 people on Monday. The death toll rose to 8 on Tuesday.", 8),
    ("Gunmen killed 5 people. The five victims were buried on Tuesday.", 5),
])
def test_tolls_by_group_add_up_and_the_killer_is_not_a_victim(text, n):
    assert extract_fatalities(text).best == n
