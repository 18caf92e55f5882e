/** @odoo-module **/
// Copyright 2026 hr_goede_gesprek contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("hr_goede_gesprek_tour", {
    url: "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_action_my",
    steps: () => [
        {
            content: "Start a new conversation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Give it a name",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Autumn conversation",
        },
        {
            content: "Choose the employee",
            trigger: ".o_field_widget[name='employee_id'] input",
            run: "edit Tour Employee",
        },
        {
            content: "Pick the employee in the dropdown",
            trigger: ".o-autocomplete--dropdown-menu a:contains(Tour Employee)",
            run: "click",
        },
        {
            content: "Choose the location",
            trigger: ".o_field_widget[name='location'] input",
            run: "edit Walk in the park",
        },
        {
            content: "Add an agenda item",
            trigger:
                ".o_field_widget[name='agenda_line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Describe the item",
            trigger:
                ".o_field_widget[name='agenda_line_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit Workload in the autumn",
        },
        {
            content: "Save the conversation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The conversation is saved with its agenda item",
            trigger:
                ".o_form_saved .o_field_widget[name='agenda_line_ids'] .o_data_row:contains(Workload in the autumn)",
        },
    ],
});
