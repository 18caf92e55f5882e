# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A theme of the conversation card (praatkaart): it groups the topics.

Shipped as data; each organisation edits, adds (e.g. its own core values) and
archives themes. A record without company is shared by all companies.
"""

from odoo import fields, models

from .hr_goede_gesprek_catalogue_mixin import CATALOGUE_FIELDS

# Configuration: the addon's HR administrators write it (ACL), nobody else.
GROUP_FIELDS = CATALOGUE_FIELDS | {"description", "color", "topic_ids"}


class HrGoedeGesprekTopicGroup(models.Model):
    _name = "hr.goede.gesprek.topic.group"
    _description = "Conversation Card Theme"
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    _policy_create = {"admin": GROUP_FIELDS}
    _policy_write = {"*": {"admin": GROUP_FIELDS}}
    _policy_unlink = {"*": {"admin"}}

    description = fields.Text(translate=True)
    color = fields.Integer()
    topic_ids = fields.One2many("hr.goede.gesprek.topic", "group_id", string="Topics")
    topic_count = fields.Integer(compute="_compute_topic_count")

    def _compute_topic_count(self):
        counts = self._count_per_record("hr.goede.gesprek.topic", "group_id")
        for group in self:
            group.topic_count = counts.get(group, 0)
