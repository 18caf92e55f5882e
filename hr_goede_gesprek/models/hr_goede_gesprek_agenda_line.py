# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agenda of a conversation: its items follow the conversation.

The roles and the state of the declared policy are the conversation's: its
employee and partners (and HR) change the agenda while it is open (preparing,
planned, held); only the employee orders it. Who added an item (``author``,
``author_user_id``) and where it was carried over from are set by the system.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_goede_gesprek_health_guard_mixin import health_onchange

# What the parties write on an item while the agenda is open.
ITEM_FIELDS = frozenset(
    {"name", "description", "topic_id", "discussed", "notes", "carry_over"}
)
# The employee sets the order of the agenda (HR may help).
ORDER_FIELDS = frozenset({"sequence"})
AGENDA_OPEN_STATES = ("preparing", "planned", "held")
POLICY_WRITE = {
    state: {
        "employee": ITEM_FIELDS | ORDER_FIELDS,
        "partner": ITEM_FIELDS,
        "hr": ITEM_FIELDS | ORDER_FIELDS,
    }
    for state in AGENDA_OPEN_STATES
}
POLICY_CREATE_FIELDS = ITEM_FIELDS | ORDER_FIELDS | {"conversation_id"}

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
    _inherit = [
        "hr.goede.gesprek.workflow.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _order = "conversation_id, sequence, id"
    _policy_create = {
        "employee": POLICY_CREATE_FIELDS,
        "partner": POLICY_CREATE_FIELDS,
        "hr": POLICY_CREATE_FIELDS,
    }
    _policy_write = POLICY_WRITE
    _policy_unlink = {
        state: {"employee", "partner", "hr"} for state in AGENDA_OPEN_STATES
    }
    # The conversation's state selects the row.
    _policy_state_field = "conversation_id.state"

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
    # Who added the item: the portal lets each side edit its own items.
    author = fields.Selection(
        [("employee", "Employee"), ("partner", "Conversation partner")],
        compute="_compute_author",
        store=True,
        precompute=True,
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

    @api.depends("conversation_id")
    def _compute_author(self):
        """The side of the user who adds the item: the employee, or else a
        partner (or HR on their behalf). Set once, on creation."""
        for line in self:
            if line.author:
                continue
            party = line.conversation_id and line.conversation_id._get_user_party()
            line.author = "employee" if party == "employee" else "partner"

    @api.constrains("carried_from_id", "conversation_id")
    def _check_carried_from_same_employee(self):
        for line in self.sudo().filtered("carried_from_id"):
            if line.carried_from_id.employee_id != line.employee_id:
                raise ValidationError(
                    self.env._(
                        "The agenda item “%(name)s” can only be carried over "
                        "between conversations of the same employee.",
                        name=line.name,
                    )
                )

    _onchange_health_words = health_onchange("description", "notes")

    @api.onchange("topic_id")
    def _onchange_topic_id(self):
        if self.topic_id and not self.name:
            self.name = self.topic_id.name

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
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
        # The state and the order first, with their own messages; then the
        # declared policy (the workflow mixin, in super).
        self.conversation_id._check_agenda_editable()
        if "sequence" in vals and not self.env.su:
            self.conversation_id._check_can_reorder_agenda()
        return super().write(vals)

    def unlink(self):
        # The state first, with its own message; then the declared policy
        # (the workflow mixin, in super).
        if not self.env.su:
            self.conversation_id._check_agenda_editable()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.conversation_id._check_agenda_editable()

    # ------------------------------------------------------------------
    # Business: the conversation's roles and state decide (policy)
    # ------------------------------------------------------------------
    def _policy_roles(self):
        """The roles of the current user on the item's conversation."""
        self.ensure_one()
        # sudo: only follows the link; the roles are the current user's.
        return self.sudo().conversation_id.with_env(self.env)._policy_roles()

    @api.model
    def _policy_roles_create(self, vals):
        conversation = self.env["hr.goede.gesprek"].browse(
            vals.get("conversation_id") or []
        )
        return conversation._policy_roles() if conversation else set()

    # ------------------------------------------------------------------
    # Business: carrying items over
    # ------------------------------------------------------------------
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
