"""The views of disclosures, by area: public, staff (the workspace and one disclosure), transitions,
feedback (and documents), register. Each reads load (through `access`) → check → act → render."""
