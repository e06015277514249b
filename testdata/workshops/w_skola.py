NAME="kommun_skola"; TITLE="Kommun: skola, barn och e-tjänster"
W = {
"Skolans digitala verktyg": {
 "En inloggning för elever och lärare": [
  "Eleverna har sju olika lösenord och glömmer alla",
  "Jag lägger första tio minuterna av lektionen på inloggningsproblem",
  "Önskar en inloggning för alla skolans tjänster",
  "Single sign-on för lärplattformen och Google, snälla"],
 "Elevdatorer som fungerar": [
  "Hälften av chromebooksen är trasiga eller oladdade",
  "Elevernas datorer är för gamla och går jättelångsamt",
  "Det tar en månad att få en trasig elevdator lagad",
  "Vi behöver fler laddskåp och reservdatorer i klassrummen"],
 "En gemensam lärplattform": [
  "Vi använder både Teams, Classroom och Schoolsoft, föräldrarna blir galna",
  "Skolorna i kommunen har olika plattformar, det blir rörigt när elever byter skola",
  "Önskar att kommunen bestämmer en lärplattform för alla skolor",
  "För många system för prov, närvaro och betyg"],
},
"Kontakt med vårdnadshavare": {
 "En kanal till föräldrarna": [
  "Föräldrar mejlar, sms:ar och ringer, jag hinner inte svara",
  "Vi behöver en kanal för kontakt med vårdnadshavare, inte fem",
  "Informationen till föräldrar når inte fram",
  "Önskar att veckobrevet gick ut automatiskt i appen"],
 "Information på föräldrarnas språk": [
  "Många föräldrar förstår inte svenska och missar info från skolan",
  "Vi behöver kunna översätta meddelanden till arabiska och somaliska",
  "Tolk är svårt att få tag på till utvecklingssamtal",
  "Appen borde kunna visa allt på förälderns eget språk"],
 "Digital ansökan om förskola och fritids": [
  "Ansökan om förskoleplats görs fortfarande på papper",
  "Skolvalet borde gå att göra helt digitalt med BankID",
  "Föräldrar ringer och frågar var dom ska lämna blanketten för fritids",
  "Önskar e-tjänst för att söka och säga upp barnomsorg"],
},
"Lärarnas arbete": {
 "Fortbildning i digitala verktyg för lärare": [
  "Ingen tid avsatt för kompetensutveckling i IT",
  "Lärarna får nya verktyg men ingen fortbildning",
  "Vi behöver studiedagar om digitala verktyg, inte bara en mejlinstruktion",
  "Många kollegor känner sig osäkra på tekniken"],
 "Rekrytera behöriga lärare": [
  "Vi hittar inga behöriga mattelärare",
  "Hälften av lärarna på skolan saknar legitimation",
  "Det är omöjligt att rekrytera speciallärare till landsbygden",
  "Lärarbristen gör att vikarier undervisar i månader"],
 "Mindre administration för lärare": [
  "Dokumentationskraven tar tiden från undervisningen",
  "För mycket pappersarbete kring åtgärdsprogram och incidentrapporter",
  "Lärarna gör administrativt jobb som en assistent kunde göra",
  "Samma info ska in i tre system, dubbelarbete"],
},
"Kommunens e-tjänster": {
 "Fler ärenden som e-tjänst": [
  "Bygglov kräver fortfarande att man skickar in ritningar på papper",
  "Invånarna vill kunna göra allt på nätet, vi har bara 12 e-tjänster",
  "Önskar att fler ansökningar gick att göra med e-legitimation",
  "Varför måste man komma till medborgarkontoret för att ansöka om parkeringstillstånd?"],
 "Automatiserade beslut i enkla ärenden": [
  "Ekonomiskt bistånd borde kunna handläggas automatiskt för enkla fall",
  "Robotar kan sköta rutinärenden så handläggarna får tid för svåra fall",
  "Trelleborgsmodellen med automatiserade beslut borde vi också ha",
  "Vi behöver RPA för fakturahantering, det är så mycket manuellt"],
 "Begriplig och tillgänglig webb": [
  "Kommunens webb är full av byråkratisvenska",
  "Sidorna fungerar inte för den som är synskadad",
  "Invånare med intellektuell funktionsnedsättning förstår inte våra beslut",
  "Skriv på lätt svenska så att alla förstår"],
},
"IT-säkerhet och inköp": {
 "Skydd mot it-attacker": [
  "Vad händer om vi blir utsatta för ransomware som Kalix?",
  "Vi har ingen plan för om IT-systemen slås ut av en attack",
  "Behöver bättre skydd mot nätfiske, folk klickar på allt",
  "Säkerhetskopiorna har aldrig testats, skrämmande"],
 "Säker hantering av elevernas personuppgifter": [
  "Får vi verkligen använda Google i skolan med GDPR?",
  "Lärare skickar elevers omdömen på vanlig mejl",
  "Oklart vilka appar som är godkända att använda med elever",
  "Dataskyddsombudet hinner inte granska alla appar lärarna vill använda"],
 "Samordnade IT-inköp i kommunen": [
  "Varje skola köper egna licenser, ingen överblick",
  "Förvaltningarna upphandlar samma system var för sig",
  "Kommunen borde köpa in gemensamt och få bättre pris",
  "Ingen vet vilka avtal vi har eller när dom går ut"],
},
"Barn och unga som behöver stöd": {
 "Dela information mellan skola och socialtjänst": [
  "Skolan och socialtjänsten får inte prata med varandra om samma barn",
  "Sekretessen hindrar oss från att hjälpa barn som far illa",
  "Orosanmälningar försvinner och skolan får aldrig veta vad som händer",
  "Vi behöver en säker väg att dela info om elever med socialtjänsten"],
 "Upptäcka elever med hög frånvaro tidigt": [
  "Vi ser frånvaron för sent, då har eleven redan slutat komma",
  "Önskar att systemet larmar när en elev har hög frånvaro",
  "Hemmasittare upptäcks alldeles för sent",
  "Behöver bättre uppföljning av elever som är på väg att hoppa av"],
 "Skolskjuts som fungerar": [
  "Skolskjutsen kommer inte och ingen meddelar föräldrarna",
  "Önskar en app där man ser var skolbussen är",
  "Ansökan om skolskjuts tar för lång tid, barnen står utan transport",
  "Busschaufförerna vet inte vilka barn som ska åka"],
},
}
