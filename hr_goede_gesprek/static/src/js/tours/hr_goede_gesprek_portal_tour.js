/** @odoo-module **/
// Copyright 2026 hr_goede_gesprek contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Portal tours; the Python tests (tests/test_portal_tour.py) set up the data
// and give each tour its start URL.

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("hr_goede_gesprek_portal_prepare", {
    steps: () => [
        {
            content: "Write a new agenda item",
            trigger: ".o_gg_agenda_add input[name='name']",
            run: "edit Working with the new mower",
        },
        {
            content: "Pick a topic of the conversation card",
            trigger: ".o_gg_agenda_add select[name='topic_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Add it to the agenda",
            trigger: ".o_gg_add_item",
            run: "click",
        },
        {
            content: "The item is on the agenda",
            trigger: ".o_gg_agenda_name:contains('Working with the new mower')",
        },
        {
            content: "Add a second item",
            trigger: ".o_gg_agenda_add input[name='name']",
            run: "edit My training wishes",
        },
        {
            content: "Add it",
            trigger: ".o_gg_add_item",
            run: "click",
        },
        {
            content: "The second item is on the agenda",
            trigger: ".o_gg_agenda_line:last-child .o_gg_agenda_name:contains('My training wishes')",
        },
        {
            content: "Move the second item up",
            trigger: ".o_gg_agenda_line:last-child .o_gg_move_up",
            run: "click",
        },
        {
            content: "The training wishes come first now",
            trigger:
                ".o_gg_agenda_line:first-child .o_gg_agenda_name:contains('My training wishes')",
        },
        {
            content: "Share the agenda",
            trigger: ".o_gg_share_agenda",
            run: "click",
        },
        {
            content: "The agenda is shared",
            trigger: ".o_gg_agenda_shared",
        },
    ],
});

registry.category("web_tour.tours").add("hr_goede_gesprek_portal_sign", {
    steps: () => [
        {
            content: "Open the signature dialog (as agreed)",
            trigger: ".o_gg_sign_agreed",
            run: "click",
        },
        {
            content: "The name is filled in: the signature can be sent",
            trigger: ".modal.show .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The report is signed",
            trigger: ".o_gg_conversation:not(:has(.o_gg_sign_agreed))",
        },
        {
            content: "Agree to the proposed agreement",
            trigger: ".o_gg_agreement_confirm",
            run: "click",
        },
        {
            content: "Our side is confirmed: the button is gone",
            trigger: ".o_gg_agreement:not(:has(.o_gg_agreement_confirm))",
        },
    ],
});

registry.category("web_tour.tours").add("hr_goede_gesprek_feedback_respond", {
    steps: () => [
        {
            content: "Answer the first question",
            trigger: ".o_gg_respond_form textarea:first",
            run: "edit You plan the routes very well.",
        },
        {
            content: "Answer the second question",
            trigger: ".o_gg_respond_form textarea:last",
            run: "edit Tell us earlier when routes change.",
        },
        {
            content: "Send the feedback",
            trigger: ".o_gg_respond_submit",
            run: "click",
        },
        {
            content: "Thanked; the link is used up",
            trigger: ".o_gg_token_status[data-status='thanks']",
        },
    ],
});

registry.category("web_tour.tours").add("hr_goede_gesprek_feedback_share", {
    steps: () => [
        {
            content: "Both answers are there, private",
            trigger: ".o_gg_answer_text:contains('Tell us earlier when routes change.')",
        },
        {
            content: "Share the first answer with the manager",
            trigger:
                ".o_gg_answer:has(.o_gg_answer_text:contains('You plan the routes very well.')) .o_gg_share",
            run: "click",
        },
        {
            content: "That answer is shared now",
            trigger:
                ".o_gg_answer[data-shared='1'] .o_gg_answer_text:contains('You plan the routes very well.')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_goede_gesprek_feedback_manager", {
    steps: () => [
        {
            content: "The manager sees the shared answer",
            trigger: ".o_data_row:contains('You plan the routes very well.')",
        },
        {
            content: "and only that one",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains('Tell us earlier')))",
        },
    ],
});

registry.category("web_tour.tours").add("hr_goede_gesprek_portal_object", {
    steps: () => [
        {
            content: "The decision is there, its term running",
            trigger: ".o_gg_decision_text:contains('Text of Salary step for Kees')",
        },
        {
            content: "Write the grounds of the objection",
            trigger: "textarea[name='grounds']",
            run: "edit My work was better than this.",
        },
        {
            content: "File the objection",
            trigger: ".o_gg_decision_object",
            run: "click",
        },
        {
            content: "The objection is on the decision page",
            trigger: ".o_gg_objection:contains('My work was better than this.')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_goede_gesprek_portal_request_appraisal", {
    steps: () => [
        {
            content: "Say why",
            trigger: ".o_gg_appraisal_request textarea[name='request_reason']",
            run: "edit I want my work on record.",
        },
        {
            content: "Request an appraisal",
            trigger: ".o_gg_appraisal_request button[type='submit']",
            run: "click",
        },
        {
            content: "The request is open",
            trigger: "h4:contains('Appraisal Kees Portal')",
        },
    ],
});
