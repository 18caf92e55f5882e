# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Het Goede Gesprek",
    "summary": "Regular, equal conversations between employee and manager: "
    "agendas led by the employee, signed reports and followed-up agreements",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/hr-goede-gesprek/hr_goede_gesprek",
    "author": "hr_goede_gesprek contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["hr", "mail", "portal", "calendar"],
    "data": [
        "security/hr_goede_gesprek_groups.xml",
        "security/ir.model.access.csv",
        "security/hr_goede_gesprek_security.xml",
        "security/hr_goede_gesprek_topic_security.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/hr_goede_gesprek_topic_data.xml",
        "report/hr_goede_gesprek_reports.xml",
        "report/hr_goede_gesprek_templates.xml",
        "wizard/hr_goede_gesprek_reschedule_views.xml",
        "wizard/hr_goede_gesprek_sign_views.xml",
        "views/hr_goede_gesprek_topic_views.xml",
        "views/hr_goede_gesprek_agreement_views.xml",
        "views/hr_goede_gesprek_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "views/hr_goede_gesprek_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/hr_goede_gesprek_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_goede_gesprek/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
