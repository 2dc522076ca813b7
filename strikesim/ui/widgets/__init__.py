"""Widgets, one per module; see :mod:`strikesim.ui.widgets.base` for the event contract."""
