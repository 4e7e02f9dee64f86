# The public side of the portal, in Vietnamese. Every other language has the
# same message ids with the same variables ({ $name }) in locales/<lang>/.
# Plain text only: no HTML. Where a sentence holds a link or bold text, the
# template passes it in as a variable.

## Every page

site-name = Ban Dân quyền
skip-link = Chuyển đến nội dung chính
banner-label = Trang mạng chính thức của chính phủ Hoa Kỳ
banner-text = Một trang mạng chính thức của chính phủ Hoa Kỳ
header-home = Trang chủ
header-logo = Bộ Tư pháp Hoa Kỳ · Ban Dân quyền
# { $link } is a link to tips.fbi.gov.
footer-danger = Nếu quý vị đang gặp nguy hiểm ngay lúc này, hãy gọi 911. Để báo cáo tội phạm thù ghét hoặc nạn buôn người, quý vị cũng có thể liên lạc với FBI tại { $link }.
language-menu-label = Ngôn ngữ

## Landing page

landing-title = Liên lạc với Ban Dân quyền
landing-heading = Liên lạc với Ban Dân quyền
landing-intro = Ban Dân quyền bảo vệ quyền của mọi người tại Hoa Kỳ. Quý vị có thể báo cáo hành vi vi phạm dân quyền tại đây: việc này mất khoảng 15 phút, và quý vị không cần có tài khoản.
landing-danger = Nếu quý vị đang gặp nguy hiểm ngay lúc này, hãy gọi 911. Để báo cáo tội phạm thù ghét hoặc nạn buôn người, quý vị cũng có thể liên lạc với FBI tại tips.fbi.gov.
landing-what-you-can-report = Những điều quý vị có thể báo cáo
landing-start = Bắt đầu báo cáo

## The form: progress bar and buttons

progress-label = Tiến độ
progress-completed = đã hoàn thành
progress-not-completed = chưa hoàn thành
progress-step = Bước
# After the number of the current stage: "of 7".
progress-of-total = trong số { $total } bước
button-next = Tiếp theo
button-back = Quay lại
button-submit = Gửi báo cáo
required-mark = bắt buộc
select-placeholder = - Chọn -
# Shown under the description while typing (needs JavaScript).
word-count = Đã viết { $count } trên tối đa { $limit } từ
error-summary-heading = Xin quý vị sửa những điểm sau
limit-heading = Xin quý vị thử lại sau
limit-reports-from-address = Trong một giờ qua, đã có nhiều báo cáo được gửi từ mạng của quý vị, vì vậy lúc này chúng tôi chưa thể nhận thêm báo cáo. Các câu trả lời của quý vị đã được lưu. Xin quý vị quay lại trang này sau một giờ và bấm lại nút "Gửi báo cáo".
limit-drafts-from-address = Trong một giờ qua, đã có nhiều báo cáo được bắt đầu từ mạng của quý vị, vì vậy lúc này chúng tôi chưa thể bắt đầu thêm một báo cáo nữa. Những gì quý vị đã nhập vẫn còn trên trang này nhưng chưa được lưu: xin quý vị để trang này mở và bấm lại nút "Tiếp theo" sau (giới hạn này tính trong một giờ vừa qua).
unsaved-step = Lúc này chúng tôi chưa lưu được trang này. Những gì quý vị đã nhập vẫn còn ở bên dưới: xin quý vị bấm lại nút sau vài phút.
challenge-label = Xác nhận quý vị là người thật
challenge-needs-javascript = Bước xác nhận này cần bật JavaScript trong trình duyệt của quý vị.

## The form: stages of the progress bar

stage-contact = Liên lạc
stage-primary-concern = Vấn đề chính
stage-location = Địa điểm
stage-personal-characteristics = Đặc điểm cá nhân
stage-date = Ngày
stage-personal-description = Mô tả của quý vị
stage-review = Xem lại

## The form: page titles of the steps

step-contact = Thông tin liên lạc
step-primary-concern = Vấn đề chính
step-location = Chi tiết về địa điểm
step-witness = Vai trò của quý vị
step-personal-characteristics = Đặc điểm cá nhân
step-date = Ngày xảy ra
step-description = Mô tả của quý vị
step-review = Xem lại báo cáo của quý vị

## The form: what each step says before its questions

intro-contact = Nếu quý vị thấy thoải mái, xin cho chúng tôi biết cách liên lạc với quý vị. Thông tin liên lạc không bắt buộc, nhưng nếu không có thông tin này, có thể chúng tôi sẽ không liên lạc lại được với quý vị.
intro-primary-concern = Câu trả lời của quý vị giúp chúng tôi chuyển báo cáo của quý vị đến đúng nhóm phụ trách.
intro-location = Xin cho chúng tôi biết việc này đã xảy ra ở đâu. Nếu quý vị không chắc chắn về một câu trả lời, xin ghi càng nhiều càng tốt những gì quý vị biết.
intro-witness = Câu hỏi này giúp chúng tôi hiểu những gì quý vị đã thấy hoặc đã trải qua. Quý vị có thể bỏ qua câu hỏi này.
intro-personal-characteristics = Các luật dân quyền liên bang bảo vệ mọi người khỏi bị đối xử khác biệt vì một số đặc điểm cá nhân nhất định.
intro-date = Việc này đã xảy ra khi nào? Nếu việc này vẫn đang tiếp diễn hoặc đã xảy ra nhiều lần, xin ghi ngày gần đây nhất.
intro-description = Xin đừng ghi số An sinh Xã hội hoặc các con số nhạy cảm khác.
intro-review = Xin quý vị kiểm tra lại các câu trả lời trước khi gửi. Bấm "Thay đổi" để sửa một câu trả lời.
review-change = Thay đổi
review-not-provided = Không cung cấp

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = Tên
field-contact_last_name = Họ
field-contact_email = Địa chỉ email
field-contact_phone = Số điện thoại
field-contact_phone-hint = Nếu là số điện thoại quốc tế, xin ghi cả mã quốc gia.
field-contact_address_line_1 = Địa chỉ (số nhà và tên đường)
field-contact_address_line_2 = Địa chỉ, dòng 2
field-contact_city = Thành phố
field-contact_state = Tiểu bang
field-contact_zip = Mã ZIP
field-servicemember = Quý vị hiện là hoặc đã từng là quân nhân tại ngũ không?
field-primary_complaint = Lý do chính khiến quý vị liên lạc với Ban Dân quyền là gì?
field-primary_complaint-hint = Xin chọn mục mô tả đúng nhất điều đã xảy ra. Quý vị có thể mô tả thêm ở phần sau.
field-location_name = Tên của tổ chức
field-location_address_line_1 = Địa chỉ (số nhà và tên đường)
field-location_address_line_2 = Địa chỉ, dòng 2
field-location_city_town = Thành phố hoặc thị trấn
field-location_state = Tiểu bang
field-location_zipcode = Mã ZIP
field-public_or_private_employer = Chủ lao động này thuộc khu vực công hay tư nhân?
field-public_or_private_employer-hint = Chủ lao động thuộc khu vực công là các cơ quan, văn phòng và trường học của chính quyền.
field-employer_size = Chủ lao động này có bao nhiêu nhân viên?
field-inside_correctional_facility = Việc này có xảy ra khi đang ở trong nhà tù, trại tạm giam hoặc cơ sở cải huấn khác không?
field-correctional_facility_type = Đó là loại cơ sở cải huấn nào?
field-correctional_facility_type-hint = Chỉ trả lời nếu việc này xảy ra bên trong một cơ sở cải huấn.
field-commercial_or_public_place = Đây là loại địa điểm nào?
field-other_commercial_or_public_place = Nếu quý vị chọn "Khác", đó là loại địa điểm nào?
field-public_or_private_school = Việc này có xảy ra tại một trường học hoặc chương trình giáo dục công lập hay tư thục không?
field-witness = Quý vị là người bị hại, hay quý vị đã chứng kiến việc này xảy ra với người khác?
field-witness-hint = Không bắt buộc.
field-election_details = Việc này liên quan đến loại bầu cử hoặc hoạt động bỏ phiếu nào?
field-election_details-hint = Không bắt buộc.
field-protected_class = Quý vị có nghĩ rằng có đặc điểm cá nhân nào dưới đây là lý do khiến quý vị bị đối xử như vậy không?
field-protected_class-hint = Chọn tất cả các mục phù hợp.
field-other_class = Nếu quý vị chọn "Lý do khác", xin giải thích
field-last_incident_month = Tháng
field-last_incident_day = Ngày
field-last_incident_day-hint = Không bắt buộc.
field-last_incident_year = Năm
field-violation_summary = Xin dùng lời của chính quý vị để mô tả điều đã xảy ra
field-violation_summary-hint = Xin ghi rõ những ai có liên quan, họ đã làm gì, việc xảy ra ở đâu và khi nào. Tối đa 500 từ.

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = Có
option-servicemember-no = Không
option-primary_complaint-workplace = Bị phân biệt đối xử tại nơi làm việc, hoặc có vấn đề khác liên quan đến việc làm
option-primary_complaint-housing = Bị phân biệt đối xử hoặc bị quấy rối về nhà ở
option-primary_complaint-education = Bị phân biệt đối xử tại trường học, trong chương trình hoặc dịch vụ giáo dục, hoặc liên quan đến việc được đi học
option-primary_complaint-police = Bị cảnh sát, nhân viên trại giam hoặc tù nhân ngược đãi
option-primary_complaint-voting = Quyền bầu cử hoặc khả năng đi bỏ phiếu bị ảnh hưởng
option-primary_complaint-commercial_or_public = Bị phân biệt đối xử tại một cơ sở kinh doanh hoặc nơi công cộng
option-primary_complaint-something_else = Một việc khác đã xảy ra
option-public_or_private_employer-public_employer = Chủ lao động thuộc khu vực công
option-public_or_private_employer-private_employer = Chủ lao động tư nhân
option-public_or_private_employer-not_sure = Tôi không chắc
option-employer_size-14_or_less = Dưới 15 nhân viên
option-employer_size-15_or_more = Từ 15 nhân viên trở lên
option-employer_size-not_sure = Tôi không chắc
option-inside_correctional_facility-inside = Có
option-inside_correctional_facility-outside = Không
option-correctional_facility_type-state_local = Tiểu bang hoặc địa phương
option-correctional_facility_type-federal = Liên bang
option-correctional_facility_type-private = Tư nhân
option-correctional_facility_type-not_sure = Tôi không chắc
option-commercial_or_public_place-place_of_worship = Nơi thờ phượng, hoặc việc liên quan đến một nơi thờ phượng
option-commercial_or_public_place-store = Cửa hàng, nhà hàng, quán bar, khách sạn hoặc rạp hát
option-commercial_or_public_place-healthcare = Cơ sở y tế như bệnh viện hoặc phòng khám
option-commercial_or_public_place-financial = Ngân hàng hoặc tổ chức tài chính khác
option-commercial_or_public_place-public_space = Nơi công cộng như công viên, đường phố hoặc tòa nhà của chính quyền
option-commercial_or_public_place-other = Khác
option-public_or_private_school-public = Trường học hoặc chương trình giáo dục công lập
option-public_or_private_school-private = Trường học hoặc chương trình giáo dục tư thục
option-public_or_private_school-not_sure = Tôi không chắc
option-election_details-federal = Bầu cử liên bang (tổng thống hoặc quốc hội)
option-election_details-state_local = Bầu cử tiểu bang hoặc địa phương (thống đốc, thị trưởng, hội đồng học khu)
option-election_details-both = Cả liên bang lẫn tiểu bang/địa phương
option-election_details-unknown = Tôi không chắc
option-witness-harmed = Tôi là người bị hại
option-witness-witness = Tôi đã chứng kiến việc này xảy ra với người khác
# The month list of the date step.
month-1 = 01 - Tháng Một
month-2 = 02 - Tháng Hai
month-3 = 03 - Tháng Ba
month-4 = 04 - Tháng Tư
month-5 = 05 - Tháng Năm
month-6 = 06 - Tháng Sáu
month-7 = 07 - Tháng Bảy
month-8 = 08 - Tháng Tám
month-9 = 09 - Tháng Chín
month-10 = 10 - Tháng Mười
month-11 = 11 - Tháng Mười Một
month-12 = 12 - Tháng Mười Hai

## The form: problems with an answer

error-missing-servicemember = Xin cho biết quý vị hiện là hoặc đã từng là quân nhân tại ngũ hay không.
error-missing-primary_complaint = Xin chọn một lý do chính để tiếp tục.
error-missing-location_name = Xin nhập tên của nơi đã xảy ra việc này.
error-missing-location_city_town = Xin nhập thành phố hoặc thị trấn nơi đã xảy ra việc này.
error-missing-location_state = Xin chọn tiểu bang nơi đã xảy ra việc này.
error-missing-public_or_private_employer = Xin chọn loại chủ lao động.
error-missing-employer_size = Xin chọn số nhân viên của chủ lao động này.
error-missing-commercial_or_public_place = Xin chọn loại địa điểm. Nếu không có mục nào phù hợp với trường hợp của quý vị, xin chọn "Khác".
error-missing-inside_correctional_facility = Xin chọn nơi đã xảy ra việc này
error-missing-correctional_facility_type = Xin chọn loại địa điểm
error-missing-public_or_private_school = Xin chọn loại trường học hoặc chương trình giáo dục.
error-missing-protected_class = Xin chọn ít nhất một mục để tiếp tục. Nếu trường hợp của quý vị không thuộc mục nào trong danh sách, xin chọn "Không có mục nào phù hợp với tôi" hoặc "Lý do khác" và giải thích.
error-missing-last_incident_month = Xin nhập tháng.
error-missing-last_incident_year = Xin nhập năm.
error-missing-violation_summary = Xin viết phần mô tả để tiếp tục
error-month-invalid = Xin nhập một tháng hợp lệ. Tháng phải từ 1 đến 12.
error-year-invalid = Xin nhập một năm sau năm 1900.
error-day-invalid = Xin nhập một ngày hợp lệ trong tháng. Ngày phải từ 1 đến ngày cuối cùng của tháng.
error-date-future = Ngày không được là một ngày trong tương lai.
error-email-invalid = Xin nhập một địa chỉ email hợp lệ.
error-phone-invalid = Nếu quý vị ghi số điện thoại, xin bảo đảm số đó có từ 7 đến 15 chữ số. Quý vị có thể dùng các ký tự "+", ")", "(", "-" và ".". Nếu nhập số điện thoại quốc tế, xin ghi cả mã quốc gia.
error-state-invalid = Xin chọn một tiểu bang hoặc lãnh thổ hợp lệ.
error-zip-invalid = Xin nhập một mã ZIP hợp lệ.
error-too-long = Xin bảo đảm nội dung này có tối đa { $max } ký tự (hiện có { $count } ký tự).
error-not-a-choice = Xin chọn một lựa chọn hợp lệ. { $value } không phải là một trong các lựa chọn có sẵn.
error-too-many-words = Xin rút ngắn phần mô tả của quý vị xuống còn tối đa { $max } từ (hiện có { $count } từ).
error-challenge-missing = Xin hoàn tất bước xác nhận quý vị là người thật, ngay phía trên nút "Tiếp theo".
error-challenge-failed = Bước xác nhận quý vị là người thật chưa thành công. Xin thử lại, ngay phía trên nút "Tiếp theo".
error-challenge-unavailable = Lúc này chúng tôi chưa thể thực hiện bước xác nhận quý vị là người thật. Các câu trả lời của quý vị đã được lưu; xin thử lại sau một phút.

## Confirmation

confirmation-title = Quý vị đã gửi báo cáo thành công
confirmation-heading = Quý vị đã gửi báo cáo thành công
# { $record } is the record number, in bold.
confirmation-record-number = Đây là số hồ sơ của quý vị: { $record }. Xin giữ lại số này: quý vị sẽ cần đến số này nếu liên lạc với chúng tôi về báo cáo này.
confirmation-next = Các bước tiếp theo
confirmation-review-heading = Chúng tôi xem xét báo cáo của quý vị
confirmation-review = Các chuyên viên của chúng tôi đọc mọi báo cáo và quyết định nhóm nào trong Ban Dân quyền nên xem xét báo cáo đó.
confirmation-contact-heading = Chúng tôi có thể liên lạc với quý vị
confirmation-contact = Nếu quý vị đã cung cấp địa chỉ email, chúng tôi đã gửi cho quý vị một email xác nhận (trừ khi hôm nay chúng tôi đã gửi nhiều email đến địa chỉ đó). Chúng tôi có thể liên lạc với quý vị để hỏi thêm thông tin.
confirmation-cant-help-heading = Nếu chúng tôi không thể giúp
confirmation-cant-help = Chúng tôi có thể giới thiệu quý vị đến một cơ quan hoặc tổ chức khác có thể giúp quý vị.
confirmation-print = In trang này
confirmation-danger = Nếu quý vị đang gặp nguy hiểm ngay lúc này, hãy gọi 911.
confirmation-home = Quay về trang chủ

## Pages the form may show instead of a step

maintenance-title = Đang bảo trì
maintenance-heading = Mẫu đơn báo cáo đang tạm ngưng để bảo trì
maintenance-text = Mẫu đơn báo cáo đang tạm ngưng để bảo trì. Xin quý vị quay lại sau vài giờ để gửi báo cáo của mình.
maintenance-danger = Nếu quý vị đang gặp nguy hiểm ngay lúc này, hãy gọi 911.
refreshed-title = Mẫu đơn này đã được tải lại
refreshed-heading = Mẫu đơn này đã được tải lại
refreshed-text = Có vẻ như trang này đã được gửi hai lần, hoặc đã được mở trong một thẻ hay cửa sổ khác. Những gì quý vị đã nhập trước đó không bị mất.
refreshed-continue = Tiếp tục báo cáo của quý vị

## Error pages

error-page-status = Lỗi { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home } hoặc { $form }.
error-page-home-link = Đi đến trang chủ
error-page-form-link = mẫu đơn báo cáo
error-400-title = Yêu cầu không hợp lệ
error-400-text = Chúng tôi không đọc được những gì trình duyệt của quý vị đã gửi. Xin quay lại và thử lại.
error-403-title = Mẫu đơn này đã hết hạn
error-403-text = Vì sự an toàn của quý vị, trang này không thể nhận những gì đã được gửi. Xin quay lại mẫu đơn báo cáo và thử lại; các câu trả lời quý vị đã điền cho đến nay vẫn được giữ lại.
error-404-title = Không tìm thấy trang
error-404-text = Chúng tôi không tìm thấy trang quý vị đang tìm. Xin kiểm tra lại địa chỉ, hoặc bắt đầu từ trang chủ.
error-405-title = Không tìm thấy trang
error-405-text = Địa chỉ này không nhận loại yêu cầu đó.
error-413-title = Quá nhiều nội dung để gửi cùng lúc
error-413-text = Những gì quý vị gửi lớn hơn mức mẫu đơn có thể nhận. Xin rút ngắn các câu trả lời và thử lại.
error-415-title = Yêu cầu không hợp lệ
error-415-text = Mẫu đơn phải được gửi bằng trình duyệt web.
error-422-title = Mẫu đơn này đã được tải lại
error-422-text = Trang này đã được gửi rồi. Xin tiếp tục từ chỗ quý vị đã dừng lại.
error-429-title = Quá nhiều yêu cầu
error-429-text = Có quá nhiều yêu cầu từ mạng của quý vị trong một thời gian ngắn. Xin chờ vài phút rồi thử lại.
error-503-title = Tạm thời không sử dụng được
error-503-text = Dịch vụ này tạm thời không sử dụng được. Những gì quý vị đã gửi trước đó không bị mất. Xin thử lại sau vài phút.
error-500-title = Đã xảy ra sự cố
error-500-text = Đã xảy ra sự cố từ phía chúng tôi. Những gì quý vị đã gửi trước đó không bị mất. Xin thử lại sau vài phút.
error-staff-only = Trang này dành cho nhân viên của Ban Dân quyền: xin đăng nhập trước.

## Unsubscribing from e-mail

unsubscribe-title = Email về báo cáo của quý vị
unsubscribe-heading = Email về báo cáo của quý vị
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = Quý vị có muốn ngừng nhận email từ Ban Dân quyền tại địa chỉ { $address } không?
unsubscribe-explain = Chúng tôi sẽ không gửi thêm email về các báo cáo của quý vị đến địa chỉ này nữa. Các báo cáo của quý vị vẫn được lưu trong hồ sơ và chúng tôi sẽ tiếp tục xem xét; nếu cần liên lạc với quý vị, chúng tôi có thể dùng thông tin liên lạc khác mà quý vị đã cung cấp.
unsubscribe-button = Ngừng gửi email đến địa chỉ này
unsubscribe-done = Chúng tôi sẽ không gửi thêm email đến { $address } nữa.
unsubscribe-mistake = Nếu đây là nhầm lẫn, xin nộp một báo cáo mới và cho chúng tôi biết quý vị muốn nhận email trở lại.
unsubscribe-invalid = Đường dẫn này không hợp lệ. Có thể đường dẫn đã không được sao chép đầy đủ từ email.
unsubscribe-invalid-help = Xin mở lại đường dẫn từ email chúng tôi đã gửi cho quý vị, hoặc sao chép toàn bộ đường dẫn vào trình duyệt.

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
letter-addressee-named = Kính gửi Ông/Bà { $name }
letter-addressee-anonymous = Kính gửi quý vị đã gửi báo cáo
# A date in a letter; { $month } is the number 1 to 12. Vietnamese writes
# dates with numbers, so there is no select.
letter-date = ngày { $day } tháng { $month } năm { $year }
# The letterhead at the top of every letter.
letter-head-department = Bộ Tư pháp Hoa Kỳ
letter-head-division = Ban Dân quyền
letter-footer-about = Thư này liên quan đến báo cáo số { $record }. Xin đừng trả lời email này; chúng tôi không theo dõi các thư trả lời.
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = Nếu quý vị không muốn nhận thêm email về báo cáo của mình, xin { $link }.
letter-footer-unsubscribe-link = hủy đăng ký
