"""StrikeSim: a turn-based strike negotiation game about AI in film and television."""

__version__ = "0.1.0"
