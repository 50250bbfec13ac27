"""Names of the ids that travel in events (classes, levels, dimensions, districts) as the
assessment's ruleset 2026.1 and questionnaire show them to companies, in German and English.

The ids are the event contract's; the names are repeated here because services share no
files, only events. An id without a name (a newer ruleset) is shown as it is.
"""

from __future__ import annotations

from datetime import datetime

from notifications.booking.times import clock, zone_abbreviation
from servicekit.cluster_time import CLUSTER_ZONE, CLUSTER_ZONE_NAME

LANGUAGES = ("de", "en")
# The cluster's clocks: every time in a mail or on the desk is shown as Bamberg sees it.

CLASSES = {
    "A": {"de": "Akuter Handlungsbedarf", "en": "Urgent action needed"},
    "B": {"de": "Umbau aktiv gestalten", "en": "Actively shape the conversion"},
    "C": {"de": "Fitness aufbauen", "en": "Build fitness"},
    "D": {"de": "Chancen nutzen", "en": "Seize opportunities"},
}
LEVELS = {
    "gering": {"de": "gering", "en": "low"},
    "mittel": {"de": "mittel", "en": "moderate"},
    "hoch": {"de": "hoch", "en": "high"},
    "sehr_hoch": {"de": "sehr hoch", "en": "very high"},
    "einsteiger": {"de": "Einsteiger", "en": "Beginner"},
    "entwickler": {"de": "Entwickler", "en": "Developer"},
    "fortgeschritten": {"de": "Fortgeschritten", "en": "Advanced"},
    "vorreiter": {"de": "Vorreiter", "en": "Leader"},
}
PRIORITIES = {
    "dringend": {"de": "dringend", "en": "urgent"},
    "hoch": {"de": "hoch", "en": "high"},
    "mittel": {"de": "mittel", "en": "medium"},
    "niedrig": {"de": "niedrig", "en": "low"},
}
# The questionnaire's dimensions: the topics an advisor covers and a company's gaps.
TOPICS = {
    "portfolio": {"de": "Produktportfolio und Antriebsabhängigkeit", "en": "Product portfolio"},
    "market": {"de": "Kunden und Markt", "en": "Customers and market"},
    "strategy": {"de": "Strategie und Geschäftsmodell", "en": "Strategy and business model"},
    "innovation": {"de": "Technologie und Innovation", "en": "Technology and innovation"},
    "digital": {"de": "Digitalisierung und Produktion", "en": "Digitalisation and production"},
    "energy": {"de": "Energie, CO₂ und Nachhaltigkeit", "en": "Energy, CO₂ and sustainability"},
    "workforce": {"de": "Personal und Qualifizierung", "en": "Workforce and skills"},
    "finance": {"de": "Finanzielle Resilienz", "en": "Financial resilience"},
}
DISTRICTS = {
    "bamberg_stadt": {"de": "Stadt Bamberg", "en": "City of Bamberg"},
    "bamberg_land": {"de": "Landkreis Bamberg", "en": "District of Bamberg"},
    "forchheim": {"de": "Forchheim", "en": "Forchheim"},
    "coburg": {"de": "Coburg", "en": "Coburg"},
    "lichtenfels": {"de": "Lichtenfels", "en": "Lichtenfels"},
    "kronach": {"de": "Kronach", "en": "Kronach"},
    "hassberge": {"de": "Haßberge", "en": "Haßberge"},
    "bayreuth": {"de": "Bayreuth", "en": "Bayreuth"},
    "kulmbach": {"de": "Kulmbach", "en": "Kulmbach"},
    "hof": {"de": "Hof", "en": "Hof"},
    "wunsiedel": {"de": "Wunsiedel i. Fichtelgebirge", "en": "Wunsiedel i. Fichtelgebirge"},
    "other_bavaria": {"de": "anderer Standort in Bayern", "en": "elsewhere in Bavaria"},
    "outside_bavaria": {"de": "außerhalb Bayerns", "en": "outside Bavaria"},
}


def name(names: dict[str, dict[str, str]], key: str, language: str) -> str:
    return names.get(key, {}).get(language, key)


def score(value: float, language: str) -> str:
    """A 0-100 score with one decimal, with a decimal comma in German."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "de" else text


def local_time(value: datetime, language: str) -> str:
    """An instant as a clock in Bamberg shows it, with the zone named as the booking pages
    and their mails name it (MEZ/MESZ to German readers), so desk and mail never disagree."""
    day = local_date(value, language)
    hours, zone = (
        clock(value, CLUSTER_ZONE_NAME),
        zone_abbreviation(value, CLUSTER_ZONE_NAME, language),
    )
    if language == "de":
        return f"{day}, {hours} Uhr ({zone})"
    return f"{day}, {hours} ({zone})"


def local_date(value: datetime, language: str) -> str:
    local = value.astimezone(CLUSTER_ZONE)
    return local.strftime("%d.%m.%Y") if language == "de" else local.strftime("%d %B %Y")
