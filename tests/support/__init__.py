"""Helpers shared by the tests: fixtures are built in code, never committed as binaries."""
