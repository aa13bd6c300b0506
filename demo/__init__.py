"""Demo content for `make run`: Korean stories, enterprises and their goods.

Every loader is idempotent (get-or-create on a stable key), so loading twice is safe.
"""
