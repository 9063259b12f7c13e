import pytest
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.coordination.models import (
    Consent,
    Disclosure,
    Referral,
    ReferralMessage,
    ReferralState,
    ReferralTransition,
)
from reintegra.coordination.services import (
    CoordinationError,
    disclosure_acknowledge,
    disclosure_record,
    referral_message_send,
    referral_transition,
)
from reintegra.coordination.tests.conftest import send_referral, shared_here
from reintegra.organisations.tests.factories import OrganisationFactory
from reintegra.work.registry import work_items_for

pytestmark = pytest.mark.django_db


def _written() -> tuple[int, int, int, int]:
    return (
        Referral.objects.count(),
        Disclosure.objects.count(),
        ReferralTransition.objects.count(),
        ProcessingLogEntry.objects.filter(category=Category.DISCLOSURE).count(),
    )


def _actor(user):
    return actor_for_user(user)


# --- Sending -------------------------------------------------------------------------------------


def test_sending_a_referral_registers_its_disclosure_and_logs_it_with_the_recipient(
    personas, referral
) -> None:
    disclosure = referral.disclosure
    assert referral.state == ReferralState.SENT
    assert disclosure.person_id == referral.person_id
    assert disclosure.recipient_organisation == personas.social_services_a
    assert disclosure.content == referral.summary
    assert disclosure.source_type == "coordination.referral"
    assert disclosure.source_id == str(referral.pk)
    entry = ProcessingLogEntry.objects.get(
        category=Category.DISCLOSURE, action="disclosure.record", object_id=str(disclosure.pk)
    )
    assert entry.recipient == personas.social_services_a.name
    assert "execution of criminal sanctions" in entry.legal_basis
    assert entry.subject_ids == f",{referral.person_id},"
    history = list(referral.transitions.all())
    assert [(t.from_state, t.to_state) for t in history] == [("", ReferralState.SENT)]


def test_a_new_referral_lands_in_my_work_of_the_recipient_partner_users_only(
    personas, referral
) -> None:
    items = work_items_for(_actor(personas.partner_user))
    assert [item.kind for item in items] == ["referral_received"]
    assert referral.person.reference in items[0].title
    assert work_items_for(_actor(personas.unrelated)) == []
    referral_transition(
        actor=_actor(personas.partner_user), referral=referral, to_state=ReferralState.ACCEPTED
    )
    assert work_items_for(_actor(personas.partner_user)) == []


def test_referral_to_an_organisation_outside_the_partner_list_is_refused_and_nothing_written(
    personas, released, legal_basis
) -> None:
    before = _written()
    with pytest.raises(CoordinationError, match="not on the jurisdiction's list of partner"):
        send_referral(personas, released, legal_basis, to_organisation=personas.ministry_a)
    foreign_partner = OrganisationFactory(jurisdiction_id="RS", type_id="social_services")
    with pytest.raises(CoordinationError, match="not on the jurisdiction's list of partner"):
        send_referral(personas, released, legal_basis, to_organisation=foreign_partner)
    assert _written() == before


def test_referral_by_a_partner_user_is_refused(personas, released, legal_basis) -> None:
    with pytest.raises(CoordinationError, match="prison and probation staff"):
        send_referral(personas, released, legal_basis, actor=_actor(personas.unrelated))
    assert Referral.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reason", "  ", "Say why you are referring"),
        ("desired_outcome", "", "what the referral should achieve"),
        ("summary", "", "summary the partner will read"),
        ("legal_basis", None, "Choose the legal basis"),
        ("data_categories", [], "categories of data"),
        ("data_categories", ["bank_details"], "categories of data from the list"),
        ("consent", "maybe", "whether the person consented"),
        ("consent", Consent.NOT_SOUGHT, "lawful reason for not seeking consent"),
        ("consent", Consent.OVERRIDE, "Justify overriding"),
    ],
)
def test_referral_with_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    personas, released, legal_basis, field, value, message
) -> None:
    before = _written()
    with pytest.raises(CoordinationError, match=message):
        send_referral(personas, released, legal_basis, **{field: value})
    assert _written() == before


def test_consent_not_sought_is_accepted_with_its_lawful_reason(
    personas, released, legal_basis
) -> None:
    referral = send_referral(
        personas,
        released,
        legal_basis,
        consent=Consent.NOT_SOUGHT,
        consent_note="Public protection: notification required by the supervision order.",
    )
    assert referral.disclosure.consent_note.startswith("Public protection")


# --- The disclosure register ---------------------------------------------------------------------


def _disclose(personas, person, legal_basis, /, **overrides) -> Disclosure:
    values = {
        "actor": _actor(personas.probation_officer),
        "person": person,
        "legal_basis": legal_basis,
        "purpose": "Housing support",
        "recipient_organisation": personas.social_services_a,
        "data_categories": ["identity"],
        "content": "Name and release date.",
        "consent": Consent.GIVEN,
    }
    values.update(overrides)
    return disclosure_record(**values)


def test_disclosure_without_legal_basis_or_recipient_is_refused_and_nothing_written(
    personas, released, legal_basis
) -> None:
    before = _written()
    with pytest.raises(CoordinationError, match="Choose the legal basis"):
        _disclose(personas, released, legal_basis, legal_basis=None)
    with pytest.raises(CoordinationError, match="Name the organisation that receives"):
        _disclose(personas, released, legal_basis, recipient_organisation=None)
    assert _written() == before


def test_disclosure_on_another_jurisdictions_legal_basis_is_refused(
    personas, released, legal_basis
) -> None:
    serbian = legal_basis.__class__.objects.get(jurisdiction_id="RS", code="execution-of-sanctions")
    with pytest.raises(CoordinationError, match="list of the person's jurisdiction"):
        _disclose(personas, released, legal_basis, legal_basis=serbian)
    assert shared_here().count() == 0


def test_disclosure_to_a_named_user_of_another_organisation_is_refused(
    personas, released, legal_basis
) -> None:
    with pytest.raises(CoordinationError, match="does not work for the receiving organisation"):
        _disclose(personas, released, legal_basis, recipient_user=personas.unrelated)
    assert shared_here().count() == 0


def test_acknowledgement_by_the_wrong_organisation_is_refused_with_a_clear_message(
    personas, released, legal_basis
) -> None:
    disclosure = _disclose(personas, released, legal_basis)
    for wrong in (personas.unrelated, personas.probation_officer):
        with pytest.raises(CoordinationError, match="Only the receiving organisation"):
            disclosure_acknowledge(actor=_actor(wrong), disclosure=disclosure)
    disclosure.refresh_from_db()
    assert disclosure.acknowledged_at is None
    disclosure_acknowledge(actor=_actor(personas.partner_user), disclosure=disclosure)
    disclosure.refresh_from_db()
    assert disclosure.acknowledged_by == personas.partner_user
    with pytest.raises(CoordinationError, match="already been acknowledged"):
        disclosure_acknowledge(actor=_actor(personas.partner_user), disclosure=disclosure)


# --- The state machine ---------------------------------------------------------------------------


def test_the_partner_accepts_starts_and_completes_and_each_step_is_in_the_history(
    personas, referral
) -> None:
    partner = _actor(personas.partner_user)
    referral_transition(actor=partner, referral=referral, to_state=ReferralState.ACCEPTED)
    referral_transition(actor=partner, referral=referral, to_state=ReferralState.IN_PROGRESS)
    referral_transition(
        actor=partner,
        referral=referral,
        to_state=ReferralState.COMPLETED,
        reason="Housed in a supported flat; benefits claim lodged.",
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.COMPLETED
    assert referral.outcome.startswith("Housed")
    assert referral.accepted_at is not None and referral.closed_at is not None
    assert [t.to_state for t in referral.transitions.all()] == [
        "sent",
        "accepted",
        "in_progress",
        "completed",
    ]
    referral.disclosure.refresh_from_db()
    assert referral.disclosure.acknowledged_by == personas.partner_user


@pytest.mark.parametrize(
    ("who", "target", "message"),
    [
        ("partner_user", ReferralState.COMPLETED, "cannot become completed"),
        ("partner_user", ReferralState.IN_PROGRESS, "cannot become in progress"),
        ("partner_user", ReferralState.WITHDRAWN, "Only the referring service"),
        ("probation_officer", ReferralState.ACCEPTED, "Only the partner organisation"),
        ("unrelated", ReferralState.ACCEPTED, "Only the partner organisation"),
        ("partner_user", "archived", "Choose a step from the list"),
    ],
)
def test_a_step_not_allowed_from_the_current_state_or_side_is_refused_and_nothing_written(
    personas, referral, who, target, message
) -> None:
    log_before = ProcessingLogEntry.objects.count()
    with pytest.raises(CoordinationError, match=message):
        referral_transition(
            actor=_actor(getattr(personas, who)), referral=referral, to_state=target
        )
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    assert referral.transitions.count() == 1
    assert ProcessingLogEntry.objects.count() == log_before


def test_withdraw_without_a_reason_is_refused_and_with_one_stays_visible_with_who_and_why(
    personas, referral, client_for
) -> None:
    officer = _actor(personas.probation_officer)
    with pytest.raises(CoordinationError, match="Why the referral is withdrawn"):
        referral_transition(
            actor=officer, referral=referral, to_state=ReferralState.WITHDRAWN, reason="  "
        )
    assert referral.transitions.count() == 1
    referral_transition(
        actor=officer,
        referral=referral,
        to_state=ReferralState.WITHDRAWN,
        reason="He moved to his sister's in another town.",
    )
    for user in (personas.probation_officer, personas.partner_user):
        page = client_for(user).get(reverse("coordination:referral-detail", args=[referral.pk]))
        body = page.content.decode()
        assert page.status_code == 200
        assert "He moved to his sister&#x27;s in another town." in body
        assert personas.probation_officer.display_name in body
    listing = client_for(personas.partner_user).get(
        reverse("coordination:referral-list") + "?show=all"
    )
    assert referral.person.reference in listing.content.decode()


def test_messages_pass_between_sender_and_recipient_but_not_others_or_after_closing(
    personas, referral
) -> None:
    referral_message_send(
        actor=_actor(personas.partner_user), referral=referral, body="Can he come on Monday?"
    )
    referral_message_send(
        actor=_actor(personas.probation_officer), referral=referral, body="Yes, at ten."
    )
    with pytest.raises(CoordinationError, match="Only the referring service"):
        referral_message_send(actor=_actor(personas.unrelated), referral=referral, body="Hi")
    with pytest.raises(CoordinationError, match="Write the message"):
        referral_message_send(actor=_actor(personas.partner_user), referral=referral, body=" ")
    referral_transition(
        actor=_actor(personas.partner_user),
        referral=referral,
        to_state=ReferralState.DECLINED,
        reason="No capacity this month.",
    )
    with pytest.raises(CoordinationError, match="closed"):
        referral_message_send(actor=_actor(personas.partner_user), referral=referral, body="Bye")
    assert ReferralMessage.objects.count() == 2
