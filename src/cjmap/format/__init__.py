"""The map format: the pydantic models of format 1 (the single source of truth), the stage
presets, the checks across references, pydantic errors turned into diagnostics, and the JSON
Schema generated from the models. Reads a Document; knows nothing of lint, renders or reports."""
