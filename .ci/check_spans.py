"""Check `pactum extract --format jsonl` output over a corpus.

Fails on: any panic, any fact whose [start, end) byte span in the decoded file does not
equal its text, any failed file without a reported reason, exit codes other than 0/2.
Decoding mirrors pactum: UTF-8 (BOM stripped), else Windows-1252.
"""
import json
import sys
from collections import Counter

facts_path, err_path, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
problems = []
cache = {}


def decoded(path):
    if path not in cache:
        cache.clear()
        raw = open(path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            # WHATWG windows-1252 maps the 5 undefined bytes to C1 controls, as encoding_rs does.
            text = "".join(
                bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
                for b in raw
            )
        cache[path] = text.encode("utf-8")
    return cache[path]


kinds = Counter()
n = 0
with open(facts_path, encoding="utf-8") as f:
    for line in f:
        n += 1
        fact = json.loads(line)
        kinds[fact["kind"]] += 1
        src = decoded(fact["path"])
        got = src[fact["start"]:fact["end"]].decode("utf-8", errors="replace")
        if got != fact["text"]:
            problems.append(f"span mismatch {fact['path']}:{fact['start']}-{fact['end']}: {got!r} != {fact['text']!r}")

err = open(err_path, encoding="utf-8", errors="replace").read()
if "panicked" in err:
    problems.append("a panic was reported:\n" + "\n".join(l for l in err.splitlines() if "panick" in l)[:2000])
errors = [l for l in err.splitlines() if l.startswith("pactum: error:")]
for l in errors:
    # "pactum: error: <path>: <reason>"
    rest = l[len("pactum: error: "):]
    if ": " not in rest or not rest.split(": ", 1)[1].strip():
        problems.append(f"failure without a reason: {l}")
if rc not in (0, 2) or (rc == 2) != bool(errors):
    problems.append(f"exit code {rc} does not match {len(errors)} reported failures")

print(f"facts: {n} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
print(f"failed files (with reasons): {len(errors)}")
for l in errors[:20]:
    print("  " + l)
if problems:
    print(f"{len(problems)} problems:")
    for p in problems[:50]:
        print("  " + p)
    sys.exit(1)
print("every span matches its text")
