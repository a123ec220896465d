#!/usr/bin/env python3
"""Regenerates Tests/Fixtures from the team's shared reference data (../shared/fixtures).

    python3 Tests/Fixtures/make_fixtures.py [SHARED]      (default: SPECK_SHARED, else <repo>/../shared)

* efficientnet-lite0/<image>.json: compact golden values of PyTorch's EfficientNet-Lite0 run
  (../shared/fixtures/efficientnet-lite0/<image>.<stage>.f32, raw float32): for every stage its
  shape, the sum, sum of squares and max|value| of the whole tensor, and every `stride`-th value
  from index 0 (`stride` is a prime, so the sample does not line up with channels or rows).
  The input tensor also gets an FNV-1a 64 hash of its float32 bytes, for the bit-exact resize test.
* efficientnet-lite0/chelsea.png, coffee.png: the two public reference images (scikit-image).
  The third image, MVTec's bottle, is licensed data and is not copied: its input tensor gets
  no sample either (that would be its pixels), only the sums and the hash.
* checkpoints-bad/: the damaged and hostile checkpoint files with their README, verbatim.

Only the Python standard library is needed.
"""
import json
import math
import os
import shutil
import struct
import sys

SAMPLES = 2500          # about this many values per stage
LICENSED = {"bottle"}   # images whose pixels must not be committed
HERE = os.path.dirname(os.path.abspath(__file__))


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def sample_stride(count):
    if count <= SAMPLES:
        return 1
    stride = -(-count // SAMPLES)
    while not is_prime(stride):
        stride += 1
    return stride


def float32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def shortest(x):
    """The shortest decimal that reads back (as a double, then rounded to float32) as x."""
    for digits in range(1, 10):
        text = f"{x:.{digits}g}"
        if float32(float(text)) == x:
            return text
    raise ValueError(x)


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def golden(path, shape, with_sample, with_hash):
    raw = open(path, "rb").read()
    values = struct.unpack(f"<{len(raw) // 4}f", raw)
    assert len(values) == math.prod(shape), path
    stride = sample_stride(len(values))
    entry = {
        "shape": shape,
        "sum": math.fsum(values),
        "sumOfSquares": math.fsum(v * v for v in values),
        "maxAbs": max(abs(v) for v in values),
    }
    if with_hash:
        entry["fnv1a64"] = fnv1a64(raw)
    if with_sample:
        entry["stride"] = stride
        entry["sample"] = [shortest(v) for v in values[::stride]]
    return entry


def write_json(path, document):
    """JSON with each stage's sample wrapped at 12 values a line, so a diff shows what moved."""
    lines = ["{"]
    for key in ("source", "image", "top5"):
        lines.append(f" {json.dumps(key)}: {json.dumps(document[key])},")
    lines.append(' "stages": {')
    stages = list(document["stages"].items())
    for i, (name, entry) in enumerate(stages):
        fields = [f'   "{k}": {json.dumps(v)}' for k, v in entry.items() if k != "sample"]
        if "sample" in entry:
            rows = [", ".join(entry["sample"][j:j + 12]) for j in range(0, len(entry["sample"]), 12)]
            fields.append('   "sample": [\n    ' + ",\n    ".join(rows) + "\n   ]")
        lines.append(f'  {json.dumps(name)}: {{\n' + ",\n".join(fields) + "\n  }" + ("," if i < len(stages) - 1 else ""))
    lines += [" }", "}"]
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")


def efficientnet(shared):
    source = os.path.join(shared, "fixtures/efficientnet-lite0")
    target = os.path.join(HERE, "efficientnet-lite0")
    os.makedirs(target, exist_ok=True)
    manifest = json.load(open(os.path.join(source, "manifest.json")))
    for image, about in manifest["images"].items():
        stages = {}
        for file in (f for f in manifest["files"] if f["image"] == image):
            shape = file["shape"][1:]   # drop the batch dimension of 1
            is_input = file["stage"] == "input"
            stages[file["stage"]] = golden(os.path.join(source, file["file"]), shape,
                                           with_sample=not (is_input and image in LICENSED), with_hash=is_input)
        top5 = json.load(open(os.path.join(source, f"{image}.top5.json")))["top5"]
        write_json(os.path.join(target, f"{image}.json"), {
            "source": f"../shared/fixtures/efficientnet-lite0/{image}.*.f32 ({manifest['model']}; {manifest['torch']})",
            "image": about["source"],
            "top5": [entry["index"] for entry in top5],
            "stages": stages,
        })
        if image not in LICENSED:
            shutil.copyfile(os.path.join(source, about["png"]), os.path.join(target, about["png"]))


def checkpoints(shared):
    source = os.path.join(shared, "fixtures/checkpoints-bad")
    target = os.path.join(HERE, "checkpoints-bad")
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    for name in sorted(os.listdir(source)):
        shutil.copyfile(os.path.join(source, name), os.path.join(target, name))


def main():
    default = os.environ.get("SPECK_SHARED") or os.path.join(HERE, "../../../shared")
    shared = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else default)
    efficientnet(shared)
    checkpoints(shared)
    print(f"Tests/Fixtures regenerated from {shared}")


if __name__ == "__main__":
    main()
