"""Shared set-up for the in-game screen tests: a real wga-2023 session in a headless app."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pygame

from strikesim.ai.preview import preview_offer
from strikesim.engine import GameSpec, Move
from strikesim.play.seat import GamePlay
from strikesim.records import Seat
from strikesim.scenario import load_scenario
from strikesim.session import Session
from strikesim.ui.app import App, create_app
from strikesim.ui.screens.game.preview import OfferPreview


@lru_cache(maxsize=1)
def wga() -> GameSpec:
    return load_scenario("wga-2023")


def new_session(side: int = 0, seed: int = 5) -> Session:
    spec = wga()
    seats = [Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1])]
    seats[side] = Seat("human")
    return Session(spec, (seats[0], seats[1]), seed)


def cheap_preview(*args: Any, **kwargs: Any) -> Any:
    """The real preview with fewer continuations, so fuzzing stays fast."""
    kwargs["runs"] = 12
    return preview_offer(*args, **kwargs)


_PLAYED: dict[tuple[int, int, int], Session] = {}


def make_play(side: int = 0, weeks: int = 0, seed: int = 5, *, autosave: bool = False) -> GamePlay:
    """A game ``weeks`` into the dispute (the player held each week). The weeks are played
    once per (side, weeks, seed); later calls get an independent deep copy of that game."""
    key = (side, weeks, seed)
    base = _PLAYED.get(key)
    if base is None:
        play = GamePlay(new_session(side, seed), autosave=False)
        for _ in range(weeks):
            if play.is_over or play.play(Move.HOLD) is None:
                break
        base = _PLAYED[key] = play.session
    session = copy.deepcopy(base, memo={id(base.spec): base.spec})
    return GamePlay(session, autosave=autosave)


def make_app(
    tmp_path: Path, first: Callable[[Any], Any], size: tuple[int, int] = (1280, 720)
) -> App:
    return create_app(first, size=size, settings_file=tmp_path / "settings.json")


def key(name: str, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=mod, unicode="")


def click(app: App, pos: tuple[int, int]) -> None:
    for etype in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        if etype == pygame.MOUSEMOTION:
            app.handle(pygame.event.Event(etype, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        else:
            app.handle(pygame.event.Event(etype, pos=pos, button=1))


def fast_preview(play: GamePlay) -> OfferPreview:
    return OfferPreview(play, cheap_preview)
