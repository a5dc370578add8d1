"""The Dask path on a two-worker LocalCluster: the same rows as ``extract --format jsonl``.

One cluster serves the module (starting one costs about a second). The archive is small, so
the whole module runs in seconds; the 1,000-article comparison is in test_engines_agree.py.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine needs the [scale] extra (dask, distributed)")
pytest.importorskip("pyarrow", reason="datasets need the [scale] extra (pyarrow)")

import cloudpickle
from distributed import Client, LocalCluster

from timeline_app.cli import main
from timeline_app.core.dataset import dask_engine
from timeline_app.core.dataset.parquet import info, read_articles_json
from timeline_app.core.dataset.partitions import Source, cut

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "core" / "ingest" / "fixtures"
sys.path.insert(0, str(FIXTURES.parent))  # the WARC writer of the ingest tests
from warc_files import write_warc


@pytest.fixture(scope="module")
def cluster() -> str:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A folder of articles (one of them bad), a gzipped JSON-lines archive with a bad line, a WARC file
    of pages, and a path that does not exist."""
    tmp = tmp_path_factory.mktemp("archive")
    folder = tmp / "files"
    folder.mkdir()
    (folder / "syria.txt").write_bytes((ROOT / "seeds" / "syria.txt").read_bytes())
    (folder / "page.html").write_bytes((FIXTURES / "jsonld_article.html").read_bytes())
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a bad article: an error row
    for i in range(12):
        (folder / f"wire-{i:02d}.txt").write_text(
            f"Story {i}\n\nBEIRUT, June {i + 1}, 2016 — Talks resumed on Tuesday after a pause of {i + 2} "
            "weeks, and a vote is expected next month.\n", encoding="utf-8")
    lines = [json.dumps({"id": f"n{i}", "title": f"Wire {i}",
                         "text": f"CAIRO, May {i + 1}, 2015 — The vote was put off on Monday for {i + 1} days.\n"})
             for i in range(9)]
    lines.insert(4, "{not json")
    with gzip.open(tmp / "wire.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    write_warc(tmp / "crawl.warc.gz", [
        ("response", "https://news.example/syria", "text/html", (FIXTURES / "meta_article.html").read_bytes(),
         "2016-07-01T08:00:01Z"),
        ("response", "https://garden.example/tomatoes", "text/html", (FIXTURES / "no_date.html").read_bytes(),
         "2019-05-04T10:00:00Z"),
    ])
    return [folder, tmp / "wire.jsonl.gz", tmp / "crawl.warc.gz", tmp / "missing.txt"]


def jsonl_rows(inputs: list[Path], tmp: Path, *extra: str) -> list[dict]:
    out = tmp / f"out{'-'.join(extra)}.jsonl"
    main(["extract", "--format", "jsonl", *extra, "-o", str(out), *map(str, inputs)])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_dask_gives_the_rows_of_extract_jsonl(cluster: str, archive: list[Path], tmp_path: Path) -> None:
    expected = jsonl_rows(archive, tmp_path)
    summary = dask_engine.run(archive, tmp_path / "ds", scheduler=cluster, partitions=5)
    got = read_articles_json(tmp_path / "ds")
    assert got == expected
    assert [a["title"] for a in got if "crawl.warc.gz" in a["source"]] == [
        "Daesh forces Syria rebels to retreat from border area", "How to grow tomatoes"]
    assert sum(1 for a in got if "wire.jsonl.gz#" in a["source"]) == 10  # nine stories and the bad line
    assert summary.articles == len(expected) == 15 + 10 + 2 + 1
    assert summary.workers == 2 and summary.partitions == 5
    assert summary.failed == sum(1 for a in expected if a["errors"]) == 3  # the empty file, the bad line, the missing one
    assert info(tmp_path / "ds")["articles"] == len(expected)
    assert set(summary.peak_rss_mb) and all(mb > 0 for mb in summary.peak_rss_mb.values())


def kill_worker_once(part: object, root: str, given: object) -> dict:
    """A task that kills its worker process the first time it runs partition 1 (a crash mid-run)."""
    claim = Path(root).parent / "kill-once"
    if getattr(part, "number", None) == 1:
        try:
            os.rename(claim, claim.with_suffix(".done"))  # only one attempt can win the rename
        except FileNotFoundError:
            pass
        else:
            os._exit(1)
    return dask_engine.extract_partition(part, root, given)


def test_a_killed_worker_does_not_change_the_result(cluster: str, archive: list[Path], tmp_path: Path) -> None:
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    dask_engine.run(archive, tmp_path / "clean", scheduler=cluster, partitions=4)
    (tmp_path / "kill-once").touch()
    dask_engine.run(archive, tmp_path / "killed", scheduler=cluster, partitions=4, task=kill_worker_once)
    assert (tmp_path / "kill-once.done").exists()  # a worker did die
    assert read_articles_json(tmp_path / "killed") == read_articles_json(tmp_path / "clean")


def test_the_cli_runs_the_dask_engine_on_a_local_cluster(archive: list[Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["extract", "--engine", "dask", "--workers", "2", "--partitions", "3",
                   "-o", str(tmp_path / "ds"), *map(str, archive)])
    err = capsys.readouterr().err
    assert status == 2  # some articles failed: their errors are rows and lines on stderr
    assert "missing.txt: no such file or folder" in err
    assert "on 2 workers" in err
    assert len(read_articles_json(tmp_path / "ds")) == 28


WIRE = ["rebels", "the ministry", "the central bank", "police", "the council", "lawmakers"]
WHEN = ["on Tuesday", "last week", "in March", "two days later", "on June 3, 2015", "next month", "in 2014",
        "for 18 months", "this week", "earlier this year", "yesterday", "every month"]


def wire_story(n: int) -> str:
    """A short dated wire story; n picks its date, actors and time expressions."""
    day, month, year = 1 + n % 28, ["January", "March", "June", "October"][n % 4], 2010 + n % 7
    when = [WHEN[(n * k) % len(WHEN)] for k in (1, 5, 7)]
    actor = [WIRE[(n + k) % len(WIRE)] for k in range(3)]
    return (f"Report {n}\n\nBEIRUT, {month} {day}, {year} — {actor[0].capitalize()} said {when[0]} that talks "
            f"would resume, {actor[1]} having walked out {when[1]}. {actor[2].capitalize()} expects a vote "
            f"{when[2]}.\n")


def test_a_thousand_articles_give_the_same_rows_on_every_engine(cluster: str, tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    for n in range(1000):
        (folder / f"story-{n:04d}.txt").write_text(wire_story(n), encoding="utf-8")
    expected = jsonl_rows([folder], tmp_path, "-j", "1")
    assert jsonl_rows([folder], tmp_path, "-j", "2") == expected
    assert len(expected) == 1000 and sum(len(a["events"]) for a in expected) > 1500
    summary = dask_engine.run([folder], tmp_path / "ds", scheduler=cluster)
    assert summary.partitions >= 8  # at least four per worker: both workers took part
    assert read_articles_json(tmp_path / "ds") == expected


def test_partitions_are_contiguous_and_balanced() -> None:
    sources = [Source("file", "a.txt", 1), Source("jsonl", "b.jsonl", 10), Source("file", "c.txt", 1)]
    parts = cut(sources, 3)
    assert [p.size for p in parts] == [4, 4, 4]
    ids = [s.first_id + k for p in parts for s in p.slices for k in range(s.stop - s.start)]
    assert ids == list(range(12))
    assert parts[1].slices[0].path == "b.jsonl" and parts[1].slices[0].start == 3
    assert len(cut(sources, 50)) == 12 and cut([], 4) == []


def test_rules_are_loaded_once_per_worker(cluster: str) -> None:
    with Client(cluster) as client:
        client.register_plugin(dask_engine.LoadRules(), name="timeline-app-rules")

        def loads() -> int:
            from timeline_app.rules.loader import default_ruleset
            return default_ruleset.cache_info().misses

        assert set(client.run(loads).values()) == {1}
