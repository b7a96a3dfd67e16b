"""Small pieces the roadmap's SVG drawings share: stable numbers, wrapped text, status colours."""

from __future__ import annotations

import textwrap

#: fill, stroke and dash of a PRD box by status (the badge colours of specsite.css, darker lines)
STATUS_LOOKS = {
    "draft": ("#fafafa", "#9e9e9e", "5 3"),
    "review": ("#fff8e1", "#f9a825", ""),
    "approved": ("#e3f2fd", "#1e88e5", ""),
    "shipped": ("#e8f5e9", "#43a047", ""),
    "deprecated": ("#f3e5f5", "#8e24aa", "5 3"),
}
INK = "#212121"
MUTED = "#616161"


def n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable across runs)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wrap(text: str, width_px: float, font: float, max_lines: int) -> list[str]:
    """``text`` in lines that fit ``width_px`` at ``font`` px (estimated), at most ``max_lines``,
    the last cut with an ellipsis when it does not all fit."""
    chars = max(6, int(width_px / (font * 0.56)))
    words = " ".join(text[: chars * (max_lines + 1) * 2].split())  # a title may be megabytes
    lines = textwrap.wrap(words, chars, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, chars - 1)].rstrip() + "…"
    return lines


def clip(text: str, width_px: float, font: float) -> str:
    """``text`` on one line of ``width_px``, cut with an ellipsis when longer."""
    return wrap(text, width_px, font, 1)[0]
