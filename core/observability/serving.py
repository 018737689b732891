"""What ``fengqiao serve`` sets up around uvicorn: logging in every process and, with several
workers, the shared directory where each worker writes its Prometheus figures."""

from __future__ import annotations

import os
import shutil
import tempfile

from core.config import Settings, load_settings
from core.observability.logging_setup import configure_logging
from core.observability.metrics_env import MULTIPROC_ENV


def prepare_workers(settings: Settings) -> None:
    """Before uvicorn starts its workers: a fresh, private metrics directory for this server run
    (figures of an earlier run must not be added to this one's)."""
    if settings.server.workers > 1 and settings.metrics.enabled:
        existing = os.environ.get(MULTIPROC_ENV)
        if existing:
            for name in os.listdir(existing):
                if name.endswith(".db"):
                    os.remove(os.path.join(existing, name))
        else:
            directory = tempfile.mkdtemp(prefix="fengqiao-metrics-")
            os.environ[MULTIPROC_ENV] = directory


def cleanup_workers() -> None:
    directory = os.environ.get(MULTIPROC_ENV)
    if directory and os.path.basename(directory).startswith("fengqiao-metrics-"):
        shutil.rmtree(directory, ignore_errors=True)


def worker_app():
    """The ASGI app of one uvicorn worker process (``uvicorn.run(..., factory=True)``)."""
    from core.app import create_app

    settings = load_settings()
    configure_logging(settings.logging)
    return create_app(settings=settings)
