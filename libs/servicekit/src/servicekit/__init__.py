"""Operational basics shared by every Wegweiser service process."""
