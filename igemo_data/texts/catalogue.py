"""Every word a user sees, in Dutch first and English second: data, not logic.

Pages and charts ask `t(key, lang)`; a test checks that each key has both languages, so a
label can never fall back to an identifier on a projector. The loader's problems live here
too, so a refused file can be explained in either language.
"""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("nl", "en")
DEFAULT_LANGUAGE: Final = "nl"

TEXTS: Final[dict[str, dict[str, str]]] = {
    # App and pages
    "app_title": {"nl": "Strategiekaart", "en": "Strategy map"},
    "app_subtitle": {
        "nl": "IGEMO-diensten op de Harrigan-matrix van het strategisch plan 2019–2024",
        "en": "IGEMO's services on the Harrigan matrix of the strategic plan 2019–2024",
    },
    "page_overview": {"nl": "Strategiekaart", "en": "Strategy map"},
    "page_domain": {"nl": "Werkdomein {domain}", "en": "Work domain {domain}"},
    "page_plan_vs_matrix": {"nl": "Plan versus matrix", "en": "Plan versus matrix"},
    # Numbers: the mark between units and decimals (texts.formatting writes every number)
    "decimal_mark": {"nl": ",", "en": "."},
    # Sidebar controls
    "sidebar_settings": {"nl": "Instellingen", "en": "Settings"},
    "sidebar_pages": {"nl": "Pagina's", "en": "Pages"},
    "horizon": {"nl": "Tijdshorizon", "en": "Time horizon"},
    "horizon_help": {
        "nl": "0 % = nu (huidige scores), 100 % = toekomst (potentiële marktpositie en "
        "toekomstige behoefte); daartussen een gewogen gemiddelde.",
        "en": "0 % = now (current scores), 100 % = future (potential market position and "
        "future need); a weighted average in between.",
    },
    "horizon_now": {"nl": "nu", "en": "now"},
    "horizon_future": {"nl": "toekomst", "en": "future"},
    "market_cut": {"nl": "Grens marktpositie", "en": "Market position cut"},
    "need_cut": {"nl": "Grens behoefte", "en": "Need cut"},
    "cut_help": {
        "nl": "Een waarde op of boven de grens telt als sterk.",
        "en": "A value on or above the cut counts as strong.",
    },
    "domain_filter": {"nl": "Werkdomeinen", "en": "Work domains"},
    "domain_filter_help": {
        "nl": "Welke werkdomeinen de kaart en de tabellen tonen.",
        "en": "Which work domains the map and the tables show.",
    },
    "reset_settings": {
        "nl": "Horizon, grenzen en domeinen terugzetten",
        "en": "Reset horizon, cuts and domains",
    },
    # Domains
    "domain_RUIMTE": {"nl": "Ruimte", "en": "Space"},
    "domain_MENS": {"nl": "Mens", "en": "People"},
    "domain_BESTUUR": {"nl": "Bestuur", "en": "Governance"},
    # Quadrants (keys of design §3)
    "quadrant_vermeerder": {"nl": "Vermeerder", "en": "Raise"},
    "quadrant_creeer": {"nl": "Creëer", "en": "Create"},
    "quadrant_verminder": {"nl": "Verminder", "en": "Reduce"},
    "quadrant_elimineer": {"nl": "Elimineer", "en": "Eliminate"},
    "question_vermeerder": {"nl": "Wat moeten we meer doen?", "en": "What should we do more?"},
    "question_creeer": {
        "nl": "Wat moeten we bijkomend doen?",
        "en": "What should we do in addition?",
    },
    "question_verminder": {"nl": "Wat moeten we minder doen?", "en": "What should we do less?"},
    "question_elimineer": {
        "nl": "Wat moeten we niet (meer) doen?",
        "en": "What should we (no longer) do?",
    },
    # Plan decisions (design §2)
    "decision_invest": {"nl": "Investeren", "en": "Invest"},
    "decision_wait": {"nl": "Afwachten", "en": "Wait"},
    "decision_niche": {"nl": "Niche", "en": "Niche"},
    "decision_phase_out": {"nl": "Afbouwen", "en": "Phase out"},
    "decision_no_invest": {"nl": "Niet investeren", "en": "No investment"},
    "decision_none": {"nl": "Niet vermeld", "en": "Not stated"},
    # Axes and fields
    "axis_market": {"nl": "Marktpositie", "en": "Market position"},
    "axis_need": {"nl": "Behoefte", "en": "Need"},
    "axis_weak": {"nl": "zwak", "en": "weak"},
    "axis_strong": {"nl": "sterk", "en": "strong"},
    "field_code": {"nl": "Code", "en": "Code"},
    "field_name": {"nl": "Dienst", "en": "Service"},
    "field_domain": {"nl": "Werkdomein", "en": "Work domain"},
    "field_cluster": {"nl": "Cluster", "en": "Cluster"},
    "field_market_current": {"nl": "Huidige marktpositie", "en": "Current market position"},
    "field_market_potential": {"nl": "Potentiële marktpositie", "en": "Potential market position"},
    "field_need_current": {"nl": "Huidige behoefte", "en": "Current need"},
    "field_need_future": {"nl": "Toekomstige behoefte", "en": "Future need"},
    "field_market": {"nl": "Marktpositie nu gekozen", "en": "Market position now set"},
    "field_need": {"nl": "Behoefte nu gekozen", "en": "Need now set"},
    "field_quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
    "field_plan_decision": {"nl": "Beslissing van het plan", "en": "The plan's decision"},
    "field_plan_note": {"nl": "Wat het plan zegt", "en": "What the plan says"},
    "field_count": {"nl": "Aantal", "en": "Count"},
    "field_from": {"nl": "Van", "en": "From"},
    "field_to": {"nl": "Naar", "en": "To"},
    "field_score": {"nl": "Score", "en": "Score"},
    "field_what_if": {"nl": "Aanpassing", "en": "What-if"},
    # Overview
    "counts_title": {"nl": "Aantal diensten per kwadrant", "en": "Services per quadrant"},
    "shifts_title": {"nl": "Verschuivingen", "en": "Shifts"},
    "shifts_caption": {
        "nl": "Diensten die nu in een ander kwadrant staan dan in het plan "
        "(horizon nu, grenzen 1,5, zonder aanpassingen).",
        "en": "Services now in another quadrant than in the plan "
        "(horizon now, cuts 1.5, no what-ifs).",
    },
    "shifts_none": {
        "nl": "Geen verschuivingen: elke dienst staat waar het plan hem zette.",
        "en": "No shifts: every service is where the plan put it.",
    },
    "arrows_toggle": {"nl": "Toon evolutie nu → toekomst", "en": "Show change now → future"},
    "arrows_caption": {
        "nl": "Pijlen gaan van de huidige naar de toekomstige plaats (witte stip); dikke oranje "
        "pijlen steken een grens over. Diensten die niet bewegen, staan vager.",
        "en": "Arrows run from the current to the future place; thick orange arrows cross a cut.",
    },
    "chart_caption": {
        "nl": "Klik op een dienst om hem hieronder aan te passen. Diensten met dezelfde scores "
        "staan naast elkaar in hun hoek.",
        "en": "Click a service to adjust it below. Services with equal scores stand side by "
        "side in their corner.",
    },
    # What-if
    "what_if_title": {"nl": "Wat als … per dienst", "en": "What if … per service"},
    "what_if_pick": {"nl": "Kies een dienst", "en": "Choose a service"},
    "what_if_none": {"nl": "(geen dienst gekozen)", "en": "(no service chosen)"},
    "what_if_market": {"nl": "Marktpositie", "en": "Market position"},
    "what_if_need": {"nl": "Behoefte", "en": "Need"},
    "what_if_caption": {
        "nl": "De schuifjes vervangen de berekende waarde van deze dienst; een vage stip "
        "blijft op zijn plaats zonder aanpassing.",
        "en": "The sliders replace this service's computed value; a faint dot stays at its "
        "place without the what-if.",
    },
    "overrides_title": {"nl": "Aangepaste diensten", "en": "Adjusted services"},
    "overrides_none": {"nl": "Nog geen aangepaste diensten.", "en": "No adjusted services yet."},
    "reset_one": {"nl": "Terugzetten", "en": "Reset"},
    "reset_all": {"nl": "Alles terugzetten", "en": "Reset all"},
    # Domain pages
    "heatmap_title": {"nl": "De vier scores per dienst", "en": "The four scores per service"},
    "cluster_counts_title": {
        "nl": "Kwadranten per cluster",
        "en": "Quadrants per cluster",
    },
    # Plan versus matrix
    "plan_vs_matrix_intro": {
        "nl": "Per dienst de beslissing uit de tekst van het plan naast het kwadrant dat de "
        "matrix geeft bij tijdshorizon {horizon} %, met de grenzen en aanpassingen uit de "
        "zijbalk. Waar ze niet overeenkomen, valt er iets te bespreken.",
        "en": "For each service the decision from the plan's text beside the quadrant the "
        "matrix gives at time horizon {horizon} %, with the sidebar's cuts and what-ifs. Where "
        "they disagree, there is something to discuss.",
    },
    "agreement": {"nl": "Overeenkomst", "en": "Agreement"},
    "agrees": {"nl": "komt overeen", "en": "agrees"},
    "disagrees": {"nl": "te bespreken", "en": "to discuss"},
    "not_stated": {"nl": "plan zegt niets", "en": "plan is silent"},
    "disagrees_metric": {"nl": "Te bespreken", "en": "To discuss"},
    "only_disagreements": {
        "nl": "Toon alleen wat te bespreken is",
        "en": "Show only what is to discuss",
    },
    "disagreement_count": {
        "nl": "{count} van {total} diensten: beslissing en kwadrant verschillen.",
        "en": "{count} of {total} services: decision and quadrant differ.",
    },
    # Help
    "help_title": {"nl": "Hoe lees je de kaart?", "en": "How to read the map"},
    "help_body": {
        "nl": (
            "**Horizontaal** staat de marktpositie van IGEMO, **verticaal** de behoefte bij de "
            "lokale besturen; elke score loopt van 1 (zwak) tot 2 (sterk). De tijdshorizon "
            "schuift van de huidige scores naar de potentiële marktpositie en de toekomstige "
            "behoefte.\n\n"
            "De vier acties: **Vermeerder** (sterke positie, sterke behoefte), **Creëer** "
            "(zwakke positie, sterke behoefte), **Verminder** (sterke positie, zwakke behoefte) "
            "en **Elimineer** (beide zwak). Een waarde precies op de grens telt als sterk.\n\n"
            "Het plan leent de actiewoorden van het ERRC-raster uit Blue Ocean en legt ze zelf op "
            "de twee assen. De oorspronkelijke matrix van Harrigan & Porter (1983) was bedoeld "
            "voor krimpende sectoren en spreekt van leiderschap, niche, oogsten en snel "
            "afstoten."
        ),
        "en": (
            "**Horizontally** IGEMO's market position, **vertically** the need of the local "
            "governments; every score runs from 1 (weak) to 2 (strong). The time horizon "
            "slides from the current scores to the potential market position and future "
            "need.\n\n"
            "The four actions: **Raise** (strong position, strong need), **Create** (weak "
            "position, strong need), **Reduce** (strong position, weak need) and "
            "**Eliminate** (both weak). A value exactly on the cut counts as strong.\n\n"
            "The plan borrows the action words from Blue Ocean's ERRC grid and places them on "
            "the two axes itself. Harrigan & Porter's original matrix (1983) was made for "
            "declining industries and speaks of leadership, niche, harvest and quick "
            "divestment."
        ),
    },
    # Het plan (issue 8)
    "page_plan": {"nl": "Het plan", "en": "The plan"},
    "plan_intro": {
        "nl": "Het kader van de matrix, uit het strategisch beleidsplan 2019–2024: de missie en "
        "de waarden, de strategische doelstellingen, de ambities, de strategische uitdagingen, "
        "de werkvormen en de kritische succesfactoren.",
        "en": "The frame of the matrix, from the strategic plan 2019–2024: the mission and the "
        "values, the strategic goals, the ambitions, the strategic challenges, the ways of "
        "working and the critical success factors. The plan's own words are shown in Dutch.",
    },
    "plan_search": {"nl": "Zoeken in het plan", "en": "Search the plan"},
    "plan_search_placeholder": {
        "nl": "bv. duurzaam, kennisbeheer, creëer",
        "en": "e.g. duurzaam, kennisbeheer, creëer",
    },
    "plan_search_help": {
        "nl": "Toont de onderdelen die alle woorden bevatten. Hoofdletters en accenten tellen "
        "niet: 'creeer' vindt ook 'creëert'.",
        "en": "Shows the items that hold every word. Capitals and accents do not count: "
        "'creeer' also finds 'creëert'.",
    },
    "plan_all": {
        "nl": "Alle {total} onderdelen van het plan.",
        "en": "All {total} items of the plan.",
    },
    "plan_matches": {
        "nl": "{count} van {total} onderdelen bevatten alle woorden van „{query}”.",
        "en": "{count} of {total} items hold every word of “{query}”.",
    },
    "plan_no_matches": {
        "nl": "Geen enkel onderdeel bevat alle woorden van „{query}”.",
        "en": "No item holds every word of “{query}”.",
    },
    "plan_source": {
        "nl": "Strategisch plan, deel {section}",
        "en": "Strategic plan, part {section}",
    },
    "plan_summarised": {"nl": "kort samengevat", "en": "summarised"},
    # Scenario's (issue 4)
    "page_scenarios": {"nl": "Scenario's", "en": "Scenarios"},
    "scenarios_intro": {
        "nl": "Een scenario bewaart de tijdshorizon, de grenzen, de gekozen werkdomeinen en "
        "elke aanpassing per dienst, zodat een workshop later verder kan of de raad van bestuur het ziet.",
        "en": "A scenario keeps the time horizon, the cuts, the chosen work domains and every "
        "what-if, so a workshop can continue later or the board can see it.",
    },
    "current_scenario": {"nl": "Scenario: {name}", "en": "Scenario: {name}"},
    "scenario_changed": {"nl": "gewijzigd sinds het bewaren", "en": "changed since saved"},
    "scenario_missing": {
        "nl": "Het scenario uit de link bestaat niet (meer); je ziet het plan zelf.",
        "en": "The scenario in the link does not exist (any more); you see the plan itself.",
    },
    "store_unusable": {
        "nl": "Scenario's kunnen nu niet bewaard of geopend worden.",
        "en": "Scenarios cannot be saved or opened now.",
    },
    "save_title": {"nl": "Huidige instellingen bewaren", "en": "Save the current settings"},
    "save_name": {"nl": "Naam", "en": "Name"},
    "save_author": {"nl": "Auteur", "en": "Author"},
    "save_note": {"nl": "Notitie", "en": "Note"},
    "save_button": {"nl": "Bewaren als scenario", "en": "Save as scenario"},
    "save_changes": {
        "nl": "Wijzigingen bewaren in dit scenario",
        "en": "Save changes to this scenario",
    },
    "saved": {"nl": "Bewaard.", "en": "Saved."},
    "name_taken": {
        "nl": "Er bestaat al een scenario met deze naam. Overschrijven of een andere naam kiezen?",
        "en": "A scenario with this name exists. Overwrite it or choose another name?",
    },
    "overwrite": {"nl": "Overschrijven", "en": "Overwrite"},
    "cancel": {"nl": "Annuleren", "en": "Cancel"},
    "saved_list": {"nl": "Bewaarde scenario's", "en": "Saved scenarios"},
    "no_scenarios": {"nl": "Nog geen scenario's bewaard.", "en": "No scenarios saved yet."},
    "pick_scenario": {"nl": "Kies een scenario", "en": "Choose a scenario"},
    "open": {"nl": "Openen", "en": "Open"},
    "scenario_link": {"nl": "Link naar dit scenario", "en": "Link to this scenario"},
    "rename": {"nl": "Hernoemen", "en": "Rename"},
    "new_name": {"nl": "Nieuwe naam", "en": "New name"},
    "duplicate": {"nl": "Dupliceren", "en": "Duplicate"},
    "copy_suffix": {"nl": "(kopie)", "en": "(copy)"},
    "delete": {"nl": "Verwijderen", "en": "Delete"},
    "delete_confirm": {
        "nl": "Dit scenario definitief verwijderen?",
        "en": "Delete this scenario for good?",
    },
    "delete_yes": {"nl": "Ja, verwijderen", "en": "Yes, delete"},
    "deleted": {"nl": "Verwijderd.", "en": "Deleted."},
    "field_updated": {"nl": "Laatst bewaard", "en": "Last saved"},
    "field_created": {"nl": "Gemaakt", "en": "Created"},
    "field_settings": {"nl": "Instellingen", "en": "Settings"},
    "field_what_ifs": {"nl": "Aanpassingen", "en": "What-ifs"},
    "field_edition": {"nl": "Gegevens", "en": "Data"},
    "plan_baseline": {"nl": "Het plan (nu, grenzen 1,5)", "en": "The plan (now, cuts 1.5)"},
    # Board export, comparison and presentation (issue 4)
    "export_title": {"nl": "Voor de raad van bestuur", "en": "For the board"},
    "export_png": {"nl": "Grafiek (PNG)", "en": "Chart (PNG)"},
    "export_svg": {"nl": "Grafiek (SVG)", "en": "Chart (SVG)"},
    "export_pdf": {"nl": "Grafiek (PDF)", "en": "Chart (PDF)"},
    "export_csv": {"nl": "Tabel (CSV)", "en": "Table (CSV)"},
    "export_xlsx": {"nl": "Tabel (Excel)", "en": "Table (Excel)"},
    "export_caption": {
        "nl": "Grafiek van 1920 × 1080 met titel, scenario, datum en legende; de PNG op dubbele "
        "resolutie.",
        "en": "A 1920 × 1080 chart with title, scenario, date and legend; the PNG at double "
        "resolution.",
    },
    "plan_name": {"nl": "Plan 2019–2024", "en": "Plan 2019–2024"},
    "unsaved_name": {"nl": "niet bewaard", "en": "not saved"},
    "page_compare_scenarios": {"nl": "Scenario's vergelijken", "en": "Compare scenarios"},
    "compare_scenarios_intro": {
        "nl": "Zet twee scenario's naast elkaar, of een scenario tegenover het plan. De tabel "
        "toont de diensten die van kwadrant wisselen, met hun scores.",
        "en": "Put two scenarios side by side, or a scenario against the plan. The table shows "
        "the services that change quadrant, with their scores.",
    },
    "compare_first": {"nl": "Eerste", "en": "First"},
    "compare_second": {"nl": "Tweede", "en": "Second"},
    "compare_current": {"nl": "Huidige instellingen", "en": "Current settings"},
    "compare_moves": {
        "nl": "Diensten die van kwadrant wisselen",
        "en": "Services that change quadrant",
    },
    "compare_no_moves": {
        "nl": "Geen enkele dienst wisselt van kwadrant.",
        "en": "No service changes quadrant.",
    },
    "compare_count": {
        "nl": "{count} diensten wisselen van kwadrant.",
        "en": "{count} services change quadrant.",
    },
    "compare_pdf": {"nl": "Vergelijking (PDF, één pagina)", "en": "Comparison (PDF, one page)"},
    "present_toggle": {"nl": "Presentatiemodus", "en": "Presentation mode"},
    "present_previous": {"nl": "Vorige", "en": "Previous"},
    "present_next": {"nl": "Volgende", "en": "Next"},
    "present_exit": {"nl": "Presentatie verlaten", "en": "Leave presentation"},
    "present_all": {"nl": "Alle werkdomeinen", "en": "All work domains"},
    "present_keys": {
        "nl": "Pijltjestoetsen ← → wisselen tussen de hele portefeuille en elk werkdomein; "
        "↑ ↓ schuiven de tijdshorizon {step} % op of terug.",
        "en": "Arrow keys ← → step between the whole portfolio and each work domain; "
        "↑ ↓ move the time horizon {step} % on or back.",
    },
    # Gegevens (issue 5)
    "page_data": {"nl": "Gegevens", "en": "Data"},
    "page_compare": {"nl": "Edities vergelijken", "en": "Compare editions"},
    "data_intro": {
        "nl": "De scores waarmee elke pagina rekent. Download ze als Excel of CSV, pas ze aan in "
        "je rekenblad of hieronder in de app, en laad ze weer op: elke goedgekeurde versie wordt "
        "een nieuwe editie. De editie van het plan blijft altijd zoals ze is.",
        "en": "The scores every page works with. Download them as Excel or CSV, change them in "
        "your spreadsheet or below in the app, and upload them again: every accepted version "
        "becomes a new edition. The plan's edition always stays as it is.",
    },
    "data_active": {"nl": "Actieve editie: {name}", "en": "Active edition: {name}"},
    "data_active_meta": {
        "nl": "{count} diensten · {author} · {created}",
        "en": "{count} services · {author} · {created}",
    },
    "data_download_xlsx": {"nl": "Download als Excel", "en": "Download as Excel"},
    "data_download_csv": {"nl": "Download als CSV", "en": "Download as CSV"},
    "data_download_help": {
        "nl": "Het Excel-bestand is meteen het sjabloon: vul het aan, bewaar het en laad het "
        "weer op bij „Bestand opladen”.",
        "en": "The Excel file is also the template: fill it in, save it and upload it again "
        "under “Upload a file”.",
    },
    "data_upload_title": {"nl": "Bestand opladen", "en": "Upload a file"},
    "data_editions_title": {"nl": "Edities", "en": "Editions"},
    "data_table_title": {"nl": "De actieve gegevens", "en": "The active data"},
    "data_tab_edit": {"nl": "Bewerken in de app", "en": "Edit in the app"},
    "upload_label": {
        "nl": "Kies een Excel-, ODS- of CSV-bestand met diensten",
        "en": "Choose an Excel, ODS or CSV file with services",
    },
    # Streamlit's upload box writes "Upload" and "5MB per file • CSV, …" in English only.
    # Streamlit's own hints under a text box while typing; it has no Dutch for them.
    "hint_apply": {"nl": "Druk op Enter om toe te passen", "en": "Press Enter to apply"},
    "hint_submit": {"nl": "Druk op Enter om te versturen", "en": "Press Enter to submit form"},
    "hint_area_apply": {
        "nl": "Ctrl+Enter (⌘+Enter op een Mac) om toe te passen",
        "en": "Press Ctrl+Enter to apply",
    },
    "hint_area_submit": {
        "nl": "Ctrl+Enter (⌘+Enter op een Mac) om te versturen",
        "en": "Press Ctrl+Enter to submit form",
    },
    "upload_button": {"nl": "Bestand kiezen", "en": "Upload"},
    "upload_limits": {
        "nl": "Sleep een bestand hierheen · Excel, ODS of CSV · hoogstens {mb} MB",
        "en": "Drag a file here · Excel, ODS or CSV · at most {mb} MB",
    },
    "upload_help": {
        "nl": "Excel (.xlsx), LibreOffice (.ods) of CSV, met komma of puntkomma en gerust met "
        "decimale komma's; "
        "hoogstens {mb} MB. Het bestand wordt nagekeken in het geheugen; de actieve gegevens "
        "veranderen pas als je het als nieuwe editie bewaart.",
        "en": "Excel (.xlsx), LibreOffice (.ods) or CSV, with commas or semicolons and decimal "
        "commas if you like; "
        "at most {mb} MB. The file is checked in memory; the active data change only when you "
        "save it as a new edition.",
    },
    "upload_refused": {
        "nl": "{file} is geweigerd. Aantal problemen: {count}. Er is niets veranderd: de actieve "
        "gegevens zijn dezelfde gebleven. Verbeter het bestand en laad het opnieuw op.",
        "en": "{file} was refused. Problems: {count}. Nothing has changed: the active data are "
        "the same. Correct the file and upload it again.",
    },
    "upload_accepted": {
        "nl": "{file} is in orde: {count} diensten.",
        "en": "{file} is fine: {count} services.",
    },
    "compared_to_active": {
        "nl": "Tegenover de actieve editie: {added} nieuw, {removed} verdwenen, {changed} "
        "gewijzigd.",
        "en": "Compared with the active edition: {added} new, {removed} removed, {changed} "
        "changed.",
    },
    "named_added": {"nl": "Nieuw: {names}", "en": "New: {names}"},
    "named_removed": {"nl": "Verdwenen: {names}", "en": "Removed: {names}"},
    "save_edition": {
        "nl": "Bewaren als nieuwe editie en actief maken",
        "en": "Save as a new edition and make it active",
    },
    "edition_saved": {
        "nl": "Nieuwe editie bewaard en actief: {name}",
        "en": "New edition saved and active: {name}",
    },
    "edit_intro": {
        "nl": "Pas scores, namen, beschrijvingen, beslissingen en notities aan; voeg onderaan een "
        "dienst toe of verwijder er een (vink de rij aan). Alles wordt pas nagekeken als je "
        "bewaart, met dezelfde regels als een bestand.",
        "en": "Change scores, names, descriptions, decisions and notes; add a service at the "
        "bottom or delete one (tick its row). Everything is checked when you save, with the "
        "same rules as a file.",
    },
    "edit_refused": {
        "nl": "De bewerking is niet bewaard. Aantal problemen: {count}. De actieve gegevens zijn "
        "dezelfde gebleven. Regel 2 is de eerste dienst van de tabel.",
        "en": "The edit was not saved. Problems: {count}. The active data are the same. Line 2 "
        "is the table's first service.",
    },
    "edit_unchanged": {
        "nl": "Er is niets gewijzigd tegenover de actieve editie.",
        "en": "Nothing differs from the active edition.",
    },
    "edit_default_name": {"nl": "Bewerking", "en": "Edit"},
    "editions_intro": {
        "nl": "Elke editie blijft zoals ze bewaard is. De actieve editie geldt in dit "
        "browsertabblad, op elke pagina ervan, en in een link die je hier kopieert; wie de app "
        "elders of in een nieuw tabblad opent, begint op het plan 2019–2024. Een scenario opent "
        "op de editie waarop het gemaakt is.",
        "en": "Every edition stays as it was saved. The active edition holds in this browser "
        "tab, on each of its pages, and in a link you copy here; whoever opens the app elsewhere "
        "or in a new tab starts on the plan 2019–2024. A scenario opens on the edition it was "
        "made on.",
    },
    "edition_pick": {"nl": "Kies een editie", "en": "Choose an edition"},
    "edition_pick_help": {
        "nl": "Met welke scores de pagina's in dit browsertabblad rekenen: het plan 2019–2024 "
        "of een latere editie uit de pagina Gegevens. Een nieuw tabblad begint op het plan.",
        "en": "Which scores the pages in this browser tab use: the plan 2019–2024 or a later "
        "edition from the Data page. A new tab starts on the plan.",
    },
    "edition_activate": {"nl": "Actief maken", "en": "Make active"},
    "edition_activated": {
        "nl": "Actief in dit browsertabblad: {name}. Wie de app elders opent, ziet het plan "
        "2019–2024, tenzij je de link uit de adresbalk deelt.",
        "en": "Active in this browser tab: {name}. Whoever opens the app elsewhere sees the plan "
        "2019–2024, unless you share the link from the address bar.",
    },
    "edition_is_active": {
        "nl": "Dit is de actieve editie in dit browsertabblad.",
        "en": "This is the active edition in this browser tab.",
    },
    "edition_plan_fixed": {
        "nl": "De editie van het plan kan niet gewijzigd of verwijderd worden.",
        "en": "The plan's edition cannot be changed or deleted.",
    },
    "edition_delete_confirm": {
        "nl": "Deze editie definitief verwijderen?",
        "en": "Delete this edition for good?",
    },
    "edition_store_unusable": {
        "nl": "Edities kunnen nu niet bewaard of geopend worden; je ziet de gegevens van het plan.",
        "en": "Editions cannot be saved or opened now; you see the plan's data.",
    },
    "edition_active": {"nl": "Actief", "en": "Active"},
    "edition_count": {"nl": "Diensten", "en": "Services"},
    "edition_origin": {"nl": "Herkomst", "en": "Origin"},
    "edition_origin_plan": {"nl": "het strategisch plan", "en": "the strategic plan"},
    "edition_origin_upload": {"nl": "bestand {file}", "en": "file {file}"},
    "edition_origin_edit": {"nl": "bewerking van {name}", "en": "edit of {name}"},
    "edition_field": {"nl": "Veld", "en": "Field"},
    "edition_old": {"nl": "Oud", "en": "Old"},
    "edition_new": {"nl": "Nieuw", "en": "New"},
    "field_id": {"nl": "id", "en": "id"},
    "short_market_current": {"nl": "Markt nu", "en": "Market now"},
    "short_market_potential": {"nl": "Markt potentieel", "en": "Market potential"},
    "short_need_current": {"nl": "Behoefte nu", "en": "Need now"},
    "short_need_future": {"nl": "Behoefte toekomst", "en": "Need future"},
    "field_description": {"nl": "Beschrijving", "en": "Description"},
    "problem_line": {"nl": "Regel", "en": "Line"},
    "problem_service": {"nl": "Dienst", "en": "Service"},
    "problem_column": {"nl": "Kolom", "en": "Column"},
    "problem_value": {"nl": "Waarde", "en": "Value"},
    "problem_rule": {"nl": "Probleem", "en": "Problem"},
    "compare_intro": {
        "nl": "Zoals een technologieradar twee uitgaven vergelijkt: welke diensten nieuw zijn, "
        "welke verdwenen, welke scores veranderden en welke diensten van kwadrant wisselen, bij "
        "de tijdshorizon en de grenzen van de zijbalk (zonder aanpassingen).",
        "en": "The way a technology radar compares two releases: which services are new, which "
        "are gone, which scores changed and which services change quadrant, at the sidebar's "
        "time horizon and cuts (without what-ifs).",
    },
    "compare_old": {"nl": "Oude editie", "en": "Old edition"},
    "compare_new": {"nl": "Nieuwe editie", "en": "New edition"},
    "compare_only_one": {
        "nl": "Er is nog maar één editie. Laad een bestand op of bewerk de gegevens op de pagina "
        "Gegevens; daarna kun je hier vergelijken.",
        "en": "There is only one edition yet. Upload a file or edit the data on the Data page; "
        "then you can compare here.",
    },
    "compare_same": {
        "nl": "Kies twee verschillende edities om te vergelijken.",
        "en": "Choose two different editions to compare.",
    },
    "compare_identical": {
        "nl": "De twee edities hebben dezelfde diensten met dezelfde scores en teksten.",
        "en": "The two editions hold the same services with the same scores and texts.",
    },
    "compare_added": {"nl": "Nieuw", "en": "New"},
    "compare_removed": {"nl": "Verdwenen", "en": "Removed"},
    "compare_changed": {"nl": "Andere scores", "en": "Changed scores"},
    "compare_moved": {"nl": "Ander kwadrant", "en": "Other quadrant"},
    "compare_subtitle": {
        "nl": "Tijdshorizon {horizon} % · grenzen {market_cut} en {need_cut}",
        "en": "Time horizon {horizon} % · cuts {market_cut} and {need_cut}",
    },
    "compare_chart_caption": {
        "nl": "De kaart toont de nieuwe editie. Een pijl loopt van de plaats in de oude editie "
        "(holle stip) naar de plaats in de nieuwe; dikke oranje pijlen wisselen van kwadrant.",
        "en": "The map shows the new edition. An arrow runs from the place in the old edition "
        "(hollow dot) to the place in the new one; thick orange arrows change quadrant.",
    },
    "compare_moves_title": {"nl": "Van kwadrant gewisseld", "en": "Changed quadrant"},
    "compare_added_title": {"nl": "Nieuwe diensten", "en": "New services"},
    "compare_removed_title": {"nl": "Verdwenen diensten", "en": "Removed services"},
    "compare_scores_title": {"nl": "Gewijzigde scores", "en": "Changed scores"},
    "compare_texts_title": {
        "nl": "Gewijzigde namen, beschrijvingen en beslissingen",
        "en": "Changed names, descriptions and decisions",
    },
    "compare_none": {"nl": "Geen.", "en": "None."},
    # Access (issue 7)
    "facilitator_title": {"nl": "Facilitator", "en": "Facilitator"},
    "facilitator_yes": {
        "nl": "Je bent aangemeld als facilitator: je kunt gegevens en scenario's wijzigen.",
        "en": "You are signed in as facilitator: you can change data and scenarios.",
    },
    "facilitator_no": {
        "nl": "Kijken kan iedereen; gegevens en scenario's wijzigen kan alleen een facilitator.",
        "en": "Anyone can look; only a facilitator can change data and scenarios.",
    },
    "password": {"nl": "Wachtwoord", "en": "Password"},
    "password_wrong": {"nl": "Dat wachtwoord klopt niet.", "en": "That password is wrong."},
    "sign_in": {"nl": "Aanmelden", "en": "Sign in"},
    "sign_out": {"nl": "Afmelden", "en": "Sign out"},
    "viewer_only": {
        "nl": "Alleen een facilitator kan dit wijzigen. Meld je aan in de zijbalk.",
        "en": "Only a facilitator can change this. Sign in in the sidebar.",
    },
    # Strategiekaart 8.3 (issue 8)
    "page_strategy_map": {"nl": "Strategiekaart 8.3", "en": "Strategy map 8.3"},
    "smap_intro": {
        "nl": "Deel 8.3 van het plan zet elke dienst onder één van drie hoofdingen. Links staan "
        "ze zoals het plan besliste, rechts zoals de matrix ze plaatst bij tijdshorizon "
        "{horizon} %, met de grenzen en de aanpassingen per dienst uit de zijbalk. Vermeerder en Creëer vallen onder "
        "investeren, Verminder onder verminderen, Elimineer onder elimineren.",
        "en": "Part 8.3 of the plan puts every service under one of three headings. Left as "
        "the plan decided, right as the matrix places them at time horizon {horizon} %, with the "
        "sidebar's cuts and what-ifs. Raise and Create fall under invest, Reduce under reduce, "
        "Eliminate under eliminate.",
    },
    "smap_side_plan": {"nl": "Volgens het plan", "en": "According to the plan"},
    "smap_side_matrix": {"nl": "Volgens de matrix", "en": "According to the matrix"},
    "smap_heading_invest": {
        "nl": "Vermeerderen en creëren (investeren)",
        "en": "Raise and create (invest)",
    },
    "smap_heading_reduce": {
        "nl": "Verminderen / afwachten / niches",
        "en": "Reduce / wait / niches",
    },
    "smap_heading_eliminate": {"nl": "Elimineren", "en": "Eliminate"},
    "smap_heading_not_stated": {
        "nl": "Niet vermeld in de tekst",
        "en": "Not stated in the text",
    },
    "smap_state_differs": {
        "nl": "andere hoofding dan in het plan",
        "en": "other heading than in the plan",
    },
    "smap_state_agrees": {
        "nl": "zelfde hoofding als in het plan",
        "en": "same heading as in the plan",
    },
    "smap_state_not_stated": {"nl": "niet vermeld in het plan", "en": "not stated in the plan"},
    "smap_legend": {
        "nl": "staat onder een andere hoofding dan in het plan: {count} van de {total} "
        "diensten waarover het plan beslist",
        "en": "under another heading than in the plan: {count} of the {total} services "
        "the plan decides on",
    },
    "smap_differ_metric": {"nl": "Te bespreken", "en": "To discuss"},
    "smap_differ_help": {
        "nl": "Van de {total} diensten waarover de tekst van het plan beslist; diensten die het "
        "plan niet vermeldt, tellen niet mee.",
        "en": "Of the {total} services the plan's text decides on; services the plan does not "
        "mention do not count.",
    },
    "smap_none": {
        "nl": "Kies in de zijbalk minstens één werkdomein.",
        "en": "Choose at least one work domain in the sidebar.",
    },
    "smap_counts_title": {"nl": "Aantal diensten per hoofding", "en": "Services per heading"},
    "smap_count_heading": {"nl": "Hoofding", "en": "Heading"},
    "smap_export_png": {"nl": "Strategiekaart (PNG)", "en": "Strategy map (PNG)"},
    "smap_export_pdf": {"nl": "Strategiekaart (PDF)", "en": "Strategy map (PDF)"},
    "smap_export_caption": {
        "nl": "Dia van 1920 × 1080 met titel, scenario, instellingen en datum; de PNG op "
        "dubbele resolutie.",
        "en": "A 1920 × 1080 slide with title, scenario, settings and date; the PNG at double "
        "resolution.",
    },
    # Finding a service (issue 6)
    "search_service": {"nl": "Zoek een dienst", "en": "Find a service"},
    "search_placeholder": {
        "nl": "naam of code, bv. mobiliteit of o6",
        "en": "name or code, e.g. mobility or o6",
    },
    "search_found": {
        "nl": "{count} gevonden, omcirkeld op de kaart.",
        "en": "{count} found, circled on the map.",
    },
    "search_none": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "dense_caption": {
        "nl": "{count} diensten: te veel om elk een eigen plaats met code te geven. Elke stip "
        "is een dienst; zoek een dienst om hem te omcirkelen en aan te passen.",
        "en": "{count} services: too many to give each its own place and code. Every dot is a "
        "service; find one to circle it and adjust it.",
    },
    "search_first": {
        "nl": "Zoek eerst een dienst hierboven.",
        "en": "First find a service above.",
    },
    # Data problems
    "data_error": {
        "nl": "De gegevens kunnen niet geladen worden.",
        "en": "The data cannot be loaded.",
    },
    # The loader's problems (igemo_data.loading): the Dutch is what tests and users know.
    "load_refused_one": {
        "nl": "Het bestand is geweigerd: 1 probleem.",
        "en": "The file was refused: 1 problem.",
    },
    "load_refused_many": {
        "nl": "Het bestand is geweigerd: {count} problemen.",
        "en": "The file was refused: {count} problems.",
    },
    "load_problem_at": {
        "nl": "regel {line}, waarde '{value}': {rule}",
        "en": "line {line}, value '{value}': {rule}",
    },
    "load_problem_at_column": {
        "nl": "regel {line}, kolom '{column}', waarde '{value}': {rule}",
        "en": "line {line}, column '{column}', value '{value}': {rule}",
    },
    "load_unknown_columns": {
        "nl": "Onbekende kolommen worden genegeerd: {columns}.",
        "en": "Unknown columns are ignored: {columns}.",
    },
    "load_column_number": {"nl": "kolom {number}", "en": "column {number}"},
    "load_column_unnamed": {
        "nl": "kolom {number} zonder naam",
        "en": "column {number} without a name",
    },
    "load_cannot_read": {
        "nl": "het bestand kan niet gelezen worden: {reason}",
        "en": "the file cannot be read: {reason}",
    },
    "load_reason_missing": {"nl": "het bestaat niet", "en": "it does not exist"},
    "load_reason_directory": {
        "nl": "dit is een map, geen bestand",
        "en": "this is a folder, not a file",
    },
    "load_reason_permission": {
        "nl": "er is geen toelating om het te lezen",
        "en": "there is no permission to read it",
    },
    "load_reason_code": {
        "nl": "leesfout (foutcode {code})",
        "en": "read error (error code {code})",
    },
    "load_reason_unknown": {"nl": "leesfout", "en": "read error"},
    "load_bad_file_name": {
        "nl": "dit is geen geldige bestandsnaam",
        "en": "this is not a valid file name",
    },
    "load_bytes_not_text": {
        "nl": "geef het bestand als bytes, niet als tekst",
        "en": "give the file as bytes, not as text",
    },
    "load_value_bytes": {"nl": "{count} bytes", "en": "{count} bytes"},
    "load_too_many_bytes": {
        "nl": "een bestand mag hoogstens {limit} bytes zijn",
        "en": "a file may be at most {limit} bytes",
    },
    "load_empty": {"nl": "het bestand is leeg", "en": "the file is empty"},
    "load_old_excel": {
        "nl": "dit is een oud Excel-bestand (XLS) of een Excel-bestand met wachtwoord; "
        "bewaar de tabel als XLSX zonder wachtwoord, of als CSV",
        "en": "this is an old Excel file (XLS) or an Excel file with a password; "
        "save the table as XLSX without a password, or as CSV",
    },
    "upload_refused_in_browser": {
        "nl": "Dit bestand is groter dan {mb} MB en is niet verstuurd; kies een kleiner bestand.",
        "en": "This file is larger than {mb} MB and was not sent; choose a smaller file.",
    },
    "load_cell_not_text": {
        "nl": "een cel mag geen stuurteken bevatten (zoals een tab of een leeg teken); "
        "haal het weg of typ de tekst opnieuw",
        "en": "a cell may not hold a control character (such as a tab or a null character); "
        "remove it or type the text again",
    },
    "load_not_text": {
        "nl": "dit is geen tekstbestand (CSV), geen Excel-bestand (XLSX) en geen "
        "LibreOffice-rekenblad (ODS); bewaar de tabel als CSV, XLSX of ODS",
        "en": "this is neither a text file (CSV) nor an Excel file (XLSX) nor a LibreOffice "
        "spreadsheet (ODS); save the table as CSV, XLSX or ODS",
    },
    "load_quote_unclosed": {
        "nl": "het aanhalingsteken aan het begin van deze waarde wordt nergens gesloten",
        "en": "the quotation mark at the start of this value is never closed",
    },
    "load_quote_trailing": {
        "nl": "na het sluitende aanhalingsteken staat nog tekst; zet de hele waarde tussen "
        'aanhalingstekens en verdubbel elk aanhalingsteken erin ("")',
        "en": "there is more text after the closing quotation mark; put the whole value "
        'between quotation marks and double every quotation mark in it ("")',
    },
    "load_xlsx_broken": {
        "nl": "het Excel-bestand (XLSX) is beschadigd of onleesbaar",
        "en": "the Excel file (XLSX) is damaged or unreadable",
    },
    "load_xlsx_doctype": {
        "nl": "het Excel-bestand bevat XML-definities (DOCTYPE of ENTITY) die Excel zelf "
        "nooit schrijft; zo'n bestand wordt niet geopend",
        "en": "the Excel file holds XML definitions (DOCTYPE or ENTITY) that Excel itself "
        "never writes; such a file is not opened",
    },
    "load_value_unpacked": {"nl": "{count} bytes uitgepakt", "en": "{count} bytes unpacked"},
    "load_xlsx_too_big": {
        "nl": "het Excel-bestand pakt uit tot meer dan {limit} MB; dat is geen tabel met diensten",
        "en": "the Excel file unpacks to more than {limit} MB; that is not a table of services",
    },
    "load_sheet_unreadable": {
        "nl": "het eerste werkblad van het Excel-bestand is onleesbaar",
        "en": "the first worksheet of the Excel file is unreadable",
    },
    "load_too_many_rows": {
        "nl": "hoogstens {limit} diensten per bestand",
        "en": "at most {limit} services per file",
    },
    "load_no_header": {
        "nl": "de eerste regel moet de kolomnamen bevatten",
        "en": "the first line must hold the column names",
    },
    "load_value_columns": {"nl": "{count} kolommen", "en": "{count} columns"},
    "load_too_many_columns": {
        "nl": "hoogstens {limit} kolommen zijn toegestaan",
        "en": "at most {limit} columns are allowed",
    },
    "load_column_twice": {
        "nl": "deze kolom staat twee keer in de kopregel",
        "en": "this column appears twice in the header line",
    },
    "load_column_missing": {
        "nl": "de verplichte kolom '{column}' ontbreekt in de kopregel",
        "en": "the required column '{column}' is missing from the header line",
    },
    "load_no_services": {
        "nl": "er staan geen diensten onder de kopregel",
        "en": "there are no services below the header line",
    },
    "load_blank": {"nl": "'{column}' mag niet leeg zijn", "en": "'{column}' must not be empty"},
    "load_bad_domain": {
        "nl": "het werkdomein moet een van {domains} zijn",
        "en": "the work domain must be one of {domains}",
    },
    "load_bad_decision": {
        "nl": "de beslissing moet leeg zijn of een van {decisions}",
        "en": "the decision must be empty or one of {decisions}",
    },
    "load_score_blank": {
        "nl": "een score mag niet leeg zijn; geef een getal van {low} tot en met {high}",
        "en": "a score must not be empty; give a number from {low} to {high}",
    },
    "load_score_not_number": {
        "nl": "een score moet een getal zijn van {low} tot en met {high} "
        "(bv. {low}, {middle} of {high})",
        "en": "a score must be a number from {low} to {high} (e.g. {low}, {middle} or {high})",
    },
    "load_score_outside": {
        "nl": "een score moet liggen tussen {low} en {high} (grenzen inbegrepen)",
        "en": "a score must lie between {low} and {high} (both included)",
    },
    "load_bad_id": {
        "nl": "een id bestaat uit kleine letters, cijfers en - _ . (zoals ruimte-e1); "
        "ze staat in links en bestandsnamen",
        "en": "an id consists of lower-case letters, digits and - _ . (like ruimte-e1); "
        "it appears in links and file names",
    },
    "load_text_too_long": {
        "nl": "deze tekst is {length} tekens lang; hoogstens {limit} zijn toegestaan",
        "en": "this text is {length} characters long; at most {limit} are allowed",
    },
    "load_id_repeated": {
        "nl": "deze id staat al op regel {first}; elke id moet uniek zijn",
        "en": "this id already appears on line {first}; every id must be unique",
    },
    "load_too_many_problems": {
        "nl": "te veel problemen; de rest is niet nagekeken",
        "en": "too many problems; the rest was not checked",
    },
    "load_ragged_short": {
        "nl": "deze regel heeft {fields} velden in plaats van {width}; "
        "vanaf kolom '{column}' ontbreekt alles",
        "en": "this line has {fields} fields instead of {width}; "
        "everything from column '{column}' on is missing",
    },
    "load_ragged_long": {
        "nl": "deze regel heeft {fields} velden in plaats van {width}; zit er een "
        "scheidingsteken te veel in een waarde? Zet zo'n waarde tussen aanhalingstekens",
        "en": "this line has {fields} fields instead of {width}; is there one separator too "
        "many in a value? Put such a value between quotation marks",
    },
    # The upload's own checks (igemo_data.uploads, before the loader reads the file)
    "load_upload_type": {
        "nl": "alleen een CSV-bestand (.csv, .txt), een Excel-bestand (.xlsx) of een "
        "LibreOffice-rekenblad (.ods) kan gelezen worden",
        "en": "only a CSV file (.csv, .txt), an Excel file (.xlsx) or a LibreOffice "
        "spreadsheet (.ods) can be read",
    },
    "load_upload_too_big": {
        "nl": "een bestand mag hoogstens {mb} MB zijn; het is niet gelezen",
        "en": "a file may be at most {mb} MB; it was not read",
    },
    # The stores' refusals (igemo_data.store): str(error) is the Dutch, text(lang) either
    # The screen names "the data folder (STRATEGIEKAART_DB)", never a path, a PID or DuckDB's
    # words (those go to the server log); {cause} and {fix} are store_cause_… and store_fix_….
    "store_folder_missing": {
        "nl": "De gegevensmap voor de scenario's, edities, scoreronden en beslissingen "
        "(STRATEGIEKAART_DB) bestaat niet. "
        "De beheerder maakt ze aan of zet STRATEGIEKAART_DB op een bestaande map; "
        "het serverlog noemt de map.",
        "en": "The data folder for the scenarios, editions, scoring rounds and decisions "
        "(STRATEGIEKAART_DB) does not exist. "
        "The administrator creates it or sets STRATEGIEKAART_DB to an existing folder; "
        "the server log names the folder.",
    },
    "store_cannot_create": {
        "nl": "Het bestand voor scenario's, edities, scoreronden en beslissingen kan niet "
        "gemaakt worden in de gegevensmap "
        "(STRATEGIEKAART_DB): {cause}. {fix}",
        "en": "The file for scenarios, editions, scoring rounds and decisions cannot be created "
        "in the data folder "
        "(STRATEGIEKAART_DB): {cause}. {fix}",
    },
    "store_in_use": {
        "nl": "Het bestand met scenario's, edities, scoreronden en beslissingen "
        "(STRATEGIEKAART_DB) is in gebruik door een "
        "ander programma. De beheerder sluit dat programma (of de tweede app op hetzelfde "
        "bestand) en herstart de app; het serverlog noemt het programma.",
        "en": "The file with scenarios, editions, scoring rounds and decisions "
        "(STRATEGIEKAART_DB) is in use by another "
        "program. The administrator closes that program (or the second app on the same file) "
        "and restarts the app; the server log names the program.",
    },
    "store_cannot_open": {
        "nl": "Het bestand met scenario's, edities, scoreronden en beslissingen "
        "(STRATEGIEKAART_DB) kan niet geopend "
        "worden: {cause}. {fix}",
        "en": "The file with scenarios, editions, scoring rounds and decisions "
        "(STRATEGIEKAART_DB) cannot be opened: "
        "{cause}. {fix}",
    },
    "store_read_only": {
        "nl": "Scenario's, edities, scoreronden en beslissingen zijn nu alleen-lezen: {cause}. "
        "Wat bewaard is, blijft te "
        "zien, maar er kan niets nieuws bewaard worden. {fix}",
        "en": "Scenarios, editions, scoring rounds and decisions are read-only now: {cause}. "
        "What was saved can still be "
        "seen, but nothing new can be saved. {fix}",
    },
    "store_set_aside": {
        "nl": "Het bestand met scenario's, edities, scoreronden en beslissingen was beschadigd "
        "en is opzijgezet als "
        "{aside}; er is een nieuw, leeg bestand begonnen.",
        "en": "The file with scenarios, editions, scoring rounds and decisions was damaged and "
        "has been set aside as "
        "{aside}; a new, empty file has been started.",
    },
    "store_write_failed": {
        "nl": "{what} kon niet bewaard worden: {cause}. Wat eerder bewaard was, is ongewijzigd. "
        "{fix}",
        "en": "{what} could not be saved: {cause}. What was saved before is unchanged. {fix}",
    },
    "store_write_read_only": {
        "nl": "{what} kon niet bewaard worden: scenario's, edities, scoreronden en beslissingen "
        "zijn nu alleen-lezen. "
        "Wat eerder bewaard was, is ongewijzigd.",
        "en": "{what} could not be saved: scenarios, editions, scoring rounds and decisions are "
        "read-only now. "
        "What was saved before is unchanged.",
    },
    "store_field_name": {"nl": "naam", "en": "name"},
    "store_field_author": {"nl": "auteur", "en": "author"},
    "store_field_note": {"nl": "notitie", "en": "note"},
    "scenario_the": {"nl": "Het scenario", "en": "The scenario"},
    "scenario_text_missing": {
        "nl": "Geef het scenario een {what}.",
        "en": "Give the scenario a {what}.",
    },
    "scenario_text_too_long": {
        "nl": "De {what} mag hoogstens {limit} tekens lang zijn.",
        "en": "The {what} may be at most {limit} characters long.",
    },
    "scenario_name_taken": {
        "nl": "Er bestaat al een scenario met de naam '{name}' (laatst bewaard {saved}). "
        "Kies een andere naam of overschrijf het bewust.",
        "en": "A scenario named '{name}' already exists (last saved {saved}). "
        "Choose another name or overwrite it on purpose.",
    },
    "scenario_gone": {
        "nl": "Dit scenario bestaat niet (meer).",
        "en": "This scenario does not exist (any more).",
    },
    "edition_the": {"nl": "De editie", "en": "The edition"},
    "edition_text_missing": {
        "nl": "Geef de editie een {what}.",
        "en": "Give the edition a {what}.",
    },
    "edition_text_too_long": {
        "nl": "De {what} van een editie mag hoogstens {limit} tekens lang zijn.",
        "en": "The {what} of an edition may be at most {limit} characters long.",
    },
    "edition_name_taken": {
        "nl": "Er bestaat al een editie met de naam '{name}'. Kies een andere naam.",
        "en": "An edition named '{name}' already exists. Choose another name.",
    },
    "edition_gone": {
        "nl": "Deze editie bestaat niet (meer).",
        "en": "This edition does not exist (any more).",
    },
    "edition_unreadable": {
        "nl": "De edities in de gegevensmap (STRATEGIEKAART_DB) kunnen niet gelezen worden: "
        "{cause}. {fix}",
        "en": "The editions in the data folder (STRATEGIEKAART_DB) cannot be read: {cause}. {fix}",
    },
    "edition_plan_unloadable": {
        "nl": "De gegevens van het plan ({path}) kunnen niet geladen worden: {failure}",
        "en": "The plan's data ({path}) cannot be loaded: {failure}",
    },
    "edition_plan_undeletable": {
        "nl": "De editie '{name}' is de basis van alles en kan niet verwijderd worden.",
        "en": "The edition '{name}' is the basis of everything and cannot be deleted.",
    },
    "edition_in_use": {
        "nl": "Deze editie wordt gebruikt door de scenario's {shown}{more}; die openen erop. "
        "Verwijder eerst die scenario's.",
        "en": "This edition is used by the scenarios {shown}{more}; they open on it. "
        "Delete those scenarios first.",
    },
    "edition_in_use_more": {"nl": " en {count} andere", "en": " and {count} others"},
    "edition_gone_shown_plan": {
        "nl": "De gekozen editie bestaat niet (meer); je ziet de gegevens van {plan}.",
        "en": "The chosen edition does not exist (any more); you see the data of {plan}.",
    },
    # The plan's edition note is stored data of the plan (Dutch in every language)
    "edition_plan_note": {
        "nl": "De scores en beslissingen uit het strategisch plan 2019–2024.",
        "en": "The scores and decisions of the strategic plan 2019–2024.",
    },
    # Settings no slider could set (igemo_data.settings, igemo_data.matrix)
    "settings_out_of_range": {
        "nl": "De {what} moet tussen {low} en {high} liggen, niet {value}.",
        "en": "The {what} must lie between {low} and {high}, not {value}.",
    },
    "settings_what_horizon": {"nl": "tijdshorizon", "en": "time horizon"},
    "settings_what_market_cut": {"nl": "grens marktpositie", "en": "market position cut"},
    "settings_what_need_cut": {"nl": "grens behoefte", "en": "need cut"},
    "settings_what_if": {
        "nl": "what-if {axis} van {service}",
        "en": "what-if {axis} of {service}",
    },
    "settings_unknown_domain": {
        "nl": "Onbekend werkdomein in het scenario: {domains}",
        "en": "Unknown work domain in the scenario: {domains}",
    },
    "settings_unknown_what_if": {
        "nl": "Onbekende what-if '{axis}' voor {service}",
        "en": "Unknown what-if '{axis}' for {service}",
    },
    "matrix_out_of_range": {
        "nl": "{name} moet tussen {low} en {high} liggen, niet {value}",
        "en": "{name} must lie between {low} and {high}, not {value}",
    },
    "matrix_unknown_services": {
        "nl": "onbekende dienst(en) in de what-ifs: {services}",
        "en": "unknown service(s) in the what-ifs: {services}",
    },
    "matrix_what_if_shape": {
        "nl": "what-if voor {service}: geef {shape}, niet {value}",
        "en": "what-if for {service}: give {shape}, not {value}",
    },
    "matrix_what_if_axes": {
        "nl": "what-if voor {service}: alleen 'market' en 'need', niet {extra}",
        "en": "what-if for {service}: only 'market' and 'need', not {extra}",
    },
    "matrix_what_if": {
        "nl": "what-if {axis} voor {service}",
        "en": "what-if {axis} for {service}",
    },
    # An upload refused before it is read (igemo_data.uploads)
    "upload_size_value": {"nl": "{size} MB", "en": "{size} MB"},
    "upload_size_value_named": {"nl": "{name}: {size} MB", "en": "{name}: {size} MB"},
    # The services workbook, which doubles as the template (igemo_data.spreadsheet)
    "workbook_sheet_services": {"nl": "Diensten", "en": "Services"},
    "workbook_sheet_notes": {"nl": "Toelichting", "en": "Notes"},
    "workbook_not_allowed": {
        "nl": "Deze waarde is niet toegestaan; zie het blad {notes}.",
        "en": "This value is not allowed; see the sheet {notes}.",
    },
    "workbook_notes_column": {"nl": "kolom", "en": "column"},
    "workbook_notes_meaning": {"nl": "betekenis en regel", "en": "meaning and rule"},
    "workbook_notes_footer": {
        "nl": "Alleen het eerste blad wordt gelezen. Elke id is uniek; onbekende kolommen worden "
        "genegeerd. Bewaar als .xlsx of als CSV (puntkomma of komma).",
        "en": "Only the first sheet is read. Every id is unique; unknown columns are "
        "ignored. Save as .xlsx or as CSV (semicolon or comma).",
    },
    "workbook_help_id": {
        "nl": "uniek, kleine letters: <werkdomein>-<code>, bv. ruimte-e1",
        "en": "unique, lower case: <work domain>-<code>, e.g. ruimte-e1",
    },
    "workbook_help_domain": {"nl": "werkdomein: {domains}", "en": "work domain: {domains}"},
    "workbook_help_cluster": {
        "nl": "de groep uit het plan, bv. Lokale economie en werk",
        "en": "the group from the plan, e.g. Lokale economie en werk",
    },
    "workbook_help_code": {
        "nl": "de code uit het plan, bv. e1, o6, v2",
        "en": "the code from the plan, e.g. e1, o6, v2",
    },
    "workbook_help_name": {"nl": "korte naam van de dienst", "en": "short name of the service"},
    "workbook_help_description": {
        "nl": "toelichting, mag leeg zijn",
        "en": "explanation, may be empty",
    },
    "workbook_help_market_current": {
        "nl": "huidige marktpositie, getal van {low} tot en met {high}",
        "en": "current market position, a number from {low} to {high} inclusive",
    },
    "workbook_help_market_potential": {
        "nl": "potentiële marktpositie, getal van {low} tot en met {high}",
        "en": "potential market position, a number from {low} to {high} inclusive",
    },
    "workbook_help_need_current": {
        "nl": "huidige behoefte, getal van {low} tot en met {high}",
        "en": "current need, a number from {low} to {high} inclusive",
    },
    "workbook_help_need_future": {
        "nl": "toekomstige behoefte, getal van {low} tot en met {high}",
        "en": "future need, a number from {low} to {high} inclusive",
    },
    "workbook_help_plan_decision": {
        "nl": "leeg of een van {decisions}",
        "en": "empty or one of {decisions}",
    },
    "workbook_help_plan_note": {
        "nl": "wat het plan zegt, met het deel, bv. 8.2.1: …",
        "en": "what the plan says, with its section, e.g. 8.2.1: …",
    },
    # Issue 13, item 2: access fails closed
    "access_locked": {
        "nl": "De toegangsinstellingen (`.streamlit/secrets.toml`) zijn onleesbaar: niemand kan "
        "nu gegevens of scenario's wijzigen. Kijken kan wel. Beheerder: het serverlog zegt wat "
        "er mis is; herstel het bestand, dan geldt het meteen.",
        "en": "The access settings (`.streamlit/secrets.toml`) cannot be read: nobody can change "
        "data or scenarios now. Viewing still works. Administrator: the server log says what is "
        "wrong; fix the file and it applies at once.",
    },
    "access_no_facilitators": {
        "nl": "Aanmelden is ingesteld, maar er is geen lijst van facilitators "
        '(`facilitators = ["naam@igemo.be"]` in `.streamlit/secrets.toml`): niemand kan '
        "wijzigen, ook niet na aanmelden.",
        "en": "Sign-in is configured, but there is no list of facilitators "
        '(`facilitators = ["name@igemo.be"]` in `.streamlit/secrets.toml`): nobody can '
        "change anything, not even after signing in.",
    },
    "access_bad_facilitators": {
        "nl": "De lijst van facilitators in `.streamlit/secrets.toml` bevat iets dat geen "
        'e-mailadres is; dat telt niet mee. Schrijf ze als `facilitators = ["naam@igemo.be"]`.',
        "en": "The list of facilitators in `.streamlit/secrets.toml` holds something that is not "
        "an e-mail address; it does not count. Write them as "
        '`facilitators = ["name@igemo.be"]`.',
    },
    "access_not_listed": {
        "nl": "Je bent aangemeld als {email}, maar dat adres staat niet in de lijst van "
        "facilitators: je kunt kijken, niet wijzigen.",
        "en": "You are signed in as {email}, but that address is not on the list of "
        "facilitators: you can look, not change.",
    },
    "password_wait": {
        "nl": "Te veel foute pogingen. Probeer opnieuw over {seconds} s.",
        "en": "Too many wrong tries. Try again in {seconds} s.",
    },
    # Issue 13, item 1: an unwritable store is not damaged; the operator is told what to do
    "store_damaged_stuck": {
        "nl": "Het bestand met scenario's en edities (STRATEGIEKAART_DB) is beschadigd en kon "
        "niet opzijgezet worden: {cause}. {fix} Of de beheerder verplaatst het beschadigde "
        "bestand zelf; daarna begint de app een nieuw, leeg bestand.",
        "en": "The file with scenarios and editions (STRATEGIEKAART_DB) is damaged and could "
        "not be set aside: {cause}. {fix} Or the administrator moves the damaged file away; "
        "the app then starts a new, empty file.",
    },
    "store_cause_permission": {
        "nl": "de app heeft geen schrijfrechten op het bestand of de gegevensmap "
        "(STRATEGIEKAART_DB)",
        "en": "the app has no permission to write the file or the data folder (STRATEGIEKAART_DB)",
    },
    "store_fix_permission": {
        "nl": "De beheerder geeft de app die schrijfrechten (chattr -i als het bestand "
        "onveranderbaar is gemaakt) en herstart de app.",
        "en": "The administrator gives the app that permission (chattr -i if the file was made "
        "immutable) and restarts the app.",
    },
    "store_cause_read_only_disk": {
        "nl": "de schijf van de gegevensmap (STRATEGIEKAART_DB) is alleen-lezen gekoppeld",
        "en": "the disk of the data folder (STRATEGIEKAART_DB) is mounted read-only",
    },
    "store_fix_read_only_disk": {
        "nl": "De beheerder koppelt de schijf met schrijfrechten of zet STRATEGIEKAART_DB op "
        "een schrijfbare map, en herstart de app.",
        "en": "The administrator mounts the disk writable or sets STRATEGIEKAART_DB to a "
        "writable folder, and restarts the app.",
    },
    "store_cause_too_many_files": {
        "nl": "de server heeft te veel bestanden tegelijk open",
        "en": "the server has too many files open at once",
    },
    "store_fix_too_many_files": {
        "nl": "Probeer het zo dadelijk opnieuw; blijft het, dan verhoogt de beheerder de limiet "
        "op open bestanden (ulimit -n of LimitNOFILE) en herstart de app.",
        "en": "Try again in a moment; if it stays, the administrator raises the limit on open "
        "files (ulimit -n or LimitNOFILE) and restarts the app.",
    },
    "store_cause_disk_full": {
        "nl": "de schijf van de gegevensmap (STRATEGIEKAART_DB) is vol",
        "en": "the disk of the data folder (STRATEGIEKAART_DB) is full",
    },
    "store_fix_disk_full": {
        "nl": "De beheerder maakt ruimte vrij op die schijf.",
        "en": "The administrator frees space on that disk.",
    },
    "store_cause_other": {
        "nl": "DuckDB meldt een fout",
        "en": "DuckDB reports an error",
    },
    "store_fix_other": {
        "nl": "De beheerder vindt de details in het serverlog (logger strategiekaart).",
        "en": "The administrator finds the details in the server log (logger strategiekaart).",
    },
    # Issue 13, item 5: no silent partial or garbled import (igemo_data.loading, igemo_data.ods)
    "load_read_as_cp1252": {
        "nl": "regel {line}: de byte {bytes} is geen UTF-8 zoals de rest van het bestand en is "
        "gelezen als Windows-1252: '{text}'; kijk die waarde na",
        "en": "line {line}: the byte {bytes} is not UTF-8 like the rest of the file and was "
        "read as Windows-1252: '{text}'; check that value",
    },
    "load_read_as_utf8": {
        "nl": "regel {line}: de bytes {bytes} zijn UTF-8 in een bestand dat verder Windows-1252 "
        "is, en zijn zo gelezen: '{text}'; kijk die waarde na",
        "en": "line {line}: the bytes {bytes} are UTF-8 in a file that is otherwise "
        "Windows-1252, and were read as such: '{text}'; check that value",
    },
    "load_read_as_more": {
        "nl": "en nog {count} zulke plaatsen; bewaar het bestand best opnieuw als 'CSV UTF-8'",
        "en": "and {count} more such places; best save the file again as 'CSV UTF-8'",
    },
    "load_byte_unknown": {
        "nl": "deze byte is geen UTF-8 en geen Windows-1252, dus geen tekst; bewaar het "
        "bestand opnieuw als 'CSV UTF-8'",
        "en": "this byte is neither UTF-8 nor Windows-1252, so not text; save the file again "
        "as 'CSV UTF-8'",
    },
    "load_ods_broken": {
        "nl": "het LibreOffice-bestand (ODS) is beschadigd of onleesbaar",
        "en": "the LibreOffice file (ODS) is damaged or unreadable",
    },
    "load_ods_doctype": {
        "nl": "het LibreOffice-bestand (ODS) bevat XML-definities (DOCTYPE of ENTITY) die "
        "LibreOffice zelf nooit schrijft; zo'n bestand wordt niet geopend",
        "en": "the LibreOffice file (ODS) holds XML definitions (DOCTYPE or ENTITY) that "
        "LibreOffice itself never writes; such a file is not opened",
    },
    "load_ods_too_big": {
        "nl": "het LibreOffice-bestand (ODS) pakt uit tot meer dan {limit} MB; dat is geen "
        "tabel met diensten",
        "en": "the LibreOffice file (ODS) unpacks to more than {limit} MB; that is not a "
        "table of services",
    },
    "load_ods_not_spreadsheet": {
        "nl": "dit OpenDocument-bestand is geen rekenblad (ODS), bv. een tekstdocument; "
        "bewaar de tabel in LibreOffice Calc als ODS, XLSX of CSV",
        "en": "this OpenDocument file is not a spreadsheet (ODS), e.g. a text document; "
        "save the table in LibreOffice Calc as ODS, XLSX or CSV",
    },
    "load_ods_password": {
        "nl": "het LibreOffice-bestand (ODS) is met een wachtwoord beveiligd; bewaar het "
        "zonder wachtwoord",
        "en": "the LibreOffice file (ODS) is protected with a password; save it without one",
    },
    # Issue 13, item 4: no lost update (a scenario saved by someone else in between)
    "scenario_changed_meanwhile": {
        "nl": "Het scenario '{name}' is intussen gewijzigd door {by} ({saved}); er is niets "
        "bewaard. Overschrijf het of bewaar je versie als nieuw scenario.",
        "en": "The scenario '{name}' was changed meanwhile by {by} ({saved}); nothing was "
        "saved. Overwrite it or save your version as a new scenario.",
    },
    "scenario_changed_by_someone": {"nl": "iemand anders", "en": "someone else"},
    "scenario_changed_ask": {
        "nl": "Intussen gewijzigd door {by} ({saved}) — overschrijven of als nieuw bewaren?",
        "en": "Changed meanwhile by {by} ({saved}) — overwrite or save as new?",
    },
    "scenario_save_as_new": {"nl": "Als nieuw bewaren", "en": "Save as new"},
    # Issue 18, item 12: the services file's column names in each language. They are part of
    # the file contract (the loader accepts them beside the technical names of design §2):
    # changing one means files saved with the old word no longer load.
    "column_id": {"nl": "Id", "en": "Id"},
    "column_domain": {"nl": "Werkdomein", "en": "Work domain"},
    "column_cluster": {"nl": "Cluster", "en": "Cluster"},
    "column_code": {"nl": "Code", "en": "Code"},
    "column_name": {"nl": "Naam", "en": "Name"},
    "column_description": {"nl": "Beschrijving", "en": "Description"},
    "column_market_current": {"nl": "Huidige marktpositie", "en": "Current market position"},
    "column_market_potential": {
        "nl": "Potentiële marktpositie",
        "en": "Potential market position",
    },
    "column_need_current": {"nl": "Huidige behoefte", "en": "Current need"},
    "column_need_future": {"nl": "Toekomstige behoefte", "en": "Future need"},
    "column_plan_decision": {"nl": "Beslissing van het plan", "en": "Plan decision"},
    "column_plan_note": {"nl": "Wat het plan zegt", "en": "What the plan says"},
    "workbook_notes_technical": {
        "nl": "ook geldig als kolomnaam",
        "en": "also valid as column name",
    },
    "load_decision_words": {
        "nl": "{technical}, of in woorden: {invest}, {wait}, {niche}, {phase_out}, {no_invest}",
        "en": "{technical}, or in words: {invest}, {wait}, {niche}, {phase_out}, {no_invest}",
    },
    # Issue 18, items 2–4: a slide names its edition, "active" says where, the horizon shown
    "slide_scenario": {"nl": "scenario {name}", "en": "scenario {name}"},
    "edition_activate_help": {
        "nl": "Maakt deze editie actief in dit browsertabblad: elke pagina rekent er hier mee en "
        "een link die je hier kopieert, opent ermee. Wie de app elders of in een nieuw tabblad "
        "opent, begint op het plan 2019–2024.",
        "en": "Makes this edition active in this browser tab: every page here works with it and "
        "a link you copy here opens with it. Whoever opens the app elsewhere or in a new tab "
        "starts on the plan 2019–2024.",
    },
    "smap_side_matrix_at": {
        "nl": "Volgens de matrix bij tijdshorizon {horizon} %",
        "en": "According to the matrix at time horizon {horizon} %",
    },
    # Issue 18, items 1 and 7: the arrows' key on the chart, only what changes quadrant
    "arrow_key_title": {"nl": "Pijlen:", "en": "Arrows:"},
    "arrow_key_filled": {
        "nl": "de dienst op {percent} % (gekozen horizon)",
        "en": "the service at {percent} % (horizon shown)",
    },
    "arrow_key_tail": {"nl": "waar hij nu staat (0 %)", "en": "where it stands now (0 %)"},
    "arrow_key_hollow": {
        "nl": "waar hij op 100 % staat (wit)",
        "en": "where it stands at 100 % (white)",
    },
    "arrow_key_arrow": {
        "nl": "van nu naar 100 %; dik oranje: ander kwadrant",
        "en": "from now to 100 %; thick orange: another quadrant",
    },
    "only_moves_toggle": {
        "nl": "Alleen wat verschuift",
        "en": "Only what moves",
    },
    "only_moves_help": {
        "nl": "Toon alleen de pijlen van diensten die tussen nu en 100 % van kwadrant wisselen.",
        "en": "Show only the arrows of services that change quadrant between now and 100 %.",
    },
    # Issue 18, items 8, 13, 15 and 16: presenting from the keyboard, confirm before losing work
    "present_horizon_up": {"nl": "Horizon +{step} %", "en": "Horizon +{step} %"},
    "present_horizon_down": {"nl": "Horizon −{step} %", "en": "Horizon −{step} %"},
    "reset_all_confirm": {
        "nl": "Alle {count} aangepaste diensten terugzetten naar hun scores van het plan?",
        "en": "Reset all {count} adjusted services to the plan's scores?",
    },
    "reset_all_yes": {"nl": "Ja, alles terugzetten", "en": "Yes, reset all"},
    "save_changes_confirm": {
        "nl": "Het scenario '{name}' overschrijven met de instellingen op het scherm? Wat er "
        "nu in bewaard is, gaat verloren.",
        "en": "Overwrite the scenario '{name}' with the settings on screen? What it holds "
        "now is lost.",
    },
    "save_changes_confirm_note": {
        "nl": "Zijn notitie blijft zoals ze was: {note}",
        "en": "Its note stays as it was: {note}",
    },
    "save_changes_yes": {"nl": "Ja, overschrijven", "en": "Yes, overwrite"},
    "reset_settings_help": {
        "nl": "Zet de tijdshorizon, beide grenzen en de werkdomeinen terug zoals in het plan. "
        "De aangepaste diensten (wat als …) blijven staan: die zet je terug onder "
        "'Aangepaste diensten' op de Strategiekaart.",
        "en": "Resets the time horizon, both cuts and the work domains to the plan's. The "
        "adjusted services (what if …) stay: reset those under 'Adjusted services' on the "
        "Strategiekaart.",
    },
    "scenario_link_help": {
        "nl": "Kopieer de volledige link (knop rechts in het vak) en stuur hem door: wie hem "
        "opent, ziet dit scenario.",
        "en": "Copy the full link (button on the right of the box) and send it on: whoever "
        "opens it sees this scenario.",
    },
    # Issue 18, items 10 and 11: every slide's key (code → name, counts, what-ifs), the 16:9 comparison
    "slide_key_services": {"nl": "Diensten op de kaart", "en": "Services on the map"},
    "slide_key_continued": {"nl": "{domain} (vervolg)", "en": "{domain} (continued)"},
    "slide_key_more": {"nl": "… en nog {count}", "en": "… and {count} more"},
    "slide_key_counts": {
        "nl": "Aantal per kwadrant ({count} diensten)",
        "en": "Number per quadrant ({count} services)",
    },
    "slide_key_what_ifs": {
        "nl": "Wat als … per dienst (oud → nieuw)",
        "en": "What if … per service (old → new)",
    },
    "slide_key_no_what_ifs": {
        "nl": "geen: alle scores zoals in de gegevens",
        "en": "none: every score as in the data",
    },
    "slide_side_settings": {
        "nl": "tijdshorizon {horizon} % · grenzen {market_cut} / {need_cut}",
        "en": "time horizon {horizon} % · cuts {market_cut} / {need_cut}",
    },
    # Issue 18, items 5 and 10: the chart as the page, cut values and horizon on the chart
    "chart_stamp": {
        "nl": "Tijdshorizon {percent} % · grenzen {market} / {need}",
        "en": "Time horizon {percent} % · cuts {market} / {need}",
    },
    # Issue 18, item 6: what moved, on the map
    "count_change": {
        "nl": "{change} tegenover het plan",
        "en": "{change} compared with the plan",
    },
    "moved_count": {
        "nl": "{count} verschoven tegenover het plan",
        "en": "{count} moved compared with the plan",
    },
    "moved_key": {
        "nl": "omcirkeld: ander kwadrant dan het plan",
        "en": "circled: in another quadrant than in the plan",
    },
    # Issue 18, item 9: the sidebar's pages in groups, all on one 1080-pixel screen
    "nav_group_workshop": {"nl": "Workshop", "en": "Workshop"},
    "nav_group_keep": {"nl": "Bewaren en vergelijken", "en": "Save and compare"},
    "nav_group_data": {"nl": "Gegevens", "en": "Data"},
    # Issue 18, item 14: edits in the data table are kept, summed up and guarded
    "edits_pending_one": {"nl": "1 wijziging: {changes}", "en": "1 change: {changes}"},
    "edits_pending_many": {
        "nl": "{count} wijzigingen: {changes}",
        "en": "{count} changes: {changes}",
    },
    "edits_none": {
        "nl": "Nog geen wijzigingen tegenover de actieve editie.",
        "en": "No changes from the active edition yet.",
    },
    "edit_change": {"nl": "{code} {field} {old} → {new}", "en": "{code} {field} {old} → {new}"},
    "edit_added": {"nl": "nieuw: {code} {name}", "en": "new: {code} {name}"},
    "edit_removed": {"nl": "verwijderd: {code} {name}", "en": "removed: {code} {name}"},
    "edit_empty": {"nl": "(leeg)", "en": "(empty)"},
    "edits_more": {"nl": "… en {count} meer", "en": "… and {count} more"},
    "edits_restored": {
        "nl": "Je hebt nog niet-bewaarde wijzigingen in deze tabel: ze staan er nog, "
        "samengevat naast de bewaarknop. Bewaar ze als nieuwe editie of gooi ze weg.",
        "en": "You have unsaved changes in this table: they are still here, summed up next "
        "to the save button. Save them as a new edition or discard them.",
    },
    "edits_discard": {"nl": "Wijzigingen weggooien", "en": "Discard changes"},
    "edits_discard_confirm": {
        "nl": "Alle niet-bewaarde wijzigingen in de tabel weggooien? De tabel toont dan weer "
        "de actieve editie.",
        "en": "Discard every unsaved change in the table? The table then shows the active "
        "edition again.",
    },
    "edits_discard_yes": {"nl": "Ja, weggooien", "en": "Yes, discard"},
    "page_data_unsaved": {"nl": "Gegevens · niet bewaard", "en": "Data · not saved"},
    "edits_elsewhere": {
        "nl": "De tabel op Gegevens heeft wijzigingen die nog niet bewaard zijn.",
        "en": "The table on Data has changes that are not saved yet.",
    },
    # Issue 15: how firmly a service sits in its quadrant (page Gevoeligheid, "Toon hoe vast")
    "page_firmness": {"nl": "Gevoeligheid", "en": "Sensitivity"},
    "firmness_intro": {
        "nl": "Hoe vast zit elke dienst in zijn kwadrant bij de instellingen van de zijbalk? "
        "Bovenaan de wankelste: de grootste kans om bij onzekere scores ergens anders te staan.",
        "en": "How firmly does each service sit in its quadrant at the sidebar's settings? "
        "The most fragile first: the largest chance to be elsewhere when scores are uncertain.",
    },
    "firmness_uncertainty": {
        "nl": "Onzekerheid per score (±)",
        "en": "Uncertainty per score (±)",
    },
    "firmness_uncertainty_help": {
        "nl": "De standaardafwijking van elke score: 0,1 betekent dat een 1,5 even goed 1,4 of "
        "1,6 had kunnen zijn. Elke score wordt 2000 keer getrokken (normaal verdeeld, tussen 1 "
        "en 2 gehouden); de kansen tellen waar de dienst dan belandt. Na een scoreronde kan de "
        "spreiding van de deelnemers dit getal per dienst en score geven: hun interkwartiel"
        "afstand gedeeld door 1,35.",
        "en": "The standard deviation of every score: 0.1 means a 1.5 might as well have been "
        "1.4 or 1.6. Each score is drawn 2000 times (normally distributed, kept between 1 and "
        "2); the chances count where the service then lands. After a scoring round the "
        "participants' spread can give this number per service and score: their interquartile "
        "range divided by 1.35.",
    },
    "firmness_flip": {
        "nl": "{score} {old} → {new} brengt {code} van {was} naar {to}",
        "en": "{score} {old} → {new} moves {code} from {was} to {to}",
    },
    "firmness_cross": {"nl": "kruist de grens bij {where}", "en": "crosses the cut at {where}"},
    "firmness_cross_axis": {"nl": "{percent} % ({axis})", "en": "{percent} % ({axis})"},
    "firmness_cross_at": {"nl": "{axis} bij {percent} %", "en": "{axis} at {percent} %"},
    "firmness_axis_market": {"nl": "markt", "en": "market"},
    "firmness_axis_need": {"nl": "behoefte", "en": "need"},
    "firmness_market_margin": {"nl": "Marge markt", "en": "Market margin"},
    "firmness_need_margin": {"nl": "Marge behoefte", "en": "Need margin"},
    "firmness_crossing": {"nl": "Kruist de grens", "en": "Crosses the cut"},
    "firmness_flip_header": {"nl": "Wat het kantelt", "en": "What flips it"},
    "firmness_no_flip": {"nl": "geen enkele score alleen", "en": "no single score"},
    "firmness_stay": {"nl": "Kans om te blijven (%)", "en": "Chance to stay (%)"},
    "firmness_chance": {"nl": "Kans {quadrant} (%)", "en": "Chance {quadrant} (%)"},
    "firmness_chances": {
        "nl": "Kansen per kwadrant",
        "en": "Chances per quadrant",
    },
    "firmness_uncertainty_columns": {
        "nl": "de onzekerheid per dienst mist de kolom(men) {columns}",
        "en": "the uncertainty per service lacks the column(s) {columns}",
    },
    "firmness_whole_number": {
        "nl": "{name} moet een geheel getal van minstens {low} zijn, niet {value}",
        "en": "{name} must be a whole number of at least {low}, not {value}",
    },
    "firmness_toggle": {"nl": "Toon hoe vast", "en": "Show how firm"},
    "firmness_toggle_help": {
        "nl": "Vult elke marker naar de kans dat de dienst in zijn kwadrant blijft als de scores "
        "onzeker zijn (vol = vast, bleek = wankel; de onzekerheid stel je in op Gevoeligheid). "
        "Met de pijlen aan: een open rondje waar de pijl een grens kruist, met de tijdshorizon.",
        "en": "Fills each marker by the chance that the service stays in its quadrant when the "
        "scores are uncertain (full = firm, faint = fragile; set the uncertainty on "
        "Sensitivity). With arrows on: an open ring where the arrow crosses a cut, with the "
        "time horizon.",
    },
    "firmness_key": {"nl": "kans te blijven:", "en": "chance to stay:"},
    "firmness_caption": {
        "nl": "Hoe vast: hoe voller de marker, hoe groter de kans dat de dienst in zijn kwadrant "
        "blijft bij een onzekerheid van ±{uncertainty} per score.",
        "en": "How firm: the fuller the marker, the larger the chance that the service stays in "
        "its quadrant with an uncertainty of ±{uncertainty} per score.",
    },
    "firmness_stamp": {
        "nl": "hoe vast: onzekerheid ±{uncertainty}",
        "en": "how firm: uncertainty ±{uncertainty}",
    },
    "firmness_more": {
        "nl": "De {shown} wankelste van {count} diensten; de downloads bevatten ze alle.",
        "en": "The {shown} most fragile of {count} services; the downloads hold them all.",
    },
    "firmness_table_caption": {
        "nl": "Marges: afstand tot de grens (rechts van de streep = sterk). Kansen: groen "
        "Vermeerder, blauw Creëer, geel Verminder, rood Elimineer; het getal is de kans om te "
        "blijven.",
        "en": "Margins: distance to the cut (right of the line = strong). Chances: green Raise, "
        "blue Create, yellow Reduce, red Eliminate; the number is the chance to stay.",
    },
    "firmness_help_title": {"nl": "Hoe lees je dit?", "en": "How to read this?"},
    "firmness_help_body": {
        "nl": "**Marges** zijn de afstand van de dienst tot elke grens: een balk naar rechts is "
        "sterk, naar links zwak; hoe korter, hoe dichter bij de grens. **Kruist de grens** zegt "
        "bij welke tijdshorizon een as van kant wisselt als je van nu naar de toekomst schuift "
        "(op de grens telt als sterk). **Wat het kantelt** is de kleinste wijziging van één "
        "score, in stappen van 0,1, die de dienst naar een ander kwadrant brengt. **Kansen**: "
        "elke score wordt 2000 keer getrokken rond zijn waarde met de gekozen onzekerheid; de "
        "balk toont hoe vaak de dienst in elk kwadrant belandt. Komt de editie uit een "
        "scoreronde, dan is de interkwartielafstand van de deelnemers per score, gedeeld door "
        "1,35, een goede onzekerheid per dienst (`uncertainty_from_answers`).",
        "en": "**Margins** are the service's distance to each cut: a bar to the right is "
        "strong, to the left weak; the shorter, the closer to the cut. **Crosses the cut** "
        "says at which time horizon an axis changes side as you slide from now to the future "
        "(on the cut counts as strong). **What flips it** is the smallest change of one score, "
        "in steps of 0.1, that moves the service to another quadrant. **Chances**: every score "
        "is drawn 2000 times around its value with the chosen uncertainty; the bar shows how "
        "often the service lands in each quadrant. When the edition comes from a scoring round, "
        "the participants' interquartile range per score, divided by 1.35, is a good "
        "uncertainty per service (`uncertainty_from_answers`).",
    },
    # Issue 14: scoring rounds (design §8)
    "page_round": {"nl": "Scoreronde", "en": "Scoring round"},
    "round_page_caption": {
        "nl": "Elke bestuurder scoort op de eigen telefoon; de kaart toont de zaal en waar "
        "het bestuur het oneens is.",
        "en": "Every director scores on their own phone; the map shows the room and where "
        "the board disagrees.",
    },
    "round_new": {"nl": "Nieuwe ronde openen", "en": "Open a new round"},
    "round_title_label": {"nl": "Titel van de ronde", "en": "Title of the round"},
    "round_scope": {"nl": "Diensten", "en": "Services"},
    "round_scope_all": {"nl": "Alle diensten", "en": "All services"},
    "round_show_names": {
        "nl": "Namen tonen bij de antwoorden",
        "en": "Show names with the answers",
    },
    "round_open_button": {"nl": "Ronde openen", "en": "Open the round"},
    "round_opened": {"nl": "Ronde {code} is open.", "en": "Round {code} is open."},
    "round_none": {
        "nl": "Nog geen scoreronde. Een facilitator opent er een hierboven.",
        "en": "No scoring round yet. A facilitator opens one above.",
    },
    "round_pick": {"nl": "Ronde", "en": "Round"},
    "round_status": {"nl": "Deze ronde is {status}.", "en": "This round is {status}."},
    "round_status_open": {"nl": "open", "en": "open"},
    "round_status_revealed": {"nl": "onthuld", "en": "revealed"},
    "round_status_closed": {"nl": "gesloten", "en": "closed"},
    "round_join_how": {
        "nl": "Scan de code of open deze link op je telefoon:",
        "en": "Scan the code or open this link on your phone:",
    },
    "round_code_is": {"nl": "Code:", "en": "Code:"},
    "round_join_again": {
        "nl": "Deelnemen: QR-code en link",
        "en": "Joining: QR code and link",
    },
    "round_qr_alt": {
        "nl": "QR-code met de link naar de scoreronde",
        "en": "QR code with the link to the scoring round",
    },
    "round_closed_note": {
        "nl": "Deze ronde is gesloten: de code werkt niet meer.",
        "en": "This round is closed: its code no longer works.",
    },
    "round_participants": {"nl": "Deelnemers", "en": "Participants"},
    "round_answers": {"nl": "Gescoorde diensten", "en": "Services scored"},
    "round_scores": {"nl": "Scores", "en": "Scores"},
    "round_of": {"nl": "{done} van {total}", "en": "{done} of {total}"},
    "round_reveal": {"nl": "Onthullen", "en": "Reveal"},
    "round_revealed": {"nl": "De antwoorden zijn onthuld.", "en": "The answers are revealed."},
    "round_close": {"nl": "Ronde sluiten", "en": "Close the round"},
    "round_closed_done": {
        "nl": "De ronde is gesloten: er kan niet meer geantwoord worden.",
        "en": "The round is closed: no more answers are taken.",
    },
    "round_second": {"nl": "Tweede ronde starten", "en": "Start a second round"},
    "round_second_title": {"nl": "{title} (tweede ronde)", "en": "{title} (second round)"},
    "round_delete_question": {
        "nl": "Deze ronde met al haar antwoorden verwijderen? Dat kan niet ongedaan worden.",
        "en": "Delete this round with all its answers? This cannot be undone.",
    },
    "round_not_revealed": {
        "nl": "Niemand ziet de antwoorden van een ander tot de facilitator ze onthult.",
        "en": "Nobody sees anyone else's answers until the facilitator reveals them.",
    },
    "round_chart_caption": {
        "nl": "Elke dienst staat op de positie van de groep (mediaan van de antwoorden); het "
        "kruis toont de middelste helft van de posities van de deelnemers (kwartielen). "
        "Gestreepte ring: verdeeld, de deelnemers zien de dienst in verschillende kwadranten.",
        "en": "Each service stands at the group's position (median of the answers); the cross "
        "shows the middle half of the participants' positions (quartiles). Dashed ring: "
        "divided, participants see the service in different quadrants.",
    },
    "round_divided": {"nl": "verdeeld", "en": "divided"},
    "round_raters": {"nl": "Deelnemers met een positie", "en": "Participants with a position"},
    "round_group_market": {"nl": "Marktpositie van de groep", "en": "Group's market position"},
    "round_group_need": {"nl": "Behoefte van de groep", "en": "Group's need"},
    "round_shares_title": {"nl": "Kwadranten", "en": "Quadrants"},
    "round_shares_first": {
        "nl": "{count} van {n} zien {quadrant}",
        "en": "{count} of {n} see {quadrant}",
    },
    "round_shares_more": {"nl": "{count} {quadrant}", "en": "{count} {quadrant}"},
    "round_no_positions": {"nl": "nog geen volledige antwoorden", "en": "no full answers yet"},
    "round_disagreement_title": {
        "nl": "Waar het bestuur het oneens is",
        "en": "Where the board disagrees",
    },
    "round_no_answers_yet": {"nl": "Nog geen antwoorden.", "en": "No answers yet."},
    "round_pick_service": {"nl": "Dienst", "en": "Service"},
    "round_answers_of": {
        "nl": "Alle antwoorden voor {code} {name}",
        "en": "All answers for {code} {name}",
    },
    "round_participant_n": {"nl": "deelnemer {n}", "en": "participant {n}"},
    "round_comparison_title": {
        "nl": "Spreiding voor en na (eerste en tweede ronde)",
        "en": "Spread before and after (first and second round)",
    },
    "round_disagreement_before": {"nl": "Oneens, eerste ronde", "en": "Disagreement, first round"},
    "round_disagreement_after": {"nl": "Oneens, deze ronde", "en": "Disagreement, this round"},
    "round_width_before": {"nl": "Spreiding, eerste ronde", "en": "Spread, first round"},
    "round_width_after": {"nl": "Spreiding, deze ronde", "en": "Spread, this round"},
    "round_col_participant": {"nl": "Deelnemer", "en": "Participant"},
    "round_col_name": {"nl": "Naam", "en": "Name"},
    "round_export_csv": {"nl": "Antwoorden (CSV)", "en": "Answers (CSV)"},
    "round_export_xlsx": {"nl": "Antwoorden (Excel)", "en": "Answers (Excel)"},
    "round_slide_subtitle": {
        "nl": "Scoreronde: positie van de groep, kruis = kwartielen",
        "en": "Scoring round: the group's position, cross = quartiles",
    },
    "round_settle_title": {"nl": "Vastleggen als editie", "en": "Settle as an edition"},
    "round_settle_name": {"nl": "Naam van de nieuwe editie", "en": "Name of the new edition"},
    "round_settle_default": {"nl": "{title} – scores van de groep", "en": "{title} – group scores"},
    "round_settle": {"nl": "Vastleggen als nieuwe editie", "en": "Settle as a new edition"},
    "round_settled": {
        "nl": "Editie '{name}' gemaakt met de scores van de groep; ze is nu actief.",
        "en": "Edition '{name}' made with the group's scores; it is now active.",
    },
    "round_settled_already": {
        "nl": "Deze ronde is al vastgelegd als editie.",
        "en": "This round has already been settled as an edition.",
    },
    "round_provenance": {
        "nl": "Scoreronde '{title}' ({code}) van {date}, {count} deelnemers: mediaan van de "
        "antwoorden. Zonder antwoorden, scores van de basiseditie behouden: {kept}.",
        "en": "Scoring round '{title}' ({code}) of {date}, {count} participants: median of the "
        "answers. Without answers, base edition's scores kept: {kept}.",
    },
    "round_participant_title": {"nl": "Scoreronde", "en": "Scoring round"},
    "round_participant_intro": {
        "nl": "Geef elke dienst je eigen scores. Elke wijziging wordt meteen bewaard; je kan "
        "terugkomen en aanpassen tot de ronde sluit. Niemand ziet jouw antwoorden voor de "
        "facilitator ze onthult.",
        "en": "Give each service your own scores. Every change is saved at once; you can come "
        "back and change them until the round closes. Nobody sees your answers before the "
        "facilitator reveals them.",
    },
    "round_your_name": {"nl": "Je naam", "en": "Your name"},
    "round_name_optional": {"nl": "niet verplicht", "en": "optional"},
    "round_progress": {"nl": "{done} van {total} gescoord", "en": "{done} of {total} scored"},
    "round_go_to": {"nl": "Dienst", "en": "Service"},
    "round_card_scored": {"nl": "✓ gescoord en bewaard", "en": "✓ scored and saved"},
    "round_scale": {
        "nl": "1,0 = zwak … 2,0 = sterk; helemaal links: weet niet",
        "en": "1.0 = weak … 2.0 = strong; far left: don't know",
    },
    "round_dont_know": {"nl": "weet niet", "en": "don't know"},
    "round_earlier": {
        "nl": "Eerste ronde: groep {group} · jij {own}",
        "en": "First round: group {group} · you {own}",
    },
    "round_previous": {"nl": "Vorige", "en": "Previous"},
    "round_next": {"nl": "Volgende", "en": "Next"},
    "round_unknown_code": {
        "nl": "Deze code hoort bij geen scoreronde. Kijk de code op het scherm na.",
        "en": "This code belongs to no scoring round. Check the code on the screen.",
    },
    "round_closed": {
        "nl": "Deze scoreronde is gesloten: antwoorden kan niet meer.",
        "en": "This scoring round is closed: answers are no longer taken.",
    },
    "round_full": {
        "nl": "Deze ronde heeft al {limit} deelnemers, het maximum.",
        "en": "This round already has {limit} participants, the maximum.",
    },
    "round_unknown_service": {
        "nl": "De dienst '{service}' hoort niet bij deze ronde.",
        "en": "The service '{service}' is not part of this round.",
    },
    "round_score_refused": {
        "nl": "De score {value} kan niet: kies 1,0 tot 2,0 in stappen van 0,1, of 'weet niet'.",
        "en": "The score {value} is not allowed: choose 1.0 to 2.0 in steps of 0.1, or "
        "'don't know'.",
    },
    "round_score_unknown": {
        "nl": "Onbekende score: {names}. Toegelaten: de vier scores van het plan.",
        "en": "Unknown score: {names}. Allowed: the plan's four scores.",
    },
    "round_name_too_long": {
        "nl": "Je naam mag hoogstens {limit} tekens lang zijn.",
        "en": "Your name may be at most {limit} characters long.",
    },
    "round_field_title": {"nl": "titel", "en": "title"},
    "round_text_missing": {"nl": "Geef de ronde een {what}.", "en": "Give the round a {what}."},
    "round_text_too_long": {
        "nl": "De {what} van een ronde mag hoogstens {limit} tekens lang zijn.",
        "en": "The {what} of a round may be at most {limit} characters long.",
    },
    "round_no_services": {
        "nl": "Deze keuze bevat geen diensten: kies een andere editie of alle diensten.",
        "en": "This choice holds no services: choose another edition or all services.",
    },
    "round_gone": {
        "nl": "Deze ronde bestaat niet (meer).",
        "en": "This round does not exist (any more).",
    },
    "round_the": {"nl": "De scoreronde", "en": "The scoring round"},
    "round_unreadable": {
        "nl": "De scorerondes in de gegevensmap (STRATEGIEKAART_DB) kunnen niet gelezen "
        "worden: {cause}. {fix}",
        "en": "The scoring rounds in the data folder (STRATEGIEKAART_DB) cannot be read: "
        "{cause}. {fix}",
    },
    # --- Issue 17: the live control, play and the offline board pack ----------------------
    "live_play": {"nl": "▶ Afspelen nu → toekomst", "en": "▶ Play now → future"},
    "live_pause": {"nl": "Pauze", "en": "Pause"},
    "live_replay": {"nl": "↺ Opnieuw afspelen", "en": "↺ Play again"},
    "present_play_key": {
        "nl": "P speelt de tijdshorizon af van nu naar de toekomst (nog eens P: pauze).",
        "en": "P plays the time horizon from now to the future (P again: pause).",
    },
    "export_html": {"nl": "Interactieve kaart (HTML)", "en": "Interactive map (HTML)"},
    "html_horizon": {"nl": "Tijdshorizon (%)", "en": "Time horizon (%)"},
    "html_settings": {
        "nl": "{name} · {date} · start op tijdshorizon {percent} % · grenzen {market} / {need}",
        "en": "{name} · {date} · starts at time horizon {percent} % · cuts {market} / {need}",
    },
    "html_note": {
        "nl": "Werkt zonder internet. Schuif de tijdshorizon of speel af van nu naar de "
        "toekomst; de grenzen zijn die van het scenario.",
        "en": "Works offline. Move the time horizon or play from now to the future; the cuts "
        "are the scenario's.",
    },
    # Issue 16: decisions on the map, a decision history per service, the minutes
    "decision_title": {"nl": "Beslissing", "en": "Decision"},
    "decision_caption": {
        "nl": "Leg vast wat de workshop beslist: de beslissing, waarom, wie ze trekt en tegen "
        "wanneer. Een nieuwe beslissing vervangt de vorige, maar wist ze niet: de geschiedenis "
        "blijft leesbaar.",
        "en": "Record what the workshop decides: the decision, why, who leads it and by when. "
        "A new decision supersedes the previous one but never erases it: the history stays "
        "readable.",
    },
    "decision_service": {"nl": "Dienst", "en": "Service"},
    "decision_form_title": {"nl": "Nieuwe beslissing", "en": "New decision"},
    "decision_pick_first": {
        "nl": "Kies eerst een beslissing; er is niets vastgelegd.",
        "en": "Choose a decision first; nothing was recorded.",
    },
    "decision_record": {"nl": "Beslissing vastleggen", "en": "Record decision"},
    "decision_recorded": {
        "nl": "Vastgelegd: {service}: {decision}.",
        "en": "Recorded: {service}: {decision}.",
    },
    "decision_history": {"nl": "Geschiedenis", "en": "History"},
    "decision_plan_own": {"nl": "Het plan besliste", "en": "The plan decided"},
    "decision_none_yet": {
        "nl": "Nog geen beslissing vastgelegd.",
        "en": "No decision recorded yet.",
    },
    "decision_more": {"nl": "… en {count} eerdere", "en": "… and {count} earlier"},
    "decision_in_force": {"nl": "geldt", "en": "in force"},
    "decision_superseded": {"nl": "vervangen", "en": "superseded"},
    "decision_against_now": {
        "nl": "gaat in tegen het kwadrant nu",
        "en": "goes against the quadrant now",
    },
    "decision_quadrant_now": {
        "nl": "Kwadrant volgens de matrix nu: {quadrant}",
        "en": "Quadrant according to the matrix now: {quadrant}",
    },
    "decision_quadrant_then": {"nl": "toen {quadrant}", "en": "then {quadrant}"},
    "decision_round": {"nl": "ronde {name}", "en": "round {name}"},
    "decision_settings_words": {
        "nl": "tijdshorizon {horizon} %, grenzen {market} / {need}, werkdomeinen {domains}, "
        "{what_ifs} what-if(s)",
        "en": "time horizon {horizon} %, cuts {market} / {need}, work domains {domains}, "
        "{what_ifs} what-if(s)",
    },
    "decision_col_recorded": {"nl": "Vastgelegd op", "en": "Recorded on"},
    "decision_col_decision": {"nl": "Beslissing", "en": "Decision"},
    "decision_col_rationale": {"nl": "Motivering", "en": "Rationale"},
    "decision_col_owner": {"nl": "Trekker", "en": "Owner"},
    "decision_col_due": {"nl": "Tegen", "en": "Due"},
    "decision_col_quadrant": {"nl": "Kwadrant toen", "en": "Quadrant then"},
    "decision_col_context": {"nl": "Context", "en": "Context"},
    "decision_col_in_force": {"nl": "Status", "en": "Status"},
    "decision_field_rationale": {"nl": "motivering", "en": "rationale"},
    "decision_field_owner": {"nl": "trekker", "en": "owner"},
    "decision_the": {"nl": "De beslissing", "en": "The decision"},
    "decision_text_missing": {
        "nl": "Geef de beslissing een {what}.",
        "en": "Give the decision a {what}.",
    },
    "decision_text_too_long": {
        "nl": "De {what} mag hoogstens {limit} tekens lang zijn; er is niets vastgelegd.",
        "en": "The {what} may be at most {limit} characters long; nothing was recorded.",
    },
    "decision_unknown": {
        "nl": "Onbekende beslissing '{value}': kies investeren, afwachten, niche, afbouwen of "
        "niet investeren.",
        "en": "Unknown decision '{value}': choose invest, wait, niche, phase out or no investment.",
    },
    "decision_bad_due": {
        "nl": "De datum 'tegen' is geen datum; er is niets vastgelegd.",
        "en": "The due date is not a date; nothing was recorded.",
    },
    "decision_unreadable": {
        "nl": "De beslissingen in de gegevensmap (STRATEGIEKAART_DB) kunnen niet gelezen "
        "worden: {cause}. {fix}",
        "en": "The decisions in the data folder (STRATEGIEKAART_DB) cannot be read: {cause}. {fix}",
    },
    "decision_toggle": {"nl": "Toon beslissingen", "en": "Show decisions"},
    "decision_toggle_help": {
        "nl": "Omringt elke dienst met een vastgelegde beslissing: blauw als de beslissing "
        "het kwadrant volgt, rood-oranje gestreept als ze ertegen ingaat.",
        "en": "Rings every service with a recorded decision: blue where the decision follows "
        "its quadrant, dashed vermilion where it goes against it.",
    },
    "decision_key_title": {"nl": "Beslist:", "en": "Decided:"},
    "decision_key_agrees": {"nl": "volgt het kwadrant", "en": "follows the quadrant"},
    "decision_key_against": {"nl": "tegen het kwadrant", "en": "against the quadrant"},
    "decision_mark_label": {
        "nl": "{code} {name}: beslist {decision}, {state}",
        "en": "{code} {name}: decided {decision}, {state}",
    },
    "smap_view": {"nl": "Links", "en": "Left"},
    "smap_view_plan": {"nl": "Volgens het plan", "en": "According to the plan"},
    "smap_side_decisions": {"nl": "Volgens de beslissingen", "en": "According to the decisions"},
    "smap_decisions_intro": {
        "nl": "Links staan de diensten zoals de workshop besliste: de laatst vastgelegde "
        "beslissing, en waar er geen is, die van het plan.",
        "en": "Left, the services as the workshop decided: the latest recorded decision, and "
        "where there is none, the plan's.",
    },
    "smap_decisions_legend": {
        "nl": "staat onder een andere hoofding dan volgens de beslissingen: {count} van de "
        "{total} diensten met een beslissing",
        "en": "under another heading than according to the decisions: {count} of the "
        "{total} services with a decision",
    },
    "smap_decisions_apart": {"nl": "geen beslissing", "en": "no decision"},
    "smap_decisions_state_differs": {
        "nl": "andere hoofding dan volgens de beslissingen",
        "en": "other heading than according to the decisions",
    },
    "smap_decisions_state_agrees": {
        "nl": "zelfde hoofding als volgens de beslissingen",
        "en": "same heading as according to the decisions",
    },
    "smap_decisions_state_not_stated": {"nl": "geen beslissing", "en": "no decision"},
    "decision_log_title": {"nl": "Verslag en beslissingen", "en": "Minutes and decisions"},
    "decision_log_caption": {
        "nl": "Het verslag bundelt de instellingen, de kaarten, de tellingen, de verschuivingen "
        "en elke besproken dienst met zijn beslissing, motivering, trekker en datum. Het "
        "logboek bevat elke beslissing, ook de vervangen.",
        "en": "The minutes hold the settings, the maps, the counts, the moves and every service "
        "discussed with its decision, rationale, owner and due date. The log holds every "
        "decision, superseded ones too.",
    },
    "decision_log_csv": {"nl": "Logboek (CSV)", "en": "Log (CSV)"},
    "decision_log_xlsx": {"nl": "Logboek (Excel)", "en": "Log (Excel)"},
    "minutes_file": {"nl": "verslag", "en": "minutes"},
    "decision_log_file": {"nl": "beslissingen", "en": "decisions"},
    "minutes_docx": {"nl": "Verslag (Word)", "en": "Minutes (Word)"},
    "minutes_pdf": {"nl": "Verslag (PDF)", "en": "Minutes (PDF)"},
    "minutes_title": {
        "nl": "Verslag van de strategieworkshop",
        "en": "Minutes of the strategy workshop",
    },
    "minutes_date": {"nl": "Datum", "en": "Date"},
    "minutes_edition": {"nl": "Editie", "en": "Edition"},
    "minutes_scenario": {"nl": "Scenario", "en": "Scenario"},
    "minutes_no_scenario": {"nl": "geen (niet bewaard)", "en": "none (not saved)"},
    "minutes_settings": {"nl": "Instellingen", "en": "Settings"},
    "minutes_settings_text": {
        "nl": "De matrix staat op tijdshorizon {horizon} % ({reading}). Een dienst telt als "
        "sterk in marktpositie vanaf {market} en in behoefte vanaf {need}. Werkdomeinen: "
        "{domains}.",
        "en": "The matrix is at time horizon {horizon} % ({reading}). A service counts as "
        "strong in market position from {market} and in need from {need}. Work domains: "
        "{domains}.",
    },
    "minutes_reading_now": {"nl": "de huidige scores", "en": "the current scores"},
    "minutes_reading_future": {
        "nl": "de potentiële en toekomstige scores",
        "en": "the potential and future scores",
    },
    "minutes_reading_between": {
        "nl": "een gewogen gemiddelde van nu en de toekomst",
        "en": "a weighted average of now and the future",
    },
    "minutes_what_ifs_none": {
        "nl": "Er zijn geen aanpassingen per dienst (what-ifs).",
        "en": "There are no per-service what-ifs.",
    },
    "minutes_what_ifs": {
        "nl": "Aanpassingen per dienst (what-ifs):",
        "en": "Per-service what-ifs:",
    },
    "minutes_charts": {"nl": "De kaarten", "en": "The maps"},
    "minutes_chart_overview": {"nl": "Alle werkdomeinen", "en": "All work domains"},
    "minutes_counts": {"nl": "Diensten per kwadrant", "en": "Services per quadrant"},
    "minutes_count_plan": {"nl": "Plan", "en": "Plan"},
    "minutes_count_now": {"nl": "Nu", "en": "Now"},
    "minutes_moves": {
        "nl": "Verschuivingen tegenover het plan",
        "en": "Moves compared with the plan",
    },
    "minutes_moves_none": {
        "nl": "Geen dienst staat in een ander kwadrant dan in het plan.",
        "en": "No service is in another quadrant than in the plan.",
    },
    "minutes_decisions": {
        "nl": "Besproken diensten en beslissingen",
        "en": "Services discussed and decisions",
    },
    "minutes_decisions_none": {
        "nl": "Er is nog geen beslissing vastgelegd.",
        "en": "No decision has been recorded yet.",
    },
    "minutes_against": {
        "nl": "tegen het kwadrant ({quadrant})",
        "en": "against the quadrant ({quadrant})",
    },
    "minutes_superseded": {
        "nl": "Eerder beslist en vervangen:",
        "en": "Decided earlier and superseded:",
    },
    "minutes_disagreement": {
        "nl": "Waar de deelnemers het oneens waren",
        "en": "Where the participants disagreed",
    },
    "minutes_disagreement_col": {"nl": "Oneensheid", "en": "Disagreement"},
    "minutes_page": {"nl": "Pagina {page}", "en": "Page {page}"},
}
