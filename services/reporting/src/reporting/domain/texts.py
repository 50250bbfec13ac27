# ruff: noqa: RUF001 - German and English typography uses the en dash on purpose.
"""Every fixed text of the report, German and English (`(de, en)` per key).

The texts an assessment carries itself (gap texts, recommendations, funding rows) come in
the assessment's language with the event, and the names of classes, levels and dimensions
in its vocabulary; these are the report's own words around them.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("de", "en")

Texts = Mapping[str, tuple[str, str]]

# The bar's words for the ruleset's exposure classes of revenue categories (the event
# carries which category is in which class, not a name for the class).
EXPOSURE_CLASSES: Texts = {
    "ice_specific": ("verbrennerspezifisch", "ICE-specific"),
    "high_medium": ("stark verbrennerbezogen", "strongly ICE-related"),
    "transition": ("Übergangstechnik", "transition technology"),
    "neutral": ("antriebsunabhängig", "drive-independent"),
    "growth": ("Wachstumsfelder", "growth fields"),
    "non_automotive": ("außerhalb der Autoindustrie", "non-automotive"),
    # Since 2026.2: tooling, production equipment, automotive with unknown end use.
    "automotive_indirect": ("mittelbar vom Antrieb abhängig", "indirectly drive-dependent"),
}

# Contract horizons whose key message is their own, not the time-pressure sentence.
HORIZON_MESSAGES = {"unknown": "horizon_unknown", "call_off": "horizon_call_off"}

ROADMAP_HORIZONS: Texts = {
    "quick_win": ("0–6 Monate: schnelle Erfolge", "0–6 months: quick wins"),
    "project": ("6–24 Monate: Projekte", "6–24 months: projects"),
    "new_business_field": ("ab 24 Monaten: neues Geschäftsfeld", "24+ months: new business field"),
}

BENCHMARK_BASIS: Texts = {
    "cohort": (
        "Vergleichsgruppe: Median von {members} Unternehmen gleicher Größe ({band} Beschäftigte) "
        "und gleichen Hauptsegments ({segment}).",
        "Peer group: median of {members} companies of the same size ({band} employees) and main "
        "segment ({segment}).",
    ),
    "region": (
        "Vergleichsgruppe: regionaler Median aller {members} teilnehmenden Unternehmen; für Ihre "
        "Größenklasse und Ihr Segment gibt es noch keine {minimum} Vergleichswerte.",
        "Peer group: regional median of all {members} participating companies; your size band "
        "and segment do not have {minimum} assessments yet.",
    ),
    "none": (
        "Noch gibt es keine {minimum} vergleichbaren Auswertungen; der Peer-Vergleich entfällt.",
        "There are not yet {minimum} comparable assessments; the peer comparison is left out.",
    ),
}

MESSAGES: Texts = {
    "exposure": (
        "{ice_share} % Ihres Umsatzes hängen am Verbrennungsmotor; Wachstumsfelder machen "
        "{growth_share} % aus.",
        "{ice_share} % of your revenue depends on the combustion engine; growth fields account "
        "for {growth_share} %.",
    ),
    "time_pressure": (
        "Ihre Hauptverträge laufen vor 2030 aus: Die Zeit für den Umbau ist knapp.",
        "Your main contracts end before 2030: the time to transform is short.",
    ),
    "horizon_unknown": (
        "Wann Ihre Hauptverträge auslaufen, ist offen: Klären Sie es zuerst, denn es "
        "bestimmt, wie viel Zeit für den Umbau bleibt.",
        "When your main contracts end is not known: clarify it first, as it decides how much "
        "time there is to transform.",
    ),
    "horizon_call_off": (
        "Sie liefern auf Abruf ohne Serienvertrag: Aufträge können kurzfristig wegfallen, "
        "Folgegeschäft sollte früh gesichert werden.",
        "You deliver on call-off orders without a series contract: orders can stop at short "
        "notice, so follow-up business should be secured early.",
    ),
    "distress": (
        "Die wirtschaftliche Lage ist angespannt (Verlust bei dünnem Eigenkapital oder stark "
        "sinkendem Umsatz): Das erhöht die Betroffenheit, unabhängig vom Antrieb.",
        "The economic situation is strained (a loss with thin equity or sharply falling "
        "revenue): this raises the exposure, whatever the drivetrain.",
    ),
    "strongest": (
        "Ihre größte Stärke: {dimension} ({level}).",
        "Your greatest strength: {dimension} ({level}).",
    ),
    # {below}: " (unter 25 Punkten)" where the event says where a gap turns critical.
    "critical_gaps": (
        "Kritische Lücken{below}: {dimensions}.",
        "Critical gaps{below}: {dimensions}.",
    ),
    "no_critical_gaps": (
        "Keine kritische Lücke: Kein Handlungsfeld liegt unter {points} Punkten.",
        "No critical gap: no field is below {points} points.",
    ),
    "no_critical_gaps_general": ("Keine kritische Lücke.", "No critical gap."),
    "below_points": (" (unter {points} Punkten)", " (below {points} points)"),
}

LABELS: Texts = {
    "title": ("Potenzialanalyse", "Potential analysis"),
    "subtitle": (
        "Transformationscheck für Automobilzulieferer in Oberfranken",
        "Transformation check for automotive suppliers in Upper Franconia",
    ),
    "issuer": (
        "Cleantech-Innovationscluster Hallstadt bei Bamberg",
        "Cleantech innovation cluster, Hallstadt near Bamberg",
    ),
    "prepared_for": ("erstellt für", "prepared for"),
    "date": ("Stand", "As of"),
    "page": ("Seite", "Page"),
    "of": ("von", "of"),
    "summary": ("Zusammenfassung", "Summary"),
    "matrix": ("Einordnung in der Matrix", "Position in the matrix"),
    "exposure": ("Betroffenheit E", "Exposure E"),
    "readiness": ("Handlungsfähigkeit R", "Readiness R"),
    "exposure_axis": ("Betroffenheit", "Exposure"),
    "readiness_axis": ("Handlungsfähigkeit", "Readiness"),
    "class": ("Klasse", "Class"),
    "class_title": ("{id} – {name}", "{id} – {name}"),
    "priority": ("Priorität", "Priority"),
    "confidence": ("Datenbasis", "Data completeness"),
    "confidence_note": (
        "Anteil der Gewichte mit Antwort; „weiß nicht“ zählt nie als 0.",
        "Share of the weights answered; “don't know” never counts as 0.",
    ),
    "key_messages": ("Drei Kernaussagen", "Three key messages"),
    "points": ("Punkte", "points"),
    "exposure_profile": ("Betroffenheitsprofil", "Exposure profile"),
    "revenue_by_class": ("Umsatz nach Betroffenheit", "Revenue by exposure"),
    "growth_share": ("Anteil Wachstumsfelder", "Share of growth fields"),
    "contract_horizon": ("Laufzeit der Hauptverträge", "Main contracts run until"),
    "top_customer_share": ("Umsatzanteil des größten Kunden", "Revenue share of the top customer"),
    "customers_over_5pct": (
        "Kunden mit mehr als 5 % Umsatzanteil",
        "Customers above 5 % of revenue",
    ),
    "automotive_share": ("Automobilanteil am Umsatz", "Automotive share of revenue"),
    "exposure_parts": ("Teilwerte der Betroffenheit", "Parts of the exposure"),
    "part_prod": ("Produkte", "Products"),
    "part_cust": ("Kunden", "Customers"),
    "part_press": ("Druck (Energie, Belegschaft)", "Pressure (energy, workforce)"),
    "part_econ": ("Wirtschaftliche Lage", "Economic situation"),
    "not_answered": ("keine Angabe", "not answered"),
    "readiness_radar": ("Handlungsfähigkeit im Vergleich", "Readiness compared"),
    "own": ("Ihr Unternehmen", "Your company"),
    "peers": ("Median der Vergleichsgruppe", "Peer median"),
    "target": ("Zielprofil", "Target profile"),
    "target_note": (
        "Das Zielprofil (75 Punkte je Feld) beschreibt ein Unternehmen, das den Umbau aus "
        "eigener Kraft tragen kann.",
        "The target profile (75 points per field) describes a company able to carry the "
        "transformation on its own.",
    ),
    "dimension": ("Handlungsfeld", "Field"),
    "score": ("Punkte", "Points"),
    "level": ("Stufe", "Level"),
    "strengths_gaps": ("Stärken und größte Lücken", "Strengths and largest gaps"),
    "strengths": ("Stärken", "Strengths"),
    "relative_strength": (
        "Noch erreicht kein Feld {points} Punkte; Ihre relativ stärksten Felder:",
        "No field reaches {points} points yet; your relatively strongest fields:",
    ),
    "top_gaps": ("Die drei größten Lücken", "The three largest gaps"),
    "no_gaps": ("Keine Lücke unter {points} Punkten.", "No gap below {points} points."),
    "no_gaps_general": ("Keine Lücke.", "No gap."),
    "opportunities": ("Chancenfelder", "Opportunity fields"),
    "opportunities_intro": (
        "Aus Ihren Kerntechnologien ({technologies}) ergeben sich diese Felder:",
        "Your core technologies ({technologies}) lead to these fields:",
    ),
    "partners": ("Passende Partner im Netzwerk", "Matching partners in the network"),
    "education": ("Weiterbildung und Veranstaltungen", "Training and events"),
    "starts_on": ("ab", "from"),
    "roadmap": ("Fahrplan", "Roadmap"),
    "no_measures": ("Keine Maßnahme in diesem Zeitraum.", "No measure in this period."),
    "measure_owner": ("Verantwortlich: {value}", "Owner: {value}"),
    "measure_effort": ("Aufwand: {value}", "Effort: {value}"),
    "measure_funding": ("Förderung: {value}", "Funding: {value}"),
    "funding": ("Förderprogramme", "Funding programmes"),
    "programme": ("Programm", "Programme"),
    "fit": ("Passt zu", "Fits"),
    "rate": ("Förderquote / Höchstbetrag", "Rate / maximum"),
    "term": ("Laufzeit / Stand", "Term / as of"),
    "funding_ends": ("läuft bis {date}", "runs until {date}"),
    "funding_ending_soon": ("läuft am {date} aus", "ends on {date}"),
    "programme_as_of": ("Stand: {date}", "as of {date}"),
    "eligibility_unclear": ("Förderfähigkeit prüfen:", "Check eligibility:"),
    "contact": ("Kontakt", "Contact"),
    "no_funding": (
        "Zurzeit passt kein laufendes Programm zu Ihren Handlungsfeldern.",
        "No current programme fits your fields at the moment.",
    ),
    "funding_as_of": ("Stand der Förderdaten: {date}.", "Funding data as of {date}."),
    "funding_disclaimer": (
        "Alle Angaben ohne Gewähr. Förderbedingungen ändern sich häufig; maßgeblich sind allein "
        "die Richtlinien der Fördergeber. Ein Anspruch auf Förderung entsteht nicht.",
        "All information without guarantee. Funding terms change often; only the funders' own "
        "guidelines apply. No entitlement to funding arises.",
    ),
    "next_step": ("Nächster Schritt: Transformationsgespräch", "Next step: transformation meeting"),
    "next_step_intro": (
        "Eine Beraterin oder ein Berater des Clusters bespricht die Ergebnisse mit Ihnen – "
        "kostenfrei und vertraulich. Vorgeschlagene Tagesordnung:",
        "An advisor of the cluster discusses the results with you – free of charge and "
        "confidential. Proposed agenda:",
    ),
    "advisor": (
        "Ihre Ansprechperson im Cluster wird Ihnen bei der Buchung angezeigt und meldet sich "
        "vorab bei Ihnen.",
        "Your advisor at the cluster is shown when you book and gets in touch beforehand.",
    ),
    "booking": ("Termin buchen", "Book a meeting"),
    "appendix": ("Anhang: Methodik und Antworten", "Appendix: methodology and answers"),
    "methodology": ("Methodik", "Methodology"),
    # The figures are the ruleset's, from the event ({prod} "60 %", {readiness_weights}
    # "Strategie 20 %, ...", {exposure_from} "50"); methodology_general says it without them.
    "methodology_text": (
        "Die Betroffenheit E (0–100, höher = stärker betroffen) ergibt sich zu {prod} aus dem "
        "Produktportfolio (Umsatzanteile nach Abhängigkeit vom Verbrennungsmotor, "
        "Vertragslaufzeit, Neuaufträge), zu {cust} aus der Kundenstruktur und zu {press} aus "
        "Energie- und Belegschaftsdruck. Die Handlungsfähigkeit R (0–100, höher = besser) ist "
        "das gewichtete Mittel der Handlungsfelder ({readiness_weights}). Beide Werte werden "
        "nie verrechnet; die Klasse A–D folgt aus E ≥ {exposure_from} und R ≥ {readiness_from}. "
        "Die Priorität ist E · (100 − R) / 100. {unanswered}",
        "Exposure E (0–100, higher = more at risk) comes {prod} from the product portfolio "
        "(revenue shares by dependence on the combustion engine, contract horizon, new "
        "nominations), {cust} from the customer structure and {press} from energy and workforce "
        "pressure. Readiness R (0–100, higher = better) is the weighted mean of the fields of "
        "action ({readiness_weights}). The two are never merged; class A–D follows from "
        "E ≥ {exposure_from} and R ≥ {readiness_from}. The priority is E · (100 − R) / 100. "
        "{unanswered}",
    ),
    "methodology_economy": (
        "Eine angespannte wirtschaftliche Lage (Umsatzentwicklung, Auslastung, "
        "Auftragsbestand) hebt E an, senkt es aber nie; ein Verlust bei dünnem Eigenkapital "
        "oder stark sinkendem Umsatz hebt E mindestens in die obere Hälfte.",
        "A strained economic situation (revenue trend, capacity utilisation, order backlog) "
        "raises E but never lowers it; a loss with thin equity or sharply falling revenue "
        "lifts E into the upper half at least.",
    ),
    "methodology_general": (
        "Die Betroffenheit E (0–100, höher = stärker betroffen) ergibt sich aus dem "
        "Produktportfolio, der Kundenstruktur und dem Energie- und Belegschaftsdruck; die "
        "Handlungsfähigkeit R (0–100, höher = besser) ist das gewichtete Mittel der "
        "Handlungsfelder. Beide Werte werden nie verrechnet; die Klasse A–D folgt aus je einer "
        "Schwelle für E und R. Die Priorität ist E · (100 − R) / 100. {unanswered}",
        "Exposure E (0–100, higher = more at risk) comes from the product portfolio, the "
        "customer structure and energy and workforce pressure; readiness R (0–100, higher = "
        "better) is the weighted mean of the fields of action. The two are never merged; class "
        "A–D follows from one threshold each for E and R. The priority is E · (100 − R) / 100. "
        "{unanswered}",
    ),
    "unanswered": (
        "Nicht beantwortete Fragen zählen nicht als 0: Das Handlungsfeld wird über die "
        "beantworteten Fragen gewichtet, und die Datenbasis zeigt, wie vollständig die "
        "Angaben waren.",
        "Unanswered questions never count as 0: a field is weighted over the questions "
        "answered, and the data completeness shows how complete the answers were.",
    ),
    "versions": (
        "Regelwerk {ruleset}, Fragebogen {questionnaire}, ausgewertet am {date}.",
        "Ruleset {ruleset}, questionnaire {questionnaire}, scored on {date}.",
    ),
    "answers": ("Ihre Antworten", "Your answers"),
    "question": ("Frage", "Question"),
    "answer": ("Antwort", "Answer"),
    "other": ("Weitere Angaben", "Other answers"),
    "none_selected": ("keine", "none"),
    "privacy": (
        "Dieser Bericht enthält vertrauliche Unternehmensdaten und ist nur für den Empfänger "
        "bestimmt.",
        "This report contains confidential company data and is meant for its recipient only.",
    ),
}


def pick(texts: Texts, key: str, language: str) -> str:
    """The text in the report's language; an id nobody wrote a text for reads as itself."""
    pair = texts.get(key)
    if pair is None:
        return key.replace("_", " ")
    return pair[LANGUAGES.index(language)]
