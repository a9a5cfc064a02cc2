"""Starting (or joining) a Spark session, with a clear error when PySpark or Java is missing."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING

from quotes.errors import QuotesError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
# Arrow batches of this many rows go to the Python workers: articles are large, so keep it
# small enough that a batch of pages stays well under a worker's memory.
ARROW_BATCH_ROWS = 256


def spark_session(master: str | None = None, *, app: str = "quotes") -> SparkSession:
    """The active session, or a new one on ``master`` (``local[*]`` unless ``spark-submit``
    already named one). A local session keeps its UI off and its driver on 127.0.0.1."""
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise QuotesError(
            "the Spark backend needs PySpark; install it with: python -m pip install 'quotes[spark]'"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if shutil.which("java") is None and not _java_home():
        raise QuotesError("the Spark backend needs Java 17 or later; install it (e.g. apt install openjdk-17-jre-headless)")
    conf = SparkConf()
    builder = SparkSession.builder.appName(app)
    if master or not conf.contains("spark.master"):
        builder = builder.master(master or DEFAULT_MASTER)
    if (master or conf.get("spark.master", DEFAULT_MASTER)).startswith("local"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
        )
    session = (
        builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH_ROWS))
        .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())  # no bars in logs
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _java_home() -> bool:
    return bool(os.environ.get("JAVA_HOME"))
