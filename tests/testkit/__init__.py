"""What tests of every tier share: small helpers for talking to the services as clients do.

The tests folder is on the import path (pytest puts the root conftest's folder there), so a
test imports `from testkit.web import bearer`.
"""
