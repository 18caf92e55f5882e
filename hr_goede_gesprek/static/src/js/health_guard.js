/** @odoo-module **/
// Copyright 2026 hr_goede_gesprek contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The portal's health-data warning: a free text marked data-gg-health-check
// shows an inline warning while its text contains a word of the list
// (hr.goede.gesprek.health.word, read once per page from
// /goede-gesprek/health-words). Nothing is blocked, nothing is stored.
// A word matches at the start of a word, in any case (as tools/health.py).

import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";
import {_t} from "@web/core/l10n/translation";

let wordsPromise = null;

function loadWords() {
    if (!wordsPromise) {
        wordsPromise = rpc("/goede-gesprek/health-words").catch(() => []);
    }
    return wordsPromise;
}

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function findHealthWords(text, words) {
    const plain = (text || "").toLowerCase();
    if (!plain || !words) {
        return [];
    }
    return words.filter((word) =>
        new RegExp("(^|[^\\p{L}\\p{N}_])" + escapeRegExp(word), "u").test(plain)
    );
}

publicWidget.registry.GoedeGesprekHealthGuard = publicWidget.Widget.extend({
    selector: "[data-gg-health-check]",
    events: {input: "_onInput"},

    start() {
        this.words = [];
        this.warningEl = document.createElement("div");
        this.warningEl.className = "form-text text-warning o_gg_health_warning d-none";
        this.warningEl.setAttribute("role", "status");
        this.el.after(this.warningEl);
        loadWords().then((words) => {
            this.words = words || [];
            this._check();
        });
        return this._super(...arguments);
    },

    destroy() {
        this.warningEl?.remove();
        this._super(...arguments);
    },

    _onInput() {
        this._check();
    },

    _check() {
        const found = findHealthWords(this.el.value, this.words);
        this.warningEl.classList.toggle("d-none", !found.length);
        this.warningEl.textContent = found.length
            ? _t(
                  "Health data? Your text contains %(words)s. Talk about wellbeing freely, but write down only work-related agreements, never diagnoses, illness or medical details.",
                  {words: found.map((word) => `“${word}”`).join(", ")}
              )
            : "";
    },
});

export default publicWidget.registry.GoedeGesprekHealthGuard;
