"""Load the legal catalogue: every item of Art. 11, 15, 25, 30 (communes) and 46, 49, 53, 56 (agencies) of
Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15 as enacted, with the rules each item carries.

Labels are short paraphrases that keep the meaning (not the official wording); `legal_basis` names the
articles a reader can check in the official text. The rows are plain data on purpose: a migration must
not import app code that may change later. Administrators edit them afterwards in the admin (with history).
"""

from django.db import migrations
from django.utils import timezone

LAW = "Luật 10/2022/QH15"

# The rules, named once so each row below reads as "which rule applies", with the article it comes from.
# Commune disclosure: ≤5 working days after the decision (Art. 12(3)); posted ≥30 consecutive days
# (Art. 13(2)); items 7–12 also ≥3 consecutive days on commune radio (Art. 13(3)).
COMMUNE_DISCLOSE = {"scope": "commune", "kind": "disclose", "article": 11, "disclosure_deadline_working_days": 5}
POSTED_30_DAYS = {"posting_days": 30}
RADIO_3_DAYS = {"radio_days": 3}
# Items 4 and 13: posted permanently and updated when they change (Art. 13(2), second paragraph).
PERMANENT = {"is_permanent": True}

# Community decision (Art. 15): recognition within 5 working days (Art. 21(2)). Items 1–2 pass with
# ≥ 2/3 of all household representatives (commune-wide: ≥ 2/3 of villages); items 3–6 with > 50% of all
# household representatives (Art. 21(1)). Online voting only for item 6 (Art. 17(2); Decree 59 Art. 5).
COMMUNE_DECIDE = {"scope": "commune", "kind": "decide", "article": 15, "recognition_working_days": 5}
TWO_THIRDS_OR_MORE = {"threshold_numerator": 2, "threshold_denominator": 3, "threshold_inclusive": True}
MORE_THAN_HALF = {"threshold_numerator": 1, "threshold_denominator": 2, "threshold_inclusive": False}

# Commune consultation: ≥20 days from publication of the content (Art. 28(2)).
COMMUNE_COMMENT = {"scope": "commune", "kind": "comment", "article": 25, "consultation_days": 20}

# Commune supervision: the commune answers People's Inspection Board recommendations within 15 days
# (Art. 40(1)(c); the same 15 days for the Community Investment Supervision Board, Art. 45(2)(c)).
COMMUNE_SUPERVISE = {"scope": "commune", "kind": "supervise", "article": 30, "answer_days": 15}

# Agency disclosure: ≤5 working days (Art. 47(2)); ≥20 consecutive days online or posted (Art. 48(1)–(2)).
AGENCY_DISCLOSE = {
    "scope": "agency", "kind": "disclose", "article": 46, "disclosure_deadline_working_days": 5, "posting_days": 20,
}

# Agency staff decision (Art. 49) at the staff conference: valid with ≥ 2/3 of all staff (or of the
# delegates convened), passes with > 50% of those present (Art. 51(2)(c)). No online vote in the Law.
AGENCY_DECIDE = {
    "scope": "agency", "kind": "decide", "article": 49, **MORE_THAN_HALF,
    "quorum_numerator": 2, "quorum_denominator": 3, "online_vote_allowed": False,
}

# Agency consultation (Art. 53): the Law sets no minimum period for agencies (Art. 55(1)), so none here.
AGENCY_COMMENT = {"scope": "agency", "kind": "comment", "article": 53}

# Agency supervision: the head answers the board's recommendations within 15 days (Art. 63(1)(c)).
AGENCY_SUPERVISE = {"scope": "agency", "kind": "supervise", "article": 56, "answer_days": 15}


CATALOGUE = [
    # ── Điều 11: chính quyền địa phương cấp xã công khai (14 khoản) ─────────────────────────────────
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, "clause": 1,
        "label_vi": "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm "
                    "của xã và kết quả thực hiện",
        "label_en": "Annual socio-economic plan, economic restructuring plan, and results",
        "legal_basis": f"Điều 11 khoản 1, Điều 12 khoản 3, Điều 13 khoản 2 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, "clause": 2,
        "label_vi": "Dự toán, kế hoạch tài chính trình Hội đồng nhân dân xã và đã được Hội đồng nhân dân xã "
                    "quyết định; tình hình thực hiện dự toán ngân sách theo quý, 6 tháng, năm; quyết toán "
                    "ngân sách; kết quả thực hiện kiến nghị của Kiểm toán nhà nước",
        "label_en": "Budget and financial plans (as proposed and as approved); quarterly, half-year and annual "
                    "budget execution; final accounts; follow-up on State Audit recommendations",
        "legal_basis": f"Điều 11 khoản 2, Điều 12 khoản 3, Điều 13 khoản 2 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, "clause": 3,
        "label_vi": "Dự án, công trình đầu tư trên địa bàn xã và tiến độ thực hiện; kế hoạch thu hồi đất, "
                    "bồi thường, hỗ trợ, tái định cư; kế hoạch quản lý, sử dụng quỹ đất do xã quản lý, "
                    "cho thuê đất công ích; các quy hoạch xây dựng có liên quan",
        "label_en": "Investment projects and progress; land recovery, compensation and resettlement plans; "
                    "commune land fund and public-purpose land leasing; relevant construction/urban plans",
        "legal_basis": f"Điều 11 khoản 3, Điều 12 khoản 3, Điều 13 khoản 2 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **PERMANENT, "clause": 4,
        "label_vi": "Quy chế thực hiện dân chủ ở xã; nhiệm vụ, quyền hạn của cán bộ, công chức, người hoạt "
                    "động không chuyên trách ở xã, thôn, tổ dân phố; quy tắc ứng xử của người có chức vụ",
        "label_en": "Commune democracy regulation; duties of commune officials and part-time village/ward "
                    "staff; code of conduct of office holders",
        "legal_basis": f"Điều 11 khoản 4, Điều 12 khoản 3, Điều 13 khoản 2 (niêm yết thường xuyên) {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, "clause": 5,
        "label_vi": "Việc quản lý, sử dụng các quỹ, khoản đầu tư, tài trợ theo chương trình, dự án; các "
                    "khoản huy động Nhân dân đóng góp",
        "label_en": "Management of funds and programme investments/sponsorships; contributions mobilised "
                    "from residents",
        "legal_basis": f"Điều 11 khoản 5, Điều 12 khoản 3, Điều 13 khoản 2 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, "clause": 6,
        "label_vi": "Việc đầu tư, mua sắm, giao, thuê, sử dụng, thu hồi, điều chuyển, bán, thanh lý, tiêu hủy "
                    "và các hình thức xử lý khác đối với tài sản công do xã quản lý; việc khai thác nguồn "
                    "lực tài chính từ tài sản công",
        "label_en": "Full life-cycle of public assets managed by the commune; revenue from public assets",
        "legal_basis": f"Điều 11 khoản 6, Điều 12 khoản 3, Điều 13 khoản 2 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, **RADIO_3_DAYS, "clause": 7,
        "label_vi": "Chủ trương, chính sách, tiêu chí, đối tượng, quy trình bình xét và kết quả thực hiện "
                    "các chính sách hỗ trợ, trợ cấp, tín dụng (chương trình mục tiêu quốc gia, hỗ trợ sản "
                    "xuất, nhà ở, thẻ bảo hiểm y tế, an sinh xã hội)",
        "label_en": "Social support, subsidy and credit policies: criteria, beneficiaries, selection process "
                    "and results",
        "legal_basis": f"Điều 11 khoản 7, Điều 12 khoản 3, Điều 13 khoản 2, khoản 3 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, **RADIO_3_DAYS, "clause": 8,
        "label_vi": "Phạm vi, đối tượng, cách thức bình xét, mức hỗ trợ, thời gian, thủ tục phân phối hỗ trợ "
                    "từ ngân sách nhà nước khi có thiên tai, dịch bệnh, sự cố, thảm họa, bệnh hiểm nghèo; "
                    "việc quản lý, sử dụng các khoản đóng góp, quyên góp tự nguyện",
        "label_en": "State-budget relief (disasters, epidemics, catastrophes, serious illness): who, how much, "
                    "when, procedure; use of voluntary donations",
        "legal_basis": f"Điều 11 khoản 8, Điều 12 khoản 3, Điều 13 khoản 2, khoản 3 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, **RADIO_3_DAYS, "clause": 9,
        "label_vi": "Số lượng, đối tượng, tiêu chuẩn gọi công dân nhập ngũ; danh sách công dân đủ điều "
                    "kiện, được gọi nhập ngũ, thực hiện nghĩa vụ tham gia Công an nhân dân; danh sách công "
                    "dân được tạm hoãn, miễn gọi nhập ngũ",
        "label_en": "Military and police service call-up: quotas, criteria, eligible/called/deferred/exempt "
                    "lists",
        "legal_basis": f"Điều 11 khoản 9, Điều 12 khoản 3, Điều 13 khoản 2, khoản 3 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, **RADIO_3_DAYS, "clause": 10,
        "label_vi": "Kết quả thanh tra, kiểm tra, xử lý vụ việc tham nhũng, tiêu cực, vi phạm kỷ luật của "
                    "cán bộ, công chức và người hoạt động không chuyên trách ở xã, thôn, tổ dân phố; kết "
                    "quả lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm các chức danh của Hội đồng nhân dân, Ủy "
                    "ban nhân dân xã",
        "label_en": "Inspection results and corruption/discipline cases; results of confidence votes on "
                    "commune council/committee leaders",
        "legal_basis": f"Điều 11 khoản 10, Điều 12 khoản 3, Điều 13 khoản 2, khoản 3 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, **RADIO_3_DAYS, "clause": 11,
        "label_vi": "Kế hoạch, nội dung lấy ý kiến Nhân dân; kết quả tổng hợp ý kiến, nội dung giải trình, "
                    "tiếp thu (đối với các nội dung Nhân dân tham gia ý kiến tại Điều 25)",
        "label_en": "Consultation plans, consultation content, aggregated results, explanations and uptake "
                    "(for Art. 25 matters)",
        "legal_basis": f"Điều 11 khoản 11, Điều 12 khoản 3, Điều 13 khoản 2, khoản 3 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **POSTED_30_DAYS, **RADIO_3_DAYS, "clause": 12,
        "label_vi": "Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác do xã trực tiếp thu",
        "label_en": "Fees, charges and other levies collected directly by the commune",
        "legal_basis": f"Điều 11 khoản 12, Điều 12 khoản 3, Điều 13 khoản 2, khoản 3 {LAW}",
    },
    {
        **COMMUNE_DISCLOSE, **PERMANENT, "clause": 13,
        "label_vi": "Thủ tục hành chính, thủ tục giải quyết công việc do xã trực tiếp thực hiện",
        "label_en": "Administrative procedures handled directly by the commune",
        "legal_basis": f"Điều 11 khoản 13, Điều 12 khoản 3, Điều 13 khoản 2 (niêm yết thường xuyên) {LAW}",
    },
    {
        # Art. 13(2) names neither a posting period nor permanent posting for item 14: left empty.
        **COMMUNE_DISCLOSE, "clause": 14,
        "label_vi": "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ ở xã",
        "label_en": "Other items required by law or the commune's democracy regulation",
        "legal_basis": f"Điều 11 khoản 14, Điều 12 khoản 3 {LAW} (Điều 13 không quy định thời gian niêm yết "
                       "tối thiểu cho khoản này)",
    },
    # ── Điều 15: Nhân dân bàn và quyết định (6 khoản) ───────────────────────────────────────────────
    {
        **COMMUNE_DECIDE, **TWO_THIRDS_OR_MORE, "clause": 1,
        "label_vi": "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng do Nhân dân "
                    "đóng góp toàn bộ hoặc một phần kinh phí",
        "label_en": "Policy and contribution level for infrastructure/public works funded wholly or partly "
                    "by residents",
        "legal_basis": f"Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 {LAW} (từ 2/3 tổng số đại diện hộ gia "
                       "đình; phạm vi toàn xã: từ 2/3 tổng số thôn, tổ dân phố)",
    },
    {
        **COMMUNE_DECIDE, **TWO_THIRDS_OR_MORE, "clause": 2,
        "label_vi": "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân ngoài các khoản đã được pháp "
                    "luật quy định; kinh phí, tài sản của cộng đồng dân cư được giao quản lý hoặc tiếp nhận "
                    "hợp pháp",
        "label_en": "Collection, spending and management of voluntary contributions and community-held "
                    "funds/assets",
        "legal_basis": f"Điều 15 khoản 2, Điều 21 khoản 1, khoản 2 {LAW} (từ 2/3 tổng số đại diện hộ gia "
                       "đình; phạm vi toàn xã: từ 2/3 tổng số thôn, tổ dân phố)",
    },
    {
        **COMMUNE_DECIDE, **MORE_THAN_HALF, "clause": 3,
        "label_vi": "Nội dung hương ước, quy ước của cộng đồng dân cư",
        "label_en": "Content of the community code (hương ước/quy ước)",
        "legal_basis": f"Điều 15 khoản 3, Điều 17 khoản 2, Điều 21 khoản 1, khoản 2 {LAW}; "
                       "Nghị định 61/2023/NĐ-CP",
    },
    {
        **COMMUNE_DECIDE, **MORE_THAN_HALF, "clause": 4,
        "label_vi": "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
        "label_en": "Electing/dismissing the village head / residential-group head",
        "legal_basis": f"Điều 15 khoản 4, Điều 17 khoản 2, Điều 21 khoản 1, khoản 2 {LAW}; "
                       "Điều 6–9 Nghị định 59/2023/NĐ-CP",
    },
    {
        **COMMUNE_DECIDE, **MORE_THAN_HALF, "clause": 5,
        "label_vi": "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        "label_en": "Electing/dismissing members of the People's Inspection Board and the Community "
                    "Investment Supervision Board",
        "legal_basis": f"Điều 15 khoản 5, Điều 17 khoản 2, Điều 21 khoản 1, khoản 2 {LAW}",
    },
    {
        **COMMUNE_DECIDE, **MORE_THAN_HALF, "online_vote_allowed": True, "clause": 6,
        "label_vi": "Các công việc tự quản khác trong nội bộ cộng đồng dân cư không trái với quy định của "
                    "pháp luật, phù hợp với thuần phong mỹ tục",
        "label_en": "Other lawful self-management matters",
        "legal_basis": f"Điều 15 khoản 6, Điều 17 khoản 2, Điều 21 khoản 1, khoản 2 {LAW}; "
                       "Điều 5 Nghị định 59/2023/NĐ-CP (biểu quyết trực tuyến)",
    },
    # ── Điều 25: Nhân dân tham gia ý kiến (9 khoản) ─────────────────────────────────────────────────
    {
        **COMMUNE_COMMENT, "clause": 1,
        "label_vi": "Dự thảo kế hoạch phát triển kinh tế - xã hội của xã; phương án chuyển đổi cơ cấu kinh "
                    "tế, cơ cấu sản xuất; đề án định canh, định cư, vùng kinh tế mới và phương án phát triển "
                    "ngành nghề của xã",
        "label_en": "Draft socio-economic plan; restructuring; sedentarisation/new economic zones; trade "
                    "development plans",
        "legal_basis": f"Điều 25 khoản 1, Điều 28 khoản 2 {LAW}",
    },
    {
        # "cấp huyện" belongs to the pre-July-2025 three-tier model; how Law 97/2025 amended it is unverified.
        **COMMUNE_COMMENT, "clause": 2,
        "label_vi": "Dự thảo quy hoạch sử dụng đất cấp huyện và phương án điều chỉnh quy hoạch sử dụng đất "
                    "cấp huyện; việc quản lý, sử dụng quỹ đất được giao cho Ủy ban nhân dân xã quản lý",
        "label_en": "Draft district-level land-use plan and its adjustments; commune land fund",
        "legal_basis": f"Điều 25 khoản 2, Điều 28 khoản 2 {LAW} (văn bản khi ban hành, trước khi bỏ cấp huyện)",
    },
    {
        **COMMUNE_COMMENT, "clause": 3,
        "label_vi": "Chủ trương, chính sách đầu tư, xây dựng, đất đai, xử lý chất thải, bảo vệ môi trường, "
                    "đền bù, giải phóng mặt bằng, di dân, tái định cư đối với dự án quan trọng quốc gia, dự "
                    "án nhóm A, dự án di dân quy mô lớn, dự án có nguy cơ tác động xấu đến môi trường, dự án "
                    "ảnh hưởng trực tiếp đến đời sống của cộng đồng dân cư",
        "label_en": "Investment, land, waste, environment, compensation and resettlement policies for major "
                    "projects (national-importance, group A, large resettlement, environmental risk, direct "
                    "community impact)",
        "legal_basis": f"Điều 25 khoản 3, Điều 28 khoản 2 {LAW}",
    },
    {
        **COMMUNE_COMMENT, "clause": 4,
        "label_vi": "Dự thảo đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới, đặt tên, đổi tên "
                    "đơn vị hành chính; thành lập, giải thể, nhập, chia, đặt tên, đổi tên thôn, tổ dân phố; "
                    "ghép cụm dân cư",
        "label_en": "Draft proposals on administrative-unit boundaries/names; creation, merger and naming of "
                    "villages/residential groups",
        "legal_basis": f"Điều 25 khoản 4, Điều 28 khoản 2 {LAW}",
    },
    {
        **COMMUNE_COMMENT, "clause": 5,
        "label_vi": "Dự thảo quyết định hành chính của Ủy ban nhân dân xã có liên quan đến lợi ích của cộng "
                    "đồng dân cư (môi trường, sức khỏe cộng đồng, trật tự, an toàn xã hội…)",
        "label_en": "Draft commune administrative decisions affecting the community (environment, health, "
                    "public order…)",
        "legal_basis": f"Điều 25 khoản 5, Điều 28 khoản 2 {LAW}",
    },
    {
        **COMMUNE_COMMENT, "clause": 6,
        "label_vi": "Dự thảo nhiệm vụ và đồ án quy hoạch chung, quy hoạch phân khu, quy hoạch chi tiết xây "
                    "dựng; quy hoạch chung xây dựng xã, quy hoạch điểm dân cư nông thôn",
        "label_en": "Draft construction/urban/rural planning tasks and plans",
        "legal_basis": f"Điều 25 khoản 6, Điều 28 khoản 2 {LAW}",
    },
    {
        **COMMUNE_COMMENT, "clause": 7,
        "label_vi": "Dự thảo quy chế thực hiện dân chủ ở xã; quy chế thực hiện dân chủ theo từng lĩnh vực "
                    "(nếu có)",
        "label_en": "Draft commune democracy regulation (general and sectoral)",
        "legal_basis": f"Điều 25 khoản 7, Điều 28 khoản 2 {LAW}",
    },
    {
        **COMMUNE_COMMENT, "clause": 8,
        "label_vi": "Dự thảo quyết định hành chính xác lập nghĩa vụ hoặc làm chấm dứt, hạn chế quyền, lợi "
                    "ích của công dân là đối tượng thi hành quyết định",
        "label_en": "Draft administrative decisions that impose duties on, or restrict the rights of, "
                    "specific citizens",
        "legal_basis": f"Điều 25 khoản 8, Điều 26 khoản 1 điểm h, Điều 27, Điều 28 khoản 2 {LAW}",
    },
    {
        **COMMUNE_COMMENT, "clause": 9,
        "label_vi": "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ ở xã, theo yêu cầu "
                    "của cơ quan nhà nước có thẩm quyền hoặc xã thấy cần thiết",
        "label_en": "Other matters (by law, regulation, request from above, or commune choice)",
        "legal_basis": f"Điều 25 khoản 9, Điều 28 khoản 2 {LAW}",
    },
    # ── Điều 30: Nhân dân kiểm tra, giám sát (2 khoản) ──────────────────────────────────────────────
    {
        **COMMUNE_SUPERVISE, "clause": 1,
        "label_vi": "Kiểm tra việc thực hiện các nội dung Nhân dân đã bàn và quyết định (Điều 15)",
        "label_en": "Check implementation of Art. 15 decisions",
        "legal_basis": f"Điều 30 khoản 1, Điều 40 khoản 1 điểm c, Điều 45 khoản 2 điểm c {LAW}",
    },
    {
        **COMMUNE_SUPERVISE, "clause": 2,
        "label_vi": "Giám sát việc thực hiện dân chủ ở cơ sở, việc thực hiện chính sách, pháp luật của chính "
                    "quyền địa phương cấp xã, cán bộ, công chức và người hoạt động không chuyên trách ở xã",
        "label_en": "Supervise democracy practice and law enforcement by commune authorities and staff",
        "legal_basis": f"Điều 30 khoản 2, Điều 40 khoản 1 điểm c, Điều 45 khoản 2 điểm c {LAW}",
    },
    # ── Điều 46: người đứng đầu cơ quan, đơn vị công khai trong nội bộ (12 khoản) ─────────────────
    {
        **AGENCY_DISCLOSE, "clause": 1,
        "label_vi": "Chủ trương, chính sách của Đảng, pháp luật của Nhà nước liên quan đến tổ chức, hoạt "
                    "động của cơ quan, đơn vị",
        "label_en": "Party/State policies relevant to the unit",
        "legal_basis": f"Điều 46 khoản 1, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 2,
        "label_vi": "Kế hoạch công tác năm, quý, tháng của cơ quan, đơn vị",
        "label_en": "Annual, quarterly and monthly work plans",
        "legal_basis": f"Điều 46 khoản 2, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 3,
        "label_vi": "Dự toán ngân sách nhà nước được giao, các nguồn tài chính khác; tình hình thực hiện dự "
                    "toán, quyết toán ngân sách năm; kết quả thực hiện kiến nghị của Kiểm toán nhà nước",
        "label_en": "Budget allocation, other funds, execution, annual accounts, State Audit follow-up",
        "legal_basis": f"Điều 46 khoản 3, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 4,
        "label_vi": "Tiêu chuẩn, định mức, thủ tục hành chính về tài sản công; việc đầu tư, mua sắm, sử "
                    "dụng, thanh lý và các hình thức xử lý khác đối với tài sản công; việc khai thác nguồn "
                    "lực tài chính từ tài sản công",
        "label_en": "Public-asset norms and full asset life-cycle",
        "legal_basis": f"Điều 46 khoản 4, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 5,
        "label_vi": "Nguyên tắc, tiêu chí phân bổ vốn đầu tư công; danh mục dự án; kế hoạch đầu tư công "
                    "trung hạn và hằng năm; tiến độ thực hiện, giải ngân; nghiệm thu, quyết toán vốn đầu tư",
        "label_en": "Public-investment allocation, project lists, disbursement, acceptance, settlement",
        "legal_basis": f"Điều 46 khoản 5, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 6,
        "label_vi": "Việc tuyển dụng, tiếp nhận, đào tạo, điều động, bổ nhiệm, luân chuyển, quy hoạch cán "
                    "bộ; ký hợp đồng làm việc; cử đi nước ngoài; thực hiện chế độ, chính sách, nâng lương, "
                    "đánh giá, xếp loại; khen thưởng, kỷ luật, thôi việc, nghỉ hưu của cán bộ, công chức, "
                    "viên chức, người lao động; các đề án, dự án và việc xây dựng văn bản quy phạm pháp luật "
                    "của cơ quan, đơn vị",
        "label_en": "All personnel actions; foreign trips; pay/grade changes; appraisal; rewards/discipline; "
                    "retirement; the unit's projects and draft legal documents",
        "legal_basis": f"Điều 46 khoản 6, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 7,
        "label_vi": "Kết luận về vụ việc tiêu cực, tham nhũng, lãng phí trong cơ quan, đơn vị; bản kê khai "
                    "tài sản, thu nhập của người có nghĩa vụ kê khai",
        "label_en": "Conclusions on misconduct; asset/income declarations",
        "legal_basis": f"Điều 46 khoản 7, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 8,
        "label_vi": "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, kiến nghị trong nội bộ cơ "
                    "quan, đơn vị",
        "label_en": "Internal inspection and complaint outcomes",
        "legal_basis": f"Điều 46 khoản 8, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 9,
        "label_vi": "Nội quy, quy chế, quy định của cơ quan, đơn vị; quy tắc ứng xử",
        "label_en": "Internal rules; code of conduct",
        "legal_basis": f"Điều 46 khoản 9, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 10,
        "label_vi": "Kết quả tổng hợp ý kiến, nội dung giải trình, tiếp thu ý kiến của cán bộ, công chức, "
                    "viên chức, người lao động (đối với các nội dung tham gia ý kiến tại Điều 53)",
        "label_en": "Results of staff consultations (Art. 53)",
        "legal_basis": f"Điều 46 khoản 10, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 11,
        "label_vi": "Văn bản chỉ đạo, điều hành của cơ quan cấp trên liên quan đến cơ quan, đơn vị",
        "label_en": "Directives from the superior body",
        "legal_basis": f"Điều 46 khoản 11, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    {
        **AGENCY_DISCLOSE, "clause": 12,
        "label_vi": "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ của cơ quan, đơn vị",
        "label_en": "Other items",
        "legal_basis": f"Điều 46 khoản 12, Điều 47 khoản 2, Điều 48 khoản 1, khoản 2 {LAW}",
    },
    # ── Điều 49: cán bộ, công chức, viên chức, người lao động bàn và quyết định (4 khoản) ───────────
    {
        **AGENCY_DECIDE, "clause": 1,
        "label_vi": "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân của cơ quan, đơn vị",
        "label_en": "Elect/dismiss members of the unit's People's Inspection Board",
        "legal_basis": f"Điều 49 khoản 1, Điều 50, Điều 51 khoản 2 điểm c, Điều 60 {LAW}",
    },
    {
        **AGENCY_DECIDE, "clause": 2,
        "label_vi": "Việc thu, chi, quản lý, sử dụng các khoản đóng góp của cán bộ, công chức, viên chức, "
                    "người lao động ngoài các khoản đã được pháp luật quy định",
        "label_en": "Staff voluntary contributions",
        "legal_basis": f"Điều 49 khoản 2, Điều 50, Điều 51 khoản 2 điểm c {LAW}",
    },
    {
        **AGENCY_DECIDE, "clause": 3,
        "label_vi": "Nội dung nghị quyết hội nghị cán bộ, công chức, viên chức, người lao động",
        "label_en": "Content of the staff-conference resolution",
        "legal_basis": f"Điều 49 khoản 3, Điều 50, Điều 51 khoản 2 điểm c {LAW}",
    },
    {
        **AGENCY_DECIDE, "clause": 4,
        "label_vi": "Các công việc tự quản khác trong nội bộ cơ quan, đơn vị không trái với quy định của "
                    "pháp luật, phù hợp với đạo đức xã hội",
        "label_en": "Other self-management matters",
        "legal_basis": f"Điều 49 khoản 4, Điều 50, Điều 51 khoản 2 điểm c {LAW}",
    },
    # ── Điều 53: cán bộ, công chức, viên chức, người lao động tham gia ý kiến (11 khoản) ───────────
    {
        **AGENCY_COMMENT, "clause": 1,
        "label_vi": "Giải pháp thực hiện chủ trương, chính sách, pháp luật liên quan đến chức năng, nhiệm vụ "
                    "của cơ quan, đơn vị",
        "label_en": "Measures to implement policies",
        "legal_basis": f"Điều 53 khoản 1, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 2,
        "label_vi": "Kế hoạch công tác hằng năm của cơ quan, đơn vị",
        "label_en": "Annual work plan",
        "legal_basis": f"Điều 53 khoản 2, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 3,
        "label_vi": "Việc tổ chức phong trào thi đua của cơ quan, đơn vị",
        "label_en": "Emulation campaigns",
        "legal_basis": f"Điều 53 khoản 3, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 4,
        "label_vi": "Báo cáo sơ kết, tổng kết của cơ quan, đơn vị",
        "label_en": "Interim/final review reports",
        "legal_basis": f"Điều 53 khoản 4, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 5,
        "label_vi": "Biện pháp cải tiến tổ chức, lề lối làm việc; phòng, chống tham nhũng, tiêu cực; thực "
                    "hành tiết kiệm, chống lãng phí, quan liêu, sách nhiễu",
        "label_en": "Work-method improvements; anti-corruption; thrift; anti-bureaucracy",
        "legal_basis": f"Điều 53 khoản 5, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 6,
        "label_vi": "Kế hoạch tuyển dụng, đào tạo, bồi dưỡng; việc bầu cử, bổ nhiệm cán bộ, công chức, viên "
                    "chức",
        "label_en": "Recruitment, training, elections and appointments",
        "legal_basis": f"Điều 53 khoản 6, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 7,
        "label_vi": "Việc thực hiện chế độ, chính sách liên quan đến quyền, lợi ích của cán bộ, công chức, "
                    "viên chức, người lao động",
        "label_en": "Staff entitlements",
        "legal_basis": f"Điều 53 khoản 7, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 8,
        "label_vi": "Dự thảo quy chế thực hiện dân chủ của cơ quan, đơn vị",
        "label_en": "Draft democracy regulation",
        "legal_basis": f"Điều 53 khoản 8, Điều 55 khoản 1, khoản 2 {LAW} (luật không quy định thời gian lấy ý "
                       "kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 9,
        "label_vi": "Dự thảo quy chế chi tiêu nội bộ của cơ quan, đơn vị (nếu có)",
        "label_en": "Draft internal spending regulation",
        "legal_basis": f"Điều 53 khoản 9, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 10,
        "label_vi": "Các dự thảo nội quy, quy chế khác của cơ quan, đơn vị",
        "label_en": "Other draft internal rules",
        "legal_basis": f"Điều 53 khoản 10, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    {
        **AGENCY_COMMENT, "clause": 11,
        "label_vi": "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ của cơ quan, đơn vị",
        "label_en": "Other",
        "legal_basis": f"Điều 53 khoản 11, Điều 55 khoản 1 {LAW} (luật không quy định thời gian lấy ý kiến tối thiểu)",
    },
    # ── Điều 56: cán bộ, công chức, viên chức, người lao động kiểm tra, giám sát (2 khoản) ─────────
    {
        **AGENCY_SUPERVISE, "clause": 1,
        "label_vi": "Kiểm tra việc thực hiện các nội dung cán bộ, công chức, viên chức, người lao động đã bàn "
                    "và quyết định (Điều 49)",
        "label_en": "Check implementation of Art. 49 decisions",
        "legal_basis": f"Điều 56 khoản 1, Điều 63 khoản 1 điểm c {LAW}",
    },
    {
        **AGENCY_SUPERVISE, "clause": 2,
        "label_vi": "Giám sát việc thực hiện dân chủ, chính sách, pháp luật của người đứng đầu, ban lãnh đạo, "
                    "người có thẩm quyền trong cơ quan, đơn vị; hành vi hành chính của người có trách nhiệm "
                    "thi hành công vụ",
        "label_en": "Supervise leadership and officials' conduct",
        "legal_basis": f"Điều 56 khoản 2, Điều 63 khoản 1 điểm c {LAW}",
    },
]

CHANGE_REASON = "Nạp danh mục theo Luật 10/2022/QH15 (migration 0002)"


def load_catalogue(apps, schema_editor):
    CatalogueItem = apps.get_model("democracy", "CatalogueItem")
    HistoricalCatalogueItem = apps.get_model("democracy", "HistoricalCatalogueItem")
    items = [CatalogueItem.objects.create(**row) for row in CATALOGUE]
    # Historical models in migrations get no signals, so write the "created" history rows here: the
    # admin's history then starts from the text the Law gave, not from the first edit.
    now = timezone.now()
    field_names = [f.attname for f in CatalogueItem._meta.concrete_fields]
    HistoricalCatalogueItem.objects.bulk_create(
        HistoricalCatalogueItem(
            **{name: getattr(item, name) for name in field_names},
            history_date=now, history_type="+", history_change_reason=CHANGE_REASON,
        )
        for item in items
    )


def unload_catalogue(apps, schema_editor):
    CatalogueItem = apps.get_model("democracy", "CatalogueItem")
    HistoricalCatalogueItem = apps.get_model("democracy", "HistoricalCatalogueItem")
    for row in CATALOGUE:
        items = CatalogueItem.objects.filter(scope=row["scope"], article=row["article"], clause=row["clause"])
        HistoricalCatalogueItem.objects.filter(id__in=list(items.values_list("pk", flat=True))).delete()
        items.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_catalogue, unload_catalogue),
    ]
