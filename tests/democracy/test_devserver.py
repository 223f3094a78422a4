"""`make run`'s runner: one Ctrl-C stops every process of the Procfile, quietly."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from democracy.devserver import read_procfile

pytestmark = pytest.mark.slow  # subprocesses


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_procfile_is_read_line_by_line_without_comments(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text("# dev\nweb: python -m http.server\n\nworker: sleep 60\n")
    assert read_procfile(procfile) == [("web", "python -m http.server"), ("worker", "sleep 60")]


def test_one_sigint_stops_every_process_and_the_runner_exits_zero(tmp_path):
    port = free_port()
    procfile = tmp_path / "Procfile"
    # A worker that, like Celery's, finishes what it is doing on SIGINT and says so.
    worker = (
        "import signal, sys, time; signal.signal(signal.SIGINT, lambda *a: sys.exit(print('warm shutdown')))"
    )
    procfile.write_text(
        f"web: {sys.executable} -m http.server --bind 127.0.0.1 $PORT\n"
        f"worker: {sys.executable} -u -c \"{worker}; print('ready', flush=True); time.sleep(60)\"\n"
    )
    runner = subprocess.Popen(
        [sys.executable, "-m", "democracy.devserver", str(procfile)],
        env={**os.environ, "PORT": str(port), "HOST": "127.0.0.1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    time.sleep(1)  # the worker starts once the web answers
    os.killpg(runner.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
    output, _ = runner.communicate(timeout=30)
    assert runner.returncode == 0, output
    assert "warm shutdown" in output and "Đã dừng." in output
    assert "Traceback" not in output
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
