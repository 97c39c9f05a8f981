"""The words demo data is made of: names, companies, sentences, reasons — reserved
domains only, so that no address or profile is anybody's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Default cadence (DESIGN.md): gaps between consecutive outreach messages.
DEFAULT_DELAYS: tuple[int, ...] = (2, 4, 7)
#: Days after the last follow-up with no reply before the talent is snoozed.
SNOOZE_AFTER_DAYS = 7
#: Length of the no-reply snooze.
SNOOZE_MONTHS = 3

Progress = Callable[[str], None]


# --------------------------------------------------------------------------- words

FIRST_NAMES = (
    "Zoé", "Hélène", "Émile", "François", "Chloé", "Léa", "Maëlle", "Noémie", "Agnès",
    "Jérôme", "Séverine", "Loïc", "Gaëlle", "Anaïs", "Benoît", "Cécile", "Clément",
    "Grégoire", "Raphaël", "Inès", "Joël", "Aurélien", "Estelle", "Théo", "Solène",
    "Frédéric", "Margaux", "Camille", "Lucas", "Hugo", "Manon", "Julie", "Thomas",
    "Nicolas", "Sophie", "Claire", "Antoine", "Pierre", "Marie", "Louise", "Jules",
    "Arthur", "Paul", "Sarah", "Yasmine", "Karim", "Mehdi", "Nadia", "Sofia", "Matteo",
    "Lukas", "Ana", "João", "Aleksandra", "Piotr", "Björn", "Ingrid", "Siobhán", "Lars",
    "Greta", "Elena", "Giulia", "Marco", "Pablo", "Lucía", "Álvaro", "Anouk", "Daan",
    "Kasia", "Mélanie", "Adèle", "Bérénice", "Céline", "Éloïse", "Timothée", "Héloïse",
    "Mathis", "Léon", "Amélie", "Jérémie", "Océane", "Rémi", "Aïcha", "Youssef", "Fatou",
    "Mamadou", "Linh", "Aurore", "Baptiste", "Victor", "Romain", "Julien", "Guillaume",
    "Alexandre", "Laura", "Emma", "Jade", "Alice", "Gabriel", "Louis", "Nathan",
    "Maxime", "Quentin", "Charlotte", "Pauline", "Elsa", "Valentin", "Diane", "Mathilde",
    "Juliette", "Noé", "Maël",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
    "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
    "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
    "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morin", "Mathieu",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Gérard",
    "Nguyen", "Boyer", "Lemaire", "Duval", "Joly", "Roche", "Noël", "Meyer", "Meunier",
    "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet",
    "Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud", "Caron", "Aubert",
    "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Lacroix",
    "Dupuis", "Chéron", "Bénard", "Le Goff", "Le Gall", "Kerbrat", "Kowalski", "Rossi",
    "Ferrari", "Schneider", "Jansen", "de Vries", "Santos", "Silva", "Novak",
    "Andersson", "O'Brien", "Müller", "Hoffmann", "Benali", "Haddad", "Diallo", "Traoré",
    "Koné", "Ben Salah", "Tran", "Pham", "Da Costa", "Ferreira", "Lévêque", "Côté",
    "Huet", "Besnard", "Chauvin", "Pélissier",
)
COMPANIES = (
    "Octave", "Quai 14", "Nuage Bleu", "Papyrus Pay", "Hexa Santé", "Trame",
    "Comptoir Data", "Fjord Analytics", "Mistral Logistique", "Galette Systems",
    "Lumière Robotics", "Verdure", "Cargo & Co", "Brioche Labs", "Pivot Assurances",
    "Banque Lazare", "Orbe Mobility", "Salines Énergie", "Kermit Games", "Studio Ruche",
    "Atlas Retail", "Polaris Cloud", "Ferme Digitale", "Mosaïque Media", "Rivage Bank",
    "Tilleul", "Sémaphore", "Capgemini", "Freelance",
)
LOCATIONS = (
    ("Paris", 38), ("Lyon", 10), ("Nantes", 7), ("Bordeaux", 6), ("Lille", 5),
    ("Toulouse", 5), ("Rennes", 4), ("Marseille", 3), ("Grenoble", 3), ("Montpellier", 3),
    ("Strasbourg", 2), ("Remote (France)", 8), ("Remote", 4), ("Bruxelles", 2),
    ("Genève", 1), ("Lisbon", 1), ("Berlin", 1), ("Barcelona", 1),
)
#: Reserved names only (RFC 2606, RFC 6761): no demo address or profile is anybody's.
EMAIL_DOMAINS = (
    "example.com", "example.com", "example.com", "example.org", "example.net", "mail.test",
    "courriel.test", "boite.test", "inbox.test", "webmail.test", "poste.test",
)
#: Where a company's own addresses live: ``octave.example.com``.
COMPANY_DOMAINS = (".example.com", ".example.org", ".example.net")
#: Demo profile pages (a real site's profile may be somebody's).
PROFILE_SITE = "https://linkedin.example.com/in/"
#: Every domain demo data uses ends with one of these.
RESERVED_SUFFIXES = (".example.com", ".example.org", ".example.net", ".test", ".invalid", ".example")
TRACKS: dict[str, dict[str, Any]] = {
    "backend": {
        "roles": ("Senior Backend Engineer", "Backend Developer", "Staff Software Engineer",
                  "Software Engineer", "Tech Lead Backend", "Développeur Python"),
        "skills": ("Python", "Go", "Django", "FastAPI", "PostgreSQL", "Kafka", "Rust", "Java"),
        "tags": ("python", "go", "django", "postgres", "kubernetes", "aws", "api", "microservices"),
    },
    "frontend": {
        "roles": ("Frontend Engineer", "Fullstack Developer", "Développeuse React",
                  "iOS Engineer", "Mobile Developer"),
        "skills": ("React", "TypeScript", "Vue", "Swift", "Kotlin", "Node.js"),
        "tags": ("react", "typescript", "vue", "ios", "android", "design system"),
    },
    "data": {
        "roles": ("Data Engineer", "Analytics Engineer", "ML Engineer", "Data Scientist",
                  "Senior Data Engineer"),
        "skills": ("Spark", "dbt", "Airflow", "SQL", "Snowflake", "BigQuery", "PyTorch"),
        "tags": ("spark", "dbt", "airflow", "sql", "kafka", "gcp", "snowflake", "ml"),
    },
    "design": {
        "roles": ("Product Designer", "Senior UX/UI Designer", "UX Researcher",
                  "Lead Product Designer"),
        "skills": ("Figma", "Design System", "User Research", "Prototyping"),
        "tags": ("figma", "ux research", "design system", "b2b saas", "mobile"),
    },
    "product": {
        "roles": ("Product Manager", "Senior Product Manager", "Product Owner",
                  "Head of Product"),
        "skills": ("B2B SaaS", "Discovery", "Growth", "Marketplace"),
        "tags": ("b2b saas", "discovery", "growth", "marketplace", "healthtech"),
    },
    "devops": {
        "roles": ("SRE", "DevOps Engineer", "Platform Engineer", "Cloud Architect",
                  "Security Engineer"),
        "skills": ("Kubernetes", "Terraform", "AWS", "GCP", "Observability"),
        "tags": ("kubernetes", "terraform", "aws", "gcp", "on-call", "security"),
    },
    "management": {
        "roles": ("Engineering Manager", "Head of Engineering", "CTO", "VP Engineering",
                  "Lead Developer"),
        "skills": ("Leadership", "Hiring", "Delivery", "Remote teams"),
        "tags": ("leadership", "hiring", "agile", "remote-first", "staff+"),
    },
}
GENERAL_TAGS = ("bilingual", "open to relocation", "ex-founder", "télétravail", "freelance",
                "speaker", "open source")
TALENT_NOTES = (
    "Prefers email over LinkedIn.",
    "Stack: [Python, FastAPI, Postgres] — strong on testing.",
    "Available from March; 3-month notice period.",
    "Wants 2 days remote minimum.",
    "Salary expectations 65–70k€ fixed.",
    "Met at Devoxx France, great talk on [Kafka] backpressure.",
    "Only interested in health tech or climate.",
    "Ex-founder (company sold in 2023), would like a lead role.",
    "Mentors at a women-in-tech bootcamp on Saturdays.",
    "Speaks French, English and Portuguese.",
    "Not before their stock options vest (next June).",
    "Wrote the blog post \"Our migration to Postgres 16\".",
)
REFERRERS = (
    "Julien Marchand", "Hélène Lacroix", "Karim Benali", "Sophie Caron", "Émile Dufour",
    "Anouk Jansen", "Camille Roux", "Thomas Nguyen",
)
REFERRAL_CONTEXTS = (
    "(backend lead at Lumen Health)", "(ex-colleague at Kiosk)", "(designer at Kiosk)",
    "(data team, Vélo Cargo)", "(former manager)", "(school friend, INSA Lyon)",
)
SOCIAL_CONTEXTS = (
    "— shared the job post on LinkedIn", "— tagged them under our post",
    "— forwarded the offer in a Slack community", "— recommended them on Mastodon",
)

MANUAL_SNOOZES = (  # (reason, how to compute "until" from today)
    ("on parental leave until spring", "spring"),
    ("asked to be recontacted after their bonus is paid in March", "april"),
    ("sabbatical — travelling until the summer", "summer"),
    ("just started a new job — recontact in a year", "year"),
    ("moving to Lyon this month — back in touch after the move", "week"),
    ("asked to talk again after their product launch", "three_weeks"),
)

# --------------------------------------------------------------------- sentences

_SUMMARY = {
    "approach": ("First message: {title} at {client}", "Personalised approach for {title} ({client})",
                 "First message — mentioned their talk, pitched {title}"),
    "followup": ("Follow-up {step}: short nudge", "Follow-up {step}: shared the team's engineering blog",
                 "Follow-up {step}: new detail on the {title} role", "Follow-up {step}: last try, door stays open"),
    "reply+": ("Interested — happy to have a call", "Open to talk, available Thursday afternoon",
               "Curious about {client}, asks for the salary range first", "Yes, let's talk next week"),
    "reply-": ("Not looking right now, thanks", "Thanks but not for me", "Happy where they are for now",
               "No — timing is not right"),
    "apply": ("Applied through the careers page for {title}", "Wrote after seeing the post about {title}",
              "Sent their CV by email for {title}"),
    "screen": ("Screening call (30 min)", "Phone screen about {title}", "Discovery call"),
    "interview": ("Interview with the hiring manager", "Technical interview — system design",
                  "Case study presentation", "Team fit interview at {client}"),
    "reverse": ("Reverse interview with a future teammate", "Reverse interview with the CTO of {client}"),
    "offer": ("Offer call — presented the package", "Offer call with {client}'s CEO"),
    "accept": ("Offer accepted — start date agreed", "Signed! Starts in 2 months"),
    "decline": ("Declined by email", "Called to decline the process"),
    "reject": ("Debrief call: we stop here", "Told them {client} will not go further"),
    "p_content": ("Shared the article \"Scaling Postgres at {client}\"", "Sent our salary benchmark 2026",
                  "Shared a podcast episode on engineering management", "Sent the newsletter [talent pool]"),
    "p_event": ("Invited to the Paris Backend Meetup #42", "Invited to a breakfast at {client}",
                "Invited to our [design crit] evening"),
    "p_note": ("Changed jobs — now at {company}", "Promoted to lead", "Updated their headline"),
    "p_call": ("Catch-up call (talent pool)", "Coffee chat", "Call to hear their news"),
    "p_inbound": ("Asked for news about open roles", "Sent a friend's CV", "Congratulated us on the launch"),
}
_GIVEN = {
    "positive": ("Told them the profile matches well; next step is the hiring manager.",
                 "Shared the good feedback from the team and the next steps.",
                 "Said clearly they are among our top candidates.",
                 "Thanked them; explained the process and timing."),
    "mixed": ("Told them the team liked the product sense but wants more depth on scale.",
              "Was transparent: the budget is below their expectation, we are checking.",
              "Said we need one more conversation before deciding."),
    "negative": ("Explained the role needs more hands-on Kubernetes; will keep them in mind.",
                 "Told them honestly the seniority gap is too big for this role.",
                 "Gave detailed feedback on the case study; we stop here for this role."),
}
_IMPRESSION = {
    "positive": ("Sharp, curious, asks the right questions.", "Great energy, very clear communicator.",
                 "Strong on architecture, pragmatic.", "Would fit the team culture really well."),
    "mixed": ("Good skills but unsure about the move.", "Solid but a bit rehearsed.",
              "Motivated by salary more than the product."),
    "negative": ("Not enough depth on distributed systems.", "Seems disengaged.",
                 "Expectations far above the band."),
}
_NEXT = {
    "screen": "Send profile to {client}'s hiring manager",
    "interview": "Collect panel feedback and schedule the next round",
    "reverse": "Prepare the offer with {client}",
    "offer": "Get their answer on the offer",
    "apply": "Book a screening call",
    "p_call": "Send them the next role that fits",
    "p_inbound": "Reply with what is open right now",
}
_DECLINE_DETAIL = {
    "not looking": "Happy in their current team.",
    "salary": "Expects 15% above the band.",
    "location / remote": "Wants full remote, the role is 3 days on site.",
    "company or product": "Not convinced by the product.",
    "role or seniority": "Looking for a lead role.",
    "timing": "Too early, asked to talk again later.",
    "counter-offer": "Accepted a counter-offer from their employer.",
    "joined a competitor": "Signed elsewhere last week.",
    "other": "Personal reasons.",
}
_EARLY_REASONS = ("not looking", "not looking", "not looking", "timing", "salary", "location / remote",
                  "company or product", "role or seniority", "joined a competitor", "other")
_REJECTION_REASONS = ("skills", "experience", "salary gap", "client said no", "culture")
_LATE_REASONS = ("salary", "counter-offer", "joined a competitor", "company or product",
                 "location / remote", "timing", "other")

