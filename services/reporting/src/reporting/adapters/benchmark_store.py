"""The benchmark read model: consented assessments' readiness scores, and their peers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from reporting.adapters.tables import READINESS_DIMENSIONS, benchmark_scores
from reporting.domain.benchmark import Benchmark, choose_benchmark


def peer_benchmark(db: Connection | Session, scored: Mapping[str, Any]) -> Benchmark:
    """Compare with every other consented assessment: the cohort's, else the region's."""
    company = scored["company"]
    rows = db.execute(
        select(benchmark_scores).where(benchmark_scores.c.assessment_id != scored["assessment_id"])
    ).all()
    region = [{d: getattr(row, d) for d in READINESS_DIMENSIONS} for row in rows]
    cohort = [
        peer
        for peer, row in zip(region, rows, strict=True)
        if row.employees == company["employees"] and row.main_segment == company["main_segment"]
    ]
    return choose_benchmark(cohort, region, READINESS_DIMENSIONS)


def add_to_benchmark(session: Session, scored: Mapping[str, Any]) -> None:
    """Count the assessment among the peers, if and only if the company consented."""
    if not scored["consents"]["benchmarking"]:
        return
    assessment_id: uuid.UUID = scored["assessment_id"]
    known = session.execute(
        select(benchmark_scores.c.assessment_id).where(
            benchmark_scores.c.assessment_id == assessment_id
        )
    ).first()
    if known is not None:
        return
    scores = {d["id"]: d["score"] for d in scored["scores"]["dimensions"]}
    session.execute(
        insert(benchmark_scores).values(
            assessment_id=assessment_id,
            employees=scored["company"]["employees"],
            main_segment=scored["company"]["main_segment"],
            scored_at=scored["scored_at"],
            **{dimension: scores.get(dimension) for dimension in READINESS_DIMENSIONS},
        )
    )
