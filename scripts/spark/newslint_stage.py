"""newslint as a stage of a Spark job: JSONL articles in, one JSONL result per article out.

    spark-submit scripts/spark/newslint_stage.py INPUT OUTPUT_DIR [options]
    python3 scripts/spark/newslint_stage.py INPUT OUTPUT_DIR [options]   # local mode, pyspark from pip

INPUT is a JSONL file, directory or glob (anything `SparkContext.textFile` reads, gzip
included), one JSON object per line with the article in `--text-field`. OUTPUT_DIR gets
Spark's usual `part-NNNNN` text files: newslint's corpus-mode lines, one per input line,
in input order within each part, and the parts in input order.

Two ways to run newslint on the executors:

- `--mode pipe` (default): `RDD.pipe`, one `newslint --jsonl -` process per partition
  fed the partition's lines on stdin. The binary must be at the same path on every node
  (installed in the image, or `--newslint` naming a shared path). An exit status above 2
  (a crash) fails the task.
- `--mode ship`: the driver ships its binary with the job (`SparkContext.addFile`) and each
  partition runs it through `subprocess` in `mapPartitions`, so nothing needs installing
  on the executors. The task also fails unless there is one output line per non-blank
  input line (newslint skips blank lines), which catches a usage error too.

Each task runs newslint with `--threads 1`: Spark already runs one task per executor core,
so newslint's own parallelism would only oversubscribe them. `--fail-on never` keeps a
finding from being an error; a line that is not JSON or lacks the text field comes out as
`{"id", "line", "error"}` (its line number counts within the partition).
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading

from pyspark import SparkConf, SparkContext, SparkFiles


def newslint_args(binary, opts):
    return [
        binary,
        "--isolated",
        "--jsonl",
        "-",
        "--fail-on",
        "never",
        "--threads",
        "1",
        "--text-field",
        opts.text_field,
        "--id-field",
        opts.id_field,
        "--document-format",
        opts.document_format,
    ]


def run_shipped(lines, name, opts):
    """mapPartitions body for --mode ship: stream the partition through the shipped binary."""
    binary = SparkFiles.get(name)
    os.chmod(binary, 0o755)  # addFile does not always keep the executable bit
    errors = tempfile.TemporaryFile()  # a file, not a pipe: nobody reads it until the end
    proc = subprocess.Popen(
        newslint_args(binary, opts),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        encoding="utf-8",
    )

    sent = [0]  # non-blank lines written, counted by the feeding thread

    def feed():
        # A thread, so that a large partition cannot fill both pipes and deadlock.
        try:
            for line in lines:
                sent[0] += bool(line.strip())
                proc.stdin.write(line)
                proc.stdin.write("\n")
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    received = 0
    for out in proc.stdout:
        received += 1
        yield out.rstrip("\n")
    writer.join()
    proc.wait()
    errors.seek(0)
    err = errors.read().decode("utf-8", "replace")
    # 0 clean, 1 findings (not with --fail-on never), 2 some lines unreadable (reported
    # in the output): all three are results, if every line got its answer.
    if proc.returncode not in (0, 1, 2) or received != sent[0]:
        raise RuntimeError(
            f"newslint exited with {proc.returncode} after {received} of {sent[0]} lines: {err.strip()}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSONL file, directory or glob")
    parser.add_argument("output", help="output directory (must not exist)")
    parser.add_argument("--newslint", default=shutil.which("newslint") or "newslint",
                        help="path of the newslint binary (default: newslint on PATH)")
    parser.add_argument("--mode", choices=["pipe", "ship"], default="pipe")
    parser.add_argument("--partitions", type=int, default=None,
                        help="minimum number of input partitions (default: Spark's)")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--document-format", choices=["text", "markdown", "html"], default="text")
    parser.add_argument("--master", default=None,
                        help="Spark master when not run through spark-submit (default: local[*])")
    opts = parser.parse_args()

    conf = SparkConf().setAppName("newslint").set("spark.ui.showConsoleProgress", "false")
    if opts.master or not conf.contains("spark.master"):
        conf.setMaster(opts.master or "local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")

    lines = sc.textFile(opts.input, minPartitions=opts.partitions)
    # Every non-blank input line must come back as exactly one output line; counted on the
    # way in and out, checked once the output is written.
    documents, answers = sc.accumulator(0), sc.accumulator(0)

    def count_in(part):
        for line in part:
            if line.strip():
                documents.add(1)
            yield line

    def count_out(part):
        for line in part:
            answers.add(1)
            yield line

    counted = lines.mapPartitions(count_in)
    if opts.mode == "pipe":
        binary = os.path.abspath(opts.newslint) if os.sep in opts.newslint else opts.newslint
        # RDD.pipe can only fail on any non-zero status, and newslint exits 2 when a line
        # is not JSON (that line's answer is in the output): a small shell wrapper turns
        # 0, 1 and 2 into success and passes anything else on.
        command = shlex.join(newslint_args(binary, opts))
        wrapped = f'{command}; s=$?; [ "$s" -le 2 ] || exit "$s"'
        results = counted.pipe(shlex.join(["sh", "-c", wrapped]), checkCode=True)
    else:
        sc.addFile(os.path.abspath(opts.newslint))
        name = os.path.basename(opts.newslint)
        results = counted.mapPartitions(lambda part: run_shipped(part, name, opts))
    results.mapPartitions(count_out).saveAsTextFile(opts.output)
    partitions = lines.getNumPartitions()
    sc.stop()
    if answers.value != documents.value:
        sys.exit(f"newslint stage: {answers.value} results for {documents.value} documents in {opts.output}")
    print(f"newslint stage: {documents.value} documents in {partitions} partitions -> {opts.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
