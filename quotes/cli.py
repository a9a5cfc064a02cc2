"""The command line: parse options, call the library, print. Nothing else lives here."""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections import Counter
from contextlib import closing, contextmanager
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
        "    quotes add seeds/ && quotes reused   # store them, then the quotes several outlets carry\n\n"
        "    quotes said Shoigu               # everything one person is quoted saying\n\n"
        "    quotes export --claims -o claims.tsv"
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
DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="QUOTES_DB", help="The store: an SQLite file, created on first use."),
]
ModelOption = Annotated[
    Optional[str],
    typer.Option(help="A local sentence-transformers model folder instead of the shipped all-MiniLM-L6-v2."),
]
OutputOption = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad file or line instead of skipping it.")
]
MapOption = Annotated[
    Optional[str],
    typer.Option(
        "--map", metavar="FIELD=COLUMN,...",
        help="The CSV/TSV columns or JSON Lines keys that hold text, title, outlet, date, url or id, "
        "when not named so: text=body,date=pub_date.",
    ),
]
JobsOption = Annotated[
    Optional[int],
    typer.Option(
        "--jobs", "-j", show_default="all cores",
        help="Processes that extract quotes; 1 runs in this one. The output is the same for any number.",
    ),
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
    paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl, .csv, .tsv, .html or .warc files (or .gz/.bz2/.xz of them), or folders of them.")],
    format: FormatOption = Format.table,
    all_spans: Annotated[
        bool, typer.Option("--all", help="Also list quoted spans that are not quotes, with their kind.")
    ] = False,
    outlet: OutletOption = None,
    encoding_errors: EncodingOption = EncodingErrors.strict,
    strict: StrictOption = False,
    output: OutputOption = None,
    column_map: MapOption = None,
    jobs: JobsOption = None,
) -> None:
    """List every quotation in the articles with its speaker and cue, traceable by offsets."""
    from quotes.ingest import read_articles
    from quotes.parallel import extracted
    from quotes.render import QUOTE_COLUMNS, quote_row, write_rows
    from quotes.types import QUOTE

    progress = _Progress()

    def rows() -> Iterator[dict[str, object]]:
        articles = read_articles(
            [str(p) for p in paths], outlet=outlet, encoding_errors=encoding_errors.value,
            strict=strict, warn=progress.warn, column_map=column_map, on_skip=progress.skip,
        )
        for article, found in extracted(articles, jobs=jobs):
            progress.tick(len(found))
            for quote in found:
                if all_spans or quote.kind == QUOTE:
                    yield quote_row(article, quote)

    columns = QUOTE_COLUMNS
    table_columns = ("article", "speaker", "cue", "kind", "quote") if all_spans else None
    with _errors_to_exit(), closing(rows()) as pending:  # closed on Ctrl-C too: the workers stop
        first = next(pending, None)  # bad paths fail here, before a header or a file is written
        with _open_output(output) as out:
            found = itertools.chain([first] if first is not None else [], pending)
            write_rows(found, columns=columns, fmt=format.value, out=out, table_columns=table_columns)
    progress.done()


@app.command(
    epilog=(
        "Examples:\n\n"
        "    quotes add seeds/\n\n"
        "    quotes add dump.jsonl --outlet Reuters --db news.db"
    )
)
def add(
    paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl, .csv, .tsv, .html or .warc files (or .gz/.bz2/.xz of them), or folders of them.")],
    db: DbOption = Path("quotes.db"),
    model: ModelOption = None,
    outlet: OutletOption = None,
    encoding_errors: EncodingOption = EncodingErrors.strict,
    strict: StrictOption = False,
    column_map: MapOption = None,
    jobs: JobsOption = None,
) -> None:
    """Store articles with their quotes, then group the same quote across articles into claims.

    Adding an article again changes nothing; quote texts are embedded once and cached.
    """
    from quotes import track
    from quotes.parallel import job_count

    progress = _Progress()
    with _errors_to_exit():
        jobs = job_count(jobs)  # a bad --jobs fails before the store is created
        with _store(db) as store:
            summary = track.add(
                [str(p) for p in paths], store, outlet=outlet, encoding_errors=encoding_errors.value,
                strict=strict, warn=progress.warn, model=model, on_article=progress.tick,
                column_map=column_map, jobs=jobs,
            )
    progress.done(summary=False)  # the summary line below counts the skips
    typer.echo(summary.line())


@app.command(epilog="Example:\n\n    quotes speakers --format tsv")
def speakers(db: DbOption = Path("quotes.db"), format: FormatOption = Format.table) -> None:
    """List the speakers in the store with how many quotes and outlets each has."""
    from quotes import track
    from quotes.render import write_rows

    with _errors_to_exit(), _store(db, must_exist=True) as store:
        rows = (
            {"speaker": s.name, "quotes": s.quotes, "outlets": s.outlets, "aliases": ", ".join(s.aliases)}
            for s in track.speakers(store)
        )
        columns = ("speaker", "quotes", "outlets", "aliases")
        write_rows(rows, columns=columns, fmt=format.value, out=sys.stdout, table_columns=columns, empty="no speakers")


@app.command(epilog="Examples:\n\n    quotes said Shoigu\n\n    quotes said 'Sergei Shoigu' --format jsonl")
def said(
    name: Annotated[str, typer.Argument(help="A name, a surname or a spelling some article used.")],
    db: DbOption = Path("quotes.db"),
    format: FormatOption = Format.table,
) -> None:
    """List everything one speaker is quoted saying, with the claim each quote belongs to."""
    from quotes import track
    from quotes.render import write_rows

    with _errors_to_exit(), _store(db, must_exist=True) as store:
        wanted = track.matching_speakers(store, name)
        claim_of = {q: c for c, members in store.clusters().items() for q in members}
        rows = (
            {"speaker": o.speaker, "quote": o.text, "outlet": o.outlet, "published": o.published,
             "article": o.article, "claim": claim_of.get(o.id)}
            for o in store.occurrences() if o.speaker in wanted
        )
        columns = ("speaker", "quote", "outlet", "published", "article", "claim")
        write_rows(rows, columns=columns, fmt=format.value, out=sys.stdout,
                   table_columns=("speaker", "outlet", "claim", "quote"), empty=f"no quotes of {name}")


@app.command(epilog="Examples:\n\n    quotes reused\n\n    quotes reused --min-outlets 3 --format csv")
def reused(
    db: DbOption = Path("quotes.db"),
    min_outlets: Annotated[int, typer.Option(min=1, help="Only claims seen in at least this many outlets.")] = 2,
    format: FormatOption = Format.table,
) -> None:
    """List the claims that travel: seen in several outlets, most widespread first."""
    from quotes import track
    from quotes.render import CLAIM_COLUMNS, claim_row, write_rows

    with _errors_to_exit(), _store(db, must_exist=True) as store:
        found = [c for c in track.claims(store) if len(c.outlets) >= min_outlets]
        found.sort(key=lambda c: (-len(c.outlets), -c.articles, c.id))
        write_rows(map(claim_row, found), columns=CLAIM_COLUMNS, fmt=format.value, out=sys.stdout,
                   table_columns=("claim", "speaker", "outlets", "articles", "first_seen", "flags", "quote"),
                   empty=f"no claim seen in {min_outlets} or more outlets")


@app.command(epilog="Example:\n\n    quotes claim 12")
def claim(
    claim_id: Annotated[int, typer.Argument(metavar="ID", help="A claim number, as `quotes reused` lists them.")],
    db: DbOption = Path("quotes.db"),
    format: FormatOption = Format.table,
) -> None:
    """Show one claim: every occurrence with its outlet, date, article, speaker and wording."""
    from quotes import track
    from quotes.claims import word_diff
    from quotes.render import write_rows

    with _errors_to_exit(), _store(db, must_exist=True) as store:
        found = next((c for c in track.claims(store) if c.id == claim_id), None)
        if found is None:
            raise QuotesError(f"no claim {claim_id} in {db}; `quotes reused` lists the claims")
        if format == Format.table:
            typer.echo(f"claim {found.id}: {found.speaker or '(speaker unknown)'}: {found.quote}")
            typer.echo(f"{found.articles} articles in {len(found.outlets)} outlets, "
                       f"first seen {found.first_seen}, last seen {found.last_seen}"
                       + (f"; {', '.join(found.flags)}" if found.flags else ""))
        members = set(found.members)
        rows = (
            {"outlet": o.outlet, "published": o.published, "title": o.title, "article": o.article,
             "speaker": o.speaker, "quote": o.text, "diff": word_diff(found.quote, o.text)}
            for o in store.occurrences() if o.id in members
        )
        columns = ("outlet", "published", "title", "article", "speaker", "quote", "diff")
        write_rows(rows, columns=columns, fmt=format.value, out=sys.stdout,
                   table_columns=("outlet", "published", "title", "speaker", "diff", "quote"))


@app.command(
    epilog=(
        "Examples:\n\n"
        "    quotes export --claims -o claims.tsv\n\n"
        "    quotes export --quotes --format jsonl > quotes.jsonl"
    )
)
def export(
    claims: Annotated[bool, typer.Option("--claims", help="One row per claim.")] = False,
    quotes: Annotated[bool, typer.Option("--quotes", help="One row per quote, with its claim.")] = False,
    db: DbOption = Path("quotes.db"),
    format: Annotated[Format, typer.Option("--format", "-f", help="tsv (the default), csv or jsonl.")] = Format.tsv,
    output: OutputOption = None,
) -> None:
    """Write every claim or every quote with a header row and a stable column list.

    Text that starts with = + - @ gets a leading ' in tsv and csv, so that a spreadsheet
    shows it instead of running it as a formula.
    """
    from quotes import track
    from quotes.render import CLAIM_COLUMNS, EXPORT_QUOTE_COLUMNS, claim_row, write_rows

    with _errors_to_exit():
        if claims == quotes:
            raise QuotesError("give exactly one of --claims or --quotes")
        if format == Format.table:
            raise QuotesError("export writes tsv, csv or jsonl; use `quotes reused` for a table")
        with _store(db, must_exist=True) as store, _open_output(output) as out:
            if claims:
                rows, columns = map(claim_row, track.claims(store)), CLAIM_COLUMNS
            else:
                rows = ({**row, "claim": row.pop("cluster")} for row in store.quote_rows())
                columns = EXPORT_QUOTE_COLUMNS
            write_rows(rows, columns=columns, fmt=format.value, out=out, spreadsheet_safe=format != Format.jsonl)


@app.command(
    name="import",
    epilog=(
        "Examples:\n\n"
        "    quotes import run/ --claims run/clusters/     # after quotes spark extract and cluster\n\n"
        "    quotes import run/                            # cluster here instead"
    ),
)
def import_(
    folder: Annotated[Path, typer.Argument(help="The --output folder of `quotes spark extract`.")],
    claims: Annotated[
        Optional[Path], typer.Option(help="The --output folder of `quotes spark cluster`; without it, clusters are made here.")
    ] = None,
    db: DbOption = Path("quotes.db"),
    model: ModelOption = None,
) -> None:
    """Load a Spark run's Parquet output into the store, so every listing command works on it."""
    from quotes import track
    from quotes.parquet import load

    progress = _Progress()
    with _errors_to_exit(), _store(db) as store:
        added, stored, groups = load(folder, store, claims=claims, on_article=progress.tick)
        if claims is None:
            groups, _ = track.update(store, model=model, force=added > 0)
    progress.done(summary=False)
    typer.echo(f"{added} articles added, {stored} spans; {groups} {'claims' if claims else 'new clusters'}")


def _add_spark() -> None:
    from quotes.spark.cli import spark_app

    app.add_typer(spark_app, name="spark")


_add_spark()


@contextmanager
def _store(path: Path, *, must_exist: bool = False) -> Iterator["Store"]:
    from quotes.store import Store

    if must_exist and not path.exists():
        raise QuotesError(f"{path}: no such store; run `quotes add PATH...` first, or give --db")
    with Store(path) as store:
        yield store


class _Progress:
    """Articles and quotes so far, on stderr, only when it is a terminal and the run is long;
    at the end, the records skipped by reason, when the warnings alone do not say it."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = self.started
        self.articles = self.quotes = 0
        self.live = sys.stderr.isatty()
        self.skipped: dict[bool, Counter[str]] = {False: Counter(), True: Counter()}  # by failed
        self.unwarned = 0

    def skip(self, skip: "Skip") -> None:
        self.skipped[skip.failed][skip.reason] += 1
        self.unwarned += skip.quiet

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

    def done(self, *, summary: bool = True) -> None:
        if self.shown > self.started:
            print(file=sys.stderr)
        if summary and self.unwarned or sum(sum(c.values()) for c in self.skipped.values()) > 1:
            parts = [f"{self.articles} articles read"]
            for failed, word in ((False, "skipped"), (True, "failed")):
                if self.skipped[failed]:
                    reasons = ", ".join(f"{n} {reason}" for reason, n in self.skipped[failed].most_common())
                    parts.append(f"{sum(self.skipped[failed].values())} {word} ({reasons})")
            print("; ".join(parts), file=sys.stderr)


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
