"""Operating Fengqiao: request ids, logging, Prometheus metrics, tracing."""
