import json, re, unicodedata
I=[]; C=[]
def slug(t):
    t=unicodedata.normalize('NFKD',t).encode('ascii','ignore').decode().lower()
    t=re.sub(r'[^a-z0-9]+','-',t).strip('-')
    return t if len(t)<=90 else t[:90].rsplit('-',1)[0]
def html(ps): return ''.join('<p>%s</p>'%p for p in ps)
def sre(title,pub,summ,ps,cats=("Comunicados",),s=None):
    g='https://www.gob.mx/sre/prensa/'+(s or slug(title))
    I.append(dict(feed='sre',guid=g,title=title,link=g,published=pub,summary=summ,content=html(ps),categories=list(cats))); return ('sre',g)
def state(p,title,pub,summ,ps,cats=("Office of the Spokesperson",)):
    g='https://www.state.gov/?p=%d'%p
    I.append(dict(feed='state',guid=g,title=title,link='https://www.state.gov/'+slug(title)+'/',published=pub,summary=summ,content=html(ps),categories=list(cats))); return ('state',g)
def cbp(n,title,pub,summ,ps,kind='local-media-release',cats=("Media Release",)):
    g='%d at https://www.cbp.gov'%n
    I.append(dict(feed='cbp',guid=g,title=title,link='https://www.cbp.gov/newsroom/%s/%s'%(kind,slug(title)),published=pub,summary=summ,content=html(ps),categories=list(cats))); return ('cbp',g)
def claim(it,status,matches,why,denied=False):
    C.append(dict(feed=it[0],guid=it[1],status=status,matches=[dict(feed=f,guid=g) for f,g in matches],why=why,denied=denied))
# ---------------- January 2025
s_fire=sre("México envía brigada de combatientes forestales para apoyar en los incendios de Los Ángeles","2025-01-11T19:30:00-06:00",
 "A solicitud del Gobierno de Estados Unidos, una brigada de la Conafor y de la Sedena se integra a las labores contra los incendios en California.",
 ["Comunicado No. 012","La Secretaría de Relaciones Exteriores informa que, a solicitud del Gobierno de Estados Unidos, transmitida por conducto del Departamento de Estado, el Gobierno de México envió este sábado una brigada de 72 combatientes forestales de la Comisión Nacional Forestal (Conafor) y de la Secretaría de la Defensa Nacional para apoyar en el combate a los incendios que afectan al condado de Los Ángeles.",
  "La brigada trabajará de manera coordinada con el Servicio Forestal de Estados Unidos y con las autoridades de California durante al menos dos semanas.",
  "El Consulado General de México en Los Ángeles mantiene abierta su línea de atención para las personas mexicanas afectadas."],("Comunicados","América del Norte"))
st_fire=state(620114,"Thanking Mexico for Firefighting Assistance in Los Angeles","2025-01-12T15:00:00-05:00",
 "The United States welcomes the arrival of a Mexican firefighting team that will work alongside U.S. Forest Service crews in Los Angeles County.",
 ["The United States is grateful to the Government of Mexico for responding to our request for assistance with the wildfires in Los Angeles County. A team of Mexican firefighters from CONAFOR and the Mexican armed forces arrived January 11 and will work alongside the U.S. Forest Service and California fire agencies.",
  "This deployment reflects the deep friendship between our peoples. Our thoughts remain with the families who have lost their homes and loved ones."])
claim(s_fire,"confirmed",[st_fire],"SRE says Mexico sent a 72-member firefighting brigade at the US government's request to work with the US Forest Service; State the next day thanks Mexico for responding to the US request and says the team works alongside the Forest Service.")
claim(st_fire,"confirmed",[s_fire],"State says Mexico, answering the US request, deployed a CONAFOR/armed forces firefighting team to Los Angeles; SRE's comunicado about 19 hours earlier states the same deployment at the US request.")
cbp(601233,"Laredo CBP Officers Seize $3.1 Million in Methamphetamine at World Trade Bridge","2025-01-14T11:00:00-06:00",
 "Officers found 310 pounds of methamphetamine in a shipment of fresh limes.",
 ["LAREDO, Texas &mdash; U.S. Customs and Border Protection, Office of Field Operations officers at the World Trade Bridge seized 310 pounds of methamphetamine concealed within a commercial shipment of limes on Jan. 10.","The tractor-trailer, arriving from Mexico, was referred for secondary inspection, where officers using non-intrusive inspection equipment and a canine team discovered 140 packages. CBP seized the narcotics and the conveyance. Homeland Security Investigations special agents are investigating."])
sre("La SRE pone a disposición la línea del CIAM ante el cambio de administración en Estados Unidos","2025-01-19T18:00:00-06:00",
 "La red consular reforzará su atención y asesoría legal a partir del 20 de enero.",
 ["Comunicado No. 021","La Secretaría de Relaciones Exteriores informa que la red de 53 consulados de México en Estados Unidos reforzará a partir del 20 de enero su atención a la comunidad mexicana, con horarios extendidos, consulados móviles y asesoría legal gratuita a través de los Programas de Asesoría Legal Externa (PALE).","La Cancillería recuerda que el Centro de Información y Asistencia a Personas Mexicanas (CIAM) está disponible las 24 horas en el 520 623 7874, y exhorta a las personas connacionales a no caer en fraudes de gestores."],("Comunicados","Protección consular"))
cbp(601418,"CBP Removes Scheduling Functionality in CBP One App","2025-01-20T17:00:00-05:00",
 "Existing appointments scheduled through the app have been canceled.",
 ["WASHINGTON &mdash; Effective January 20, 2025, the functionality of the CBP One application that previously allowed undocumented aliens to submit advance information and schedule appointments at eight southwest border ports of entry is no longer available, and existing appointments have been canceled.","CBP One remains available for other uses, including requesting provisional I-94s and inspections of perishable cargo."],kind='national-media-release',cats=("National Media Release",))
sre("Presentan la estrategia “México te abraza” para recibir a personas mexicanas repatriadas","2025-01-21T20:00:00-06:00",
 "Se instalan centros de atención en nueve puntos de la frontera norte.",
 ["Comunicado No. 026","La Cancillería participa en la estrategia “México te abraza”, que coordina la Secretaría de Gobernación para recibir a las personas mexicanas que sean repatriadas desde Estados Unidos. Se instalaron centros de atención en Tijuana, Mexicali, Nogales, Ciudad Juárez, Ciudad Acuña, Piedras Negras, Nuevo Laredo, Reynosa y Matamoros.","Las personas repatriadas recibirán alimentación, atención médica, la CURP, un apoyo económico mediante la tarjeta Financiera para el Bienestar y transporte a sus lugares de origen."],("Comunicados","Protección consular"))
cbp(601530,"Otay Mesa Officers Arrest Mexican Citizen Smuggling Fentanyl Pills","2025-01-23T10:15:00-08:00",
 "Officers discovered more than 40,000 fentanyl pills hidden in a pickup's gas tank.",
 ["SAN DIEGO &mdash; U.S. Customs and Border Protection officers at the Otay Mesa port of entry on Jan. 21 arrested a 31-year-old Mexican citizen who attempted to smuggle more than 40,000 fentanyl pills concealed in the gas tank of a pickup truck.","The driver was turned over to Homeland Security Investigations. CBP seized the narcotics and the vehicle."])
s_rep=sre("Cancillería y autoridades migratorias de Estados Unidos acuerdan protocolo para repatriaciones ordenadas","2025-01-27T13:00:00-06:00",
 "Las repatriaciones se realizarán por los nueve puntos acordados y en horario diurno.",
 ["Comunicado No. 034","La subsecretaria para América del Norte se reunió en la Ciudad de México con una delegación del Servicio de Inmigración y Control de Aduanas (ICE) y de la Oficina de Aduanas y Protección Fronteriza (CBP) de Estados Unidos para revisar los procedimientos de repatriación de personas mexicanas.",
  "Las delegaciones acordaron que las repatriaciones se realizarán únicamente por los nueve puntos de recepción establecidos en la frontera norte y en horario diurno. Asimismo, el gobierno estadounidense se comprometió a notificar a los consulados mexicanos con al menos 24 horas de anticipación los vuelos de repatriación y a entregar la documentación de identidad de cada persona.",
  "La Cancillería reitera que la atención a las personas repatriadas se brinda en el marco de la estrategia “México te abraza”."],("Comunicados","Protección consular"))
claim(s_rep,"unconfirmed",[],"SRE says US immigration authorities agreed to repatriate only via nine points in daytime and committed to 24-hour advance notice of flights; no State or CBP item in the window mentions the meeting or any such protocol.")
state(620311,"Secretary Rubio's Meeting with Guatemalan President Arévalo","2025-02-05T19:00:00-05:00",
 "The Secretary and President Arévalo agreed to increase deportation flights and Guatemala agreed to receive nationals of other countries.",
 ["Spokesperson Tammy Bruce: Secretary Rubio met today with Guatemalan President Bernardo Arévalo in Guatemala City. The Secretary thanked President Arévalo for agreeing to increase by 40 percent the deportation flights of Guatemalan nationals and of third-country nationals from the United States.","They also discussed cooperation against transnational criminal organizations and the Secretary underscored U.S. support for Guatemala's efforts to secure its borders."],("Readout","Guatemala"))
# ---------------- February 2025: tariff pause
s_tar=sre("Acuerdo entre la presidenta de México y el presidente de Estados Unidos para pausar por un mes la aplicación de aranceles","2025-02-03T12:40:00-06:00",
 "Ambos mandatarios acordaron pausar los aranceles; México reforzará la frontera norte y EU trabajará para frenar el tráfico de armas.",
 ["Comunicado No. 041","La presidenta de México, Claudia Sheinbaum Pardo, sostuvo esta mañana una conversación telefónica con el presidente de Estados Unidos, Donald Trump, en la que participó el canciller Juan Ramón de la Fuente.",
  "Ambos mandatarios acordaron pausar por un mes la entrada en vigor de los aranceles anunciados por el gobierno estadounidense. México reforzará de inmediato la frontera norte con 10 mil elementos de la Guardia Nacional para evitar el tráfico de drogas, en particular de fentanilo.",
  "Por su parte, el gobierno de Estados Unidos se comprometió a trabajar para evitar el tráfico de armas de alto poder hacia México. Los equipos de seguridad y de comercio de ambos países iniciarán trabajos de inmediato."],("Comunicados","América del Norte"))
s_tar_en=sre("Agreement between the President of Mexico and the President of the United States to pause tariffs for one month","2025-02-03T14:10:00-06:00",
 "Both leaders agreed to pause tariffs; Mexico will reinforce its northern border and the US will work to stop arms trafficking.",
 ["Press Release No. 041","President Claudia Sheinbaum Pardo held a phone call this morning with U.S. President Donald Trump, in which Foreign Secretary Juan Ramón de la Fuente took part.",
  "Both leaders agreed to pause for one month the tariffs announced by the U.S. government. Mexico will immediately reinforce its northern border with 10,000 National Guard members to prevent drug trafficking, particularly fentanyl.",
  "The U.S. government, for its part, committed to work to prevent the trafficking of high-powered weapons into Mexico. The security and trade teams of both countries will begin work immediately."],("Press Releases","North America"),s="agreement-between-the-president-of-mexico-and-the-president-of-the-united-states-to-pause-tariffs-for-one-month")
st_tar=state(620287,"Secretary Rubio on the Agreement with Mexico to Secure the Border","2025-02-03T18:10:00-05:00",
 "Mexico will immediately send 10,000 National Guard soldiers to the border; tariffs are paused for one month.",
 ["Secretary of State Marco Rubio: Today President Trump secured a commitment from President Sheinbaum of Mexico to immediately deploy 10,000 National Guard soldiers to the border to stop the flow of fentanyl and illegal migrants into our country.",
  "The tariffs on Mexican goods are paused for one month while negotiations continue, led by me, Secretary Bessent, Secretary Lutnick and representatives of Mexico. I look forward to working with our Mexican counterparts."])
claim(s_tar,"partial",[st_tar],"SRE states three elements: one-month tariff pause, 10,000 National Guard at the border, and a US commitment to work against arms trafficking into Mexico; State's statement that evening confirms the pause and the troop deployment but says nothing of the US arms-trafficking commitment.")
claim(s_tar_en,"partial",[st_tar],"SRE's own English version of comunicado 041 (a same-side duplicate): same three elements; State confirms the pause and the 10,000 troops but not the US arms-trafficking commitment.")
claim(st_tar,"confirmed",[s_tar,s_tar_en],"State says Mexico committed to deploy 10,000 National Guard soldiers at once and tariffs are paused one month; SRE's comunicado (and its English version) earlier the same day states both.")
cbp(601702,"Nogales CBP Officers Seize Cocaine and Fentanyl at DeConcini Crossing","2025-02-06T09:30:00-07:00",
 "A 22-year-old U.S. citizen was arrested after officers found narcotics hidden in a spare tire.",
 ["NOGALES, Ariz. &mdash; CBP officers at the DeConcini crossing in Nogales seized 18 pounds of cocaine and 6 pounds of fentanyl powder from a sedan on Feb. 4. The driver, a 22-year-old U.S. citizen, was arrested and turned over to Homeland Security Investigations."])
sre("México y Canadá acuerdan fortalecer la cooperación comercial y consular","2025-02-07T16:00:00-06:00",
 "El canciller conversó con la ministra de Asuntos Exteriores de Canadá.",
 ["Comunicado No. 048","El canciller Juan Ramón de la Fuente sostuvo una llamada con la ministra de Asuntos Exteriores de Canadá, Mélanie Joly. Ambos acordaron intensificar la cooperación comercial ante el entorno arancelario y reforzar la coordinación consular para la atención de trabajadores agrícolas temporales.","Los cancilleres coincidieron en la importancia de preservar el T-MEC y acordaron reunirse en marzo."],("Comunicados","América del Norte"))
c_nog=cbp(601788,"CBP, Mexican Authorities Conduct Joint Southbound Weapons Operation at Arizona Ports","2025-02-10T14:00:00-05:00",
 "The bilateral operation at Nogales and San Luis targeted firearms and ammunition headed into Mexico.",
 ["WASHINGTON &mdash; U.S. Customs and Border Protection, in coordination with Mexico's National Customs Agency (ANAM) and the Guardia Nacional, conducted a joint bilateral southbound inspection operation Feb. 6&ndash;8 at the Nogales and San Luis ports of entry in Arizona.",
  "CBP officers inspected southbound vehicles on the U.S. side while Mexican officials conducted simultaneous inspections on the Mexican side of the ports. The operation resulted in the seizure of 41 firearms, 58 magazines and more than 12,000 rounds of ammunition.","&ldquo;Stopping the flow of weapons south is as important as stopping drugs coming north,&rdquo; said the Executive Assistant Commissioner of the Office of Field Operations."],kind='national-media-release',cats=("National Media Release",))
s_nog=sre("Operativo binacional contra el tráfico de armas en los cruces de Nogales y San Luis Río Colorado","2025-02-11T11:00:00-06:00",
 "Autoridades mexicanas y la CBP realizaron inspecciones simultáneas del 6 al 8 de febrero.",
 ["Comunicado No. 052","La Secretaría de Relaciones Exteriores informa que, del 6 al 8 de febrero, la Agencia Nacional de Aduanas de México (ANAM) y la Guardia Nacional realizaron, de manera conjunta con la Oficina de Aduanas y Protección Fronteriza de Estados Unidos (CBP), un operativo binacional de inspección en los cruces de Nogales, Sonora, y San Luis Río Colorado.",
  "Como resultado se aseguraron 41 armas de fuego y más de 12 mil cartuchos. La Cancillería destaca que el combate al tráfico de armas hacia México es una responsabilidad compartida."],("Comunicados","Seguridad"))
claim(c_nog,"confirmed",[s_nog],"CBP says the Nogales/San Luis southbound operation was conducted jointly with ANAM and the Guardia Nacional; SRE the next day describes the same joint operation, dates and results.")
claim(s_nog,"confirmed",[c_nog],"SRE says ANAM and the Guardia Nacional ran a joint operation with CBP at Nogales and San Luis; CBP's national release about 20 hours earlier describes the same joint operation.")
cbp(601842,"Nogales Officers Seize 120 Pounds of Methamphetamine at Mariposa Crossing","2025-02-12T10:00:00-07:00",
 "The drugs were concealed in a load of cucumbers.",
 ["NOGALES, Ariz. &mdash; CBP officers at the Mariposa cargo facility seized 120 pounds of methamphetamine hidden in a commercial shipment of cucumbers on Feb. 10. The narcotics and the tractor-trailer were seized; the case was referred to Homeland Security Investigations."])
st_stc=state(620355,"Continued Cooperation with Mexico on Returns of Third-Country Nationals","2025-02-14T16:30:00-05:00",
 "Mexico has agreed to continue receiving certain non-Mexican nationals returned from the United States.",
 ["The United States appreciates the Government of Mexico's decision to continue receiving certain nationals of Cuba, Haiti, Nicaragua and Venezuela who are returned from the United States while their cases proceed, on humanitarian grounds.","This cooperation is an important part of our shared effort to end illegal immigration across our southern border."],("Press Statement","Mexico"))
claim(st_stc,"unconfirmed",[],"State says Mexico decided to keep receiving returned Cuban, Haitian, Nicaraguan and Venezuelan nationals; no SRE item from Feb 12 to Feb 21 says so.")
# ---------------- FTO designation
st_fto=state(620402,"Designation of International Cartels","2025-02-20T10:00:00-05:00",
 "The Department of State designated eight cartels and transnational criminal organizations as Foreign Terrorist Organizations.",
 ["Today, the Department of State is designating Tren de Aragua, Mara Salvatrucha (MS-13), Cartel de Sinaloa, Cartel de Jalisco Nueva Generacion, Carteles Unidos, Cartel del Noreste, Cartel del Golfo and La Nueva Familia Michoacana as Foreign Terrorist Organizations and Specially Designated Global Terrorists.",
  "These designations follow President Trump's Executive Order of January 20. The United States will use every available tool to protect our nation and to eliminate the presence of these cartels."],("Counterterrorism","Press Statement"))
s_fto=sre("Posicionamiento de la Cancillería ante la designación de organizaciones criminales como terroristas","2025-02-20T17:30:00-06:00",
 "México reitera que no aceptará injerencia; el Departamento de Estado aseguró que la designación no implica acciones en territorio mexicano.",
 ["Comunicado No. 067","Ante la publicación por parte del Departamento de Estado de la designación de seis organizaciones criminales mexicanas como organizaciones terroristas extranjeras, la Secretaría de Relaciones Exteriores reitera que México colabora y se coordina con Estados Unidos, pero no se subordina.",
  "En comunicación con el canciller Juan Ramón de la Fuente, el Departamento de Estado aseguró que la designación no implica acciones militares unilaterales de Estados Unidos en territorio mexicano y que cualquier acción se realizará en coordinación con el Gobierno de México.",
  "México no aceptará ninguna intervención que vulnere su soberanía e integridad territorial."],("Comunicados","Seguridad"))
st_fto2=state(620419,"On Questions Regarding the Foreign Terrorist Organization Designations","2025-02-21T15:00:00-05:00",
 "The United States has not limited the tools it may use against designated cartels.",
 ["Spokesperson Tammy Bruce: We have seen reports that the United States assured the Government of Mexico that the designations of cartels as Foreign Terrorist Organizations would not be followed by action against them without Mexico's involvement. The United States has made no such commitment.",
  "We value our cooperation with Mexico and will continue to work with our Mexican partners, but the President will not restrict the options available to protect the American people."],("Press Statement","Mexico"))
claim(s_fto,"partial",[st_fto,st_fto2],"SRE says State assured Mexico the FTO designation implies no unilateral US military action in Mexico and any action will be coordinated; State's designation release covers the same event without such an assurance, and its statement the next day says the US made no such commitment (denial).",denied=True)
cbp(602011,"El Paso CBP Officers Stop Fentanyl Smuggling Attempt at Ysleta Bridge","2025-02-24T13:00:00-07:00",
 "Officers seized 9 pounds of fentanyl powder concealed in a vehicle's floor.",
 ["EL PASO, Texas &mdash; CBP officers working at the Ysleta international crossing on Feb. 21 seized 9 pounds of fentanyl powder hidden in a non-factory compartment in the floor of a 2016 Chevrolet Malibu. The 45-year-old driver, a Mexican citizen, was arrested."])
s_tras=sre("México envía a Estados Unidos a 29 personas vinculadas con organizaciones criminales","2025-02-27T19:00:00-06:00",
 "El envío se realizó a solicitud del Departamento de Justicia; Estados Unidos se comprometió a no solicitar la pena de muerte.",
 ["Comunicado No. 075","La Secretaría de Relaciones Exteriores informa que, en coordinación con la Fiscalía General de la República y el Gabinete de Seguridad, el Gobierno de México envió este jueves a Estados Unidos a 29 personas privadas de la libertad vinculadas con organizaciones delictivas, con fundamento en la Ley de Seguridad Nacional.",
  "El envío se realizó a solicitud del Departamento de Justicia de Estados Unidos. El Gobierno de Estados Unidos se comprometió, mediante nota diplomática, a no solicitar la pena de muerte para ninguna de estas personas.",
  "La red consular dará seguimiento a los procesos de las personas de nacionalidad mexicana."],("Comunicados","Seguridad"))
st_tras=state(620488,"Welcoming Mexico's Transfer of 29 Fugitives to the United States","2025-02-27T21:45:00-05:00",
 "Mexico today transferred 29 fugitives, including cartel leaders, to face justice in the United States.",
 ["The United States welcomes the Government of Mexico's decision to transfer 29 fugitives to the United States today, among them leaders of the Sinaloa Cartel and the Cartel de Jalisco Nueva Generacion wanted for drug trafficking, murder and other crimes.",
  "This action demonstrates what our two countries can accomplish together against the cartels. They will now face justice in U.S. courts."],("Press Statement","Mexico"))
claim(s_tras,"partial",[st_tras],"SRE says the transfer was requested by the Department of Justice and that the US committed by diplomatic note not to seek the death penalty; State's statement the same evening welcomes the transfer but does not mention the death-penalty commitment or the request.")
claim(st_tras,"confirmed",[s_tras],"State says Mexico decided to transfer 29 fugitives to the US; SRE's comunicado hours earlier states the same transfer.")
# ---------------- March 2025
st_call=state(620531,"Secretary Rubio's Call with Mexican Foreign Secretary de la Fuente","2025-03-04T17:20:00-05:00",
 "The Secretary and the Foreign Secretary discussed tariffs, border security and fentanyl.",
 ["Spokesperson Tammy Bruce: Secretary Rubio spoke today with Mexican Foreign Secretary Juan Ramón de la Fuente. The Secretary and the Foreign Secretary discussed the tariffs that took effect today and Mexico's efforts to stop the flow of fentanyl into the United States.","The Secretary underscored the President's priority of securing the border."],("Readout","Mexico"))
sre("El canciller conversa con el secretario de Estado de Estados Unidos","2025-03-04T18:00:00-06:00",
 "Conversaron sobre la entrada en vigor de los aranceles y la cooperación en seguridad.",
 ["Comunicado No. 081","El canciller Juan Ramón de la Fuente sostuvo una llamada telefónica con el secretario de Estado de Estados Unidos, Marco Rubio. Conversaron sobre la entrada en vigor de los aranceles a productos mexicanos y sobre los resultados de la cooperación en materia de seguridad.","El canciller reiteró que México responderá con medidas arancelarias y no arancelarias y que mantendrá el diálogo."],("Comunicados","América del Norte"))
s_exe=sre("Estados Unidos exenta de aranceles a los productos que cumplen con el T-MEC","2025-03-07T14:00:00-06:00",
 "El gobierno estadounidense decidió exentar hasta el 2 de abril las mercancías que cumplan las reglas de origen del tratado.",
 ["Comunicado No. 085","La Secretaría de Relaciones Exteriores informa que, tras la conversación entre la presidenta Claudia Sheinbaum y el presidente Donald Trump, el gobierno de Estados Unidos decidió exentar hasta el 2 de abril del arancel de 25 por ciento a todas las mercancías mexicanas que cumplan con las reglas de origen del Tratado entre México, Estados Unidos y Canadá (T-MEC).",
  "Ambos gobiernos acordaron continuar trabajando en materia de seguridad y migración. La Cancillería mantendrá la coordinación con la Secretaría de Economía."],("Comunicados","América del Norte"))
claim(s_exe,"unconfirmed",[],"SRE says the US decided to exempt USMCA-compliant goods from the 25% tariff until April 2 and that both governments agreed to keep working; no State or CBP item from Mar 5 to Mar 14 reports the exemption or the agreement (State's Mar 12 readout is of a later meeting about steel and aluminum tariffs and says nothing of it).")
cbp(602230,"CBP Officers in Brownsville Seize Cocaine Hidden in Fuel Tank","2025-03-07T12:00:00-06:00",
 "Officers at the Gateway International Bridge seized 30 pounds of cocaine.",
 ["BROWNSVILLE, Texas &mdash; CBP officers at the Gateway International Bridge seized 30 pounds of cocaine from a Ford F-150 on March 5. The narcotics were concealed within the fuel tank. The driver, a U.S. citizen, was arrested and turned over to Cameron County authorities."])
# two meetings of the same officials within one window
st_m1=state(620611,"Secretary Rubio's Meeting with Mexican Foreign Secretary de la Fuente","2025-03-12T16:00:00-04:00",
 "The Secretary and the Foreign Secretary discussed trade, tariffs and migration.",
 ["Spokesperson Tammy Bruce: Secretary Rubio met today in Washington with Mexican Foreign Secretary Juan Ramón de la Fuente. The Secretary and the Foreign Secretary discussed the bilateral trade relationship, the tariffs on steel and aluminum that took effect today, and migration.","The Secretary underscored the importance of reciprocal trade and continued progress on border security."],("Readout","Mexico"))
sre("El canciller se reúne con el secretario de Estado en Washington","2025-03-12T17:00:00-06:00",
 "Dialogaron sobre comercio, aranceles al acero y al aluminio, y migración.",
 ["Comunicado No. 092","En el marco de su visita de trabajo a Washington, el canciller Juan Ramón de la Fuente se reunió con el secretario de Estado, Marco Rubio. Dialogaron sobre la relación comercial, los aranceles al acero y al aluminio que entraron en vigor este día, y la agenda migratoria.","El canciller subrayó que la integración económica de América del Norte beneficia a ambos países. Mañana continuarán los trabajos con la participación de los gabinetes de seguridad."],("Comunicados","América del Norte"))
s_gis=sre("México y Estados Unidos acuerdan establecer un Grupo de Implementación de Seguridad","2025-03-13T19:30:00-06:00",
 "Las delegaciones acordaron crear cuatro subgrupos de trabajo y reunirse cada mes.",
 ["Comunicado No. 095","El canciller Juan Ramón de la Fuente y el secretario de Seguridad y Protección Ciudadana, Omar García Harfuch, encabezaron en Washington la reunión de seguridad con el secretario de Estado, Marco Rubio, y funcionarios de los departamentos de Justicia y de Seguridad Nacional de Estados Unidos.",
  "Las delegaciones acordaron establecer un Grupo de Implementación de Seguridad, que contará con cuatro subgrupos de trabajo: tráfico de armas, drogas sintéticas, migración y delitos financieros. Acordaron asimismo reunirse cada mes, de manera alternada en cada país.",
  "La reunión se desarrolló en un marco de respeto a la soberanía y de responsabilidad compartida."],("Comunicados","Seguridad"))
st_gis=state(620640,"Joint Statement on the U.S.-Mexico Security Meeting","2025-03-13T21:00:00-04:00",
 "The delegations agreed to establish a Security Implementation Group with four working groups that will meet monthly.",
 ["The following is a joint statement by the United States of America and the United Mexican States.","Secretary of State Marco Rubio hosted Mexican Foreign Secretary Juan Ramón de la Fuente and Security Secretary Omar García Harfuch in Washington on March 13, with officials from the Departments of Justice and Homeland Security.",
  "The delegations agreed to establish a Security Implementation Group, with working groups on arms trafficking, synthetic drugs, migration and financial crimes, which will meet monthly, alternating between the two countries."],("Joint Statement","Mexico"))
claim(s_gis,"confirmed",[st_gis],"SRE says the delegations agreed on a Security Implementation Group with four subgroups meeting monthly; State's joint statement of the same meeting, 1.5 hours later, states the same. State's Mar 12 readout is of the previous day's discussion-only meeting of the same officials, not this one.")
claim(st_gis,"confirmed",[s_gis],"State's joint statement says both delegations agreed on the Security Implementation Group with four working groups meeting monthly; SRE's comunicado of the same Mar 13 meeting states the same (SRE's Mar 12 item is the earlier discussion-only meeting).")
s_op=sre("Reunión de seguimiento del Grupo de Implementación de Seguridad en la Ciudad de México","2025-03-20T18:00:00-06:00",
 "Acordaron un operativo conjunto contra el tráfico de armas en los cruces fronterizos de Sonora y Chihuahua a partir de abril.",
 ["Comunicado No. 104","La Secretaría de Relaciones Exteriores recibió al subsecretario de Estado de Estados Unidos, Christopher Landau, para dar seguimiento a los trabajos del Grupo de Implementación de Seguridad.",
  "Las delegaciones acordaron poner en marcha, a partir del 7 de abril, un operativo conjunto contra el tráfico de armas en los cruces de Nogales, Agua Prieta, Ciudad Juárez y Ojinaga, con inspecciones simultáneas de ambos lados de la frontera.",
  "Revisaron además los avances del subgrupo de drogas sintéticas."],("Comunicados","Seguridad"))
st_op=state(620702,"Deputy Secretary Landau's Meeting with Mexican Officials in Mexico City","2025-03-20T20:30:00-04:00",
 "The Deputy Secretary discussed security cooperation, including efforts to counter arms trafficking.",
 ["Deputy Spokesperson: Deputy Secretary of State Christopher Landau met today in Mexico City with Mexican officials to follow up on the work of the Security Implementation Group.",
  "The Deputy Secretary underscored the importance of continued security cooperation, including efforts to counter the trafficking of firearms and synthetic drugs, and discussed next steps on fentanyl precursors."],("Readout","Mexico"))
claim(s_op,"partial",[st_op],"SRE says the delegations agreed on a joint anti-arms operation at four named crossings starting April 7; State's readout of the same Landau meeting only speaks generally of security cooperation and countering arms trafficking, with no joint operation.")
cbp(602455,"Laredo Officers Seize Weapons and Ammunition Headed to Mexico","2025-03-21T11:30:00-05:00",
 "Outbound inspections at the Lincoln-Juarez Bridge led to the seizure of 11 rifles.",
 ["LAREDO, Texas &mdash; CBP officers conducting outbound inspections at the Lincoln-Juarez Bridge seized 11 rifles and 2,400 rounds of ammunition from a southbound SUV on March 18. The driver, a 29-year-old Mexican citizen, was arrested and turned over to Homeland Security Investigations."])
st_pre=state(620744,"Assistant Secretary for INL Meets Mexican Counterparts on Fentanyl Precursors","2025-03-25T18:00:00-04:00",
 "Mexico committed to require advance notice for imports of 14 precursor chemicals and to increase inspections at Manzanillo and Lázaro Cárdenas.",
 ["The Bureau of International Narcotics and Law Enforcement Affairs hosted the synthetic drugs working group of the U.S.-Mexico Security Implementation Group in Washington on March 25.",
  "Mexico committed to require advance notice for all imports of 14 fentanyl precursor chemicals and to increase inspections of containers at the ports of Manzanillo and Lázaro Cárdenas. The United States will provide additional non-intrusive inspection equipment."],("Readout","Counternarcotics"))
s_pre=sre("Sesiona el subgrupo de drogas sintéticas del Grupo de Implementación de Seguridad","2025-03-26T10:00:00-06:00",
 "Las delegaciones conversaron sobre la cooperación contra el tráfico de drogas sintéticas.",
 ["Comunicado No. 110","Una delegación encabezada por la Cancillería y la Secretaría de Marina participó en Washington en la reunión del subgrupo de drogas sintéticas del Grupo de Implementación de Seguridad.",
  "Las delegaciones conversaron sobre la cooperación en el control de sustancias químicas y sobre la capacitación de personal aduanero. México reiteró su compromiso con el principio de responsabilidad compartida."],("Comunicados","Seguridad"))
claim(st_pre,"partial",[s_pre],"State says Mexico committed to advance notice for 14 precursor imports and more inspections at Manzanillo and Lázaro Cárdenas; SRE's comunicado of the same working-group meeting the next morning only says the delegations talked about chemical control and training.")
cbp(602489,"CBP recuerda a viajeros los requisitos para cruzar la frontera en Semana Santa","2025-03-27T12:00:00-06:00",
 "CBP recomienda tener listos los documentos de viaje y usar los carriles Ready Lane.",
 ["EL PASO, Texas &mdash; La Oficina de Aduanas y Protección Fronteriza de EE.UU. (CBP) recuerda a los viajeros que se espera un aumento de cruces durante la Semana Santa y recomienda tener a la mano sus documentos de viaje, declarar todos los productos agrícolas y consultar los tiempos de espera en la aplicación CBP One o en el sitio bwt.cbp.gov.","Los productos de carne de cerdo, frutas con hueso y huevos crudos procedentes de México están prohibidos."],cats=("Media Release","Español"))
sre("Foreign Secretary meets with the Secretary of State in Washington","2025-03-12T19:00:00-06:00",
 "They discussed trade, steel and aluminum tariffs, and migration.",
 ["Press Release No. 092","As part of his working visit to Washington, Foreign Secretary Juan Ramón de la Fuente met with Secretary of State Marco Rubio. They discussed the trade relationship, the steel and aluminum tariffs that took effect today, and the migration agenda.","The Foreign Secretary stressed that North American economic integration benefits both countries. Work will continue tomorrow with the participation of the security cabinets."],("Press Releases","North America"),s="foreign-secretary-meets-with-the-secretary-of-state-in-washington")
# ---------------- late counterpart (screwworm / cattle)
s_gan=sre("México y Estados Unidos acuerdan protocolo para reanudar la exportación de ganado en pie","2025-03-28T12:00:00-06:00",
 "La reapertura será gradual, por el puerto de Douglas, Arizona, con inspección conjunta.",
 ["Comunicado No. 113","La Cancillería informa que las autoridades sanitarias de México y el Departamento de Agricultura de Estados Unidos acordaron un protocolo para reanudar de manera gradual la exportación de ganado en pie, suspendida por la detección del gusano barrenador del ganado.",
  "La reapertura comenzará por el puerto de Douglas, Arizona, con inspecciones conjuntas de personal del Senasica y del Servicio de Inspección de Sanidad Animal y Vegetal (APHIS), y un tratamiento preventivo de todos los animales.","La Embajada de México en Washington dará seguimiento al calendario de reapertura."],("Comunicados","América del Norte"))
claim(s_gan,"unconfirmed",[],"SRE says Mexico and USDA agreed a protocol to gradually reopen cattle exports through Douglas with joint inspection; the only US item about it is State's of Apr 5, about 7 days 20 hours later, just outside the 168-hour window.")
st_gan=state(620803,"United States and Mexico Agree on Protocol to Resume Cattle Imports","2025-04-05T10:00:00-04:00",
 "Imports of Mexican cattle will resume gradually through Douglas, Arizona, under a joint inspection protocol.",
 ["The United States and Mexico have agreed on a protocol to gradually resume imports of live cattle from Mexico, suspended since November because of New World screwworm.","Under the protocol, USDA's Animal and Plant Health Inspection Service and Mexico's SENASICA will jointly inspect animals at the port of Douglas, Arizona, and all animals will receive preventive treatment before crossing."],("Press Statement","Mexico"))
claim(st_gan,"unconfirmed",[],"State says the US and Mexico agreed a cattle-import protocol with joint APHIS/SENASICA inspection at Douglas; SRE's comunicado on it is from Mar 28, more than 48 hours before, and SRE publishes nothing about it from Apr 3 to Apr 12.")
cbp(602610,"Douglas Port Officers Seize Methamphetamine Concealed in Tires","2025-04-02T09:00:00-07:00",
 "Officers found 48 pounds of methamphetamine in the spare tires of a pickup.",
 ["DOUGLAS, Ariz. &mdash; CBP officers at the Raul Hector Castro port of entry in Douglas seized 48 pounds of methamphetamine from a pickup truck on March 31. The driver, a 38-year-old Mexican citizen, was arrested."])
# ---------------- Water treaty (counterpart before claim)
s_agua=sre("Acuerdo con Estados Unidos sobre entregas de agua del Tratado de 1944","2025-04-10T10:00:00-06:00",
 "México realizará transferencias inmediatas desde presas internacionales; habrá reunión técnica en mayo.",
 ["Comunicado No. 121","La Secretaría de Relaciones Exteriores informa que, tras las conversaciones sostenidas entre ambos gobiernos en el marco de la Comisión Internacional de Límites y Aguas (CILA), México y Estados Unidos acordaron que México realizará de manera inmediata transferencias de agua desde las presas internacionales La Amistad y Falcón para atender las necesidades de los usuarios de Texas.",
  "Acordaron también celebrar en mayo una reunión técnica en Ciudad Juárez para definir un plan de entregas que permita cubrir el déficit del actual ciclo de cinco años, que concluye en octubre.",
  "El Gobierno de México reitera su compromiso con el cumplimiento del Tratado de Aguas de 1944, garantizando el consumo humano en los estados del norte."],("Comunicados","CILA"))
st_agua=state(620851,"Progress on Mexico's Water Deliveries Under the 1944 Water Treaty","2025-04-11T20:00:00-04:00",
 "Mexico committed to immediate water transfers from international reservoirs and to a technical meeting in May.",
 ["The United States welcomes Mexico's commitment to make immediate transfers of water from the international reservoirs of Amistad and Falcon to U.S. users in Texas, as well as to hold a technical meeting in May to agree on a plan to address the shortfall in deliveries under the 1944 Water Treaty.","Texas farmers and ranchers depend on these deliveries. The United States will continue to monitor compliance closely."],("Press Statement","Water"))
claim(s_agua,"confirmed",[st_agua],"SRE says both governments agreed that Mexico will transfer water at once from Amistad and Falcón and hold a technical meeting in May; State states both commitments about 32 hours later.")
claim(st_agua,"confirmed",[s_agua],"State says Mexico committed to immediate transfers from Amistad and Falcon and a May technical meeting; SRE's comunicado about 32 hours earlier (within the 48-hour lookback) states the same agreement.")
cbp(602705,"CBP Releases March 2025 Monthly Update","2025-04-14T15:00:00-04:00",
 "Southwest border apprehensions remained at historic lows in March.",
 ["WASHINGTON &mdash; U.S. Customs and Border Protection today released its monthly operational update for March 2025. U.S. Border Patrol apprehensions between ports of entry at the southwest border totaled 7,181, among the lowest monthly figures in the agency's history.","CBP officers nationwide seized more than 1,300 pounds of fentanyl in March."],kind='national-media-release',cats=("National Media Release",))
s_not=sre("Reunión consular con el Departamento de Seguridad Nacional de Estados Unidos","2025-04-15T13:00:00-06:00",
 "El gobierno estadounidense se comprometió a notificar a los consulados antes de operativos migratorios en centros de trabajo.",
 ["Comunicado No. 126","El subsecretario para América del Norte se reunió en Washington con funcionarios del Departamento de Seguridad Nacional para revisar la protección de los derechos de las personas mexicanas en Estados Unidos.",
  "Como resultado, el gobierno estadounidense se comprometió a notificar a los consulados mexicanos antes de realizar operativos migratorios en centros de trabajo, a fin de que el personal consular pueda brindar asistencia oportuna.","La Cancillería reitera que la protección consular es una prioridad."],("Comunicados","Protección consular"))
st_not=state(620877,"On Consular Notification and Immigration Enforcement","2025-04-16T14:00:00-04:00",
 "The United States does not give foreign governments advance notice of enforcement operations.",
 ["Spokesperson Tammy Bruce: We are aware of statements that the United States committed to notify Mexican consulates before carrying out immigration enforcement operations at worksites, following meetings with Mexican officials this week. The United States does not provide advance notice of law enforcement operations to any foreign government.",
  "The United States will continue to meet its consular notification obligations under the Vienna Convention on Consular Relations once a foreign national is detained."],("Press Statement","Mexico"))
claim(s_not,"partial",[st_not],"SRE says the US committed to notify Mexican consulates before worksite immigration raids; State's statement the next day refers to the same meetings and says the US gives no advance notice of enforcement operations (denial).",denied=True)
# ---------------- 21st Century Border: partial where only some commitments
s_bor=sre("Reunión del Comité Ejecutivo Bilateral para la Administración de la Frontera del Siglo XXI","2025-04-17T19:00:00-06:00",
 "Acordaron ampliar el Procesamiento Unificado de Carga a Laredo y Pharr y extender el horario del puente Tornillo-Guadalupe.",
 ["Comunicado No. 129","La Secretaría de Relaciones Exteriores y el Departamento de Estado copresidieron en la Ciudad de México la reunión del Comité Ejecutivo Bilateral para la Administración de la Frontera del Siglo XXI, con la participación de las agencias aduanales y migratorias de ambos países.",
  "Las delegaciones acordaron ampliar el programa de Procesamiento Unificado de Carga al puente Comercio Mundial, en Nuevo Laredo-Laredo, y al puente Reynosa-Pharr. Acordaron asimismo extender a 16 horas diarias el horario de operación del cruce Tornillo-Guadalupe.",
  "Ambos gobiernos revisaron además los proyectos de infraestructura fronteriza para 2025 y 2026."],("Comunicados","Frontera"))
st_bor=state(620902,"U.S.-Mexico 21st Century Border Executive Steering Committee Meeting","2025-04-17T18:00:00-04:00",
 "The two governments agreed to expand Unified Cargo Processing to the World Trade Bridge in Laredo.",
 ["The Department of State and Mexico's Secretariat of Foreign Affairs co-chaired the 21st Century Border Executive Steering Committee meeting in Mexico City on April 17, joined by U.S. and Mexican customs and immigration agencies.",
  "The two governments agreed to expand Unified Cargo Processing, in which U.S. and Mexican customs officers jointly inspect cargo at a single location, to the World Trade Bridge in Laredo. The delegations also reviewed border infrastructure priorities for the coming two years."],("Readout","Mexico"))
claim(s_bor,"partial",[st_bor],"SRE states three agreements: Unified Cargo Processing at Laredo's World Trade Bridge and at Pharr, and 16-hour operation at Tornillo-Guadalupe; State's readout of the same meeting states only the Laredo expansion.")
claim(st_bor,"confirmed",[s_bor],"State says both governments agreed to expand Unified Cargo Processing to the World Trade Bridge in Laredo; SRE's comunicado of the same meeting, an hour later, states that agreement (among others).")
cbp(602788,"Pharr Officers Seize $4.2 Million in Cocaine at Pharr International Bridge","2025-04-18T10:30:00-05:00",
 "The cocaine was hidden in a shipment of cabbage.",
 ["PHARR, Texas &mdash; CBP officers at the Pharr International Bridge cargo facility seized 316 pounds of cocaine concealed within a commercial shipment of cabbage on April 15. The narcotics were seized and Homeland Security Investigations is investigating."])
s_fb=sre("Consulado en El Paso brinda asistencia a connacionales detenidos en Fort Bliss","2025-04-22T16:00:00-06:00",
 "Las autoridades estadounidenses aceptaron facilitar visitas consulares diarias.",
 ["Comunicado No. 133","La Secretaría de Relaciones Exteriores informa que el Consulado General de México en El Paso dio seguimiento a la situación de personas mexicanas detenidas en las instalaciones migratorias de la base militar de Fort Bliss.",
  "Tras las gestiones del consulado, las autoridades estadounidenses aceptaron facilitar visitas consulares diarias y permitir entrevistas confidenciales con las personas connacionales detenidas.","La Cancillería seguirá vigilando que se respeten sus derechos humanos y el debido proceso."],("Comunicados","Protección consular"))
claim(s_fb,"unconfirmed",[],"SRE says US authorities agreed to allow daily consular visits and private interviews at Fort Bliss; no State or CBP item from Apr 20 to Apr 29 mentions it (CBP's El Paso seizure is unrelated).")
cbp(602830,"El Paso CBP Officers Seize Cocaine at Bridge of the Americas","2025-04-23T14:00:00-06:00",
 "A Mexican citizen was arrested after officers found cocaine in a pickup bed liner.",
 ["EL PASO, Texas &mdash; CBP officers at the Bridge of the Americas seized 22 pounds of cocaine hidden beneath the bed liner of a pickup on April 21. The driver, a 51-year-old Mexican citizen with a valid border crossing card, was arrested and the card was revoked."])
state(620930,"Secretary Rubio's Meeting with Canadian Foreign Minister Joly","2025-04-24T17:00:00-04:00",
 "The Secretary and the Foreign Minister discussed trade, fentanyl and NATO.",
 ["Spokesperson Tammy Bruce: Secretary Rubio met today with Canadian Foreign Minister Mélanie Joly. They discussed the U.S.-Canada trade relationship, efforts to stop fentanyl trafficking across the northern border, and preparations for the NATO summit."],("Readout","Canada"))
c_resc=cbp(602871,"Agentes de la Patrulla Fronteriza y Grupo Beta rescatan a 14 migrantes en la sierra de Tecate","2025-04-28T11:00:00-07:00",
 "El rescate se realizó en un operativo conjunto con el Grupo Beta del Instituto Nacional de Migración.",
 ["SAN DIEGO &mdash; Agentes de la Patrulla Fronteriza del sector San Diego, en un operativo conjunto con el Grupo Beta del Instituto Nacional de Migración de México, rescataron el 26 de abril a 14 migrantes que habían quedado varados en la sierra al este de Tecate.",
  "Los agentes localizaron al grupo tras una llamada al 911. Elementos del Grupo Beta atendieron del lado mexicano a cinco personas con deshidratación; las demás fueron trasladadas a la estación de Brown Field para su procesamiento."],cats=("Media Release","Español"))
claim(c_resc,"unconfirmed",[],"CBP (in Spanish) says the rescue near Tecate was a joint operation with Mexico's INM Grupo Beta; SRE publishes nothing about it from Apr 26 to May 5.")
c_fug=cbp(602905,"CBP Officers Turn Over Homicide Suspect to Mexican Authorities at Hidalgo","2025-04-30T16:00:00-05:00",
 "The fugitive, wanted in Tamaulipas for homicide, was handed over in coordination with Mexico's FGR.",
 ["HIDALGO, Texas &mdash; CBP officers at the Hidalgo International Bridge, in coordination with Mexican authorities, turned over a 34-year-old Mexican national wanted for homicide in Tamaulipas to agents of Mexico's Fiscalía General de la República on April 28.","The man had been identified during primary inspection as the subject of an arrest warrant. Mexican authorities took custody of him at the mid-point of the bridge under an arrangement agreed between the two governments for the return of fugitives."])
claim(c_fug,"unconfirmed",[],"CBP says it handed a homicide suspect to Mexico's FGR at Hidalgo in coordination with Mexican authorities under an agreed arrangement; SRE publishes nothing about it in the window.")
st_h2=state(620955,"Strengthening Protections for H-2 Temporary Workers from Mexico","2025-05-02T12:00:00-04:00",
 "Mexico's labor authorities committed to register and vet recruiters of H-2 workers.",
 ["The Department of State welcomes the commitment of Mexico's Secretariat of Labor and Social Welfare to establish a public registry of recruiters of H-2A and H-2B temporary workers and to vet them before visa season.","U.S. consulates in Mexico issued more than 300,000 H-2 visas in fiscal year 2024. The registry will help protect workers from fraudulent fees."],("Press Statement","Visas"))
claim(st_h2,"unconfirmed",[],"State says Mexico's labor ministry committed to a public registry and vetting of H-2 recruiters; no SRE item from Apr 30 to May 9 mentions it.")
# ---------------- non-claim fillers
state(620170,"Secretary Rubio's Call with Mexican Foreign Secretary de la Fuente","2025-01-24T18:30:00-05:00",
 "The Secretary and the Foreign Secretary discussed migration and security.",
 ["Spokesperson Tammy Bruce: Secretary Rubio spoke today with Mexican Foreign Secretary Juan Ramón de la Fuente. The Secretary and the Foreign Secretary discussed the Administration's priorities on illegal immigration, fentanyl and border security.","The Secretary underscored his interest in a productive relationship with Mexico."],("Readout","Mexico"))
sre("El canciller De la Fuente conversa con el secretario de Estado Marco Rubio","2025-01-24T19:00:00-06:00",
 "Llamada cordial sobre migración y seguridad.",
 ["Comunicado No. 030","El canciller Juan Ramón de la Fuente sostuvo una llamada telefónica con el secretario de Estado de Estados Unidos, Marco Rubio. En una conversación cordial, hablaron sobre los temas de migración y seguridad de la agenda bilateral.","Coincidieron en la importancia de mantener una comunicación fluida."],("Comunicados","América del Norte"))
sre("Condolencias por el accidente aéreo en Washington, D.C.","2025-01-30T09:00:00-06:00",
 "El Gobierno de México expresa sus condolencias al pueblo y Gobierno de Estados Unidos.",
 ["Comunicado No. 037","El Gobierno de México, por conducto de la Secretaría de Relaciones Exteriores, expresa sus más sentidas condolencias al pueblo y al Gobierno de Estados Unidos por el accidente aéreo ocurrido anoche sobre el río Potomac, en Washington, D.C.","La Embajada de México en Washington está en contacto con las autoridades locales para determinar si hay personas mexicanas entre las víctimas."],("Comunicados",))
state(620260,"Secretary Rubio's Meeting with Panamanian President Mulino","2025-02-02T16:00:00-05:00",
 "The Secretary conveyed the President's concerns about Chinese influence over the Panama Canal area.",
 ["Spokesperson Tammy Bruce: Secretary Rubio met today in Panama City with President José Raúl Mulino. The Secretary conveyed President Trump's preliminary determination that the current position of the People's Republic of China in the Panama Canal Area is a threat to the Canal.","The Secretary thanked Panama for its cooperation on illegal migration, including through the Darién."],("Readout","Panama"))
cbp(601655,"CBP Reminds Travelers: Agricultural Items Must Be Declared","2025-02-04T11:00:00-05:00",
 "Undeclared agricultural products can carry pests such as the New World screwworm.",
 ["WASHINGTON &mdash; U.S. Customs and Border Protection reminds travelers entering the United States to declare all agricultural products. CBP agriculture specialists intercept thousands of pests every year at ports of entry.","Travelers arriving from Mexico should be aware that live animals and fresh meat products are subject to restrictions because of New World screwworm."],kind='national-media-release',cats=("National Media Release",))
sre("La Cancillería recuerda a la comunidad mexicana la temporada de declaración de impuestos en Estados Unidos","2025-02-13T12:00:00-06:00",
 "Los consulados ofrecen orientación gratuita sobre el ITIN y la declaración anual.",
 ["Comunicado No. 055","La Secretaría de Relaciones Exteriores recuerda a las personas mexicanas en Estados Unidos que la temporada de declaración de impuestos concluye el 15 de abril. Las Ventanillas Financieras de los consulados brindan orientación gratuita para obtener el número ITIN.","Se recomienda no acudir con preparadores de impuestos no certificados."],("Comunicados","Protección consular"))
state(620381,"Mexico Travel Advisory Update","2025-02-18T14:00:00-05:00",
 "Reissued with updates to the Tamaulipas and Sinaloa sections.",
 ["The Department of State has reissued the Travel Advisory for Mexico. U.S. citizens should not travel to Colima, Guerrero, Michoacan, Sinaloa, Tamaulipas and Zacatecas states due to crime and kidnapping.","U.S. government employees are subject to travel restrictions in several states."],("Travel Advisory","Mexico"))
sre("México y Guatemala acuerdan reforzar la coordinación en la frontera sur","2025-02-18T17:00:00-06:00",
 "El canciller se reunió con el canciller guatemalteco en Tapachula.",
 ["Comunicado No. 062","El canciller Juan Ramón de la Fuente se reunió en Tapachula, Chiapas, con el ministro de Relaciones Exteriores de Guatemala, Carlos Ramiro Martínez. Ambos gobiernos acordaron reforzar la coordinación de seguridad en la frontera común y establecer un grupo técnico sobre movilidad.","Acordaron también impulsar el programa Sembrando Vida en comunidades guatemaltecas."],("Comunicados","América Latina y el Caribe"))
cbp(602145,"San Luis Officers Seize Fentanyl Pills Hidden in Vehicle Quarter Panels","2025-03-03T10:00:00-07:00",
 "Officers found 60,000 fentanyl pills in a sedan.",
 ["SAN LUIS, Ariz. &mdash; CBP officers at the San Luis port of entry seized approximately 60,000 fentanyl pills hidden in the quarter panels of a sedan on Feb. 28. The driver, a 19-year-old U.S. citizen, was arrested."])
sre("Embajador de Estados Unidos presenta copias de cartas credenciales al canciller","2025-04-08T13:00:00-06:00",
 "El canciller recibió al embajador Ronald Johnson.",
 ["Comunicado No. 118","El canciller Juan Ramón de la Fuente recibió las copias de las cartas credenciales del nuevo embajador de Estados Unidos en México, Ronald Johnson.","Durante el encuentro, conversaron sobre los temas prioritarios de la agenda bilateral, entre ellos seguridad, comercio y migración."],("Comunicados","América del Norte"))
state(620830,"Secretary Rubio's Meeting with Salvadoran President Bukele","2025-04-14T19:00:00-04:00",
 "The Secretary thanked President Bukele for El Salvador's cooperation on the detention of gang members.",
 ["Spokesperson Tammy Bruce: Secretary Rubio met today with Salvadoran President Nayib Bukele in Washington. The Secretary thanked President Bukele for his agreement to hold dangerous gang members removed from the United States.","They discussed cooperation on security and economic growth."],("Readout","El Salvador"))
cbp(602560,"Calexico Officers Discover Methamphetamine in Produce Shipment","2025-03-31T09:00:00-07:00",
 "CBP officers seized 1,100 pounds of methamphetamine in a load of celery.",
 ["CALEXICO, Calif. &mdash; CBP officers at the Calexico East cargo facility seized 1,100 pounds of methamphetamine concealed in a shipment of celery on March 27. The tractor-trailer was seized and the driver, a Mexican citizen, was arrested."])
sre("Matrícula consular: nuevas jornadas sabatinas en la red consular","2025-04-26T11:00:00-06:00",
 "Los consulados abrirán en sábado durante mayo para expedir pasaportes y matrículas.",
 ["Comunicado No. 136","La Cancillería informa que durante mayo los consulados de México en Estados Unidos abrirán en sábado para expedir pasaportes y matrículas consulares. Las citas pueden agendarse en MiConsulado.sre.gob.mx."],("Comunicados","Protección consular"))
state(620960,"Deputy Secretary Landau's Meeting with Mexican Ambassador Moctezuma","2025-05-05T16:00:00-04:00",
 "The Deputy Secretary discussed security cooperation and trade with the Ambassador.",
 ["Deputy Spokesperson: Deputy Secretary Landau met today with Mexican Ambassador Esteban Moctezuma. They discussed progress in the Security Implementation Group and the trade relationship.","The Deputy Secretary underscored the importance of results on fentanyl and arms trafficking."],("Readout","Mexico"))
cbp(602950,"Eagle Pass Officers Intercept Firearms Headed to Mexico","2025-05-06T13:00:00-05:00",
 "Outbound inspection uncovered five rifles hidden in a pickup.",
 ["EAGLE PASS, Texas &mdash; CBP officers conducting southbound inspections at Camino Real International Bridge seized five rifles and 900 rounds of ammunition from a pickup on May 3. The driver was arrested and the case turned over to Homeland Security Investigations."])
# ---------------- May 2025
state(620975,"Secretary Rubio's Call with Mexican Foreign Secretary de la Fuente","2025-05-09T13:00:00-04:00",
 "The Secretary and the Foreign Secretary discussed New World screwworm, water deliveries and security.",
 ["Spokesperson Tammy Bruce: Secretary Rubio spoke today with Mexican Foreign Secretary Juan Ramón de la Fuente. They discussed the spread of New World screwworm in southern Mexico, the pace of Mexico's water deliveries under the 1944 Water Treaty, and the upcoming meeting of the Security Implementation Group."],("Readout","Mexico"))
sre("Llamada del canciller con el secretario de Estado","2025-05-09T12:30:00-06:00",
 "Conversaron sobre sanidad animal, agua y seguridad.",
 ["Comunicado No. 141","El canciller Juan Ramón de la Fuente conversó por teléfono con el secretario de Estado, Marco Rubio, sobre las acciones para contener el gusano barrenador del ganado, el cumplimiento del Tratado de Aguas de 1944 y la agenda del Grupo de Implementación de Seguridad.","Ambos funcionarios coincidieron en mantener una comunicación constante."],("Comunicados","América del Norte"))
c_gan2=cbp(603012,"CBP Enforces USDA Suspension of Live Animal Imports from Mexico","2025-05-11T19:00:00-04:00",
 "Live cattle, bison and horses from Mexico will not be admitted at southern ports of entry for at least 15 days.",
 ["WASHINGTON &mdash; Following the U.S. Department of Agriculture's decision to suspend live cattle, bison and horse imports from Mexico because of the northward spread of New World screwworm, CBP agriculture specialists at southern ports of entry will not admit these animals, effective immediately.","USDA has said the suspension will be in place for at least 15 days. Travelers should not attempt to bring live animals or fresh meat from Mexico."],kind='national-media-release',cats=("National Media Release",))
s_gan2=sre("Posicionamiento ante la suspensión de la importación de ganado mexicano por Estados Unidos","2025-05-12T12:00:00-06:00",
 "El gobierno estadounidense decidió suspender de nuevo, por 15 días, la importación de ganado vivo por todos los puertos de la frontera sur.",
 ["Comunicado No. 143","La Secretaría de Relaciones Exteriores informa que el Departamento de Agricultura de Estados Unidos decidió suspender nuevamente, por un periodo de al menos 15 días, la importación de ganado vivo procedente de México por todos los puertos de entrada de la frontera sur.",
  "El Gobierno de México considera que la medida es injusta, dado el esfuerzo realizado por el Senasica para contener la plaga. La Cancillería, en coordinación con la Secretaría de Agricultura y Desarrollo Rural, mantendrá el diálogo con las autoridades estadounidenses."],("Comunicados","América del Norte"))
claim(s_gan2,"confirmed",[c_gan2],"SRE says USDA decided to suspend again, for at least 15 days, live cattle imports at all southern ports; CBP's national release the previous evening states the same suspension and duration (within the 48-hour lookback).")
s_sig=sre("Acuerdan fecha para la próxima reunión del Grupo de Implementación de Seguridad","2025-05-14T17:00:00-06:00",
 "La reunión se celebrará el 28 de mayo en la Ciudad de México.",
 ["Comunicado No. 146","El subsecretario para América del Norte sostuvo una llamada con el subsecretario de Estado, Christopher Landau. Acordaron celebrar la próxima reunión plenaria del Grupo de Implementación de Seguridad el 28 de mayo en la Ciudad de México.","Revisaron además los avances de los subgrupos de trabajo."],("Comunicados","Seguridad"))
s_sig_en=sre("Date agreed for the next meeting of the Security Implementation Group","2025-05-14T18:30:00-06:00",
 "The meeting will be held on May 28 in Mexico City.",
 ["Press Release No. 146","The Undersecretary for North America held a call with Deputy Secretary of State Christopher Landau. They agreed to hold the next plenary meeting of the Security Implementation Group on May 28 in Mexico City.","They also reviewed the progress of the working groups."],("Press Releases","Security"),s="date-agreed-for-the-next-meeting-of-the-security-implementation-group")
st_sig=state(620990,"Deputy Secretary Landau's Call with Mexican Undersecretary for North America","2025-05-14T20:00:00-04:00",
 "Mexico agreed to host the next Security Implementation Group meeting on May 28 and to present the results of its precursor import registry.",
 ["Deputy Spokesperson: Deputy Secretary Landau spoke today with Mexico's Undersecretary for North America. Mexico agreed to host the next plenary meeting of the Security Implementation Group in Mexico City on May 28.","Mexico also committed to present at that meeting the first results of its advance-notice registry for imports of fentanyl precursor chemicals."],("Readout","Mexico"))
claim(s_sig,"confirmed",[st_sig],"SRE says both sides agreed to hold the next SIG plenary on May 28 in Mexico City; State's readout of the same call states it.")
claim(s_sig_en,"confirmed",[st_sig],"SRE's own English version of comunicado 146 (same-side duplicate); State's readout of the call states the May 28 meeting.")
claim(st_sig,"partial",[s_sig,s_sig_en],"State says Mexico agreed to host the May 28 SIG meeting and committed to present results of its precursor import registry; SRE's readouts of the same call state the meeting date but not the precursor-registry commitment.")
cbp(603040,"CBP and Canada Border Services Agency Conduct Joint Outbound Enforcement Operation in Detroit","2025-05-15T11:00:00-04:00",
 "The bilateral operation at the Ambassador Bridge targeted stolen vehicles and firearms.",
 ["DETROIT &mdash; U.S. Customs and Border Protection and the Canada Border Services Agency conducted a joint outbound enforcement operation May 12&ndash;14 at the Ambassador Bridge and the Detroit-Windsor Tunnel.","Officers recovered 17 stolen vehicles bound for overseas markets and seized four firearms."],kind='local-media-release')
s_tom=sre("Gestiones ante el Departamento de Comercio sobre el Acuerdo de Suspensión del jitomate","2025-05-16T13:00:00-06:00",
 "Las autoridades estadounidenses aceptaron recibir una nueva propuesta antes del 14 de julio.",
 ["Comunicado No. 149","La Embajada de México en Washington, en coordinación con la Secretaría de Economía, sostuvo una reunión con funcionarios del Departamento de Comercio de Estados Unidos sobre el retiro anunciado del Acuerdo de Suspensión de la investigación antidumping sobre el jitomate mexicano.",
  "Las autoridades estadounidenses aceptaron recibir una nueva propuesta de acuerdo de los productores mexicanos antes del 14 de julio, fecha en que el retiro surtiría efecto."],("Comunicados","Economía"))
claim(s_tom,"unconfirmed",[],"SRE says Commerce officials agreed to receive a new tomato suspension-agreement proposal before July 14; no State or CBP item from May 14 to May 23 mentions tomatoes or the agreement (CBP's Laredo seizure in a tomato load is unrelated).")
cbp(603077,"Laredo Officers Seize Methamphetamine Concealed in Tomato Shipment","2025-05-19T10:00:00-05:00",
 "CBP officers found 420 pounds of methamphetamine in a load of Roma tomatoes.",
 ["LAREDO, Texas &mdash; CBP officers at the World Trade Bridge seized 420 pounds of methamphetamine concealed within a commercial shipment of Roma tomatoes on May 16. The tractor-trailer was seized; Homeland Security Investigations is investigating."])
sre("La Cancillería lamenta el fallecimiento de un connacional bajo custodia migratoria en Georgia","2025-05-20T20:00:00-06:00",
 "El consulado en Atlanta solicitó una investigación exhaustiva.",
 ["Comunicado No. 152","La Secretaría de Relaciones Exteriores lamenta profundamente el fallecimiento de un connacional que se encontraba bajo custodia del Servicio de Inmigración y Control de Aduanas en un centro de detención en Georgia.","El Consulado General de México en Atlanta solicitó a las autoridades correspondientes una investigación exhaustiva y brinda acompañamiento a la familia para la repatriación de los restos."],("Comunicados","Protección consular"))
state(621010,"Deputy Secretary Landau's Remarks at the U.S.-Mexico CEO Dialogue","2025-05-22T11:00:00-04:00",
 "The Deputy Secretary spoke about nearshoring, energy and the security relationship.",
 ["Deputy Secretary Landau: Good morning. The United States and Mexico have the most consequential trade relationship in the world. American companies want to invest in Mexico, but they need legal certainty, a level playing field in energy, and security on the roads that carry our goods.","We will keep pressing on those issues, as friends and as neighbors."],("Remarks","Mexico"))
# ---------------- late May / June 2025
s_gis2=sre("Segunda reunión plenaria del Grupo de Implementación de Seguridad México-Estados Unidos","2025-05-28T19:00:00-06:00",
 "Las delegaciones acordaron intercambio de información sobre armas, ampliar los operativos conjuntos a Tamaulipas y un mecanismo de alerta sobre precursores.",
 ["Comunicado No. 158","La Cancillería fue sede de la segunda reunión plenaria del Grupo de Implementación de Seguridad, encabezada por el canciller Juan Ramón de la Fuente y el subsecretario de Estado, Christopher Landau.",
  "Las delegaciones acordaron intercambiar información en tiempo real sobre cargamentos de armas que se dirigen a México; ampliar a los cruces de Tamaulipas los operativos conjuntos de inspección; y crear un mecanismo de alerta temprana sobre envíos de precursores químicos.",
  "México presentó los primeros resultados del registro de avisos previos de importación de precursores."],("Comunicados","Seguridad"))
st_gis2=state(621040,"Deputy Secretary Landau's Participation in the U.S.-Mexico Security Implementation Group","2025-05-28T21:00:00-04:00",
 "The delegations agreed to share real-time information on weapons shipments and to create an early-warning mechanism on precursor shipments.",
 ["Deputy Spokesperson: Deputy Secretary Landau led the U.S. delegation to the second plenary of the U.S.-Mexico Security Implementation Group in Mexico City today.",
  "The delegations agreed to share real-time information on firearms shipments destined for Mexico and to create an early-warning mechanism for shipments of precursor chemicals. Mexico presented the first results of its advance-notice registry for precursor imports."],("Readout","Mexico"))
claim(s_gis2,"partial",[st_gis2],"SRE states three agreements (real-time arms information, extending joint inspection operations to Tamaulipas crossings, precursor early warning); State's readout of the same plenary states the first and third but not the extension of joint operations to Tamaulipas.")
claim(st_gis2,"confirmed",[s_gis2],"State says the delegations agreed on real-time firearms information sharing and a precursor early-warning mechanism; SRE's comunicado of the same plenary, two hours earlier, states both.")
cbp(603150,"Laredo CBP Officers Seize Rifles, Ammunition in Southbound Inspections","2025-05-29T12:00:00-05:00",
 "Officers at the Juarez-Lincoln Bridge seized seven rifles bound for Mexico.",
 ["LAREDO, Texas &mdash; CBP officers conducting southbound inspections at the Juarez-Lincoln Bridge seized seven rifles, 30 magazines and 1,800 rounds of ammunition from a sedan on May 27. The driver, a 24-year-old U.S. citizen, was arrested and HSI took custody of the case."])
state(621062,"Secretary Rubio's Call with Mexican Foreign Secretary de la Fuente","2025-06-05T16:00:00-04:00",
 "The Secretary and the Foreign Secretary discussed security cooperation and the remittance provision in pending legislation.",
 ["Spokesperson Tammy Bruce: Secretary Rubio spoke today with Mexican Foreign Secretary Juan Ramón de la Fuente. They discussed the results of the Security Implementation Group and Mexico's concerns about a proposed tax on remittances in legislation before Congress.","The Secretary underscored the importance of continued cooperation to stop fentanyl trafficking."],("Readout","Mexico"))
sre("El canciller conversa con el secretario Rubio sobre el impuesto a las remesas","2025-06-05T15:00:00-06:00",
 "El canciller expresó la preocupación de México por la propuesta de gravar las remesas.",
 ["Comunicado No. 163","El canciller Juan Ramón de la Fuente sostuvo una llamada con el secretario de Estado, Marco Rubio. El canciller expresó la preocupación de México por la propuesta de imponer un impuesto a las remesas que se discute en el Congreso estadounidense, que afectaría a millones de familias.","Conversaron también sobre los avances del Grupo de Implementación de Seguridad."],("Comunicados","América del Norte"))
sre("La SRE da seguimiento a detenciones de personas mexicanas en Los Ángeles","2025-06-08T13:00:00-06:00",
 "El Consulado General en Los Ángeles brinda asistencia a connacionales detenidos en operativos migratorios.",
 ["Comunicado No. 166","La Secretaría de Relaciones Exteriores informa que el Consulado General de México en Los Ángeles ha identificado a 35 personas mexicanas detenidas durante los operativos migratorios realizados en el condado de Los Ángeles desde el 6 de junio.","El personal consular realiza visitas a los centros de detención y brinda asesoría legal. La Cancillería hace un llamado a la comunidad a mantener la calma y a comunicarse con el CIAM."],("Comunicados","Protección consular"))
st_gn=state(621088,"Ambassador Johnson Visits the Sonora Border","2025-06-11T18:00:00-04:00",
 "The Ambassador welcomed Mexico's commitment to station 1,500 more National Guard members along the Sonora border.",
 ["U.S. Ambassador to Mexico Ronald Johnson visited Nogales, Sonora, today, where he met with commanders of Mexico's Guardia Nacional.","The Ambassador welcomed the Government of Mexico's commitment to station 1,500 additional National Guard members along the Sonora-Arizona border by July 1, and thanked Mexican personnel for their work against fentanyl smuggling."],("Press Statement","Mexico"))
claim(st_gn,"unconfirmed",[],"State says Mexico committed to station 1,500 additional National Guard on the Sonora border by July 1; no SRE item from Jun 9 to Jun 18 mentions it.")
c_st=cbp(603205,"Santa Teresa Port to Close Temporarily for Joint Infrastructure Work with Mexico","2025-06-12T15:00:00-06:00",
 "The Santa Teresa port will close June 16-18 while U.S. and Mexican crews connect new inspection lanes.",
 ["SANTA TERESA, N.M. &mdash; The Santa Teresa port of entry will be closed to all traffic from 6 a.m. June 16 through 6 a.m. June 19. CBP and Mexican authorities agreed on the closure so that U.S. and Mexican crews can simultaneously connect the new commercial inspection lanes on both sides of the border.","Travelers should use the Bridge of the Americas or Ysleta during the closure."])
s_st=sre("Cierre temporal del cruce San Jerónimo-Santa Teresa","2025-06-13T11:00:00-06:00",
 "El cruce permanecerá cerrado del 16 al 19 de junio por obras coordinadas con CBP.",
 ["Comunicado No. 170","La Secretaría de Relaciones Exteriores informa que, de común acuerdo con la Oficina de Aduanas y Protección Fronteriza de Estados Unidos (CBP), el cruce internacional San Jerónimo-Santa Teresa permanecerá cerrado del 16 de junio a las 6:00 horas al 19 de junio a las 6:00 horas, para realizar de manera simultánea en ambos lados la conexión de los nuevos carriles de inspección comercial.","Se recomienda utilizar los cruces de Ciudad Juárez."],("Comunicados","Frontera"))
claim(c_st,"confirmed",[s_st],"CBP says it and Mexican authorities agreed on the June 16-19 Santa Teresa closure for simultaneous works; SRE the next day states the same agreed closure and dates.")
claim(s_st,"confirmed",[c_st],"SRE says the San Jerónimo-Santa Teresa closure was agreed with CBP for simultaneous works June 16-19; CBP's release 20 hours earlier states the same.")
cbp(603230,"Ysleta Officers Seize 15 Pounds of Fentanyl","2025-06-17T10:00:00-06:00",
 "Fentanyl powder was hidden in a vehicle's rocker panels.",
 ["EL PASO, Texas &mdash; CBP officers at the Ysleta international crossing seized 15 pounds of fentanyl powder hidden in the rocker panels of an SUV on June 15. The driver, a Mexican citizen, was arrested and the vehicle seized."])
st_eri=state(621120,"Hurricane Erick: U.S. Support for Mexico","2025-06-20T12:00:00-04:00",
 "The United States stands ready to assist Mexico as it responds to Hurricane Erick.",
 ["The United States extends its condolences to the people of Oaxaca and Guerrero affected by Hurricane Erick. We have offered the Government of Mexico emergency assistance, including support for search and rescue and emergency supplies, and stand ready to help.","U.S. citizens in the affected areas should follow the instructions of local authorities and contact the U.S. Embassy if they need assistance."],("Press Statement","Mexico"))
s_eri=sre("México agradece el ofrecimiento de apoyo de Estados Unidos ante el huracán Erick","2025-06-20T18:00:00-06:00",
 "El gobierno estadounidense ofreció apoyo en búsqueda y rescate y suministros de emergencia.",
 ["Comunicado No. 175","La Secretaría de Relaciones Exteriores agradece el ofrecimiento del Gobierno de Estados Unidos de brindar apoyo en labores de búsqueda y rescate y con suministros de emergencia a las comunidades de Oaxaca y Guerrero afectadas por el huracán Erick.","El Gobierno de México informa que, por el momento, las capacidades nacionales son suficientes, y mantendrá comunicación con las autoridades estadounidenses."],("Comunicados","Protección civil"))
claim(s_eri,"confirmed",[st_eri],"SRE says the US government offered search-and-rescue support and emergency supplies after Hurricane Erick; State's statement six hours earlier states that offer.")
s_la=sre("Acuerdan con ICE facilitar la comunicación consular con personas detenidas en Los Ángeles","2025-06-10T19:00:00-06:00",
 "Las autoridades migratorias estadounidenses se comprometieron a facilitar llamadas gratuitas con el consulado.",
 ["Comunicado No. 168","El cónsul general de México en Los Ángeles se reunió con la dirección de la oficina local del Servicio de Inmigración y Control de Aduanas (ICE).","Como resultado, las autoridades migratorias estadounidenses se comprometieron a facilitar que las personas mexicanas detenidas realicen llamadas gratuitas al consulado y a proporcionar diariamente la lista de connacionales ingresados a los centros de procesamiento."],("Comunicados","Protección consular"))
claim(s_la,"unconfirmed",[],"SRE says ICE's Los Angeles office committed to free consular calls and daily lists of detained Mexicans; no State or CBP item from Jun 9 to Jun 18 mentions it.")
c_sw=cbp(603262,"CBP and SENASICA Coordinate Screwworm Inspections at Douglas","2025-06-24T13:00:00-04:00",
 "CBP agriculture specialists and Mexican animal-health officials are jointly inspecting vehicles for screwworm larvae.",
 ["WASHINGTON &mdash; CBP agriculture specialists at the Douglas, Arizona, port of entry began a coordinated inspection operation June 23 with Mexico's National Service of Agro-Alimentary Health, Safety and Quality (SENASICA), in which officers on both sides of the border inspect livestock trailers and pet carriers for New World screwworm larvae.","The joint effort will continue while the suspension of live animal imports remains in place."],kind='national-media-release',cats=("National Media Release",))
claim(c_sw,"unconfirmed",[],"CBP says its specialists and Mexico's SENASICA run a coordinated screwworm inspection operation at Douglas; SRE publishes nothing about it from Jun 22 to Jul 1.")
# ---------------- write
I.sort(key=lambda x:x['published'])
feeds={"sre":{"side":"mx","style":"gobmx","title":"Secretaría de Relaciones Exteriores | Prensa","link":"https://www.gob.mx/sre/prensa","language":"es-MX"},
 "state":{"side":"us","style":"wordpress","title":"Press Releases – United States Department of State","link":"https://www.state.gov","language":"en-US"},
 "cbp":{"side":"us","style":"drupal","title":"CBP Media Releases","link":"https://www.cbp.gov/newsroom","language":"en"}}
with open('items.jsonl','w') as f:
    for it in I: f.write(json.dumps(it,ensure_ascii=False)+'\n')
json.dump(dict(feeds=feeds,window_hours=168,lookback_hours=48,claims=C),open('labels.json','w'),ensure_ascii=False,indent=1)
print(len(I),'items',len(C),'claims')
