# The public side of the portal, in Tagalog. Every other language has the
# same message ids with the same variables ({ $name }) in locales/<lang>/.
# Plain text only: no HTML. Where a sentence holds a link or bold text, the
# template passes it in as a variable.

## Every page

site-name = Dibisyon ng Karapatang Sibil
skip-link = Lumaktaw sa pangunahing nilalaman
banner-label = Opisyal na website ng pamahalaan ng Estados Unidos
banner-text = Isang opisyal na website ng pamahalaan ng Estados Unidos
header-home = Pangunahing pahina
header-logo = Kagawaran ng Katarungan ng Estados Unidos · Dibisyon ng Karapatang Sibil
# { $link } is a link to tips.fbi.gov.
footer-danger = Kung nasa agarang panganib kayo, tumawag po sa 911. Para mag-ulat ng hate crime (krimen dahil sa pagkapoot) o human trafficking, maaari din kayong makipag-ugnayan sa FBI sa { $link }.
language-menu-label = Wika

## Landing page

landing-title = Makipag-ugnayan sa Dibisyon ng Karapatang Sibil
landing-heading = Makipag-ugnayan sa Dibisyon ng Karapatang Sibil
landing-intro = Pinoprotektahan ng Dibisyon ng Karapatang Sibil ang mga karapatan ng bawat tao sa Estados Unidos. Dito po kayo makakapagsumite ng ulat tungkol sa paglabag sa karapatang sibil: mga 15 minuto lang ito, at hindi ninyo kailangan ng account.
landing-danger = Kung nasa agarang panganib kayo, tumawag po sa 911. Para mag-ulat ng hate crime (krimen dahil sa pagkapoot) o human trafficking, maaari din kayong makipag-ugnayan sa FBI sa tips.fbi.gov.
landing-what-you-can-report = Ano ang maaaring paksa ng inyong ulat
landing-start = Magsimula ng ulat

## The form: progress bar and buttons

progress-label = Pag-usad
progress-completed = tapos na
progress-not-completed = hindi pa tapos
progress-step = Hakbang
# After the number of the current stage: "sa 7" ("Hakbang 3 sa 7").
progress-of-total = sa { $total }
button-next = Susunod
button-back = Bumalik
button-submit = Isumite ang ulat
required-mark = kailangan
select-placeholder = - Pumili -
# Shown under the description while typing (needs JavaScript).
word-count = { $count } sa { $limit } na salita
error-summary-heading = Pakiayos po ang mga sumusunod
limit-heading = Pakisubukan po ulit mamaya
limit-reports-from-address = Maraming ulat ang naipadala mula sa inyong network sa nakaraang isang oras, kaya hindi kami makakatanggap ng isa pa sa ngayon. Naka-save ang inyong mga sagot. Pakibalikan po ang pahinang ito pagkalipas ng isang oras at piliin ulit ang "Isumite ang ulat".
limit-drafts-from-address = Maraming ulat ang sinimulan mula sa inyong network sa nakaraang isang oras, kaya hindi kami makakapagsimula ng isa pa sa ngayon. Nasa pahinang ito pa rin ang inyong isinulat pero hindi pa ito naka-save: huwag munang isara ang pahinang ito at piliin ulit ang "Susunod" mamaya (binibilang ng limitasyon ang nakaraang isang oras).
unsaved-step = Hindi po namin ma-save ang pahinang ito sa ngayon. Nasa ibaba pa rin ang inyong isinulat: pakipindot po ulit ang button pagkalipas ng ilang minuto.
challenge-label = Patunayan po na kayo ay isang tao
challenge-needs-javascript = Kailangang naka-on ang JavaScript sa inyong browser para sa pagsusuring ito.

## The form: stages of the progress bar

stage-contact = Pakikipag-ugnayan
stage-primary-concern = Pangunahing alalahanin
stage-location = Lugar
stage-personal-characteristics = Mga personal na katangian
stage-date = Petsa
stage-personal-description = Inyong paglalarawan
stage-review = Pagsusuri

## The form: page titles of the steps

step-contact = Pakikipag-ugnayan
step-primary-concern = Pangunahing alalahanin
step-location = Mga detalye ng lugar
step-witness = Ang inyong kaugnayan sa nangyari
step-personal-characteristics = Mga personal na katangian
step-date = Petsa
step-description = Inyong paglalarawan
step-review = Suriin ang inyong ulat

## The form: what each step says before its questions

intro-contact = Kung komportable kayo, sabihin po sa amin kung paano kayo makakausap. Hindi sapilitan ang impormasyon sa pakikipag-ugnayan, pero kung wala ito, maaaring hindi na namin kayo makontak ulit.
intro-primary-concern = Makakatulong ang inyong sagot para maipadala namin ang inyong ulat sa tamang grupo.
intro-location = Sabihin po sa amin kung saan ito nangyari. Kung hindi kayo sigurado sa isang sagot, ibigay ang lahat ng alam ninyo.
intro-witness = Makakatulong ito para maunawaan namin ang inyong nakita o naranasan. Maaari ninyong laktawan ang tanong na ito.
intro-personal-characteristics = Pinoprotektahan ng mga pederal na batas sa karapatang sibil ang mga tao laban sa hindi pantay na pagtrato dahil sa ilang personal na katangian.
intro-date = Kailan ito nangyari? Kung nangyayari pa rin ito o higit sa isang beses itong nangyari, ibigay ang pinakahuling petsa.
intro-description = Huwag pong isama ang mga numero ng Social Security o iba pang sensitibong numero.
intro-review = Suriin po ang inyong mga sagot bago ninyo isumite. Gamitin ang "Baguhin" para iwasto ang isang sagot.
review-change = Baguhin
review-not-provided = Hindi ibinigay

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = Unang pangalan
field-contact_last_name = Apelyido
field-contact_email = Address ng e-mail
field-contact_phone = Numero ng telepono
field-contact_phone-hint = Isama ang code ng bansa (country code) kung numero ito sa ibang bansa.
field-contact_address_line_1 = Address (numero at kalye)
field-contact_address_line_2 = Address, ikalawang linya
field-contact_city = Lungsod
field-contact_state = Estado
field-contact_zip = Kodigo ng ZIP
field-servicemember = Kayo ba ngayon, o kahit kailan noon, ay naging miyembro ng militar na nasa aktibong serbisyo (active duty)?
field-primary_complaint = Ano ang pangunahing dahilan ng pakikipag-ugnayan ninyo sa Dibisyon ng Karapatang Sibil?
field-primary_complaint-hint = Piliin ang isang pinakaangkop na naglalarawan sa nangyari. Maaari kayong magbigay ng higit pang detalye mamaya.
field-location_name = Pangalan ng organisasyon
field-location_address_line_1 = Address (numero at kalye)
field-location_address_line_2 = Address, ikalawang linya
field-location_city_town = Lungsod o bayan
field-location_state = Estado
field-location_zipcode = Kodigo ng ZIP
field-public_or_private_employer = Pampubliko o pribado ba ang employer na ito?
field-public_or_private_employer-hint = Ang mga pampublikong employer ay mga ahensiya, tanggapan at paaralan ng pamahalaan.
field-employer_size = Ilan ang empleyado ng employer na ito?
field-inside_correctional_facility = Nangyari ba ito habang nasa bilangguan, kulungan, o iba pang pasilidad na koreksiyonal?
field-correctional_facility_type = Anong uri ng pasilidad na koreksiyonal?
field-correctional_facility_type-hint = Sagutin lamang kung nangyari ito sa loob ng isang pasilidad na koreksiyonal.
field-commercial_or_public_place = Anong uri ng lugar ito?
field-other_commercial_or_public_place = Kung pinili ninyo ang "Iba pa", anong uri ng lugar ito?
field-public_or_private_school = Nangyari ba ito sa isang pampubliko o pribadong paaralan o programang pang-edukasyon?
field-witness = Kayo ba ang taong napinsala, o nakita ninyo itong nangyari sa ibang tao?
field-witness-hint = Hindi sapilitan.
field-election_details = Anong uri ng halalan o gawaing may kinalaman sa pagboto ang kaugnay nito?
field-election_details-hint = Hindi sapilitan.
field-protected_class = Sa palagay ninyo, may kinalaman ba ang alinman sa mga personal na katangiang ito sa dahilan kung bakit kayo pinakitunguhan nang ganito?
field-protected_class-hint = Piliin ang lahat ng naaangkop.
field-other_class = Kung pinili ninyo ang "Iba pang dahilan", pakipaliwanag po
field-last_incident_month = Buwan
field-last_incident_day = Araw
field-last_incident_day-hint = Hindi sapilitan.
field-last_incident_year = Taon
field-violation_summary = Sa sarili ninyong salita, ilarawan po ang nangyari
field-violation_summary-hint = Isama kung sino ang sangkot, ano ang ginawa nila, at saan at kailan ito nangyari. Hanggang 500 salita lamang.

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = Oo
option-servicemember-no = Hindi
option-primary_complaint-workplace = Diskriminasyon sa trabaho o iba pang problemang may kinalaman sa trabaho
option-primary_complaint-housing = Diskriminasyon o panliligalig sa pabahay
option-primary_complaint-education = Diskriminasyon sa isang paaralan, programa o serbisyong pang-edukasyon, o may kinalaman sa pagtanggap ng edukasyon
option-primary_complaint-police = Minaltrato ng pulis, ng mga kawani ng pasilidad na koreksiyonal, o ng mga bilanggo
option-primary_complaint-voting = Naapektuhan ang karapatang bumoto o ang kakayahang bumoto
option-primary_complaint-commercial_or_public = Nakaranas ng diskriminasyon sa isang lugar na pangnegosyo o sa isang pampublikong lugar
option-primary_complaint-something_else = Iba pang pangyayari
option-public_or_private_employer-public_employer = Pampublikong employer
option-public_or_private_employer-private_employer = Pribadong employer
option-public_or_private_employer-not_sure = Hindi ako sigurado
option-employer_size-14_or_less = Mas kaunti sa 15 empleyado
option-employer_size-15_or_more = 15 o higit pang empleyado
option-employer_size-not_sure = Hindi ako sigurado
option-inside_correctional_facility-inside = Oo
option-inside_correctional_facility-outside = Hindi
option-correctional_facility_type-state_local = Pang-estado o lokal
option-correctional_facility_type-federal = Pederal
option-correctional_facility_type-private = Pribado
option-correctional_facility_type-not_sure = Hindi ako sigurado
option-commercial_or_public_place-place_of_worship = Lugar ng pagsamba o tungkol sa isang lugar ng pagsamba
option-commercial_or_public_place-store = Tindahan, restawran, bar, hotel, o sinehan
option-commercial_or_public_place-healthcare = Pasilidad na pangkalusugan gaya ng ospital o klinika
option-commercial_or_public_place-financial = Bangko o iba pang institusyong pampinansiyal
option-commercial_or_public_place-public_space = Pampublikong lugar gaya ng parke, kalye, o gusali ng pamahalaan
option-commercial_or_public_place-other = Iba pa
option-public_or_private_school-public = Pampublikong paaralan o programang pang-edukasyon
option-public_or_private_school-private = Pribadong paaralan o programang pang-edukasyon
option-public_or_private_school-not_sure = Hindi ako sigurado
option-election_details-federal = Pederal na halalan (para sa pangulo o sa Kongreso)
option-election_details-state_local = Halalan ng estado o lokal na halalan (gobernador, alkalde, lupon ng paaralan)
option-election_details-both = Parehong pederal at pang-estado/lokal
option-election_details-unknown = Hindi ako sigurado
option-witness-harmed = Ako ang taong napinsala
option-witness-witness = Nakita kong nangyari ito sa ibang tao
# The month list of the date step.
month-1 = 01 - Enero
month-2 = 02 - Pebrero
month-3 = 03 - Marso
month-4 = 04 - Abril
month-5 = 05 - Mayo
month-6 = 06 - Hunyo
month-7 = 07 - Hulyo
month-8 = 08 - Agosto
month-9 = 09 - Setyembre
month-10 = 10 - Oktubre
month-11 = 11 - Nobyembre
month-12 = 12 - Disyembre

## The form: problems with an answer

error-missing-servicemember = Pakipili po ang inyong katayuan bilang miyembro ng militar na nasa aktibong serbisyo (active duty).
error-missing-primary_complaint = Pakipili po ng pangunahing dahilan para makapagpatuloy.
error-missing-location_name = Pakilagay po ang pangalan ng lugar kung saan ito nangyari.
error-missing-location_city_town = Pakilagay po ang lungsod o bayan kung saan ito nangyari.
error-missing-location_state = Pakipili po ang estado kung saan ito nangyari.
error-missing-public_or_private_employer = Pakipili po kung anong uri ng employer ito.
error-missing-employer_size = Pakipili po kung gaano kalaki ang employer.
error-missing-commercial_or_public_place = Pakipili po ang uri ng lugar. Kung wala sa mga ito ang akma sa inyong sitwasyon, pakipili ang "Iba pa".
error-missing-inside_correctional_facility = Pakipili po kung saan ito nangyari
error-missing-correctional_facility_type = Pakipili po ang uri ng lugar
error-missing-public_or_private_school = Pakipili po ang uri ng paaralan o programang pang-edukasyon.
error-missing-protected_class = Pumili po ng sagot para makapagpatuloy. Kung wala sa mga ito ang akma sa inyong sitwasyon, pakipili ang "Wala sa mga ito ang naaangkop sa akin" o ang "Iba pang dahilan" at magpaliwanag.
error-missing-last_incident_month = Pakilagay po ang buwan.
error-missing-last_incident_year = Pakilagay po ang taon.
error-missing-violation_summary = Pakilagay po ang paglalarawan para makapagpatuloy
error-month-invalid = Pakilagay po ang wastong buwan. Dapat ay mula 1 hanggang 12 ang buwan.
error-year-invalid = Pakilagay po ang taon na pagkatapos ng 1900.
error-day-invalid = Pakilagay po ang wastong araw ng buwan. Dapat ay mula 1 hanggang sa huling araw ng buwan ang araw.
error-date-future = Hindi maaaring nasa hinaharap ang petsa.
error-email-invalid = Maglagay po ng wastong address ng e-mail.
error-phone-invalid = Kung maglalagay kayo ng numero ng telepono, tiyakin po na may 7 hanggang 15 digit ito. Pinapayagan ang mga karakter na "+", ")", "(", "-", at ".". Isama po ang code ng bansa (country code) kung numero ito sa ibang bansa.
error-state-invalid = Pumili po ng wastong estado o teritoryo.
error-zip-invalid = Maglagay po ng wastong kodigo ng ZIP.
error-too-long = Tiyakin po na hindi hihigit sa { $max } karakter ang sagot na ito (mayroon itong { $count }).
error-not-a-choice = Pumili po ng wastong sagot. Ang { $value } ay hindi isa sa mga maaaring piliin.
error-too-many-words = Paikliin po ang inyong paglalarawan sa { $max } salita o mas kaunti (mayroon itong { $count }).
error-challenge-missing = Pakitapos po ang pagsusuri na kayo ay isang tao, sa itaas lamang ng button na "Susunod".
error-challenge-failed = Hindi nagtagumpay ang pagsusuri na kayo ay isang tao. Pakisubukan po ulit, sa itaas lamang ng button na "Susunod".
error-challenge-unavailable = Hindi namin mapatakbo ngayon ang pagsusuri na kayo ay isang tao. Naka-save ang inyong mga sagot; pakisubukan po ulit pagkalipas ng isang minuto.

## Confirmation

confirmation-title = Naisumite na ang inyong ulat
confirmation-heading = Naisumite na ang inyong ulat
# { $record } is the record number, in bold.
confirmation-record-number = Ang inyong numero ng rekord ay { $record }. Itago po ito: kakailanganin ninyo ito kung makikipag-ugnayan kayo sa amin tungkol sa ulat na ito.
confirmation-next = Ano ang susunod na mangyayari
confirmation-review-heading = Susuriin namin ang inyong ulat
confirmation-review = Binabasa ng aming mga espesyalista ang bawat ulat at pinagpapasiyahan nila kung aling grupo sa Dibisyon ng Karapatang Sibil ang dapat tumingin dito.
confirmation-contact-heading = Maaari kaming makipag-ugnayan sa inyo
confirmation-contact = Kung nagbigay kayo ng address ng e-mail, nagpadala kami sa inyo ng kumpirmasyon (maliban kung marami na kaming naipadala sa address na iyon ngayong araw). Maaari kaming makipag-ugnayan sa inyo para humingi ng higit pang impormasyon.
confirmation-cant-help-heading = Kung hindi kami makakatulong
confirmation-cant-help = Maaari namin kayong ituro sa ibang ahensiya o organisasyon na makakatulong sa inyo.
confirmation-print = I-print ang pahinang ito
confirmation-danger = Kung nasa agarang panganib kayo, tumawag po sa 911.
confirmation-home = Bumalik sa pangunahing pahina

## Pages the form may show instead of a step

maintenance-title = Pansamantalang sarado para sa pagsasaayos
maintenance-heading = Pansamantalang sarado ang form para sa ulat dahil sa pagsasaayos
maintenance-text = Pansamantalang sarado ang form para sa ulat dahil sa pagsasaayos. Pakibalikan po ito pagkalipas ng ilang oras para isumite ang inyong ulat.
maintenance-danger = Kung nasa agarang panganib kayo, tumawag po sa 911.
refreshed-title = Na-refresh ang form na ito
refreshed-heading = Na-refresh ang form na ito
refreshed-text = Mukhang dalawang beses naipadala ang pahinang ito, o nabuksan ito sa ibang tab o window. Walang nawala sa anumang isinulat ninyo dati.
refreshed-continue = Ituloy ang inyong ulat

## Error pages

error-page-status = Kodigo ng error: { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home } o { $form }.
error-page-home-link = Pumunta sa pangunahing pahina
error-page-form-link = sa form para sa ulat
error-400-title = Hindi wastong kahilingan
error-400-text = Hindi namin mabasa ang ipinadala ng inyong browser. Bumalik po at subukan ulit.
error-403-title = Nag-expire na ang form na ito
error-403-text = Para sa inyong seguridad, hindi matanggap ng pahinang ito ang ipinadala. Bumalik po sa form para sa ulat at subukan ulit; nakatago pa rin ang mga sagot na naibigay na ninyo.
error-404-title = Hindi makita ang pahina
error-404-text = Hindi namin makita ang pahinang hinahanap ninyo. Suriin po ang address, o magsimula sa pangunahing pahina.
error-405-title = Hindi makita ang pahina
error-405-text = Hindi tumatanggap ang address na ito ng ganitong uri ng kahilingan.
error-413-title = Sobrang dami para ipadala nang sabay-sabay
error-413-text = Mas malaki ang ipinadala ninyo kaysa sa kayang tanggapin ng form. Paikliin po ang inyong mga sagot at subukan ulit.
error-415-title = Hindi wastong kahilingan
error-415-text = Dapat ipadala ang form gamit ang isang web browser.
error-422-title = Na-refresh ang form na ito
error-422-text = Naipadala na ang pahinang ito. Ituloy po kung saan kayo huminto.
error-429-title = Sobrang daming kahilingan
error-429-text = Sobrang daming kahilingan ang nagmula sa inyong network sa maikling panahon. Maghintay po ng ilang minuto at subukan ulit.
error-503-title = Pansamantalang hindi magagamit
error-503-text = Hindi magagamit ang serbisyong ito sa ngayon. Walang nawala sa anumang ipinadala ninyo dati. Pakisubukan po ulit pagkalipas ng ilang minuto.
error-500-title = Nagkaroon ng problema
error-500-text = Nagkaroon ng problema sa aming panig. Walang nawala sa anumang ipinadala ninyo dati. Pakisubukan po ulit pagkalipas ng ilang minuto.
error-staff-only = Para sa mga kawani ng Dibisyon ng Karapatang Sibil ang pahinang ito: mag-sign in po muna.

## Unsubscribing from e-mail

unsubscribe-title = E-mail tungkol sa inyong ulat
unsubscribe-heading = E-mail tungkol sa inyong ulat
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = Gusto na ba ninyong huminto sa pagtanggap ng mga e-mail mula sa Dibisyon ng Karapatang Sibil sa { $address }?
unsubscribe-explain = Hindi na kami magpapadala sa address na ito ng iba pang e-mail tungkol sa inyong mga ulat. Mananatiling nakatala ang inyong mga ulat at patuloy namin itong susuriin; kung kailangan namin kayong makausap, maaari naming gamitin ang iba pang impormasyon sa pakikipag-ugnayan na ibinigay ninyo sa amin.
unsubscribe-button = Itigil ang mga e-mail sa address na ito
unsubscribe-done = Hindi na kami magpapadala ng iba pang e-mail sa { $address }.
unsubscribe-mistake = Kung pagkakamali ito, magsumite po ng bagong ulat at sabihin sa amin na gusto ninyong makatanggap ulit ng e-mail.
unsubscribe-invalid = Hindi wasto ang link na ito. Maaaring hindi ito nakopya nang buo mula sa e-mail.
unsubscribe-invalid-help = Buksan po ulit ang link mula sa e-mail na ipinadala namin sa inyo, o kopyahin ang buong link sa inyong browser.

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
# The letters put a comma after it: "Mahal na Juan Dela Cruz,".
letter-addressee-named = Mahal na { $name }
letter-addressee-anonymous = Mahal na nagsumite ng ulat
# A date in a letter; { $month } is the number 1 to 12.
letter-date = { $month ->
        [1] Enero
        [2] Pebrero
        [3] Marso
        [4] Abril
        [5] Mayo
        [6] Hunyo
        [7] Hulyo
        [8] Agosto
        [9] Setyembre
        [10] Oktubre
        [11] Nobyembre
       *[12] Disyembre
    } { $day }, { $year }
# The letterhead at the top of every letter.
letter-head-department = Kagawaran ng Katarungan ng Estados Unidos
letter-head-division = Dibisyon ng Karapatang Sibil
letter-footer-about = Tungkol sa ulat na may numerong { $record } ang mensaheng ito. Huwag po kayong sumagot sa e-mail na ito; hindi binabantayan ang mga sagot dito.
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = Kung ayaw na ninyong makatanggap ng iba pang e-mail tungkol sa inyong ulat, { $link }.
letter-footer-unsubscribe-link = mag-unsubscribe po rito
