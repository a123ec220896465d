#!/usr/bin/env python3
"""Evidence latency: from selecting an image (or moving the evidence cursor)
to its nearest-normal-patch evidence on screen.

Runs speck in a pseudo-terminal (120x40), fits the default detector (PatchCore),
waits until every image is scored, turns the evidence pane on (x), then moves
through the list with j, pausing PAUSE seconds on each image as a user looking
at it would (the neighbours' evidence is found ahead), then pages down (Ctrl-D: an
image nobody asked for yet, a backbone pass), and finally moves the evidence cursor
in the zoomed view (z, +, then L and J: a new spot each time, a bank lookup and a crop).
The workstation logs each time to SPECK_KEY_LATENCY_LOG ("ms evidence idle").
Usage: scripts/measure-evidence-latency.py SPECK_BINARY DATASET [IMAGES] [PAUSE]
  e.g. scripts/measure-evidence-latency.py .build/release/speck sample-images 30 0.5
"""
import fcntl, os, pty, shutil, statistics, struct, sys, tempfile, termios, threading, time

binary, dataset = os.path.abspath(sys.argv[1]), sys.argv[2]
images = int(sys.argv[3]) if len(sys.argv) > 3 else 30
pause = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5
work = tempfile.mkdtemp(prefix="speck-evlat-")
folder = os.path.join(work, "data")
shutil.copytree(dataset, folder, ignore=shutil.ignore_patterns(".speck"))
log = os.path.join(work, "latency.log")

pid, fd = pty.fork()
if pid == 0:
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", SPECK_KEY_LATENCY_LOG=log)
    for name in ["TMUX", "STY", "NO_COLOR"]:
        env.pop(name, None)
    os.execve(binary, [binary, folder], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 120 * 9, 40 * 18))

tail = bytearray()

def drain():
    while True:
        try:
            data = os.read(fd, 1 << 20)
        except OSError:
            return
        if not data:
            return
        tail.extend(data)
        del tail[:-40000]

threading.Thread(target=drain, daemon=True).start()

def wait(needle, timeout=600):
    end = time.time() + timeout
    while time.time() < end:
        if needle in bytes(tail):
            return
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {needle!r}")

def press(key, wait_after):
    os.write(fd, key)
    time.sleep(wait_after)

def evidence_times():
    return [float(line.split()[0]) for line in open(log) if " evidence " in line]

try:
    wait(b"Pick a detector")
    press(b"\r", 0.5)
    wait(b"done: model")
    press(b"g", 0.5)
    press(b"x", 0.1)
    wait(b"nearest normal")
    time.sleep(1)
    first = len(evidence_times())
    load = os.getloadavg()[0]
    for _ in range(images):
        press(b"j", pause)
    listed = evidence_times()[first:]
    before_pages = len(evidence_times())
    for _ in range(4):
        press(b"\x04", max(pause, 1.5))
    paged = evidence_times()[before_pages:]
    press(b"z", 0.5)
    press(b"+", 1.0)
    before_cursor = len(evidence_times())
    for index in range(10):
        press(b"L" if index < 5 else b"J", pause)
    moved = evidence_times()[before_cursor:]
    press(b"q", 0.5)
finally:
    try:
        os.kill(pid, 9)
    except OSError:
        pass

def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]

def report(what, values):
    if not values:
        print(f"{what}: no evidence drawn")
        return
    print(f"{what}: n={len(values)} median {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms, "
          f"max {max(values):.1f} ms, under 100 ms: {sum(v < 100 for v in values)}/{len(values)}")

print(f"{dataset}: {images} images with a {pause} s pause each, load {load:.1f} on {os.cpu_count()} cores")
report("select -> evidence, browsing (j)", listed)
report("select -> evidence, paging (Ctrl-D, not found ahead)", paged)
report("cursor -> evidence (L, J, zoomed)", moved)
shutil.rmtree(work, ignore_errors=True)
