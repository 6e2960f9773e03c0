# Les textes de la fenêtre en français (Fluent). Mêmes clés que en.ftl (un test le vérifie).
# Termes de l'ONU : voir docs/glossaire-fr.md. Pluriels : { $n -> [one] … *[other] … }
# (en français, 0 et 1 prennent le singulier).

app-title = POC Transition Workbench
menu-file = Fichier
menu-open = Ouvrir…
menu-recent = Fichiers récents
menu-no_recent = Aucun fichier récent
menu-open_sample = Ouvrir l'exemple du Darfour
menu-close_all = Fermer tous les jeux de données
menu-quit = Quitter
menu-export = Exporter l'annexe…
export-title = Exporter l'annexe sur les menaces résiduelles
export-format = Format
export-language = Langue
export-level = Niveau de diffusion
export-k_help = Au-dessus du niveau interne, les nombres de 1 à k−1 sont affichés <k (k vaut au moins 3), et d'autres nombres x tant qu'un nombre <k pourrait être déduit du reste de l'annexe (MÉTHODOLOGIE §6).
export-country = Pays
export-all_countries = Tous les pays
export-country_help = Les données couvrent plusieurs pays : l'annexe compte les régions d'un seul (par défaut le pays de l'évaluation). Au-dessus du niveau interne, l'audit de confidentialité porte sur 600 cellules région × type d'auteur au plus : un fichier mondial se partage un pays à la fois.
export-left_out_help = Omis à ce niveau de diffusion (la section méthodologique de l'annexe le signale). Une évaluation peut choisir son propre contenu par niveau.
register-cleared = Autorisé pour
register-cleared_help = Le texte libre reste dans les exports internes sauf si vous l'autorisez pour un niveau plus large ; un texte autorisé est tout de même refusé s'il nomme un acteur cité dans des cas de violences sexuelles ou d'enlèvements (MÉTHODOLOGIE §6).
register-internal_only = interne uniquement
export-sections = Sections
export-recipients = Destinataires
export-recipients_hint = par exemple équipe de pays des Nations Unies au Soudan, HCDH (enregistré avec l'export)
export-path = Écrire dans
export-choose = Choisir…
export-write = Exporter
export-no_path = Saisissez ou choisissez l'emplacement de l'annexe.
export-no_data = Rien à exporter : ouvrez d'abord un jeu de données ou une évaluation.
export-small_help = Un nombre entre 1 et k−1, masqué à ce niveau de diffusion.
export-hidden_help = Masqué pour qu'un petit nombre ne puisse pas être déduit des totaux de ligne ou de colonne.
menu-edit = Édition
menu-undo = Annuler
menu-redo = Rétablir
menu-nothing_to_undo = Rien à annuler (les jeux de données sont en lecture seule ; toute modification de l'évaluation peut être annulée)
menu-nothing_to_redo = Rien à rétablir
menu-copy_report = Copier les rapports d'importation
menu-reset_filters = Réinitialiser les filtres
menu-view = Affichage
menu-workshop = Échelle atelier (F11)
menu-language = Langue
menu-dark = Thème sombre
menu-help = Aide
menu-about = À propos et méthodologie
view-matrix = Matrice des menaces
view-incidents = Incidents
view-charts = Graphiques
view-map = Carte
view-report = Rapport d'importation
filters-title = Filtres
filters-dates = Période
filters-from = Du
filters-to = Au
filters-all_dates = Toutes les dates
filters-last6 = 6 derniers mois
filters-last12 = 12 derniers mois
filters-since = Depuis « Du »
filters-date_hint = AAAA-MM-JJ, vide pour ouvert
filters-bad_date = date non valide (AAAA-MM-JJ)
filters-perpetrators = Types d'auteurs
filters-regions = Régions
filters-search = Rechercher une région (Ctrl+F)
filters-all = Toutes
filters-none = Aucune
filters-event_types = Catégories d'événements
filters-precision = Précision
filters-time_precision = Datés au moins au
filters-geo_precision = Localisés au moins au
filters-any = toute
filters-level = Niveau de région
filters-admin1 = Admin 1
filters-admin2 = Admin 2
matrix-metric = Afficher
matrix-events = Événements portant atteinte aux civils
matrix-fatalities = Civils tués
matrix-share = Part imputable à l'État
matrix-region = Région
matrix-total = Total
matrix-trend = Tendance
matrix-empty = Aucun événement portant atteinte aux civils ne correspond aux filtres.
matrix-legend = Plus foncé = plus. Flèches : ↑ en hausse, ↓ en baisse, → stable, ★ nouveau (6 derniers mois contre les 6 précédents), ∅ pas de données (une période que les données ne couvrent pas).
matrix-total_events = Total des événements portant atteinte aux civils
matrix-total_fatalities = Total des civils tués
matrix-click_hint = Cliquez sur une cellule pour lister ses incidents.
incidents-showing = Affichage
incidents-all = Afficher tous les incidents filtrés
incidents-date = Date
incidents-type = Type d'auteur
incidents-actor = Acteur
incidents-region = Région
incidents-event = Type d'événement
incidents-fatalities = Civils tués
incidents-source = Source
incidents-detail = Détail de l'incident
incidents-select = Sélectionnez un incident pour voir tous les champs de sa fiche source.
incidents-source_fields = Fiche source
charts-monthly = Événements portant atteinte aux civils par mois, par type d'auteur
charts-fatalities = Civils tués par mois
charts-regions = Régions comptant le plus d'événements portant atteinte aux civils
charts-reset = Réinitialiser la vue
map-no_boundaries = Aucune limite administrative fournie ne couvre ces pays ; les incidents sont dessinés sur un fond vide.
map-hint = Glisser pour déplacer, molette pour zoomer, cliquer sur une région pour filtrer. Points : incidents, colorés par type d'auteur, de taille selon le nombre de civils tués.
map-bases_as = Bases selon
map-at = au
map-as_of = la date de référence ({ $date })
map-reset = Réinitialiser la carte
report-counts = { $rows } { $rows ->
    [one] ligne lue
   *[other] lignes lues
} · { $kept } { $kept ->
    [one] incident retenu
   *[other] incidents retenus
} · { $rejected } { $rejected ->
    [one] ligne rejetée
   *[other] lignes rejetées
}
report-copy = Copier le rapport
report-remove = Fermer le jeu de données
report-issues = Avertissements et rejets
report-repeats = événements répètent ceux d'un autre fichier et sont comptés une fois, à partir du fichier dont les données vont jusqu'à la date la plus récente
report-repeats_differ = d'entre eux diffèrent de la copie comptée (date, civils tués, type d'auteur ou admin 1) : la copie de l'autre fichier est comptée
load-loading = Chargement de { $file }
load-opening = Ouverture de { $file } et de ses jeux de données…
load-cancel = Annuler
load-cancelled = Le chargement a été annulé ; rien n'a changé.
welcome-title = Aucune donnée chargée
welcome-body = Ouvrez un tableau ACLED, UCDP GED, balisé HXL ou autre (Fichier › Ouvrir…, glisser-déposer, ou un chemin en ligne de commande), ou partez de l'exemple fourni du Darfour.
mapping-title = Correspondance des colonnes
mapping-why = Ce fichier n'est ni ACLED, ni UCDP, ni balisé HXL. Indiquez quelle colonne contient quoi.
mapping-sheet = Feuille
mapping-sheet_all = La feuille de données, avec chaque feuille visible qui a les mêmes colonnes
mapping-sheet_hidden = { $sheet } (masquée)
mapping-sheet_tip = Un classeur avec une feuille par année est lu comme un seul tableau quand ses feuilles ont les mêmes colonnes. Choisissez une feuille pour ne lire qu'elle ; le rapport d'importation indique quelles feuilles ont été lues.
mapping-field = Champ
mapping-column = Colonne
mapping-none = (aucune)
mapping-date = Date (obligatoire)
mapping-date_order = Les dates numériques sont
mapping-auto = déterminé d'après les données
mapping-day_first = JJ/MM/AAAA
mapping-month_first = MM/JJ/AAAA
mapping-admin1 = Région admin 1
mapping-admin2 = Région admin 2
mapping-country = Pays
mapping-perpetrator = Type ou catégorie d'auteur
mapping-actor = Nom de l'auteur
mapping-fatalities = Civils tués
mapping-latitude = Latitude
mapping-longitude = Longitude
mapping-event_type = Type d'événement
mapping-event_id = Identifiant de l'événement
mapping-date_end = Dernier jour d'une période (facultatif)
mapping-values = Valeurs d'auteur
mapping-preview = Premières lignes
mapping-check = Vérifier
mapping-import = Importer avec cette correspondance
mapping-save = Enregistrer comme profil
mapping-saved = Profil enregistré
mapping-profile = Utiliser un profil enregistré
mapping-cancel = Annuler
mapping-profile_name = Nom du profil
mapping-date_one_column = Date dans une colonne
mapping-date_parts = Date en colonnes année, mois et jour
mapping-year = Année (obligatoire)
mapping-month = Mois (obligatoire ; 1–12 ou le nom du mois)
mapping-day = Jour (un jour vide date la ligne du 1er)
mapping-values_counted = Valeurs d'auteur : { $n } sur { $rows } lignes (toutes les lignes du fichier)
mapping-value_rows = { $value } ({ $n ->
    [one] { $n } ligne
   *[other] { $n } lignes
    })
mapping-reading_rows = Lecture de toutes les lignes du fichier pour les listes de valeurs et la vérification…
mapping-rows_truncated = Le fichier dépasse 64 Mo : les listes de valeurs et la vérification portent sur ses 64 premiers Mo ; l'import le lit en entier et signale toute valeur non mise en correspondance.
mapping-bundled = fourni
mapping-other_profiles = { $n ->
    [one] { $n } autre profil nomme
   *[other] { $n } autres profils nomment
    } des colonnes absentes de ce fichier
load-already_open = { $file } est déjà ouvert : il n'est pas lu deux fois.
mapping-reapply = Réappliquer cette correspondance
mapping-read_failed = Le fichier n'a pas pu être lu jusqu'au bout.
mapping-change = Modifier la correspondance…
mapping-change_reason = Modifier la lecture de ce jeu de données : la nouvelle correspondance s'applique à toutes les lignes et les chiffres suivent. Annuler (Ctrl+Z) revient à l'ancienne.
about-title = À propos du POC Transition Workbench
about-version = Version
about-method = Méthodologie (résumé)
about-method_text = Les événements portant atteinte aux civils et les civils tués sont comptés par type d'auteur × région. ACLED : événements avec civilian_targeting (ou violence contre les civils / un acteur « Civilians » dans les fichiers plus anciens), victimes telles que données (ACLED ne distingue pas les morts civils). UCDP : violence unilatérale par side_a, et événements étatiques ou non étatiques avec des morts civils comme « non imputables ». Les tendances comparent les 6 derniers mois aux 6 précédents ; la probabilité et l'impact suggérés viennent des taux mensuels ; risque = probabilité × impact. Les suggestions ne sont jamais définitives : la cotation de l'analyste l'est.
about-data = Données et attributions
about-files = Emplacement des fichiers
about-prefs = Préférences (fichiers récents, thème, échelle, langue)
about-profiles = Profils de correspondance des colonnes
status-line = Prêt · { $datasets ->
    [one] { $datasets } jeu de données
   *[other] { $datasets } jeux de données
    }, { $incidents ->
    [one] { $incidents } incident
   *[other] { $incidents } incidents
    } · recalculé en { $recompute } ms · image { $frame } ms
view-register = Registre des menaces
view-followup = Empreinte, jalons, vérification a posteriori
register-none = Aucune évaluation n'est ouverte. Commencez-en une sur les données chargées, ou ouvrez un fichier .ron.
register-new = Nouvelle évaluation
register-unsaved = (modifications non enregistrées)
register-mission = Mission
register-as_of = au
register-not_saved = pas encore enregistrée
register-save = Enregistrer (Ctrl+S)
register-hint = Cotations de l'analyste : cliquez sur 1–5 (* marque la suggestion des données ; cliquez à nouveau pour y revenir). Clic droit sur une cellule de la matrice pour l'ajouter au registre.
register-threat = Menace
register-suggested = Suggéré P×I=R
register-likelihood = Probabilité
register-impact = Impact
register-risk = Risque
register-residual = Résiduelle
register-residual_of = Menace résiduelle (entrée { $id })
register-residual_hint = Devrait persister après le retrait de la mission
register-successors = Relais
register-flags = Points de vigilance
register-remove = Supprimer
register-rationale = Justification
register-datasets = Jeux de données
register-read_outside = Lire les fichiers situés hors du dossier de l'évaluation
register-read_outside_help = L'évaluation cite ces fichiers hors de son propre dossier. Ils n'ont pas été lus : une évaluation reçue d'un tiers peut citer n'importe quel fichier de cet ordinateur. Ne les lisez que si vous les attendiez.
register-relink = Relier…
followup-import = Importer des bases depuis un CSV…
followup-add_base = Ajouter une base
followup-add_benchmark = Ajouter un jalon
followup-name = Nom
followup-lat = Latitude
followup-lon = Longitude
followup-radius = Rayon (km)
followup-window = Fenêtre (mois)
followup-threshold = Seuil
followup-core = Essentiel (la mission peut l'influencer)
followup-frequency = Fréquence de mesure
followup-frequency_unset = non définie
followup-frequency_monthly = chaque mois
followup-frequency_quarterly = chaque trimestre
followup-frequency_six_monthly = chaque semestre
followup-frequency_yearly = chaque année
followup-monitor = Suivi par
followup-all = tous
load-open_backup = Ouvrir la sauvegarde
register-rationale_missing = justification requise : les cotations diffèrent de la suggestion
register-flags_panel = Points de vigilance
register-no_flags = Aucun point de vigilance.
register-add_cell = Ajouter au registre des menaces
register-added = Ajouté au registre des menaces
followup-bases = Empreinte de la mission
followup-bases_hint = Événements portant atteinte aux civils (tous auteurs) dans le rayon de chaque base, dans les 12 mois avant et après sa fermeture.
followup-base = Base
followup-closed = Ferme le
followup-before = 12 mois avant
followup-after = 12 mois après
followup-benchmarks = Jalons
followup-monthly = par mois
followup-backtest = Vérification a posteriori
followup-backtest_hint = Ce que montrent les données 6, 12 et 24 mois après la date de référence, face à la probabilité donnée par le registre. « juste » = à un point près à 12 mois.
followup-predicted = Prévu
followup-m6 = +6 mois
followup-m12 = +12 mois
followup-m24 = +24 mois
followup-verdict = Verdict
menu-save = Enregistrer
menu-save_as = Enregistrer sous…
menu-open_example = Ouvrir l'exemple commenté du Darfour
quit-title = Modifications non enregistrées
quit-body = L'évaluation a des modifications qui ne sont pas enregistrées.
quit-save = Enregistrer et quitter
quit-discard = Quitter sans enregistrer
common-cancel = Annuler
recovery-found = du travail non enregistré d'une session précédente a été trouvé dans le journal de récupération.
recovery-recover = Le récupérer
recovery-discard = L'abandonner
common-close = Fermer
common-error = Erreur
common-dismiss = Ignorer

title-copy_of = { $file } (copie de l'exemple commenté, non enregistrée)
title-untitled = Évaluation sans titre
recovery-done = Récupéré depuis le journal : le document est tel qu'il était avant l'incident. Enregistrez-le pour le conserver.
bases-imported = { $n ->
    [one] { $n } base importée
   *[other] { $n } bases importées
    } depuis { $file } (une seule étape d'annulation).
save-saved = { $file } enregistré
export-recorded = Enregistré dans l'évaluation : enregistrez l'évaluation pour conserver cette trace.
export-exists = { $file } existe et n'a pas été écrit par les exports de cette évaluation. Le remplacer ?
export-replace = Remplacer
menu-filters = Panneau des filtres
view-help = Guide
welcome-guide = Lire le guide
browser-title_open = Ouvrir un fichier
browser-title_save = Enregistrer sous
browser-up = Dossier parent
browser-name = Nom du fichier
browser-choose = Choisir
browser-folder = Dossier
browser-no_service = La boîte de dialogue de fichiers du bureau n'est pas disponible ici ; voici le navigateur de fichiers de l'outil.
browser-unreadable = Ce dossier ne peut pas être lu : { $reason }
browser-entries = { $n ->
    [one] { $n } élément
   *[other] { $n } éléments
    }
matrix-all_types = Tous les types d'auteurs
matrix-all_regions = toutes les régions
matrix-sort_help = Trier selon cette colonne
matrix-how = { $who } × { $place }
    { $events } événements portant atteinte aux civils, { $fatalities } civils tués ({ $unknown } événements au nombre de victimes inconnu, comptés 0).
    Compté selon la MÉTHODOLOGIE §3 : événements ACLED ciblant des civils ; violence unilatérale UCDP, et autres événements avec des morts civils comme « non imputables ».
    Tendance (§4) : { $recent } événements du { $recent_from } au { $recent_to } contre { $previous } du { $previous_from } au { $previous_to } : { $trend }.
matrix-how_suggested = Suggestion (§4) : probabilité { $likelihood } × impact { $impact } = risque { $risk } ({ $band }).
matrix-no_data_recent = Pas de données pour la période récente (MÉTHODOLOGIE §4) : les données vont ici du { $from } au { $to } ({ $sources }) et ne couvrent donc pas la période du { $window_from } au { $window_to } (une période est couverte quand les données commencent au plus tard à son premier jour et s'arrêtent au plus 31 jours avant son dernier). Aucune probabilité ni aucun impact n'est suggéré : cotez cette menace d'après d'autres sources.
matrix-no_data_previous = Pas de données pour la période précédente (MÉTHODOLOGIE §4) : les données vont ici du { $from } au { $to } ({ $sources }) et ne couvrent donc pas la période du { $window_from } au { $window_to }. La tendance ne peut pas être lue ; la suggestion tirée de la période récente reste valable.
matrix-no_data_total = Certaines régions de ce total ne sont pas couvertes par les données pour une période de tendance (MÉTHODOLOGIE §4) : voir leurs cellules.
matrix-no_coverage = aucun jeu de données
matrix-no_data_banner = ∅ { $n ->
    [one] { $n } région n'a
   *[other] { $n } régions n'ont
    } pas de données pour une période de tendance : les données y commencent tard ou s'arrêtent tôt (MÉTHODOLOGIE §4). Survolez ici ou une cellule ∅ pour les dates et les jeux de données.
matrix-share_help = Forces de sécurité de l'État : { $state } sur { $attributed } événements attribués portant atteinte aux civils ({ $state_fatalities } sur { $attributed_fatalities } civils tués). MÉTHODOLOGIE §5 ; « attribués » exclut les acteurs non identifiés et les tirs croisés.
incidents-heading = { $n ->
    [one] { $n } incident portant atteinte aux civils
   *[other] { $n } incidents portant atteinte aux civils
    } : { $what }
report-issue_rejected = ligne { $line } (enregistrement { $record }) : rejetée : { $message }
report-issue_rejected_col = ligne { $line } (enregistrement { $record }, colonne « { $column } ») : rejetée : { $message }
report-issue_warning = ligne { $line } (enregistrement { $record }) : avertissement : { $message }
report-issue_warning_col = ligne { $line } (enregistrement { $record }, colonne « { $column } ») : avertissement : { $message }
map-region_counts = { $name } : { $events ->
    [one] { $events } événement portant atteinte aux civils
   *[other] { $events } événements portant atteinte aux civils
    }, { $fatalities ->
    [one] { $fatalities } civil tué
   *[other] { $fatalities } civils tués
    }
map-region_none = { $name } : aucun événement portant atteinte aux civils dans le filtre
filters-hide = Masquer le panneau des filtres (Ctrl+B)
register-number = n°
register-actions = {""}
register-no_data_help = Pas de suggestion : les données ne couvrent pas la période récente de cette menace dans une ou plusieurs de ses régions (MÉTHODOLOGIE §4). Cotez-la d'après d'autres sources et expliquez pourquoi.
register-suggested_help = MÉTHODOLOGIE §4 au { $as_of } : { $recent } événements portant atteinte aux civils et { $fatalities } civils tués ces 6 derniers mois ({ $previous } dans les 6 précédents).
register-successor_of = Relais du niveau { $tier } pour l'entrée { $id }
register-score_for = { $what } { $v } pour l'entrée { $id }
register-score_help = { $what } { $v } (* = suggestion des données)
flag-no_successor = une menace résiduelle élevée ou très élevée a un niveau sans personne pour prendre le relais (MÉTHODOLOGIE §5)
flag-successor_is_perpetrator = les forces de sécurité de l'État hôte sont désignées pour prendre le relais d'une menace dont elles sont les auteurs
flag-security_cliff = les atteintes aux civils dans le rayon d'une base fermée ont augmenté dans les 12 mois suivant sa fermeture
flag-monitoring_gap = toutes les bases d'une région où des civils ont récemment subi des atteintes ferment
followup-not_yet_observed = pas encore observé
followup-monitored_by = { $status } · suivi par { $monitor }
followup-bench_metric = Mesure du jalon
followup-bench_type = Type d'auteur du jalon
followup-bench_region = Région du jalon
followup-at_most = au plus
followup-at_least = au moins
followup-window_counts = { $events } év. · { $fatalities } tués · P{ $likelihood }
followup-window_counts_partial = { $events } év. · { $fatalities } tués · P{ $likelihood } (partiel)
export-k = k
export-nothing = Rien à exporter.
export-written = Annexe écrite dans { $file } ({ $format }, { $level }).
export-table_caption = Tableau { $n } : { $caption }
export-figure = [Figure : { $caption }] { $alt }
about-no_storage = (pas de dossier de stockage sur ce système)
edit-undo_failed = Annulation impossible : { $reason } ; le document est inchangé et l'étape est conservée.
edit-redo_failed = Rétablissement impossible : { $reason } ; le document est inchangé et l'étape est conservée.
edit-failed = La modification n'a pas été faite : { $reason }
recovery-not_deleted = { $file } : suppression impossible : { $reason }
recovery-not_written = { $file } : le journal de récupération n'a pas pu être écrit ({ $reason }) ; enregistrez souvent jusqu'à ce que ce soit réglé.
register-not_added = L'entrée n'a pas été ajoutée : { $reason }
register-not_relinked = Non relié : { $reason }
register-new_title = Nouvelle évaluation
bases-rows_rejected = { $n ->
    [one] { $n } ligne de { $file } n'a pas pu être lue et n'a pas été ajoutée :
   *[other] { $n } lignes de { $file } n'ont pas pu être lues et n'ont pas été ajoutées :
    }
bases-none_added = Aucune base n'a été ajoutée : { $reason }
dialog-tables = Tableaux et évaluations
dialog-all_files = Tous les fichiers
dialog-assessment = Évaluation
dialog-ratings = Fiches de cotation et évaluations
dialog-relink = Relier le jeu de données
load-dataset_state = le jeu de données { $file } est { $state } : { $reason }
load-not_added = { $file } : non ajouté à l'évaluation : { $reason }
load-importer_bug = l'import a échoué de façon inattendue (une anomalie) ; le fichier n'a pas été chargé
load-open_bug = { $file } : l'ouverture a échoué de façon inattendue (une anomalie) ; rien n'a été modifié
save-no_file = Aucun fichier n'a été choisi.
save-failed = { $file } : enregistrement impossible : { $reason } ; le fichier précédent est inchangé.
save-failed_full = { $file } : enregistrement impossible : { $reason } ; le fichier précédent est inchangé. Le disque est plein : libérez de l'espace ou enregistrez sur un autre lecteur.
save-journal_left = { $file } : enregistré, mais l'ancien journal de récupération { $journal } n'a pas pu être supprimé : { $reason }
replace-body = L'évaluation ouverte a des modifications non enregistrées. Continuer la remplace et les modifications sont perdues (annulez, puis enregistrez, pour les garder).
replace-discard = Abandonner les modifications et continuer
recovery-other_document = Le journal de récupération de { $file } appartient à un autre document que celui qui est ouvert ; rien n'a été récupéré.
save-over_dataset = { $file } est un jeu de données de cette session : une évaluation n'est jamais enregistrée par-dessus.
save-no_document = Aucune évaluation n'est ouverte : commencez-en une (Fichier › Nouvelle évaluation) ou ouvrez-en une.
load-superseded = { $file } a fini de s'ouvrir après la demande d'une autre évaluation ; il n'a pas été ouvert.
browser-exists = { $file } existe. Le remplacer par cette évaluation ?

# Les noms du cœur tels que la fenêtre les affiche (src/app/labels.rs); perpetrator types, flags, trends, bands, levels, sections, tiers, violation types and successors are named by the core (src/i18n.rs users).
format-docx = Word (.docx)
format-html = Page web (.html)
format-md = Markdown (.md)
format-xlsx = Excel (.xlsx)
format-csv = Dossier CSV (un fichier par tableau)
time_precision-day = jour
time_precision-week = semaine
time_precision-month = mois
time_precision-year = année
time_precision-unknown = inconnue
geo_precision-point = lieu exact
geo_precision-near = près d'un lieu
geo_precision-admin2 = admin 2
geo_precision-admin1 = admin 1 ou plus large
geo_precision-country = pays
geo_precision-unknown = inconnue
matrix-share_view_help = Vue des parts : chaque cellule est la part de son type dans les événements attribués portant atteinte aux civils de la région (MÉTHODOLOGIE §5) ; les acteurs non identifiés et les tirs croisés sont exclus des parts et affichés en (événements).
details-title = Détails de l'évaluation (titre, date de référence, auteurs, contrôle du document, principales conclusions)
details-name = Titre
details-mission = Mission
details-country = Pays
details-as_of = Date de référence (AAAA-MM-JJ)
details-authors = Auteurs (séparés par des virgules)
details-notes = Notes (interne uniquement)
details-document_number = Numéro du document
details-version = Version
details-cleared_by = Approuvé par (nom, fonction)
details-control_hint = Imprimé dans le contrôle du document et le pied de page de l'annexe.
details-key_judgements = Principales conclusions (une par paragraphe ; vide : générées à partir du registre)
details-key_judgements_hint = La première section de l'annexe. Laissées vides, l'annexe les rédige à partir des cotations, des relais et des points de vigilance du registre. Texte libre : imprimé au-dessus du niveau interne seulement s'il est autorisé.
details-fill_judgements = Remplir à partir du registre
details-fill_judgements_hint = Place ici les conclusions que l'annexe générerait, pour les modifier.
details-apply = Appliquer
details-revert = Rétablir l'original
entry-more = Niveaux, capacité, atténuation, date de révision, régions
entry-tiers = Niveaux de protection des civils concernés par cette menace
entry-tier_of = Niveau { $tier } concerné par l'entrée { $id }
entry-tier_capacity = Capacité du relais au niveau { $tier }
entry-capacity = Capacité du relais (1 nulle – 5 complète)
entry-handover = Transfert prévu au niveau { $tier } (AAAA-MM-JJ)
entry-mitigation = Atténuation
entry-review = À réviser avant le (AAAA-MM-JJ)
entry-regions = Régions (séparées par des virgules, comme la matrice les nomme)
view-actors = Acteurs
actors-no_assessment = Les reclassements appartiennent à une évaluation : commencez-en une (Fichier › Nouvelle évaluation) ou ouvrez-en une.
actors-hint = Chaque nom d'acteur des données, avec le type que lui donne sa source. Reclassez un acteur mal typé par la source (MÉTHODOLOGIE §2), avec une raison ; chaque modification est une étape annulable et déplace ses événements portant atteinte aux civils vers le nouveau type partout.
actors-matches_nothing = Le reclassement de « { $actor } » ne correspond à aucun acteur des données chargées : vérifiez le nom.
actors-search = Rechercher un acteur
actors-count = { $n ->
    [one] { $n } acteur
   *[other] { $n } acteurs
    }
actors-actor = Acteur
actors-source_type = Type donné par la source
actors-events = Événements portant atteinte aux civils
actors-reclassified = Reclassé comme
actors-reason = Raison
actors-reason_of = Raison du reclassement de { $actor }
actors-reason_hint = Pourquoi (reste interne sauf autorisation)
actors-moved = { $type } ({ $n ->
    [one] { $n } événement déplacé
   *[other] { $n } événements déplacés
    })
actors-reclassify = Reclasser { $actor }
load-second_country = { $file } ajoute un autre pays : les régions sont désormais nommées avec leur pays (« Darfour-Septentrional (Soudan) »). L'évaluation garde ses régions : elles sont rapprochées par leur nom et par son pays.
offer-question = { $file } est chargé et compte dans les chiffres affichés. L'inscrire parmi les jeux de données de l'évaluation (il se rouvre alors avec elle, vérifié par son SHA-256) ?
offer-add = Ajouter à l'évaluation
offer-keep_out = Cette session seulement
regions-heading = Noms de régions fusionnés ({ $n })
regions-hint = Compter deux noms de région comme un seul : un nom qui a changé (Darfour-Nord / Darfour-Septentrional), ou des régions scindées ou réunies pendant la période des données. Chaque fusion est une étape annulable ; les nombres, le registre et l'annexe suivent, et l'annexe liste les fusions.
regions-merged = { $from } est compté comme { $to }
regions-split = Compter à nouveau séparément
regions-from = Compter la région
regions-to = comme
regions-pick_to = (choisir une région)
regions-merge = Fusionner

## Rapprochement entre sources (MÉTHODOLOGIE §8), dans le rapport d'importation
matching-heading = Événements enregistrés par plusieurs sources
matching-enabled = Rapprocher les événements entre sources et compter chacun une fois
matching-enabled_tip = Des événements portant atteinte aux civils de sources différentes (ACLED, UCDP, chaque registre de surveillance ou fichier mis en correspondance) qui se situent dans les fenêtres de jours et de distance et dont les types d'auteurs sont compatibles forment un seul événement : il est compté une fois, comme la fiche de la première source dans l'ordre ci-dessous (MÉTHODOLOGIE §8).
matching-days = Jours d'écart au plus
matching-days_tip = Deux événements ne sont rapprochés que si leurs dates sont à ce nombre de jours au plus ; une période UCDP est comparée en entier. La valeur de la méthode est 1.
matching-km = km d'écart au plus
matching-km_tip = Distance orthodromique entre les deux points. Un événement sans coordonnées est rapproché par son nom d'admin 1 (et d'admin 2 quand les deux en donnent un). La valeur de la méthode est 5 km.
matching-reset = Revenir aux valeurs de la méthode
matching-priority = La fiche qui compte :
matching-priority_tip = Un événement rapproché est compté avec le type d'auteur, la région et les victimes de la fiche de cette source ; rien n'est additionné entre fiches.
matching-swap_tip = Intervertir ces deux sources
matching-group_logs = registres de surveillance et fichiers mis en correspondance
matching-group_ucdp = UCDP
matching-group_acled = ACLED
matching-off_warning = Le rapprochement est désactivé : une attaque enregistrée par deux sources est comptée deux fois dans tous les chiffres.
matching-none = Aucun événement n'est enregistré par plus d'une source.
matching-pair = { $a } + { $b } : { $n ->
    [one] { $n } événement enregistré par les deux
   *[other] { $n } événements enregistrés par les deux
}
matching-windows = (à { $days } jour(s) et { $km } km au plus, types d'auteurs compatibles)
report-matched = { $n ->
    [one] { $n } événement est aussi enregistré par une autre source et n'est compté qu'une fois, comme la fiche de cette source
   *[other] { $n } événements sont aussi enregistrés par une autre source et ne sont comptés qu'une fois, comme la fiche de cette source
}
matrix-how_matched = { $n ->
    [one] { $n } de ces événements est aussi enregistré par une autre source : il n'est compté qu'une fois (MÉTHODOLOGIE §8 ; Rapport d'importation › rapprochement).
   *[other] { $n } de ces événements sont aussi enregistrés par une autre source : chacun n'est compté qu'une fois (MÉTHODOLOGIE §8 ; Rapport d'importation › rapprochement).
}
incidents-matched_counted = Cet événement est aussi enregistré par une autre source ; c'est cette fiche-ci qui est comptée :
incidents-matched_not_counted = Cet événement est aussi enregistré par une autre source, dont la fiche est comptée (pas celle-ci) :
incidents-also_recorded = Aussi enregistré par { $source } { $id } : { $date }, { $who }, { $fatalities } civils tués
incidents-also_recorded_tip = Afficher cette fiche. Rapprochement selon la MÉTHODOLOGIE §8 (Rapport d'importation › rapprochement).
load-deriving = Décompte unique des événements entre sources… { $secs } s
load-deriving_tip = Les nouvelles données sont jointes aux données chargées : régions, répétitions et événements enregistrés par plusieurs sources (MÉTHODOLOGIE §8). Les chiffres affichés restent ceux d'avant le chargement jusqu'à la fin.
matrix-violations = Violations
matrix-victims = Victimes
matrix-monitoring_only = Les violations et les victimes proviennent uniquement des registres de surveillance (MÉTHODOLOGIE §7) : les événements ACLED et UCDP ne sont pas comptés comme des violations, ni leurs morts comme des victimes.
matrix-total_violations = Registres de surveillance : { $violations } violations · { $victims } victimes ({ $unknown } au nombre illisible) · part des violations attribuées imputable à l'État { $share }
matrix-by_type = Par type de violation (règle du MRM)
matrix-by_type_help = Chaque type de violation de la période : ses violations (incidents qui le comportent) et leurs victimes (le décompte de la source pour ce type quand elle compte par type, sinon celui de l'incident). La règle du MRM compte les victimes pour les meurtres, les mutilations, les violences sexuelles, les enlèvements, le recrutement et les autres violations contre des personnes, et les violations pour les attaques contre des écoles, des hôpitaux et des camps, le refus d'accès, les pillages et les autres (MÉTHODOLOGIE §7). Un incident de deux types compte sous chacun : les lignes ne s'additionnent pas aux totaux.
matrix-by_type_type = Type de violation
matrix-by_type_mrm = Chiffre MRM
matrix-by_type_victims = victimes
matrix-by_type_violations = violations
matrix-by_group = Victimes par groupe : femmes { $women } · hommes { $men } · filles { $girls } · garçons { $boys } · inconnu { $unknown } (sur les { $with } des { $victims } victimes dont la source donne une ventilation)
matrix-violations_help = Une violation est un type de violation dans un incident (un incident de viol et d'enlèvement en compte deux) ; les victimes sont les personnes que compte le registre (un nombre que la source ne précise pas compte pour une). Les fiches rejetées ne sont jamais comptées. La part de l'État est le nombre de violations des forces de l'État divisé par toutes les violations d'un auteur identifié.
matrix-how_violations = Registres de surveillance : { $violations } violations, { $victims } victimes ({ $unknown } fiches au nombre de victimes illisible) ; MÉTHODOLOGIE §7.

filters-monitoring = Registres de surveillance
filters-verified_only = Fiches vérifiées uniquement
filters-verified_only_tip = Par défaut, les fiches vérifiées et non vérifiées comptent ; les fiches rejetées (faussement attribuées, faits non survenus) jamais. Chaque export indique les statuts qu'il compte (MÉTHODOLOGIE §7).
filters-violation_types = Types de violations
filters-violation_types_tip = Ne compte que les fiches des registres de surveillance qui comportent l'un des types cochés ; les événements de conflit (ACLED, UCDP) n'en ont aucun et sont exclus tant qu'un type est décoché.

## Examen de diligence voulue en matière de droits de l'homme (MÉTHODOLOGIE §9)
view-hrddp = Diligence voulue
hrddp-heading = Politique de diligence voulue en matière de droits de l'homme (HRDDP) : examen
hrddp-intro = Chaque acteur typé forces de sécurité de l'État (après reclassement), avec ce que les données chargées contiennent à son sujet sur les 24 mois jusqu'au { $as_of }. Risque suggéré : élevé avec 3 événements ou violations ou plus de meurtre, violences sexuelles, torture, enlèvement ou recrutement ces 12 derniers mois ; moyen avec tout événement portant atteinte aux civils sur les 24 mois ; sinon faible. Cet écran nomme des unités : il ne sort de l'outil qu'aux niveaux interne et partenaires des Nations Unies.
hrddp-no_doc = Ouvrez ou créez une évaluation pour consigner le risque, les mesures d'atténuation et l'entité des Nations Unies qui fournit un appui.
hrddp-none = Aucun acteur des données chargées n'est typé forces de sécurité de l'État.
hrddp-actor = Acteur
hrddp-events = Événements, tués, victimes, tendance
hrddp-violations = Violations (registres de surveillance)
hrddp-regions = Régions
hrddp-latest = Dernier
hrddp-suggested = Risque suggéré
hrddp-risk = Risque selon l'analyste
hrddp-measures = Mesures d'atténuation · entité des Nations Unies qui fournit un appui
hrddp-unnamed = (acteur non nommé)
hrddp-counts = { $events } événements · { $fatalities } tués · { $victims } victimes · { $trend }
hrddp-no_violations = aucune enregistrée
hrddp-suggested_tip = { $grave } événements ou violations de meurtre, violences sexuelles, torture, enlèvement ou recrutement ces 12 derniers mois (élevé à partir de 3).
hrddp-not_recorded = non consigné
hrddp-low = Faible
hrddp-medium = Moyen
hrddp-high = Élevé
hrddp-mitigation_hint = Mesures d'atténuation
hrddp-entity_hint = Entité des Nations Unies qui fournit un appui
hrddp-risk_of = Risque HRDDP selon l'analyste pour { $actor }
hrddp-regions_more = { $first } et { $n } autres
menu-new_log = Nouveau registre de surveillance…
menu-new_log_tip = Écrit un classeur (XLSX) de registre de surveillance vide, avec des listes déroulantes pour le type d'auteur, les types de violations et le statut de vérification, et une feuille de notes ; remplissez-le dans un tableur et ouvrez-le ici, sans correspondance (MÉTHODOLOGIE §7).
template-written = Modèle de registre de surveillance écrit dans { $file }. Remplissez la feuille Log à partir de la ligne 3 et ouvrez le fichier ici : il est lu sans correspondance.
template-failed = { $file } : le modèle n'a pas pu être écrit : { $reason }
mapping-monitoring = Registre de surveillance : violations, victimes, vérification (facultatif)
mapping-monitoring_hint = Pour un registre de droits de l'homme ou de protection (MÉTHODOLOGIE §7). Une cellule de type peut contenir plusieurs types de violations (séparés par , ; |) ; les valeurs sont lues d'après leur libellé (meurtre, violences sexuelles, enlèvement… ; vérifié, en attente, rejeté…). Les colonnes de victimes sont additionnées ; toutes vides comptent une victime. Les fiches rejetées ne sont jamais comptées.
mapping-violation_type = Types de violations
mapping-verification = Statut de vérification
mapping-victims = Colonnes du nombre de victimes (additionnées) :
charts-violations = Violations et victimes par mois (registres de surveillance)


## Ateliers conjoints (MÉTHODOLOGIE §10)
workshop-participants = Participants à l'atelier ({ $n })
workshop-participants_hint = Chaque participant peut coter la probabilité et l'impact de chaque menace ; le registre affiche la médiane et l'étendue à côté de la suggestion et signale les menaces contestées (étendue de 2 ou plus). La cotation retenue reste celle de l'analyste ; une opinion divergente peut être consignée avec sa raison.
workshop-remove_help = Retirer ce participant (ses cotations restent dans les entrées jusqu'à ce qu'elles y soient retirées)
workshop-remove_of = Retirer le participant { $name }
workshop-name = Nom
workshop-entity = Entité (composante de la mission ou membre de l'équipe de pays des Nations Unies)
workshop-add = Ajouter un participant
workshop-score_of = { $what } : { $v }
workshop-ratings = Cotations des participants ({ $rated } sur { $n })
workshop-likelihood_by = Probabilité selon { $name } pour l'entrée { $id }
workshop-impact_by = Impact selon { $name } pour l'entrée { $id }
workshop-dissents = Opinions divergentes sur la cotation retenue
workshop-dissent_of = Participant en désaccord pour l'entrée { $id }
workshop-reason = Raison du désaccord
workshop-reason_of = Raison d'un désaccord sur l'entrée { $id }
workshop-record_dissent = Consigner le désaccord
workshop-record_of = Consigner un désaccord sur l'entrée { $id }
workshop-panel = Panel : P { $likelihood } · I { $impact }
workshop-panel_help = La médiane des participants et, entre parenthèses, la cotation la plus basse et la plus haute (MÉTHODOLOGIE §10).
workshop-contested = ⚠ contestée
workshop-contested_of = L'entrée { $id } est contestée
workshop-contested_help = Les cotations des participants s'étendent sur 2 crans ou plus en probabilité ou en impact : en discuter avant de conclure.
workshop-dissent_count = { $n ->
    [one] { $n } opinion divergente consignée
   *[other] { $n } opinions divergentes consignées
    }

## Fiches de cotation (MÉTHODOLOGIE §10)
menu-export_ratings = Exporter les fiches de cotation…
menu-export_ratings_tip = Écrit une fiche Excel par participant à l'atelier (dossier rating-sheets à côté de l'évaluation) : les menaces avec le résumé des données, des listes déroulantes 1–5 pour la probabilité et l'impact, une colonne de commentaire, et le nom du participant verrouillé.
menu-import_ratings = Importer des cotations…
menu-import_ratings_tip = Lit des fiches de cotation remplies (ou la copie de l'évaluation d'un participant, .ron) et montre leur contenu avant toute modification.
ratings-no_doc = Ouvrez d'abord une évaluation : les cotations appartiennent à son registre.
ratings-written = { $n ->
    [one] { $n } fiche de cotation écrite dans { $folder }
   *[other] { $n } fiches de cotation écrites dans { $folder }
    }
ratings-title = Importer des cotations
ratings-intro = Les cotations que contiennent ces fichiers, par participant, et ce qui ne peut pas être repris. Rien ne change avant que vous ne les repreniez ; elles s'annulent alors en une seule étape.
ratings-file = { $file } : { $name } – { $n ->
    [one] { $n } cotation
   *[other] { $n } cotations
    }
ratings-take = Reprendre ces cotations
ratings-nothing = Les fichiers ne contiennent aucune cotation différente de celles du registre.

## Mode présentation (F5)
menu-present = Mode présentation (F5)
menu-present_tip = Plein écran, une menace par diapositive, pour un atelier conjoint sur projecteur ; les flèches font avancer, Échap fait sortir.
present-no_doc = Ouvrez une évaluation pour présenter son registre.
present-position = Diapositive { $i } sur { $n }
present-keys = ← → avancer · Échap pour sortir
present-heat = Événements portant atteinte aux civils de ce type, 12 derniers mois, par région
present-monthly = Par mois, 24 derniers mois ({ $n } événements)
present-suggested = Suggéré par les données : { $s }
present-agreed = Cotation retenue : { $s }
present-not_rated = pas encore cotée
present-summary = Synthèse
present-summary_residual = { $residual } des { $n } menaces devraient persister après le retrait de la mission
present-summary_contested = { $n ->
    [one] { $n } menace contestée par les participants
   *[other] { $n } menaces contestées par les participants
    }
present-summary_flags = { $n ->
    [one] { $n } point de vigilance relevé
   *[other] { $n } points de vigilance relevés
    }

## Scénarios de retrait (MÉTHODOLOGIE §10)
scenarios-heading = Scénarios de retrait
scenarios-hint = Des calendriers de fermeture à côté du plan de l'empreinte : partez du plan, copiez-le, décalez ses dates ou marquez une base comme maintenue. La comparaison donne, trimestre par trimestre après la date de référence, les bases encore ouvertes, les régions laissées avec une lacune de surveillance, et les atteintes aux civils des 12 derniers mois près des bases qui ferment (l'historique, pas une prévision).
scenarios-no_bases = Ajoutez les bases de la mission ci-dessus pour comparer des calendriers de fermeture.
scenarios-new = Nouveau scénario à partir du plan actuel
scenarios-name_n = Scénario { $n }
scenarios-copy = Copier
scenarios-copy_of = { $name } (copie)
scenarios-shift_by = Décaler toutes les dates de (mois)
scenarios-shift = Décaler les dates
scenarios-shift_of = Décaler les dates de { $name }
scenarios-plan = Plan actuel
scenarios-this = Ce scénario
scenarios-stays = Maintenue
scenarios-stays_of = { $base } maintenue dans { $name }
scenarios-open = ouverte
scenarios-compare = Scénarios comparés, trimestre par trimestre
scenarios-compare_hint = Bases ouvertes à la fin du trimestre ; bases qui y ferment, avec les événements portant atteinte aux civils des 12 mois précédant la date de référence dans leur rayon ; régions où toutes les bases ont fermé alors que les atteintes se poursuivaient (lacune de surveillance, MÉTHODOLOGIE §5).
scenarios-current = Plan actuel
scenarios-quarter = Trimestre
scenarios-open_n = { $n ->
    [one] { $n } base ouverte
   *[other] { $n } bases ouvertes
    }
scenarios-closing = fermeture : { $bases } ({ $harm } événements à proximité)
scenarios-gap = lacune de surveillance : { $regions }

## Changements depuis la dernière version (MÉTHODOLOGIE §10)
menu-compare_draft = Comparer avec une version antérieure…
menu-compare_draft_tip = Liste ce qui a changé entre une version antérieure (.ron) et cette évaluation : menaces ajoutées et retirées, chaque champ modifié, points de vigilance relevés et levés, situation des jalons, et cellules de la matrice dont les nombres ont changé avec les données (comme `poc-workbench diff`).
changes-title = Changements depuis une version antérieure
changes-against = Comparé avec { $file }
