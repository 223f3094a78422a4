from .feedback import document_delete, feedback_answer, feedback_hide, feedback_record, upload
from .pages import create, create_for_agency, edit, staff_detail, workspace
from .transitions import correct, publish, return_submission, submit, withdraw

__all__ = [
    "correct",
    "create",
    "create_for_agency",
    "document_delete",
    "edit",
    "feedback_answer",
    "feedback_hide",
    "feedback_record",
    "publish",
    "return_submission",
    "staff_detail",
    "submit",
    "upload",
    "withdraw",
    "workspace",
]
