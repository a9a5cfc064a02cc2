"""The command line: parse options, call the library, print. Nothing else lives here.

The options several commands share are ``quotes.cli_options``; `quotes speakers` and its
corrections are ``quotes.cli_speakers``; `quotes spark` is ``quotes.spark.cli``.
"""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from quotes.cli_options import (
    DbOption, EncodingErrors, EncodingOption, Format, FormatOption, JobsOption, MapOption, ModelOption, OutletOption,
    OutputOption, StrictOption,
)
from quotes.cli_speakers import speakers_app
from quotes.console import Progress, catch_sigterm, errors_to_exit, open_store, plural, table_width
from quotes.errors import QuotesError
from quotes.output import open_output
from quotes.terminal import visible

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


def _version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"quotes {_installed_version()}")
        raise typer.Exit()


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quotes")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(version unknown: not installed)"


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Find who said what in news articles."""
    catch_sigterm()


@app.command(
    epilog=(
        "Examples:\n\n"
        "    quotes extract seeds/\n\n"
        "    quotes extract article.txt --all            # also scare quotes, titles, nicknames\n\n"
        "    quotes extract article.txt --no-indirect    # quotations only, no reported speech\n\n"
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
    indirect: Annotated[
        bool, typer.Option("--indirect/--no-indirect",
                           help="Also list reported speech (kind indirect): who said what without quote marks.")
    ] = True,
) -> None:
    """List every quotation in the articles with its speaker and cue, traceable by offsets,
    and the speech they report without quote marks (kind indirect: `Smith said the plan failed`)."""
    from quotes.ingest import read_articles
    from quotes.parallel import extracted
    from quotes.render import QUOTE_COLUMNS, quote_row, write_rows
    from quotes.types import INDIRECT, QUOTE

    progress = Progress()
    listed = (QUOTE, INDIRECT) if indirect else (QUOTE,)
    read = object()  # marks the first article read, when it has no row to show

    def rows() -> Iterator[object]:
        articles = read_articles(
            [str(p) for p in paths], outlet=outlet, encoding_errors=encoding_errors.value,
            strict=strict, warn=progress.warn, column_map=column_map, on_skip=progress.skip,
        )
        for article, found in extracted(articles, jobs=jobs, indirect=indirect):
            progress.tick(sum(1 for quote in found if quote.kind == QUOTE))
            if progress.articles == 1:
                yield read
            for quote in found:
                if all_spans or quote.kind in listed:
                    yield quote_row(article, quote)

    table_columns = ("article", "speaker", "cue", "kind", "quote") if all_spans or indirect else None
    with errors_to_exit(), closing(rows()) as pending:  # closed on Ctrl-C too: the workers stop
        # Bad paths, and input with no article at all, fail here: before a header or a file.
        if next(pending, None) is None:
            raise progress.nothing_read() or QuotesError("no article could be read")
        with open_output(output) as out:
            write_rows(pending, columns=QUOTE_COLUMNS, fmt=format.value, out=out,
                       table_columns=table_columns, width=table_width() if output is None else None)
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
    indirect: Annotated[
        bool, typer.Option("--indirect/--no-indirect",
                           help="Also store reported speech (kind indirect), which `quotes said` lists as reported; "
                                "it joins no claim. Articles stored before without it get it.")
    ] = False,
) -> None:
    """Store articles with their quotes, then group the same quote across articles into claims.

    Adding an article again changes nothing; quote texts are embedded once and cached.
    """
    from quotes import track
    from quotes.parallel import job_count

    progress = Progress()
    with errors_to_exit():
        jobs = job_count(jobs)  # a bad --jobs fails before the store is opened
        # lazy: a new store file appears only once the first article is stored
        with open_store(db, lazy=True) as store:
            summary = track.add(
                [str(p) for p in paths], store, outlet=outlet, encoding_errors=encoding_errors.value,
                strict=strict, warn=progress.warn, model=model, on_article=progress.tick,
                column_map=column_map, on_skip=progress.skip, jobs=jobs, on_progress=progress.stage,
                indirect=indirect,
            )
    progress.done(summary=False)  # the summary line below counts the skips
    typer.echo(summary.line())


app.add_typer(speakers_app, name="speakers")


@app.command(epilog="Examples:\n\n    quotes said Shoigu\n\n    quotes said 'Sergei Shoigu' --format jsonl")
def said(
    name: Annotated[str, typer.Argument(help="A name, a surname or a spelling some article used.")],
    db: DbOption = Path("quotes.db"),
    format: FormatOption = Format.table,
) -> None:
    """List everything one speaker is quoted saying, with the claim each quote belongs to; speech
    reported without quote marks (stored by `quotes add --indirect`) is marked as reported, with
    the claim it reports (`reports`) where a quote of the same speaker says the same."""
    from quotes import track
    from quotes.render import write_rows

    with errors_to_exit(), open_store(db, must_exist=True) as store:
        wanted = track.matching_speakers(store, name)
        claim_of = {q: c for c, members in store.clusters().items() for q in members}
        reported = store.reported_ids()
        occurrences = store.occurrences(reported=True)
        reports = track.reports(store, occurrences, claim_of) if reported else {}
        rows = (
            {"speaker": o.speaker, "kind": "reported" if o.id in reported else "quote", "quote": o.text,
             "outlet": o.outlet, "published": o.published, "article": o.article, "claim": claim_of.get(o.id),
             "reports": reports[o.id].claim if o.id in reports else None}
            for o in occurrences if o.speaker in wanted
        )
        columns = ("speaker", "kind", "quote", "outlet", "published", "article", "claim", "reports")
        write_rows(rows, columns=columns, fmt=format.value, out=sys.stdout,
                   table_columns=("speaker", "kind", "outlet", "claim", "reports", "quote"), width=table_width(),
                   empty=f"no quotes of {name}")


@app.command(epilog="Examples:\n\n    quotes reused\n\n    quotes reused --min-outlets 3 --format csv")
def reused(
    db: DbOption = Path("quotes.db"),
    min_outlets: Annotated[int, typer.Option(min=1, help="Only claims seen in at least this many outlets.")] = 2,
    format: FormatOption = Format.table,
) -> None:
    """List the claims that travel: seen in several outlets, most widespread first."""
    from quotes import track
    from quotes.render import CLAIM_COLUMNS, claim_row, write_rows

    with errors_to_exit(), open_store(db, must_exist=True) as store:
        found = [c for c in track.claims(store) if len(c.outlets) >= min_outlets]
        found.sort(key=lambda c: (-len(c.outlets), -c.articles, c.id))
        write_rows(map(claim_row, found), columns=CLAIM_COLUMNS, fmt=format.value, out=sys.stdout,
                   table_columns=("claim", "speaker", "outlets", "articles", "first_seen", "flags", "quote"),
                   width=table_width(), empty=f"no claim seen in {min_outlets} or more outlets")


@app.command(epilog="Example:\n\n    quotes claim 12")
def claim(
    claim_id: Annotated[int, typer.Argument(metavar="ID", help="A claim number, as `quotes reused` lists them.")],
    db: DbOption = Path("quotes.db"),
    format: FormatOption = Format.table,
) -> None:
    """Show one claim: every occurrence with its outlet, date, article, speaker and wording, and
    the speech reported without quote marks that reports it (kind reported, no diff)."""
    from quotes import track
    from quotes.claims import word_diff
    from quotes.render import write_rows

    with errors_to_exit(), open_store(db, must_exist=True) as store:
        found = next((c for c in track.claims(store) if c.id == claim_id), None)
        if found is None:
            raise QuotesError(f"no claim {claim_id} in {db}; `quotes reused` lists the claims")
        if format == Format.table:
            typer.echo(visible(f"claim {found.id}: {found.speaker or '(speaker unknown)'}: {found.quote}"))
            typer.echo(visible(f"{plural(found.articles, 'article')} in {plural(len(found.outlets), 'outlet')}, "
                               f"first seen {found.first_seen}, last seen {found.last_seen}"
                               + (f"; {', '.join(found.flags)}" if found.flags else "")))
        members = set(found.members)
        reporting = {r.reported for r in track.reports(store).values() if r.claim == found.id} if store.reported_ids() else set()
        rows = (
            {"outlet": o.outlet, "published": o.published, "title": o.title, "article": o.article,
             "speaker": o.speaker, "kind": "quote" if o.id in members else "reported", "quote": o.text,
             "diff": word_diff(found.quote, o.text) if o.id in members else ""}
            for o in store.occurrences(reported=bool(reporting)) if o.id in members or o.id in reporting
        )
        columns = ("outlet", "published", "title", "article", "speaker", "kind", "quote", "diff")
        write_rows(rows, columns=columns, fmt=format.value, out=sys.stdout,
                   table_columns=("outlet", "published", "title", "speaker", "kind", "diff", "quote"), width=table_width())


@app.command(
    epilog=(
        "Examples:\n\n"
        "    quotes report -o report.html\n\n"
        "    quotes report --db news.db --min-outlets 3 -o report.html"
    )
)
def report(
    db: DbOption = Path("quotes.db"),
    output: OutputOption = None,
    min_outlets: Annotated[int, typer.Option(min=1, help="Only claims seen in at least this many outlets.")] = 2,
) -> None:
    """Write one HTML page of the claims that travel: wordings, outlets, speakers and time.

    The page is self-contained (no server, no network, nothing loaded from elsewhere): open it
    from disk or mail it. It has a search over words, speaker, outlet and flag.
    """
    from quotes.report import gather, render

    with errors_to_exit():
        with open_store(db, must_exist=True) as store:
            shown = gather(store, min_outlets=min_outlets, name=db.name)
        page = render(shown)
        with open_output(output) as out:
            out.write(page)
    if output is not None:
        typer.echo(visible(f"{output}: {plural(len(shown.claims), 'claim')} seen in {min_outlets} or more "
                           f"outlets, {len(page.encode('utf-8')) / 1000:,.0f} kB"), err=True)


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

    Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
    return) gets a leading ' in tsv and csv, as in every tsv and csv quotes writes.
    """
    from quotes import track
    from quotes.render import CLAIM_COLUMNS, EXPORT_QUOTE_COLUMNS, claim_row, write_rows

    with errors_to_exit():
        if claims == quotes:
            raise QuotesError("give exactly one of --claims or --quotes")
        if format == Format.table:
            raise QuotesError("export writes tsv, csv or jsonl; use `quotes reused` for a table")
        with open_store(db, must_exist=True) as store, open_output(output) as out:
            if claims:
                rows, columns = map(claim_row, track.claims(store)), CLAIM_COLUMNS
            else:  # a reported row's `reports`: the claim it reports, as `quotes said` shows it
                reports = track.reports(store) if store.reported_ids() else {}
                rows = ({**row, "claim": row.pop("cluster"), "reports": reports[row["id"]].claim if row["id"] in reports else None}
                        for row in store.quote_rows())
                columns = EXPORT_QUOTE_COLUMNS
            write_rows(rows, columns=columns, fmt=format.value, out=out)


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

    progress = Progress()
    with errors_to_exit(), open_store(db) as store:
        added, stored, groups = load(folder, store, claims=claims, on_article=progress.tick)
        if claims is None:
            groups, _ = track.update(store, model=model, force=added > 0, on_progress=progress.stage)
    progress.done(summary=False)
    typer.echo(f"{plural(added, 'article')} added, {plural(stored, 'quoted span')}; "
               f"{plural(groups, 'claim') if claims else plural(groups, 'new cluster')}")


def _add_spark() -> None:
    from quotes.spark.cli import spark_app

    app.add_typer(spark_app, name="spark")


_add_spark()


def main() -> None:
    app()
