"""python -m quotes"""

from quotes.cli import main

main()
