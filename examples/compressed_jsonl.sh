#!/bin/sh
# Compressed input is read as it is decompressed, a line at a time: .gz, .bz2 and .xz of any
# input kind. Run from the repository root:
#
#     sh examples/compressed_jsonl.sh
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gzip -c examples/sample.jsonl > "$dir/sample.jsonl.gz"
quotes extract "$dir/sample.jsonl.gz" --outlet Wire
