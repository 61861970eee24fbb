"""What each email says, per language. ``{name}`` fields come from the sender's context.

An email is a subject, paragraphs before an optional button, and paragraphs after it.
The button's target is the context value named by ``link``. Both the HTML and the plain
text versions are drawn from the same texts, so they never say different things.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EmailText:
    subject: str
    before: list[str]
    button: str | None = None
    link: str | None = None
    after: list[str] = field(default_factory=list)


IGNORE_IF_NOT_YOU = "If you did not sign up for Loom, you can ignore this email."
SECURE_ACCOUNT = (
    "If this was not you, reset your password now from the sign-in page (“Forgot your password?”) "
    "and write to {support_email}."
)
SECURE_ACCOUNT_DE = (
    "Falls Sie das nicht waren, setzen Sie Ihr Passwort jetzt auf der Anmeldeseite zurück („Passwort vergessen?“) "
    "und schreiben Sie an {support_email}."
)

EN: dict[str, EmailText] = {
    "welcome": EmailText(
        subject="Confirm your email for Loom",
        before=["Welcome to Loom, {email}!", "Please confirm your email address to finish creating your account."],
        button="Confirm my email",
        link="confirmation_link",
        after=["The link works for {confirm_within}. " + IGNORE_IF_NOT_YOU],
    ),
    "welcome_existing": EmailText(
        subject="Someone tried to create a Loom account with your email",
        before=[
            "Someone just tried to create a Loom account with {email}. You already have an account with this address,"
            " so nothing was created.",
            "If it was you and you forgot your password, you can choose a new one:",
        ],
        button="Choose a new password",
        link="reset_link",
        after=["If it was not you, you can ignore this email: your account has not changed."],
    ),
    "confirmation_instructions": EmailText(
        subject="Your new Loom confirmation link",
        before=["Here is a new link to confirm your email address for Loom."],
        button="Confirm my email",
        link="confirmation_link",
        after=["The link works for {confirm_within}. " + IGNORE_IF_NOT_YOU],
    ),
    "reset_instructions": EmailText(
        subject="Reset your Loom password",
        before=["Someone, hopefully you, asked to reset the password of your Loom account {email}."],
        button="Choose a new password",
        link="reset_link",
        after=[
            "The link works once, for {reset_within}. Choosing a new password signs you out everywhere.",
            "If you did not ask for this, ignore this email: your password stays as it is.",
        ],
    ),
    "reset_notice": EmailText(
        subject="Your Loom password was reset",
        before=["The password of your Loom account {email} was just reset, and every session was signed out."],
        after=[SECURE_ACCOUNT],
    ),
    "change_notice": EmailText(
        subject="Your Loom password was changed",
        before=["The password of your Loom account {email} was just changed, and every other session was signed out."],
        after=[SECURE_ACCOUNT],
    ),
    "two_factor_on": EmailText(
        subject="Two-step sign-in is on for your Loom account",
        before=[
            "Two-step sign-in was just turned on for your Loom account {email}, or moved to a new phone. From now on,"
            " signing in asks for a code from your authenticator app.",
            "Keep your recovery codes somewhere safe: they let you in if you lose your phone.",
        ],
        after=[SECURE_ACCOUNT],
    ),
    "two_factor_off": EmailText(
        subject="Two-step sign-in is off for your Loom account",
        before=[
            "Two-step sign-in was just turned off for your Loom account {email}. Signing in needs only the password."
        ],
        after=[SECURE_ACCOUNT],
    ),
    "recovery_codes": EmailText(
        subject="New recovery codes for your Loom account",
        before=["New recovery codes were just made for your Loom account {email}. The old ones no longer work."],
        after=[SECURE_ACCOUNT],
    ),
    "recovery_code_used": EmailText(
        subject="A recovery code was used to sign in to Loom",
        before=[
            "Someone just signed in to your Loom account {email} with a recovery code. Each code works once;"
            " you have {codes_left} left.",
        ],
        after=[SECURE_ACCOUNT],
    ),
    "account_deleted": EmailText(
        subject="Your Loom account is deleted",
        before=[
            "Your Loom account {email} and everything that belonged only to it are now deleted for good, as you asked.",
            "Thank you for having used Loom.",
        ],
        after=["If you did not ask for this, write to {support_email} right away."],
    ),
    "contact_received": EmailText(
        subject="We received your message: {topic}",
        before=["Thank you for writing to Loom support. We received your message and will answer by email."],
        after=["Your message:", "{message}"],
    ),
    "invitation": EmailText(
        subject="{inviter} invited you to {workspace} on Loom",
        before=[
            "{inviter} invited you to join the workspace {workspace} on Loom as {role}.",
            "Open the link to accept: sign in, or create your account with this address ({email}) first.",
        ],
        button="Join {workspace}",
        link="invitation_link",
        after=[
            "The invitation works once, for {invitation_within}, and only for {email}.",
            "If you do not know {inviter} or do not want to join, ignore this email.",
        ],
    ),
    "hook_disabled": EmailText(
        subject="A hook of {workspace} on Loom was turned off",
        before=[
            "Loom turned off the hook to {url} in the workspace {workspace}.",
            "{reason}",
            "Events are no longer sent there. Once the receiver works again, turn the hook back on and replay"
            " what failed:",
        ],
        button="Open the hooks",
        link="hooks_link",
    ),
    "task_waiting": EmailText(
        subject="A task waits for you: {label} on {record} in {workspace}",
        before=["In the workspace {workspace}, the step “{label}” of the flow {flow} waits for you on {record}."],
        button="Open the record",
        link="record_link",
        after=[
            "You get this email because the step names you. To stop these emails, turn off “Email me when a task"
            " waits for me” on your account page: {account_link}"
        ],
    ),
}

DE: dict[str, EmailText] = {
    "welcome": EmailText(
        subject="Bestätigen Sie Ihre E-Mail-Adresse für Loom",
        before=[
            "Willkommen bei Loom, {email}!",
            "Bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto fertig einzurichten.",
        ],
        button="E-Mail-Adresse bestätigen",
        link="confirmation_link",
        after=[
            "Der Link gilt {confirm_within}. Wenn Sie sich nicht bei Loom registriert haben, können Sie diese"
            " E-Mail ignorieren."
        ],
    ),
    "welcome_existing": EmailText(
        subject="Jemand wollte mit Ihrer E-Mail-Adresse ein Loom-Konto anlegen",
        before=[
            "Gerade wollte jemand mit {email} ein Loom-Konto anlegen. Sie haben mit dieser Adresse schon ein Konto,"
            " daher wurde nichts angelegt.",
            "Falls Sie es waren und Ihr Passwort vergessen haben, können Sie ein neues wählen:",
        ],
        button="Neues Passwort wählen",
        link="reset_link",
        after=["Falls Sie es nicht waren, können Sie diese E-Mail ignorieren: Ihr Konto ist unverändert."],
    ),
    "confirmation_instructions": EmailText(
        subject="Ihr neuer Loom-Bestätigungslink",
        before=["Hier ist ein neuer Link, um Ihre E-Mail-Adresse für Loom zu bestätigen."],
        button="E-Mail-Adresse bestätigen",
        link="confirmation_link",
        after=[
            "Der Link gilt {confirm_within}. Wenn Sie sich nicht bei Loom registriert haben, können Sie diese"
            " E-Mail ignorieren."
        ],
    ),
    "reset_instructions": EmailText(
        subject="Loom-Passwort zurücksetzen",
        before=["Jemand, hoffentlich Sie, möchte das Passwort Ihres Loom-Kontos {email} zurücksetzen."],
        button="Neues Passwort wählen",
        link="reset_link",
        after=[
            "Der Link gilt einmal, {reset_within} lang. Ein neues Passwort meldet Sie überall ab.",
            "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.",
        ],
    ),
    "reset_notice": EmailText(
        subject="Ihr Loom-Passwort wurde zurückgesetzt",
        before=[
            "Das Passwort Ihres Loom-Kontos {email} wurde gerade zurückgesetzt, und alle Sitzungen wurden abgemeldet."
        ],
        after=[SECURE_ACCOUNT_DE],
    ),
    "change_notice": EmailText(
        subject="Ihr Loom-Passwort wurde geändert",
        before=[
            "Das Passwort Ihres Loom-Kontos {email} wurde gerade geändert, und alle anderen Sitzungen wurden"
            " abgemeldet."
        ],
        after=[SECURE_ACCOUNT_DE],
    ),
    "two_factor_on": EmailText(
        subject="Die Anmeldung in zwei Schritten ist für Ihr Loom-Konto an",
        before=[
            "Für Ihr Loom-Konto {email} wurde gerade die Anmeldung in zwei Schritten eingeschaltet oder auf ein neues"
            " Telefon umgezogen. Ab jetzt fragt jede Anmeldung nach einem Code aus Ihrer Authenticator-App.",
            "Bewahren Sie Ihre Wiederherstellungscodes sicher auf: Mit ihnen kommen Sie hinein, wenn Sie Ihr Telefon"
            " verlieren.",
        ],
        after=[SECURE_ACCOUNT_DE],
    ),
    "two_factor_off": EmailText(
        subject="Die Anmeldung in zwei Schritten ist für Ihr Loom-Konto aus",
        before=[
            "Für Ihr Loom-Konto {email} wurde gerade die Anmeldung in zwei Schritten ausgeschaltet. Für die Anmeldung"
            " genügt jetzt das Passwort."
        ],
        after=[SECURE_ACCOUNT_DE],
    ),
    "recovery_codes": EmailText(
        subject="Neue Wiederherstellungscodes für Ihr Loom-Konto",
        before=[
            "Für Ihr Loom-Konto {email} wurden gerade neue Wiederherstellungscodes erstellt. Die alten gelten"
            " nicht mehr."
        ],
        after=[SECURE_ACCOUNT_DE],
    ),
    "recovery_code_used": EmailText(
        subject="Bei Loom wurde mit einem Wiederherstellungscode angemeldet",
        before=[
            "Gerade hat sich jemand mit einem Wiederherstellungscode bei Ihrem Loom-Konto {email} angemeldet. Jeder"
            " Code gilt einmal; Sie haben noch {codes_left}."
        ],
        after=[SECURE_ACCOUNT_DE],
    ),
    "account_deleted": EmailText(
        subject="Ihr Loom-Konto ist gelöscht",
        before=[
            "Ihr Loom-Konto {email} und alles, was nur ihm gehörte, ist jetzt endgültig gelöscht, wie Sie es wollten.",
            "Danke, dass Sie Loom genutzt haben.",
        ],
        after=["Falls Sie das nicht veranlasst haben, schreiben Sie sofort an {support_email}."],
    ),
    "contact_received": EmailText(
        subject="Wir haben Ihre Nachricht erhalten: {topic}",
        before=["Danke für Ihre Nachricht an den Loom-Support. Wir haben sie erhalten und antworten Ihnen per E-Mail."],
        after=["Ihre Nachricht:", "{message}"],
    ),
    "invitation": EmailText(
        subject="{inviter} hat Sie zu {workspace} auf Loom eingeladen",
        before=[
            "{inviter} hat Sie eingeladen, dem Arbeitsbereich {workspace} auf Loom als {role} beizutreten.",
            "Öffnen Sie den Link, um anzunehmen: Melden Sie sich an oder erstellen Sie zuerst Ihr Konto mit dieser"
            " Adresse ({email}).",
        ],
        button="{workspace} beitreten",
        link="invitation_link",
        after=[
            "Die Einladung gilt einmal, {invitation_within} lang, und nur für {email}.",
            "Wenn Sie {inviter} nicht kennen oder nicht beitreten möchten, ignorieren Sie diese E-Mail.",
        ],
    ),
    "hook_disabled": EmailText(
        subject="Ein Hook von {workspace} auf Loom wurde ausgeschaltet",
        before=[
            "Loom hat den Hook an {url} im Arbeitsbereich {workspace} ausgeschaltet.",
            "{reason}",
            "Ereignisse werden nicht mehr dorthin gesendet. Sobald der Empfänger wieder funktioniert, schalten Sie"
            " den Hook wieder ein und senden Sie das Fehlgeschlagene erneut:",
        ],
        button="Hooks öffnen",
        link="hooks_link",
    ),
    "task_waiting": EmailText(
        subject="Eine Aufgabe wartet auf Sie: {label} bei {record} in {workspace}",
        before=["Im Arbeitsbereich {workspace} wartet der Schritt „{label}“ des Ablaufs {flow} bei {record} auf Sie."],
        button="Datensatz öffnen",
        link="record_link",
        after=[
            "Sie erhalten diese E-Mail, weil der Schritt Sie nennt. Wenn Sie solche E-Mails nicht mehr möchten,"
            " schalten Sie „E-Mail, wenn eine Aufgabe auf mich wartet“ auf Ihrer Kontoseite aus: {account_link}"
        ],
    ),
}

CATALOG: dict[str, dict[str, EmailText]] = {"en": EN, "de": DE}

# How an invitation names the role it offers.
ROLE_NAMES: dict[str, dict[str, str]] = {
    "en": {"owner": "an owner", "admin": "an admin", "editor": "an editor", "viewer": "a viewer"},
    "de": {"owner": "Inhaber", "admin": "Administrator", "editor": "Bearbeiter", "viewer": "Betrachter"},
}

DURATION_UNITS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"day": ("day", "days"), "hour": ("hour", "hours"), "minute": ("minute", "minutes")},
    "de": {"day": ("Tag", "Tage"), "hour": ("Stunde", "Stunden"), "minute": ("Minute", "Minuten")},
}


# Why a hook was turned off, as the owners' email says it (runtime/hooks/health.py).
HOOK_DISABLED_REASONS: dict[str, dict[str, str]] = {
    "en": {
        "gone": "Its receiver answered 410 Gone, which means it does not want these calls any more.",
        "failing": "Every delivery to it failed for {days} days.",
    },
    "de": {
        "gone": "Der Empfänger hat mit 410 Gone geantwortet: Er möchte diese Aufrufe nicht mehr erhalten.",
        "failing": "Jede Zustellung dorthin ist {days} Tage lang fehlgeschlagen.",
    },
}


def hook_disabled_reason(language: str, cause: str, days: int) -> str:
    """The reason sentence of the hook_disabled email in ``language`` (English when unknown)."""
    texts = HOOK_DISABLED_REASONS.get(language, HOOK_DISABLED_REASONS["en"])
    return texts[cause].format(days=days)


# How the task_waiting email names a record that has no title (no text column filled in).
UNTITLED_RECORD: dict[str, str] = {"en": "a {blueprint} record", "de": "einem Datensatz „{blueprint}“"}
