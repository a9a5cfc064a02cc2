"""The command line: parse options, call the library, print. Nothing else lives here."""

from __future__ import annotations

import itertools
import os
import sys
import time
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional, TextIO

import typer

from quotes.errors import QuotesError

app = typer.Typer(
    help=(
        "Find who said what in news articles.\n\n"
        "Example:\n\n"
        "    quotes extract seeds/            # every quote in the sample articles, with its speaker\n\n"
        "    quotes extract news.jsonl --format tsv > quotes.tsv"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """Find who said what in news articles."""


class Format(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    jsonl = "jsonl"


class EncodingErrors(str, Enum):
    strict = "strict"
    replace = "replace"
    ignore = "ignore"


# Options shared by every command that reads articles or lists rows, defined once.
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output: a table for reading, or tsv/csv/jsonl for tools.")
]
OutletOption = Annotated[
    Optional[str], typer.Option(help="Outlet for articles that do not name their own.")
]
EncodingOption = Annotated[
    EncodingErrors,
    typer.Option(help="What to do with bytes that are not UTF-8: stop (strict), or replace/ignore them."),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad file or line instead of skipping it.")
]


@app.command(
    epilog=(
        "Examples:\n\n"
        "    quotes extract seeds/\n\n"
        "    quotes extract article.txt --all            # also scare quotes, titles, nicknames\n\n"
        "    quotes extract dump.jsonl --outlet Reuters --format tsv -o quotes.tsv"
    )
)
def extract(
    paths: Annotated[list[Path], typer.Argument(help=".txt or .jsonl files, or folders of them.")],
    format: FormatOption = Format.table,
    all_spans: Annotated[
        bool, typer.Option("--all", help="Also list quoted spans that are not quotes, with their kind.")
    ] = False,
    outlet: OutletOption = None,
    encoding_errors: EncodingOption = EncodingErrors.strict,
    strict: StrictOption = False,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
) -> None:
    """List every quotation in the articles with its speaker and cue, traceable by offsets."""
    from quotes.attribute import quotes_in
    from quotes.ingest import read_articles
    from quotes.render import QUOTE_COLUMNS, quote_row, write_rows
    from quotes.types import QUOTE

    progress = _Progress()

    def rows() -> Iterator[dict[str, object]]:
        for article in read_articles(
            [str(p) for p in paths], outlet=outlet, encoding_errors=encoding_errors.value,
            strict=strict, warn=progress.warn,
        ):
            found = quotes_in(article)
            progress.tick(len(found))
            for quote in found:
                if all_spans or quote.kind == QUOTE:
                    yield quote_row(article, quote)

    columns = QUOTE_COLUMNS
    table_columns = ("article", "speaker", "cue", "kind", "quote") if all_spans else None
    with _errors_to_exit():
        pending = rows()
        first = next(pending, None)  # bad paths fail here, before a header or a file is written
        with _open_output(output) as out:
            found = itertools.chain([first] if first is not None else [], pending)
            write_rows(found, columns=columns, fmt=format.value, out=out, table_columns=table_columns)
    progress.done()


class _Progress:
    """Articles and quotes so far, on stderr, only when it is a terminal and the run is long."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = self.started
        self.articles = self.quotes = 0
        self.live = sys.stderr.isatty()

    def tick(self, quotes: int) -> None:
        self.articles += 1
        self.quotes += quotes
        now = time.monotonic()
        if self.live and now - self.shown > 0.5 and now - self.started > 2:
            self.shown = now
            rate = self.articles / (now - self.started)
            print(f"\r{self.articles} articles, {self.quotes} spans, {rate:.0f}/s", end="", file=sys.stderr)

    def warn(self, message: str) -> None:
        print(("\n" if self.shown > self.started else "") + f"warning: {message}", file=sys.stderr)

    def done(self) -> None:
        if self.shown > self.started:
            print(file=sys.stderr)


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """The library's errors become one line on stderr and exit code 1; no traceback."""
    try:
        yield
    except QuotesError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file that appears whole or not at all: rows go to a temporary
    file beside it, renamed over it only when every row is written."""
    if path is None:
        yield sys.stdout
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        handle = open(partial, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise QuotesError(f"{path}: cannot write: {error.strerror}; choose another --output path") from None
    try:
        with handle:
            yield handle
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def main() -> None:
    app()
