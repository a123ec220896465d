#!/usr/bin/env python3
"""Key latency with terminal graphics: the workstation in a pseudo-terminal.

tmux drops kitty/sixel/iTerm2 pictures (and Speck draws half-blocks under it),
so `measure-key-latency.py` cannot measure the graphics path. This script runs
speck in a pseudo-terminal of 120x40 cells of 9x18 pixels whose output is read
as fast as it arrives (a fast terminal), starts a PatchCore fit, then presses
keys and reports the internal key -> frame times (SPECK_KEY_LATENCY_LOG) and
how many bytes the pictures took.
Usage: scripts/measure-key-latency-pty.py SPECK_BINARY DATASET KEYS list|zoom|evidence [SPECK ARGS...]
  e.g. ... .build/release/speck ../shared/datasets/mvtec-bottle 60 zoom --graphics kitty
  list: j/k ten down, ten up; zoom: the full-screen view at 1:1, then n/l/p/h in turn.
  evidence: once every image is scored, the evidence pane (x) on; KEYS times j with a
  pause of 0.5 s (SPECK_EVIDENCE_PAUSE) as a user looking at each image (the neighbours'
  evidence is found ahead), four pages down (Ctrl-D: images nobody asked for yet), then
  jumps (G to the last image, then PgUp four times: far from anything found ahead), then
  in the zoomed view the cursor L and J five times each (a new spot each time). Pages and
  jumps read the nearest patches recorded when the image was scored (a backbone pass
  each for a workspace scored before they were kept). Reported: selection (or cursor) ->
  evidence drawn, the "ms evidence" lines of SPECK_KEY_LATENCY_LOG.
"""
import fcntl, os, pty, shutil, statistics, struct, sys, tempfile, termios, threading, time

binary, dataset, keys, mode = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
extra = sys.argv[5:]
if mode not in ("list", "zoom", "evidence"):
    raise SystemExit(f"mode {mode!r}: expected list, zoom or evidence")
work = tempfile.mkdtemp(prefix="speck-ptylat-")
folder = os.path.join(work, "data")
shutil.copytree(dataset, folder, ignore=shutil.ignore_patterns(".speck"))
log = os.path.join(work, "latency.log")

pid, fd = pty.fork()
if pid == 0:
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", SPECK_KEY_LATENCY_LOG=log)
    for name in ["TMUX", "STY", "NO_COLOR"]:
        env.pop(name, None)
    os.execve(binary, [binary, folder] + extra, env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 120 * 9, 40 * 18))

received = [0]
tail = bytearray()  # the last output, to wait for text on screen

def drain():
    while True:
        try:
            data = os.read(fd, 1 << 20)
        except OSError:
            return
        if not data:
            return
        received[0] += len(data)
        tail.extend(data[-4000:])
        del tail[:-20000]

threading.Thread(target=drain, daemon=True).start()

def wait(needle, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        if needle in bytes(tail):
            return
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {needle!r}")

def press(key, pause=0.15):
    os.write(fd, key)
    time.sleep(pause)

def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]

def evidence_times():
    return [float(line.split()[0]) for line in open(log) if " evidence " in line]

def report(what, values):
    if not values:
        print(f"{what}: no evidence drawn")
        return
    print(f"{what}: n={len(values)} median {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms, "
          f"max {max(values):.1f} ms, under 100 ms: {sum(v < 100 for v in values)}/{len(values)}")

def measure_evidence():
    pause = float(os.environ.get("SPECK_EVIDENCE_PAUSE", "0.5"))
    wait(b"done: model", timeout=1800)
    press(b"g", 0.5)
    press(b"x", 0.1)
    wait(b"nearest normal")
    time.sleep(1)
    load = os.getloadavg()[0]
    def timed(keys, wait_after):
        before = len(evidence_times())
        for key in keys:
            press(key, wait_after)
        return evidence_times()[before:]
    browsing = timed([b"j"] * keys, pause)
    paging = timed([b"\x04"] * 4, max(pause, 1.5))
    jumps = timed([b"G"] + [b"\x1b[5~"] * 4, max(pause, 1.5))
    press(b"z", 0.5)
    press(b"+", 1.0)
    cursor = timed([b"L"] * 5 + [b"J"] * 5, pause)
    print(f"evidence, args {extra}: {dataset}, {keys} images with a {pause} s pause each, "
          f"load {load:.1f} on {os.cpu_count()} cores")
    frames = [float(line.split()[0]) for line in open(log) if line.split()[1:2] == ["j"]]
    print(f"key j -> frame (evidence drawn in it when found ahead): median {statistics.median(frames):.1f} ms, "
          f"p95 {p95(frames):.1f} ms")
    report("select -> evidence, browsing (j)", browsing)
    report("select -> evidence, paging (Ctrl-D, not found ahead)", paging)
    report("select -> evidence, jumps (G, PgUp, not found ahead)", jumps)
    report("cursor -> evidence (L, J, zoomed)", cursor)

try:
    wait(b"Pick a detector")
    press(b"\r")
    if mode == "evidence":
        measure_evidence()
        press(b"q", 0.5)
        raise SystemExit(0)
    wait(b"fit patchcore")
    time.sleep(2)  # let the fit get going on both cores
    if mode == "zoom":
        press(b"z", 0.5)
        press(b"+", 1.0)
    load = os.getloadavg()[0]
    start_bytes = received[0]
    cycle = [b"j", b"k"] if mode == "list" else [b"n", b"l", b"p", b"h"]
    for index in range(keys):
        key = cycle[(index // 10) % 2] if mode == "list" else cycle[index % len(cycle)]
        press(key)
    written = received[0] - start_bytes
    press(b"q", 0.3)
    press(b"y", 1.0)
finally:
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    if mode == "evidence":
        shutil.rmtree(work, ignore_errors=True)

records = [line.split() for line in open(log) if line.strip().endswith("job")]
during = [float(fields[0]) for fields in records]
print(f"mode {mode}, args {extra}: {len(during)} keys during the fit, load {load:.1f} on {os.cpu_count()} cores, "
      f"{written / 1e6:.1f} MB written while keys were pressed")
print(f"internal key->frame: median {statistics.median(during):.2f} ms, p95 {p95(during):.2f} ms, max {max(during):.2f} ms")
for key in sorted({fields[1] for fields in records}):
    times = [float(fields[0]) for fields in records if fields[1] == key]
    print(f"  key {key}: median {statistics.median(times):.2f} ms, p95 {p95(times):.2f} ms (n={len(times)})")
shutil.rmtree(work, ignore_errors=True)
