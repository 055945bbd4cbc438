"""The `tijara` console script: every subcommand is a Django management command.

`tijara import-products …` runs the `import_products` command; `tijara --help` lists them all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")
    if not argv or argv[0] in {"-h", "--help"}:
        argv = ["help"]
    from django.core.management import ManagementUtility

    ManagementUtility(["tijara", *argv]).execute()


if __name__ == "__main__":
    main()
