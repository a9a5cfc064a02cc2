"""``quotes spark extract`` and ``quotes spark cluster``: the Spark jobs on the command line.

Also runnable by ``spark-submit`` through ``quotes/spark/__main__.py``, with the same
arguments; ``--master`` is then left to ``spark-submit``.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from quotes.console import errors_to_exit, warn

spark_app = typer.Typer(
    help=(
        "Run extraction and clustering as Spark jobs, for corpora one machine cannot hold.\n\n"
        "Needs the spark extra (pip install 'quotes[spark]') and Java 17.\n\n"
        "Example:\n\n"
        "    quotes spark extract news/ --output run/\n\n"
        "    quotes spark cluster run/ --output run/clusters/\n\n"
        "    quotes import run/ --claims run/clusters/ && quotes reused"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

MasterOption = Annotated[
    Optional[str],
    typer.Option(help="Spark master URL: local[*] (the default), local[4], spark://host:7077, yarn..."),
]


@spark_app.command(
    epilog=(
        "Examples:\n\n"
        "    quotes spark extract news/ dump.jsonl --output run/\n\n"
        "    quotes spark extract s3a://bucket/crawl/ --output s3a://bucket/run/ --master yarn"
    )
)
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .jsonl, .csv, .tsv, .html, .warc, possibly compressed): local paths or any URI Spark reads.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder to create: articles/ and quotes/ as Parquet, each row with its publication day in a date column.")],
    outlet: Annotated[Optional[str], typer.Option(help="Outlet for articles that do not name their own.")] = None,
    column_map: Annotated[Optional[str], typer.Option("--map", help="Where the fields are when not named so: text=body,date=pub_date.")] = None,
    encoding_errors: Annotated[str, typer.Option(help="What to do with bytes that are not UTF-8: strict, replace or ignore.")] = "strict",
    master: MasterOption = None,
    indirect: Annotated[bool, typer.Option("--indirect/--no-indirect", help="Also write reported speech (kind indirect), as `quotes add --indirect` stores it; it joins no claim.")] = False,
) -> None:
    """Find every quoted span of the articles, with speakers and cues, as a Spark job."""
    from quotes.spark.extract import extract as run
    from quotes.spark.session import spark_session

    with errors_to_exit():
        summary = run(spark_session(master), inputs, output, outlet=outlet, column_map=column_map,
                      encoding_errors=encoding_errors, indirect=indirect)
        for warning in summary.warnings:
            warn(warning)
    typer.echo(summary.line())


@spark_app.command(
    epilog=(
        "Example:\n\n"
        "    quotes spark cluster run/ --output run/clusters/\n\n"
        "    quotes import run/ --claims run/clusters/"
    )
)
def cluster(
    folder: Annotated[str, typer.Argument(help="The --output folder of `quotes spark extract`.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder to create: claims/ and vectors/ as Parquet.")],
    model: Annotated[Optional[str], typer.Option(help="A sentence-transformers model folder every worker can read (default: the shipped all-MiniLM-L6-v2).")] = None,
    master: MasterOption = None,
) -> None:
    """Group the quotes into claims as a Spark job: the same claims `quotes add` makes."""
    from quotes.spark.cluster import cluster_folder
    from quotes.spark.session import spark_session

    with errors_to_exit():
        summary = cluster_folder(spark_session(master), folder, output, model=model)
    typer.echo(summary.line())
