# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrGoedeGesprekTopicGroup(models.Model):
    _name = "hr.goede.gesprek.topic.group"
    _description = "Conversation Card Theme"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    topic_ids = fields.One2many("hr.goede.gesprek.topic", "group_id")


class HrGoedeGesprekTopic(models.Model):
    _name = "hr.goede.gesprek.topic"
    _description = "Conversation Card Topic"
    _order = "group_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    group_id = fields.Many2one("hr.goede.gesprek.topic.group", string="Theme")
    prompt = fields.Text(translate=True, help="Questions that help prepare.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
