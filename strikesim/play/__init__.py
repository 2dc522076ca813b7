"""A player's seat at the table, without a window: what the side may see and do each
week (:class:`~strikesim.play.seat.GamePlay`), the members' vote forecast in words and the
debrief's texts. The game screens (``strikesim.ui``) and anything else that plays a side
read the game through it."""
