"""The ``/kudos`` text parser, table-driven."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.kudos.text import escape_mrkdwn, parse_kudos_text, visible_length

VALUES = frozenset({"kindness", "teamwork", "courage", "craft", "care"})


@dataclass(frozen=True)
class Case:
    text: str
    recipients: tuple[str, ...] = ()
    message: str = ""
    values: tuple[str, ...] = ()
    mass: bool = False
    plain: tuple[str, ...] = ()


CASES = {
    "issue example": Case(
        "<@U1|ana> <@U2|bo> for untangling the deploy at midnight #teamwork",
        ("U1", "U2"),
        "for untangling the deploy at midnight",
        ("teamwork",),
    ),
    "escaped mention with name": Case("<@U123|ana> thanks", ("U123",), "thanks"),
    "bare mention": Case("<@U123> thanks", ("U123",), "thanks"),
    "enterprise grid W id": Case("<@W0ABC12> thanks", ("W0ABC12",), "thanks"),
    "same person twice counts once": Case("<@U1> <@U1|ana> yay", ("U1",), "yay"),
    "comma separated": Case("<@U1>, <@U2>, <@U3> you rock", ("U1", "U2", "U3"), "you rock"),
    "and between": Case("<@U1> and <@U2> for pairing", ("U1", "U2"), "for pairing"),
    "ampersand between": Case("<@U1> &amp; <@U2> for pairing", ("U1", "U2"), "for pairing"),
    "mention in the middle stays in text": Case(
        "thanks <@U1|ana> for the review", ("U1",), "thanks <@U1> for the review"
    ),
    "mention only": Case("<@U1>", ("U1",), ""),
    "no text at all": Case(""),
    "only whitespace": Case("   \n  "),
    "no mention": Case("great job everyone", (), "great job everyone"),
    "plain at name": Case("@ana great job", (), "@ana great job", plain=("ana",)),
    "plain at name with dots": Case(
        "@ana.maria thanks", (), "@ana.maria thanks", plain=("ana.maria",)
    ),
    "here is a mass mention": Case(
        "<!here> you are all great", mass=True, message="<!here> you are all great"
    ),
    "channel is a mass mention": Case(
        "<!channel|channel> thanks", mass=True, message="<!channel|channel> thanks"
    ),
    "everyone is a mass mention": Case(
        "<!everyone> thanks", mass=True, message="<!everyone> thanks"
    ),
    "user group is a mass mention": Case(
        "<!subteam^S0123|@devs> thanks", mass=True, message="<!subteam^S0123|@devs> thanks"
    ),
    "unescaped @here is a mass mention": Case("@here thanks", mass=True, message="@here thanks"),
    "mass mention beside a person": Case(
        "<@U1> <!here> thanks", ("U1",), "<!here> thanks", mass=True
    ),
    "two values": Case(
        "<@U1> brave fix #courage #craft", ("U1",), "brave fix", ("courage", "craft")
    ),
    "value case-insensitive": Case("<@U1> #TeamWork wins", ("U1",), "wins", ("teamwork",)),
    "unknown tag stays in text": Case("<@U1> #shipit done", ("U1",), "#shipit done"),
    "value repeated once": Case("<@U1> #care and #care", ("U1",), "and", ("care",)),
    "channel link is not a tag": Case(
        "<@U1> helped in <#C123|general>", ("U1",), "helped in <#C123|general>"
    ),
    "url fragment is not a tag": Case(
        "<@U1> see <https://x.dev/a#care|docs>", ("U1",), "see <https://x.dev/a#care|docs>"
    ),
    "escaped html kept": Case(
        "<@U1> 1 &lt; 2 &amp;&amp; 3 &gt; 2", ("U1",), "1 &lt; 2 &amp;&amp; 3 &gt; 2"
    ),
    "emoji survive": Case("<@U1> :tada: 🎉 thanks 💛", ("U1",), ":tada: 🎉 thanks 💛"),
    "unicode survives": Case(
        "<@U1> merci beaucoup, ça marche ✨", ("U1",), "merci beaucoup, ça marche ✨"
    ),
    "right to left survives": Case("<@U1> شكرا جزيلا", ("U1",), "شكرا جزيلا"),
    "hebrew survives": Case("<@U1> תודה רבה #care", ("U1",), "תודה רבה", ("care",)),
    "newlines survive": Case(
        "<@U1> line one\nline two\n\nline four", ("U1",), "line one\nline two\n\nline four"
    ),
    "extra spaces collapse": Case("<@U1>   so    kind", ("U1",), "so kind"),
    "tag only message": Case("<@U1> #kindness", ("U1",), "", ("kindness",)),
    "email is not a plain at name": Case(
        "<@U1> mail ana@example.com", ("U1",), "mail ana@example.com"
    ),
    "colon after the mentions": Case("<@U1>: great job", ("U1",), "great job"),
    "dash after the mentions": Case("<@U1> - for the fix", ("U1",), "for the fix"),
    "hash inside word is not a tag": Case("<@U1> issue c#care", ("U1",), "issue c#care"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_parse_kudos_text(case: Case) -> None:
    parsed = parse_kudos_text(case.text, known_values=VALUES)
    assert parsed.recipient_ids == case.recipients
    assert parsed.message == case.message
    assert parsed.values == case.values
    assert parsed.has_mass_mention is case.mass
    assert parsed.plain_at_names == case.plain


def test_there_are_at_least_30_cases() -> None:
    assert len(CASES) >= 30


def test_visible_length_counts_escapes_once() -> None:
    assert visible_length("a &amp; b &lt;3") == len("a & b <3")


def test_modal_text_is_escaped_so_it_cannot_mention_anyone() -> None:
    assert escape_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
