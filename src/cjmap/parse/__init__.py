"""Parsing: bytes → text → :class:`~cjmap.parse.document.Document` (plain data and a span for
every node). Two YAML readers share one Document: the libyaml fast path (``yamlfast``) and the
ruamel.yaml reference (``yamlref``). Nothing here knows what a journey map is."""
