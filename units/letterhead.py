"""The issuer block at the top of every document a unit or an agency issues (Decree 30/2020/NĐ-CP):
the authority above on the first line, the issuer itself in bold below."""

from .models import Level, is_agency
from .text import fold


def issuer(owner) -> dict:
    """The issuer block: the authority above (line 1) and the issuer itself (bold)."""
    if is_agency(owner):
        above = owner.unit.parent if fold(owner.name).startswith(("uy ban nhan dan", "ubnd")) else owner.unit
        lines = [owner.name.upper()]
        head, unit_name = owner.name[: -len(owner.unit.name)].strip(), owner.unit.name
        if head and owner.name.casefold().endswith(unit_name.casefold()):
            lines = [head.upper(), unit_name.upper()]
        return {"parent_issuer": f"UBND {above.name.upper()}" if above else "", "issuer_lines": lines}
    if owner.level == Level.VILLAGE:
        # A village's own documents (Decree 59 forms): the commune above, the village below.
        return {
            "parent_issuer": owner.parent.name.upper() if owner.parent_id else "",
            "issuer_lines": [owner.name.upper()],
        }
    above = owner.parent
    return {
        "parent_issuer": f"UBND {above.name.upper()}" if above else "",
        "issuer_lines": ["ỦY BAN NHÂN DÂN", owner.name.upper()],
    }
