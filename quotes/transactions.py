"""The store's write transactions: one write at a time, or many committed together.

SQLite commits each transaction to disk, which takes a wait for the disk; ``Group`` commits a
run of writes (``quotes add``'s articles) together, each write a savepoint inside it.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Callable


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception, KeyboardInterrupt included.

    Inside a ``Store.grouped`` write (a transaction already open), a savepoint instead: its
    writes are undone alone on an exception, and committed with the group.

    A failed COMMIT (a full disk) is rolled back too; SQLite may have rolled back already
    (SQLITE_FULL does), and then there is nothing to undo: the first error is the one raised.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.nested = False

    def __enter__(self) -> None:
        self.nested = self.db.in_transaction
        self.db.execute("SAVEPOINT write" if self.nested else "BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self.nested:
            if kind is not None and self.db.in_transaction:
                self.db.execute("ROLLBACK TO write")
            if self.db.in_transaction:
                self.db.execute("RELEASE write")
            return
        if kind is None:
            try:
                self.db.execute("COMMIT")
                return
            except BaseException:
                self.rollback()
                raise
        self.rollback()

    def rollback(self) -> None:
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:  # the error that brought us here says more
                pass


class Group:
    """Writes committed together, at most ``seconds`` apart (``Store.grouped``)."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], connected: Callable[[], bool],
                 seconds: float) -> None:
        # The store's connection, opened (a lazy store created) by the first write, not before.
        self.connect, self.connected, self.seconds = connect, connected, seconds
        self.opened = 0.0

    @property
    def db(self) -> sqlite3.Connection:
        return self.connect()

    def __enter__(self) -> Group:
        return self

    def commit_if_due(self) -> None:
        """Before a write: open the group if none is open (the first write of the context
        takes the write lock, not the context), or commit it if it is ``seconds`` old and go on
        in a new one."""
        if self.db.in_transaction and time.monotonic() - self.opened < self.seconds:
            return
        self._commit()
        self.db.execute("BEGIN IMMEDIATE")
        self.opened = time.monotonic()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        # Each write inside is whole (its savepoint undid it on an error): what is done is kept,
        # whatever ended the group, as it would have been committed one write at a time.
        self._commit()

    def _commit(self) -> None:
        if not self.connected() or not self.db.in_transaction:
            return
        try:
            self.db.execute("COMMIT")
        except BaseException:
            Transaction(self.db).rollback()
            raise
