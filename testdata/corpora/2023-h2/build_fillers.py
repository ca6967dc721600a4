from build_common import *

# ---------------- CBP: unilateral seizures, port notices, teasers ----------------
SEIZ = [
 ("2023-09-05","10:00","Laredo CBP Officers Seize Methamphetamine at World Trade Bridge","LAREDO, Texas","World Trade Bridge","tractor-trailer hauling a shipment of limes","1,200 pounds of methamphetamine","$10.7 million","a 45-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-09-12","14:30","San Ysidro Officers Intercept Fentanyl Pills Hidden in Gas Tank","SAN DIEGO","San Ysidro port of entry","2015 Honda Accord","62 pounds of fentanyl pills","$372,000","a 29-year-old U.S. citizen",("Drug Interdiction",)),
 ("2023-09-21","11:15","Pharr CBP Officers Find $2.3 Million in Cocaine Among Tomato Shipment","PHARR, Texas","Pharr International Bridge","commercial shipment of tomatoes","169 pounds of cocaine","$2.3 million","a 38-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-09-27","16:00","Calexico CBP Officers Discover Methamphetamine in Spare Tire","CALEXICO, Calif.","Calexico West port of entry","2010 Toyota Tacoma","44 pounds of methamphetamine","$132,000","a 52-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-10-03","13:20","El Paso CBP Officers Seize Cocaine Concealed in Vehicle Bumper","EL PASO, Texas","Bridge of the Americas","2017 Nissan Sentra","26 pounds of cocaine","$208,000","an 18-year-old U.S. citizen",("Drug Interdiction",)),
 ("2023-10-12","10:45","Nogales Officers Arrest Two in Fentanyl Powder Smuggling Attempt","NOGALES, Ariz.","Mariposa port of entry","sedan","23 pounds of fentanyl powder and 9 pounds of heroin","$480,000","two Mexican citizens aged 22 and 31",("Drug Interdiction",)),
 ("2023-10-19","15:10","Otay Mesa CBP Officers Seize Record Cocaine Load in Commercial Truck","SAN DIEGO","Otay Mesa Cargo Facility","tractor-trailer carrying auto parts","2,300 pounds of cocaine","$21 million","a 41-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-10-31","12:00","Brownsville CBP Officers Seize Unreported Currency at Gateway Bridge","BROWNSVILLE, Texas","Gateway International Bridge","southbound pickup truck","$148,000 in unreported currency","","a 57-year-old U.S. citizen",("Outbound Enforcement",)),
 ("2023-11-08","11:40","Hidalgo CBP Officers Intercept Marijuana in Hollowed Furniture","HIDALGO, Texas","Hidalgo International Bridge","van carrying furniture","318 pounds of marijuana","$63,000","a 34-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-11-16","14:00","Eagle Pass CBP Officers Seize Methamphetamine Worth $1.4 Million","EAGLE PASS, Texas","Camino Real International Bridge","commercial trailer carrying steel pipes","157 pounds of methamphetamine","$1.4 million","a 48-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-11-29","16:30","San Ysidro CBP Officers Seize Handguns in Southbound Vehicle","SAN DIEGO","San Ysidro port of entry","southbound 2012 Ford Explorer","six handguns and 1,100 rounds of ammunition","","a 36-year-old U.S. citizen",("Weapons Seizures","Outbound Enforcement")),
 ("2023-12-12","10:00","Laredo CBP Officers Seize Cocaine at Juárez-Lincoln Bridge","LAREDO, Texas","Juárez-Lincoln International Bridge","2019 Chevrolet Tahoe","57 pounds of cocaine","$1.9 million","a 26-year-old Mexican citizen",("Drug Interdiction",)),
 ("2023-12-19","13:30","Douglas CBP Officers Find Fentanyl in Vehicle Quarter Panels","DOUGLAS, Ariz.","Raul H. Castro port of entry","2014 Dodge Durango","15 pounds of fentanyl powder","$225,000","a 30-year-old U.S. citizen",("Drug Interdiction",)),
 ("2024-01-05","11:00","Santa Teresa CBP Officers Seize Ammunition Bound for Mexico","SANTA TERESA, N.M.","Santa Teresa port of entry","southbound pickup truck","14,000 rounds of ammunition","","a 44-year-old Mexican citizen",("Weapons Seizures","Outbound Enforcement")),
 ("2024-01-17","15:20","Nogales CBP Officers Seize Fentanyl Pills Hidden in Tractor","NOGALES, Ariz.","Mariposa port of entry","tractor hauling produce","90 pounds of fentanyl pills","$900,000","a 39-year-old Mexican citizen",("Drug Interdiction",)),
 ("2024-01-29","12:45","El Paso CBP Officers Intercept Heroin at Ysleta Port","EL PASO, Texas","Ysleta port of entry","2013 Jeep Grand Cherokee","11 pounds of heroin","$340,000","a 27-year-old U.S. citizen",("Drug Interdiction",)),
]
for i,(d,hm,t,city,port,veh,drug,val,who,cats) in enumerate(SEIZ):
    v = f" with an estimated street value of {val}" if val else ""
    cbp(f"seiz{i}", d, hm, t, f"Officers seized {drug} at the {port}.",
        [f"{city} &mdash; U.S. Customs and Border Protection officers at the {port} seized {drug}{v} from a {veh} earlier this week.",
         f"A CBP officer referred the vehicle for secondary inspection, where a canine team and non-intrusive imaging equipment revealed anomalies. Officers arrested {who}, who was turned over to Homeland Security Investigations special agents for further investigation.",
         "&ldquo;Our officers continue to prevent dangerous narcotics and weapons from crossing our border,&rdquo; said the Port Director."], cats=cats)

cbp("cbp_stats_oct", "2023-10-21", "13:00", "CBP Releases September 2023 Monthly Update",
    "Southwest border encounters and CBP One appointments in September.",
    ["WASHINGTON &mdash; U.S. Customs and Border Protection today released operational statistics for September 2023. Encounters at the southwest border increased compared with August, driven largely by families and single adults from Venezuela.",
     "In September, approximately 43,000 individuals were processed at ports of entry after scheduling an appointment through the CBP One mobile application. Since January, more than 324,000 people have used CBP One to schedule a time to present at a port of entry.",
     "CBP seized 2,100 pounds of fentanyl nationwide in September."], cats=("Statistics",), national=True)
cbp("cbp_stats_dec", "2023-12-19", "17:00", "CBP Releases November 2023 Monthly Update",
    "CBP publishes November operational statistics.",
    ["WASHINGTON &mdash; U.S. Customs and Border Protection released its November 2023 monthly operational update. Southwest border encounters remained high, and CBP continues to process about 1,450 CBP One appointments a day at eight ports of entry.",
     "CBP seized more than 27,000 pounds of fentanyl in fiscal year 2023."], cats=("Statistics",), national=True)
cbp("cbp_sentri", "2023-10-09", "10:00", "CBP invita a solicitantes de SENTRI a las jornadas de entrevistas en El Paso",
    "CBP realizará jornadas especiales de entrevistas para el programa de viajeros confiables SENTRI.",
    ["EL PASO, Texas &mdash; La Oficina de Aduanas y Protección Fronteriza (CBP) realizará jornadas especiales de entrevistas para solicitantes del programa SENTRI con aprobación condicional los días 14 y 21 de octubre en el Centro de Inscripción del Puente de las Américas.",
     "Los solicitantes deben presentar su pasaporte vigente y los documentos del vehículo. SENTRI permite a los viajeros de bajo riesgo previamente aprobados cruzar con mayor rapidez."], cats=("Travel", "Trusted Traveler Programs"))
cbp("cbp_holiday_adv", "2023-12-20", "09:30", "Media Advisory: CBP to Discuss Holiday Travel at San Diego Ports of Entry",
    "CBP officials will brief media on holiday travel tips.",
    ["SAN DIEGO &mdash; U.S. Customs and Border Protection officials will hold a media availability on Thursday, Dec. 21, at 10 a.m. at the San Ysidro Port of Entry to provide tips for travelers crossing the border during the holiday season.",
     "Media wishing to attend must RSVP to the CBP San Diego public affairs office by 5 p.m. Wednesday."], cats=("Travel",))
cbp("cbp_hiring", "2023-11-02", "11:00", "CBP Hosts Officer Hiring Event in Laredo",
    "Applicants can take the entrance exam and complete fitness testing in one day.",
    ["LAREDO, Texas &mdash; U.S. Customs and Border Protection will host a hiring event for CBP officer positions on Nov. 18 at Laredo College. Candidates can complete the entrance exam and the physical fitness test in a single day.",
     "CBP offers recruitment incentives of up to $20,000 for new officers at designated southwest border locations."], cats=("Careers",))
cbp("cbp_ag_pest", "2023-09-29", "14:00", "Pharr CBP Agriculture Specialists Intercept First-in-Port Pest in Mexican Avocados",
    "Agriculture specialists intercepted a pest never before found at the port.",
    ["PHARR, Texas &mdash; U.S. Customs and Border Protection agriculture specialists at the Pharr International Bridge intercepted a first-in-port pest, a seed weevil, in a commercial shipment of avocados from Michoacán, Mexico.",
     "The shipment was refused entry and returned to Mexico. CBP agriculture specialists protect American agriculture from harmful pests and diseases."], cats=("Agriculture",))
cbp("cbp_ag_pest2", "2024-01-10", "13:00", "Laredo CBP Intercepts Prohibited Pork Products from Mexico",
    "Travelers are reminded to declare all food items.",
    ["LAREDO, Texas &mdash; CBP agriculture specialists at the Laredo port of entry seized more than 400 pounds of prohibited pork products from travelers returning from Mexico during the holiday season.",
     "Pork products from Mexico may carry African swine fever or classical swine fever. Travelers who fail to declare agricultural items may face penalties of up to $1,000."], cats=("Agriculture", "Travel"))
cbp("cbp_eaglepass_bridge1", "2023-11-27", "20:00", "CBP Temporarily Suspends Vehicle Processing at Eagle Pass International Bridge 1",
    "Pedestrian processing continues; vehicle traffic is redirected to Camino Real Bridge.",
    ["EAGLE PASS, Texas &mdash; Effective Nov. 27, U.S. Customs and Border Protection has temporarily suspended vehicle processing at Eagle Pass International Bridge 1 to redirect personnel to assist the U.S. Border Patrol. Pedestrian processing continues.",
     "Vehicle traffic is redirected to Camino Real International Bridge (Bridge 2)."], cats=("Border Security", "Port Operations"))
cbp("cbp_onex", "2023-12-05", "15:30", "CBP Reminds Travelers Bridge Wait Times Available Through App",
    "Border wait times are available through the BWT app and website.",
    ["WASHINGTON &mdash; Ahead of the holiday season, U.S. Customs and Border Protection reminds travelers that estimated border wait times at land ports are available through the CBP Border Wait Times app and website.",
     "Travelers should have their documents ready and declare all items acquired abroad."], cats=("Travel",), national=True)
cbp("cbp_guatemala", "2023-10-26", "12:30", "CBP, Guatemala Sign Arrangement to Share Advance Passenger Information",
    "The arrangement with Guatemala's migration institute will help detect human smuggling.",
    ["WASHINGTON &mdash; U.S. Customs and Border Protection and the Guatemalan Migration Institute signed an arrangement to share advance passenger information on flights into Guatemala, to help both countries detect human smuggling and trafficking.",
     "The arrangement builds on CBP's capacity-building partnerships across Central America."], cats=("Border Security",), national=True)
cbp("cbp_rescue", "2023-09-09", "10:20", "Border Patrol Agents Rescue Migrants from Rio Grande Near Eagle Pass",
    "Agents rescued 11 people, including children, from the river.",
    ["DEL RIO, Texas &mdash; U.S. Border Patrol agents from the Eagle Pass South Station rescued 11 migrants, including four children, who were struggling in the Rio Grande on Thursday afternoon.",
     "Agents provided first aid. Two adults were taken to a local hospital. The group included citizens of Venezuela, Honduras and Mexico."], cats=("Border Security",))

# ---------------- DHS (atom) ----------------
dhs("dhs_venez", "2023-10-05", "09:00", "DHS Resumes Direct Removal Flights to Venezuela",
    "The first direct removal flight to Caracas will take place this month.",
    ["WASHINGTON &ndash; The Department of Homeland Security announced that it will resume direct removal flights to Venezuela, following discussions with the Government of Venezuela.",
     "Venezuelan nationals who cross unlawfully and do not have a legal basis to remain will be promptly removed. DHS continues to encourage migrants to use lawful pathways."])
dhs("dhs_tps", "2023-09-20", "21:00", "DHS to Redesignate Venezuela for Temporary Protected Status",
    "Secretary Mayorkas announced a redesignation of Venezuela for TPS.",
    ["WASHINGTON &ndash; Secretary of Homeland Security Alejandro N. Mayorkas announced the redesignation of Venezuela for Temporary Protected Status for 18 months.",
     "Venezuelans continuously residing in the United States as of July 31, 2023, may be eligible."])
dhs("dhs_bluelotus", "2023-11-09", "14:00", "DHS Operation Blue Lotus 2.0 Surges Fentanyl Detection at Southwest Border",
    "The operation deploys additional personnel and technology to ports of entry.",
    ["WASHINGTON &ndash; DHS announced the launch of Operation Blue Lotus 2.0, a coordinated surge of CBP and Homeland Security Investigations personnel and non-intrusive inspection technology to southwest border ports of entry to stop fentanyl from entering the United States.",
     "Since the first Operation Blue Lotus, DHS has seized more than 10,000 pounds of fentanyl at ports of entry."])
dhs("dhs_eaglepass_visit", "2024-01-08", "18:00", "Secretary Mayorkas Visits Eagle Pass, Texas",
    "Secretary Mayorkas met with local officials and CBP personnel.",
    ["EAGLE PASS, Texas &ndash; Secretary Mayorkas traveled today to Eagle Pass, where he met with U.S. Border Patrol agents, CBP officers and local elected officials, and received a briefing on operations in the Del Rio Sector.",
     "The Secretary again called on Congress to pass the Administration's supplemental funding request for border security."])
dhs("dhs_guate", "2023-12-12", "12:00", "DHS and Guatemala Strengthen Cooperation Against Human Smuggling",
    "DHS and the Government of Guatemala agreed to expand a joint anti-smuggling unit.",
    ["GUATEMALA CITY &ndash; DHS and the Government of Guatemala agreed to expand the Transnational Criminal Investigative Unit that investigates human smuggling networks operating between Guatemala and the United States.",
     "The expanded unit will receive additional training and equipment from Homeland Security Investigations."])
dhs("dhs_cbpone", "2024-01-18", "16:00", "Fact Sheet: One Year of CBP One Appointments",
    "More than 460,000 people have scheduled appointments through CBP One.",
    ["WASHINGTON &ndash; One year after the launch of CBP One appointment scheduling, more than 460,000 people have scheduled a time to present themselves at a port of entry rather than cross unlawfully.",
     "The top nationalities of those who have used the app are Haitian, Mexican and Venezuelan. Individuals are processed at eight southwest border ports of entry."])

# ---------------- State: third countries, unilateral, discussion-only ----------------
W = ("Bureau of Western Hemisphere Affairs",)
state("st_guate_smo", "2023-09-12", "14:00", "United States and Guatemala Extend Safe Mobility Offices",
  "The United States and Guatemala agreed to extend the Safe Mobility initiative.",
  ["The United States and Guatemala today agreed to extend the operation of Safe Mobility Offices in Guatemala through 2024. The offices help refugees and migrants in Guatemala access lawful pathways to the United States, Canada and Spain.",
   "The United States welcomes Guatemala's partnership in managing migration humanely."], cats=("Guatemala",)+W, kind="Media Note")
state("st_indep", "2023-09-15", "09:00", "Mexico's Independence Day",
  "The Secretary congratulates the people of Mexico on their Independence Day.",
  ["On behalf of the United States of America, I congratulate the people of Mexico as you celebrate 213 years of independence on September 16.",
   "The United States and Mexico share deep bonds of family, friendship and commerce. We look forward to continued work together on the priorities that matter to our people.",
   "&mdash; Antony J. Blinken, Secretary of State"], cats=("Mexico",)+W, kind="Press Statement")
state("st_haiti", "2023-10-02", "20:00", "Adoption of UN Security Council Resolution Authorizing the Multinational Security Support Mission for Haiti",
  "The United States welcomes the Security Council's authorization of the mission led by Kenya.",
  ["The United States welcomes the adoption of UN Security Council Resolution 2699 authorizing a Multinational Security Support mission to help the Haitian National Police restore security. We thank Kenya for its willingness to lead the mission.",
   "The United States will provide robust financial and logistical support."], cats=("Haiti",)+W, kind="Press Statement")
state("st_advisory", "2023-10-13", "15:00", "Mexico Travel Advisory Update",
  "The Department reissued the Mexico Travel Advisory with updates to state-level guidance.",
  ["The Department of State has reissued the Travel Advisory for Mexico. Overall, the advisory remains at Level 2: Exercise Increased Caution, with state-by-state assessments.",
   "Six states remain at Level 4: Do Not Travel. U.S. government employees are subject to travel restrictions in certain areas."], cats=("Mexico", "Travel Advisories"), kind="Media Note")
state("st_canada", "2023-10-17", "18:00", "Secretary Blinken's Meeting with Canadian Foreign Minister Joly",
  "The Secretary and Foreign Minister Joly discussed Haiti and the Middle East.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary Blinken met today with Canadian Foreign Minister Mélanie Joly. They discussed the situation in Israel and Gaza, support for the Multinational Security Support mission in Haiti, and the upcoming North American Leaders' agenda."], cats=("Canada",)+W)
state("st_sanctions", "2023-10-24", "11:30", "Sanctions on Fentanyl Trafficking Network Operating in Mexico",
  "The Department designated members of a network supplying precursor chemicals.",
  ["Today, the Department of the Treasury's Office of Foreign Assets Control designated ten individuals and entities based in Mexico and China involved in the supply of precursor chemicals to the Sinaloa Cartel.",
   "Concurrently, the Department of State is announcing reward offers of up to $5 million for information leading to the arrest of two of the network's leaders, both Mexican nationals.",
   "The United States will continue to use every tool to disrupt the flow of illicit fentanyl."], cats=("Mexico", "Counternarcotics", "Sanctions"), kind="Press Statement")
state("st_deputy_amb", "2023-11-07", "17:00", "Deputy Secretary Verma's Meeting with Mexican Ambassador Moctezuma",
  "The Deputy Secretary and Ambassador Moctezuma discussed economic ties.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Deputy Secretary of State for Management and Resources Richard R. Verma met with Mexican Ambassador to the United States Esteban Moctezuma. They discussed the strength of the economic partnership between our two countries, nearshoring investment, and consular operations."])
state("st_apec_canada", "2023-11-16", "22:00", "Secretary Blinken's Meeting with Peruvian Foreign Minister González-Olaechea",
  "The Secretary met the Peruvian Foreign Minister on the margins of APEC.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary Blinken met with Peruvian Foreign Minister Javier González-Olaechea on the margins of the APEC Leaders' Week in San Francisco. They discussed Peru's 2024 APEC host year and cooperation on critical minerals."], cats=("Peru",)+W)
state("st_inl_donation", "2023-11-23", "10:00", "U.S. Embassy Donates Canine Teams to Mexican Customs",
  "INL delivered 20 detection canine teams to Mexican customs.",
  ["The U.S. Embassy's Bureau of International Narcotics and Law Enforcement Affairs delivered 20 trained detection canines and training equipment to the National Customs Agency of Mexico at a ceremony in Manzanillo, Colima.",
   "Since 2008, the United States has provided more than $3 billion in security assistance to Mexico."], cats=("Mexico", "Bureau of International Narcotics and Law Enforcement Affairs"), kind="Media Note")
state("st_costa", "2023-12-01", "16:00", "United States and Costa Rica Sign Memorandum on Labor Mobility",
  "The two countries will expand temporary labor pathways.",
  ["The United States and Costa Rica signed a memorandum of understanding to expand access to temporary labor pathways, including H-2 visas, and to protect workers from fraudulent recruiters."], cats=("Costa Rica",)+W, kind="Media Note")
state("st_venez_cand", "2023-12-06", "18:30", "On the Barbados Agreement and Venezuela's Electoral Process",
  "The United States urges Venezuela to honor the Barbados agreement.",
  ["The United States urges Nicolás Maduro's representatives to honor the electoral roadmap agreed in Barbados, including a process to reinstate all candidates. Failure to take these steps will lead to a reassessment of sanctions relief."], cats=("Venezuela",)+W, kind="Press Statement")
state("st_fsmx", "2023-12-14", "12:00", "Assistant Secretary Nichols Travels to Mexico City",
  "Assistant Secretary Nichols will meet with Mexican officials and civil society.",
  ["Assistant Secretary of State for Western Hemisphere Affairs Brian A. Nichols will travel to Mexico City December 14-15 to meet with senior Mexican government officials, civil society leaders and representatives of the private sector.",
   "He will discuss migration, security and economic cooperation."], cats=("Mexico",)+W, kind="Media Note")
state("st_fsmx_read", "2023-12-15", "19:00", "Assistant Secretary Nichols' Meeting with Mexican Undersecretary for North America",
  "The officials discussed migration management and economic integration.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Assistant Secretary Brian A. Nichols met in Mexico City with the Mexican Foreign Ministry's Undersecretary for North America and other senior officials. They discussed regional migration management, the implementation of the Bicentennial Framework and nearshoring, and underscored the importance of continued dialogue."])
state("st_holiday", "2023-12-18", "10:00", "Travel Tips for U.S. Citizens Visiting Mexico This Holiday Season",
  "U.S. citizens should enroll in STEP and review the Travel Advisory.",
  ["U.S. citizens planning to travel to Mexico this holiday season should review the Mexico Travel Advisory, enroll in the Smart Traveler Enrollment Program and ensure their passports are valid."], cats=("Mexico", "Bureau of Consular Affairs"), kind="Media Note")
state("st_ecuador", "2024-01-10", "13:00", "Statement on Violence in Ecuador",
  "The United States stands with Ecuador.",
  ["The United States is alarmed by the violence and kidnappings in Ecuador. We stand ready to provide assistance to the Government of Ecuador and will remain in close contact with President Noboa's team."], cats=("Ecuador",)+W, kind="Press Statement")
state("st_guate_inaug", "2024-01-15", "11:00", "Inauguration of Guatemalan President Bernardo Arévalo",
  "The United States congratulates President Arévalo.",
  ["The United States congratulates Bernardo Arévalo on his inauguration as President of Guatemala. We commend the people of Guatemala for defending their democracy."], cats=("Guatemala",)+W, kind="Press Statement")
state("st_rewards", "2024-01-19", "14:30", "Narcotics Rewards Program: Leaders of Cártel del Noreste",
  "The Department announces rewards of up to $3 million.",
  ["The Department of State is announcing reward offers of up to $3 million each for information leading to the arrest and/or conviction of two leaders of the Cártel del Noreste, a Mexican criminal organization responsible for fentanyl and weapons trafficking and violence along the border.",
   "Anyone with information should contact the Drug Enforcement Administration."], cats=("Mexico", "Counternarcotics"), kind="Press Statement")
state("st_usmca_canada", "2024-01-23", "17:00", "Secretary Blinken's Call with Canadian Foreign Minister Joly",
  "The Secretary and the Foreign Minister discussed the Red Sea and Haiti.",
  ["The following is attributable to Spokesperson Matthew Miller:",
   "Secretary Blinken spoke with Canadian Foreign Minister Mélanie Joly about Houthi attacks on shipping in the Red Sea and international support for Haiti."], cats=("Canada",)+W)
state("st_mxconsular", "2023-09-25", "12:00", "U.S. Consulate General in Nuevo Laredo Resumes Limited Services",
  "The Consulate General in Nuevo Laredo resumes limited American citizen services.",
  ["The U.S. Consulate General in Nuevo Laredo has resumed limited American citizen services by appointment only. Visa services remain available at other posts in Mexico."], cats=("Mexico", "Bureau of Consular Affairs"), kind="Media Note")
