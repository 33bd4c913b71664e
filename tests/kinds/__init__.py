"""Tests of the check kinds (lcsprlint/kinds)."""
