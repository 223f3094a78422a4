"""Every address of plans (namespace "plans"): the staff list and pages, the tasks, the documents, and
the citizen's list and page of a unit's issued plans."""

from django.urls import path

from . import outputs, views

app_name = "plans"

urlpatterns = [
    # The citizen's side (a unit's issued plans; an agency's are internal)
    path("units/<str:code>/plans/", views.public_list, name="public_list"),
    path("plans/<int:pk>/", views.public_detail, name="public_detail"),
    # Staff
    path("staff/plans/", views.workspace, name="workspace"),
    path("staff/units/<str:code>/plans/new/", views.create, name="create"),
    path("staff/agencies/<str:code>/plans/new/", views.create_for_agency, name="create_for_agency"),
    path("staff/plans/<int:pk>/", views.detail, name="detail"),
    path("staff/plans/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/plans/<int:pk>/delete/", views.delete, name="delete"),
    path("staff/plans/<int:pk>/sections/", views.add_section, name="add_section"),
    path("staff/plans/<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("staff/plans/<int:pk>/import/", views.import_tasks, name="import"),
    path("staff/plans/<int:pk>/issue/", views.issue, name="issue"),
    path("staff/plans/<int:pk>/amend/", views.amend, name="amend"),
    path("staff/plans/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("staff/plans/<int:pk>/cascade/", views.cascade, name="cascade"),
    path("staff/plans/<int:pk>/next-year/", views.copy_next_year, name="copy_next_year"),
    path("staff/plans/<int:pk>/pdf/", outputs.plan_pdf, name="pdf"),
    path("staff/plans/<int:pk>/tasks.xlsx", outputs.tasks_xlsx, name="xlsx"),
    path("staff/plan-tasks/<int:pk>/", views.task_detail, name="task"),
    path("staff/plan-tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("staff/plan-tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("staff/plan-tasks/<int:pk>/progress/", views.task_update, name="task_update"),
    path("staff/plan-tasks/<int:pk>/note/", views.task_note, name="task_note"),
    path("staff/plan-tasks/<int:pk>/guidance/", views.task_guidance, name="task_guidance"),
    path("staff/plan-task-files/<int:pk>/", views.attachment_download, name="attachment_download"),
]
