"""casebridge tests: specifications of the API, the domain and the event flow."""
