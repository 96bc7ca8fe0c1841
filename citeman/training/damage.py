"""Damage that real reference lists suffer between typesetting and plain text.

PDF-to-text hyphenation at line ends, DOIs and URLs broken over two lines, OCR
confusions, citation labels added or removed. Each transform keeps one label per token.
"""

from __future__ import annotations

import random

Labelled = list[tuple[str, str]]
_OCR = (("l", "1"), ("O", "0"), ("rn", "m"), ("e", "c"), ("I", "l"), ("fi", "ﬁ"), ("S", "5"), ("u", "n"))


def _hyphenate(tokens: Labelled, rnd: random.Random) -> Labelled:
    candidates = [i for i, (w, lab) in enumerate(tokens) if len(w) >= 7 and w.isalpha()
                  and lab in ("title", "container-title", "journal", "publisher")]
    if not candidates:
        return tokens
    i = rnd.choice(candidates)
    word, label = tokens[i]
    cut = rnd.randint(3, len(word) - 3)
    return tokens[:i] + [(word[:cut] + "-", label), (word[cut:], label)] + tokens[i + 1:]


def _break_identifier(tokens: Labelled, rnd: random.Random) -> Labelled:
    candidates = [i for i, (w, lab) in enumerate(tokens) if lab in ("doi", "url") and len(w) > 12]
    if not candidates:
        return tokens
    i = rnd.choice(candidates)
    word, label = tokens[i]
    cuts = [k + 1 for k, ch in enumerate(word[:-2]) if ch in "/.-_" and k > 4] or [len(word) // 2]
    cut = rnd.choice(cuts)
    return tokens[:i] + [(word[:cut], label), (word[cut:], label)] + tokens[i + 1:]


def _ocr(tokens: Labelled, rnd: random.Random) -> Labelled:
    out = list(tokens)
    for _ in range(rnd.randint(1, 2)):
        i = rnd.randrange(len(out))
        word, label = out[i]
        good, bad = rnd.choice(_OCR)
        if good in word:
            out[i] = (word.replace(good, bad, 1), label)
    return out


def _number(tokens: Labelled, rnd: random.Random, index: int) -> Labelled:
    if tokens and tokens[0][1] == "citation-number":
        return tokens[1:] if rnd.random() < 0.3 else tokens
    form = rnd.choice(("[%d]", "%d.", "%d", "(%d)"))
    return [(form % index, "citation-number")] + tokens


def damage(tokens: Labelled, rnd: random.Random, index: int) -> Labelled:
    """``tokens`` with a random selection of the transforms applied."""
    if rnd.random() < 0.25:
        tokens = _hyphenate(tokens, rnd)
    if rnd.random() < 0.4:
        tokens = _break_identifier(tokens, rnd)
    if rnd.random() < 0.1:
        tokens = _ocr(tokens, rnd)
    if rnd.random() < 0.2:
        tokens = _number(tokens, rnd, index)
    return tokens
