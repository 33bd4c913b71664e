"""Allow ``python -m lcsprlint``."""

from lcsprlint.cli import main

if __name__ == "__main__":
    main()
