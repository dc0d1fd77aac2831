"""Extraction on several cores: an ordered, lazy map over forked worker processes.

Each worker is forked from a process that has the spaCy model loaded (copy-on-write: no second
load) and runs the whole per-document work -- parse and claimgraph's rules -- on batches of
documents, sending back only the picklable results. The parent reads its input a few batches
ahead (memory stays flat whatever the input size), and yields results in input order."""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import NoReturn, TypeVar

from ..errors import ExtractError

T = TypeVar("T")
R = TypeVar("R")

BATCH = 16  # documents per task: spaCy's own batch size, and a small enough unit to balance two cores
AHEAD = 2  # tasks in flight per worker: one being worked on, one waiting, so no worker idles
STOP_TIMEOUT_S = 10


def can_fork() -> bool:
    """Workers are forked (they share the loaded model); where fork is unavailable, one process is used."""
    return "fork" in multiprocessing.get_all_start_methods()


def chunks(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _serve(func: Callable[[list], list], tasks, results: Connection) -> None:
    """A worker: (index, batch) from `tasks` -> (index, func(batch), None) or (index, None, reason)
    on `results`, until a None task. Ctrl-C is left to the parent, which ends its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (task := tasks.get()) is not None:
        index, batch = task
        try:
            results.send((index, func(batch), None))
        except Exception as exc:  # noqa: BLE001 -- reported to the parent, which raises it as an ExtractError
            results.send((index, None, f"{type(exc).__name__}: {exc}"))


def _collect(workers: list[tuple], done: dict[int, list]) -> None:
    """Wait for at least one result and file it under its task index in `done`; a worker that
    failed a whole batch or died (killed, out of memory) ends the map with an ExtractError."""
    ready = set(wait([r for _, r in workers] + [p.sentinel for p, _ in workers]))
    for proc, receiver in workers:
        if receiver in ready:  # a dead worker's pipe is ready too: what it sent, then end of file
            try:
                index, out, error = receiver.recv()
            except EOFError:
                _died(proc)
            if error is not None:
                raise ExtractError(f"extraction worker failed: {error}")
            done[index] = out
        elif proc.sentinel in ready:
            _died(proc)


def _died(proc) -> NoReturn:
    proc.join()
    raise ExtractError(f"extraction worker {proc.pid} died (exit code {proc.exitcode}): the batch it held is lost")


def forked_map(func: Callable[[list[T]], list[R]], items: Iterable[T], processes: int, batch: int = BATCH) -> Iterator[R]:
    """func over `items` in batches on `processes` forked workers; results in input order.

    `func` runs in the workers, so it may use anything the parent had loaded before the call (the
    spaCy model); its batches and results are pickled. At most AHEAD batches per worker are read
    ahead of the results yielded. Workers are ended when the map ends, early or not."""
    ctx = multiprocessing.get_context("fork")
    tasks = ctx.Queue()  # a feeder thread writes it: the parent never blocks sending, only waiting on results
    workers: list[tuple] = []
    finished = False
    try:
        # what the parent holds (the model) is never collected in a worker, whose GC would copy it page
        # by page; a model loaded by `Pipeline` is frozen already, and stays so
        frozen = gc.get_freeze_count() > 0
        if not frozen:
            gc.freeze()
        try:
            for _ in range(processes):
                receiver, sender = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_serve, args=(func, tasks, sender), daemon=True)
                proc.start()
                sender.close()  # only the worker writes: its death reads as end of file here
                workers.append((proc, receiver))
        finally:
            if not frozen:
                gc.unfreeze()
        pending = chunks(items, batch)
        done: dict[int, list] = {}
        sent = yielded = 0
        while True:
            while sent - yielded < AHEAD * processes and (chunk := next(pending, None)) is not None:
                tasks.put((sent, chunk))
                sent += 1
            if yielded == sent:
                break
            while yielded not in done:
                _collect(workers, done)
            yield from done.pop(yielded)
            yielded += 1
        finished = True
    finally:
        _stop(workers, tasks, finished)


def _stop(workers: list[tuple], tasks, finished: bool) -> None:
    """Idle workers are told to stop; after an error or an abandoned map they are terminated."""
    if finished:
        for _ in workers:
            tasks.put(None)
    for proc, receiver in workers:
        if not finished:
            proc.terminate()
        proc.join(STOP_TIMEOUT_S)
        if proc.is_alive():
            proc.kill()
            proc.join()
        receiver.close()
    tasks.close()
    if finished:
        tasks.join_thread()
    else:
        tasks.cancel_join_thread()  # tasks nobody will read: the feeder thread must not hold up the exit
