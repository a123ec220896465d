#!/usr/bin/env python3
"""Key latency with terminal graphics: the workstation in a pseudo-terminal.

tmux drops kitty/sixel/iTerm2 pictures (and Speck draws half-blocks under it),
so `measure-key-latency.py` cannot measure the graphics path. This script runs
speck in a pseudo-terminal of 120x40 cells of 9x18 pixels whose output is read
as fast as it arrives (a fast terminal), starts a PatchCore fit, then presses
keys and reports the internal key -> frame times (SPECK_KEY_LATENCY_LOG) and
how many bytes the pictures took.
Usage: scripts/measure-key-latency-pty.py SPECK_BINARY DATASET KEYS list|zoom [SPECK ARGS...]
  e.g. ... .build/release/speck ../shared/datasets/mvtec-bottle 60 zoom --graphics kitty
  list: j/k ten down, ten up; zoom: the full-screen view at 1:1, then n/l/p/h in turn.
"""
import fcntl, os, pty, shutil, statistics, struct, sys, tempfile, termios, threading, time

binary, dataset, keys, mode = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
extra = sys.argv[5:]
if mode not in ("list", "zoom"):
    raise SystemExit(f"mode {mode!r}: expected list or zoom")
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

try:
    wait(b"Pick a detector")
    press(b"\r")
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

def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]

records = [line.split() for line in open(log) if line.strip().endswith("job")]
during = [float(fields[0]) for fields in records]
print(f"mode {mode}, args {extra}: {len(during)} keys during the fit, load {load:.1f} on {os.cpu_count()} cores, "
      f"{written / 1e6:.1f} MB written while keys were pressed")
print(f"internal key->frame: median {statistics.median(during):.2f} ms, p95 {p95(during):.2f} ms, max {max(during):.2f} ms")
for key in sorted({fields[1] for fields in records}):
    times = [float(fields[0]) for fields in records if fields[1] == key]
    print(f"  key {key}: median {statistics.median(times):.2f} ms, p95 {p95(times):.2f} ms (n={len(times)})")
shutil.rmtree(work, ignore_errors=True)
