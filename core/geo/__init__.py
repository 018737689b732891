"""Locations (地理位置): datums, stored WGS-84 points, boundaries, spatial filters, map layers.

Plugins import what they need from ``core``; this package's modules are the core's own.
"""
