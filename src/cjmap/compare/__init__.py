"""cjmap diff: two versions of a map → the changes in the customer's experience (docs/change.md).

``mapdiff.diff_journeys`` compares two valid maps, ``states.compare_states`` a future-state map
with the current-state map it improves, ``gitrev`` reads the maps that changed between two git
revisions; ``changes`` holds the typed records all of them produce, ``formats`` writes them.
"""
