#!/bin/sh
# The quotes in a CSV dump whose columns are not named text, title, date...: --map names
# them. Dates are read from ISO 8601, RFC 2822 and 'March 4, 2024' forms; the third row's
# 'early March' is kept as published_raw, left out of published, and reported once.
# Run from the repository root:
#
#     sh examples/csv_dump.sh
set -eu
quotes extract examples/dump.csv --map text=body,title=headline,date=pub_date,outlet=source,url=link,id=story_id \
    --format tsv
