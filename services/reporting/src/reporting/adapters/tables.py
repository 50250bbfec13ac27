"""The reporting service's own tables (the outbox, inbox, erasure ledger and link cut-offs
come from eventing.tables)."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Uuid

from servicekit.db import UTCDateTime

metadata = MetaData()

STATUS_GENERATED, STATUS_FAILED = "generated", "failed"

# One report per assessment: its id is derived from the assessment's, and the unique
# assessment id makes a second report impossible even if the inbox were bypassed.
reports = Table(
    "reports",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("assessment_id", Uuid, nullable=False, unique=True),
    Column("company_id", Uuid, nullable=False),
    Column("status", String(20), nullable=False),
    Column("language", String(2), nullable=False),
    Column("file_key", String(200)),
    Column("sha256", String(64)),
    Column("pages", Integer),
    Column("attempts", Integer, nullable=False),
    Column("failure", String(500)),
    Column("created_at", UTCDateTime, nullable=False),
)

# The benchmark read model: readiness scores of assessments whose companies consented to
# anonymised benchmarking, with the profile fields that define a cohort. Nothing else.
READINESS_DIMENSIONS = ("strategy", "innovation", "digital", "energy", "workforce", "finance")

benchmark_scores = Table(
    "benchmark_scores",
    metadata,
    Column("assessment_id", Uuid, primary_key=True),
    Column("employees", String(20), nullable=False),
    Column("main_segment", String(30), nullable=False),
    *(Column(dimension, Float) for dimension in READINESS_DIMENSIONS),
    Column("scored_at", UTCDateTime, nullable=False),
    Index("ix_benchmark_scores_cohort", "employees", "main_segment"),
)
