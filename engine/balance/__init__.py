"""The balance room: can a scenario's targets be reached, and with which projects?

A trainer's question before a workshop. `model` turns a scenario and a roster into arrays of
what each project does to each family; `search` walks the portfolios (every one when they are
few, a beam otherwise); `front` keeps the Pareto front of cost against footprint; `explorer`
runs it and writes the report; `chart` draws that report as a chart file (its shapes and writers also draw
`bve simulate --chart`, from the game's command line). The room reads scenarios and the Gaïa arithmetic; nothing in the engine imports it.
"""

from .explorer import BalanceReport, explore, render_text, write_chart

__all__ = ["BalanceReport", "explore", "render_text", "write_chart"]
