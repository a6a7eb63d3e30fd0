<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ActionsModel</name>
    <message>
        <source>+ create, ~ change, &gt; port, = check, - remove, ! by hand</source>
        <translation>+ anlegen, ~ ändern, &gt; portieren, = prüfen, - entfernen, ! von Hand</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>prepare, acquire, configure, verify, decommission</source>
        <translation>prepare (vorbereiten), acquire (beschaffen), configure (konfigurieren), verify (prüfen), decommission (stilllegen)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>What the action is about</source>
        <translation>Worauf sich die Aktion bezieht</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>What exactly will be done</source>
        <translation>Was genau getan wird</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>How it is rolled back (or that it cannot be)</source>
        <translation>Wie sie zurückgenommen wird (oder dass das nicht geht)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>From the journal</source>
        <translation>Aus dem Journal</translation>
    </message>
    <message>
        <source>Cannot be undone: needs an explicit confirmation to run</source>
        <translation>Nicht umkehrbar: wird erst nach ausdrücklicher Bestätigung ausgeführt</translation>
    </message>
</context>
<context>
    <name>ApplicationsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The application&apos;s name on the source</source>
        <translation>Name der Anwendung im Quellkonto</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The vendor&apos;s id for it</source>
        <translation>Die ID beim Anbieter</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Rufnummern</translation>
    </message>
    <message>
        <source>How many numbers it answers</source>
        <translation>Wie viele Rufnummern sie bedient</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>The (sub)account that owns it</source>
        <translation>Das (Unter-)Konto, dem sie gehört</translation>
    </message>
</context>
<context>
    <name>AssessedItemsModel</name>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>works as is, needs attention, or blocker</source>
        <translation>unverändert nutzbar, zu prüfen oder Blocker</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>What the rules found</source>
        <translation>Was die Regeln festgestellt haben</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>What to do about it</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>Assessment</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>What carries over as is, what needs your attention, and what blocks. Enter the new home of vendor-hosted logic, change strategies on the previous page, and tick the checklist as you go.</source>
        <translation>Was unverändert übernommen wird, was Ihre Aufmerksamkeit braucht und was blockiert. Tragen Sie ein, wo beim Anbieter gehostete Logik künftig läuft, ändern Sie Strategien auf der vorigen Seite und haken Sie die Checkliste nach und nach ab.</translation>
    </message>
</context>
<context>
    <name>AssessmentPanel</name>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>Blockers and items needing attention</source>
        <translation>Blocker und zu prüfende Elemente</translation>
    </message>
    <message>
        <source>Blockers only</source>
        <translation>Nur Blocker</translation>
    </message>
    <message>
        <source>Needs attention only</source>
        <translation>Nur zu prüfende Elemente</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Which items to list</source>
        <translation>Welche Elemente angezeigt werden</translation>
    </message>
    <message>
        <source>Vendor-hosted logic (source URL)</source>
        <translation>Beim Anbieter gehostete Logik (Quell-URL)</translation>
    </message>
    <message>
        <source>Where you host it now</source>
        <translation>Wo Sie sie jetzt hosten</translation>
    </message>
    <message>
        <source>TwiML Bins, Studio flows, Functions and PHLOs stop working when the source account closes. Rebuild each one on your server (the assessment bundle has translated documents) and enter its new URL here.</source>
        <translation>TwiML Bins, Studio-Flows, Functions und PHLOs funktionieren nicht mehr, sobald das Quellkonto geschlossen wird. Bauen Sie jedes davon auf Ihrem Server nach (das Bewertungspaket enthält übersetzte Dokumente) und tragen Sie hier die neue URL ein.</translation>
    </message>
    <message>
        <source>Use these &amp;URLs and plan again</source>
        <translation>Diese &amp;URLs verwenden und neu planen</translation>
    </message>
    <message>
        <source>Checklist (outside the plan)</source>
        <translation>Checkliste (außerhalb des Plans)</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Tick what you have done; the ticks are remembered on this computer</source>
        <translation>Haken Sie ab, was erledigt ist; die Haken werden auf diesem Computer gespeichert</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>Anzei&amp;gen:</translation>
    </message>
    <message>
        <source>These run on the departing vendor and stop working when its account closes. Rebuild each on your own server (the call-flow bundle in Exports has translated documents) and enter where it now lives.</source>
        <translation>Diese laufen beim bisherigen Anbieter und funktionieren nicht mehr, sobald dessen Konto geschlossen wird. Bauen Sie jedes davon auf Ihrem eigenen Server nach (das Call-Flow-Paket unter Exporte enthält übersetzte Dokumente) und tragen Sie ein, wo es jetzt läuft.</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Logic to rebuild</source>
        <translation>Nachzubauende Logik</translation>
    </message>
    <message>
        <source>What to do outside the plan, and why</source>
        <translation>Was außerhalb des Plans zu tun ist, und warum</translation>
    </message>
    <message>
        <source>Not assessed yet.</source>
        <translation>Noch nicht bewertet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · score %2/100 · %3 blocker(s), %4 item(s) need attention, %5 work as is.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · Punktzahl %2/100 · %3 Blocker, %4 Element(e) zu prüfen, %5 ohne Änderung nutzbar.</translation>
    </message>
    <message>
        <source>Items (%1)</source>
        <translation>Elemente (%1)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Checklist (%1)</source>
        <translation>Checkliste (%1)</translation>
    </message>
    <message>
        <source>https://… on your own server</source>
        <translation>https://… auf Ihrem eigenen Server</translation>
    </message>
    <message>
        <source>Logic to rebuild (%1)</source>
        <translation>Nachzubauende Logik (%1)</translation>
    </message>
</context>
<context>
    <name>BulkRules</name>
    <message>
        <source>country %1</source>
        <translation>Land %1</translation>
    </message>
    <message>
        <source>type %1</source>
        <translation>Typ %1</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <source>app %1</source>
        <translation>Anwendung %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>every number</source>
        <translation>jede Rufnummer</translation>
    </message>
    <message>
        <source>rule %1: %2 → %3</source>
        <translation>Regel %1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>BulkRulesEditor</name>
    <message>
        <source>Give many numbers one strategy at once. Rules apply from top to bottom and a later match wins; a strategy set for a single number (on the Numbers tab) wins over every rule.</source>
        <translation>Vielen Rufnummern auf einmal eine Strategie geben. Die Regeln gelten von oben nach unten, ein späterer Treffer gewinnt; eine für eine einzelne Rufnummer festgelegte Strategie (Reiter „Rufnummern“) geht jeder Regel vor.</translation>
    </message>
    <message>
        <source>Bulk rules</source>
        <translation>Sammelregeln</translation>
    </message>
    <message>
        <source>Back to the rules saved in the migration file</source>
        <translation>Zurück zu den in der Migrationsdatei gespeicherten Regeln</translation>
    </message>
    <message>
        <source>Save rules and pla&amp;n</source>
        <translation>Regeln spei&amp;chern und planen</translation>
    </message>
    <message>
        <source>Country of the number</source>
        <translation>Land der Rufnummer</translation>
    </message>
    <message>
        <source>Local, mobile, toll-free…</source>
        <translation>Ortsnetz, Mobil, gebührenfrei …</translation>
    </message>
    <message>
        <source>A tag the number carries</source>
        <translation>Ein Tag der Rufnummer</translation>
    </message>
    <message>
        <source>The source application that answers its calls or messages</source>
        <translation>Die Quellanwendung, die ihre Anrufe oder Nachrichten bedient</translation>
    </message>
    <message>
        <source>Add the rule at the end of the list (it wins ties)</source>
        <translation>Die Regel ans Ende der Liste stellen (sie gewinnt bei Überschneidungen)</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>&amp;Country</source>
        <translation>&amp;Land</translation>
    </message>
    <message>
        <source>Ta&amp;g</source>
        <translation>Ta&amp;g</translation>
    </message>
    <message>
        <source>App&amp;lication</source>
        <translation>Anwendu&amp;ng</translation>
    </message>
    <message>
        <source>Rules apply from top to bottom and a later match wins. Delete removes the selected rule, Alt+Up and Alt+Down move it.</source>
        <translation>Die Regeln gelten von oben nach unten, ein späterer Treffer gewinnt. Entf entfernt die ausgewählte Regel, Alt+Pfeil nach oben und Alt+Pfeil nach unten verschieben sie.</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>Remove the selected rule (%1)</source>
        <translation>Die ausgewählte Regel entfernen (%1)</translation>
    </message>
    <message>
        <source>Move the selected rule up: later rules win over it (%1)</source>
        <translation>Die ausgewählte Regel nach oben verschieben: spätere Regeln gehen ihr vor (%1)</translation>
    </message>
    <message>
        <source>Move the selected rule down: it wins over the rules above it (%1)</source>
        <translation>Die ausgewählte Regel nach unten verschieben: sie geht den Regeln darüber vor (%1)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Save rules and plan</source>
        <translation>Regeln speichern und planen</translation>
    </message>
    <message>
        <source>Store these rules in the migration file, then assess and plan again (%1)</source>
        <translation>Diese Regeln in der Migrationsdatei speichern, dann neu bewerten und planen (%1)</translation>
    </message>
    <message>
        <source>Country of the new rule</source>
        <translation>Land der neuen Regel</translation>
    </message>
    <message>
        <source>Type of the new rule</source>
        <translation>Typ der neuen Regel</translation>
    </message>
    <message>
        <source>Tag of the new rule</source>
        <translation>Tag der neuen Regel</translation>
    </message>
    <message>
        <source>Application of the new rule</source>
        <translation>Anwendung der neuen Regel</translation>
    </message>
    <message>
        <source>Strategy of the new rule</source>
        <translation>Strategie der neuen Regel</translation>
    </message>
    <message>
        <source>What the numbers the rule is for get</source>
        <translation>Was die Rufnummern der Regel bekommen</translation>
    </message>
    <message>
        <source>Numbers the new rule matches</source>
        <translation>Rufnummern, auf die die neue Regel zutrifft</translation>
    </message>
    <message>
        <source>Add r&amp;ule</source>
        <translation>&amp;Regel hinzufügen</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>&amp;Typ</translation>
    </message>
    <message>
        <source>→ S&amp;trategy</source>
        <translation>→ Strateg&amp;ie</translation>
    </message>
    <message>
        <source>Unsaved bulk rules</source>
        <translation>Ungespeicherte Sammelregeln</translation>
    </message>
    <message>
        <source>The bulk rules have changes that are not saved in the migration file.</source>
        <translation>Die Sammelregeln haben Änderungen, die nicht in der Migrationsdatei gespeichert sind.</translation>
    </message>
    <message>
        <source>Save them and plan again, or discard them?</source>
        <translation>Speichern und neu planen oder verwerfen?</translation>
    </message>
    <message>
        <source>They cannot be saved before the first plan. Discard them?</source>
        <translation>Vor dem ersten Plan lassen sie sich nicht speichern. Verwerfen?</translation>
    </message>
    <message>
        <source>They cannot be saved while other work runs. Discard them?</source>
        <translation>Solange andere Arbeit läuft, lassen sie sich nicht speichern. Verwerfen?</translation>
    </message>
    <message>
        <source>Any country</source>
        <translation>Jedes Land</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Jeder Typ</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Jedes Tag</translation>
    </message>
    <message>
        <source>Any application</source>
        <translation>Jede Anwendung</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Assess and plan once to save rules</source>
        <translation>Zum Speichern von Regeln einmal bewerten und planen</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt …</translation>
    </message>
    <message numerus="yes">
        <source>matches %Ln number(s)</source>
        <translation>
            <numerusform>trifft auf %Ln Rufnummer zu</numerusform>
            <numerusform>trifft auf %Ln Rufnummern zu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>Account SID</source>
        <translation>Account SID</translation>
    </message>
    <message>
        <source>Auth Token</source>
        <translation>Auth Token</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API-Secret</translation>
    </message>
    <message>
        <source>Auth ID</source>
        <translation>Auth ID</translation>
    </message>
    <message>
        <source>Console &gt; Account &gt; API keys &amp; tokens: the Account SID starts with AC.</source>
        <translation>Console &gt; Account &gt; API keys &amp; tokens: Die Account SID beginnt mit AC.</translation>
    </message>
    <message>
        <source>Dashboard &gt; API settings: the API key and API secret of the main account.</source>
        <translation>Dashboard &gt; API settings: API-Schlüssel und API-Secret des Hauptkontos.</translation>
    </message>
    <message>
        <source>Console &gt; Overview: the Auth ID and Auth Token of the main account.</source>
        <translation>Console &gt; Overview: Auth ID und Auth Token des Hauptkontos.</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Add vendor credentials</source>
        <translation>Zugangsdaten eines Anbieters hinzufügen</translation>
    </message>
    <message>
        <source>e.g. twilio-production</source>
        <translation>z. B. twilio-produktion</translation>
    </message>
    <message>
        <source>A short name for this account; migrations refer to it by this name</source>
        <translation>Ein kurzer Name für dieses Konto; Migrationen verweisen unter diesem Namen darauf</translation>
    </message>
    <message>
        <source>the vendor&apos;s own API</source>
        <translation>die API des Anbieters</translation>
    </message>
    <message>
        <source>Only for rehearsals: the address of a migrator sandbox, e.g. http://127.0.0.1:8080</source>
        <translation>Nur für Probeläufe: die Adresse einer migrator-Sandbox, z. B. http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>Zertifikate des Systems</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>Sandbox or private endpoint (optional)</source>
        <translation>Sandbox oder privater Endpunkt (optional)</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA-&amp;Bundle:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Check the credentials with the vendor; stores nothing</source>
        <translation>Die Zugangsdaten beim Anbieter prüfen; nichts wird gespeichert</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Check the credentials, then keep the secret in the keychain</source>
        <translation>Die Zugangsdaten prüfen, dann den geheimen Schlüssel im Schlüsselbund ablegen</translation>
    </message>
    <message>
        <source>Certificate authority bundle</source>
        <translation>Bundle der Zertifizierungsstellen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation>PEM-Dateien (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird gefragt …</translation>
    </message>
    <message>
        <source>Checking and saving…</source>
        <translation>Wird geprüft und gespeichert …</translation>
    </message>
    <message>
        <source>Connected to %1 (%2), status %3.</source>
        <translation>Verbunden mit %1 (%2), Status %3.</translation>
    </message>
</context>
<context>
    <name>DecidedNumbersModel</name>
    <message>
        <source>Replaced even without %1: you accepted that its replacement may lack it.</source>
        <translation>Auch ohne %1 ersetzt: Sie haben akzeptiert, dass der Ersatznummer diese Fähigkeit fehlen darf.</translation>
    </message>
    <message>
        <source>Override: set for this number; it wins over the default and every bulk rule.</source>
        <translation>Einzeln festgelegt: gilt für diese Rufnummer und geht dem Standard und jeder Sammelregel vor.</translation>
    </message>
    <message>
        <source>Without it: %1</source>
        <translation>Ohne sie: %1</translation>
    </message>
    <message>
        <source>A later rule or an override set for this number would win over it.</source>
        <translation>Eine spätere Regel oder eine Einzelfestlegung für diese Rufnummer ginge ihr vor.</translation>
    </message>
    <message>
        <source>The default strategy for every number; bulk rules and overrides win over it.</source>
        <translation>Die Standardstrategie für alle Rufnummern; Sammelregeln und Einzelfestlegungen gehen ihr vor.</translation>
    </message>
    <message>
        <source>Recommended for this number: %1</source>
        <translation>Empfohlen für diese Rufnummer: %1</translation>
    </message>
</context>
<context>
    <name>DecommissionDialog</name>
    <message>
        <source>Decommission the source account</source>
        <translation>Quellkonto stilllegen</translation>
    </message>
    <message>
        <source>&lt;b&gt;This cannot be undone.&lt;/b&gt; %1 action(s) will release numbers and delete applications on &lt;b&gt;%2&lt;/b&gt;. A released number may be gone for good. Only items whose verification passed are touched, and no number that is still being ported.</source>
        <translation>&lt;b&gt;Das lässt sich nicht rückgängig machen.&lt;/b&gt; %1 Aktion(en) geben Rufnummern frei und löschen Anwendungen in &lt;b&gt;%2&lt;/b&gt;. Eine freigegebene Rufnummer kann endgültig verloren sein. Betroffen sind nur Elemente, deren Prüfung bestanden wurde, und keine Rufnummer, die noch portiert wird.</translation>
    </message>
    <message>
        <source>Type the source account&apos;s name or id to confirm:</source>
        <translation>Geben Sie zur Bestätigung den Namen oder die ID des Quellkontos ein:</translation>
    </message>
    <message>
        <source>Source account name</source>
        <translation>Name des Quellkontos</translation>
    </message>
    <message>
        <source>Decommission</source>
        <translation>Stilllegen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not the source account&apos;s name or id. Nothing was released.</source>
        <translation>„%1“ ist weder Name noch ID des Quellkontos. Es wurde nichts freigegeben.</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Starting the built-in sandbox and reading the demo account…</source>
        <translation>Die eingebaute Sandbox wird gestartet und das Demokonto gelesen …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>migrator demo</source>
        <translation>migrator-Demo</translation>
    </message>
    <message>
        <source>A rehearsal on the built-in sandbox (%1): nothing real is touched. The demo accounts are saved as profiles %2 and %3; File &gt; New migration walks the wizard with them.</source>
        <translation>Ein Probelauf in der eingebauten Sandbox (%1): Nichts Echtes wird angetastet. Die Demokonten sind als Profile %2 und %3 gespeichert; mit Datei &gt; Neue Migration gehen Sie den Assistenten mit ihnen durch.</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>Die Demo konnte nicht starten</translation>
    </message>
</context>
<context>
    <name>DiscoverPage</name>
    <message>
        <source>Discover</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <source>Read every number, application, messaging service, SIP trunk, subaccount and webhook of both accounts. Nothing is changed on them. The result is saved in the migration file.</source>
        <translation>Alle Rufnummern, Anwendungen, Messaging-Dienste, SIP-Trunks, Unterkonten und Webhooks beider Konten lesen. An den Konten wird nichts geändert. Das Ergebnis wird in der Migrationsdatei gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>&amp;Discover and save</source>
        <translation>&amp;Erfassen und speichern</translation>
    </message>
    <message>
        <source>Read both accounts and create the migration file</source>
        <translation>Beide Konten lesen und die Migrationsdatei anlegen</translation>
    </message>
    <message>
        <source>Ready to read %1 and %2, then save %3.</source>
        <translation>Bereit, %1 und %2 zu lesen und dann %3 zu speichern.</translation>
    </message>
    <message>
        <source>Saved %1. Both accounts were read; nothing was changed on them.</source>
        <translation>%1 gespeichert. Beide Konten wurden gelesen; an ihnen wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Discovery stopped: no file was written. Press Discover to start again.</source>
        <translation>Erfassung abgebrochen: Es wurde keine Datei geschrieben. Mit „Erfassen“ beginnen Sie erneut.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{vendor} refused these credentials. Check the account id and the secret (copy them again from the vendor&apos;s console) and try again.</source>
        <translation>{vendor} hat diese Zugangsdaten abgelehnt. Prüfen Sie Konto-ID und geheimen Schlüssel (kopieren Sie beides erneut aus der Konsole des Anbieters) und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>{vendor} accepted the credentials but does not allow this operation for them. Use the main account&apos;s credentials or ask the account owner for access.</source>
        <translation>{vendor} hat die Zugangsdaten angenommen, erlaubt mit ihnen aber diesen Vorgang nicht. Verwenden Sie die Zugangsdaten des Hauptkontos oder bitten Sie den Kontoinhaber um Zugriff.</translation>
    </message>
    <message>
        <source>{vendor} is limiting how fast this account may make requests. Wait a minute and try again; nothing was lost.</source>
        <translation>{vendor} begrenzt, wie schnell dieses Konto Anfragen stellen darf. Warten Sie eine Minute und versuchen Sie es erneut; es ging nichts verloren.</translation>
    </message>
    <message>
        <source>{vendor} did not answer properly (a server error, a timeout or a dropped connection). Check the network and try again; migrator checks what already happened before it repeats anything.</source>
        <translation>{vendor} hat nicht richtig geantwortet (ein Serverfehler, eine Zeitüberschreitung oder eine abgebrochene Verbindung). Prüfen Sie das Netzwerk und versuchen Sie es erneut; migrator prüft, was bereits geschehen ist, bevor es etwas wiederholt.</translation>
    </message>
    <message>
        <source>{vendor} says this item does not exist (any more): {message}</source>
        <translation>Laut {vendor} gibt es dieses Element nicht (mehr): {message}</translation>
    </message>
    <message>
        <source>{vendor} refused the request: {message}</source>
        <translation>{vendor} hat die Anfrage abgelehnt: {message}</translation>
    </message>
    <message>
        <source>Stopped at your request. Nothing was left half done.</source>
        <translation>Auf Ihren Wunsch angehalten. Nichts ist halb erledigt geblieben.</translation>
    </message>
    <message>
        <source>The migration file could not be read or written ({message}). Check the disk and the file&apos;s permissions, then try again.</source>
        <translation>Die Migrationsdatei ließ sich nicht lesen oder schreiben ({message}). Prüfen Sie den Datenträger und die Zugriffsrechte der Datei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The file could not be read or written: {message}</source>
        <translation>Die Datei konnte nicht gelesen oder geschrieben werden: {message}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Nothing more was changed; the details below help when reporting the problem.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen. Es wurde nichts weiter geändert; die Details unten helfen, wenn Sie das Problem melden.</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Plan report for approval (HTML)</source>
        <translation>Planbericht zur Freigabe (HTML)</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <source>Plan report for approval (PDF)</source>
        <translation>Planbericht zur Freigabe (PDF)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Plan, one sheet per stage (XLSX)</source>
        <translation>Plan, ein Tabellenblatt je Phase (XLSX)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <source>Plan, one row per action (CSV)</source>
        <translation>Plan, eine Zeile je Aktion (CSV)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Complete plan, re-importable (JSON)</source>
        <translation>Vollständiger Plan, wieder importierbar (JSON)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Rollback log (CSV)</source>
        <translation>Rollback-Protokoll (CSV)</translation>
    </message>
    <message>
        <source>Rollback log (JSON)</source>
        <translation>Rollback-Protokoll (JSON)</translation>
    </message>
    <message>
        <source>Translated call-flow documents (folder)</source>
        <translation>Übersetzte Call-Flow-Dokumente (Ordner)</translation>
    </message>
</context>
<context>
    <name>ExportsPanel</name>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Choose where to save it; secrets are never written</source>
        <translation>Speicherort wählen; geheime Schlüssel werden nie geschrieben</translation>
    </message>
    <message>
        <source>Files exported in this session</source>
        <translation>In dieser Sitzung exportierte Dateien</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>Wa&amp;s:</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exporte</translation>
    </message>
    <message>
        <source>Send the plan report to your change-approval board; keep the rollback log for audit. Credentials and passwords in webhook URLs are always redacted.</source>
        <translation>Schicken Sie den Planbericht an Ihr Freigabegremium; bewahren Sie das Rollback-Protokoll für Prüfungen auf. Zugangsdaten und Passwörter in Webhook-URLs werden immer unkenntlich gemacht.</translation>
    </message>
    <message>
        <source>Folder for the call-flow documents</source>
        <translation>Ordner für die Call-Flow-Dokumente</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben …</translation>
    </message>
    <message>
        <source>Nothing exported yet in this session.</source>
        <translation>In dieser Sitzung wurde noch nichts exportiert.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>FilterTable</name>
    <message>
        <source>Filter (all words must match)</source>
        <translation>Filtern (alle Wörter müssen passen)</translation>
    </message>
    <message>
        <source>Type to show only rows containing every word (Ctrl+F). Esc clears.</source>
        <translation>Tippen, um nur Zeilen zu zeigen, die jedes Wort enthalten (Strg+F). Esc leert das Feld.</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 Zeile</numerusform>
            <numerusform>%1 Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 row(s)</source>
        <translation>
            <numerusform>%1 von %2 Zeile</numerusform>
            <numerusform>%1 von %2 Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InventoryPanel</name>
    <message numerus="yes">
        <source>%1 number(s)</source>
        <translation>
            <numerusform>%1 Rufnummer</numerusform>
            <numerusform>%1 Rufnummern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 application(s)</source>
        <translation>
            <numerusform>%1 Anwendung</numerusform>
            <numerusform>%1 Anwendungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 messaging service(s)</source>
        <translation>
            <numerusform>%1 Messaging-Dienst</numerusform>
            <numerusform>%1 Messaging-Dienste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 SIP trunk(s)</source>
        <translation>
            <numerusform>%1 SIP-Trunk</numerusform>
            <numerusform>%1 SIP-Trunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 subaccount(s)</source>
        <translation>
            <numerusform>%1 Unterkonto</numerusform>
            <numerusform>%1 Unterkonten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 webhook setting(s)</source>
        <translation>
            <numerusform>%1 Webhook-Einstellung</numerusform>
            <numerusform>%1 Webhook-Einstellungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 URL(s) run on the departing vendor and must be rebuilt.</source>
        <translation>
            <numerusform>%1 URL läuft beim bisherigen Anbieter und muss nachgebaut werden.</numerusform>
            <numerusform>%1 URLs laufen beim bisherigen Anbieter und müssen nachgebaut werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 URL(s) carry credentials (shown as ***).</source>
        <translation>
            <numerusform>%1 URL enthält Zugangsdaten (als *** angezeigt).</numerusform>
            <numerusform>%1 URLs enthalten Zugangsdaten (als *** angezeigt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 number(s) have no webhook at all.</source>
        <translation>
            <numerusform>%1 Rufnummer hat gar keinen Webhook.</numerusform>
            <numerusform>%1 Rufnummern haben gar keinen Webhook.</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter numbers (Ctrl+F)</source>
        <translation>Rufnummern filtern (Strg+F)</translation>
    </message>
    <message>
        <source>&amp;Numbers</source>
        <translation>&amp;Rufnummern</translation>
    </message>
    <message>
        <source>&amp;Applications</source>
        <translation>Anwendun&amp;gen</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>Every phone number the account owns</source>
        <translation>Jede Rufnummer, die dem Konto gehört</translation>
    </message>
    <message>
        <source>Every URL the vendor calls, and where it is set</source>
        <translation>Jede URL, die der Anbieter aufruft, und wo sie eingestellt ist</translation>
    </message>
    <message>
        <source>No inventory has been read yet.</source>
        <translation>Es wurde noch kein Bestand gelesen.</translation>
    </message>
</context>
<context>
    <name>ItemMappingModel</name>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>folded: carried inside the applications; manual: you do it</source>
        <translation>folded: in den Anwendungen enthalten; manual: erledigen Sie selbst</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Wird zu</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Order of the entries in the journal</source>
        <translation>Reihenfolge der Einträge im Journal</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>intent: about to call the vendor; outcome: what came of it</source>
        <translation>intent: Aufruf beim Anbieter steht bevor; outcome: was dabei herauskam</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>The vendor&apos;s message, when there is one</source>
        <translation>Die Meldung des Anbieters, falls es eine gibt</translation>
    </message>
</context>
<context>
    <name>KeychainNotice</name>
    <message>
        <source>Secret Service: GNOME Keyring or KWallet</source>
        <translation>Secret Service: GNOME-Schlüsselbund oder KWallet</translation>
    </message>
    <message>
        <source>macOS Keychain</source>
        <translation>macOS-Schlüsselbund</translation>
    </message>
    <message>
        <source>Windows Credential Manager</source>
        <translation>Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <source>memory of this process only</source>
        <translation>nur im Speicher dieses Prozesses</translation>
    </message>
    <message>
        <source>Use an unencrypted file instead…</source>
        <translation>Stattdessen eine unverschlüsselte Datei verwenden …</translation>
    </message>
    <message>
        <source>Keep secrets in a file only your user can read, without encryption</source>
        <translation>Geheime Schlüssel unverschlüsselt in einer Datei ablegen, die nur Ihr Benutzer lesen kann</translation>
    </message>
    <message>
        <source>Secrets are kept in an unencrypted file readable only by your user, as you chose: %1</source>
        <translation>Geheime Schlüssel liegen, wie von Ihnen gewählt, in einer unverschlüsselten Datei, die nur Ihr Benutzer lesen kann: %1</translation>
    </message>
    <message>
        <source>Secrets are stored in this computer&apos;s keychain (%1), never in files.</source>
        <translation>Geheime Schlüssel werden im Schlüsselbund dieses Computers (%1) gespeichert, nie in Dateien.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No keychain is available on this computer&lt;/b&gt;, so migrator cannot store the secret safely. Sign in to a desktop session that runs GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager and start migrator again. On a server without a desktop, start migrator under dbus-run-session with gnome-keyring unlocked. As a last resort you can keep secrets in an unencrypted file.</source>
        <translation>&lt;b&gt;Auf diesem Computer ist kein Schlüsselbund verfügbar&lt;/b&gt;, daher kann migrator den geheimen Schlüssel nicht sicher speichern. Melden Sie sich an einer Desktop-Sitzung mit GNOME-Schlüsselbund, KWallet, macOS-Schlüsselbund oder Windows-Anmeldeinformationsverwaltung an und starten Sie migrator erneut. Auf einem Server ohne Desktop starten Sie migrator unter dbus-run-session mit entsperrtem gnome-keyring. Als letzter Ausweg können Sie geheime Schlüssel in einer unverschlüsselten Datei ablegen.</translation>
    </message>
    <message>
        <source>Keep secrets unencrypted?</source>
        <translation>Geheime Schlüssel unverschlüsselt ablegen?</translation>
    </message>
    <message>
        <source>Secrets will be written to a file in migrator&apos;s data folder, readable by your user only but NOT encrypted: anyone who can read your files can use your vendor accounts. Continue?</source>
        <translation>Geheime Schlüssel werden in eine Datei im Datenordner von migrator geschrieben, die nur Ihr Benutzer lesen kann, die aber NICHT verschlüsselt ist: Wer Ihre Dateien lesen kann, kann Ihre Anbieterkonten benutzen. Fortfahren?</translation>
    </message>
</context>
<context>
    <name>LoaDialog</name>
    <message>
        <source>Letter of authorization data</source>
        <translation>Angaben für die Portierungsvollmacht (LOA)</translation>
    </message>
    <message>
        <source>One LOA per losing carrier account</source>
        <translation>Eine LOA je Konto beim abgebenden Anbieter</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Geschäftskunde</translation>
    </message>
    <message>
        <source>Residential</source>
        <translation>Privatkunde</translation>
    </message>
    <message>
        <source>Account holder, exactly as the losing carrier has it</source>
        <translation>Kontoinhaber, genau wie beim abgebenden Anbieter hinterlegt</translation>
    </message>
    <message>
        <source>&amp;Name on the account:</source>
        <translation>&amp;Name des Kontoinhabers:</translation>
    </message>
    <message>
        <source>Customer &amp;type:</source>
        <translation>Kunden&amp;typ:</translation>
    </message>
    <message>
        <source>&amp;Account number:</source>
        <translation>&amp;Kundennummer:</translation>
    </message>
    <message>
        <source>&amp;Billing number:</source>
        <translation>&amp;Abrechnungsnummer:</translation>
    </message>
    <message>
        <source>The account&apos;s main number</source>
        <translation>Die Hauptrufnummer des Kontos</translation>
    </message>
    <message>
        <source>kept in the keychain</source>
        <translation>wird im Schlüsselbund abgelegt</translation>
    </message>
    <message>
        <source>Port-out PIN or passcode</source>
        <translation>Portierungs-PIN oder Kennwort</translation>
    </message>
    <message>
        <source>&amp;PIN or passcode:</source>
        <translation>&amp;PIN oder Kennwort:</translation>
    </message>
    <message>
        <source>&amp;Losing carrier:</source>
        <translation>Abgebender Anbiete&amp;r:</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Anschlussadresse</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>Straße und Hausnummer</translation>
    </message>
    <message>
        <source>Suite, floor (optional)</source>
        <translation>Etage, Zusatz (optional)</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland/Staat</translation>
    </message>
    <message>
        <source>ZIP</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>Who signs</source>
        <translation>Wer unterschreibt</translation>
    </message>
    <message>
        <source>&amp;Representative:</source>
        <translation>&amp;Bevollmächtigte Person:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Documents:</source>
        <translation>&amp;Dokumente:</translation>
    </message>
    <message>
        <source>ids of uploaded documents, comma separated</source>
        <translation>IDs hochgeladener Dokumente, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>e.g. the target vendor&apos;s id of a recent utility bill (RD…)</source>
        <translation>z. B. die ID einer aktuellen Versorgerrechnung beim Zielanbieter (RD…)</translation>
    </message>
    <message>
        <source>&amp;Save and check</source>
        <translation>&amp;Speichern und prüfen</translation>
    </message>
    <message>
        <source>Losing acc&amp;ount:</source>
        <translation>K&amp;onto beim abgebenden Anbieter:</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2 number(s))</source>
        <translation>
            <numerusform>%1 (%2 Rufnummer)</numerusform>
            <numerusform>%1 (%2 Rufnummern)</numerusform>
        </translation>
    </message>
    <message>
        <source>No number of this migration is to be ported.</source>
        <translation>In dieser Migration soll keine Rufnummer portiert werden.</translation>
    </message>
    <message>
        <source>stored in the keychain (type to replace)</source>
        <translation>im Schlüsselbund gespeichert (zum Ersetzen tippen)</translation>
    </message>
    <message>
        <source>Saved. The check found no problem.</source>
        <translation>Gespeichert. Die Prüfung hat kein Problem gefunden.</translation>
    </message>
    <message>
        <source>Saved, but %1 problem(s) would get the port rejected:</source>
        <translation>Gespeichert, aber %1 Problem(e) würden zur Ablehnung der Portierung führen:</translation>
    </message>
    <message>
        <source>Saved, with warnings:</source>
        <translation>Gespeichert, mit Warnungen:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New migration…</source>
        <translation>&amp;Neue Migration …</translation>
    </message>
    <message>
        <source>Start the guided wizard</source>
        <translation>Den geführten Assistenten starten</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open a *.migration file</source>
        <translation>Eine *.migration-Datei öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Close migration</source>
        <translation>Migration &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <source>&amp;Vendor accounts…</source>
        <translation>&amp;Anbieterkonten …</translation>
    </message>
    <message>
        <source>Add, test or remove vendor credentials</source>
        <translation>Zugangsdaten von Anbietern hinzufügen, testen oder entfernen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About migrator</source>
        <translation>&amp;Über migrator</translation>
    </message>
    <message>
        <source>No recent migrations</source>
        <translation>Keine zuletzt geöffneten Migrationen</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open a migration</source>
        <translation>Migration öffnen</translation>
    </message>
    <message>
        <source>Migrations (*.migration)</source>
        <translation>Migrationen (*.migration)</translation>
    </message>
    <message>
        <source>Pause the running stage first.</source>
        <translation>Halten Sie zuerst die laufende Phase an.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>The new language applies when migrator starts again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von migrator.</translation>
    </message>
    <message>
        <source>About migrator</source>
        <translation>Über migrator</translation>
    </message>
    <message>
        <source>&lt;b&gt;migrator %1&lt;/b&gt;&lt;br&gt;Moves a CPaaS account off a departing vendor onto Twilio, Vonage or Plivo, with a reviewable plan and a way back.</source>
        <translation>&lt;b&gt;migrator %1&lt;/b&gt;&lt;br&gt;Zieht ein CPaaS-Konto von einem bisherigen Anbieter zu Twilio, Vonage oder Plivo um, mit einem prüfbaren Plan und einem Weg zurück.</translation>
    </message>
    <message>
        <source>A stage is running</source>
        <translation>Eine Phase läuft</translation>
    </message>
    <message>
        <source>Pause the run and quit? The journal keeps track: the next run resumes where this one stopped.</source>
        <translation>Die Ausführung anhalten und beenden? Das Journal hält alles fest: Die nächste Ausführung macht dort weiter, wo diese aufgehört hat.</translation>
    </message>
</context>
<context>
    <name>MappingPanel</name>
    <message>
        <source>voice</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>MMS</source>
        <translation>MMS</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>Set for &amp;selected numbers</source>
        <translation>Für ausgewählte Nummern &amp;festlegen</translation>
    </message>
    <message>
        <source>Override the strategy of the selected numbers, then assess and plan again</source>
        <translation>Die Strategie der ausgewählten Rufnummern einzeln festlegen, dann neu bewerten und planen</translation>
    </message>
    <message>
        <source>Remove the strategy set for each selected number, so the default and the bulk rules decide it again; then assess and plan again</source>
        <translation>Die einzeln festgelegte Strategie jeder ausgewählten Rufnummer entfernen, sodass wieder Standard und Sammelregeln über sie entscheiden; dann neu bewerten und planen</translation>
    </message>
    <message>
        <source>Clear &amp;override</source>
        <translation>Ein&amp;zelfestlegung aufheben</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>Einzelfestlegung aufheben</translation>
    </message>
    <message>
        <source>Withdraw the acceptance of missing capabilities for each selected number: a replacement lacking voice or SMS is blocked again; then assess and plan again</source>
        <translation>Für jede ausgewählte Rufnummer die Zustimmung zu fehlenden Fähigkeiten zurücknehmen: Ein Ersatz ohne Sprache oder SMS ist wieder blockiert; dann neu bewerten und planen</translation>
    </message>
    <message>
        <source>Require &amp;every capability</source>
        <translation>&amp;Jede Fähigkeit verlangen</translation>
    </message>
    <message>
        <source>Require every capability</source>
        <translation>Jede Fähigkeit verlangen</translation>
    </message>
    <message>
        <source>The strategy for every number; bulk rules and your overrides still win</source>
        <translation>Die Strategie für alle Rufnummern; Sammelregeln und Ihre Einzelfestlegungen gehen weiterhin vor</translation>
    </message>
    <message>
        <source>Assess and &amp;plan</source>
        <translation>Bewerten und &amp;planen</translation>
    </message>
    <message>
        <source>Map, assess and plan again and save them in the migration file</source>
        <translation>Neu zuordnen, bewerten und planen und alles in der Migrationsdatei speichern</translation>
    </message>
    <message>
        <source>Public &amp;key for new applications…</source>
        <translation>Öffentlicher Schlüssel für neue An&amp;wendungen…</translation>
    </message>
    <message>
        <source>Give the PEM public key of the key pair your servers already use: every application the plan creates gets it, so your private key signs for them. Never choose a private key.</source>
        <translation>Den öffentlichen PEM-Schlüssel des Schlüsselpaars angeben, das Ihre Server bereits verwenden: Jede Anwendung, die der Plan anlegt, erhält ihn, sodass Ihr privater Schlüssel für sie signiert. Wählen Sie nie einen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>Clear key</source>
        <translation>Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Let the target make a key pair for each new application instead</source>
        <translation>Stattdessen das Ziel für jede neue Anwendung ein Schlüsselpaar erzeugen lassen</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Rufnummern</translation>
    </message>
    <message>
        <source>Bulk rules</source>
        <translation>Sammelregeln</translation>
    </message>
    <message>
        <source>Services, trunks and other items</source>
        <translation>Dienste, Trunks und weitere Elemente</translation>
    </message>
    <message>
        <source>&amp;Default strategy:</source>
        <translation>Standard&amp;strategie:</translation>
    </message>
    <message>
        <source>Strategy for the selected numbers:</source>
        <translation>Strategie für die ausgewählten Rufnummern:</translation>
    </message>
    <message>
        <source>No mapping yet.</source>
        <translation>Noch keine Zuordnung.</translation>
    </message>
    <message>
        <source>Numbers: %1. Applications on the target: %2.</source>
        <translation>Rufnummern: %1. Anwendungen im Ziel: %2.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Bulk rules decide %1 number(s).</source>
        <translation>Sammelregeln entscheiden über %1 Rufnummer(n).</translation>
    </message>
    <message>
        <source>Strategies set for single numbers: %1.</source>
        <translation>Für einzelne Rufnummern festgelegte Strategien: %1.</translation>
    </message>
    <message>
        <source>Numbers whose replacement may lack a capability, as you accepted: %1.</source>
        <translation>Rufnummern, deren Ersatz mit Ihrer Zustimmung eine Fähigkeit fehlen darf: %1.</translation>
    </message>
    <message>
        <source>%1 item(s) must be re-created by hand.</source>
        <translation>%1 Element(e) müssen von Hand neu angelegt werden.</translation>
    </message>
    <message>
        <source>Public key for new applications: %1</source>
        <translation>Öffentlicher Schlüssel für neue Anwendungen: %1</translation>
    </message>
    <message>
        <source>New applications get a key pair from the target</source>
        <translation>Neue Anwendungen erhalten ein Schlüsselpaar vom Ziel</translation>
    </message>
    <message>
        <source>Public key for new applications</source>
        <translation>Öffentlicher Schlüssel für neue Anwendungen</translation>
    </message>
    <message>
        <source>PEM public keys (*.pem *.pub *.key);;All files (*)</source>
        <translation>Öffentliche PEM-Schlüssel (*.pem *.pub *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Public key not used</source>
        <translation>Öffentlicher Schlüssel nicht übernommen</translation>
    </message>
    <message>
        <source>Replace &amp;without %1</source>
        <translation>&amp;Ohne %1 ersetzen</translation>
    </message>
    <message>
        <source>Replace without %1</source>
        <translation>Ohne %1 ersetzen</translation>
    </message>
    <message>
        <source>Replace &amp;without missing capabilities</source>
        <translation>&amp;Ohne fehlende Fähigkeiten ersetzen</translation>
    </message>
    <message>
        <source>Replace without missing capabilities</source>
        <translation>Ohne fehlende Fähigkeiten ersetzen</translation>
    </message>
    <message>
        <source>The target sells the replacement of each selected number only without a capability it has (voice or SMS), so its replace is blocked. Replace it anyway, without that capability (recorded as your decision); then assess and plan again</source>
        <translation>Das Ziel verkauft den Ersatz jeder ausgewählten Rufnummer nur ohne eine ihrer Fähigkeiten (Sprache oder SMS), daher ist das Ersetzen blockiert. Trotzdem ersetzen, ohne diese Fähigkeit (als Ihre Entscheidung festgehalten); dann neu bewerten und planen</translation>
    </message>
    <message>
        <source>Recommended per number</source>
        <translation>Empfehlung je Rufnummer</translation>
    </message>
</context>
<context>
    <name>MigrationWizard</name>
    <message>
        <source>New migration</source>
        <translation>Neue Migration</translation>
    </message>
    <message>
        <source>&amp;Open in workspace</source>
        <translation>Im Arbeitsbereich ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>NumberMappingModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>port, replace, keep or release</source>
        <translation>Portieren, Ersetzen, Behalten oder Freigeben</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Entschieden durch</translation>
    </message>
    <message>
        <source>default, a bulk rule, your override, or the compatibility table</source>
        <translation>Standard, eine Sammelregel, Ihre Einzelfestlegung oder die Kompatibilitätstabelle</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Answered by on the target</source>
        <translation>Im Ziel bedient von</translation>
    </message>
</context>
<context>
    <name>NumbersModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>The number in international (E.164) format</source>
        <translation>Die Rufnummer im internationalen Format (E.164)</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>ISO country code</source>
        <translation>ISO-Ländercode</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>local, mobile, toll-free or national</source>
        <translation>local (Ortsnetz), mobile (Mobil), tollfree (gebührenfrei) oder national</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>What the number can do on the source</source>
        <translation>Was die Rufnummer im Quellkonto kann</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Bedient von</translation>
    </message>
    <message>
        <source>The application, trunk or messaging service routing it</source>
        <translation>Die Anwendung, der Trunk oder der Messaging-Dienst, der sie bedient</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The friendly name on the source account</source>
        <translation>Der Anzeigename im Quellkonto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>The (sub)account that owns the number</source>
        <translation>Das (Unter-)Konto, dem die Rufnummer gehört</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Departing account</source>
        <translation>Bisheriges Konto</translation>
    </message>
    <message>
        <source>Target account</source>
        <translation>Zielkonto</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Inventory read</source>
        <translation>Bestand gelesen</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Rufnummern</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Where this migration stands</source>
        <translation>Wo diese Migration steht</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>noch nicht gelesen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>no strategy chosen yet</source>
        <translation>noch keine Strategie gewählt</translation>
    </message>
    <message>
        <source>%1, score %2/100 (%3 blockers)</source>
        <translation>%1, Punktzahl %2/100 (%3 Blocker)</translation>
    </message>
    <message>
        <source>not assessed yet</source>
        <translation>noch nicht bewertet</translation>
    </message>
    <message>
        <source>no plan yet</source>
        <translation>noch kein Plan</translation>
    </message>
    <message>
        <source>nothing has run</source>
        <translation>noch nichts ausgeführt</translation>
    </message>
    <message>
        <source>Next: read the inventory (Refresh inventory).</source>
        <translation>Als Nächstes: den Bestand lesen (Bestand aktualisieren).</translation>
    </message>
    <message>
        <source>Next: choose a strategy and build the plan (Mapping).</source>
        <translation>Als Nächstes: eine Strategie wählen und den Plan erstellen (Zuordnung).</translation>
    </message>
    <message>
        <source>The assessment has blockers: resolve them on the Assessment page.</source>
        <translation>Die Bewertung enthält Blocker: Lösen Sie sie auf der Seite „Bewertung“.</translation>
    </message>
    <message>
        <source>Next: the %1 stage (Run).</source>
        <translation>Als Nächstes: die Phase „%1“ (Ausführen).</translation>
    </message>
    <message>
        <source>Every stage is done.</source>
        <translation>Alle Phasen sind erledigt.</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Review the plan</source>
        <translation>Den Plan prüfen</translation>
    </message>
    <message>
        <source>Every vendor call, stage by stage. Export it for your change-approval board before running anything.</source>
        <translation>Jeder Aufruf beim Anbieter, Phase für Phase. Exportieren Sie den Plan für Ihr Freigabegremium, bevor Sie etwas ausführen.</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Was sie tut</translation>
    </message>
    <message>
        <source>Filter actions (Ctrl+F)</source>
        <translation>Aktionen filtern (Strg+F)</translation>
    </message>
    <message>
        <source>+ create   ~ change   &gt; port   = check   - remove (irreversible)   ! by hand</source>
        <translation>+ anlegen   ~ ändern   &gt; portieren   = prüfen   - entfernen (nicht umkehrbar)   ! von Hand</translation>
    </message>
    <message>
        <source>No plan yet: choose a strategy and build the plan.</source>
        <translation>Noch kein Plan: Wählen Sie eine Strategie und erstellen Sie den Plan.</translation>
    </message>
    <message>
        <source>%1 actions from %2 to %3; %4 cannot be undone and wait for your confirmation.</source>
        <translation>%1 Aktionen von %2 nach %3; %4 sind nicht umkehrbar und warten auf Ihre Bestätigung.</translation>
    </message>
</context>
<context>
    <name>PortsModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Normalized across vendors</source>
        <translation>Über alle Anbieter vereinheitlicht</translation>
    </message>
    <message>
        <source>FOC date</source>
        <translation>FOC-Datum</translation>
    </message>
    <message>
        <source>The port date the losing carrier confirmed</source>
        <translation>Der vom abgebenden Anbieter bestätigte Portierungstermin</translation>
    </message>
    <message>
        <source>Days waiting</source>
        <translation>Wartetage</translation>
    </message>
    <message>
        <source>Since the request was sent</source>
        <translation>Seit der Auftrag verschickt wurde</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>migrator&apos;s request id; the vendor&apos;s id or ticket in the tooltip</source>
        <translation>Auftrags-ID von migrator; ID oder Ticket des Anbieters im Tooltip</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Weg</translation>
    </message>
    <message>
        <source>api: tracked through the porting API; ticket: you set the status</source>
        <translation>api: über die Portierungs-API verfolgt; ticket: Sie setzen den Status</translation>
    </message>
    <message>
        <source>Losing carrier</source>
        <translation>Abgebender Anbieter</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>no vendor request or ticket yet</source>
        <translation>noch kein Auftrag oder Ticket beim Anbieter</translation>
    </message>
</context>
<context>
    <name>PortsPage</name>
    <message>
        <source>Track number ports</source>
        <translation>Rufnummernportierungen verfolgen</translation>
    </message>
    <message>
        <source>Ports take days or weeks. Check their status here or in the workspace (File &gt; Open Recent) whenever you come back.</source>
        <translation>Portierungen dauern Tage oder Wochen. Prüfen Sie ihren Stand hier oder im Arbeitsbereich (Datei &gt; Zuletzt geöffnet), wann immer Sie zurückkommen.</translation>
    </message>
    <message>
        <source>Port tracking is not available in this build.</source>
        <translation>Die Verfolgung von Portierungen ist in dieser Ausgabe nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>PortsPanel</name>
    <message>
        <source>Filter ports (Ctrl+F)</source>
        <translation>Portierungen filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Select a number to see its history.</source>
        <translation>Wählen Sie eine Rufnummer, um ihren Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Check portability</source>
        <translation>&amp;Portierbarkeit prüfen</translation>
    </message>
    <message>
        <source>Ask the target which numbers it can port in, and check the LOA data</source>
        <translation>Beim Ziel nachfragen, welche Rufnummern es übernehmen kann, und die LOA-Angaben prüfen</translation>
    </message>
    <message>
        <source>&amp;Submit ports…</source>
        <translation>Portierungen &amp;einreichen …</translation>
    </message>
    <message>
        <source>Create the port requests (API) or prepare the support tickets</source>
        <translation>Die Portierungsaufträge anlegen (API) oder die Support-Tickets vorbereiten</translation>
    </message>
    <message>
        <source>&amp;LOA data…</source>
        <translation>&amp;LOA-Angaben …</translation>
    </message>
    <message>
        <source>What the losing carrier compares: enter it and check it before submitting</source>
        <translation>Was der abgebende Anbieter abgleicht: vor dem Einreichen eingeben und prüfen</translation>
    </message>
    <message>
        <source>&amp;Refresh statuses</source>
        <translation>Status aktualisie&amp;ren</translation>
    </message>
    <message>
        <source>Ask the vendor what changed since last time</source>
        <translation>Beim Anbieter nachfragen, was sich seit dem letzten Mal geändert hat</translation>
    </message>
    <message>
        <source>Set s&amp;tatus…</source>
        <translation>S&amp;tatus setzen …</translation>
    </message>
    <message>
        <source>Record what the vendor&apos;s support said (ticket ports)</source>
        <translation>Festhalten, was der Support des Anbieters gesagt hat (Portierungen per Ticket)</translation>
    </message>
    <message>
        <source>Cancel &amp;port…</source>
        <translation>Portierung abbre&amp;chen …</translation>
    </message>
    <message>
        <source>Cancel the selected number&apos;s port while allowed</source>
        <translation>Die Portierung der ausgewählten Rufnummer abbrechen, solange das möglich ist</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Open a migration to track its ports.</source>
        <translation>Öffnen Sie eine Migration, um ihre Portierungen zu verfolgen.</translation>
    </message>
    <message>
        <source>No port requests yet. Numbers with the &apos;port&apos; strategy are submitted by the acquire stage, or here with Submit ports.</source>
        <translation>Noch keine Portierungsaufträge. Rufnummern mit der Strategie „port“ werden in der Phase „Beschaffen“ eingereicht oder hier mit „Portierungen einreichen“.</translation>
    </message>
    <message>
        <source>%1 numbers in %2 request(s): %3.</source>
        <translation>%1 Rufnummern in %2 Auftrag/Aufträgen: %3.</translation>
    </message>
    <message>
        <source>Last refresh %1.</source>
        <translation>Zuletzt aktualisiert: %1.</translation>
    </message>
    <message>
        <source>port date %1</source>
        <translation>Portierungstermin %1</translation>
    </message>
    <message>
        <source>exception %1: %2 → %3</source>
        <translation>Ablehnung %1: %2 → %3</translation>
    </message>
    <message>
        <source>No changes seen yet.</source>
        <translation>Noch keine Änderungen gesehen.</translation>
    </message>
    <message>
        <source>%1 of %2 numbers can be ported through the API; %3 by ticket.</source>
        <translation>%1 von %2 Rufnummern lassen sich über die API portieren; %3 per Ticket.</translation>
    </message>
    <message>
        <source>Submit ports</source>
        <translation>Portierungen einreichen</translation>
    </message>
    <message>
        <source>Create the port requests for the numbers whose strategy is &apos;port&apos;? Requests through an API are sent to the vendor; the others become support tickets for you to file.</source>
        <translation>Portierungsaufträge für die Rufnummern mit der Strategie „port“ anlegen? Aufträge über eine API gehen an den Anbieter; die übrigen werden zu Support-Tickets, die Sie selbst einreichen.</translation>
    </message>
    <message>
        <source>%1 request(s) made.</source>
        <translation>%1 Auftrag/Aufträge angelegt.</translation>
    </message>
    <message>
        <source>%1 number(s) skipped (see the history).</source>
        <translation>%1 Rufnummer(n) übersprungen (siehe Verlauf).</translation>
    </message>
    <message>
        <source>Press &apos;LOA data…&apos; to enter or fix it.</source>
        <translation>Mit „LOA-Angaben …“ geben Sie sie ein oder korrigieren sie.</translation>
    </message>
    <message>
        <source>Nothing changed since the last refresh.</source>
        <translation>Seit der letzten Aktualisierung hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>Cancel port</source>
        <translation>Portierung abbrechen</translation>
    </message>
    <message>
        <source>Cancel the port of %1? The number stays with the losing carrier.</source>
        <translation>Die Portierung von %1 abbrechen? Die Rufnummer bleibt beim abgebenden Anbieter.</translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>Add &amp;credentials…</source>
        <translation>Zugangsdaten &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Enter a vendor account&apos;s credentials; the secret goes to the keychain</source>
        <translation>Zugangsdaten eines Anbieterkontos eingeben; der geheime Schlüssel kommt in den Schlüsselbund</translation>
    </message>
    <message>
        <source>No accounts yet: add credentials</source>
        <translation>Noch keine Konten: Zugangsdaten hinzufügen</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>Vendor accounts</source>
        <translation>Anbieterkonten</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Forget this account and delete its secret</source>
        <translation>Dieses Konto vergessen und seinen geheimen Schlüssel löschen</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird gefragt …</translation>
    </message>
    <message>
        <source>%1 works: connected to %2.</source>
        <translation>%1 funktioniert: verbunden mit %2.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Forget &apos;%1&apos; and delete its secret from the keychain?</source>
        <translation>„%1“ vergessen und seinen geheimen Schlüssel aus dem Schlüsselbund löschen?</translation>
    </message>
</context>
<context>
    <name>ProfilesModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>The public account id (the secret is in the keychain)</source>
        <translation>Die öffentliche Konto-ID (der geheime Schlüssel liegt im Schlüsselbund)</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Where requests go: the vendor, or a sandbox</source>
        <translation>Wohin Anfragen gehen: zum Anbieter oder zu einer Sandbox</translation>
    </message>
    <message>
        <source>vendor</source>
        <translation>Anbieter</translation>
    </message>
</context>
<context>
    <name>ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop at the next safe point; nothing is left half done</source>
        <translation>Am nächsten sicheren Punkt anhalten; nichts bleibt halb erledigt</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Stopping after the step in progress…</source>
        <translation>Wird nach dem laufenden Schritt angehalten …</translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <source>Roll back</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <source>Undo the %1 completed action(s), latest first: delete the applications and release the numbers migrator created on the target, restore the previous settings, cancel port requests that can still be cancelled. Actions that cannot be undone (released numbers, deleted source applications) are listed afterwards.</source>
        <translation>Die %1 abgeschlossene(n) Aktion(en) rückgängig machen, die jüngste zuerst: die von migrator im Ziel angelegten Anwendungen löschen und Rufnummern freigeben, die vorherigen Einstellungen wiederherstellen, Portierungsaufträge abbrechen, die sich noch abbrechen lassen. Nicht umkehrbare Aktionen (freigegebene Rufnummern, gelöschte Quellanwendungen) werden danach aufgelistet.</translation>
    </message>
</context>
<context>
    <name>RuleListModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Rules apply from top to bottom; a later match wins</source>
        <translation>Regeln gelten von oben nach unten; ein späterer Treffer gewinnt</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Rufnummern</translation>
    </message>
    <message>
        <source>The numbers the rule is for: every condition must hold</source>
        <translation>Die Rufnummern, für die die Regel gilt: Jede Bedingung muss zutreffen</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>What those numbers get</source>
        <translation>Was diese Rufnummern bekommen</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Numbers matching every condition of the rule</source>
        <translation>Rufnummern, auf die jede Bedingung der Regel zutrifft</translation>
    </message>
    <message>
        <source>Decides</source>
        <translation>Entscheidet</translation>
    </message>
    <message>
        <source>Numbers that get their strategy from this rule in the saved plan: later rules and per-number overrides take the rest</source>
        <translation>Rufnummern, deren Strategie im gespeicherten Plan von dieser Regel stammt: Den Rest übernehmen spätere Regeln und Einzelfestlegungen</translation>
    </message>
    <message>
        <source>Later rules and strategies set for single numbers win over it.</source>
        <translation>Spätere Regeln und für einzelne Rufnummern festgelegte Strategien gehen ihr vor.</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Run the migration</source>
        <translation>Die Migration ausführen</translation>
    </message>
    <message>
        <source>Stage by stage, each after your confirmation. Pause at any time; roll back undoes everything reversible. Decommission comes last and asks for the source account&apos;s name.</source>
        <translation>Phase für Phase, jede nach Ihrer Bestätigung. Sie können jederzeit anhalten; Zurückrollen macht alles Umkehrbare rückgängig. Die Stilllegung kommt zuletzt und fragt nach dem Namen des Quellkontos.</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run the %1 stage (asks for confirmation)</source>
        <translation>Die Phase „%1“ ausführen (mit Rückfrage)</translation>
    </message>
    <message>
        <source>Decommission…</source>
        <translation>Stilllegen …</translation>
    </message>
    <message>
        <source>Irreversible: asks you to type the source account&apos;s name</source>
        <translation>Nicht umkehrbar: Sie müssen den Namen des Quellkontos eintippen</translation>
    </message>
    <message>
        <source>Nothing has run yet.</source>
        <translation>Bisher wurde nichts ausgeführt.</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Anhal&amp;ten</translation>
    </message>
    <message>
        <source>Stop after the action in progress; resume later</source>
        <translation>Nach der laufenden Aktion anhalten; später fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the stopped stage where it stopped</source>
        <translation>Die angehaltene Phase dort fortsetzen, wo sie angehalten wurde</translation>
    </message>
    <message>
        <source>Roll &amp;back…</source>
        <translation>Zurück&amp;rollen …</translation>
    </message>
    <message>
        <source>Undo every completed reversible action</source>
        <translation>Jede abgeschlossene umkehrbare Aktion rückgängig machen</translation>
    </message>
    <message>
        <source>Filter the journal (Ctrl+F)</source>
        <translation>Journal filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>did not finish (resume to go on)</source>
        <translation>nicht abgeschlossen (zum Weitermachen fortsetzen)</translation>
    </message>
    <message>
        <source>Last run: %1, %2, %3.</source>
        <translation>Letzte Ausführung: %1, %2, %3.</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht begonnen</translation>
    </message>
    <message>
        <source>partly done</source>
        <translation>teilweise erledigt</translation>
    </message>
    <message>
        <source>failed: see journal</source>
        <translation>fehlgeschlagen: siehe Journal</translation>
    </message>
    <message>
        <source>interrupted: resume</source>
        <translation>unterbrochen: fortsetzen</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgerollt</translation>
    </message>
    <message>
        <source>Decommission not confirmed: nothing was released.</source>
        <translation>Stilllegung nicht bestätigt: Es wurde nichts freigegeben.</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 läuft …</translation>
    </message>
    <message>
        <source>Pausing after the action in progress…</source>
        <translation>Wird nach der laufenden Aktion angehalten …</translation>
    </message>
    <message>
        <source>Paused (%1). Resume continues where it stopped.</source>
        <translation>Angehalten (%1). „Fortsetzen“ macht dort weiter, wo es aufgehört hat.</translation>
    </message>
    <message>
        <source>nothing done yet</source>
        <translation>noch nichts erledigt</translation>
    </message>
    <message>
        <source>Some actions failed.</source>
        <translation>Einige Aktionen sind fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Finished: %1.</source>
        <translation>Fertig: %1.</translation>
    </message>
    <message>
        <source>Some actions wait (see below).</source>
        <translation>Einige Aktionen warten (siehe unten).</translation>
    </message>
    <message>
        <source>Rolled back: %1 action(s) undone.</source>
        <translation>Zurückgerollt: %1 Aktion(en) rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Rolled back %1 action(s); %2 could not be undone (listed below).</source>
        <translation>%1 Aktion(en) zurückgerollt; %2 ließen sich nicht rückgängig machen (unten aufgelistet).</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>reading the inventories</source>
        <translation>Bestände werden gelesen</translation>
    </message>
    <message>
        <source>reading the mapping and the assessment</source>
        <translation>Zuordnung und Bewertung werden gelesen</translation>
    </message>
    <message>
        <source>reading the plan and the journal</source>
        <translation>Plan und Journal werden gelesen</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>Wait for &apos;%1&apos; to finish first.</source>
        <translation>Warten Sie zuerst, bis „%1“ fertig ist.</translation>
    </message>
    <message>
        <source>mapping, assessing and planning</source>
        <translation>Zuordnen, Bewerten und Planen</translation>
    </message>
    <message>
        <source>Nothing was saved: %1 was replaced, moved or deleted since it was opened. Open it again to go on with what is in it now.</source>
        <translation>Nichts wurde gespeichert: %1 wurde seit dem Öffnen ersetzt, verschoben oder gelöscht. Öffnen Sie die Datei erneut, um mit ihrem jetzigen Inhalt weiterzuarbeiten.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1 is read-only. Make it writable again, then save.</source>
        <translation>Nichts wurde gespeichert: %1 ist schreibgeschützt. Heben Sie den Schreibschutz auf und speichern Sie dann.</translation>
    </message>
    <message>
        <source>writing %1</source>
        <translation>%1 wird geschrieben</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Connect the departing account</source>
        <translation>Das bisherige Konto verbinden</translation>
    </message>
    <message>
        <source>Where the numbers and applications are today. migrator only reads this account until you reach the decommission step.</source>
        <translation>Wo die Rufnummern und Anwendungen heute liegen. migrator liest dieses Konto nur, bis Sie beim Schritt „Stilllegen“ ankommen.</translation>
    </message>
    <message>
        <source>A vendor &amp;account (API credentials)</source>
        <translation>Ein Anbieter&amp;konto (API-Zugangsdaten)</translation>
    </message>
    <message>
        <source>An &amp;export file (the vendor has no API left)</source>
        <translation>Eine &amp;Exportdatei (der Anbieter hat keine API mehr)</translation>
    </message>
    <message>
        <source>CSV or JSON: the departing vendor&apos;s export, or a filled-in template</source>
        <translation>CSV oder JSON: der Export des bisherigen Anbieters oder eine ausgefüllte Vorlage</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Du&amp;rchsuchen …</translation>
    </message>
    <message>
        <source>Save a &amp;template…</source>
        <translation>&amp;Vorlage speichern …</translation>
    </message>
    <message>
        <source>A CSV with every column this import reads and two example rows to replace</source>
        <translation>Eine CSV-Datei mit jeder Spalte, die dieser Import liest, und zwei Beispielzeilen zum Ersetzen</translation>
    </message>
    <message>
        <source>Save a CSV template</source>
        <translation>CSV-Vorlage speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The template could not be saved: %1</source>
        <translation>Die Vorlage konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Template saved as %1. Fill in one row per number, then choose the file here.</source>
        <translation>Vorlage gespeichert als %1. Eine Zeile je Rufnummer ausfüllen, dann die Datei hier auswählen.</translation>
    </message>
    <message>
        <source>Secrets stay in this computer&apos;s keychain; the migration file only names the account.</source>
        <translation>Geheime Schlüssel bleiben im Schlüsselbund dieses Computers; die Migrationsdatei nennt nur das Konto.</translation>
    </message>
    <message>
        <source>Inventory export</source>
        <translation>Bestandsexport</translation>
    </message>
    <message>
        <source>Exports (*.csv *.json)</source>
        <translation>Exporte (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>Run stage: %1</source>
        <translation>Phase ausführen: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2.&lt;br&gt;%3 action(s) on %4: %5.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2.&lt;br&gt;%3 Aktion(en) in %4: %5.</translation>
    </message>
    <message>
        <source>Everything this stage does can be rolled back. You can pause at any time; a paused or interrupted run resumes where it stopped.</source>
        <translation>Alles, was diese Phase tut, lässt sich zurückrollen. Sie können jederzeit anhalten; eine angehaltene oder unterbrochene Ausführung macht dort weiter, wo sie aufgehört hat.</translation>
    </message>
    <message>
        <source>These steps are done by hand, outside migrator. Tick the ones you have done; the others wait for a later run.</source>
        <translation>Diese Schritte erledigen Sie von Hand, außerhalb von migrator. Haken Sie die erledigten ab; die übrigen warten auf eine spätere Ausführung.</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>„%1“ ausführen</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>Create the applications on the target</source>
        <translation>Die Anwendungen im Ziel anlegen</translation>
    </message>
    <message>
        <source>Buy replacement numbers and submit port requests</source>
        <translation>Ersatzrufnummern kaufen und Portierungsaufträge einreichen</translation>
    </message>
    <message>
        <source>Point the numbers at the new applications and webhooks</source>
        <translation>Die Rufnummern auf die neuen Anwendungen und Webhooks umstellen</translation>
    </message>
    <message>
        <source>Read everything back and compare</source>
        <translation>Alles zurücklesen und vergleichen</translation>
    </message>
    <message>
        <source>Release source numbers and delete source applications (irreversible)</source>
        <translation>Quellrufnummern freigeben und Quellanwendungen löschen (nicht umkehrbar)</translation>
    </message>
    <message>
        <source>prepare</source>
        <translation>Vorbereiten</translation>
    </message>
    <message>
        <source>acquire</source>
        <translation>Beschaffen</translation>
    </message>
    <message>
        <source>configure</source>
        <translation>Konfigurieren</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>decommission</source>
        <translation>Stilllegen</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>teilweise</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgerollt</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Port status of %1</source>
        <translation>Portierungsstatus von %1</translation>
    </message>
    <message>
        <source>the vendor&apos;s ticket number</source>
        <translation>die Ticketnummer des Anbieters</translation>
    </message>
    <message>
        <source>The rejection code the vendor gave (exception only)</source>
        <translation>Der Ablehnungscode des Anbieters (nur bei „exception“)</translation>
    </message>
    <message>
        <source>kept in the history</source>
        <translation>wird im Verlauf festgehalten</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;FOC date:</source>
        <translation>&amp;FOC-Datum:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation>&amp;Ticket:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Say why the port was rejected (the vendor&apos;s reason code)</source>
        <translation>Geben Sie an, warum die Portierung abgelehnt wurde (Ablehnungscode des Anbieters)</translation>
    </message>
</context>
<context>
    <name>Strategies</name>
    <message>
        <source>Move the same number to the target (takes days to weeks; the number keeps working on the source meanwhile).</source>
        <translation>Dieselbe Rufnummer ins Ziel mitnehmen (dauert Tage bis Wochen; die Rufnummer funktioniert solange weiter im Quellkonto).</translation>
    </message>
    <message>
        <source>Buy a new number of the same country, area, type and capabilities on the target, then release the old one.</source>
        <translation>Im Ziel eine neue Rufnummer mit demselben Land, Vorwahlbereich, Typ und denselben Fähigkeiten kaufen, dann die alte freigeben.</translation>
    </message>
    <message>
        <source>Leave the number on the source account.</source>
        <translation>Die Rufnummer im Quellkonto lassen.</translation>
    </message>
    <message>
        <source>Give the number back to the source vendor, with no replacement.</source>
        <translation>Die Rufnummer ohne Ersatz an den Quellanbieter zurückgeben.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Portieren</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>%1 port</source>
        <translation>%1 × Portieren</translation>
    </message>
    <message>
        <source>%1 replace</source>
        <translation>%1 × Ersetzen</translation>
    </message>
    <message>
        <source>%1 keep</source>
        <translation>%1 × Behalten</translation>
    </message>
    <message>
        <source>%1 release</source>
        <translation>%1 × Freigeben</translation>
    </message>
</context>
<context>
    <name>StrategyPage</name>
    <message>
        <source>Choose a strategy for the numbers</source>
        <translation>Eine Strategie für die Rufnummern wählen</translation>
    </message>
    <message>
        <source>Port keeps each number (days to weeks); replace buys a similar new number at once. Override single numbers below. &apos;Assess and plan&apos; saves your choices in the migration file.</source>
        <translation>Portieren behält jede Rufnummer (Tage bis Wochen); Ersetzen kauft sofort eine ähnliche neue Rufnummer. Einzelne Rufnummern legen Sie unten fest. „Bewerten und planen“ speichert Ihre Wahl in der Migrationsdatei.</translation>
    </message>
    <message>
        <source>Choose the default strategy, then press &apos;Assess and plan&apos;.</source>
        <translation>Wählen Sie die Standardstrategie und klicken Sie dann auf „Bewerten und planen“.</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>works as is</source>
        <translation>unverändert nutzbar</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <source>blocker</source>
        <translation>Blocker</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>override</source>
        <translation>einzeln festgelegt</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>its own URLs:</source>
        <translation>eigene URLs:</translation>
    </message>
    <message>
        <source>stays on the source</source>
        <translation>bleibt im Quellkonto</translation>
    </message>
    <message>
        <source>released</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>trunk %1</source>
        <translation>Trunk %1</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>Dienst %1</translation>
    </message>
    <message>
        <source>own URLs</source>
        <translation>eigene URLs</translation>
    </message>
    <message>
        <source>your server</source>
        <translation>Ihr Server</translation>
    </message>
    <message>
        <source>TwiML Bin (vendor-hosted)</source>
        <translation>TwiML Bin (beim Anbieter gehostet)</translation>
    </message>
    <message>
        <source>Studio flow (vendor-hosted)</source>
        <translation>Studio-Flow (beim Anbieter gehostet)</translation>
    </message>
    <message>
        <source>Function (vendor-hosted)</source>
        <translation>Function (beim Anbieter gehostet)</translation>
    </message>
    <message>
        <source>PHLO (vendor-hosted)</source>
        <translation>PHLO (beim Anbieter gehostet)</translation>
    </message>
    <message>
        <source>SIP / phone forward</source>
        <translation>SIP / Rufumleitung</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no (%1)</source>
        <translation>nein (%1)</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>überschrieben</translation>
    </message>
    <message>
        <source>nothing to undo</source>
        <translation>nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>irreversible</source>
        <translation>nicht umkehrbar</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Choose the target account and where to save</source>
        <translation>Zielkonto und Speicherort wählen</translation>
    </message>
    <message>
        <source>The Twilio, Vonage or Plivo account that takes over. The migration is one file you can reopen later from File &gt; Open Recent.</source>
        <translation>Das Konto bei Twilio, Vonage oder Plivo, das übernimmt. Die Migration ist eine einzige Datei, die Sie später über Datei &gt; Zuletzt geöffnet wieder öffnen können.</translation>
    </message>
    <message>
        <source>The *.migration file to create</source>
        <translation>Die anzulegende *.migration-Datei</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Du&amp;rchsuchen …</translation>
    </message>
    <message>
        <source>&amp;Target account:</source>
        <translation>Ziel&amp;konto:</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>Speichern &amp;unter:</translation>
    </message>
    <message>
        <source>Save the migration as</source>
        <translation>Migration speichern unter</translation>
    </message>
    <message>
        <source>Migrations (*.migration)</source>
        <translation>Migrationen (*.migration)</translation>
    </message>
    <message>
        <source>%1 already exists: choose another name, or open it with File &gt; Open.</source>
        <translation>%1 gibt es schon: Wählen Sie einen anderen Namen oder öffnen Sie die Datei mit Datei &gt; Öffnen.</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>local</source>
        <translation>Ortsnetz</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>tollfree</source>
        <translation>gebührenfrei</translation>
    </message>
    <message>
        <source>national</source>
        <translation>national</translation>
    </message>
    <message>
        <source>other</source>
        <translation>sonstige</translation>
    </message>
    <message>
        <source>voice</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>sms</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>mms</source>
        <translation>MMS</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>voice answer</source>
        <translation>Anrufannahme</translation>
    </message>
    <message>
        <source>voice fallback</source>
        <translation>Anruf-Ausweich-URL</translation>
    </message>
    <message>
        <source>call status</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <source>sms inbound</source>
        <translation>SMS eingehend</translation>
    </message>
    <message>
        <source>sms fallback</source>
        <translation>SMS-Ausweich-URL</translation>
    </message>
    <message>
        <source>message status</source>
        <translation>Nachrichtenstatus</translation>
    </message>
    <message>
        <source>disaster recovery</source>
        <translation>Notfall-Ausweich</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Rufnummer</translation>
    </message>
    <message>
        <source>application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>messaging service</source>
        <translation>Messaging-Dienst</translation>
    </message>
    <message>
        <source>trunk</source>
        <translation>Trunk</translation>
    </message>
    <message>
        <source>sip domain</source>
        <translation>SIP-Domain</translation>
    </message>
    <message>
        <source>account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>prepare</source>
        <translation>vorbereiten</translation>
    </message>
    <message>
        <source>acquire</source>
        <translation>beschaffen</translation>
    </message>
    <message>
        <source>configure</source>
        <translation>konfigurieren</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>prüfen</translation>
    </message>
    <message>
        <source>decommission</source>
        <translation>stilllegen</translation>
    </message>
    <message>
        <source>create application</source>
        <translation>Anwendung anlegen</translation>
    </message>
    <message>
        <source>update application</source>
        <translation>Anwendung ändern</translation>
    </message>
    <message>
        <source>buy number</source>
        <translation>Rufnummer kaufen</translation>
    </message>
    <message>
        <source>submit port</source>
        <translation>Portierung beantragen</translation>
    </message>
    <message>
        <source>configure number</source>
        <translation>Rufnummer konfigurieren</translation>
    </message>
    <message>
        <source>verify number</source>
        <translation>Rufnummer prüfen</translation>
    </message>
    <message>
        <source>verify application</source>
        <translation>Anwendung prüfen</translation>
    </message>
    <message>
        <source>release number</source>
        <translation>Rufnummer freigeben</translation>
    </message>
    <message>
        <source>delete application</source>
        <translation>Anwendung löschen</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>undoing</source>
        <translation>wird rückgängig gemacht</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>rückgängig gemacht</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>awaiting-documents</source>
        <translation>wartet auf Unterlagen</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>eingereicht</translation>
    </message>
    <message>
        <source>foc-confirmed</source>
        <translation>FOC bestätigt</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>cancelling</source>
        <translation>wird storniert</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>api</source>
        <translation>API</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation>Ticket</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Read everything back from the target and compare it with the plan. Finish opens the migration in the workspace, where you can come back to it.</source>
        <translation>Alles aus dem Ziel zurücklesen und mit dem Plan vergleichen. „Im Arbeitsbereich öffnen“ zeigt die Migration im Arbeitsbereich, wo Sie später zu ihr zurückkehren können.</translation>
    </message>
    <message>
        <source>&amp;Verify what is still pending</source>
        <translation>Noch Ausstehendes &amp;prüfen</translation>
    </message>
</context>
<context>
    <name>WebhooksModel</name>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>What the URL is set on</source>
        <translation>Wo die URL eingestellt ist</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <source>When the vendor calls it</source>
        <translation>Wann der Anbieter sie aufruft</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Where the vendor sends the request (secrets hidden)</source>
        <translation>Wohin der Anbieter die Anfrage schickt (Geheimes ausgeblendet)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Betrieben von</translation>
    </message>
    <message>
        <source>Who runs the code behind the URL</source>
        <translation>Wer den Code hinter der URL betreibt</translation>
    </message>
    <message>
        <source>In effect</source>
        <translation>Wirksam</translation>
    </message>
    <message>
        <source>No when a higher-precedence setting wins</source>
        <translation>Nein, wenn eine vorrangige Einstellung gilt</translation>
    </message>
    <message>
        <source>This logic runs on the departing vendor and stops working when the account closes: rebuild it before decommissioning.</source>
        <translation>Diese Logik läuft beim bisherigen Anbieter und funktioniert nicht mehr, sobald das Konto geschlossen wird: Bauen Sie sie vor der Stilllegung nach.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Connect the departing account (credentials in the keychain) or import its export file.</source>
        <translation>Das bisherige Konto verbinden (Zugangsdaten im Schlüsselbund) oder seine Exportdatei importieren.</translation>
    </message>
    <message>
        <source>Discover numbers, applications, messaging services, SIP trunks and every webhook URL.</source>
        <translation>Rufnummern, Anwendungen, Messaging-Dienste, SIP-Trunks und jede Webhook-URL erfassen.</translation>
    </message>
    <message>
        <source>Choose the target account and a strategy per number: port, replace, keep or release.</source>
        <translation>Das Zielkonto und je Rufnummer eine Strategie wählen: portieren, ersetzen, behalten oder freigeben.</translation>
    </message>
    <message>
        <source>Read the assessment: blockers, warnings and a checklist of what will not carry over.</source>
        <translation>Die Bewertung lesen: Blocker, Warnungen und eine Checkliste dessen, was nicht mitkommt.</translation>
    </message>
    <message>
        <source>Review the staged plan and export it for change approval.</source>
        <translation>Den Plan mit seinen Phasen prüfen und zur Freigabe exportieren.</translation>
    </message>
    <message>
        <source>Run it stage by stage; pause, resume or roll back at any time.</source>
        <translation>Den Plan Phase für Phase ausführen; jederzeit anhalten, fortsetzen oder zurückrollen.</translation>
    </message>
    <message>
        <source>Track ports until the last number has moved, verify, then decommission behind a gate.</source>
        <translation>Portierungen verfolgen, bis die letzte Rufnummer umgezogen ist, prüfen und dann nach ausdrücklicher Bestätigung stilllegen.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Move a CPaaS account to Twilio, Vonage or Plivo, safely</source>
        <translation>Ein CPaaS-Konto sicher zu Twilio, Vonage oder Plivo umziehen</translation>
    </message>
    <message>
        <source>&amp;New migration…</source>
        <translation>&amp;Neue Migration …</translation>
    </message>
    <message>
        <source>Start the guided wizard (Ctrl+N)</source>
        <translation>Den geführten Assistenten starten (Strg+N)</translation>
    </message>
    <message>
        <source>&amp;Open migration…</source>
        <translation>Migration ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open a *.migration file (Ctrl+O)</source>
        <translation>Eine *.migration-Datei öffnen (Strg+O)</translation>
    </message>
    <message>
        <source>Vendor &amp;accounts…</source>
        <translation>Anbieterkon&amp;ten …</translation>
    </message>
    <message>
        <source>Add, test or remove vendor credentials</source>
        <translation>Zugangsdaten von Anbietern hinzufügen, testen oder entfernen</translation>
    </message>
    <message>
        <source>Recent migrations</source>
        <translation>Zuletzt geöffnete Migrationen</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open</source>
        <translation>Zum Öffnen Eingabetaste drücken oder doppelklicken</translation>
    </message>
    <message>
        <source>New here? Run &apos;migrator demo&apos; to rehearse a whole migration on the built-in sandbox, without any credentials.</source>
        <translation>Neu hier? Mit „migrator demo“ proben Sie eine ganze Migration in der eingebauten Sandbox, ganz ohne Zugangsdaten.</translation>
    </message>
    <message>
        <source>%1 (no longer there)</source>
        <translation>%1 (nicht mehr vorhanden)</translation>
    </message>
    <message>
        <source>No migrations opened yet.</source>
        <translation>Noch keine Migrationen geöffnet.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Where the migration stands and what comes next</source>
        <translation>Wo die Migration steht und was als Nächstes kommt</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Numbers, applications and webhooks of the departing account</source>
        <translation>Rufnummern, Anwendungen und Webhooks des bisherigen Kontos</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>What each item becomes on the target; strategies per number</source>
        <translation>Was aus jedem Element im Ziel wird; Strategien je Rufnummer</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Verdicts, blockers to resolve and the checklist</source>
        <translation>Urteile, zu lösende Blocker und die Checkliste</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Every action, stage by stage</source>
        <translation>Jede Aktion, Phase für Phase</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run stages, pause, resume, roll back; the live journal</source>
        <translation>Phasen ausführen, anhalten, fortsetzen, zurückrollen; das laufende Journal</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Portierungen</translation>
    </message>
    <message>
        <source>Port requests: status, FOC date, days waiting, history</source>
        <translation>Portierungsaufträge: Status, FOC-Datum, Wartetage, Verlauf</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exporte</translation>
    </message>
    <message>
        <source>Plan reports, the rollback log, call-flow documents</source>
        <translation>Planberichte, das Rollback-Protokoll, Call-Flow-Dokumente</translation>
    </message>
    <message>
        <source>Refresh &amp;inventory</source>
        <translation>&amp;Bestand aktualisieren</translation>
    </message>
    <message>
        <source>Read both accounts again (nothing is changed on them) and save the result</source>
        <translation>Beide Konten erneut lesen (an ihnen wird nichts geändert) und das Ergebnis speichern</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Port tracking is not available in this build.</source>
        <translation>Die Verfolgung von Portierungen ist in dieser Ausgabe nicht enthalten.</translation>
    </message>
    <message>
        <source>%1 stopped: nothing was saved.</source>
        <translation>%1 abgebrochen: Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation>Erfassung</translation>
    </message>
    <message>
        <source>Nothing was changed: the migration file keeps the inventories it had.</source>
        <translation>Nichts wurde geändert: Die Migrationsdatei behält die Bestände, die sie hatte.</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
</context>
</TS>
