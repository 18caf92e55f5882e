# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A theme of the conversation card (praatkaart): it groups the topics.

Shipped as data; each organisation edits, adds (e.g. its own core values) and
archives themes. A record without company is shared by all companies.
"""

from odoo import fields, models

# Configuration: the addon's HR administrators write it (ACL), nobody else.
GROUP_FIELDS = frozenset(
    {"name", "description", "sequence", "active", "color", "company_id", "topic_ids"}
)


class HrGoedeGesprekTopicGroup(models.Model):
    _name = "hr.goede.gesprek.topic.group"
    _description = "Conversation Card Theme"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "sequence, id"
    _check_company_auto = True
    _policy_create = {"admin": GROUP_FIELDS}
    _policy_write = {"*": {"admin": GROUP_FIELDS}}
    _policy_unlink = {"*": {"admin"}}
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share it with all companies."
    )
    topic_ids = fields.One2many("hr.goede.gesprek.topic", "group_id", string="Topics")
    topic_count = fields.Integer(compute="_compute_topic_count")

    def _compute_topic_count(self):
        counts = dict(
            self.env["hr.goede.gesprek.topic"]._read_group(
                [("group_id", "in", self.ids)], ["group_id"], ["__count"]
            )
        )
        for group in self:
            group.topic_count = counts.get(group, 0)
