"""Balance harness: how trivial policies fare against the AI, and what the levers move.

``strikesim balance SCENARIO`` plays a suite of fixed policies (:mod:`.policies`)
in a seat against every opponent the game offers at every difficulty
(:mod:`.harness`), and with ``--levers`` plays the default AIs with one state
lever at a time weak and strong (:mod:`.levers`). See docs/balance.md.
"""
