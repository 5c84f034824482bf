"""Extraction on a Dask distributed cluster: documents go out, frozen extraction records come back.

The files are read here (the workers need not see this machine's disk); batches of decoded
documents are sent to the workers, where each worker process loads the spaCy pipeline once and
keeps it for every batch it is given. At most a few batches per worker are in flight, so neither
this process nor the scheduler holds the corpus, and records come back in file order for the
one writer (the archive) to store.

Start a cluster with Dask's own tools (``dask scheduler`` on one machine, ``dask worker
tcp://HOST:8786 --nworkers 8 --nthreads 1`` on each of the others, with newskg and its model
installed on all of them) and give its address to ``newskg build --scheduler tcp://HOST:8786``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from newskg.extract.loading import RawDocument, read_document
from newskg.extract.models import DocumentExtraction, Problem
from newskg.extract.pipeline import ExtractSettings, Extractor, single_process

__all__ = ["extract_on_cluster"]

_EXTRACTORS: dict[ExtractSettings, Extractor] = {}


def _extract_remote(batch: list[RawDocument | Problem], settings: ExtractSettings) -> tuple[str, list[DocumentExtraction | Problem]]:
    """Runs on a worker: the worker process's own extractor, loaded on its first batch."""
    extractor = _EXTRACTORS.get(settings)
    if extractor is None:
        extractor = _EXTRACTORS[settings] = Extractor(settings)
    return extractor.model_name, list(extractor.extract_raw(batch))


def extract_on_cluster(
    located: list[tuple[Path, Path | None]],
    settings: ExtractSettings,
    scheduler: object,
    *,
    batch_size: int = 8,
    on_model: Callable[[str], None] | None = None,
) -> Iterator[DocumentExtraction | Problem]:
    """Extract ``(file, root)`` pairs on the Dask cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``, or a ``distributed.Client`` or ``LocalCluster``), in file order.

    For example, on a cluster of this machine's cores (``tests/archive/test_cluster.py`` runs it)::

        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1) as cluster:
            records = list(extract_on_cluster([(Path("a.txt"), None)], ExtractSettings(), cluster))
    """
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - depends on the installation
        from newskg.errors import NewskgError

        raise NewskgError("E801", "--scheduler needs Dask distributed: pip install 'newskg[cluster]'") from None
    owned = not hasattr(scheduler, "submit")
    try:
        client = Client(scheduler, timeout=30) if owned else scheduler
    except OSError as exc:
        from newskg.errors import NewskgError

        raise NewskgError("E802", f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        single = single_process(settings)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = 3 * workers
        batches = (located[i : i + batch_size] for i in range(0, len(located), batch_size))
        pending: deque = deque()

        def send(batch: list[tuple[Path, Path | None]]) -> None:
            raws = [read_document(path, max_bytes=settings.max_bytes, root=root) for path, root in batch]
            pending.append(client.submit(_extract_remote, raws, single, pure=False))

        for batch in batches:
            send(batch)
            if len(pending) >= window:
                yield from _collect(pending.popleft(), on_model)
        while pending:
            yield from _collect(pending.popleft(), on_model)
    finally:
        if owned:
            client.close()


def _collect(future, on_model: Callable[[str], None] | None) -> list[DocumentExtraction | Problem]:
    model, results = future.result()
    future.release()
    if on_model is not None:
        on_model(model)
    return results
