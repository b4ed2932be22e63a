"""What each family of each session has, gives and has left: resources.means, given and left
in whole cents and minutes, one row per session."""

from __future__ import annotations

import numpy as np


def means(t, s, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(S, F) money, savings and minutes each family has (resources.means)."""
    flowing = (s.run & (s.start < r))[:, :, None] & s.part
    back_money = (flowing * t.back_money[None, :, None]).sum(axis=1)
    back_minutes = (flowing * t.back_minutes[None, :, None]).sum(axis=1)
    return (np.maximum(0, t.base_money + s.money_delta + back_money),
            np.maximum(0, t.base_savings - s.spent),
            np.maximum(0, t.base_minutes + s.minutes_delta + back_minutes))


def paid_off(t, s, r: int) -> np.ndarray:
    loan = t.loan_rounds[None, :]
    return (loan >= 0) & (r >= s.start + loan)


def given_running(t, s, r: int) -> tuple[np.ndarray, np.ndarray]:
    """(S, F) money and minutes given to running projects (resources.given)."""
    live = (s.run & ~s.done)[:, :, None] & s.has
    money = np.where(live & ~paid_off(t, s, r)[:, :, None], s.money, 0).sum(axis=1)
    return money, np.where(live, s.minutes, 0).sum(axis=1)


def room(t, s, r: int) -> tuple[np.ndarray, ...]:
    """(S, F) money, savings and minutes each family has, less what running projects take:
    fixed through the pledges (only the proposals' own pledges change there)."""
    have_money, have_savings, have_minutes = means(t, s, r)
    gave_money, gave_minutes = given_running(t, s, r)
    return have_money - gave_money, have_savings, have_minutes - gave_minutes
