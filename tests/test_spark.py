"""The Spark backend gives the embedded path's rows and claims, on one local[2] session.

Marked ``spark``; deselect with ``-m "not spark"``. Without PySpark or Java these tests fail
rather than skip: a test that did not run did not pass.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import quotes_in, read_articles
from quotes.cli import app
from quotes.errors import QuotesError
from quotes.parquet import QUOTE_RECORD, quote_record
from quotes.store import Store
from test_warc import crawl, write_warc

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
POLNEAR = ROOT / "tests" / "data" / "polnear"  # dev only, shipped
SAMPLE = 40  # PolNeAR dev articles in the sample corpus


@pytest.fixture(scope="session")
def spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("PySpark is not installed: python -m pip install -e '.[test,spark]' (or deselect: -m 'not spark')")
    if shutil.which("java") is None:
        pytest.fail("Java 17 is not installed; .ci/run installs it (or deselect: -m 'not spark')")
    from quotes.spark.session import spark_session

    session = spark_session("local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "4")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """The seed articles with their sidecars, a saved page, a mapped CSV with a bad row, a
    small crawl, and a sample of PolNeAR dev as JSON Lines with outlets and dates."""
    from quotes.evaluate import load_split

    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, folder / "seeds", ignore=shutil.ignore_patterns("README.md"))
    shutil.copy(FIXTURES / "havanatimes_minister.html", folder / "page.html")
    write_warc(folder / "crawl.warc.gz", crawl())
    with open(folder / "polnear.jsonl", "w", encoding="utf-8") as out:
        for i, gold in enumerate(load_split(POLNEAR / "dev")):
            if i == SAMPLE:
                break
            outlet = gold.name.split("_")[0]
            out.write(json.dumps({"id": gold.name, "text": gold.text, "outlet": outlet,
                                  "published": gold.name.split("_")[1]}) + "\n")
    return folder


@pytest.fixture(scope="session")
def extracted(spark, corpus, tmp_path_factory) -> Path:
    from quotes.spark.extract import extract

    out = tmp_path_factory.mktemp("run") / "extract"
    summary = extract(spark, [str(corpus)], str(out))
    assert summary.articles > SAMPLE
    return out


@pytest.fixture(scope="session")
def clustered(spark, extracted, tmp_path_factory) -> Path:
    from quotes.spark.cluster import cluster_folder

    out = tmp_path_factory.mktemp("run") / "clusters"
    cluster_folder(spark, str(extracted), str(out))
    return out


def parquet_rows(folder: Path) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()


def test_quote_rows_are_the_embedded_paths(corpus, extracted) -> None:
    expected = {
        (article.id, *quote_record(quote).values())
        for article in read_articles([corpus], warn=lambda _: None)
        for quote in quotes_in(article)
    }
    found = {(row["article"], *(row[f] for f in QUOTE_RECORD)) for row in parquet_rows(extracted / "quotes")}
    assert found == expected


def test_reported_rows_are_the_embedded_paths_and_join_no_claim(spark, corpus, tmp_path) -> None:
    from quotes.extract import statements_in
    from quotes.spark.cluster import cluster_folder
    from quotes.spark.extract import extract

    seeds = corpus / "seeds"
    out = tmp_path / "extract"
    extract(spark, [str(seeds)], str(out), indirect=True)
    expected = {
        (article.id, *quote_record(quote).values())
        for article in read_articles([seeds], warn=lambda _: None)
        for quote in statements_in(article)
    }
    rows = parquet_rows(out / "quotes")
    assert {(row["article"], *(row[f] for f in QUOTE_RECORD)) for row in rows} == expected
    reported = {(row["article"], row["start"]) for row in rows if row["kind"] == "indirect"}
    assert reported  # the seeds report Shoigu without quote marks too
    cluster_folder(spark, str(out), str(tmp_path / "clusters"))
    claimed = {(row["article"], row["start"]) for row in parquet_rows(tmp_path / "clusters" / "claims")}
    assert claimed and not claimed & reported  # reported speech joins no claim


def test_articles_keep_their_metadata_and_a_date_column(corpus, extracted) -> None:
    import pyarrow.parquet as pq

    expected = {a.id: (a.outlet, a.published, a.title, a.text) for a in read_articles([corpus], warn=lambda _: None)}
    rows = parquet_rows(extracted / "articles")
    assert {row["id"]: (row["outlet"], row["published"], row["title"], row["text"]) for row in rows} == expected
    assert {row["date"] for row in rows} >= {"2023-06-28", "2023-06-30"}  # the seeds' sidecar dates
    assert all(row["date"] == (row["published"][:10] or "unknown") for row in rows)
    for folder in ("articles", "quotes"):  # in the files, not a folder a date
        assert not [path for path in (extracted / folder).iterdir() if path.is_dir()]
        assert "date" in pq.read_table(extracted / folder).column_names


def test_skipped_records_are_counted_as_quotes_add_counts_them(spark, tmp_path) -> None:
    from quotes.spark.extract import extract

    shutil.copy(FIXTURES / "scraper_dump.csv", tmp_path / "dump.csv")
    summary = extract(spark, [str(tmp_path / "dump.csv")], str(tmp_path / "out"),
                      column_map="text=body,title=headline,date=pub_date,outlet=source_name,url=link,id=story_id")
    skipped = []
    articles = list(read_articles([tmp_path / "dump.csv"], warn=lambda _: None, on_skip=skipped.append,
                                  column_map="text=body,title=headline,date=pub_date,outlet=source_name,url=link,id=story_id"))
    assert summary.articles == len(articles)
    assert sum(n for _, n in summary.failed + summary.skipped) == len(skipped) > 0


def test_claims_are_the_embedded_paths(corpus, clustered, tmp_path) -> None:
    from quotes import track

    with Store(tmp_path / "embedded.db") as store:
        track.add([corpus], store, warn=lambda _: None)
        ids = {quote: key for key, quote in store.quote_ids().items()}
        expected = {frozenset(ids[q] for q in members) for members in store.clusters().values()}
    groups: dict[tuple, set] = {}
    for row in parquet_rows(clustered / "claims"):
        groups.setdefault((row["claim_article"], row["claim_start"]), set()).add((row["article"], row["start"]))
    assert {frozenset(group) for group in groups.values()} == expected
    assert any(len({article for article, _ in group}) > 1 for group in expected)  # reuse across articles


def test_claims_are_the_same_above_the_driver_search(spark, extracted, clustered, tmp_path, monkeypatch) -> None:
    """Above DRIVER_SEARCH_MAX texts, the links come from Spark joins and the LSH: the same claims."""
    from quotes.spark import cluster as spark_cluster

    monkeypatch.setattr(spark_cluster, "DRIVER_SEARCH_MAX", 0)
    spark_cluster.cluster_folder(spark, str(extracted), str(tmp_path / "clusters"))

    def claims(folder: Path) -> set[frozenset]:
        groups: dict[tuple, set] = {}
        for row in parquet_rows(folder / "claims"):
            groups.setdefault((row["claim_article"], row["claim_start"]), set()).add((row["article"], row["start"]))
        return {frozenset(group) for group in groups.values()}

    found = claims(tmp_path / "clusters")
    assert found == claims(clustered)
    assert any(len(group) > 1 for group in found)


def test_a_local_session_compiles_with_c1_alone(spark) -> None:
    arguments = spark._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
    assert "-XX:TieredStopAtLevel=1" in list(arguments)


def test_import_gives_the_store_quotes_add_gives(corpus, extracted, clustered, tmp_path, dump) -> None:
    runner = CliRunner()
    imported, added = tmp_path / "imported.db", tmp_path / "added.db"
    result = runner.invoke(app, ["import", str(extracted), "--claims", str(clustered), "--db", str(imported)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["add", str(corpus), "--db", str(added)]).exit_code == 0
    tables = ("articles", "quotes", "speakers", "speaker_aliases", "clusters", "cluster_members")
    left, right = dump(imported), dump(added)
    articles = [row[:6] + row[7:] for row in left["articles"]], [row[:6] + row[7:] for row in right["articles"]]
    assert articles[0] == articles[1]  # all but source: a scratch copy's path is not the file's
    assert all(left[t] == right[t] for t in tables if t != "articles")
    assert runner.invoke(app, ["import", str(extracted), "--claims", str(clustered), "--db", str(imported)]).exit_code == 0
    assert dump(imported) == left  # importing again changes nothing
    reused = runner.invoke(app, ["reused", "--db", str(imported), "--format", "tsv"])
    assert reused.output == runner.invoke(app, ["reused", "--db", str(added), "--format", "tsv"]).output


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["spark", "extract", "no/such/folder", "--output", "{tmp}/x"], "cannot read"),
        (["spark", "extract", "{seeds}", "--output", "{tmp}/x", "--map", "text"], "--map"),
        (["spark", "cluster", "{tmp}", "--output", "{tmp}/y"], "not a `quotes spark extract` output folder"),
        (["import", "{tmp}"], "not a quotes Spark output folder"),
    ],
)
def test_bad_input_is_one_error_line(spark, tmp_path, command, message) -> None:
    args = [a.format(tmp=tmp_path, seeds=SEEDS) for a in command]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output


def test_output_folder_is_never_overwritten(spark, extracted) -> None:
    from quotes.spark.extract import extract

    with pytest.raises(QuotesError, match="does not exist yet"):
        extract(spark, [str(SEEDS)], str(extracted))


def test_the_lsh_finds_every_pair_the_exact_search_finds(spark, clustered) -> None:
    """Above DRIVER_SEARCH_MAX texts the LSH stands in for the exact search on the driver."""
    from quotes.spark.cluster import _driver_near_pairs, _lsh_edges
    from pyspark.sql import functions as F

    rows = parquet_rows(clustered / "vectors")
    vectors = spark.createDataFrame([(row["text"], row["vector"]) for row in rows], "key string, vector array<float>")
    exact = _driver_near_pairs(vectors)
    assert exact  # the seeds' two wordings of Shoigu's proposal, at least
    assert exact <= {(row.a, row.b) for row in _lsh_edges(vectors, F).collect()}


def test_components_join_texts_through_chains_of_links() -> None:
    from quotes.spark.cluster import _components

    labels = _components([("c", "d"), ("b", "c")], [("x", "y"), ("a", "d")])
    assert labels == {"a": "a", "b": "a", "c": "a", "d": "a", "x": "x", "y": "x"}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a trimmed opening: the shorter text's words run inside the longer one
        (["becoming a great nation", "he is becoming a great nation"],
         {("becoming a great nation", "he is becoming a great nation")}),
        # a fragment of two words is looked for too; a single word never is
        (["mind is shot", "her mind is shot today"], {("mind is shot", "her mind is shot today")}),
        (["outrageous", "that is outrageous"], set()),
        # the same words in another order are not inside the longer text
        (["a great nation becoming", "he is becoming a great nation"], set()),
    ],
)
def test_driver_lexical_edges_find_texts_inside_longer_ones(texts, expected) -> None:
    from quotes.spark.lexical import driver_lexical_edges

    assert driver_lexical_edges(texts) == expected


def test_driver_lexical_edges_are_the_spark_joins(spark, extracted) -> None:
    """Up to DRIVER_SEARCH_MAX texts the links are found on the driver: the same pairs."""
    from pyspark.sql import functions as F

    from quotes.spark.cluster import _occurrences
    from quotes.spark.lexical import driver_lexical_edges, lexical_edges

    quotes, _, _ = _occurrences(spark, str(extracted), F)
    nodes = quotes.filter("node").select("key").distinct()
    joined, cached = lexical_edges(nodes, F)
    found = {tuple(sorted((row.a, row.b))) for row in joined.collect()}
    for frame in (quotes, *cached):
        frame.unpersist()
    assert found  # the seeds' trimmed quotes, at least
    assert {tuple(sorted(pair)) for pair in driver_lexical_edges(row.key for row in nodes.collect())} == found


def test_lines_beside_a_passage_printed_again_are_one_claim_as_embedded(spark, tmp_path) -> None:
    """Each linked set of texts is clustered alone; the long passages the corpus's articles
    share (``shared_passages``) still tie one person's lines in them to one occasion."""
    from quotes import track
    from quotes.spark.cluster import cluster_folder
    from quotes.spark.extract import extract

    passage = "Mexican people, we are not going to pay a single cent for such a stupid wall,"
    articles = [
        {"id": "march", "outlet": "a", "published": "2016-02-08",
         "text": f'"{passage}" former president Jane Doe said on Monday. "It is going to be completely '
                 'useless," Doe said.'},
        {"id": "july", "outlet": "b", "published": "2016-07-18",
         "text": f'In February, Jane Doe had her say. "{passage}" Doe said. "And it is going to be '
                 'completely useless," Doe said.'},
    ]
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "two.jsonl", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(article) + "\n" for article in articles)
    extract(spark, [str(tmp_path / "in")], str(tmp_path / "extract"))
    cluster_folder(spark, str(tmp_path / "extract"), str(tmp_path / "clusters"))
    groups: dict[tuple, set] = {}
    for row in parquet_rows(tmp_path / "clusters" / "claims"):
        groups.setdefault((row["claim_article"], row["claim_start"]), set()).add(row["article"])
    with Store(tmp_path / "embedded.db") as store:
        track.add([tmp_path / "in"], store)
        texts = {o.id: (o.article, o.text) for o in store.occurrences()}
        embedded = [sorted(texts[q] for q in members) for members in store.clusters().values()]
    assert sorted(len(group) for group in groups.values()) == sorted(len(group) for group in embedded) == [2, 2]
    assert [("july", "And it is going to be completely useless,"), ("march", "It is going to be completely useless,")] \
        in embedded
