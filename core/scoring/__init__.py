"""Performance evaluation (绩效考评): indicators, scores, rankings, monthly snapshots.

Plugins contribute ``core.IndicatorSpec`` through ``fengqiao_score_indicators``; the engine
(``engine``) applies the ``[scoring]`` overrides and scores stations with one ``compute`` call
per indicator for all of them; ``formula`` holds the documented 0–100 formula, the weighted
total and competition ranks; ``services`` answers scores, rankings and history within the
caller's reach and freezes months (``snapshots``). See docs/scoring.md.
"""
