"""Small forms opened from the coding flow: add a place, add an actor.

What the analyst adds is appended to their own vocabulary files (places.toml, actors.toml in
the config directory) and matched from then on.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class Form(ModalScreen):
    """Labelled inputs; enter on the last field (or ctrl+s) submits; esc cancels."""

    DEFAULT_CSS = """
    Form { align: center middle; }
    Form > Vertical { width: 80; height: auto; border: thick $accent; background: $surface;
                      padding: 0 1; }
    Form Input, Form Input:focus { height: 1; border: none; padding: 0 1; background: $boost; }
    Form Label { color: $text-muted; margin-top: 1; }
    Form #form-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False),
                Binding("ctrl+s", "submit", show=False, priority=True)]
    FIELDS: list[tuple[str, str, str]] = []  # (key, label, placeholder)
    TITLE_TEXT = ""

    def __init__(self, values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.values = values or {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.TITLE_TEXT, style="bold"))
            for key, label, placeholder in self.FIELDS:
                yield Label(label)
                yield Input(self.values.get(key, ""), placeholder=placeholder, id=f"f-{key}")
            yield Static("", id="form-error")
            yield Static(Text("enter: next field / save on the last · ctrl+s save · esc cancel",
                              style="dim"))

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_submit()

    def data(self) -> dict[str, str]:
        return {key: self.query_one(f"#f-{key}", Input).value.strip() for key, _, _ in self.FIELDS}

    def error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))

    def action_submit(self) -> None:
        result = self.validate(self.data())
        if result is not None:
            self.dismiss(result)

    def validate(self, data: dict[str, str]):
        return data

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddPlaceForm(Form):
    TITLE_TEXT = "Add a place (saved to your places.toml, matched from now on)"
    FIELDS = [
        ("name", "Name", "e.g. Boulkessi"),
        ("aliases", "Other spellings, comma-separated", "e.g. Boulkéssi, Boulkesi"),
        ("country", "Country (name or ISO code)", "e.g. Mali or ML"),
        ("admin1", "Admin1 (region / state)", "e.g. Mopti"),
        ("admin2", "Admin2 (cercle / province / department / LGA), if known", ""),
        ("coords", "Latitude, longitude (WGS84)", "e.g. 14.6139, -1.0569"),
    ]

    def __init__(self, values: dict[str, str] | None = None, countries=None) -> None:
        super().__init__(values)
        self.countries = countries  # callable: name or code -> Country | None

    def validate(self, data):
        if not data["name"]:
            self.error("A name is needed.")
            return None
        country = self.countries(data["country"]) if self.countries else None
        if country is None:
            self.error(f"Unknown country {data['country']!r}: give a name or ISO code, e.g. ML.")
            return None
        lat = lon = None
        if data["coords"]:
            try:
                lat_s, lon_s = data["coords"].replace(";", ",").split(",")
                lat, lon = float(lat_s), float(lon_s)
            except ValueError:
                self.error("Coordinates must be 'latitude, longitude', e.g. 14.6139, -1.0569.")
                return None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                self.error("Latitude must be within ±90 and longitude within ±180.")
                return None
        aliases = [a.strip() for a in data["aliases"].split(",") if a.strip()]
        return dict(name=data["name"], country=country.alpha2, admin1=data["admin1"] or None,
                    admin2=data["admin2"] or None, latitude=lat, longitude=lon, aliases=aliases)


INTER_TYPES = ["State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
               "Protesters", "Civilians", "External/Other forces"]


class AddActorForm(Form):
    TITLE_TEXT = "Add an actor (saved to your actors.toml, matched from now on)"
    FIELDS = [
        ("name", "Canonical name", "e.g. Katiba Serma"),
        ("type", "Type: " + ", ".join(f"{i + 1} {t}" for i, t in enumerate(INTER_TYPES)),
         "a number 1-8 or the name"),
        ("country", "Country (name or ISO code), if it belongs to one", ""),
        ("aliases", "Aliases, comma-separated", ""),
    ]

    def __init__(self, values: dict[str, str] | None = None, countries=None) -> None:
        super().__init__(values)
        self.countries = countries

    def validate(self, data):
        if not data["name"]:
            self.error("A name is needed.")
            return None
        typ = data["type"]
        if typ.isdigit() and 1 <= int(typ) <= len(INTER_TYPES):
            typ = INTER_TYPES[int(typ) - 1]
        match = [t for t in INTER_TYPES if t.lower() == typ.lower()]
        if not match:
            self.error("Type must be 1-8 or one of: " + ", ".join(INTER_TYPES))
            return None
        country = None
        if data["country"]:
            found = self.countries(data["country"]) if self.countries else None
            if found is None:
                self.error(f"Unknown country {data['country']!r}.")
                return None
            country = found.alpha2
        aliases = [a.strip() for a in data["aliases"].split(",") if a.strip()]
        return dict(name=data["name"], type=match[0], country=country, aliases=aliases)


class NotesForm(Form):
    TITLE_TEXT = "Notes on this event (exported in ACLED's notes column)"
    FIELDS = [("notes", "Notes", "sources, caveats, what the reports disagree on…")]

    def validate(self, data):
        return data["notes"]
