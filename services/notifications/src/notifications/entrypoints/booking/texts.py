"""The words of the booking pages, German (the default) and English."""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "site_name": "Wegweiser Transformations-Check",
        "cluster": "Cleantech-Innovationscluster Hallstadt",
        "skip": "Zum Inhalt springen",
        "book_title": "Transformationsgespräch buchen",
        "book_intro": (
            "Wählen Sie einen Termin für Ihr kostenloses Transformationsgespräch mit einer "
            "Beraterin oder einem Berater des Clusters. Das Gespräch dauert etwa eine Stunde."
        ),
        "for_company": "Für {company}",
        "zone_note": "Alle Zeiten in deutscher Zeit (Zeitzone Europe/Berlin).",
        "choose": "Termin wählen",
        "with_advisor": "mit {advisor}",
        "book_button": "Termin verbindlich buchen",
        "no_slots": (
            "In den nächsten vier Wochen ist leider kein Termin frei. Bitte schauen Sie in "
            "ein paar Tagen wieder vorbei."
        ),
        "choose_error": "Bitte wählen Sie einen der angebotenen Termine.",
        "your_meeting": "Ihr Transformationsgespräch",
        "status_booked": "Ihr Termin ist gebucht.",
        "status_cancelled": "Dieser Termin wurde abgesagt.",
        "confirmation_mail": (
            "Sie und Ihre Beraterin bzw. Ihr Berater erhalten eine Bestätigung per E-Mail mit "
            "einer Kalendereinladung."
        ),
        "when": "Termin",
        "advisor": "Beratung",
        "download_ics": "Kalendereintrag herunterladen (.ics)",
        "reschedule": "Termin verschieben",
        "cancel": "Termin absagen",
        "book_new": "Neuen Termin buchen",
        "cancel_title": "Termin absagen",
        "cancel_question": "Möchten Sie diesen Termin wirklich absagen?",
        "cancel_button": "Ja, Termin absagen",
        "keep": "Nein, Termin behalten",
        "reschedule_title": "Termin verschieben",
        "reschedule_intro": "Wählen Sie eine neue Zeit. Ihr bisheriger Termin:",
        "reschedule_button": "Auf diese Zeit verschieben",
        "error_title": "Das hat nicht geklappt",
        "error_invalid": (
            "Dieser Buchungslink ist ungültig. Bitte nutzen Sie den Link aus Ihrer E-Mail."
        ),
        "error_expired": (
            "Dieser Buchungslink ist abgelaufen. Bitte nutzen Sie den Link aus Ihrer "
            "neuesten E-Mail oder von Ihrer Ergebnisseite."
        ),
        "error_withdrawn": (
            "Dieser Link wurde zurückgezogen und gilt nicht mehr. Bitte nutzen Sie den neuesten "
            "Link, auf Ihrer Ergebnisseite."
        ),
        "error_not_ready": (
            "Ihre Auswertung wird noch vorbereitet. Bitte versuchen Sie es in einer Minute "
            "noch einmal."
        ),
        "error_not_found": "Diese Seite gibt es nicht.",
        "error_csrf": (
            "Die Seite war zu lange geöffnet. Bitte laden Sie sie neu und versuchen Sie es "
            "noch einmal."
        ),
        "error_limited": (
            "Von Ihrem Netz oder für Ihr Unternehmen kamen in kurzer Zeit zu viele Anfragen. "
            "Bitte versuchen Sie es später noch einmal."
        ),
        "slot_taken": (
            "Dieser Termin wurde gerade von jemand anderem gebucht. Bitte wählen Sie einen anderen."
        ),
        "already_booked": (
            "Sie haben bereits einen Termin gebucht. Sie können ihn verschieben oder absagen."
        ),
        "not_offered": "Diese Zeit ist nicht (mehr) buchbar. Bitte wählen Sie eine andere.",
        "meeting_changed": ("Der Termin wurde inzwischen geändert. Bitte laden Sie die Seite neu."),
        "callback_title": "Rückruf erbitten",
        "callback_intro": (
            "Gern rufen wir Sie an und vereinbaren einen Termin mit Ihnen. Telefonnummer und "
            "Wunschzeit sind freiwillig; ohne Telefonnummer melden wir uns per E-Mail bei "
            "{email}."
        ),
        "callback_phone": "Telefonnummer (freiwillig)",
        "callback_preferred_time": "Wann erreichen wir Sie am besten? (freiwillig)",
        "callback_preferred_time_hint": "Zum Beispiel: vormittags, Dienstag oder Donnerstag",
        "callback_button": "Rückruf erbitten",
        "callback_received": (
            "Ihre Rückrufbitte vom {day} ist bei uns eingegangen. Wir melden uns in den "
            "nächsten Arbeitstagen bei Ihnen."
        ),
        "callback_invalid_phone": (
            "Bitte geben Sie eine Telefonnummer mit mindestens 6 Ziffern an (erlaubt sind "
            "außerdem Leerzeichen und + ( ) / . -), höchstens 40 Zeichen."
        ),
        "callback_invalid_preferred_time": (
            "Bitte beschreiben Sie die Wunschzeit in einer Zeile mit höchstens 200 Zeichen."
        ),
        "dates_offered": "Inzwischen sind wieder Termine frei. Bitte wählen Sie einen davon.",
    },
    "en": {
        "site_name": "Wegweiser transformation check",
        "cluster": "Cleantech innovation cluster Hallstadt",
        "skip": "Skip to content",
        "book_title": "Book a transformation talk",
        "book_intro": (
            "Choose a date for your free transformation talk with an advisor of the cluster. "
            "The talk takes about an hour."
        ),
        "for_company": "For {company}",
        "zone_note": "All times are German time (time zone Europe/Berlin).",
        "choose": "Choose a date",
        "with_advisor": "with {advisor}",
        "book_button": "Book this date",
        "no_slots": (
            "Unfortunately no date is free in the next four weeks. Please look again in a few days."
        ),
        "choose_error": "Please choose one of the offered dates.",
        "your_meeting": "Your transformation talk",
        "status_booked": "Your meeting is booked.",
        "status_cancelled": "This meeting has been cancelled.",
        "confirmation_mail": (
            "You and your advisor receive a confirmation by email with a calendar invitation."
        ),
        "when": "Date",
        "advisor": "Advisor",
        "download_ics": "Download the calendar entry (.ics)",
        "reschedule": "Reschedule",
        "cancel": "Cancel the meeting",
        "book_new": "Book a new date",
        "cancel_title": "Cancel the meeting",
        "cancel_question": "Do you really want to cancel this meeting?",
        "cancel_button": "Yes, cancel the meeting",
        "keep": "No, keep the meeting",
        "reschedule_title": "Reschedule the meeting",
        "reschedule_intro": "Choose a new time. Your current meeting:",
        "reschedule_button": "Move to this time",
        "error_title": "That did not work",
        "error_invalid": "This booking link is not valid. Please use the link from your email.",
        "error_expired": (
            "This booking link has expired. Please use the link from your latest email or "
            "from your result page."
        ),
        "error_withdrawn": (
            "This link was withdrawn and no longer works. Please use the newest link, on your "
            "result page."
        ),
        "error_not_ready": (
            "Your assessment is still being prepared. Please try again in a minute."
        ),
        "error_not_found": "This page does not exist.",
        "error_csrf": "The page was open for too long. Please reload it and try again.",
        "error_limited": (
            "There were too many requests from your network or for your company in a short "
            "time. Please try again later."
        ),
        "slot_taken": "This date has just been booked by someone else. Please choose another.",
        "already_booked": ("You have already booked a meeting. You can reschedule or cancel it."),
        "not_offered": "This time cannot be booked (any more). Please choose another.",
        "meeting_changed": "The meeting was changed meanwhile. Please reload the page.",
        "callback_title": "Ask for a call back",
        "callback_intro": (
            "We are glad to call you and arrange a date with you. Phone number and preferred "
            "time are optional; without a phone number we write to you at {email}."
        ),
        "callback_phone": "Phone number (optional)",
        "callback_preferred_time": "When can we best reach you? (optional)",
        "callback_preferred_time_hint": "For example: mornings, Tuesday or Thursday",
        "callback_button": "Ask for a call back",
        "callback_received": (
            "We have received your request for a call back of {day}. We will contact you in "
            "the next working days."
        ),
        "callback_invalid_phone": (
            "Please give a phone number with at least 6 digits (spaces and + ( ) / . - are "
            "allowed too), at most 40 characters."
        ),
        "callback_invalid_preferred_time": (
            "Please describe the preferred time in one line of at most 200 characters."
        ),
        "dates_offered": "Dates are free again meanwhile. Please choose one of them.",
    },
}


def text(language: str, key: str, **values: Any) -> str:
    words = TEXTS["en" if language == "en" else "de"][key]
    return words.format(**values) if values else words
