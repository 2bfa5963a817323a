#!/usr/bin/env python3
"""Python twin of LinearAlgebra.SeededGenerator (Sources/LinearAlgebra/SeededGenerator.swift).

SplitMix64 expands the seed into xoshiro256** state; uniforms take the top 53 bits; normals are
Box-Muller cosines (two uniforms each, nothing cached); indices use Lemire's unbiased multiply-shift.
Reference scripts import this to build the same test data the Swift tests build from a seed.

Run as a script it prints reference values as JSON; tests/fixtures store that output:
    python3 scripts/reference/splitmix_gaussian.py > Tests/LinearAlgebraTests/Fixtures/generator.json
"""
import json
import math
import sys

import numpy as np

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix(z):
    """SplitMix64 output finaliser."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class SeededGenerator:
    def __init__(self, seed, state=None):
        self.seed = seed & MASK
        if state is None:
            s = self.seed
            state = []
            for _ in range(4):
                s = (s + GAMMA) & MASK
                state.append(mix(s))
        self.s = list(state)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def next_uniform(self):
        return (self.next() >> 11) * 2.0**-53

    def next_uniform_float(self):
        return (self.next() >> 40) * 2.0**-24

    def next_normal(self):
        u1 = self.next_uniform()
        u2 = self.next_uniform()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)

    def next_index(self, bound):
        m = self.next() * bound
        if (m & MASK) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (m & MASK) < threshold:
                m = self.next() * bound
        return m >> 64

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_index(i + 1)
            items[i], items[j] = items[j], items[i]

    def sample(self, count, population):
        displaced = {}
        chosen = []
        for i in range(count):
            other = i + self.next_index(population - i)
            chosen.append(displaced.get(other, other))
            displaced[other] = displaced.get(i, i)
        return chosen

    def stream(self, index):
        return SeededGenerator(stream_seed(self.seed, index))


def stream_seed(seed, index):
    return mix((seed + mix((index + GAMMA) & MASK)) & MASK)


def normal_matrix(rows, columns, generator):
    """float32 rows x columns of standard normals, filled row by row (Matrix<Float>.standardNormal)."""
    return np.array([generator.next_normal() for _ in range(rows * columns)], dtype=np.float64) \
        .astype(np.float32).reshape(rows, columns)


def main():
    seed = 20260101
    g = SeededGenerator(seed)
    raw = [g.next() for _ in range(5)]
    g = SeededGenerator(seed)
    uniforms = [g.next_uniform() for _ in range(5)]
    g = SeededGenerator(seed)
    uniform_floats = [g.next_uniform_float() for _ in range(5)]
    g = SeededGenerator(seed)
    normals = [g.next_normal() for _ in range(8)]
    g = SeededGenerator(seed)
    indices = [g.next_index(b) for b in (1, 2, 3, 10, 1000, 2**40 + 3)]
    g = SeededGenerator(seed)
    shuffled = list(range(10))
    g.shuffle(shuffled)
    g = SeededGenerator(seed)
    sample = g.sample(5, 1_000_000)
    streams = [SeededGenerator(seed).stream(i).next() for i in range(3)]
    normal_block = normal_matrix(3, 4, SeededGenerator(7))
    out = {
        "seed": seed,
        "next": [str(v) for v in raw],  # strings: JSON numbers lose UInt64 precision in many parsers
        "nextUniform": uniforms,
        "nextUniformFloat": uniform_floats,
        "nextNormal": normals,
        "nextIndexBounds": [str(b) for b in (1, 2, 3, 10, 1000, 2**40 + 3)],
        "nextIndex": [str(v) for v in indices],
        "shuffleOfTen": shuffled,
        "sample5Of1000000": sample,
        "streamFirstNext": [str(v) for v in streams],
        "standardNormal3x4Seed7": [float(v) for v in normal_block.ravel()],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
