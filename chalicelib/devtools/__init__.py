"""Development tools: the local stack, the dev identity providers and the stream pump.

Never imported by the Lambda functions; kept under `chalicelib/` so that tests, scripts and
the local stack share one copy.
"""
