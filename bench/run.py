#!/usr/bin/env python3
"""Benchmark driver (called by bench/run.sh inside bench/.venv-peers).

1. deterministic agreement: lca4ai run, bw2calc and lca_algebraic GWP totals
   of the flagship, equal within 1e-6 relative (exit 1 otherwise);
2. Monte Carlo speed: lca4ai (`run --samples`, when available), bw2calc
   (next(lca) iterations/s), lca_algebraic (vectorised compute_impacts);
3. lca4ai scaling with samples (1e4..1e6) and scenario size (10..10,000 nodes).
All lca4ai timings are whole-process times of the CLI: wall clock and CPU
(user + system) seconds, the median of --repeat runs (CPU seconds are the
reliable figure on a shared machine).
"""
import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "peers"))
import common  # noqa: E402


def children_cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def timed(cmd):
    """(wall seconds, CPU seconds, stdout) of one run of cmd."""
    cpu0, t = children_cpu(), time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt, cpu = time.perf_counter() - t, children_cpu() - cpu0
    if r.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr[-2000:]}")
    return dt, cpu, r.stdout


def timed_median(cmd, repeat):
    """Median wall and median CPU seconds over `repeat` runs."""
    runs = [timed(cmd)[:2] for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def peer(script, *args):
    _, _, out = timed([sys.executable, os.path.join(here, "peers", script), *args, "--json"])
    return json.loads(out.strip().splitlines()[-1])


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lca4ai", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--bw-iterations", type=int, default=2000)
    ap.add_argument("--la-samples", type=int, default=1_000_000)
    ap.add_argument("--sizes", default="10,100,1000,10000")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="lca4ai runs per measurement (median)")
    a = ap.parse_args()
    exe = a.lca4ai
    print(f"machine: {machine()}")
    tmp = tempfile.mkdtemp(prefix="lca4ai-bench-")
    export = os.path.join(tmp, "export.json")
    subprocess.run([exe, "export", a.scenario, "-o", export], check=True)

    print("\n== deterministic agreement (GWP total, kg CO2e) ==")
    ref = common.lca4ai_gwp_total(a.scenario, exe)
    bw = peer("export_to_brightway.py", export, "--iterations", str(a.bw_iterations))
    la = peer("export_to_lca_algebraic.py", export, "--samples", str(a.la_samples))
    ok = True
    for name, v in (("lca4ai", ref), (f"bw2calc {bw['version']}", bw["gwp"]), (f"lca_algebraic {la['version']}", la["gwp"])):
        rel = abs(v - ref) / abs(ref)
        ok &= rel <= 1e-6
        print(f"  {name:24s} {v:.12g}   rel. diff {rel:.2e}")
    print(f"  agreement within 1e-6: {'yes' if ok else 'NO'}")

    help_text = subprocess.run([exe, "run", "--help"], capture_output=True, text=True).stdout
    has_mc = "--samples" in help_text
    rows = []

    def lca4ai_mc(scenario, n):
        return timed_median([exe, "run", scenario, "--samples", str(n), "--seed", "1", "--threads", str(a.threads),
                             "--format", "json"], a.repeat)

    print("\n== Monte Carlo speed, flagship ==")
    bwm, lam = bw["mc"], la["mc"]
    print(f"  bw2calc        {bwm['iterations']:>9d} iterations  {bwm['mc_s']:8.3f} s  {bwm['per_s']:12.1f} /s"
          f"  (setup {bwm['setup_s']:.2f} s; {bwm['uncertain_entries']} uncertain entries)")
    print(f"  lca_algebraic  {lam['samples']:>9d} samples     {lam['mc_s']:8.3f} s  {lam['per_s']:12.1f} /s"
          f"  (model build {la['build_s']:.2f} s, first evaluation {la['first_eval_s']:.2f} s)")
    if has_mc:
        n = 1_000_000
        dt, cpu = lca4ai_mc(a.scenario, n)
        rate = n / dt
        print(f"  lca4ai         {n:>9d} samples     {dt:8.3f} s  {rate:12.1f} /s  (whole process, {a.threads} threads;"
              f" {cpu:.3f} CPU-s, {n / cpu:,.0f} samples per CPU-second)")
        print(f"  ratio lca4ai/bw2calc: {rate / bwm['per_s']:.1f}x   lca4ai/lca_algebraic: {rate / lam['per_s']:.2f}x")
        print("\n== lca4ai scaling with samples (flagship) ==")
        for n in (10_000, 100_000, 1_000_000):
            dt, cpu = lca4ai_mc(a.scenario, n)
            print(f"  {n:>9d} samples  {dt:8.3f} s  {n / dt:12.1f} /s   {cpu:8.3f} CPU-s")
    else:
        print("  lca4ai         pending: --samples not yet available")

    print("\n== lca4ai scaling with scenario size ==")
    sizes = [int(s) for s in a.sizes.split(",")]
    subprocess.run([sys.executable, os.path.join(here, "gen_scenario.py"), *map(str, sizes), "--out", tmp],
                   check=True, capture_output=True)
    for n in sizes:
        path = os.path.join(tmp, f"scenario-{n}.yaml")
        det, det_cpu, _ = timed([exe, "run", path, "--format", "json"])
        line = f"  {n:>6d} nodes  deterministic run {det:8.3f} s ({det_cpu:.3f} CPU-s)"
        if has_mc:
            dt, cpu = timed(
                [exe, "run", path, "--samples", "1000", "--seed", "1", "--threads", str(a.threads), "--format", "json"])[:2]
            line += f"   1000 samples {dt:8.3f} s ({cpu:.3f} CPU-s)"
        else:
            line += "   Monte Carlo: pending: --samples not yet available"
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
