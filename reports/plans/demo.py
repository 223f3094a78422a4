"""Two real plans for the demo: the implementation plan of Thị xã Sa Pa (Lào Cai, 2024; the seed's copy
leaves its number and day blank, so the demo gives it number 95 and 15/03/2024), and the 2026 plan
363/KH-UBND of Xã Bình Lư (Lai Châu). Tasks, lead and coordinating bodies and times as the documents
print them; each time rule as the portal reads it."""

SAPA_TITLE = "Triển khai thi hành Luật Thực hiện dân chủ ở cơ sở"
SAPA_BASES = (
    "Thực hiện Kế hoạch số 235/KH-UBND ngày 08/5/2023 của UBND tỉnh Lào Cai về việc triển khai thi hành Luật "
    "thực hiện dân chủ ở cơ sở; Nghị quyết số 51-NQ/HĐND ngày 08/12/2023 của HĐND tỉnh Lào Cai về các biện "
    "pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh; Chương trình số 485-CTr/BCĐ ngày 27/02/2024 "
    "của Ban Chỉ đạo thực hiện dân chủ Sa Pa về công tác thực hiện dân chủ ở cơ sở năm 2024. Để công tác "
    "triển khai thi hành Luật Thực hiện dân chủ ở cơ sở thống nhất, hiệu quả, UBND thị xã Sa Pa xây dựng Kế "
    "hoạch triển khai thực hiện như sau:"
)
SAPA_PURPOSE = """1. Mục đích:
- Xác định cụ thể nội dung công việc, thời hạn, tiến độ hoàn thành và trách nhiệm của các cơ quan, tổ chức có liên quan trong việc triển khai thi hành Luật, bảo đảm kịp thời, đồng bộ, thống nhất, hiệu lực, hiệu quả.
- Xác định trách nhiệm và cơ chế phối hợp giữa các cơ quan chuyên môn, đơn vị sự nghiệp thuộc Ủy ban nhân dân thị xã, các xã, phường trong việc tiến hành các hoạt động triển khai thi hành Luật trên địa bàn thị xã.
- Nâng cao nhận thức về Luật và trách nhiệm của các cấp, các ngành, Nhân dân và các xã, phường trong việc thi hành Luật.
2. Yêu cầu:
- Bảo đảm sự chỉ đạo thống nhất, phối hợp chặt chẽ, thường xuyên, hiệu quả giữa các cơ quan, đơn vị, các xã, phường và các cơ quan, tổ chức có liên quan trong việc triển khai thi hành Luật.
- Thường xuyên kiểm tra, đôn đốc, hướng dẫn, kịp thời giải quyết những khó khăn, vướng mắc trong quá trình tổ chức thực hiện triển khai Luật."""
SAPA_ORGANISATION = """1. Giao Phòng Nội vụ: tổng hợp, theo dõi, hướng dẫn, kiểm tra, đôn đốc các cơ quan chuyên môn thuộc Ủy ban nhân dân thị xã và Ủy ban nhân dân các xã, phường triển khai thực hiện nhiệm vụ được nêu trong Kế hoạch; báo cáo Chủ tịch Ủy ban nhân dân thị xã kết quả thực hiện Kế hoạch.
2. Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, phường: tổ chức triển khai thực hiện có hiệu quả Kế hoạch này; xây dựng kế hoạch chi tiết triển khai thi hành Luật trong phạm vi quản lý của cơ quan, đơn vị và địa phương mình. Hằng năm báo cáo kết quả thực hiện về UBND thị xã (qua Phòng Nội vụ) trước ngày 20/11 hoặc đột xuất.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thị xã, Liên đoàn Lao động thị xã: theo chức năng nhiệm vụ xây dựng Kế hoạch để triển khai thi hành Luật Thực hiện dân chủ ở cơ sở đảm bảo hiệu quả, thiết thực."""
SAPA_FUNDING = (
    "Kinh phí đảm bảo để triển khai thực hiện Kế hoạch được bố trí từ ngân sách Nhà nước theo phân cấp ngân "
    "sách Nhà nước hiện hành trong dự toán chi thường xuyên hằng năm và các nguồn khác theo quy định của pháp luật."
)
SAPA_RECIPIENTS = """Sở Nội vụ tỉnh Lào Cai (bc);
TT Thị ủy, HĐND, UBND thị xã;
Ban Dân vận Thị ủy;
UBMTTQVN thị xã;
LĐLĐ thị xã;
Các cơ quan chuyên môn, ĐVSN thuộc thị xã;
UBND các xã, phường;
Cổng thông tin điện tử thị xã;
Lưu: VT, NV."""
SAPA_SECTIONS = [
    ("II.1", "Tổ chức quán triệt, tuyên truyền, phổ biến và tập huấn Luật"),
    (
        "II.2",
        "Xây dựng văn bản triển khai thực hiện dân chủ ở cơ sở; xây dựng Quy chế thực hiện dân chủ ở cơ sở",
    ),
    ("II.3", "Tổ chức theo dõi, kiểm tra và báo cáo kết quả thi hành Luật"),
]
# code, section, heading, lead, coordinating text, communes coordinate?, time text, rule
SAPA_TASKS = [
    ("II.1.a", "II.1", "Tổ chức tuyên truyền Luật và các văn bản quy định chi tiết một số điều của Luật trên các phương tiện thông tin đại chúng",
     "Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - TT&TT, Cổng thông tin điện tử thị xã", "Phòng Nội vụ", True,
     "Thường xuyên", {"due_kind": "ongoing", "every_months": 6}),
    ("II.1.b", "II.1", "Tổ chức tập huấn chuyên sâu về Luật và các văn bản quy định chi tiết một số điều của Luật",
     "Phòng Nội vụ", "Phòng Tư pháp và các cơ quan, đơn vị có liên quan", False,
     "Năm 2024 và các năm tiếp theo", {"due_kind": "year", "due_year": 2024}),
    ("II.1.c", "II.1", "Bồi dưỡng, nâng cao năng lực chuyên môn, nghiệp vụ cho người được giao nhiệm vụ tổ chức thực hiện dân chủ ở cơ sở các cơ quan, đơn vị và các xã, phường",
     "Phòng Nội vụ", "Các cơ quan, đơn vị", True,
     "Năm 2024 và các năm tiếp theo", {"due_kind": "year", "due_year": 2024}),
    ("II.2.a", "II.2", "Triển khai thực hiện văn bản hướng dẫn một số điều của Luật thực hiện dân chủ ở cơ sở sau khi có hướng dẫn của cấp có thẩm quyền",
     "Phòng Nội vụ", "Ủy ban Mặt trận tổ quốc Việt Nam thị xã; Liên đoàn lao động thị xã; Thanh tra thị xã và các cơ quan có liên quan", False,
     "Khi có văn bản hướng dẫn của cấp có thẩm quyền", {"due_kind": "triggered", "trigger_days": 30}),
    ("II.2.b", "II.2", "Triển khai thực hiện hương ước, quy ước của cộng đồng dân cư tại địa phương sau khi có hướng dẫn của cấp có thẩm quyền",
     "Phòng Văn hóa và Thông tin", "Phòng Nội vụ, Phòng Tư pháp, Ủy ban Mặt trận tổ quốc Việt Nam thị xã và các cơ quan, đơn vị có liên quan", True,
     "Khi có văn bản hướng dẫn của cấp có thẩm quyền", {"due_kind": "triggered", "trigger_days": 30}),
    ("II.2.c", "II.2", "Triển khai thực hiện lập dự toán, quản lý, sử dụng và quyết toán kinh phí về thực hiện dân chủ ở cơ sở",
     "Phòng Tài chính - Kế hoạch", "Ủy ban Mặt trận tổ quốc Việt Nam thị xã, Liên đoàn Lao động thị xã, Phòng Nội vụ và các cơ quan có liên quan", False,
     "Khi có văn bản hướng dẫn của cấp có thẩm quyền", {"due_kind": "triggered", "trigger_days": 30}),
    ("II.2.d", "II.2", "Triển khai thực hiện dân chủ trong nội bộ các cơ quan của Quân đội nhân dân và Công an nhân dân",
     "Ban Chỉ huy Quân sự thị xã và Công an thị xã", "", False,
     "Khi có văn bản hướng dẫn của cấp có thẩm quyền", {"due_kind": "triggered", "trigger_days": 30}),
    ("II.2.đ", "II.2", "Xây dựng trình Hội đồng nhân dân các cấp ban hành Nghị quyết về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn",
     "Phòng Nội vụ, Công chức cấp xã làm công tác tham mưu quản lý Nhà nước về thực hiện dân chủ ở cơ sở", "Các cơ quan, đơn vị có liên quan", True,
     "Năm 2024", {"due_kind": "year", "due_year": 2024}),
    ("II.2.e", "II.2", "Ban hành Quy chế thực hiện dân chủ ở cơ sở",
     "Các phòng, ban chuyên môn và các cơ quan, đơn vị trực thuộc Ủy ban nhân dân thị xã; doanh nghiệp nhà nước; doanh nghiệp ngoài nhà nước trên địa bàn thị xã", "", True,
     "Quý I năm 2024", {"due_kind": "quarter", "due_year": 2024, "due_quarter": 1}),
    ("II.3", "II.3", "Tổ chức theo dõi, kiểm tra và báo cáo kết quả thi hành Luật",
     "Phòng Nội vụ", "Phòng Lao động Thương binh và Xã hội, Phòng Tư pháp, Ủy ban Mặt trận tổ quốc Việt Nam thị xã, Liên đoàn Lao động thị xã", True,
     "Định kỳ và khi có yêu cầu (báo cáo hằng năm trước ngày 20/11)", {"due_kind": "periodic", "periodic_days": "20/11"}),
]  # fmt: skip

BINHLU_TITLE = "Thực hiện dân chủ ở cơ sở năm 2026"
BINHLU_BASES = (
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022; Nghị định Số 59/2023/NĐ-CP ngày 14 tháng "
    "8 năm 2023 của Chính phủ về quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở; Nghị quyết số "
    "75/NQ-HĐND ngày 09 tháng 12 năm 2024 của HĐND tỉnh Lai Châu về quyết định các biện pháp bảo đảm thực hiện "
    "dân chủ ở cơ sở trên địa bàn tỉnh Lai Châu. Thực hiện Công văn số 709/UBND-TH UBND ngày 28/01/2026 của UBND "
    "tỉnh Lai Châu về việc triển khai xây dựng và thực hiện Quy chế dân chủ ở cơ sở năm 2026, UBND xã Bình Lư xây "
    "dựng Kế hoạch thực hiện dân chủ ở cơ sở năm 2026 như sau:"
)
BINHLU_PURPOSE = """1. Mục đích
Thực hiện Quy chế dân chủ trong hoạt động của cơ quan nhằm công khai minh bạch hoạt động của cơ quan; phát huy quyền làm chủ của cán bộ, công chức, viên chức và người lao động trong hoạt động của cơ quan.
Tăng cường sự lãnh đạo, chỉ đạo của chính quyền, sự phối hợp của Ủy ban MTTQ Việt Nam, các tổ chức chính trị - xã hội và Nhân dân; nâng cao trách nhiệm của người đứng đầu cơ quan trong quá trình triển khai, đảm bảo việc thực hiện QCDC ở cơ sở thiết thực, hiệu quả, tránh hình thức.
2. Yêu cầu
Nâng cao chất lượng và hiệu quả thực hiện dân chủ ở cơ sở, giải quyết kịp thời, có hiệu quả những bức xúc, kiến nghị chính đáng của Nhân dân; bảo đảm thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát và dân thụ hưởng”."""
BINHLU_ORGANISATION = """1. Các cơ quan, đơn vị thuộc UBND xã: căn cứ các nội dung của Kế hoạch này và tình hình thực tế tại cơ quan, đơn vị mình, chủ động xây dựng kế hoạch tổ chức triển khai thực hiện. Thực hiện tốt chế độ thông tin báo cáo định kỳ 06 tháng (trước ngày 05/5), 01 năm (trước ngày 05/11) hoặc đột xuất kết quả thực hiện về UBND xã (qua Phòng Văn hóa - Xã hội) để tổng hợp.
2. Phòng Văn hóa – Xã hội: tham mưu xây dựng kế hoạch triển khai thực hiện. Thực hiện tốt chế độ thông tin báo cáo định kỳ 06 tháng, 01 năm hoặc đột xuất của UBND xã gửi cơ quan cấp trên đảm bảo quy định.
3. Đề nghị Ủy Ban MTTQ, các tổ chức đoàn thể: tăng cường thực hiện tốt công tác phối hợp tuyên truyền, giám sát quá trình tổ chức thực hiện."""
BINHLU_RECIPIENTS = """Sở Nội vụ;
TT: Đảng ủy, HĐND xã;
Lãnh đạo UBND xã;
Cơ quan, đơn vị thuộc xã;
Lưu: VT, VHXH."""
BINHLU_SECTIONS = [
    ("II.1", "Công tác lãnh đạo, chỉ đạo"),
    ("II.2", "Công tác tuyên truyền, phổ biến pháp luật về QCDC"),
    ("II.3", "Công tác triển khai thực hiện QCDC"),
    ("III", "Tổ chức thực hiện"),
]
BINHLU_TASKS = [
    ("II.1.a", "II.1", "Chủ động xây dựng và ban hành các kế hoạch, chương trình công tác triển khai thực hiện các quy định của pháp luật về thực hiện dân chủ ở cơ sở; phân công rõ trách nhiệm",
     "Lãnh đạo UBND xã", "Các cơ quan, đơn vị thuộc UBND xã", False, "Quý I năm 2026", {"due_kind": "quarter", "due_year": 2026, "due_quarter": 1}),
    ("II.1.b", "II.1", "Rà soát, bổ sung, hoàn thiện các quy chế, quy định nội bộ của cơ quan (Quy chế làm việc, chi tiêu nội bộ, quản lý tài sản công, tiếp công dân, phối hợp công tác)",
     "Văn phòng HĐND và UBND xã", "Các cơ quan, đơn vị thuộc UBND xã", False, "Thường xuyên", {"due_kind": "ongoing", "every_months": 6}),
    ("II.2.a", "II.2", "Tổ chức quán triệt đến toàn thể cán bộ, công chức, người lao động các quy định của pháp luật về thực hiện dân chủ ở cơ sở",
     "Phòng Văn hóa – Xã hội", "Ủy ban MTTQ Việt Nam xã, các đoàn thể", False, "Năm 2026", {"due_kind": "year", "due_year": 2026}),
    ("II.2.b", "II.2", "Tuyên truyền qua hội nghị, loa truyền thanh, bảng tin của xã và các thôn, bản, trang thông tin điện tử",
     "Phòng Văn hóa – Xã hội", "Ủy ban MTTQ Việt Nam xã, các đoàn thể", False, "Thường xuyên", {"due_kind": "ongoing", "every_months": 3}),
    ("II.3.a", "II.3", "Thực hiện công khai, minh bạch kế hoạch công tác năm, dự toán và quyết toán ngân sách, thu chi, thi đua khen thưởng, tuyển dụng, chế độ chính sách",
     "Văn phòng HĐND và UBND xã", "Các cơ quan, đơn vị thuộc UBND xã", False, "Thường xuyên", {"due_kind": "ongoing", "every_months": 6}),
    ("II.3.b", "II.3", "Định kỳ tổ chức sơ kết, tổng kết, đánh giá kết quả thực hiện Quy chế dân chủ ở cơ sở",
     "Phòng Văn hóa – Xã hội", "Các cơ quan, đơn vị thuộc UBND xã", False, "Tháng 12 năm 2026", {"due_kind": "month", "due_year": 2026, "due_month": 12}),
    ("III.1", "III", "Báo cáo định kỳ 06 tháng, 01 năm kết quả thực hiện về UBND xã (qua Phòng Văn hóa - Xã hội)",
     "Các cơ quan, đơn vị thuộc UBND xã", "Phòng Văn hóa – Xã hội", False, "Trước ngày 05/5 và trước ngày 05/11", {"due_kind": "periodic", "periodic_days": "05/05, 05/11"}),
    ("III.2", "III", "Tham mưu xây dựng kế hoạch triển khai thực hiện; báo cáo định kỳ 06 tháng, 01 năm của UBND xã gửi cơ quan cấp trên",
     "Phòng Văn hóa – Xã hội", "", False, "Năm 2026", {"due_kind": "year", "due_year": 2026}),
]  # fmt: skip
