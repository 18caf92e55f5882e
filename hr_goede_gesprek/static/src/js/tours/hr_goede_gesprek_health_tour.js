/** @odoo-module **/
// Copyright 2026 hr_goede_gesprek contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The portal's health-data warning (tests/test_health_guard.py): a note that
// names an illness shows the warning, a clean note hides it again.

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("hr_goede_gesprek_health_guard", {
    steps: () => [
        {
            content: "Write a note about an illness",
            trigger: "input#gg_new_description[data-gg-health-check]",
            run: "edit Na mijn ziekmelding wil ik minder uren",
        },
        {
            content: "The warning names the word",
            trigger: ".o_gg_health_warning:not(.d-none):contains(ziek)",
        },
        {
            content: "Write a work-related note instead",
            trigger: "input#gg_new_description",
            run: "edit Ik wil een cursus volgen",
        },
        {
            content: "The warning is gone; nothing was blocked",
            trigger: "form.o_gg_agenda_add:not(:has(.o_gg_health_warning:not(.d-none)))",
        },
        {
            content: "The page has loaded in full (its chatter too) before the tour ends",
            trigger: "#chatterRoot:shadow .o-mail-Chatter",
        },
    ],
});
