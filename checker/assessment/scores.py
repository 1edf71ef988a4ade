"""The points an indicator's value earns (`score:` of a rates indicator).

- `{weight: W}`: value × W (a rate of 0.9 with weight 30 earns 27 points; most W).
- `{bands: [{at_least: X, points: P} | {at_most: X, points: P} | {points: P}, …]}`: a threshold
  table read top-down, the first band the value falls in gives the points; a band with
  neither bound takes every value (the table's floor); no band: 0 points.
- `{line: [[X1, P1], [X2, P2], …]}`: piecewise linear through the points (X ascending);
  below X1 the points of X1, above the last X those of the last (deductions "每低1个百分点
  扣2分" are a line).
Any of them may carry `max` and `min`: caps on the points (`max` also states the most the
indicator can earn, which the composite divides by).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    spec: dict

    @property
    def most(self) -> float:
        """The most points the indicator can earn: its cap, else the table's highest."""
        spec = self.spec
        if "max" in spec:
            return float(spec["max"])
        if "weight" in spec:
            return float(spec["weight"])
        if "bands" in spec:
            return max((float(band["points"]) for band in spec["bands"]), default=0.0)
        return max(float(points) for _, points in spec["line"])

    def points(self, value: float) -> float:
        spec = self.spec
        if "weight" in spec:
            earned = value * spec["weight"]
        elif "bands" in spec:
            earned = _band_points(spec["bands"], value)
        else:
            earned = _line_points(spec["line"], value)
        if "max" in spec and earned > spec["max"]:
            earned = spec["max"]
        if "min" in spec and earned < spec["min"]:
            earned = spec["min"]
        return earned


# Values compared with a band's bound are rounded first, so 0.95 computed as 19/20 is not
# taken for 0.9499999.
_DIGITS = 9


def _band_points(bands: list[dict], value: float) -> float:
    value = round(value, _DIGITS)
    for band in bands:
        if "at_least" in band and value < band["at_least"]:
            continue
        if "at_most" in band and value > band["at_most"]:
            continue
        return band["points"]
    return 0.0


def _line_points(line: list[list[float]], value: float) -> float:
    if value <= line[0][0]:
        return line[0][1]
    for (x1, p1), (x2, p2) in zip(line, line[1:]):
        if value <= x2:
            return p1 + (p2 - p1) * (value - x1) / (x2 - x1)
    return line[-1][1]
