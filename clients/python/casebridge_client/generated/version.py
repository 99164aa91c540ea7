"""The version of the API document this client was generated from (`make client`)."""

__version__ = "0.3.0"
