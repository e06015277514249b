NAME="stat_infrastruktur"; TITLE="Statliga myndigheters gemensamma digitala infrastruktur"
W = {
"Identitet och åtkomst": {
 "Gemensam behörighetshantering mellan myndigheter": [
  "Varje myndighet har sitt eget system för behörigheter, vi måste söka om åtkomst överallt",
  "Det tar veckor att få behörighet till en annan myndighets system",
  "Önskar ett gemensamt sätt att hantera vem som får se vad mellan myndigheterna",
  "Behörigheter borde följa med när man byter uppdrag, inte sökas om från noll"],
 "Inloggning för utländska användare utan svenskt personnummer": [
  "Forskare från andra länder kan inte logga in hos oss alls",
  "Alla e-tjänster kräver personnummer, det utestänger EU-medborgare",
  "Vi behöver en inloggning som funkar med eIDAS och utländsk e-leg",
  "Utländska konsulter får inget konto eftersom dom saknar samordningsnummer"],
 "Säker inloggning för fältpersonal": [
  "Våra inspektörer ute på fältet kan inte logga in på surfplattan",
  "Behöver kunna logga in säkert från mobilen när man är ute på tillsyn",
  "VPN:en strular hela tiden när jag jobbar på plats hos kund",
  "Fältpersonalen måste åka tillbaka till kontoret för att komma åt ärendesystemet"],
},
"Datadelning": {
 "Tydligt lagstöd för att dela uppgifter": [
  "Juristerna säger nej till datadelning för att sekretessen är oklar",
  "Vi vet inte om vi får lämna ut uppgifterna till andra myndigheter",
  "Det saknas lagstöd för att dela personuppgifter mellan oss och kommunerna",
  "Behöver klara regler för vad som får delas, idag tolkar varje jurist olika",
  "Osäkerhet kring GDPR gör att vi hellre låter bli att dela data"],
 "Gemensamma begrepp och format för data": [
  "Vi menar olika saker med ärende och kund, datat går inte att jämföra",
  "Samma adress skrivs i fem olika format i våra system",
  "Önskar gemensamma informationsmodeller så att data kan återanvändas",
  "Begreppen skiljer sig mellan myndigheterna, det blir fel när man slår ihop data"],
 "Uppgifter ska bara lämnas en gång": [
  "Företagen får lämna samma uppgifter till tre myndigheter",
  "Medborgaren ska inte behöva fylla i det staten redan vet",
  "Vi frågar efter inkomst fast Skatteverket redan har den",
  "Once only-principen borde gälla på riktigt, inte bara i strategier"],
},
"Moln och drift": {
 "Godkänd molntjänst för känslig information": [
  "Vi får inte använda Microsoft 365 fullt ut pga CLOUD Act",
  "Osäkert om amerikanska molntjänster är lagliga för oss",
  "Önskar en svensk molntjänst som vi faktiskt får lägga känslig info i",
  "Alla pratar om moln men ingen vågar ta beslut om vilket moln som är ok"],
 "Gemensam drift i stället för egna serverhallar": [
  "Varje liten myndighet driver sin egen serverhall, slöseri",
  "Vi har två drifttekniker och kan inte ha jour dygnet runt",
  "Samla driften hos en statlig leverantör så vi slipper göra allt själva",
  "Små myndigheter klarar inte säker drift på egen hand"],
 "Ersätta gamla verksamhetssystem": [
  "Vårt ärendesystem är från 1998 och bara en person kan koden",
  "Gamla stordatorsystem gör att vi inte kan koppla på nya e-tjänster",
  "Legacy-systemen stoppar all utveckling hos oss",
  "Det finns ingen plan för att byta ut de gamla systemen, dom bara lappas"],
},
"Kompetens och ledarskap": {
 "Rekrytera och behålla IT-specialister": [
  "Vi förlorar utvecklare till privata bolag som betalar mer",
  "Ingen söker våra tjänster som IT-arkitekt, lönerna är för låga",
  "Det går inte att rekrytera säkerhetsexperter till staten",
  "Alla duktiga tekniker slutar efter två år för konsultbolagen"],
 "Chefer som leder digitaliseringen": [
  "Ledningen ser IT som en kostnad, inte som verksamhetsutveckling",
  "Våra chefer beställer system utan att förstå vad dom behöver",
  "Högsta ledningen måste äga digitaliseringsfrågan, inte lämna den till IT-avdelningen",
  "Chefer behöver utbildning i digital ledarskap"],
 "Utbildning för handläggare i nya verktyg": [
  "Vi får nya system men ingen utbildning, man får lära sig själv",
  "Handläggarna vet inte hur dom ska använda de digitala verktygen",
  "Önskar korta kurser i de nya systemen innan de införs",
  "Medarbetarna behöver tid och stöd för att lära sig jobba digitalt"],
},
"Upphandling och samverkan": {
 "Snabbare och enklare IT-upphandling": [
  "Upphandlingen tar två år och när den är klar är tekniken gammal",
  "LOU gör det omöjligt att köpa smidigt från små leverantörer",
  "Vi behöver ramavtal som faktiskt passar digitala tjänster",
  "Överprövningar stoppar varenda stor IT-upphandling"],
 "Återanvända lösningar mellan myndigheter": [
  "Alla myndigheter bygger egna e-tjänster för samma sak",
  "Varför finns det 50 olika ärendehanteringssystem i staten?",
  "Vi borde återanvända det andra redan har byggt",
  "Önskar en katalog över gemensamma lösningar som vi kan ansluta till"],
 "Långsiktig finansiering av gemensam infrastruktur": [
  "Projekten får pengar i ett år och sen läggs dom ner",
  "Ingen vill betala för det gemensamma, alla väntar på att någon annan ska göra det",
  "Den gemensamma infrastrukturen behöver stabil finansiering, inte projektmedel",
  "Finansieringsmodellen straffar den myndighet som tar första steget"],
},
"Medborgarens möte med staten": {
 "En ingång till alla myndigheter": [
  "Medborgarna vet inte vilken myndighet dom ska vända sig till",
  "Det borde finnas en enda webbplats där man hittar allt från staten",
  "Man skickas runt mellan myndigheter, ingen tar helheten",
  "Önskar en gemensam ingång för alla e-tjänster, typ som verksamt.se fast för alla"],
 "Tillgängliga e-tjänster för alla": [
  "Våra e-tjänster funkar inte med skärmläsare",
  "Äldre och personer med funktionsnedsättning klarar inte våra formulär",
  "Texterna är för krångliga, många förstår inte vad vi vill",
  "Tillgänglighetskraven följs inte när vi köper in nya tjänster"],
 "Digital post i stället för pappersbrev": [
  "Vi skickar fortfarande brev på papper för att alla inte har digital brevlåda",
  "Portokostnaderna är enorma, digital post borde vara standard",
  "Medborgarna missar viktiga beslut för att posten hamnar på fel ställe",
  "Kivra, Min myndighetspost, e-Boks.. för många digitala brevlådor"],
},
}
