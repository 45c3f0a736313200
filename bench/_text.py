"""Word and sentence pools for bench/make_db.py: Sahel security news in English and French.

Everything here is deterministic given the ``random.Random`` passed in. Names are weighted
(Zipf-like, by their order in each list) so that full-text searches return realistic result
sizes: "attack" or "army" in a large share of items, "JNIM" in a good many, "Ménaka" in a
few percent, "Tinzaouatène" in very few.

The text is plain: paragraphs separated by a blank line, as sahel_tui's html_to_text makes
it. It never contains '<', '>' or '&', so the <p>-wrapped HTML needs no escaping.
"""

from __future__ import annotations

import random
import re
import unicodedata
from itertools import accumulate

FOCI = ("mali", "niger", "burkina-faso", "nigeria", "lake-chad", "regional")
KINDS = ("security", "politics", "humanitarian", "analysis", "general")

# --- places, regions ------------------------------------------------------------------------

PLACES = {  # roughly by how often they are in the news: the first ones are the most common
    "mali": """Bamako Gao Mopti Tombouctou Ségou Sévaré Kidal Douentza Bandiagara Ménaka Ansongo
        Bourem Niono Koro Bankass Djenné Boni Tessit Léré Diafarabé Hombori Ténenkou
        Nioro_du_Sahel Andéramboukane Anéfis Dioura Macina Kayes Sikasso Inékar Talataye
        Goundam Niafunké Boulkessi Mondoro Kati Farabougou Ogossagou Moura Ber Tinzaouatène""",
    "niger": """Niamey Tahoua Zinder Maradi Agadez Tillabéri Dosso Diffa Ouallam Téra Ayorou Filingué
        Banibangou Abala Torodi Makalondi Bosso N'Guigmi Say Inatès Tassia Anzourou Chinagodrar
        Tchoma_Bangou Tongo_Tongo Kandadji Bankilaré Gothèye Tillia Tassara Kokorou""",
    "burkina-faso": """Ouagadougou Bobo-Dioulasso Kaya Dori Ouahigouya Fada_N'Gourma Koudougou Djibo
        Arbinda Gorom-Gorom Sebba Barsalogho Diapaga Titao Solhan Tougan Nouna Kantchari Pama
        Sollé Mansila Bourzanga Kongoussi Seytenga Markoye Gaskindé Namsiguia Dédougou Tenkodogo
        Banfora Kompienga Thiou Mentao Partiaga Kaïn""",
    "nigeria": """Abuja Kano Maiduguri Kaduna Sokoto Katsina Gusau Damaturu Yola Bama Gwoza Monguno
        Damboa Dikwa Konduga Jos Geidam Baga Kukawa Birnin_Gwari Tsafe Zurmi Shiroro Marte
        Malam_Fatori Ngala Mafa Buni_Yadi Chibok Rann Banki Gubio""",
    "lake-chad": """N'Djamena Maroua Kousseri Bol Diffa Baga_Sola Mora Bosso Kolofata Monguno Ngouboua
        Liwa Fotokol N'Guigmi Malam_Fatori Baga Mokolo Kaïga_Kindjiria Tchoukoutalia Amchidé
        Tokombéré Daboua Barkaram Kinasserom Rann""",
}
PLACES = {k: [w.replace("_", " ") for w in v.split()] for k, v in PLACES.items()}

CAPITALS = {"mali": "Bamako", "niger": "Niamey", "burkina-faso": "Ouagadougou",
            "nigeria": "Abuja", "lake-chad": "N'Djamena"}

# (English "in ...", French "dans ...")
REGIONS = {
    "mali": [(f"in the {r} region", f"dans la région de {r}") for r in
             ("Ménaka", "Gao", "Mopti", "Tombouctou", "Ségou", "Kidal", "Bandiagara", "Douentza")],
    "niger": [(f"in the {r} region", f"dans la région de {r}") for r in
              ("Tillabéri", "Tahoua", "Diffa", "Maradi", "Dosso", "Agadez")],
    "burkina-faso": [("in the Sahel region", "dans la région du Sahel"),
                     ("in the Centre-Nord region", "dans la région du Centre-Nord"),
                     ("in the Nord region", "dans la région du Nord"),
                     ("in the Est region", "dans la région de l'Est"),
                     ("in the Boucle du Mouhoun", "dans la Boucle du Mouhoun"),
                     ("in the Centre-Est region", "dans la région du Centre-Est")],
    "nigeria": [(f"in {r} State", f"dans l'État de {r}") for r in
                ("Borno", "Zamfara", "Yobe", "Katsina", "Sokoto", "Kaduna", "Niger", "Adamawa")],
    "lake-chad": [("in the Lac province", "dans la province du Lac"),
                  ("in Borno State", "dans l'État de Borno"),
                  ("in the Far North region", "dans la région de l'Extrême-Nord"),
                  ("in the Diffa region", "dans la région de Diffa"),
                  ("on the islands of Lake Chad", "sur les îles du lac Tchad")],
}

# (English name, French name, French "au ...", French "du ...")
COUNTRIES = {
    "mali": [("Mali", "Mali", "au Mali", "du Mali")],
    "niger": [("Niger", "Niger", "au Niger", "du Niger")],
    "burkina-faso": [("Burkina Faso", "Burkina Faso", "au Burkina Faso", "du Burkina Faso")],
    "nigeria": [("Nigeria", "Nigeria", "au Nigeria", "du Nigeria")],
    "lake-chad": [("Chad", "Tchad", "au Tchad", "du Tchad"),
                  ("Cameroon", "Cameroun", "au Cameroun", "du Cameroun"),
                  ("Nigeria", "Nigeria", "au Nigeria", "du Nigeria"),
                  ("Niger", "Niger", "au Niger", "du Niger")],
}

# --- actors -----------------------------------------------------------------------------------
# Named armed groups: (weight, English, French "le ...", French "du ...").
GROUPS = {
    "mali": [(6, "JNIM", "le JNIM", "du JNIM"),
             (2, "the Islamic State Sahel Province", "l'État islamique au Sahel", "de l'État islamique au Sahel"),
             (2, "ISGS", "l'EIGS", "de l'EIGS"),
             (2, "Katiba Macina", "la katiba Macina", "de la katiba Macina"),
             (1, "the Azawad Liberation Front (FLA)", "le FLA", "du FLA"),
             (1, "the CSP-DPA", "le CSP-DPA", "du CSP-DPA"),
             (0.5, "Dan Na Ambassagou", "Dan Na Ambassagou", "de Dan Na Ambassagou")],
    "niger": [(4, "the Islamic State Sahel Province", "l'État islamique au Sahel", "de l'État islamique au Sahel"),
              (3, "ISGS", "l'EIGS", "de l'EIGS"),
              (3, "JNIM", "le JNIM", "du JNIM"),
              (1.5, "Lakurawa", "Lakurawa", "de Lakurawa"),
              (1, "Boko Haram", "Boko Haram", "de Boko Haram"),
              (1, "ISWAP", "l'ISWAP", "de l'ISWAP")],
    "burkina-faso": [(6, "JNIM", "le JNIM", "du JNIM"),
                     (3, "Ansaroul Islam", "Ansaroul Islam", "d'Ansaroul Islam"),
                     (2, "the Islamic State Sahel Province", "l'État islamique au Sahel", "de l'État islamique au Sahel"),
                     (1, "ISGS", "l'EIGS", "de l'EIGS")],
    "nigeria": [(5, "ISWAP", "l'ISWAP", "de l'ISWAP"),
                (4, "Boko Haram", "Boko Haram", "de Boko Haram"),
                (1.5, "JAS", "le JAS", "du JAS"),
                (1, "Ansaru", "Ansaru", "d'Ansaru"),
                (1, "Lakurawa", "Lakurawa", "de Lakurawa")],
    "lake-chad": [(5, "ISWAP", "l'ISWAP", "de l'ISWAP"),
                  (4, "Boko Haram", "Boko Haram", "de Boko Haram"),
                  (2, "the Bakura faction of JAS", "la faction Bakura du JAS", "de la faction Bakura du JAS")],
}
# Generic perpetrators, plural: (weight, English, French).
GUNMEN = {
    "default": [(4, "gunmen", "des hommes armés"),
                (3, "suspected jihadists", "des jihadistes présumés"),
                (2, "armed men on motorbikes", "des hommes armés à moto"),
                (1, "unidentified assailants", "des assaillants non identifiés"),
                (1, "militants", "des terroristes")],
    "mali": [(1, "Dozo hunters", "des chasseurs dozo")],
    "nigeria": [(5, "bandits", "des bandits armés"), (1, "kidnappers", "des ravisseurs")],
    "niger": [(1, "bandits", "des bandits armés")],
    "burkina-faso": [(1, "Koglweogo militiamen", "des Koglweogo")],
}
# State and allied forces: (weight, English, French "selon ...", French "de/des ...").
FORCES = {
    "mali": [(4, "the Malian army", "l'armée malienne", "de l'armée malienne"),
             (3, "the FAMa", "les FAMa", "des FAMa"),
             (2, "Wagner mercenaries", "les mercenaires de Wagner", "des mercenaires de Wagner"),
             (1, "Africa Corps", "l'Africa Corps", "de l'Africa Corps"),
             (1, "MINUSMA peacekeepers", "les casques bleus de la MINUSMA", "des casques bleus de la MINUSMA"),
             (0.5, "French Barkhane forces", "la force Barkhane", "de la force Barkhane")],
    "niger": [(4, "the Nigerien army", "l'armée nigérienne", "de l'armée nigérienne"),
              (2, "the FDS", "les FDS", "des FDS"),
              (1, "the National Guard", "la Garde nationale", "de la Garde nationale")],
    "burkina-faso": [(4, "the Burkinabe army", "l'armée burkinabè", "de l'armée burkinabè"),
                     (3, "VDP volunteers", "les VDP", "des VDP"),
                     (1, "the rapid intervention battalion (BIR)", "le BIR", "du BIR")],
    "nigeria": [(4, "the Nigerian Army", "l'armée nigériane", "de l'armée nigériane"),
                (2, "Operation Hadin Kai troops", "l'opération Hadin Kai", "de l'opération Hadin Kai"),
                (2, "the Civilian JTF", "la Civilian JTF", "de la Civilian JTF"),
                (2, "the Nigerian Air Force", "l'armée de l'air nigériane", "de l'armée de l'air nigériane"),
                (1, "the police", "la police", "de la police")],
    "lake-chad": [(3, "the MNJTF", "la Force multinationale mixte", "de la Force multinationale mixte"),
                  (3, "the Chadian army", "l'armée tchadienne", "de l'armée tchadienne"),
                  (2, "Cameroonian troops", "l'armée camerounaise", "de l'armée camerounaise")],
}

ORGS = [(3, "OCHA", "OCHA"), (3, "UNHCR", "le HCR"), (3, "the WFP", "le PAM"),
        (2, "UNICEF", "l'UNICEF"), (2, "MSF", "MSF"), (2, "the ICRC", "le CICR"),
        (1, "the IOM", "l'OIM"), (1, "the NRC", "le NRC"), (1, "Human Rights Watch", "Human Rights Watch"),
        (1, "Amnesty International", "Amnesty International")]
COMMODITIES = [("millet", "le mil"), ("sorghum", "le sorgho"), ("rice", "le riz"),
               ("fuel", "le carburant"), ("maize", "le maïs"), ("cooking oil", "l'huile")]
TEAMS = {"mali": ["Stade Malien", "Djoliba AC", "Real Bamako", "AS Bakaridjan"],
         "niger": ["AS SONIDEP", "Sahel SC", "AS Douanes", "US Gendarmerie"],
         "burkina-faso": ["ASFA Yennenga", "Rahimo FC", "AS SONABEL", "Salitas FC"],
         "nigeria": ["Enyimba", "Kano Pillars", "Rangers International", "El-Kanemi Warriors"],
         "lake-chad": ["Elect-Sport", "Gazelle FC", "Renaissance FC", "Coton Sport"]}

WEEKDAYS = [("Monday", "lundi"), ("Tuesday", "mardi"), ("Wednesday", "mercredi"),
            ("Thursday", "jeudi"), ("Friday", "vendredi"), ("Saturday", "samedi"),
            ("Sunday", "dimanche")]
MONTHS = [("January", "janvier"), ("February", "février"), ("March", "mars"), ("April", "avril"),
          ("May", "mai"), ("June", "juin"), ("July", "juillet"), ("August", "août"),
          ("September", "septembre"), ("October", "octobre"), ("November", "novembre"),
          ("December", "décembre")]

AUTHORS = """Amadou Traoré|Fatoumata Maïga|Moussa Diallo|Aïssata Cissé|Boubacar Sidibé|Mariam Ouédraogo
|Issa Sawadogo|Hamidou Kaboré|Salamatou Abdou|Ibrahim Yacouba|Halima Mahamadou|Souleymane Coulibaly
|Aminata Keïta|Oumarou Hama|Ngozi Okafor|Musa Abubakar|Aisha Bello|Emeka Nwosu|Zainab Yusuf
|Mahamat Saleh|Achta Djibrine|Jean-Baptiste Ndong|Claire Dubois|Thomas Martin|Sarah Wilson
|David Okonkwo|Rédaction|Staff reporter|Correspondant régional""".replace("\n", "").split("|")

# --- sentence templates -----------------------------------------------------------------------
# Slots: {place} {place2} {capital} {in_region} {group} {group_de} {gunmen} {force} {force_de}
# {country} {in_country} {du_country} {org} {commodity} {team} {team2} {n} {n2} {weekday}
# {month} {pct} {author}. A capitalised slot ({Group}, {Force}, {Gunmen}) capitalises it.

EN = {
    "security": """
{Gunmen} attacked a military post near {place} on {weekday}, killing {n} soldiers, according to local sources.
At least {n} civilians were killed when {gunmen} raided the village of {place} {in_region}.
The army said it had neutralised {n2} terrorists during air strikes around {place} and {place2}.
Residents of {place} said {group} had imposed a blockade on the town for several weeks.
An improvised explosive device struck a convoy between {place} and {place2}, {force} said in a statement.
{Group} claimed responsibility for the ambush in a message released on its propaganda channels.
Thousands of people have fled {place} towards {place2} since the start of the year.
Security sources said the attackers seized weapons, ammunition and several vehicles before withdrawing towards the border.
The attack on {place} is the deadliest {in_region} since {month}.
A drone strike hit a weekly market in {place}, according to witnesses, a claim the authorities denied.
Fighting between {group} and {force} has intensified in the area around {place}.
Kidnappings for ransom have increased along the road from {place} to {place2}.
Mobile phone networks were cut in {place} after the assault, making casualty figures difficult to verify.
The authorities announced a curfew in {place} and banned the movement of motorcycles in several districts.
Witnesses said {gunmen} burned the town hall and the health centre in {place}.
{Force} said {n} of its soldiers were wounded and evacuated to {place2}.
A source in the local administration said {n} people were still missing after the attack.
{Group} fighters stopped a bus near {place} and abducted several passengers, a relative said.
The convoy was escorted by {force} when it came under fire about {n2} kilometres from {place}.
According to a security source, the assailants arrived on dozens of motorcycles in the early morning.
A local official, who asked not to be named for security reasons, confirmed the attack.
{Force} launched a counter-offensive and said the situation in {place} was under control.
Several mines were planted on the main road into {place}, cutting the town off from {place2}.
The attackers stole hundreds of head of cattle before fleeing into the bush.
It was not possible to independently confirm the toll, as access to the area is restricted.
{Group} has expanded its operations {in_region} over the past two years.
Human rights groups have accused {force} of summary executions of civilians near {place}.
The bodies of {n} men were found near {place2}, days after they were arrested by soldiers, residents said.
{Gunmen} also attacked a water point and a school in the village, according to a humanitarian worker.
Witnesses in {place} described hours of heavy gunfire before the assailants withdrew.
""",
    "politics": """
The transitional government in {capital} extended the transition by {n} months.
Leaders of the Alliance of Sahel States (AES) met in {capital} to discuss a joint force.
ECOWAS called for a return to constitutional order {in_country}.
The prime minister announced a cabinet reshuffle on {weekday}, replacing the ministers of defence and justice.
The junta suspended the activities of political parties, citing public order.
Opposition figures denounced the arrest of several journalists in {capital}.
The government said it was open to dialogue with armed groups, a proposal rejected by {group}.
Parliament approved a new mining code intended to increase state revenue from gold.
Officials in {capital} accused a foreign power of supporting terrorist groups, without providing evidence.
A referendum on the new constitution is scheduled for {month}, the electoral commission said.
The authorities expelled a foreign diplomat, accusing him of interference in internal affairs.
Thousands of people rallied in {capital} on {weekday} in support of the military authorities.
The president received a delegation of traditional and religious leaders from {place}.
Critics say the fight against terrorism is being used to silence dissent.
The government announced the general mobilisation of all able-bodied citizens.
The national assembly adopted the finance law after a long debate.
The minister of defence visited troops in {place} and promised new equipment.
Trade unions warned of a general strike if negotiations with the government fail.
The authorities announced the withdrawal of {country} from the International Organisation of La Francophonie.
A new governor was appointed for the region of {place}.
""",
    "humanitarian": """
According to {org}, more than {n2},000 people are displaced {in_region}.
{Org} warned that {pct} percent of households in {place} face severe food insecurity during the lean season.
Health centres in {place} have closed because of insecurity, leaving thousands without care.
Floods have affected more than {n2},000 people {in_country} since the start of the rainy season, {org} said.
The price of {commodity} has doubled in {place} since the road to {place2} was blocked.
{Org} said humanitarian access to {place} remains extremely limited.
More than {n2}0 schools remain closed {in_region} because of threats against teachers.
A cholera outbreak has been declared in {place}, with {n} deaths recorded so far.
Displaced families in {place} are living in makeshift shelters with little access to water.
Aid convoys to {place} have been suspended since {month} after several attacks on trucks.
The humanitarian response plan for {country} is only {pct} percent funded, {org} said.
Malnutrition rates among children under five in {place} exceed the emergency threshold.
Helicopters are the only way to deliver food to {place}, which has been under blockade for months.
Refugees continue to arrive in {place2} from across the border, {org} said.
Women and children make up most of the displaced population in {place}.
""",
    "analysis": """
The expansion of {group} {in_region} reflects a long-term strategy of embedding within local communities.
Violence against civilians by all parties has reached its highest level since the crisis began.
Data collected over the past year show a shift of attacks from rural areas towards district capitals.
The withdrawal of international forces has left a security vacuum that armed groups have been quick to exploit.
Local agreements between communities and {group} have reduced violence in some areas at the cost of strict rules.
The reliance on volunteer militias risks deepening ethnic divisions and cycles of reprisal.
Control of gold mining sites has become a major source of revenue for armed groups.
Blockades of towns such as {place} are now a central part of the insurgents' strategy.
Counter-insurgency operations that target civilians tend to strengthen recruitment by armed groups.
The spread of violence towards the coastal states is a growing concern for regional governments.
Any lasting solution will require political dialogue, the return of the state and credible justice.
Competition between {group} and rival factions has made the conflict more fragmented.
The figures should be read with caution, as reporting from remote areas is incomplete.
Cross-border trafficking routes between {place} and {place2} finance several armed groups.
Drone strikes have changed the balance on the battlefield but raised serious concerns about civilian casualties.
""",
    "general": """
The national team beat its rival 2-1 in a qualifying match played in {capital}.
{Team} won the league title after a goalless draw against {team2}.
Electricity cuts lasting up to {n} hours a day have hit households and businesses in {capital}.
The price of {commodity} rose by {pct} percent at markets in {place} last month.
The ministry of education announced that the school year will begin in October.
Farmers in {place} say late rains have delayed planting this season.
A new bridge linking {place} and {place2} was inaugurated on {weekday}.
The central bank kept its key rate unchanged, citing easing inflation.
Gold production rose last year, according to figures from the ministry of mines.
The festival brought together musicians and artists from across the region.
Thousands of pilgrims gathered in {place} for the annual celebration.
Traders complained about the rising cost of transport between {capital} and {place}.
Heavy rain caused the collapse of several houses in the {place} district.
The government launched a vaccination campaign targeting children in {n} districts.
Students protested in {capital} over delays in the payment of grants.
The football federation named a new coach for the national team ahead of the Africa Cup of Nations.
Fuel shortages led to long queues at petrol stations in {capital} on {weekday}.
The harvest of {commodity} is expected to be above average this year, according to the agriculture ministry.
Internet access was restored in {capital} after a two-day outage.
Teachers' unions called a {n}-day strike over unpaid salaries.
The price of a bag of cement has risen sharply in {capital}, builders say.
A road accident between {place} and {place2} killed {n} people on {weekday}.
""",
}

FR = {
    "security": """
{Gunmen} ont attaqué un poste militaire près de {place} {weekday}, tuant {n} soldats, selon des sources locales.
Au moins {n} civils ont été tués lors de l'attaque du village de {place} {in_region}.
L'armée affirme avoir neutralisé {n2} terroristes lors de frappes aériennes autour de {place} et {place2}.
Selon des habitants de {place}, les combattants {group_de} imposent un blocus à la ville depuis plusieurs semaines.
Un engin explosif improvisé a touché un convoi entre {place} et {place2}, selon un communiqué {force_de}.
L'attaque a été revendiquée par les combattants {group_de} dans un message diffusé sur leurs canaux de propagande.
Des milliers de personnes ont fui {place} vers {place2} depuis le début de l'année.
Selon des sources sécuritaires, les assaillants ont emporté des armes, des munitions et plusieurs véhicules.
L'attaque de {place} est la plus meurtrière {in_region} depuis {month}.
Une frappe de drone a touché le marché hebdomadaire de {place}, selon des témoins, ce que les autorités démentent.
Les affrontements entre les éléments {group_de} et les soldats {force_de} se sont intensifiés autour de {place}.
Les enlèvements contre rançon se multiplient sur l'axe {place}-{place2}.
Le réseau téléphonique a été coupé à {place} après l'assaut, ce qui rend le bilan difficile à vérifier.
Les autorités ont instauré un couvre-feu à {place} et interdit la circulation des motos dans plusieurs quartiers.
Selon des témoins, {gunmen} ont incendié la mairie et le centre de santé de {place}.
Selon un bilan {force_de}, {n} soldats ont été blessés et évacués vers {place2}.
Une source administrative locale indique que {n} personnes sont toujours portées disparues.
Des combattants {group_de} ont arrêté un car près de {place} et enlevé plusieurs passagers.
Le convoi était escorté par les unités {force_de} lorsqu'il a essuyé des tirs à {n2} kilomètres de {place}.
Selon une source sécuritaire, les assaillants sont arrivés à bord de dizaines de motos au petit matin.
Un élu local, qui a requis l'anonymat pour des raisons de sécurité, a confirmé l'attaque.
Une contre-offensive {force_de} est en cours et la situation à {place} serait sous contrôle.
Plusieurs mines ont été posées sur la route principale menant à {place}, coupant la ville de {place2}.
Les assaillants ont emporté des centaines de têtes de bétail avant de se replier dans la brousse.
Il n'a pas été possible de confirmer le bilan de source indépendante, l'accès à la zone étant restreint.
Les combattants {group_de} ont étendu leurs opérations {in_region} au cours des deux dernières années.
Des organisations de défense des droits humains accusent les soldats {force_de} d'exécutions sommaires près de {place}.
Les corps de {n} hommes ont été retrouvés près de {place2}, quelques jours après leur arrestation, selon des habitants.
{Gunmen} ont également attaqué un point d'eau et une école du village, selon un humanitaire.
Des habitants de {place} décrivent des heures de tirs nourris avant le repli des assaillants.
""",
    "politics": """
Le gouvernement de transition a prolongé la transition de {n} mois, selon un communiqué lu à {capital}.
Les chefs d'État de l'Alliance des États du Sahel (AES) se sont réunis à {capital} pour discuter d'une force commune.
La CEDEAO appelle à un retour rapide à l'ordre constitutionnel {in_country}.
Le Premier ministre a annoncé un remaniement {weekday}, remplaçant les ministres de la Défense et de la Justice.
La junte a suspendu les activités des partis politiques pour des raisons d'ordre public.
Des responsables de l'opposition dénoncent l'arrestation de plusieurs journalistes à {capital}.
Le gouvernement se dit ouvert au dialogue avec les groupes armés, une offre rejetée par les dirigeants {group_de}.
L'Assemblée a adopté un nouveau code minier destiné à accroître les recettes de l'État tirées de l'or.
Les autorités de {capital} accusent une puissance étrangère de soutenir les groupes terroristes.
Le référendum sur la nouvelle Constitution est prévu en {month}, selon la commission électorale.
Les autorités ont expulsé un diplomate étranger, accusé d'ingérence dans les affaires intérieures.
Des milliers de personnes ont manifesté {weekday} à {capital} en soutien aux autorités militaires.
Le président a reçu une délégation de chefs coutumiers et religieux venus de {place}.
Pour leurs détracteurs, la lutte contre le terrorisme sert à museler toute voix discordante.
Le gouvernement a décrété la mobilisation générale de tous les citoyens en âge de combattre.
L'Assemblée nationale a adopté la loi de finances après de longs débats.
Le ministre de la Défense a rendu visite aux troupes à {place} et promis de nouveaux équipements.
Les syndicats menacent d'une grève générale en cas d'échec des négociations avec le gouvernement.
Les autorités ont annoncé le retrait {du_country} de l'Organisation internationale de la Francophonie.
Un nouveau gouverneur a été nommé pour la région de {place}.
""",
    "humanitarian": """
Selon {org}, plus de {n2} 000 personnes sont déplacées {in_region}.
{Org} alerte : {pct} % des ménages de {place} sont en insécurité alimentaire sévère pendant la soudure.
Les centres de santé de {place} ont fermé en raison de l'insécurité, privant des milliers de personnes de soins.
Les inondations ont touché plus de {n2} 000 personnes {in_country} depuis le début de la saison des pluies.
Le prix du sac de céréales a doublé à {place} depuis le blocage de la route de {place2}.
Selon {org}, l'accès humanitaire à {place} reste extrêmement limité.
Plus de {n2}0 écoles restent fermées {in_region} en raison des menaces contre les enseignants.
Une épidémie de choléra a été déclarée à {place}, avec {n} décès enregistrés à ce jour.
Les familles déplacées à {place} vivent dans des abris de fortune, avec un accès limité à l'eau.
Les convois d'aide vers {place} sont suspendus depuis {month} après plusieurs attaques contre des camions.
Le plan de réponse humanitaire {du_country} n'est financé qu'à {pct} %, selon {org}.
Les taux de malnutrition chez les enfants de moins de cinq ans à {place} dépassent le seuil d'urgence.
Seuls des hélicoptères peuvent encore ravitailler {place}, sous blocus depuis des mois.
Des réfugiés continuent d'arriver à {place2} depuis l'autre côté de la frontière, selon {org}.
Les femmes et les enfants représentent la majorité des déplacés à {place}.
""",
    "analysis": """
L'expansion {group_de} {in_region} traduit une stratégie d'ancrage durable au sein des communautés locales.
Les violences contre les civils, toutes parties confondues, atteignent leur plus haut niveau depuis le début de la crise.
Les données de l'année écoulée montrent un déplacement des attaques des zones rurales vers les chefs-lieux.
Le retrait des forces internationales a laissé un vide sécuritaire que les groupes armés ont vite exploité.
Des accords locaux entre communautés et combattants {group_de} ont réduit les violences, au prix de règles strictes.
Le recours aux milices de volontaires risque d'aggraver les clivages communautaires et les cycles de représailles.
Le contrôle des sites d'orpaillage est devenu une source majeure de revenus pour les groupes armés.
Les blocus de villes comme {place} sont désormais au cœur de la stratégie des insurgés.
Les opérations antiterroristes qui frappent les civils tendent à favoriser le recrutement des groupes armés.
L'extension des violences vers les pays côtiers inquiète de plus en plus les gouvernements de la région.
Toute solution durable passera par un dialogue politique, le retour de l'État et une justice crédible.
La concurrence entre les combattants {group_de} et des factions rivales a fragmenté le conflit.
Ces chiffres sont à prendre avec prudence, les remontées d'information des zones reculées étant incomplètes.
Les routes de trafic transfrontalier entre {place} et {place2} financent plusieurs groupes armés.
Les frappes de drones ont modifié le rapport de force mais soulèvent de graves inquiétudes quant aux victimes civiles.
""",
    "general": """
L'équipe nationale s'est imposée 2-1 lors d'un match de qualification disputé à {capital}.
{Team} remporte le championnat après un match nul et vierge face à {team2}.
Des délestages pouvant atteindre {n} heures par jour frappent les ménages et les entreprises de {capital}.
Le prix {commodity_de} a augmenté de {pct} % sur les marchés de {place} le mois dernier.
Le ministère de l'Éducation annonce que la rentrée scolaire aura lieu en octobre.
À {place}, les cultivateurs expliquent que les pluies tardives ont retardé les semis.
Un nouveau pont reliant {place} à {place2} a été inauguré {weekday}.
La banque centrale a maintenu son taux directeur inchangé, invoquant le ralentissement de l'inflation.
La production d'or a progressé l'an dernier, selon les chiffres du ministère des Mines.
Le festival a réuni des musiciens et des artistes venus de toute la région.
Des milliers de pèlerins se sont rassemblés à {place} pour la célébration annuelle.
Les commerçants se plaignent de la hausse du coût du transport entre {capital} et {place}.
De fortes pluies ont provoqué l'effondrement de plusieurs maisons dans le quartier de {place}.
Le gouvernement a lancé une campagne de vaccination visant les enfants dans {n} districts.
Des étudiants ont manifesté à {capital} pour protester contre le retard du paiement des bourses.
La fédération de football a nommé un nouveau sélectionneur avant la Coupe d'Afrique des nations.
Des pénuries de carburant ont provoqué de longues files d'attente dans les stations de {capital} {weekday}.
La récolte {commodity_de} s'annonce supérieure à la moyenne cette année, selon le ministère de l'Agriculture.
L'accès à Internet a été rétabli à {capital} après deux jours de coupure.
Les syndicats d'enseignants ont lancé une grève de {n} jours pour réclamer le paiement des salaires.
Le prix du sac de ciment a fortement augmenté à {capital}, selon des entrepreneurs.
Un accident de la route entre {place} et {place2} a fait {n} morts {weekday}.
""",
}

# Shared filler, any kind: ordinary newsroom sentences.
EN_FILLER = """
Officials did not respond to requests for comment.
The information could not be independently verified.
The government has not commented on the reports.
Further details were not immediately available.
The situation remains tense, residents said.
Local media reported similar incidents in neighbouring districts last week.
The authorities have promised an investigation.
This article was updated with additional information.
""".strip().splitlines()
FR_FILLER = """
Les autorités n'ont pas donné suite à nos sollicitations.
Ces informations n'ont pas pu être vérifiées de source indépendante.
Le gouvernement ne s'est pas exprimé sur ces informations.
Aucun détail supplémentaire n'était disponible dans l'immédiat.
La situation reste tendue, selon des habitants.
La presse locale a fait état d'incidents similaires dans des localités voisines la semaine dernière.
Les autorités ont promis l'ouverture d'une enquête.
Cet article a été mis à jour avec des informations complémentaires.
""".strip().splitlines()

TITLES_EN = {
    "security": """
{n} soldiers killed in attack near {place}
{Group} claims deadly ambush {in_region}
Gunmen kill {n} villagers in {place}
{country}: army says {n2} militants killed in air strikes
Thousands flee as fighting spreads around {place}
Blockade of {place} tightens as food runs short
IED blast hits convoy on {place}-{place2} road
Drone strike on {place} market kills civilians, witnesses say
Curfew imposed in {place} after attack
{country}: {n} killed in raid on {place}
Dozens abducted near {place}
Attack on army base in {place} repelled, military says
""",
    "politics": """
{country}: transition extended by {n} months
AES leaders meet in {capital}
ECOWAS calls for return to constitutional order in {country}
{country} junta suspends political parties
Cabinet reshuffle in {capital}
{country} expels foreign diplomat
Referendum set for {month} in {country}
""",
    "humanitarian": """
{Org}: more than {n2},000 displaced {in_region}
Floods affect {n2},000 people in {country}
Hunger looms in besieged {place}
Cholera outbreak declared in {place}
Schools closed {in_region} as threats grow
{country}: humanitarian update, {month}
Aid convoys to {place} suspended
""",
    "analysis": """
Why {group} is gaining ground {in_region}
The war for {place}: blockades as strategy
{country}: the cost of militia-led counter-insurgency
Understanding violence {in_region}
Gold, cattle and guns: the economy of conflict in {country}
After the withdrawal: security {in_country_en}
""",
    "general": """
{Team} crowned league champions
Football: {team} beat {team2} in the cup final
Power cuts hit {capital}
{Commodity} prices rise in {place}
New bridge opens between {place} and {place2}
School year to start in October
Students protest in {capital}
Festival draws crowds to {place}
""",
}
TITLES_FR = {
    "security": """
{n} soldats tués dans une attaque près de {place}
{country} : l'armée annonce avoir neutralisé {n2} terroristes
Attaque meurtrière à {place} : au moins {n} morts
{place} : des milliers de déplacés après des violences
Embuscade contre un convoi entre {place} et {place2}
Blocus de {place} : la population à bout
Frappe de drone à {place} : des civils parmi les victimes
Couvre-feu instauré à {place}
Revendication {group_de} après l'attaque de {place}
Enlèvements en série sur l'axe {place}-{place2}
{country} : une base militaire attaquée à {place}
""",
    "politics": """
{country} : la transition prolongée de {n} mois
Sommet de l'AES à {capital}
La CEDEAO appelle au retour à l'ordre constitutionnel {in_country}
{country} : les partis politiques suspendus
Remaniement ministériel à {capital}
{country} : un diplomate étranger expulsé
Référendum constitutionnel prévu en {month}
""",
    "humanitarian": """
Plus de {n2} 000 déplacés {in_region}, selon {org}
Inondations : {n2} 000 sinistrés {in_country}
{place} sous blocus : la faim menace
Épidémie de choléra déclarée à {place}
Écoles fermées {in_region} : les enseignants menacés
{country} : point de situation humanitaire, {month}
Les convois d'aide vers {place} suspendus
""",
    "analysis": """
Comment {group_le} gagne du terrain {in_region}
La guerre pour {place} : le blocus comme stratégie
{country} : le coût de la lutte antiterroriste par les milices
Comprendre les violences {in_region}
Or, bétail et armes : l'économie du conflit {in_country}
Après le retrait : la sécurité {in_country}
""",
    "general": """
{Team} sacré champion
Football : {team} bat {team2} en finale de la coupe
Délestages à {capital} : les ménages excédés
Hausse du prix {commodity_de} à {place}
Un nouveau pont entre {place} et {place2}
Rentrée scolaire fixée à octobre
Manifestation d'étudiants à {capital}
Le festival attire la foule à {place}
""",
}


def _lines(block: str) -> list[str]:
    return [s.strip() for s in block.strip().splitlines() if s.strip()]


def _check(text: str) -> None:
    if any(c in text for c in "<>&"):
        raise ValueError(f"pool text must not need HTML escaping: {text!r}")


# --- filling ---------------------------------------------------------------------------------


class _Weighted:
    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: list[tuple[float, object]], zipf: float | None = None):
        if zipf is not None:
            pairs = [(1.0 / (i + 1) ** zipf, v) for i, (_, v) in enumerate(pairs)]
        self.items = [v for _, v in pairs]
        self.cum = list(accumulate(w for w, _ in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


class Vocab:
    """Slot values for one language and one focus (country or 'regional')."""

    def __init__(self, lang: str, focus: str):
        self.lang, self.focus = lang, focus
        foci = [f for f in FOCI if f != "regional"] if focus == "regional" else [focus]
        fr = lang == "fr"
        places: list[tuple[float, str]] = []
        for f in foci:
            places += [(1.0 / (i + 1) ** 1.0, p) for i, p in enumerate(PLACES[f])]
        self.places = _Weighted(places)
        self.capitals = [CAPITALS[f] for f in foci]
        self.regions = [r[1] if fr else r[0] for f in foci for r in REGIONS[f]]
        self.countries = [c for f in foci for c in COUNTRIES[f]]
        groups = [g for f in foci for g in GROUPS[f]]
        self.groups = _Weighted([(g[0], g[1:]) for g in groups])
        gunmen = GUNMEN["default"] + [g for f in foci for g in GUNMEN.get(f, [])]
        self.gunmen = _Weighted([(g[0], g[2] if fr else g[1]) for g in gunmen])
        forces = [g for f in foci for g in FORCES[f]]
        self.forces = _Weighted([(g[0], g[1:]) for g in forces])
        self.orgs = _Weighted([(o[0], o[2] if fr else o[1]) for o in ORGS])
        self.teams = [t for f in foci for t in TEAMS[f]]

    def value(self, key: str, rng: random.Random, filled: dict) -> str:
        fr = self.lang == "fr"
        if key in ("place", "place2"):
            v = self.places.pick(rng)
            if key == "place2" and v == filled.get("place"):
                v = self.places.pick(rng)
            return v
        if key == "capital":
            return rng.choice(self.capitals)
        if key == "in_region":
            return rng.choice(self.regions)
        if key in ("group", "group_le", "group_de"):
            if "_group" not in filled:
                filled["_group"] = self.groups.pick(rng)
            en, le, de = filled["_group"]
            return {"group": le if fr else en, "group_le": le, "group_de": de}[key]
        if key == "gunmen":
            return self.gunmen.pick(rng)
        if key in ("force", "force_de"):
            if "_force" not in filled:
                filled["_force"] = self.forces.pick(rng)
            en, le, de = filled["_force"]
            return de if key == "force_de" else (le if fr else en)
        if key in ("country", "in_country", "du_country", "in_country_en"):
            if "_country" not in filled:
                filled["_country"] = rng.choice(self.countries)
            en, name_fr, au, du = filled["_country"]
            if key == "country":
                return name_fr if fr else en
            if key == "in_country":
                return au if fr else f"in {en}"
            if key == "in_country_en":
                return f"in {en}"
            return du
        if key == "org":
            return self.orgs.pick(rng)
        if key in ("commodity", "commodity_de"):
            en, le = rng.choice(COMMODITIES)
            if key == "commodity":
                return le if fr else en
            return "de l'" + le[2:] if le.startswith("l'") else "du " + le[3:]
        if key in ("team", "team2"):
            v = rng.choice(self.teams)
            if key == "team2" and v == filled.get("team"):
                v = rng.choice(self.teams)
            return v
        if key == "n":
            return str(min(int(rng.paretovariate(1.3)) + 1, 150))
        if key == "n2":
            return str(rng.randint(5, 250))
        if key == "pct":
            return str(rng.randint(12, 85))
        if key == "weekday":
            en, f = rng.choice(WEEKDAYS)
            return f if fr else en
        if key == "month":
            en, f = rng.choice(MONTHS)
            return f if fr else en
        raise KeyError(key)


class _Fill(dict):
    """format_map mapping that invents each slot value the first time it is asked for."""

    __slots__ = ("rng", "vocab")

    def __init__(self, vocab: Vocab, rng: random.Random):
        super().__init__()
        self.vocab, self.rng = vocab, rng

    def __missing__(self, key: str) -> str:
        if key[0].isupper():
            v = self[key[0].lower() + key[1:]]
            v = v[0].upper() + v[1:]
        else:
            v = self.vocab.value(key, self.rng, self)
        self[key] = v
        return v


def fill(template: str, vocab: Vocab, rng: random.Random) -> str:
    return template.format_map(_Fill(vocab, rng))


# --- the generator ---------------------------------------------------------------------------


class TextGen:
    """Titles and bodies for (language, focus, kind).

    Bodies are drawn from pools of pre-filled sentences (fast: a few microseconds an item);
    titles are filled one by one so that they rarely repeat exactly.
    """

    def __init__(self, seed: int, pool_size: int = 600):
        rng = random.Random(f"pools:{seed}")
        self.vocab = {(lang, f): Vocab(lang, f) for lang in ("en", "fr") for f in FOCI}
        self.titles: dict[tuple[str, str], list[str]] = {}
        self.pools: dict[tuple[str, str, str], list[str]] = {}
        for lang, table, titles, filler in (("en", EN, TITLES_EN, EN_FILLER),
                                            ("fr", FR, TITLES_FR, FR_FILLER)):
            for kind in KINDS:
                templates = _lines(table[kind])
                self.titles[(lang, kind)] = _lines(titles[kind])
                for focus in FOCI:
                    vocab = self.vocab[(lang, focus)]
                    pool = [fill(rng.choice(templates), vocab, rng) for _ in range(pool_size)]
                    if kind in ("security", "analysis"):
                        # a little security context in analysis, and the reverse
                        other = EN if lang == "en" else FR
                        extra = _lines(other["analysis" if kind == "security" else "security"])
                        pool += [fill(rng.choice(extra), vocab, rng) for _ in range(pool_size // 6)]
                    pool += filler * max(1, pool_size // 60)
                    for s in pool:
                        _check(s)
                    self.pools[(lang, focus, kind)] = pool

    def title(self, rng: random.Random, lang: str, focus: str, kind: str) -> str:
        return fill(rng.choice(self.titles[(lang, kind)]), self.vocab[(lang, focus)], rng)

    def body(self, rng: random.Random, lang: str, focus: str, kind: str,
             length: int, limit: int = 3000) -> tuple[str, list[str]]:
        """(text, paragraphs): whole sentences until the text is at least ``length``
        characters long (never over ``limit``), grouped 1-4 to a paragraph."""
        pool = self.pools[(lang, focus, kind)]
        choice, random_ = rng.choice, rng.random
        paragraphs: list[str] = []
        para: list[str] = []
        room = (1, 2, 2, 3, 3, 4)[int(random_() * 6)]
        total = -1
        seen: set[str] = set()
        while total < length:
            s = choice(pool)
            if s in seen:  # no sentence twice in one text (a few tries, then accept)
                s = choice(pool)
                if s in seen:
                    s = choice(pool)
            seen.add(s)
            new_para = len(para) == room
            add = len(s) + 1 + new_para  # a space, or a blank line (two characters)
            if total + add > limit and para:
                break
            if new_para:
                paragraphs.append(" ".join(para))
                para = []
                room = (1, 2, 2, 3, 3, 4)[int(random_() * 6)]
            para.append(s)
            total += add
        if para:
            paragraphs.append(" ".join(para))
        return "\n\n".join(paragraphs), paragraphs

    def author(self, rng: random.Random) -> str:
        return rng.choice(AUTHORS)


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, words: int = 8) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(_SLUG_DROP.sub(" ", ascii_).split()[:words]) or "article"
