"""How each email is laid out; what it says is in the gettext catalogues (runtime/translations).

An email is a subject, paragraphs before an optional button, and paragraphs after it. Each
paragraph is a catalogue key; the subject is ``email.<name>.subject`` and the button's label
``email.<name>.button``. The button's target is the context value named by ``link``. Both the HTML
and the plain text versions are drawn from the same texts, so they never say different things.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.translations import plural, text


@dataclass(frozen=True)
class Layout:
    before: tuple[str, ...]
    after: tuple[str, ...] = ()
    link: str | None = None


SECURE_ACCOUNT = ("email.secure_account",)

EMAILS: dict[str, Layout] = {
    "welcome": Layout(
        ("email.welcome.before.1", "email.welcome.before.2"), ("email.confirm_link_lifetime",), "confirmation_link"
    ),
    "welcome_existing": Layout(
        ("email.welcome_existing.before.1", "email.welcome_existing.before.2"),
        ("email.welcome_existing.after.1",),
        "reset_link",
    ),
    "confirmation_instructions": Layout(
        ("email.confirmation_instructions.before.1",), ("email.confirm_link_lifetime",), "confirmation_link"
    ),
    "reset_instructions": Layout(
        ("email.reset_instructions.before.1",),
        ("email.reset_instructions.after.1", "email.reset_instructions.after.2"),
        "reset_link",
    ),
    "reset_notice": Layout(("email.reset_notice.before.1",), SECURE_ACCOUNT),
    "change_notice": Layout(("email.change_notice.before.1",), SECURE_ACCOUNT),
    "two_factor_on": Layout(("email.two_factor_on.before.1", "email.two_factor_on.before.2"), SECURE_ACCOUNT),
    "two_factor_off": Layout(("email.two_factor_off.before.1",), SECURE_ACCOUNT),
    "recovery_codes": Layout(("email.recovery_codes.before.1",), SECURE_ACCOUNT),
    "recovery_code_used": Layout(("email.recovery_code_used.before.1",), SECURE_ACCOUNT),
    "account_deleted": Layout(
        ("email.account_deleted.before.1", "email.account_deleted.before.2"), ("email.account_deleted.after.1",)
    ),
    "contact_received": Layout(
        ("email.contact_received.before.1",), ("email.contact_received.after.1", "email.contact_received.after.2")
    ),
    "invitation": Layout(
        ("email.invitation.before.1", "email.invitation.before.2"),
        ("email.invitation.after.1", "email.invitation.after.2"),
        "invitation_link",
    ),
    "hook_disabled": Layout(
        ("email.hook_disabled.before.1", "email.hook_disabled.before.2", "email.hook_disabled.before.3"),
        (),
        "hooks_link",
    ),
    "task_waiting": Layout(("email.task_waiting.before.1",), ("email.task_waiting.after.1",), "record_link"),
}


def keys(name: str) -> list[str]:
    """Every catalogue key the email ``name`` uses."""
    layout = EMAILS[name]
    button = [f"email.{name}.button"] if layout.link else []
    return [f"email.{name}.subject", *layout.before, *button, *layout.after]


def role_name(language: str, role: str) -> str:
    """How an invitation names the role it offers (``an editor``, ``Bearbeiter``)."""
    return text(language, f"role.{role}")


def untitled_record(language: str, blueprint: str) -> str:
    """How the task_waiting email names a record that has no title (no text column filled in)."""
    return text(language, "record.untitled").format(blueprint=blueprint)


def hook_disabled_reason(language: str, cause: str, days: int) -> str:
    """The reason sentence of the hook_disabled email (runtime/hooks/health.py): ``gone`` or ``failing``."""
    if cause == "failing":
        return plural(language, "hook_disabled.failing", days)
    return text(language, "hook_disabled.gone")
