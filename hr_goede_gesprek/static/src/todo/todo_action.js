/** @odoo-module **/
// The start screen "My to-dos": one call to hr.goede.gesprek.todo.get_todos
// (one count per item, as the user); a click opens the item's records.
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class GoedeGesprekTodo extends Component {
    static template = "hr_goede_gesprek.Todo";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({groups: []});
        onWillStart(() => this.load());
    }

    async load() {
        this.state.groups = await this.orm.call("hr.goede.gesprek.todo", "get_todos", []);
    }

    async open(item) {
        const action = await this.orm.call("hr.goede.gesprek.todo", "action_open_todo", [
            item.key,
        ]);
        await this.action.doAction(action);
    }
}

registry.category("actions").add("hr_goede_gesprek.todo", GoedeGesprekTodo);
