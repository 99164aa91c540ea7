"""The domain: state machines, access rules and records, with no AWS imports."""
