"""The one thread-race harness: run calls at the same moment, each in its own thread and
database connection, and fail (never hang) when one of them deadlocks or crashes."""

import threading

from django.db import connection

TIMEOUT_SECONDS = 60


def race(*calls, timeout: float = TIMEOUT_SECONDS) -> list:
    """The calls' results, in the order given. A call that raises fails the test with its
    error; a call still running after ``timeout`` seconds fails it as a probable deadlock."""
    barrier = threading.Barrier(len(calls), timeout=timeout)
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as error:  # surfaced below, so a crash fails the test
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection: give it back

    threads = [
        threading.Thread(target=run, args=(i, call), daemon=True, name=f"race-{i}")
        for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert not stuck, f"still running after {timeout}s (a deadlock?): {stuck}"
    assert not errors, errors
    return results
