# The public side of the portal, in Spanish (español). Every language has the
# same message ids with the same variables ({ $name }) in locales/<lang>/.
# Plain text only: no HTML. Where a sentence holds a link or bold text, the
# template passes it in as a variable.

## Every page

site-name = División de Derechos Civiles
skip-link = Saltar al contenido principal
banner-label = Sitio web oficial del gobierno de los Estados Unidos
banner-text = Un sitio web oficial del gobierno de los Estados Unidos
header-home = Inicio
header-logo = Departamento de Justicia de los Estados Unidos · División de Derechos Civiles
# { $link } is a link to tips.fbi.gov.
footer-danger = Si está en peligro inmediato, llame al 911. Para presentar un reporte sobre un delito de odio o sobre trata de personas, también puede comunicarse con el FBI en { $link }.
language-menu-label = Idioma

## Landing page

landing-title = Comuníquese con la División de Derechos Civiles
landing-heading = Comuníquese con la División de Derechos Civiles
landing-intro = La División de Derechos Civiles protege los derechos de todas las personas en los Estados Unidos. Presente aquí un reporte sobre una violación de sus derechos civiles: toma unos 15 minutos y no necesita crear una cuenta.
landing-danger = Si está en peligro inmediato, llame al 911. Para presentar un reporte sobre un delito de odio o sobre trata de personas, también puede comunicarse con el FBI en tips.fbi.gov.
landing-what-you-can-report = Sobre qué puede presentar un reporte
landing-start = Comenzar un reporte

## The form: progress bar and buttons

progress-label = Progreso
progress-completed = completado
progress-not-completed = no completado
progress-step = Paso
# After the number of the current stage: "de 7" ("Paso 3 de 7").
progress-of-total = de { $total }
button-next = Siguiente
button-back = Atrás
button-submit = Enviar reporte
required-mark = obligatorio
select-placeholder = - Seleccione -
# Shown under the description while typing (needs JavaScript).
word-count = { $count } de { $limit } palabras
error-summary-heading = Por favor, corrija lo siguiente
limit-heading = Por favor, inténtelo de nuevo más tarde
limit-reports-from-address = Se enviaron muchos reportes desde su red en la última hora, así que no podemos recibir otro en este momento. Sus respuestas están guardadas. Por favor, vuelva a esta página dentro de una hora y seleccione «Enviar reporte» otra vez.
limit-drafts-from-address = Se comenzaron muchos reportes desde su red en la última hora, así que no podemos comenzar otro en este momento. Lo que escribió sigue en esta página, pero todavía no se ha guardado: mantenga esta página abierta y seleccione «Siguiente» otra vez más tarde (el límite cuenta solo la última hora).
unsaved-step = No pudimos guardar esta página en este momento. Lo que escribió sigue abajo: por favor, presione el botón otra vez dentro de unos minutos.
challenge-label = Confirme que usted es una persona
challenge-needs-javascript = Para hacer esta verificación, debe activar JavaScript en su navegador.

## The form: stages of the progress bar

stage-contact = Contacto
stage-primary-concern = Motivo principal
stage-location = Lugar
stage-personal-characteristics = Características personales
stage-date = Fecha
stage-personal-description = Su descripción
stage-review = Revisión

## The form: page titles of the steps

step-contact = Contacto
step-primary-concern = Motivo principal
step-location = Detalles del lugar
step-witness = Su papel en lo que sucedió
step-personal-characteristics = Características personales
step-date = Fecha
step-description = Su descripción
step-review = Revise su reporte

## The form: what each step says before its questions

intro-contact = Si lo desea, díganos cómo podemos comunicarnos con usted. Sus datos de contacto son opcionales, pero sin ellos es posible que no podamos darle seguimiento.
intro-primary-concern = Su respuesta nos ayuda a enviar su reporte al equipo correcto.
intro-location = Díganos dónde sucedió esto. Si no sabe bien alguna respuesta, díganos todo lo que sepa.
intro-witness = Esto nos ayuda a entender lo que usted vio o vivió. Puede saltar esta pregunta.
intro-personal-characteristics = Las leyes federales de derechos civiles protegen a las personas para que no reciban un trato diferente por ciertas características personales.
intro-date = ¿Cuándo sucedió esto? Si todavía sucede o sucedió más de una vez, indique la fecha más reciente.
intro-description = No incluya números de Seguro Social ni otros números confidenciales.
intro-review = Revise sus respuestas antes de enviarlas. Use «Cambiar» para corregir una respuesta.
review-change = Cambiar
review-not-provided = No se proporcionó

## The form: questions (field-NAME) and their hints (field-NAME-hint)

field-contact_first_name = Nombre
field-contact_last_name = Apellido
field-contact_email = Correo electrónico
field-contact_phone = Número de teléfono
field-contact_phone-hint = Si es un número internacional, incluya el código del país.
field-contact_address_line_1 = Dirección
field-contact_address_line_2 = Dirección (línea 2)
field-contact_city = Ciudad
field-contact_state = Estado
field-contact_zip = Código postal (ZIP)
field-servicemember = ¿Es usted, o ha sido alguna vez, miembro del servicio militar en servicio activo?
field-primary_complaint = ¿Cuál es el motivo principal por el que se comunica con la División de Derechos Civiles?
field-primary_complaint-hint = Elija la opción que mejor describa lo que sucedió. Más adelante podrá dar más detalles.
field-location_name = Nombre de la organización
field-location_address_line_1 = Dirección
field-location_address_line_2 = Dirección (línea 2)
field-location_city_town = Ciudad o pueblo
field-location_state = Estado
field-location_zipcode = Código postal (ZIP)
field-public_or_private_employer = ¿Era un empleador público o privado?
field-public_or_private_employer-hint = Los empleadores públicos son las agencias, oficinas y escuelas del gobierno.
field-employer_size = ¿Cuántos empleados tiene este empleador?
field-inside_correctional_facility = ¿Sucedió esto mientras estaba en una prisión, una cárcel u otro centro correccional?
field-correctional_facility_type = ¿Qué tipo de centro correccional era?
field-correctional_facility_type-hint = Responda solo si sucedió dentro de un centro correccional.
field-commercial_or_public_place = ¿Qué tipo de lugar era?
field-other_commercial_or_public_place = Si eligió «Otro», ¿qué tipo de lugar era?
field-public_or_private_school = ¿Sucedió esto en una escuela o un programa educativo, público o privado?
field-witness = ¿Fue usted la persona perjudicada, o vio que le sucedió a otra persona?
field-witness-hint = Opcional.
field-election_details = ¿Con qué tipo de elección o actividad de votación estaba relacionado esto?
field-election_details-hint = Opcional.
field-protected_class = ¿Cree que alguna de estas características personales influyó en el trato que usted recibió?
field-protected_class-hint = Seleccione todas las que correspondan.
field-other_class = Si eligió «Otro motivo», por favor explique
field-last_incident_month = Mes
field-last_incident_day = Día
field-last_incident_day-hint = Opcional.
field-last_incident_year = Año
field-violation_summary = Describa con sus propias palabras lo que sucedió
field-violation_summary-hint = Incluya quién participó, qué hizo cada persona, y dónde y cuándo sucedió. Máximo 500 palabras.

## The form: the options of each question (option-FIELD-VALUE)

option-servicemember-yes = Sí
option-servicemember-no = No, nunca
option-primary_complaint-workplace = Discriminación en el trabajo u otro problema relacionado con el empleo
option-primary_complaint-housing = Discriminación o acoso en la vivienda
option-primary_complaint-education = Discriminación en una escuela o en un programa o servicio educativo, o relacionada con recibir educación
option-primary_complaint-police = Maltrato por parte de la policía, del personal de un centro correccional o de personas presas
option-primary_complaint-voting = Se afectó su derecho al voto o su capacidad de votar
option-primary_complaint-commercial_or_public = Discriminación en un lugar comercial o en un lugar público
option-primary_complaint-something_else = Sucedió otra cosa
option-public_or_private_employer-public_employer = Empleador público
option-public_or_private_employer-private_employer = Empleador privado
option-public_or_private_employer-not_sure = No lo sé
option-employer_size-14_or_less = Menos de 15 empleados
option-employer_size-15_or_more = 15 empleados o más
option-employer_size-not_sure = No lo sé
option-inside_correctional_facility-inside = Sí
option-inside_correctional_facility-outside = No, fue en otro lugar
option-correctional_facility_type-state_local = Centro estatal o local
option-correctional_facility_type-federal = Centro federal
option-correctional_facility_type-private = Centro privado
option-correctional_facility_type-not_sure = No lo sé
option-commercial_or_public_place-place_of_worship = Lugar de culto, o algo relacionado con un lugar de culto
option-commercial_or_public_place-store = Tienda, restaurante, bar, hotel o teatro
option-commercial_or_public_place-healthcare = Centro de salud, como un hospital o una clínica
option-commercial_or_public_place-financial = Banco u otra institución financiera
option-commercial_or_public_place-public_space = Espacio público, como un parque, una calle o un edificio del gobierno
option-commercial_or_public_place-other = Otro
option-public_or_private_school-public = Escuela o programa educativo público
option-public_or_private_school-private = Escuela o programa educativo privado
option-public_or_private_school-not_sure = No lo sé
option-election_details-federal = Elección federal (presidencial o del Congreso)
option-election_details-state_local = Elección estatal o local (gobernador, alcalde, junta escolar)
option-election_details-both = Tanto federal como estatal o local
option-election_details-unknown = No lo sé
option-witness-harmed = Yo fui la persona perjudicada
option-witness-witness = Vi que le sucedió a otra persona
# The month list of the date step.
month-1 = 01 - enero
month-2 = 02 - febrero
month-3 = 03 - marzo
month-4 = 04 - abril
month-5 = 05 - mayo
month-6 = 06 - junio
month-7 = 07 - julio
month-8 = 08 - agosto
month-9 = 09 - septiembre
month-10 = 10 - octubre
month-11 = 11 - noviembre
month-12 = 12 - diciembre

## The form: problems with an answer

error-missing-servicemember = Por favor, indique si es o ha sido miembro del servicio militar en servicio activo.
error-missing-primary_complaint = Por favor, seleccione un motivo principal para continuar.
error-missing-location_name = Por favor, escriba el nombre del lugar donde sucedió esto.
error-missing-location_city_town = Por favor, escriba la ciudad o el pueblo donde sucedió esto.
error-missing-location_state = Por favor, seleccione el estado donde sucedió esto.
error-missing-public_or_private_employer = Por favor, seleccione qué tipo de empleador es.
error-missing-employer_size = Por favor, seleccione el tamaño del empleador.
error-missing-commercial_or_public_place = Por favor, seleccione el tipo de lugar. Si ninguna de estas opciones corresponde a su situación, seleccione «Otro».
error-missing-inside_correctional_facility = Por favor, seleccione dónde sucedió esto
error-missing-correctional_facility_type = Por favor, seleccione el tipo de lugar
error-missing-public_or_private_school = Por favor, seleccione el tipo de escuela o programa educativo.
error-missing-protected_class = Por favor, haga una selección para continuar. Si ninguna de estas opciones corresponde a su situación, seleccione «Ninguna de estas opciones se aplica a mi caso» u «Otro motivo» y explique.
error-missing-last_incident_month = Por favor, indique un mes.
error-missing-last_incident_year = Por favor, indique un año.
error-missing-violation_summary = Por favor, escriba una descripción para continuar
error-month-invalid = Por favor, indique un mes válido. El mes debe estar entre 1 y 12.
error-year-invalid = Por favor, indique un año posterior a 1900.
error-day-invalid = Por favor, indique un día del mes válido. El día debe estar entre 1 y el último día del mes.
error-date-future = La fecha no puede estar en el futuro.
error-email-invalid = Escriba un correo electrónico válido.
error-phone-invalid = Si da un número de teléfono, por favor, asegúrese de que tenga entre 7 y 15 dígitos. Se permiten los caracteres «+», «)», «(», «-» y «.». Si es un número internacional, incluya el código del país.
error-state-invalid = Seleccione un estado o territorio válido.
error-zip-invalid = Escriba un código postal (ZIP) válido.
error-too-long = Este dato debe tener { $max } caracteres como máximo (ahora tiene { $count }).
error-not-a-choice = Seleccione una opción válida. { $value } no es una de las opciones disponibles.
error-too-many-words = Por favor, acorte su descripción a { $max } palabras o menos (ahora tiene { $count }).
error-challenge-missing = Por favor, complete la verificación de que usted es una persona, justo encima del botón «Siguiente».
error-challenge-failed = La verificación de que usted es una persona no se completó. Por favor, inténtelo otra vez, justo encima del botón «Siguiente».
error-challenge-unavailable = No pudimos hacer la verificación de que usted es una persona en este momento. Sus respuestas están guardadas; por favor, inténtelo otra vez dentro de un minuto.

## Confirmation

confirmation-title = Su reporte fue enviado
confirmation-heading = Su reporte fue enviado
# { $record } is the record number, in bold.
confirmation-record-number = Su número de registro es { $record }. Guárdelo: lo necesitará si se comunica con nosotros sobre este reporte.
confirmation-next = Qué sucede después
confirmation-review-heading = Revisamos su reporte
confirmation-review = Nuestros especialistas leen cada reporte y deciden qué equipo de la División de Derechos Civiles debe revisarlo.
confirmation-contact-heading = Es posible que nos comuniquemos con usted
confirmation-contact = Si nos dio un correo electrónico, le enviamos una confirmación (a menos que hoy ya hayamos enviado varias a esa dirección). Es posible que nos comuniquemos con usted para pedirle más información.
confirmation-cant-help-heading = Si no podemos ayudarle
confirmation-cant-help = Es posible que le enviemos a otra agencia u organización que sí pueda ayudarle.
confirmation-print = Imprimir esta página
confirmation-danger = Si está en peligro inmediato, llame al 911.
confirmation-home = Volver a la página de inicio

## Pages the form may show instead of a step

maintenance-title = En mantenimiento
maintenance-heading = El formulario de reportes está en mantenimiento
maintenance-text = El formulario de reportes está en mantenimiento. Por favor, vuelva dentro de unas horas para enviar su reporte.
maintenance-danger = Si está en peligro inmediato, llame al 911.
refreshed-title = Este formulario se actualizó
refreshed-heading = Este formulario se actualizó
refreshed-text = Parece que esta página se envió dos veces, o que se abrió en otra pestaña o ventana. No se perdió nada de lo que escribió antes.
refreshed-continue = Continuar su reporte

## Error pages

error-page-status = Código de error { $status }
# { $home } and { $form } are links with the texts of error-page-home-link and error-page-form-link.
error-page-links = { $home } o al { $form }.
error-page-home-link = Ir a la página de inicio
error-page-form-link = formulario de reportes
error-400-title = Solicitud incorrecta
error-400-text = No pudimos leer lo que envió su navegador. Por favor, regrese e inténtelo otra vez.
error-403-title = Este formulario venció
error-403-text = Por su seguridad, esta página no pudo aceptar lo que se envió. Regrese al formulario de reportes e inténtelo otra vez; las respuestas que ya dio se conservan.
error-404-title = No se encontró la página
error-404-text = No encontramos la página que busca. Revise la dirección o comience desde la página de inicio.
error-405-title = No se encontró la página
error-405-text = Esta dirección no acepta ese tipo de solicitud.
error-413-title = Demasiada información para enviar de una vez
error-413-text = Lo que envió es más grande de lo que acepta el formulario. Por favor, acorte sus respuestas e inténtelo otra vez.
error-415-title = Solicitud incorrecta
error-415-text = El formulario debe enviarse desde un navegador web.
error-422-title = Este formulario se actualizó
error-422-text = Esta página ya se envió. Continúe donde se quedó.
error-429-title = Demasiadas solicitudes
error-429-text = Llegaron demasiadas solicitudes desde su red en poco tiempo. Por favor, espere unos minutos e inténtelo otra vez.
error-503-title = No disponible por el momento
error-503-text = Este servicio no está disponible por un momento. No se perdió nada de lo que envió antes. Por favor, inténtelo otra vez dentro de unos minutos.
error-500-title = Algo salió mal
error-500-text = Algo salió mal de nuestro lado. No se perdió nada de lo que envió antes. Por favor, inténtelo otra vez dentro de unos minutos.
error-staff-only = Esta página es para el personal de la División de Derechos Civiles: primero inicie sesión.

## Unsubscribing from e-mail

unsubscribe-title = Correos electrónicos sobre su reporte
unsubscribe-heading = Correos electrónicos sobre su reporte
# { $address } is the e-mail address, in bold.
unsubscribe-confirm = ¿Desea dejar de recibir correos electrónicos de la División de Derechos Civiles en { $address }?
unsubscribe-explain = No enviaremos más correos electrónicos sobre sus reportes a esta dirección. Sus reportes se quedan en nuestros archivos y seguiremos revisándolos; si necesitamos comunicarnos con usted, es posible que usemos los otros datos de contacto que nos dio.
unsubscribe-button = Dejar de recibir correos en esta dirección
unsubscribe-done = No enviaremos más correos electrónicos a { $address }.
unsubscribe-mistake = Si esto fue un error, presente un reporte nuevo y díganos que desea volver a recibir correos electrónicos.
unsubscribe-invalid = Este enlace no es válido. Es posible que no se haya copiado completo del correo electrónico.
unsubscribe-invalid-help = Abra el enlace otra vez desde el correo electrónico que le enviamos, o copie el enlace completo en su navegador.

## Letters: the parts the program fills in

# The greeting when the report has a name: { $name } is "First Last".
# The letters in templates/email/*.es/ put a colon after the greeting.
letter-addressee-named = Estimado/a { $name }
letter-addressee-anonymous = Estimada persona que nos envió este reporte
# A date in a letter; { $month } is the number 1 to 12 ("7 de marzo de 2026").
letter-date = { $day } de { $month ->
        [1] enero
        [2] febrero
        [3] marzo
        [4] abril
        [5] mayo
        [6] junio
        [7] julio
        [8] agosto
        [9] septiembre
        [10] octubre
        [11] noviembre
       *[12] diciembre
    } de { $year }
# The letterhead at the top of every letter.
letter-head-department = Departamento de Justicia de los Estados Unidos
letter-head-division = División de Derechos Civiles
letter-footer-about = Este mensaje trata sobre el reporte con número de registro { $record }. Por favor, no responda a este correo electrónico; nadie revisa las respuestas.
# { $link } is a link with the text of letter-footer-unsubscribe-link.
letter-footer-unsubscribe = Si no desea recibir más correos electrónicos sobre su reporte, { $link }.
letter-footer-unsubscribe-link = cancele su suscripción
