"""What a member sees right away after ``/checkin``: their settings, or why nothing changed."""

from __future__ import annotations

from bot.checkins.blocks.checkin import need_label
from bot.checkins.text import Action
from bot.checkins.values import CheckinSettings, CheckinStatus, TeamPulse, TooFewAnswers, when
from bot.core.localtime import format_local_date, format_local_time, format_workdays
from bot.core.phrases import phrase
from bot.core.slack.blocks import Answer

# The confirmation of each change, by action; SHOW and HELP show the whole picture.
_CONFIRMATIONS = {
    Action.ON: "checkin.answers.on",
    Action.TIME: "checkin.answers.time",
    Action.DAYS: "checkin.answers.days",
    Action.PAUSE_FOR: "checkin.answers.paused",
    Action.PAUSE_UNTIL: "checkin.answers.paused",
    Action.RESUME: "checkin.answers.resumed",
}


def settings_answer(action: Action, settings: CheckinSettings) -> Answer:
    """The confirmation of ``action``, or the member's settings."""
    if action is Action.OFF:
        return Answer.of_text(phrase("checkin.answers.off"))
    key = _CONFIRMATIONS.get(action)
    if key is None or settings.status != CheckinStatus.ON:
        text = status_text(settings)
        if key is not None:  # a setting saved while check-ins are off
            text = f"{phrase('checkin.answers.not_on_yet')}\n{text}"
        return Answer.of_text(text)
    return Answer.of_text(phrase(key, **_fields(settings)))


def status_text(settings: CheckinSettings) -> str:
    """The member's check-in at a glance, and how to change it."""
    fields = _fields(settings)
    if settings.status == CheckinStatus.OPTED_OUT:
        lines = [phrase("checkin.answers.status_opted_out")]
    elif settings.status != CheckinStatus.ON:
        lines = [phrase("checkin.answers.status_off", **fields)]
    else:
        lines = [phrase("checkin.answers.status_on", **fields)]
        if settings.stopped_reason:
            lines.append(phrase("checkin.answers.status_stopped", reason=settings.stopped_reason))
        if settings.resume_on is not None and settings.next_checkin is not None:
            lines.append(phrase("checkin.answers.status_paused", resume_on=fields["resume_on"]))
        if settings.next_checkin is not None:
            lines.append(phrase("checkin.answers.status_next", next=fields["next"]))
    lines.append(phrase("checkin.answers.howto"))
    return "\n".join(lines)


def _fields(settings: CheckinSettings) -> dict[str, str]:
    upcoming = settings.next_checkin
    return {
        "time": format_local_time(settings.local_minute),
        "days": format_workdays(settings.workdays),
        "tz": settings.tz,
        "next": when(upcoming.due_utc, settings.tz) if upcoming else "—",
        "resume_on": format_local_date(settings.resume_on) if settings.resume_on else "",
    }


def pulse_answer(channel_id: str, pulse: TeamPulse | TooFewAnswers | None) -> Answer:
    """The anonymous team pulse, for the person who asked only."""
    if pulse is None:
        return Answer.of_text(phrase("checkin.pulse.not_here"))
    if isinstance(pulse, TooFewAnswers):
        return Answer.of_text(
            phrase("checkin.pulse.too_few", channel=channel_id, needed=pulse.needed)
        )
    figures = pulse.figures
    lines = [
        phrase(
            "checkin.pulse.shown",
            channel=channel_id,
            days=pulse.days,
            average=f"{figures.average_energy or 0:.1f}",
            respondents=figures.respondents,
        )
    ]
    if figures.needs:
        ranked = sorted(figures.needs.items(), key=lambda item: (-item[1], item[0]))
        named = ", ".join(f"{need_label(need)} {count}" for need, count in ranked)
        lines.append(phrase("checkin.pulse.needs", needs=named))
    else:
        lines.append(phrase("checkin.pulse.no_needs"))
    return Answer.of_text("\n".join(lines))
