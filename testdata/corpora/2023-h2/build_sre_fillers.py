from build_common import *
C = ("Comunicados",)
sre("s_paisano", "2023-09-04", "12:00", "La Cancillería presenta las recomendaciones para el operativo Héroes Paisanos de invierno",
  "La red consular orientará a las personas mexicanas que visitarán México en la temporada decembrina.",
  ["La Secretaría de Relaciones Exteriores, en coordinación con el Instituto Nacional de Migración, informa que los consulados de México en Estados Unidos brindarán orientación a las personas mexicanas que viajen a México por carretera durante la temporada de invierno.",
   "Se recomienda registrar el viaje en la página del programa Héroes Paisanos, portar la documentación del vehículo y tramitar con anticipación el permiso de importación temporal.",
   "Los consulados ampliarán sus horarios de atención en noviembre y diciembre."], cats=C+("Mexicanos en el exterior",))
sre("s_sabatinas", "2023-09-06", "10:30", "Consulados de México en Estados Unidos realizarán jornadas sabatinas de documentación",
  "Los consulados abrirán los sábados de septiembre para expedir pasaportes y matrículas.",
  ["Los consulados de México en Estados Unidos realizarán jornadas sabatinas de documentación durante septiembre, con motivo de las fiestas patrias, para expedir pasaportes, matrículas consulares y actas de nacimiento.",
   "Las citas pueden obtenerse a través de MiConsulado o del teléfono de MexiTel."], cats=C+("Mexicanos en el exterior",))
sre("s_canada_ptat", "2023-09-11", "18:00", "México y Canadá acuerdan ampliar el Programa de Trabajadores Agrícolas Temporales",
  "Ambos países acordaron nuevas medidas de protección para los trabajadores del PTAT.",
  ["La canciller Alicia Bárcena se reunió con la ministra de Relaciones Exteriores de Canadá, Mélanie Joly, en Ottawa.",
   "Las cancilleres acordaron ampliar el Programa de Trabajadores Agrícolas Temporales México-Canadá a nuevos sectores y fortalecer los mecanismos de protección de los derechos laborales de las y los trabajadores mexicanos.",
   "Asimismo, acordaron celebrar en 2024 la reunión de la Alianza México-Canadá."], cats=C+("América del Norte", "Canadá"))
sre("s_grito", "2023-09-15", "22:30", "Red consular celebra el 213 aniversario de la Independencia de México",
  "Embajadas y consulados encabezaron la ceremonia del Grito en todo el mundo.",
  ["Las embajadas y consulados de México encabezaron la ceremonia conmemorativa del 213 aniversario del inicio de la Independencia, con la participación de miles de personas mexicanas en el exterior.",
   "En Estados Unidos, los 53 consulados de México realizaron ceremonias con las comunidades, incluidos eventos en Los Ángeles, Chicago, Houston y Nueva York."], cats=C+("Mexicanos en el exterior",))
sre("s_unga", "2023-09-21", "19:00", "La canciller Alicia Bárcena participa en el Debate General de la Asamblea General de la ONU",
  "La canciller llamó a un nuevo pacto para el desarrollo y a atender las causas de la migración.",
  ["La canciller Alicia Bárcena pronunció el discurso de México en el Debate General del 78 periodo de sesiones de la Asamblea General de las Naciones Unidas, en Nueva York.",
   "La canciller hizo un llamado a reformar la arquitectura financiera internacional y a atender las causas estructurales de la migración, y reiteró la posición de México a favor del desarme y contra el tráfico ilícito de armas."], cats=C+("Asuntos multilaterales",))
sre("s_tx_deathrow", "2023-09-28", "13:00", "La Cancillería solicita clemencia para connacional sentenciado a pena de muerte en Texas",
  "La SRE pidió a la Junta de Indultos de Texas conmutar la pena de un mexicano.",
  ["La Secretaría de Relaciones Exteriores, a través del Consulado General de México en Houston, presentó ante la Junta de Indultos y Libertad Condicional de Texas una solicitud de clemencia a favor de un connacional cuya ejecución está programada para el 10 de octubre.",
   "México reitera su rechazo a la pena de muerte y recuerda que el connacional no fue notificado de su derecho a la asistencia consular, en contravención de la Convención de Viena sobre Relaciones Consulares, como determinó la Corte Internacional de Justicia en el caso Avena."], cats=C+("Protección consular",))
sre("s_lidia", "2023-10-10", "09:00", "Recomendaciones de la Cancillería ante el huracán Lidia",
  "La Cancillería pide a las personas extranjeras en Jalisco y Nayarit seguir las indicaciones de Protección Civil.",
  ["Ante la aproximación del huracán Lidia a las costas de Jalisco y Nayarit, la Secretaría de Relaciones Exteriores recomienda a las personas extranjeras y a las representaciones diplomáticas acreditadas en México seguir las indicaciones de Protección Civil.",
   "La Cancillería mantiene comunicación con las embajadas para atender a sus nacionales."], cats=C+("Protección civil",))
sre("s_guate", "2023-10-12", "17:00", "México y Guatemala acuerdan fortalecer la cooperación en la frontera común",
  "Los cancilleres acordaron reactivar la Comisión Binacional.",
  ["La canciller Alicia Bárcena recibió al canciller de Guatemala, Mario Búcaro, con quien acordó reactivar la Comisión Binacional México-Guatemala y reforzar la coordinación en materia de migración, seguridad y desarrollo en la frontera común.",
   "Ambos cancilleres acordaron impulsar el programa Sembrando Vida en comunidades guatemaltecas cercanas a la frontera."], cats=C+("América Latina y el Caribe", "Guatemala"))
sre("s_salazar", "2023-10-20", "14:00", "La canciller Alicia Bárcena recibe al embajador de Estados Unidos, Ken Salazar",
  "Conversaron sobre la agenda bilateral tras el Diálogo de Alto Nivel sobre Seguridad.",
  ["La canciller Alicia Bárcena recibió hoy en la Cancillería al embajador de Estados Unidos en México, Ken Salazar.",
   "Conversaron sobre el seguimiento del Diálogo de Alto Nivel sobre Seguridad, la preparación de la visita del presidente López Obrador a San Francisco y la situación migratoria en la región."])
sre("s_consular_en", "2023-10-23", "12:00", "Mexican Consulates in the United States Extend Saturday Services for Passport Renewals",
  "Mexican consulates will open on Saturdays in November.",
  ["Mexican consulates in the United States will hold Saturday service days in November for passport and consular ID renewals, ahead of the holiday travel season.",
   "Appointments can be booked through MiConsulado or MexiTel."], cats=C+("Mexicanos en el exterior",), en=True)
sre("s_otis_consular", "2023-10-25", "15:00", "La Cancillería habilita línea de atención para personas extranjeras afectadas por el huracán Otis",
  "La SRE coordinará la atención a turistas extranjeros en Acapulco.",
  ["Tras el impacto del huracán Otis en Acapulco, la Secretaría de Relaciones Exteriores habilitó una línea de atención para que las representaciones diplomáticas localicen a sus nacionales en Guerrero.",
   "La Cancillería coordina con las aerolíneas y con la Secretaría de la Defensa Nacional el traslado de turistas nacionales y extranjeros a la Ciudad de México."], cats=C+("Protección civil",))
sre("s_maine", "2023-10-26", "18:00", "La Cancillería lamenta el tiroteo en Lewiston, Maine",
  "La Cancillería expresa sus condolencias y da seguimiento por si hubiera connacionales afectados.",
  ["El Gobierno de México expresa sus condolencias al pueblo de Estados Unidos por el tiroteo ocurrido en Lewiston, Maine.",
   "El Consulado de México en Boston mantiene comunicación con las autoridades locales; hasta el momento no se tiene registro de personas mexicanas entre las víctimas."], cats=C+("Protección consular",))
sre("s_credencial", "2023-11-01", "11:00", "Personas mexicanas en el exterior pueden tramitar su credencial para votar en consulados",
  "La Cancillería y el INE recuerdan el plazo para tramitar la credencial desde el extranjero.",
  ["La Secretaría de Relaciones Exteriores y el Instituto Nacional Electoral recuerdan a las personas mexicanas que residen en el exterior que pueden tramitar su credencial para votar en embajadas y consulados.",
   "Para votar en el proceso electoral de 2024, deberán registrarse en la Lista Nominal de Electores Residentes en el Extranjero antes del 20 de febrero."], cats=C+("Mexicanos en el exterior",))
sre("s_chicago", "2023-11-06", "13:00", "Consulado de México en Chicago atiende a connacionales afectados por incendio",
  "El consulado brinda asistencia a las familias afectadas.",
  ["El Consulado General de México en Chicago brinda asistencia a cinco familias mexicanas afectadas por un incendio en un edificio de departamentos en el barrio de Pilsen.",
   "El consulado apoya con la reposición de documentos y la canalización a albergues."], cats=C+("Protección consular",))
sre("s_becas", "2023-11-09", "10:00", "Convocatoria de becas del Gobierno de México para extranjeros 2024",
  "La AMEXCID abre la convocatoria de becas para estudios de posgrado.",
  ["La Agencia Mexicana de Cooperación Internacional para el Desarrollo (AMEXCID) abre la convocatoria de Becas del Gobierno de México para Extranjeros 2024 para estudios de especialidad, maestría y doctorado en instituciones mexicanas."], cats=C+("Cooperación internacional",))
sre("s_nichols", "2023-12-15", "17:00", "El subsecretario para América del Norte recibe al secretario adjunto Brian Nichols",
  "Conversaron sobre migración, seguridad y relocalización de inversiones.",
  ["El subsecretario para América del Norte recibió hoy en la Cancillería al secretario adjunto para Asuntos del Hemisferio Occidental del Departamento de Estado, Brian A. Nichols.",
   "Conversaron sobre la gestión de los flujos migratorios en la región, la implementación del Entendimiento Bicentenario y las oportunidades de la relocalización de inversiones en México."])
sre("s_cuba", "2023-11-20", "16:00", "La canciller Alicia Bárcena se reúne con el canciller de Cuba",
  "Revisaron la cooperación bilateral en salud y educación.",
  ["La canciller Alicia Bárcena se reunió con el ministro de Relaciones Exteriores de Cuba, Bruno Rodríguez Parrilla, con quien revisó la cooperación bilateral en salud, educación y migración.",
   "México reiteró su rechazo al bloqueo económico contra Cuba."], cats=C+("América Latina y el Caribe",))
sre("s_caravana_info", "2023-12-26", "12:00", "Atención humanitaria a personas migrantes en Chiapas",
  "El INM y la Cancillería brindan atención a personas migrantes en Chiapas.",
  ["La Secretaría de Relaciones Exteriores informa que el Instituto Nacional de Migración, con apoyo de la Comisión Mexicana de Ayuda a Refugiados, brinda atención humanitaria a las personas migrantes que se encuentran en Chiapas y les ofrece alternativas de regularización migratoria.",
   "La Cancillería mantiene comunicación con los gobiernos de los países de origen."], cats=C+("Migración",))
sre("s_festividades", "2023-12-20", "10:00", "Horario de la red consular durante las fiestas decembrinas",
  "Los consulados cerrarán el 25 de diciembre y el 1 de enero.",
  ["La Secretaría de Relaciones Exteriores informa que la red consular de México permanecerá cerrada el 25 de diciembre y el 1 de enero. El Centro de Información y Asistencia a Mexicanos (CIAM) operará las 24 horas.",
   "En caso de emergencia, las personas mexicanas pueden comunicarse al número de protección de su consulado."], cats=C+("Mexicanos en el exterior",))
sre("s_texas_sb4", "2023-12-19", "19:00", "Posicionamiento de México sobre la ley SB4 del estado de Texas",
  "México rechaza cualquier medida que permita a autoridades estatales detener y deportar a personas migrantes.",
  ["El Gobierno de México rechaza la ley SB4 aprobada por el estado de Texas, que permitiría a autoridades estatales y locales detener y expulsar a personas migrantes.",
   "México no aceptará, bajo ninguna circunstancia, la deportación de personas no mexicanas a su territorio por parte del gobierno de Texas. La red consular brindará asistencia jurídica a los connacionales."], cats=C+("América del Norte", "Migración"))
sre("s_prensa_en_paisano", "2024-01-03", "12:00", "Return Travel Recommendations for Mexican Nationals After the Holidays",
  "Mexican consulates remind travelers of documents needed to return to the United States.",
  ["The Ministry of Foreign Affairs reminds Mexican nationals returning to the United States after the holidays to carry valid documents and to check border wait times before traveling.",
   "The consular network remains available through the CIAM hotline."], cats=C+("Mexicanos en el exterior",), en=True)
sre("s_honduras", "2024-01-16", "15:00", "Reunión de los cancilleres de México y Honduras",
  "Acordaron ampliar los programas Sembrando Vida y Jóvenes Construyendo el Futuro en Honduras.",
  ["La canciller Alicia Bárcena se reunió en Tegucigalpa con el canciller de Honduras, Enrique Reina.",
   "Ambos cancilleres acordaron ampliar la cobertura de los programas Sembrando Vida y Jóvenes Construyendo el Futuro en Honduras durante 2024."], cats=C+("América Latina y el Caribe", "Honduras"))
sre("s_detencion", "2024-01-19", "13:30", "Consulado de México en Houston brinda asistencia a connacionales detenidos",
  "El consulado visitó a 14 connacionales detenidos tras un operativo.",
  ["El Consulado General de México en Houston brindó asistencia consular a 14 personas mexicanas detenidas por autoridades migratorias en un operativo en el condado de Harris, Texas.",
   "El personal consular verificó sus condiciones de detención y les ofreció orientación jurídica."], cats=C+("Protección consular",))
sre("s_tijuana", "2024-01-23", "11:00", "La Cancillería y el gobierno de Baja California presentan el módulo de atención a personas repatriadas",
  "El módulo se ubica en el cruce peatonal El Chaparral.",
  ["La Secretaría de Relaciones Exteriores y el gobierno de Baja California inauguraron un módulo de atención a personas mexicanas repatriadas en el cruce peatonal El Chaparral, en Tijuana.",
   "El módulo ofrece expedición de actas de nacimiento, orientación laboral y atención médica."], cats=C+("Migración",))
sre("s_eu_canciller", "2024-01-26", "18:00", "La canciller Alicia Bárcena se reúne con el Alto Representante de la Unión Europea",
  "Revisaron la modernización del Acuerdo Global.",
  ["La canciller Alicia Bárcena se reunió con el Alto Representante de la Unión Europea para Asuntos Exteriores, Josep Borrell, con quien revisó el estado de la modernización del Acuerdo Global México-Unión Europea."], cats=C+("Europa",))
