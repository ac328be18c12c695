"""Plumbing every command shares: finding maps on disk, running a task over many files in
worker processes, the plain tuples those processes send back, the report cache, atomic writes."""
