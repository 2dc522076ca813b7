"""The player's side of a game in progress, shared by every in-game screen.

:class:`GamePlay` wraps a :class:`~strikesim.session.Session` with what the front end needs
on top of it: which side the player holds, the offer being drafted (level index per issue),
the pressure actions ticked for this week, an estimate of the other side's utilities learnt
from its offers (the frequency opponent model), and playing a week: submit, advance,
autosave. In a hot-seat game (two people, one machine) it also tracks whose turn it is, and
the screens hand the controls over between the sides (:mod:`.handover`). Rule violations
come back as the :class:`~strikesim.session.Impossible` message in ``last_error`` so a
screen can show it; nothing here draws.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from strikesim.ai.opponent_model import FrequencyModel
from strikesim.analysis.bargaining import end_disagreement_point
from strikesim.analysis.drivers import Driver, RunDrivers, run_drivers, what_drove
from strikesim.analysis.goals import Standing, standing
from strikesim.analysis.objectives import ObjectiveResult, evaluate_objectives
from strikesim.analysis.result import ResultParts, result_parts
from strikesim.engine import (
    GameSpec,
    Move,
    Observation,
    Outcome,
    Phase,
    State,
    namespace_of,
    visible_variables,
)
from strikesim.engine.spec import SIDES, UNION, VariableSpec
from strikesim.narrate import party_name
from strikesim.records import RecordError
from strikesim.session import Decision, Impossible, Session, WeekReport

if TYPE_CHECKING:
    from strikesim.campaign.run import CampaignRun


class GamePlay:
    """A session seen from the player's seat (``side``: 0 union, 1 studio).

    ``autosave`` writes the run after every week to its own file, ``slot`` (default: the
    name the saved game had, else one made of scenario, side, group and time; see
    :func:`strikesim.saves.save_game`), or calls ``saver`` with the session instead when
    one is given (a campaign stage saves its whole campaign); a failed write is reported
    in ``save_error`` rather than interrupting play. With a ``class_folder`` the finished
    game's record is also written there (``delivered`` is its path).
    """

    def __init__(
        self,
        session: Session,
        side: int | None = None,
        *,
        autosave: bool = True,
        saver: Callable[[Session], object] | None = None,
        slot: str | None = None,
        class_folder: Path | None = None,
        campaign: CampaignRun | None = None,
    ) -> None:
        from strikesim.classroom.runs import run_name

        self.guided = False
        """The first-game guide was followed at the table (its debrief card is due)."""
        humans = session.human_sides()
        if side is None:
            side = humans[0] if humans else 0
        if side not in (0, 1):
            raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
        self.session = session
        self.campaign = campaign
        """The campaign whose stage this game is (None outside a campaign)."""
        self.side = side
        self.other = 1 - side
        self.autosave = autosave
        self.saver = saver
        meta = session.record.meta
        self.slot = (
            slot or str(meta.get("name") or "") or run_name(session, str(meta.get("group", "")))
        )
        self.class_folder = class_folder
        self.delivered: Path | None = None
        self.pressure: set[str] = set()
        self.last_error = ""
        self.save_error = ""
        self.saves = 0
        self.revision = 0
        """Bumped whenever the draft or the game changes (screens cache on it)."""
        spec = session.spec
        self.n_levels = tuple(i.n_levels for i in spec.issues)
        self.models = (FrequencyModel(1, self.n_levels), FrequencyModel(1, self.n_levels))
        """Per player side, the estimate of the *other* side learnt from its offers."""
        for _week, who, offer in session.offer_trace:
            self.models[1 - who].observe(np.asarray([offer], dtype=np.int16))
        self._observe_other()
        self.draft: list[int] = list(self.starting_draft())
        self.handover_to: int | None = None
        """Hot seat: the side that must take the controls next (None: no hand-over due)."""
        self.briefed: set[int] = set()
        """Hot seat: the sides whose player has had their confidential brief this sitting."""
        self._standing: dict[tuple[object, ...], Standing] = {}

    @property
    def model(self) -> FrequencyModel:
        return self.models[self.side]

    @property
    def hot_seat(self) -> bool:
        """Both sides are played by people at this machine."""
        return len(self.session.human_sides()) == 2

    def switch_to(self, side: int) -> None:
        """Hot seat: hand the controls to ``side`` (a fresh draft, its own estimates)."""
        self.side, self.other = side, 1 - side
        self.pressure.clear()
        self.last_error = ""
        self.handover_to = None
        self.draft = list(self.starting_draft())
        self.revision += 1

    # --- names ------------------------------------------------------------------------
    @property
    def spec(self) -> GameSpec:
        return self.session.spec

    @property
    def side_key(self) -> str:
        return SIDES[self.side]

    @property
    def other_key(self) -> str:
        return SIDES[self.other]

    def name(self, side: int) -> str:
        return party_name(self.session.spec, side)

    # --- offers -----------------------------------------------------------------------
    def starting_draft(self) -> tuple[int, ...]:
        """Own standing offer, else the scenario's opening offer for this side."""
        own = self.session.standing_offer(self.side)
        return own if own is not None else tuple(self.session.spec.opening_offers[self.side])

    def set_level(self, issue: int, level: int) -> None:
        level = max(0, min(self.n_levels[issue] - 1, int(level)))
        if self.draft[issue] != level:
            self.draft[issue] = level
            self.revision += 1

    def reset_draft(self) -> None:
        self.draft = list(self.starting_draft())
        self.revision += 1

    def utilities(self, levels: tuple[int, ...] | list[int]) -> tuple[float, float]:
        """True (union, studio) utilities of ``levels`` (the player only sees their own)."""
        return self.session.offer_utilities(tuple(levels))

    def own_utility(self, levels: tuple[int, ...] | list[int]) -> float:
        return self.utilities(levels)[self.side]

    def estimated_other_utility(self, levels: tuple[int, ...] | list[int]) -> float | None:
        """The other side's utility of ``levels`` as estimated from its offers so far
        (frequency model, 0–1); None before it has made any offer."""
        if self.model.last[0, 0] < 0:
            return None
        offer = np.asarray(levels, dtype=np.int16)[None, None, :]
        return float(self.model.utility(np.zeros(1, dtype=np.intp), offer)[0, 0])

    def cost(self, levels: tuple[int, ...] | list[int]) -> float:
        """Yearly cost of ``levels`` to the studio, $M/yr (sum of the issues' level costs)."""
        return float(
            sum(issue.cost[lv] for issue, lv in zip(self.spec.issues, levels, strict=True))
        )

    def standing(self, levels: tuple[int, ...] | list[int] | None = None) -> Standing:
        """The player's objectives if ``levels`` (default: the contract in force) were
        settled this week: own objectives only, on the state as it is now."""
        contract = None if levels is None else tuple(int(x) for x in levels)
        key = (self.session.week, len(self.session.reports), self.side, contract)
        hit = self._standing.get(key)
        if hit is None:
            if len(self._standing) > 64:
                self._standing.clear()
            hit = standing(self.spec, self.session.state, self.side, contract)
            self._standing[key] = hit
        return hit

    def other_offer(self) -> tuple[int, ...] | None:
        return self.session.standing_offer(self.other)

    def own_offer(self) -> tuple[int, ...] | None:
        return self.session.standing_offer(self.side)

    # --- the week ---------------------------------------------------------------------
    def legal_moves(self) -> list[Move]:
        return [] if self.session.is_over else self.session.legal_move_names(self.side)

    def legal_pressure(self) -> list[str]:
        return [] if self.session.is_over else self.session.legal_pressure_ids(self.side)

    def toggle_pressure(self, action_id: str) -> bool:
        """Tick or untick a pressure action for this week; False (with ``last_error``) if
        it is not available."""
        if action_id in self.pressure:
            self.pressure.discard(action_id)
            self.revision += 1
            return True
        if action_id not in self.legal_pressure():
            action = self.spec.actions[self.spec.action_index[action_id]]
            self.last_error = f"{action.label} is not available this week"
            return False
        self.pressure.add(action_id)
        self.revision += 1
        return True

    def play(self, move: Move) -> WeekReport | None:
        """Submit ``move`` (with the draft when it is an offer) and this week's pressure,
        play the week and autosave. Returns the week's report, or None with ``last_error``
        set when the rules forbid it."""
        session = self.session
        offer = tuple(self.draft) if move == Move.OFFER else None
        decision = Decision(move, offer, tuple(sorted(self.pressure)))
        try:
            if self.side in session.human_sides():
                session.submit(self.side, decision)
            waiting = session.waiting_for()
            if waiting:  # hot seat: the other person decides before the week is played
                self.last_error = ""
                self.pressure.clear()
                self.handover_to = waiting[0]
                self.revision += 1
                return None
            report = session.advance()
        except Impossible as exc:
            self.last_error = _sentence(str(exc))
            return None
        self._after_week()
        return report

    def play_through(self) -> WeekReport | None:
        """Play a week in which nobody has a choice to make (the ratification vote): every
        human side holds. Returns None with ``last_error`` if that is not possible."""
        try:
            for side in self.session.waiting_for():
                self.session.submit(side, Decision(Move.HOLD))
            report = self.session.advance()
        except Impossible as exc:
            self.last_error = _sentence(str(exc))
            return None
        self._after_week()
        return report

    def _after_week(self) -> None:
        self.last_error = ""
        self.pressure.clear()
        self._observe_other()
        waiting = self.session.waiting_for()
        # hot seat: whoever moved second moves first next week, so the controls change
        # hands once a week
        self.handover_to = (
            waiting[0] if self.hot_seat and waiting and self.side not in waiting else None
        )
        self.revision += 1
        self._save()

    def _observe_other(self) -> None:
        for side in (0, 1):
            offer = self.session.standing_offer(1 - side)
            if offer is not None:
                self.models[side].observe(np.asarray([offer], dtype=np.int16))

    def save_now(self) -> None:
        """Save the game now, as after a week (a deal recorded at once has no week to
        follow)."""
        self._save()

    def _save(self) -> None:
        """Autosave the week; a full disk or unwritable folder becomes a notice."""
        if not self.autosave:
            return
        from strikesim.saves import save_game

        try:
            if self.saver is not None:
                self.saver(self.session)
            else:
                save_game(self.session, self.slot)
            self.saves += 1
            self.save_error = ""
        except (RecordError, OSError) as exc:
            self.save_error = f"Autosave failed: {_reason(exc)}"
        self.deliver()

    def deliver(self) -> None:
        """Write a finished game's record to the class folder (once); a failure becomes
        ``save_error``."""
        if self.class_folder is None or not self.session.is_over or self.delivered is not None:
            return
        from strikesim.classroom.runs import export_run

        try:
            self.delivered = export_run(self.session, self.class_folder, self.slot)
        except (RecordError, OSError) as exc:
            self.save_error = f"Could not copy the run to the class folder: {_reason(exc)}"

    # --- what this side may read ----------------------------------------------------------
    def observation(self) -> Observation:
        """This side's :class:`~strikesim.engine.Observation` of the week: every screen
        reads the game's numbers through it (or the methods below), never the state."""
        return self.session.observation(self.side)

    @property
    def visible_variables(self) -> tuple[VariableSpec, ...]:
        """The variables this side may see, in scenario order."""
        return visible_variables(self.spec, self.side)

    def deal_levels(self) -> tuple[int, ...] | None:
        """The deal on the table: tentative during ratification, the contract once
        settled (None otherwise). Both are public."""
        obs = self.observation()
        if self.phase == Phase.RATIFICATION and int(obs.tentative[0, 0]) >= 0:
            return tuple(int(x) for x in obs.tentative[0])
        if self.outcome in (
            Outcome.DEAL_RATIFIED,
            Outcome.UNION_CAPITULATED,
            Outcome.STUDIO_CAPITULATED,
        ):
            return tuple(int(x) for x in obs.contract[0])
        return None

    @property
    def ratify_week(self) -> int:
        """Week of the members' ratification vote (-1 when none is due)."""
        return int(self.observation().ratify_week[0])

    @property
    def end_week(self) -> int:
        """Week the dispute ended (-1 while it goes on)."""
        return self.session.end_week

    def members_yes(self, package: tuple[int, ...] | None = None) -> float | None:
        """The members' yes share if they voted today (the vote itself adds a little
        noise): on ``package`` in the deal's place, or on the tentative deal when None.
        None when the scenario's vote formula gives no number, and always for the studio:
        the members' mood is the union's private knowledge."""
        spec = self.spec
        if self.side != UNION:
            return None
        try:
            ns = namespace_of(spec, self.session.state, 0)
            if package is not None:
                union_u, studio_u = self.utilities(package)
                ns["deal_union_utility"] = np.array([union_u])
                ns["deal_studio_utility"] = np.array([studio_u])
            yes = spec.phases.ratification_yes(ns)
            value = float(np.asarray(yes, dtype=np.float64).reshape(-1)[0])
        except (ValueError, TypeError, KeyError, ArithmeticError, AttributeError):
            return None
        return min(1.0, max(0.0, value)) if np.isfinite(value) else None

    def history(self, var_id: str) -> list[float]:
        """Weekly values (week 0 first) of a variable this side may see; a hidden
        one raises :class:`KeyError`."""
        j = self._visible_row(var_id)
        return [float(h[j]) for h in self.session.history]

    def what_drove(self, var_id: str, week: int) -> list[Driver]:
        """What moved a visible variable in ``week`` (see
        :func:`strikesim.analysis.drivers.what_drove`)."""
        self._visible_row(var_id)
        s = self.session
        return what_drove(s.spec, s.history, s.reports, var_id, week)

    def run_drivers(self, var_id: str) -> RunDrivers:
        """What moved a visible variable over the whole run."""
        self._visible_row(var_id)
        s = self.session
        return run_drivers(s.spec, s.history, s.reports, var_id)

    def _visible_row(self, var_id: str) -> int:
        j = self.spec.var_index[var_id]
        if not self.spec.variables[j].visible_to[self.side]:
            raise KeyError(f"{var_id} is not visible to the {self.side_key}")
        return j

    def weeks_until_ready(self, action_id: str) -> int:
        """Weeks until one of this side's pressure actions may be used again (0: ready)."""
        a = self.spec.action_index[action_id]
        if self.spec.actions[a].side != self.side:
            raise KeyError(f"{action_id} is not a {self.side_key} action")
        return int(self.session.state.cooldown[0, a])

    def simulation_state(self) -> State:
        """The whole state, for simulations whose results are shown filtered to this
        side (the offer preview, the contract projection); never shown as it is."""
        return self.session.state

    def result_parts(self) -> ResultParts:
        """This side's result as contract value less the dispute's cost."""
        return result_parts(self.spec, self.session.state, self.side)

    def end_disagreement_point(self) -> np.ndarray:
        """(2,) both sides' no-deal values at the end (for the debrief's Nash and KS
        points; once the dispute is over, both sides' figures are on the record)."""
        return end_disagreement_point(self.spec, self.session.state)

    def objectives(self) -> list[ObjectiveResult]:
        """This side's scenario objectives judged on the game as it stands."""
        return evaluate_objectives(self.spec, self.session.state, self.side)

    # --- status -----------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.session.phase

    @property
    def is_over(self) -> bool:
        return self.session.is_over

    @property
    def outcome(self) -> Outcome:
        return self.session.outcome

    def last_explanation(self) -> str:
        """The other side's explanation of its most recent decision ('' before week 1)."""
        for report in reversed(self.session.reports):
            text = report.decisions[self.other].explanation
            if text:
                return text
        return ""

    def last_move_text(self) -> str:
        """What the other side did last week, in words."""
        if not self.session.reports:
            return f"{self.name(self.other)} opened with its first package."
        d = self.session.reports[-1].decisions[self.other]
        who = self.name(self.other)
        return {
            Move.OFFER: f"{who} put a new package on the table.",
            Move.ACCEPT: f"{who} accepted your package.",
            Move.WALK_OUT: f"{who} walked out of the talks.",
            Move.HOLD: f"{who} held its position.",
        }[d.move]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
