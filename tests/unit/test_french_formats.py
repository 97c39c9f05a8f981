"""The domain's dates, ages, counts and messages in French, exact values (English is
tested beside each module: test_dates, test_cadence, test_stats...)."""

from __future__ import annotations

import datetime as dt

import pytest

from sourcer_tui.domain import cadence, humanize, stats, touchpoints
from sourcer_tui.domain.dates import DateParseError, describe, parse_date
from sourcer_tui.domain.forms import validate_mission, validate_talent
from sourcer_tui.i18n import set_language

TODAY = dt.date(2026, 11, 23)  # a Monday
NBSP = "\u00a0"


@pytest.fixture
def french():
    set_language("fr")  # the autouse fixture of conftest.py goes back to English


def _error(text: str) -> str:
    with pytest.raises(DateParseError) as info:
        parse_date(text, TODAY)
    return str(info.value)


# -- English stays as it was ---------------------------------------------------------------


def test_english_is_unchanged():
    assert describe(dt.date(2026, 11, 24), TODAY) == "Tue 2026-11-24 (tomorrow)"
    assert describe(dt.date(2027, 2, 22), TODAY) == "Mon 2027-02-22 (in 3 months)"
    assert describe(dt.date(2026, 11, 9), TODAY) == "Mon 2026-11-09 (2 weeks ago)"
    assert [humanize.age(TODAY - dt.timedelta(days=n), TODAY) for n in (0, 3, 35, 213, 800, -2)] == [
        "today", "3d", "5w", "7mo", "2y", "soon",
    ]
    assert humanize.count(1234567) == "1,234,567"
    assert stats.percent(0.1234) == "12.3%"
    assert stats.percent(None) == "—"


# -- the French formats (formats.py: no catalog needed) -------------------------------------


def test_french_dates_and_numbers(french):
    assert describe(dt.date(2026, 11, 24), TODAY).startswith("mar. 24/11/2026 (")
    assert describe(dt.date(2027, 2, 22), TODAY).startswith("lun. 22/02/2027 (")
    assert humanize.count(1234567) == f"1{NBSP}234{NBSP}567"
    assert stats.percent(0.1234) == f"12,3{NBSP}%"
    assert stats.percent(None) == "—"


def test_snooze_effect_names_days_the_french_way(french):
    text = cadence.snooze_effect(0, [dt.date(2026, 12, 9), dt.date(2026, 12, 7)])
    assert "lun. 7 déc., mer. 9 déc." in text


def test_a_french_date_written_by_the_app_is_read_back(french):
    from sourcer_tui.i18n import formats

    for day in (dt.date(2026, 12, 7), dt.date(2027, 1, 1), dt.date(2030, 2, 28)):
        assert parse_date(formats.full_date(day), TODAY) == day


# -- French text (needs the French catalog compiled from /tmp/i18n/domain.json) -------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 23), "lun. 23/11/2026 (aujourd'hui)"),
        (dt.date(2026, 11, 24), "mar. 24/11/2026 (demain)"),
        (dt.date(2026, 11, 22), "dim. 22/11/2026 (hier)"),
        (dt.date(2026, 11, 26), "jeu. 26/11/2026 (dans 3 j)"),
        (dt.date(2026, 11, 20), "ven. 20/11/2026 (il y a 3 j)"),
        (dt.date(2026, 12, 7), "lun. 07/12/2026 (dans 2 sem.)"),
        (dt.date(2026, 11, 9), "lun. 09/11/2026 (il y a 2 sem.)"),
        (dt.date(2027, 2, 22), "lun. 22/02/2027 (dans 3 mois)"),
        (dt.date(2026, 8, 23), "dim. 23/08/2026 (il y a 3 mois)"),
        (dt.date(2028, 11, 22), "mer. 22/11/2028 (dans 2 ans)"),
        (dt.date(2024, 11, 23), "sam. 23/11/2024 (il y a 2 ans)"),
    ],
)
def test_describe_in_french(french, day, expected):
    assert describe(day, TODAY) == expected


def test_ages_in_french(french):
    assert [humanize.age(TODAY - dt.timedelta(days=n), TODAY) for n in (0, 3, 35, 213, 800, -2)] == [
        "auj.", "3 j", "5 sem", "7 mois", "2 a", "futur",
    ]


def test_date_errors_in_french(french):
    hint = "essayez aujourd'hui, demain, +2j, 3sem, 6mois, 1an, lundi, 7/12 ou 07/12/2026"
    assert _error("frob") == f'"frob" n\'est pas une date lisible : {hint}'
    assert _error("") == f"date obligatoire : {hint}"
    assert _error("3651d") == '"3651d" est trop loin : 3650 jours au plus'
    assert _error("521w") == '"521w" est trop loin : 520 semaines au plus'
    assert _error("121m") == '"121m" est trop loin : 120 mois au plus'
    assert _error("11y") == '"11y" est trop loin : 10 ans au plus'
    assert _error("31/4") == '"31/4" n\'existe pas : vérifiez le jour et le mois'


def test_when_errors_in_french(french):
    now = dt.datetime(2026, 11, 23, 10, 30)
    with pytest.raises(touchpoints.WhenParseError) as info:
        touchpoints.parse_when("frob", now)
    assert str(info.value) == '"frob" n\'est pas une date et heure lisible : essayez maintenant, -2h, hier 14:30 ou 20/11/2026 15:00'
    with pytest.raises(touchpoints.WhenParseError) as info:
        touchpoints.parse_when("25h", now)
    assert str(info.value) == '"25h" n\'est pas une heure : heures 0-23, minutes 0-59'
    with pytest.raises(touchpoints.WhenParseError) as info:
        touchpoints.parse_when("+3d", now)
    assert str(info.value) == "un échange dans le futur ? jeu. 26/11/2026 (dans 3 j) n'est pas encore arrivé : notez ce qui a déjà eu lieu"


def test_cadence_texts_in_french(french):
    mon, wed = dt.date(2026, 12, 7), dt.date(2026, 12, 9)
    assert cadence.snooze_effect(1, [mon]) == "met 1 relance en pause jusqu'au réveil ; la prochaine étape (lun. 7 déc.) reste dans Aujourd'hui"
    assert cadence.snooze_effect(2, [wed, mon]) == (
        "met 2 relances en pause jusqu'au réveil ; les prochaines étapes (lun. 7 déc., mer. 9 déc.) restent dans Aujourd'hui"
    )
    assert cadence.snooze_effect(0, [mon] * 5) == (
        "les prochaines étapes (lun. 7 déc., lun. 7 déc., lun. 7 déc. et 2 autres) restent dans Aujourd'hui"
    )
    assert cadence.snooze_effect(0, []) == "aucune relance à mettre en pause, aucune prochaine étape prévue"
    assert cadence.no_reply_reason(0) == "pas de réponse au premier message"
    assert cadence.no_reply_reason(1) == "pas de réponse après 1 relance"
    assert cadence.no_reply_reason(3) == "pas de réponse après 3 relances"
    assert cadence.keep_in_touch_reason(1) == "garder le contact chaque mois"
    assert cadence.keep_in_touch_reason(4) == "garder le contact tous les 4 mois"
    assert cadence.parse_keep_in_touch("99") == (None, "un nombre de mois, de 1 à 24 (vide : ne pas garder le contact)")
    _, errors = cadence.validate_mission_cadence({"followup_delays_days": "2, x", "snooze_after_days": "999", "snooze_months": "0"})
    assert errors == {
        "followup_delays_days": "des jours entiers séparés par des virgules, ex. 2, 4, 7",
        "snooze_after_days": "entre 0 et 365 jours",
        "snooze_months": "entre 1 et 24 mois",
    }


def test_form_errors_in_french(french):
    _, errors = validate_talent({"name": "", "email": "zoé", "linkedin_url": "ftp://x", "source": "radio"}, ["linkedin", "other"])
    assert errors == {
        "name": "un nom est requis",
        "email": "adresse e-mail invalide : 'zoé' (attendu : nom@domaine.fr)",
        "linkedin_url": "doit être une adresse http:// ou https://",
        "source": "source inconnue ; au choix : linkedin, other",
    }
    _, errors = validate_mission({"title": "x" * 301, "status": "done"})
    assert errors == {"title": "300 caractères au plus", "status": "au choix : open, on_hold, closed"}
    _, errors = touchpoints.validate_feedback({"next_step_due": "hier"}, TODAY)
    assert errors == {
        "next_step_due": "cette date est passée",
        "next_step": "précisez la prochaine étape",
        "feedback_given": "écrivez le feedback donné, ou votre impression",
    }


def test_closing_in_french(french):
    _, errors = touchpoints.validate_closing({"reason": ""}, "rejected", ["salary", "other"])
    assert errors == {"reason": "choisissez un motif", "feedback": "personne n'est écarté sans explication : écrivez le feedback donné"}
    assert touchpoints.closing_summary("rejected", "salary", "trop haut") == "Refus de notre part — motif : salaire (trop haut)"
    assert touchpoints.closing_summary("declined", "my_reason") == "Refus du talent — motif : my_reason"


def test_stats_labels_in_french(french):
    assert stats.StepFigures(0, 1, 0, 0, 0).label == "premier message"
    assert stats.StepFigures(2, 1, 0, 0, 0).label == "relance 2"


def test_template_problems_in_french(french):
    from sourcer_tui.domain.templates import TemplateError, check, render

    assert [str(p) for p in check("Bonjour {prenom} }")] == [
        "ligne 1, colonne 9 : variable inconnue {prenom} (connues : first_name, last_name, mission, company, my_name, "
        "days_since_first_message, name, headline, email, phone, linkedin_url, location, source, referred_by, tags)",
        "ligne 1, colonne 18 : '}' seule (écrivez }} pour une accolade)",
    ]
    with pytest.raises(TemplateError) as info:
        render("{} {", {})
    assert str(info.value) == "ligne 1, colonne 1 : variable vide {} … et 1 autre"


def test_config_errors_in_french(french, tmp_path):
    from sourcer_tui.config import ConfigError, load_settings

    path = tmp_path / "config.toml"
    for text, expected in (
        ("[cadence]\nsnooze_months = 99\n", "cadence.snooze_months: doit être entre 1 et 24, reçu : 99"),
        ("[cadence]\nskip_weekends = 1\n", "cadence.skip_weekends: attendu : true ou false, reçu : 1"),
        ("[nope]\n", 'clé inconnue "nope"'),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_settings(path)
        assert str(info.value).endswith(expected), str(info.value)


def test_read_only_refusal_in_french(french):
    from sourcer_tui.read_only import refusal

    assert refusal("ouverte en lecture seule") == (
        "Base en lecture seule (ouverte en lecture seule) : rien ne peut être modifié. "
        "Quittez, corrigez les droits du fichier et relancez pour écrire."
    )
