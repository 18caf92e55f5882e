/** @odoo-module **/
// Copyright 2026 hr_goede_gesprek contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Portal parity: a portal-only employee asks for other hours, prepares the
// next conversation and proposes an agreement there (tests/test_portal_parity_tour.py).

import {registry} from "@web/core/registry";

function isoDateInMonths(months) {
    const date = new Date();
    date.setDate(1);
    date.setMonth(date.getMonth() + months);
    return date.toISOString().slice(0, 10);
}

registry.category("web_tour.tours").add("hr_goede_gesprek_portal_parity", {
    steps: () => [
        {
            content: "Open my hours requests",
            trigger: ".o_portal_docs a[href='/my/hours']",
            run: "click",
        },
        {
            content: "Ask for other hours",
            trigger: ".o_gg_new_hours_request",
            run: "click",
        },
        {
            content: "The legal terms are shown",
            trigger: ".o_gg_hours_terms",
        },
        {
            content: "From a date four months ahead",
            trigger: ".o_gg_hours_form input[name='date_start']",
            run() {
                // A date input takes its value in ISO form.
                this.anchor.value = isoDateInMonths(4);
            },
        },
        {
            content: "Current hours",
            trigger: ".o_gg_hours_form input[name='hours_current']",
            run: "edit 36",
        },
        {
            content: "Requested hours",
            trigger: ".o_gg_hours_form input[name='hours_requested']",
            run: "edit 28",
        },
        {
            content: "Send the request",
            trigger: ".o_gg_submit_hours",
            run: "click",
        },
        {
            content: "The request waits for a decision, deemed granted without one",
            trigger: ".o_gg_hours_request[data-state='submitted'] .o_gg_hours_deemed",
        },
        {
            content: "Back home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Prepare my next conversation",
            trigger: ".o_portal_docs a[href='/my/prepare']",
            run: "click",
        },
        {
            content: "The open agreement of last year is at hand",
            trigger: ".o_gg_prepare_agreement:contains('Elke maand samen de maairoutes')",
        },
        {
            content: "Last year's report is at hand",
            trigger: ".o_gg_previous_report:contains('zitmaaier')",
        },
        {
            content: "Put a topic of the conversation card on the agenda",
            trigger: ".o_gg_prepare_topic:first .o_gg_put_on_agenda",
            run: "click",
        },
        {
            content: "Put the open agreement on the agenda",
            trigger: ".o_gg_prepare_agreement:first .o_gg_put_on_agenda",
            run: "click",
        },
        {
            content: "The agreement is on the agenda",
            trigger:
                ".o_gg_prepare_agenda_line .o_gg_agenda_name:contains('Elke maand samen de maairoutes')",
        },
        {
            content: "Propose an agreement",
            trigger: ".o_gg_agreement_form input[name='name']",
            run: "edit De cursus zitmaaier volgen",
        },
        {
            content: "Send the proposal",
            trigger: ".o_gg_propose_agreement",
            run: "click",
        },
        {
            content: "The proposal is an agreement of this conversation",
            trigger:
                ".o_gg_prepare_new_agreement .o_gg_agreement_name:contains('De cursus zitmaaier volgen')",
        },
    ],
});
