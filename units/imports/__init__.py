"""Imports of villages, agencies and staff accounts from CSV or XLSX, shared by the admin and the
`import_records` command.

All or nothing: every import runs in one transaction that is rolled back when any row is bad,
validation errors included (import-export only rolls those back when asked, so `import_data` always
asks). Every bad row gets a Vietnamese message naming its line in the file, counting the header as
line 1 (the number a spreadsheet shows), and its column: "Dòng 3, cột ma_xa: không có xã, phường,
đặc khu mã 99999."
"""

from .agencies import AgencyResource
from .base import ImportFileError, error_messages, read_dataset
from .staff import StaffResource, membership_scope_error
from .villages import VillageResource

RESOURCES = {"villages": VillageResource, "agencies": AgencyResource, "staff": StaffResource}

__all__ = [
    "RESOURCES",
    "AgencyResource",
    "ImportFileError",
    "StaffResource",
    "VillageResource",
    "error_messages",
    "membership_scope_error",
    "read_dataset",
]
