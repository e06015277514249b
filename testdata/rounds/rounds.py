# Two rounds of a needs inventory, written for Klustra (issue 33): last year two workshops,
# this year three sectors. Every note is written here; none comes from a real workshop.
# `python3 rounds.py` writes rounds.json (notes in a fixed shuffle per workshop, ids by
# position). AREAS says which need area each key is; TRUTH which areas recur, which are new
# and which were dropped; NAMED which workshop themes a facilitator named (the theme that
# holds most of that area's notes in that workshop gets the name).
from pair import write

AREAS = {
 "eleg": "E-legitimation för medarbetare",
 "moln": "Molntjänster och CLOUD Act",
 "data": "Grunddata och API:er (förra året ett område)",
 "api": "Nationell API-katalog",
 "grunddata": "Grunddata av god kvalitet",
 "post": "Digital post",
 "arkiv": "E-arkiv och bevarande",
 "kompetens": "IT-kompetens och rekrytering",
 "tillganglighet": "Tillgängliga e-tjänster",
 "bredband": "Bredband på landsbygden",
 "distans": "Distansmöten och videomöten",
 "efaktura": "E-handel och e-faktura",
 "bygglov": "Digitala ritningar i bygglov",
 "ai": "AI i handläggningen",
 "nis2": "Cybersäkerhet och NIS2",
 "journal": "Informationsdelning i vården",
}

# Last year's area -> this year's areas that continue it (data split in two).
TRUTH = {
 "recurring": {"eleg": ["eleg"], "moln": ["moln"], "data": ["api", "grunddata"], "post": ["post"],
               "arkiv": ["arkiv"], "kompetens": ["kompetens"], "tillganglighet": ["tillganglighet"]},
 "dropped": ["bredband", "distans", "efaktura"],
 "new": ["bygglov", "ai", "nis2", "journal"],
}

LAST = {
"title": "Behovsinventering 2025",
"workshops": [
{"title": "Kommunernas digitalisering 2025", "sector": "Kommun", "held_on": "2025-03-11",
 "named": {"bredband": "Bredband och uppkoppling"},
 "notes": {
 "eleg": [
  "Våra undersköterskor har ingen e-legitimation och kan inte logga in i journalen hemifrån",
  "Vi behöver e-leg för alla anställda, inte bara chefer",
  "Vikarier utan BankID kommer inte åt någonting första veckan",
  "Önskar en tjänstelegitimation som funkar i alla kommunens system",
  "Hemtjänstpersonalen delar på en inloggning, det är inte ok"],
 "moln": [
  "Får vi ens använda Office 365 med tanke på CLOUD Act?",
  "Skolan vill ha Google Workspace men juristerna säger nej",
  "Ingen kan svara på om molntjänster är lagliga för oss"],
 "data": [
  "Vi hämtar adresser från tre olika register och alla är olika",
  "Önskar ett ställe där man hittar vilka API:er som finns hos myndigheterna",
  "Fastighetsuppgifterna är ofta fel och vi måste rätta för hand",
  "Det är svårt att få tag i grunddata om företag i kommunen",
  "API:erna är dåligt dokumenterade, vi vet inte vad som finns"],
 "post": [
  "Vi skickar fortfarande brev på papper till alla medborgare",
  "Önskar att kommunen kunde skicka beslut till digitala brevlådan",
  "Portot kostar oss miljoner varje år, digital post borde vara standard",
  "Många äldre vill ha papper men unga öppnar aldrig breven"],
 "arkiv": [
  "Vi har inget e-arkiv, allt skrivs ut och arkiveras på papper",
  "Gamla system stängs ner och vi vet inte hur vi ska bevara informationen",
  "Behöver hjälp att komma igång med ett e-arkiv tillsammans med andra kommuner",
  "Arkivarien hinner inte med att gallra och bevara digitala handlingar"],
 "kompetens": [
  "Vi får inte tag i systemutvecklare, de går till Stockholm",
  "Vår enda IT-tekniker går i pension nästa år",
  "Svårt att rekrytera informationssäkerhetskompetens till en liten kommun",
  "Vi är beroende av konsulter för allt som rör IT"],
 "tillganglighet": [
  "Våra e-tjänster funkar inte med skärmläsare",
  "Äldre klarar inte att fylla i formulären på webben"],
 "bredband": [
  "Halva kommunen har fortfarande inte fiber",
  "Landsbygden har så dålig uppkoppling att digitala tjänster inte går att använda",
  "Bredbandsutbyggnaden har stannat av för att det inte lönar sig för operatörerna",
  "Önskar statligt stöd för fiber till glesbygden",
  "Mobiltäckningen är usel ute i byarna, hemtjänsten kan inte logga sina besök"],
 "distans": [
  "Teams-mötena hackar hela tiden, vi behöver bättre utrustning för distansmöten",
  "Önskar mötesrum med riktig videokonferens, inte en laptop på bordet",
  "Politikerna vill kunna delta på distans i nämndmöten men vi har inget bra verktyg",
  "hybridmöten funkar inte, de som sitter hemma hör ingenting",
  "Vi saknar licenser för videomöten till all personal"],
 "efaktura": [
  "Vi får fortfarande pappersfakturor från hälften av leverantörerna",
  "E-handeln är krånglig, beställarna går runt systemet",
  "Önskar att alla leverantörer skickade e-faktura enligt Peppol"],
 }},
{"title": "Statliga myndigheter 2025", "sector": "Stat", "held_on": "2025-04-02",
 "named": {"moln": "Moln och CLOUD Act"},
 "notes": {
 "eleg": [
  "Medarbetare utan svenskt personnummer kan inte få e-legitimation",
  "Vi behöver en gemensam tjänste-e-legitimation för statsanställda",
  "Konsulter får inte logga in i våra system för att de saknar e-leg",
  "Önskar att SITHS eller liknande fanns för alla myndigheter"],
 "moln": [
  "Vi har ingen vägledning om molntjänster och CLOUD Act",
  "Osäkert om vi får lägga personuppgifter i amerikanska moln",
  "Önskar en gemensam bedömning av molntjänster så inte varje myndighet gör sin egen",
  "Vi har stoppat flytten till molnet i väntan på besked om CLOUD Act",
  "Juristerna hinner inte analysera alla molnavtal"],
 "data": [
  "Önskar en nationell API-katalog där alla myndigheters API:er finns",
  "Grunddata om personer och fastigheter borde gå att hämta från ett ställe",
  "Vi bygger samma integration som fem andra myndigheter redan byggt",
  "Kvaliteten på grunddata är för dålig för att automatisera",
  "Önskar gemensamma villkor för att använda varandras API:er",
  "Organisationsnummer och adresser skiljer sig mellan registren"],
 "post": [
  "Alla myndigheter borde skicka till samma digitala brevlåda",
  "Medborgarna vet inte vilken digital brevlåda de ska ha",
  "Vi vill sluta skicka papperspost men få har anslutit sig till Mina meddelanden",
  "Digital post borde vara förvalt, papper ett undantag"],
 "arkiv": [
  "Vi behöver ett gemensamt e-arkiv för myndigheterna",
  "Hur bevarar vi e-post och chattar enligt arkivlagen?",
  "E-arkivet vi köpte klarar inte våra filformat"],
 "kompetens": [
  "Staten kan inte konkurrera med lönerna för IT-arkitekter",
  "Vi förlorar kompetens när konsulterna går och ingen internt kan systemen",
  "Önskar gemensam kompetensutveckling i digitalisering för chefer",
  "Svårt att behålla utvecklare, de slutar efter ett par år"],
 "tillganglighet": [
  "Våra webbformulär klarar inte tillgänglighetskraven",
  "Personer med funktionsnedsättning får ringa in för att tjänsten inte funkar för dem",
  "Önskar gemensamma komponenter som redan är tillgänglighetsanpassade",
  "Språket i e-tjänsterna är för byråkratiskt, många förstår inte"],
 "bredband": [
  "Våra kontor på landsbygden har för dålig uppkoppling för videomöten",
  "Fiber saknas på flera av våra mindre orter",
  "Medborgare i glesbygd kan inte använda e-tjänster när nätet inte räcker",
  "Utbyggnaden av bredband i glesbygden går för långsamt"],
 "distans": [
  "Behöver ett säkert verktyg för videomöten som vi får använda",
  "Distansarbetet kräver bättre mötesutrustning på kontoren",
  "Önskar riktlinjer för hur vi håller möten på distans"],
 "efaktura": [
  "E-fakturaflödet mellan myndigheter strular, fakturor fastnar",
  "Önskar gemensam e-handelsplattform för staten",
  "leverantörerna skickar PDF istället för e-faktura"],
 }},
]}

THIS = {
"title": "Behovsinventering 2026",
"workshops": [
{"title": "Kommun: skola och samhällsbyggnad", "sector": "Kommun", "held_on": "2026-03-10",
 "named": {"moln": "Molntjänster och CLOUD Act i skolan"},
 "notes": {
 "eleg": [
  "Lärarvikarier kan inte logga in på lärplattformen för de har ingen e-leg",
  "Önskar att all personal fick en tjänste-e-legitimation från kommunen",
  "Vi använder privat BankID i jobbet, det känns fel",
  "Personal utan personnummer blir utan inloggning",
  "e-legitimation för anställda saknas fortfarande hos oss"],
 "moln": [
  "Får skolan använda Google för elevernas dokument eller inte?",
  "Lärplattformen lagrar elevdata i USA, är det ok med CLOUD Act?",
  "Vi vet inte om Teams är tillåtet för känsliga uppgifter",
  "Önskar ett tydligt besked om molntjänster i skolan",
  "Dataskyddsombudet säger nej till allt som ligger i molnet"],
 "api": [
  "Vill hitta öppna API:er från myndigheterna på ett ställe",
  "Vi visste inte att Lantmäteriet hade ett API förrän leverantören sa det",
  "Önskar en katalog över vilka API:er som finns och hur man får använda dem"],
 "grunddata": [
  "Adresserna i våra system stämmer inte med folkbokföringen",
  "Fastighetsregistret har fel och vi rättar för hand i bygglovsärenden",
  "Vi behöver elevuppgifter från en pålitlig källa, inte tre olika listor"],
 "post": [
  "Beslut om skolskjuts skickas fortfarande med vanlig post",
  "Vårdnadshavare vill få besked i den digitala brevlådan",
  "Önskar att kommunen anslöt sig till digital post på riktigt"],
 "arkiv": [
  "Elevernas betyg måste bevaras men vi har inget e-arkiv",
  "Bygglovsarkivet är på papper och tar upp en hel källare",
  "Vi vet inte hur vi ska arkivera det som ligger i gamla skolsystemet"],
 "kompetens": [
  "Vi har ingen som kan upphandla IT, allt hamnar på en person",
  "Svårt att få tag i GIS-ingenjörer till kommunen",
  "Skolans IT-support består av en person för tusen elever",
  "Önskar utbildning i digitalisering för rektorer och chefer"],
 "tillganglighet": [
  "Ansökan om förskoleplats funkar inte på mobilen",
  "Föräldrar som inte kan svenska klarar inte våra e-tjänster",
  "Önskar lättläst och tillgänglig e-tjänst för bygglov"],
 "bygglov": [
  "Ritningarna kommer in som inskannade papper och går inte att söka i",
  "Önskar att alla ritningar i bygglov kom in digitalt i samma format",
  "Handläggarna skriver ut ritningar för att kunna mäta på dem",
  "Vi behöver kunna ta emot BIM-modeller i bygglovet",
  "Sökande skickar ritningar i fem olika filformat, det blir kaos",
  "Digitala bygglovsritningar skulle spara oss veckor per ärende",
  "Ritningsarkivet för bygglov borde vara digitalt och sökbart"],
 "ai": [
  "Kan vi använda AI för att sortera inkomna ärenden?",
  "Lärarna använder ChatGPT men vi har inga regler",
  "Önskar stöd för att pröva AI i handläggningen av bygglov",
  "Vem ansvarar om AI:n ger fel besked till en medborgare?"],
 "nis2": [
  "Vi vet inte om NIS2 gäller oss och vad vi måste göra",
  "Skolans nätverk blev utsatt för ransomware i våras",
  "Önskar stöd med incidentrapportering enligt nya cybersäkerhetslagen",
  "Vi har ingen som kan jobba med cybersäkerhet på heltid"],
 }},
{"title": "Region: vård och omsorg", "sector": "Region", "held_on": "2026-03-17",
 "named": {"moln": "CLOUD Act", "eleg": "E-legitimation i vården"},
 "notes": {
 "eleg": [
  "Sjuksköterskor från andra länder kan inte få SITHS-kort",
  "Hemtjänsten behöver kunna logga in med mobilen utan kortläsare",
  "Inhyrda läkare väntar i veckor på e-legitimation",
  "Önskar en e-legitimation för vårdpersonal som funkar i alla regioner",
  "Vi tappar tid varje morgon för att SITHS-inloggningen krånglar"],
 "moln": [
  "Journalsystemets leverantör vill flytta allt till molnet, får vi det?",
  "Osäkert om patientdata får ligga hos amerikanska molnleverantörer",
  "Önskar nationell vägledning om molntjänster för vården",
  "CLOUD Act gör att vi inte vågar använda moderna verktyg",
  "Vi behöver en svensk eller europeisk molntjänst för vården"],
 "api": [
  "Önskar en katalog med vårdens API:er så leverantörerna hittar dem",
  "Vi vet inte vilka API:er Inera och myndigheterna erbjuder",
  "API:er för vården borde dokumenteras på samma ställe"],
 "grunddata": [
  "Uppgifterna om vårdenheter är olika i varje system",
  "Adressen till patienten är fel i journalen fast den är rätt i folkbokföringen",
  "Önskar gemensamma grunddata om vårdgivare och enheter",
  "Medarbetarregistret och HSA-katalogen stämmer aldrig överens"],
 "post": [
  "Kallelser skickas på papper och patienterna missar tiden",
  "Önskar att kallelser gick till patientens digitala brevlåda",
  "Provsvar borde kunna skickas med säker digital post",
  "Papperspost till patienter kostar regionen enormt"],
 "arkiv": [
  "Gamla journalsystem ska stängas men journalerna måste bevaras",
  "Vi behöver ett e-arkiv som klarar journaler och röntgenbilder",
  "Ingen vet var de avslutade journalerna från 90-talet finns digitalt",
  "Önskar gemensamt e-arkiv för regionerna"],
 "kompetens": [
  "Vi hittar inga informatiker med vårdbakgrund",
  "IT-avdelningen är underbemannad och projekt står still",
  "Svårt att rekrytera säkerhetsspecialister till regionen",
  "Önskar att vårdpersonal fick lära sig de digitala verktygen på arbetstid"],
 "tillganglighet": [
  "1177 är svårt för äldre patienter att använda",
  "Önskar e-tjänster på fler språk för patienter",
  "Synskadade patienter kan inte boka tid digitalt",
  "Formulären till vården är för krångliga för många"],
 "bygglov": [
  "Vi bygger om vårdcentraler och kommunens bygglov kräver pappersritningar"],
 "ai": [
  "Önskar AI-stöd som sammanfattar journalen inför besöket",
  "Vi vill pröva AI för att prioritera remisser men vet inte vad som är lagligt",
  "Taligenkänning och AI för journalföring skulle spara massor av tid",
  "Vem granskar att AI-verktygen i vården är säkra?",
  "Behöver riktlinjer för AI i vården"],
 "nis2": [
  "Cyberattacken mot en annan region skrämde oss, vi är inte förberedda",
  "NIS2 kräver mycket av oss och vi vet inte var vi ska börja",
  "Önskar övningar i hur vi hanterar en cyberattack",
  "Medicinteknisk utrustning har gamla system som inte går att uppdatera",
  "Behöver stöd med säkerhetsskydd och incidenthantering"],
 "journal": [
  "Kommunens hemsjukvård kan inte se regionens journal",
  "Önskar att informationen följde patienten mellan vårdgivare",
  "Vi faxar fortfarande epikriser till kommunen",
  "Sammanhållen journalföring funkar inte mellan region och kommun",
  "Läkemedelslistan är olika hos apoteket, regionen och kommunen",
  "Privata vårdgivare kan inte ta del av våra anteckningar",
  "Patienterna får berätta samma sak för varje ny vårdgivare",
  "Önskar nationell informationsdelning i vården som faktiskt funkar",
  "Remisser mellan regioner skickas som papper",
  "Ambulansen ser inte patientens journal när de kommer fram"],
 }},
{"title": "Myndigheter: gemensam infrastruktur", "sector": "Stat", "held_on": "2026-04-07",
 "named": {"api": "API-katalog", "nis2": "Cybersäkerhet"},
 "notes": {
 "eleg": [
  "Utländska experter kan inte logga in hos oss utan personnummer",
  "Önskar en statlig e-legitimation för medarbetare",
  "Myndigheterna har olika lösningar för tjänsteinloggning, det är rörigt",
  "Vi behöver e-leg för anställda som funkar hos alla myndigheter",
  "Konsulterna får låna kollegors inloggning för att de saknar e-leg"],
 "moln": [
  "Vi väntar fortfarande på ett besked om CLOUD Act innan vi flyttar till molnet",
  "Önskar en gemensam statlig molntjänst",
  "Varje myndighet gör sin egen riskanalys av samma molntjänst",
  "Microsoft 365 är förbjudet hos oss men tillåtet hos grannmyndigheten",
  "Molnet är billigare men ingen vågar ta beslutet"],
 "api": [
  "Önskar en nationell API-katalog med alla offentliga API:er",
  "Vi publicerar API:er men ingen hittar dem",
  "En API-katalog borde visa villkor och dokumentation för varje API",
  "vi bygger integrationer som redan finns någon annanstans för att vi inte hittar API:erna"],
 "grunddata": [
  "Grunddata om företag har för dålig kvalitet för automatiserade beslut",
  "Önskar att grunddata om personer, företag och fastigheter förvaltades gemensamt",
  "Vi kopierar samma grunddata från Bolagsverket varje natt"],
 "post": [
  "Vi vill skicka allt digitalt men få medborgare har digital brevlåda",
  "Önskar att digital post blev förvalt för alla myndigheter",
  "Företagen får vår post på papper fast de har digital brevlåda",
  "Myndighetspost borde gå till en och samma brevlåda",
  "Vi betalar fortfarande för massutskick på papper"],
 "arkiv": [
  "Vi behöver ett e-arkiv som klarar data ur verksamhetssystemen",
  "Bevarandet av e-post och Teams-chattar är oklart",
  "Önskar att Riksarkivet tog fram gemensam e-arkivtjänst",
  "Våra digitala handlingar riskerar att bli oläsbara om tjugo år",
  "E-arkivet är dyrt för en liten myndighet"],
 "kompetens": [
  "Vi kan inte betala vad IT-arkitekter kostar",
  "Konsultberoendet är för stort, ingen internt förstår systemen",
  "Önskar ett statligt program för att utbilda egna utvecklare",
  "Specialister inom säkerhet slutar efter något år"],
 "tillganglighet": [
  "Våra e-tjänster klarar inte tillgänglighetsdirektivet",
  "Önskar ett gemensamt designsystem som redan är tillgängligt",
  "Medborgare med kognitiva funktionsnedsättningar förstår inte våra beslut"],
 "bygglov": [
  "Lantmäteriet och kommunerna borde ha samma format för ritningar och kartor",
  "Önskar nationell standard för digitala bygglovsritningar"],
 "ai": [
  "Önskar gemensamma riktlinjer för AI i myndigheterna",
  "Får vi använda språkmodeller på handlingar med sekretess?",
  "Vi vill automatisera beslut med AI men lagstödet är oklart",
  "AI-förordningen kräver mycket och ingen har koll på den",
  "Önskar en gemensam AI-tjänst för staten i stället för att alla köper egna",
  "AI kunde hjälpa handläggarna att hitta rätt i stora ärenden"],
 "nis2": [
  "NIS2 och nya cybersäkerhetslagen kräver rapportering vi inte klarar",
  "Önskar gemensam incidenthantering för mindre myndigheter",
  "Vi har ingen säkerhetsövervakning på nätterna",
  "Leverantörernas säkerhet är en risk vi inte har koll på",
  "Behöver stöd för att klassa våra system enligt NIS2",
  "Överbelastningsattacker slog ut våra e-tjänster två gånger i år"],
 }},
]}


write('rounds.json', AREAS, TRUTH, LAST, THIS, seed=lambda w: 33)
