# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A history of every document type for one employee, built directly as the
superuser (fixtures, not workflow): shared by the access-request tests and
the bench (bench_access_request.py)."""

import base64
import io
import json
import zipfile

RESPONDENT_NAME = "Rita Respondent"
RESPONDENT_EMAIL = "rita.respondent@example.com"


def build_history(env, employee, year=2026, conversations=1, author=None):
    """``conversations`` conversations in ``year`` for ``employee``, each with
    an agenda line, an agreement, a decision, a reward and a chatter message
    (by ``author``'s partner, default the employee's); the year also gets an
    appraisal, an objection, an hours request, a 360° request with a
    respondent and an answer, an experience answer and a trigger prompt.
    Returns {model: records}."""
    env = env(context=dict(env.context, tracking_disable=True))
    author = author or employee.user_id
    made = {}

    def add(model, vals_list):
        records = env[model].create(vals_list)
        made[model] = made.get(model, env[model]) | records
        return records

    topic = env.ref("hr_goede_gesprek.legal_topic_hours_more")
    convs = add(
        "hr.goede.gesprek",
        [
            {
                "employee_id": employee.id,
                "name": f"Conversation {year}-{n + 1}",
                "companion_name": "Carla Companion",
                "report_summary": f"<p>We talked about the work in {year}.</p>",
            }
            for n in range(conversations)
        ],
    )
    add(
        "hr.goede.gesprek.agenda.line",
        [{"conversation_id": c.id, "name": "Workload"} for c in convs],
    )
    add(
        "hr.goede.gesprek.agreement",
        [{"conversation_id": c.id, "name": "Follow a course"} for c in convs],
    )
    decisions = add(
        "hr.goede.gesprek.decision",
        [
            {
                "employee_id": employee.id,
                "subject": f"More hours {year}-{n + 1}",
                "topic_id": topic.id,
                "reasons": "The team needs it.",
            }
            for n in range(conversations)
        ],
    )
    add(
        "hr.goede.gesprek.reward",
        [
            {
                "employee_id": employee.id,
                "name": f"Bonus {year}-{n + 1}",
                "reason": "A great project.",
                "amount_net": 100,
                "amount_gross": 100,
                "conversation_id": c.id,
            }
            for n, c in enumerate(convs)
        ],
    )
    add("hr.goede.gesprek.appraisal", [{"employee_id": employee.id}])
    issued = decisions[:1]
    # A fixture: the decision is issued (the workflow's own fields).
    issued.write({"state": "issued", "date_issued": f"{year}-01-02"})
    add(
        "hr.goede.gesprek.objection",
        [
            {
                "decision_id": issued.id,
                "grounds": "I do not agree.",
                "date_received": f"{year}-01-05",
            }
        ],
    )
    add(
        "hr.goede.gesprek.hours.request",
        [
            {
                "employee_id": employee.id,
                "request_date": f"{year}-03-01",
                "date_start": f"{year}-09-01",
            }
        ],
    )
    request = add(
        "hr.goede.gesprek.feedback.request",
        [
            {
                "employee_id": employee.id,
                "name": f"Feedback {year}",
                "deadline": f"{year}-12-31",
            }
        ],
    )
    respondent = add(
        "hr.goede.gesprek.feedback.respondent",
        [
            {
                "request_id": request.id,
                "name": RESPONDENT_NAME,
                "email": RESPONDENT_EMAIL,
            }
        ],
    )
    add(
        "hr.goede.gesprek.feedback.answer",
        [
            {
                "request_id": request.id,
                "respondent_id": respondent.id,
                "answer": "Always helpful.",
                "question_id": env.ref(
                    "hr_goede_gesprek.feedback_question_strengths"
                ).id,
            }
        ],
    )
    add(
        "hr.goede.gesprek.experience",
        [
            {
                "conversation_id": convs[0].id,
                "user_id": author.id or env.uid,
                "party": "employee",
                "question": "heard",
                "score": 4,
            }
        ],
    )
    add(
        "hr.goede.gesprek.trigger.prompt",
        [
            {
                "trigger_id": env.ref("hr_goede_gesprek.trigger_feedback_shared").id,
                "res_model": "hr.goede.gesprek",
                "res_id": convs[0].id,
                "user_id": author.id or env.uid,
                "employee_id": employee.id,
                "side": "employee",
            }
        ],
    )
    partner = author.partner_id or employee.work_contact_id
    for record in [*convs, *decisions]:
        record.message_post(
            body="A note on this document.",
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
    # The invitation names the respondent in the request's chatter.
    request.message_post(
        body=f"Invitation sent to {RESPONDENT_NAME} <{RESPONDENT_EMAIL}>",
        message_type="comment",
        subtype_xmlid="mail.mt_note",
    )
    return made


def read_set(access_request):
    """The ZIP of ``access_request``: (names, data.json as dict, raw json)."""
    content = base64.b64decode(access_request.sudo().set_file)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        raw = archive.read("data.json").decode()
        return archive.namelist(), json.loads(raw), raw
