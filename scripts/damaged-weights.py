#!/usr/bin/env python3
"""Damage copies of a weights file at random and see what `speck classify` makes of each.

Every copy gets one seeded damage: a few flipped bytes, a truncation or a zeroed
range. Each copy is classified with `speck classify --weights COPY IMAGE --top 1`
and counted as refused (speck exits with an error), loaded with the intact
file's top class, or loaded with a changed top class (the silent failure).

    scripts/damaged-weights.py IMAGE [--weights FILE] [--copies 150] [--seed 12]
                               [--name efficientnet-lite0-57934424.pth] [--speck BIN] [--verbose]

--name is the file name each copy is given: by default the published
checkpoint's, so the copy claims to be that checkpoint; any other name tests
what the loader catches without that claim.
"""
import argparse
import collections
import os
import random
import re
import subprocess
import sys
import tempfile

PUBLISHED_NAME = "efficientnet-lite0-57934424.pth"


def default_weights():
    cache = os.environ.get("SPECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "speck")
    return os.path.join(cache, PUBLISHED_NAME)


def damage(original, rng):
    """One damaged copy of `original` (bytes) and a short description of the damage."""
    kind = rng.choice(["flip", "truncate", "zero"])
    data = bytearray(original)
    if kind == "flip":
        count = rng.randint(1, 16)
        for _ in range(count):
            data[rng.randrange(len(data))] ^= rng.randint(1, 255)
        return bytes(data), f"{count} flipped bytes"
    if kind == "truncate":
        length = rng.randrange(len(data))
        return bytes(data[:length]), f"truncated to {length} bytes"
    start = rng.randrange(len(data))
    length = rng.randint(1, 65536)
    data[start:start + length] = bytes(len(data[start:start + length]))
    return bytes(data), f"zeroed {length} bytes at {start}"


def classify(speck, weights, image):
    """(top class index or None, first line of the error)."""
    run = subprocess.run([speck, "classify", "--weights", weights, "--top", "1", image],
                         capture_output=True, text=True)
    if run.returncode != 0:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        return None, lines[0] if lines else f"exit code {run.returncode}, no message"
    # "  1.  285  Egyptian cat ..." on the line after the image path
    ranked = [line.split() for line in run.stdout.splitlines() if line.strip().startswith("1.")]
    return int(ranked[0][1]), None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("image")
    parser.add_argument("--weights", default=default_weights())
    parser.add_argument("--copies", type=int, default=150)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--name", default=PUBLISHED_NAME)
    parser.add_argument("--speck", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build/release/speck"))
    parser.add_argument("--verbose", action="store_true", help="print every copy's damage and outcome")
    args = parser.parse_args()

    with open(args.weights, "rb") as f:
        original = f.read()
    intact_top, error = classify(args.speck, args.weights, args.image)
    if intact_top is None:
        sys.exit(f"the intact weights do not classify: {error}")

    rng = random.Random(args.seed)
    outcomes = collections.Counter()
    reasons = collections.Counter()
    with tempfile.TemporaryDirectory() as folder:
        copy = os.path.join(folder, args.name)
        for index in range(args.copies):
            damaged, what = damage(original, rng)
            with open(copy, "wb") as f:
                f.write(damaged)
            top, error = classify(args.speck, copy, args.image)
            if top is None:
                outcome = "refused"
                reasons[reason_kind(error)] += 1
            elif top == intact_top:
                outcome = "loaded, same top class"
            else:
                outcome = "loaded, top class changed"
            outcomes[outcome] += 1
            if args.verbose or outcome == "loaded, top class changed":
                print(f"copy {index:3d}: {what}: {outcome}" + (f" ({error})" if error else f" (class {top})"))

    print(f"{args.copies} damaged copies named {args.name} (seed {args.seed}), intact top class {intact_top}:")
    for outcome in ["refused", "loaded, same top class", "loaded, top class changed"]:
        print(f"  {outcome}: {outcomes[outcome]}")
    for reason, count in reasons.most_common():
        print(f"    refused: {reason}: {count}")


def reason_kind(message):
    """The kind of refusal: the reason without the file, tensor names and numbers."""
    reason = message.split(": ", 2)[-1] if message.startswith("Error: ") else message
    reason = re.sub(r"^tensor \S+ holds (\S+) at element .*", r"a tensor holds \1", reason)
    reason = re.sub(r" \(from .*", "", reason.split(": ")[0])
    return re.sub(r"'[^']*'", "'…'", reason)


if __name__ == "__main__":
    main()
