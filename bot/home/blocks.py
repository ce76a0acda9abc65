"""The App Home tab, from the plain data :func:`bot.home.service.home_state` reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    TimePickerElement,
)

from bot.checkins.blocks.checkin import AnswerView, answer_text
from bot.core.localtime import DAY_NAMES
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import MAX_BLOCKS_PER_VIEW
from bot.home.service import MAX_LIST_LENGTH
from bot.privacy.service import FORMER_TEAMMATE

SPARK = "▁▂▄▆█"  # energy 1 to 5
NO_ANSWER = "·"


def sparkline(energies: Sequence[tuple[str, int]], *, today: date, days: int) -> str:
    """One character per day, oldest first: the energy, or a dot for no answer."""
    by_day = dict(energies)
    line = []
    for offset in range(days - 1, -1, -1):
        day = date.fromordinal(today.toordinal() - offset).isoformat()
        energy = by_day.get(day)
        line.append(SPARK[energy - 1] if energy else NO_ANSWER)
    return "".join(line)


def home_blocks(state: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The member's private Home: today, their energy trend, kind acts, wins, breaks, and
    their settings, within Slack's 100 blocks."""
    today = date.fromisoformat(state["today"])
    blocks: list[Block] = [
        HeaderBlock(text=phrase("home.header")),
        ContextBlock(elements=[MarkdownTextObject(text=phrase("home.private"))]),
        *_today(state),
        *_trend(state, today),
        DividerBlock(),
        *_kudos(state),
        DividerBlock(),
        *_wins(state),
        *_show_more(state),
        SectionBlock(text=_md(phrase("home.breaks_week", count=state["breaks_this_week"]))),
        DividerBlock(),
        *_settings(state),
        DividerBlock(),
        privacy_buttons(),
    ]
    return [block.to_dict() for block in blocks[:MAX_BLOCKS_PER_VIEW]]


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text[:3000])


def _today(state: Mapping[str, Any]) -> list[Block]:
    answer = state.get("today_answer")
    if not answer:
        return [SectionBlock(text=_md(phrase("home.today_none")))]
    view = AnswerView(
        energy=answer.get("energy"),
        need=answer.get("need"),
        has_note=bool(answer.get("has_note")),
        skipped=bool(answer.get("skipped")),
        reply=None,
        suggestion=None,
    )
    return [SectionBlock(text=_md(answer_text(view)))]


def _trend(state: Mapping[str, Any], today: date) -> list[Block]:
    energies = [(str(day), int(energy)) for day, energy in state["energies"]]
    if not energies:
        return [SectionBlock(text=_md(phrase("home.trend_none")))]
    average = sum(energy for _, energy in energies) / len(energies)
    text = phrase(
        "home.trend",
        sparkline=sparkline(energies, today=today, days=14),
        average=f"{average:.1f}",
        days=len(energies),
    )
    return [SectionBlock(text=_md(f"*{phrase('home.trend_header')}*\n{text}"))]


def _kudos(state: Mapping[str, Any]) -> list[Block]:
    lines = [f"*{phrase('home.kudos_header')}*"]
    received, given = state["kudos_received"], state["kudos_given"]
    if not received and not given:
        lines.append(phrase("home.kudos_none"))
        return [SectionBlock(text=_md("\n".join(lines)))]
    lines.append(phrase("home.kudos_counts", received=received, given=given))
    lines += [
        phrase("home.kudos_received_item", giver=item["giver_id"], message=item["message"]).replace(
            f"<@{FORMER_TEAMMATE}>", phrase("privacy.former_teammate")
        )
        + _link(item)
        for item in state["received"]
    ]
    given_lines = [
        phrase("home.kudos_given_item", message=item["message"]) + _link(item)
        for item in state["given"]
    ]
    hidden = received + given - len(state["received"]) - len(state["given"])
    if hidden > 0:
        given_lines.append(phrase("home.more", count=hidden))
    blocks: list[Block] = [SectionBlock(text=_md("\n".join(lines)))]
    if given_lines:  # a section of its own: each holds 3,000 characters
        blocks.append(SectionBlock(text=_md("\n".join(given_lines))))
    return blocks


def _link(item: Mapping[str, Any]) -> str:
    if not item.get("channel_id") or not item.get("ts"):
        return ""
    link = f"https://slack.com/archives/{item['channel_id']}/p{str(item['ts']).replace('.', '')}"
    return " " + phrase("home.see", link=link)


def _show_more(state: Mapping[str, Any]) -> list[Block]:
    """A "Show more" button while the lists hold more than is shown (up to a limit)."""
    show = int(state.get("show", 5))
    hidden = (
        state["kudos_received"]
        + state["kudos_given"]
        + state["wins"]
        - (len(state["received"]) + len(state["given"]) + len(state["recent_wins"]))
    )
    if hidden <= 0 or show >= MAX_LIST_LENGTH:
        return []
    button = ButtonElement(
        text=phrase("home.show_more"), action_id=ids.HOME_SHOW_MORE, value=str(show * 2)
    )
    return [ActionsBlock(block_id="home_more", elements=[button])]


def _wins(state: Mapping[str, Any]) -> list[Block]:
    lines = [f"*{phrase('home.wins_header')}*"]
    if not state["wins"]:
        lines.append(phrase("home.wins_none"))
    lines += [phrase("home.win_item", text=text) for text in state["recent_wins"]]
    if state["wins"] > len(state["recent_wins"]):
        lines.append(phrase("home.more", count=state["wins"] - len(state["recent_wins"])))
    return [SectionBlock(text=_md("\n".join(lines)))]


def privacy_buttons(*, export: bool = True) -> ActionsBlock:
    """ "Export my data" and "Delete my data", each asking to confirm first."""
    delete = ButtonElement(
        text=phrase("privacy.delete_button"),
        action_id=ids.PRIVACY_FORGET,
        value="forget",
        style="danger",
        confirm=ConfirmObject(
            title=phrase("privacy.delete_confirm_title"),
            text=phrase("privacy.delete_confirm_text"),
            confirm=phrase("privacy.delete_confirm_yes"),
            deny=phrase("privacy.cancel"),
            style="danger",
        ),
    )
    buttons = [delete]
    if export:
        buttons.insert(
            0,
            ButtonElement(
                text=phrase("privacy.export_button"),
                action_id=ids.PRIVACY_EXPORT,
                value="export",
                confirm=ConfirmObject(
                    title=phrase("privacy.export_confirm_title"),
                    text=phrase("privacy.export_confirm_text"),
                    confirm=phrase("privacy.export_confirm_yes"),
                    deny=phrase("privacy.cancel"),
                ),
            ),
        )
    return ActionsBlock(block_id="privacy", elements=buttons)


def _settings(state: Mapping[str, Any]) -> list[Block]:
    checkin = state["checkin"]
    on = checkin["status"] == "on"
    days = [Option(value=str(i), label=name.title()) for i, name in enumerate(DAY_NAMES)]
    chosen = [days[i] for i in range(7) if checkin["workdays"] & (1 << i)]
    status = phrase("home.checkin_on" if on else "home.checkin_off")
    if checkin.get("resume_on"):
        status += " " + phrase("home.paused_until", day=checkin["resume_on"])
    blocks: list[Block] = [
        SectionBlock(text=_md(f"*{phrase('home.settings_header')}*")),
        SectionBlock(
            text=_md(status),
            accessory=ButtonElement(
                text=phrase("home.turn_off" if on else "home.turn_on"),
                action_id=ids.HOME_CHECKIN_TOGGLE,
                value="off" if on else "on",
            ),
        ),
        ActionsBlock(
            block_id="home_checkin",
            elements=[
                TimePickerElement(action_id=ids.HOME_CHECKIN_TIME, initial_time=checkin["time"]),
                DatePickerElement(
                    action_id=ids.HOME_PAUSE_UNTIL,
                    initial_date=checkin.get("resume_on"),
                    placeholder=phrase("home.pause_label"),
                ),
            ],
        ),
        SectionBlock(
            text=_md(phrase("home.days_label")),
            accessory=CheckboxesElement(
                action_id=ids.HOME_CHECKIN_DAYS, options=days, initial_options=chosen or None
            ),
        ),
        _toggle(bool(state["personal_breaks"]), "home.breaks", ids.HOME_BREAKS_TOGGLE),
        _toggle(bool(state.get("weekly_recap")), "home.recap", ids.HOME_RECAP_TOGGLE),
    ]
    return blocks


def _toggle(on: bool, phrase_prefix: str, action_id: str) -> SectionBlock:
    """A setting shown as on or off, with the button that flips it."""
    return SectionBlock(
        text=_md(phrase(f"{phrase_prefix}_on" if on else f"{phrase_prefix}_off")),
        accessory=ButtonElement(
            text=phrase("home.turn_off" if on else "home.turn_on"),
            action_id=action_id,
            value="off" if on else "on",
        ),
    )
