"""The environment variable prometheus-client reads at import to choose multiprocess mode
(kept apart so setting it does not import prometheus-client first)."""

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
