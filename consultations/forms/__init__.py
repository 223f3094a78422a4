"""The forms of consultations (`consultations`), decisions, online votes and recommendations
(`decisions`) and meetings (`meetings`). They parse and present; every rule lives in `actions`, whose
ValidationErrors are put back on the fields by `democracy.forms.add_action_errors`."""
