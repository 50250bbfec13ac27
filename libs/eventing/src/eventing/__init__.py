"""Wegweiser's wire contract (envelope, event schemas, topics) and Kafka plumbing.

Publishing goes through the outbox (`eventing.outbox`), consuming through the worker loop
(`eventing.worker`) with the inbox (`eventing.inbox`) making effects happen once.
"""
