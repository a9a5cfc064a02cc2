"""Writing ``--output PATH`` safely, whatever PATH is and whoever can write beside it.

A regular file (or a path that does not exist yet) appears whole or not at all: the rows go
to a temporary file in the same folder, created exclusively under a fresh unpredictable name
(``tempfile.mkstemp``: O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600), and renamed over PATH once every
row is written. No existing name is ever reused or followed, so a symlink planted in a shared
folder at the name the temporary file will get cannot redirect the write.

Anything else is written straight into, never replaced: a character device (``/dev/null``),
a FIFO, a socket, a terminal. ``/dev/stdout`` is a symlink to ``/proc/self/fd/1``: written
through, as the user meant.

A symlink is followed only when following it is safe by the rule Linux's
``fs.protected_symlinks`` applies: the link belongs to the user running quotes, or to the
owner of its folder, or its folder is not both sticky and world-writable (``/tmp``). A link
someone else planted in ``/tmp`` is refused with an error instead of letting them point root's
output at any file. Followed, the link itself is never replaced by a file: the file it points
to is (atomically, as above), or a device it points to is written into.

On any error, Ctrl-C or SIGTERM (``quotes.console`` turns it into an exception) the temporary
file is removed and the target is left as it was.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

from quotes.errors import QuotesError

# Errors of writing rows (not of reading input) that may surface while the command writes.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


@contextmanager
def open_output(path: Path | str | None) -> Iterator[TextIO]:
    """Standard output when ``path`` is None; else a text stream into ``path`` as the module
    docstring says. Raises QuotesError when it cannot be written."""
    if path is None:
        yield sys.stdout
        return
    path = Path(path)
    target = _target(path)
    try:
        if target is None:
            yield from _straight(path)
        else:
            yield from _atomic(path, target)
    except OSError as error:
        if error.filename is None and error.errno not in WRITE_ERRNOS:
            raise  # not a write of ours
        raise _cannot_write(path, error) from None


# Generators used as the body of open_output: each yields the one stream.

def _straight(path: Path) -> Iterator[TextIO]:
    """Into a device, FIFO or socket as it is: opened without O_CREAT or O_TRUNC."""
    fd = _open_existing(path)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _atomic(path: Path, target: Path) -> Iterator[TextIO]:
    """Into a fresh temporary file beside ``target``, renamed over it when all is written."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            _copy_ownership(handle.fileno(), target)
        if _target(path) != target:  # changed while we wrote: do not replace what it is now
            raise QuotesError(f"{path}: changed while the rows were written; nothing was replaced, run again")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _target(path: Path) -> Path | None:
    """The regular file to replace (``path`` itself, or what a safe symlink points to), or None
    when ``path`` is something to write straight into. Raises QuotesError when it is neither."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise QuotesError(
                f"{path}: cannot write: the folder {path.parent} does not exist; create it or "
                "choose another --output path"
            ) from None
        return path
    except OSError as error:
        raise _cannot_write(path, error) from None
    if stat.S_ISLNK(link.st_mode):
        if not _safe_to_follow(path, link):
            raise QuotesError(
                f"{path}: is a symlink that another user made in a shared folder (sticky and "
                "world-writable, such as /tmp); not following it. Give --output the file it "
                "points to, or a path of your own"
            )
        try:
            pointed = os.stat(path)
        except FileNotFoundError:  # a dangling link: its target would be created
            real = Path(os.path.realpath(path))
            return _target(real) if real != path else path
        except OSError as error:
            raise _cannot_write(path, error) from None
        if stat.S_ISREG(pointed.st_mode):
            return Path(os.path.realpath(path))
        return _not_a_folder(path, pointed)
    if stat.S_ISREG(link.st_mode):
        return path
    return _not_a_folder(path, link)


def _not_a_folder(path: Path, status: os.stat_result) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise QuotesError(f"{path}: is a folder; give --output a file name")
    return None


def _safe_to_follow(path: Path, link: os.stat_result) -> bool:
    """fs.protected_symlinks: a link is followed when its owner is the follower, or its folder
    is not sticky and world-writable, or the folder's owner owns the link too."""
    if link.st_uid == os.geteuid():
        return True
    folder = os.stat(path.parent)
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    return not shared or folder.st_uid == link.st_uid


def _open_existing(path: Path) -> int:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    if stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a regular file since we looked
        os.close(fd)
        raise QuotesError(f"{path}: changed while it was opened; nothing was written, run again")
    return fd


def _copy_ownership(fd: int, target: Path) -> None:
    """The new file gets the mode (and, for root, the owner) of the one it replaces; a new
    target gets the mode an ordinary open would have given it (0666 less the umask)."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    if os.geteuid() == 0 and hasattr(os, "fchown"):
        os.fchown(fd, old.st_uid, old.st_gid)


def _cannot_write(path: Path, error: OSError) -> QuotesError:
    reason = error.strerror or str(error)
    return QuotesError(f"{path}: cannot write: {reason}; choose another --output path")
