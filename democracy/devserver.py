"""`make run`'s process runner: starts every line of a Procfile (web, worker, beat) and stops them all,
quietly, on one Ctrl-C.

    python -m democracy.devserver Procfile.dev

Each process runs in its own session, so the terminal's Ctrl-C reaches only this runner, which then
passes one SIGINT to each process group: runserver and beat stop as on a Ctrl-C of their own, and the
worker makes its warm shutdown (the task in hand finishes; its pool child is never killed, so no
"ERROR … exited with signal 15"). The first line (web) starts alone and the others once its port
answers (at most `STAGGER_SECONDS` later), so on a busy machine the page is served first. A process that has not stopped after `STOP_SECONDS` gets SIGTERM,
then SIGKILL. The runner exits 0 when it was asked to stop, so make does not report an error; if a
process dies by itself, the others are stopped and the runner exits 1. Standard library only: it runs
before Django is imported.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

STOP_SECONDS = 20
STAGGER_SECONDS = 15
COLOURS = ["\033[36m", "\033[33m", "\033[35m", "\033[32m", "\033[34m"]
RESET = "\033[0m"


def read_procfile(path: str) -> list[tuple[str, str]]:
    entries = []
    with open(path, encoding="utf-8") as procfile:
        for line in procfile:
            line = line.strip()
            if line and not line.startswith("#"):
                name, command = line.split(":", 1)
                entries.append((name.strip(), command.strip()))
    return entries


class Runner:
    def __init__(self, entries: list[tuple[str, str]], out=sys.stdout):
        self.entries = entries
        self.out = out
        self.width = max(len(name) for name, _ in entries)
        self.colour = out.isatty()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.processes: dict[str, subprocess.Popen] = {}

    def say(self, name: str, text: str, index: int | None = None) -> None:
        prefix = f"{time.strftime('%H:%M:%S')} {name:<{self.width}} |"
        if self.colour and index is not None:
            prefix = f"{COLOURS[index % len(COLOURS)]}{prefix}{RESET}"
        with self.lock:
            self.out.write(f"{prefix} {text}\n")
            self.out.flush()

    def _pump(self, name: str, index: int, stream) -> None:
        for raw in iter(stream.readline, b""):
            self.say(name, raw.decode("utf-8", "replace").rstrip("\n"), index)

    def _start_one(self, index: int, name: str, command: str) -> None:
        process = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {command}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        threading.Thread(target=self._pump, args=(name, index, process.stdout), daemon=True).start()

    @staticmethod
    def _answers(address: tuple[str, int]) -> bool:
        try:
            socket.create_connection(address, timeout=0.5).close()
            return True
        except OSError:
            return False

    def start(self, address: tuple[str, int] | None = None) -> None:
        """Start the first process; once `address` answers (or after STAGGER_SECONDS), the others."""
        (first_name, first_command), *rest = self.entries
        self._start_one(0, first_name, first_command)
        if address:
            deadline = time.monotonic() + STAGGER_SECONDS
            while time.monotonic() < deadline and not self.stop.is_set() and not self._answers(address):
                if self.processes[first_name].poll() is not None:
                    break
                time.sleep(0.2)
        for index, (name, command) in enumerate(rest, start=1):
            if self.stop.is_set():
                break
            self._start_one(index, name, command)

    def _signal_all(self, signum: int) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signum)
                except ProcessLookupError:
                    pass

    def _wait_all(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                return False
        return True

    def shutdown(self) -> None:
        self._signal_all(signal.SIGINT)
        if not self._wait_all(STOP_SECONDS):
            self._signal_all(signal.SIGTERM)
            if not self._wait_all(5):
                self._signal_all(signal.SIGKILL)
                self._wait_all(5)

    def run(self, address: tuple[str, int] | None = None) -> int:
        def ask_to_stop(signum, frame):
            self.stop.set()

        signal.signal(signal.SIGINT, ask_to_stop)
        signal.signal(signal.SIGTERM, ask_to_stop)
        self.start(address)
        died = None
        while not self.stop.wait(0.2):
            died = next((name for name, p in self.processes.items() if p.poll() is not None), None)
            if died:
                self.say(
                    "runner",
                    f"{died} đã dừng (mã {self.processes[died].returncode}); dừng các tiến trình khác.",
                )
                break
        if not died:
            self.say("runner", "Đang dừng web, worker và beat…")
        self.shutdown()
        if not died:
            self.say("runner", "Đã dừng.")
        return 1 if died else 0


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "Procfile.dev"
    address = (os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000")))
    return Runner(read_procfile(path)).run(address)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
