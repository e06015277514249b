# A second, held-out pair of needs-inventory rounds, written for the Klustra project (issue 33):
# last year three workshops (Region, Statlig myndighet, Kommun), this year four (the same three
# sectors plus a Kommunalförbund). Every note is written here; no note comes from a real
# workshop. It was written without looking at the code it will be measured on.
# `python3 rounds_b.py` writes rounds_b.json next to this file (notes in a fixed shuffle per
# workshop, each workshop with its own seed; ids by position). Same schema as rounds.json.
"""Behovsinventering 2024 -> Behovsinventering 2025 (held-out pair "b").

| key | area | 2024 | 2025 | truth |
|---|---|---|---|---|
| underskrift | Digitala underskrifter | x | x | recurring -> underskrift |
| arende | Ärendehanteringssystem | x | x | recurring -> arende |
| oppnadata | Öppna data | x | x | recurring -> oppnadata |
| meddelande | Säker e-post och säkra meddelanden | x | x | recurring -> meddelande |
| leverantor | Leverantörsberoende och licenser | x | - | recurring, SPLITS -> inlasning + licens |
| inlasning | Inlåsning hos leverantörer och exit | - | x | (continues leverantor) |
| licens | Licenskostnader | - | x | (continues leverantor) |
| gdpr | Personuppgiftsincidenter och GDPR | x | - | recurring, MERGES -> dataskydd |
| klassning | Informationsklassning | x | - | recurring, MERGES -> dataskydd |
| dataskydd | Informationsklassning och dataskydd | - | x | (continues gdpr and klassning) |
| mobil | Mobila enheter för fältpersonal | x | - | dropped |
| dokument | Dokumenthantering och skanning | x | - | dropped |
| chefer | Digital kompetens för chefer | x | - | dropped |
| valfard | Välfärdsteknik och trygghetslarm | - | x | new |
| chattbot | Chattbot i kundtjänsten | - | x | new |
| beslut | Automatiserade beslut | - | x | new |
| support | Gemensam IT-support/servicedesk | - | x | new |

Deliberately close pairs: gdpr vs klassning (separate last year, one area this year);
arende vs dokument (last year) and arende vs beslut (this year); chattbot vs support (a
support note asks for chat); mobil (dropped) vs valfard (new), both about hemtjänst.
Stray single notes: dokument in the Region workshop 2024; valfard in Region and Statlig
myndighet 2025; beslut in the Kommunalförbund 2025.

Facilitator names (`named`): 2024 "Säker informationshantering" (klassning, Statlig
myndighet) and "Säker e-post" (meddelande, Kommun), two different areas whose names share
"Säker", plus "Leverantörer och licenser" (Region); 2025 "GDPR och incidenter" (Region),
"Automatiserade beslut" (Statlig myndighet), "Trygghetslarm och välfärdsteknik" (Kommun),
"Licenskostnader" (Kommunalförbund).
"""
from pair import write

AREAS = {
 "underskrift": "Digitala underskrifter",
 "arende": "Ärendehanteringssystem",
 "oppnadata": "Öppna data",
 "meddelande": "Säker e-post och säkra meddelanden",
 "leverantor": "Leverantörsberoende och licenser (förra året ett område)",
 "inlasning": "Inlåsning hos leverantörer och exit",
 "licens": "Licenskostnader",
 "gdpr": "Personuppgiftsincidenter och GDPR",
 "klassning": "Informationsklassning",
 "dataskydd": "Informationsklassning och dataskydd (förra året två områden)",
 "mobil": "Mobila enheter för fältpersonal",
 "dokument": "Dokumenthantering och skanning av papper",
 "chefer": "Digital kompetens för chefer",
 "valfard": "Välfärdsteknik och trygghetslarm",
 "chattbot": "Chattbot i kundtjänsten",
 "beslut": "Automatiserade beslut",
 "support": "Gemensam IT-support och servicedesk",
}

# Last year's area -> this year's areas that continue it (leverantor splits in two; gdpr and
# klassning merge into dataskydd).
TRUTH = {
 "recurring": {"underskrift": ["underskrift"], "arende": ["arende"], "oppnadata": ["oppnadata"],
               "meddelande": ["meddelande"], "leverantor": ["inlasning", "licens"],
               "gdpr": ["dataskydd"], "klassning": ["dataskydd"]},
 "dropped": ["mobil", "dokument", "chefer"],
 "new": ["valfard", "chattbot", "beslut", "support"],
}

LAST = {
"title": "Behovsinventering 2024",
"workshops": [
{"title": "Regionens digitaliseringsdag 2024", "sector": "Region", "held_on": "2024-02-20",
 "seed": 2401,
 "named": {"leverantor": "Leverantörer och licenser"},
 "notes": {
 "underskrift": [
  "Intyg skrivs ut bara för att läkaren ska skriva under för hand",
  "Önskar att vi kunde signera t.ex. avtal digitalt, nu går de med internpost",
  "Patienten måste komma in och skriva på samtycket på papper"],
 "arende": [
  "Vårt diariesystem är 20 år gammalt och ingen vågar röra det",
  "Klagomål från patienter hanteras i Excel, vi behöver ett riktigt ärendesystem",
  "Svårt att följa ett ärende när det går mellan förvaltningarna"],
 "oppnadata": [
  "Vi vill publicera väntetiderna som öppna data men vet inte hur",
  "Varför kan vi inte lägga ut statistiken öppet istället för att svara på varje begäran?"],
 "meddelande": [
  "Vi får inte mejla patientuppgifter till kommunen men det finns inget annat sätt",
  "Önskar säker e-post till primärvården och kommunerna",
  "ssk ringer och läser upp provsvar för att mejl inte är säkert",
  "Krypterad mejl är så krånglig att ingen använder den",
  "Behöver ett säkert sätt att skicka meddelanden till patienter som inte loggar in på 1177"],
 "leverantor": [
  "Journalleverantören tar betalt för varje liten ändring och vi kan inte byta",
  "Licenserna för Office ökar varje år och budgeten räcker inte",
  "Vi sitter fast i ett avtal som löper till 2030",
  "Leverantören äger vår data i praktiken, vi får inte ut den utan att betala"],
 "gdpr": [
  "Varje felskickad remiss blir en personuppgiftsincident och vi hinner inte anmäla",
  "Vi vet inte när en incident ska anmälas till IMY",
  "Önskar en enkel rutin för att rapportera personuppgiftsincidenter",
  "Vårdpersonal tittar i journaler de inte ska, loggkontrollen hinner ingen med",
  "GDPR gör att vi inte vågar dela något alls"],
 "klassning": [
  "Ingen har klassat informationen i våra system",
  "Önskar en gemensam modell för informationsklassning i regionen",
  "Svårt att veta vilken skyddsnivå patientdata ska ha i olika system"],
 "mobil": [
  "Ambulanspersonalen har inga surfplattor och skriver på papper i bilen",
  "Önskar mobiler till hemsjukvården så de kan dokumentera på plats",
  "Paddorna vi har är så låsta att man inte kan använda dem",
  "Vi behöver mobila enheter som klarar SITHS-inloggning ute hos patienten"],
 "dokument": [
  "Remisser som kommer på papper skannas in och sen går de inte att söka i"],
 "chefer": [
  "Cheferna förstår inte vad digitalisering kostar eller kräver",
  "Önskar utbildning för enhetschefer i att leda digital förändring",
  "Vår chef tycker digitalisering är IT-avd:s problem"],
 }},
{"title": "Myndighetsnätverket för e-förvaltning 2024", "sector": "Statlig myndighet",
 "held_on": "2024-03-14", "seed": 2402,
 "named": {"klassning": "Säker informationshantering"},
 "notes": {
 "underskrift": [
  "Beslut skrivs ut, signeras och skannas in igen, helt sjukt",
  "Önskar en gemensam tjänst för e-underskrift för alla myndigheter",
  "Sökande kan inte skriva under ansökan med e-leg, de måste skicka blankett",
  "Vi vet inte om en digital underskrift håller juridiskt i alla ärenden"],
 "arende": [
  "Handläggarna jobbar i fyra system för ett och samma ärende",
  "Ärendehanteringssystemet är byggt för papper och det märks",
  "Önskar att ärenden kunde flyttas mellan myndigheter utan att skrivas ut",
  "Vi har ett egenutvecklat ärendesystem som bara två personer kan",
  "Svårt att få överblick över hur många ärenden varje handläggare har"],
 "oppnadata": [
  "Vi har massor av data som borde vara öppen men ingen har tid att publicera",
  "Önskar tydligare regler om vilken data vi får lägga ut fritt",
  "Portalen för öppna data är svår att ladda upp till",
  "Ingen använder våra dataset, vi vet inte vad folk efterfrågar"],
 "meddelande": [
  "Vi kan inte skicka sekretessuppgifter till andra myndigheter via e-post",
  "Önskar en statlig lösning för säkra meddelanden mellan myndigheter",
  "Handlingar med sekretess skickas med bud, det tar dagar"],
 "leverantor": [
  "Vi är helt beroende av konsultfirman som byggt vårt kärnsystem",
  "Licenskostnaderna äter upp utvecklingsbudgeten",
  "Svårt att byta leverantör när all kunskap finns hos dem"],
 "gdpr": [
  "Handläggare skickar personnummer i vanliga mejl och det blir incidenter",
  "Vi anmäler för få incidenter till IMY, folk vet inte vad som räknas",
  "Dataskyddsombudet är en person på halvtid för hela myndigheten"],
 "klassning": [
  "Vi har aldrig klassat våra informationsmängder ordentligt",
  "Informationsklassningen görs i ett Excelark som ingen uppdaterar",
  "Önskar stöd från MSB för hur man klassar information",
  "Varför gör varje myndighet sin egen klassningsmodell?",
  "Utan klassning vet vi inte vilka skydd systemen behöver"],
 "dokument": [
  "Inkommande post skannas men hamnar i en mapp som ingen tittar i",
  "Dokument ligger på G:, i Sharepoint och i mejlen, ingen hittar rätt verison",
  "Önskar bättre dokumenthantering så vi slipper mejla filer fram och tillbaka",
  "Pappersakter från 2010 står fortfarande i hyllor och måste skannas"],
 "chefer": [
  "Ledningen fattar beslut om IT utan att förstå konsekvenserna",
  "Chefer behöver kunna ställa krav på digitaliseringen, inte bara IT",
  "Önskar ett program om digitalt ledarskap för myndighetens chefer"],
 }},
{"title": "Kommunträff digitalisering 2024", "sector": "Kommun", "held_on": "2024-04-09",
 "seed": 2403,
 "named": {"meddelande": "Säker e-post"},
 "notes": {
 "underskrift": [
  "Vårdnadshavare måste skriva under blanketter på papper, båda två",
  "Önskar att politikerna kunde justera protokoll digitalt",
  "Vi skriver ut anställningsavtal för att få dem underskrivna",
  "e-underskrift finns men bara för HR, inte för resten av kommmunen"],
 "arende": [
  "Socialtjänstens verksamhetssystem och diariet pratar inte med varandra",
  "Medborgare ringer och frågar hur deras ärende går, de kan inte se det själva",
  "Byggnadsnämndens ärendesystem är från förra årtusendet"],
 "oppnadata": [
  "Vi borde lägga ut badplatsernas temperatur och annan data öppet",
  "Har inte resurser att jobba med öppna data i en liten kommun"],
 "meddelande": [
  "Socialsekreterarna får inte mejla till Försäkringskassan, allt går med fax",
  "Önskar säker e-post mellan skola, soc och BUP",
  "Vi måste kunna skicka känsliga uppgifter till medborgare på ett säkert sätt",
  "Den säkra mejllösningen kräver att mottagaren har samma system"],
 "leverantor": [
  "Vi har ett skolsystem vi inte kan byta för att all data är inlåst",
  "Licenser för Microsoft blir dyrare varje år och kommunen får betala",
  "Leverantörerna bestämmer, vi är för små för att ställa krav",
  "Önskar att SKR förhandlade avtalen åt oss så vi inte står ensamma"],
 "gdpr": [
  "Skolan lade ut elevlistor på webben av misstag, vad gör vi nu",
  "Önskar en mall för att anmäla personuppgiftsincident",
  "GDPR-utbildningen för personalen är en PowerPoint från 2018"],
 "klassning": [
  "Vi vet inte hur känslig informationen i hemtjänstens appar är",
  "Önskar hjälp att klassa informationen i kommunens system"],
 "mobil": [
  "Hemtjänsten har gamla telefoner som laddar ur mitt på passet",
  "Vi behöver surfplattor till personalen på LSS-boendena",
  "Önskar att fältpersonalen kunde dokumentera direkt i mobilen",
  "Mobilerna är delade och ingen vet vems inloggning som gäller",
  "Tekniska förvaltningens fältpersonal skriver arbetsordrar på papper"],
 "dokument": [
  "Vi skannar bygglovsakter för hand, det tar evigheter",
  "Dokumenten ligger i olika mappar på olika förvaltningar",
  "Önskar ett dokumenthanteringssystem för hela kommunen"],
 "chefer": [
  "Rektorer och enhetschefer behöver förstå vad digitala verktyg kan göra",
  "Önskar digital kompetens i chefsintroduktionen",
  "Chefer köper system själva utan att fråga IT",
  "Våra chefer är rädda för det digitala och skjuter upp besluten"],
 }},
]}

THIS = {
"title": "Behovsinventering 2025",
"workshops": [
{"title": "Region: vård och digital infrastruktur", "sector": "Region", "held_on": "2025-02-18",
 "seed": 2501,
 "named": {"dataskydd": "GDPR och incidenter"},
 "notes": {
 "underskrift": [
  "Läkarintygen kan fortfarande inte signeras digitalt av patienten",
  "Vi vill att patienter ska kunna ge samtycke med e-leg istället för papper",
  "Avtal med privata vårdgivare skickas runt för underskrift i veckor"],
 "arende": [
  "Synpunkter och klagomål från patienter ligger i tre olika system",
  "Regionens diarium klarar inte de stora mängderna ärenden",
  "Önskar ett modernt ärendesystem där man ser vem som har ärendet"],
 "oppnadata": [
  "Varför publiceras inte vårdköerna som öppna data automatiskt?",
  "Önskar att vår statistik fanns som öppna dataset istället för pdf"],
 "meddelande": [
  "Kan vi skicka epikrisen till kommunen med mejl eller måste den faxas?",
  "Vi behöver säkra meddelanden mellan vården och omsorgen",
  "Usk skriver av meddelanden från mejlen in i journalen",
  "Önskar krypterad e-post som funkar till alla mottagare, inte bara inom regionen",
  "Patienter mejlar oss med känsliga frågor och vi får inte svara"],
 "inlasning": [
  "Vi kommer inte ur journalsystemet för att exporten kostar miljoner",
  "Önskar krav på exit i alla nya upphandlingar",
  "Leverantören vägrar ge oss ett öppet API till vår egen data"],
 "licens": [
  "Licenskostnaden för journalsystemet har ökat 30 % på två år",
  "Vi betalar för licenser som ingen använder",
  "Önskar bättre koll på vilka lisenser vi har och vad de kostar",
  "Microsoft-licenserna tar en allt större del av IT-budgeten"],
 "dataskydd": [
  "Felskickade brev med patientuppgifter ska anmälas till IMY, vi hinner inte med",
  "Önskar ett gemensamt sätt att klassa information i regionen och kommunerna",
  "Loggarna granskas inte, vi vet inte vem som läst journalerna",
  "Vi behöver veta vilken skyddsklass provsvar har innan vi bygger appen",
  "GDPR-frågor tar månader att få svar på från juristerna",
  "Ingen äger ansvaret för klassningen av våra system"],
 "chattbot": [
  "Önskar en chattbot på webben som svarar på vanliga frågor om vården",
  "Växeln är överbelastad, en chattbot kunde ta de enkla frågorna",
  "Patienter frågar om öppettider hela dagarna, det borde en bot klara"],
 "beslut": [
  "Kan beslut om högkostnadsskydd fattas automatiskt?",
  "Ersättning för sjukresor borde kunna beslutas automatiskt"],
 "support": [
  "IT-supporten har öppet kontorstid men vården jobbar dygnet runt",
  "Önskar en gemensam servicedesk för alla regionens system",
  "Man får ringa tre olika supporter beroende på vilket system som strular",
  "Väntetiden till IT-support är över en timme på morgonen"],
 "valfard": [
  "Trygghetslarmen i kommunen borde kunna larma hemsjukvården direkt"],
 }},
{"title": "Myndigheter: digital förvaltning", "sector": "Statlig myndighet",
 "held_on": "2025-03-12", "seed": 2502,
 "named": {"beslut": "Automatiserade beslut"},
 "notes": {
 "underskrift": [
  "Våra beslut signeras fortfarande med penna av beslutsfattaren",
  "Företag vill kunna skriva under ansökningar digitalt med firmatecknare",
  "Önskar en nationell underskriftstjänst, alla köper egna i dag",
  "Svårt att skriva under digitalt när den sökande saknar svensk e-leg"],
 "arende": [
  "Vårt ärendesystem klarar inte digitala inlämningar, vi skriver ut dem",
  "Handläggarna dubbelregistrerar i ärendesystemet och i ekonomisystemet",
  "Önskar ett ärendehanteringssystem som flera myndigheter kan dela",
  "Det tar tio klick att skapa ett nytt ärende",
  "Vi kan inte se ärendets historik när det har bytt handläggare"],
 "oppnadata": [
  "Öppna data-direktivet kräver saker vi inte har kapacitet för",
  "Vilka av våra datamängder räknas som värdefulla dataset?",
  "Önskar att en central aktör hjälpte oss publicera öppna data",
  "Vi lägger ut data men ingen vet att den finns",
  "API:er för öppna data borde vara standardiserade"],
 "meddelande": [
  "Säker digital kommunikation mellan myndigheter saknas fortfarande",
  "Handläggare skickar sekretessuppgifter krypterat men mottagaren kan inte öppna",
  "Önskar att SDK blev obligatoriskt för alla offentliga aktörer"],
 "inlasning": [
  "Vårt kärnsystem är byggt av en leverantör och vi äger inte källkoden",
  "Önskar stöd för att planera exit innan avtalet tar slut",
  "Vi får inte ut våra data i ett format som andra system kan läsa",
  "Att byta leverantör skulle ta fem år, så vi gör det inte"],
 "licens": [
  "Licensmodellen ändrades och kostnaden fördubblades över en natt",
  "Önskar statlig samordning av licensavtal så vi får bättre priser",
  "Vi har inte råd med licenser till alla handläggare"],
 "dataskydd": [
  "Varje myndighet har sin egen modell för informationsklassning och incidenter",
  "Önskar en enkel mall: vilken klass, vilka skydd, vem anmäler",
  "Vi anmälde en personuppgiftsincident för sent, ingen visste vem som ansvarade",
  "Handläggare vet inte vilka uppgifter i ärendena som är känsliga",
  "Behöver bättre stöd för dataskydd när vi inför nya system"],
 "beslut": [
  "Önskar automatiserade beslut i enkla ärenden så handläggarna kan ta de svåra",
  "Förvaltningslagen säger att vi får, men ingen vågar börja",
  "Hur motiverar man ett beslut som maskinen har fattat?",
  "Vi vill automatisera beslut om förlängning men regelverket är oklart",
  "Önskar vägledning om rättssäkerhet vid automatiserat beslutsfattande",
  "Automatiska beslut kräver bra data och det har vi inte",
  "Vart vänder sig den enskilde när ett automatiskt beslut blir fel?"],
 "chattbot": [
  "Kundtjänsten får samma frågor om och om igen, önskar en chattbot",
  "Vår chattbot svarar fel på hälften av frågorna",
  "Får chattboten hantera personnummer eller inte?",
  "Önskar en chattbot som kan svara på flera språk"],
 "support": [
  "Varje myndighet har sin egen servicedesk för samma typ av frågor",
  "Önskar gemensam IT-support för små myndigheter",
  "Supportärenden försvinner mellan leverantören och vår servicedesk"],
 "valfard": [
  "Kommunerna frågar oss om regler för digital tillsyn och trygghetslarm"],
 }},
{"title": "Kommun: välfärd och medborgarservice", "sector": "Kommun", "held_on": "2025-04-08",
 "seed": 2503,
 "named": {"valfard": "Trygghetslarm och välfärdsteknik"},
 "notes": {
 "underskrift": [
  "Föräldrar ska kunna godkänna utflykter digitalt, inte på lappar",
  "Nämndens protokoll justeras fortfarande med penna",
  "Önskar digital signering av bygglovsansökningar"],
 "arende": [
  "Bygglov har ett system, miljö ett annat och ingen ser helheten",
  "Medborgaren får inte veta var i processen ärendet är",
  "Önskar att e-tjänsterna skapade ärenden direkt i systemet",
  "Diariet är så krångligt att folk struntar i att registrera"],
 "oppnadata": [
  "Vi vill dela data om lediga förskoleplatser öppet",
  "Öppna data känns som något för storstäder, vi har inte tid",
  "Önskar hjälp att publicera parkeringsdata och annat som öppna data"],
 "meddelande": [
  "Soc behöver ett säkert sätt att mejla andra kommuner",
  "Skolan skickar utredningar till BUP via vanlig e-post, det är inte ok",
  "Önskar att säkra meddelanden funkade direkt i Outlook"],
 "inlasning": [
  "Skolplattformen går inte att byta ut utan att förlora all historik",
  "Vi har låst in oss hos en leverantör för hela socialtjänsten",
  "Önskar att avtalen alltid hade en exitplan"],
 "licens": [
  "Licenserna för lärplattformen betalas per elev och blir dyra",
  "Ingen vet hur många licenser kommunen har totalt",
  "Önskar att vi kunde köpa licenser tillsamans med grannkommunerna",
  "Priset på M365 höjdes och vi fick dra ner på annat"],
 "dataskydd": [
  "Skolan fotar barn och lägger ut bilderna, är det en incident?",
  "Önskar stöd med att klassa informationen i hemtjänstens system",
  "Vi vet inte vilka personuppgifter som är känsliga nog att skyddas extra",
  "Dataskyddsombudet hinner inte svara på alla frågor från förvaltningarna"],
 "valfard": [
  "Trygghetslarmen är fortfarande analoga på många håll",
  "Önskar digital nattillsyn med kamera för de som vill",
  "Larmen går till en larmcentral som inte når hemtjänsten snabbt nog",
  "Vi behöver en plan för välfärdsteknik, nu köper varje enhet egna prylar",
  "GPS-larm för personer med demens skulle ge trygghet för anhöriga",
  "Läkemedelsrobotar har vi testat men ingen följde upp",
  "Brukarna vill ha trygghetslarm som funkar även utomhus"],
 "chattbot": [
  "Kontaktcenter drunknar i frågor om sophämtning, önskar chattbot",
  "Chattboten på hemsidan förstår inte när man skriver fel",
  "Önskar en AI-chatt som svarar på frågor om bygglov dygnet runt",
  "Varför kan vi inte ha en gemensam chattbot för alla kommuner?"],
 "beslut": [
  "Försörjningsstöd borde kunna beslutas automatiskt i enkla fall",
  "Önskar stöd för att låta en robot fatta beslut om försörjningsstöd",
  "Vem ansvarar om ett automatiserat beslut om skolskjuts blir fel?"],
 "support": [
  "Önskar en servicedesk som kan svara på frågor om alla verksamhetssystem",
  "Hemtjänsten får ingen IT-hjälp på kvällar och helger"],
 }},
{"title": "Kommunalförbund: gemensam IT för medlemskommunerna", "sector": "Kommunalförbund",
 "held_on": "2025-05-06", "seed": 2504,
 "named": {"licens": "Licenskostnader"},
 "notes": {
 "underskrift": [
  "Medlemskommunerna har olika underskriftstjänster, vi vill ha en",
  "Avtal mellan förbundet och kommunerna skrivs under på papper i sex exemplar"],
 "arende": [
  "Fem kommuner, fem olika ärendesystem, det går inte att samordna",
  "Önskar ett gemensamt ärendehanteringssystem i förbundet",
  "Ärenden som rör flera kommuner hamnar mellan stolarna"],
 "oppnadata": [
  "Vi kunde publicera öppna data för alla medlemskommuner på en gång",
  "Önskar en gemensam plattform för öppna data i förbundet"],
 "meddelande": [
  "Vi behöver en säker meddelandetjänst som alla medlemskommuner kan använda",
  "Känsliga uppgifter skickas mellan kommunerna på USB-minnen",
  "Säker mejl kostar per brevlåda och kommunerna vill inte betala"],
 "inlasning": [
  "Vi ärvde avtal från kommunerna som vi inte kan säga upp",
  "Leverantören tar betalt för att flytta data till förbundets miljö",
  "Önskar gemensamma krav på dataportabilitet i upphandlingar",
  "Vi vågar inte byta ekonomisystem, migreringen blir för dyr",
  "Svårt att bli av med gamla system när data sitter fast i dem"],
 "licens": [
  "Licenskostnaderna fördelas per invånare och de små kommunerna protesterar",
  "Önskar samlad licensförvaltning för alla medlemskommuner",
  "Vi betalar dubbla licenser under flytten till förbundet",
  "Leverantörerna ändrar licensvillkoren varje år",
  "Hur många lisenser behöver vi egentligen? ingen har koll",
  "Licenserna för e-tjänsteplattformen blir dyrare ju fler e-tjänster vi gör"],
 "dataskydd": [
  "Vem anmäler incidenten när förbundet är personuppgiftsbiträde?",
  "Önskar en gemensam klassningsmodell för alla kommuner i förbundet",
  "PUB-avtalen med medlemskommunerna är fortfarande inte klara",
  "Incidentrapporteringen ser olika ut i varje kommun"],
 "support": [
  "Önskar en servicedesk för alla medlemskommunerna istället för fem",
  "Användarna vet inte om de ska ringa förbundet eller sin kommun",
  "Supporten drunknar i lösenordsbyten, det borde gå att göra själv",
  "Vi behöver en gemensam kunskapsdatabas för supporten",
  "Önskar att IT-supporten hade chatt och inte bara telefon",
  "Servicedesken har för få tekniker på morgonen när allt händer"],
 "valfard": [
  "Vi ska upphandla trygghetslarm för alla medlemskommuner",
  "Larmen går via 4G och tappar täckningen ute på landet",
  "Önskar gemensam drift av välfärdsteknik i förbundet",
  "Digitala nyckellås i hemtjänsten krånglar i vissa kommuner"],
 "chattbot": [
  "Önskar en chattbot som alla medlemskommuners webbplatser kan använda",
  "Chattboten ska kunna svara på frågor om avfall och VA i alla kommuner"],
 "beslut": [
  "Kan förbundet fatta automatiserade beslut åt kommunerna?"],
 }},
]}


write('rounds_b.json', AREAS, TRUTH, LAST, THIS, seed=lambda w: w["seed"])
