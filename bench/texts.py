"""Vietnamese text for the generated dataset: titles, summaries, bodies, feedback, agencies.

Each template is stored with its folded form (units.text.fold) so the generator can build
`search_text` by formatting the folded template with folded values instead of folding a million
strings: fold works character by character and on whitespace, so fold(a + " " + b) == fold(a) + " " +
fold(b) and fold("{name} năm {year}") formatted with folded values equals fold of the formatted text.
The generator checks a sample of rows against fold() at the end.
"""

from units.text import fold


def folded(templates):
    return [(text, fold(text)) for text in templates]


# Commune items (Art. 11): clause → (weight in the dataset, title templates, summary template).
# {name} is the commune in running text ("xã Đồng Kỳ"); {year}, {prev}, {q} are numbers.
COMMUNE_ITEMS = {
    1: (
        8,
        [
            "Kế hoạch phát triển kinh tế - xã hội năm {year} của {name}",
            "Báo cáo kết quả thực hiện kế hoạch phát triển kinh tế - xã hội 6 tháng đầu năm {year}",
            "Phương án chuyển dịch cơ cấu kinh tế năm {year}",
        ],
        "Ủy ban nhân dân {name} công khai kế hoạch phát triển kinh tế - xã hội và kết quả thực hiện năm {year}.",
    ),
    2: (
        16,
        [
            "Dự toán ngân sách {name} năm {year}",
            "Quyết toán ngân sách {name} năm {prev}",
            "Tình hình thực hiện dự toán ngân sách quý {q} năm {year}",
            "Kế hoạch tài chính năm {year} đã được Hội đồng nhân dân {name} quyết định",
        ],
        "Công khai dự toán, quyết toán và tình hình thực hiện ngân sách {name} năm {year} theo Điều 11 "
        "khoản 2 Luật Thực hiện dân chủ ở cơ sở.",
    ),
    3: (
        12,
        [
            "Dự án nâng cấp đường giao thông liên thôn {name} năm {year}",
            "Kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư năm {year}",
            "Tiến độ xây dựng trường mầm non {name}",
            "Kế hoạch cho thuê đất công ích năm {year}",
            "Quy hoạch chi tiết khu dân cư mới {name}",
        ],
        "Thông tin về dự án, công trình đầu tư và kế hoạch sử dụng đất trên địa bàn {name} năm {year}.",
    ),
    5: (
        6,
        [
            "Quản lý, sử dụng quỹ phòng, chống thiên tai năm {year}",
            "Các khoản huy động Nhân dân đóng góp xây dựng nhà văn hóa năm {year}",
        ],
        "Công khai việc quản lý, sử dụng các quỹ và các khoản huy động Nhân dân đóng góp tại {name}.",
    ),
    6: (
        5,
        [
            "Kế hoạch mua sắm tài sản công năm {year}",
            "Thanh lý tài sản công của {name} năm {year}",
        ],
        "Việc đầu tư, mua sắm, sử dụng, thanh lý tài sản công do {name} quản lý năm {year}.",
    ),
    7: (
        14,
        [
            "Danh sách hộ nghèo, hộ cận nghèo năm {year}",
            "Kết quả bình xét hỗ trợ nhà ở cho hộ nghèo năm {year}",
            "Danh sách đối tượng được cấp thẻ bảo hiểm y tế năm {year}",
            "Chính sách hỗ trợ phát triển sản xuất năm {year}",
        ],
        "Tiêu chí, đối tượng, quy trình bình xét và kết quả thực hiện chính sách hỗ trợ tại {name}; "
        "phát trên hệ thống truyền thanh 3 ngày.",
    ),
    8: (
        5,
        [
            "Hỗ trợ khắc phục hậu quả bão, lũ năm {year}",
            "Quản lý, sử dụng các khoản quyên góp tự nguyện năm {year}",
        ],
        "Phạm vi, đối tượng, mức hỗ trợ và thủ tục phân phối hỗ trợ tại {name} năm {year}.",
    ),
    9: (
        6,
        [
            "Danh sách công dân đủ điều kiện gọi nhập ngũ năm {year}",
            "Danh sách công dân được tạm hoãn gọi nhập ngũ năm {year}",
        ],
        "Số lượng, tiêu chuẩn và danh sách công dân gọi nhập ngũ năm {year} của {name}.",
    ),
    10: (
        5,
        [
            "Kết quả lấy phiếu tín nhiệm các chức danh Hội đồng nhân dân {name} năm {year}",
            "Kết luận thanh tra việc quản lý đất đai năm {year}",
        ],
        "Kết quả thanh tra, kiểm tra và kết quả lấy phiếu tín nhiệm tại {name} năm {year}.",
    ),
    11: (
        8,
        [
            "Kế hoạch lấy ý kiến Nhân dân về quy hoạch sử dụng đất năm {year}",
            "Kết quả tổng hợp ý kiến Nhân dân về dự thảo đề án sáp nhập thôn năm {year}",
        ],
        "Kế hoạch, nội dung lấy ý kiến Nhân dân và kết quả tổng hợp, giải trình, tiếp thu tại {name}.",
    ),
    12: (
        4,
        [
            "Mức thu phí, lệ phí do {name} trực tiếp thu năm {year}",
        ],
        "Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác do {name} trực tiếp thu.",
    ),
    14: (
        7,
        [
            "Lịch tiếp công dân của {name} năm {year}",
            "Thông báo kết quả bầu cử trưởng thôn năm {year}",
        ],
        "Nội dung khác công khai theo quy chế thực hiện dân chủ của {name}.",
    ),
}
PERMANENT_ITEMS = {
    4: (
        "Quy chế thực hiện dân chủ ở {name}",
        "Quy chế thực hiện dân chủ ở cơ sở và nhiệm vụ, quyền hạn của "
        "cán bộ, công chức {name}; niêm yết thường xuyên.",
    ),
    13: (
        "Thủ tục hành chính do {name} trực tiếp thực hiện",
        "Danh mục thủ tục hành chính, thủ tục giải "
        "quyết công việc do {name} trực tiếp thực hiện; niêm yết thường xuyên.",
    ),
}
# Agency items (Art. 46), clause → (weight, titles, summary); {name} is the agency.
AGENCY_ITEMS = {
    1: (5, ["Phổ biến chính sách, pháp luật mới liên quan đến hoạt động năm {year}"],
        "{name} công khai chủ trương, chính sách, pháp luật liên quan năm {year}."),
    2: (12, ["Kế hoạch công tác quý {q} năm {year}", "Kế hoạch công tác năm {year}"],
        "Kế hoạch công tác của {name} năm {year}."),
    3: (12, ["Dự toán ngân sách được giao năm {year}", "Quyết toán ngân sách năm {prev}"],
        "Công khai dự toán, quyết toán ngân sách của {name} năm {year}."),
    4: (6, ["Mua sắm, thanh lý tài sản công năm {year}"], "Việc quản lý, sử dụng tài sản công của {name}."),
    5: (4, ["Kế hoạch đầu tư công năm {year}"], "Danh mục dự án và tiến độ giải ngân của {name} năm {year}."),
    6: (14, ["Kết quả tuyển dụng viên chức năm {year}", "Quyết định bổ nhiệm cán bộ quản lý năm {year}",
             "Danh sách nâng lương thường xuyên quý {q} năm {year}"],
        "Công tác tổ chức cán bộ của {name} năm {year}."),
    7: (5, ["Bản kê khai tài sản, thu nhập năm {prev}"], "Kê khai tài sản, thu nhập tại {name}."),
    8: (4, ["Kết quả giải quyết khiếu nại, tố cáo năm {year}"], "Kết quả thanh tra, giải quyết khiếu nại tại {name}."),
    9: (5, ["Quy chế chi tiêu nội bộ năm {year}", "Nội quy cơ quan năm {year}"],
        "Nội quy, quy chế của {name} năm {year}."),
    10: (3, ["Kết quả lấy ý kiến cán bộ, công chức về quy chế dân chủ năm {year}"],
         "Kết quả tổng hợp ý kiến của cán bộ, công chức, viên chức {name}."),
    11: (4, ["Văn bản chỉ đạo của cấp trên quý {q} năm {year}"], "Văn bản chỉ đạo, điều hành liên quan đến {name}."),
    12: (3, ["Thông báo nội bộ năm {year}"], "Nội dung khác theo quy chế dân chủ của {name}."),
}  # fmt: skip

COMMUNE_NUMBER_SUFFIXES = ["QĐ-UBND", "QĐ-UBND", "KH-UBND", "TB-UBND", "BC-UBND", "NQ-HĐND"]
AGENCY_NUMBER_SUFFIXES = ["QĐ", "QĐ", "KH", "TB", "BC"]

BODY_PARAGRAPHS = [
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022 và Nghị định số 59/2023/NĐ-CP "
    "ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật.",
    "Ủy ban nhân dân {name} thông báo để Nhân dân biết, theo dõi và giám sát việc thực hiện. Mọi ý kiến "
    "đóng góp xin gửi về bộ phận một cửa hoặc qua hòm thư góp ý đặt tại trụ sở.",
    "Nội dung được niêm yết tại trụ sở Ủy ban nhân dân và nhà văn hóa các thôn, tổ dân phố; đồng thời "
    "đăng trên trang thông tin điện tử và phát trên hệ thống truyền thanh.",
    "Trong thời gian niêm yết, công dân có quyền đặt câu hỏi, góp ý; Ủy ban nhân dân có trách nhiệm trả "
    "lời, giải trình theo quy định.",
    "Tổng kinh phí thực hiện được cân đối từ nguồn ngân sách cấp xã và nguồn huy động hợp pháp khác; chi "
    "tiết tại các biểu kèm theo.",
    "Trưởng thôn, Tổ trưởng tổ dân phố có trách nhiệm thông báo đến Nhân dân trên địa bàn và tổng hợp ý "
    "kiến phản ánh gửi về Ủy ban nhân dân trước ngày kết thúc niêm yết.",
]
QUESTIONS = [
    "Xin hỏi mức hỗ trợ cụ thể cho mỗi hộ là bao nhiêu và khi nào được nhận?",
    "Tôi thấy danh sách còn thiếu gia đình ông Nguyễn Văn Ba ở thôn 3, đề nghị xem xét lại.",
    "Kinh phí làm đường lấy từ nguồn nào, người dân có phải đóng góp không?",
    "Đề nghị công khai chi tiết từng hạng mục chi trong dự toán.",
    "Thời gian thi công dự kiến bao lâu, có ảnh hưởng đến việc đi lại của bà con không?",
    "Vì sao năm nay mức thu phí vệ sinh tăng so với năm trước?",
    "Đề nghị bổ sung danh sách hộ cận nghèo của tổ dân phố số 5.",
    "Xin cho biết thủ tục đăng ký và hồ sơ cần chuẩn bị.",
]
COMMENTS = [
    "Tôi đồng ý với kế hoạch, đề nghị sớm triển khai.",
    "Đề nghị niêm yết thêm tại nhà văn hóa thôn để bà con tiện theo dõi.",
    "Bản niêm yết chữ nhỏ, người cao tuổi khó đọc, đề nghị in to hơn.",
    "Cảm ơn Ủy ban đã công khai đầy đủ.",
]
ANSWERS = [
    "Ủy ban nhân dân xã đã tiếp thu, sẽ rà soát và thông báo kết quả tại kỳ họp tới.",
    "Mức hỗ trợ được ghi tại biểu số 2 kèm theo; thời gian chi trả dự kiến trong tháng tới.",
    "Kinh phí từ ngân sách cấp xã và nguồn hỗ trợ của tỉnh; người dân không phải đóng góp.",
    "Ý kiến đã được chuyển đến bộ phận chuyên môn để xem xét, giải quyết theo quy định.",
]
LATE_REASONS = [
    "Văn bản đến chậm do đường truyền gián đoạn.",
    "Công chức phụ trách nghỉ ốm, bàn giao chậm.",
    "Chờ bổ sung biểu mẫu kèm theo từ cơ quan cấp trên.",
]
WITHDRAWN_REASONS = [
    "Niêm yết nhầm văn bản dự thảo, sẽ niêm yết lại bản chính thức.",
    "Quyết định bị thu hồi theo văn bản của cơ quan cấp trên.",
]
HIDDEN_REASON = "Nội dung quảng cáo, không liên quan đến thông tin công khai."
VILLAGE_NAMES = [
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tân Lập", "Tân Phú", "An Bình", "Phú Lợi",
    "Đồng Tâm", "Hòa Bình", "Thắng Lợi", "Quyết Tiến", "Đoàn Kết",
]  # fmt: skip
PROVINCE_AGENCIES = [
    ("STC", "Sở Tài chính"), ("SNV", "Sở Nội vụ"), ("SYT", "Sở Y tế"), ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SXD", "Sở Xây dựng"), ("SNNMT", "Sở Nông nghiệp và Môi trường"), ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"), ("SCT", "Sở Công Thương"), ("STP", "Sở Tư pháp"),
    ("TTR", "Thanh tra"), ("VPUB", "Văn phòng Ủy ban nhân dân"), ("BVDK", "Bệnh viện Đa khoa"),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng"), ("TTHCC", "Trung tâm Phục vụ hành chính công"),
    ("CDYT", "Trường Cao đẳng Y tế"),
]  # fmt: skip
COMMUNE_AGENCIES = [
    ("THCS", "Trường Trung học cơ sở", "public_service"),
    ("TH", "Trường Tiểu học", "public_service"),
    ("MN", "Trường Mầm non", "public_service"),
    ("TYT", "Trạm Y tế", "public_service"),
    ("VP", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "state_agency"),
]
DOCUMENT_KINDS = [
    ("Quyet-dinh-{n}.pdf", "application/pdf"),
    ("Quyet-dinh-{n}.pdf", "application/pdf"),
    ("Bieu-chi-tiet-{n}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("Danh-sach-{n}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("Anh-niem-yet-{n}.jpg", "image/jpeg"),
]

# --- Consultations, decisions, recommendations, reports (issue 5) -------------------------------------
# Consultation titles; {name} is the commune (or village, agency) in running text, {year} a number.
CONSULTATION_TITLES = [
    "Dự thảo kế hoạch phát triển kinh tế - xã hội năm {year} của {name}",
    "Dự thảo quy hoạch khu dân cư mới {name}",
    "Dự thảo phương án thu hồi đất mở rộng đường liên thôn năm {year}",
    "Dự thảo đề án xây dựng nông thôn mới nâng cao {name} giai đoạn {year}",
    "Dự thảo kế hoạch sử dụng đất năm {year} của {name}",
    "Dự thảo quy chế thực hiện dân chủ ở {name}",
    "Dự thảo phương án đặt tên đường, công trình công cộng {name}",
]
AGENCY_CONSULTATION_TITLES = [
    "Dự thảo quy chế chi tiêu nội bộ năm {year} của {name}",
    "Dự thảo kế hoạch công tác năm {year} của {name}",
    "Dự thảo quy chế thi đua, khen thưởng của {name}",
    "Dự thảo nội quy cơ quan {name}",
]
CONSULTATION_COMMENTS = [
    "Đề nghị bổ sung kinh phí cho hạng mục thoát nước.",
    "Thống nhất với dự thảo.",
    "Đề nghị làm rõ thời gian thực hiện và nguồn kinh phí.",
    "Cần lấy thêm ý kiến của các hộ bị ảnh hưởng trực tiếp.",
    "Đề nghị giảm mức đóng góp đối với hộ nghèo, cận nghèo.",
    "Phương án chưa tính đến đường đi lại của học sinh.",
]
RESPONSES = [
    "Tiếp thu, đã chỉnh sửa tại dự thảo.",
    "Giải trình: nội dung này đã được quy định tại văn bản cấp trên.",
    "Tiếp thu một phần; phần còn lại sẽ xem xét ở giai đoạn sau.",
    "Ý kiến không thuộc phạm vi lấy ý kiến, đã chuyển bộ phận chuyên môn.",
]
DECISION_TITLES = [
    "Chủ trương làm đường bê tông nội thôn năm {year}",
    "Mức đóng góp xây dựng nhà văn hóa thôn năm {year}",
    "Hương ước, quy ước của thôn (sửa đổi năm {year})",
    "Bầu trưởng thôn nhiệm kỳ {year}",
    "Sử dụng quỹ đất công ích của thôn năm {year}",
    "Mức đóng góp quỹ an ninh trật tự năm {year}",
]
COMMUNE_DECISION_TITLES = [
    "Chủ trương đầu tư cầu dân sinh liên thôn năm {year}",
    "Quy ước chung về giữ gìn vệ sinh môi trường của {name}",
]
AGENCY_DECISION_TITLES = [
    "Quy chế chi tiêu nội bộ năm {year}",
    "Phương án sử dụng quỹ phúc lợi năm {year}",
    "Nội quy cơ quan (sửa đổi năm {year})",
]
RECOMMENDATION_SUBJECTS = [
    "Chậm công khai danh sách hộ được hỗ trợ",
    "Công trình đường liên thôn chậm tiến độ",
    "Thu các khoản đóng góp chưa đúng nghị quyết",
    "Chưa trả lời ý kiến của công dân đúng hạn",
    "Niêm yết thiếu biểu dự toán chi tiết",
]
REPORT_RESULTS = (
    "Đã công khai đầy đủ, đúng hạn các nội dung theo Điều 11; tổ chức lấy ý kiến Nhân dân đúng quy định."
)
REPORT_SHORTCOMINGS = (
    "Một số nội dung còn công khai chậm do thiếu nhân lực; việc trả lời ý kiến có lúc chưa kịp thời."
)
REPORT_PROPOSALS = "Đề nghị tỉnh tiếp tục tập huấn cho công chức phụ trách và hỗ trợ kinh phí trang thiết bị."
