"""The HTTP surface: authentication, problem responses, models, routes and OpenAPI."""
