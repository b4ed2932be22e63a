"""Exact units: what the state holds, and the only places where a number is rounded.

A session's log must replay to the same state on any machine, so nothing whose last bits depend
on the CPU, the BLAS kernel, the SIMD level or the Python version may enter the state. Hence:

- money is held in integer **cents** (of the territory's currency), time in integer **minutes**
  per week, and recorded footprints per person-year in integer **grams** CO2e, **watt-hours**
  and **square centimetres** of productive land;
- the scenario's numbers and the actions' euros and hours stay as they are written (JSON and TOML
  numbers); they become units by one multiplication and Python's `round` (`cents`, `minutes`);
- Gaïa's factors stay float64, but only through elementwise products, quotients and sums of two
  arrays in a fixed order: each is one correctly rounded IEEE operation, the same everywhere.
  They become units (`footprint_units`) *before* any sum, average or comparison;
- every reduction (over sectors, families, pledges) is a sum of integers, which has no rounding.

Two rules round money, time and footprints, and only through this module:
- a quotient or a product (an average per person, setup hours spread over 52 weeks, a need times
  a proposal's size, the share of a cost that a subsidy or the platform pays) goes to the
  **nearest unit, halves to even** (`divide`, `scaled`; Python's `round` and numpy's `rint` do
  the same);
- an amount shared among families (`apportion`) gives each the whole units of its exact share,
  then the units left over one each to the largest remainders, ties to the family whose id sorts
  first (the largest remainder method): the shares add up exactly to the amount.
"""

from __future__ import annotations

import numpy as np

CENTS = 100  # per unit of currency
MINUTES = 60  # per hour
WEEKS = 52  # a year's setup hours are spread over its weeks
# grams per kg CO2e, Wh per kWh, cm² per m²: footprint order (CO2, energy, biosphere)
FOOTPRINT_SCALE = (1000, 1000, 10_000)
# No household comes near it (2.8 × 10^11 kg CO2e per person and sector), and below it a weighted
# sum over 24 families of up to 36 people and five sectors stays far inside int64.
FOOTPRINT_CEILING = 2**48

_SCALE = np.array(FOOTPRINT_SCALE, dtype=np.float64)


def cents(amount: float) -> int:
    """An amount of money (euros, or the territory's currency) in whole cents."""
    return round(amount * CENTS)


def minutes(hours: float) -> int:
    """Hours (per week) in whole minutes."""
    return round(hours * MINUTES)


def scaled(units: int, factor: float) -> int:
    """Units times a factor (a proposal's size, a subsidy's share), to the nearest unit (halves
    to even): one IEEE product, then Python's round."""
    return round(units * factor)


def divide(numerator: int, denominator: int) -> int:
    """numerator / denominator to the nearest integer, halves to even (denominator > 0)."""
    q, r = divmod(numerator, denominator)
    if 2 * r > denominator or (2 * r == denominator and q % 2):
        q += 1
    return q


def divide_array(numerator: np.ndarray, denominator) -> np.ndarray:
    """`divide` elementwise on an int64 array, by an integer or by an int64 array that broadcasts."""
    q, r = np.divmod(numerator, denominator)
    return q + ((2 * r > denominator) | ((2 * r == denominator) & (q % 2 == 1)))


def footprint_units(values: np.ndarray) -> np.ndarray:
    """Footprints (..., 3) in kg CO2e, kWh and m² as int64 grams, watt-hours and cm²."""
    return np.rint(np.minimum(values * _SCALE, FOOTPRINT_CEILING)).astype(np.int64)


def footprint_values(units: np.ndarray) -> np.ndarray:
    """The inverse for the screen: int units (..., 3) as float kg CO2e, kWh and m²."""
    return units / _SCALE


def apportion(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Share `total` units in proportion to integer weights (the largest remainder method).

    Each family gets floor(total × w / W); the units left over go one each to the largest
    remainders, ties to the id that sorts first. With no weight at all the shares are equal.
    The shares add up to `total` exactly and none exceeds ceil(total × w / W)."""
    if not weights:
        return {}
    weight_sum = sum(weights.values())
    if weight_sum <= 0:
        weights, weight_sum = {f: 1 for f in weights}, len(weights)
    out: dict[str, int] = {}
    remainders = []
    for f, w in weights.items():
        out[f], r = divmod(total * w, weight_sum)
        remainders.append((-r, f))
    left = total - sum(out.values())
    for _, f in sorted(remainders)[:left]:
        out[f] += 1
    return out
