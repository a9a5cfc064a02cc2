"""The user's corrections of speaker rows: checked against the store, kept there, and the
identity table as TSV (name, alias, kind, external id) for a newsroom's own records.

A correction is kept, never applied once: ``quotes.identity`` replays every one after its
rules each time they run, so merges, splits, renames, kinds and ids hold through later adds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from quotes.errors import QuotesError
from quotes.identity import ACTIONS, ALIAS, KIND, KINDS, LINK, MERGE, RENAME, SPLIT, Correction, Identities, Identity, current, refresh

if TYPE_CHECKING:
    from quotes.store import Store

# The identity table's columns: one line per alias, each row's own name first.
TSV_COLUMNS = ("name", "alias", "kind", "external_id")


def correct(store: Store, correction: Correction) -> Identities:
    """Check a user's correction against the store's rows, keep it, and run the rules again.

    Raises QuotesError, keeping nothing, when it names no row (or alias), when a rename
    would give two rows one name, or for a kind that is not one of KINDS.
    """
    rows = current(store)
    action, name, value = correction.action, correction.name.strip(), correction.value.strip()
    if action not in ACTIONS:
        raise QuotesError(f"unknown correction {action!r}; use one of {', '.join(ACTIONS)}")
    if not name or (action != SPLIT and not value):
        raise QuotesError(f"{action} needs a name and a {'row' if action in (MERGE, ALIAS) else 'value'}")
    if action == SPLIT:
        written = {w.name.casefold() for w in store.written_speakers()} | {r.name.casefold() for r in rows}
        if name.casefold() not in written:
            if any(name.casefold() in {a.casefold() for a in r.aliases} for r in rows):
                raise QuotesError(f"{name!r} is how some quotes mention a speaker whose article names them "
                                  "in full; split that full name instead")
            raise QuotesError(f"no speaker is written {name!r}; `quotes speakers` lists each row's aliases")
    else:
        _row(rows, name)
    if action == MERGE:
        _row(rows, value)
    if action == RENAME and any(r.name.casefold() == value.casefold() for r in rows) \
            and _row(rows, value).name != _row(rows, name).name:
        raise QuotesError(f"a row is already named {value!r}; merge the two rows instead (quotes speakers merge)")
    if action == KIND and value not in KINDS:
        raise QuotesError(f"unknown kind {value!r}; use one of {', '.join(KINDS)}")
    if action != SPLIT and action != ALIAS:  # the row the user saw, by its name, not by an alias
        name = _row(rows, name).name  # other rows may come to hold the alias too
    if action == MERGE:
        value = _row(rows, value).name
    store.add_corrections([Correction(action, name, value)])
    return refresh(store)


def _row(rows: Sequence[Identity], name: str) -> Identity:
    """The row named ``name``, or else the most quoted row holding it as an alias."""
    folded = name.casefold()
    for row in rows:
        if row.name.casefold() == folded:
            return row
    for row in rows:
        if folded in {a.casefold() for a in row.aliases}:
            return row
    raise QuotesError(f"no speaker {name!r} in the store; `quotes speakers` lists them")


def table_rows(identities: Iterable[Identity]) -> Iterator[dict[str, str]]:
    """The identity table as TSV_COLUMNS rows: each row's own name first, then its aliases."""
    for row in identities:
        for alias in (row.name, *row.aliases):
            yield {"name": row.name, "alias": alias, "kind": row.kind, "external_id": row.external_id}


def imported(rows: Sequence[Mapping[str, str]], identities: Sequence[Identity]) -> list[Correction]:
    """The corrections that make the identities what a TSV table says: each alias in its
    row, and each row's kind and external id (where the table gives them). Rows already so
    make none; line numbers in errors count the header as line 1."""
    missing = [c for c in ("name", "alias") if rows and c not in rows[0]]
    if missing or not rows:
        raise QuotesError(f"a speakers table needs the columns {', '.join(TSV_COLUMNS)} "
                          f"(`quotes speakers export` writes one){'; missing ' + ', '.join(missing) if missing else ''}")
    holder = {a.casefold(): r for r in reversed(identities) for a in (r.name, *r.aliases)}
    by_name = {r.name.casefold(): r for r in identities}
    corrections: list[Correction] = []
    done: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        name, alias = (row.get("name") or "").strip(), (row.get("alias") or "").strip()
        kind, external = (row.get("kind") or "").strip(), (row.get("external_id") or "").strip()
        if not name:
            raise QuotesError(f"line {line}: a row without a name")
        if kind and kind not in KINDS:
            raise QuotesError(f"line {line}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        now = holder.get(alias.casefold()) if alias else None
        if alias and (now is None or now.name.casefold() != name.casefold()):
            corrections.append(Correction(ALIAS, alias, name))
        known = by_name.get(name.casefold())
        if kind and (name, "kind") not in done and (known is None or known.kind != kind):
            corrections.append(Correction(KIND, name, kind))
            done.add((name, "kind"))
        if external and (name, "id") not in done and (known is None or known.external_id != external):
            corrections.append(Correction(LINK, name, external))
            done.add((name, "id"))
    return corrections
