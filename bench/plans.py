"""The plans of the bench (issue 10): every province issues an implementation plan giving each of its
communes a task ("make your own plan by …"); every commune makes its plan from it (three in four by the
province's deadline) with tasks spread over the year, each task done on time, done late, in progress or
overdue in realistic shares. Rows are streamed with explicit ids, like the other generators."""

import datetime as dt
import random

TASKS_PER_COMMUNE = 8
KINDS = ["year", "quarter", "month", "date", "periodic", "ongoing"]

PLAN_COLUMNS = [
    "id", "unit_id", "agency_id", "kind", "number", "symbol", "year", "date", "place", "title", "bases",
    "made_from_id", "purpose", "organisation", "funding", "recipients", "signer_name", "signer_title",
    "child_plan_due", "state", "version", "previous_id", "amendment_reason", "cancel_reason", "issued_at",
    "issued_by_id", "created_by_id", "created_at", "updated_at",
]  # fmt: skip
TASK_COLUMNS = [
    "id", "plan_id", "section_id", "code", "heading", "content", "audience", "output", "lead_unit_id",
    "lead_agency_id", "lead_text", "coordinating_text", "time_text", "due_kind", "due_date", "due_year",
    "due_month", "due_quarter", "every_months", "trigger_days", "trigger_date", "trigger_text",
    "periodic_days", "due_on", "due_explanation", "status", "status_on", "done_on", "parent_id", "position",
]  # fmt: skip
HEADINGS = [
    "Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở",
    "Tập huấn cho cán bộ, công chức làm công tác dân chủ ở cơ sở",
    "Công khai thông tin theo Điều 11",
    "Tổ chức Nhân dân bàn và quyết định theo Điều 15",
    "Lấy ý kiến Nhân dân theo Điều 25",
    "Kiện toàn Ban Thanh tra nhân dân",
    "Sơ kết, tổng kết thực hiện dân chủ ở cơ sở",
    "Báo cáo định kỳ 06 tháng, 01 năm",
]


class PlanRows:
    def __init__(self, *, seed: int, today: dt.date, provinces, communes):
        self.random = random.Random(seed + 10)
        self.today = today
        self.provinces, self.communes = provinces, communes
        self.year = today.year
        self.plans, self.tasks = [], []
        self._build()

    def _at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)

    def _plan(self, pk, unit_id, number, date, title, *, made_from=None, child_due=None, issued_on=None):
        return [
            pk, unit_id, None, "annual", number, "KH-UBND", date.year, date, "Bench", title, "", made_from, "",
            "", "", "", "", "", child_due, "issued", 1, None, "", "", self._at(issued_on or date), None, None,
            self._at(date), self._at(issued_on or date),
        ]  # fmt: skip

    def _task(self, pk, plan_id, code, heading, lead_unit, due_on, kind, status, status_on, done_on, parent):
        return [
            pk, plan_id, None, code, heading, "", "", "", lead_unit, None, "" if lead_unit else "Phòng Nội vụ",
            "", "", kind, due_on if kind == "date" else None, due_on.year, due_on.month if kind == "month" else None,
            (due_on.month - 1) // 3 + 1 if kind == "quarter" else None, 6 if kind == "ongoing" else None, None, None,
            "", "05/05, 05/11" if kind == "periodic" else "", due_on, f"Hạn {due_on:%d/%m/%Y}", status, status_on,
            done_on, parent, int(code.rsplit(".", 1)[-1]),
        ]  # fmt: skip

    def _build(self):
        rnd, plan_id, task_id = self.random, 0, 0
        start = dt.date(self.year, 1, 15)
        by_province = {}
        for c in self.communes:
            by_province.setdefault(c["province_id"], []).append(c)
        for p in self.provinces:
            plan_id += 1
            province_plan = plan_id
            due = start + dt.timedelta(days=45)
            self.plans.append(self._plan(plan_id, p["id"], 10, start, f"Kế hoạch thực hiện dân chủ ở cơ sở năm {self.year}",
                                         child_due=due))  # fmt: skip
            for n, c in enumerate(by_province.get(p["id"], []), start=1):
                task_id += 1
                asked = task_id
                self.tasks.append(self._task(task_id, province_plan, f"III.{n}", f"{c['name']} xây dựng kế hoạch",
                                             c["id"], due, "date", "done", due, due, None))  # fmt: skip
                plan_id += 1
                issued = (
                    due - dt.timedelta(days=rnd.randint(1, 30))
                    if rnd.random() < 0.75
                    else due + dt.timedelta(days=rnd.randint(1, 40))
                )
                self.plans.append(self._plan(plan_id, c["id"], rnd.randint(1, 400), issued, f"Kế hoạch năm {self.year}",
                                             made_from=province_plan, issued_on=issued))  # fmt: skip
                for k in range(1, TASKS_PER_COMMUNE + 1):
                    task_id += 1
                    due_on = issued + dt.timedelta(days=rnd.randint(20, 330))
                    kind = rnd.choice(KINDS)
                    roll = rnd.random()
                    if due_on < self.today and roll < 0.6:
                        done = (
                            due_on - dt.timedelta(days=rnd.randint(0, 15))
                            if roll < 0.45
                            else due_on + dt.timedelta(days=5)
                        )
                        done = min(done, self.today)
                        status, status_on, done_on = "done", done, done
                    elif roll < 0.8:
                        status, status_on, done_on = (
                            "in_progress",
                            min(issued + dt.timedelta(days=10), self.today),
                            None,
                        )
                    else:
                        status, status_on, done_on = "not_started", None, None
                    parent = asked if k == 1 else None
                    self.tasks.append(self._task(task_id, plan_id, f"II.{k}", HEADINGS[k - 1], c["id"], due_on, kind,
                                                 status, status_on, done_on, parent))  # fmt: skip
        self.next_plan, self.next_task = plan_id + 1, task_id + 1
