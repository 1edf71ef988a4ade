"""A log larger than memory: its events split by ticket into buckets on disk (`split.py`),
then each bucket audited on its own and the results put together as one run's (`audit.py`).
When to do it, and into how many buckets, is `plan.py`'s (docs/scale.md)."""
