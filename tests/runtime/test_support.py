"""Contact support: the message reaches the support address through the outbox, the writer gets a
receipt in their language, and bad input changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from core.mail.models import OutboxMessage
from tests.factories import signed_in_user


def _outbox(db_session, recipient: str) -> list[OutboxMessage]:
    return list(
        db_session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id))
    )


def test_a_signed_in_user_writes_to_support_and_gets_a_receipt(client, db_session, app):
    email, headers = signed_in_user(client, "writer")
    support = app.config["LOOM"].support_email
    before = len(_outbox(db_session, support))
    sent = client.post(
        "/api/support/contact",
        json={"topic": "Import stops", "message": "My CSV import <b>stops</b> at row 12."},
        headers=headers,
    )
    assert sent.status_code == 202, sent.get_json()

    to_support = _outbox(db_session, support)[before:]
    assert len(to_support) == 1
    assert email in to_support[0].subject and "My CSV import <b>stops</b> at row 12." in to_support[0].text_body
    receipt = [m for m in _outbox(db_session, email) if m.template == "contact_received"]
    assert len(receipt) == 1
    assert receipt[0].subject == "We received your message: Import stops"
    assert "My CSV import <b>stops</b> at row 12." in receipt[0].text_body
    assert "&lt;b&gt;stops&lt;/b&gt;" in (receipt[0].html_body or "")  # the HTML version escapes what people write


def test_signed_out_a_visitor_gives_an_address_and_reads_the_receipt_in_their_language(client, db_session):
    sent = client.post(
        "/api/support/contact",
        json={"topic": "Kein Zugang", "message": "Ich komme nicht hinein.", "email": "gast@example.com"},
        headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"},
    )
    assert sent.status_code == 202, sent.get_json()
    (receipt,) = _outbox(db_session, "gast@example.com")
    assert receipt.subject == "Wir haben Ihre Nachricht erhalten: Kein Zugang"
    assert "Danke für Ihre Nachricht" in receipt.text_body and 'lang="de"' in (receipt.html_body or "")


def test_bad_input_gets_a_clear_error_and_sends_nothing(client, db_session):
    count = db_session.scalar(select(func.count()).select_from(OutboxMessage))
    cases = [
        ({"topic": "Hi", "message": "Hello"}, "email"),  # signed out without an address
        ({"topic": "Hi", "message": "Hello", "email": "not-an-address"}, "email"),
        ({"topic": "   ", "message": "Hello", "email": "a@example.com"}, "topic"),
        ({"topic": "Hi", "message": "x" * 5001, "email": "a@example.com"}, "message"),
        ({"message": "Hello", "email": "a@example.com"}, "topic"),
    ]
    for body, field in cases:
        answer = client.post("/api/support/contact", json=body)
        assert answer.status_code == 422, (body, answer.get_json())
        assert answer.mimetype == "application/problem+json"
        assert field in str(answer.get_json()["errors"]), (body, answer.get_json())
    assert db_session.scalar(select(func.count()).select_from(OutboxMessage)) == count
