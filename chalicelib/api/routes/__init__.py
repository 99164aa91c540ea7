"""Chalice blueprints, one per resource family."""
