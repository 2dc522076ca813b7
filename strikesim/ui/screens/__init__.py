"""Screens, one per module. Each takes the :class:`~strikesim.ui.context.UIContext` first."""
