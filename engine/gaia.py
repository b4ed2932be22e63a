"""The Gaïa equation on numpy arrays.

For each family f and component k (a sector's "poste": heating, car, plane...; a version-1
sector is one component) the factors are Q (quantity per person-year), E (kWh per unit),
C (kg CO2e per kWh) and L (m² of productive land per unit), held in an array of shape
(families, components, 4). The three footprints per person-year follow:

    CO2 = Q·E·C,   energy = Q·E (× the carrier's primary-energy factor),   biosphere = Q·L

and a sector's footprints are the sums of its components', plus the sector's public floor.

Everything here is elementwise (one IEEE operation per element, in a fixed order), so it gives
the same bits on every machine. Sums and averages are taken only on integer units (grams,
watt-hours, cm²: see units.py), never on these floats: a sector's units are the sum of its
components' units. A sector of one component counts its public floor with it before rounding,
exactly as version 1 did, so that version-1 logs keep their digests; a sector of several
components rounds its floor on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scenario import FACTORS, FamilySpec, Household, Scenario
from .units import divide_array, footprint_units, footprint_values

Q, E, C, L = range(4)
FACTOR_INDEX = {"quantity": Q, "energy": E, "carbon": C, "land": L}
FOOTPRINTS = ("co2_kg", "energy_kwh", "biosphere_m2")
CO2, ENERGY, BIOSPHERE = range(3)

_MEMO: dict[tuple[str, int], tuple] = {}


def _per_scenario(name: str, scenario: Scenario, compute):
    """A value derived from a scenario, computed once (scenarios never change); the scenario is
    kept with it and compared by identity, so that a reused id never matches."""
    hit = _MEMO.get((name, id(scenario)))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    value = compute(scenario)
    if len(_MEMO) > 256:
        _MEMO.clear()
    _MEMO[(name, id(scenario))] = (scenario, value)
    return value


def default_factors(scenario: Scenario) -> np.ndarray:
    """The components' defaults as a (components, 4) array: the territory's average household
    (one row per sector in a version-1 scenario)."""
    return np.array(
        [[getattr(c, name).value for name in FACTORS] for _, c in scenario.components], dtype=np.float64
    )


def public_floors(scenario: Scenario) -> np.ndarray:
    """Per-person public floor as a (sectors, 3) array in footprint order (CO2, energy, biosphere)."""
    out = np.zeros((len(scenario.sectors), 3))
    for i, s in enumerate(scenario.sectors):
        if s.floor is not None:
            out[i] = (s.floor.co2_kg.value, s.floor.energy_kwh.value, s.floor.biosphere_m2.value)
    return out


def floors(scenario: Scenario) -> np.ndarray:
    """(components, 3): the public floor of a sector of one component, counted with it (see the
    module's docstring); zero elsewhere."""
    return _per_scenario("floors", scenario, _component_floors)


def _component_floors(scenario: Scenario) -> np.ndarray:
    public = public_floors(scenario)
    out = np.zeros((len(scenario.components), 3))
    for i, sector in enumerate(scenario.sectors):
        rows = scenario.component_rows(sector.id)
        if len(rows) == 1:
            out[rows[0]] = public[i]
    out.flags.writeable = False
    return out


def separate_floor_units(scenario: Scenario) -> np.ndarray:
    """(sectors, 3) int64: the public floors of sectors of several components, rounded alone."""
    def compute(sc: Scenario) -> np.ndarray:
        public = public_floors(sc)
        for i, sector in enumerate(sc.sectors):
            if len(sector.parts) == 1:
                public[i] = 0
        out = footprint_units(public)
        out.flags.writeable = False
        return out

    return _per_scenario("separate_floors", scenario, compute)


def primary_factors(scenario: Scenario) -> np.ndarray | None:
    """(components,) kWh of primary energy per kWh of each component's carrier, or None when the
    scenario counts energy as its factors give it (no primary basis)."""
    def compute(sc: Scenario):
        basis = sc.energy
        if basis is None or basis.basis != "primary":
            return None
        out = np.array([basis.primary_factor(c.carrier) for _, c in sc.components], dtype=np.float64)
        out.flags.writeable = False
        return out

    return _per_scenario("primary", scenario, compute)


def factor_floors(scenario: Scenario) -> np.ndarray | None:
    """(components, 4): the lowest each factor can be brought by projects (0 where no floor), or
    None when the scenario gives no floor at all."""
    def compute(sc: Scenario):
        out = np.zeros((len(sc.components), 4))
        any_floor = False
        for k, (_, component) in enumerate(sc.components):
            if component.floors is not None:
                for j, name in enumerate(FACTORS):
                    value = component.floors.value(name)
                    if value is not None:
                        out[k, j] = value
                        any_floor = True
        out.flags.writeable = False
        return out if any_floor else None

    return _per_scenario("factor_floors", scenario, compute)


def component_sectors(scenario: Scenario) -> np.ndarray:
    """(components,) the sector number of each component."""
    return _per_scenario("component_sectors", scenario,
                         lambda sc: np.array(sc.component_sectors, dtype=np.intp))


def one_per_sector(scenario: Scenario) -> bool:
    """True when every sector is one component (every version-1 scenario): rows are sectors."""
    return len(scenario.components) == len(scenario.sectors)


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
        factors[list(scenario.component_rows(o.sector, o.component)), FACTORS.index(o.factor)] = o.value


def household(scenario: Scenario, family: FamilySpec, factors: np.ndarray | None = None) -> Household:
    """What eligibility reads of a family: its profile's household, with the family's own
    attributes over it (see `profile_household` for the floor area)."""
    if factors is None:
        factors = family_factors(scenario, family)
    return profile_household(scenario, family.profile, factors, family.household)


def profile_household(scenario: Scenario, profile_id: str | None, factors: np.ndarray,
                      own: Household | None = None) -> Household:
    """A profile's household (none: nothing known), with `own` attributes over it; the floor
    area per person, when nobody gave it, is the Q of the first sector counted in m² (its first
    component) in `factors`, the household's balance."""
    profile = scenario.profile(profile_id).household if profile_id else None
    found = (profile or Household()).merged(own)
    if found.area_m2 is None:
        for sector in scenario.sectors:
            if sector.unit.strip() == "m²":
                area = float(factors[scenario.component_rows(sector.id)[0], Q])
                if 1 <= area <= 1000:
                    found = found.model_copy(update={"area_m2": area})
                break
    return found


def footprints(factors: np.ndarray, floor, primary: np.ndarray | None = None) -> np.ndarray:
    """Footprints per person-year for factors of shape (..., rows, 4) -> (..., rows, 3); `primary`
    multiplies the energy footprint (not the CO2's kWh) by each row's primary-energy factor."""
    q, e, c, l = (factors[..., i] for i in range(4))
    energy = q * e
    counted = energy if primary is None else energy * primary
    return np.stack((energy * c, counted, q * l), axis=-1) + floor


def component_units(scenario: Scenario, factors: np.ndarray) -> np.ndarray:
    """(..., components, 3) int64 footprints per person-year (g CO2e, Wh, cm²) of each component,
    the public floor of a sector of one component included."""
    return footprint_units(footprints(factors, floors(scenario), primary_factors(scenario)))


def sector_units(scenario: Scenario, units: np.ndarray) -> np.ndarray:
    """(..., components, 3) component units -> (..., sectors, 3): each sector the integer sum of
    its components, plus its public floor when it has several components."""
    if one_per_sector(scenario):
        return units
    out = np.zeros(units.shape[:-2] + (len(scenario.sectors), 3), dtype=np.int64)
    for i, sector in enumerate(scenario.sectors):
        rows = scenario.component_rows(sector.id)
        out[..., i, :] = units[..., rows[0]:rows[-1] + 1, :].sum(axis=-2)
    return out + separate_floor_units(scenario)


def units_by_sector(scenario: Scenario, factors: np.ndarray) -> np.ndarray:
    """(..., components, 4) factors -> (..., sectors, 3) int64 footprints per person-year."""
    return sector_units(scenario, component_units(scenario, factors))


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
