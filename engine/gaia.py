"""The Gaïa equation on numpy arrays.

For each family f and sector s the factors are Q (quantity per person-year), E (kWh per unit),
C (kg CO2e per kWh) and L (m² of productive land per unit), held in an array of shape
(families, sectors, 4). The three footprints per person-year follow:

    CO2 = Q·E·C,   energy = Q·E,   biosphere = Q·L,   each plus the sector's public floor.

Everything here is elementwise (one IEEE operation per element, in a fixed order), so it gives
the same bits on every machine. Sums and averages are taken only on integer units (grams,
watt-hours, cm²: see units.py), never on these floats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scenario import FACTORS, FamilySpec, Scenario
from .units import divide_array, footprint_units, footprint_values

Q, E, C, L = range(4)
FACTOR_INDEX = {"quantity": Q, "energy": E, "carbon": C, "land": L}
FOOTPRINTS = ("co2_kg", "energy_kwh", "biosphere_m2")
CO2, ENERGY, BIOSPHERE = range(3)


def default_factors(scenario: Scenario) -> np.ndarray:
    """The sector defaults as a (sectors, 4) array: the territory's average household."""
    return np.array(
        [[getattr(s, name).value for name in FACTORS] for s in scenario.sectors], dtype=np.float64
    )


def floors(scenario: Scenario) -> np.ndarray:
    """Per-person public floor as a (sectors, 3) array in footprint order (CO2, energy, biosphere)."""
    out = np.zeros((len(scenario.sectors), 3))
    for i, s in enumerate(scenario.sectors):
        if s.floor is not None:
            out[i] = (s.floor.co2_kg.value, s.floor.energy_kwh.value, s.floor.biosphere_m2.value)
    return out


def profile_factors(scenario: Scenario, profile_id: str | None) -> np.ndarray:
    factors = default_factors(scenario)
    if profile_id is not None:
        _apply_overrides(scenario, factors, scenario.profile(profile_id).overrides)
    return factors


def family_factors(scenario: Scenario, family: FamilySpec) -> np.ndarray:
    """A family's own balance: its profile, then its adjustments."""
    factors = profile_factors(scenario, family.profile)
    _apply_overrides(scenario, factors, family.adjustments)
    return factors


def _apply_overrides(scenario: Scenario, factors: np.ndarray, overrides) -> None:
    for o in overrides:
        factors[scenario.sector_index(o.sector), FACTORS.index(o.factor)] = o.value


def footprints(factors: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Footprints per person-year for factors of shape (..., sectors, 4) -> (..., sectors, 3)."""
    q, e, c, l = (factors[..., i] for i in range(4))
    energy = q * e
    return np.stack((energy * c, energy, q * l), axis=-1) + floor


@dataclass(frozen=True)
class Footprint:
    """One household's or the association's footprints per person-year, by sector and in total."""

    by_sector: np.ndarray  # (sectors, 3)

    @property
    def total(self) -> np.ndarray:
        """The sum over sectors, taken in whole grams, watt-hours and cm² (exact)."""
        return footprint_values(footprint_units(self.by_sector).sum(axis=0))

    def as_dict(self, sector_ids: list[str]) -> dict:
        def triple(row) -> dict:
            return {name: round(float(v), 3) for name, v in zip(FOOTPRINTS, row)}

        return {
            "sectors": {sid: triple(row) for sid, row in zip(sector_ids, self.by_sector)},
            "total": triple(self.total),
        }


def weighted_average(per_family: np.ndarray, people: np.ndarray) -> np.ndarray:
    """Per-person average over families of integer units (families, ...), weighted by household
    size (integers): an exact integer sum, then one division to the nearest unit, halves to even."""
    total = int(people.sum())
    if total == 0:
        return np.zeros(per_family.shape[1:], dtype=np.int64)
    weighted = (per_family * people.reshape((-1,) + (1,) * (per_family.ndim - 1))).sum(axis=0)
    return divide_array(weighted, total)
