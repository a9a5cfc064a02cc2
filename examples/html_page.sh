#!/bin/sh
# The quotes in a saved web page. trafilatura finds the article's text, title, date and site
# name; the menu, the related links and the reader comments (which hold quotes of their own)
# are left out. Run from the repository root:
#
#     sh examples/html_page.sh
set -eu
quotes extract examples/news_page.html
# Every column, for tools: the offsets index the extracted text that `quotes add` stores.
quotes extract examples/news_page.html --format jsonl
