"""Worker processes, the same way for ``convert`` and for ``parse --jobs``.

* :func:`start_worker` (a pool's initializer): a worker leaves Ctrl-C and
  SIGTERM to its parent, which stops it, and ends itself within 0.2 s when
  the parent is gone, even after ``kill -9``. The parent's pid is given
  before the fork, in case it died before the worker's set-up ran.
* :func:`ctrl_c_held`: Ctrl-C and SIGTERM are held back while the workers
  start, so that none is interrupted before its set-up ignores them (a
  worker inherits the parent's handlers and the held signals, and discards
  them), and the parent gets them as soon as the workers are up.
* :func:`in_order`: tasks submitted ahead, a bounded number in flight, their
  results given back in input order.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


# Held back while workers start: Ctrl-C, and SIGTERM (``timeout`` sends it to the whole group).
_HELD = {signal.SIGINT, signal.SIGTERM}


def start_worker(parent: int) -> None:
    """Set up a worker process: see the module's docstring."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held back while this process started
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="newsdump-watchdog").start()


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back in this (main) thread for the block: see the module's docstring."""
    hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if hold:
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        if hold:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


# The size asked for the pipe that brings results back (Linux caps it at /proc/sys/fs/pipe-max-size, 1 MB).
RESULT_PIPE_BYTES = 1 << 20


def pool_context() -> Any:
    """The multiprocessing context for a worker pool: the default start
    method's, whose result pipe holds a megabyte where the system allows
    (``F_SETPIPE_SZ``, Linux). With the default 64 KB pipe a worker that
    sends a result of a megabyte waits for the parent to read it before it
    takes its next task: ``parse -j 2`` workers stood idle 12% of the time."""
    import multiprocessing

    try:
        from fcntl import F_SETPIPE_SZ, fcntl  # type: ignore[attr-defined]
    except ImportError:  # not Linux
        return multiprocessing.get_context()

    class WidePipes(type(multiprocessing.get_context())):  # type: ignore[misc]
        def SimpleQueue(self) -> Any:  # noqa: N802 (multiprocessing's name)
            queue = super().SimpleQueue()
            reader = getattr(queue, "_reader", None)
            if reader is not None:
                with contextlib.suppress(OSError):  # a lower cap: the pipe keeps its size
                    fcntl(reader.fileno(), F_SETPIPE_SZ, RESULT_PIPE_BYTES)
            return queue

    return WidePipes()


def in_order(tasks: Iterator[T], submit: Callable[[T], Future], ahead: int) -> Iterator[tuple[T, Any]]:
    """``(task, result)`` for every task, in order, with at most ``ahead``
    submitted and not yet given back. The first submits start the workers:
    Ctrl-C is held back meanwhile.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     list(in_order(iter(range(5)), lambda n: pool.submit(pow, n, 2), 2))
    [(0, 0), (1, 1), (2, 4), (3, 9), (4, 16)]
    """
    with ctrl_c_held():
        window = deque((task, submit(task)) for task in islice(tasks, ahead))
    while window:
        task, future = window.popleft()
        result = future.result()
        if (following := next(tasks, None)) is not None:
            window.append((following, submit(following)))
        yield task, result


def stop_pool(pool: Any) -> None:
    """Shut a ``ProcessPoolExecutor`` down, cancelling what has not started.
    When it is broken (a worker was killed: the out-of-memory killer, kill
    -9), its other workers are killed first: they ignore SIGTERM (see
    :func:`start_worker`), which is all the pool sends them, and one may
    wait for ever on the task queue's lock that the dead worker held, so the
    pool would wait for them for ever."""
    if not getattr(pool, "_broken", False):
        pool.shutdown(wait=True, cancel_futures=True)
        return
    # With no worker left to read it, the task pipe is closed: SIGPIPE must not end this process meanwhile.
    quiet = hasattr(signal, "SIGPIPE") and threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGPIPE, signal.SIG_IGN) if quiet else None
    try:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        if quiet:
            signal.signal(signal.SIGPIPE, before)
