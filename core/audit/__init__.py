"""The tamper-evident audit log: ``record`` inside the transaction of every change."""

from core.audit.recorder import audit_context, current_audit_context, record, snapshot

__all__ = ["audit_context", "current_audit_context", "record", "snapshot"]
