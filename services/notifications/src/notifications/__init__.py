"""Notifications service: advisor desk, emails, and booking the Transformationsgespräch."""
