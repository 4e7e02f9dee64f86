# The public side of the portal, in Traditional Chinese (zh-hant). Same message
# ids with the same variables ({ $name }) as locales/en/main.ftl.
# Plain text only: no HTML. Where a sentence holds a link or bold text, the
# template passes it in as a variable.

## Every page

site-name = 民權司
skip-link = 跳至主要內容
banner-label = 美國政府官方網站
banner-text = 這是美國政府的官方網站
header-home = 首頁
header-logo = 美國司法部 · 民權司
# { $link } is a link to tips.fbi.gov.
footer-danger = 如果您有立即的危險，請撥打 911。如要報告仇恨犯罪或人口販運，您也可以透過 { $link } 聯絡 FBI（美國聯邦調查局）。
language-menu-label = 語言

## Landing page

landing-title = 聯絡民權司
landing-heading = 聯絡民權司
landing-intro = 民權司保護在美國的每一個人的權利。如果您的民權受到侵犯，可以在這裡提交報告：大約需要 15 分鐘，而且不需要建立帳戶。
landing-danger = 如果您有立即的危險，請撥打 911。如要報告仇恨犯罪或人口販運，您也可以透過 tips.fbi.gov 聯絡 FBI（美國聯邦調查局）。
landing-what-you-can-report = 您可以報告哪些事情
landing-start = 開始填寫報告

## The form: progress bar and buttons

progress-label = 進度
progress-completed = 已完成
progress-not-completed = 未完成
progress-step = 第
# After the number of the current stage: "of 7".
progress-of-total = 步，共 { $total } 步
button-next = 下一步
button-back = 上一步
button-submit = 提交報告
required-mark = 必填
select-placeholder = - 請選擇 -
# Shown under the description while typing (needs JavaScript).
word-count = 已寫 { $count } 字，上限 { $limit } 字
error-summary-heading = 請更正以下問題
limit-heading = 請稍後再試
limit-reports-from-address = 在過去一小時內，您的網路已經送出了許多報告，所以我們現在無法再接收一份。您的答案已經儲存。請在一小時後回到這個頁面，再按一次「提交報告」。
limit-drafts-from-address = 在過去一小時內，您的網路已經開始填寫了許多報告，所以我們現在無法再開始一份。您輸入的內容仍在這個頁面上，但還沒有儲存：請不要關閉這個頁面，稍後再按一次「下一步」（這個限制只計算過去一小時）。
unsaved-step = 我們剛才無法儲存這個頁面。您輸入的內容仍在下方：請在幾分鐘後再按一次按鈕。
challenge-label = 確認您是真人
challenge-needs-javascript = 這項確認需要您在瀏覽器中開啟 JavaScript。

## The form: stages of the progress bar

stage-contact = 聯絡資料
stage-primary-concern = 主要問題
stage-location = 地點
stage-personal-characteristics = 個人特徵
stage-date = 日期
stage-personal-description = 個人描述
stage-review = 檢查

## The form: page titles of the steps

step-contact = 聯絡資料
step-primary-concern = 主要問題
step-location = 地點詳情
step-witness = 您的角色
step-personal-characteristics = 個人特徵
step-date = 日期
step-description = 個人描述
step-review = 檢查您的報告

## The form: what each step says before its questions

intro-contact = 如果您願意，請告訴我們如何與您聯絡。聯絡資料可以不填，但如果沒有這些資料，我們可能無法跟進。
intro-primary-concern = 您的回答可以幫助我們把您的報告交給合適的團隊。
intro-location = 請告訴我們這件事發生在哪裡。如果您不確定某個答案，請盡量提供您知道的資訊。
intro-witness = 這可以幫助我們了解您看到或經歷了什麼。您可以跳過這個問題。
intro-personal-characteristics = 聯邦民權法律保護人們，使他們不會因為某些個人特徵而受到不同的對待。
intro-date = 這件事是什麼時候發生的？如果這件事仍在發生，或發生了不只一次，請填寫最近一次的日期。
intro-description = 請不要填寫社會安全號碼（Social Security number）或其他敏感號碼。
intro-review = 提交前請檢查您的答案。如需更正答案，請使用「修改」。
review-change = 修改
review-not-provided = 未提供

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = 名字
field-contact_last_name = 姓氏
field-contact_email = 電子郵件地址
field-contact_phone = 電話號碼
field-contact_phone-hint = 如果是國際電話號碼，請加上國家代碼。
field-contact_address_line_1 = 街道地址
field-contact_address_line_2 = 街道地址第 2 行
field-contact_city = 城市
field-contact_state = 州
field-contact_zip = ZIP 郵遞區號
field-servicemember = 您現在是或曾經是現役軍人嗎？
field-primary_complaint = 您聯絡民權司的主要原因是什麼？
field-primary_complaint-hint = 請選擇最能描述所發生事情的一項。您稍後可以再詳細描述。
field-location_name = 機構名稱
field-location_address_line_1 = 街道地址
field-location_address_line_2 = 街道地址第 2 行
field-location_city_town = 城市或鄉鎮
field-location_state = 州
field-location_zipcode = ZIP 郵遞區號
field-public_or_private_employer = 這是公營還是私營雇主？
field-public_or_private_employer-hint = 公營雇主是指政府機關、政府辦公室和公立學校。
field-employer_size = 這個雇主有多少名員工？
field-inside_correctional_facility = 這件事是否發生在監獄、看守所或其他懲教機構內？
field-correctional_facility_type = 是哪一種懲教機構？
field-correctional_facility_type-hint = 只有在事情發生於懲教機構內時才需回答。
field-commercial_or_public_place = 這是什麼樣的地點？
field-other_commercial_or_public_place = 如果您選擇了「其他」，這是什麼樣的地點？
field-public_or_private_school = 這件事是否發生在公立或私立學校或教育計畫中？
field-witness = 您是受到傷害的人，還是看到這件事發生在別人身上？
field-witness-hint = 可以不填。
field-election_details = 這與哪一種選舉或投票活動有關？
field-election_details-hint = 可以不填。
field-protected_class = 您是否認為以下任何個人特徵影響了您受到這種對待的原因？
field-protected_class-hint = 請選擇所有適用的項目。
field-other_class = 如果您選擇了「其他原因」，請說明
field-last_incident_month = 月
field-last_incident_day = 日
field-last_incident_day-hint = 可以不填。
field-last_incident_year = 年
field-violation_summary = 請用您自己的話描述發生了什麼事
field-violation_summary-hint = 請寫出涉及哪些人、他們做了什麼，以及事情發生的地點和時間。最多 500 字。

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = 是
option-servicemember-no = 否
option-primary_complaint-workplace = 職場歧視或其他與工作有關的問題
option-primary_complaint-housing = 住房歧視或騷擾
option-primary_complaint-education = 在學校、教育計畫或教育服務中受到歧視，或在接受教育方面受到歧視
option-primary_complaint-police = 受到警察、懲教人員或被收容人的不當對待
option-primary_complaint-voting = 投票權或投票能力受到影響
option-primary_complaint-commercial_or_public = 在商業場所或公共場所受到歧視
option-primary_complaint-something_else = 發生了其他事情
option-public_or_private_employer-public_employer = 公營雇主
option-public_or_private_employer-private_employer = 私營雇主
option-public_or_private_employer-not_sure = 我不確定
option-employer_size-14_or_less = 少於 15 名員工
option-employer_size-15_or_more = 15 名或以上員工
option-employer_size-not_sure = 我不確定
option-inside_correctional_facility-inside = 是
option-inside_correctional_facility-outside = 否
option-correctional_facility_type-state_local = 州或地方
option-correctional_facility_type-federal = 聯邦
option-correctional_facility_type-private = 私營
option-correctional_facility_type-not_sure = 我不確定
option-commercial_or_public_place-place_of_worship = 宗教場所，或與宗教場所有關
option-commercial_or_public_place-store = 商店、餐廳、酒吧、旅館或戲院
option-commercial_or_public_place-healthcare = 醫療機構，例如醫院或診所
option-commercial_or_public_place-financial = 銀行或其他金融機構
option-commercial_or_public_place-public_space = 公共場所，例如公園、街道或政府大樓
option-commercial_or_public_place-other = 其他
option-public_or_private_school-public = 公立學校或教育計畫
option-public_or_private_school-private = 私立學校或教育計畫
option-public_or_private_school-not_sure = 我不確定
option-election_details-federal = 聯邦選舉（總統或國會選舉）
option-election_details-state_local = 州或地方選舉（州長、市長、學區委員會）
option-election_details-both = 聯邦選舉和州／地方選舉都有
option-election_details-unknown = 我不確定
option-witness-harmed = 我是受到傷害的人
option-witness-witness = 我看到這件事發生在別人身上
# The month list of the date step.
month-1 = 01 - 一月
month-2 = 02 - 二月
month-3 = 03 - 三月
month-4 = 04 - 四月
month-5 = 05 - 五月
month-6 = 06 - 六月
month-7 = 07 - 七月
month-8 = 08 - 八月
month-9 = 09 - 九月
month-10 = 10 - 十月
month-11 = 11 - 十一月
month-12 = 12 - 十二月

## The form: problems with an answer

error-missing-servicemember = 請選擇您是否為現役軍人。
error-missing-primary_complaint = 請選擇一個主要原因才能繼續。
error-missing-location_name = 請輸入事情發生地點的名稱。
error-missing-location_city_town = 請輸入事情發生的城市或鄉鎮。
error-missing-location_state = 請選擇事情發生的州。
error-missing-public_or_private_employer = 請選擇這是哪一種雇主。
error-missing-employer_size = 請選擇這個雇主的規模。
error-missing-commercial_or_public_place = 請選擇地點的類型。如果這些選項都不符合您的情況，請選擇「其他」。
error-missing-inside_correctional_facility = 請選擇這件事發生在哪裡
error-missing-correctional_facility_type = 請選擇地點的類型
error-missing-public_or_private_school = 請選擇學校或教育計畫的類型。
error-missing-protected_class = 請做出選擇才能繼續。如果這些選項都不符合您的情況，請選擇「以上都不適用於我」，或選擇「其他原因」並加以說明。
error-missing-last_incident_month = 請輸入月份。
error-missing-last_incident_year = 請輸入年份。
error-missing-violation_summary = 請填寫描述才能繼續
error-month-invalid = 請輸入有效的月份。月份必須介於 1 到 12 之間。
error-year-invalid = 請輸入 1900 年以後的年份。
error-day-invalid = 請輸入該月份中有效的日期。日期必須介於 1 和該月份的最後一天之間。
error-date-future = 日期不可以是未來的日期。
error-email-invalid = 請輸入有效的電子郵件地址。
error-phone-invalid = 如果您提供電話號碼，請確認號碼有 7 到 15 位數字。可以使用「+」、「)」、「(」、「-」和「.」這些符號。如果是國際電話號碼，請加上國家代碼。
error-state-invalid = 請選擇有效的州或領地。
error-zip-invalid = 請輸入有效的 ZIP 郵遞區號。
error-too-long = 此欄位最多只能有 { $max } 個字元（目前有 { $count } 個）。
error-not-a-choice = 請選擇有效的選項。{ $value } 不是可用的選項之一。
error-too-many-words = 請將您的描述縮短到 { $max } 字以內（目前有 { $count } 字）。
error-challenge-missing = 請完成「下一步」按鈕正上方的真人確認。
error-challenge-failed = 真人確認沒有通過。請再試一次，確認項目就在「下一步」按鈕正上方。
error-challenge-unavailable = 我們剛才無法進行真人確認。您的答案已經儲存；請在一分鐘後再試一次。

## Confirmation

confirmation-title = 您的報告已提交
confirmation-heading = 您的報告已提交
# { $record } is the record number, in bold.
confirmation-record-number = 您的記錄編號是 { $record }。請保留這個編號：如果您就這份報告與我們聯絡，會需要用到它。
confirmation-next = 接下來會怎麼處理
confirmation-review-heading = 我們會審查您的報告
confirmation-review = 我們的專員會閱讀每一份報告，並決定應由民權司的哪一個團隊處理。
confirmation-contact-heading = 我們可能會與您聯絡
confirmation-contact = 如果您提供了電子郵件地址，我們已寄給您一封確認信（除非我們今天已經寄了好幾封到這個地址）。我們可能會與您聯絡，以了解更多資訊。
confirmation-cant-help-heading = 如果我們無法提供協助
confirmation-cant-help = 我們可能會將您轉介給能夠提供協助的其他機構或組織。
confirmation-print = 列印此頁
confirmation-danger = 如果您有立即的危險，請撥打 911。
confirmation-home = 返回首頁

## Pages the form may show instead of a step

maintenance-title = 維護中
maintenance-heading = 報告表格正在維護中
maintenance-text = 報告表格正在維護中。請在幾個小時後回來提交您的報告。
maintenance-danger = 如果您有立即的危險，請撥打 911。
refreshed-title = 此表格已重新整理
refreshed-heading = 此表格已重新整理
refreshed-text = 這個頁面似乎被送出了兩次，或是在另一個分頁或視窗中開啟了。您之前輸入的內容都沒有遺失。
refreshed-continue = 繼續填寫您的報告

## Error pages

error-page-status = 錯誤 { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home }，或前往{ $form }。
error-page-home-link = 前往首頁
error-page-form-link = 報告表格
error-400-title = 錯誤的請求
error-400-text = 我們無法讀取您的瀏覽器送出的內容。請返回上一頁再試一次。
error-403-title = 此表格已過期
error-403-text = 為了您的安全，此頁面無法接受剛才送出的內容。請回到報告表格再試一次；您到目前為止的答案都會保留。
error-404-title = 找不到網頁
error-404-text = 我們找不到您要找的網頁。請檢查網址，或從首頁重新開始。
error-405-title = 找不到網頁
error-405-text = 這個網址不接受這類請求。
error-413-title = 一次送出的內容太多
error-413-text = 您送出的內容超過表格可接受的大小。請縮短您的答案，然後再試一次。
error-415-title = 錯誤的請求
error-415-text = 這份表格必須透過網頁瀏覽器送出。
error-422-title = 此表格已重新整理
error-422-text = 這個頁面已經送出過了。請從您上次停下的地方繼續。
error-429-title = 請求太多
error-429-text = 您的網路在短時間內送出了太多請求。請等幾分鐘後再試一次。
error-503-title = 暫時無法使用
error-503-text = 這項服務暫時無法使用。您之前送出的內容都沒有遺失。請在幾分鐘後再試一次。
error-500-title = 發生錯誤
error-500-text = 我們這邊發生了錯誤。您之前送出的內容都沒有遺失。請在幾分鐘後再試一次。
error-staff-only = 此頁面僅供民權司工作人員使用：請先登入。

## Unsubscribing from e-mail

unsubscribe-title = 關於您的報告的電子郵件
unsubscribe-heading = 關於您的報告的電子郵件
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = 您是否要停止在 { $address } 收到民權司寄出的電子郵件？
unsubscribe-explain = 我們將不會再寄送關於您的報告的電子郵件到這個地址。您的報告仍會留存記錄，我們也會繼續審查；如果我們需要與您聯絡，可能會使用您提供給我們的其他聯絡資料。
unsubscribe-button = 停止寄送電子郵件到這個地址
unsubscribe-done = 我們將不會再寄送電子郵件到 { $address }。
unsubscribe-mistake = 如果這是誤操作，請提交一份新的報告，並告訴我們您想再次收到電子郵件。
unsubscribe-invalid = 這個連結無效。它可能是從電子郵件中複製時沒有複製完整。
unsubscribe-invalid-help = 請從我們寄給您的電子郵件中再次開啟這個連結，或將整個連結複製到您的瀏覽器中。

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
# The letters put "：" right after the greeting.
letter-addressee-named = { $name } 您好
letter-addressee-anonymous = 報告提交人您好
# A date in a letter; { $month } is the number 1 to 12.
letter-date = { $year }年{ $month }月{ $day }日
# The letterhead at the top of every letter.
letter-head-department = 美國司法部
letter-head-division = 民權司
letter-footer-about = 本郵件與記錄編號為 { $record } 的報告有關。請不要回覆這封電子郵件；我們不會查看回覆的郵件。
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = 如果您不想再收到關於您的報告的電子郵件，請{ $link }。
letter-footer-unsubscribe-link = 取消訂閱
