#!/bin/sh
# The quotes in examples/sample.jsonl as TSV, one row per quote. Run from the repository root:
#
#     sh examples/jsonl_input.sh
set -eu
quotes extract examples/sample.jsonl --format tsv
