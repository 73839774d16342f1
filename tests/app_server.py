"""Start the real app (`python app.py`) on a free port, once per test session."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_KEY = pytest.StashKey["Server"]()


@dataclass
class Server:
    url: str
    db: Path
    log: Path
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(args: list[str], log: Path, timeout: float = 300) -> tuple[subprocess.Popen, str]:
    """Run `python app.py --port <free> *args` with its output in `log`; wait until it answers."""
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "app.py", "--port", str(port), *args], cwd=ROOT,
                                   stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app.py exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    pytest.fail(f"app.py did not answer on {url} within {timeout:.0f} s:\n{log.read_text()}")


def start(index_dir: Path, folder: Path, timeout: float = 300) -> Server:
    db, log = folder / "feedback.sqlite", folder / "server.log"
    process, url = serve(["--sources", str(ROOT / "sources"), "--index", str(index_dir), "--db", str(db)], log, timeout)
    return Server(url, db, log, process)


def shared(config: pytest.Config, index_dir: Path, tmp_path_factory) -> Server:
    """One server for the whole session, whichever test file asks first."""
    if _KEY not in config.stash:
        server = start(index_dir, tmp_path_factory.mktemp("app"))
        config.stash[_KEY] = server

        def stop():
            server.process.terminate()
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()

        config.add_cleanup(stop)
    return config.stash[_KEY]
