"""One row of the load screen, and the campaign saves listed beside plain saves.

Plain saves come from :func:`strikesim.saves.list_saves`; campaign saves (one file per
campaign under ``<saves>/campaigns/``) are read here just far enough to describe them —
title, disputes played, the dispute in play — and fully loaded only when chosen.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from strikesim.files import load_json
from strikesim.saves import AUTOSAVE, SaveInfo, saves_dir
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.pressable import Pressable

CAMPAIGN_FORMAT = "strikesim-campaign-run"
MAX_CAMPAIGN_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class CampaignSaveInfo(SaveInfo):
    """A campaign save: ``week`` counts the disputes finished, ``stage`` the one in play."""

    stage: str = ""


def campaign_saves() -> list[CampaignSaveInfo]:
    """Every campaign save, described from its JSON (damaged ones carry the reason)."""
    folder = saves_dir() / "campaigns"
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
            data = load_json(path, MAX_CAMPAIGN_BYTES)
            if not isinstance(data, dict) or data.get("format") != CAMPAIGN_FORMAT:
                raise ValueError("not a StrikeSim campaign save")
            title = str(data["campaign"].get("title") or data["campaign"]["id"])
            stages = data.get("stages", [])
            active = data.get("active") or {}
            seats = data.get("seats", {})
            side = "+".join(
                k for k in ("union", "studio") if seats.get(k, {}).get("kind") == "human"
            )
            out.append(
                CampaignSaveInfo(
                    path, title, str(data["campaign"]["id"]), title,
                    len(stages) if isinstance(stages, list) else 0, side, stamp,
                    stage=str(active.get("stage", "")) if isinstance(active, dict) else "",
                )
            )  # fmt: skip
        except (
            OSError,
            UnicodeDecodeError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
        ) as exc:
            reason = (
                f"damaged file, not valid JSON ({exc})"
                if isinstance(exc, json.JSONDecodeError)
                else str(exc) or type(exc).__name__
            )
            out.append(CampaignSaveInfo(path, path.stem, "", path.stem, 0, "", "", reason))
    return out


def all_saves() -> list[SaveInfo]:
    """Plain and campaign saves together, newest first (damaged ones last)."""
    from strikesim.saves import list_saves

    saves: list[SaveInfo] = [*list_saves(), *campaign_saves()]
    return sorted(saves, key=lambda s: (not s.problem, s.saved_at), reverse=True)


def when(saved_at: str) -> str:
    """``2026-11-28T00:39:05`` -> ``28 Nov 2026, 00:39`` (unparseable text is kept as is)."""
    try:
        moment = dt.datetime.fromisoformat(saved_at)
    except ValueError:
        return saved_at
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def describe(info: SaveInfo) -> str:
    """The second line of a row: scenario, week and side (or why it is damaged)."""
    if info.problem:
        problem = info.problem
        for prefix in (f"{info.path}: ", f"{info.path.name}: "):
            problem = problem.removeprefix(prefix)
        return f"Cannot be loaded: {problem}"
    if isinstance(info, CampaignSaveInfo):
        done = f"{info.week} dispute{'s' if info.week != 1 else ''} settled"
        now = f"stage '{info.stage}' in play" if info.stage else "between disputes"
        parts = ["Campaign", done, now]
        if info.side:
            parts.append(f"playing the {info.side.replace('+', ' and the ')}")
        return " · ".join(parts)
    parts = [info.title, f"week {info.week}"]
    if info.side:
        parts.append(f"playing the {info.side.replace('+', ' and the ')}")
    return " · ".join(parts)


class SaveRow(Pressable):
    """One save: name and time on the first line, details or the problem on the second."""

    def __init__(
        self, ctx: UIContext, info: SaveInfo, on_press: Callable[[], Transition | None]
    ) -> None:
        super().__init__(ctx, on_press)
        self.info = info

    def preferred_height(self) -> int:
        ctx = self.ctx
        return (
            ctx.font("body_strong").get_linesize()
            + ctx.font("small").get_linesize()
            + 2 * ctx.space("md")
        )

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        info = self.info
        active = self.hovered or self.focused
        border = "warning" if info.problem else ("border_strong" if active else "border")
        panel(
            surface,
            self.rect,
            ctx.colour("surface_hover" if active else "surface"),
            ctx.colour(border),
            ctx.radius("md"),
            1,
        )
        inner = self.rect.inflate(-2 * ctx.space("lg"), -2 * ctx.space("md"))
        stamp = ctx.text("small", when(info.saved_at), "text_faint") if info.saved_at else None
        name_w = inner.width - (stamp.get_width() + ctx.space("lg") if stamp else 0)
        name = "Autosave (saved every week)" if info.name == AUTOSAVE else info.name
        line1 = pygame.Rect(inner.x, inner.y, inner.width, ctx.font("body_strong").get_linesize())
        blit_aligned(
            surface,
            ctx.text("body_strong", ellipsize(ctx.font("body_strong"), name, name_w), "text"),
            line1,
            "left",
        )
        if stamp is not None:
            blit_aligned(surface, stamp, line1, "right")
        colour = "warning" if info.problem else "text_muted"
        detail = ellipsize(ctx.font("small"), describe(info), inner.width)
        surface.blit(ctx.text("small", detail, colour), (inner.x, line1.bottom))
        self.draw_focus(surface)
