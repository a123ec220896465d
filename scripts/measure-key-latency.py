#!/usr/bin/env python3
"""Measures the workstation's key latency while a PatchCore fit runs.

Opens `speck` on a private copy of a dataset inside tmux (120x40), starts a
PatchCore fit (the train form's default when the weights are present), then
presses j/k repeatedly (or, with `zoom`, opens the full-screen view at 1:1
and presses n/p/l/h: next and previous image, pan) and records, per key:
  - internal: key read -> frame handed to the terminal (SPECK_KEY_LATENCY_LOG),
  - external: tmux send-keys -> the moved selection visible in capture-pane
    (includes tmux's own round trips, so it is an upper bound).
Usage: scripts/measure-key-latency.py [SPECK_BINARY] [DATASET] [KEYS] [list|zoom]
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/speck"
dataset = sys.argv[2] if len(sys.argv) > 2 else "../shared/datasets/mvtec-bottle"
keys = int(sys.argv[3]) if len(sys.argv) > 3 else 100
mode = sys.argv[4] if len(sys.argv) > 4 else "list"
if mode not in ("list", "zoom"):
    raise SystemExit(f"mode {mode!r}: expected list or zoom")
binary = os.path.abspath(binary)

work = tempfile.mkdtemp(prefix="speck-latency-")
folder = os.path.join(work, "data")
shutil.copytree(dataset, folder, ignore=shutil.ignore_patterns(".speck"))
log = os.path.join(work, "latency.log")
session = f"speck-latency-{os.getpid()}"

def tmux(*args):
    # A private server: a shared one may carry other programs' environment (NO_COLOR...).
    return subprocess.run(["tmux", "-L", "speck-latency", *args], check=True, capture_output=True, text=True).stdout

def screen():
    return tmux("capture-pane", "-p", "-t", session)

def coloured_screen():
    # Half-block pixels differ only in colour: compare with the escapes kept.
    return tmux("capture-pane", "-p", "-e", "-t", session)

def wait(predicate, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        text = screen()
        if predicate(text):
            return text
        time.sleep(0.05)
    raise SystemExit("timed out; screen:\n" + screen())

def selected_row(text):
    for number, line in enumerate(text.split("\n")):
        if "│▸ " in line:
            return number
    return None

def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]

tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
     f"env -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 SPECK_KEY_LATENCY_LOG={log} {binary} {folder}; sleep 5")
try:
    wait(lambda t: "Pick a detector" in t)
    form = screen()
    if "▸ patchcore" not in form:
        raise SystemExit("PatchCore is not the default detector (weights missing?):\n" + form)
    tmux("send-keys", "-t", session, "Enter")
    wait(lambda t: "fit patchcore:" in t)
    time.sleep(2)  # let the fit get going on both cores
    load_before = os.getloadavg()[0]
    external = []
    if mode == "list":
        direction = "j"
        for index in range(keys):
            before = selected_row(screen())
            start = time.perf_counter()
            tmux("send-keys", "-t", session, direction)
            while True:
                row = selected_row(screen())
                if row is not None and row != before:
                    break
                if time.perf_counter() - start > 2:
                    break
            external.append((time.perf_counter() - start) * 1000)
            direction = "j" if (index + 1) // 10 % 2 == 0 else "k"  # ten down, ten up, ...
            time.sleep(0.1)
    else:
        tmux("send-keys", "-t", session, "z")
        wait(lambda t: "zoom fit" in t)
        tmux("send-keys", "-t", session, "+")
        wait(lambda t: "zoom 1:1" in t)
        time.sleep(1)  # the full-resolution image is decoded off the UI thread
        cycle = ["n", "l", "p", "h"]  # next image, pan right, back, pan left: each changes the pane
        for index in range(keys):
            before = coloured_screen()
            start = time.perf_counter()
            tmux("send-keys", "-t", session, cycle[index % len(cycle)])
            while coloured_screen() == before and time.perf_counter() - start < 2:
                pass
            external.append((time.perf_counter() - start) * 1000)
            time.sleep(0.1)
    still_fitting = "fit patchcore:" in screen()
    tmux("send-keys", "-t", session, "q")
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "y")
    time.sleep(1)
finally:
    subprocess.run(["tmux", "-L", "speck-latency", "kill-session", "-t", session], capture_output=True)

records = [line.split() for line in open(log) if line.strip().endswith("job")]
internal = [float(fields[0]) for fields in records]
print(f"mode {mode}; keys pressed during the fit: {len(external)} (fit still running at the end: {still_fitting}); "
      f"1-min load average at start: {load_before:.1f} on {os.cpu_count()} cores")
if internal:
    print(f"internal key->frame: median {statistics.median(internal):.2f} ms, p95 {percentile(internal, 0.95):.2f} ms, "
          f"max {max(internal):.2f} ms (n={len(internal)})")
for key in sorted({fields[1] for fields in records}):
    times = [float(fields[0]) for fields in records if fields[1] == key]
    print(f"  key {key}: median {statistics.median(times):.2f} ms, p95 {percentile(times, 0.95):.2f} ms (n={len(times)})")
print(f"external send-keys->visible (tmux round trips included): median {statistics.median(external):.1f} ms, "
      f"p95 {percentile(external, 0.95):.1f} ms, max {max(external):.1f} ms")
shutil.rmtree(work, ignore_errors=True)
