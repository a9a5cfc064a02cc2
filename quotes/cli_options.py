"""What the commands share: the output formats and the options several of them take, defined once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


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
