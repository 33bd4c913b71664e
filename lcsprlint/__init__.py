"""lcsprlint: a linter for draft Local Child Safeguarding Practice Reviews.

The package reads a draft into one document model (:mod:`lcsprlint.model`),
runs YAML rules over it (:mod:`lcsprlint.engine`, :mod:`lcsprlint.kinds`) and
reports findings (:mod:`lcsprlint.report`). Heavy modules are imported lazily so
that ``lcsprlint --version`` stays fast for pre-commit hooks.
"""

__version__ = "0.1.0"
