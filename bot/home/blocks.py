"""The App Home tab, from the :class:`~bot.home.values.HomeState` read when it is published."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)

from bot.checkins.blocks.checkin import AnswerView, answer_text
from bot.checkins.values import CheckinStatus
from bot.core.holidays import country_names
from bot.core.localtime import DAY_NAMES
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import MAX_BLOCKS_PER_VIEW, SECTION_TEXT_LIMIT
from bot.home.sparkline import sparkline
from bot.home.values import LIST_LENGTH, MAX_LIST_LENGTH, TREND_DAYS, HomeState, KudosItem
from bot.privacy.blocks import privacy_buttons
from bot.privacy.values import FORMER_TEAMMATE


def home_blocks(state: HomeState, *, show: int = LIST_LENGTH) -> list[dict[str, Any]]:
    """The member's private Home: today, their energy trend, kind acts, wins, breaks, and
    their settings, within Slack's 100 blocks; ``show`` is how many items each list holds."""
    blocks: list[Block] = [
        HeaderBlock(text=phrase("home.header")),
        ContextBlock(elements=[MarkdownTextObject(text=phrase("home.private"))]),
        *_today(state),
        *_trend(state),
        DividerBlock(),
        *_kudos(state),
        DividerBlock(),
        *_wins(state),
        *_show_more(state, show),
        SectionBlock(text=_md(phrase("home.breaks_week", count=state.breaks_this_week))),
        DividerBlock(),
        *_settings(state),
        DividerBlock(),
        privacy_buttons(),
    ]
    return [block.to_dict() for block in blocks[:MAX_BLOCKS_PER_VIEW]]


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text[:SECTION_TEXT_LIMIT])


def _today(state: HomeState) -> list[Block]:
    answer = state.today_answer
    if not answer:
        return [SectionBlock(text=_md(phrase("home.today_none")))]
    view = AnswerView(
        energy=answer.energy,
        need=answer.need,
        has_note=answer.has_note,
        skipped=answer.skipped,
        reply=None,
        suggestion=None,
    )
    return [SectionBlock(text=_md(answer_text(view)))]


def _trend(state: HomeState) -> list[Block]:
    energies = state.energies
    if not energies or state.today is None:
        return [SectionBlock(text=_md(phrase("home.trend_none")))]
    average = sum(energy for _, energy in energies) / len(energies)
    text = phrase(
        "home.trend",
        sparkline=sparkline(energies, today=state.today, days=TREND_DAYS),
        average=f"{average:.1f}",
        days=len(energies),
    )
    return [SectionBlock(text=_md(f"*{phrase('home.trend_header')}*\n{text}"))]


def _kudos(state: HomeState) -> list[Block]:
    lines = [f"*{phrase('home.kudos_header')}*"]
    received, given = state.kudos_received, state.kudos_given
    if not received and not given:
        lines.append(phrase("home.kudos_none"))
        return [SectionBlock(text=_md("\n".join(lines)))]
    lines.append(phrase("home.kudos_counts", received=received, given=given))
    lines += [
        phrase("home.kudos_received_item", giver=item.giver_id, message=_message(item)).replace(
            f"<@{FORMER_TEAMMATE}>", phrase("privacy.former_teammate")
        )
        + _link(item)
        for item in state.received
    ]
    given_lines = [
        phrase("home.kudos_given_item", message=_message(item)) + _link(item)
        for item in state.given
    ]
    hidden = received + given - len(state.received) - len(state.given)
    if hidden > 0:
        given_lines.append(phrase("home.more", count=hidden))
    return [*_sections(lines), *_sections(given_lines)]


def _sections(lines: Sequence[str]) -> list[Block]:
    """``lines`` in as few sections as hold them whole (each holds 3,000 characters): a list
    is never cut mid-line."""
    sections: list[list[str]] = []
    size = SECTION_TEXT_LIMIT + 1
    for line in lines:
        if size + 1 + len(line) > SECTION_TEXT_LIMIT:
            sections.append([])
            size = -1
        sections[-1].append(line)
        size += 1 + len(line)
    return [SectionBlock(text=_md("\n".join(section))) for section in sections]


def _message(item: KudosItem) -> str:
    """The kudos' words; a reaction kudos has none of its own, only its emoji."""
    if item.reaction and not item.message:
        return phrase("home.reaction_kudos", emoji=item.reaction)
    return item.message


def _link(item: KudosItem) -> str:
    link = item.link
    if link is None and item.channel_id and item.ts:
        link = f"https://slack.com/archives/{item.channel_id}/p{item.ts.replace('.', '')}"
    return " " + phrase("home.see", link=link) if link else ""


def _show_more(state: HomeState, show: int) -> list[Block]:
    """A "Show more" button while the lists hold more than is shown (up to a limit)."""
    hidden = (
        state.kudos_received
        + state.kudos_given
        + state.wins
        - (len(state.received) + len(state.given) + len(state.recent_wins))
    )
    if hidden <= 0 or show >= MAX_LIST_LENGTH:
        return []
    button = ButtonElement(
        text=phrase("home.show_more"), action_id=ids.HOME_SHOW_MORE, value=str(show * 2)
    )
    return [ActionsBlock(block_id="home_more", elements=[button])]


def _wins(state: HomeState) -> list[Block]:
    lines = [f"*{phrase('home.wins_header')}*"]
    if not state.wins:
        lines.append(phrase("home.wins_none"))
    lines += [phrase("home.win_item", text=text) for text in state.recent_wins]
    if state.wins > len(state.recent_wins):
        lines.append(phrase("home.more", count=state.wins - len(state.recent_wins)))
    return [SectionBlock(text=_md("\n".join(lines)))]


def _settings(state: HomeState) -> list[Block]:
    checkin = state.checkin
    on = checkin.status == CheckinStatus.ON
    days = [Option(value=str(i), label=name.title()) for i, name in enumerate(DAY_NAMES)]
    chosen = [days[i] for i in range(7) if checkin.workdays & (1 << i)]
    resume_on = checkin.resume_on.isoformat() if checkin.resume_on else None
    status = phrase("home.checkin_on" if on else "home.checkin_off")
    if resume_on:
        status += " " + phrase("home.paused_until", day=resume_on)
    return [
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
                TimePickerElement(action_id=ids.HOME_CHECKIN_TIME, initial_time=checkin.time),
                DatePickerElement(
                    action_id=ids.HOME_PAUSE_UNTIL,
                    initial_date=resume_on,
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
        SectionBlock(text=_md(phrase("home.hours_label"))),
        ActionsBlock(
            block_id="home_hours",
            elements=[
                TimePickerElement(action_id=ids.HOME_WORK_STARTS, initial_time=state.work_starts),
                TimePickerElement(action_id=ids.HOME_WORK_ENDS, initial_time=state.work_ends),
            ],
        ),
        _holidays(state),
        _toggle(state.personal_breaks, "home.breaks", ids.HOME_BREAKS_TOGGLE),
        _toggle(state.weekly_recap, "home.recap", ids.HOME_RECAP_TOGGLE),
    ]


def _holidays(state: HomeState) -> SectionBlock:
    """Whose public holidays the member keeps, and a menu to choose another country."""
    names = country_names()
    kept = names.get(state.holidays_kept or "", state.holidays_kept)
    how = "home.holidays_chosen" if state.holiday_country else "home.holidays_from_zone"
    shown = phrase(how, country=kept) if kept else phrase("home.holidays_none")
    from_zone = Option(value=ids.HOLIDAYS_FROM_ZONE, label=phrase("home.holidays_zone_option"))
    by_letter: dict[str, list[Option]] = {}
    for code, name in names.items():
        by_letter.setdefault(name[0].upper(), []).append(Option(value=code, label=name))
    groups = [OptionGroup(label=phrase("home.holidays_yours"), options=[from_zone])]
    groups += [OptionGroup(label=letter, options=options) for letter, options in by_letter.items()]
    chosen = state.holiday_country
    initial = Option(value=chosen, label=names.get(chosen, chosen)) if chosen else from_zone
    return SectionBlock(
        text=_md(shown),
        accessory=StaticSelectElement(
            action_id=ids.HOME_HOLIDAY_COUNTRY, option_groups=groups, initial_option=initial
        ),
    )


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
