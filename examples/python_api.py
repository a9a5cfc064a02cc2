"""Who said what in the sample articles, through the Python API.

Run from the repository root:

    python examples/python_api.py
"""

from pathlib import Path

from quotes import quotes_in, read_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    for article in read_articles([SEEDS]):
        print(f"== {article.title} ({article.outlet}, {article.published})")
        for quote in quotes_in(article):
            if quote.kind != "quote":
                continue  # scare quotes, titles, nicknames: not anyone's words
            who = quote.speaker or "(no speaker found)"
            print(f"  {who} [{quote.span.start}:{quote.span.end}]: {quote.text}")
            if quote.mention is not None:
                # Offsets index article.text, so every row can be checked against the page.
                assert article.text[quote.mention.start : quote.mention.end] == quote.mention.text
                cue = f", cue {quote.cue.text!r}" if quote.cue else ""
                print(f"      from {quote.mention.text!r} at {quote.mention.start}{cue}")
        print()


if __name__ == "__main__":
    main()
