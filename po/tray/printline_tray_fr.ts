<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>printline::tray::ChooserDialog</name>
    <message>
        <source>Choose a printer</source>
        <translation>Choisissez une imprimante</translation>
    </message>
    <message>
        <source>%1
Choose another printer.</source>
        <translation>%1
Choisissez une autre imprimante.</translation>
    </message>
    <message>
        <source>The printer refused the job.</source>
        <translation>L'imprimante a refusé le travail.</translation>
    </message>
    <message>
        <source>The print server cannot be reached. Choose a printer for "%1", or close this window to keep the job until the server is back.</source>
        <translation>Le serveur d'impression est injoignable. Choisissez une imprimante de secours pour « %1 », ou fermez cette fenêtre pour garder le travail jusqu'au retour du serveur.</translation>
    </message>
    <message>
        <source>Search by name or location</source>
        <translation>Rechercher par nom ou emplacement</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>&amp;Couleur</translation>
    </message>
    <message>
        <source>&amp;Black &amp;&amp; white</source>
        <translation>&amp;Noir et blanc</translation>
    </message>
    <message>
        <source>&amp;Large format</source>
        <translation>&amp;Grand format</translation>
    </message>
    <message>
        <source>&amp;Print here</source>
        <translation>&amp;Imprimer ici</translation>
    </message>
</context>
<context>
    <name>printline::tray::CreditDialog</name>
    <message>
        <source>Not enough credit or quota</source>
        <translation>Crédit ou quota insuffisant</translation>
    </message>
    <message>
        <source>"%1" is held: it may only print with enough credit or quota, and the print server cannot be asked now.</source>
        <translation>« %1 » est retenu : il ne peut être imprimé qu'avec un crédit ou un quota suffisant, et le serveur d'impression ne peut pas être interrogé maintenant.</translation>
    </message>
    <message>
        <source>The job costs %1.</source>
        <translation>Le travail coûte %1.</translation>
    </message>
    <message>
        <source>Your credit left: %1.</source>
        <translation>Votre crédit restant : %1.</translation>
    </message>
    <message>
        <source>Quota: %1.</source>
        <translation>Quota : %1.</translation>
    </message>
    <message>
        <source>The job stays in the queue and prints once the server confirms your credit; top up your account or cancel the job.</source>
        <translation>Le travail reste dans la file d'attente et sera imprimé dès que le serveur aura confirmé votre crédit ; rechargez votre compte ou annulez le travail.</translation>
    </message>
    <message>
        <source>&amp;Keep waiting</source>
        <translation>&amp;Continuer d'attendre</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>&amp;Annuler le travail</translation>
    </message>
</context>
<context>
    <name>printline::tray::FallbackDisabledDialog</name>
    <message>
        <source>The print server is offline</source>
        <translation>Le serveur d'impression est hors ligne</translation>
    </message>
    <message>
        <source>"%1" was not printed: the print server cannot be reached and printing on another printer is turned off for your account.</source>
        <translation>« %1 » n'a pas été imprimé : le serveur d'impression est injoignable et l'impression de secours est désactivée pour votre compte.</translation>
    </message>
    <message>
        <source>

Retry keeps the job and prints it as soon as the server is back. Cancel deletes it.</source>
        <translation>

Réessayer garde le travail et l'imprime dès le retour du serveur. Annuler le supprime.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>&amp;Annuler le travail</translation>
    </message>
</context>
<context>
    <name>printline::tray::JobsWindow</name>
    <message>
        <source>My print jobs</source>
        <translation>Mes travaux d'impression</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>C&amp;hoose a printer…</source>
        <translation>C&amp;hoisir une imprimante…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>&amp;Annuler le travail</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actua&amp;liser</translation>
    </message>
    <message>
        <source>You have no print jobs on this computer.</source>
        <translation>Vous n'avez aucun travail d'impression sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Select a job to see why it is in its state and what you can do.</source>
        <translation>Sélectionnez un travail pour voir pourquoi il est dans cet état et ce que vous pouvez faire.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cancel the print job?</source>
        <translation>Annuler le travail d'impression ?</translation>
    </message>
    <message>
        <source>Cancel "%1"? The job is deleted and is not printed.</source>
        <translation>Annuler « %1 » ? Le travail est supprimé et n'est pas imprimé.</translation>
    </message>
    <message>
        <source>Cancel the job</source>
        <translation>Annuler le travail</translation>
    </message>
    <message>
        <source>Keep the job</source>
        <translation>Garder le travail</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Black &amp; white</source>
        <translation>Noir et blanc</translation>
    </message>
    <message>
        <source>Large format</source>
        <translation>Grand format</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>joignable</translation>
    </message>
    <message>
        <source>not reachable now</source>
        <translation>injoignable pour le moment</translation>
    </message>
    <message>
        <source>not reachable: %1</source>
        <translation>injoignable : %1</translation>
    </message>
    <message>
        <source>  (your last choice)</source>
        <translation>  (votre dernier choix)</translation>
    </message>
    <message>
        <source>  (used before)</source>
        <translation>  (déjà utilisée)</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Sending to the server</source>
        <translation>Envoi au serveur</translation>
    </message>
    <message>
        <source>At the print server</source>
        <translation>Au serveur d'impression</translation>
    </message>
    <message>
        <source>Waiting for your choice</source>
        <translation>En attente de votre choix</translation>
    </message>
    <message>
        <source>Printing on a fallback printer</source>
        <translation>Impression sur une imprimante de secours</translation>
    </message>
    <message>
        <source>Printed, not yet accounted</source>
        <translation>Imprimé, pas encore comptabilisé</translation>
    </message>
    <message>
        <source>Printed and accounted</source>
        <translation>Imprimé et comptabilisé</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>En attente du serveur</translation>
    </message>
    <message>
        <source>Held: not enough credit</source>
        <translation>Retenu : crédit insuffisant</translation>
    </message>
    <message>
        <source>Refused by the printer</source>
        <translation>Refusé par l'imprimante</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Print server</source>
        <translation>Serveur d'impression</translation>
    </message>
    <message>
        <source>Fallback printer</source>
        <translation>Imprimante de secours</translation>
    </message>
    <message>
        <source>Printline: the desktop client is not running.</source>
        <translation>Printline : le Desktop Client ne fonctionne pas.</translation>
    </message>
    <message>
        <source>Printline: the print server is online.</source>
        <translation>Printline : le serveur d'impression est en ligne.</translation>
    </message>
    <message>
        <source>Printline: the print server is offline; jobs wait or go to a fallback printer.</source>
        <translation>Printline : le serveur d'impression est hors ligne ; les travaux attendent ou partent vers une imprimante de secours.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) wait for you to choose a printer.</source>
        <translation><numerusform>%n travail attend que vous choisissiez une imprimante.</numerusform><numerusform>%n travaux attendent que vous choisissiez une imprimante.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) wait for the server.</source>
        <translation><numerusform>%n travail attend le serveur.</numerusform><numerusform>%n travaux attendent le serveur.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) printed offline, to be accounted when the server is back.</source>
        <translation><numerusform>%n travail imprimé hors ligne, à comptabiliser au retour du serveur.</numerusform><numerusform>%n travaux imprimés hors ligne, à comptabiliser au retour du serveur.</numerusform></translation>
    </message>
    <message>
        <source>Printline's tray icon, notifications and dialogs.</source>
        <translation>L'icône de notification, les notifications et les dialogues de Printline.</translation>
    </message>
    <message>
        <source>The client's control socket (default $XDG_RUNTIME_DIR/printline/control.sock).</source>
        <translation>Le socket de contrôle du client (par défaut $XDG_RUNTIME_DIR/printline/control.sock).</translation>
    </message>
    <message>
        <source>The web interface (default: the server the client uses).</source>
        <translation>L'interface web (par défaut : le serveur qu'utilise le client).</translation>
    </message>
</context>
<context>
    <name>printline::tray::TrayApp</name>
    <message>
        <source>Status: starting</source>
        <translation>État : démarrage</translation>
    </message>
    <message>
        <source>My jobs</source>
        <translation>Mes travaux</translation>
    </message>
    <message>
        <source>Open the web interface</source>
        <translation>Ouvrir l'interface web</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Printline is not running</source>
        <translation>Printline ne fonctionne pas</translation>
    </message>
    <message>
        <source>
Printing waits until the desktop client is started.</source>
        <translation>
L'impression attend que le Desktop Client soit démarré.</translation>
    </message>
    <message>
        <source>Printline</source>
        <translation>Printline</translation>
    </message>
    <message>
        <source>No fallback printer</source>
        <translation>Aucune imprimante de secours</translation>
    </message>
    <message>
        <source>Your profile names no fallback printer; the job waits for the print server. Ask your administrator, or cancel the job.</source>
        <translation>Votre profil de configuration ne désigne aucune imprimante de secours ; le travail attend le serveur d'impression. Demandez à votre administrateur, ou annulez le travail.</translation>
    </message>
    <message>
        <source>No web interface known</source>
        <translation>Aucune interface web connue</translation>
    </message>
    <message>
        <source>The client has not reached a server yet; start printline-tray with --web-url to open it.</source>
        <translation>Le client n'a encore joint aucun serveur ; démarrez printline-tray avec --web-url pour l'ouvrir.</translation>
    </message>
    <message>
        <source>Printline could not retry the job</source>
        <translation>Printline n'a pas pu relancer le travail</translation>
    </message>
    <message>
        <source>Printline could not print the job on that printer</source>
        <translation>Printline n'a pas pu imprimer le travail sur cette imprimante</translation>
    </message>
    <message>
        <source>Printline could not cancel the job</source>
        <translation>Printline n'a pas pu annuler le travail</translation>
    </message>
    <message>
        <source>Printline could not choose a printer for the job</source>
        <translation>Printline n'a pas pu choisir d'imprimante pour le travail</translation>
    </message>
</context>
</TS>