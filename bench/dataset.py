"""The rows of the bench dataset, streamed: villages, agencies, disclosures and their child tables.

Dates follow the portal's rules, approximately: deadlines and windows skip weekends, not holidays
(`democracy.calendar` counts both); that does not matter for speed.
"""

import datetime as dt
import json
import random
from functools import cache

VN = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no daylight saving
FULL_SIZE = 1_000_000
AGENCY_SHARE = 0.08
LATE_SHARE = 0.10  # postings made after the legal deadline
WITHDRAWN_SHARE = 0.01  # postings withdrawn before their window ended
YEARS = 5
FAKE_DOCUMENT = "bench/fake-document.pdf"
FAKE_RECORD = "bench/fake-record.pdf"


# --- Dates -------------------------------------------------------------------------------------------


@cache
def dmy(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@cache
def deadline_of(decision: dt.date) -> tuple[dt.date, str]:
    """Decision + 5 working days, approximated by skipping Saturdays and Sundays (not holidays)."""
    day, left = decision, 5
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day, (
        f"5 ngày làm việc kể từ ngày ban hành {dmy(decision)} (không tính ngày ban hành): "
        f"hạn công khai {dmy(day)}."
    )


@cache
def window_of(posting_day: dt.date, days: int) -> tuple[dt.date, dt.datetime, str]:
    """`days` days from the posting day (not counted), moved off a weekend; ends at 24:00."""
    end = calendar_end = posting_day + dt.timedelta(days=days)
    while end.weekday() >= 5:
        end += dt.timedelta(days=1)
    ends_at = dt.datetime.combine(end, dt.time(23, 59, 59, 999999), VN)
    explanation = (
        f"Niêm yết {days} ngày liên tục từ ngày {dmy(posting_day)} (không tính ngày niêm yết): "
        f"kết thúc 24 giờ ngày {dmy(end)}."
    )
    if end != calendar_end:
        explanation += f" Ngày {dmy(calendar_end)} là ngày nghỉ nên kéo dài đến hết ngày làm việc tiếp theo."
    return end, ends_at, explanation


def at(day: dt.date, hours: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), VN) + dt.timedelta(hours=hours)


def running_name(name: str) -> str:
    """'Xã  Đồng Kỳ' → 'xã Đồng Kỳ', as in running text."""
    name = " ".join(name.split())
    return name[0].lower() + name[1:]


# --- The dataset -------------------------------------------------------------------------------------


class Dataset:
    """Streams the rows; keeps per disclosure only what the child tables need (`self.facts`)."""

    def __init__(self, *, scale: float, seed: int, now: dt.datetime):
        import texts

        self.t = texts
        self.rng = random.Random(seed)
        self.scale = scale
        self.now = now
        self.today = now.astimezone(VN).date()
        self.first_day = self.today.replace(year=self.today.year - YEARS) + dt.timedelta(days=1)
        self.next_id = 1
        # (id, unit_id, agency_id, commune index or -1, state, created_at, published_at, ends_at, closed_at)
        self.facts = []
        self.counts = {}

    # Villages and agencies ------------------------------------------------------------------------

    def village_rows(self, communes):
        from units.text import fold

        rng = self.rng
        for commune in communes:
            ward = commune["type"] == "phuong"
            names = rng.sample(self.t.VILLAGE_NAMES, 12)
            for number in range(1, rng.randint(5, 12) + 1):
                name = f"Tổ dân phố số {number}" if ward else f"Thôn {names[number - 1]}"
                households = rng.randint(150, 700) if ward else rng.randint(60, 450)
                yield (
                    f"{commune['code']}-{number:02d}", "", name, "village",
                    "to_dan_pho" if ward else "thon", commune["id"], households, fold(name),
                )  # fmt: skip

    def agency_rows(self, provinces, communes):
        from units.text import fold

        rng = self.rng
        for province in provinces:
            where = running_name(province["name"])
            for prefix, department in self.t.PROVINCE_AGENCIES:
                name = f"{department} {where}"
                yield (f"{prefix}-{province['code']}", name, "state_agency", rng.randint(25, 400), fold(name),
                       province["id"])  # fmt: skip
        for commune in communes:
            if rng.random() < 0.8:
                prefix, kind_name, kind = rng.choice(self.t.COMMUNE_AGENCIES)
                short = " ".join(commune["name"].split()[1:])
                if commune["type"] == "dac_khu":
                    short = " ".join(commune["name"].split()[2:])
                name = (
                    f"{kind_name} {short}"
                    if prefix != "VP"
                    else f"{kind_name} {running_name(commune['name'])}"
                )
                yield (
                    f"{prefix}-{commune['code']}",
                    name,
                    kind,
                    rng.randint(8, 60),
                    fold(name),
                    commune["id"],
                )

    # Disclosures ----------------------------------------------------------------------------------

    def prepare(self, communes, agencies, items):
        """Owners with their weight, and the catalogue's templates folded once."""
        from units.text import fold

        rng = self.rng
        self.communes = communes
        for commune in communes:
            commune["running"] = running_name(commune["name"])
            commune["folded"] = fold(commune["running"])
            # Bigger communes post more; the spread gives small and large boards to compare.
            commune["weight"] = sum(commune["households"]) * rng.lognormvariate(0, 0.5)
        for agency in agencies:
            agency["folded"] = fold(agency["name"])
            agency["weight"] = 3.0 if agency["province_level"] else 1.0
        self.agencies = agencies

        def templates(table, scope):
            out = {}
            for clause, (weight, titles, summary) in table.items():
                item = items[(scope, clause)]
                out[clause] = (weight, self.t.folded(titles), (summary, fold(summary)), item)
            return out

        self.commune_items = templates(self.t.COMMUNE_ITEMS, "commune")
        self.agency_items = templates(self.t.AGENCY_ITEMS, "agency")
        self.permanent_items = {
            clause: ((title, fold(title)), (summary, fold(summary)), items[("commune", clause)])
            for clause, (title, summary) in self.t.PERMANENT_ITEMS.items()
        }
        self.commune_suffixes = self.t.folded(self.t.COMMUNE_NUMBER_SUFFIXES)
        self.bodies = self.t.BODY_PARAGRAPHS
        commune_forms = ["a", "b", "d", "dd", "e", "g", "h", "i", "k"]
        self.commune_forms = [
            json.dumps(["a", *sorted(rng.sample(commune_forms[1:], rng.randint(1, 4)))]) for _ in range(40)
        ]
        self.radio_forms = [
            json.dumps(sorted({"a", "c", *rng.sample(commune_forms[1:], rng.randint(1, 3))}))
            for _ in range(40)
        ]
        self.agency_forms = [
            json.dumps(["a", *sorted(rng.sample(["b", "c", "d", "dd", "e", "g"], rng.randint(1, 3)))])
            for _ in range(20)
        ]

    def disclosure_rows(self, total: int):
        """Commune and agency disclosures day by day, so the table is in time order as in real life."""
        rng = self.rng
        n_agency = int(total * AGENCY_SHARE)
        # Items 4 and 13 (~13,000 at full scale) come on top, so the total is at least `total`.
        n_commune = total - n_agency
        days = [self.first_day + dt.timedelta(days=i) for i in range((self.today - self.first_day).days + 1)]
        day_weight = [1.0 if d.weekday() < 5 else 0.15 for d in days]
        scale_c, scale_a = n_commune / sum(day_weight), n_agency / sum(day_weight)
        commune_cum = _cumulative(c["weight"] for c in self.communes)
        agency_cum = _cumulative(a["weight"] for a in self.agencies)
        commune_clauses = list(self.commune_items)
        commune_cw = _cumulative(v[0] for v in self.commune_items.values())
        agency_clauses = list(self.agency_items)
        agency_cw = _cumulative(v[0] for v in self.agency_items.values())
        carry_c = carry_a = 0.0
        for day, weight in zip(days, day_weight, strict=True):
            carry_c += weight * scale_c
            carry_a += weight * scale_a
            count_c, count_a = int(carry_c), int(carry_a)
            carry_c -= count_c
            carry_a -= count_a
            for index in rng.choices(range(len(self.communes)), cum_weights=commune_cum, k=count_c):
                clause = rng.choices(commune_clauses, cum_weights=commune_cw)[0]
                yield self._row(day, clause, commune_index=index)
            for index in rng.choices(range(len(self.agencies)), cum_weights=agency_cum, k=count_a):
                clause = rng.choices(agency_clauses, cum_weights=agency_cw)[0]
                yield self._row(day, clause, agency=self.agencies[index])
        yield from self._permanent_rows()

    def _row(self, decision: dt.date, clause: int, *, commune_index: int = -1, agency=None):
        rng = self.rng
        t = self.t
        if agency is None:
            commune = self.communes[commune_index]
            weight, titles, (summary_vi, summary_f), item = self.commune_items[clause]
            name, name_f = commune["running"], commune["folded"]
            suffix, suffix_f = rng.choice(self.commune_suffixes)
            issuer = f"Hội đồng nhân dân {name}" if suffix.startswith("NQ") else f"Ủy ban nhân dân {name}"
            forms = rng.choice(self.radio_forms if item["radio_days"] else self.commune_forms)
            days = item["posting_days"] or rng.choice((30, 30, 45, 60))
        else:
            weight, titles, (summary_vi, summary_f), item = self.agency_items[clause]
            name, name_f = agency["name"], agency["folded"]
            kind = rng.choice(t.AGENCY_NUMBER_SUFFIXES)
            suffix, suffix_f = f"{kind}-{agency['abbr']}", f"{kind.lower()}-{agency['abbr'].lower()}"
            suffix_f = suffix_f.replace("đ", "d")
            issuer = name
            forms = rng.choice(self.agency_forms)
            days = item["posting_days"] or 20
        title_vi, title_f = rng.choice(titles)
        values = {
            "name": name,
            "year": decision.year,
            "prev": decision.year - 1,
            "q": (decision.month - 1) // 3 + 1,
        }
        number = rng.randint(1, 999)
        title = title_vi.format(**values)
        summary = summary_vi.format(**values)
        values["name"] = name_f
        search = f"{title_f.format(**values)} {summary_f.format(**values)} {number}/{suffix_f}"
        body = "\n\n".join(rng.sample(self.bodies, rng.randint(1, 3))).replace("{name}", name)

        deadline, deadline_text = deadline_of(decision)
        created_at = at(decision, 8 + rng.random() * 9)
        state, posting = "published", None
        if rng.random() < 0.002:
            state = "draft"  # abandoned
        else:
            posting = decision + dt.timedelta(days=rng.randint(0, (deadline - decision).days))
            if rng.random() < LATE_SHARE:
                posting = deadline + dt.timedelta(days=rng.randint(1, 12))
            while posting.weekday() >= 5:
                posting += dt.timedelta(days=1)
            published_at = at(posting, 7.5 + rng.random() * 9.5)
            if published_at > self.now:
                state, posting = rng.choice(("draft", "draft", "submitted")), None
            created_at = min(created_at, published_at - dt.timedelta(hours=1)) if posting else created_at
        created_at = min(created_at, self.now - dt.timedelta(minutes=5))

        row = {
            "id": self._id(), "unit_id": None if agency else self.communes[commune_index]["id"],
            "agency_id": agency["id"] if agency else None, "item_id": item["id"], "title": title,
            "summary": summary, "body": body, "decision_number": f"{number}/{suffix}", "decision_date": decision,
            "decision_issuer": issuer, "forms": forms, "posted_at_office": True, "other_places": "",
            "window_days": days, "state": state, "version": 1, "supersedes_id": None, "correction_reason": "",
            "posting_deadline": deadline, "posting_deadline_explanation": deadline_text, "published_at": None,
            "is_late": False, "late_reason": "", "window_end": None, "window_ends_at": None,
            "window_explanation": "", "radio_days": None, "return_reason": "", "withdrawn_reason": "",
            "closed_at": None, "created_at": created_at, "updated_at": created_at, "search_text": search,
        }  # fmt: skip
        if posting:
            end, ends_at, window_text = window_of(posting, days)
            row.update(
                published_at=published_at, window_end=end, window_ends_at=ends_at,
                window_explanation=window_text, radio_days=item["radio_days"], updated_at=published_at,
            )  # fmt: skip
            if posting > deadline:
                row.update(is_late=True, late_reason=rng.choice(t.LATE_REASONS))
            if ends_at < self.now:
                if rng.random() < WITHDRAWN_SHARE:
                    closed_at = published_at + dt.timedelta(days=rng.randint(1, days - 1), hours=2)
                    row.update(state="withdrawn", withdrawn_reason=rng.choice(t.WITHDRAWN_REASONS))
                else:
                    # The beat runs every five minutes: closed shortly after the legal end.
                    closed_at = ends_at + dt.timedelta(seconds=rng.randint(1, 300))
                    row["state"] = "closed"
                row.update(closed_at=closed_at, updated_at=closed_at)
        self._remember(row, commune_index)
        return row

    def _permanent_rows(self):
        """Items 4 and 13 (Art. 13(2)): posted permanently; a new version supersedes the previous one."""
        rng = self.rng
        span = (self.today - self.first_day).days - 10
        for index, commune in enumerate(self.communes):
            for _clause, ((title_vi, title_f), (summary_vi, summary_f), item) in self.permanent_items.items():
                if rng.random() >= min(1.0, self.scale):
                    continue
                decisions = sorted(
                    self.first_day + dt.timedelta(days=rng.randint(0, span)) for _ in range(rng.randint(1, 3))
                )
                previous = None
                publications = [
                    at(d + dt.timedelta(days=rng.randint(1, 5)), 9 + rng.random() * 7) for d in decisions
                ]
                for version, (decision, published_at) in enumerate(
                    zip(decisions, publications, strict=True), 1
                ):
                    last = version == len(decisions)
                    closed_at = None if last else publications[version]
                    name, number = commune["running"], rng.randint(1, 999)
                    deadline, deadline_text = deadline_of(decision)
                    row = {
                        "id": self._id(), "unit_id": commune["id"], "agency_id": None, "item_id": item["id"],
                        "title": title_vi.format(name=name), "summary": summary_vi.format(name=name),
                        "body": "\n\n".join(self.bodies[:2]).replace("{name}", name),
                        "decision_number": f"{number}/QĐ-UBND", "decision_date": decision,
                        "decision_issuer": f"Ủy ban nhân dân {name}", "forms": '["a", "b"]',
                        "posted_at_office": True, "other_places": "", "window_days": None,
                        "state": "published" if last else "superseded", "version": version,
                        "supersedes_id": previous, "correction_reason": "" if version == 1 else "Cập nhật theo quy định mới.",
                        "posting_deadline": deadline, "posting_deadline_explanation": deadline_text,
                        "published_at": published_at, "is_late": published_at.date() > deadline, "late_reason": "",
                        "window_end": None, "window_ends_at": None,
                        "window_explanation": "Niêm yết thường xuyên, cập nhật khi thay đổi (Điều 13 khoản 2).",
                        "radio_days": None, "return_reason": "", "withdrawn_reason": "", "closed_at": closed_at,
                        "created_at": published_at - dt.timedelta(days=1), "updated_at": closed_at or published_at,
                        "search_text": f"{title_f.format(name=commune['folded'])} "
                                       f"{summary_f.format(name=commune['folded'])} {number}/qd-ubnd",
                    }  # fmt: skip
                    if row["is_late"]:
                        row["late_reason"] = rng.choice(self.t.LATE_REASONS)
                    previous = row["id"]
                    self._remember(row, index)
                    yield row

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _remember(self, row, commune_index):
        self.counts[row["state"]] = self.counts.get(row["state"], 0) + 1
        self.facts.append((
            row["id"], row["unit_id"], row["agency_id"], commune_index, row["state"], row["created_at"],
            row["published_at"], row["window_ends_at"], row["closed_at"],
        ))  # fmt: skip

    # Child tables ---------------------------------------------------------------------------------

    def document_rows(self):
        rng = self.rng
        kinds = self.t.DOCUMENT_KINDS
        for pk, _unit, _agency, _c, _state, created_at, *_ in self.facts:
            for n in range(rng.choices((0, 1, 2, 3, 4), cum_weights=(10, 55, 85, 95, 100))[0]):
                name, content_type = rng.choice(kinds)
                yield (
                    FAKE_DOCUMENT, name.format(n=f"{pk}-{n + 1}"), content_type, rng.randint(40_000, 5_000_000),
                    f"{rng.getrandbits(256):064x}", created_at + dt.timedelta(minutes=5 + n), pk,
                )  # fmt: skip

    def feedback_rows(self):
        rng, t, now = self.rng, self.t, self.now
        for pk, _unit, agency, _c, _state, _created, published_at, ends_at, closed_at in self.facts:
            if published_at is None or rng.random() >= (0.05 if agency else 0.16):
                continue
            until = min(ends_at or closed_at or now, closed_at or now, now)
            span = max((until - published_at).total_seconds(), 60)
            for _ in range(rng.randint(1, 3)):
                received = published_at + dt.timedelta(seconds=rng.random() * span)
                question = rng.random() < 0.65
                channel = "online" if (not agency and rng.random() < 0.7) else rng.choice(
                    ("in_person", "email", "zalo", "hotline", "box", "meeting")
                )  # fmt: skip
                answer, answered_at = "", None
                if rng.random() < (0.7 if closed_at else 0.4):
                    answered_at = min(received + dt.timedelta(hours=rng.randint(2, 170)), now)
                    answer = rng.choice(t.ANSWERS)
                hidden_at = received + dt.timedelta(hours=3) if rng.random() < 0.01 else None
                named = rng.random() < 0.4
                yield (
                    "question" if question else "comment", rng.choice(t.QUESTIONS if question else t.COMMENTS),
                    channel, "Nguyễn Văn An" if named else "", "0912 345 678" if named else "", received,
                    answer, answered_at, min(hidden_at, now) if hidden_at else None,
                    t.HIDDEN_REASON if hidden_at else "", pk,
                )  # fmt: skip

    def record_rows(self):
        """The posting record of every posting and the closing record of every closed one."""
        sequence = {}
        for pk, unit, agency, _c, state, _created, published_at, _ends, closed_at in self.facts:
            owner = unit or -agency
            for kind, made_at in (
                ("posting", published_at),
                ("closing", closed_at if state == "closed" else None),
            ):
                if made_at is None:
                    continue
                key = (owner, made_at.year)
                sequence[key] = sequence.get(key, 0) + 1
                yield (
                    kind,
                    f"{sequence[key]}/BB-UBND",
                    made_at,
                    FAKE_RECORD,
                    made_at + dt.timedelta(seconds=20),
                    pk,
                )

    def audit_rows(self):
        for pk, _unit, _agency, _c, state, created_at, published_at, ends_at, closed_at in self.facts:
            yield "created", created_at, "{}", "", pk
            if state == "submitted":
                yield "submitted", created_at + dt.timedelta(minutes=30), "{}", "", pk
            if published_at is None:
                continue
            yield "submitted", max(created_at, published_at - dt.timedelta(hours=3)), "{}", "", pk
            end = f'"{ends_at.astimezone(VN).date().isoformat()}"' if ends_at else "null"
            yield "published", published_at, f'{{"window_end": {end}}}', "", pk
            if state == "closed":
                yield "closed", closed_at, f'{{"window_ends_at": "{ends_at.isoformat()}"}}', "", pk
            elif state in ("withdrawn", "superseded"):
                yield state, closed_at, "{}", "", pk

    def posting_village_rows(self):
        rng = self.rng
        for pk, _unit, _agency, commune_index, _state, _created, published_at, *_ in self.facts:
            if commune_index < 0 or published_at is None or rng.random() >= 0.25:
                continue
            villages = self.communes[commune_index]["villages"]
            for village in rng.sample(villages, min(len(villages), rng.randint(1, 3))):
                yield pk, village


def _cumulative(weights):
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out
