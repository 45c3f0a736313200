"""Suggestions extracted from a news item's text: event date, fatalities, event type.

Pure functions over (text, published datetime, language hint); stdlib only, never
imports textual.  ``suggest_item`` bundles them with the vocabulary name matcher;
``suggest_coding`` / ``suggest_for_item`` read a whole item into the pre-filled coding of
each incident it reports (what the coding screen proposes).
"""

from .coding import EventCoding, ItemCoding, suggest_coding, suggest_for_item
from .dates import DateSuggestion, extract_event_date, find_dates
from .event_type import EventTypeCandidate, RuleSet, load_rules, suggest_event_type
from .fatalities import FatalityMention, FatalitySuggestion, extract_fatalities, find_fatalities
from .item import ItemSuggestions, suggest_item

__all__ = [
    "DateSuggestion",
    "EventCoding",
    "EventTypeCandidate",
    "FatalityMention",
    "FatalitySuggestion",
    "ItemCoding",
    "ItemSuggestions",
    "RuleSet",
    "extract_event_date",
    "extract_fatalities",
    "find_dates",
    "find_fatalities",
    "load_rules",
    "suggest_coding",
    "suggest_event_type",
    "suggest_for_item",
    "suggest_item",
]
