from build_common import *
MORE = [
 ("2023-09-16","12:30","Tecate CBP Officers Seize Cocaine Hidden in Pickup Floor","TECATE, Calif.","Tecate port of entry","2011 GMC Sierra","41 pounds of cocaine","$370,000","a 33-year-old Mexican citizen"),
 ("2023-10-25","10:15","Roma CBP Officers Seize Methamphetamine in Bundles","ROMA, Texas","Roma International Bridge","2016 Ford F-150","88 pounds of methamphetamine","$176,000","a 23-year-old U.S. citizen"),
 ("2023-11-21","11:00","Presidio Officers Intercept Southbound Firearms and Magazines","PRESIDIO, Texas","Presidio port of entry","southbound sedan","four rifles and 50 magazines","","a 47-year-old Mexican citizen"),
 ("2024-01-24","14:10","San Luis CBP Officers Seize Fentanyl Powder in Door Panels","SAN LUIS, Ariz.","San Luis port of entry","2018 Kia Soul","17 pounds of fentanyl powder","$255,000","a 21-year-old U.S. citizen"),
]
for i,(d,hm,t,city,port,veh,drug,val,who) in enumerate(MORE):
    v = f", worth an estimated {val}," if val else ""
    cbp(f"more{i}", d, hm, t, f"Officers seized {drug} at the {port}.",
        [f"{city} &mdash; U.S. Customs and Border Protection officers assigned to the {port} discovered {drug}{v} concealed in a {veh}.",
         f"Officers seized the contraband and the vehicle and arrested the driver, {who}. Homeland Security Investigations is investigating."],
        cats=("Drug Interdiction",) if "firearms" not in drug else ("Weapons Seizures", "Outbound Enforcement"))
state("st_dr", "2023-10-06", "16:00", "Secretary Blinken's Meeting with Dominican Foreign Minister Álvarez",
  "The Secretary discussed Haiti with the Dominican Foreign Minister.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary Blinken met with Dominican Republic Foreign Minister Roberto Álvarez. They discussed the situation in Haiti and the border between the two countries."], cats=("Dominican Republic", "Bureau of Western Hemisphere Affairs"))
state("st_pandemic_cons", "2023-11-30", "12:00", "U.S. Embassy Mexico City Announces New Visa Appointment System Features",
  "Applicants can now reschedule appointments online.",
  ["U.S. Mission Mexico has added new features to its online appointment system, including the ability to reschedule an appointment once without paying a new fee and a waitlist for earlier interview dates."], cats=("Mexico", "Bureau of Consular Affairs"), kind="Media Note")
state("st_panama", "2024-01-04", "15:00", "United States and Panama Expand Darién Repatriation Cooperation",
  "The United States will fund additional removal flights from Panama.",
  ["The United States and Panama agreed to expand cooperation on the repatriation of migrants who cross the Darién without a legal basis to remain in Panama, with U.S.-funded flights to countries of origin."], cats=("Panama", "Bureau of Western Hemisphere Affairs"), kind="Media Note")
sre("s_argentina", "2023-12-10", "20:00", "México participa en la toma de posesión del presidente de Argentina",
  "La delegación mexicana asistió a la ceremonia en Buenos Aires.",
  ["Una delegación del Gobierno de México asistió a la ceremonia de transmisión del mando presidencial en la República Argentina, en Buenos Aires."], cats=("Comunicados", "América Latina y el Caribe"))
sre("s_sanfran_consul", "2023-11-13", "12:00", "El Consulado de México en San Francisco informa sobre cierres viales durante APEC",
  "El consulado recomienda planear sus trámites ante los cierres viales.",
  ["Con motivo de la Semana de Líderes del Foro APEC, el Consulado General de México en San Francisco recomienda a la comunidad mexicana considerar los cierres viales en el centro de la ciudad del 11 al 17 de noviembre y reprogramar sus citas si es necesario."], cats=("Comunicados", "Mexicanos en el exterior"))
sre("s_matricula", "2024-01-08", "10:00", "Nueva matrícula consular de alta seguridad en Estados Unidos",
  "La red consular expide una nueva versión de la matrícula consular.",
  ["La Secretaría de Relaciones Exteriores informa que a partir de este mes los consulados de México en Estados Unidos expiden una nueva matrícula consular de alta seguridad, con elementos de seguridad adicionales.",
   "Las matrículas vigentes seguirán siendo válidas hasta su fecha de vencimiento."], cats=("Comunicados", "Mexicanos en el exterior"))
