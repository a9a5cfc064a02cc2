"""``spark-submit quotes/spark/__main__.py extract|cluster ...``: the Spark jobs, submitted."""

from quotes.spark.cli import spark_app

if __name__ == "__main__":
    spark_app(prog_name="quotes spark")
