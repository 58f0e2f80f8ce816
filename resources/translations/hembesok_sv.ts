<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AddChildDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/people.py" line="+112"/>
        <source>Add child</source>
        <translation>Lägg till barn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child&apos;s given name</source>
        <translation>Barnets förnamn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child&apos;s family name</source>
        <translation>Barnets efternamn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the child</source>
        <translation>barnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child&apos;s date of birth</source>
        <translation>Barnets födelsedatum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a date</source>
        <translation>Välj ett datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Child&apos;s sex</source>
        <translation>Barnets kön</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Given name:</source>
        <translation>&amp;Förnamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Family name:</source>
        <translation>&amp;Efternamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal number:</source>
        <translation>Personnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of &amp;birth:</source>
        <translation>Född&amp;datum:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Sex:</source>
        <translation>&amp;Kön:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Write the given name and the family name.</source>
        <translation>Skriv förnamn och efternamn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the date of birth.</source>
        <translation>Ange födelsedatum.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date of birth cannot be in the future.</source>
        <translation>Födelsedatumet kan inte ligga i framtiden.</translation>
    </message>
</context>
<context>
    <name>AddGuardianDialog</name>
    <message>
        <location line="-82"/>
        <source>Add guardian</source>
        <translation>Lägg till vårdnadshavare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guardian</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Write the given name and the family name.</source>
        <translation>Skriv förnamn och efternamn.</translation>
    </message>
</context>
<context>
    <name>CalculatedInput</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/inputs.py" line="+299"/>
        <source>Calculated from the other answers</source>
        <translation>Beräknas från de andra svaren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calculated when the answers allow it</source>
        <translation>beräknas när svaren räcker</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Nej</translation>
    </message>
</context>
<context>
    <name>Caseload</name>
    <message numerus="yes">
        <location filename="../../hembesok_desktop/ui/caseload/model.py" line="+55"/>
        <source>%n urgent finding(s)</source>
        <translation>
            <numerusform>%n brådskande utfall</numerusform>
            <numerusform>%n brådskande utfall</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n försenad</numerusform>
            <numerusform>%n försenade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n screening finding(s)</source>
        <translation>
            <numerusform>%n screeningutfall</numerusform>
            <numerusform>%n screeningutfall</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>%n uppföljning</numerusform>
            <numerusform>%n uppföljningar</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interpreter: %1</source>
        <translation>Tolk: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interpreter</source>
        <translation>Tolk</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <location line="+31"/>
        <source>Family</source>
        <extracomment>the loaded work list, in the store&apos;s order family ids to show, or None for every loaded row the rows shown: ``_loaded`` narrowed to ``_wanted`` family id -&gt; its number in ``_rows``</extracomment>
        <translation>Familj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next contact</source>
        <translation>Nästa kontakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Good to know</source>
        <translation>Att tänka på</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>None planned</source>
        <translation>Inget planerat</translation>
    </message>
</context>
<context>
    <name>CaseloadPanel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/caseload/panel.py" line="+78"/>
        <source>Search name, personal number or address</source>
        <extracomment>typing pause before the search runs (the search itself takes a few milliseconds) the nurse opened a family (click, Enter or double-click; moving with the arrow keys does not open a record, so it is not logged as an access) a list query finished (rows shown); used by tests and benchmarks newest list load and newest search; an older answer is dropped</extracomment>
        <translation>Sök på namn, personnummer eller adress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the caseload</source>
        <translation>Sök bland familjerna</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Work list: %1</source>
        <translation>Arbetslista: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Number of families shown</source>
        <translation>Antal familjer som visas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Families</source>
        <translation>Familjer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Column headings</source>
        <translation>Kolumnrubriker</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The list is empty</source>
        <translation>Listan är tom</translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>%n family(ies)</source>
        <translation>
            <numerusform>%n familj</numerusform>
            <numerusform>%n familjer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No family in this list matches the search.</source>
        <translation>Ingen familj i listan matchar sökningen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No visits are planned for today.</source>
        <translation>Inga besök är planerade i dag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No visits are planned for this week.</source>
        <translation>Inga besök är planerade den här veckan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No visit is overdue.</source>
        <translation>Inget besök är försenat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No follow-up is waiting.</source>
        <translation>Ingen uppföljning väntar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are no families yet.</source>
        <translation>Det finns inga familjer än.</translation>
    </message>
</context>
<context>
    <name>ChildDetails</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/child_details.py" line="+46"/>
        <source>BCG vaccination indicated (risk group)</source>
        <extracomment>the child&apos;s risk indicators in the order the dialog and the Family tab show them weeks * 7 + days, or None when not known</extracomment>
        <translation>BCG-vaccination indicerad (riskgrupp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mother HBsAg-positive (hepatitis B)</source>
        <translation>Mamman HBsAg-positiv (hepatit B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotavirus vaccine with three doses</source>
        <translation>Rotavirusvaccin med tre doser</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not known</source>
        <translation>Okänd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1+%2 weeks</source>
        <translation>%1+%2 veckor</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>None</source>
        <translation>Inga</translation>
    </message>
</context>
<context>
    <name>ChildDetailsDialog</name>
    <message>
        <location line="+6"/>
        <source>Birth and vaccination details</source>
        <translation>Födelse- och vaccinationsuppgifter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gestational age &amp;not known</source>
        <translation>Gestationsålder &amp;okänd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> weeks</source>
        <translation> veckor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gestational age, whole weeks</source>
        <translation>Gestationsålder, hela veckor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> days</source>
        <translation> dagar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gestational age, days beyond the weeks</source>
        <translation>Gestationsålder, dagar utöver veckorna</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;BCG vaccination indicated (risk group)</source>
        <translation>&amp;BCG-vaccination indicerad (riskgrupp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mother HBsAg-positive (hepatitis B)</source>
        <translation>&amp;Mamman HBsAg-positiv (hepatit B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rotavirus vaccine with three doses</source>
        <translation>&amp;Rotavirusvaccin med tre doser</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Gestational age at birth:</source>
        <translation>&amp;Gestationsålder vid födseln:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vaccination risk indicators:</source>
        <translation>Riskfaktorer för vaccination:</translation>
    </message>
</context>
<context>
    <name>Closing</name>
    <message>
        <location filename="../../hembesok_desktop/ui/closing.py" line="+26"/>
        <source>A sync is running; it stops now and what it has not sent goes with the next sync.</source>
        <translation>En synkning pågår. Den avbryts nu, och det som inte hunnit skickas skickas nästa gång du synkar.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n change(s) are not sent to the server yet. They stay on this laptop and are sent the next time you sync.</source>
        <translation>
            <numerusform>%n ändring är inte skickad till servern än. Den finns kvar på den här datorn och skickas nästa gång du synkar.</numerusform>
            <numerusform>%n ändringar är inte skickade till servern än. De finns kvar på den här datorn och skickas nästa gång du synkar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A draft is being saved; it is saved before Hembesök closes.</source>
        <translation>Ett utkast sparas just nu. Det sparas klart innan Hembesök stängs.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Close Hembesök?</source>
        <translation>Stänga Hembesök?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Synka nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose</source>
        <translation>S&amp;täng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/conflicts.py" line="+154"/>
        <source>Conflicts and refused changes</source>
        <extracomment>the lists were (re)loaded (conflicts, refused changes) a conflict was settled / refused changes were requeued</extracomment>
        <translation>Konflikter och nekade ändringar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Two laptops changed the same information before they were synced. Hembesök uses the most recent value; the other one is kept here. Choose which value is right. Both values stay in the history.</source>
        <translation>Två datorer ändrade samma uppgift innan de synkades. Hembesök använder det senaste värdet; det andra sparas här. Välj vilket värde som är rätt. Båda värdena finns kvar i historiken.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open conflicts</source>
        <translation>Olösta konflikter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep the value in use</source>
        <translation>&amp;Behåll värdet som används</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use the other value</source>
        <translation>&amp;Använd det andra värdet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no conflicts to settle.</source>
        <translation>Det finns inga konflikter att lösa.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Conflicts</source>
        <translation>&amp;Konflikter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server did not accept these changes. They are kept on this laptop. Correct what the reason says, then send them again.</source>
        <translation>Servern tog inte emot de här ändringarna. De finns kvar på den här datorn. Rätta det som anledningen beskriver och skicka dem sedan igen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refused changes</source>
        <translation>Nekade ändringar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Send again at the next sync</source>
        <translation>&amp;Skicka igen vid nästa synk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server has refused no changes.</source>
        <translation>Servern har inte nekat några ändringar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Refused changes</source>
        <translation>&amp;Nekade ändringar</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location line="-211"/>
        <source>Family</source>
        <translation>Familj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Gäller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value in use now</source>
        <translation>Värde som används nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other value</source>
        <translation>Det andra värdet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 (written %2)</source>
        <translation>%1 (skrivet %2)</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/model.py" line="+78"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurements</source>
        <translation>Mätningar</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Planned</source>
        <translation>Planerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due now</source>
        <translation>Dags nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Försenad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Genomförd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Uteblev</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Inställd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescheduled</source>
        <translation>Ombokad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>draft</source>
        <translation>utkast</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>HC %1 cm</source>
        <translation>HO %1 cm</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>corrected from %1</source>
        <translation>rättad från %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unplanned</source>
        <translation>Oplanerad</translation>
    </message>
</context>
<context>
    <name>CorrectMeasurementDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/measurements.py" line="+68"/>
        <source>Correct measurement</source>
        <translation>Rätta mätning</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recorded values stay readable, struck through, with the reason; the corrected values are recorded for the same day.</source>
        <translation>De registrerade värdena finns kvar, överstrukna, med orsaken; de rättade värdena registreras för samma dag.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason for the correction</source>
        <translation>Orsak till rättelsen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>Orsak:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save correction</source>
        <translation>Spara rättelse</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/journal/dialogs.py" line="+74"/>
        <source>Correct journal entry</source>
        <translation>Rätta journalanteckning</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The correction is signed with your name and points at the original, which stays readable. Write the corrected text:</source>
        <translation>Rättelsen signeras med ditt namn och pekar på originalet, som finns kvar läsbart. Skriv den rättade texten:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Corrected text</source>
        <translation>Rättad text</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign correction</source>
        <translation>Signera rättelse</translation>
    </message>
</context>
<context>
    <name>EndEnrollmentDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/dialogs.py" line="+90"/>
        <source>End enrollment</source>
        <translation>Avsluta inskrivningen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The family leaves the extended home-visit programme. Planned visits after the end date are no longer due. Everything recorded stays in the record.</source>
        <translation>Familjen lämnar det utökade hembesöksprogrammet. Planerade besök efter slutdatumet blir inte längre aktuella. Allt som är dokumenterat finns kvar i journalen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>End date</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for ending</source>
        <translation>Skäl till att inskrivningen avslutas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For example: the family has moved</source>
        <translation>Till exempel: familjen har flyttat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>End &amp;date:</source>
        <translation>&amp;Slutdatum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>S&amp;käl:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Write the reason for ending the enrollment.</source>
        <translation>Skriv varför inskrivningen avslutas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end date cannot be before the enrollment started.</source>
        <translation>Slutdatumet kan inte vara före inskrivningens start.</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/enroll.py" line="+46"/>
        <source>Connect to server</source>
        <translation>Anslut till server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect this laptop to your region&apos;s Hembesök server once. Use the address from IT support and your own user name and password.</source>
        <translation>Anslut den här datorn till regionens Hembesök-server en gång. Använd adressen från IT-supporten och ditt eget användarnamn och lösenord.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adress:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Connect</source>
        <translation>&amp;Anslut</translation>
    </message>
    <message>
        <location filename="../../hembesok_desktop/ui/family/people.py" line="+101"/>
        <source>Enroll in the programme</source>
        <translation>Skriv in i programmet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is enrolled in the extended home-visit programme. The programme&apos;s visits are planned from the child&apos;s date of birth; visits whose time has passed are not planned.</source>
        <translation>%1 skrivs in i det utökade hembesöksprogrammet. Programmets besök planeras utifrån barnets födelsedatum; besök vars tid redan har passerat planeras inte.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enrollment start date</source>
        <translation>Startdatum för inskrivningen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for inclusion</source>
        <translation>Skäl för inklusion</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Start date:</source>
        <translation>&amp;Startdatum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason for inclusion:</source>
        <translation>S&amp;käl för inklusion:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The enrollment cannot start before the child was born.</source>
        <translation>Inskrivningen kan inte börja innan barnet är fött.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../hembesok_desktop/ui/errors.py" line="+96"/>
        <source>The passphrase is not correct.</source>
        <translation>Lösenfrasen stämmer inte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recovery key is not correct.</source>
        <translation>Återställningsnyckeln stämmer inte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data file is damaged and cannot be opened. Contact your IT support; nothing has been changed.</source>
        <translation>Datafilen är skadad och kan inte öppnas. Kontakta IT-supporten. Ingenting har ändrats.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hembesök is locked. Unlock it and try again.</source>
        <translation>Hembesök är låst. Lås upp och försök igen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The record could not be found. It may have been moved.</source>
        <translation>Uppgiften hittades inte. Den kan ha flyttats.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed records cannot be changed.</source>
        <translation>Det som är signerat kan inte ändras.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some information is missing or not valid.</source>
        <translation>Någon uppgift saknas eller är inte giltig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The action could not be completed; nothing was changed.</source>
        <translation>Det gick inte att genomföra. Ingenting har ändrats.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something unexpected went wrong; nothing was changed. Please try again.</source>
        <translation>Något oväntat gick fel. Ingenting har ändrats. Försök igen.</translation>
    </message>
</context>
<context>
    <name>FamilyDetailsTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/details.py" line="+82"/>
        <source>&amp;Edit family details…</source>
        <translation>Re&amp;digera familjeuppgifter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit family details</source>
        <translation>Redigera familjeuppgifter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;guardian…</source>
        <translation>Lägg till vårdnads&amp;havare…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add guardian</source>
        <translation>Lägg till vårdnadshavare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add c&amp;hild…</source>
        <translation>Lägg till ba&amp;rn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add child</source>
        <translation>Lägg till barn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show change &amp;history…</source>
        <translation>Visa ändringshi&amp;storik…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show change history</source>
        <translation>Visa ändringshistorik</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No</source>
        <extracomment>buttons that act on the loaded record &quot;Enroll in the programme&quot; buttons of the children shown, by child id &quot;Birth and vaccination details&quot; buttons of the children shown, by child id</extracomment>
        <translation>Nej</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Guardians</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Role:</source>
        <translation>Roll:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gave birth to the child</source>
        <translation>Har fött barnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First child in Sweden</source>
        <translation>Första barnet i Sverige</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Good to know:</source>
        <translation>Att tänka på:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No guardian registered.</source>
        <translation>Ingen vårdnadshavare registrerad.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Children</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Born:</source>
        <translation>Född:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex:</source>
        <translation>Kön:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gestational age at birth:</source>
        <translation>Gestationsålder vid födseln:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vaccination risk indicators:</source>
        <translation>Riskfaktorer för vaccination:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Birth and vaccination details for %1…</source>
        <translation>Födelse- och vaccinationsuppgifter för %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Birth and vaccination details for %1</source>
        <translation>Födelse- och vaccinationsuppgifter för %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contact details</source>
        <translation>Kontaktuppgifter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address:</source>
        <translation>Adress:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code:</source>
        <translation>Postnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area:</source>
        <translation>Område:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Languages and interpreter</source>
        <translation>Språk och tolk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yes, %1</source>
        <translation>Ja, %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Interpreter needed:</source>
        <translation>Behöver tolk:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extended home-visit programme</source>
        <translation>Utökat hembesöksprogram</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Started:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for inclusion:</source>
        <translation>Skäl till inskrivning:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ended %1: %2</source>
        <translation>Avslutad %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End enrollment…</source>
        <translation>Avsluta inskrivningen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End enrollment</source>
        <translation>Avsluta inskrivningen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not enrolled.</source>
        <translation>Inte inskriven i programmet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enroll %1 in the programme…</source>
        <translation>Skriv in %1 i programmet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enroll %1 in the programme</source>
        <translation>Skriv in %1 i programmet</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Could not read the history</source>
        <translation>Historiken kunde inte läsas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
</context>
<context>
    <name>FamilyEditDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/dialogs.py" line="-103"/>
        <source>Edit family details</source>
        <translation>Redigera familjeuppgifter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postal code</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Languages spoken in the family</source>
        <translation>Språk som talas i familjen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The family needs an &amp;interpreter</source>
        <translation>Familjen behöver &amp;tolk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The family needs an interpreter</source>
        <translation>Familjen behöver tolk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interpreter language</source>
        <translation>Tolkspråk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adress:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Postal code:</source>
        <translation>&amp;Postnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;rea:</source>
        <translation>&amp;Område:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;hone:</source>
        <translation>Tele&amp;fon:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Languages:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interpreter lan&amp;guage:</source>
        <translation>Tolks&amp;pråk:</translation>
    </message>
</context>
<context>
    <name>FamilyPanel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/panel.py" line="+86"/>
        <source>Family record</source>
        <extracomment>the nurse switched tab (index)</extracomment>
        <translation>Familjens journal</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a family in the list to the left, or register a new family (Ctrl+N).</source>
        <extracomment>the family each tab was last given (``show_family``); hidden tabs lag behind</extracomment>
        <translation>Välj en familj i listan till vänster, eller registrera en ny familj (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>FieldNames</name>
    <message>
        <location filename="../../hembesok_desktop/ui/field_names.py" line="+19"/>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpreter needed</source>
        <translation>Behov av tolk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpreter language</source>
        <translation>Tolkspråk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nurse</source>
        <translation>Sjuksköterska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of identity number</source>
        <translation>Typ av identitetsnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity number</source>
        <translation>Identitetsnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked personal number</source>
        <translation>Kopplat personnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity level</source>
        <translation>Identitetsnivå</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>Födelsedatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First child in Sweden</source>
        <translation>Första barnet i Sverige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gave birth to the child</source>
        <translation>Födde barnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Kön</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gestational age at birth</source>
        <translation>Gestationsålder vid födseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BCG vaccination indicated</source>
        <translation>BCG-vaccination indicerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mother HBsAg-positive</source>
        <translation>Mamman HBsAg-positiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotavirus vaccine with three doses</source>
        <translation>Rotavirusvaccin med tre doser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme version</source>
        <translation>Programversion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for inclusion</source>
        <translation>Skäl för inklusion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End date</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for ending</source>
        <translation>Skäl för avslut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visit</source>
        <translation>Besök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact in the programme</source>
        <translation>Kontakt i programmet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of visit</source>
        <translation>Typ av besök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned date</source>
        <translation>Planerat datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window opens</source>
        <translation>Tidsfönstret öppnar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window closes</source>
        <translation>Tidsfönstret stänger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time of the visit</source>
        <translation>Tid för besöket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Deltagare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpreter used</source>
        <translation>Tolk användes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form of interpreting</source>
        <translation>Tolkningsform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Teman</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+74"/>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Författare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author&apos;s title</source>
        <translation>Författarens titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed</source>
        <translation>Signerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrects the entry</source>
        <translation>Rättar anteckningen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voided</source>
        <translation>Makulerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for voiding</source>
        <translation>Skäl för makulering</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voided by</source>
        <translation>Makulerad av</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of measurement</source>
        <translation>Mätdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight (kg)</source>
        <translation>Vikt (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length (cm)</source>
        <translation>Längd (cm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head circumference (cm)</source>
        <translation>Huvudomfång (cm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded by</source>
        <translation>Registrerad av</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Form</source>
        <translation>Formulär</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form version</source>
        <translation>Formulärversion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Respondent</source>
        <translation>Svarande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answers</source>
        <translation>Svar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>Poäng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscores</source>
        <translation>Delpoäng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Findings</source>
        <translation>Fynd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Påbörjad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Slutförd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area of concern</source>
        <translation>Område för oro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer</source>
        <translation>Erbjudande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Together with social services</source>
        <translation>Tillsammans med socialtjänsten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With whom</source>
        <translation>Med vem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offered</source>
        <translation>Erbjuden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The family&apos;s decision</source>
        <translation>Familjens beslut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Avslutad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Care unit</source>
        <translation>Vårdenhet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action taken</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was done</source>
        <translation>Vad som gjordes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>Detalj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind of record</source>
        <translation>Typ av uppgift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Uppgift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value not kept</source>
        <translation>Värde som inte behölls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time of the value not kept</source>
        <translation>Tid för värdet som inte behölls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value kept</source>
        <translation>Värde som behölls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time of the value kept</source>
        <translation>Tid för värdet som behölls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value chosen</source>
        <translation>Valt värde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Löst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved by</source>
        <translation>Löst av</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeding</source>
        <translation>Uppfödning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other food first given</source>
        <translation>Annan mat gavs första gången</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaccine</source>
        <translation>Vaccin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose</source>
        <translation>Dos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given on</source>
        <translation>Givet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given where</source>
        <translation>Var det gavs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch number</source>
        <translation>Batchnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned dose</source>
        <translation>Planerad dos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of language record</source>
        <translation>Typ av språkuppgift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Ålder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tobacco smoke in the home</source>
        <translation>Tobaksrök i hemmet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of screening</source>
        <translation>Datum för screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of screening</source>
        <translation>Typ av screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of referral</source>
        <translation>Remissdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to</source>
        <translation>Remitterad till</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for referral</source>
        <translation>Skäl för remiss</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of outcome</source>
        <translation>Datum för resultat</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/followup.py" line="+122"/>
        <source>Positive areas: suggested offers. Record what was offered and chosen.</source>
        <extracomment>the finding each area&apos;s offers answer, by area</extracomment>
        <translation>Positiva områden: föreslagna erbjudanden. Dokumentera vad som erbjöds och vad familjen valde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No area was positive; no offer is suggested.</source>
        <translation>Inget område var positivt; inget erbjudande föreslås.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Urgent finding: record the acute assessment the same day, then close the screening. It cannot be closed before.</source>
        <translation>Brådskande fynd: registrera akut bedömning samma dag och avsluta sedan screeningen. Den kan inte avslutas innan dess.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close the screening</source>
        <translation>Avsluta screeningen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recorded follow-up</source>
        <translation>Dokumenterad uppföljning</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>offered</source>
        <translation>erbjudet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>accepterat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>avböjt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>for: %1</source>
        <translation>gäller: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed: %1</source>
        <translation>avslutad: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accepted</source>
        <translation>Accepterat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined</source>
        <translation>Avböjt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close…</source>
        <translation>Avsluta…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The screening is closed.</source>
        <translation>Screeningen är avslutad.</translation>
    </message>
</context>
<context>
    <name>FormsTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/tab.py" line="+66"/>
        <source>Draft saved</source>
        <extracomment>the form&apos;s title and its score and flags: they wrap rather than being cut</extracomment>
        <translation>Utkastet sparat</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Questionnaire responses</source>
        <translation>Formulärsvar</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Selected response</source>
        <translation>Valt svar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New screening…</source>
        <translation>N&amp;y screening…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+173"/>
        <source>&amp;Continue draft</source>
        <translation>Fort&amp;sätt utkast</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Language of the form</source>
        <translation>Formulärets språk</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Parent mode</source>
        <translation>Föräl&amp;draläge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full screen for the parent, in their language; leaving needs your passphrase</source>
        <translation>Helskärm för föräldern, på förälderns språk; för att lämna krävs din lösenfras</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (keep draft)</source>
        <translation>Stäng (behåll utkastet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+338"/>
        <source>&amp;Complete</source>
        <translation>&amp;Slutför</translation>
    </message>
    <message>
        <location line="-334"/>
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Back to the list</source>
        <translation>Tillbaka till listan</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Not completed yet. Continue the draft to finish it.</source>
        <translation>Inte slutfört ännu. Fortsätt utkastet för att slutföra.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Urgent finding, not closed: record the acute assessment the same day, then close the screening.</source>
        <translation>Brådskande fynd, inte avslutat: registrera den akuta bedömningen samma dag och avsluta sedan screeningen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Record the acute assessment…</source>
        <translation>Regi&amp;strera akut bedömning…</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The form was updated from version %1 to %2 since this draft was saved.</source>
        <translation>Formuläret har uppdaterats från version %1 till %2 sedan utkastet sparades.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These answers were removed and must be asked again: %1.</source>
        <translation>Dessa svar togs bort och behöver frågas igen: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All answers were kept.</source>
        <translation>Alla svar behölls.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New questions: %1.</source>
        <translation>Nya frågor: %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Saving draft…</source>
        <translation>Sparar utkast…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Some questions need an answer.</source>
        <translation>Några frågor behöver svar.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Complete the form?</source>
        <translation>Slutföra formuläret?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When %1 is completed its answers are locked and can no longer be changed. The draft stays if you cancel.</source>
        <translation>När %1 är slutfört låses svaren och kan inte längre ändras. Avbryter du finns utkastet kvar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;ancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
</context>
<context>
    <name>GrowthChart</name>
    <message>
        <location filename="../../hembesok_desktop/ui/growth/chart.py" line="+247"/>
        <source>Age (months), corrected for gestational age up to 2 years</source>
        <translation>Ålder (månader), korrigerad för gestationsålder till 2 års ålder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age (months)</source>
        <translation>Ålder (månader)</translation>
    </message>
</context>
<context>
    <name>GrowthTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/growth/tab.py" line="+53"/>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measure</source>
        <translation>Mått</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight (kg)</source>
        <translation>Vikt (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length (cm)</source>
        <translation>Längd (cm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head circumference (cm)</source>
        <translation>Huvudomfång (cm)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference lines</source>
        <translation>Referenslinjer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SD channels</source>
        <translation>SD-kanaler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Centiles</source>
        <translation>Percentiler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Centile labels</source>
        <translation>Percentiletiketter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show each SD line&apos;s centile beside it</source>
        <translation>Visa percentilen bredvid varje SD-linje</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Growth chart</source>
        <translation>Tillväxtkurva</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lines:</source>
        <translation>Linjer:</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>The child&apos;s sex is not recorded: no reference lines.</source>
        <translation>Barnets kön är inte registrerat: inga referenslinjer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the growth reference…</source>
        <translation>Läser in tillväxtreferensen…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The growth reference cannot be used.</source>
        <translation>Tillväxtreferensen kan inte användas.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The growth reference %1 has no lines for this measure and sex.</source>
        <translation>Tillväxtreferensen %1 har inga linjer för detta mått och kön.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No measurements for %1 yet.</source>
        <translation>Inga mätningar för %1 än.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines: %1, mean and ±1, ±2 and ±3 SD.</source>
        <translation>Linjer: %1, medelvärde och ±1, ±2 och ±3 SD.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines: %1, centiles 3–97.</source>
        <translation>Linjer: %1, percentiler 3–97.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Born at %1 weeks: ages are corrected up to 2 years.</source>
        <translation>Född i graviditetsvecka %1: åldern korrigeras till 2 års ålder.</translation>
    </message>
    <message>
        <location line="-215"/>
        <source>Child:</source>
        <translation>Barn:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure:</source>
        <translation>Mått:</translation>
    </message>
</context>
<context>
    <name>HealthRecordsBox</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/records.py" line="+57"/>
        <source>Child-health records</source>
        <translation>Barnhälsouppgifter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show all records</source>
        <translation>Visa alla uppgifter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also record what is not due at this age</source>
        <translation>Registrera även det som inte är aktuellt i den här åldern</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Feeding</source>
        <translation>Amning och mat</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+57"/>
        <location line="+28"/>
        <location line="+9"/>
        <location line="+4"/>
        <source>Not recorded</source>
        <translation>Inte registrerat</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Feeding status</source>
        <translation>Amningsstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other food first given on:</source>
        <translation>Annan mat första gången:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date other food was first given</source>
        <translation>Datum då annan mat gavs första gången</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breastfeeding:</source>
        <translation>Amning:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vaccinations given</source>
        <translation>Givna vaccinationer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vaccine</source>
        <translation>Vaccin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dose number</source>
        <translation>Dosnummer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date the dose was given</source>
        <translation>Datum då dosen gavs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where the dose was given</source>
        <translation>Var dosen gavs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch number</source>
        <translation>Batchnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add dose</source>
        <translation>Lägg till dos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Doses to record</source>
        <translation>Doser att registrera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove dose</source>
        <translation>Ta bort dos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vaccine:</source>
        <translation>Vaccin:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose:</source>
        <translation>Dos:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given on:</source>
        <translation>Given den:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where:</source>
        <translation>Var:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch number:</source>
        <translation>Batchnummer:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language screening or observation</source>
        <translation>Språkscreening eller observation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age of the language screening</source>
        <translation>Ålder vid språkscreeningen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No result</source>
        <translation>Inget resultat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language result</source>
        <translation>Resultat språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No action</source>
        <translation>Ingen åtgärd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action on concern</source>
        <translation>Åtgärd vid oro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language note</source>
        <translation>Anteckning om språket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening at:</source>
        <translation>Screening vid:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <location line="+4"/>
        <source>Result:</source>
        <translation>Resultat:</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Action on concern:</source>
        <translation>Åtgärd vid oro:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <source>Note:</source>
        <translation>Anteckning:</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+6"/>
        <source>Tobacco smoke at home</source>
        <translation>Tobaksrök i hemmet</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Age point of the tobacco question</source>
        <translation>Ålder för frågan om tobaksrök</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Age:</source>
        <translation>Ålder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer:</source>
        <translation>Svar:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hearing screening</source>
        <translation>Hörselscreening</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hearing screening result</source>
        <translation>Resultat hörselscreening</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vision screening</source>
        <translation>Synscreening</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vision screening result</source>
        <translation>Resultat synscreening</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Referral</source>
        <translation>Remiss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No referral</source>
        <translation>Ingen remiss</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to</source>
        <translation>Remitteras till</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a reason</source>
        <translation>Välj en orsak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the referral</source>
        <translation>Orsak till remissen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Referral note</source>
        <translation>Anteckning om remissen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>Till:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why:</source>
        <translation>Varför:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Due: %1</source>
        <translation>Aktuellt: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(due)</source>
        <translation>(aktuell nu)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(overdue)</source>
        <translation>(försenad)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/history.py" line="+195"/>
        <location line="+14"/>
        <source>Change history</source>
        <translation>Ändringshistorik</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Every change made on this laptop, newest first, and when the current version of each detail synced from other devices was written. Nothing here can be changed.</source>
        <translation>Alla ändringar som gjorts på den här datorn, nyaste först, och när den nuvarande versionen av varje uppgift som synkats från andra enheter skrevs. Inget här kan ändras.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No changes recorded.</source>
        <translation>Inga ändringar registrerade.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="-162"/>
        <source>When</source>
        <extracomment>fields whose new value is not repeated in the description (long or structured)</extracomment>
        <translation>När</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concerns</source>
        <translation>Gäller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Ändring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Synk</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This laptop</source>
        <translation>Den här datorn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another device or the server</source>
        <translation>En annan enhet eller servern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not sent yet</source>
        <translation>Inte skickad än</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the server</source>
        <translation>Nekad av servern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the server</source>
        <translation>Från servern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Family</source>
        <translation>Familj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guardian</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrollment</source>
        <translation>Inskrivning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>Besök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal entry</source>
        <translation>Journalanteckning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurement</source>
        <translation>Mätning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Family registered</source>
        <translation>Familjen registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guardian added</source>
        <translation>Vårdnadshavare tillagd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child added</source>
        <translation>Barn tillagt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled in the programme</source>
        <translation>Inskriven i programmet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit planned</source>
        <translation>Besök planerat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal entry written</source>
        <translation>Journalanteckning skriven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurement recorded</source>
        <translation>Mätning registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening started</source>
        <translation>Screening påbörjad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up offered</source>
        <translation>Uppföljning erbjuden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeding recorded</source>
        <translation>Uppfödning registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaccination recorded</source>
        <translation>Vaccination registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language development recorded</source>
        <translation>Språkutveckling registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tobacco smoke in the home recorded</source>
        <translation>Tobaksrök i hemmet registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearing or vision screening recorded</source>
        <translation>Hörsel- eller synscreening registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral recorded</source>
        <translation>Remiss registrerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>Tillagd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 changed</source>
        <translation>%1 ändrades</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cleared</source>
        <translation>%1 togs bort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 changed to %2</source>
        <translation>%1 ändrades till %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nej</translation>
    </message>
</context>
<context>
    <name>Identity</name>
    <message>
        <location filename="../../hembesok_desktop/ui/errors.py" line="-53"/>
        <source>A reserve number has 1 to 40 characters.</source>
        <translation>Ett reservnummer har 1 till 40 tecken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reserve number may contain only letters, digits and &apos;-&apos;.</source>
        <translation>Ett reservnummer får bara innehålla bokstäver, siffror och bindestreck.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The number has the wrong number of digits.</source>
        <translation>Numret har fel antal siffror.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the number as YYYYMMDD-NNNN or YYMMDD-NNNN, digits only.</source>
        <translation>Skriv numret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN, bara siffror.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date of birth in the number does not exist.</source>
        <translation>Födelsedatumet i numret finns inte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last digit does not match the rest of the number. Check for a typo.</source>
        <translation>Sista siffran stämmer inte med resten av numret. Kontrollera att det är rätt skrivet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The &apos;+&apos; sign is only used for people who are 100 years or older.</source>
        <translation>Tecknet + används bara för personer som är 100 år eller äldre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The three digits after the date are never 000. Check for a typo.</source>
        <translation>De tre siffrorna efter datumet är aldrig 000. Kontrollera att inget är felskrivet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The number is not valid.</source>
        <translation>Numret är inte giltigt.</translation>
    </message>
</context>
<context>
    <name>ImplausibleDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/confirm.py" line="+18"/>
        <source>Check the measurements</source>
        <translation>Kontrollera mätvärdena</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Is this right? A wrong value would be signed into the record.</source>
        <translation>Stämmer det? Ett felaktigt värde skulle signeras in i journalen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign with these values</source>
        <translation>&amp;Signera med dessa värden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Go back and correct</source>
        <translation>&amp;Gå tillbaka och rätta</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <location filename="../../hembesok_desktop/ui/journal/detail.py" line="+23"/>
        <source>Not signed</source>
        <translation>Inte signerad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed %1 by %2</source>
        <translation>Signerad %1 av %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Voided %1 by %2. Reason: %3</source>
        <translation>Makulerad %1 av %2. Orsak: %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This entry was corrected %1 — show the correction</source>
        <translation>Anteckningen rättades %1 — visa rättelsen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Corrects the entry signed %1 by %2 (unchanged):</source>
        <translation>Rättar anteckningen signerad %1 av %2 (oförändrad):</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/journal/model.py" line="+52"/>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Author</source>
        <translation>Författare</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Voided</source>
        <translation>Makulerad</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Correction of %1</source>
        <translation>Rättelse av %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corrected</source>
        <translation>Rättad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed</source>
        <translation>Signerad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unsigned</source>
        <translation>Osignerad</translation>
    </message>
</context>
<context>
    <name>JournalTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/journal/tab.py" line="+81"/>
        <source>Journal entries</source>
        <extracomment>the most of the table&apos;s width the when, author and status columns may take (the time is short and always shown whole)</extracomment>
        <translation>Journalanteckningar</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Selected journal entry</source>
        <translation>Vald journalanteckning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Correct…</source>
        <translation>R&amp;ätta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a signed correction; the original stays</source>
        <translation>Skriv en signerad rättelse; originalet finns kvar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Void…</source>
        <translation>Makule&amp;ra…</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+117"/>
        <source>New entry</source>
        <translation>Ny anteckning</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Journal text</source>
        <translation>Journaltext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the entry here. It is saved as you type.</source>
        <translation>Skriv anteckningen här. Den sparas medan du skriver.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed by (name)</source>
        <translation>Signeras av (namn)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft status</source>
        <translation>Utkastets status</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign</source>
        <translation>&amp;Signera</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel correction</source>
        <translation>Avbryt rättelse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft saved</source>
        <translation>Utkastet sparat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name:</source>
        <translation>Namn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Unsigned draft restored</source>
        <translation>Osignerat utkast återställt</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Correction (the original stays visible)</source>
        <translation>Rättelse (originalet förblir synligt)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving draft…</source>
        <translation>Sparar utkast…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Signed</source>
        <translation>Signerad</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../hembesok_desktop/ui/labels.py" line="+26"/>
        <source>Planned</source>
        <translation>Planerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due now</source>
        <translation>Dags nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Försenad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Genomförd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Uteblev</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Inställd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescheduled</source>
        <translation>Ombokad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applicable</source>
        <translation>Ej aktuell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given</source>
        <translation>Given</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finding</source>
        <translation>Utfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No finding</source>
        <translation>Inget utfall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered</source>
        <translation>Erbjuden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Tackat ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined</source>
        <translation>Tackat nej</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed</source>
        <translation>Signerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>Voided</source>
        <translation>Makulerad</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurement</source>
        <translation>Mätning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal entry</source>
        <translation>Journalanteckning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child-health record</source>
        <translation>Barnhälsouppgift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Remiss</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up missing</source>
        <translation>Uppföljning saknas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>Brådskande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrected</source>
        <translation>Rättad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction</source>
        <translation>Rättelse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not signed</source>
        <translation>Ej signerad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concern</source>
        <translation>Oro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money worries</source>
        <translation>Ekonomisk oro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low mood</source>
        <translation>Nedstämdhet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parental stress</source>
        <translation>Föräldrastress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alcohol</source>
        <translation>Alkohol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Violence between adults</source>
        <translation>Våld mellan vuxna</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Food</source>
        <translation>Mat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Harsh punishment</source>
        <translation>Hårda bestraffningar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wants help</source>
        <translation>Vill ha stöd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EPDS above the cut-off</source>
        <translation>EPDS över gränsvärdet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thoughts of self-harm</source>
        <translation>Tankar på att skada sig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>First-time parents</source>
        <translation>Förstagångsföräldrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First child in Sweden</source>
        <translation>Första barnet i Sverige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other reason</source>
        <translation>Annat skäl</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mother</source>
        <translation>Mamma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Father</source>
        <translation>Pappa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent</source>
        <translation>Förälder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other guardian</source>
        <translation>Annan vårdnadshavare</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not stated</source>
        <translation>Ej angivet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Girl</source>
        <translation>Flicka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boy</source>
        <translation>Pojke</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ended</source>
        <translation>Avslutad</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordination number</source>
        <translation>Samordningsnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve number</source>
        <translation>Reservnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No number yet</source>
        <translation>Inget nummer ännu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Swedish</source>
        <translation>svenska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arabic</source>
        <translation>arabiska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Somali</source>
        <translation>somaliska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tigrinya</source>
        <translation>tigrinja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amharic</source>
        <translation>amhariska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persian</source>
        <translation>persiska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dari</source>
        <translation>dari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pashto</source>
        <translation>pashto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurdish</source>
        <translation>kurdiska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkish</source>
        <translation>turkiska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polish</source>
        <translation>polska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ukrainian</source>
        <translation>ukrainska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>ryska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bosnian</source>
        <translation>bosniska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>spanska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finnish</source>
        <translation>finska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>engelska</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Today</source>
        <translation>&amp;Idag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This &amp;week</source>
        <translation>Denna &amp;vecka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;verdue</source>
        <translation>Förs&amp;enade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-&amp;up</source>
        <translation>Uppföljnin&amp;g</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All</source>
        <translation>A&amp;lla</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hembesok_desktop/ui/main_window.py" line="+61"/>
        <source>Hembesök – DEMO</source>
        <extracomment>the size the window opens at on a first start when the screen has room for it room for the window manager&apos;s frame (title bar, borders) before it has told its size</extracomment>
        <translation>Hembesök – DEMO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hembesök</source>
        <translation>Hembesök</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>DEMO – all families are made up. Do not enter real patient data.</source>
        <translation>DEMO – alla familjer är påhittade. Skriv inte in riktiga patientuppgifter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Demo mode</source>
        <translation>Demoläge</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>&amp;File</source>
        <extracomment>asked before the window closes (the shell&apos;s question about unsent work)</extracomment>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;amily</source>
        <translation>&amp;Familj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print</source>
        <translation>&amp;Utskrift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>Inställ&amp;ningar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search the caseload</source>
        <translation>&amp;Sök bland familjerna</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New family…</source>
        <translation>&amp;Ny familj…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Inställningar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
</context>
<context>
    <name>MeasurementActions</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/measurements.py" line="+54"/>
        <location line="+5"/>
        <source>Void measurement</source>
        <translation>Makulera mätning</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The measurement stays readable, struck through, with the reason, and is left out of the growth chart. Why is it voided?</source>
        <translation>Mätningen finns kvar läsbar, överstruken, med orsaken, och tas bort ur tillväxtkurvan. Varför makuleras den?</translation>
    </message>
</context>
<context>
    <name>NewScreeningDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/dialogs.py" line="+37"/>
        <source>New screening</source>
        <translation>Ny screening</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Form</source>
        <translation>Formulär</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Respondent</source>
        <translation>Svarande</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Form:</source>
        <translation>Formulär:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who answers:</source>
        <translation>Vem svarar:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
</context>
<context>
    <name>NewStoreDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/lock/first_run.py" line="+37"/>
        <source>Welcome to Hembesök</source>
        <translation>Välkommen till Hembesök</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everything you record is stored encrypted on this computer. Choose a passphrase that only you know. A few ordinary words in a row are easy to remember and hard to guess, for example “blue boat under old bridge”.</source>
        <translation>Allt du dokumenterar sparas krypterat på den här datorn. Välj en lösenfras som bara du känner till. Några vanliga ord i rad är lätta att komma ihåg och svåra att gissa, till exempel ”blå båt under gammal bro”.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your full name</source>
        <translation>Ditt för- och efternamn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child-health nurse</source>
        <translation>BVC-sjuksköterska</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your title</source>
        <translation>Din titel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New passphrase</source>
        <translation>Ny lösenfras</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat the passphrase</source>
        <translation>Upprepa lösenfrasen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Passphrase strength</source>
        <translation>Lösenfrasens styrka</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your &amp;name:</source>
        <translation>Ditt &amp;namn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your &amp;title:</source>
        <translation>Din &amp;titel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Lösenfras:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strength:</source>
        <translation>Styrka:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Upprepa den:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Create</source>
        <translation>&amp;Skapa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the encrypted store</source>
        <translation>Skapa den krypterade lagringen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Write your name; it is used when you sign.</source>
        <translation>Skriv ditt namn. Det används när du signerar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write your title; it is used when you sign.</source>
        <translation>Skriv din titel. Den används när du signerar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase needs at least 8 characters.</source>
        <translation>Lösenfrasen behöver minst 8 tecken.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase is easy to guess. Add a word or two.</source>
        <translation>Lösenfrasen är lätt att gissa. Lägg till ett eller ett par ord.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The two passphrases are not the same.</source>
        <translation>De två lösenfraserna är inte lika.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Too short</source>
        <translation>För kort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak</source>
        <translation>Svag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair</source>
        <translation>Godkänd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good</source>
        <translation>Bra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong</source>
        <translation>Stark</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/dialogs.py" line="+43"/>
        <source>Close follow-up</source>
        <translation>Avsluta uppföljning</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Utfall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome:</source>
        <translation>Utfall:</translation>
    </message>
</context>
<context>
    <name>ParentModeWindow</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/parent_mode.py" line="+107"/>
        <source>Nurse</source>
        <translation>Sjuksköterska</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Leave parent mode (nurse)</source>
        <translation>Lämna föräldraläget (sjuksköterska)</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Wrong passphrase</source>
        <translation>Fel lösenfras</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location line="-150"/>
        <source>Leave parent mode</source>
        <translation>Lämna föräldraläget</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The nurse&apos;s passphrase is needed to leave parent mode.</source>
        <translation>Sjuksköterskans lösenfras behövs för att lämna föräldraläget.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
</context>
<context>
    <name>Print</name>
    <message>
        <location filename="../../hembesok_desktop/ui/printing/html.py" line="+40"/>
        <source>Urgent finding:</source>
        <translation>Brådskande utfall:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Contact outside the programme</source>
        <translation>Kontakt utanför programmet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unplanned contact</source>
        <translation>Oplanerad kontakt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Screening form</source>
        <translation>Screeningformulär</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Home visit</source>
        <translation>Hembesök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic visit</source>
        <translation>Mottagningsbesök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone call</source>
        <translation>Telefonsamtal</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Interpreter: %1</source>
        <translation>Tolk: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Visits %1</source>
        <translation>Besök %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No planned contacts.</source>
        <translation>Inga planerade kontakter.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+66"/>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Family</source>
        <translation>Familj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who joins</source>
        <translation>Vilka deltar</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Child-health records</source>
        <translation>Barnhälsouppgifter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Family summary</source>
        <translation>Familjesammanfattning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed %1</source>
        <translation>Utskriven %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guardians</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Measurements</source>
        <translation>Mätningar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight (kg)</source>
        <translation>Vikt (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length (cm)</source>
        <translation>Längd (cm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head (cm)</source>
        <translation>Huvudomfång (cm)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(indicative only: no validated cut-off for this language version)</source>
        <translation>(endast vägledande: språkversionen har inget validerat gränsvärde)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Voided %1 by %2: %3</source>
        <translation>Makulerad %1 av %2: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Correction of an earlier entry.</source>
        <translation>Rättelse av en tidigare anteckning.</translation>
    </message>
</context>
<context>
    <name>PrintingTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/printing/tab.py" line="+45"/>
        <source>Family summary preview</source>
        <translation>Förhandsvisning av familjesammanfattning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print summary…</source>
        <translation>Sk&amp;riv ut sammanfattning…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save summary as &amp;PDF…</source>
        <translation>Spara sammanfattning som &amp;PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print today&apos;s visits…</source>
        <translation>Skriv ut dagens besök…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today&apos;s visits as PDF…</source>
        <translation>Dagens besök som PDF…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This family:</source>
        <translation>Den här familjen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Day view:</source>
        <translation>Dagsvy:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printing and exporting are recorded in the access log.</source>
        <translation>Utskrifter och exporter registreras i åtkomstloggen.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Recorded in the access log.</source>
        <translation>Registrerat i åtkomstloggen.</translation>
    </message>
</context>
<context>
    <name>Printouts</name>
    <message>
        <location filename="../../hembesok_desktop/ui/printing/printer.py" line="+26"/>
        <source>Save as PDF</source>
        <translation>Spara som PDF</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/widget.py" line="+34"/>
        <source>An answer is needed.</source>
        <extracomment>where a row sits: () at the top, ((group linkId, instance number),) inside a group instance</extracomment>
        <translation>Svar behövs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The answer has the wrong form.</source>
        <translation>Svaret har fel form.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only one answer is allowed.</source>
        <translation>Bara ett svar är tillåtet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The value is below the lowest allowed (%1).</source>
        <translation>Värdet är lägre än det minsta tillåtna (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value is above the highest allowed (%1).</source>
        <translation>Värdet är högre än det högsta tillåtna (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The answer is too long (at most %1 characters).</source>
        <translation>Svaret är för långt (högst %1 tecken).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The answer is not one of the options.</source>
        <translation>Svaret är inte ett av alternativen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one of the units offered (%1).</source>
        <translation>Välj en av de enheter som erbjuds (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value could not be calculated; the form cannot be completed.</source>
        <translation>Värdet kunde inte beräknas; formuläret kan inte slutföras.</translation>
    </message>
</context>
<context>
    <name>QuantityInput</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/inputs.py" line="-56"/>
        <source>Unit of %1</source>
        <extracomment>arrow keys that step to the next (+1) or previous (-1) option, left to right</extracomment>
        <translation>Enhet för %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unit</source>
        <translation>enhet</translation>
    </message>
</context>
<context>
    <name>QuestionnaireWidget</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/widget.py" line="+47"/>
        <source>Score and flags</source>
        <extracomment>rows inside instances of repeating groups, with where they sit</extracomment>
        <translation>Poäng och flaggor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Progress</source>
        <translation>Framsteg</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1</source>
        <translation>Ta bort %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add: %1</source>
        <translation>Lägg till: %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 of %2 questions answered</source>
        <translation>%1 av %2 frågor besvarade</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Score: %1</source>
        <translation>Poäng: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(indicative only: no validated cut-off for this language version)</source>
        <translation>(endast vägledande: språkversionen har inget validerat gränsvärde)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URGENT: %1</source>
        <translation>AKUT: %1</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/lock/first_run.py" line="+39"/>
        <source>Your recovery key</source>
        <translation>Din återställningsnyckel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If you forget your passphrase, this recovery key is the only way to open your records. It is shown only now. Print it or write it down, and keep it locked away, apart from the computer.</source>
        <translation>Om du glömmer lösenfrasen är återställningsnyckeln det enda sättet att öppna dina uppgifter. Den visas bara nu. Skriv ut den eller skriv av den, och förvara den inlåst, skild från datorn.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Recovery key</source>
        <translation>Återställningsnyckel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the recovery key</source>
        <translation>Skriv ut återställningsnyckeln</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have &amp;stored the recovery key in a safe place</source>
        <translation>Jag har &amp;förvarat återställningsnyckeln på ett säkert ställe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have stored the recovery key in a safe place</source>
        <translation>Jag har förvarat återställningsnyckeln på ett säkert ställe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Continue</source>
        <translation>&amp;Fortsätt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue</source>
        <translation>Fortsätt</translation>
    </message>
</context>
<context>
    <name>RecoveryPrint</name>
    <message>
        <location filename="../../hembesok_desktop/ui/lock/recovery_print.py" line="+18"/>
        <source>Hembesök – recovery key</source>
        <translation>Hembesök – återställningsnyckel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This key opens your Hembesök records if you forget your passphrase. Keep this paper locked away, apart from the computer. Anyone who has both the computer and this key can read the records.</source>
        <translation>Den här nyckeln öppnar dina uppgifter i Hembesök om du glömmer lösenfrasen. Förvara papperet inlåst, skilt från datorn. Den som har både datorn och nyckeln kan läsa uppgifterna.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Created %1</source>
        <translation>Skapad %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Print the recovery key</source>
        <translation>Skriv ut återställningsnyckeln</translation>
    </message>
</context>
<context>
    <name>RefusedModel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/conflicts.py" line="+9"/>
        <source>Family</source>
        <translation>Familj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Gäller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed fields</source>
        <translation>Ändrade fält</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s reason</source>
        <translation>Serverns anledning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/registration.py" line="+193"/>
        <source>New family</source>
        <translation>Ny familj</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register the family from the birth notification. Fields marked * are needed.</source>
        <translation>Registrera familjen utifrån födelseanmälan. Fält märkta med * behövs.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Guardian 1 *</source>
        <translation>Vårdnadshavare 1 *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a &amp;second guardian</source>
        <translation>Lägg till en &amp;andra vårdnadshavare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a second guardian</source>
        <translation>Lägg till en andra vårdnadshavare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guardian 2</source>
        <translation>Vårdnadshavare 2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Child *</source>
        <translation>Barn *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child&apos;s given name</source>
        <translation>Barnets förnamn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child&apos;s family name</source>
        <translation>Barnets efternamn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the child</source>
        <translation>barnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Child&apos;s date of birth</source>
        <translation>Barnets födelsedatum</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a date</source>
        <translation>Välj datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Child&apos;s sex</source>
        <translation>Barnets kön</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Given name:</source>
        <translation>Förnamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name:</source>
        <translation>Efternamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal number:</source>
        <translation>Personnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth:</source>
        <translation>Födelsedatum:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sex:</source>
        <translation>Kön:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Home</source>
        <translation>Hemmet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postal code</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Languages spoken in the family</source>
        <translation>Språk som talas i familjen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>The family needs an interpreter</source>
        <translation>Familjen behöver tolk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interpreter language</source>
        <translation>Tolkspråk</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address:</source>
        <translation>Adress:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code:</source>
        <translation>Postnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area:</source>
        <translation>Område:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interpreter language:</source>
        <translation>Tolkspråk:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extended home-visit programme</source>
        <translation>Utökat hembesöksprogram</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Enroll the child in the programme</source>
        <translation>Skriv in barnet i programmet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrollment start date</source>
        <translation>Inskrivningens startdatum</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for inclusion</source>
        <translation>Skäl till inskrivning</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start date:</source>
        <translation>Startdatum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for inclusion:</source>
        <translation>Skäl till inskrivning:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The programme&apos;s visits are planned from the child&apos;s date of birth.</source>
        <translation>Programmets besök planeras utifrån barnets födelsedatum.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Discard the new family?</source>
        <translation>Kasta den nya familjen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What you have written about the new family (names, numbers, address) is not saved and will be lost.</source>
        <translation>Det du har skrivit om den nya familjen (namn, personnummer, adress) är inte sparat och försvinner.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Discard</source>
        <translation>&amp;Kasta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue &amp;editing</source>
        <translation>Fortsätt &amp;fylla i</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1: write the given name and the family name.</source>
        <translation>%1: skriv förnamn och efternamn.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Child: write the given name and the family name.</source>
        <translation>Barn: skriv förnamn och efternamn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Child: %1</source>
        <translation>Barn: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Child: give the date of birth.</source>
        <translation>Barn: ange födelsedatum.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date of birth cannot be in the future.</source>
        <translation>Födelsedatumet kan inte ligga i framtiden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The enrollment cannot start before the child was born.</source>
        <translation>Inskrivningen kan inte börja innan barnet är fött.</translation>
    </message>
</context>
<context>
    <name>RepeatingTextInput</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/inputs.py" line="+71"/>
        <source>Add another answer</source>
        <translation>Lägg till ett svar till</translation>
    </message>
</context>
<context>
    <name>Response</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/render.py" line="+28"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The form version of this response is not installed.</source>
        <translation>Formulärversionen för det här svaret är inte installerad.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Form version %1, answered in %2.</source>
        <translation>Formulärversion %1, besvarad på %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Voided:</source>
        <translation>Makulerad:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Score: %1</source>
        <translation>Poäng: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(indicative only: no validated cut-off for this language version)</source>
        <translation>(endast vägledande: språkversionen har inget validerat gränsvärde)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>offered</source>
        <translation>erbjudet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>accepterat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>avböjt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>closed: %1</source>
        <translation>avslutad: %1</translation>
    </message>
</context>
<context>
    <name>ResponsesModel</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/model.py" line="+32"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form</source>
        <translation>Formulär</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Respondent</source>
        <translation>Svarande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score and flags</source>
        <translation>Poäng och flaggor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In progress (draft)</source>
        <translation>Pågående (utkast)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Slutförd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>Pågående</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voided</source>
        <translation>Makulerad</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not closed: record the acute assessment</source>
        <translation>Inte avslutad: registrera akut bedömning</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Urgent</source>
        <translation>Brådskande</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/settings_dialog.py" line="+33"/>
        <source>Settings</source>
        <extracomment>a title bar&apos;s icon and its minimise, maximise and close buttons, with some air</extracomment>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language of the application</source>
        <translation>Programmets språk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>Aldrig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock automatically after minutes without activity</source>
        <translation>Lås automatiskt efter antal minuter utan aktivitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language is used the next time Hembesök starts.</source>
        <translation>Ett nytt språk används nästa gång Hembesök startar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock &amp;automatically after:</source>
        <translation>Lås &amp;automatiskt efter:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Growth reference:</source>
        <translation>&amp;Tillväxtreferens:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>WHO child growth standards</source>
        <translation>WHO:s tillväxtstandard för barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regional LMS table (file)</source>
        <translation>Regional LMS-tabell (fil)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Growth reference</source>
        <translation>Tillväxtreferens</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+1"/>
        <source>LMS table file (.csv or .json)</source>
        <translation>Fil med LMS-tabell (.csv eller .json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>LMS tables (*.csv *.json)</source>
        <translation>LMS-tabeller (*.csv *.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the file with the region&apos;s LMS table.</source>
        <translation>Välj filen med regionens LMS-tabell.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The growth reference cannot be used: %1</source>
        <translation>Tillväxtreferensen kan inte användas: %1</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../hembesok_desktop/ui/shell.py" line="+134"/>
        <source>Preparing the demo caseload…</source>
        <extracomment>a session started (the workspace is shown) / ended (the unlock screen is shown) the demo store is ready (its folder) runs on the worker after the demo store was made (the embedded server, ui.app) the session&apos;s sync in the window (status, &quot;Sync now&quot;, conflicts, reminder) the one store worker: store creation, unlock, demo data, then every session&apos;s work</extracomment>
        <translation>Förbereder demofamiljerna…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo could not be prepared in the chosen folder.</source>
        <translation>Demon kunde inte förberedas i den valda mappen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Creating your encrypted store…</source>
        <translation>Skapar din krypterade lagring…</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Hembesök</source>
        <translation>Hembesök</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <location filename="../../hembesok_desktop/ui/common/store_errors.py" line="+44"/>
        <location filename="../../hembesok_desktop/ui/errors.py" line="-49"/>
        <source>A measurement needs a weight, a length or a head circumference.</source>
        <translation>En mätning behöver vikt, längd eller huvudomfång.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../hembesok_desktop/ui/errors.py" line="+1"/>
        <source>Measured values must be greater than zero.</source>
        <translation>Mätvärden måste vara större än noll.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../hembesok_desktop/ui/errors.py" line="+1"/>
        <source>A measurement cannot be dated before the child&apos;s birth.</source>
        <translation>En mätning kan inte dateras före barnets födelse.</translation>
    </message>
    <message>
        <location filename="../../hembesok_desktop/ui/errors.py" line="+1"/>
        <source>The birth date does not match the personal identity number.</source>
        <translation>Födelsedatumet stämmer inte med personnumret.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A child needs a birth date or a personal identity number.</source>
        <translation>Barnet behöver ett födelsedatum eller ett personnummer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A child&apos;s birth date cannot lie in the future.</source>
        <translation>Barnets födelsedatum kan inte ligga i framtiden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a person with a reserve number can be linked to a new number.</source>
        <translation>Bara en person med reservnummer kan kopplas till ett nytt nummer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The child does not belong to this family.</source>
        <translation>Barnet hör inte till den här familjen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An urgent finding needs the acute assessment the same day recorded before the screening can be closed.</source>
        <translation>Ett brådskande fynd kräver att akut bedömning samma dag registreras innan screeningen kan avslutas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An enrollment cannot start before the child was born.</source>
        <translation>Inskrivningen kan inte börja innan barnet är fött.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An enrollment is ended only with a reason.</source>
        <translation>En inskrivning avslutas bara med ett skäl.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An enrollment cannot end before it started.</source>
        <translation>En inskrivning kan inte avslutas innan den har börjat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Both a given name and a family name are needed.</source>
        <translation>Både förnamn och efternamn behövs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase is not correct.</source>
        <translation>Lösenfrasen stämmer inte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recovery key is not correct.</source>
        <translation>Återställningsnyckeln stämmer inte.</translation>
    </message>
    <message>
        <location filename="../../hembesok_desktop/ui/common/store_errors.py" line="+12"/>
        <location filename="../../hembesok_desktop/ui/errors.py" line="+1"/>
        <source>The store is locked.</source>
        <translation>Hembesök är låst.</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>A signed journal entry cannot be changed; amend it instead.</source>
        <translation>En signerad journalanteckning kan inte ändras. Gör ett tillägg i stället.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This journal entry is already signed.</source>
        <translation>Journalanteckningen är redan signerad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An empty journal entry cannot be signed.</source>
        <translation>En tom journalanteckning kan inte signeras.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A signature needs the author&apos;s name and title.</source>
        <translation>En signatur behöver författarens namn och titel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a signed entry is amended; edit an unsigned one.</source>
        <translation>Bara en signerad anteckning får tillägg. En osignerad anteckning redigerar du direkt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This journal entry is already voided.</source>
        <translation>Journalanteckningen är redan makulerad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A journal entry is voided only with a reason.</source>
        <translation>En journalanteckning makuleras bara med ett skäl.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A contact that took place needs its date and time.</source>
        <translation>En genomförd kontakt behöver datum och tid.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A completed questionnaire response cannot be changed.</source>
        <translation>Ett avslutat formulärsvar kan inte ändras.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This questionnaire response is already completed.</source>
        <translation>Formulärsvaret är redan avslutat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This follow-up is already closed.</source>
        <translation>Uppföljningen är redan avslutad.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The change could not be saved:</source>
        <translation>Ändringen kunde inte sparas:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Something went wrong and nothing was saved. Try again.</source>
        <translation>Något gick fel och inget sparades. Försök igen.</translation>
    </message>
</context>
<context>
    <name>SuggestionBox</name>
    <message>
        <location filename="../../hembesok_desktop/ui/forms/followup.py" line="-167"/>
        <source>Urgent: assess now, in addition to any offer.</source>
        <translation>Akut: bedöm direkt, utöver eventuella erbjudanden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offer</source>
        <translation>Erbjudande</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The family&apos;s decision</source>
        <translation>Familjens beslut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered</source>
        <translation>Erbjudet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Accepterat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined</source>
        <translation>Avböjt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With whom</source>
        <translation>Med vem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. the mother, social services</source>
        <translation>t.ex. mamman, socialtjänsten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offered on</source>
        <translation>Erbjudet den</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record offer</source>
        <translation>Dokumentera erbjudande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer:</source>
        <translation>Erbjudande:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision:</source>
        <translation>Beslut:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With whom:</source>
        <translation>Med vem:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When:</source>
        <translation>När:</translation>
    </message>
</context>
<context>
    <name>SyncBanner</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/banner.py" line="+62"/>
        <source>Close</source>
        <extracomment>the banner&apos;s action button was pressed (its kind) the nurse closed the banner (its kind) a message was shown or taken away</extracomment>
        <translation>Stäng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the message</source>
        <translation>Stäng meddelandet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sync message</source>
        <translation>Synkmeddelande</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/messages.py" line="+20"/>
        <source>Not connected to a server</source>
        <translation>Inte ansluten till server</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This laptop is not connected to a server yet; choose Settings → Connect to server….</source>
        <translation>Den här datorn är inte ansluten till någon server än; välj Inställningar → Anslut till server….</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server could not be reached. Check the network connection and sync again; your changes are kept on this laptop.</source>
        <translation>Servern gick inte att nå. Kontrollera nätverksanslutningen och synka igen; dina ändringar finns kvar på datorn.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The connection to the server was lost during the sync. Sync again to continue; nothing was lost.</source>
        <translation>Anslutningen till servern bröts under synken. Synka igen för att fortsätta; inget har gått förlorat.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server&apos;s certificate is not trusted. Check the server address or contact IT support.</source>
        <translation>Serverns certifikat är inte betrott. Kontrollera serveradressen eller kontakta IT-supporten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This laptop&apos;s access to the server has been revoked. Connect it to the server again, or contact IT support.</source>
        <translation>Den här datorns behörighet till servern har återkallats. Anslut den till servern igen eller kontakta IT-supporten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The user name or password is not correct.</source>
        <translation>Användarnamnet eller lösenordet är fel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server address must begin with https:// (or be this computer).</source>
        <translation>Serveradressen måste börja med https:// (eller vara den här datorn).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s answer was not understood. Hembesök on this laptop may need to be updated.</source>
        <translation>Serverns svar gick inte att förstå. Hembesök på den här datorn kan behöva uppdateras.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server had a problem. Try again later; your changes are kept.</source>
        <translation>Servern fick ett problem. Försök igen senare; dina ändringar finns kvar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the sync. Try again later or contact IT support.</source>
        <translation>Servern nekade synken. Försök igen senare eller kontakta IT-supporten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This laptop&apos;s date and time are wrong. Correct them and sync again.</source>
        <translation>Datorns datum och tid är fel. Rätta dem och synka igen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server refused changes because this computer&apos;s clock is wrong (ahead of the server&apos;s). Correct the date and time, then send the refused changes again.</source>
        <translation>Servern nekade ändringar eftersom klockan i din dator går fel (före serverns). Rätta datum och tid och skicka sedan de nekade ändringarna igen.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n record(s) from the server could not be stored on this laptop and were set aside; see Conflicts and refused changes. Everything else was synced.</source>
        <translation>
            <numerusform>%n post från servern kunde inte sparas på den här datorn och lades åt sidan; se Konflikter och nekade ändringar. Allt annat synkades.</numerusform>
            <numerusform>%n poster från servern kunde inte sparas på den här datorn och lades åt sidan; se Konflikter och nekade ändringar. Allt annat synkades.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The sync could not be completed. Try again later.</source>
        <translation>Synken kunde inte slutföras. Försök igen senare.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sync stopped because of an unexpected error.</source>
        <translation>Synken avbröts av ett oväntat fel.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sending changes %1 of %2</source>
        <translation>Skickar ändringar %1 av %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receiving changes: %1</source>
        <translation>Tar emot ändringar: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updating the caseload</source>
        <translation>Uppdaterar familjelistan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finishing</source>
        <translation>Avslutar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to the server…</source>
        <translation>Ansluter till servern…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync_status.py" line="+40"/>
        <source>Not synced</source>
        <translation>Ej synkad</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show conflicts and refused changes</source>
        <translation>Visa konflikter och nekade ändringar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync progress</source>
        <translation>Synkförlopp</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Sync now</source>
        <translation>Synka nu</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Send and receive changes now (F5)</source>
        <translation>Skicka och ta emot ändringar nu (F5)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sync status</source>
        <translation>Synkstatus</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>· %n change(s) waiting</source>
        <translation>
            <numerusform>· %n ändring väntar</numerusform>
            <numerusform>· %n ändringar väntar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%n conflict(s) to settle</source>
        <translation>
            <numerusform>%n konflikt att lösa</numerusform>
            <numerusform>%n konflikter att lösa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>%n ändring nekad</numerusform>
            <numerusform>%n ändringar nekade</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Syncing…</source>
        <translation>Synkar…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Last sync failed</source>
        <translation>Senaste synken misslyckades</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not synced yet</source>
        <translation>Inte synkad än</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Synced %1</source>
        <translation>Synkad %1</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/install.py" line="+68"/>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynka nu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Conflicts and refused changes…</source>
        <translation>&amp;Konflikter och nekade ändringar…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect to server…</source>
        <translation>&amp;Anslut till server…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Connecting…</source>
        <translation>Ansluter…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This laptop is now connected to the server. Sync when you like.</source>
        <translation>Datorn är nu ansluten till servern. Synka när du vill.</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%n new conflict(s): two laptops changed the same information. Choose the right value under Conflicts.</source>
        <translation>
            <numerusform>%n ny konflikt: två datorer ändrade samma uppgift. Välj rätt värde under Konflikter.</numerusform>
            <numerusform>%n nya konflikter: två datorer ändrade samma uppgift. Välj rätt värde under Konflikter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>The server refused %n change(s); they are kept on this laptop. See the reason under Conflicts and refused changes.</source>
        <translation>
            <numerusform>Servern nekade %n ändring; den finns kvar på datorn. Se anledningen under Konflikter och nekade ändringar.</numerusform>
            <numerusform>Servern nekade %n ändringar; de finns kvar på datorn. Se anledningen under Konflikter och nekade ändringar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Try again</source>
        <translation>Försök igen</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n change(s) from today are not sent yet. Sync before you finish for the day.</source>
        <translation>
            <numerusform>%n ändring är inte skickad än. Synka innan du slutar för dagen.</numerusform>
            <numerusform>%n ändringar är inte skickade än. Synka innan du slutar för dagen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync now</source>
        <translation>Synka nu</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../hembesok_desktop/ui/sync/words.py" line="+19"/>
        <source>Family details</source>
        <translation>Familjeuppgifter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guardian</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme enrollment</source>
        <translation>Inskrivning i programmet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>Besök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal entry</source>
        <translation>Journalanteckning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurement</source>
        <translation>Mätning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form</source>
        <translation>Formulär</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access log</source>
        <translation>Åtkomstlogg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeding</source>
        <translation>Uppfödning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language development</source>
        <translation>Språkutveckling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tobacco smoke in the home</source>
        <translation>Tobaksrök i hemmet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearing or vision screening</source>
        <translation>Hörsel- eller synscreening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Remiss</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(empty)</source>
        <translation>(tomt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Nej</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <location filename="../../hembesok_desktop/ui/documentation.py" line="+42"/>
        <source>Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits</source>
        <translation>&amp;Besök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forms</source>
        <translation>F&amp;ormulär</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Growth</source>
        <translation>Tillvä&amp;xt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation>Uts&amp;krift</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Print today&apos;s visits…</source>
        <translation>Skriv ut dagens besök…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today&apos;s visits as PDF…</source>
        <translation>Dagens besök som PDF…</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/timeline.py" line="+281"/>
        <source>Timeline</source>
        <extracomment>flags shown in the strongest colour vaccinations, child-health records and referrals (given, due or overdue doses, feeding, language, tobacco smoke, hearing and vision) come from ``domain.timeline`` with their words the timeline was (re)loaded with this many rows (tests and benchmarks wait for it)</extracomment>
        <translation>Tidslinje</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing planned or recorded yet.</source>
        <translation>Inget är planerat eller dokumenterat ännu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the timeline of</source>
        <translation>Visa tidslinjen för</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Show:</source>
        <translation>Vi&amp;sa:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Correct measurement…</source>
        <translation>&amp;Rätta mätning…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Void measurement…</source>
        <translation>&amp;Makulera mätning…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Correct journal entry…</source>
        <translation>&amp;Rätta journalanteckning…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Void journal entry…</source>
        <translation>Ma&amp;kulera journalanteckning…</translation>
    </message>
    <message>
        <location line="+97"/>
        <location line="+8"/>
        <source>All children</source>
        <translation>Alla barn</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../hembesok_desktop/ui/top_bar.py" line="+21"/>
        <source>Not signed in</source>
        <translation>Ej inloggad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in as</source>
        <translation>Inloggad som</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock Hembesök</source>
        <translation>Lås Hembesök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock now (Ctrl+L). Your work is kept.</source>
        <translation>Lås nu (Ctrl+L). Ditt arbete sparas.</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../hembesok_desktop/ui/lock/unlock_screen.py" line="+44"/>
        <source>Hembesök is locked</source>
        <translation>Hembesök är låst</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås upp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock status</source>
        <translation>Status för upplåsning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switch between passphrase and recovery key</source>
        <translation>Växla mellan lösenfras och återställningsnyckel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Demo: the passphrase is “%1”. All people in the demo are made up.</source>
        <translation>Demo: lösenfrasen är ”%1”. Alla personer i demon är påhittade.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Locked after a while without activity. Your work is kept.</source>
        <translation>Låstes efter en stund utan aktivitet. Ditt arbete är sparat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked when the computer went to sleep.</source>
        <translation>Låstes när datorn gick i viloläge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You locked Hembesök. Your work is kept.</source>
        <translation>Du låste Hembesök. Ditt arbete är sparat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Unlock with your passphrase to see your caseload.</source>
        <translation>Lås upp med din lösenfras för att se dina familjer.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Recovery key:</source>
        <translation>&amp;Återställningsnyckel:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recovery key</source>
        <translation>Återställningsnyckel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the passphrase instead</source>
        <translation>Använd lösenfrasen i stället</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation>L&amp;ösenfras:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forgot the passphrase? Use the recovery key</source>
        <translation>Glömt lösenfrasen? Använd återställningsnyckeln</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Unlocking…</source>
        <translation>Låser upp…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The passphrase is not correct.</source>
        <translation>Lösenfrasen stämmer inte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recovery key is not correct.</source>
        <translation>Återställningsnyckeln stämmer inte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data file is damaged and cannot be opened. Contact your IT support; nothing has been changed.</source>
        <translation>Datafilen är skadad och kan inte öppnas. Kontakta IT-supporten. Ingenting har ändrats.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hembesök could not be unlocked. Please try again.</source>
        <translation>Hembesök kunde inte låsas upp. Försök igen.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>Du kan försöka igen om %n sekund.</numerusform>
            <numerusform>Du kan försöka igen om %n sekunder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Visit</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/messages.py" line="+14"/>
        <source>Date and time</source>
        <translation>Datum och tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of contact</source>
        <translation>Typ av kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who took part</source>
        <translation>Vilka deltog</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+120"/>
        <source>Weight</source>
        <translation>Vikt</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+120"/>
        <source>Length</source>
        <translation>Längd</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+120"/>
        <source>Head circumference</source>
        <translation>Huvudomfång</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal text</source>
        <translation>Journaltext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeding</source>
        <translation>Amning och mat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tobacco smoke</source>
        <translation>Tobaksrök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearing screening</source>
        <translation>Hörselscreening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vision screening</source>
        <translation>Synscreening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Remiss</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A child breastfed exclusively has not been given other food.</source>
        <translation>Ett helt ammat barn har inte fått annan mat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the date lies after the visit.</source>
        <translation>%1: datumet ligger efter besöket.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: choose a vaccine of the schedule.</source>
        <translation>%1: välj ett vaccin i vaccinationsprogrammet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the dose number lies between 1 and 10.</source>
        <translation>%1: dosnumret ligger mellan 1 och 10.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: choose the age.</source>
        <translation>%1: välj åldern.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: choose the result.</source>
        <translation>%1: välj resultatet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: give a result or a note.</source>
        <translation>%1: ange ett resultat eller en anteckning.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: choose the action taken on the concern.</source>
        <translation>%1: välj åtgärden vid oro.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: choose why.</source>
        <translation>%1: välj varför.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: choose how the interpreter took part.</source>
        <translation>%1: välj hur tolken deltog.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the dose is dated before the child&apos;s birth.</source>
        <translation>%1: dosen är daterad före barnets födelse.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Home visit</source>
        <translation>Hembesök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic visit</source>
        <translation>Mottagningsbesök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone call</source>
        <translation>Telefonsamtal</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The signature needs your name and title.</source>
        <translation>Signaturen behöver ditt namn och din titel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick who took part.</source>
        <translation>Kryssa i vilka som deltog.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the journal text before signing.</source>
        <translation>Skriv journaltexten innan du signerar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is needed.</source>
        <translation>%1 behövs.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The date and time lie in the future.</source>
        <translation>Datum och tid ligger i framtiden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The visit is dated before the child&apos;s birth.</source>
        <translation>Besöket är daterat före barnets födelse.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: write a number, e.g. 7,45.</source>
        <translation>%1: skriv ett tal, t.ex. 7,45.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 must be greater than zero.</source>
        <translation>%1 måste vara större än noll.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is %2 SD from the WHO median. Check the value: signing asks you to confirm it.</source>
        <translation>%1 ligger %2 SD från WHO-medianen. Kontrollera värdet: du får bekräfta det när du signerar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is %2 SD from the median of the growth reference %3. Check the value: signing asks you to confirm it.</source>
        <translation>%1 ligger %2 SD från medianen i tillväxtreferensen %3. Kontrollera värdet: du får bekräfta det när du signerar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is outside the usual range %2–%3 for this age. Check the value.</source>
        <translation>%1 ligger utanför det vanliga intervallet %2–%3 för åldern. Kontrollera värdet.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 is %2 SD from the WHO median for the child&apos;s age and sex.</source>
        <translation>%1 ligger %2 SD från WHO-medianen för barnets ålder och kön.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is outside the usual range %2–%3 for the child&apos;s age.</source>
        <translation>%1 ligger utanför det vanliga intervallet %2–%3 för barnets ålder.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Participants</source>
        <translation>Deltagare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Teman</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurements</source>
        <translation>Mätningar</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+105"/>
        <source>Interpreter</source>
        <translation>Tolk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>used</source>
        <translation>användes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded</source>
        <translation>Registrerat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feeding</source>
        <translation>amning och mat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vaccinations</source>
        <translation>vaccinationer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tobacco smoke</source>
        <translation>tobaksrök</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hearing</source>
        <translation>hörsel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vision</source>
        <translation>syn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>referral</source>
        <translation>remiss</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is marked as done (%2).</source>
        <translation>%1 markeras som genomförd (%2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A new contact is recorded: %1, %2.</source>
        <translation>En ny kontakt registreras: %1, %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Measurements: %1.</source>
        <translation>Mätningar: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vaccinations given: %1.</source>
        <translation>Givna vaccinationer: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A record: %1.</source>
        <translation>En uppgift: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A signed journal entry (%1 characters).</source>
        <translation>En signerad journalanteckning (%1 tecken).</translation>
    </message>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/model.py" line="-123"/>
        <source>Voided: %1</source>
        <translation>Makulerad: %1</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/form.py" line="+75"/>
        <source>Unplanned contact</source>
        <translation>Oplanerad kontakt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Date and time of the visit</source>
        <translation>Besökets datum och tid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind of contact</source>
        <translation>Typ av kontakt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interpreter used</source>
        <translation>Tolk användes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interpreter&apos;s language</source>
        <translation>Tolkens språk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language not recorded</source>
        <translation>Språk inte angivet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How the interpreter took part</source>
        <translation>Hur tolken deltog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form not recorded</source>
        <translation>Tolkform inte angiven</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Child:</source>
        <translation>Barn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date and time:</source>
        <translation>Datum och tid:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpreter:</source>
        <translation>Tolk:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who took part</source>
        <translation>Vilka deltog</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Themes discussed</source>
        <translation>Samtalsteman</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measurements</source>
        <translation>Mätningar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weight</source>
        <translation>Vikt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>Längd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head circumference</source>
        <translation>Huvudomfång</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Journal text</source>
        <translation>Journaltext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened at the visit. Saved as you type.</source>
        <translation>Vad som hände vid besöket. Sparas medan du skriver.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed by (name)</source>
        <translation>Signeras av (namn)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name:</source>
        <translation>Namn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Problems and warnings</source>
        <translation>Problem och varningar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What signing will save</source>
        <translation>Vad signeringen sparar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Sign</source>
        <translation>&amp;Signera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close (keep draft)</source>
        <translation>Stäng (be&amp;håll utkastet)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Journal text:</source>
        <translation>Journaltext:</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Signing saves:</source>
        <translation>Signeringen sparar:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving draft…</source>
        <translation>Sparar utkast…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>expected ≈ %1</source>
        <translation>väntat ≈ %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The WHO median for the child&apos;s age and sex</source>
        <translation>WHO-medianen för barnets ålder och kön</translation>
    </message>
</context>
<context>
    <name>VisitTab</name>
    <message>
        <location filename="../../hembesok_desktop/ui/visit/tab.py" line="+68"/>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Document visit</source>
        <translation>&amp;Dokumentera besök</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Unplanned contact…</source>
        <translation>O&amp;planerad kontakt…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a planned contact and document it, or record an unplanned one.</source>
        <translation>Välj en planerad kontakt och dokumentera den, eller registrera en oplanerad.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Correct measurement…</source>
        <translation>&amp;Rätta mätning…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Void measurement…</source>
        <translation>&amp;Makulera mätning…</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Draft saved</source>
        <translation>Utkastet sparat</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../hembesok_desktop/ui/journal/dialogs.py" line="-63"/>
        <source>Void journal entry</source>
        <translation>Makulera journalanteckning</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The entry stays readable, struck through, with your name, the time and the reason. Why is it voided?</source>
        <translation>Anteckningen förblir läsbar, överstruken, med ditt namn, tiden och orsaken. Varför makuleras den?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason for voiding</source>
        <translation>Orsak till makulering</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Void entry</source>
        <translation>Makulera anteckningen</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../hembesok_desktop/ui/workspace.py" line="+78"/>
        <source>&amp;Timeline</source>
        <extracomment>above this many changed families one caseload reload is cheaper than a read per row the open family or tab changed: (family id or None, tab index) a family was opened and its access logged (family id)</extracomment>
        <translation>&amp;Tidslinje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Family</source>
        <translation>Fa&amp;milj</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
</context>
<context>
    <name>_BirthDateNote</name>
    <message>
        <location filename="../../hembesok_desktop/ui/family/registration.py" line="-321"/>
        <source>The date of birth differs from the date in the personal number. It is saved as given: Skatteverket may give a nearby day when a day&apos;s numbers run out.</source>
        <translation>Födelsedatumet skiljer sig från datumet i personnumret. Det sparas som angivet: Skatteverket kan ge ett närliggande datum när en dags nummer är slut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The coordination number does not give the full date of birth: give it here.</source>
        <translation>Samordningsnumret anger inte hela födelsedatumet: ange det här.</translation>
    </message>
</context>
<context>
    <name>_GuardianBox</name>
    <message>
        <location line="+14"/>
        <source>Given name of %1</source>
        <translation>Förnamn, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Family name of %1</source>
        <translation>Efternamn, %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role of %1</source>
        <translation>Roll, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of %1</source>
        <translation>Språk, %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First child in Sweden</source>
        <translation>Första barnet i Sverige</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First child in Sweden for %1</source>
        <translation>Första barnet i Sverige, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gave birth to the child</source>
        <translation>Har fött barnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 gave birth to the child</source>
        <translation>Har fött barnet, %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Given name:</source>
        <translation>Förnamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name:</source>
        <translation>Efternamn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal number:</source>
        <translation>Personnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>Roll:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
</context>
<context>
    <name>_NumberField</name>
    <message>
        <location line="-117"/>
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal identity number of %1</source>
        <translation>Personnummer, %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve number</source>
        <translation>Reservnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve number for %1</source>
        <translation>Reservnummer, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick when the person has no Swedish personal identity number yet.</source>
        <translation>Kryssa i när personen ännu inte har något svenskt personnummer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Identity level of %1</source>
        <translation>Identitetsnivå, %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity level not recorded</source>
        <translation>Identitetsnivå inte angiven</translation>
    </message>
</context>
</TS>
