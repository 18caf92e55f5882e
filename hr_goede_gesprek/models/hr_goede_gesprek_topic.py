# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A topic of the conversation card (praatkaart), with its prompts.

Shipped as data; each organisation edits, adds (e.g. its own core values) and
archives themes and topics. A record without company is shared by all companies.
"""

from odoo import fields, models

from .hr_goede_gesprek_catalogue_mixin import CATALOGUE_FIELDS
from .hr_goede_gesprek_legal_mixin import configuration_policy

# Configuration: the addon's HR administrators write it (ACL), nobody else.
TOPIC_FIELDS = CATALOGUE_FIELDS | {"group_id", "prompt", "sensitive"}


class HrGoedeGesprekTopic(models.Model):
    _name = "hr.goede.gesprek.topic"
    _description = "Conversation Card Topic"
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    _order = "group_id, sequence, id"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(TOPIC_FIELDS)

    group_id = fields.Many2one(
        "hr.goede.gesprek.topic.group",
        string="Theme",
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    prompt = fields.Text(translate=True, help="Questions that help prepare.")
    sensitive = fields.Boolean(
        string="Wellbeing topic",
        help="Talk about it freely, but record only work-related agreements: "
        "never health details or diagnoses.",
    )
