"""Reading Slack payloads into plain values."""

from __future__ import annotations

from bot.core.slack.payloads import (
    can_post_in,
    event_id_of,
    is_person_writing_to_app,
    is_slash_command,
    member_profile,
)
from bot.help.listeners.command import first_word


def test_event_id_of_an_event_callback() -> None:
    body = {"type": "event_callback", "team_id": "T1", "event_id": "Ev9"}
    assert event_id_of(body) == "Ev9"


def test_other_requests_have_no_event_id() -> None:
    assert event_id_of({"type": "url_verification", "challenge": "x"}) is None
    assert event_id_of({"command": "/kindling"}) is None
    assert event_id_of({"type": "event_callback", "team_id": "T1"}) is None


def test_a_person_writing_to_the_app_is_told_from_edits_bots_and_channels() -> None:
    written = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "hi"}
    assert is_person_writing_to_app(written)
    assert not is_person_writing_to_app({**written, "subtype": "message_changed"})
    assert not is_person_writing_to_app({**written, "bot_id": "B1"})
    assert not is_person_writing_to_app({**written, "channel_type": "channel"})


def test_member_profile_prefers_the_display_name() -> None:
    user = {
        "id": "U1",
        "team_id": "T1",
        "name": "alice",
        "real_name": "Alice Liddell",
        "tz": "Pacific/Chatham",
        "profile": {"display_name": "ali", "real_name": "Alice Liddell"},
    }
    profile = member_profile(user, team_id="TX")
    assert (profile.team_id, profile.display_name, profile.tz) == ("TX", "ali", "Pacific/Chatham")
    assert (profile.is_bot, profile.deleted) == (False, False)


def test_member_profile_falls_back_and_flags_bots_and_deactivated_people() -> None:
    bot = member_profile({"id": "B1", "name": "deploybot", "is_bot": True}, team_id="T1")
    assert (bot.display_name, bot.is_bot, bot.tz) == ("deploybot", True, None)
    slackbot = member_profile({"id": "USLACKBOT", "name": "slackbot"}, team_id="T1")
    assert slackbot.is_bot is True
    gone = member_profile({"id": "U2", "deleted": True, "profile": {}}, team_id="T1")
    assert (gone.display_name, gone.deleted) == ("U2", True)


def test_bots_cannot_post_in_dms_group_dms_and_private_channels() -> None:
    assert can_post_in("C123", "general")
    assert not can_post_in("D123", "directmessage")
    assert not can_post_in("C999", "mpdm-ana--bo-1")
    assert not can_post_in("G123", "privategroup")
    assert not can_post_in(None, None)


def test_slash_commands_are_recognised() -> None:
    assert is_slash_command({"command": "/kindling", "text": ""})
    assert not is_slash_command({"type": "block_actions"})


def test_first_word_is_the_lower_cased_subcommand() -> None:
    assert first_word("  HELP me ") == "help"
    assert first_word("") == ""
