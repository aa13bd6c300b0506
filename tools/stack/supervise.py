"""Keeps one command running, the way systemd's `Restart=always` does in production.

    python tools/stack/supervise.py [--restart-sec 1] -- COMMAND...

The stack's task worker runs under it (deploy/systemd/thecen-worker.service restarts the real
one): a worker that exits because PostgreSQL restarted, or because it was killed, is started
again after --restart-sec seconds. TERM or INT to the supervisor is passed on to the command,
and the supervisor exits once the command has stopped (KILL after 10 s).
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restart-sec", type=float, default=1.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    while not stopping:
        child = subprocess.Popen(command)
        started = time.monotonic()
        code = child.wait()
        if stopping:
            break
        print(
            f"supervise: {command[0]} exited with {code} after "
            f"{time.monotonic() - started:.0f} s; restarting in {args.restart_sec:g} s",
            file=sys.stderr,
            flush=True,
        )
        time.sleep(args.restart_sec)

    if child is not None:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
