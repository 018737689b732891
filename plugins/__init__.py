"""Built-in pillar plugins of Fengqiao, registered through the same entry points as third-party ones."""
