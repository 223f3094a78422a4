"""The pages of consultations, decisions and recommendations, by area: `consultations` (the clerk's plan
and workspace page), `public` (the citizen's boards and pages, the comment form, the household's vote),
`decisions`, `recommendations`, `documents` (the printable PDFs and the meeting forms), `workspace`.

Every view reads: load through `consultations.access` (404 to outsiders, 403 on writes without the
role; the object comes with what the user may do) → check the form → call one write function from
`consultations.actions` → render or redirect.
"""
