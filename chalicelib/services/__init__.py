"""Use cases: each request's domain rules, store calls and audit record, in order."""
