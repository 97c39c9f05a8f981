"""Safe message templates: ``Bonjour {first_name}`` with ``{{`` / ``}}`` for literal braces.

A small single-pass scanner, never ``str.format`` (which allows ``{x.__class__}``) nor ``eval``.
Values are inserted literally: a value containing ``{x}`` or ``[b]`` is never re-expanded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..i18n import _, ngettext

__all__ = [
    "ALL_PLACEHOLDERS", "DEFAULT_TEMPLATES", "STANDARD_PLACEHOLDERS", "TALENT_FIELDS", "Problem",
    "TemplateError", "check", "placeholder_values", "render", "split_name", "template_key", "parse_template_key", "template_label",
]  # fmt: skip

STANDARD_PLACEHOLDERS = ("first_name", "last_name", "mission", "company", "my_name", "days_since_first_message")
TALENT_FIELDS = ("name", "headline", "email", "phone", "linkedin_url", "location", "source", "referred_by", "tags")
ALL_PLACEHOLDERS = STANDARD_PLACEHOLDERS + TALENT_FIELDS


@dataclass(frozen=True)
class Problem:
    """One problem in a template; ``line`` and ``column`` are 1-based."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return _("line {line}, column {column}: {problem}").format(line=self.line, column=self.column, problem=self.message)


class TemplateError(ValueError):
    """A template that :func:`check` refuses; ``problems`` lists them all, in order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        if not self.problems:
            text = _("invalid template")
        elif len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            more = len(self.problems) - 1
            text = ngettext("{problem} … and {n} more", "{problem} … and {n} more", more).format(problem=self.problems[0], n=more)
        super().__init__(text)


def _problem(text: str, index: int, message: str) -> Problem:
    line_start = text.rfind("\n", 0, index) + 1
    return Problem(text.count("\n", 0, index) + 1, index - line_start + 1, message)


def _scan(text: str, allowed: tuple[str, ...]) -> tuple[list[tuple[bool, str]], list[Problem]]:
    """Split ``text`` into ``(is_placeholder, literal-or-name)`` pieces and collect problems."""
    pieces: list[tuple[bool, str]] = []
    problems: list[Problem] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "}":
            if text.startswith("}}", i):
                literal.append("}")
                i += 2
            else:
                problems.append(_problem(text, i, _("single '}' (write }} for a literal brace)")))
                i += 1
            continue
        if char != "{":
            literal.append(char)
            i += 1
            continue
        if text.startswith("{{", i):
            literal.append("{")
            i += 2
            continue
        # A placeholder: it must close on the same line.
        end = i + 1
        while end < n and text[end] not in "}\n":
            end += 1
        if end >= n or text[end] != "}":
            problems.append(_problem(text, i, _("'{' never closed (write {{ for a literal brace)")))
            i += 1
            continue
        content = text[i + 1 : end]
        if "{" in content:
            problems.append(_problem(text, i + 1 + content.index("{"), _("'{' inside a placeholder")))
        elif problem := _placeholder_problem(content, allowed):
            problems.append(_problem(text, i, problem))
        else:
            if literal:
                pieces.append((False, "".join(literal)))
                literal = []
            pieces.append((True, content))
        i = end + 1
    if literal:
        pieces.append((False, "".join(literal)))
    return pieces, problems


def _placeholder_problem(content: str, allowed: tuple[str, ...]) -> str | None:
    """What is wrong with ``{content}``, or None."""
    if not content:
        return _("empty placeholder {}")
    placeholder = "{" + content + "}"
    for char in content:  # Python's own field syntax: the first of these decides.
        if char in ".[":
            return _("no attribute or index access in a placeholder: {placeholder}").format(placeholder=placeholder)
        if char in "!:":
            return _("no conversion or format spec in a placeholder: {placeholder}").format(placeholder=placeholder)
    if content not in allowed:
        return _("unknown placeholder {placeholder} (known: {known})").format(placeholder=placeholder, known=", ".join(allowed))
    return None


def check(text: str, allowed: Iterable[str] = ALL_PLACEHOLDERS) -> list[Problem]:
    """Every problem in ``text``, in order of position; ``[]`` when the template is fine."""
    return _scan(text, tuple(allowed))[1]


def render(text: str, values: Mapping[str, str], allowed: Iterable[str] = ALL_PLACEHOLDERS) -> str:
    """Substitute ``values`` literally; a known placeholder missing from ``values`` renders as "".

    Raises :class:`TemplateError` listing every problem when :func:`check` finds any.
    """
    pieces, problems = _scan(text, tuple(allowed))
    if problems:
        raise TemplateError(problems)
    return "".join(str(values.get(piece, "")) if is_name else piece for is_name, piece in pieces)


def template_key(step: int, channel: str, mission_id: int | None = None) -> str:
    """Which template a message came from, as stored on its touchpoint: ``"0:linkedin"``
    (the template of all missions, or the built-in one), ``"1:email:12"`` (mission 12's own)."""
    key = f"{int(step)}:{channel}"
    return key if mission_id is None else f"{key}:{int(mission_id)}"


def parse_template_key(key: str) -> tuple[int, str, int | None] | None:
    """``"1:email:12"`` -> ``(1, "email", 12)``; None for "" or anything else."""
    parts = (key or "").split(":")
    if len(parts) not in (2, 3) or not parts[0].isdigit() or not parts[1]:
        return None
    if len(parts) == 3 and not parts[2].isdigit():
        return None
    return int(parts[0]), parts[1], int(parts[2]) if len(parts) == 3 else None


def template_label(key: str, mission: str = "") -> str:
    """``first message · LinkedIn``, ``follow-up 2 · email · Data engineer`` (*mission*: the
    title of a mission's own template); an unknown key as it is."""
    parsed = parse_template_key(key)
    if parsed is None:
        return key
    step, channel, mission_id = parsed
    channel_name = {"linkedin": _("LinkedIn"), "email": _("email")}.get(channel, channel)
    if step == 0:
        text = _("first message · {channel}").format(channel=channel_name)
    else:
        text = _("follow-up {step} · {channel}").format(step=step, channel=channel_name)
    if mission_id is not None:
        text = _("{template} · {mission}").format(template=text, mission=mission or "#{id}".format(id=mission_id))
    return text


def split_name(name: str) -> tuple[str, str]:
    """``"Jean-Pierre de la Fontaine"`` -> ``("Jean-Pierre", "de la Fontaine")``; ``"Madonna"`` -> ``("Madonna", "")``."""
    words = (name or "").split()
    if not words:
        return "", ""
    return words[0], " ".join(words[1:])


def placeholder_values(
    talent: Mapping[str, str],
    *,
    mission: str = "",
    company: str = "",
    my_name: str = "",
    days_since_first_message: int | None = None,
) -> dict[str, str]:
    """The values for every placeholder of :data:`ALL_PLACEHOLDERS` (missing ones are "")."""

    def field(key: str) -> str:
        value = talent.get(key)
        return "" if value is None else str(value)

    first_name, last_name = split_name(field("name"))
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "mission": mission or "",
        "company": company or field("company"),
        "my_name": my_name or "",
        "days_since_first_message": "" if days_since_first_message is None else str(days_since_first_message),
    }
    values.update({key: field(key) for key in TALENT_FIELDS})
    return values


# (step, channel) -> (subject, body); step 0 is the first message, 1..3 the follow-ups.
DEFAULT_TEMPLATES: dict[tuple[int, str], tuple[str, str]] = {
    (0, "linkedin"): (
        "",
        "Bonjour {first_name},\n\nVotre parcours a retenu mon attention : je recrute pour le poste de "
        "{mission} chez {company} et j'ai l'intuition que cela pourrait vous parler.\n\n"
        "Partant·e pour en discuter 15 minutes cette semaine ?\n\n{my_name}",
    ),
    (0, "email"): (
        "{mission} chez {company} : on en parle ?",
        "Bonjour {first_name},\n\nEn découvrant votre parcours, j'ai tout de suite pensé au poste de "
        "{mission} que nous ouvrons chez {company}. Je serais ravi·e de vous en dire plus, "
        "et surtout de mieux comprendre ce que vous recherchez aujourd'hui.\n\n"
        "Auriez-vous un créneau de 15 minutes dans les jours qui viennent ?\n\nBelle journée,\n{my_name}",
    ),
    (1, "linkedin"): (
        "",
        "Bonjour {first_name}, je reviens vers vous au sujet du poste de {mission} chez {company}. "
        "Les messages se perdent vite par ici : un simple mot pour me dire si le sujet vous intéresse, "
        "même plus tard, me ferait plaisir.\n\n{my_name}",
    ),
    (1, "email"): (
        "Re : {mission} chez {company}",
        "Bonjour {first_name},\n\nJe me permets de revenir vers vous au sujet du poste de {mission} "
        "chez {company}, au cas où mon premier message se serait glissé sous la pile.\n\n"
        "Si le sujet vous intrigue, je vous propose un échange rapide, sans engagement.\n\n"
        "Bien à vous,\n{my_name}",
    ),
    (2, "linkedin"): (
        "",
        "Bonjour {first_name}, avez-vous eu le temps de jeter un œil à mon message sur le poste de "
        "{mission} ? Si le moment n'est pas le bon, aucun souci : un « pas maintenant » m'aide aussi "
        "beaucoup.\n\n{my_name}",
    ),
    (2, "email"): (
        "Petite relance : {mission} chez {company}",
        "Bonjour {first_name},\n\nJe sais que vos journées sont bien remplies, alors je fais court : "
        "le poste de {mission} chez {company} est toujours ouvert et votre profil me semble vraiment "
        "pertinent.\n\nEt si le timing n'est pas le bon, dites-le-moi simplement : je reviendrai vers "
        "vous plus tard, promis.\n\nBonne journée,\n{my_name}",
    ),
    (3, "linkedin"): (
        "",
        "Bonjour {first_name}, promis, c'est ma dernière relance : ma tasse de café commence à me "
        "regarder de travers à force de guetter votre réponse. Si le poste de {mission} chez {company} "
        "vous intrigue un tant soit peu, je suis là. Sinon, belle continuation !\n\n{my_name}",
    ),
    (3, "email"): (
        "Dernière tentative (et après, je range mon clavier)",
        "Bonjour {first_name},\n\nJ'ai hésité à vous écrire une quatrième fois, puis ma plante verte m'a "
        "encouragé·e : elle aussi pense que le poste de {mission} chez {company} pourrait vous plaire.\n\n"
        "Si ce n'est pas le moment, pas de souci : je vous laisse tranquille et reviendrai vers vous "
        "dans quelques mois. Et si l'envie vous prend d'en discuter, ma porte reste grande ouverte.\n\n"
        "Au plaisir,\n{my_name}",
    ),
}
