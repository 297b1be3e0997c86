#!/bin/sh
# Rebuild the bundled rate history in rates/ from the source tables in shared/data/rates-sources.
#
#   scripts/build_rates.sh [SOURCES_DIR] [OUT_DIR]
#
# The sources and their order of precedence are moneyfix.rates.build.STEPS (see
# rates/README.md); the checkout's own importer does the work, so the same sources give
# byte-identical files.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PYTHONPATH="$here/src${PYTHONPATH:+:$PYTHONPATH}" exec python -m moneyfix.rates.build "$@"
