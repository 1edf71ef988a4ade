"""Seeded mutators: each takes a random.Random and a text or bytes, returns a damaged copy."""

from __future__ import annotations

import random

# What exports and pull requests really carry, and what an attacker would add.
HOSTILE_STRINGS = [
    '"', '""', '"unclosed', "\x00", "\x1b[2J\x1b]0;pwned\x07", "\ufffe", "\uffff", "\u202e",
    "=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "-2", "\r", "\r\n", "\t", ",", ";",
    "9" * 5000, "9999-12-31 23:59:59-12:00", "0001-01-01 00:00+14:00", "2024-02-30 10:00",
    "45423.4375", "P99999999999D", "[" * 1000, "{" * 300, "\\ud800", "１３９１２３４５６７８",
    "tel13912345678", "ID610721199001011234", "（0916）1234003", "0086 139 1234 5678",
    "139.1008.2008", "<script>alert(1)</script>", "]]>", "&amp;", "%s%n", "\u0085", "ＮＵＬＬ",
    "受理", "派单", "回访", "工单编号", "*a", "&a", "!!binary", "{{7*7}}", "../../etc/passwd",
]

# Numbers that must never appear unmasked in an output (the logs' notes carry them).
SECRET_DIGITS = ["13912345678", "610721199001011234", "13800138000", "09161234003"]


def _pick(rng: random.Random) -> str:
    return rng.choice(HOSTILE_STRINGS)


def mutate_text(rng: random.Random, text: str, rounds: int = 3) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, rounds)):
        choice = rng.randrange(8)
        index = rng.randrange(len(lines))
        line = lines[index]
        if choice == 0:                                   # insert a hostile string
            at = rng.randint(0, len(line))
            lines[index] = line[:at] + _pick(rng) + line[at:]
        elif choice == 1:                                 # replace a field
            cells = line.split(",")
            cells[rng.randrange(len(cells))] = _pick(rng)
            lines[index] = ",".join(cells)
        elif choice == 2:                                 # drop or duplicate a line
            if rng.random() < 0.5 and len(lines) > 2:
                del lines[index]
            else:
                lines.insert(index, line)
        elif choice == 3:                                 # truncate a line
            lines[index] = line[: rng.randint(0, len(line))]
        elif choice == 4:                                 # an unbalanced quote
            at = rng.randint(0, len(line))
            lines[index] = line[:at] + '"' + line[at:]
        elif choice == 5:                                 # swap two characters
            if len(line) > 2:
                a = rng.randrange(len(line) - 1)
                lines[index] = line[:a] + line[a + 1] + line[a] + line[a + 2:]
        elif choice == 6:                                 # full-width digits
            lines[index] = line.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        else:                                             # a very long cell
            lines[index] = line + "," + "长" * rng.choice([10, 1000, 100_000])
    return "\n".join(lines)


def mutate_bytes(rng: random.Random, data: bytes, rounds: int = 4) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, rounds)):
        if not buffer:
            break
        choice = rng.randrange(4)
        at = rng.randrange(len(buffer))
        if choice == 0:
            buffer[at] = rng.randrange(256)
        elif choice == 1:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice == 2:
            del buffer[at:at + rng.randint(1, 64)]
        else:
            buffer[at:at] = rng.choice([b"\xff\xfe", b"\x80", b"\x00\x00", b"\xe4\xb8", b'"'])
    return bytes(buffer)


def mutate_yaml(rng: random.Random, text: str) -> str:
    """Rule files: the same line-level damage, plus YAML's own hostile forms."""
    specials = ["a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
                "deep: " + "[" * 500 + "]" * 500 + "\n", "x: !!python/object/apply:os.system [ls]\n",
                "y: !!binary aGVsbG8=\n", "z: !!set {a, b}\n", "n: " + "9" * 5000 + "\n",
                "calendar: /etc/passwd\n", "timezone: ../../etc/localtime\n", "  bad indent: [\n",
                "rules: []\n", "rules: null\n", "d: 2024-13-45\n", "\t\t\t: :\n", "'unclosed\n"]
    if rng.random() < 0.4:
        lines = text.split("\n")
        at = rng.randrange(len(lines))
        lines.insert(at, rng.choice(specials))
        return "\n".join(lines)
    return mutate_text(rng, text)
