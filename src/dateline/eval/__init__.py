"""Scorers for public gold sets (`dateline eval ...`): pure functions users can reuse."""
