"""Exports (导出): any list a user can read, as CSV or XLSX, with the user's masking, a visible
watermark, a row limit per role, and an audit event."""
