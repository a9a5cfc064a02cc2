"""quotes.output through `quotes extract -o` as a user runs it: devices, FIFOs and symlinks
are written into or refused, never replaced; regular files are replaced whole."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from test_cli import SPEECH_TSV, error_line, run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def speech(tmp_path: Path) -> Path:
    from test_cli import SPEECH

    path = tmp_path / "in" / "speech.txt"
    path.parent.mkdir()
    path.write_text(SPEECH, encoding="utf-8", newline="")
    return path


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_dev_null_stays_a_character_device(speech: Path) -> None:
    result = run("extract", speech, "-f", "tsv", "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert not any(name.startswith(".null.") for name in os.listdir("/dev"))


def test_a_fifo_gets_the_rows_and_stays_a_fifo(speech: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "rows.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run("extract", speech, "-f", "tsv", "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert received == [SPEECH_TSV]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert names(tmp_path) == {"in", "rows.fifo"}


def test_a_symlink_planted_at_the_old_partial_name_is_not_followed(speech: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out.tsv"
    planted = tmp_path / ".out.tsv.partial"
    planted.symlink_to(victim)
    result = run("extract", speech, "-f", "tsv", "-o", out)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "precious\n"
    assert planted.is_symlink() and os.readlink(planted) == str(victim)
    assert out.read_text(encoding="utf-8") == SPEECH_TSV
    assert names(tmp_path) == {"in", "victim.txt", "out.tsv", ".out.tsv.partial"}


def test_an_existing_file_is_replaced_whole_with_its_mode(speech: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    out.write_text("earlier results\n")
    out.chmod(0o640)
    before = os.stat(out)
    result = run("extract", speech, "-f", "tsv", "-o", out)
    assert result.exit_code == 0, result.output
    after = os.stat(out)
    assert out.read_text(encoding="utf-8") == SPEECH_TSV
    assert after.st_ino != before.st_ino  # a new file renamed over the old one, not rewritten
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert names(tmp_path) == {"in", "out.tsv"}


def test_a_new_file_gets_the_usual_mode(speech: Path, tmp_path: Path) -> None:
    out = tmp_path / "new.tsv"
    umask = os.umask(0o022)
    try:
        assert run("extract", speech, "-f", "tsv", "-o", out).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o644


def test_an_error_midway_leaves_no_temporary_file_and_the_old_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = ['{"id": "%d", "text": "\\"We will win,\\" Smith said."}' % i for i in range(200)]
    (folder / "a.jsonl").write_text("\n".join(lines + ["{broken"]) + "\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    out.write_text("earlier results\n")
    error_line(run("extract", folder, "-f", "tsv", "--strict", "--jobs", "1", "-o", out))
    assert out.read_text() == "earlier results\n"
    assert names(tmp_path) == {"in", "out.tsv"}


def test_a_symlink_of_ours_to_a_file_replaces_the_file_and_stays_a_link(speech: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.tsv"
    target.write_text("old\n")
    link = tmp_path / "link.tsv"
    link.symlink_to(target)
    assert run("extract", speech, "-f", "tsv", "-o", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == SPEECH_TSV


@pytest.mark.skipif(os.geteuid() != 0, reason="making a link owned by another user needs root")
def test_another_users_symlink_in_a_sticky_shared_folder_is_refused(speech: Path, tmp_path: Path) -> None:
    shared = tmp_path / "drop"  # a folder anyone may write to, as /tmp is
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = shared / "out.tsv"
    link.symlink_to(victim)
    os.lchown(link, 4321, 4321)
    line = error_line(run("extract", speech, "-f", "tsv", "-o", link))
    assert "symlink that another user made in a shared folder" in line
    assert victim.read_text() == "precious\n"
    assert link.is_symlink() and names(shared) == {"out.tsv"}


def test_a_folder_is_refused(speech: Path, tmp_path: Path) -> None:
    assert "is a folder" in error_line(run("extract", speech, "-o", tmp_path))


def test_dev_stdout_is_written_through(speech: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quotes", "extract", str(speech), "-f", "tsv", "--jobs", "1", "-o", "/dev/stdout"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == SPEECH_TSV
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)
