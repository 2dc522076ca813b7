"""Easing and short tweens for UI motion (all ≤ 250 ms; zero-length under reduced motion)."""

from __future__ import annotations


def ease_out_cubic(t: float) -> float:
    """Fast start, gentle stop; ``t`` in [0, 1] -> [0, 1]."""
    t = max(0.0, min(1.0, t))
    return 1.0 - (1.0 - t) ** 3


def ease_in_out_cubic(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return 4 * t * t * t if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2


class Tween:
    """Progress of one animation; ``duration_ms`` of 0 completes immediately."""

    def __init__(self, duration_ms: float) -> None:
        self.duration_ms = max(0.0, min(250.0, float(duration_ms)))
        self.elapsed_ms = 0.0

    def advance(self, dt_ms: float) -> None:
        self.elapsed_ms += max(0.0, dt_ms)

    @property
    def done(self) -> bool:
        return self.elapsed_ms >= self.duration_ms

    @property
    def progress(self) -> float:
        """Eased progress in [0, 1]."""
        if self.duration_ms <= 0:
            return 1.0
        return ease_out_cubic(self.elapsed_ms / self.duration_ms)
