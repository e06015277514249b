NAME="forsakring_handlaggning"; TITLE="Socialförsäkring: handläggning, kundmöte och kontroll"
W = {
"Handläggning": {
 "Kortare handläggningstider": [
  "Kunderna väntar i månader på beslut om sjukpenning",
  "Handläggningstiderna måste ner, folk får inga pengar",
  "Ärendena blir liggande för vi är för få handläggare",
  "Balanserna växer varje månad"],
 "Kompletta underlag från början": [
  "Läkarintygen är ofullständiga och vi måste begära komplettering",
  "Hälften av ansökningarna saknar något underlag",
  "Vi skickar brev om komplettering och väntar veckor på svar",
  "Om e-tjänsten kollade att allt fanns med slapp vi jaga papper"],
 "Likvärdiga bedömningar av samma ärende": [
  "Två handläggare bedömer samma ärende helt olika",
  "Vi behöver tydligare riktlinjer så att besluten blir rättvisa",
  "Önskar stöd i systemet för hur man bedömer arbetsförmåga",
  "Det beror på vilken handläggare man får, det är inte rättssäkert"],
},
"Kundmöte": {
 "Kortare väntetid i telefon": [
  "Kunderna får vänta en timme i telefonkön",
  "Telefonkön är kundernas största irritation",
  "Önskar att kunden kunde bli uppringd istället för att sitta i kö",
  "Vi behöver fler som svarar i telefon på måndagar"],
 "Kunden ska se var ärendet är": [
  "Kunderna ringer bara för att fråga hur långt ärendet har kommit",
  "Önskar att man kunde följa sitt ärende på Mina sidor som ett paket",
  "Det syns inte vad som händer med ansökan, folk blir oroliga",
  "En statusrad för ärendet skulle spara massor av samtal"],
 "Begripliga beslutsbrev": [
  "Kunderna förstår inte våra beslut, breven är för juridiska",
  "Beslutsbreven är fyra sidor paragrafer",
  "Vi måste skriva så att en vanlig människa förstår varför hon fått avslag",
  "Mallarna för beslut är gamla och krångliga"],
},
"Kontroll och felaktiga utbetalningar": {
 "Upptäcka fusk före utbetalning": [
  "Vi betalar ut pengar till bluffföretag innan någon hinner kontrollera",
  "Kriminella nätverk utnyttjar assistansersättningen",
  "Önskar bättre riskanalys innan utbetalning görs",
  "Felaktiga utbetalningar upptäcks först efter flera år"],
 "Hämta uppgifter från andra myndigheter automatiskt": [
  "Vi får inte se inkomstuppgifter från Skatteverket direkt",
  "Handläggarna ringer till Arbetsförmedlingen för att kolla uppgifter",
  "Borde kunna hämta folkbokföringen automatiskt istället för att kunden skickar in",
  "Direktåtkomst till andra myndigheters register saknas"],
 "Återkrav som fungerar": [
  "Återkraven blir aldrig betalda",
  "Kunden får återkrav flera år senare och förstår inte varför",
  "Återbetalningsprocessen är helt manuell",
  "Vi borde stoppa felet innan det blir ett återkrav"],
},
"Handläggarnas IT-stöd": {
 "Ett handläggningssystem i stället för många": [
  "Jag har tolv system öppna samtidigt för att handlägga ett ärende",
  "Systemen pratar inte med varandra, vi kopierar och klistrar",
  "Önskar ett enda gränssnitt för handläggaren",
  "Hoppa mellan olika fönster hela dagen tar energi"],
 "Stabila system utan avbrott": [
  "Systemet ligger nere varje måndag morgon",
  "När handläggningsstödet kraschar förlorar jag det jag skrivit",
  "Driftstörningarna stoppar hela kontoret flera gånger i månaden",
  "Vi behöver IT som håller, det är för många avbrott"],
 "Automatiska beslut i rutinärenden": [
  "Enkla ärenden som föräldrapenning borde beslutas automatiskt",
  "Maskinen kan fatta de självklara besluten så vi får tid till de svåra",
  "Mer automatisering av standardärenden",
  "Varför ska en människa godkänna varje rutinärende för sig?"],
},
"Regelverk och rättssäkerhet": {
 "Regler för AI i myndighetsbeslut": [
  "Får vi använda AI när vi fattar beslut om ersättning?",
  "Vem ansvarar om en algoritm fattar fel beslut?",
  "Vi måste kunna förklara för kunden hur AI:n kom fram till beslutet",
  "Det saknas riktlinjer för AI i handläggningen"],
 "Enklare regelverk": [
  "Reglerna för bostadstillägg är så komplicerade att ingen förstår dem",
  "Lagstiftningen ändras så ofta att vi inte hinner anpassa systemen",
  "Förenkla regelverket, det är för många undantag",
  "Regelkrånglet gör att det blir fel både för kunden och oss"],
 "Lagstöd för att dela data": [
  "Sekretesslagen hindrar oss från att dela med kommunerna",
  "Juristerna säger nej så fort vi vill använda data på ett nytt sätt",
  "Behöver lagändring så vi får dela uppgifter med andra myndigheter",
  "Oklart lagstöd stoppar alla våra datadelningsprojekt"],
},
"Medarbetare": {
 "Bättre introduktion för nya handläggare": [
  "Nya handläggare kastas in utan ordentlig introduktion",
  "Det tar ett år innan en ny handläggare är självgående",
  "Önskar ett mentorsprogram för nyanställda",
  "Introutbildningen är för teoretisk, man lär sig inte systemen"],
 "Rimlig arbetsbelastning": [
  "Vi är utbrända, för många ärenden per handläggare",
  "Sjukskrivningarna ökar bland kollegorna",
  "Pressen att stänga ärenden gör att kvaliteten blir lidande",
  "Jag hinner aldrig ta rast"],
 "Möjlighet att arbeta på distans": [
  "Vi vill kunna jobba hemifrån några dagar i veckan",
  "Distansarbete funkar inte när systemen bara går att nå från kontoret",
  "Ledningen litar inte på att vi jobbar hemma",
  "Hybridmöten där halva gänget är på Teams blir dåliga"],
},
}
