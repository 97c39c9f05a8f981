"""Tests for sourcer_tui.domain.templates: a safe follow-up message renderer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcer_tui.domain.templates import (
    ALL_PLACEHOLDERS,
    DEFAULT_TEMPLATES,
    STANDARD_PLACEHOLDERS,
    TALENT_FIELDS,
    Problem,
    TemplateError,
    check,
    placeholder_values,
    render,
    split_name,
)

KNOWN = ", ".join(ALL_PLACEHOLDERS)
VALUES = {
    "first_name": "Zoé",
    "last_name": "Martin",
    "mission": "Développeuse Python",
    "company": "Voodoo",
    "my_name": "Morgane",
    "days_since_first_message": "4",
}


# ---------------------------------------------------------------- constants


def test_placeholder_lists():
    assert STANDARD_PLACEHOLDERS == (
        "first_name",
        "last_name",
        "mission",
        "company",
        "my_name",
        "days_since_first_message",
    )
    assert TALENT_FIELDS == (
        "name",
        "headline",
        "email",
        "phone",
        "linkedin_url",
        "location",
        "source",
        "referred_by",
        "tags",
    )
    assert ALL_PLACEHOLDERS == STANDARD_PLACEHOLDERS + TALENT_FIELDS


# ---------------------------------------------------------------- render


def test_every_standard_placeholder_is_rendered():
    text = (
        "Bonjour {first_name} {last_name}, je reviens vers vous au sujet du poste de {mission} "
        "chez {company} (premier message il y a {days_since_first_message} jours). {my_name}"
    )
    assert render(text, VALUES) == (
        "Bonjour Zoé Martin, je reviens vers vous au sujet du poste de Développeuse Python "
        "chez Voodoo (premier message il y a 4 jours). Morgane"
    )


def test_a_talent_field_placeholder_is_rendered():
    assert render("Vu sur {source}, basé·e à {location}", {"source": "LinkedIn", "location": "Lyon"}) == (
        "Vu sur LinkedIn, basé·e à Lyon"
    )


def test_double_braces_are_literal_braces():
    assert render("{{first_name}} vaut {first_name} }}{{", VALUES) == "{first_name} vaut Zoé }{"
    assert check("{{}}") == []
    assert render("{{{first_name}}}", VALUES) == "{Zoé}"


def test_text_without_braces_is_unchanged():
    assert render("Bonjour,\nà bientôt !", {}) == "Bonjour,\nà bientôt !"
    assert render("", {}) == ""


def test_missing_allowed_value_renders_empty():
    assert render("[{first_name}] [{headline}]", {}) == "[] []"


@pytest.mark.parametrize("value", ["{first_name}", "{{x}}", "[b]bold[/b]", "\x1b[31mrouge\x1b[0m", "{", "}"])
def test_values_are_inserted_literally(value):
    values = {"first_name": value, "last_name": "Martin"}
    assert render("<{first_name}|{last_name}>", values) == f"<{value}|Martin>"


def test_render_with_a_custom_allowed_list():
    assert render("{prenom}", {"prenom": "Zoé"}, allowed=["prenom"]) == "Zoé"
    assert render("{x}", {"x": "1"}, allowed=iter(["x"])) == "1"
    with pytest.raises(TemplateError):
        render("{first_name}", VALUES, allowed=["prenom"])


def test_render_raises_with_every_problem():
    with pytest.raises(TemplateError) as info:
        render("Bonjour {frist_name}, {}", VALUES)
    assert info.value.problems == [
        Problem(1, 9, f"unknown placeholder {{frist_name}} (known: {KNOWN})"),
        Problem(1, 23, "empty placeholder {}"),
    ]
    assert str(info.value) == f"line 1, column 9: unknown placeholder {{frist_name}} (known: {KNOWN}) … and 1 more"
    assert isinstance(info.value, ValueError)


def test_template_error_with_one_problem():
    with pytest.raises(TemplateError) as info:
        render("}", {})
    assert str(info.value) == "line 1, column 1: single '}' (write }} for a literal brace)"


# ---------------------------------------------------------------- check


def test_problem_str():
    problem = Problem(2, 14, "unknown placeholder {frist_name} (known: first_name)")
    assert str(problem) == "line 2, column 14: unknown placeholder {frist_name} (known: first_name)"


def test_valid_template_has_no_problem():
    assert check("Bonjour {first_name},\n{{ok}} {tags}\n{my_name}") == []


def test_unknown_placeholder_position_on_a_multiline_template():
    text = "Bonjour,\n\nJe reviens {frist_name} vers vous\nchez {company}."
    assert check(text) == [Problem(3, 12, f"unknown placeholder {{frist_name}} (known: {KNOWN})")]


def test_unknown_message_lists_the_allowed_names():
    assert check("{x}", allowed=("a", "b")) == [Problem(1, 1, "unknown placeholder {x} (known: a, b)")]


def test_placeholders_are_case_sensitive_and_strict():
    assert [p.message for p in check("{First_Name}{ first_name }")] == [
        f"unknown placeholder {{First_Name}} (known: {KNOWN})",
        f"unknown placeholder {{ first_name }} (known: {KNOWN})",
    ]


def test_empty_placeholder():
    assert check("Bonjour {}") == [Problem(1, 9, "empty placeholder {}")]


def test_lone_opening_brace_at_the_end():
    assert check("Bonjour {") == [Problem(1, 9, "'{' never closed (write {{ for a literal brace)")]


def test_opening_brace_must_close_on_its_line():
    assert check("a {first_name\n{company}") == [Problem(1, 3, "'{' never closed (write {{ for a literal brace)")]


def test_lone_closing_brace():
    assert check("Bonjour }\n ok") == [Problem(1, 9, "single '}' (write }} for a literal brace)")]


def test_opening_brace_inside_a_placeholder():
    assert check("x {a{b} y") == [Problem(1, 5, "'{' inside a placeholder")]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("{first_name.__class__}", "{first_name.__class__}"),
        ("{first_name[0]}", "{first_name[0]}"),
        ("{first_name.__init__.__globals__}", "{first_name.__init__.__globals__}"),
    ],
)
def test_attribute_and_index_access_are_refused(text, shown):
    assert check(text) == [Problem(1, 1, f"no attribute or index access in a placeholder: {shown}")]
    with pytest.raises(TemplateError):
        render(text, VALUES)


@pytest.mark.parametrize("text", ["{first_name!r}", "{first_name:>3}", "{first_name!s:^10}"])
def test_conversions_and_format_specs_are_refused(text):
    assert check(text) == [Problem(1, 1, f"no conversion or format spec in a placeholder: {text}")]
    with pytest.raises(TemplateError):
        render(text, VALUES)


def test_several_problems_are_reported_in_order():
    text = "Bonjour {frist_name},\n{} et } puis {first_name.x}\n{first_name:>3} {a{b} {"
    assert check(text) == [
        Problem(1, 9, f"unknown placeholder {{frist_name}} (known: {KNOWN})"),
        Problem(2, 1, "empty placeholder {}"),
        Problem(2, 7, "single '}' (write }} for a literal brace)"),
        Problem(2, 14, "no attribute or index access in a placeholder: {first_name.x}"),
        Problem(3, 1, "no conversion or format spec in a placeholder: {first_name:>3}"),
        Problem(3, 19, "'{' inside a placeholder"),
        Problem(3, 23, "'{' never closed (write {{ for a literal brace)"),
    ]


# ---------------------------------------------------------------- split_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zoé Martin", ("Zoé", "Martin")),
        ("Jean-Pierre de la Fontaine", ("Jean-Pierre", "de la Fontaine")),
        ("Madonna", ("Madonna", "")),
        ("  Zoé   Martin  ", ("Zoé", "Martin")),
        ("Anne  Marie\tDupont", ("Anne", "Marie Dupont")),
        ("", ("", "")),
        ("   ", ("", "")),
    ],
)
def test_split_name(name, expected):
    assert split_name(name) == expected


# ---------------------------------------------------------------- placeholder_values


def test_placeholder_values_exact_dict():
    talent = {
        "name": "Jean-Pierre de la Fontaine",
        "headline": "Staff Engineer",
        "email": "jp@example.org",
        "location": "Paris",
        "tags": "python,remote",
        "company": "Ancienne Boîte",
    }
    assert placeholder_values(
        talent, mission="Lead Backend", company="Voodoo", my_name="Morgane", days_since_first_message=6
    ) == {
        "first_name": "Jean-Pierre",
        "last_name": "de la Fontaine",
        "mission": "Lead Backend",
        "company": "Voodoo",
        "my_name": "Morgane",
        "days_since_first_message": "6",
        "name": "Jean-Pierre de la Fontaine",
        "headline": "Staff Engineer",
        "email": "jp@example.org",
        "phone": "",
        "linkedin_url": "",
        "location": "Paris",
        "source": "",
        "referred_by": "",
        "tags": "python,remote",
    }


def test_placeholder_values_defaults():
    values = placeholder_values({"name": "Madonna", "company": "Pop Inc"})
    assert values["first_name"] == "Madonna"
    assert values["last_name"] == ""
    assert values["company"] == "Pop Inc"
    assert values["mission"] == values["my_name"] == values["days_since_first_message"] == ""
    assert values["days_since_first_message"] == ""
    assert set(values) == set(ALL_PLACEHOLDERS)
    assert placeholder_values({}, days_since_first_message=0)["days_since_first_message"] == "0"
    assert placeholder_values({})["first_name"] == ""


def test_placeholder_values_render_a_default_template():
    values = placeholder_values({"name": "Zoé Martin"}, mission="Data Engineer", company="Voodoo", my_name="Morgane")
    subject, body = DEFAULT_TEMPLATES[(1, "email")]
    assert render(subject, values) == "Re : Data Engineer chez Voodoo"
    assert render(body, values).startswith("Bonjour Zoé,\n")
    assert render(body, values).endswith("\nMorgane")


# ---------------------------------------------------------------- DEFAULT_TEMPLATES


def test_default_templates_cover_every_step_and_channel():
    assert set(DEFAULT_TEMPLATES) == {(step, ch) for step in range(4) for ch in ("linkedin", "email")}


@pytest.mark.parametrize("key", sorted(DEFAULT_TEMPLATES))
def test_default_templates_pass_check(key):
    subject, body = DEFAULT_TEMPLATES[key]
    assert check(subject) == []
    assert check(body) == []
    assert "{first_name}" in body and "{my_name}" in body
    if key[1] == "linkedin":
        assert subject == ""
        assert len(render(body, VALUES)) <= 400  # short enough for a LinkedIn message
    else:
        assert subject and "\n" not in subject


# ---------------------------------------------------------------- properties


@given(st.text())
def test_check_never_raises(text):
    problems = check(text)
    assert isinstance(problems, list)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1


@given(st.text(alphabet=st.sampled_from("{}ab!:.[]_\n") | st.characters()), st.dictionaries(st.text(), st.text()))
def test_render_returns_a_str_or_raises_template_error(text, values):
    try:
        result = render(text, values)
    except TemplateError as exc:
        assert exc.problems == check(text) != []
    else:
        assert isinstance(result, str)
        assert check(text) == []


@given(st.text())
def test_escaped_text_renders_back_to_itself(text):
    assert render(text.replace("{", "{{").replace("}", "}}"), {}) == text


@given(st.fixed_dictionaries({"first_name": st.text()}, optional={"last_name": st.text()}))
def test_first_name_value_is_returned_exactly(values):
    assert render("{first_name}", values) == values["first_name"]
