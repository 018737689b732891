"""Attachments (附件): files on plugins' objects, with chain of custody.

Plugins declare targets (``fengqiao_attachment_targets``); the core sniffs, checks, strips image
metadata, encrypts, stores, audits, lists, serves through signed URLs and deletes by retention.
"""
