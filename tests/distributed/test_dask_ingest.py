"""Distributed ingest on a real dask.distributed LocalCluster gives the same store as a serial run."""

from __future__ import annotations

import json

import pytest

from claimgraph.query import export_data
from claimgraph.run import ingest
from claimgraph.settings import get_settings
from claimgraph.store import Store

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir):
    """The seeds plus one bad file and one duplicate, so failures and no-ops travel the Dask path too."""
    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(seeds_dir.glob("*.txt"))[:3]:
        (d / f.name).write_bytes(f.read_bytes())
    (d / "copy-of-000.txt").write_bytes(sorted(seeds_dir.glob("*.txt"))[0].read_bytes())
    (d / "empty.txt").write_text("   \n")
    return d


def test_serial_and_distributed_exports_are_identical(tmp_path, corpus):
    serial = Store(str(tmp_path / "serial.db"))
    r1 = ingest([str(corpus)], serial, settings=get_settings())
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dist = Store(str(tmp_path / "dist.db"))
        r2 = ingest([str(corpus)], dist, settings=get_settings(scheduler=cluster.scheduler_address))
    assert (len(r1.ingested), len(r1.unchanged), len(r1.failed)) == (3, 1, 1)
    assert (len(r2.ingested), len(r2.unchanged), len(r2.failed)) == (3, 1, 1)
    assert "[E101]" in r2.failed[0][1]
    a, b = export_data(serial), export_data(dist)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["entities"] and a["claims"] and a["quotes"]


def test_local_cluster_option_starts_and_stops_its_own_cluster(tmp_path, corpus):
    store = Store(str(tmp_path / "local.db"))
    report = ingest([str(corpus)], store, settings=get_settings(dask_workers=1))
    assert len(report.ingested) == 3


def test_unreachable_scheduler_is_a_clear_error(tmp_path, corpus):
    from claimgraph.errors import ExtractError

    store = Store(str(tmp_path / "x.db"))
    with pytest.raises(ExtractError, match="cannot reach Dask scheduler"):
        ingest([str(corpus)], store, settings=get_settings(scheduler="tcp://127.0.0.1:9"))
