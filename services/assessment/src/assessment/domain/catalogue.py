"""The recommendation catalogue of a ruleset: dated, versioned data, never code.

Each entry names the dimensions it helps with; the scoring picks entries for the weak
dimensions. Text limits are those of the `assessment.scored` event, so every entry fits.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any, Literal, TypeVar, get_args

from assessment.domain.reading import Node, unique_ids
from assessment.domain.texts import LocalizedText

Horizon = Literal["quick_win", "project", "new_business_field"]
HORIZONS: tuple[Horizon, ...] = get_args(Horizon)
EducationKind = Literal["module", "event"]
EDUCATION_KINDS: tuple[EducationKind, ...] = get_args(EducationKind)
CATALOGUE_LISTS = ("measures", "technologies", "education", "partners", "funding", "agenda")
T = TypeVar("T")


@dataclass(frozen=True)
class Measure:
    id: str
    dimension: str
    horizon: Horizon
    title: LocalizedText
    text: LocalizedText | None = None
    # Only for companies with one of these core technologies (empty: for everyone).
    core_technologies: tuple[str, ...] = ()
    # Who in the company leads it and roughly how long it takes (from ruleset 2026.2).
    owner: LocalizedText | None = None
    effort: LocalizedText | None = None
    # Programme ids that can pay for it, preferred first: the first the company is offered
    # is named beside the measure (a small firm's Digitalbonus before a larger firm's BayTFS).
    funding: tuple[str, ...] = ()


@dataclass(frozen=True)
class Technology:
    """A technology or opportunity field, matched by weak dimension or by core technology."""

    id: str
    title: LocalizedText
    text: LocalizedText | None = None
    dimensions: tuple[str, ...] = ()
    core_technologies: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Education:
    id: str
    kind: EducationKind
    title: LocalizedText
    dimensions: tuple[str, ...]
    text: LocalizedText | None = None
    starts_on: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    topic: LocalizedText
    dimensions: tuple[str, ...] = ()
    # From 2026.2: where the institution and its offer were confirmed, and when.
    source_url: str | None = None
    verified_on: date | None = None


@dataclass(frozen=True)
class Eligibility:
    min_employees_band: str | None = None
    max_employees_band: str | None = None
    bavarian_site: bool = False
    min_project_eur: float | None = None
    # From 2026.2 the rules as the guidelines word them, in numbers, so the bands of the
    # questionnaire may change without the rules changing (eligibility.py reads them).
    max_employees: int | None = None
    # Above this many staff only a joint project with an SME ("nur im Verbund mit KMU").
    cooperation_only_above: int | None = None
    requires_sme: bool = False
    # With both: either limit suffices, as in the EU SME definition.
    max_revenue_eur: float | None = None
    max_balance_sheet_eur: float | None = None
    # Below it (or unknown) the programme is "unclear", never excluded: it is open to all
    # sizes, and only pays off where energy use is high.
    min_energy_cost_share: float | None = None
    # Only in the regional aid areas (Bavarian regional aid): which districts those are is
    # not in the data, so the programme is "unclear" for everyone and says what to check.
    aid_area_only: bool = False

    def rules(self) -> tuple[str, ...]:
        """The names of the rules this entry encodes; each must name its source."""
        values = ((name, getattr(self, name)) for name in _RULE_NAMES)
        return tuple(name for name, value in values if value is not None and value is not False)


_RULE_NAMES = (
    "min_employees_band",
    "max_employees_band",
    "bavarian_site",
    "min_project_eur",
    "max_employees",
    "cooperation_only_above",
    "requires_sme",
    "max_revenue_eur",
    "max_balance_sheet_eur",
    "min_energy_cost_share",
    "aid_area_only",
)
# Rules that need the size ranges of recommendations.eligibility to be decided.
SIZE_RULES = _RULE_NAMES[4:]


@dataclass(frozen=True)
class Source:
    """Where encoded rules stand: the guideline's name, date and section, and its address.
    A date or section is None where the source seen does not give it."""

    url: str
    guideline: str
    issued_on: date | None
    section: str | None
    rules: tuple[str, ...]


@dataclass(frozen=True)
class FundingProgramme:
    id: str
    name: LocalizedText
    fit: LocalizedText
    rate: LocalizedText
    contact: str
    url: str
    # The legal end of the programme or of its current guideline; None: open-ended.
    ends_on: date | None
    # When someone last checked these facts, and when they must be checked again. A
    # review date is not an end: a programme past it is still offered, marked with its date.
    verified_on: date
    review_by: date
    dimensions: tuple[str, ...]
    eligibility: Eligibility = field(default_factory=Eligibility)
    sources: tuple[Source, ...] = ()

    def runs_on(self, day: date) -> bool:
        return self.ends_on is None or day <= self.ends_on

    def ends_within(self, day: date, days: int) -> bool:
        return self.ends_on is not None and day <= self.ends_on <= day + timedelta(days=days)

    def review_overdue_on(self, day: date) -> bool:
        return day > self.review_by


@dataclass(frozen=True)
class AgendaPoint:
    """A topic for the Transformationsgespräch: always, or for some classes or dimensions."""

    id: str
    title: LocalizedText
    text: LocalizedText | None = None
    classes: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    measures: tuple[Measure, ...]
    technologies: tuple[Technology, ...]
    education: tuple[Education, ...]
    partners: tuple[Partner, ...]
    funding: tuple[FundingProgramme, ...]
    agenda: tuple[AgendaPoint, ...]

    # Built once per loaded ruleset: every scoring looks entries up by dimension and id.
    @cached_property
    def by_dimension(self) -> Mapping[str, Mapping[str, tuple[Any, ...]]]:
        """Per list ("measures", ...), each dimension's entries in catalogue order."""
        return {
            "measures": _index(self.measures, lambda m: (m.dimension,)),
            "technologies": _index(self.technologies, lambda t: t.dimensions),
            "education": _index(self.education, lambda e: e.dimensions),
            "partners": _index(self.partners, lambda p: p.dimensions),
            "funding": _index(self.funding, lambda f: f.dimensions),
        }

    @cached_property
    def partners_by_id(self) -> Mapping[str, Partner]:
        return {partner.id: partner for partner in self.partners}

    def review_overdue(self, day: date) -> tuple[FundingProgramme, ...]:
        """Programmes still running on `day` whose facts are past their review date."""
        return tuple(p for p in self.funding if p.runs_on(day) and p.review_overdue_on(day))


def _index(
    entries: tuple[T, ...], dimensions_of: Callable[[T], Iterable[str]]
) -> dict[str, tuple[T, ...]]:
    index: dict[str, list[T]] = {}
    for entry in entries:
        for dimension in dict.fromkeys(dimensions_of(entry)):  # an entry once per dimension
            index.setdefault(dimension, []).append(entry)
    return {dimension: tuple(found) for dimension, found in index.items()}


@dataclass(frozen=True)
class CatalogueContext:
    """What catalogue entries may refer to."""

    dimensions: Collection[str]
    core_technologies: Collection[str]
    employee_bands: tuple[str, ...]
    classes: Collection[str]
    # Whether the ruleset defines the size ranges the numeric rules (SIZE_RULES) need.
    size_ranges: bool = False
    # From 2026.2 every programme names its sources and every partner its source_url and
    # verified_on: the catalogue advises by name, so each name must be citable.
    sources_required: bool = False


def read_catalogue(node: Node, context: CatalogueContext) -> Catalogue:
    node.fields(required=CATALOGUE_LISTS)
    partners = tuple(_partner(n, context) for n in _entries(node, "partners"))
    partner_ids = {partner.id for partner in partners}
    funding = tuple(_funding(n, context) for n in _entries(node, "funding"))
    funding_ids = {programme.id for programme in funding}
    return Catalogue(
        measures=tuple(_measure(n, context, funding_ids) for n in _entries(node, "measures")),
        technologies=tuple(
            _technology(n, context, partner_ids) for n in _entries(node, "technologies")
        ),
        education=tuple(_education(n, context) for n in _entries(node, "education")),
        partners=partners,
        funding=funding,
        agenda=tuple(_agenda(n, context) for n in _entries(node, "agenda")),
    )


def _entries(node: Node, key: str) -> list[Node]:
    return [entry for _, entry in unique_ids(node.get(key).elements(min_length=1))]


def _ids(node: Node | None, allowed: Collection[str], *, min_length: int = 0) -> tuple[str, ...]:
    if node is None:
        return ()
    return tuple(entry.one_of(sorted(allowed)) for entry in node.elements(min_length=min_length))


def _optional_text(node: Node, key: str, max_length: int) -> LocalizedText | None:
    value = node.maybe(key)
    return value.localized(max_length) if value else None


def _measure(node: Node, context: CatalogueContext, funding_ids: set[str]) -> Measure:
    node.fields(
        required=("id", "dimension", "horizon", "title"),
        optional=("text", "core_technologies", "owner", "effort", "funding"),
    )
    return Measure(
        id=node.get("id").identifier(),
        dimension=node.get("dimension").one_of(sorted(context.dimensions)),
        horizon=node.get("horizon").one_of(HORIZONS),
        title=node.get("title").localized(200),
        text=_optional_text(node, "text", 2000),
        core_technologies=_ids(node.maybe("core_technologies"), context.core_technologies),
        owner=_optional_text(node, "owner", 100),
        effort=_optional_text(node, "effort", 100),
        funding=_ids(node.maybe("funding"), funding_ids),
    )


def _technology(node: Node, context: CatalogueContext, partner_ids: set[str]) -> Technology:
    node.fields(
        required=("id", "title"),
        optional=("text", "dimensions", "core_technologies", "partners"),
    )
    technology = Technology(
        id=node.get("id").identifier(),
        title=node.get("title").localized(200),
        text=_optional_text(node, "text", 2000),
        dimensions=_ids(node.maybe("dimensions"), context.dimensions),
        core_technologies=_ids(node.maybe("core_technologies"), context.core_technologies),
        partners=_ids(node.maybe("partners"), partner_ids),
    )
    if not technology.dimensions and not technology.core_technologies:
        node.fail("needs dimensions or core_technologies, else it is never recommended")
    return technology


def _education(node: Node, context: CatalogueContext) -> Education:
    node.fields(
        required=("id", "kind", "title", "dimensions"), optional=("text", "starts_on", "url")
    )
    starts_on = node.maybe("starts_on")
    url = node.maybe("url")
    return Education(
        id=node.get("id").identifier(),
        kind=node.get("kind").one_of(EDUCATION_KINDS),
        title=node.get("title").localized(200),
        dimensions=_ids(node.get("dimensions"), context.dimensions, min_length=1),
        text=_optional_text(node, "text", 2000),
        starts_on=starts_on.iso_date() if starts_on else None,
        url=url.url() if url else None,
    )


def _partner(node: Node, context: CatalogueContext) -> Partner:
    sourced = ("source_url", "verified_on")
    node.fields(
        required=("id", "name", "topic", *(sourced if context.sources_required else ())),
        optional=("dimensions", *(() if context.sources_required else sourced)),
    )
    source_url, verified_on = node.maybe("source_url"), node.maybe("verified_on")
    return Partner(
        id=node.get("id").identifier(),
        name=node.get("name").text(200),
        topic=node.get("topic").localized(300),
        dimensions=_ids(node.maybe("dimensions"), context.dimensions),
        source_url=source_url.url() if source_url else None,
        verified_on=verified_on.iso_date() if verified_on else None,
    )


def _funding(node: Node, context: CatalogueContext) -> FundingProgramme:
    node.fields(
        required=(
            "id",
            "name",
            "fit",
            "rate",
            "contact",
            "url",
            "ends_on",
            "verified_on",
            "review_by",
            "dimensions",
            *(("sources",) if context.sources_required else ()),
        ),
        optional=("eligibility", "note", *(() if context.sources_required else ("sources",))),
    )
    if node.maybe("note"):
        node.get("note").text()
    ends_on = node.get("ends_on")
    programme = FundingProgramme(
        id=node.get("id").identifier(),
        name=node.get("name").localized(200),
        fit=node.get("fit").localized(1000),
        rate=node.get("rate").localized(300),
        contact=node.get("contact").text(300),
        url=node.get("url").url(),
        ends_on=None if ends_on.value is None else ends_on.iso_date(),
        verified_on=node.get("verified_on").iso_date(),
        review_by=node.get("review_by").iso_date(),
        dimensions=_ids(node.get("dimensions"), context.dimensions, min_length=1),
        eligibility=_eligibility(node.maybe("eligibility"), context),
        sources=_sources(node.maybe("sources")),
    )
    if programme.review_by < programme.verified_on:
        node.get("review_by").fail("is before verified_on")
    if programme.sources:
        # Once a programme names sources, every rule it encodes must be among them.
        sourced = {rule for source in programme.sources for rule in source.rules}
        unsourced = [rule for rule in programme.eligibility.rules() if rule not in sourced]
        if unsourced:
            node.get("sources").fail(f"name no source for {', '.join(unsourced)}")
    return programme


def _sources(node: Node | None) -> tuple[Source, ...]:
    if node is None:
        return ()
    sources = []
    for entry in node.elements(min_length=1):
        entry.fields(required=("url", "guideline", "issued_on", "section", "rules"))
        issued_on, section = entry.get("issued_on"), entry.get("section")
        sources.append(
            Source(
                url=entry.get("url").url(),
                guideline=entry.get("guideline").text(300),
                issued_on=None if issued_on.value is None else issued_on.iso_date(),
                section=None if section.value is None else section.text(100),
                rules=tuple(rule.one_of(_RULE_NAMES) for rule in entry.get("rules").elements()),
            )
        )
    return tuple(sources)


def _eligibility(node: Node | None, context: CatalogueContext) -> Eligibility:
    if node is None:
        return Eligibility()
    node.fields(required=(), optional=_RULE_NAMES)
    if not context.size_ranges:
        for rule in SIZE_RULES:
            if node.maybe(rule):
                node.get(rule).fail("needs recommendations.eligibility with the size ranges")
    lowest, highest = node.maybe("min_employees_band"), node.maybe("max_employees_band")

    def flag(key: str) -> bool:
        return node.get(key).boolean() if node.maybe(key) else False

    def amount(key: str) -> float | None:
        return node.get(key).number(0) if node.maybe(key) else None

    def staff(key: str) -> int | None:
        return node.get(key).integer(1) if node.maybe(key) else None

    eligibility = Eligibility(
        min_employees_band=lowest.one_of(context.employee_bands) if lowest else None,
        max_employees_band=highest.one_of(context.employee_bands) if highest else None,
        bavarian_site=flag("bavarian_site"),
        min_project_eur=amount("min_project_eur"),
        max_employees=staff("max_employees"),
        cooperation_only_above=staff("cooperation_only_above"),
        requires_sme=flag("requires_sme"),
        max_revenue_eur=amount("max_revenue_eur"),
        max_balance_sheet_eur=amount("max_balance_sheet_eur"),
        min_energy_cost_share=(
            node.get("min_energy_cost_share").number(0, 100)
            if node.maybe("min_energy_cost_share")
            else None
        ),
        aid_area_only=flag("aid_area_only"),
    )
    if eligibility.max_balance_sheet_eur is not None and eligibility.max_revenue_eur is None:
        node.get("max_balance_sheet_eur").fail("is an alternative to max_revenue_eur, not alone")
    bands = context.employee_bands
    if (
        eligibility.min_employees_band
        and eligibility.max_employees_band
        and bands.index(eligibility.min_employees_band)
        > bands.index(eligibility.max_employees_band)
    ):
        node.get("max_employees_band").fail("is below min_employees_band")
    return eligibility


def _agenda(node: Node, context: CatalogueContext) -> AgendaPoint:
    node.fields(required=("id", "title"), optional=("text", "classes", "dimensions"))
    return AgendaPoint(
        id=node.get("id").identifier(),
        title=node.get("title").localized(200),
        text=_optional_text(node, "text", 2000),
        classes=_ids(node.maybe("classes"), context.classes),
        dimensions=_ids(node.maybe("dimensions"), context.dimensions),
    )
