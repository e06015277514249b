NAME="region_vard"; TITLE="Region: vård och digitalisering"
W = {
"Journal och dokumentation": {
 "Journalen ska följa patienten mellan vårdgivare": [
  "Jag kan inte se vad kommunens hemsjukvård har skrivit i journalen",
  "När patienten kommer från ett annat län ser vi ingenting av tidigare vård",
  "Vi faxar fortfarande epikriser till primärvården!!",
  "Önskar att journalen följer patienten oavsett vem som vårdar",
  "Privata vårdcentraler har annat journalsystem, info faller mellan stolarna"],
 "Enklare journalsystem med färre klick": [
  "Det tar 14 klick att skriva ut ett recept",
  "Journalsystemet är så segt att jag tappar tid med varje patient",
  "Önskar att systemet var enklare, för många fönster och rutor",
  "Jag hittar aldrig rätt flik i journalen när det är bråttom"],
 "Taligenkänning för dokumentation": [
  "Vi behöver taligenkänning så vi slipper diktera och vänta på sekreteraren",
  "Kan vi få AI som skriver journalanteckningen från samtalet?",
  "Diktatköerna är veckor långa, röststyrd dokumentation vore guld",
  "Önskar diktering direkt till text i journalen"],
},
"Patientens digitala kontakt": {
 "Fler vårdbesök via video": [
  "Många återbesök skulle kunna vara digitala istället för att patienten åker 10 mil",
  "Vi behöver bättre stöd för videosamtal med patienter",
  "Videomötesverktyget kraschar hela tiden, patienterna ger upp",
  "Önskar att fler mottagningar erbjöd digitala vårdmöten"],
 "Patienten bokar och avbokar själv": [
  "Patienterna ringer för att avboka, telefonen är upptagen hela dagen",
  "Det borde gå att boka om sin tid i 1177 själv",
  "Självbokning skulle minska uteblivna besök",
  "Varför kan man inte boka tid digitalt hos specialistmottagningen?"],
 "Stöd för patienter som inte är digitala": [
  "Många äldre har inte BankID och kommer inte in på 1177",
  "Vi får inte glömma dom som inte kan eller vill använda digitala tjänster",
  "Anhöriga behöver kunna hjälpa gamla föräldrar med 1177, ombudsfunktion saknas",
  "Patienter med annat modersmål förstår inte de digitala kallelserna"],
},
"Bemanning och arbetsmiljö": {
 "Brist på sjuksköterskor": [
  "Vi har inte tillräckligt med sjuksköterskor för att hålla alla vårdplatser öppna",
  "Ssk slutar och går till bemanningsföretag",
  "Det går inte att rekrytera specialistsjuksköterskor till vår avdelning",
  "Sjuksköterskebristen gör att vi stänger platser varje sommar"],
 "Mindre administration för vårdpersonal": [
  "Jag lägger halva dagen på administration istället för patienter",
  "Läkarna gör sekreterararbete, det är slöseri",
  "Dokumentationen tar mer tid än själva patientmötet",
  "Ta bort onödiga blanketter och rapporter som ingen läser"],
 "Scheman som personalen kan påverka": [
  "Schemat kommer för sent och går inte att påverka",
  "Önskar ett schemaverktyg där man kan byta pass själv i appen",
  "Personalen orkar inte med delade turer och ständiga schemaändringar",
  "Flexiblare scheman skulle göra att folk stannar"],
},
"Införande och IT-stöd": {
 "Utbildning innan nya system införs": [
  "Nya systemet infördes utan att vi fick någon utbildning",
  "Superanvändare behövs på varje enhet när något nytt kommer",
  "Vi får en e-utbildning på 20 minuter och sen är det skarpt läge",
  "Ge oss tid att lära oss systemen innan de ska användas med patienter"],
 "Vården med när system tas fram": [
  "IT bestämmer utan att fråga oss som jobbar på golvet",
  "Låt sjuksköterskorna testa systemen innan dom köps in",
  "Verksamheten måste vara med från början i utvecklingen av nya verktyg",
  "Leverantören har aldrig besökt en vårdavdelning"],
 "IT-support dygnet runt": [
  "När datorn krånglar på natten finns ingen support",
  "Supporten svarar efter tre dagar, då har vi redan löst det själva",
  "Vi behöver IT-stöd på plats, inte bara ett ärendenummer",
  "Skrivarna på akuten fungerar aldrig och ingen hjälper oss"],
},
"Data, AI och säkerhet": {
 "Aktuell data för att följa upp vården": [
  "Vi vet inte om våra behandlingar ger resultat, uppföljningen saknas",
  "Verksamhetschefer får statistik ett halvår för sent",
  "Önskar dashboards med aktuella väntetider och beläggning",
  "Kvalitetsregistren kräver manuell inmatning, det borde hämtas från journalen"],
 "AI som stöd vid diagnos": [
  "AI kan hjälpa till att granska röntgenbilder snabbare",
  "Beslutsstöd som varnar för läkemedelsinteraktioner vore bra",
  "Vi borde testa AI för att hitta hudcancer tidigt",
  "Hur vet vi att AI:n har rätt när den föreslår en diagnos? Vem har ansvaret?"],
 "Skydd av patientuppgifter": [
  "Patientuppgifter skickas på osäker mejl",
  "Vi loggar inte tillräckligt vem som tittat i journalen",
  "Informationssäkerheten är svag, lösenord sitter på postit-lappar",
  "Rädsla för dataläckor gör att vi inte kan använda molntjänster"],
},
"Vårdkedjan med kommunen": {
 "Smidig utskrivning till kommunen": [
  "Patienter blir kvar på sjukhuset för att kommunen inte är redo att ta emot",
  "Utskrivningsplaneringen med kommunen fungerar dåligt",
  "Vi behöver en gemensam planering när patienten ska hem",
  "Hemtjänsten får inte reda på att patienten kommit hem"],
 "En läkemedelslista som alla ser": [
  "Ingen vet vilka mediciner patienten faktiskt tar",
  "Den nationella läkemedelslistan måste komma på plats snart",
  "Hemsjukvården och sjukhuset har olika läkemedelslistor",
  "Fel i medicinlistan leder till felmedicinering av äldre"],
 "Egenmätning hemma för kroniskt sjuka": [
  "Patienter med hjärtsvikt skulle kunna mäta sig själva hemma",
  "Önskar att KOL-patienter kunde skicka in värden digitalt",
  "Egenmätning hemma skulle minska akuta inläggningar",
  "Vi behöver utrustning för vård på distans för kroniker"],
},
}
