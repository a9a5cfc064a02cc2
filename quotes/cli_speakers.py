"""`quotes speakers`: list the speakers in the store, and correct them (merge, split, rename, kind,
link, export, import). Kept in the store as corrections, so they hold when articles are added."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from quotes.cli_options import DbOption, Format, FormatOption, OutputOption
from quotes.console import errors_to_exit, open_store, plural, table_width
from quotes.errors import QuotesError
from quotes.output import open_output
from quotes.terminal import visible

speakers_app = typer.Typer(
    help="List the speakers in the store (one row per person or organisation), and correct them.",
    epilog=(
        "Examples:\n\n"
        "    quotes speakers --format tsv\n\n"
        "    quotes speakers merge 'Donald Trump' 'Trump'\n\n"
        "    quotes speakers split 'Ivana Trump'\n\n"
        "    quotes speakers export -o speakers.tsv && quotes speakers import speakers.tsv"
    ),
    invoke_without_command=True,
    rich_markup_mode=None,
)


class KindChoice(str, Enum):  # quotes.identity.KINDS, known without importing it
    person = "person"
    organisation = "organisation"
    unknown = "unknown"


@speakers_app.callback()
def speakers(ctx: typer.Context, db: DbOption = Path("quotes.db"), format: FormatOption = Format.table) -> None:
    """List the speakers in the store with their kind, quotes, outlets and aliases."""
    if ctx.invoked_subcommand is not None:
        return
    from quotes import track
    from quotes.render import write_rows

    with errors_to_exit(), open_store(db, must_exist=True) as store:
        table = format == Format.table  # a table says "person (ambiguous)"; tools get a column
        rows = (
            {"speaker": s.name, "kind": s.kind + (" (ambiguous)" if s.ambiguous and table else ""),
             "ambiguous": s.ambiguous, "quotes": s.quotes, "outlets": s.outlets, "aliases": ", ".join(s.aliases),
             "external_id": s.external_id}
            for s in track.speakers(store)
        )
        columns = ("speaker", "kind", "ambiguous", "quotes", "outlets", "aliases", "external_id")
        write_rows(rows, columns=columns, fmt=format.value, out=sys.stdout,
                   table_columns=("speaker", "kind", "quotes", "outlets", "aliases"), width=table_width(),
                   empty="no speakers")


def _correct(db: Path, action: str, name: str, value: str = "") -> None:
    """Keep one correction and say what the row is now."""
    from quotes import identity
    from quotes.corrections import correct

    with errors_to_exit(), open_store(db, must_exist=True) as store:
        found = correct(store, identity.Correction(action, name, value))
        shown = value if action == identity.RENAME else name
        rows = [r for r in found.identities if shown.casefold() in {n.casefold() for n in (r.name, *r.aliases)}]
        for row in rows[:1]:
            typer.echo(visible(f"{row.name}: {row.kind}; also {', '.join(row.aliases) or 'no other name'}"))


RowArgument = Annotated[str, typer.Argument(metavar="NAME", help="A row's name (or an alias), as `quotes speakers` lists it.")]


@speakers_app.command(epilog="Example:\n\n    quotes speakers merge 'Donald Trump' 'Donald J. Trump'")
def merge(into: RowArgument, other: Annotated[str, typer.Argument(metavar="OTHER", help="The row merged into NAME.")],
          db: DbOption = Path("quotes.db")) -> None:
    """Merge OTHER into NAME: one person. Kept in the store: later adds keep them one."""
    _correct(db, "merge", into, other)


@speakers_app.command(epilog="Example:\n\n    quotes speakers split 'Ivana Trump'")
def split(alias: Annotated[str, typer.Argument(metavar="ALIAS", help="A name as some article writes it.")],
          db: DbOption = Path("quotes.db")) -> None:
    """Give ALIAS a row of its own: someone else than the row it was in. Kept in the store."""
    _correct(db, "split", alias)


@speakers_app.command(epilog="Example:\n\n    quotes speakers rename 'Harry M. Reid' 'Harry Reid'")
def rename(name: RowArgument, new: Annotated[str, typer.Argument(metavar="NEW", help="The row's new name.")],
           db: DbOption = Path("quotes.db")) -> None:
    """Rename a row. Kept in the store: the row keeps the name when articles are added."""
    _correct(db, "rename", name, new)


@speakers_app.command(name="kind", epilog="Example:\n\n    quotes speakers kind 'White House' organisation")
def kind_(name: RowArgument, kind: Annotated[KindChoice, typer.Argument(metavar="KIND", help="person, organisation or unknown.")],
          db: DbOption = Path("quotes.db")) -> None:
    """Set whether a row is a person, an organisation or unknown. Kept in the store."""
    _correct(db, "kind", name, kind.value)


@speakers_app.command(epilog="Example:\n\n    quotes speakers link 'Donald Trump' Q22686")
def link(name: RowArgument, external_id: Annotated[str, typer.Argument(metavar="ID", help="A Wikidata QID or your own id.")],
         db: DbOption = Path("quotes.db")) -> None:
    """Give a row an external id, such as its Wikidata QID. Kept in the store."""
    _correct(db, "link", name, external_id)


@speakers_app.command(name="export", epilog="Example:\n\n    quotes speakers export -o speakers.tsv")
def export_speakers(db: DbOption = Path("quotes.db"), output: OutputOption = None) -> None:
    """Write the identity table as TSV: name, alias, kind, external_id; one line per alias."""
    from quotes import identity
    from quotes.corrections import TSV_COLUMNS, table_rows
    from quotes.render import write_rows

    with errors_to_exit(), open_store(db, must_exist=True) as store, open_output(output) as out:
        write_rows(table_rows(identity.current(store)), columns=TSV_COLUMNS, fmt="tsv", out=out)


@speakers_app.command(name="import", epilog="Example:\n\n    quotes speakers import speakers.tsv")
def import_speakers(table: Annotated[Path, typer.Argument(help="A TSV with name, alias and optional kind, external_id columns.")],
                    db: DbOption = Path("quotes.db")) -> None:
    """Make the rows what a TSV table says (each alias in the row named beside it, kinds and
    ids); kept in the store as corrections, so later adds keep them."""
    from quotes import identity
    from quotes.corrections import imported
    from quotes.render import read_tsv

    with errors_to_exit():
        try:
            with open(table, encoding="utf-8", newline="") as handle:
                rows = read_tsv(handle)
        except (OSError, UnicodeDecodeError) as error:
            raise QuotesError(f"{table}: cannot read it ({error.__class__.__name__}: {getattr(error, 'strerror', None) or error})") from None
        with open_store(db, must_exist=True) as store:
            corrections = imported(rows, identity.current(store))
            store.add_corrections(corrections)
            identity.refresh(store)
    typer.echo(f"{plural(len(corrections), 'correction')} kept from {plural(len(rows), 'line')}")
