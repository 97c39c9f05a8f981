"""The demo in French: what a French sourcer writes in their own tool — relances,
feedback à chaud, préqualification, entretien inversé, vivier, cooptation.

Gathered in :data:`.texts.FRENCH`, with the shape of the English: every
tuple has the same length and every table the same keys, so the random
draws, and every count, are the same in both languages (checked by
tests/unit/test_demo.py).  The
square brackets in a few texts are on purpose, as in English: demo text that
looks like markup must be shown as written.  Job titles, skills and names stay
as French tech recruiting writes them (``Senior Backend Engineer``).
"""

from __future__ import annotations

from . import words

_SUMMARY = {
    "approach": ("Premier message : {title} chez {client}",
                 "Approche personnalisée pour le poste {title} ({client})",
                 "Premier message — j'ai cité son talk, pitch du poste {title}"),
    "followup": ("Relance {step} : petit rappel",
                 "Relance {step} : partage du blog tech de l'équipe",
                 "Relance {step} : nouvel élément sur le poste {title}",
                 "Relance {step} : dernière tentative, la porte reste ouverte"),
    "reply+": ("Ça l'intéresse, d'accord pour un appel",
               "Ok pour échanger, dispo jeudi après-midi",
               "Veut en savoir plus sur {client}, demande d'abord la fourchette de salaire",
               "Oui, on s'appelle la semaine prochaine"),
    "reply-": ("Pas en recherche en ce moment, merci",
               "Merci, mais ce n'est pas pour moi",
               "Bien dans son poste actuel pour l'instant",
               "Non — ce n'est pas le bon moment"),
    "apply": ("Candidature via la page carrières pour {title}",
              "Nous a écrit après avoir vu notre post sur le poste {title}",
              "CV envoyé par e-mail pour {title}"),
    "screen": ("Appel de préqualification (30 min)",
               "Préqualification téléphonique sur le poste {title}",
               "Appel découverte"),
    "interview": ("Entretien avec le hiring manager",
                  "Entretien technique — system design",
                  "Présentation de l'étude de cas",
                  "Entretien avec l'équipe chez {client}"),
    "reverse": ("Entretien inversé avec un futur collègue",
                "Entretien inversé avec le CTO ({client})"),
    "offer": ("Proposition d'embauche : présentation du package",
              "Proposition d'embauche avec le CEO ({client})"),
    "accept": ("Proposition acceptée — date d'arrivée calée",
               "C'est signé ! Arrivée dans 2 mois"),
    "decline": ("Se retire du process par e-mail",
                "A appelé pour se retirer du process"),
    "reject": ("Appel de debrief : on s'arrête là",
               "Annoncé que {client} ne donnera pas suite"),
    "p_content": ("Partage de l'article « Postgres à grande échelle chez {client} »",
                  "Envoi de notre étude de salaires 2026",
                  "Partage d'un épisode de podcast sur le management d'équipes tech",
                  "Envoi de la newsletter [vivier]"),
    "p_event": ("Invitation au Paris Backend Meetup #42",
                "Invitation à un petit-déjeuner chez {client}",
                "Invitation à notre soirée [revue design]"),
    "p_note": ("Changement de poste : {company}",
               "Promotion : passe lead",
               "A mis à jour son titre LinkedIn"),
    "p_call": ("Appel de suivi (vivier)",
               "Un café pour prendre des nouvelles",
               "Appel pour prendre de ses nouvelles"),
    "p_inbound": ("Demande des nouvelles des postes ouverts",
                  "Cooptation : nous a envoyé le CV d'une amie",
                  "Nous a félicités pour le lancement"),
}
_GIVEN = {
    "positive": ("Je lui ai dit que son profil colle bien ; prochaine étape : le hiring manager.",
                 "Je lui ai partagé le retour positif de l'équipe et les prochaines étapes.",
                 "Je lui ai dit clairement que son profil fait partie de notre top 3.",
                 "Merci pour l'échange ; je lui ai expliqué le process et le calendrier."),
    "mixed": ("Je lui ai dit que l'équipe a aimé son sens produit mais attend plus de recul sur la montée en charge.",
              "En toute transparence : le budget est en dessous de ses attentes, on vérifie de notre côté.",
              "Je lui ai expliqué qu'il faut encore un échange avant de décider."),
    "negative": ("Je lui ai expliqué que le poste demande plus de pratique sur Kubernetes ; on garde son profil en tête.",
                 "Je lui ai dit honnêtement que l'écart de séniorité est trop grand pour ce poste.",
                 "Feedback détaillé sur l'étude de cas ; on s'arrête là pour ce poste."),
}
_IMPRESSION = {
    "positive": ("Esprit vif, beaucoup de curiosité, pose les bonnes questions.",
                 "Super énergie, communication très claire.",
                 "Solide en architecture, pragmatique.",
                 "Collerait très bien à la culture de l'équipe."),
    "mixed": ("Bonnes compétences mais hésite à bouger.",
              "Solide, mais un discours un peu trop rodé.",
              "Motivation plus salariale que liée au produit."),
    "negative": ("Pas assez de profondeur sur les systèmes distribués.",
                 "Peu d'implication dans l'échange.",
                 "Prétentions bien au-dessus de la fourchette."),
}
_NEXT = {
    "screen": "Présenter le profil au hiring manager chez {client}",
    "interview": "Récupérer les feedbacks du jury et caler le tour suivant",
    "reverse": "Préparer la proposition avec {client}",
    "offer": "Avoir sa réponse sur la proposition",
    "apply": "Caler un appel de préqualification",
    "p_call": "Lui envoyer le prochain poste qui colle",
    "p_inbound": "Répondre avec les postes ouverts en ce moment",
}
_DECLINE_DETAIL = {
    "not looking": "Bien dans son équipe actuelle.",
    "salary": "Vise 15 % au-dessus de la fourchette.",
    "location / remote": "Veut du full remote, le poste demande 3 jours sur site.",
    "company or product": "Le produit ne l'emballe pas.",
    "role or seniority": "Cherche un poste de lead.",
    "timing": "Trop tôt, souhaite qu'on en reparle plus tard.",
    "counter-offer": "A accepté la contre-proposition de son employeur.",
    "joined a competitor": "A signé ailleurs la semaine dernière.",
    "other": "Raisons personnelles.",
}
_TALENT_NOTES = (
    "Préfère l'e-mail à LinkedIn.",
    "Stack : [Python, FastAPI, Postgres] — très solide sur les tests.",
    "Disponible à partir de mars ; préavis de 3 mois.",
    "Veut 2 jours de télétravail minimum.",
    "Prétentions salariales : 65–70 k€ fixe.",
    "Rencontre à Devoxx France : super talk sur la backpressure [Kafka].",
    "Ne s'intéresse qu'à la santé ou au climat.",
    "A fondé une boîte (revendue en 2023), aimerait un poste de lead.",
    "Mentore le samedi dans un bootcamp women in tech.",
    "Parle français, anglais et portugais.",
    "Pas avant l'acquisition de ses stock-options (en juin prochain).",
    "A écrit l'article de blog « Notre migration vers Postgres 16 ».",
)
_REFERRAL_CONTEXTS = (
    "(lead backend chez Lumen Health)", "(ex-collègue chez Kiosk)", "(designer chez Kiosk)",
    "(équipe data, Vélo Cargo)", "(ex-manager)", "(camarade de promo, INSA Lyon)",
)
_SOCIAL_CONTEXTS = (
    "— a partagé l'offre sur LinkedIn", "— a cité son nom sous notre post",
    "— a relayé l'offre dans une communauté Slack", "— a recommandé son profil sur Mastodon",
)
_GENERAL_TAGS = ("bilingue", "mobilité géographique", "ex-fondateur", "télétravail", "freelance",
                 "speaker", "open source")
#: Job titles and skills as French tech recruiting writes them; a few tags in French.
_TAGS = {
    "devops": ("kubernetes", "terraform", "aws", "gcp", "astreinte", "sécurité"),
    "management": ("leadership", "recrutement", "agile", "remote-first", "staff+"),
}
_LOCATIONS = {"Remote (France)": "Télétravail (France)", "Remote": "Télétravail", "Lisbon": "Lisbonne",
              "Barcelona": "Barcelone"}
_MANUAL_SNOOZES = {
    "spring": "en congé parental jusqu'au printemps",
    "april": "à recontacter après le versement de sa prime en mars",
    "summer": "année sabbatique — en voyage jusqu'à l'été",
    "year": "vient de prendre un nouveau poste — à recontacter dans un an",
    "week": "déménage à Lyon ce mois-ci — on en reparle après le déménagement",
    "three_weeks": "souhaite qu'on en reparle après le lancement de son produit",
}
_MISSION_NOTES = {
    "Senior Backend Engineer": "Python/Go, astreintes légères. 2 jours sur site à Paris 11e. Fourchette 70–85 k€.",
    "Product Designer": "SaaS B2B, en charge du design system. Télétravail possible, Lyon ou Paris.",
    "Data Engineer": "2 postes. Stack : [dbt, Airflow, BigQuery]. Siège à Nantes, 3 jours de télétravail.",
    "Engineering Manager": "En pause jusqu'à la clôture de la série B ; garder les candidats au chaud.",
}

POSITION_FILLED = "Poste pourvu."
THE_CLIENT = "le client"
TRIAL_REASON = "a rejoint un concurrent — recontacter en fin de période d'essai"
LATER_REASON = "souhaite qu'on en reparle dans six mois"
TRACKS = {track: dict(spec, tags=_TAGS.get(track, spec["tags"])) for track, spec in words.TRACKS.items()}
LOCATIONS = tuple(_LOCATIONS.get(place, place) for place, _ in words.LOCATIONS)


def no_reply_reason(n: int) -> str:
    return f"pas de réponse après {n} relance{'s' if n > 1 else ''}"


def followup_detail(step: int, n: int) -> str:
    return f"Relance {step}/{n}"


def wake_detail(reason: str) -> str:
    return f"Fin de la mise en veille — {reason}"


def keep_in_touch_reason(months: int) -> str:
    return f"garder le contact tous les {months} mois"


def keep_in_touch_detail(months: int) -> str:
    return f"Garder le contact (tous les {months} mois)"


def scale_mission_note(title: str, client: str) -> str:
    return f"{title} pour {client}."
