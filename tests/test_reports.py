"""Reported statements and the claims they report (quotes/reports.py), and how `said` and `claim` show them."""

from __future__ import annotations

import json

from helpers import WordEncoder, run
from quotes import track
from quotes.reports import content_words, reports
from quotes.store import Store
from quotes.types import Occurrence


def occurrence(id: int, text: str, speaker: str, article: str = "a") -> Occurrence:
    return Occurrence(id=id, article=article, outlet=article, text=text, speaker=speaker)


def test_content_words_leave_out_pronouns_auxiliaries_and_endings():
    assert content_words("I will resign if the plans fail") == content_words("she would resign if the plan failed")
    assert content_words("Clinton's plan") == {"clinton", "plan"}


def test_a_report_of_the_same_speaker_sharing_most_words_reports_the_claim():
    quotes = [occurrence(1, "The new plant will close in June, and we cannot stop it.", "Jane Roe", "b"),
              occurrence(2, "The plant will close.", "John Smith", "c")]
    rows = [occurrence(10, "the new plant would close in June", "Jane Roe"),
            occurrence(11, "the new plant would close in June", "Ann Lee"),  # nobody quoted her so
            occurrence(12, "prices would rise in the new year", "Jane Roe"),  # another statement
            occurrence(13, "the new plant would close in June", "")]  # credited to no one
    found = reports(rows, quotes, {1: 100, 2: 200})
    assert list(found) == [10] and (found[10].claim, found[10].shared) == (100, 4)


def test_a_long_report_does_not_report_a_short_quote_it_shares_a_few_words_with():
    quotes = [occurrence(1, "We will build a great wall along the southern border!", "Jane Roe", "b")]
    rows = [occurrence(10, "the judge overseeing the lawsuits cannot be impartial because of his heritage and "
                           "her plan to build a wall along the border, which he opposed in a ruling last year", "Jane Roe")]
    assert reports(rows, quotes, {1: 100}) == {}


def test_said_and_claim_show_the_report_beside_the_quote(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text('Plant to close\n\n"The new plant will close in May," said Jane Roe.\n', encoding="utf-8")
    (folder / "two.txt").write_text("Closure\n\nJane Roe said the new plant would close in May.\n", encoding="utf-8")
    db = tmp_path / "quotes.db"
    with Store(db) as store:
        track.add([folder], store, encoder=WordEncoder(), indirect=True)
        claim = next(c for c in track.claims(store) if c.speaker == "Jane Roe")
    said = [json.loads(line) for line in run("said", "Roe", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [(row["kind"], row["claim"], row["reports"]) for row in said] == [("quote", claim.id, None), ("reported", None, claim.id)]
    shown = [json.loads(line) for line in run("claim", str(claim.id), "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [(row["kind"], row["quote"]) for row in shown] == [
        ("quote", "The new plant will close in May,"), ("reported", "the new plant would close in May")]
    assert claim.members == tuple(sorted(claim.members)) and len(claim.members) == 1  # the report joins no claim
    exported = [json.loads(line) for line in run("export", "--quotes", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [(row["kind"], row["claim"], row["reports"]) for row in exported] == [("quote", claim.id, None), ("indirect", None, claim.id)]
