"""Performance evaluation (绩效考评): indicators, scores, rankings, monthly snapshots."""
