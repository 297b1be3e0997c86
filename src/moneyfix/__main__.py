"""``python -m moneyfix``."""

from moneyfix.cli.app import main

main()
