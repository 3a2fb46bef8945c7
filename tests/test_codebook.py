"""The codebook: the coding scheme's keys are all there, and bad codebooks fail clearly."""

from __future__ import annotations

import re
import textwrap

import pytest

from toolkit.codebook import DEFAULT_CODEBOOK, parse_codebook
from toolkit.errors import CodebookError

# The contract of ../shared/coding-scheme.md v1: these keys are never renamed or removed.
SCHEME = {
    "territory": [
        "restore_borders",
        "freeze_front_line",
        "mutual_withdrawal",
        "demilitarized_zone",
        "cede_donbas",
    ],
    "recognition": ["no_recognition", "de_facto_recognition", "de_jure_recognition"],
    "zone_governance": [
        "ukrainian_administration",
        "international_oversight",
        "russian_administration",
    ],
    "zaporizhzhia_npp": ["ukrainian_control", "joint_management", "russian_control"],
    "security_guarantees": ["binding_guarantees", "limited_guarantees", "no_guarantees"],
    "foreign_troops": ["foreign_troops_allowed", "no_foreign_troops"],
    "nato_membership": ["membership_path", "alliance_consensus", "renounce_nato"],
    "army_size": ["no_limits", "cap_800k", "cap_600k", "deep_cuts"],
    "sanctions": ["keep_sanctions", "phased_relief", "lift_sanctions"],
    "frozen_assets": ["assets_for_ukraine", "joint_investment", "return_to_russia"],
    "ceasefire": ["ceasefire_first", "ceasefire_with_deal", "no_ceasefire_before_deal"],
    "deal_timeline": ["quick_deal", "no_deadline"],
    "european_role": ["europe_included", "bilateral_talks"],
    "ratification": ["referendum", "elections", "leaders_decide"],
}
POSITIONS = {
    "restore_borders": 0,
    "freeze_front_line": 35,
    "mutual_withdrawal": 50,
    "demilitarized_zone": 65,
    "cede_donbas": 100,
    "binding_guarantees": 0,
    "limited_guarantees": 60,
    "no_guarantees": 100,
    "alliance_consensus": 40,
    "cap_800k": 40,
    "cap_600k": 70,
    "joint_investment": 60,
    "ceasefire_with_deal": 50,
}
CATEGORICAL = {"deal_timeline", "european_role", "ratification"}


def test_default_codebook_has_every_scheme_key(codebook):
    assert set(codebook.party_keys) == {"UA", "RU", "US", "EU"}
    for issue, options in SCHEME.items():
        assert list(codebook.issue(issue).option_keys)[: len(options)] == options


def test_scales_follow_the_scheme(codebook):
    for issue in codebook.issues:
        assert issue.ordinal == (issue.key not in CATEGORICAL)
        for option in issue.options:
            if option.key in POSITIONS:
                assert option.position == POSITIONS[option.key]
            if not issue.ordinal:
                assert option.position is None
    assert codebook.position("territory", "cede_donbas") == 100


def test_every_option_has_a_cue(codebook):
    for issue in codebook.issues:
        for option in issue.options:
            assert option.patterns or option.context_patterns, (issue.key, option.key)


def test_two_option_issue_other_option(codebook):
    assert codebook.other_option("foreign_troops", "foreign_troops_allowed") == "no_foreign_troops"
    assert codebook.other_option("territory", "cede_donbas") is None


def test_unknown_keys_name_the_allowed_ones(codebook):
    with pytest.raises(KeyError, match=r"unknown party 'XX'.*'UA'"):
        codebook.party("XX")
    with pytest.raises(KeyError, match=r"issue 'territory' has no option 'nope'"):
        codebook.issue("territory").option("nope")


MINIMAL = """\
name: test talks
parties:
  A:
    label: Alpha
    color: "#112233"
    aliases: [Alpha, Alphaland]
  B:
    label: Beta
    color: "#445566"
    aliases: [Beta]
issues:
  land:
    label: Land
    scale: ordinal
    options:
      keep:
        label: Keep
        position: 0
        patterns: ['\\bkeep the land\\b']
      give:
        label: Give
        position: 100
        patterns: ['\\bgive (?:up )?the land\\b']
"""


def test_a_codebook_for_another_negotiation_loads():
    cb = parse_codebook(MINIMAL)
    assert cb.party_keys == ("A", "B")
    assert cb.issue("land").option("give").position == 100


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    label: Land\n",
            "    label: Land\n    colour: red\n",
            r":14: issues -> land -> colour: unknown key 'colour' — allowed keys here are",
        ),
        (
            "        position: 100\n",
            "        position: 140\n",
            r"issues -> land -> options -> give -> position: 140 is outside 0–100",
        ),
        (
            "['\\bgive (?:up )?the land\\b']",
            "['ok', '(unclosed']",
            r"issues -> land -> options -> give -> patterns\[1\]: invalid regular expression",
        ),
        (
            "    aliases: [Beta]\n",
            "    aliases: [Beta, alpha]\n",
            r"parties -> B -> aliases\[1\]: 'alpha' is also an alias of party 'A'",
        ),
        ("    label: Beta\n", "", r"parties -> B: missing required key 'label'"),
        ("    scale: ordinal\n", "    scale: interval\n", r"unknown scale 'interval'"),
        ("        position: 0\n", "", r"ordinal options need `position:`"),
        (
            '    color: "#445566"\n',
            "    color: blue\n",
            r"invalid colour 'blue' — write it as #rrggbb",
        ),
    ],
)
def test_invalid_codebooks_name_the_yaml_path(old, new, message):
    assert old in MINIMAL
    with pytest.raises(CodebookError, match=message):
        parse_codebook(MINIMAL.replace(old, new), source="talks.yaml")


def test_yaml_syntax_error_names_the_line():
    broken = MINIMAL.replace("    label: Land\n", "    label: [Land\n")
    with pytest.raises(CodebookError, match=r"talks.yaml:\d+: YAML syntax error"):
        parse_codebook(broken, source="talks.yaml")


def test_duplicate_keys_are_refused():
    doubled = MINIMAL.replace("  B:\n", "  A:\n")
    with pytest.raises(CodebookError, match=r"talks.yaml:7: parties: duplicate key 'A'"):
        parse_codebook(doubled, source="talks.yaml")


def test_missing_codebook_file(tmp_path):
    from toolkit import load_codebook

    with pytest.raises(CodebookError, match=re.escape("codebook file not found")):
        load_codebook(tmp_path / "nope.yaml")
    with pytest.raises(CodebookError, match="this is a folder"):
        load_codebook(tmp_path)


def test_empty_codebook():
    with pytest.raises(CodebookError, match="the codebook is empty"):
        parse_codebook(textwrap.dedent("# nothing\n"))


# ----------------------------------------------------------------------------- the schema


def test_every_problem_is_reported_with_its_line():
    broken = MINIMAL.replace("    label: Land\n", "    label: Land\n    colour: red\n").replace(
        "        position: 100\n", "        position: 140\n"
    )
    with pytest.raises(CodebookError) as info:
        parse_codebook(broken, source="talks.yaml")
    assert str(info.value).splitlines() == [
        "talks.yaml:14: issues -> land -> colour: unknown key 'colour' — allowed keys here are "
        "['context', 'description', 'label', 'options', 'scale']; check the spelling",
        "talks.yaml:23: issues -> land -> options -> give -> position: 140 is outside 0–100 — "
        "use a value in 0–100",
    ]
    assert [e.line for e in info.value.also] == [23]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("name: test talks\n", "name: test talks\nnotes: x\n", r":2: notes: unknown key 'notes'"),
        (
            "    aliases: [Beta]\n",
            "    aliases: [Beta]\n    alias: [B]\n",
            r":11: parties -> B -> alias: unknown key 'alias' — allowed keys here are "
            r"\['aliases', 'capability', 'color', 'demonyms', 'description', 'label'\]",
        ),
        (
            "        position: 0\n",
            "        position: 0\n        pattern: [x]\n",
            r":19: issues -> land -> options -> keep -> pattern: unknown key 'pattern'",
        ),
        (
            "    label: Beta\n",
            "    label: [Beta]\n",
            r"parties -> B -> label: expected text, got list",
        ),
        ("    aliases: [Beta]\n", "    aliases: []\n", r"parties -> B -> aliases: no aliases"),
        ("    aliases: [Beta]\n", "    aliases: Beta\n", r"aliases: expected a list, got str"),
        ("  B:\n", "  2B:\n", r"parties -> 2B: invalid key '2B' — keys start with a letter"),
        ("        position: 100\n", "        position: '100'\n", r"expected a number, got '100'"),
        ("        position: 100\n", "        position: true\n", r"expected a number, got True"),
        (
            "name: test talks\n",
            "name: test talks\nlists:\n  EMPTY: []\n",
            r":3: lists -> EMPTY: an empty list — list its words, or remove it",
        ),
    ],
)
def test_the_schema_refuses_what_it_does_not_know(old, new, message):
    assert old in MINIMAL
    with pytest.raises(CodebookError, match=message):
        parse_codebook(MINIMAL.replace(old, new), source="talks.yaml")


# ----------------------------------------------------------------------------- placeholders


def _with_pattern(pattern: str, extra: str = "") -> str:
    text = MINIMAL.replace("['\\bkeep the land\\b']", f"['{pattern}']")
    text = text.replace(
        "    aliases: [Alpha, Alphaland]\n", "    aliases: [Alpha, Alphaland, AL]\n"
    )
    return (
        text.replace("    aliases: [Beta]\n", "    aliases: [Beta]\n    demonyms: [Betan]\n")
        + extra
    )


def _finds(cb, sentence: str) -> list[str]:
    from toolkit.match import find_cues

    return [c.text for c in find_cues(sentence, cb) if c.option == "keep"]


def test_placeholders_expand_to_the_parties_names_and_the_lists():
    cb = parse_codebook(
        _with_pattern("{B.demonyms} troops leave {HILLS}")
        + "lists:\n  HILLS: [the Green Hills, Redmount]\n"
    )
    assert _finds(cb, "Betan troops leave Redmount.") == ["Betan troops leave Redmount"]
    assert _finds(cb, "betan troops leave the Green Hills.") == [
        "betan troops leave the Green Hills"
    ]
    assert _finds(cb, "Betan troops leave Redmountain.") == []  # whole words only
    assert _finds(cb, "Beta troops leave Redmount.") == []  # .demonyms: not the aliases
    assert cb.lists == (("HILLS", ("the Green Hills", "Redmount")),)


def test_a_party_placeholder_keeps_the_case_of_aliases():
    cb = parse_codebook(_with_pattern("hand it to {A}"))
    assert _finds(cb, "They will hand it to AL soon.") == ["hand it to AL"]
    assert _finds(cb, "They will hand it to al soon.") == []  # "AL" is a name, "al" is not
    assert _finds(cb, "They will hand it to Alphaland soon.") == ["hand it to Alphaland"]


def test_the_party_placeholder_covers_every_party():
    cb = parse_codebook(_with_pattern("talks between {PARTY} and {PARTY}"))
    assert _finds(cb, "He wants talks between Betan and AL.") == ["talks between Betan and AL"]


def test_an_escaped_brace_is_not_a_placeholder():
    cb = parse_codebook(_with_pattern("\\{A\\} rules"))
    assert _finds(cb, "The {A} rules apply.") == ["A} rules"]


@pytest.mark.parametrize(
    ("pattern", "extra", "message"),
    [
        (
            "keep {HILLS}",
            "",
            r"^talks\.yaml:20: issues -> land -> options -> keep -> patterns\[0\]: "
            r"unknown placeholder \{HILLS\} in 'keep \{HILLS\}' — use a party key or a name "
            r"under `lists:` \(A, B, PARTY\)",
        ),
        ("keep {A.demonyms}", "", r"\{A\.demonyms\} .* names no words: A has no demonyms"),
        ("keep {B.names}", "", r"unknown placeholder \{B\.names\}"),
        ("keep {A}", "lists:\n  A: [x]\n", r"lists -> A: the list 'A' has the name of a party"),
    ],
)
def test_an_unknown_placeholder_names_its_line(pattern, extra, message):
    with pytest.raises(CodebookError, match=message):
        parse_codebook(_with_pattern(pattern, extra), source="talks.yaml")


def _inline_names(codebook) -> dict[str, set[str]]:
    """Party names and list items written inside a pattern instead of a placeholder.

    A name counts as written when it appears as a word, or as a stem cut by regex syntax
    (``Ukrain\\w*``, ``Donbass?``); ``U\\.S\\.`` is read as "U.S.".
    """
    from toolkit._patterns import placeholders_of

    names = {n for p in codebook.parties for n in (*p.aliases, *p.demonyms)}
    names |= {item for _name, items in codebook.lists for item in items}
    found: dict[str, set[str]] = {}
    for where, (_line, written) in codebook.sources.items():
        text = written
        for m in reversed(list(placeholders_of(written))):
            text = text[: m.start()] + " " + text[m.end() :]
        text = text.replace("\\.", ".").replace(".?", ".").replace("''", "'")
        for name in names:
            forms = [re.escape(name) + ("(?![a-z])" if len(name) <= 3 else "")]
            if len(name) >= 6:
                forms.append(re.escape(name[:-1]) + r"(?=[\\(\[?])")
            if any(re.search(r"(?<![A-Za-z])" + f, text) for f in forms):
                found.setdefault(str(where), set()).add(name)
    return found


def test_patterns_name_parties_and_places_only_through_placeholders(codebook):
    assert _inline_names(codebook) == {}
    # the check itself finds a name written inline, also as a stem
    cb = parse_codebook(_with_pattern("hand it to Alpha|Betan\\w* troops"))
    (found,) = _inline_names(cb).values()
    assert {"Alpha", "Betan"} <= found


# ----------------------------------------------------------------------------- a fifth party

FIFTH_PARTY = """\
  TR:
    label: Turkey
    color: "#ff7f0e"
    aliases: [Turkey, Ankara, Erdogan, Fidan]
    demonyms: [Turkish]
"""


def test_a_fifth_party_added_in_yaml_alone_has_its_stances_extracted():
    """No Python knows about Turkey: its names come from the YAML, and the options whose
    patterns refer to Russia or Ukraine do so through placeholders and lists."""
    from toolkit import documents_from_texts, extract

    text = DEFAULT_CODEBOOK.read_text(encoding="utf-8")
    text = text.replace("\nissues:\n", "\n" + FIFTH_PARTY + "\nissues:\n", 1)
    # a name added to a party reaches every pattern that uses its placeholder
    text = text.replace("demonyms: [Russian, Russians]", "demonyms: [Russian, Russians, Muscovite]")
    cb = parse_codebook(text)
    assert cb.party_keys == ("UA", "RU", "US", "EU", "TR")
    sentences = {
        "a": "Ankara wants Russian forces to leave Ukraine.",
        "b": "Erdogan rejected any handover of Luhansk.",
        "c": "Fidan called for the Zaporizhzhia plant to be returned to Kyiv.",
        "d": "Turkish diplomats oppose lifting sanctions on Moscow.",
        "e": "Turkey demands a complete Muscovite withdrawal.",
    }
    found = extract(documents_from_texts(sentences), cb)
    assert sorted(
        found[["doc_id", "party", "issue", "option", "polarity"]].itertuples(index=False, name=None)
    ) == [
        ("a", "TR", "territory", "restore_borders", "support"),
        ("b", "TR", "territory", "cede_donbas", "oppose"),
        ("c", "TR", "zaporizhzhia_npp", "ukrainian_control", "support"),
        ("d", "TR", "sanctions", "lift_sanctions", "oppose"),
        ("e", "TR", "territory", "restore_borders", "support"),
    ]
