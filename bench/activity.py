"""The rows the reports count besides disclosures (issue 5): consultations and their comments, community
and staff decisions, inspection-board recommendations, and the unit reports of the periods that ended.

Streamed like `dataset.py`; each table is written in time order (as a live portal fills it), so a period's
rows sit together on disk. Only compact facts are kept in memory (the consultations, for their comments).
"""

import datetime as dt
import json

from dataset import at, deadline_of, dmy, window_of

CONSULTATIONS_PER_COMMUNE_YEAR = (2, 6)  # uniform: ~4 a year
VILLAGE_SHARE = 0.1  # of commune consultations, organised by one village
DECISIONS_PER_VILLAGE_YEAR = (0, 1, 1, 2)
DECISIONS_PER_COMMUNE_YEAR = (0, 1, 1, 2)
RECOMMENDATIONS_PER_COMMUNE_YEAR = (0, 4)
CHANNELS = [
    ("online", 35), ("conference", 15), ("community_meeting", 15), ("questionnaire", 10), ("box", 8),
    ("hotline", 5), ("front", 5), ("social", 4), ("direct", 3),
]  # fmt: skip
AGENCY_CHANNELS = [("conference", 40), ("direct", 30), ("questionnaire", 20), ("box", 10)]
MEETING_CHANNELS = {"conference", "community_meeting"}

CONSULTATION_COLUMNS = [
    "id", "unit_id", "agency_id", "item_id", "title", "content", "purpose", "forms", "responsible",
    "plan_number", "plan_date", "period_days", "state", "opened_at", "ends_on", "ends_at",
    "period_explanation", "closed_at", "result_number", "result_summary", "results_published_at",
    "created_at", "search_text", "board_decision", "board_withdrawal_reason",
]  # fmt: skip
COMMENT_COLUMNS = [
    "consultation_id", "section", "text", "channel", "people_count", "name", "contact", "received_at",
    "response_kind", "response", "responded_at", "hidden_at", "hidden_reason",
]  # fmt: skip
DECISION_COLUMNS = [
    "unit_id", "agency_id", "item_id", "title", "description", "method", "state", "electorate", "present",
    "agree", "disagree", "other", "outcome", "outcome_explanation", "decided_on", "send_deadline", "sent_on",
    "recognition_deadline", "recognised_on", "refusal_reason", "published_at", "created_at", "document_pdf",
    "tally_pdf", "recognised_by",
]  # fmt: skip
RECOMMENDATION_COLUMNS = [
    "unit_id", "agency_id", "subject", "text", "addressed_to", "made_on", "due_on", "due_explanation",
    "answer", "answered_on",
]  # fmt: skip
REPORT_COLUMNS = [
    "unit_id", "agency_id", "year", "kind", "period_start", "period_end", "due_on", "due_explanation", "state",
    "figures", "compiled_at", "results", "shortcomings", "proposals", "number", "return_reason",
    "signer_title", "submitted_at", "is_late", "created_at", "updated_at",
]  # fmt: skip


def _off_weekend(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


class Activity:
    """Consultations, decisions, recommendations and unit reports of `data`'s communes and agencies."""

    def __init__(self, data, catalogue):
        """`data`: the prepared `Dataset` (communes with villages, agencies, rng, dates, scale);
        `catalogue`: {(scope, kind): [item id, ...]} for the comment and decide items."""
        import texts

        self.d = data
        self.t = texts
        self.rng = data.rng
        self.catalogue = catalogue
        self.consultations = []  # (id, agency?, opened_at, until, state)
        self.counts = {}
        self.next_consultation = 1
        # Computed now: the working-day calendar reads the database, which is busy once a COPY runs.
        self.periods = self._ended_periods()

    # Consultations -----------------------------------------------------------------------------------

    def _consultation_plans(self):
        """(opened day, commune index or -1, village id or None, agency or None), in time order."""
        rng, d = self.rng, self.d
        span = (d.today - d.first_day).days
        plans = []
        years = range(5)
        for index, commune in enumerate(d.communes):
            for _ in years:
                for _ in range(rng.randint(*CONSULTATIONS_PER_COMMUNE_YEAR)):
                    if rng.random() >= d.scale:
                        continue
                    village = rng.choice(commune["villages"]) if rng.random() < VILLAGE_SHARE else None
                    plans.append(
                        (d.first_day + dt.timedelta(days=rng.randint(0, span)), index, village, None)
                    )
        for agency in d.agencies:
            for _ in years:
                for _ in range(rng.randint(1, 4) if agency["province_level"] else rng.randint(0, 2)):
                    if rng.random() < d.scale:
                        plans.append(
                            (d.first_day + dt.timedelta(days=rng.randint(0, span)), -1, None, agency)
                        )
        plans.sort(key=lambda plan: plan[0])
        return plans

    def consultation_rows(self):
        from units.text import fold

        rng, d, t = self.rng, self.d, self.t
        now = d.now
        for day, index, village, agency in self._consultation_plans():
            day = _off_weekend(day)
            pk = self.next_consultation
            self.next_consultation += 1
            if agency:
                name, unit_id, agency_id = agency["name"], None, agency["id"]
                item = rng.choice(self.catalogue[("agency", "comment")])
                title = rng.choice(t.AGENCY_CONSULTATION_TITLES).format(name=name, year=day.year)
                days, forms, suffix = rng.choice((7, 10, 15, 20)), '["2", "3"]', "KH"
            else:
                commune = d.communes[index]
                name, unit_id, agency_id = commune["running"], village or commune["id"], None
                item = rng.choice(self.catalogue[("commune", "comment")])
                title = rng.choice(t.CONSULTATION_TITLES).format(name=name, year=day.year)
                days, forms, suffix = rng.choice((20, 20, 25, 30)), '["a", "b", "e"]', "KH-UBND"
            plan_number = f"{rng.randint(1, 300)}/{suffix}"
            created_at = at(day - dt.timedelta(days=rng.randint(1, 10)), 8 + rng.random() * 8)
            opened_at = at(day, 8 + rng.random() * 9)
            end, ends_at, explanation = window_of(day, days)
            state, closed_at, published, result_number, result_summary = "open", None, None, "", ""
            if opened_at > now or rng.random() < 0.01:
                state, opened_at, end, ends_at, explanation = "draft", None, None, None, ""
            elif ends_at < now:
                closed_at = ends_at + dt.timedelta(seconds=rng.randint(1, 300))
                state = "closed"
                if rng.random() < 0.85:
                    published = closed_at + dt.timedelta(days=rng.randint(3, 25), hours=rng.randint(0, 8))
                    if published < now:
                        state = "results_published"
                        result_number = (
                            f"{rng.randint(1, 300)}/BC-UBND" if unit_id else f"{rng.randint(1, 99)}/BC"
                        )
                        result_summary = "Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân."
                    else:
                        published = None
            created_at = min(created_at, now - dt.timedelta(minutes=10))
            self.counts[f"consultation {state}"] = self.counts.get(f"consultation {state}", 0) + 1
            if state != "draft":
                self.consultations.append((pk, agency is not None, opened_at, min(ends_at, now), state))
            yield (
                pk, unit_id, agency_id, item, title, f"Nội dung {title.lower()}.", "", forms, "", plan_number,
                day - dt.timedelta(days=2), days, state, opened_at, end, ends_at, explanation, closed_at,
                result_number, result_summary, published, created_at, fold(f"{title} {plan_number}"), "", "",
            )  # fmt: skip

    def comment_rows(self):
        rng, t = self.rng, self.t
        channels, weights = zip(*CHANNELS, strict=True)
        agency_channels, agency_weights = zip(*AGENCY_CHANNELS, strict=True)
        respond = {"results_published": 0.95, "closed": 0.5, "open": 0.15}
        kinds = ("accepted", "accepted", "accepted", "explained", "explained", "out_of_scope")
        for pk, is_agency, opened_at, until, state in self.consultations:
            mean = 0.9 if is_agency else 1.6
            span = max((until - opened_at).total_seconds(), 60)
            for _ in range(int(rng.lognormvariate(mean, 0.8))):
                received = opened_at + dt.timedelta(seconds=rng.random() * span)
                channel = rng.choices(agency_channels if is_agency else channels,
                                      weights=agency_weights if is_agency else weights)[0]  # fmt: skip
                kind, response, responded_at = "", "", None
                if rng.random() < respond[state]:
                    kind, response = rng.choice(kinds), rng.choice(t.RESPONSES)
                    responded_at = until + dt.timedelta(days=rng.randint(1, 3))
                hidden = rng.random() < 0.01
                yield (
                    pk, f"Điều {rng.randint(1, 20)}" if rng.random() < 0.5 else "",
                    rng.choice(t.CONSULTATION_COMMENTS), channel,
                    rng.randint(20, 150) if channel in MEETING_CHANNELS else None, "", "", received, kind,
                    response, responded_at, received + dt.timedelta(hours=2) if hidden else None,
                    t.HIDDEN_REASON if hidden else "",
                )  # fmt: skip

    # Decisions ---------------------------------------------------------------------------------------

    def _decision_plans(self):
        rng, d = self.rng, self.d
        span = (d.today - d.first_day).days
        plans = []

        def day():
            return d.first_day + dt.timedelta(days=rng.randint(0, span))

        for index, commune in enumerate(d.communes):
            for village, households in zip(commune["villages"], commune["households"], strict=True):
                for _ in range(5):
                    for _ in range(rng.choice(DECISIONS_PER_VILLAGE_YEAR)):
                        if rng.random() < d.scale:
                            plans.append((day(), index, village, households, None))
            for _ in range(5):
                for _ in range(rng.choice(DECISIONS_PER_COMMUNE_YEAR)):
                    if rng.random() < d.scale:
                        plans.append((day(), index, None, len(commune["villages"]), None))
        for agency in d.agencies:
            for _ in range(5):
                for _ in range(rng.choice((0, 1, 1, 2))):
                    if rng.random() < d.scale:
                        plans.append((day(), -1, None, rng.randint(20, 300), agency))
        plans.sort(key=lambda plan: plan[0])
        return plans

    def decision_rows(self):
        rng, d, t = self.rng, self.d, self.t
        today = d.today
        commune_items = self.catalogue[("commune", "decide")]
        agency_items = self.catalogue[("agency", "decide")]
        for decided, index, village, electorate, agency in self._decision_plans():
            created_at = at(decided - dt.timedelta(days=rng.randint(3, 20)), 8 + rng.random() * 8)
            if agency:
                unit_id, agency_id, item = None, agency["id"], rng.choice(agency_items)
                title = rng.choice(t.AGENCY_DECISION_TITLES).format(year=decided.year)
                method = rng.choice(("staff_conference", "staff_conference", "staff_ballot"))
            else:
                commune = d.communes[index]
                unit_id, agency_id = village or commune["id"], None
                if village:
                    item = rng.choice(commune_items)
                    title = rng.choice(t.DECISION_TITLES).format(year=decided.year)
                else:
                    item = rng.choice(commune_items[:2])
                    title = rng.choice(t.COMMUNE_DECISION_TITLES).format(
                        name=commune["running"], year=decided.year
                    )
                # Items 3–5 of Art. 15 only at a meeting (Art. 17(2)).
                recognised = self.catalogue["recognised_by"][item]
                method = "meeting" if recognised else rng.choice(("meeting", "meeting", "ballot"))
            row = dict.fromkeys(DECISION_COLUMNS)
            row.update(
                unit_id=unit_id, agency_id=agency_id, item_id=item, title=title, description="", method=method,
                state="draft", electorate=electorate, outcome="", outcome_explanation="", refusal_reason="",
                created_at=min(created_at, d.now - dt.timedelta(hours=1)), document_pdf="", tally_pdf="",
                recognised_by=self.catalogue["recognised_by"][item],
            )  # fmt: skip
            if decided < today and rng.random() > 0.02:
                roll = rng.random()
                outcome = "passed" if roll < 0.85 else ("failed" if roll < 0.95 else "no_quorum")
                present = (
                    electorate
                    if village is None and agency is None
                    else rng.randint(electorate // 2, electorate)
                )
                if outcome == "passed":
                    agree = rng.randint(min(present, electorate * 2 // 3 + 1), present)
                elif outcome == "failed":
                    agree = rng.randint(0, electorate // 2)
                else:
                    present, agree = rng.randint(0, electorate // 3), 0
                agree = min(agree, present)
                send_deadline, _text = deadline_of(decided)
                row.update(
                    state="tallied", outcome=outcome, outcome_explanation=f"Tán thành {agree}/{electorate}.",
                    present=present, agree=agree, disagree=present - agree, other=0, decided_on=decided,
                    send_deadline=send_deadline,
                )  # fmt: skip
                if outcome == "passed" and agency is None and row["recognised_by"]:
                    self._recognition(row, decided, send_deadline, today)
            self.counts[f"decision {row['state']}"] = self.counts.get(f"decision {row['state']}", 0) + 1
            yield [row[c] for c in DECISION_COLUMNS]

    def _recognition(self, row, decided, send_deadline, today):
        """Sent to the commune (a few late), then recognised within 5 working days (some late, a few
        refused, a few forgotten)."""
        rng = self.rng
        sent = decided + dt.timedelta(days=rng.randint(0, 6))
        if rng.random() < 0.1:
            sent = send_deadline + dt.timedelta(days=rng.randint(1, 10))
        sent = _off_weekend(sent)
        if sent > today:
            return
        deadline, _text = deadline_of(sent)
        row.update(state="sent", sent_on=sent, recognition_deadline=deadline)
        if rng.random() < 0.04:
            return  # forgotten: past its deadline, never handled
        on = sent + dt.timedelta(days=rng.randint(1, (deadline - sent).days))
        if rng.random() < 0.1:
            on = deadline + dt.timedelta(days=rng.randint(1, 15))
        on = _off_weekend(on)
        if on > today:
            return
        refused = rng.random() < 0.03
        row.update(
            state="refused" if refused else "recognised", recognised_on=on,
            refusal_reason="Nội dung trái quy định của pháp luật." if refused else "",
            published_at=at(on, 10 + rng.random() * 6),
        )  # fmt: skip

    # Recommendations ---------------------------------------------------------------------------------

    def recommendation_rows(self):
        rng, d, t = self.rng, self.d, self.t
        span = (d.today - d.first_day).days
        plans = []
        for commune in d.communes:
            for _ in range(5):
                for _ in range(rng.randint(*RECOMMENDATIONS_PER_COMMUNE_YEAR)):
                    if rng.random() < d.scale:
                        plans.append((d.first_day + dt.timedelta(days=rng.randint(0, span)), commune, None))
        for agency in d.agencies:
            for _ in range(5):
                if rng.random() < 0.5 * d.scale:
                    plans.append((d.first_day + dt.timedelta(days=rng.randint(0, span)), None, agency))
        plans.sort(key=lambda plan: plan[0])
        for made, commune, agency in plans:
            due, _ends_at, _text = window_of(made, 15)
            explanation = f"15 ngày kể từ ngày nhận kiến nghị {dmy(made)}: hạn trả lời {dmy(due)}."
            answer, answered = "", None
            if rng.random() < 0.9:
                answered = made + dt.timedelta(days=rng.randint(1, (due - made).days))
                if rng.random() < 0.12:
                    answered = due + dt.timedelta(days=rng.randint(1, 25))
                if answered > d.today:
                    answered = None
                else:
                    answer = "Đã tiếp thu và chỉ đạo khắc phục."
            state = "answered" if answered else ("overdue" if due < d.today else "waiting")
            self.counts[f"recommendation {state}"] = self.counts.get(f"recommendation {state}", 0) + 1
            addressed = f"Ủy ban nhân dân {commune['running']}" if commune else agency["name"]
            yield (
                commune["id"] if commune else None, agency["id"] if agency else None,
                rng.choice(t.RECOMMENDATION_SUBJECTS), "Ban Thanh tra nhân dân kiến nghị xem xét, khắc phục.",
                addressed, made, due, explanation, answer, answered,
            )  # fmt: skip

    # Unit reports ------------------------------------------------------------------------------------

    def _ended_periods(self):
        """The default regime's half-years and years that ended, inside the five years."""
        from democracy.periods import REPORT_KINDS
        from units.models import ReportingRegime

        regime = ReportingRegime()
        found = []
        for year in range(self.d.first_day.year, self.d.today.year + 1):
            for kind in REPORT_KINDS:
                period = regime.period(year, kind)
                if period.start >= self.d.first_day and period.end < self.d.today:
                    found.append(period)
        return sorted(found, key=lambda p: (p.end, p.kind))

    def _figures(self):
        """A plausible snapshot of figures (without breakdowns): the bench never reads them back."""
        rng = self.rng
        published = rng.randint(5, 80)
        late = rng.randint(0, published // 8)
        ended = rng.randint(5, 80)
        held, taken, received = rng.randint(0, 4), rng.randint(0, 12), rng.randint(0, 4)
        due = rng.randint(0, received)
        return json.dumps({
            "disclosures": {"published": published, "on_time": published - late, "late": late, "withdrawn": 0,
                            "corrections": rng.randint(0, 3), "windows_ended": ended,
                            "windows_honoured": ended - rng.randint(0, 1), "by_item": {}, "by_form": {}},
            "feedback": {"received": (f := rng.randint(0, 30)), "answered": rng.randint(0, f), "hidden": 0},
            "consultations": {"held": held, "results_published": rng.randint(0, held), "comments": held * 6,
                              "responded": held * 5, "by_channel": {}},
            "decisions": {"taken": taken, "passed": taken, "needs_recognition": taken,
                          "recognised": taken, "refused": 0, "handled_on_time": rng.randint(0, taken)},
            "recommendations": {"received": received, "due": due, "answered": due,
                                "answered_on_time": rng.randint(0, due), "overdue": 0},
        }, ensure_ascii=False)  # fmt: skip

    def report_rows(self, owners):
        """One report per owner and ended period: 88% submitted (a fifth of them late), the rest left
        as a draft or waiting for signature (missing). `owners`: [(unit_id, agency_id)]."""
        rng, t = self.rng, self.t
        figures = [self._figures() for _ in range(50)]
        for period in self.periods:
            compiled_at = at(period.end + dt.timedelta(days=1), 1)
            for unit_id, agency_id in owners:
                state, submitted, late, number, signer = "draft", None, False, "", ""
                roll = rng.random()
                if roll < 0.88:
                    state = "submitted"
                    if rng.random() < 0.2:
                        late, day = True, period.due + dt.timedelta(days=rng.randint(1, 30))
                    else:
                        day = max(
                            period.end + dt.timedelta(days=1),
                            period.due - dt.timedelta(days=rng.randint(0, 4)),
                        )
                    submitted = at(day, 8 + rng.random() * 9)
                    number = f"{rng.randint(1, 40)}/BC-UBND" if unit_id else f"{rng.randint(1, 40)}/BC"
                    signer = "Chủ tịch" if unit_id else "Giám đốc"
                elif roll < 0.93:
                    state = "to_sign"
                self.counts[f"report {state}"] = self.counts.get(f"report {state}", 0) + 1
                written = state != "draft" or rng.random() < 0.5
                yield (
                    unit_id, agency_id, period.year, period.kind, period.start, period.end, period.due,
                    period.due_explanation, state, rng.choice(figures), compiled_at,
                    t.REPORT_RESULTS if written else "", t.REPORT_SHORTCOMINGS if written else "",
                    t.REPORT_PROPOSALS if written else "", number, "", signer, submitted, late, compiled_at,
                    submitted or compiled_at,
                )  # fmt: skip
