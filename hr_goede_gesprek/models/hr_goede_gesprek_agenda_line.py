# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CARRY_FIELDS = (
    "sequence",
    "author",
    "author_user_id",
    "topic_id",
    "name",
    "description",
)


class HrGoedeGesprekAgendaLine(models.Model):
    _name = "hr.goede.gesprek.agenda.line"
    _description = "Good Conversation Agenda Item"
    _order = "conversation_id, sequence, id"

    conversation_id = fields.Many2one(
        "hr.goede.gesprek", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(
        related="conversation_id.employee_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="conversation_id.company_id", store=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    author = fields.Selection(
        [("employee", "Employee"), ("partner", "Conversation partner")],
        default="employee",
        required=True,
    )
    author_user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    topic_id = fields.Many2one("hr.goede.gesprek.topic", string="Topic")
    name = fields.Char(string="Item", required=True)
    description = fields.Text()
    discussed = fields.Boolean()
    notes = fields.Text()
    carry_over = fields.Boolean(
        help="Not finished: put it on the employee's next conversation."
    )
    carried_from_id = fields.Many2one(
        "hr.goede.gesprek.agenda.line",
        string="Carried over from",
        readonly=True,
        index="btree_not_null",
    )
    carried_to_ids = fields.One2many(
        "hr.goede.gesprek.agenda.line", "carried_from_id", string="Carried over to"
    )

    @api.onchange("topic_id")
    def _onchange_topic_id(self):
        if self.topic_id and not self.name:
            self.name = self.topic_id.name

    @api.model_create_multi
    def create(self, vals_list):
        conversations = self.env["hr.goede.gesprek"].browse(
            {
                vals["conversation_id"]
                for vals in vals_list
                if vals.get("conversation_id")
            }
        )
        for vals in vals_list:
            if "author" in vals or not vals.get("conversation_id"):
                continue
            conversation = conversations.browse(vals["conversation_id"])
            if conversation.employee_id.user_id != self.env.user:
                # Not the employee: a partner (or HR on their behalf) adds it.
                vals["author"] = "partner"
            if not vals.get("name") and vals.get("topic_id"):
                vals["name"] = (
                    self.env["hr.goede.gesprek.topic"].browse(vals["topic_id"]).name
                )
        lines = super().create(vals_list)
        # Data files load as superuser: they may record the items of a
        # conversation that was already signed. Nobody else may.
        if not self.env.su:
            lines.conversation_id._check_agenda_editable()
        return lines

    def write(self, vals):
        self.conversation_id._check_agenda_editable()
        if "conversation_id" in vals:
            self.env["hr.goede.gesprek"].browse(
                vals["conversation_id"]
            )._check_agenda_editable()
        if "sequence" in vals and not self.env.su:
            self.conversation_id._check_can_reorder_agenda()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.conversation_id._check_agenda_editable()

    def _get_open_items(self):
        """Items to put on the next conversation: not finished or not discussed."""
        return self.filtered(
            lambda line: (line.carry_over or not line.discussed)
            and not line.carried_to_ids
        )

    def _get_copy_values(self):
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "author": self.author,
            "author_user_id": self.author_user_id.id,
            "topic_id": self.topic_id.id,
            "name": self.name,
            "description": self.description,
        }

    def _prepare_carry_over(self, target):
        return [
            {
                **line._get_copy_values(),
                "conversation_id": target.id,
                "carried_from_id": line.id,
            }
            for line in self
        ]
