"""Resuming, killing, interrupting, and the same output whatever the number of workers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from moneyfix.rates.table import load_table

from ._helpers import RATES, ROOT, generator, run, tree

TABLE = load_table(Path(RATES))


def _statuses(report: Path) -> dict[str, str]:
    return {e["path"]: e["status"] for e in json.loads(report.read_text("utf-8"))["files"]}


def test_rerun_skips_up_to_date_outputs_and_completes_the_rest(tmp_path: Path) -> None:
    gen = generator()
    src, out, report = tmp_path / "src", tmp_path / "out", tmp_path / "r.json"
    items = gen.write_tree(src, gen.articles(30, "md", seed=21, table=TABLE))
    args = (str(src), "--out", str(out), "-j", "1", "--report", str(report), "-q")
    assert run(*args)[0] == 0
    assert (out / ".moneyfix-convert.json").is_file()
    removed = [items[1].name, items[2].name, items[7].name]
    for name in removed:
        (out / name).unlink()
    edited = items[4]
    (src / edited.name).write_text(edited.text + "\nA note was added later.\n", "utf-8")
    code, _, err = run(*args)
    assert code == 0, err
    statuses = {Path(p).relative_to(src).as_posix(): s for p, s in _statuses(report).items()}
    redone = {n for n, s in statuses.items() if s != "up-to-date"}
    assert redone == {*removed, edited.name}
    for article in items:
        want = article.expected + ("\nA note was added later.\n" if article is edited else "")
        assert (out / article.name).read_text("utf-8") == want
    # other options make every output stale
    code, _, _ = run(*args, "--add-missing")
    assert code == 0
    assert "up-to-date" not in _statuses(report).values()


def test_one_and_two_workers_give_identical_outputs(tmp_path: Path) -> None:
    gen = generator()
    src = tmp_path / "src"
    gen.write_tree(src / "md", gen.articles(40, "md", seed=23, table=TABLE))
    gen.write_zip(src / "news.zip", gen.articles(40, "html", seed=29, table=TABLE))
    gen.write_tar(src / "news.tar.gz", gen.articles(20, "md", seed=31, table=TABLE))
    gen.write_jsonl(src / "export.jsonl", gen.articles(450, "jsonl", seed=37, table=TABLE))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code, _, err = run(str(src), "--out", str(out), "-j", jobs, "--chunk-size", "3", "-q")
        assert code == 0, err
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 43


def _convert_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "moneyfix",
        "convert",
        str(src),
        "--out",
        str(out),
        "-j",
        "2",
        "--rates-dir",
        RATES,
        *extra,
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("NO_COLOR", None)
    return env


def _assert_outputs_complete(out: Path, expected: dict[str, bytes]) -> int:
    """Every visible output file is whole: exactly its expected bytes."""
    present = tree(out)
    for name, data in present.items():
        assert data == expected[name], f"partial or wrong output {name}"
    return len(present)


def test_sigkill_never_leaves_a_partial_output_and_a_rerun_completes(tmp_path: Path) -> None:
    gen = generator()
    src, out = tmp_path / "src", tmp_path / "out"
    items = gen.write_tree(src, gen.articles(240, "md", seed=41, table=TABLE))
    expected = {a.name: a.expected.encode("utf-8") for a in items}
    rng = random.Random(5)
    for _ in range(3):
        proc = subprocess.Popen(
            _convert_cmd(src, out, "-q", "--chunk-size", "4"),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:  # wait for the writing
            if next(out.rglob("*.md"), None) is not None:
                break
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.6))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        _assert_outputs_complete(out, expected)
    report = tmp_path / "r.json"
    final = subprocess.run(
        _convert_cmd(src, out, "-q", "--report", str(report)),
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert final.returncode == 0, final.stderr
    assert _assert_outputs_complete(out, expected) == len(items)
    assert not [p for p in out.rglob("*") if p.name.endswith(".moneyfix-tmp")]
    assert not (out / ".moneyfix-convert.journal").exists()
    summary = json.loads(report.read_text("utf-8"))["summary"]
    assert summary["files"] == len(items)


def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path: Path) -> None:
    gen = generator()
    src, out = tmp_path / "src", tmp_path / "out"
    items = gen.write_tree(src, gen.articles(240, "md", seed=43, table=TABLE))
    expected = {a.name: a.expected.encode("utf-8") for a in items}
    proc = subprocess.Popen(
        _convert_cmd(src, out, "--chunk-size", "4"),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        if next(out.rglob("*.md"), None) is not None:
            break
        time.sleep(0.02)
    time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err, err
    assert "files" in err, err  # the summary table
    if proc.returncode == 130:
        assert "interrupted" in err, err
    done = _assert_outputs_complete(out, expected)
    manifest = json.loads((out / ".moneyfix-convert.json").read_text("utf-8"))
    assert len(manifest["files"]) == done, err
