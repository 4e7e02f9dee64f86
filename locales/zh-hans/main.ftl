# The public side of the portal, in Simplified Chinese (zh-hans). Every
# language has the same message ids with the same variables ({ $name }) as
# locales/en/. Plain text only: no HTML. Where a sentence holds a link or
# bold text, the template passes it in as a variable.

## Every page

site-name = 民权司
skip-link = 跳到主要内容
banner-label = 美国政府官方网站
banner-text = 这是美国政府的官方网站
header-home = 首页
header-logo = 美国司法部 · 民权司
# { $link } is a link to tips.fbi.gov.
footer-danger = 如果您正面临紧急危险，请拨打 911。如需举报仇恨犯罪或人口贩卖，您也可以通过 { $link } 联系联邦调查局（FBI）。
language-menu-label = 语言

## Landing page

landing-title = 联系民权司
landing-heading = 联系民权司
landing-intro = 美国司法部民权司保护在美国的每一个人的权利。您可以在这里举报侵犯民权的行为：大约需要 15 分钟，而且不需要注册账户。
landing-danger = 如果您正面临紧急危险，请拨打 911。如需举报仇恨犯罪或人口贩卖，您也可以通过 tips.fbi.gov 联系联邦调查局（FBI）。
landing-what-you-can-report = 您可以举报哪些情况
landing-start = 开始举报

## The form: progress bar and buttons

progress-label = 进度
progress-completed = 已完成
progress-not-completed = 未完成
progress-step = 第
# After the number of the current stage: "of 7".
progress-of-total = 步，共 { $total } 步
button-next = 下一步
button-back = 上一步
button-submit = 提交举报
required-mark = 必填
select-placeholder = - 请选择 -
# Shown under the description while typing (needs JavaScript).
word-count = 已写 { $count } 个词，最多 { $limit } 个词
error-summary-heading = 请更正以下问题
limit-heading = 请稍后再试
limit-reports-from-address = 在过去一小时内，您所在的网络已经发送了许多举报，因此我们现在无法再接收新的举报。您的回答已经保存。请在一小时后回到此页面，再次选择“提交举报”。
limit-drafts-from-address = 在过去一小时内，您所在的网络已经开始填写许多举报，因此我们现在无法再开始新的举报。您输入的内容仍在此页面上，但还没有保存：请不要关闭此页面，稍后再次选择“下一步”（限制按最近一小时计算）。
unsaved-step = 我们刚才无法保存此页面。您输入的内容仍在下方：请过几分钟再按一次按钮。
challenge-label = 确认您是真人
challenge-needs-javascript = 此项验证需要您在浏览器中开启 JavaScript。

## The form: stages of the progress bar

stage-contact = 联系方式
stage-primary-concern = 主要问题
stage-location = 地点
stage-personal-characteristics = 个人特征
stage-date = 日期
stage-personal-description = 您的描述
stage-review = 检查

## The form: page titles of the steps

step-contact = 联系方式
step-primary-concern = 主要问题
step-location = 地点详情
step-witness = 您在此事中的身份
step-personal-characteristics = 个人特征
step-date = 日期
step-description = 您的描述
step-review = 检查您的举报

## The form: what each step says before its questions

intro-contact = 如果您愿意，请告诉我们如何联系您。联系信息可以不填，但如果没有这些信息，我们可能无法与您进一步联系。
intro-primary-concern = 您的回答可以帮助我们把您的举报交给合适的团队。
intro-location = 请告诉我们这件事发生在哪里。如果您不确定某个答案，请尽量提供您知道的信息。
intro-witness = 这可以帮助我们了解您看到或经历了什么。您可以跳过这个问题。
intro-personal-characteristics = 联邦民权法律保护人们不会因为某些个人特征而受到区别对待。
intro-date = 这件事是什么时候发生的？如果这件事仍在发生，或者发生过不止一次，请填写最近一次的日期。
intro-description = 请不要填写社会安全号码（Social Security number）或其他敏感号码。
intro-review = 提交前请检查您的回答。如需更正某个回答，请使用“修改”。
review-change = 修改
review-not-provided = 未提供

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = 名字
field-contact_last_name = 姓氏
field-contact_email = 电子邮件地址
field-contact_phone = 电话号码
field-contact_phone-hint = 如果是国际电话号码，请加上国家代码。
field-contact_address_line_1 = 街道地址
field-contact_address_line_2 = 街道地址第 2 行
field-contact_city = 城市
field-contact_state = 州
field-contact_zip = 邮政编码（ZIP）
field-servicemember = 您现在是或曾经是现役军人吗？
field-primary_complaint = 您联系民权司的主要原因是什么？
field-primary_complaint-hint = 请选择最能描述所发生情况的一项。您稍后可以再详细描述。
field-location_name = 机构名称
field-location_address_line_1 = 街道地址
field-location_address_line_2 = 街道地址第 2 行
field-location_city_town = 城市或镇
field-location_state = 州
field-location_zipcode = 邮政编码（ZIP）
field-public_or_private_employer = 这是公共雇主还是私人雇主？
field-public_or_private_employer-hint = 公共雇主指政府机构、政府办公室和公立学校。
field-employer_size = 这个雇主有多少名员工？
field-inside_correctional_facility = 这件事是否发生在监狱、看守所或其他惩教机构内？
field-correctional_facility_type = 是哪种类型的惩教机构？
field-correctional_facility_type-hint = 只有当这件事发生在惩教机构内时才需要回答。
field-commercial_or_public_place = 这是什么类型的地点？
field-other_commercial_or_public_place = 如果您选择了“其他”，请说明这是什么类型的地点。
field-public_or_private_school = 这件事是否发生在公立或私立学校或教育项目中？
field-witness = 您是受到伤害的人，还是看到这件事发生在别人身上？
field-witness-hint = 选填。
field-election_details = 这与哪种选举或投票活动有关？
field-election_details-hint = 选填。
field-protected_class = 您认为您受到这种对待，是否与以下任何个人特征有关？
field-protected_class-hint = 请选择所有适用的选项。
field-other_class = 如果您选择了“其他原因”，请加以说明
field-last_incident_month = 月
field-last_incident_day = 日
field-last_incident_day-hint = 选填。
field-last_incident_year = 年
field-violation_summary = 请用您自己的话描述发生了什么
field-violation_summary-hint = 请写明涉及哪些人、他们做了什么、事情发生的地点和时间。最多 500 个词。

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = 是
option-servicemember-no = 否
option-primary_complaint-workplace = 工作场所歧视或其他与就业有关的问题
option-primary_complaint-housing = 住房歧视或骚扰
option-primary_complaint-education = 在学校、教育项目或教育服务中受到歧视，或在接受教育方面受到歧视
option-primary_complaint-police = 受到警察、惩教人员或囚犯的不当对待
option-primary_complaint-voting = 投票权或投票能力受到影响
option-primary_complaint-commercial_or_public = 在商业场所或公共场所受到歧视
option-primary_complaint-something_else = 发生了其他事情
option-public_or_private_employer-public_employer = 公共雇主
option-public_or_private_employer-private_employer = 私人雇主
option-public_or_private_employer-not_sure = 我不确定
option-employer_size-14_or_less = 少于 15 名员工
option-employer_size-15_or_more = 15 名或以上员工
option-employer_size-not_sure = 我不确定
option-inside_correctional_facility-inside = 是
option-inside_correctional_facility-outside = 否
option-correctional_facility_type-state_local = 州或地方
option-correctional_facility_type-federal = 联邦
option-correctional_facility_type-private = 私营
option-correctional_facility_type-not_sure = 我不确定
option-commercial_or_public_place-place_of_worship = 宗教场所，或与宗教场所有关
option-commercial_or_public_place-store = 商店、餐馆、酒吧、酒店或剧院
option-commercial_or_public_place-healthcare = 医疗机构，例如医院或诊所
option-commercial_or_public_place-financial = 银行或其他金融机构
option-commercial_or_public_place-public_space = 公共场所，例如公园、街道或政府大楼
option-commercial_or_public_place-other = 其他
option-public_or_private_school-public = 公立学校或教育项目
option-public_or_private_school-private = 私立学校或教育项目
option-public_or_private_school-not_sure = 我不确定
option-election_details-federal = 联邦选举（总统或国会选举）
option-election_details-state_local = 州或地方选举（州长、市长、学校董事会选举）
option-election_details-both = 联邦选举和州或地方选举都有
option-election_details-unknown = 我不确定
option-witness-harmed = 我是受到伤害的人
option-witness-witness = 我看到这件事发生在别人身上
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

error-missing-servicemember = 请选择您是否为现役军人。
error-missing-primary_complaint = 请选择一个主要原因，然后继续。
error-missing-location_name = 请填写事情发生地点的名称。
error-missing-location_city_town = 请填写事情发生所在的城市或镇。
error-missing-location_state = 请选择事情发生所在的州。
error-missing-public_or_private_employer = 请选择这是哪种类型的雇主。
error-missing-employer_size = 请选择这个雇主的规模。
error-missing-commercial_or_public_place = 请选择地点类型。如果以上选项都不符合您的情况，请选择“其他”。
error-missing-inside_correctional_facility = 请选择这件事发生的地点
error-missing-correctional_facility_type = 请选择地点类型
error-missing-public_or_private_school = 请选择学校或教育项目的类型。
error-missing-protected_class = 请做出选择，然后继续。如果以上选项都不符合您的情况，请选择“以上都不适用于我”，或选择“其他原因”并加以说明。
error-missing-last_incident_month = 请填写月份。
error-missing-last_incident_year = 请填写年份。
error-missing-violation_summary = 请填写描述，然后继续
error-month-invalid = 请填写有效的月份。月份必须在 1 到 12 之间。
error-year-invalid = 请填写 1900 年以后的年份。
error-day-invalid = 请填写该月中有效的日期。日期必须在 1 到该月最后一天之间。
error-date-future = 日期不能晚于今天。
error-email-invalid = 请填写有效的电子邮件地址。
error-phone-invalid = 如果您填写电话号码，请确保包含 7 到 15 位数字。可以使用以下字符：“+”、“)”、“(”、“-”和“.”。如果填写的是国际电话号码，请加上国家代码。
error-state-invalid = 请选择有效的州或领地。
error-zip-invalid = 请填写有效的邮政编码（ZIP）。
error-too-long = 此项最多只能有 { $max } 个字符（目前有 { $count } 个）。
error-not-a-choice = 请选择有效的选项。{ $value } 不是可选的选项之一。
error-too-many-words = 请将您的描述缩短到 { $max } 个词以内（目前有 { $count } 个）。
error-challenge-missing = 请完成“下一步”按钮正上方的真人验证。
error-challenge-failed = 真人验证没有通过。请在“下一步”按钮正上方再试一次。
error-challenge-unavailable = 我们刚才无法进行真人验证。您的回答已经保存；请过一分钟再试一次。

## Confirmation

confirmation-title = 您的举报已提交
confirmation-heading = 您的举报已提交
# { $record } is the record number, in bold.
confirmation-record-number = 您的记录编号是 { $record }。请保存好这个编号：如果您就这份举报联系我们，会需要用到它。
confirmation-next = 接下来会怎样
confirmation-review-heading = 我们会审阅您的举报
confirmation-review = 我们的专业人员会阅读每一份举报，并决定由民权司的哪个团队来处理。
confirmation-contact-heading = 我们可能会与您联系
confirmation-contact = 如果您提供了电子邮件地址，我们已经向您发送了一封确认邮件（除非我们今天已经向该地址发送过几封）。我们可能会与您联系，以了解更多信息。
confirmation-cant-help-heading = 如果我们无法提供帮助
confirmation-cant-help = 我们可能会将您转介给能够提供帮助的其他机构或组织。
confirmation-print = 打印此页
confirmation-danger = 如果您正面临紧急危险，请拨打 911。
confirmation-home = 返回首页

## Pages the form may show instead of a step

maintenance-title = 正在维护
maintenance-heading = 举报表正在维护中
maintenance-text = 举报表正在维护中。请过几个小时再回来提交您的举报。
maintenance-danger = 如果您正面临紧急危险，请拨打 911。
refreshed-title = 此表格已刷新
refreshed-heading = 此表格已刷新
refreshed-text = 此页面似乎被发送了两次，或者在另一个标签页或窗口中被打开。您之前输入的内容都没有丢失。
refreshed-continue = 继续填写您的举报

## Error pages

error-page-status = 错误 { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home }，或前往{ $form }。
error-page-home-link = 前往首页
error-page-form-link = 举报表
error-400-title = 请求有误
error-400-text = 我们无法读取您的浏览器发送的内容。请返回后再试一次。
error-403-title = 此表格已过期
error-403-text = 为了您的安全，此页面无法接收所发送的内容。请返回举报表再试一次；您目前已填写的回答都会保留。
error-404-title = 找不到页面
error-404-text = 我们找不到您要查找的页面。请检查网址，或从首页重新开始。
error-405-title = 找不到页面
error-405-text = 此网址不接受这种类型的请求。
error-413-title = 一次发送的内容太多
error-413-text = 您发送的内容超出了表格可以接收的大小。请缩短您的回答后再试一次。
error-415-title = 请求有误
error-415-text = 此表格必须通过网页浏览器发送。
error-422-title = 此表格已刷新
error-422-text = 此页面已经发送过了。请从您上次停下的地方继续。
error-429-title = 请求过多
error-429-text = 短时间内从您所在的网络发出的请求过多。请等几分钟后再试一次。
error-503-title = 暂时无法使用
error-503-text = 此服务暂时无法使用。您之前发送的内容都没有丢失。请过几分钟再试一次。
error-500-title = 出现了问题
error-500-text = 我们这边出现了问题。您之前发送的内容都没有丢失。请过几分钟再试一次。
error-staff-only = 此页面仅供民权司工作人员使用：请先登录。

## Unsubscribing from e-mail

unsubscribe-title = 关于您的举报的电子邮件
unsubscribe-heading = 关于您的举报的电子邮件
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = 您是否希望停止在 { $address } 接收民权司的电子邮件？
unsubscribe-explain = 我们将不再向此地址发送关于您的举报的电子邮件。您的举报仍会存档，我们也会继续审阅；如果我们需要联系您，可能会使用您提供的其他联系方式。
unsubscribe-button = 停止向此地址发送电子邮件
unsubscribe-done = 我们将不再向 { $address } 发送电子邮件。
unsubscribe-mistake = 如果这是误操作，请提交一份新的举报，并告诉我们您希望重新接收电子邮件。
unsubscribe-invalid = 此链接无效。它可能是从电子邮件中复制时没有复制完整。
unsubscribe-invalid-help = 请从我们发给您的电子邮件中再次打开此链接，或将完整的链接复制到您的浏览器中。

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
# The letters put "：" after the greeting.
letter-addressee-named = 尊敬的{ $name }
letter-addressee-anonymous = 尊敬的举报人
# A date in a letter; { $month } is the number 1 to 12.
letter-date = { $year }年{ $month }月{ $day }日
# The letterhead at the top of every letter.
letter-head-department = 美国司法部
letter-head-division = 民权司
letter-footer-about = 此邮件与举报编号 { $record } 有关。请不要回复此邮件；我们不会查看回复。
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = 如果您不想再收到关于您的举报的电子邮件，请{ $link }。
letter-footer-unsubscribe-link = 退订
