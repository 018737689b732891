"""Notifications (通知): kinds declared by plugins, a per-user inbox with preferences, a live
subscription, daily digests, and delivery channels (e-mail built in, others from plugins)."""
