/** @odoo-module **/
// Copyright 2026 hr_goede_gesprek contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// One day of each role, from the start screen "My to-dos" (demo data).
// The demo users work in Dutch: steps select by ids, names and values, never
// by a translated label.

import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

const todo = (key, count) => `.o_gg_todo_item_${key}[data-count='${count}']`;
const state = (value) => `.o_statusbar_status .o_arrow_button_current[data-value='${value}']`;
const backToTodos = () => ({
    content: "Back to my to-dos",
    trigger: ".o_breadcrumb .breadcrumb-item:first-child a",
    run: "click",
});
// Open the one record of to-do ``key``, press ``button`` (then the ``extra``
// steps: a dialog), see the state ``value``, and the to-do gone.
// The form's hint: what happens next and who acts.
const hint = () => ({
    content: "The form says what happens next",
    trigger: ".o_form_view div[name='next_step_hint'] .o_field_widget:not(:empty)",
});
const actOn = (key, button, value, extra = []) => [
    {content: `One record for ${key}`, trigger: todo(key, 1), run: "click"},
    hint(),
    {content: `Press ${button}`, trigger: `.o_form_view button[name='${button}']`, run: "click"},
    ...extra,
    {content: `Confirmed: ${value}`, trigger: state(value)},
    {
        content: "The hint follows the new state",
        trigger: ".o_form_view div[name='next_step_hint'] .o_field_widget:not(:empty)",
    },
    backToTodos(),
    {content: `Nothing left for ${key}`, trigger: todo(key, 0)},
];
const signReport = (key) =>
    actOn(key, "action_open_sign_wizard", "done", [
        {
            content: "Sign as seen",
            trigger: ".modal .o_field_widget[name='mode'] input[data-value='seen']",
            run: "click",
        },
        {content: "Sign", trigger: ".modal button[name='action_sign']", run: "click"},
    ]);

tours.add("hr_goede_gesprek_day_employee", {
    steps: () => [
        {content: "One conversation to prepare", trigger: todo("prepare", 1), run: "click"},
        hint(),
        {
            content: "Add a topic to the agenda",
            trigger: ".o_field_widget[name='agenda_line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the topic",
            trigger:
                ".o_field_widget[name='agenda_line_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit De volgende planningsronde leiden",
        },
        {content: "Save", trigger: ".o_form_button_save", run: "click"},
        {
            content: "Share the agenda",
            trigger: ".o_form_saved button[name='action_share_agenda']",
            run: "click",
        },
        {
            content: "The agenda is shared (the manager is told in the chatter)",
            trigger: ".o-mail-Message",
        },
        backToTodos(),
        {content: "Nothing left to prepare", trigger: todo("prepare", 0)},
        ...signReport("employee_sign"),
    ],
});

tours.add("hr_goede_gesprek_day_manager", {
    steps: () => [
        {content: "Conversations to plan", trigger: ".o_gg_todo_item_plan", run: "click"},
        {
            content: "Open the requested conversation",
            trigger: ".o_data_row:contains('Aangevraagd gesprek') .o_data_cell:first",
            run: "click",
        },
        hint(),
        {content: "Plan it", trigger: "button[name='action_plan']", run: "click"},
        {content: "It is planned", trigger: state("planned")},
        hint(),
        backToTodos(),
        ...actOn("hold", "action_hold", "held"),
        ...signReport("partner_sign"),
    ],
});

tours.add("hr_goede_gesprek_day_hr", {
    steps: () => [
        ...actOn("reward_approve", "action_approve", "approved"),
        ...actOn("decision_issue", "action_issue", "issued", [
            {content: "Confirm", trigger: ".modal-footer .btn-primary", run: "click"},
        ]),
    ],
});

tours.add("hr_goede_gesprek_day_portal", {
    steps: () => [
        {
            content: "My decisions, with their counter",
            trigger: ".o_gg_portal_card a[href='/my/decisions']:has(.o_gg_portal_count:not(:empty))",
            run: "click",
        },
        {content: "Open the decision", trigger: ".o_gg_decision_row a", run: "click"},
        {content: "Open the letter (confirm receipt)", trigger: ".o_gg_decision_open", run: "click"},
        {content: "Back to my decisions", trigger: "body", run: "goToUrl /my/decisions"},
        {content: "Open the decision again", trigger: ".o_gg_decision_row a", run: "click"},
        {content: "The receipt is recorded", trigger: ".o_gg_decision_received"},
        {
            content: "Write the grounds of the objection",
            trigger: "textarea[name='grounds']",
            run: "edit De periodiek past niet bij mijn werk.",
        },
        {content: "File the objection", trigger: ".o_gg_decision_object", run: "click"},
        {content: "Confirmed: what happened and what comes next", trigger: ".o_gg_portal_message"},
        {
            content: "The objection is on the decision page",
            trigger: ".o_gg_objection:contains('De periodiek past niet bij mijn werk.')",
        },
    ],
});
