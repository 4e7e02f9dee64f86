# The public side of the portal, in English. Every other language has the
# same message ids with the same variables ({ $name }) in locales/<lang>/.
# Plain text only: no HTML. Where a sentence holds a link or bold text, the
# template passes it in as a variable.

## Every page

site-name = Civil Rights Division
skip-link = Skip to main content
banner-label = Official website of the United States government
banner-text = An official website of the United States government
header-home = Home
header-logo = U.S. Department of Justice · Civil Rights Division
# { $link } is a link to tips.fbi.gov.
footer-danger = If you are in immediate danger, call 911. To report a hate crime or human trafficking, you can also contact the FBI at { $link }.
language-menu-label = Language

## Landing page

landing-title = Contact the Civil Rights Division
landing-heading = Contact the Civil Rights Division
landing-intro = The Civil Rights Division protects the rights of everyone in the United States. Report a civil rights violation here: it takes about 15 minutes, and you do not need an account.
landing-danger = If you are in immediate danger, call 911. To report a hate crime or human trafficking, you can also contact the FBI at tips.fbi.gov.
landing-what-you-can-report = What you can report
landing-start = Start a report

## The form: progress bar and buttons

progress-label = Progress
progress-completed = completed
progress-not-completed = not completed
progress-step = Step
# After the number of the current stage: "of 7".
progress-of-total = of { $total }
button-next = Next
button-back = Back
button-submit = Submit report
required-mark = required
select-placeholder = - Select -
# Shown under the description while typing (needs JavaScript).
word-count = { $count } of { $limit } words
error-summary-heading = Please correct the following
limit-heading = Please try again later
limit-reports-from-address = Many reports have been sent from your network in the last hour, so we cannot take another one right now. Your answers are saved. Please come back to this page in an hour and select Submit again.
limit-drafts-from-address = Many reports have been started from your network in the last hour, so we cannot start another one right now. What you typed is still on this page but has not been saved yet: keep this page open and select Next again later (the limit counts the last hour).
unsaved-step = We could not save this page just now. What you typed is still below: please press the button again in a few minutes.
challenge-label = Check that you are a person
challenge-needs-javascript = This check needs JavaScript turned on in your browser.

## The form: stages of the progress bar

stage-contact = Contact
stage-primary-concern = Primary concern
stage-location = Location
stage-personal-characteristics = Personal characteristics
stage-date = Date
stage-personal-description = Personal description
stage-review = Review

## The form: page titles of the steps

step-contact = Contact
step-primary-concern = Primary concern
step-location = Location details
step-witness = Your role
step-personal-characteristics = Personal characteristics
step-date = Date
step-description = Personal description
step-review = Review your report

## The form: what each step says before its questions

intro-contact = If you are comfortable, tell us how to reach you. Contact information is optional, but we may not be able to follow up without it.
intro-primary-concern = Your answer helps us send your report to the right team.
intro-location = Tell us where this happened. If you are not sure of an answer, give as much as you know.
intro-witness = This helps us understand what you saw or experienced. You can skip this question.
intro-personal-characteristics = Federal civil rights laws protect people from being treated differently because of certain personal characteristics.
intro-date = When did this happen? If it is still happening or happened more than once, give the most recent date.
intro-description = Do not include Social Security numbers or other sensitive numbers.
intro-review = Check your answers before you submit. Use "Change" to correct an answer.
review-change = Change
review-not-provided = Not provided

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = First name
field-contact_last_name = Last name
field-contact_email = Email address
field-contact_phone = Phone number
field-contact_phone-hint = Include the country code for an international number.
field-contact_address_line_1 = Street address
field-contact_address_line_2 = Street address line 2
field-contact_city = City
field-contact_state = State
field-contact_zip = ZIP code
field-servicemember = Are you now or have you ever been an active duty service member?
field-primary_complaint = What is your primary reason for contacting the Civil Rights Division?
field-primary_complaint-hint = Choose the one that best describes what happened. You can describe more later.
field-location_name = Organization name
field-location_address_line_1 = Street address
field-location_address_line_2 = Street address line 2
field-location_city_town = City or town
field-location_state = State
field-location_zipcode = ZIP code
field-public_or_private_employer = Was this a public or private employer?
field-public_or_private_employer-hint = Public employers are government agencies, offices and schools.
field-employer_size = How many employees does this employer have?
field-inside_correctional_facility = Did this happen while in a prison, jail, or other correctional facility?
field-correctional_facility_type = What type of correctional facility?
field-correctional_facility_type-hint = Answer only if it happened inside a correctional facility.
field-commercial_or_public_place = What kind of location was this?
field-other_commercial_or_public_place = If you chose "Other", what kind of location was it?
field-public_or_private_school = Did this happen at a public or private school or educational program?
field-witness = Were you the person harmed, or did you see it happen to someone else?
field-witness-hint = Optional.
field-election_details = What kind of election or voting activity was this related to?
field-election_details-hint = Optional.
field-protected_class = Do you believe any of these personal characteristics influenced why you were treated this way?
field-protected_class-hint = Select all that apply.
field-other_class = If you chose "Other reason", please explain
field-last_incident_month = Month
field-last_incident_day = Day
field-last_incident_day-hint = Optional.
field-last_incident_year = Year
field-violation_summary = In your own words, describe what happened
field-violation_summary-hint = Include who was involved, what they did, where and when it happened. At most 500 words.

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = Yes
option-servicemember-no = No
option-primary_complaint-workplace = Workplace discrimination or other employment-related problem
option-primary_complaint-housing = Housing discrimination or harassment
option-primary_complaint-education = Discrimination at a school, educational program or service, or related to receiving education
option-primary_complaint-police = Mistreated by police, correctional staff, or inmates
option-primary_complaint-voting = Voting rights or ability to vote affected
option-primary_complaint-commercial_or_public = Discriminated against in a commercial location or public place
option-primary_complaint-something_else = Something else happened
option-public_or_private_employer-public_employer = Public employer
option-public_or_private_employer-private_employer = Private employer
option-public_or_private_employer-not_sure = I'm not sure
option-employer_size-14_or_less = Fewer than 15 employees
option-employer_size-15_or_more = 15 or more employees
option-employer_size-not_sure = I'm not sure
option-inside_correctional_facility-inside = Yes
option-inside_correctional_facility-outside = No
option-correctional_facility_type-state_local = State or local
option-correctional_facility_type-federal = Federal
option-correctional_facility_type-private = Private
option-correctional_facility_type-not_sure = I'm not sure
option-commercial_or_public_place-place_of_worship = Place of worship or about a place of worship
option-commercial_or_public_place-store = Store, restaurant, bar, hotel, or theater
option-commercial_or_public_place-healthcare = Health care facility like a hospital or clinic
option-commercial_or_public_place-financial = Bank or other financial institution
option-commercial_or_public_place-public_space = Public space like a park, street, or government building
option-commercial_or_public_place-other = Other
option-public_or_private_school-public = Public school or educational program
option-public_or_private_school-private = Private school or educational program
option-public_or_private_school-not_sure = I'm not sure
option-election_details-federal = Federal election (presidential or congressional)
option-election_details-state_local = State or local election (governor, mayor, school board)
option-election_details-both = Both federal and state/local
option-election_details-unknown = I'm not sure
option-witness-harmed = I was the person harmed
option-witness-witness = I saw it happen to someone else
# The month list of the date step.
month-1 = 01 - January
month-2 = 02 - February
month-3 = 03 - March
month-4 = 04 - April
month-5 = 05 - May
month-6 = 06 - June
month-7 = 07 - July
month-8 = 08 - August
month-9 = 09 - September
month-10 = 10 - October
month-11 = 11 - November
month-12 = 12 - December

## The form: problems with an answer

error-missing-servicemember = Please select a status as an active duty service member.
error-missing-primary_complaint = Please select a primary reason to continue.
error-missing-location_name = Please enter the name of the location where this took place.
error-missing-location_city_town = Please enter the city or town where this took place.
error-missing-location_state = Please select the state where this took place.
error-missing-public_or_private_employer = Please select what type of employer this is.
error-missing-employer_size = Please select how large the employer is.
error-missing-commercial_or_public_place = Please select the type of location. If none of these apply to your situation, please select "Other".
error-missing-inside_correctional_facility = Please select where this occurred
error-missing-correctional_facility_type = Please select the type of location
error-missing-public_or_private_school = Please select the type of school or educational program.
error-missing-protected_class = Please make a selection to continue. If none of these apply to your situation, please select "None of these apply to me" or "Other reason" and explain.
error-missing-last_incident_month = Please enter a month.
error-missing-last_incident_year = Please enter a year.
error-missing-violation_summary = Please provide description to continue
error-month-invalid = Please enter a valid month. Month must be between 1 and 12.
error-year-invalid = Please enter a year after 1900.
error-day-invalid = Please enter a valid day of the month. Day must be between 1 and the last day of the month.
error-date-future = Date can not be in the future.
error-email-invalid = Enter a valid email address.
error-phone-invalid = If you submit a phone number, please make sure to include between 7 and 15 digits. The characters "+", ")", "(", "-", and "." are allowed. Please include country code if entering an international phone number.
error-state-invalid = Select a valid state or territory.
error-zip-invalid = Enter a valid ZIP code.
error-too-long = Ensure this value has at most { $max } characters (it has { $count }).
error-not-a-choice = Select a valid choice. { $value } is not one of the available choices.
error-too-many-words = Please shorten your description to { $max } words or fewer (it has { $count }).
error-challenge-missing = Please complete the check that you are a person, just above the Next button.
error-challenge-failed = The check that you are a person did not go through. Please try it again, just above the Next button.
error-challenge-unavailable = We could not run the check that you are a person just now. Your answers are saved; please try again in a minute.

## Confirmation

confirmation-title = Your report has been submitted
confirmation-heading = Your report has been submitted
# { $record } is the record number, in bold.
confirmation-record-number = Your record number is { $record }. Keep it: you will need it if you contact us about this report.
confirmation-next = What happens next
confirmation-review-heading = We review your report
confirmation-review = Our specialists read every report and decide which team in the Civil Rights Division should look at it.
confirmation-contact-heading = We may contact you
confirmation-contact = If you gave an email address, we sent you a confirmation (unless we already sent several to that address today). We may contact you for more information.
confirmation-cant-help-heading = If we can't help
confirmation-cant-help = We may refer you to another agency or organization that can.
confirmation-print = Print this page
confirmation-danger = If you are in immediate danger, call 911.
confirmation-home = Return to the home page

## Pages the form may show instead of a step

maintenance-title = Down for maintenance
maintenance-heading = The reporting form is down for maintenance
maintenance-text = The reporting form is down for maintenance. Please come back in a few hours to submit your report.
maintenance-danger = If you are in immediate danger, call 911.
refreshed-title = This form was refreshed
refreshed-heading = This form was refreshed
refreshed-text = It looks like this page was sent twice, or opened in another tab or window. Nothing you typed before is lost.
refreshed-continue = Continue your report

## Error pages

error-page-status = Error { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home } or { $form }.
error-page-home-link = Go to the home page
error-page-form-link = the report form
error-400-title = Bad request
error-400-text = We could not read what your browser sent. Please go back and try again.
error-403-title = This form has expired
error-403-text = For your security, this page could not accept what was sent. Go back to the report form and try again; your answers so far are kept.
error-404-title = Page not found
error-404-text = We can't find the page you are looking for. Check the address, or start from the home page.
error-405-title = Page not found
error-405-text = This address does not accept that kind of request.
error-413-title = Too much to send at once
error-413-text = What you sent is larger than the form accepts. Please shorten your answers and try again.
error-415-title = Bad request
error-415-text = The form must be sent by a web browser.
error-422-title = This form was refreshed
error-422-text = This page was already sent. Continue where you left off.
error-429-title = Too many requests
error-429-text = Too many requests came from your network in a short time. Please wait a few minutes and try again.
error-503-title = Temporarily unavailable
error-503-text = This service is not available for a moment. Nothing you sent before was lost. Please try again in a few minutes.
error-500-title = Something went wrong
error-500-text = Something went wrong on our side. Nothing you sent before was lost. Please try again in a few minutes.
error-staff-only = This page is for Civil Rights Division staff: sign in first.

## Unsubscribing from e-mail

unsubscribe-title = E-mail about your report
unsubscribe-heading = E-mail about your report
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = Do you want to stop receiving e-mails from the Civil Rights Division at { $address }?
unsubscribe-explain = We will not send further e-mails about your reports to this address. Your reports stay on file and we will keep reviewing them; if we need to reach you, we may use the other contact information you gave us.
unsubscribe-button = Stop e-mails to this address
unsubscribe-done = We will not send further e-mails to { $address }.
unsubscribe-mistake = If this was a mistake, file a new report and tell us you want to receive e-mail again.
unsubscribe-invalid = This link is not valid. It may have been copied incompletely from the e-mail.
unsubscribe-invalid-help = Open the link again from the e-mail we sent you, or copy all of it into your browser.

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
letter-addressee-named = Dear { $name }
letter-addressee-anonymous = Thank you for your report
# A date in a letter; { $month } is the number 1 to 12.
letter-date = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $day }, { $year }
# The letterhead at the top of every letter.
letter-head-department = U.S. Department of Justice
letter-head-division = Civil Rights Division
letter-footer-about = This message is about report number { $record }. Please do not reply to this e-mail; replies are not monitored.
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = If you do not want further e-mails about your report, { $link }.
letter-footer-unsubscribe-link = unsubscribe
