"""The fixed wording of the company pages in German and English (questions, options and
validation messages come from the questionnaire and the domain, not from here)."""

# ruff: noqa: RUF001 - German and English typography uses the en dash on purpose.

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assessment.domain.texts import Language
from eventing.schemas.assessment import funding_notes as stored_funding_notes
from wording.formatting import short_date

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (de, en)
    "site_name": ("Wegweiser Transformations-Check", "Wegweiser transformation check"),
    "cluster": (
        "Cleantech-Innovationscluster Hallstadt · Bamberg",
        "Cleantech innovation cluster Hallstadt · Bamberg",
    ),
    "skip_to_content": ("Zum Inhalt springen", "Skip to content"),
    "language_switch": ("Sprache", "Language"),
    "start_title": (
        "Wie gut ist Ihr Unternehmen auf den Wandel vorbereitet?",
        "How ready is your company for the transformation?",
    ),
    "start_lead": (
        "Der Transformations-Check zeigt Zulieferern der Automobilindustrie, wie stark ihr "
        "Geschäft vom Wandel zum Elektroantrieb betroffen ist und wie gut sie darauf reagieren "
        "können. Sie erhalten sofort Ihr Ergebnis mit den größten Handlungsfeldern, passenden "
        "Maßnahmen und Förderprogrammen – und auf Wunsch ein Gespräch mit unseren Fachleuten.",
        "The transformation check shows automotive suppliers how strongly the shift to "
        "electric drives affects their business and how well they can respond. You get your "
        "result right away, with your largest gaps, suitable measures and funding programmes – "
        "and, if you wish, a meeting with our experts.",
    ),
    "start_time": (
        "Zeitbedarf: etwa 20 Minuten. Sie können jederzeit unterbrechen; Ihre Antworten werden "
        "auf jeder Seite gespeichert, und mit Ihrem persönlichen Link machen Sie später – auch "
        "auf einem anderen Gerät oder durch Kolleginnen und Kollegen – weiter.",
        "Time needed: about 20 minutes. You can stop at any time; your answers are saved on "
        "every page, and your personal link lets you continue later – on another device or "
        "through colleagues.",
    ),
    "start_steps": (
        "Sie beantworten Fragen in neun Schritten: Ihr Unternehmen, Produktportfolio, Kunden "
        "und Markt sowie sechs Handlungsfelder von Strategie bis Finanzen. Wo Sie etwas nicht "
        "wissen, wählen Sie „Weiß nicht / keine Angabe“.",
        "You answer questions in nine steps: your company, product portfolio, customers and "
        "market, and six fields of action from strategy to finance. Where you do not know, "
        'choose "Don\'t know / prefer not to say".',
    ),
    "privacy_title": ("Datenschutz", "Privacy"),
    "privacy_text": (
        "Wir verarbeiten Ihre Angaben nur, um Ihre Auswertung und Ihren Bericht zu erstellen. "
        "Ob eine Beraterin oder ein Berater des Clusters Ihre Ergebnisse sehen darf und ob sie "
        "anonymisiert in Vergleichswerte einfließen, entscheiden Sie im nächsten Schritt "
        "selbst. Ihr Zugangslink wird bei uns nur verschlüsselt (als Hash) gespeichert.",
        "We process your details only to produce your evaluation and your report. Whether an "
        "advisor of the cluster may see your results and whether they flow anonymously into "
        "benchmarks is your choice in the next step. Your access link is stored only as a hash.",
    ),
    "start_button": ("Check starten", "Start the check"),
    "step_of": ("Schritt {n} von {total}", "Step {n} of {total}"),
    "profile_title": ("Ihr Unternehmen", "Your company"),
    "profile_intro": (
        "Diese Angaben ordnen Ihr Ergebnis zu und bestimmen, welche Förderprogramme passen. "
        "Pflichtfelder sind mit * markiert.",
        "These details attribute your result and decide which funding programmes fit. "
        "Required fields are marked *.",
    ),
    "consents_legend": ("Einwilligungen", "Consents"),
    "profile_button": ("Speichern und weiter", "Save and continue"),
    "profile_saved": (
        "Ihre Unternehmensangaben sind gespeichert. Ändern können Sie sie bei Ihrer Beraterin "
        "oder Ihrem Berater.",
        "Your company details are saved. Your advisor can change them for you.",
    ),
    "required_mark": ("Pflichtfeld", "required"),
    "why": ("Warum wir fragen:", "Why we ask:"),
    "choose": ("Bitte wählen", "Please choose"),
    "none_of_them_hint": (
        "Mehrfachauswahl; nichts angekreuzt heißt: trifft nicht zu.",
        "Choose any; none ticked means: none apply.",
    ),
    "split_hint": (
        "Anteile in Prozent, zusammen 100 %. Leere Felder zählen als 0.",
        "Shares in per cent, 100 % in total. Empty fields count as 0.",
    ),
    "percent": ("%", "%"),
    "range": ("{low} bis {high}", "{low} to {high}"),
    "back": ("Zurück", "Back"),
    "next": ("Speichern und weiter", "Save and continue"),
    "save": ("Zwischenspeichern", "Save"),
    "to_review": ("Speichern und Antworten prüfen", "Save and review answers"),
    "saved_notice": ("Ihre Antworten sind gespeichert.", "Your answers are saved."),
    "errors_title": (
        "Bitte prüfen Sie die markierten Angaben. Alles Gültige ist gespeichert.",
        "Please check the marked answers. Everything valid has been saved.",
    ),
    "errors_title_profile": (
        "Bitte prüfen Sie die markierten Angaben.",
        "Please check the marked answers.",
    ),
    "error_prefix": ("Fehler:", "Error:"),
    "resume_title": ("Ihr persönlicher Link zum Weitermachen", "Your personal link to continue"),
    "resume_text": (
        "Mit diesem Link öffnen Sie Ihren Check auf jedem Gerät wieder. Kopieren Sie ihn und "
        "bewahren Sie ihn auf; geben Sie ihn nur an Personen weiter, die mitarbeiten sollen.",
        "This link reopens your check on any device. Copy it and keep it; share it only with "
        "people who should work on it.",
    ),
    "resume_label": ("Link zum Kopieren", "Link to copy"),
    "review_title": ("Ihre Antworten prüfen", "Review your answers"),
    "review_intro": (
        "Prüfen Sie Ihre Antworten. Nach dem Absenden sind sie endgültig und werden ausgewertet.",
        "Check your answers. After you submit, they are final and will be evaluated.",
    ),
    "review_step": ("Prüfen und absenden", "Review and submit"),
    "edit": ("Ändern", "Edit"),
    "edit_section": ("{title} ändern", "Edit {title}"),
    "missing_required": ("Pflichtfrage – bitte beantworten", "Required – please answer"),
    "submit": ("Verbindlich absenden und auswerten", "Submit and evaluate"),
    "submit_errors": (
        "Bevor wir auswerten können, fehlen noch Antworten:",
        "Some answers are missing before we can evaluate:",
    ),
    "result_title": ("Ihr Ergebnis", "Your result"),
    "class_label": ("Klasse {id}: {name}", "Class {id}: {name}"),
    "matrix_title": ("Ihre Position in der Matrix", "Your position in the matrix"),
    "matrix_desc": (
        "Betroffenheit {e} von 100 (senkrecht), Handlungsfähigkeit {r} von 100 (waagerecht): "
        "Klasse {cls}.",
        "Exposure {e} of 100 (vertical), readiness {r} of 100 (horizontal): class {cls}.",
    ),
    "exposure": ("Betroffenheit (E)", "Exposure (E)"),
    "readiness": ("Handlungsfähigkeit (R)", "Readiness (R)"),
    "exposure_short": ("Betroffenheit", "Exposure"),
    "readiness_short": ("Handlungsfähigkeit", "Readiness"),
    "score_of": ("{score} von 100 – {level}", "{score} of 100 – {level}"),
    "no_score": ("keine Angabe", "no answer"),
    "priority": ("Dringlichkeit", "Priority"),
    "confidence": (
        "Aussagekraft (Anteil beantworteter Fragen)",
        "Reliability (share of questions answered)",
    ),
    "time_pressure": (
        "Zeitdruck: Ihre Serienverträge laufen bald aus.",
        "Time pressure: your series contracts end soon.",
    ),
    "horizon_unknown": (
        "Die Laufzeit Ihrer Hauptverträge ist offen: Klären Sie sie zuerst, denn sie "
        "bestimmt, wie viel Zeit Ihnen für den Umbau bleibt.",
        "The term of your main contracts is not known: clarify it first, as it decides how "
        "much time you have to transform.",
    ),
    "horizon_call_off": (
        "Sie liefern auf Abruf ohne Serienvertrag: Aufträge können kurzfristig wegfallen. "
        "Sichern Sie Folgegeschäft früh ab.",
        "You deliver on call-off orders without a series contract: orders can stop at short "
        "notice. Secure follow-up business early.",
    ),
    "distress": (
        "Angespannte wirtschaftliche Lage: Ein Verlust bei dünnem Eigenkapital oder stark "
        "sinkendem Umsatz erhöht Ihre Betroffenheit, unabhängig vom Antrieb.",
        "Strained economic situation: a loss with thin equity or sharply falling revenue "
        "raises your exposure, whatever the drivetrain.",
    ),
    "radar_title": ("Handlungsfähigkeit nach Handlungsfeld", "Readiness by field of action"),
    "radar_desc": (
        "Netzdiagramm der sechs Handlungsfelder, je 0 bis 100:",
        "Radar chart of the six fields of action, each 0 to 100:",
    ),
    "dimension": ("Handlungsfeld", "Field of action"),
    "score": ("Wert", "Score"),
    "level": ("Stufe", "Level"),
    "gaps_title": ("Ihre größten Handlungsfelder", "Your largest gaps"),
    "recommendations_title": ("Unsere Empfehlungen", "Our recommendations"),
    "measures": ("Maßnahmen", "Measures"),
    "technologies": ("Technologien", "Technologies"),
    "education": ("Qualifizierung und Veranstaltungen", "Training and events"),
    "funding": ("Förderprogramme", "Funding programmes"),
    "funding_ends": ("läuft bis {date}", "runs until {date}"),
    "funding_ending_soon": ("läuft am {date} aus", "ends on {date}"),
    "programme_as_of": ("Stand: {date}", "as of {date}"),
    "eligibility_unclear": ("Förderfähigkeit prüfen", "check eligibility"),
    "rate": ("Förderung:", "Funding:"),
    "partners": ("Partner", "Partners"),
    "agenda": ("Themen für das Transformationsgespräch", "Topics for the transformation meeting"),
    "horizon_quick_win": ("schnell umsetzbar", "quick win"),
    "horizon_project": ("Projekt", "project"),
    "horizon_new_business_field": ("neues Geschäftsfeld", "new business field"),
    "report_title": ("Ihr Bericht (PDF)", "Your report (PDF)"),
    "report_pending": (
        "Ihr Bericht wird erstellt.",
        "Your report is being prepared.",
    ),
    "report_download": ("Bericht herunterladen", "Download the report"),
    "report_pages": ("Seiten", "pages"),
    "report_failed": (
        "Ihr Bericht konnte nicht erstellt werden. Bitte wenden Sie sich an das Cluster-Team.",
        "Your report could not be produced. Please contact the cluster team.",
    ),
    "meeting_booked": ("Ihr Transformationsgespräch ist gebucht:", "Your meeting is booked:"),
    "meeting_cancelled": (
        "Ihr Termin wurde abgesagt. Sie können einen neuen buchen.",
        "Your meeting was cancelled. You can book a new one.",
    ),
    "booking_title": ("Transformationsgespräch", "Transformation meeting"),
    "booking_text": (
        "Besprechen Sie Ihr Ergebnis kostenfrei mit einer Expertin oder einem Experten des "
        "Clusters.",
        "Discuss your result free of charge with an expert of the cluster.",
    ),
    "booking_button": ("Transformationsgespräch buchen", "Book a transformation meeting"),
    "privacy_link": (
        "Ihre Daten: herunterladen oder löschen lassen",
        "Your data: download it or have it erased",
    ),
    "not_found_title": ("Dieser Link öffnet keinen Check", "This link opens no check"),
    "not_found_text": (
        "Der Link ist unvollständig, abgelaufen oder dieses Gerät kennt ihn noch nicht. Öffnen "
        "Sie Ihren persönlichen Link zum Weitermachen erneut, oder starten Sie einen neuen Check.",
        "The link is incomplete, has expired, or this device does not know it yet. Open your "
        "personal link to continue again, or start a new check.",
    ),
    "csrf_title": ("Bitte erneut senden", "Please send again"),
    "csrf_text": (
        "Das Formular war nicht mehr gültig (zum Beispiel, weil Cookies gelöscht wurden). Laden "
        "Sie die Seite neu und senden Sie Ihre Angaben noch einmal.",
        "The form was no longer valid (for example because cookies were deleted). Reload the "
        "page and send your answers again.",
    ),
    "limited_title": ("Zu viele Anfragen", "Too many requests"),
    "limited_text": (
        "Von Ihrem Netz oder für diese E-Mail-Adresse wurden in kurzer Zeit zu viele Checks "
        "gestartet. Bitte versuchen Sie es später noch einmal; Ihr persönlicher Link aus der "
        "E-Mail führt Sie weiterhin zu einem begonnenen Check.",
        "Too many checks were started from your network or for this email address in a short "
        "time. Please try again later; the personal link in your email still takes you back "
        "to a check you began.",
    ),
    "home": ("Zur Startseite", "To the start page"),
    "measure_owner": ("Verantwortlich: {value}", "Owner: {value}"),
    "measure_effort": ("Aufwand: {value}", "Effort: {value}"),
    "measure_funding": ("Förderung: {value}", "Funding: {value}"),
    "version_title": ("Neue Fassung des Fragebogens", "New edition of the questionnaire"),
    "version_finish": (
        "Sie haben diesen Check mit Fassung {started} begonnen. Wenn Sie ihn so abschließen, "
        "wird er nach den Regeln der Fassung {started} ausgewertet.",
        "You began this check with edition {started}. If you finish it as it is, it is "
        "evaluated by the rules of edition {started}.",
    ),
    "version_move": (
        "Seitdem gibt es Fassung {current} mit überarbeiteten Fragen und Empfehlungen. Sie "
        "können zu ihr wechseln: Antworten, die dort weiter passen, bleiben erhalten; neue oder "
        "geänderte Fragen beantworten Sie noch einmal.",
        "Edition {current} has since been released, with revised questions and advice. You "
        "can switch to it: answers that still fit are kept; new or changed questions are asked "
        "again.",
    ),
    "version_move_button": ("Zu Fassung {current} wechseln", "Switch to edition {current}"),
    "version_new_check": (
        "Seitdem gibt es Fassung {current}. Ihre Angaben zum Unternehmen passen nicht mehr zu "
        "ihr; für eine Auswertung nach Fassung {current} beginnen Sie bitte einen neuen Check.",
        "Edition {current} has since been released. Your company details no longer fit it; "
        "to be evaluated by edition {current}, please start a new check.",
    ),
    "version_new_check_link": ("Neuen Check beginnen", "Start a new check"),
    "unknown_hint": ("Weiß nicht / keine Angabe", "Don't know / prefer not to say"),
}


def ui_text(language: Language, key: str, **values: object) -> str:
    de, en = _TEXTS[key]
    text = en if language == "en" else de
    return text.format(**values) if values else text


def local_date(value: Any, language: str) -> str:
    """An ISO date as people in Bavaria write it ("31.12.2027"); English keeps ISO."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return short_date(day, language)


def funding_notes(programme: Mapping[str, Any], language: Language) -> list[str]:
    """The result page's notes on a programme's dates, as decided when it was scored."""
    return [
        ui_text(language, note, date=local_date(day, language))
        for note, day in stored_funding_notes(programme)
    ]
