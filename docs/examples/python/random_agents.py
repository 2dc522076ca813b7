"""Random legal agents in the two-agent environment: play GAMES disputes and print
how they ended. Works with numpy alone; with ``pip install "strikesim[rl]"`` the
environment is a PettingZoo ``ParallelEnv`` with Gymnasium spaces.

    python docs/examples/python/random_agents.py [--games 1000] [--scenario classroom-quick]
"""

from __future__ import annotations

import argparse
import collections

import numpy as np

from strikesim.rl import parallel_env


def main(games: int, scenario: str, seed: int = 0) -> collections.Counter[str]:
    env = parallel_env(scenario)
    rng = np.random.default_rng(seed)
    for agent in env.possible_agents:
        env.action_space(agent).seed(seed)
    endings: collections.Counter[str] = collections.Counter()
    observations, infos = env.reset(seed=seed)
    while sum(endings.values()) < games:
        actions = {}
        for agent in env.agents:
            seen = observations[agent]
            action = env.action_space(agent).sample()  # a random package ...
            action["move"] = rng.choice(np.flatnonzero(seen["move_mask"]))  # a legal move
            if "pressure" in action:
                action["pressure"] = action["pressure"] * seen["pressure_mask"]
            actions[agent] = action
        observations, _rewards, _terminations, _truncations, infos = env.step(actions)
        if not env.agents:  # the dispute ended: count it and start the next campaign
            endings[infos["union"]["outcome"]] += 1
            observations, infos = env.reset()
    return endings


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--scenario", default="classroom-quick")
    args = parser.parse_args()
    for ending, count in main(args.games, args.scenario).most_common():
        print(f"{ending:<20} {count:>6}")
