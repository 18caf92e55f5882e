# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the conversation felt: a few short questions both sides may answer.

After a conversation was held, the employee and the conversation partner each
may answer the questions below on a 1-5 scale, once. An answer is read by its
author only; HR and managers see answers only aggregated, on the dashboard
(``hr.goede.gesprek.report.experience``), and only for groups of at least k
employees (``res.company.goede_gesprek_k_anonymity``). Answers are given
through :meth:`action_submit` (backend wizard and portal alike): the guard runs
as the user, the create with ``sudo()``; nobody writes an answer through the
ORM directly, and answers are final.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.declarations import row_value

QUESTIONS = [
    ("heard", "Did you feel heard?"),
    ("useful", "Was the conversation useful to you?"),
    ("equal", "Did you talk as equals?"),
]
ANSWERABLE_STATES = ("held", "report", "done")
SCORES = range(1, 6)


class HrGoedeGesprekExperience(models.Model):
    _name = "hr.goede.gesprek.experience"
    _description = "Good Conversation Experience Answer"
    _inherit = ["hr.goede.gesprek.system.record.mixin"]
    _order = "id desc"
    # Only action_submit creates answers (sudo, after its guard); answers are
    # final.

    conversation_id = row_value(
        fields.Many2one, "hr.goede.gesprek", ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(
        related="conversation_id.employee_id", store=True, string="Employee"
    )
    company_id = fields.Many2one(
        related="conversation_id.company_id", store=True, string="Company"
    )
    user_id = row_value(fields.Many2one, "res.users", string="Answered by", index=True)
    party = row_value(
        fields.Selection,
        [("employee", "Employee"), ("partner", "Conversation partner")],
    )
    question = row_value(fields.Selection, QUESTIONS)
    score = row_value(fields.Integer, help="1 (not at all) to 5.")

    _sql_constraints = [
        (
            "conversation_user_question_uniq",
            "unique(conversation_id, user_id, question)",
            "You answer each question once per conversation.",
        ),
        ("score_range", "CHECK(score BETWEEN 1 AND 5)", "A score is 1 to 5."),
    ]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def action_submit(self, conversation_id, scores):
        """Answer the questions of ``scores`` ({question: 1-5}) about the
        conversation ``conversation_id``, as the current user."""
        conversation = self.env["hr.goede.gesprek"].browse(conversation_id).exists()
        party, clean = self._check_can_submit(conversation, scores)
        return self._do_submit(conversation, party, clean)

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _check_can_submit(self, conversation, scores):
        if not conversation:
            raise AccessError(self.env._("This conversation does not exist."))
        conversation.check_access("read")
        party = conversation._get_user_party()
        if not party:
            raise AccessError(
                self.env._(
                    "Only the employee and the conversation partner answer how "
                    "the conversation felt."
                )
            )
        if conversation.state not in ANSWERABLE_STATES:
            raise UserError(
                self.env._("You can say how it felt once the conversation was held.")
            )
        questions = dict(self._fields["question"]._description_selection(self.env))
        clean = {}
        for question, score in (scores or {}).items():
            if question not in questions:
                raise ValidationError(
                    self.env._("Unknown question: %(question)s.", question=question)
                )
            if not score:
                continue
            try:
                score = int(score)
            except (TypeError, ValueError):
                score = 0
            if score not in SCORES:
                raise ValidationError(
                    self.env._(
                        "Answer “%(question)s” with 1 to 5.",
                        question=questions[question],
                    )
                )
            clean[question] = score
        if not clean:
            raise UserError(self.env._("Answer at least one question."))
        # sudo: the user's own earlier answers, to refuse a second one.
        done = self.sudo().search(
            [
                ("conversation_id", "=", conversation.id),
                ("user_id", "=", self.env.uid),
                ("question", "in", list(clean)),
            ]
        )
        if done:
            raise UserError(
                self.env._("You already answered how this conversation felt.")
            )
        return party, clean

    @api.model
    def _do_submit(self, conversation, party, scores):
        # sudo: answers are created by the system, for the current user, once
        # the guard above allowed it (portal users hold no create right).
        return (
            self.sudo()
            .create(
                [
                    {
                        "conversation_id": conversation.id,
                        "user_id": self.env.uid,
                        "party": party,
                        "question": question,
                        "score": score,
                    }
                    for question, score in scores.items()
                ]
            )
            .with_env(self.env)
        )
