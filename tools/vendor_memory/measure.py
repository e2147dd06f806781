#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measures the vendor memory end to end (docs/evaluation.md, "Vendor memory").

Starts a real Redis, docextract-server --redis and docextract-worker on a temporary data directory, then:
  1. uploads the first receipt (by file name) of every vendor group with two or more receipts, and corrects it
     from its ground truth through PATCH /result (set when wrong, confirm when right);
  2. uploads every other receipt: the later receipts of the corrected vendors and the receipts of vendors never
     corrected (groups of one);
  3. scores vendor, date and total on them with the memory (the result) and without it (each field the memory
     changed carries "vendor_memory": {"value_without", "needs_review_without", ...}: one OCR run gives both).
With --check N it then restarts the worker with --no-vendor-memory, extracts N receipts the memory changed again
and checks that their values are the recorded values without the memory.

Only the Python standard library. Usage:
  tools/vendor_memory/measure.py --build build ../shared/data/sroie-train ../shared/data/sroie
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from decimal import Decimal, InvalidOperation

FIELDS = ("vendor", "date", "total")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def norm_vendor(name):
    return "".join(c.upper() for c in name if c.isalnum() and ord(c) < 0x80)


def correct(field, expected, alternates, value):
    if value is None:
        return False
    if field == "vendor":
        return norm_vendor(expected) != "" and norm_vendor(expected) == norm_vendor(value)
    if field == "total":
        try:
            return Decimal(expected) == Decimal(value)
        except InvalidOperation:
            return False
    return value == expected or value in alternates


def load_documents(folders):
    docs = []
    for folder in folders:
        manifest = {}
        with open(os.path.join(folder, "manifest.jsonl"), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    entry = json.loads(line)
                    manifest[entry["file"]] = entry
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".jpg"):
                continue
            stem = name[:-4]
            with open(os.path.join(folder, stem + ".json"), encoding="utf-8") as f:
                truth = json.load(f)
            entry = manifest.get(name, {})
            alt = entry.get("date_alt")
            docs.append({"path": os.path.join(folder, name), "name": name,
                         "group": entry.get("vendor_group") or norm_vendor(truth.get("vendor", stem)),
                         "truth": {k: truth[k] for k in FIELDS if k in truth},
                         "alternates": {"date": [alt] if alt else []}})
    return docs


class Service:
    def __init__(self, build, workdir, threads):
        self.build, self.workdir, self.threads = build, workdir, threads
        self.data = os.path.join(workdir, "data")
        self.redis_port, self.port = free_port(), free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.procs = {}

    def start(self, no_memory=False):
        log = lambda n: open(os.path.join(self.workdir, n + ".log"), "a")
        self.procs["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--save", "", "--appendonly", "no",
             "--dir", self.workdir], stdout=log("redis"), stderr=subprocess.STDOUT)
        time.sleep(0.5)
        self.procs["server"] = subprocess.Popen(
            [os.path.join(self.build, "examples/http_service/docextract-server"), "--redis", self.redis_url,
             "--port", str(self.port), "--data-dir", self.data, "--quiet", "--extract-per-minute", "100000"],
            stdout=log("server"), stderr=subprocess.STDOUT)
        self.start_worker(no_memory)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url("/health"), timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start; see " + self.workdir)

    def start_worker(self, no_memory):
        cmd = [os.path.join(self.build, "examples/http_service/docextract-worker"), "--redis", self.redis_url,
               "--data-dir", self.data, "--threads", str(self.threads), "--nice", "10"]
        if no_memory:
            cmd.append("--no-vendor-memory")
        self.procs["worker"] = subprocess.Popen(
            cmd, stdout=open(os.path.join(self.workdir, "worker.log"), "a"), stderr=subprocess.STDOUT)

    def stop_worker(self):
        w = self.procs.pop("worker", None)
        if w:
            w.terminate()
            w.wait(timeout=120)

    def stop(self):
        for name in ("worker", "server", "redis"):
            p = self.procs.pop(name, None)
            if p:
                p.terminate()
                try:
                    p.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    p.kill()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.url(path), data=body, method=method, headers=headers or {})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())

    def upload(self, path):
        boundary = uuid.uuid4().hex
        with open(path, "rb") as f:
            data = f.read()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\""
                f"\r\nContent-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", "/extract", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})["job_id"]

    def wait(self, job, timeout=900):
        end = time.time() + timeout
        while time.time() < end:
            r = self.request("GET", f"/result/{job}")
            if r.get("status") in ("done", "reviewed", "failed"):
                return r
            time.sleep(0.5)
        raise RuntimeError(f"job {job} did not finish")


def extract_all(service, docs):
    jobs = [(d, service.upload(d["path"])) for d in docs]
    out = []
    for i, (d, job) in enumerate(jobs):
        out.append((d, job, service.wait(job)))
        print(f"  {i + 1}/{len(jobs)} {d['name']}", file=sys.stderr, flush=True)
    return out


def fields_of(reply):
    return (reply.get("result") or {}).get("fields") or {}


def with_and_without(fields, name):
    f = fields.get(name) or {}
    value, review = f.get("value"), f.get("needs_review", True)
    m = f.get("vendor_memory")
    if m:
        return (value, review), (m.get("value_without"), m.get("needs_review_without", True)), m.get("evidence")
    return (value, review), (value, review), None


def score(rows, label):
    lines = [f"### {label}: {len(rows)} receipts", "",
             "| field | accuracy without memory | with memory | F1 without | F1 with | changed by memory |",
             "|---|---|---|---|---|---|"]
    figures = {}
    for name in FIELDS:
        stats = {"without": [0, 0, 0], "with": [0, 0, 0]}  # correct, emitted, labelled
        changed = 0
        for d, fields in rows:
            if name not in d["truth"]:
                continue
            (v1, _), (v0, _), evidence = with_and_without(fields, name)
            changed += evidence is not None and v1 != v0
            for key, value in (("without", v0), ("with", v1)):
                s = stats[key]
                s[2] += 1
                s[1] += value is not None
                s[0] += correct(name, d["truth"][name], d["alternates"].get(name, []), value)
        cells = []
        for key in ("without", "with"):
            c, e, n = stats[key]
            p, r = (c / e if e else 0.0), (c / n if n else 0.0)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            figures[(name, key)] = (c / n if n else 0.0, f1)
        lines.append(f"| {name} | {figures[(name, 'without')][0]:.3f} | {figures[(name, 'with')][0]:.3f} | "
                     f"{figures[(name, 'without')][1]:.3f} | {figures[(name, 'with')][1]:.3f} | {changed} |")
    no_review = {"without": 0, "with": 0}
    for d, fields in rows:
        flagged = {"without": False, "with": False}
        for name, f in fields.items():
            (_, r1), (_, r0), _ = with_and_without(fields, name)
            if name in FIELDS:  # the labelled fields (SROIE labels no invoice number or email)
                flagged["with"] |= bool(r1)
                flagged["without"] |= bool(r0)
        for key in flagged:
            no_review[key] += not flagged[key]
    n = max(len(rows), 1)
    lines += ["", f"Receipts needing no review (none of vendor, date, total flagged): {no_review['without'] / n:.3f} without the "
              f"memory, {no_review['with'] / n:.3f} with it.", ""]
    return "\n".join(lines), figures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--build", default="build")
    ap.add_argument("--threads", type=int, default=2, help="worker threads")
    ap.add_argument("--check", type=int, default=3, help="receipts re-extracted with --no-vendor-memory")
    ap.add_argument("--limit-groups", type=int, default=0, help="only the first N vendor groups (a quick run)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, database)")
    ap.add_argument("--json", help="write every receipt's outcome here")
    args = ap.parse_args()

    docs = load_documents(args.folders)
    groups = {}
    for d in docs:
        groups.setdefault(d["group"], []).append(d)
    names = sorted(groups)
    if args.limit_groups:
        names = names[:args.limit_groups]
    first, later, never = [], [], []
    for g in names:
        members = sorted(groups[g], key=lambda d: d["name"])
        if len(members) >= 2:
            first.append(members[0])
            later += members[1:]
        else:
            never += members
    print(f"{len(docs)} receipts, {len(names)} vendor groups: {len(first)} corrected first receipts, "
          f"{len(later)} later receipts, {len(never)} receipts of vendors never corrected", file=sys.stderr)

    workdir = tempfile.mkdtemp(prefix="vendor-memory-")
    service = Service(os.path.abspath(args.build), workdir, args.threads)
    started = time.time()
    try:
        service.start()
        print("correcting the first receipts", file=sys.stderr)
        for d, job, reply in extract_all(service, first):
            fields = fields_of(reply)
            patch = {"fields": {}, "confirm": []}
            for name, expected in d["truth"].items():
                value = (fields.get(name) or {}).get("value")
                if correct(name, expected, d["alternates"].get(name, []), value) and name != "vendor":
                    patch["confirm"].append(name)
                else:
                    patch["fields"][name] = expected  # the vendor always in the label's spelling
            service.request("PATCH", f"/result/{job}", json.dumps(patch).encode(),
                            {"Content-Type": "application/json"})
        print("extracting the others", file=sys.stderr)
        outcomes = extract_all(service, later + never)
        rows_later = [(d, fields_of(r)) for d, _, r in outcomes if d in later]
        rows_never = [(d, fields_of(r)) for d, _, r in outcomes if d in never]
        report_later, fig_later = score(rows_later, "Later receipts of corrected vendors")
        report_never, fig_never = score(rows_never, "Receipts of vendors never corrected")

        check_lines = []
        if args.check:
            changed = [(d, fields_of(r)) for d, _, r in outcomes
                       if any((fields_of(r).get(n) or {}).get("vendor_memory") for n in fields_of(r))]
            sample = changed[:args.check]
            service.stop_worker()
            service.start_worker(no_memory=True)
            agree = 0
            total = 0
            for (d, fields), (_, _, again) in zip(sample, extract_all(service, [d for d, _ in sample])):
                plain = fields_of(again)
                for name, f in fields.items():
                    if f.get("vendor_memory"):
                        total += 1
                        agree += (plain.get(name) or {}).get("value") == f["vendor_memory"].get("value_without")
                        if plain.get(name, {}).get("vendor_memory"):
                            agree -= 1  # --no-vendor-memory must leave no mark
            check_lines = [f"Check: {len(sample)} receipts extracted again with `--no-vendor-memory`: {agree} of "
                           f"{total} memory-changed fields got exactly the recorded value without the memory.", ""]
        minutes = (time.time() - started) / 60
        print(report_later)
        print(report_never)
        print("\n".join(check_lines))
        print(f"({len(first) + len(later) + len(never) + args.check} extractions, {minutes:.1f} min)")
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump([{"name": d["name"], "group": d["group"], "truth": d["truth"], "fields": fl,
                            "corrected_vendor": d in later} for d, fl in rows_later + rows_never], f, indent=1)
    finally:
        service.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print("kept " + workdir, file=sys.stderr)


if __name__ == "__main__":
    main()
