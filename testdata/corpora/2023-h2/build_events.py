from build_common import *
CLAIMS = []
def claim(key, status, matches, why, denied=False):
    CLAIMS.append((key, status, matches, why, denied))

# ---------- North American Drug Dialogue (trilateral) ----------
state("nadd_state", "2023-09-07", "17:30", "Joint Statement on the Sixth North American Drug Dialogue",
  "Canada, Mexico and the United States committed to joint action against illicit synthetic drugs and their precursors.",
  ["The text of the following statement was released by the Governments of the United States of America, the United Mexican States and Canada on the occasion of the Sixth North American Drug Dialogue, held in Washington, D.C., on September 7, 2023.",
   "The three delegations reaffirmed that the synthetic drug crisis is a shared threat to public health and security in North America. Building on the North American Leaders' Summit, the three governments committed to establish a trilateral expert group on the diversion of precursor chemicals, to share forensic data on emerging substances such as xylazine and nitazenes, and to coordinate public-health messaging on the dangers of counterfeit pills.",
   "The delegations also agreed to hold the seventh Dialogue in Mexico City in 2024."],
  cats=("Mexico", "Canada", "Bureau of International Narcotics and Law Enforcement Affairs"), kind="Media Note")
sre("nadd_sre", "2023-09-08", "10:15", "México participa en el Sexto Diálogo de América del Norte sobre Drogas",
  "Las delegaciones de México, Canadá y Estados Unidos acordaron crear un grupo trilateral de expertos sobre desvío de precursores químicos.",
  ["Una delegación encabezada por la Subsecretaría para América del Norte participó ayer en Washington, D.C., en el Sexto Diálogo de América del Norte sobre Drogas, junto con representantes de los gobiernos de Canadá y de Estados Unidos.",
   "Las tres delegaciones acordaron conformar un grupo trilateral de expertos sobre el desvío de precursores químicos, intercambiar información forense sobre nuevas sustancias, como la xilacina, y coordinar campañas de salud pública sobre los riesgos de las pastillas falsificadas.",
   "México reiteró que la atención al consumo debe abordarse con un enfoque de salud pública y subrayó la corresponsabilidad de los países de destino en la reducción de la demanda. El próximo Diálogo se celebrará en la Ciudad de México en 2024."],
  cats=("Comunicados", "América del Norte", "Seguridad"))
claim("nadd_state", "confirmed", ["nadd_sre"], "State's joint statement says the three governments committed to a trilateral expert group on precursor diversion, forensic data sharing and public-health messaging; SRE's comunicado the next morning states the same three commitments.")
claim("nadd_sre", "confirmed", ["nadd_state"], "SRE says Mexico, Canada and the US agreed to a trilateral expert group on precursors, forensic data exchange and joint health campaigns; State's joint statement, about 19 hours earlier (inside the lookback), states the same commitments.")

# ---------- H-2 visas ----------
sre("h2_sre", "2023-09-14", "13:40", "Avanza la cooperación con Estados Unidos en movilidad laboral ordenada",
  "El Gobierno de Estados Unidos se comprometió a ampliar la capacidad de atención de visas de trabajo temporal H-2 en Monterrey y Hermosillo.",
  ["En reunión sostenida este jueves en la Cancillería con la delegación de la Embajada de Estados Unidos, el Gobierno de México dio seguimiento a los acuerdos en materia de movilidad laboral.",
   "El Gobierno de Estados Unidos se comprometió a ampliar la capacidad de atención de solicitudes de visas de trabajo temporal H-2A y H-2B en sus consulados generales en Monterrey y Hermosillo, con el fin de reducir los tiempos de espera antes de la temporada agrícola de 2024.",
   "La Secretaría de Relaciones Exteriores recuerda a las y los trabajadores que el trámite de la visa no tiene costo para el solicitante y que deben desconfiar de intermediarios que cobren por una oferta de empleo."],
  cats=("Comunicados", "América del Norte", "Migración"))
state("h2_state", "2023-09-15", "15:00", "U.S. Mission Mexico Expands Temporary Worker Visa Capacity",
  "Consulates General in Monterrey and Hermosillo will add interview capacity for H-2A and H-2B applicants ahead of the 2024 season.",
  ["As part of our commitment to safe, orderly and lawful migration, U.S. Mission Mexico will expand capacity to process H-2A and H-2B temporary worker visas at our Consulates General in Monterrey and Hermosillo beginning October 2.",
   "The additional interview capacity will help employers and workers prepare for the 2024 agricultural and seasonal season. In fiscal year 2023, U.S. Mission Mexico issued more than 300,000 H-2 visas.",
   "H-2 applicants should never pay a recruiter for a job offer. Workers who believe they have been exploited can contact the U.S. Department of Labor."],
  cats=("Mexico", "Bureau of Consular Affairs"), kind="Media Note")
claim("h2_sre", "confirmed", ["h2_state"], "SRE says the US committed to expand H-2A/H-2B processing capacity in Monterrey and Hermosillo; State's media note the next day announces exactly that expansion at both consulates.")

# ---------- Extradition (State thanks Mexico) ----------
state("extr_state", "2023-09-18", "12:20", "On the Extradition of Sinaloa Cartel Leader to the United States",
  "The Secretary welcomed the extradition from Mexico of a senior Sinaloa Cartel figure charged with fentanyl trafficking.",
  ["The United States welcomes the Government of Mexico's decision to extradite a senior leader of the Sinaloa Cartel, who is charged in the Northern District of Illinois with conspiracy to import and distribute fentanyl.",
   "We thank the Mexican authorities for their cooperation in this extradition, which reflects our shared commitment under the U.S.-Mexico Bicentennial Framework to hold accountable those who profit from the deaths of our citizens.",
   "&mdash; Antony J. Blinken, Secretary of State"],
  cats=("Mexico", "Counternarcotics"), kind="Press Statement")
claim("extr_state", "unconfirmed", [], "State attributes to Mexico's government a decision to extradite a Sinaloa Cartel leader; no SRE item in the window mentions the extradition (SRE's items that week are consular notices and the Eagle Pass rail statement).")

# ---------- Eagle Pass / El Paso rail closures ----------
cbp("rail_close_cbp", "2023-09-18", "17:05", "CBP Temporarily Suspends Rail Crossings in Eagle Pass and El Paso",
  "CBP temporarily suspended the operation of two international railway bridges to redeploy personnel.",
  ["WASHINGTON &mdash; U.S. Customs and Border Protection announced today that it will temporarily suspend rail operations at the international railway bridges in Eagle Pass and El Paso, Texas, effective immediately.",
   "CBP is redirecting personnel from the ports of entry to assist the U.S. Border Patrol with the processing of a high number of migrants arriving between ports, many of whom are being moved by smuggling organizations on freight trains in northern Mexico.",
   "CBP will continue to monitor the situation and will restore operations as soon as operationally feasible."],
  cats=("Border Security", "Trade"), national=True)
sre("rail_sre", "2023-09-20", "12:00", "Posicionamiento de la Cancillería sobre la suspensión de los cruces ferroviarios en Piedras Negras y Ciudad Juárez",
  "México y Estados Unidos acordaron un mecanismo de coordinación para restablecer los cruces ferroviarios.",
  ["La Secretaría de Relaciones Exteriores, en coordinación con la Secretaría de Economía, mantiene contacto permanente con las autoridades de Estados Unidos con motivo de la suspensión temporal de los cruces ferroviarios Eagle Pass–Piedras Negras y El Paso–Ciudad Juárez.",
   "Tras una reunión virtual celebrada ayer con funcionarios del Departamento de Seguridad Nacional, ambos gobiernos acordaron establecer un mecanismo de coordinación diaria entre Ferromex, la Guardia Nacional, el Instituto Nacional de Migración y CBP para restablecer a la brevedad las operaciones ferroviarias.",
   "La Cancillería subraya la importancia de estos cruces para las cadenas de suministro regionales."],
  cats=("Comunicados", "América del Norte", "Asuntos fronterizos"))
cbp("rail_reopen_cbp", "2023-09-23", "11:30", "CBP Resumes Rail Operations at Eagle Pass and El Paso",
  "Rail operations resumed at both international railway bridges.",
  ["WASHINGTON &mdash; U.S. Customs and Border Protection resumed rail operations at the international railway bridges in Eagle Pass and El Paso, Texas, on Saturday, Sept. 23.",
   "CBP continues to work to maintain border security while facilitating lawful trade and travel. Personnel reassigned to support U.S. Border Patrol will return to their duties at the ports of entry as conditions allow."],
  cats=("Border Security", "Trade"), national=True)
claim("rail_sre", "partial", ["rail_close_cbp", "rail_reopen_cbp"], "SRE says both governments agreed a daily coordination mechanism (Ferromex, Guardia Nacional, INM, CBP) to restore the rail crossings; CBP's releases on the same closure (Sept 18, 43 h before, and the Sept 23 reopening) never mention any agreement or mechanism with Mexico.")

# ---------- Consular repatriation arrangements ----------
sre("repat_sre", "2023-09-26", "17:20", "Reunión sobre los Arreglos Locales de Repatriación en la frontera norte",
  "Estados Unidos se comprometió a notificar con anticipación a los consulados las repatriaciones nocturnas.",
  ["Representantes de la red consular de México en la frontera y de las autoridades migratorias estadounidenses se reunieron en San Diego, California, para revisar la aplicación de los Arreglos Locales de Repatriación.",
   "Las autoridades estadounidenses se comprometieron a notificar a los consulados con al menos 72 horas de anticipación cualquier repatriación en horario nocturno y a no repatriar a personas vulnerables fuera de los horarios y puntos acordados.",
   "La Cancillería reitera que la protección de las personas mexicanas repatriadas es una prioridad."],
  cats=("Comunicados", "Protección consular"))
claim("repat_sre", "unconfirmed", [], "SRE says US migration authorities committed to 72-hour advance notice of night-time repatriations; no State, CBP or DHS item in the window mentions the repatriation arrangements.")

# ---------- High-Level Economic Dialogue ----------
state("hled_pre_state", "2023-09-28", "18:10", "Secretary Blinken's Meeting with Mexican Foreign Secretary Bárcena",
  "The Secretary welcomed Foreign Secretary Bárcena to Washington.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary of State Antony J. Blinken met today with Mexican Foreign Secretary Alicia Bárcena in Washington, D.C. The Secretary and Foreign Secretary Bárcena discussed regional migration, the upcoming High-Level Security Dialogue in Mexico City, and the situation in Haiti. The Secretary underscored the strength of the U.S.-Mexico partnership."])
state("hled_state", "2023-09-29", "19:00", "Joint Statement on the 2023 U.S.-Mexico High-Level Economic Dialogue",
  "The United States and Mexico committed to strengthen semiconductor supply chains, modernize the border and develop the workforce.",
  ["The text of the following joint statement was released by the Governments of the United States of America and the United Mexican States.",
   "The United States and Mexico held the third annual High-Level Economic Dialogue (HLED) in Washington, D.C., on September 29, 2023. The delegations committed to deepen cooperation in three areas: building resilient semiconductor supply chains, including a joint assessment of Mexico's semiconductor ecosystem; modernizing our shared border through the 21st Century Border initiative, with priority investments at key ports of entry; and expanding workforce development in science and engineering.",
   "Both delegations agreed to report on progress at the next HLED in 2024."],
  cats=("Mexico", "Bureau of Economic and Business Affairs"), kind="Media Note")
sre("hled_sre", "2023-09-29", "20:30", "Concluye en Washington el Diálogo Económico de Alto Nivel México-Estados Unidos",
  "Las delegaciones acordaron cooperar en semiconductores, infraestructura fronteriza y cerrar las consultas energéticas del T-MEC.",
  ["La canciller Alicia Bárcena encabezó la delegación mexicana que participó hoy en Washington, D.C., en el Diálogo Económico de Alto Nivel (DEAN) entre México y Estados Unidos.",
   "Las delegaciones acordaron realizar una evaluación conjunta del ecosistema de semiconductores en México, priorizar inversiones en los principales puertos fronterizos e impulsar la formación de talento en ciencia e ingeniería.",
   "Asimismo, acordaron concluir antes de que termine el año las consultas en materia de política energética iniciadas en el marco del Tratado entre México, Estados Unidos y Canadá (T-MEC), mediante un diálogo técnico entre las secretarías de Energía de ambos países.",
   "La canciller destacó que la integración económica de América del Norte es una ventaja estratégica para la región."],
  cats=("Comunicados", "América del Norte", "Asuntos económicos"))
sre("hled_sre_en", "2023-09-29", "21:15", "U.S.-Mexico High-Level Economic Dialogue concludes in Washington",
  "The delegations agreed to cooperate on semiconductors and border infrastructure and to conclude the USMCA energy consultations.",
  ["Foreign Secretary Alicia Bárcena led the Mexican delegation that participated today in Washington, D.C., in the High-Level Economic Dialogue (HLED) between Mexico and the United States.",
   "The delegations agreed to carry out a joint assessment of Mexico's semiconductor ecosystem, to prioritize investments at the main border ports and to promote training in science and engineering.",
   "They also agreed to conclude before the end of the year the energy policy consultations launched under the United States-Mexico-Canada Agreement (USMCA), through a technical dialogue between the two countries' energy ministries."],
  cats=("Comunicados", "América del Norte", "Asuntos económicos"), en=True)
claim("hled_state", "partial", ["hled_sre", "hled_sre_en"], "State's joint statement says both governments committed to a semiconductor assessment, border modernization and workforce development, and agreed to report on progress at the 2024 HLED; SRE's comunicado the same evening (and its English version) states the first three but not the agreement to report progress at the next HLED, so only some of several commitments are stated.")
claim("hled_sre", "partial", ["hled_state"], "SRE lists four agreements, including concluding the USMCA energy consultations before year-end; State's joint statement states the semiconductor, border and workforce commitments but says nothing about the energy consultations. The Sept 28 Blinken-Bárcena readout is a different, discussion-only meeting.")
claim("hled_sre_en", "partial", ["hled_state"], "SRE's own English version of its HLED comunicado (a same-side duplicate, not a confirmation); same status as the original: State's joint statement omits the USMCA energy-consultations commitment.")

# ---------- High-Level Security Dialogue ----------
state("hlsd_amlo_state", "2023-10-05", "13:30", "Secretary Blinken's Meeting with Mexican President López Obrador",
  "The Secretary met with President López Obrador at the National Palace.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary of State Antony J. Blinken met with Mexican President Andrés Manuel López Obrador today at the National Palace in Mexico City. The Secretary and President López Obrador discussed the shared challenges of irregular migration and the flow of fentanyl, and the Secretary underscored the importance of the U.S.-Mexico relationship to the prosperity and security of both countries."])
dhs("hlsd_dhs", "2023-10-05", "17:45", "Secretary Mayorkas Leads U.S. Delegation to High-Level Security Dialogue in Mexico City",
  "Secretary Mayorkas joined Secretary Blinken and Attorney General Garland in Mexico City for the annual Security Dialogue.",
  ["MEXICO CITY &ndash; Secretary of Homeland Security Alejandro N. Mayorkas today participated in the third U.S.-Mexico High-Level Security Dialogue, together with Secretary of State Antony J. Blinken, Attorney General Merrick B. Garland and Homeland Security Advisor Liz Sherwood-Randall.",
   "Secretary Mayorkas discussed with his Mexican counterparts the efforts of both countries to counter the production and trafficking of fentanyl, to disrupt human smuggling networks, and to manage migration in a safe and orderly way.",
   "&ldquo;Our partnership with Mexico is critical to the safety of the American people,&rdquo; said Secretary Mayorkas."])
state("hlsd_state", "2023-10-05", "19:20", "Joint Statement on the U.S.-Mexico High-Level Security Dialogue",
  "The two governments committed to a precursor chemicals working group and intensified action against arms trafficking.",
  ["The text of the following joint statement was released by the Governments of the United States of America and the United Mexican States.",
   "Delegations from the United States and Mexico met in Mexico City on October 5, 2023, for the third High-Level Security Dialogue under the U.S.-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities.",
   "The two governments committed to establish a bilateral working group on precursor chemicals to prevent their diversion for the production of synthetic drugs, and to intensify joint efforts to disrupt the trafficking of firearms, including through the exchange of information on firearms seized in Mexico.",
   "The delegations agreed that the Security Implementation Group will report on progress before the end of the year."],
  cats=("Mexico", "Bureau of International Narcotics and Law Enforcement Affairs"), kind="Media Note")
sre("hlsd_sre", "2023-10-05", "20:40", "México y Estados Unidos celebran el Diálogo de Alto Nivel sobre Seguridad",
  "Las delegaciones acordaron un grupo de trabajo sobre precursores químicos y acciones contra el tráfico de armas.",
  ["En el marco del Entendimiento Bicentenario sobre Seguridad, Salud Pública y Comunidades Seguras, la canciller Alicia Bárcena y la secretaria de Seguridad y Protección Ciudadana, Rosa Icela Rodríguez, encabezaron este jueves en la Cancillería la delegación mexicana en el tercer Diálogo de Alto Nivel sobre Seguridad.",
   "Las delegaciones acordaron crear un grupo de trabajo bilateral sobre precursores químicos y reforzar el intercambio de información sobre armas aseguradas en México.",
   "El Gobierno de Estados Unidos se comprometió a incrementar las inspecciones de vehículos en dirección sur en los cruces de San Diego, Nogales, El Paso, Laredo y Eagle Pass, para frenar el flujo ilícito de armas hacia nuestro país.",
   "La canciller Bárcena subrayó que el tráfico de armas es la principal preocupación de México en la relación de seguridad."],
  cats=("Comunicados", "América del Norte", "Seguridad"))
sre("hlsd_sre_en", "2023-10-05", "22:10", "Mexico and the United States Hold High-Level Security Dialogue",
  "The delegations agreed on a working group on precursor chemicals and actions against arms trafficking.",
  ["Within the framework of the Bicentennial Framework for Security, Public Health and Safe Communities, Foreign Secretary Alicia Bárcena and Security Secretary Rosa Icela Rodríguez led the Mexican delegation to the third High-Level Security Dialogue on Thursday.",
   "The delegations agreed to create a bilateral working group on precursor chemicals and to strengthen the exchange of information on firearms seized in Mexico.",
   "The United States Government committed to increase southbound vehicle inspections at the San Diego, Nogales, El Paso, Laredo and Eagle Pass crossings to stem the illicit flow of weapons into Mexico."],
  cats=("Comunicados", "América del Norte", "Seguridad"), en=True)
claim("hlsd_state", "partial", ["hlsd_sre", "hlsd_sre_en"], "State's joint statement commits both governments to a precursor-chemicals working group and firearms-information exchange, and says the delegations agreed the Security Implementation Group will report on progress before year-end; SRE's comunicado about 3 hours later (and its English version) states the first two but not the reporting agreement: some of several commitments.")
claim("hlsd_sre", "partial", ["hlsd_state", "hlsd_dhs"], "SRE says the US committed to more southbound inspections at five named crossings, besides the precursor group and firearms data; State's joint statement of the same Dialogue states only the latter two, and DHS's release only says the topics were discussed. The Blinken-AMLO readout is a separate meeting.")
claim("hlsd_sre_en", "partial", ["hlsd_state", "hlsd_dhs"], "SRE's own English version of the HLSD comunicado (same-side duplicate); same status as the original: no US item states the southbound-inspection commitment at the five crossings.")

# ---------- Water treaty (late counterpart) ----------
sre("water_sre", "2023-10-10", "18:00", "México y Estados Unidos firman acta sobre entregas de agua del río Bravo",
  "Las secciones de la CILA firmaron un acta para atender las entregas de agua del ciclo actual del Tratado de 1944.",
  ["Las secciones mexicana y estadounidense de la Comisión Internacional de Límites y Aguas (CILA) firmaron hoy en Ciudad Juárez un acta que establece medidas para atender las entregas de agua del río Bravo durante el ciclo actual del Tratado de Aguas de 1944.",
   "Ambos gobiernos acordaron un calendario de entregas que considera la sequía en la cuenca, y el Gobierno de Estados Unidos se comprometió a apoyar proyectos de tecnificación del riego en los distritos de riego de Chihuahua y Tamaulipas.",
   "La Cancillería reitera que México cumple y cumplirá con sus obligaciones conforme al Tratado, privilegiando el consumo humano."],
  cats=("Comunicados", "CILA", "Aguas internacionales"))
state("water_state", "2023-10-18", "14:00", "The United States and Mexico Sign New Minute Under the 1944 Water Treaty",
  "The Department welcomes the signature of a new Minute on Rio Grande water deliveries.",
  ["The United States welcomes the signature by the U.S. and Mexican Sections of the International Boundary and Water Commission of a new Minute to the 1944 Water Treaty, which sets out measures for Mexico's deliveries of Rio Grande water during the current five-year cycle.",
   "Under the Minute, Mexico committed to a schedule of deliveries that will help meet the needs of South Texas farmers and communities, and the United States will support irrigation efficiency projects in Mexico.",
   "This agreement reflects decades of cooperation in managing our shared waters."],
  cats=("Mexico", "Water"), kind="Press Statement")
claim("water_sre", "unconfirmed", [], "SRE says the two governments agreed a delivery schedule and the US committed to support irrigation projects; State's statement on the same Minute comes 8 days later (Oct 18), outside the 168-hour window, and nothing else on the US side mentions it.")
claim("water_state", "unconfirmed", [], "State says Mexico committed to a delivery schedule under the new Minute; SRE's comunicado on the Minute was 8 days earlier, well before the 48-hour lookback, and SRE publishes nothing else on it in the window.")

# ---------- Consular consultations ----------
sre("consul_sre", "2023-10-17", "16:45", "Se celebra la Reunión del Mecanismo de Consultas sobre Asuntos Consulares y Migratorios",
  "Ambas partes acordaron reforzar la notificación consular en centros de detención.",
  ["La Subsecretaría para América del Norte y la Oficina de Asuntos Consulares del Departamento de Estado celebraron hoy, en formato híbrido, la reunión anual del Mecanismo de Consultas sobre Asuntos Consulares y Migratorios.",
   "Acordaron reforzar la notificación consular oportuna de las personas mexicanas detenidas en centros de detención migratoria y realizar capacitaciones conjuntas para el personal de esos centros en el primer trimestre de 2024.",
   "La delegación mexicana expresó su preocupación por las condiciones de detención en algunos centros y por la separación de familias."],
  cats=("Comunicados", "Protección consular"))
claim("consul_sre", "unconfirmed", [], "SRE says the consular mechanism agreed to reinforce consular notification in detention centres and hold joint trainings; no US item in the window mentions the consultations.")

# ---------- Hurricane Otis (counterpart before claim) ----------
state("otis_state", "2023-10-26", "11:00", "U.S. Assistance in Response to Hurricane Otis",
  "USAID is deploying a Disaster Assistance Response Team and providing an initial $1 million in humanitarian aid.",
  ["The United States extends its deepest condolences to the people of Guerrero who have been affected by Hurricane Otis.",
   "The U.S. Agency for International Development is deploying a Disaster Assistance Response Team (DART) to Acapulco and is providing an initial $1 million in humanitarian assistance for emergency shelter, safe drinking water and hygiene supplies.",
   "U.S. citizens in the affected area who need assistance should contact the U.S. Embassy in Mexico City."],
  cats=("Mexico", "Disaster Assistance"), kind="Press Statement")
sre("otis_sre", "2023-10-27", "20:00", "Gobierno de Estados Unidos enviará ayuda humanitaria a Guerrero tras el huracán Otis",
  "Estados Unidos enviará un equipo de respuesta de USAID y un millón de dólares en asistencia.",
  ["La Secretaría de Relaciones Exteriores informa que el Gobierno de Estados Unidos se comprometió a enviar a Acapulco un Equipo de Asistencia para la Respuesta a Desastres (DART) de la Agencia de los Estados Unidos para el Desarrollo Internacional (USAID) y a aportar un millón de dólares en asistencia humanitaria inicial.",
   "La ayuda se canalizará a albergues temporales, agua potable e insumos de higiene, en coordinación con la Coordinación Nacional de Protección Civil.",
   "La Cancillería agradece las muestras de solidaridad de la comunidad internacional."],
  cats=("Comunicados", "América del Norte", "Cooperación internacional"))
sre("otis_sre_en", "2023-10-27", "21:30", "U.S. Government to Send Humanitarian Aid to Guerrero after Hurricane Otis",
  "The United States will send a USAID response team and one million dollars in assistance.",
  ["The Ministry of Foreign Affairs reports that the United States Government has committed to send a USAID Disaster Assistance Response Team (DART) to Acapulco and to provide one million dollars in initial humanitarian assistance.",
   "The aid will be channeled to temporary shelters, drinking water and hygiene supplies, in coordination with Mexico's National Civil Protection Coordination."],
  cats=("Comunicados", "América del Norte", "Cooperación internacional"), en=True)
state("otis_call_state", "2023-10-30", "16:20", "Secretary Blinken's Call with Mexican Foreign Secretary Bárcena",
  "The Secretary and the Foreign Secretary discussed recovery from Hurricane Otis and agreed to convene a migration working group.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary of State Antony J. Blinken spoke today with Mexican Foreign Secretary Alicia Bárcena. The Secretary reiterated U.S. condolences for the lives lost to Hurricane Otis and discussed ongoing U.S. support for relief efforts in Guerrero.",
   "The Secretary and the Foreign Secretary agreed to convene the bilateral working group on regional migration in Washington in November."])
sre("otis_call_sre", "2023-10-30", "19:10", "La canciller Alicia Bárcena conversa con el secretario de Estado Antony Blinken",
  "La canciller agradeció la solidaridad de Estados Unidos tras el paso del huracán Otis.",
  ["La canciller Alicia Bárcena sostuvo hoy una llamada telefónica con el secretario de Estado de Estados Unidos, Antony Blinken.",
   "La canciller agradeció las muestras de solidaridad del pueblo y el Gobierno de Estados Unidos tras el paso del huracán Otis por Acapulco y conversaron sobre la reconstrucción en Guerrero y la situación en Haití."])
claim("otis_sre", "confirmed", ["otis_state", "otis_call_state"], "SRE says the US committed to send a USAID DART to Acapulco and $1 million; State's statement, published about 35 hours earlier (inside the 48-hour lookback), announces the same DART and $1 million. State's Oct 30 call readout also addresses the same US relief support (without the specifics).")
claim("otis_sre_en", "confirmed", ["otis_state", "otis_call_state"], "SRE's own English version of the Otis comunicado (same-side duplicate); same status as the original, confirmed by State's Oct 26 statement; the Oct 30 call readout addresses the same relief support.")
claim("otis_call_state", "partial", ["otis_call_sre"], "State says both ministers agreed to convene the migration working group in November; SRE's readout of the same call covers Otis, reconstruction and Haiti but not the working group.")

# ---------- CBP + ANAM joint cargo (Spanish CBP) ----------
cbp("anam_cbp", "2023-11-06", "12:00", "CBP y la Agencia Nacional de Aduanas de México inician la revisión conjunta de carga en Nogales",
  "Inspectores de ambos países revisarán de manera conjunta los embarques de exportación en el puerto de Mariposa.",
  ["NOGALES, Arizona &mdash; La Oficina de Aduanas y Protección Fronteriza de Estados Unidos (CBP) y la Agencia Nacional de Aduanas de México (ANAM) iniciaron el lunes 6 de noviembre un programa piloto de revisión conjunta de carga en el puerto de entrada de Mariposa.",
   "Con el programa, oficiales de ambos países inspeccionarán juntos los embarques de productos frescos en un mismo punto, lo que reducirá el tiempo de cruce durante la temporada alta de invierno.",
   "&ldquo;Este esfuerzo binacional demuestra que seguridad y facilitación del comercio van de la mano&rdquo;, dijo el director del puerto de Nogales."],
  cats=("Trade", "Port Operations"))
claim("anam_cbp", "unconfirmed", [], "CBP (in Spanish) says CBP and Mexico's ANAM launched joint cargo inspections at Mariposa; no SRE item in the window mentions the pilot.")

# ---------- Letter of intent on labor rights (both claims) ----------
state("labor_state", "2023-11-02", "13:00", "United States and Mexico Sign Letter of Intent on Temporary Worker Protections",
  "The two governments will cooperate to protect the labor rights of Mexican temporary workers in the United States.",
  ["Today, the United States and Mexico signed a Letter of Intent to strengthen protections for Mexican workers who come to the United States on H-2A and H-2B visas.",
   "Under the Letter of Intent, the two governments will share information on fraudulent recruiters, coordinate outreach so that workers know their rights before departure, and refer complaints of abuse to the competent authorities in either country.",
   "The signing took place at the Department of State in the presence of Mexico's Undersecretary for North America."],
  cats=("Mexico", "Bureau of Democracy, Human Rights, and Labor"), kind="Media Note")
sre("labor_sre", "2023-11-02", "17:30", "México y Estados Unidos firman carta de intención para proteger a trabajadores temporales",
  "Ambos gobiernos intercambiarán información sobre reclutadores fraudulentos y coordinarán la orientación a trabajadores.",
  ["En el Departamento de Estado, en Washington, D.C., el Gobierno de México y el Gobierno de Estados Unidos firmaron hoy una carta de intención para proteger los derechos laborales de las personas mexicanas que trabajan en ese país con visas H-2A y H-2B.",
   "Mediante este instrumento, ambos gobiernos intercambiarán información sobre reclutadores fraudulentos, coordinarán la orientación a las personas trabajadoras antes de su salida y canalizarán las quejas por abusos a las autoridades competentes.",
   "La red consular de México brindará acompañamiento a los trabajadores temporales durante su estancia."],
  cats=("Comunicados", "América del Norte", "Mexicanos en el exterior"))
claim("labor_state", "confirmed", ["labor_sre"], "State says both governments signed a Letter of Intent to share data on fraudulent recruiters, coordinate outreach and refer complaints; SRE's comunicado the same day states the same three commitments.")
claim("labor_sre", "confirmed", ["labor_state"], "SRE says the governments signed a carta de intención with the same three commitments; State's media note of the same day states them.")

# ---------- Visa appointments (SRE claim, State contradicts) ----------
sre("visa_sre", "2023-11-10", "14:00", "Estados Unidos mantendrá la disponibilidad de citas para visas de turista en 2024",
  "La Embajada de Estados Unidos aseguró a la Cancillería que no reducirá las citas de visa de turista.",
  ["La Secretaría de Relaciones Exteriores informa que, en reunión de trabajo con la Embajada de Estados Unidos en México, las autoridades estadounidenses aseguraron que no reducirán el número de citas disponibles para visas de turista (B1/B2) durante 2024 y que mantendrán la exención de entrevista para renovaciones.",
   "La Cancillería continuará dando seguimiento a los tiempos de espera, que afectan a miles de personas mexicanas que viajan por motivos familiares, de turismo y de negocios."],
  cats=("Comunicados", "América del Norte"))
state("visa_state", "2023-11-12", "10:00", "Update on Nonimmigrant Visa Appointments in Mexico",
  "Visa appointment availability in Mexico will be adjusted in 2024 as resources shift to temporary worker visas.",
  ["U.S. Mission Mexico is adjusting its nonimmigrant visa operations for 2024. To meet record demand for H-2 temporary worker visas, some interview capacity currently dedicated to first-time B1/B2 visitor visas will be reallocated, and applicants should expect longer wait times for first-time visitor visa interviews at some posts.",
   "Interview waiver eligibility for certain renewals will be reviewed and may change. Applicants should check the official appointment website for current availability."],
  cats=("Mexico", "Bureau of Consular Affairs"), kind="Media Note")
claim("visa_sre", "partial", ["visa_state"], "SRE says the US Embassy assured it would not reduce B1/B2 appointments in 2024 and would keep renewal interview waivers; two days later State says visitor-visa capacity will be reallocated, with longer waits, and waivers may change: it addresses the same matter and contradicts it.", denied=True)

# ---------- DHS-Mexico anti-smuggling messaging campaign ----------
dhs("camp_dhs", "2023-11-14", "15:30", "DHS and the Government of Mexico Launch Joint Campaign Against Smuggler Misinformation",
  "The joint campaign will counter false claims spread by smugglers on social media.",
  ["WASHINGTON &ndash; The Department of Homeland Security and the Government of Mexico today launched a joint public messaging campaign to counter the misinformation that human smugglers spread on social media to lure migrants into dangerous journeys.",
   "Under the campaign, DHS and Mexico's Foreign Ministry and National Migration Institute agreed to publish coordinated messages in Spanish, Haitian Creole and Portuguese about lawful pathways, including the CBP One app, and the consequences of crossing irregularly."])
sre("camp_sre", "2023-11-15", "11:00", "México y Estados Unidos lanzan campaña conjunta contra la desinformación de traficantes de personas",
  "La Cancillería, el INM y el DHS publicarán mensajes coordinados sobre vías regulares de migración.",
  ["La Secretaría de Relaciones Exteriores, el Instituto Nacional de Migración y el Departamento de Seguridad Nacional de Estados Unidos acordaron una campaña conjunta de comunicación para contrarrestar la desinformación que difunden las redes de tráfico de personas.",
   "Se difundirán mensajes coordinados en español, criollo haitiano y portugués sobre las vías regulares disponibles y los riesgos del cruce irregular."],
  cats=("Comunicados", "Migración"))
claim("camp_dhs", "confirmed", ["camp_sre"], "DHS says it and Mexico's SRE and INM agreed a joint messaging campaign against smuggler misinformation; SRE's comunicado the next morning states the same joint campaign.")
claim("camp_sre", "confirmed", ["camp_dhs"], "SRE says SRE, INM and DHS agreed a joint campaign in three languages; DHS's release about 20 hours earlier (inside the lookback) states it.")

# ---------- APEC presidents' meeting (US feeds silent) ----------
sre("apec_sre", "2023-11-17", "21:00", "Reunión de los presidentes de México y Estados Unidos en San Francisco",
  "Los presidentes acordaron fortalecer la cooperación contra el fentanilo y el tráfico de armas.",
  ["En el marco de la Reunión de Líderes del Foro de Cooperación Económica Asia-Pacífico (APEC), el presidente Andrés Manuel López Obrador sostuvo un encuentro con el presidente Joseph R. Biden en San Francisco, California.",
   "Los mandatarios acordaron fortalecer la cooperación para combatir el tráfico de fentanilo y de armas, y el presidente Biden se comprometió a impulsar ante el Congreso de su país mayores recursos para el desarrollo en el sur de México y Centroamérica.",
   "Participaron en el encuentro la canciller Alicia Bárcena y el secretario de Estado Antony Blinken."])
claim("apec_sre", "unconfirmed", [], "SRE says the presidents agreed to strengthen cooperation and Biden committed to seek development funds; none of the US feeds (State, CBP, DHS) publishes about the San Francisco meeting in the window.")

# ---------- Precursor working group first meeting ----------
state("prec_state", "2023-11-21", "16:00", "U.S.-Mexico Precursor Chemicals Working Group Holds First Meeting",
  "The delegations agreed to create an early-warning system for precursor shipments and to exchange seizure data.",
  ["The U.S.-Mexico Bilateral Working Group on Precursor Chemicals, established at the October High-Level Security Dialogue, held its first meeting today in Washington, D.C.",
   "The delegations agreed to develop a joint early-warning system to flag suspicious shipments of precursor chemicals arriving at Mexican seaports, and to exchange data on precursor seizures on a monthly basis.",
   "The working group will meet again in Mexico City in the first quarter of 2024."],
  cats=("Mexico", "Bureau of International Narcotics and Law Enforcement Affairs"), kind="Media Note")
sre("prec_sre", "2023-11-22", "12:30", "Primera reunión del Grupo de Trabajo Bilateral sobre Precursores Químicos",
  "Se acordó intercambiar mensualmente la información sobre aseguramientos de precursores.",
  ["Ayer se realizó en Washington, D.C., la primera reunión del Grupo de Trabajo Bilateral sobre Precursores Químicos, creado en el Diálogo de Alto Nivel sobre Seguridad de octubre pasado.",
   "Las delegaciones acordaron intercambiar mensualmente información sobre los aseguramientos de precursores químicos y revisar los controles a la importación de estas sustancias. La delegación mexicana estuvo integrada por la Cancillería, la Secretaría de Marina, la ANAM y la Cofepris.",
   "La próxima reunión se realizará en la Ciudad de México."],
  cats=("Comunicados", "América del Norte", "Seguridad"))
claim("prec_state", "partial", ["prec_sre"], "State says the group agreed on a joint early-warning system for precursor shipments at Mexican seaports and monthly data exchange; SRE's comunicado of the same meeting states only the monthly data exchange.")
claim("prec_sre", "partial", ["prec_state"], "SRE says the group agreed to exchange precursor seizure data monthly and to review import controls on those substances; State's media note of the same meeting, about 21 hours earlier, states the monthly data exchange (and an early-warning system) but not a review of import controls: only some of the commitments.")

# ---------- Arms trafficking: SRE claims joint op; CBP only unilateral seizure ----------
sre("armsop_sre", "2023-11-28", "13:00", "México y Estados Unidos acuerdan operación conjunta contra el tráfico de armas",
  "Se realizará una operación conjunta en cinco cruces fronterizos durante diciembre.",
  ["La Secretaría de Relaciones Exteriores informa que, en reunión con la Embajada de Estados Unidos y representantes de la Oficina de Alcohol, Tabaco, Armas de Fuego y Explosivos (ATF), se acordó realizar durante diciembre una operación conjunta contra el tráfico de armas en los cruces de Tijuana–San Ysidro, Nogales, Ciudad Juárez–El Paso, Nuevo Laredo–Laredo y Piedras Negras–Eagle Pass.",
   "La operación incluirá revisiones simultáneas en ambos lados de la frontera y el intercambio en tiempo real de información de rastreo de armas.",
   "México reitera que la reducción del flujo de armas es indispensable para disminuir la violencia."],
  cats=("Comunicados", "América del Norte", "Seguridad"))
cbp("armsop_nog_cbp", "2023-11-30", "14:15", "Nogales CBP Officers Seize Rifles Bound for Mexico",
  "Officers found 12 rifles and ammunition in a southbound pickup at the DeConcini crossing.",
  ["NOGALES, Ariz. &mdash; U.S. Customs and Border Protection officers conducting southbound inspections at the DeConcini crossing in Nogales seized 12 rifles, 30 magazines and 2,000 rounds of ammunition on Tuesday, Nov. 28.",
   "Officers referred a 2016 Chevrolet Silverado for inspection and found the weapons concealed beneath the truck's bed liner. The driver, a 24-year-old Mexican citizen, was arrested and turned over to Homeland Security Investigations.",
   "CBP's Office of Field Operations conducts outbound inspections to stop the illegal export of weapons and currency."],
  cats=("Weapons Seizures", "Outbound Enforcement"))
claim("armsop_sre", "unconfirmed", [], "SRE says both governments agreed a December joint operation against arms trafficking at five crossings; the only US item nearby is CBP's unilateral Nogales seizure in a routine southbound inspection, which mentions no joint operation or Mexico, so it is not a match.")

# ---------- Lukeville closure ----------
cbp("luke_cbp", "2023-12-01", "18:00", "CBP to Temporarily Suspend Operations at Lukeville Port of Entry",
  "Operations at Lukeville will be suspended from Dec. 4 to redirect personnel.",
  ["TUCSON, Ariz. &mdash; Effective Monday, Dec. 4, U.S. Customs and Border Protection will temporarily suspend operations at the Lukeville, Arizona, port of entry in order to redirect personnel to assist the U.S. Border Patrol with taking migrants into custody.",
   "Travelers are encouraged to use the San Luis or Nogales ports of entry. CBP will restore operations as soon as possible."],
  cats=("Border Security", "Port Operations"))
sre("luke_sre", "2023-12-02", "16:00", "La Cancillería da seguimiento al cierre temporal del cruce Lukeville–Sonoyta",
  "El Gobierno de Estados Unidos decidió suspender temporalmente las operaciones del puerto de Lukeville a partir del 4 de diciembre.",
  ["La Secretaría de Relaciones Exteriores informa que el Gobierno de Estados Unidos decidió suspender temporalmente, a partir del lunes 4 de diciembre, las operaciones del puerto de entrada de Lukeville, Arizona, frente a Sonoyta, Sonora, con el fin de reasignar personal a la atención del flujo migratorio.",
   "El Consulado de México en Tucson brindará orientación a las personas afectadas. La Cancillería ha solicitado a las autoridades estadounidenses la pronta reapertura del cruce, de gran importancia para la economía de la región y el turismo hacia Puerto Peñasco."],
  cats=("Comunicados", "América del Norte", "Asuntos fronterizos"))
claim("luke_sre", "confirmed", ["luke_cbp"], "SRE attributes to the US government the decision to suspend Lukeville operations from Dec 4; CBP's release about 23 hours earlier (inside the lookback) announces that suspension.")

# ---------- CBP joint op Laredo; SRE generic security cooperation ----------
cbp("laredo_joint_cbp", "2023-12-06", "13:00", "CBP, Mexican Authorities Conduct Joint Southbound Operation in Laredo, Seize 40 Firearms",
  "A joint southbound operation with Mexican customs and military authorities netted 40 firearms.",
  ["LAREDO, Texas &mdash; U.S. Customs and Border Protection officers at the Laredo Port of Entry, in coordination with Mexico's National Customs Agency (ANAM) and the Secretariat of National Defense (SEDENA), conducted a joint southbound enforcement operation from Dec. 1 to Dec. 4 at the Juárez-Lincoln and Gateway to the Americas bridges.",
   "During the operation, CBP officers seized 40 firearms, 112 magazines and $310,000 in unreported currency, while Mexican authorities inspected vehicles on the Nuevo Laredo side of the bridges.",
   "&ldquo;This operation shows what we can accomplish with our Mexican partners,&rdquo; said the Laredo Port Director."],
  cats=("Weapons Seizures", "Outbound Enforcement"))
sre("laredo_gen_sre", "2023-12-07", "18:30", "Avances del Entendimiento Bicentenario en materia de tráfico de armas",
  "México y Estados Unidos mantienen una estrecha cooperación contra el tráfico ilícito de armas.",
  ["La Secretaría de Relaciones Exteriores informa que, en el marco del Entendimiento Bicentenario, México y Estados Unidos mantienen una estrecha cooperación para frenar el tráfico ilícito de armas hacia nuestro país.",
   "De enero a noviembre de este año, las autoridades mexicanas aseguraron más de 9,000 armas de fuego.",
   "La Cancillería continuará impulsando el litigio contra empresas fabricantes y distribuidoras de armas en tribunales estadounidenses."],
  cats=("Comunicados", "América del Norte", "Seguridad"))
claim("laredo_joint_cbp", "partial", ["laredo_gen_sre"], "CBP says it ran a joint southbound operation with ANAM and SEDENA at two Laredo bridges; SRE's Dec 7 comunicado on the same arms-trafficking cooperation speaks only of close coordination in general and never states that joint operation.")

# ---------- Otay Mesa hours (CBP Spanish release before SRE claim) ----------
cbp("otay_cbp", "2023-12-11", "17:00", "CBP amplía el horario de la Instalación de Carga de Otay Mesa",
  "A partir del 18 de diciembre, la instalación de carga abrirá también los sábados por la tarde.",
  ["SAN DIEGO &mdash; La Oficina de Aduanas y Protección Fronteriza (CBP) anunció que, a partir del lunes 18 de diciembre, la Instalación de Carga de Otay Mesa ampliará su horario de operación de lunes a viernes hasta las 10:00 p.m. y los sábados hasta las 6:00 p.m.",
   "La ampliación busca atender el mayor volumen de carga de la temporada de fin de año. Se invita a los transportistas a consultar los tiempos de espera en la aplicación BWT."],
  cats=("Trade", "Port Operations"))
sre("otay_sre", "2023-12-12", "19:00", "Amplía Estados Unidos el horario del cruce comercial de Otay Mesa",
  "Estados Unidos decidió ampliar el horario del cruce de carga a partir del 18 de diciembre.",
  ["El Consulado General de México en San Diego informa que el Gobierno de Estados Unidos decidió ampliar, a partir del 18 de diciembre, el horario de la Instalación de Carga de Otay Mesa, que operará de lunes a viernes hasta las 22:00 horas y los sábados hasta las 18:00 horas.",
   "La medida atiende una solicitud de la Cancillería y del sector productivo de Baja California."],
  cats=("Comunicados", "América del Norte", "Comercio"))
claim("otay_sre", "confirmed", ["otay_cbp"], "SRE says the US decided to extend Otay Mesa cargo hours from Dec 18; CBP's Spanish-language release, about 27 hours earlier (inside the lookback), announces the same extension.")

# ---------- Extradition to Mexico (SRE claim) ----------
sre("extrmx_sre", "2023-12-14", "15:30", "Estados Unidos entrega en extradición a México a persona acusada de feminicidio",
  "Las autoridades estadounidenses entregaron a México a una persona requerida por un juez de Jalisco.",
  ["La Secretaría de Relaciones Exteriores informa que el Gobierno de Estados Unidos entregó hoy en extradición al Gobierno de México, en el Puente Internacional Córdova-Américas, a una persona requerida por un juez de Jalisco por el delito de feminicidio.",
   "La extradición fue concedida por el Departamento de Estado tras el procedimiento correspondiente, en respuesta a la solicitud presentada por la Cancillería en 2022."],
  cats=("Comunicados", "Asuntos jurídicos"))
claim("extrmx_sre", "unconfirmed", [], "SRE attributes to the US government the extradition of a person wanted in Jalisco; no US item in the window mentions it.")

# ---------- CBP joint holiday hours at Ysleta (unconfirmed) ----------
cbp("ysleta_cbp", "2023-12-15", "10:30", "CBP, Mexican Officials Agree to Extended Holiday Hours at El Paso Bridges",
  "CBP and Mexican customs and migration authorities will extend hours for the holiday season.",
  ["EL PASO, Texas &mdash; U.S. Customs and Border Protection and Mexican customs and migration authorities agreed to extend operating hours at the Ysleta-Zaragoza and Bridge of the Americas crossings from Dec. 18 to Jan. 7 to accommodate holiday travelers, including paisanos returning to Mexico.",
   "Both sides of the bridges will open at 5 a.m. and close at midnight. Travelers are reminded to declare all items acquired abroad."],
  cats=("Travel", "Port Operations"))
claim("ysleta_cbp", "unconfirmed", [], "CBP says it and Mexican authorities agreed extended holiday hours at two El Paso bridges; no SRE item in the window mentions it (SRE's Dec 20 notice is only about its own consulates' holiday hours).")

# ---------- Caravan: DHS claims, SRE denies ----------
dhs("caravan_dhs", "2023-12-21", "18:30", "Statement by Secretary Mayorkas on Migrant Caravan in Southern Mexico",
  "Mexico has committed to additional enforcement and to accept returns of third-country nationals.",
  ["&ldquo;I spoke today with my counterparts in the Government of Mexico about the group of migrants that departed Tapachula this week. Mexico has committed to take additional enforcement measures to prevent the group from reaching our border and to accept the return of Venezuelan, Cuban, Haitian and Nicaraguan nationals encountered at our southwest border.",
   "&ldquo;We continue to encourage migrants to use lawful pathways, including the CBP One app.&rdquo;"])
sre("caravan_sre", "2023-12-22", "13:00", "Precisiones de la Cancillería sobre la atención al flujo migratorio en la frontera sur",
  "México no ha asumido compromiso alguno para recibir a personas de terceros países devueltas por Estados Unidos.",
  ["En relación con declaraciones de funcionarios estadounidenses, la Secretaría de Relaciones Exteriores precisa que México no ha asumido compromiso alguno para recibir en su territorio a personas de terceros países devueltas por Estados Unidos.",
   "El Instituto Nacional de Migración atiende al grupo que salió de Tapachula con apego a los derechos humanos, ofreciendo alternativas de regularización. La política migratoria de México es soberana y humanista."],
  cats=("Comunicados", "Migración"))
claim("caravan_dhs", "partial", ["caravan_sre", "s_caravana_info"], "DHS says Mexico committed to more enforcement and to accept returns of four nationalities; SRE's precision the next day addresses it and states Mexico made no commitment to receive third-country returns; SRE's Dec 26 note on attention to the same migrants in Chiapas states no enforcement commitment to the US. (The Dec 19 SB4 statement is about a Texas law, a different matter.)", denied=True)

# ---------- Dec 27 meeting in Mexico City ----------
state("dec27_state", "2023-12-27", "19:30", "Secretary Blinken's Meeting with Mexican President López Obrador",
  "The delegations discussed irregular migration and agreed to meet again in Washington in January.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary of State Antony J. Blinken, Secretary of Homeland Security Alejandro N. Mayorkas and Homeland Security Advisor Liz Sherwood-Randall met today with President Andrés Manuel López Obrador and Foreign Secretary Alicia Bárcena in Mexico City.",
   "They discussed unprecedented levels of irregular migration in the hemisphere and the need for additional enforcement, including against smuggling networks. The delegations agreed to meet again in Washington in January to review progress."])
dhs("dec27_dhs", "2023-12-27", "20:15", "Secretary Mayorkas Travels to Mexico City with Secretary Blinken",
  "Secretary Mayorkas met with President López Obrador on migration.",
  ["MEXICO CITY &ndash; Secretary Mayorkas traveled today to Mexico City with Secretary Blinken and met with President López Obrador to discuss the historic levels of migration throughout the hemisphere and enforcement actions to reduce irregular crossings at the southwest border."])
sre("dec27_sre", "2023-12-27", "18:00", "Reunión del presidente López Obrador con la delegación de Estados Unidos",
  "Acordaron la reapertura de cruces fronterizos y una reunión de seguimiento en Washington en enero.",
  ["El presidente Andrés Manuel López Obrador y la canciller Alicia Bárcena recibieron hoy en Palacio Nacional al secretario de Estado, Antony Blinken, al secretario de Seguridad Nacional, Alejandro Mayorkas, y a la asesora de Seguridad Nacional, Liz Sherwood-Randall.",
   "Las delegaciones conversaron sobre el flujo migratorio en la región. El Gobierno de Estados Unidos se comprometió a reabrir el Puente Internacional 1 de Eagle Pass y el cruce de Lukeville, y acordaron reunirse nuevamente en Washington en enero para dar seguimiento.",
   "México reiteró la necesidad de atender las causas estructurales de la migración."])
cbp("reopen_cbp", "2024-01-03", "12:00", "CBP to Resume Operations at Lukeville and Eagle Pass Bridge 1 on Jan. 4",
  "CBP will resume operations at the two crossings on Thursday, Jan. 4.",
  ["WASHINGTON &mdash; U.S. Customs and Border Protection will resume operations at the Lukeville, Arizona, port of entry and at Eagle Pass International Bridge 1 in Texas on Thursday, Jan. 4, at 8 a.m. local time.",
   "CBP continuously evaluates staffing and operational needs to carry out its border security mission while facilitating lawful trade and travel."],
  cats=("Border Security", "Port Operations"), national=True)
claim("dec27_sre", "confirmed", ["dec27_state", "dec27_dhs", "reopen_cbp"], "SRE says the US committed to reopen Eagle Pass Bridge 1 and Lukeville and both sides agreed a January follow-up in Washington; State's readout states the January meeting and CBP's Jan 3 release (about 161 hours later) announces both reopenings. DHS's release is about the same meeting.")
claim("dec27_state", "confirmed", ["dec27_sre"], "State says the delegations agreed to meet again in Washington in January; SRE's comunicado of the same meeting states the same.")

# ---------- Jan 9 meeting and Jan 12 call (same officials within one window) ----------
sre("jan9_sre", "2024-01-09", "17:00", "La canciller Alicia Bárcena se reúne en Washington con el secretario de Estado Antony Blinken",
  "Revisaron los avances de la cooperación en materia migratoria.",
  ["En seguimiento a la reunión del 27 de diciembre en Palacio Nacional, la canciller Alicia Bárcena se reunió hoy en Washington, D.C., con el secretario de Estado, Antony Blinken.",
   "Los funcionarios conversaron sobre la disminución de los cruces irregulares en las últimas semanas, el combate a las redes de tráfico de personas y la atención a las causas estructurales de la migración en la región."])
state("jan9_state", "2024-01-09", "19:45", "Secretary Blinken's Meeting with Mexican Foreign Secretary Bárcena",
  "The Secretary welcomed Mexico's commitment to new visa requirements for third-country nationals.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary of State Antony J. Blinken met today with Mexican Foreign Secretary Alicia Bárcena in Washington to review progress since the December 27 meeting in Mexico City.",
   "The Secretary welcomed Foreign Secretary Bárcena's commitment that Mexico will impose visa requirements on nationals of additional countries whose citizens transit Mexico to reach the U.S. border."])
sre("jan10_sre", "2024-01-10", "12:00", "La Cancillería precisa el alcance de la reunión con el secretario de Estado",
  "México define su política de visas de manera soberana.",
  ["En relación con información difundida sobre la reunión de ayer entre la canciller Alicia Bárcena y el secretario de Estado Antony Blinken, la Secretaría de Relaciones Exteriores precisa que México define su política de visas de manera soberana y que no asumió ningún compromiso para imponer nuevos requisitos de visa a nacionales de otros países."])
state("jan12_state", "2024-01-11", "15:00", "Secretary Blinken's Call with Mexican Foreign Secretary Bárcena",
  "The Secretary and Foreign Secretary discussed lawful pathways.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary of State Antony J. Blinken spoke with Mexican Foreign Secretary Alicia Bárcena today. They discussed the importance of expanding lawful pathways for migrants in the region and continued cooperation against human smuggling networks."])
sre("jan12_sre", "2024-01-11", "17:30", "Llamada de la canciller Alicia Bárcena con el secretario de Estado Antony Blinken",
  "Acordaron ampliar las vías regulares de migración.",
  ["La canciller Alicia Bárcena sostuvo hoy una llamada con el secretario de Estado, Antony Blinken.",
   "Acordaron ampliar las vías regulares de migración: Estados Unidos incrementará el número de citas diarias disponibles en la aplicación CBP One y México ampliará la expedición de tarjetas de visitante regional en su frontera sur."])
claim("jan9_state", "partial", ["jan9_sre", "jan10_sre"], "State says Bárcena committed Mexico to new visa requirements; SRE's readout of the same meeting only mentions what was discussed, and its Jan 10 precision says Mexico made no such commitment. The Jan 11 call is a different contact, not a match.", denied=True)
claim("jan12_sre", "partial", ["jan12_state"], "SRE says they agreed the US will raise daily CBP One appointments (and Mexico expand regional visitor cards); State's readout of the same call only says lawful pathways were discussed. State's Jan 9 readout is a different meeting, not a match.")

# ---------- Steel (State claim, unconfirmed) ----------
state("steel_state", "2024-01-24", "16:30", "U.S.-Mexico Consultations on Steel Trade",
  "Mexico agreed to require melted-and-poured certificates for steel imports.",
  ["Senior officials of the United States and Mexico met today in Washington to address the surge in steel imports from Mexico.",
   "Mexico agreed to require melted-and-poured certificates for steel imports and to share import data with the United States on a quarterly basis, to prevent the transshipment of steel from third countries through Mexico.",
   "The United States will continue to monitor steel trade closely."],
  cats=("Mexico", "Bureau of Economic and Business Affairs"), kind="Media Note")
claim("steel_state", "unconfirmed", [], "State says Mexico agreed to require melted-and-poured certificates and share steel import data; no SRE item in the window mentions steel.")

# ---------- Cattle at Douglas (both claims) ----------
sre("cattle_sre", "2024-01-25", "14:00", "Se reanuda la importación de ganado en pie por Agua Prieta–Douglas",
  "México y Estados Unidos acordaron reanudar el cruce de ganado bajo un protocolo sanitario reforzado.",
  ["La Secretaría de Relaciones Exteriores informa que las autoridades de México y Estados Unidos acordaron reanudar a partir del 29 de enero el cruce de ganado en pie por el puerto de Agua Prieta–Douglas, bajo un protocolo sanitario reforzado de inspección conjunta.",
   "El protocolo fue acordado entre el Servicio Nacional de Sanidad, Inocuidad y Calidad Agroalimentaria (Senasica) y las autoridades agropecuarias y aduanales estadounidenses."],
  cats=("Comunicados", "América del Norte", "Comercio"))
cbp("cattle_cbp", "2024-01-26", "15:00", "Douglas Port Resumes Livestock Crossings Under Joint Inspection Protocol",
  "Cattle crossings resume Jan. 29 under a protocol agreed with Mexico's SENASICA.",
  ["DOUGLAS, Ariz. &mdash; U.S. Customs and Border Protection, the U.S. Department of Agriculture and Mexico's National Service for Agro-Alimentary Health, Safety and Quality (SENASICA) agreed to resume livestock crossings at the Douglas port of entry on Monday, Jan. 29, under a joint inspection protocol.",
   "Under the protocol, cattle will be inspected by Mexican and U.S. veterinarians at the Agua Prieta and Douglas livestock facilities before entry."],
  cats=("Trade", "Agriculture"))
claim("cattle_sre", "confirmed", ["cattle_cbp"], "SRE says both countries agreed to resume cattle crossings at Douglas from Jan 29 under a joint sanitary protocol; CBP's release the next day states that agreement with SENASICA and the date.")
claim("cattle_cbp", "confirmed", ["cattle_sre"], "CBP says CBP, USDA and SENASICA agreed to resume livestock crossings at Douglas on Jan 29 under a joint protocol; SRE's comunicado about 24 hours earlier states the same.")

# ---------- Arms trafficking group Jan 30 ----------
sre("armsgrp_sre", "2024-01-30", "18:00", "Reunión del Grupo de Alto Nivel sobre Tráfico de Armas",
  "Estados Unidos se comprometió a compartir los datos de rastreo de armas con la FGR.",
  ["Se llevó a cabo hoy en la Ciudad de México la reunión del Grupo de Alto Nivel sobre Tráfico de Armas, con la participación de la Cancillería, la Fiscalía General de la República, la Secretaría de la Defensa Nacional y la ATF, CBP y el Departamento de Estado por parte de Estados Unidos.",
   "El Gobierno de Estados Unidos informó que ha incrementado las revisiones hacia el sur en sus puertos de entrada y se comprometió a dar a la Fiscalía General de la República acceso en línea a los resultados del sistema de rastreo eTrace.",
   "Ambas partes revisaron los avances del Entendimiento Bicentenario."],
  cats=("Comunicados", "América del Norte", "Seguridad"))
state("armsgrp_state", "2024-01-31", "11:00", "U.S.-Mexico Firearms Trafficking Working Group Meets in Mexico City",
  "The delegations reviewed progress on countering firearms trafficking.",
  ["U.S. and Mexican officials met in Mexico City on January 30 to review progress in countering the trafficking of firearms, a key pillar of the Bicentennial Framework.",
   "The delegations discussed southbound inspections, firearms tracing and investigations of trafficking networks, and underscored the importance of reducing violence on both sides of the border."],
  cats=("Mexico", "Bureau of International Narcotics and Law Enforcement Affairs"), kind="Media Note")
claim("armsgrp_sre", "partial", ["armsgrp_state"], "SRE says the US committed to give the FGR online access to eTrace results; State's note on the same meeting says tracing was discussed but states no such commitment.")

# ---------- CBP One coordination at Nogales (CBP claim, unconfirmed) ----------
cbp("cbpone_nog_cbp", "2023-10-16", "11:00", "CBP, Mexican Migration Authorities Coordinate CBP One Arrivals at Nogales",
  "Mexico's National Migration Institute will escort appointment holders to the DeConcini port.",
  ["NOGALES, Ariz. &mdash; U.S. Customs and Border Protection and Mexico's National Migration Institute (INM) agreed on a new procedure for noncitizens with CBP One appointments at the DeConcini port of entry. Beginning Oct. 23, INM officers will verify appointment confirmations on the Mexican side and escort appointment holders to the limit line at their scheduled time.",
   "The procedure is intended to reduce crowding at the port and protect migrants from extortion by criminal organizations."],
  cats=("Border Security", "Migration"))
claim("cbpone_nog_cbp", "unconfirmed", [], "CBP says it and Mexico's INM agreed a procedure under which INM escorts CBP One appointment holders to the DeConcini limit line; no SRE item in the window mentions it.")

# ---------- Consular case: use of force ----------
sre("force_sre", "2023-11-24", "13:00", "La Cancillería da seguimiento a la muerte de un connacional en Arizona",
  "La Patrulla Fronteriza se comprometió a revisar sus protocolos de uso de la fuerza.",
  ["La Secretaría de Relaciones Exteriores, a través del Consulado de México en Douglas, da seguimiento a la investigación por la muerte de un connacional ocurrida el 19 de noviembre cerca de Douglas, Arizona, en un incidente en el que participaron agentes de la Patrulla Fronteriza.",
   "Tras las gestiones del consulado, la Patrulla Fronteriza se comprometió a revisar sus protocolos de uso de la fuerza en el sector Tucson y a compartir con el consulado los resultados de la investigación interna.",
   "La Cancillería reitera su rechazo a cualquier uso desproporcionado de la fuerza contra personas mexicanas."],
  cats=("Comunicados", "Protección consular"))
claim("force_sre", "unconfirmed", [], "SRE says Border Patrol committed to review its use-of-force protocols in the Tucson sector and share its investigation; no CBP, DHS or State item in the window mentions the death or any review.")

# ---------- Archaeological pieces returned (SRE claim) ----------
sre("arqueo_sre", "2023-12-05", "12:00", "Recupera México 45 piezas arqueológicas en Estados Unidos",
  "El Departamento de Seguridad Nacional entregó al Consulado en Los Ángeles piezas de origen prehispánico.",
  ["En ceremonia celebrada en el Consulado General de México en Los Ángeles, la oficina de Investigaciones de Seguridad Nacional (HSI) del Departamento de Seguridad Nacional de Estados Unidos entregó al Gobierno de México 45 piezas arqueológicas de origen prehispánico aseguradas en una investigación.",
   "Las piezas serán trasladadas al Instituto Nacional de Antropología e Historia para su resguardo. En lo que va de la presente administración, México ha recuperado más de 11,000 bienes culturales."],
  cats=("Comunicados", "Cultura"))
claim("arqueo_sre", "unconfirmed", [], "SRE says DHS/HSI handed back 45 pre-Hispanic pieces to Mexico; no US item in the window mentions the repatriation.")

# ---------- Disappeared persons forensic cooperation (State claim) ----------
state("forense_state", "2023-12-08", "14:00", "United States and Mexico Expand Cooperation on the Search for Missing Persons",
  "The United States will support Mexico's forensic identification efforts.",
  ["The United States and Mexico agreed today to expand cooperation on the search for and identification of missing and disappeared persons. Under the arrangement, the United States will provide DNA laboratory equipment and training to Mexico's National Search Commission and state forensic services, and the two governments will exchange forensic data to help identify remains found on both sides of the border.",
   "The United States is committed to supporting the families of the disappeared."],
  cats=("Mexico", "Bureau of International Narcotics and Law Enforcement Affairs"), kind="Media Note")
claim("forense_state", "unconfirmed", [], "State says both governments agreed to expand forensic cooperation on missing persons, with US DNA labs and data exchange; no SRE item in the window mentions it.")

# ---------- Global Entry (CBP claim confirmed; SRE claim unconfirmed: CBP was 54 h earlier) ----------
cbp("ge_cbp", "2024-01-18", "09:00", "CBP and Mexico Renew Global Entry Arrangement for Mexican Travelers",
  "Mexican citizens will continue to be able to enroll in Global Entry through Mexico's Viajero Confiable program.",
  ["WASHINGTON &mdash; U.S. Customs and Border Protection and Mexico's National Customs Agency (ANAM) renewed the joint arrangement that allows Mexican citizens to enroll in Global Entry through Mexico's Viajero Confiable trusted traveler program.",
   "Under the renewed arrangement, the two agencies will also cut the joint vetting time for applicants to 60 days and open new enrollment centers in Monterrey and Guadalajara."],
  cats=("Travel", "Trusted Traveler Programs"), national=True)
sre("ge_sre", "2024-01-20", "14:00", "Se renueva el acuerdo para que personas mexicanas participen en Global Entry",
  "Estados Unidos y México acordaron renovar el esquema de Viajero Confiable y abrir nuevos centros de registro.",
  ["La Secretaría de Relaciones Exteriores informa que los gobiernos de México y Estados Unidos acordaron renovar el esquema que permite a las personas mexicanas inscribirse en el programa Global Entry a través de Viajero Confiable.",
   "Con la renovación, se reducirá a 60 días el tiempo de revisión conjunta de las solicitudes y se abrirán centros de registro en Monterrey y Guadalajara."],
  cats=("Comunicados", "América del Norte"))
claim("ge_cbp", "confirmed", ["ge_sre"], "CBP says CBP and ANAM renewed the Global Entry / Viajero Confiable arrangement, with 60-day vetting and new centres; SRE states the same renewal about 54 hours later, inside the 168-hour window.")
claim("ge_sre", "unconfirmed", [], "SRE says both governments agreed to renew the Global Entry arrangement; CBP's release on it was published about 54 hours earlier, just beyond the 48-hour lookback, and no US item in the window mentions it.")

# ---------- Binational bridges (several commitments) ----------
sre("puentes_sre", "2024-01-17", "19:00", "Reunión Plenaria del Grupo Binacional sobre Puentes y Cruces Internacionales",
  "Las delegaciones acordaron avanzar en Otay II y en el cuarto puente ferroviario de Laredo; Estados Unidos ampliará carriles SENTRI en Calexico.",
  ["Se celebró hoy en Tijuana, Baja California, la reunión plenaria del Grupo Binacional México-Estados Unidos sobre Puentes y Cruces Internacionales, presidida por la Cancillería y el Departamento de Estado.",
   "Las delegaciones acordaron acelerar la construcción del nuevo cruce Otay II–Otay Mesa East y del cuarto puente ferroviario en Nuevo Laredo–Laredo.",
   "Asimismo, el Gobierno de Estados Unidos se comprometió a habilitar dos carriles SENTRI adicionales en el puerto de Calexico West durante el primer semestre de 2024."],
  cats=("Comunicados", "América del Norte", "Asuntos fronterizos"))
state("puentes_state", "2024-01-18", "12:00", "U.S.-Mexico Binational Bridges and Border Crossings Group Meets in Tijuana",
  "The delegations agreed to advance the Otay Mesa East crossing and a new rail bridge in Laredo.",
  ["The U.S.-Mexico Binational Group on Bridges and Border Crossings held its plenary meeting in Tijuana on January 17, co-chaired by the Department of State and Mexico's Foreign Ministry.",
   "The delegations agreed to accelerate the construction of the Otay Mesa East port of entry and of a fourth rail bridge between Laredo and Nuevo Laredo, and reviewed progress on more than 20 border infrastructure projects."],
  cats=("Mexico", "Bureau of Western Hemisphere Affairs"), kind="Media Note")
claim("puentes_sre", "partial", ["puentes_state"], "SRE lists the Otay II and Laredo rail-bridge agreements plus a US commitment to two extra SENTRI lanes at Calexico West; State's note on the same plenary states the first two but not the SENTRI lanes.")
claim("puentes_state", "confirmed", ["puentes_sre"], "State says the delegations agreed to accelerate Otay Mesa East and a fourth Laredo rail bridge; SRE's comunicado of the same plenary, about 16 hours earlier, states both.")

# ---------- Interior repatriation flights (DHS claim) ----------
dhs("pri_dhs", "2024-01-22", "15:00", "DHS and Mexico Agree to Resume Interior Repatriation Flights",
  "Flights will return Mexican nationals to Mexico City and Guadalajara.",
  ["WASHINGTON &ndash; The Department of Homeland Security and the Government of Mexico have agreed to resume the Interior Repatriation Program, under which Mexican nationals who are removed from the United States will be flown to Mexico City and Guadalajara rather than returned at border crossings.",
   "The first flights are expected to begin in February."])
claim("pri_dhs", "unconfirmed", [], "DHS says it and Mexico agreed to resume interior repatriation flights; no SRE item in the window mentions them (the Jan 23 SRE item is about a reception module for returnees at El Chaparral, a different, Mexican-run service).")
