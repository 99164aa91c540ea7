"""Command-line entry points for the local stack, tokens, notifications and benchmarks."""
