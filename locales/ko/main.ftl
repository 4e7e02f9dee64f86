# The public side of the portal, in Korean (한국어). Every language has the
# same message ids with the same variables ({ $name }) as locales/en/.
# Plain text only: no HTML. Where a sentence holds a link or bold text, the
# template passes it in as a variable.

## Every page

site-name = 민권국
skip-link = 본문으로 바로 가기
banner-label = 미국 정부 공식 웹사이트
banner-text = 미국 정부의 공식 웹사이트입니다
header-home = 홈
header-logo = 미국 법무부 · 민권국
# { $link } is a link to tips.fbi.gov.
footer-danger = 지금 바로 위험에 처해 있다면 911에 전화하십시오. 증오 범죄나 인신매매를 신고하시려면 FBI({ $link })에도 연락하실 수 있습니다.
language-menu-label = 언어

## Landing page

landing-title = 민권국에 연락하기
landing-heading = 민권국에 연락하기
landing-intro = 미국 법무부 민권국은 미국에 있는 모든 사람의 권리를 보호합니다. 민권 침해를 여기에서 신고하십시오. 약 15분이 걸리며, 계정은 필요하지 않습니다.
landing-danger = 지금 바로 위험에 처해 있다면 911에 전화하십시오. 증오 범죄나 인신매매를 신고하시려면 FBI(tips.fbi.gov)에도 연락하실 수 있습니다.
landing-what-you-can-report = 신고할 수 있는 일
landing-start = 신고 시작하기

## The form: progress bar and buttons

progress-label = 진행 상황
progress-completed = 완료됨
progress-not-completed = 완료되지 않음
# Read as "제 3 단계(총 7단계)": "Step 3 (of 7 steps in all)".
progress-step = 제
# After the number of the current stage: "of 7".
progress-of-total = 단계(총 { $total }단계)
button-next = 다음
button-back = 이전
button-submit = 신고 제출
required-mark = 필수
select-placeholder = - 선택하십시오 -
# Shown under the description while typing (needs JavaScript).
word-count = { $limit }단어 중 { $count }단어
error-summary-heading = 다음 내용을 고쳐 주십시오
limit-heading = 나중에 다시 시도해 주십시오
limit-reports-from-address = 지난 1시간 동안 귀하의 네트워크에서 많은 신고가 제출되어, 지금은 신고를 더 받을 수 없습니다. 귀하의 답변은 저장되어 있습니다. 1시간 뒤에 이 페이지로 다시 오셔서 "신고 제출"을 다시 선택해 주십시오.
limit-drafts-from-address = 지난 1시간 동안 귀하의 네트워크에서 많은 신고가 시작되어, 지금은 새 신고를 시작할 수 없습니다. 입력하신 내용은 아직 이 페이지에 있지만 저장되지는 않았습니다. 이 페이지를 열어 두신 채로 나중에 "다음"을 다시 선택해 주십시오(제한은 지난 1시간을 기준으로 합니다).
unsaved-step = 지금은 이 페이지를 저장하지 못했습니다. 입력하신 내용은 아래에 그대로 있습니다. 몇 분 뒤에 버튼을 다시 눌러 주십시오.
challenge-label = 사람인지 확인하기
challenge-needs-javascript = 이 확인을 하려면 브라우저에서 JavaScript를 켜야 합니다.

## The form: stages of the progress bar

stage-contact = 연락처
stage-primary-concern = 주요 문제
stage-location = 장소
stage-personal-characteristics = 개인적 특성
stage-date = 날짜
stage-personal-description = 상황 설명
stage-review = 검토

## The form: page titles of the steps

step-contact = 연락처
step-primary-concern = 주요 문제
step-location = 장소 정보
step-witness = 귀하의 역할
step-personal-characteristics = 개인적 특성
step-date = 날짜
step-description = 상황 설명
step-review = 신고 내용 검토

## The form: what each step says before its questions

intro-contact = 괜찮으시다면 귀하께 연락할 방법을 알려 주십시오. 연락처 정보는 선택 사항이지만, 연락처가 없으면 저희가 나중에 귀하께 연락을 드리지 못할 수도 있습니다.
intro-primary-concern = 귀하의 답변은 귀하의 신고를 알맞은 담당 팀에 보내는 데 도움이 됩니다.
intro-location = 이 일이 어디에서 일어났는지 알려 주십시오. 잘 모르는 답이 있으면, 아시는 만큼만 적어 주십시오.
intro-witness = 이 질문은 귀하가 무엇을 보았거나 겪었는지 저희가 이해하는 데 도움이 됩니다. 이 질문은 건너뛰셔도 됩니다.
intro-personal-characteristics = 연방 민권법은 특정한 개인적 특성 때문에 사람들이 다르게 대우받지 않도록 보호합니다.
intro-date = 이 일은 언제 일어났습니까? 아직 계속되고 있거나 여러 번 일어났다면, 가장 최근 날짜를 적어 주십시오.
intro-description = 사회보장번호(Social Security number)나 그 밖의 민감한 번호는 적지 마십시오.
intro-review = 제출하기 전에 답변을 확인하십시오. 답변을 고치려면 "수정"을 누르십시오.
review-change = 수정
review-not-provided = 입력하지 않음

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = 이름
field-contact_last_name = 성
field-contact_email = 이메일 주소
field-contact_phone = 전화번호
field-contact_phone-hint = 외국 전화번호는 국가 번호를 함께 적어 주십시오.
field-contact_address_line_1 = 주소(거리 이름과 번지)
field-contact_address_line_2 = 주소 2번째 줄(아파트 호수 등)
field-contact_city = 도시
field-contact_state = 주
field-contact_zip = ZIP 코드(우편번호)
field-servicemember = 귀하는 현재 현역 군인이거나, 예전에 현역 군인으로 복무한 적이 있습니까?
field-primary_complaint = 민권국에 연락하시는 주된 이유는 무엇입니까?
field-primary_complaint-hint = 일어난 일을 가장 잘 설명하는 것 하나를 고르십시오. 자세한 내용은 나중에 더 설명하실 수 있습니다.
field-location_name = 기관, 단체 또는 업체 이름
field-location_address_line_1 = 주소(거리 이름과 번지)
field-location_address_line_2 = 주소 2번째 줄
field-location_city_town = 도시 또는 마을
field-location_state = 주
field-location_zipcode = ZIP 코드(우편번호)
field-public_or_private_employer = 공공 고용주였습니까, 민간 고용주였습니까?
field-public_or_private_employer-hint = 공공 고용주는 정부 기관, 관공서, 공립 학교 등입니다.
field-employer_size = 이 고용주의 직원은 몇 명입니까?
field-inside_correctional_facility = 이 일은 교도소, 구치소 또는 그 밖의 교정 시설에 있는 동안 일어났습니까?
field-correctional_facility_type = 어떤 종류의 교정 시설이었습니까?
field-correctional_facility_type-hint = 교정 시설 안에서 일어난 경우에만 답하십시오.
field-commercial_or_public_place = 어떤 종류의 장소였습니까?
field-other_commercial_or_public_place = "기타"를 고르셨다면, 어떤 종류의 장소였습니까?
field-public_or_private_school = 이 일은 공립 또는 사립 학교나 교육 프로그램에서 일어났습니까?
field-witness = 귀하가 피해를 입은 사람입니까, 아니면 다른 사람에게 일어난 일을 보셨습니까?
field-witness-hint = 선택 사항입니다.
field-election_details = 어떤 종류의 선거나 투표 활동과 관련된 일이었습니까?
field-election_details-hint = 선택 사항입니다.
field-protected_class = 이 중에서 귀하가 이런 대우를 받은 이유에 영향을 준 개인적 특성이 있다고 생각하십니까?
field-protected_class-hint = 해당하는 것을 모두 고르십시오.
field-other_class = "기타 이유"를 고르셨다면 설명해 주십시오
field-last_incident_month = 월
field-last_incident_day = 일
field-last_incident_day-hint = 선택 사항입니다.
field-last_incident_year = 연도
field-violation_summary = 무슨 일이 있었는지 귀하의 말로 설명해 주십시오
field-violation_summary-hint = 누가 관련되었는지, 그 사람들이 무엇을 했는지, 언제 어디에서 일어났는지 적어 주십시오. 최대 500단어까지 쓸 수 있습니다.

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = 예
option-servicemember-no = 아니요
option-primary_complaint-workplace = 직장 내 차별 또는 그 밖의 고용 관련 문제
option-primary_complaint-housing = 주거 차별 또는 괴롭힘
option-primary_complaint-education = 학교나 교육 프로그램·서비스에서의 차별, 또는 교육을 받는 것과 관련된 차별
option-primary_complaint-police = 경찰, 교정 직원 또는 수감자에게 부당한 대우를 받음
option-primary_complaint-voting = 투표권 침해 또는 투표하는 데 방해를 받음
option-primary_complaint-commercial_or_public = 상업 시설이나 공공장소에서 차별을 받음
option-primary_complaint-something_else = 그 밖의 다른 일이 일어남
option-public_or_private_employer-public_employer = 공공 고용주
option-public_or_private_employer-private_employer = 민간 고용주
option-public_or_private_employer-not_sure = 잘 모르겠습니다
option-employer_size-14_or_less = 직원 15명 미만
option-employer_size-15_or_more = 직원 15명 이상
option-employer_size-not_sure = 잘 모르겠습니다
option-inside_correctional_facility-inside = 예
option-inside_correctional_facility-outside = 아니요
option-correctional_facility_type-state_local = 주 또는 지역 시설
option-correctional_facility_type-federal = 연방 시설
option-correctional_facility_type-private = 민간 시설
option-correctional_facility_type-not_sure = 잘 모르겠습니다
option-commercial_or_public_place-place_of_worship = 예배 장소 또는 예배 장소에 관한 일
option-commercial_or_public_place-store = 상점, 식당, 술집, 호텔 또는 극장
option-commercial_or_public_place-healthcare = 병원이나 진료소 같은 의료 시설
option-commercial_or_public_place-financial = 은행 또는 그 밖의 금융 기관
option-commercial_or_public_place-public_space = 공원, 거리, 정부 건물 같은 공공장소
option-commercial_or_public_place-other = 기타
option-public_or_private_school-public = 공립 학교 또는 공공 교육 프로그램
option-public_or_private_school-private = 사립 학교 또는 민간 교육 프로그램
option-public_or_private_school-not_sure = 잘 모르겠습니다
option-election_details-federal = 연방 선거(대통령 선거 또는 연방 의회 선거)
option-election_details-state_local = 주 또는 지역 선거(주지사, 시장, 교육위원회 선거)
option-election_details-both = 연방 선거와 주·지역 선거 모두
option-election_details-unknown = 잘 모르겠습니다
option-witness-harmed = 제가 피해를 입은 사람입니다
option-witness-witness = 다른 사람에게 일어난 일을 보았습니다
# The month list of the date step.
month-1 = 01 - 1월
month-2 = 02 - 2월
month-3 = 03 - 3월
month-4 = 04 - 4월
month-5 = 05 - 5월
month-6 = 06 - 6월
month-7 = 07 - 7월
month-8 = 08 - 8월
month-9 = 09 - 9월
month-10 = 10 - 10월
month-11 = 11 - 11월
month-12 = 12 - 12월

## The form: problems with an answer

error-missing-servicemember = 현역 군인인지 아닌지 선택해 주십시오.
error-missing-primary_complaint = 계속하려면 주된 이유를 선택해 주십시오.
error-missing-location_name = 이 일이 일어난 장소의 이름을 입력해 주십시오.
error-missing-location_city_town = 이 일이 일어난 도시 또는 마을을 입력해 주십시오.
error-missing-location_state = 이 일이 일어난 주를 선택해 주십시오.
error-missing-public_or_private_employer = 어떤 종류의 고용주인지 선택해 주십시오.
error-missing-employer_size = 고용주의 규모를 선택해 주십시오.
error-missing-commercial_or_public_place = 장소의 종류를 선택해 주십시오. 귀하의 상황에 맞는 것이 없으면 "기타"를 선택해 주십시오.
error-missing-inside_correctional_facility = 이 일이 어디에서 일어났는지 선택해 주십시오
error-missing-correctional_facility_type = 장소의 종류를 선택해 주십시오
error-missing-public_or_private_school = 학교 또는 교육 프로그램의 종류를 선택해 주십시오.
error-missing-protected_class = 계속하려면 하나 이상 선택해 주십시오. 귀하의 상황에 맞는 것이 없으면 "저에게 해당하는 것이 없습니다" 또는 "기타 이유"를 선택하고 설명해 주십시오.
error-missing-last_incident_month = 월을 입력해 주십시오.
error-missing-last_incident_year = 연도를 입력해 주십시오.
error-missing-violation_summary = 계속하려면 설명을 적어 주십시오
error-month-invalid = 올바른 월을 입력해 주십시오. 월은 1에서 12 사이여야 합니다.
error-year-invalid = 1900년 이후의 연도를 입력해 주십시오.
error-day-invalid = 올바른 날짜(일)를 입력해 주십시오. 일은 1에서 그달의 마지막 날 사이여야 합니다.
error-date-future = 미래의 날짜는 입력할 수 없습니다.
error-email-invalid = 올바른 이메일 주소를 입력하십시오.
error-phone-invalid = 전화번호를 입력하시는 경우, 숫자를 7개에서 15개 사이로 입력해 주십시오. "+", ")", "(", "-", "." 기호는 사용할 수 있습니다. 외국 전화번호는 국가 번호를 함께 입력해 주십시오.
error-state-invalid = 올바른 주 또는 준주를 선택하십시오.
error-zip-invalid = 올바른 ZIP 코드(우편번호)를 입력하십시오.
error-too-long = 이 값은 최대 { $max }자까지 입력할 수 있습니다(현재 { $count }자).
error-not-a-choice = 올바른 항목을 선택하십시오. { $value }은(는) 선택할 수 있는 항목이 아닙니다.
error-too-many-words = 설명을 { $max }단어 이하로 줄여 주십시오(현재 { $count }단어).
error-challenge-missing = "다음" 버튼 바로 위에 있는 사람 확인을 완료해 주십시오.
error-challenge-failed = 사람 확인이 통과되지 않았습니다. "다음" 버튼 바로 위에서 다시 시도해 주십시오.
error-challenge-unavailable = 지금은 사람 확인을 실행할 수 없습니다. 귀하의 답변은 저장되어 있습니다. 1분 뒤에 다시 시도해 주십시오.

## Confirmation

confirmation-title = 귀하의 신고가 제출되었습니다
confirmation-heading = 귀하의 신고가 제출되었습니다
# { $record } is the record number, in bold.
confirmation-record-number = 귀하의 접수 번호는 { $record }입니다. 이 번호를 잘 보관하십시오. 이 신고에 대해 저희에게 연락하실 때 필요합니다.
confirmation-next = 앞으로 진행되는 일
confirmation-review-heading = 저희가 귀하의 신고를 검토합니다
confirmation-review = 저희 전문가들이 모든 신고를 읽고, 민권국의 어느 팀이 살펴볼지 결정합니다.
confirmation-contact-heading = 저희가 귀하께 연락을 드릴 수 있습니다
confirmation-contact = 이메일 주소를 알려 주셨다면, 저희가 확인 이메일을 보내 드렸습니다(오늘 그 주소로 이미 여러 번 보낸 경우는 제외). 정보가 더 필요하면 귀하께 연락을 드릴 수 있습니다.
confirmation-cant-help-heading = 저희가 도와드릴 수 없는 경우
confirmation-cant-help = 도와드릴 수 있는 다른 기관이나 단체를 안내해 드릴 수 있습니다.
confirmation-print = 이 페이지 인쇄하기
confirmation-danger = 지금 바로 위험에 처해 있다면 911에 전화하십시오.
confirmation-home = 홈페이지로 돌아가기

## Pages the form may show instead of a step

maintenance-title = 점검 중
maintenance-heading = 신고 양식이 점검 중입니다
maintenance-text = 신고 양식이 점검 중입니다. 몇 시간 뒤에 다시 오셔서 신고를 제출해 주십시오.
maintenance-danger = 지금 바로 위험에 처해 있다면 911에 전화하십시오.
refreshed-title = 이 양식이 새로 고쳐졌습니다
refreshed-heading = 이 양식이 새로 고쳐졌습니다
refreshed-text = 이 페이지가 두 번 전송되었거나, 다른 탭이나 창에서 열린 것 같습니다. 전에 입력하신 내용은 사라지지 않았습니다.
refreshed-continue = 신고 계속하기

## Error pages

error-page-status = 오류 { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home } 또는 { $form }으로 이동하십시오.
error-page-home-link = 홈페이지
error-page-form-link = 신고 양식
error-400-title = 잘못된 요청
error-400-text = 귀하의 브라우저가 보낸 내용을 읽을 수 없었습니다. 이전 페이지로 돌아가서 다시 시도해 주십시오.
error-403-title = 이 양식의 사용 시간이 지났습니다
error-403-text = 귀하의 보안을 위해, 이 페이지는 전송된 내용을 받을 수 없었습니다. 신고 양식으로 돌아가서 다시 시도해 주십시오. 지금까지 입력하신 답변은 저장되어 있습니다.
error-404-title = 페이지를 찾을 수 없습니다
error-404-text = 찾으시는 페이지를 찾을 수 없습니다. 주소를 확인하시거나, 홈페이지에서 다시 시작해 주십시오.
error-405-title = 페이지를 찾을 수 없습니다
error-405-text = 이 주소는 그런 종류의 요청을 받지 않습니다.
error-413-title = 한 번에 보내기에는 내용이 너무 많습니다
error-413-text = 보내신 내용이 양식이 받을 수 있는 크기보다 큽니다. 답변을 줄여서 다시 시도해 주십시오.
error-415-title = 잘못된 요청
error-415-text = 이 양식은 웹 브라우저로 보내야 합니다.
error-422-title = 이 양식이 새로 고쳐졌습니다
error-422-text = 이 페이지는 이미 전송되었습니다. 하시던 곳에서 계속하십시오.
error-429-title = 요청이 너무 많습니다
error-429-text = 짧은 시간 동안 귀하의 네트워크에서 요청이 너무 많이 왔습니다. 몇 분 기다리신 뒤 다시 시도해 주십시오.
error-503-title = 일시적으로 사용할 수 없음
error-503-text = 지금 잠시 이 서비스를 사용할 수 없습니다. 전에 보내신 내용은 사라지지 않았습니다. 몇 분 뒤에 다시 시도해 주십시오.
error-500-title = 문제가 발생했습니다
error-500-text = 저희 쪽에서 문제가 발생했습니다. 전에 보내신 내용은 사라지지 않았습니다. 몇 분 뒤에 다시 시도해 주십시오.
error-staff-only = 이 페이지는 민권국 직원용입니다. 먼저 로그인하십시오.

## Unsubscribing from e-mail

unsubscribe-title = 귀하의 신고에 관한 이메일
unsubscribe-heading = 귀하의 신고에 관한 이메일
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = 민권국이 { $address } 주소로 보내는 이메일을 그만 받으시겠습니까?
unsubscribe-explain = 앞으로 이 주소로는 귀하의 신고에 관한 이메일을 보내지 않겠습니다. 귀하의 신고는 그대로 보관되며, 저희는 계속 검토하겠습니다. 귀하께 연락해야 할 때는 귀하가 알려 주신 다른 연락처를 이용할 수 있습니다.
unsubscribe-button = 이 주소로 이메일 받지 않기
unsubscribe-done = 앞으로 { $address } 주소로는 이메일을 보내지 않겠습니다.
unsubscribe-mistake = 실수였다면, 새로 신고를 하시면서 이메일을 다시 받고 싶다고 알려 주십시오.
unsubscribe-invalid = 이 링크는 올바르지 않습니다. 이메일에서 링크의 일부만 복사되었을 수 있습니다.
unsubscribe-invalid-help = 저희가 보내 드린 이메일에서 링크를 다시 여시거나, 링크 전체를 복사해서 브라우저에 붙여 넣으십시오.

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
letter-addressee-named = { $name } 님께
letter-addressee-anonymous = 신고해 주신 분께
# A date in a letter; { $month } is the number 1 to 12.
letter-date = { $year }년 { $month }월 { $day }일
# The letterhead at the top of every letter.
letter-head-department = 미국 법무부
letter-head-division = 민권국
letter-footer-about = 이 메시지는 신고(접수 번호 { $record })에 관한 것입니다. 이 이메일에 답장하지 마십시오. 답장은 확인하지 않습니다.
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = 귀하의 신고에 관한 이메일을 더 이상 받고 싶지 않으시면 { $link }를 누르십시오.
letter-footer-unsubscribe-link = 수신 거부
